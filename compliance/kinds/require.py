"""require: an element must be present in the report (or in sections of a given role)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from compliance.kinds.base import EXCLUDE, MATCH, SCOPE, Context, Kind, Rule, SpanIndex
from compliance.match.matchers import AnyOf, Haystack, Matcher, Segment, Span
from compliance.match.mentions import Passing, passing
from compliance.model.findings import Finding
from compliance.model.pinyin import ANNOTATION
from compliance.schema import ListOf, Option, Role, Text

if TYPE_CHECKING:  # the lexicon (numpy, the automata) is imported by the packs that use it
    from compliance.match.lexicon import SpellingIndex


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    hay, titles = ctx.shared(("require", rule.scope), lambda: _searched(ctx, rule.scope))
    if _established(rule, hay, titles):
        return
    # A key term mistyped (第一贵任人, 网评圆: TX302 reports the slip) still says the element:
    # the text is read again with each slip put right.
    righted = _righted(rule, hay)
    if righted is not None and _established(rule, righted, titles):
        return
    at = rule.options.get("at")
    sections = ctx.report.sections_with_role(at) if isinstance(at, str) else ()
    yield ctx.finding_for_report(rule, sections[0].start if sections else None)


def _established(rule: Rule, hay: Haystack, titles: list[Span]) -> bool:
    """Whether an alternative of the rule's match stands in the text, not excluded, outside
    the titles and within one paragraph, and not a passing mention."""
    assert rule.match is not None
    excluded: SpanIndex | None = None
    classes: tuple[Passing, ...] = rule.options.get("passing", ())
    # One alternative found (and not excluded) is enough: the rest are not searched.
    parts = rule.match.parts if isinstance(rule.match, AnyOf) else (rule.match,)
    for part in parts:
        spans = part.find(hay)
        if spans and rule.exclude is not None:
            # "未成立领导小组" mentions the element but says it is absent.
            if excluded is None:
                excluded = SpanIndex(rule.exclude.find(hay))
            spans = [s for s in spans if not excluded.overlaps(s)]
        for title in titles:
            spans = [s for s in spans if s.end <= title.start or s.start >= title.end]
        spans = [s for s in spans if not _across_paragraphs(hay.text, s)]
        if titles:  # what stands above the title is a site's (its list of other documents)
            spans = [s for s in spans if s.start >= titles[0].start]
        # A term in a purpose, an awareness, a topic … is not the unit's work done.
        if classes and any(passing(hay.text, s, classes) is None for s in spans):
            return True
        if spans and not classes:
            return True
    return False


def _righted(rule: Rule, hay: Haystack) -> Haystack | None:
    """The text with each slip of a `slips` term that keeps its length (a character
    replaced or typed by sound) put right, offsets unchanged; None when there is none."""
    index: SpellingIndex | None = rule.options.get("slip_index")
    if index is None:
        return None
    misses = [m for m in index.misses(hay.text) if m.end - m.start == len(m.term)]
    if not misses:
        return None
    chars = list(hay.text)
    for miss in misses:
        chars[miss.start : miss.end] = miss.term
    return Haystack("".join(chars), hay.segments)


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    """The slips' spelling index, built once into the pack (the pack cache keeps jieba's
    dictionary with it: none is read at lint time)."""
    prepared = dict(options)
    if options.get("slips"):
        from compliance.kinds.substitute import dictionary
        from compliance.match.lexicon import SpellingIndex

        prepared["slip_index"] = SpellingIndex(options["slips"], (), dictionary())
    return prepared


# A paragraph that ends so (…研判情况报告如下：) is finished: a near() pair that runs from it
# into the next one (研判 … 一、意识形态工作总体情况) pairs words of two paragraphs. A line
# that ends without such a mark is a hard wrap of one paragraph and may be crossed.
_PARAGRAPH_END = re.compile(r"[。：:；;！!？?]\s*\n")


def _across_paragraphs(text: str, span: Span) -> bool:
    return "\n" in text[span.start : span.end] and bool(
        _PARAGRAPH_END.search(text, span.start, span.end)
    )


def _searched(ctx: Context, scope: str) -> tuple[Haystack, list[Span]]:
    """The scope's text as every require rule searches it, and its titles there: the
    same for all of them, so made once per report (Context.shared)."""
    hay, starts = ctx.report_haystack(scope)
    return _without_pinyin(hay, _title_spans(ctx, starts))


# Pinyin a site prints after each character (追责(zé)的相关(guān)情形, 領(lǐng)導): it cuts
# every term, so the elements are looked for in the text without it.
def _without_pinyin(hay: Haystack, titles: list[Span]) -> tuple[Haystack, list[Span]]:
    """The haystack without pinyin annotations, its roles and the titles moved to match;
    the haystack itself when it has none (it keeps its term hits)."""
    cuts = [(m.start(), m.end()) for m in ANNOTATION().finditer(hay.text)]
    if not cuts:
        return hay, titles
    starts = [start for start, _ in cuts]
    removed = [0]
    for start, end in cuts:
        removed.append(removed[-1] + end - start)

    def moved(offset: int) -> int:
        n = bisect_right(starts, offset)  # the annotations that start at or before it
        if not n:
            return offset
        start, end = cuts[n - 1]  # the last of them may hold the offset
        return offset - removed[n - 1] - (min(offset, end) - start)

    text = ANNOTATION().sub("", hay.text)
    segments = tuple(Segment(moved(g.start), moved(g.end), g.roles) for g in hay.segments)
    return Haystack(text, segments), [Span(moved(t.start), moved(t.end)) for t in titles]


# What opens a title without being part of it: a site's chunk number, residue.
_TITLE_LEAD = re.compile(r"^[\s\u3000\d、.．>＞#*]*")


def _title_spans(ctx: Context, starts: list[tuple[int, int]]) -> list[Span]:
    """Where the report's title stands in the haystack, with a copy of it that follows at
    once (a site's "…报告…报告 2022年以来") and later lines that copy it (a site's header
    `VIP …报告` read as the title, the document's own title line under the site's lines).
    A title names the kind of report (…意识形态分析研判报告, 网络意识形态工作总结): it does
    not say the work was done."""
    report = ctx.report
    first = _title_span(ctx, starts)
    if first is None or report.title is None:
        return []
    spans = [first]
    core = _core(ctx.document.blocks[report.title].text[: report.title_end])
    for offset, index in starts:
        line = _core(ctx.document.blocks[index].text)
        if index > report.title and _copies(line, core):
            spans.append(Span(offset, offset + len(ctx.document.blocks[index].text)))
    return spans


def _core(line: str) -> str:
    lead = _TITLE_LEAD.match(line)
    return line[lead.end() if lead else 0 :].strip()


def _copies(line: str, core: str) -> bool:
    """Whether a line is the title again, one of them with a few characters more in front
    (a site's `VIP `): a short line that ends with the other, of eight characters or more."""
    if not line or not core or abs(len(line) - len(core)) > 8:
        return False
    shorter, longer = sorted((line, core), key=len)
    return len(shorter) >= 8 and longer.endswith(shorter)


def _title_span(ctx: Context, starts: list[tuple[int, int]]) -> Span | None:
    """Where the report's title stands in the haystack, with a copy that follows at once."""
    report = ctx.report
    if report.title is None:
        return None
    offset = next((start for start, index in starts if index == report.title), None)
    if offset is None:
        return None
    text = ctx.document.blocks[report.title].text
    title = text[: report.title_end]
    end = len(title)
    core = _core(title)
    rest = text[end:]
    copy = rest.lstrip(" \u3000")
    if core and report.title_end is not None and copy.startswith(core):
        end += len(rest) - len(copy) + len(core)
    return Span(offset, offset + end)


KIND = Kind(
    name="require",
    check=check,
    summary="an element never established in the report (or in `scope`; its title does not"
    " count): one finding per report, with empty `text`, placed at the first section of"
    " role `at` or else the title / first line",
    options=(
        MATCH,
        EXCLUDE,
        SCOPE,
        Option("at", Role(), "place the finding at the first section of this role"),
        Option(
            "slips",
            ListOf(Text(nonempty=True)),
            "key terms (two characters or more) whose slips establish the element as the"
            " term would: a character replaced or typed by sound, as TX302 finds it",
        ),
        Option(
            "passing",
            ListOf(Text(nonempty=True)),
            "classes of passing mention from the pack's `[passing]` tables: a match whose"
            " clause fits one does not establish the element",
        ),
    ),
    whole_report=True,
    prepare=prepare,
)
