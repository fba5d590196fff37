"""traditional: traditional characters inside simplified text, via OpenCC's tables.

`pairs` first: phrase-level fixes OpenCC cannot know (與论 is a typo for 舆论, not
与论). Then every character that OpenCC's t2s conversion changes.

A text converted as a whole (a page served in traditional characters) is one problem
with one fix: when at least `whole_share` of its Chinese characters are traditional, the
file gets one finding (`whole_message`, with the share) instead of one per character.
The engine has then read the file through its simplified twin (compliance.script), so
every other rule sees the report it holds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule, SpanIndex
from compliance.matchers import Span
from compliance.script import changed


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    whole_share: float | None = rule.options.get("whole_share")
    if whole_share is not None:
        share = ctx.document.traditional_share
        if share and share >= whole_share:
            if ctx.number == 1:
                message = rule.options.get("whole_message", rule.message)
                whole = dataclasses.replace(rule, message=message)
                yield ctx.finding_for_report(whole, ctx.report.start, {"share": f"{share:.0%}"})
            return
    pairs: Mapping[str, str] = rule.options.get("pairs", {})
    allowed = set(rule.options.get("allow", ()))
    phrase = (
        re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True))))
        if pairs
        else None
    )
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        taken = SpanIndex()
        if phrase is not None:
            for m in phrase.finditer(text):
                taken.add(Span(m.start(), m.end()))
                yield ctx.finding_at(
                    rule, index, Span(m.start(), m.end()), suggestion=pairs[m.group()]
                )
        for span, simple in changed(text):
            if text[span.start : span.end] in allowed:
                continue
            if not taken.overlaps(span):
                yield ctx.finding_at(rule, index, span, suggestion=simple)


KIND = Kind(
    name="traditional",
    check=check,
    options={"pairs": dict, "allow": list, "whole_share": float, "whole_message": str},
    needs_match=False,
)
