"""`--statistics`: how often each rule fired, most frequent first, like ruff's."""

from __future__ import annotations

from compliance.output.result import Run
from compliance.output.summary import per_rule, suppressed_per_rule


def render(run: Run) -> str:
    """One line per rule that fired; then, apart, the findings reviewers suppressed."""
    rows = per_rule(run.results)
    accepted = suppressed_per_rule(run.results)
    counts = [count for *_, count in rows] + [count for *_, count in accepted]
    width = max((len(str(count)) for count in counts), default=1)
    lines = [
        f"{count:>{width}}\t{code}\t[{severity}]\t{name}\n" for code, name, severity, count in rows
    ]
    lines += [f"{count:>{width}}\t{code}\t[suppressed]\t{name}\n" for code, name, count in accepted]
    return "".join(lines)
