"""What every rule kind shares: the compiled rule and the context a kind checks."""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from compliance.match.matchers import Haystack, Hits, Matcher, Needs, Segment, Span, for_report
from compliance.match.terms import TermIndex, literals_of
from compliance.model.document import Document
from compliance.model.findings import Edit, Finding, Severity
from compliance.model.outline import Heading, Outline, Report
from compliance.model.period import Period, dating_period, report_period
from compliance.schema import Expression, ListOf, Option, Problem, Role, Text


@dataclass(frozen=True)
class Rule:
    """A rule as loaded from a rule file: knowledge only, compiled once per pack."""

    code: str
    name: str
    kind: str
    severity: Severity
    title: str
    message: str
    pack: str
    source: str  # the rule file, for messages about the rule itself
    line: int
    scope: str = "report"  # "report", or a section role such as "problems"
    title_zh: str = ""  # the title in Chinese, for the zh-CN pages; `title` when empty
    match: Matcher | None = None
    match_source: str = ""
    exclude: Matcher | None = None
    suggestion: str | None = None
    description: str = ""
    bad_examples: tuple[str, ...] = ()
    good_examples: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    override: bool = False  # replaces the rule of the same code from an earlier pack
    # "safe": the suggestion replaces the finding's text as it stands (--fix applies it);
    # None: the suggestion is advice only (a placeholder, a missing element).
    fix: str | None = None

    def matchers(self) -> Iterator[Matcher]:
        """Every expression of the rule: match, exclude, and those of its entries."""
        for matcher in (self.match, self.exclude):
            if matcher is not None:
                yield matcher
        # Strings a kind looks up besides its expressions (substitute's pairs): indexed so
        # that blocks without them are skipped (Context.blocks_holding).
        indexed = self.options.get("indexed")
        if indexed is not None:
            yield indexed
        for option in ("subject", "lone"):  # forbid's further expressions
            extra = self.options.get(option)
            if extra is not None and not isinstance(extra, str):
                yield extra
        entries = list(self.options.get("entries", ()))
        for formulation in self.options.get("formulations", ()):
            if isinstance(formulation, Mapping):
                entries.extend(formulation.get("wrong", ()))
        for entry in entries:
            matcher = getattr(entry, "match", None)
            if matcher is not None and not isinstance(matcher, str):
                yield matcher

    @cached_property
    def literals(self) -> tuple[str, ...]:
        """The exact strings the rule's expressions look up in a term index, each once,
        in the order they give them. Worked out when a pack is compiled and pickled with
        its rules (packs.rulefile.load_pack): a rule set's index (RuleSet.terms) does not
        walk every expression of every rule at every start (7 million instructions of a
        one-file lint)."""
        return tuple(dict.fromkeys(t for t in literals_of(self.matchers()) if t))


T = TypeVar("T")

HEADER_FOOTER = "header-footer"
EVERYWHERE = "everywhere"  # the report's blocks, and (once per file) headers and footers
HIDDEN = "hidden"  # text Word does not show: seen only by rules that ask
# How a unit's or issuer's name ends (示范县委员会, 示范区人民政府, 示范街道), as regex text.
UNIT_END = r"(?:[部委办局会院处厅室组站所队]|中心|公司|支部|政府|街道|社区|学校)"


