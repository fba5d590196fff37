"""`--format rdjson`: reviewdog's Diagnostic Format, for `reviewdog -f=rdjson`.

https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
Positions are 1-based lines and UTF-8 *byte* columns, so a finding after Chinese text
(three bytes a character) is placed by counting the bytes of its line before it, in the
text the run kept for that (Result.source). A finding whose line is not in that text
keeps its line without a column. A suggestion with an excerpt becomes a
reviewdog suggestion replacing the excerpt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from compliance.model.document import Block, Document
from compliance.model.findings import Finding, Severity
from compliance.output.json import ITEMS, indented
from compliance.output.result import Run
from compliance.project import REPOSITORY

SEVERITY: dict[Severity, str] = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def byte_column(blocks: Sequence[Block], column: int) -> int | None:
    """The UTF-8 byte column (1-based) of code-point `column` on a line of `blocks`."""
    for block in blocks:
        if block.column <= column <= block.column + len(block.text):
            # What precedes a block on its line is indentation the reader dropped: ASCII.
            return len(block.text[: column - block.column].encode("utf-8", "surrogatepass")) + (
                block.column
            )
    return None


def _position(
    lines: Mapping[int, Sequence[Block]] | None, line: int, column: int
) -> dict[str, int]:
    position = {"line": line}
    found = byte_column(lines.get(line, ()), column) if lines is not None else None
    if found is not None:
        position["column"] = found
    return position


def _diagnostic(f: Finding, lines: Mapping[int, Sequence[Block]] | None) -> dict[str, Any]:
    where = {
        "start": _position(lines, f.line, f.column),
        "end": _position(lines, f.end_line, f.end_column),
    }
    diagnostic: dict[str, Any] = {
        "message": f.message,
        "location": {"path": f.path, "range": where},
        "severity": SEVERITY[f.severity],
        "code": {"value": f.rule},
    }
    if f.text and f.suggestion is not None:
        diagnostic["suggestions"] = [{"range": where, "text": f.suggestion}]
    return diagnostic


def _by_line(document: Document) -> dict[int, list[Block]]:
    lines: dict[int, list[Block]] = {}
    for block in document.blocks:
        lines.setdefault(block.line, []).append(block)
    return lines


def render(run: Run) -> Iterator[str]:
    """Needs the documents on the results (or their Source: the runner keeps either when
    asked) for the UTF-8 byte columns reviewdog counts in. Written one diagnostic at a
    time."""
    report = {"source": {"name": "complint", "url": REPOSITORY}, "diagnostics": [ITEMS]}
    return indented(report, _diagnostics(run))


def _diagnostics(run: Run) -> Iterator[dict[str, Any]]:
    for result in run.results:
        if result.error is not None:
            yield {
                "message": str(result.error),
                "location": {"path": result.path},
                "severity": "ERROR",
                "code": {"value": "unreadable"},
            }
        document = result.shown()
        lines = _by_line(document) if document is not None else None
        for f in result.findings:
            yield _diagnostic(f, lines)
