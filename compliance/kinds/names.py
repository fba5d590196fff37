"""names: a place name other than the report's own (南和县 in 南江县's report).

Copy-paste residue from another unit's report. The report's own place names come from
its title (中共南江县委宣传部…); without one there is nothing to compare against, so
nothing is reported. In the body, a name is the two characters before a place suffix
(县, 市, 区 …), except pairs that end in a generic character (`ignore_last`: 全县, 本市)
or are words (`ignore_words`: 根据县委部署, 邻近县区), and suffixes that begin a word
(`not_followed_by`: 市场, 区域).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.matchers import Span
from compliance.schema import ListOf, Option, Text


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.report.title is None:
        return
    suffixes = "|".join(map(re.escape, rule.options["suffixes"]))
    after = "".join(rule.options["not_followed_by"])
    tail = f"(?![{re.escape(after)}])" if after else ""
    pattern = re.compile(rf"([\u4e00-\u9fff]{{2}})({suffixes}){tail}")
    ignore_last = set("".join(rule.options["ignore_last"]))
    ignore_words = set(rule.options["ignore_words"])

    def names(text: str) -> Iterator[tuple[Span, str, str]]:
        for m in pattern.finditer(text):
            name = m.group(1)
            if name[-1] not in ignore_last and name not in ignore_words:
                yield Span(m.start(), m.end()), name, m.group(2)

    title = ctx.document.blocks[ctx.report.title].text
    own = {suffix: name for _, name, suffix in names(title)}
    for index in ctx.blocks(rule.scope):
        if index == ctx.report.title:
            continue
        for span, name, suffix in names(ctx.document.blocks[index].text):
            if suffix in own and name != own[suffix]:
                yield ctx.finding_at(rule, index, span, extra={"own": own[suffix] + suffix})


KIND = Kind(
    name="names",
    check=check,
    summary="a place name (two characters + one of `suffixes`) other than the one in the"
    " report's title",
    options=(
        Option(
            "suffixes",
            ListOf(Text(nonempty=True), nonempty=True),
            "what ends a place name (县, 市)",
            required=True,
        ),
        Option(
            "ignore_last",
            ListOf(Text()),
            "characters that make a pair a phrase when last (全县, 本市)",
            default=[],
        ),
        Option("ignore_words", ListOf(Text()), "pairs that are words, not names", default=[]),
        Option(
            "not_followed_by",
            ListOf(Text()),
            "characters after a suffix that make it begin a word (市场, 县域)",
            default=[],
        ),
        SCOPE,
    ),
    placeholders=frozenset({"own"}),
)
