"""outdated: a formulation already superseded when the report's period began.

The table lives in the rule file: each entry a match expression, the month it was
superseded (YYYY-MM) and what replaced it. Without a known period nothing is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.matchers import Matcher
from compliance.schema import Expression, ListOf, Option, Record, Text


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    began = (period.year, period.first_month)
    for entry in rule.options["formulations"]:
        year, month = entry["since"].split("-")
        if began < (int(year), int(month)):
            continue
        pattern: Matcher = entry["match"]  # compiled by the loader
        by: str = entry["by"]
        for index in ctx.blocks(rule.scope):
            for span in pattern.find(ctx.block_haystack(index)):
                if span.end > span.start:
                    yield ctx.finding_at(
                        rule,
                        index,
                        span,
                        suggestion=by or None,
                        extra={"by": by, "period": period.text},
                    )


FORMULATION = Record(
    (
        Option(
            "match",
            # A plain regular expression was the spelling before expressions: still taken
            # for one release, with a deprecation warning.
            Expression(legacy_regex=True),
            "the superseded formulation",
            required=True,
        ),
        Option(
            "since",
            Text(pattern=r"\d{4}-(0[1-9]|1[0-2])", form="a month YYYY-MM"),
            "reports whose period begins in or after this month are judged",
            required=True,
        ),
        Option("by", Text(), "the formulation that replaced it", default=""),
    )
)

KIND = Kind(
    name="outdated",
    check=check,
    summary="a formulation superseded before the report's period began",
    options=(
        Option(
            "formulations",
            ListOf(FORMULATION),
            "superseded formulations: { match = expression, since = YYYY-MM, by = text }",
            required=True,
        ),
        SCOPE,
    ),
    placeholders=frozenset({"by", "period"}),
)
