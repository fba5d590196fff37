"""embedded-heading: a heading glued to the end of the previous paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule
from compliance.matchers import Span


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for embedded in ctx.report.embedded:
        span = Span(embedded.offset, embedded.offset + len(embedded.label))
        yield ctx.finding_at(rule, embedded.block, span)


KIND = Kind(
    name="embedded-heading",
    check=check,
    summary="a heading label glued after the end of the previous paragraph's sentence",
)
