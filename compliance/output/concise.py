"""`--format concise`: one line per finding, without the excerpt, then the summary."""

from __future__ import annotations

from compliance.output.result import Run
from compliance.output.text import summary_line


def render(run: Run) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}"
        for r in run.results
        for f in r.findings
    ]
    if run.summary:
        lines.append(summary_line(run.results))
    return "".join(line + "\n" for line in lines)
