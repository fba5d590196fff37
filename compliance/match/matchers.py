"""What rule expressions compile to: small matchers that search a document's text.

Kept apart from the grammar (compliance.match.expr) so that running compiled rules, or loading
them from the pack cache, never needs the parser.
"""

from __future__ import annotations

import bisect
import functools
import re
import time
from collections.abc import Iterable, Iterator, Sequence, Set
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

from compliance.match.automata import NearMissIndex, one_edit_windows

if TYPE_CHECKING:  # compiled patterns come from the pack cache; compiling imports regex
    import regex

# -- what matchers search ------------------------------------------------------------------


class Span(NamedTuple):
    """Characters [start, end) of a text. A tuple: matchers sort and dedupe many of these,
    and tuples compare and hash in C."""

    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A stretch of a text with the roles it plays."""

    start: int
    end: int
    roles: frozenset[str]


class Hits:
    """What one scan of a term index found in a text (compliance.match.terms.TermIndex):
    which terms occur, and where, found when first asked.

    Most terms are looked up only to know whether a text holds them (a regex's required
    strings, Context.blocks_holding); a report's scan finds about 1,650 occurrences of
    which matchers read the places of about 500. So the scan keeps the set of terms that
    occur (`present`, tested in C) and a term's places are found in the text when a
    Literal asks: str.find from the last end, the same non-overlapping leftmost
    occurrences the automaton's matches gave (matchers.occurrences).
    """

    __slots__ = ("_spans", "indexed", "present", "text")

    def __init__(self, present: Iterable[str], indexed: frozenset[str], text: str = "") -> None:
        # The terms that occur: a set, so that `in` and isdisjoint run in C.
        self.present: Set[str] = present if isinstance(present, Set) else frozenset(present)
        self.indexed = indexed  # the terms looked for; a term not here says nothing by absence
        self.text = text  # what was scanned: where a term's places are found
        self._spans: dict[str, list[Span]] = {}

    def spans(self, term: str) -> list[Span]:
        """The occurrences of a present term, left to right, not overlapping."""
        found = self._spans.get(term)
        if found is None:
            found = self._spans[term] = occurrences(self.text, term)
        return found

    @property
    def found(self) -> dict[str, list[Span]]:
        """Each term that occurs: its occurrences (all of them found now)."""
        return {term: self.spans(term) for term in self.present}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hits):
            return NotImplemented
        return self.indexed == other.indexed and self.found == other.found

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Hits({sorted(self.present)!r}, {len(self.indexed)} indexed)"


# What a matcher cannot match without (Matcher.needs): strings one of which the text holds.
Needs = frozenset[str] | None


def _any_needs(parts: Iterable[Matcher], report: str | None) -> Needs:
    """What a union of matchers needs: one of what any part needs."""
    found: set[str] = set()
    for part in parts:
        needs = part.needs(report)
        if needs is None:
            return None
        found |= needs
    return frozenset(found)


@dataclass(frozen=True)
class Haystack:
    """A text to search, its roles' segments and its term hits."""

    text: str
    segments: tuple[Segment, ...] = ()  # sorted, non-overlapping; text outside has no role
    hits: Hits | None = field(default=None, compare=False)  # from the rule set's term index


class Matcher(Protocol):
    def find(self, hay: Haystack) -> list[Span]:
        """Every match, sorted by (start, end), without duplicates; [] means false."""
        ...

    def literals(self) -> Iterator[str]:
        """The exact strings this matcher looks up in a term index (Haystack.hits)."""
        ...

    def needs(self, report: str | None = None) -> Needs:
        """Strings one of which a text holds whenever find() returns anything, or None
        when unknown: a block whose term hits hold none of them is not searched at all
        (Context.blocks_holding). Always a subset of literals(). With `report`, the
        text of every block it will search, joined: an empty set when it cannot match
        in any of them."""
        ...


# -- matchers ------------------------------------------------------------------------------


