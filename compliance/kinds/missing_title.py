"""missing-title: a report with no title line before its first paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.report.title is None:
        yield ctx.finding_for_report(rule, ctx.report.start)


KIND = Kind(
    name="missing-title", check=check, summary="a report with no title line", whole_report=True
)
