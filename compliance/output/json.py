"""`--format json`: the stable machine contract (docs/json-output.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from compliance import __version__
from compliance.engine import FileResult
from compliance.findings import Finding
from compliance.output.summary import Summary


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
    }


def render(results: Sequence[FileResult]) -> str:
    summary = Summary.of(results)
    document: dict[str, Any] = {
        "tool": "complint",
        "version": __version__,
        "files": [{"path": r.path, "findings": len(r.findings), "error": r.error} for r in results],
        "findings": [finding_object(f) for r in results for f in r.findings],
        "summary": {
            "files": summary.files,
            "findings": summary.findings,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
