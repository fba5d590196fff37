"""The default output: one line per finding, lint style, then a summary line."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.engine import FileResult
from compliance.findings import Finding
from compliance.output.summary import Summary

_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def finding_line(f: Finding, colour: bool = False) -> str:
    where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", colour)
    code = _paint(f.rule, "1;" + _COLOURS[f.severity], colour)
    line = f"{where} {code} [{f.severity}] {f.message}"
    if f.text:
        line += " | " + f.text.replace("\n", " ")
        if f.suggestion is not None:
            line += " → " + _paint(f.suggestion, "32", colour)
    return line


def summary_line(results: Sequence[FileResult]) -> str:
    s = Summary.of(results)
    files = f"{s.files} file" + ("" if s.files == 1 else "s")
    line = (
        f"Found {s.findings} finding{'' if s.findings == 1 else 's'} "
        f"({s.errors} errors, {s.warnings} warnings, {s.infos} infos) in {files}"
    )
    if s.unreadable:
        line += f"; {s.unreadable} could not be read"
    return line + "."


def render(results: Sequence[FileResult], colour: bool = False) -> str:
    lines = [finding_line(f, colour) for r in results for f in r.findings]
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"
