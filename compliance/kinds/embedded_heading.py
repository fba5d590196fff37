"""embedded-heading: a heading glued to the end of the previous paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.match.matchers import Span
from compliance.model.findings import Finding


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for embedded in ctx.report.embedded:
        span = Span(embedded.offset, embedded.offset + len(embedded.label))
        yield ctx.finding_at(rule, embedded.block, span)


KIND = Kind(name="embedded-heading", check=check, needs_match=False)