def _union(groups: Sequence[list[Span]]) -> list[Span]:
    found = [group for group in groups if group]
    if len(found) <= 1:  # the common case: at most one part matched
        return found[0] if found else []
    return sorted({span for group in found for span in group})


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a list of literal words, longest first (so that
    "意识形态领城" wins over "领城" when both are listed; equal lengths keep their order).
    The one word-list builder of the kinds; compiled once per list."""
    return _words_pattern(tuple(words))


@functools.cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def occurrences(text: str, term: str) -> list[Span]:
    """Non-overlapping occurrences, left to right (what re.finditer gives for a literal)."""
    found: list[Span] = []
    start = text.find(term)
    while start >= 0:
        found.append(Span(start, start + len(term)))
        start = text.find(term, start + len(term))
    return found


@dataclass(frozen=True)
class Literal:
    """Every non-overlapping occurrence of each term; a term list is the union of its terms,
    so 领导小组 inside 工作领导小组 is found when both are listed."""

    terms: tuple[str, ...]
    termset: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "termset", frozenset(self.terms))

    @classmethod
    def of(cls, terms: Sequence[str]) -> Literal:
        return cls(tuple(dict.fromkeys(terms)))

    def find(self, hay: Haystack) -> list[Span]:
        hits = hay.hits
        if hits is not None and self.termset <= hits.indexed:
            present = hits.present
            return _union([hits.spans(t) for t in self.terms if t in present])
        text = hay.text
        return _union([occurrences(text, t) for t in self.terms if t in text])

    def literals(self) -> Iterator[str]:
        yield from self.terms

    def needs(self, report: str | None = None) -> Needs:
        return self.termset


class _Chooser:
    """Which of several items (a pattern's alternatives, a union's parts) can match in a
    text, from the text's term hits: an item whose needed strings are all looked for and
    none of them occurs cannot. As bits of an int, item n at bit n. `also`: per item,
    further sets it needs one string of each (Regex.also), checked for the items the
    first set leaves."""

    def __init__(
        self,
        needs: Sequence[Iterable[str] | None],
        also: Sequence[Sequence[frozenset[str]]] = (),
    ) -> None:
        self.all = (1 << len(needs)) - 1
        self.masks: dict[str, int] = {}  # a needed string → the items needing it
        self.always = 0  # items that need nothing known
        for number, strings in enumerate(needs):
            if strings is None:
                self.always |= 1 << number
            else:
                for string in strings:
                    self.masks[string] = self.masks.get(string, 0) | 1 << number
        self.also = [(1 << n, sets) for n, sets in enumerate(also) if sets]
        # Per set of terms looked for: the items needing a string outside it, and the
        # items' further sets all looked for (the others cannot rule an item out).
        self.unsure: dict[frozenset[str], int] = {}
        self.checked: dict[frozenset[str], list[tuple[int, list[frozenset[str]]]]] = {}

    def choose(self, hits: Hits) -> int:
        found, masks = hits.present, self.masks
        mask = self.unsure.get(hits.indexed)
        if mask is None:  # once per index of terms
            mask = self.always
            for string, bits in masks.items():
                if string not in hits.indexed:
                    mask |= bits
            self.unsure[hits.indexed] = mask
        if len(found) < len(masks):
            for string in found:
                mask |= masks.get(string, 0)
        else:
            for string, bits in masks.items():
                if string in found:
                    mask |= bits
        if self.also:
            checked = self.checked.get(hits.indexed)
            if checked is None:  # once per index of terms
                checked = [(b, _looked_for(sets, hits)) for b, sets in self.also]
                checked = self.checked[hits.indexed] = [(b, s) for b, s in checked if s]
            for bit, sets in checked:
                if mask & bit:
                    for needs in sets:
                        if found.isdisjoint(needs):
                            mask ^= bit
                            break
        return mask


def _looked_for(sets: Iterable[frozenset[str]], hits: Hits) -> list[frozenset[str]]:
    """The sets whose every string the hits' index looks for: only their absence says
    anything."""
    return [needs for needs in sets if needs <= hits.indexed]


@dataclass(frozen=True)
class Regex:
    """A regular expression with the strings one of which every match holds."""

    pattern: regex.Pattern[str]
    # Strings one of which every match holds (compliance.match.prefilter), or None: unknown.
    # Sorted, not a set: the rules' repr is part of the result-cache key, so it must not
    # change with the per-process string hash.
    required: tuple[str, ...] | None = None
    # Without required strings: a class of characters one of which every match needs
    # (compliance.match.prefilter.required_class), tested once on a whole report.
    guard: regex.Pattern[str] | None = None
    # A top-level alternation's alternatives, each with its required strings (sorted;
    # None: unknown): a text runs only the alternatives whose strings it holds
    # (prefilter.branches). Not part of the repr: it changes the cost, not the matches.
    branches: tuple[tuple[str, tuple[str, ...] | None], ...] = field(default=(), repr=False)
    # Further sets of strings a match needs one of each, besides `required` (the other
    # elements of the pattern's sequence: prefilter.required_sets); per alternative of
    # `branches` the same. Not part of the repr either.
    also: tuple[frozenset[str], ...] = field(default=(), repr=False)
    branches_also: tuple[tuple[frozenset[str], ...], ...] = field(default=(), repr=False)
    # Each alternative of `branches` compiled alone (with the pattern's flags) when the
    # rule file was, and pickled: the subset a text most often leaves is one alternative,
    # and the whole alternation tries every alternative at every position (ST209's
    # notices: a third of a one-file lint's regex time). Unpickled when first chosen, so
    # a one-file run neither compiles it (nor imports the regex parser) nor runs the whole.
    alone: tuple[bytes, ...] = field(default=(), repr=False, compare=False)
    # Which alternatives a text can match, and the patterns of subsets met so far.
    _chooser: _Chooser = field(init=False, repr=False, compare=False)
    # (a subset not compiled yet: how many characters it was asked for on).
    _subsets: dict[int, regex.Pattern[str] | int] = field(init=False, repr=False, compare=False)
    # Per index of terms: the sets of `also` it looks for.
    _also: dict[frozenset[str], list[frozenset[str]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        needs = [needs for _, needs in self.branches]
        object.__setattr__(self, "_chooser", _Chooser(needs, self.branches_also))
        object.__setattr__(self, "_subsets", {})
        object.__setattr__(self, "_also", {})

    def find(self, hay: Haystack) -> list[Span]:
        hits, needs = hay.hits, self.required
        pattern = self.pattern
        if hits is not None:
            if (
                needs is not None
                and hits.present.isdisjoint(needs)
                and hits.indexed.issuperset(needs)
            ):
                return []  # none of what a match must hold is in the text
            if self.also:
                also = self._also.get(hits.indexed)
                if also is None:
                    also = self._also[hits.indexed] = _looked_for(self.also, hits)
                present = hits.present
                if also and any(present.isdisjoint(strings) for strings in also):
                    return []  # nor all of what else it must hold
            if self.branches:
                pruned = self._pruned(hits, len(hay.text))
                if pruned is None:
                    return []  # no alternative can match
                pattern = pruned
        return [Span(*m.span()) for m in bounded_finditer(pattern, hay.text) if m.end() > m.start()]

    def _pruned(self, hits: Hits, size: int) -> regex.Pattern[str] | None:
        """The pattern of the alternatives that can match in a text with these hits (None:
        none can): the others need a string it lacks, so leaving them out changes no
        match."""
        mask = self._chooser.choose(hits)
        if mask == self._chooser.all:
            return self.pattern
        if not mask:
            return None
        known = self._subsets.get(mask)
        if known is not None and not isinstance(known, int):
            return known
        if self.alone and not mask & (mask - 1):  # one alternative: kept compiled
            from compliance import regexengine

            alone: regex.Pattern[str] = regexengine.loads(self.alone[mask.bit_length() - 1])
            self._subsets[mask] = alone
            return alone
        if known is None and len(self._subsets) >= _MAX_SUBSETS:
            return self.pattern
        # Compiling a subset costs milliseconds, the whole pattern a few microseconds more
        # per hundred characters: a subset is compiled once it has been asked for on
        # enough text (a one-file run compiled dozens it then used on a few paragraphs).
        searched = (known or 0) + size
        if searched < _COMPILE_AFTER:
            self._subsets[mask] = searched
            return self.pattern
        import regex  # the parser: a lint that compiles no subset never loads it

        chosen = [b for n, (b, _) in enumerate(self.branches) if mask >> n & 1]
        pattern = regex.compile("|".join(chosen), self.pattern.flags)
        self._subsets[mask] = pattern
        return pattern

    def literals(self) -> Iterator[str]:
        yield from self.required or ()
        for _, needs in self.branches:  # looked up to choose the alternatives
            yield from needs or ()

    def needs(self, report: str | None = None) -> Needs:
        if self.required is not None:
            return frozenset(self.required)
        if report is not None and self.guard is not None and not self.guard.search(report):
            return frozenset()  # none of the characters a match needs is in the report
        return None


# Subsets of one pattern's alternatives kept at most: past it the whole runs.
_MAX_SUBSETS = 64
# A subset is compiled when asked for on this many characters in all.
_COMPILE_AFTER = 20_000


# A rule author's regular expression runs on every paragraph of every report; one that
# backtracks catastrophically must stop with a clear error rather than hang the run.
REGEX_TIMEOUT = 2.0


class MatchTimeout(Exception):
    """A rule's regular expression took longer than REGEX_TIMEOUT seconds on one text."""

    def __init__(self, pattern: str) -> None:
        super().__init__(
            f"the regular expression /{pattern}/ took over {REGEX_TIMEOUT:g} s on one "
            "paragraph (catastrophic backtracking?); simplify it"
        )
        self.pattern = pattern


