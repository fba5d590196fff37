"""`--format concise`: one line per finding, without the excerpt, then the summary."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.output.result import Run
from compliance.output.text import summary_line


def render(run: Run) -> Iterator[str]:
    for r in run.results:
        for f in r.findings:
            yield f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}\n"
    if run.summary:
        yield summary_line(run.results) + "\n"
