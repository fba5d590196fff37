"""`--statistics`: how often each rule fired, most frequent first, like ruff's."""

from __future__ import annotations

from compliance.output.result import Run
from compliance.output.summary import per_rule


def render(run: Run) -> str:
    rows = per_rule(run.results)
    width = max((len(str(count)) for *_, count in rows), default=1)
    return "".join(
        f"{count:>{width}}\t{code}\t[{severity}]\t{name}\n" for code, name, severity, count in rows
    )
