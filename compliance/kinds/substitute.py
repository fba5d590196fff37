"""substitute: a wrong form and the right one — every way a rule file says "replace X by Y".

One kind, after Vale's substitution and spelling, for what used to be five:
- `pairs`: wrong = right, searched literally (意认形态 = 意识形态);
- `match` with `suggestion` (or the matched text looked up in `pairs`): a pattern whose
  every match is wrong (a half-width comma between Chinese characters);
- `entries`: a table of wrong forms, each an expression with its suggestion, where it
  comes from (`source`), optionally the month from which it is wrong (`since`, judged
  by the report's own period) and its own examples (the dated formulations of PF401);
- `lexicon`: terms whose near misses and homophones are misspellings (compliance.match.lexicon),
  with `known` words that are never one;
- `traditional = true`: traditional characters in simplified text, through OpenCC's
  t2s tables (`allow` lists characters to leave alone); with `whole_share`, a file whose
  share of traditional characters reaches it was converted as a whole and gets one
  finding (`whole_message`, with `{share}`) instead of one per character;
- `titles`: canonical names of documents cited in 《》; a near miss is reported with the
  canonical name.

A report with no date of its own is judged by dated entries from what dates it: a meeting
whose spirit it names (`held`), a document number it cites (`cited`), a term it uses that
was coined at a known month (`coined`: 两个确立, November 2021).

An earlier form wins a place over a later one: pairs, entries, match, titles, lexicon,
then traditional characters. `exclude` removes any finding overlapping one of its matches.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from compliance.kinds.base import FIX, SCOPE, Context, Kind, Rule, SpanIndex
from compliance.lazyre import lazy
from compliance.match.matchers import Haystack, Literal, Matcher, Segment, Span
from compliance.match.script import WHOLE_TEXT_SHARE, changed, converted_texts
from compliance.model.findings import Finding
from compliance.model.pinyin import without_annotations
from compliance.schema import (
    Expression,
    Flag,
    ListOf,
    Number,
    OneOf,
    Option,
    Problem,
    Record,
    TableOf,
    Text,
)

if TYPE_CHECKING:  # the lexicon's module loads when a pack with a lexicon is compiled
    from compliance.match.lexicon import Miss, SpellingIndex

_MONTH = lazy(r"^(\d{4})-(\d{2})$")
_QUOTED_TITLE = lazy(r"《([^《》\n]{4,80})》")
# Bracket widths are TX304's to report, not a different title.
_FOLD = str.maketrans({"(": "（", ")": "）", " ": None, "\u3000": None})
# A central document's name quoted without its issuer: from this length on.
_SHORTEST_TAIL = 10
# A unit's own document under the same name as a central one: 制定了《意识形态工作
# 责任制实施细则》 names what the unit wrote, not a misquote; so does the unit's own
# possessive before it (修订完善我院《…》, 本单位《…》).
_OWN_DOCUMENT = lazy(
    r"(?:(制定|印发|出台|起草|修订|修改|下发|建立|完善|形成)[了下发出的]{0,3}"
    r"|(?:我|本)(?:院|局|校|委|县|区|市|镇|乡|厂|公司|单位|中心|部|所|馆|站))$"
)


# What a title ends with says what document it is: another type is another document.
_DOCUMENT_TYPES = (
    "实施办法",
    "实施细则",
    "实施方案",
    "实施意见",
    "实施纲要",
    "工作方案",
    "办法",
    "细则",
    "方案",
    "意见",
    "条例",
    "规定",
    "准则",
    "规则",
    "纲要",
    "决议",
    "决定",
    "通知",
    "章程",
    "制度",
    "清单",
)


def _document_type(title: str) -> str | None:
    return next((t for t in _DOCUMENT_TYPES if title.endswith(t)), None)


def _local(quoted: str, names: tuple[str, ...], types: tuple[str | None, ...]) -> bool:
    """Whether a quoted title is a local document of its own rather than a misquote: a
    central name with a place or unit put before it (《示范市党委（党组）网络意识形态工作
    责任制实施细则》), or a central name with its document type changed (the provinces'
    《党委（党组）意识形态工作责任制实施细则》 beside the central 实施办法). `types`: each
    name's _document_type."""
    kind = _document_type(quoted)
    stem = quoted[: len(quoted) - len(kind)] if kind else quoted
    for name, other in zip(names, types, strict=True):
        if len(quoted) - len(name) >= 2 and quoted.endswith(name):
            return True
        if kind and other and kind != other and name[: len(name) - len(other)] == stem:
            return True
    return False


