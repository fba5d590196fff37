"""forbid: a pattern must not appear; one finding per occurrence.

`info` lists words whose findings are only advice (TX301's 某某: a name left out on purpose
as often as by mistake): a match holding one is reported at info severity. With
`once_per_paragraph`, a paragraph is reported at its first match only (a site's notice
line, or a text annotated with pinyin throughout, is one thing to delete). With
`title_tags`, a run of three or more short lines that are each a piece of the line just
below (a site's keyword tags over the title it files: 街道 / 2020 / 上半年 / 工作总结) is
reported once, at its first line: a structural sign, whatever the words. With
`page_numbers`, a number opening a line that carries on the previous line's sentence (or
opens a title) is a PDF page number left in. With `subject`, a match of that expression
(TX309's bare 市 / 局 opening a clause) is reported only where it stands as a word of its
own before a predicate: the next word, by jieba's dictionary, is a verb, adverb or
preposition of `predicate_tags` (局在…, 县紧扣…, 镇始终…), and the match does not begin a
longer word (市场, 县城, 局部, 镇压) — the sentence's syntax, not a list of verbs.
With `lone`, a match of that expression (TX301's measure word whose number was cut out:
召开了次会议, 新增块宣传画, 发放份资料) is reported only where jieba's dictionary reads it
as no part of a longer word: 一次性, 次要, 首次, 层次, 个人, 条件, 件件 are words, so
their 次, 个, 条 and 件 are not a measure word left alone.
With `silences`, a short line the rule reports is residue to delete as a whole: the
engine drops the listed codes' findings on it (compliance.lint.engine.without_silenced);
`numbering_keeps` names those still reported where the match is only a copy's number
after its title (…工作总结篇1, 篇二：…): the title is the report's own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Container, Iterator, Mapping
from typing import Any

from compliance.kinds.base import EXCLUDE, FIX, MATCH, SCOPE, SUGGESTION, Context, Kind, Rule
from compliance.match.matchers import Matcher, Span
from compliance.match.pagenumbers import page_numbers_of
from compliance.model.findings import Finding
from compliance.schema import Expression, Flag, ListOf, Option, Text

_TAG = re.compile(r"^[\s\u3000]*([^\s\u3000。，；：！？,.;:!?、]{1,8})[\s\u3000]*$")
_MIN_TAGS = 3
_COVER = 0.6  # of the line below the tags spell


def _title_tags(rule: Rule, ctx: Context) -> Iterator[Finding]:
    blocks = ctx.document.blocks
    for i in ctx.blocks(rule.scope):
        if not _TAG.match(blocks[i].text) or (i and _TAG.match(blocks[i - 1].text)):
            continue  # not the first line of a run
        run = i  # the run may reach into the next report: the title it files opens one
        while run < len(blocks) and _TAG.match(blocks[run].text):
            run += 1
        pieces = [m for k in range(i, run) if (m := _TAG.match(blocks[k].text)) is not None]
        below = blocks[run].text.strip() if run < len(blocks) else ""
        size = sum(len(p.group(1)) for p in pieces)
        if len(pieces) < _MIN_TAGS or "。" in below or size < _COVER * len(below):
            continue  # a list of short items over a sentence that sums them up
        at = 0
        for piece in pieces:
            found = below.find(piece.group(1), at)
            if found < 0:
                break
            at = found + len(piece.group(1))
        else:
            yield ctx.finding_at(rule, i, Span(pieces[0].start(1), pieces[0].end(1)))


def _page_numbers(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A page number left at the start of a line by a PDF copy, or a document site's
    chunk number (see compliance.match.pagenumbers)."""
    numbers = ctx.outline.page_numbers
    if numbers is None:  # an outline built without them (a test, a tool)
        numbers = page_numbers_of(ctx.document, rule.options.get("words"))
    for i in ctx.blocks(rule.scope):
        if i in numbers:
            yield ctx.finding_at(rule, i, Span(*numbers[i]))


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    """page_numbers: jieba's word list (does a line's "2、" cut a word in two?), read
    when the rule file is compiled and kept in the pack cache (1.2 MiB in memory as
    compliance.match.lexicon.WordList groups it), so that a lint reads no dictionary
    (RuleSet.words hands it to compliance.match.pagenumbers). subject: the same word
    list and the words of `predicate_tags`, likewise read once and cached; lone: the
    same word list, and with `lone_rare` the dictionary's rarer words holding those
    measure words (目次, 谋篇布局), which the word list leaves out."""
    prepared = dict(options)
    wants_words = options.get("subject") is not None or options.get("lone") is not None
    if not options.get("page_numbers", False) and not wants_words:
        return prepared
    from compliance.kinds.substitute import dictionary

    prepared["words"] = dictionary().words
    if options.get("subject") is not None:
        from compliance.match.lexicon import jieba_predicates

        prepared["predicates"] = jieba_predicates(options.get("predicate_tags", []))
    if options.get("lone") is not None and options.get("lone_rare"):
        from compliance.match.lexicon import jieba_rare_holding

        prepared["rare"] = jieba_rare_holding(options["lone_rare"])
    if options.get("lone") is not None and options.get("lone_suffix"):
        from compliance.match.lexicon import jieba_single_nouns

        prepared["nouns"] = jieba_single_nouns()
    return prepared


