"""substitute: a wrong form must be replaced by the right one (the suggestion)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from compliance.expr import Span
from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule


def _pattern(pairs: Mapping[str, str]) -> re.Pattern[str]:
    # Longest first, so "意识形态领城" wins over "领城" when both are listed.
    return re.compile("|".join(re.escape(w) for w in sorted(pairs, key=len, reverse=True)))


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options["pairs"]
    pattern = _pattern(pairs)
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        for m in pattern.finditer(text):
            span = Span(m.start(), m.end())
            yield ctx.finding_at(rule, index, span, suggestion=pairs[m.group()])


KIND = Kind(
    name="substitute",
    check=check,
    options={"pairs": dict},
    required=frozenset({"pairs"}),
    needs_match=False,
)