# When the rule running now must be done with the current file (time.monotonic()), set by
# the engine from the rule's budget: a search never runs past it, whatever the paragraph.
DEADLINE: ContextVar[float | None] = ContextVar("complint_rule_deadline", default=None)


def bounded_finditer(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    timeout = REGEX_TIMEOUT
    deadline = DEADLINE.get()
    if deadline is not None:
        timeout = max(0.001, min(timeout, deadline - time.monotonic()))
    try:
        return list(pattern.finditer(text, timeout=timeout))
    except TimeoutError:
        raise MatchTimeout(pattern.pattern) from None


def holds(matcher: Matcher, hay: Haystack) -> bool:
    """Whether `matcher` finds anything in `hay` (bool(matcher.find(hay))), for a caller
    that needs only that (a passing-mention class on one clause): a regular expression
    on a text without term hits stops at its first non-empty match, and no spans are
    made (its zero-width matches, which find drops, were most of what such a search
    made)."""
    if isinstance(matcher, Not):
        return not holds(matcher.part, hay)
    if isinstance(matcher, AllOf):  # its matches are its parts' when every part has some
        return all(holds(part, hay) for part in matcher.parts)
    if not isinstance(matcher, Regex) or hay.hits is not None:
        return bool(matcher.find(hay))
    timeout = REGEX_TIMEOUT
    deadline = DEADLINE.get()
    if deadline is not None:
        timeout = max(0.001, min(timeout, deadline - time.monotonic()))
    try:
        return any(m.end() > m.start() for m in matcher.pattern.finditer(hay.text, timeout=timeout))
    except TimeoutError:
        raise MatchTimeout(matcher.pattern.pattern) from None


@dataclass(frozen=True)
class NearMiss:
    """Any of the terms exactly or with one character wrong, missing or extra
    (Levenshtein ≤ 1). One pass over the text finds the candidates of all the terms."""

    terms: tuple[str, ...]
    index: NearMissIndex = field(repr=False, compare=False)

    @classmethod
    def of(cls, terms: Sequence[str]) -> NearMiss:
        unique = tuple(dict.fromkeys(terms))
        return cls(unique, NearMissIndex(unique))

    def literals(self) -> Iterator[str]:
        return iter(())

    def needs(self, report: str | None = None) -> Needs:
        return None

    def find(self, hay: Haystack) -> list[Span]:
        text = hay.text
        starts = self.index.starts(text)
        return _union([_best(text, t, starts[t]) for t in self.terms if t in starts])


def _best(text: str, term: str, starts: Sequence[int]) -> list[Span]:
    # Best candidates first, so a near miss never hides an exact occurrence it overlaps;
    # the survivors are reported left to right.
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    for *_, start, end in sorted(_candidates(text, term, starts)):
        i = bisect.bisect_left(kept_starts, end)
        if i == 0 or kept_ends[i - 1] <= start:
            kept_starts.insert(i, start)
            kept_ends.insert(i, end)
    return [Span(s, e) for s, e in zip(kept_starts, kept_ends, strict=True)]


def _candidates(
    text: str, term: str, starts: Sequence[int]
) -> list[tuple[int, int, bool, int, int]]:
    """Every window within one edit that begins at one of `starts`, as a sort key: fewest
    edits; then ends that agree with the term's (意识形形态 is one extra 形, not 意识形形
    with 态 for 形); then the term's own length; then leftmost."""
    found: list[tuple[int, int, bool, int, int]] = []
    for start in starts:
        for end, distance in one_edit_windows(text, term, start):
            misaligned = (text[start] != term[0]) + (text[end - 1] != term[-1])
            found.append((distance, misaligned, end - start != len(term), start, end))
    return found


@dataclass(frozen=True)
class AnyOf:
    """Matches where any of its parts does."""

    parts: tuple[Matcher, ...]
    # Which parts a text can match: a literal or a regex whose strings the text's hits
    # rule out finds nothing (its own find would say so, a call later).
    _chooser: _Chooser = field(init=False, repr=False, compare=False)
    # The unions of fewer parts for_report gave, by the parts kept.
    _narrowed: dict[tuple[int, ...], Matcher] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        needs = [p.needs() if isinstance(p, Literal | Regex) else None for p in self.parts]
        object.__setattr__(self, "_chooser", _Chooser(needs))
        object.__setattr__(self, "_narrowed", {})

    def find(self, hay: Haystack) -> list[Span]:
        if hay.hits is None:
            return _union([p.find(hay) for p in self.parts])
        mask = self._chooser.choose(hay.hits)
        return _union([p.find(hay) for n, p in enumerate(self.parts) if mask >> n & 1])

    def literals(self) -> Iterator[str]:
        for part in self.parts:
            yield from part.literals()

    def needs(self, report: str | None = None) -> Needs:
        return _any_needs(self.parts, report)


def any_of(parts: Sequence[Matcher]) -> Matcher:
    return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))


