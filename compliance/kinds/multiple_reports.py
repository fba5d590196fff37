"""multiple-reports: one file holds several reports (the outline found the boundaries)."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    # A file's front matter (a site's preface) is not one of its reports.
    reports = [r for r in ctx.outline.reports if not r.front_matter]
    number = next(i for i, r in enumerate(reports, 1) if r is ctx.report)
    if number == 1:
        return
    index = ctx.report.title if ctx.report.title is not None else ctx.report.start
    yield ctx.finding_for_report(
        rule,
        index,
        extra={"number": str(number), "count": str(len(reports))},
    )


KIND = Kind(
    name="multiple-reports",
    check=check,
    summary="each report after the first in one file",
    placeholders=frozenset({"number", "count"}),
    whole_report=True,
)
