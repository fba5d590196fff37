"""traditional: traditional characters inside simplified text, via OpenCC's tables.

`pairs` first: phrase-level fixes OpenCC cannot know (與论 is a typo for 舆论, not
与论). Then every character that OpenCC's t2s conversion changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

import opencc

from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule, SpanIndex
from compliance.matchers import Span
from compliance.schema import ListOf, Option, TableOf, Text


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _changed(text: str) -> Iterator[tuple[Span, str]]:
    converted = _converter().convert(text)
    if converted == text:
        return
    if len(converted) != len(text):  # phrase tables changed the length: compare per character
        convert = _converter().convert
        for i, ch in enumerate(text):
            simple = convert(ch)
            if simple != ch:
                yield Span(i, i + 1), simple
        return
    i = 0
    while i < len(text):
        if converted[i] != text[i]:
            j = i
            while j < len(text) and converted[j] != text[j]:
                j += 1
            yield Span(i, j), converted[i:j]
            i = j
        else:
            i += 1


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options["pairs"]
    allowed = set(rule.options["allow"])
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
        for span, simple in _changed(text):
            if text[span.start : span.end] in allowed:
                continue
            if not taken.overlaps(span):
                yield ctx.finding_at(rule, index, span, suggestion=simple)


KIND = Kind(
    name="traditional",
    check=check,
    summary="traditional characters (OpenCC t2s) in simplified text; `pairs` first for"
    " phrase-level fixes (與论 → 舆论)",
    options=(
        Option(
            "pairs",
            TableOf(Text(), shape='a table "wrong" = "right"'),
            "phrase-level fixes found before the character tables",
            default={},
        ),
        Option("allow", ListOf(Text()), "characters to leave alone", default=[]),
        SCOPE,
    ),
)
