"""names: another place's name in the report (南和县 in 南江县's report).

Copy-paste residue from another unit's report. Places are recognised from the gazetteer
of China's administrative divisions (compliance.match.gazetteer), never from a verb before
县 or 市 (落实县委部署, 建立市属 are not names). The report's own places come from its
title, the issuer line above it and its signature; without one there is nothing to
compare against, so nothing is reported. A place is the report's own, or inside it, or
contains it (the province, the city), or is a province: otherwise it is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.match.gazetteer import gazetteer_for, is_province, related
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.schema import ListOf, Option, Text

SIGNATURE_LINES = 3
SIGNATURE_CHARS = 30
# A place name starts a word: after a larger place, a preposition or a conjunction, or
# outside Chinese text. 范县 inside 示范县, 江县 inside 南江县 are not names.
_BEFORE = frozenset("省市州区盟县共在赴到和与及、，。；：对为向从至经由是的同助援帮给往去来原跟")


def _starts_word(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    return not "\u4e00" <= before <= "\u9fff" or before in _BEFORE


def _own_blocks(ctx: Context) -> list[int]:
    """The title, the issuer line above it, and the short lines that end the report."""
    report, blocks = ctx.report, ctx.document.blocks
    own: list[int] = []
    if report.title is not None:
        own += list(range(report.start, report.title + 1))
    for index in range(max(report.start, report.end - SIGNATURE_LINES), report.end):
        text = blocks[index].text.strip()
        if len(text) <= SIGNATURE_CHARS and not text.endswith("。"):
            own.append(index)
    return own


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    ignore = set(rule.options.get("ignore", ()))
    blocks = ctx.document.blocks
    own_blocks = _own_blocks(ctx)
    searched = [i for i in ctx.blocks(rule.scope) if i not in own_blocks]
    places = gazetteer_for([blocks[i].text for i in (*own_blocks, *searched)])
    own: dict[str, str] = {}  # code → the name the report uses
    for index in own_blocks:
        text = blocks[index].text
        if index == ctx.report.title:
            text = text[: ctx.report.title_end]
        for place in places.find(text):
            if _starts_word(text, place.start):
                for code in place.codes:
                    own.setdefault(code, place.name)
    if not own:
        return
    shown = next(iter(own.values()))
    for index in searched:
        text = blocks[index].text
        for place in places.find(text):
            if (
                not _starts_word(text, place.start)
                or place.name in ignore
                or any(
                    is_province(code) or related(code, mine) for code in place.codes for mine in own
                )
            ):
                continue
            yield ctx.finding_at(rule, index, Span(place.start, place.end), extra={"own": shown})


KIND = Kind(
    name="names",
    check=check,
    summary="a place of the gazetteer other than the report's own (from its title, issuer and"
    " signature), not inside it, not containing it and not a province",
    options=(
        Option("ignore", ListOf(Text(nonempty=True)), "place names never reported", default=[]),
        SCOPE,
    ),
    placeholders=frozenset({"own"}),
    whole_report=True,
)
