"""multiple-reports: one file holds several reports (the outline found the boundaries)."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.number == 1:
        return
    index = ctx.report.title if ctx.report.title is not None else ctx.report.start
    yield ctx.finding_for_report(
        rule,
        index,
        extra={"number": str(ctx.number), "count": str(len(ctx.outline.reports))},
    )


KIND = Kind(
    name="multiple-reports",
    check=check,
    summary="each report after the first in one file",
    placeholders=frozenset({"number", "count"}),
)
