"""forbid: a pattern must not appear; one finding per occurrence.

`info` lists words whose findings are only advice (TX301's 某某: a name left out on purpose
as often as by mistake): a match holding one is reported at info severity. With
`once_per_paragraph`, a paragraph is reported at its first match only (a site's notice
line, or a text annotated with pinyin throughout, is one thing to delete).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from compliance.kinds.base import EXCLUDE, FIX, MATCH, SCOPE, SUGGESTION, Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.schema import Flag, ListOf, Option, Text


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    info: list[str] = rule.options.get("info", [])
    once: bool = rule.options.get("once_per_paragraph", False)
    for index in ctx.blocks(rule.scope):
        hay = ctx.block_haystack(index)
        excluded = rule.exclude.find(hay) if rule.exclude is not None else []
        for span in rule.match.find(hay):
            if span.end == span.start:
                continue  # a zero-width "true" (from !x) has no place to point at
            if any(e.start <= span.start and span.end <= e.end for e in excluded):
                continue
            found = ctx.finding_at(rule, index, span, suggestion=rule.suggestion)
            if info and any(word in found.text for word in info):
                found = dataclasses.replace(found, severity="info")
            yield found
            if once:
                break


KIND = Kind(
    name="forbid",
    check=check,
    summary="every occurrence of the pattern, at the matched characters",
    options=(
        FIX,
        MATCH,
        EXCLUDE,
        SUGGESTION,
        SCOPE,
        Option(
            "info",
            ListOf(Text(nonempty=True)),
            "words that make a finding holding one only advice (info severity)",
            default=[],
        ),
        Option(
            "once_per_paragraph",
            Flag(),
            "report a paragraph at its first match only",
            default=False,
        ),
    ),
)