_WORD_SPAN = 4  # characters: jieba's words as complint keeps them are 2–4 long


def _before_predicate(text: str, span: Span, words: Any, predicates: Any) -> bool:
    """Does the match stand as a word of its own, followed by a predicate?"""
    for end in range(span.end + 1, min(span.end + _WORD_SPAN, len(text)) + 1):
        if text[span.start : end] in words:
            return False  # 市场, 县城, 局部: the match begins a longer word
    after = text[span.end : span.end + _WORD_SPAN]
    for size in range(len(after), 1, -1):  # the longest word after it decides
        if after[:size] in words:
            return after[:size] in predicates.words
    return bool(after) and after[0] in predicates.singles


def _kept(
    rule: Rule, ctx: Context, matcher: Matcher, keep: Callable[[str, Span], bool]
) -> Iterator[Finding]:
    """The matches of `matcher` outside `exclude` that `keep(block text, span)` keeps."""
    for index in ctx.blocks_holding(ctx.needs_of(matcher), rule.scope):
        hay = ctx.block_haystack(index)
        spans = [s for s in matcher.find(hay) if s.end > s.start]
        if not spans:
            continue
        excluded = rule.exclude.find(hay) if rule.exclude is not None else []
        for span in spans:
            if any(e.start <= span.start and span.end <= e.end for e in excluded):
                continue
            if keep(hay.text, span):
                yield ctx.finding_at(rule, index, span, suggestion=rule.suggestion)


def _subjects(rule: Rule, ctx: Context, subject: Matcher) -> Iterator[Finding]:
    words, predicates = rule.options["words"], rule.options["predicates"]
    return _kept(
        rule, ctx, subject, lambda text, span: _before_predicate(text, span, words, predicates)
    )


# A pinyin annotation a copy puts after a character (個（gè）人, 个(ge)人), toned or not:
# the word it splits is read without it.
_ANNOTATION = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[）)]")


def _unannotated(text: str, span: Span) -> tuple[str, Span]:
    """The text with the annotations right before and after the match taken out."""
    after = _ANNOTATION.match(text, span.end)
    if after is not None:
        text = text[: after.start()] + text[after.end() :]
    before = next(
        (m for m in _ANNOTATION.finditer(text, 0, span.start) if m.end() == span.start), None
    )
    if before is not None:
        cut = before.end() - before.start()
        text = text[: before.start()] + text[before.end() :]
        span = Span(span.start - cut, span.end - cut)
    return text, span


def _in_word(text: str, span: Span, words: Any, rare: Container[str] = ()) -> bool:
    """Is the match part of a longer word of jieba's dictionary (一次性, 首次, 个人; or one
    of its rarer words in `rare`: 目次, 谋篇布局), read without a copy's pinyin
    annotations around it?"""
    text, span = _unannotated(text, span)
    for start in range(max(0, span.start - _WORD_SPAN + 1), span.start + 1):
        for end in range(span.end, min(len(text), start + _WORD_SPAN) + 1):
            longer = (start, end) != (span.start, span.end) and end - start >= 2
            if longer and (text[start:end] in words or text[start:end] in rare):
                return True
    return False


def _colloquial(text: str, span: Span, words: Any, verbs: frozenset[str]) -> bool:
    """A measure word right after a one-character verb that is a word of its own (好好写份
    总结, 开个会), or after a two-character word the list names (就是个): spoken Chinese
    leaves out 一 there. After a longer verb ending in the same character (撰写份), the
    number was cut out."""
    before = span.start - 1
    if before >= 1 and text[before - 1 : span.start] in verbs:
        return True
    return (
        before >= 0
        and text[before] in verbs
        and not (before >= 1 and text[before - 1 : span.start] in words)
    )


def _noun_suffix(text: str, span: Span, words: Any, nouns: Container[str], suffix: str) -> bool:
    """A measure word that also ends nouns (套: 信套, 枕套), right after a one-character noun
    that is a word of its own (用信套密封): a noun the dictionary lacks, not a count cut out.
    After a longer word ending in that character (配备设备套, 发放图书套) the number was cut."""
    text, span = _unannotated(text, span)
    noun = span.start - 1
    if span.end - span.start != 1 or text[span.start] not in suffix or noun < 0:
        return False
    if text[noun] not in nouns:
        return False
    return not any(text[start : noun + 1] in words for start in range(max(0, noun - 3), noun))


