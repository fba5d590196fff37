"""forbid: a pattern must not appear; one finding per occurrence."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import EXCLUDE, MATCH, SCOPE, SUGGESTION, Context, Kind, Rule


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    for index in ctx.blocks(rule.scope):
        hay = ctx.block_haystack(index)
        excluded = rule.exclude.find(hay) if rule.exclude is not None else []
        for span in rule.match.find(hay):
            if span.end == span.start:
                continue  # a zero-width "true" (from !x) has no place to point at
            if any(e.start <= span.start and span.end <= e.end for e in excluded):
                continue
            yield ctx.finding_at(rule, index, span, suggestion=rule.suggestion)


KIND = Kind(
    name="forbid",
    check=check,
    summary="every occurrence of the pattern, at the matched characters",
    options=(MATCH, EXCLUDE, SUGGESTION, SCOPE),
)