def for_report(matcher: Matcher, report: str) -> Matcher:
    """`matcher` for the blocks of one report (`report`: their texts joined): a union
    without the parts that cannot match anywhere in it (needs(report) is empty: ST209's
    letters of other scripts, in a report that has none), which it would otherwise try
    on every block. The same matcher when no part is left out."""
    if not isinstance(matcher, AnyOf):
        return matcher
    kept = tuple(n for n, part in enumerate(matcher.parts) if part.needs(report) != frozenset())
    if len(kept) == len(matcher.parts):
        return matcher
    narrowed = matcher._narrowed.get(kept)
    if narrowed is None:
        parts = [matcher.parts[n] for n in kept]
        narrowed = any_of(parts) if parts else Literal(())
        matcher._narrowed[kept] = narrowed
    return narrowed


@dataclass(frozen=True)
class AllOf:
    """True when every part is; its matches are then all of theirs."""

    parts: tuple[Matcher, ...]

    def find(self, hay: Haystack) -> list[Span]:
        groups = []
        for part in self.parts:
            spans = part.find(hay)
            if not spans:
                return []
            groups.append(spans)
        return _union(groups)

    def literals(self) -> Iterator[str]:
        for part in self.parts:
            yield from part.literals()

    def needs(self, report: str | None = None) -> Needs:
        # Every part must match: what any one part needs will do; the fewest strings.
        known = [n for n in (p.needs(report) for p in self.parts) if n is not None]
        return min(known, key=len) if known else None


