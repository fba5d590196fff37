"""`--format json`: the stable machine contract (docs/json-output.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from compliance.model.findings import Finding
from compliance.output.result import Result, Run
from compliance.output.summary import Summary
from compliance.version import __version__


def finding_object(f: Finding) -> dict[str, Any]:
    """One finding as the contract spells it; json-lines prints the same objects."""
    return {
        "path": f.path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "text": f.text,
        "section": f.section,
        "suggestion": f.suggestion,
        "fix": None
        if f.fix is None
        else {"start": f.fix.start, "end": f.fix.end, "replacement": f.fix.replacement},
    }


def render(run: Run) -> Iterator[str]:
    """The document in pieces, one file and one finding per line, to write as it goes.

    json.dumps with `indent` runs the pure-Python encoder (ten times slower on a big
    archive) and needs the whole tree in memory first; each piece here goes through
    the C encoder and is dropped once written.
    """
    results = run.results
    summary = Summary.of(results)
    head = {"tool": "complint", "version": __version__}
    yield "{\n" + "".join(f"  {_dumps(k)}: {_dumps(v)},\n" for k, v in head.items())
    yield from _array(
        "files",
        (
            {
                "path": r.path,
                "findings": len(r.findings),
                "error": _error(r),
                "warnings": list(r.warnings),
            }
            for r in results
        ),
    )
    yield ",\n"
    yield from _array("findings", (finding_object(f) for r in results for f in r.findings))
    totals = {
        "files": summary.files,
        "findings": summary.findings,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "infos": summary.infos,
        "suppressed": summary.suppressed,
    }
    yield f',\n  "summary": {_dumps(totals)}\n}}\n'


def _array(key: str, items: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    yield f"  {_dumps(key)}: ["
    separator = "\n    "
    for item in items:
        yield separator + _dumps(item)
        separator = ",\n    "
    yield "\n  ]" if separator != "\n    " else "]"


def _error(result: Result) -> str | None:
    return None if result.error is None else str(result.error)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# Stands in the one list of a document that `indented` fills from an iterable.
ITEMS = "\0complint:items\0"


def indented(document: Any, items: Iterable[Any]) -> Iterator[str]:
    """`json.dumps(document, ensure_ascii=False, indent=2) + "\n"` in pieces, where the
    list `[ITEMS]` inside `document` holds `items`, each dumped as it comes.

    SARIF, GitLab's and reviewdog's documents are one object around one long list: built
    whole, an archive's took hundreds of megabytes before a byte was written. An item
    dumped alone and indented to its depth reads exactly as in the whole document.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    mark = _dumps(ITEMS)
    at = text.index(mark)
    line_start = text.rindex("\n", 0, at) + 1
    indent = text[line_start:at]
    before, after = text[: line_start - 1], text[at + len(mark) :]  # before ends with "["
    separator = "\n"
    for item in items:
        yield before + separator if separator == "\n" else separator
        yield indent + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        separator = ",\n"
    if separator == "\n":  # no item: "[]"
        yield before + after[after.index("]") :]
    else:
        yield after