@dataclass(frozen=True)
class Context:  # frozen, yet cached_property works: it writes the instance __dict__
    """One report of one document, as a kind sees it."""

    document: Document
    outline: Outline
    report: Report
    section_prefix: str  # the report's title when the file holds several reports
    configured_period: str | None  # from config, for reports whose text does not say
    terms: TermIndex | None = None  # every exact term of the rules run: one scan per text
    starts: Sequence[int] = ()  # each block's offset in the file's text (Document.starts)
    position: int = 0  # 1-based place of the report in its file, when the caller knows it

    @cached_property
    def period(self) -> Period | None:
        """The period the report states (CS501 holds the text to it); a news item's
        meeting (召开2024年度…会议) states none."""
        return report_period(self.document, self.report, self.configured_period, meetings=False)

    @cached_property
    def dating_period(self) -> Period | None:
        """The period dated formulations are judged by: `period`, else the signature's;
        for an untitled report that says nothing of its date, the one before it in the
        file (a page split at a numbered title the outline does not take for one, as in
        3.社区2021双拥工作计划模板 / 一、指导思想, goes on with the same text)."""
        own = dating_period(self.document, self.report, self.configured_period)
        if own is not None or self.report.title is not None:
            return own
        reports = self.outline.reports
        for before in range(self.number - 2, -1, -1):
            earlier = reports[before]
            found = dating_period(self.document, earlier, self.configured_period)
            if found is not None or earlier.title is not None:
                return found
        return None

    @cached_property
    def number(self) -> int:
        """1-based position of this report in its file."""
        if self.position:  # the engine's: searching was quadratic in a file of many reports
            return self.position
        # By identity: tuple.index compared reports field by field.
        return next(i for i, r in enumerate(self.outline.reports, 1) if r is self.report)

    def blocks(self, scope: str = "report") -> Iterator[int]:
        """Indices of the report's blocks inside `scope` (a role, or the whole report).

        Headers and footers belong to the file, not to a report: only the scopes
        "header-footer" and "everywhere" see them, once per file; hidden text only the
        scope "hidden".
        """
        blocks = self.document.blocks
        if scope in (HEADER_FOOTER, HIDDEN, EVERYWHERE):
            kinds = ("hidden",) if scope == HIDDEN else ("header", "footer")
            if self.number == 1:
                yield from (i for i, b in enumerate(blocks) if b.kind in kinds)
            if scope != EVERYWHERE:
                return
            scope = "report"
        for index in range(self.report.start, self.report.end):
            if blocks[index].kind in ("header", "footer", "hidden"):
                continue
            if scope == "report" or scope in self.report.roles_at(index):
                yield index

    def blocks_holding(self, needs: Needs, scope: str = "report") -> Iterable[int]:
        """The blocks of `scope` that hold one of `needs` (Matcher.needs), from the one
        term scan of the report: a block holding none cannot match, and is not visited.
        All the scope's blocks when `needs` is None or the scan cannot vouch for them
        (headers, footers and hidden text are not in the report's scan)."""
        terms = self.terms
        if needs is not None and scope == EVERYWHERE:  # headers and footers, then the report
            return [*self.blocks(HEADER_FOOTER), *self.blocks_holding(needs)]
        if needs is None or terms is None or scope in (HEADER_FOOTER, HIDDEN):
            return self.blocks(scope)
        where = self._term_blocks
        if where is None or not needs <= terms.inline:
            return self.blocks(scope)
        found: set[int] = set()
        for term in needs:
            found.update(where.get(term, ()))
        if scope == "report":
            return sorted(found)
        roles_at = self.report.roles_at
        return [i for i in sorted(found) if scope in roles_at(i)]

    def needs_of(self, matcher: Matcher) -> Needs:
        """matcher.needs() for this report's blocks, once per matcher and report: what
        it cannot match without, or nothing when even that is absent from the report."""
        key = id(matcher)  # the rules outlive the context: ids are not reused meanwhile
        if key not in self._needs:
            self._needs[key] = matcher.needs(self.report_haystack()[0].text)
        return self._needs[key]

    @cached_property
    def _needs(self) -> dict[int, Needs]:
        return {}

    def narrowed(self, matcher: Matcher, scope: str = "report") -> Matcher:
        """`matcher` for the blocks of `scope` in this report, without the parts of a
        union that cannot match anywhere in it (matchers.for_report). Headers, footers
        and hidden text are not in the report's text: there, the whole matcher."""
        if scope in (HEADER_FOOTER, HIDDEN, EVERYWHERE):
            return matcher
        key = id(matcher)  # as for _needs
        found = self._narrowings.get(key)
        if found is None:
            found = self._narrowings[key] = for_report(matcher, self.report_haystack()[0].text)
        return found

    @cached_property
    def _narrowings(self) -> dict[int, Matcher]:
        return {}

    def may_match(self, index: int, matcher: Matcher) -> bool:
        """Whether `matcher` can find anything in block `index`: False only when the
        term scan shows the block holds none of what it needs (Matcher.needs)."""
        where = self.holding(matcher)
        return where is None or index in where or index not in self._block_hits

    def holding(self, matcher: Matcher) -> set[int] | None:
        """The report's blocks holding what `matcher` needs, from the term scan; None
        when the scan cannot tell. Blocks outside the scan (headers, footers, hidden
        text) are never in it: see may_match."""
        key = id(matcher)
        if key not in self._holding:  # once per matcher and report
            needs = self.needs_of(matcher)
            terms, blocks = self.terms, self._term_blocks
            found = None
            if needs is not None and terms is not None and blocks is not None:
                sure = needs <= terms.inline
                found = {i for term in needs for i in blocks.get(term, ())} if sure else None
            self._holding[key] = found
        return self._holding[key]

    def scanned(self, index: int) -> bool:
        """Whether block `index` is in the report's term scan (holding() speaks for it)."""
        return index in self._block_hits

    @cached_property
    def _holding(self) -> dict[int, set[int] | None]:
        return {}  # id of a matcher (the rules outlive the context) → blocks holding its needs

    @cached_property
    def _term_blocks(self) -> dict[str, list[int]] | None:
        """Each term of the index: the report's blocks that hold it (None: not scanned)."""
        if self.report_haystack()[0].hits is None:
            return None
        where: dict[str, list[int]] = {}
        for index, hits in self._block_hits.items():
            for term in hits.present:
                where.setdefault(term, []).append(index)
        return where

    def block_haystack(self, index: int) -> Haystack:
        hay = self._haystacks.get(index)
        if hay is None:  # shared by every rule that searches this block
            text = self.document.blocks[index].text
            segments = (Segment(0, len(text), self.report.roles_at(index)),)
            hits = self._block_hits.get(index)
            if hits is None:  # a header or footer: not in the report's joined text
                hits = self._scan(text)
            hay = Haystack(text, segments, hits)
            self._haystacks[index] = hay
        return hay

    @cached_property
    def _block_hits(self) -> dict[int, Hits]:
        """Every block's term hits, cut from the one scan of the report's joined text."""
        hay, starts = self.report_haystack()
        if self.terms is None or hay.hits is None:
            return {}
        cut = self._cut.get("report")
        if cut is None:
            blocks = self.document.blocks
            parts = [(offset, len(blocks[index].text)) for offset, index in starts]
            cut = self.terms.split(hay.hits, parts)
        return {index: hits for (_, index), hits in zip(starts, cut, strict=True)}

    @cached_property
    def _cut(self) -> dict[str, list[Hits]]:
        return {}  # scope → its blocks' hits, when the scan of its joined text made them

    @cached_property
    def _haystacks(self) -> dict[int, Haystack]:
        return {}

    def shared(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make` gives for this report, made once: work several rules would repeat
        on the same text (the eight require rules' titles and pinyin-free haystack). `key`
        names the work and its arguments; one key, one kind of value."""
        memo = self._shared
        if key in memo:
            return cast(T, memo[key])
        value = memo[key] = make()
        return value

    @cached_property
    def _shared(self) -> dict[Hashable, object]:
        return {}

    def report_haystack(self, scope: str = "report") -> tuple[Haystack, list[tuple[int, int]]]:
        """The scope's blocks joined by newlines, with (offset, block index) for each block."""
        joined = self._joined.get(scope)
        if joined is None:  # every require rule searches the same text
            joined = self._joined[scope] = self._join(scope)
        return joined

    @cached_property
    def _joined(self) -> dict[str, tuple[Haystack, list[tuple[int, int]]]]:
        return {}

    def _join(self, scope: str) -> tuple[Haystack, list[tuple[int, int]]]:
        parts: list[str] = []
        segments: list[Segment] = []
        starts: list[tuple[int, int]] = []
        offset = 0
        for index in self.blocks(scope):
            text = self.document.blocks[index].text
            starts.append((offset, index))
            segments.append(Segment(offset, offset + len(text), self.report.roles_at(index)))
            parts.append(text)
            offset += len(text) + 1
        joined = "\n".join(parts)
        hits, cut = self._scan_parts(joined, parts)
        if cut is not None:
            self._cut[scope] = cut
        return Haystack(joined, tuple(segments), hits), starts

    def _scan(self, text: str) -> Hits | None:
        return self.terms.scan(text) if self.terms is not None else None

    def _scan_parts(self, text: str, parts: Sequence[str]) -> tuple[Hits | None, list[Hits] | None]:
        """A joined text's hits, and its parts' (TermIndex.scan_parts)."""
        return self.terms.scan_parts(text, parts) if self.terms is not None else (None, None)

    def section_text(self, index: int) -> str:
        text = self._sections.get(index)
        place = self.document.blocks[index].place
        if text is None and place:  # a note, header or footer: where Word shows it
            text = self._sections[index] = place
        if text is None:  # one string per section, shared by all its findings
            path = self.report.path_text(index)
            text = path
            if self.section_prefix:
                text = f"{self.section_prefix} / {path}" if path else self.section_prefix
            text = self._sections[index] = sys.intern(text)
        return text

    @cached_property
    def _sections(self) -> dict[int, str]:
        return {}

    def finding_at(
        self,
        rule: Rule,
        index: int,
        span: Span,
        *,
        suggestion: str | None = None,
        extra: Mapping[str, str] | None = None,
        shown: str | None = None,
        fixable: bool = True,
    ) -> Finding:
        """A finding on characters [span.start, span.end) of block `index`.

        `shown` names what an empty span stands for: a label Word numbering draws.
        `fixable=False`: the suggestion is advice even in a rule whose fixes are safe
        (a list with a member missing: where it goes is not known).
        """
        block = self.document.blocks[index]
        start = self.starts[index] if self.starts else -1
        # Interned: an archive repeats the same few texts and messages 100,000 times, and
        # findings were half the memory of linting one (docs/performance.md).
        text = sys.intern(block.text[span.start : span.end] or (shown or ""))
        message = render_message(rule.message, text=text, suggestion=suggestion, extra=extra)
        fix = None
        safe = rule.fix == "safe" and fixable and not shown
        if safe and suggestion is not None and suggestion != text and start >= 0:
            fix = Edit(start + span.start, start + span.end, suggestion)
        return Finding(
            path=self.document.path,
            line=block.line,
            column=block.column + span.start,
            end_line=block.line,
            end_column=block.column + span.end,
            rule=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=sys.intern(message),
            text=text,
            section=self.section_text(index),
            suggestion=suggestion,
            block=index,
            offset=start + span.start if start >= 0 else -1,
            fix=fix,
        )

    def finding_for_report(
        self, rule: Rule, index: int | None = None, extra: Mapping[str, str] | None = None
    ) -> Finding:
        """A document-level finding (a missing element): no text, placed at a block's start."""
        if index is None:
            index = self.report.title if self.report.title is not None else self.report.start
        block = self.document.blocks[index]
        return Finding(
            path=self.document.path,
            line=block.line,
            column=block.column,
            end_line=block.line,
            end_column=block.column,
            rule=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=render_message(rule.message, text="", suggestion=None, extra=extra),
            text="",
            section=self.section_text(index),
            suggestion=None,
            block=index,
            offset=self.starts[index] if self.starts else -1,
        )


def label_span(ctx: Context, heading: Heading) -> Span:
    """Where a heading's label sits in its block; empty when Word numbering supplies it."""
    block = ctx.document.blocks[heading.block]
    start = heading.column - block.column
    if block.text.startswith(heading.label, start):
        return Span(start, start + len(heading.label))
    return Span(0, 0)


class SpanIndex:
    """Spans sorted by start, so that an overlap test costs O(log n), not O(n).

    A long block holds thousands of matches; testing each against a list of the
    others made such a block quadratic.
    """

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._spans: list[Span] = []
        self._starts: list[int] = []
        self._longest = 0
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        at = bisect.bisect_right(self._starts, span.start)
        self._starts.insert(at, span.start)
        self._spans.insert(at, span)
        self._longest = max(self._longest, span.end - span.start)

    def overlaps(self, span: Span) -> bool:
        """Whether `span` shares a character with any span in the index."""
        low = bisect.bisect_left(self._starts, span.start - self._longest)
        high = bisect.bisect_left(self._starts, span.end)
        # Mostly nothing to look at: no generator then.
        return low < high and any(self._spans[i].end > span.start for i in range(low, high))


def cut_off(text: str) -> bool:
    """A paragraph ending in … or ...: a web teaser or an excerpt, not a whole text."""
    return text.rstrip().endswith(("…", "..."))


PLACEHOLDERS = frozenset({"text", "suggestion"})


def render_message(
    template: str, *, text: str, suggestion: str | None, extra: Mapping[str, str] | None = None
) -> str:
    values = {"text": text, "suggestion": suggestion or ""}
    if extra:
        values.update(extra)
    return template.format_map(values)


Check = Callable[[Rule, Context], Iterator[Finding]]
# Checks what the declared types cannot (one option depending on another), on a table
# whose types are already right; returns what is wrong, or None.
Validate = Callable[[Mapping[str, Any]], Problem | None]
# Adds what a run needs to a rule's validated options, once, when its pack is loaded
# (entries' expressions, indexes); gets the pack's expression compiler. What it returns
# is what the compiled pack keeps: derived keys are never checked against the options.
Prepare = Callable[[Mapping[str, Any], Callable[[str], Matcher]], dict[str, Any]]
# Examples a rule's data carries beyond its own (bad, good): check-rules runs them too.
Examples = Callable[[Rule], tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class Kind:
    """A rule kind: its name, what it reports, the keys its rules may carry, its check.

    `options` are all the keys a rule of this kind reads besides the common ones (code,
    name, kind, severity, title, message, description, examples): a key not declared
    here is an error in the rule file, never silently ignored.
    """

    name: str
    check: Check
    summary: str  # one line for the docs: what a finding of this kind reports
    options: tuple[Option, ...] = ()
    placeholders: frozenset[str] = frozenset()
    validate: Validate | None = None
    # Judges a report as a whole (its elements, title, sections, names): not run on a
    # file's front matter (a web page's preface, a table of contents).
    whole_report: bool = False
    prepare: Prepare | None = None
    examples: Examples | None = None

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)


# The keys many kinds share, declared once; a kind lists those it reads.
SCOPE = Option(
    "scope",
    Role(builtin=("report", HEADER_FOOTER, HIDDEN, EVERYWHERE)),
    "where to look: the whole `report`, the sections of a role, the `header-footer` of a"
    " Word file, its `hidden` text, or `everywhere` (the report and its headers and footers)",
    default="report",
)
MATCH = Option("match", Expression(), "what the rule looks for", required=True)
EXCLUDE = Option("exclude", Expression(), "a match overlapping one of these does not count")
SUGGESTION = Option("suggestion", Text(), "the replacement shown with each finding")
DEFERS_TO = Option(
    "defers_to",
    ListOf(Text(nonempty=True)),
    "codes whose finding on the very same characters stands for this rule's: one defect,"
    " one finding (compliance.lint.engine.without_deferred)",
    default=[],
)
FIX = Option(
    "fix",
    Text(choices=("safe",)),
    '"safe": the suggestion replaces the finding\'s characters as they stand, in every case,'
    " so `--fix` applies it (docs/fixes.md); without it the suggestion is advice",
)
