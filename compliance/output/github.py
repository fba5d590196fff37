"""`--format github`: workflow commands that GitHub Actions turns into annotations.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.model.findings import Severity
from compliance.output.result import Run

_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    # The runner's own escaping: a raw newline would end the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: Run) -> Iterator[str]:
    for result in run.results:
        if result.error is not None:
            where = f"file={_property(result.path)}"
            yield f"::error {where},title=complint::{_data(str(result.error))}\n"
        for f in result.findings:
            where = f"file={_property(f.path)},line={f.line},col={f.column}"
            where += f",endColumn={f.end_column}"
            message = f.message
            if f.suggestion is not None and f.text:
                message += f" ({f.text} → {f.suggestion})"
            yield f"::{_LEVEL[f.severity]} {where},title={f.rule}::{_data(message)}\n"
