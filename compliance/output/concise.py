"""`--format concise`: one line per finding, without the excerpt, then the summary."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.lint.engine import FileResult
from compliance.output.text import summary_line


def render(results: Sequence[FileResult], summary: bool = True) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}"
        for r in results
        for f in r.findings
    ]
    if summary:
        lines.append(summary_line(results))
    return "".join(line + "\n" for line in lines)
