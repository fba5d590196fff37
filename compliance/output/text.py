"""The default output: one line per finding, lint style, then a summary line."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from compliance.model.document import Document
from compliance.model.findings import Finding
from compliance.output.result import Result, Run, tally
from compliance.output.summary import Summary, count

_COLOURS = {"error": "31", "warning": "33", "info": "36"}
# Characters of source shown on each side of a finding: report paragraphs are long lines.
_WINDOW = 24


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


def _width(text: str) -> int:
    # A terminal gives CJK characters two cells; the caret must land under them.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def source_lines(f: Finding, document: Document, colour: bool = False) -> list[str]:
    """The finding's line of source, cut to a window around it, with carets under it."""
    if not 0 <= f.block < len(document.blocks):  # not placed on a block
        return []
    block = document.blocks[f.block]
    start = max(0, f.column - block.column)
    end = min(len(block.text), start + max(len(f.text), 1))
    left = max(0, start - _WINDOW)
    right = min(len(block.text), end + _WINDOW)
    before = ("…" if left else "") + block.text[left:start]
    shown = before + block.text[start:right] + ("…" if right < len(block.text) else "")
    gutter = str(f.line)
    carets = "^" * max(1, _width(block.text[start:end]))
    pad = " " * len(gutter)
    marks = _paint(carets, _COLOURS[f.severity], colour)
    return [f"{gutter} | {shown}", f"{pad} | {' ' * _width(before)}{marks}"]


def summary_line(results: Sequence[Result]) -> str:
    s = Summary.of(results)
    line = (
        f"Found {count(s.findings, 'finding')} ({count(s.errors, 'error')}, "
        f"{count(s.warnings, 'warning')}, {count(s.infos, 'info')}) in {count(s.files, 'file')}"
    )
    if s.unreadable:
        line += f"; {s.unreadable} could not be read"
    if s.suppressed:
        line += f"; {s.suppressed} suppressed"
    fixable = tally(results).fixable
    if fixable:
        line += f"; {fixable} fixable (--fix, or --fix-to for a .docx)"
    return line + "."


def render(run: Run) -> Iterator[str]:
    """Findings one per line; with `show_source` each shows its source (from the
    documents the results carry). Line by line: an archive's findings are written as
    they are formatted, never held as one string (docs/performance.md)."""
    for result in run.results:
        document = result.shown() if run.show_source else None
        for f in result.findings:
            yield finding_line(f, run.colour) + "\n"
            if document is not None:
                yield "".join(line + "\n" for line in source_lines(f, document, run.colour))
    if run.summary:
        yield summary_line(run.results) + "\n"