@dataclass(frozen=True)
class Not:
    """True where its part finds nothing."""

    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        # Absence has no place in the text: true is a zero-width span at the start.
        return [] if holds(self.part, hay) else [Span(0, 0)]

    def literals(self) -> Iterator[str]:
        return self.part.literals()

    def needs(self, report: str | None = None) -> Needs:
        return None  # true where its part is absent: anywhere


@dataclass(frozen=True)
class Near:
    """Pairs of a left and a right match at most `distance` characters apart, either order;
    with `clause`, only pairs with no clause end between them (未成立 of one clause does not
    negate the next: …分析研判，并对下一步工作…)."""

    left: Matcher
    right: Matcher
    distance: int
    clause: bool = False

    def find(self, hay: Haystack) -> list[Span]:
        rights = self.right.find(hay)
        lefts = self.left.find(hay) if rights else []
        if not lefts:
            return []
        starts = [b.start for b in rights]
        longest = max(b.end - b.start for b in rights)
        found = set()
        for a in lefts:
            # Only rights starting in this range can be close enough (rights are sorted).
            lo = bisect.bisect_left(starts, a.start - self.distance - longest)
            hi = bisect.bisect_right(starts, a.end + self.distance)
            for b in rights[lo:hi]:
                if max(b.start - a.end, a.start - b.end) <= self.distance:
                    if self.clause and _crosses_clause(hay.text, a, b):
                        continue
                    found.add(Span(min(a.start, b.start), max(a.end, b.end)))
        return sorted(found)

    def literals(self) -> Iterator[str]:
        yield from self.left.literals()
        yield from self.right.literals()

    def needs(self, report: str | None = None) -> Needs:
        known = [n for n in (self.left.needs(report), self.right.needs(report)) if n is not None]
        return min(known, key=len) if known else None


# What ends a clause (compliance.match.mentions reads clauses by the same marks).
CLAUSE_ENDS = frozenset("，,。；;！!？?\n")


def _crosses_clause(text: str, a: Span, b: Span) -> bool:
    """Whether a clause ends in the gap between two matches (none when they overlap)."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return any(c in CLAUSE_ENDS for c in text[first.end : second.start])


@dataclass(frozen=True)
class InRole:
    """The part's matches that start inside a segment with the role."""

    role: str
    part: Matcher

    def find(self, hay: Haystack) -> list[Span]:
        starts = [s.start for s in hay.segments]
        kept = []
        for span in self.part.find(hay):
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0:
                segment = hay.segments[i]
                if span.start < segment.end and self.role in segment.roles:
                    kept.append(span)
        return kept

    def literals(self) -> Iterator[str]:
        return self.part.literals()

    def needs(self, report: str | None = None) -> Needs:
        return self.part.needs(report)