@dataclass(frozen=True)
class Titles:
    """Canonical titles of documents cited in 《》: a title one or two characters off
    (in a long title) is a misquote of it; one with another document type at its end
    (实施方案 for 实施办法) is a document of its own, and so is any title further off."""

    names: tuple[str, ...]
    # Each name's document type (_document_type), found once rather than per quotation.
    types: tuple[str | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", tuple(map(_document_type, self.names)))

    def near(self, quoted: str) -> str | None:
        from rapidfuzz.distance import Levenshtein

        folded = quoted.translate(_FOLD)
        if folded in self.names or _local(folded, self.names, self.types):
            return None
        kind = _document_type(folded)
        for name, other in zip(self.names, self.types, strict=True):
            allowed = 1 if len(name) < 12 else 2
            if (
                kind in (None, other)
                and abs(len(folded) - len(name)) <= allowed
                and Levenshtein.distance(folded, name, score_cutoff=allowed) <= allowed
            ):
                return name
        return None

    def completed(self, quoted: str) -> str | None:
        """The canonical name a long title is the tail of (《网络意识形态工作责任制实施
        细则》 for 《党委（党组）网络意识形态工作责任制实施细则》): a central document
        quoted without its issuer. Short tails (《实施细则》) are the habitual second
        mention of a document already named, and are left alone. A title that is itself
        a canonical name (the 2001 《公民道德建设实施纲要》 before the 2019 新时代 one) is
        that document, not the other's tail."""
        folded = quoted.translate(_FOLD)
        if len(folded) < _SHORTEST_TAIL or folded in self.names:
            return None
        return next((n for n in self.names if n != folded and n.endswith(folded)), None)


@dataclass(frozen=True)
class Entry:
    """One wrong form: what finds it, what to write instead, and from when."""

    match: Matcher
    expression: str  # as written in the rule file, for the docs
    suggestion: str | None
    since: tuple[int, int] | None = None  # (year, month) from which the form is wrong
    until: tuple[int, int] | None = None  # (year, month) from which it may be right again
    # The match counts the Nth anniversary of this (year, month) (建国71周年): wrong in the
    # years after that anniversary's, read from the number in the matched text.
    counts_from: tuple[int, int] | None = None
    # Years more that must pass: an anniversary named as work done (纪念建党90周年宣传教育)
    # is still told in the next year's report, so such a form waits a year longer.
    counts_lag: int = 0
    # Not reported where a match of this comes before it in the report (in an earlier
    # block, or ending before it in its own): 总书记 is a defect only as the first mention,
    # before the name 习近平 has been written.
    unless_after: Matcher | None = None
    # Not reported in a report where this matches anywhere: bare 主题教育 in a report that
    # names a campaign of its own (a democratic party's “…”主题教育) is that campaign.
    unless_in: Matcher | None = None
    source: str = ""
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()


@dataclass(frozen=True)
class Held:
    """A meeting whose spirit (全会精神) a text can name only once it was held, or a
    campaign (党纪学习教育) it can name only once launched: an undated report naming it
    was written after `month`, and is judged from then."""

    match: Matcher
    month: tuple[int, int]
    name: str  # as the message says it: 二十届三中全会
    # The text lived through it (收看…开幕会, 迎接…召开): it covers a time before the
    # meeting too (a 述职 of the congress's year), so the meeting dates no period.
    during: Matcher | None = None
    # How the message names the date when it is not a meeting's (a cited document's year).
    when: str = ""
    # A meeting's date the text also shows, earlier than this lower bound (`when` set):
    # entries with an end, not judged from the lower bound, are judged from it.
    earlier: Held | None = None


# What every meeting's or campaign's match names (全会精神, 学习教育, 主题教育, 教育实践活动,
# or a meeting told as held: 全会胜利召开, 隆重开幕, 闭幕, 举行): a cheap test of a block
# before the patterns.
HELD_MARKS = ("精神", "教育", "召开", "开幕", "闭幕", "举行")


def latest_held(held: Sequence[Held], ctx: Context, scope: str) -> Held | None:
    """The latest meeting of `held` whose spirit the report names (or campaign it names),
    or None."""
    latest: Held | None = None
    blocks = ctx.document.blocks
    for index in ctx.blocks(scope):
        text = blocks[index].text
        if not any(mark in text for mark in HELD_MARKS):
            continue
        hay = None
        for meeting in held:
            if latest is not None and meeting.month <= latest.month:
                continue
            if not ctx.may_match(index, meeting.match):
                continue
            if hay is None:
                hay = ctx.block_haystack(index)
            named = any(span.end > span.start for span in meeting.match.find(hay))
            if named and not _lived_through(meeting, ctx, scope):
                latest = meeting
    return latest


_YEAR = lazy(r"(?:19|20)\d\d")


def latest_cited(cited: Matcher, ctx: Context, scope: str) -> Held | None:
    """The latest year of a document number the report cites (济区委〔2023〕65号), as a
    date it was written on or after (that year's January), or None. A text cannot cite a
    document before it is issued, so an undated report citing one of 2023 is of 2023 or
    later."""
    latest: int | None = None
    for index in ctx.blocks(scope):
        if not ctx.may_match(index, cited):
            continue
        hay = ctx.block_haystack(index)
        for span in cited.find(hay):
            found = _YEAR().search(hay.text, span.start, span.end)
            if found is not None and (latest is None or int(found.group()) > latest):
                latest = int(found.group())
    if latest is None:
        return None
    return Held(cited, (latest, 1), "所引文件印发", when=f"{latest}年（据所引文号）")


def latest_coined(coined: Sequence[Held], ctx: Context, scope: str) -> Held | None:
    """The latest-coined term of `coined` the report uses (两个确立, coined in November
    2021), as a date it was written on or after, or None. Such a term stays in use for
    years, so, like a cited document's year, it is only the earliest the text can be."""
    latest: Held | None = None
    for term in coined:
        if latest is not None and term.month <= latest.month:
            continue
        for index in ctx.blocks(scope):
            if ctx.may_match(index, term.match) and any(
                span.end > span.start for span in term.match.find(ctx.block_haystack(index))
            ):
                latest = term
                break
    return latest


def dating_floor(options: Mapping[str, Any], ctx: Context, scope: str) -> Held | None:
    """For a report with no date of its own, the latest date it shows it was written
    after: a meeting whose spirit it names (`held`), a document number it cites (`cited`),
    a term it uses (`coined`); None for a dated report, or when nothing dates it."""
    held: Sequence[Held] = options.get("held", ())
    cited: Matcher | None = options.get("cited")
    coined: Sequence[Held] = options.get("coined", ())
    if not (held or cited is not None or coined) or ctx.dating_period is not None:
        return None
    meeting = latest_held(held, ctx, scope) if held else None
    floor = meeting
    if cited is not None:
        floor = _later(floor, latest_cited(cited, ctx, scope))
    if coined:
        floor = _later(floor, latest_coined(coined, ctx, scope))
    if floor is not None and floor is not meeting and meeting is not None:
        # A later lower bound won; the meeting still dates entries with an end.
        floor = dataclasses.replace(floor, earlier=meeting)
    return floor


def _later(first: Held | None, second: Held | None) -> Held | None:
    """The later of two dates an undated report was written after."""
    if first is None or (second is not None and second.month > first.month):
        return second
    return first


def _lived_through(meeting: Held, ctx: Context, scope: str) -> bool:
    """Whether the report tells of the meeting as it opened or before (its `during`)."""
    if meeting.during is None:
        return False
    return any(
        span.end > span.start
        for index in ctx.blocks(scope)
        if ctx.may_match(index, meeting.during)
        for span in meeting.during.find(ctx.block_haystack(index))
    )


@functools.cache
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def _pairs_pattern(pairs: Mapping[str, str]) -> re.Pattern[str] | None:
    # Longest first, so "意识形态领城" wins over "领城" when both are listed.
    return _compiled(tuple(sorted(pairs, key=len, reverse=True))) if pairs else None


def _split_reading(options: Mapping[str, Any], text: str, start: int, end: int) -> bool:
    """A short misspelling that the text reads as the ends of two words (引领城市 holds
    领城 as 引领 and 城市): the words are the right reading. Only where the rule's lexicon
    has loaded jieba's dictionary (TX302), so other rules' pairs stay literal. The words
    are the spelling index's own copy, which the pack cache holds: reading jieba's file
    again took 0.5 s of CPU, most of a one-file lint."""
    spelling = options.get("spelling")
    if spelling is None or end - start > 3 or start == 0 or end >= len(text):
        return False
    words = spelling.dictionary.words
    return text[start - 1 : start + 1] in words and text[end - 1 : end + 1] in words


def _found(
    rule: Rule,
    ctx: Context,
    index: int,
    misses: Mapping[int, list[Miss]],
    floor: Held | None = None,
) -> Iterator[tuple[Span, str | None, dict[str, str]]]:
    """(span, suggestion, extra placeholders) of every wrong form in block `index`;
    `misses` are the lexicon's, by block; `floor` dates an undated report."""
    options = rule.options
    text = ctx.document.blocks[index].text
    pairs: Mapping[str, str] = options.get("pairs", {})
    # With a match, pairs only name each match's right form (, → ，).
    pattern = _pairs_pattern(pairs) if rule.match is None else None
    if pattern is not None:
        for m in pattern.finditer(text):
            if _split_reading(options, text, m.start(), m.end()):
                continue
            yield Span(m.start(), m.end()), pairs[m.group()], {}
    yield from entry_spans(options.get("entries", ()), ctx, index, floor)
    if rule.match is not None:
        for span in rule.match.find(ctx.block_haystack(index)):
            if span.end > span.start:
                right = pairs.get(text[span.start : span.end], rule.suggestion)
                if right is not None:
                    yield span, right, {}
    titles = options.get("title_index")
    if titles is not None:
        for match in _QUOTED_TITLE().finditer(text):
            right = titles.near(match.group(1))
            if right is None and not _OWN_DOCUMENT().search(text, 0, match.start()):
                right = titles.completed(match.group(1))
            if right is not None:
                yield Span(match.start(1), match.end(1)), right, {}
    for miss in misses.get(index, ()):
        yield Span(miss.start, miss.end), miss.term, {}
    if options.get("traditional"):
        allowed = set(options.get("allow", ()))
        for span, simple in changed(text):
            if text[span.start : span.end] not in allowed:
                yield span, simple, {}


def _misses(rule: Rule, ctx: Context) -> dict[int, list[Miss]]:
    """The lexicon's misspelt terms in the scope's blocks, from one pass over them all."""
    index: SpellingIndex | None = rule.options.get("spelling")
    if index is None:
        return {}
    blocks = ctx.document.blocks
    indices = list(ctx.blocks(rule.scope))
    # A copy annotated with pinyin is read without its annotations (習（xí）近平 is 习近平,
    # not 近平 short of 习), each miss mapped back to the text's own columns.
    reads = [without_annotations(blocks[i].text) for i in indices]
    texts = [blocks[i].text if r is None else r[0] for i, r in zip(indices, reads, strict=True)]
    found = index.without_repeats(texts, index.across_breaks(texts, index.misses_in(texts)))
    return {
        i: misses if read is None else [_mapped(miss, read[1]) for miss in misses]
        for i, misses, read in zip(indices, found, reads, strict=True)
        if misses
    }


def _mapped(miss: Miss, kept: Sequence[int]) -> Miss:
    """A miss found in a text read without its annotations, in the text's own columns."""
    return dataclasses.replace(miss, start=kept[miss.start], end=kept[miss.end - 1] + 1)


def _blocks(rule: Rule, ctx: Context, misses: Mapping[int, list[Miss]]) -> Iterable[int]:
    """The blocks where a wrong form may be: those holding one of the strings the
    rule's pairs, entries, match and titles need (the report's one term scan says
    which), those with a misspelt term of the lexicon, and those OpenCC converts."""
    options = rule.options
    also: set[int] = set(misses)
    if options.get("traditional"):
        indices = list(ctx.blocks(rule.scope))
        blocks = ctx.document.blocks
        converted = converted_texts([blocks[i].text for i in indices])
        if converted is None:
            return indices
        also.update(indices[at] for at in converted)
    if options.get("entries"):
        # A wrap space (讲 话) hides a needed string from the term scan.
        blocks = ctx.document.blocks
        also.update(i for i in ctx.blocks(rule.scope) if _wrapped(blocks[i].text))
    needs: set[str] = set()
    parts: list[Matcher | None] = [options.get("indexed"), rule.match]
    parts.extend(entry.match for entry in options.get("entries", ()))
    for part in parts:
        if part is not None:
            found = ctx.needs_of(part)
            if found is None:
                return ctx.blocks(rule.scope)
            needs |= found
    if options.get("pairs") and rule.match is None and options.get("indexed") is None:
        return ctx.blocks(rule.scope)  # a pack compiled before pairs were indexed
    if options.get("title_index") is not None and "《" not in needs:
        return ctx.blocks(rule.scope)
    holding = ctx.blocks_holding(frozenset(needs), rule.scope)
    return sorted({*holding, *also}) if also else holding


def entry_spans(
    entries: Sequence[Entry], ctx: Context, index: int, floor: Held | None = None
) -> Iterator[tuple[Span, str | None, dict[str, str]]]:
    """The wrong forms of `entries` in block `index`, each only where the report's own
    period (its title's or opening's, else its signature's) began on or after its `since`
    and before its `until` (without a known period, dated entries wait, unless the text
    names the spirit of a meeting, `floor`: it was written after that meeting)."""
    if not entries:
        return
    period = ctx.dating_period
    began = (period.year, period.first_month) if period is not None else None
    when = period.text if period is not None else ""
    if began is None and floor is not None:
        began = floor.month
        when = _floor_when(floor)
    # A cited document's year (or a term's coining) is only the earliest the text can be:
    # an entry that stops applying (`until`: 党史学习教育, a regular duty from 2024-02)
    # cannot be judged from it, only from a meeting the text also names (`earlier`).
    open_ended_only = period is None and floor is not None and bool(floor.when)
    found = _entry_spans_from(entries, ctx, index, began, when)
    if open_ended_only and floor is not None:
        found = (f for f in found if f[0].until is None)
        if floor.earlier is not None:
            ended = (
                f
                for f in _entry_spans_from(
                    entries, ctx, index, floor.earlier.month, _floor_when(floor.earlier)
                )
                if f[0].until is not None
            )
            found = itertools.chain(found, ended)
    for entry, span, extra in found:
        if entry.unless_after is not None and _comes_after(ctx, entry.unless_after, index, span):
            continue
        if entry.unless_in is not None and _anywhere(ctx, entry.unless_in):
            continue
        yield span, entry.suggestion, extra


def _floor_when(floor: Held) -> str:
    """How the message names the date an undated report is judged from."""
    return floor.when or f"{floor.month[0]}年{floor.month[1]}月{floor.name}后"


def _entry_spans_from(
    entries: Sequence[Entry],
    ctx: Context,
    index: int,
    began: tuple[int, int] | None,
    when: str,
) -> Iterator[tuple[Entry, Span, dict[str, str]]]:
    """The wrong forms of `entries` in block `index` for a period that began then."""
    here = _entries_at(entries, ctx, index, began)
    found: Iterator[tuple[Entry, Span, dict[str, str]]] = iter(())
    if here:
        found = _entry_matches(here, ctx.block_haystack(index), began, when)
    return itertools.chain(found, _spaced_spans(entries, ctx, index, began, when))


def _comes_after(ctx: Context, earlier: Matcher, index: int, span: Span) -> bool:
    """Whether a match of `earlier` ends before `span` (in block `index`) in the report."""
    first = ctx.shared(("unless_after", id(earlier)), lambda: _first_end(ctx, earlier))
    return first is not None and first <= (index, span.start)


def _anywhere(ctx: Context, matcher: Matcher) -> bool:
    """Whether `matcher` matches anywhere in the report (computed once per report)."""
    return ctx.shared(("unless_in", id(matcher)), lambda: _first_end(ctx, matcher)) is not None


def _first_end(ctx: Context, matcher: Matcher) -> tuple[int, int] | None:
    """Where the report's first match of `matcher` ends: (block, offset), in reading order."""
    holding = ctx.holding(matcher)
    blocks = sorted(holding) if holding is not None else ctx.blocks()
    for block in blocks:
        ends = [span.end for span in matcher.find(ctx.block_haystack(block))]
        if ends:
            return block, min(ends)
    return None


def _entry_matches(
    entries: Sequence[Entry], hay: Haystack, began: tuple[int, int] | None, when: str
) -> Iterator[tuple[Entry, Span, dict[str, str]]]:
    """Every match in `hay` of `entries` (those that apply), counted past where they count."""
    for entry in entries:
        extra = {"period": when, "by": entry.suggestion or ""}
        for span in entry.match.find(hay):
            matched = hay.text[span.start : span.end]
            if (
                span.end > span.start
                and _counted_past(entry, matched, began)
                and not _of_earlier_year(entry, hay.text, span.start, began)
            ):
                yield entry, span, extra


# A year named before a form, in its sentence or opening its paragraph (2021年，全市…以党史
# 学习教育为动力 in a 2022 speech's review of the year before): what that year did, history.
# Not a year that runs on to now (2021年以来, 2021年至今) nor one compared with (较2021年).
_SENTENCE_END = lazy(r"[。！？；!?;\n]")
_EARLIER_YEAR = lazy(r"(?<![较比与同\d])((?:19|20)\d\d)年(?!以来|来|至今|起|开始|底以来)")
_OPENING_YEAR = lazy(
    r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?"
    r"((?:19|20)\d\d)年(?:度|上半年|下半年|[一二三四]季度)?[，,]"
)


def _dated(entry: Entry) -> bool:
    return entry.since is not None or entry.counts_from is not None


def _of_earlier_year(entry: Entry, text: str, start: int, began: tuple[int, int] | None) -> bool:
    """Whether the form at `start` is told of an earlier year in which it was not yet
    wrong (an anniversary's form: of any earlier year), and so is history."""
    if not _dated(entry):
        return False
    year = _told_of_earlier_year(text, start, began)
    if year is None:
        return False
    return entry.counts_from is not None or not _applies(entry, (year, 1))


def _told_of_earlier_year(text: str, start: int, began: tuple[int, int] | None) -> int | None:
    """The year before the report's period that the form at `start` tells of, if any: a
    year named earlier in its sentence, or a year opening its paragraph (2021年，…)."""
    if began is None:
        return None
    opening = _OPENING_YEAR().match(text)
    if opening is not None and opening.end() <= start and int(opening.group(1)) < began[0]:
        return int(opening.group(1))
    ends = [m.end() for m in _SENTENCE_END().finditer(text, 0, start)]
    sentence = ends[-1] if ends else 0
    years = [int(m.group(1)) for m in _EARLIER_YEAR().finditer(text, sentence, start)]
    return years[-1] if years and years[-1] < began[0] else None


# A space between two Chinese characters is a PDF's or a web copy's line wrap (习近平系列讲
# 话精神): the formulation is searched again with such spaces taken out.
_WRAP_SPACE = lazy(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def _wrapped(text: str) -> bool:
    return " " in text and _WRAP_SPACE().search(text) is not None


def _spaced_spans(
    entries: Sequence[Entry],
    ctx: Context,
    index: int,
    began: tuple[int, int] | None,
    when: str,
) -> Iterator[tuple[Entry, Span, dict[str, str]]]:
    """The wrong forms a wrap space hides, with their spans in the block's own text."""
    text = ctx.document.blocks[index].text
    if not _wrapped(text):
        return
    wraps = {i for m in _WRAP_SPACE().finditer(text) for i in range(m.start(), m.end())}
    kept = [i for i in range(len(text)) if i not in wraps]
    squeezed = "".join(text[i] for i in kept)
    hay = Haystack(squeezed, (Segment(0, len(squeezed), ctx.report.roles_at(index)),))
    active = _table(entries, ctx, began).active
    for entry, span, extra in _entry_matches(active, hay, began, when):
        yield entry, Span(kept[span.start], kept[span.end - 1] + 1), extra


def _applies(entry: Entry, began: tuple[int, int] | None) -> bool:
    """Whether a period that began then is judged by the entry (`since`, `until`)."""
    if entry.since is not None and (began is None or began < entry.since):
        return False
    return entry.until is None or (began is not None and began < entry.until)


def _entries_at(
    entries: Sequence[Entry], ctx: Context, index: int, began: tuple[int, int] | None
) -> list[Entry]:
    """The entries that apply to a period that `began` then and may match in block
    `index` (Context.may_match), in their order: what entry_spans tries there."""
    table = _table(entries, ctx, began)
    if not ctx.scanned(index):  # a header or footer: the scan says nothing of it
        return table.active
    found = table.where.get(index, [])
    if table.always:
        found = sorted([*table.always, *found], key=_place)
    return [entry for _, entry in found]


def _table(entries: Sequence[Entry], ctx: Context, began: tuple[int, int] | None) -> _EntryTable:
    return ctx.shared(("entries", id(entries), began), lambda: _entry_table(entries, ctx, began))


def _place(item: tuple[int, Entry]) -> int:
    return item[0]


@dataclass(frozen=True)
class _EntryTable:
    """One report's entries (those of its period, in order), as entry_spans picks them
    per block: those the term scan cannot rule out anywhere (`always`), and block →
    those that may match there, each with its place among the entries."""

    entries: Sequence[Entry]  # held: the table is keyed by their id for the report's life
    active: list[Entry]
    always: list[tuple[int, Entry]]
    where: dict[int, list[tuple[int, Entry]]]


def _entry_table(
    entries: Sequence[Entry], ctx: Context, began: tuple[int, int] | None
) -> _EntryTable:
    """Once per report, entry list and period start: asking each entry in each block
    (its period, then Context.may_match) cost more than the searches it saved."""
    table = _EntryTable(entries, [], [], {})
    for place, entry in enumerate(entries):
        if not _applies(entry, began):
            continue
        table.active.append(entry)
        holding = ctx.holding(entry.match)
        if holding is None:
            table.always.append((place, entry))
            continue
        for block in holding:
            table.where.setdefault(block, []).append((place, entry))
    return table


_ORDINAL = re.compile(r"(\d{1,3})\s*周年")


def _counted_past(entry: Entry, matched: str, began: tuple[int, int] | None) -> bool:
    """True unless the entry counts an anniversary (`counts_from`) that the report's
    period has not yet passed: 建国71周年 is the occasion of 2020, wrong from 2021."""
    if entry.counts_from is None:
        return True
    found = _ORDINAL.search(matched)
    if found is None or began is None:
        return False
    return began[0] > entry.counts_from[0] + int(found.group(1)) + entry.counts_lag


def _month(value: object) -> tuple[int, int] | None:
    """A declared month (YYYY-MM, its form checked by the declarations), or None."""
    found = _MONTH().match(str(value))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _held(raw: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> Held:
    month = _month(raw["month"])
    assert month is not None  # required, and its form checked by the declarations
    during = compile_expr(raw["during"]) if raw.get("during") else None
    return Held(compile_expr(raw["match"]), month, str(raw["name"]), during)


def _coined(raw: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> Held:
    month = _month(raw["month"])
    assert month is not None  # required, and its form checked by the declarations
    name = str(raw["name"])
    # `when` set: the message names the date as the term's, and `until` entries wait.
    when = f"{month[0]}年{month[1]}月以后（据“{name}”的提出时间）"
    return Held(compile_expr(raw["match"]), month, name, when=when)


def compile_coined(
    raws: Sequence[Mapping[str, Any]], compile_expr: Callable[[str], Matcher]
) -> tuple[Held, ...]:
    return tuple(_coined(raw, compile_expr) for raw in raws)


def compile_entries(
    raws: Sequence[Mapping[str, Any]], compile_expr: Callable[[str], Matcher]
) -> tuple[Entry, ...]:
    entries = []
    for raw in raws:
        examples = raw.get("examples", {})
        entries.append(
            Entry(
                match=compile_expr(raw["match"]),
                expression=raw["match"],
                suggestion=raw.get("suggestion"),
                since=_month(raw.get("since", "")),
                until=_month(raw.get("until", "")),
                counts_from=_month(raw.get("counts_from", "")),
                counts_lag=int(raw.get("counts_lag", 0)),
                unless_after=compile_expr(raw["unless_after"]) if raw.get("unless_after") else None,
                unless_in=compile_expr(raw["unless_in"]) if raw.get("unless_in") else None,
                source=str(raw.get("source", "")),
                bad=tuple(examples.get("bad", ())),
                good=tuple(examples.get("good", ())),
            )
        )
    return tuple(entries)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    whole_share: float | None = rule.options.get("whole_share")
    if whole_share is None and rule.options.get("traditional"):
        # The engine reads such a file through its simplified twin: per-character
        # findings are no longer to be had there.
        whole_share = WHOLE_TEXT_SHARE
    if whole_share is not None:
        share = ctx.document.traditional_share
        if share and share >= whole_share:
            # The file was read through its simplified twin: one finding for the file.
            if ctx.number == 1:
                message = rule.options.get("whole_message", rule.message)
                whole = dataclasses.replace(rule, message=message)
                yield ctx.finding_for_report(whole, ctx.report.start, {"share": f"{share:.0%}"})
            return
    misses = _misses(rule, ctx)
    floor = dating_floor(rule.options, ctx, rule.scope)
    for index in _blocks(rule, ctx, misses):
        taken = SpanIndex()
        excluded: list[Span] | None = None
        for span, suggestion, extra in _found(rule, ctx, index, misses, floor):
            if taken.overlaps(span):
                continue
            if rule.exclude is not None:
                if excluded is None:
                    excluded = rule.exclude.find(ctx.block_haystack(index))
                if any(e.start < span.end and span.start < e.end for e in excluded):
                    continue
            taken.add(span)
            yield ctx.finding_at(rule, index, span, suggestion=suggestion, extra=extra or None)


# -- loading -------------------------------------------------------------------------------


def lexicon_terms(lexicon: Sequence[Any]) -> list[str]:
    """The terms of a `lexicon`: strings, or tables { source, terms = [...] }."""
    terms: list[str] = []
    for item in lexicon:
        terms.extend([item] if isinstance(item, str) else item.get("terms", []))
    return terms


def validate(raw: Mapping[str, Any]) -> Problem | None:
    # The types, entries' keys and months included, are checked from the declarations.
    wants = ("pairs", "entries", "lexicon", "traditional", "titles")
    if not any(raw.get(k) for k in wants) and "match" not in raw:
        return Problem(
            (),
            "a substitute rule needs pairs, entries, lexicon, traditional, or match with"
            " suggestion",
        )
    if "suggestion" in raw and "match" not in raw:
        # Without match every wrong form found is a key of pairs, which has its own.
        return Problem(("suggestion",), "suggestion is read only with match (a substitute rule)")
    return None


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    """Compile what a run needs once, into the pack: entries' expressions, the lexicon."""
    prepared = dict(options)
    # What pairs and titles search for, in the rule set's term index: a block holding
    # none of it is not visited (Context.blocks_holding).
    indexed = [*options.get("pairs", {})] if "match" not in options else []
    if options.get("titles"):
        indexed.append("《")
    if indexed:
        prepared["indexed"] = Literal.of(sorted(indexed))
    if options.get("entries"):
        prepared["entries"] = compile_entries(options["entries"], compile_expr)
    if options.get("held"):
        prepared["held"] = tuple(_held(h, compile_expr) for h in options["held"])
    if options.get("cited"):
        prepared["cited"] = compile_expr(options["cited"])
    if options.get("coined"):
        prepared["coined"] = compile_coined(options["coined"], compile_expr)
    if options.get("titles"):
        names = lexicon_terms(options["titles"])
        prepared["title_index"] = Titles(tuple(n.translate(_FOLD) for n in names))
    if options.get("lexicon"):
        from compliance.match.lexicon import SpellingIndex

        prepared["spelling"] = SpellingIndex(
            lexicon_terms(options["lexicon"]), options.get("known", ()), dictionary()
        )
    return prepared


@functools.cache
def dictionary() -> Any:
    """jieba's dictionary, read once per process and shared by the rules that use it:
    the one the pack cache brought with the rules, when it did."""
    from compliance.match.lexicon import jieba_dictionary, loaded_dictionary

    return loaded_dictionary() or jieba_dictionary()


def examples(rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The entries' own examples, which check-rules runs with the rule's."""
    entries: Sequence[Entry] = rule.options.get("entries", ())
    return (
        tuple(e for entry in entries for e in entry.bad),
        tuple(e for entry in entries for e in entry.good),
    )


MONTH = Text(pattern=r"\d{4}-(0[1-9]|1[0-2])", form="a month YYYY-MM")
EXAMPLES = Record(
    (
        Option("bad", ListOf(Text()), "texts the entry must find", default=[]),
        Option("good", ListOf(Text()), "texts it must leave alone", default=[]),
    )
)
# One dated wrong form: also the `wrong` forms of a formulation.
ENTRY = Record(
    (
        Option("match", Expression(as_text=True), "the wrong form", required=True),
        Option("suggestion", Text(), "its right form"),
        Option("since", MONTH, "reported only in periods beginning on or after this month"),
        Option("until", MONTH, "and only in periods beginning before this month"),
        Option(
            "counts_from",
            MONTH,
            "the match counts the Nth anniversary of this month (…71周年): reported only in"
            " periods beginning in a later year than that anniversary's",
        ),
        Option(
            "counts_lag",
            Number(integer=True, minimum=0),
            "with counts_from: the years more that must pass (1: from the second year after"
            " the anniversary's)",
            default=0,
        ),
        Option(
            "unless_after",
            Expression(as_text=True),
            "not reported where a match of this comes before it in the report (总书记 only"
            " as the first mention, before 习近平)",
        ),
        Option(
            "unless_in",
            Expression(as_text=True),
            "not reported in a report where this matches anywhere (主题教育 in a report that"
            " names a campaign of its own)",
        ),
        Option("source", Text(), "where the change is decided"),
        Option("examples", EXAMPLES, "the entry's own examples, run by check-rules"),
    )
)
# A meeting whose spirit, or a campaign whose name, dates an undated text.
HELD = Record(
    (
        Option(
            "match", Expression(as_text=True), "its spirit (or the campaign) named", required=True
        ),
        Option("month", MONTH, "the month it was held (or launched)", required=True),
        Option("name", Text(nonempty=True), "its name, as the message says it", required=True),
        Option(
            "during",
            Expression(as_text=True),
            "the text telling of it as it opened or was awaited (收看…开幕会): the text"
            " covers a time before it, which it then does not date",
        ),
        Option("source", Text(), "where the date comes from"),
    )
)
# A term coined at a known month (两个确立, 2021-11): a text using it is of then or later.
COINED = Record(
    (
        Option("match", Expression(as_text=True), "the term, as a text uses it", required=True),
        Option("month", MONTH, "the month it was coined", required=True),
        Option("name", Text(nonempty=True), "the term, as the message says it", required=True),
        Option("source", Text(), "where it was first used"),
    )
)
COINED_OPTION = Option(
    "coined",
    ListOf(COINED),
    "terms coined at a known month { match, month, name }: a report with no date of its own"
    " that uses one is judged by the dated wrong forms (`entries`, a formulation's `wrong`)"
    " from the latest one's month, those with no `until` only, as by `cited`",
)
# A lexicon's item: a term, or terms with their source.
TERMS = OneOf(
    (
        Text(nonempty=True),
        Record(
            (
                Option("source", Text(), "where the terms come from"),
                Option("terms", ListOf(Text(nonempty=True)), "the terms", required=True),
            )
        ),
    )
)

KIND = Kind(
    name="substitute",
    check=check,
    summary="every wrong form, with its right form as `suggestion`: `pairs`, dated `entries`,"
    " near misses of a `lexicon`, document `titles` cited wrongly, or `traditional` characters",
    options=(
        FIX,
        Option(
            "pairs",
            TableOf(Text(), shape='a table "wrong" = "right"'),
            "wrong forms and their right forms; without `match` each wrong form is searched",
            default={},
        ),
        Option(
            "match",
            Expression(),
            "what to look for instead; the matched text is looked up in `pairs`",
        ),
        Option("suggestion", Text(), "the right form for matched text that `pairs` does not list"),
        Option("exclude", Expression(), "a match overlapping one of these does not count"),
        Option("entries", ListOf(ENTRY), "dated wrong forms { match, suggestion, since, source }"),
        Option(
            "held",
            ListOf(HELD),
            "meetings and campaigns { match, month, name }: a report with no date of its own"
            " that names one's spirit (or the campaign) is judged by `entries` from the"
            " latest one's month",
        ),
        Option(
            "cited",
            Expression(as_text=True),
            "a cited document's number (〔2023〕65号): a report with no date of its own is"
            " judged by `entries` from January of the latest year it cites, as by `held`",
        ),
        COINED_OPTION,
        Option("lexicon", ListOf(TERMS), "terms whose near misses and homophones are typos"),
        Option("known", ListOf(Text()), "real words one edit away from a term", default=[]),
        Option("titles", ListOf(TERMS), "document titles whose near misses in 《》 are wrong"),
        Option("traditional", Flag(), "traditional characters (OpenCC t2s) in simplified text"),
        Option("allow", ListOf(Text()), "traditional characters to leave alone", default=[]),
        Option(
            "whole_share",
            Number(minimum=0),
            "the share of traditional characters from which the whole text is one finding",
        ),
        Option("whole_message", Text(), "the message of that one finding; placeholder {share}"),
        SCOPE,
    ),
    placeholders=frozenset({"by", "period"}),
    validate=validate,
    prepare=prepare,
    examples=examples,
)


# -- the old kinds, read as substitute rules for one release --------------------------------


def from_typo(raw: Mapping[str, Any]) -> dict[str, Any]:
    return dict(raw)


def from_traditional(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {**raw, "traditional": True}


def _expression_or_regex(text: str) -> str:
    """outdated's match: an expression, or (before expressions) a plain regular expression."""
    from compliance.match.expr import ExprSyntaxError, compile_expr

    try:
        compile_expr(text)
    except ExprSyntaxError:
        return "/" + text.replace("/", "\\/") + "/"
    return text


def from_outdated(raw: Mapping[str, Any]) -> dict[str, Any]:
    table = {k: v for k, v in raw.items() if k != "formulations"}
    entries = []
    for item in raw.get("formulations", []):
        if not isinstance(item, dict):
            entries.append(item)  # validate names the problem
            continue
        entry = {"match": _expression_or_regex(str(item.get("match", "")))}
        if "since" in item:
            entry["since"] = item["since"]
        if "by" in item:
            entry["suggestion"] = item["by"]
        entries.append(entry)
    table["entries"] = entries
    return table


# kind name → (the table as a substitute rule, what to write instead)
ALIASES: dict[str, tuple[Callable[[Mapping[str, Any]], dict[str, Any]], str]] = {
    "typo": (from_typo, 'kind = "substitute" with the same lexicon and known'),
    "traditional": (from_traditional, 'kind = "substitute" with traditional = true'),
    "outdated": (
        from_outdated,
        'kind = "substitute" with entries = [{ match = "/regex/", since, suggestion }]',
    ),
}