def _lones(rule: Rule, ctx: Context, lone: Matcher) -> Iterator[Finding]:
    words = rule.options["words"]
    rare: Container[str] = rule.options.get("rare", ())
    verbs = frozenset(rule.options.get("lone_verbs", ()))
    nouns: Container[str] = rule.options.get("nouns", ())
    suffix: str = rule.options.get("lone_suffix", "")
    return _kept(
        rule,
        ctx,
        lone,
        lambda text, span: (
            not _in_word(text, span, words, rare)
            and not _colloquial(text, span, words, verbs)
            and not (suffix and _noun_suffix(text, span, words, nouns, suffix))
        ),
    )


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    subject: Matcher | None = rule.options.get("subject")
    lone: Matcher | None = rule.options.get("lone")
    if subject is None and lone is None:
        yield from _matches(rule, ctx)
        return
    extra: list[Finding] = []
    if subject is not None:
        extra.extend(_subjects(rule, ctx, subject))
    if lone is not None:
        extra.extend(_lones(rule, ctx, lone))
    yield from _dedup(rule, ctx, extra)


def _dedup(rule: Rule, ctx: Context, extra: list[Finding]) -> Iterator[Finding]:
    """The pattern's findings and the further expressions', a place reported once."""
    seen: set[tuple[int, int]] = set()
    for found in (*_matches(rule, ctx), *extra):
        key = (found.line, found.column)
        if key not in seen:
            seen.add(key)
            yield found


def _matches(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    if rule.options.get("title_tags", False):
        yield from _title_tags(rule, ctx)
    if rule.options.get("page_numbers", False):
        yield from _page_numbers(rule, ctx)
    info: list[str] = rule.options.get("info", [])
    once: bool = rule.options.get("once_per_paragraph", False)
    # Only the blocks holding what a match needs (one term scan per report says which),
    # and only the parts of the match that can match in this report.
    match = ctx.narrowed(rule.match, rule.scope)
    # In a Markdown file the parser has read its markup (`code`): what is left is text.
    markup: Matcher | None = (
        rule.options.get("not_in_markdown") if ctx.document.format == "md" else None
    )
    for index in ctx.blocks_holding(ctx.needs_of(rule.match), rule.scope):
        hay = ctx.block_haystack(index)
        excluded: list[Span] | None = None
        for span in match.find(hay):
            if span.end == span.start:
                continue  # a zero-width "true" (from !x) has no place to point at
            if excluded is None:  # only for a block with a match
                excluded = rule.exclude.find(hay) if rule.exclude is not None else []
                if markup is not None:
                    excluded = [*excluded, *markup.find(hay)]
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
            "title_tags",
            Flag(),
            "also report a run of 3+ short lines that spell pieces of the line below",
            default=False,
        ),
        Option(
            "page_numbers",
            Flag(),
            "also report a number opening a line that carries on the previous line's sentence",
            default=False,
        ),
        Option(
            "subject",
            Expression(),
            "also report a match of this where it stands as a word before a predicate",
        ),
        Option(
            "lone",
            Expression(),
            "also report a match of this where jieba's dictionary reads it as no part of a"
            " longer word (a measure word whose number was cut out)",
        ),
        Option(
            "lone_verbs",
            ListOf(Text(pattern=r".{1,2}", form="one or two characters")),
            "verbs after which a `lone` match is spoken Chinese for 一 and the measure word"
            " (写份总结, 开个会, 就是个): a one-character verb unless the two characters before"
            " the measure word are a word, a two-character one as it stands",
            default=[],
        ),
        Option(
            "lone_rare",
            Text(nonempty=True),
            "measure words of `lone` whose rarer dictionary words (below the word list's"
            " frequency floor: 目次, 谋篇布局) also make them part of a longer word",
        ),
        Option(
            "lone_suffix",
            Text(nonempty=True),
            "measure words of `lone` that also end nouns the dictionary lacks (信套): not"
            " reported right after a one-character noun that is a word of its own",
        ),
        Option(
            "predicate_tags",
            ListOf(Text(nonempty=True)),
            "jieba's part-of-speech tags of the words that count as a predicate for `subject`",
            default=[],
        ),
        Option(
            "not_in_markdown",
            Expression(),
            "a match overlapping one of these is not reported in a Markdown file, whose"
            " parser reads it as markup (a backtick)",
        ),
        Option(
            "once_per_paragraph",
            Flag(),
            "report a paragraph at its first match only",
            default=False,
        ),
        Option(
            "silences",
            ListOf(Text(nonempty=True)),
            "codes whose findings on a short line this rule reports are dropped: the line"
            " is residue to delete as a whole (compliance.lint.engine.without_silenced)",
            default=[],
        ),
        Option(
            "silences_whole_line",
            ListOf(Text(nonempty=True)),
            "further codes dropped on a short line this rule's match covers whole (a file"
            " name ….docx): the line goes, placeholders in it with it",
            default=[],
        ),
        Option(
            "in_site_links",
            Flag(),
            "still report under a site's related links after the text (residue there is"
            " residue; other rules' findings there are dropped: compliance.lint.engine)",
            default=False,
        ),
        Option(
            "numbering_keeps",
            ListOf(Text(nonempty=True)),
            "codes of `silences` still reported on a line where the match is only a copy's"
            " number after its title (…工作总结篇1): the number is the site's, the title the"
            " report's own",
            default=[],
        ),
    ),
    prepare=prepare,
)
