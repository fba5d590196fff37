"""Passing mentions: whether the clause that carries a term reports the unit's own work.

A required element's term often stands in a report without the work behind it: as the
purpose of something else (为了做好网络舆情工作，…), an awareness raised (增强网络意识形态
安全意识), the topic of material studied (…考核办法的学习), the place something was
posted (在宣传栏上张贴…), a shortcoming (网络舆情应对能力不强). Word lists of such phrases
grow with every batch of real text; what they share is a shape of the clause around the
term. A rule pack declares those shapes as data (`[passing]` in a rule file, each class a
few expressions matched on the text before the term, after it and the whole clause, each
bounded by the clause, the sentence or the paragraph), and the `require` kind drops a match
one of its rule's classes fits (compliance.kinds.require). Nothing here knows a word of
Chinese beyond the marks that end a clause or a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from compliance.match.matchers import CLAUSE_ENDS, Haystack, Matcher, Span, holds

# A clause ends at CLAUSE_ENDS (the marks near(…, clause) does not cross); a sentence ends
# only at the stronger marks and at a line break, a paragraph at a line break; the text
# (the report's whole text, as the rule searches it) does not end before its end: a class
# of that unit says what the whole document is (a notice to the units below).
SENTENCE_ENDS = frozenset("。；;！!？?\n")
PARAGRAPH_ENDS = frozenset("\n")
UNITS = ("clause", "sentence", "paragraph", "text")
_ENDS = {
    "clause": CLAUSE_ENDS,
    "sentence": SENTENCE_ENDS,
    "paragraph": PARAGRAPH_ENDS,
    "text": frozenset(),
}


@dataclass(frozen=True)
class Passing:
    """A class of passing mention: each expression given must find something in its part
    of the clause (or sentence, or paragraph, with `unit`) that carries a match — `before`
    in the text from the clause's start to the match, `after` from the match to the
    clause's end, `clause` in the whole. In those texts ^ and $ are the clause's bounds
    and the match's edges; `!x` says x is absent."""

    name: str
    before: Matcher | None = None
    after: Matcher | None = None
    clause: Matcher | None = None
    unit: str = "clause"
    why: str = ""  # what the class is, for the rule's page

    def fits(self, text: str, span: Span) -> bool:
        return self.fits_in(_Pieces(text, span))

    def fits_in(self, pieces: _Pieces) -> bool:
        made = pieces.of(self.unit)
        for part, needs, matcher in self.checks:
            piece = made[part]
            # A regex's literal text looked up first: most classes fail on it, cheaply
            # (the piece's own __contains__ called from C, no Python step per string).
            if needs is not None and not any(map(piece.text.__contains__, needs)):
                return False
            if not holds(matcher, piece):
                return False
        return True

    @cached_property
    def checks(self) -> tuple[tuple[int, tuple[str, ...] | None, Matcher], ...]:
        """Per expression given: its piece (0 before, 1 after, 2 the clause), strings one
        of which that piece must hold to match (None: unknown), and the expression; made
        once, so a call walks only the parts a class has (most classes have one)."""
        parts = (self.before, self.after, self.clause)
        return tuple(
            (n, None if (needs := m.needs()) is None else tuple(needs), m)
            for n, m in enumerate(parts)
            if m is not None
        )


class _Pieces:
    """The texts a class looks at around one match, per unit, each made once."""

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = _tail(_last_clause(text, span))
        self.made: dict[str, tuple[Haystack, Haystack, Haystack]] = {}

    def of(self, unit: str) -> tuple[Haystack, Haystack, Haystack]:
        made = self.made.get(unit)
        if made is None:
            text, span = self.text, self.span
            start, end = bounds(text, span, _ENDS[unit])
            made = (
                Haystack(text[start : span.start]),
                Haystack(text[span.end : end]),
                Haystack(text[start:end]),
            )
            self.made[unit] = made
        return made


def _last_clause(text: str, span: Span) -> Span:
    """A match that runs across clauses (near(书记, 第一责任人, 30) from the speaker of
    “书记强调，要落实第一责任人责任”) is judged where it ends: from its last clause on."""
    for at in range(span.end - 1, span.start - 1, -1):
        if text[at] in CLAUSE_ENDS:
            return Span(at + 1, span.end) if at + 1 < span.end else span
    return span


# A longer match is two terms and what lies between them (near(组织, 学习, 10) from the 组织
# of “各单位党组织要认真制定…学习计划”): it is judged at its last characters, where the
# second term stands, so that what opens the sentence before it is seen.
_LONG = 6


def _tail(span: Span) -> Span:
    return Span(span.end - 2, span.end) if span.end - span.start > _LONG else span


def bounds(text: str, span: Span, ends: frozenset[str]) -> tuple[int, int]:
    """The clause (sentence, paragraph) holding a span: from after the last end mark before
    it to the first end mark after it (a span that crosses a mark gets both clauses)."""
    start = max((text.rfind(mark, 0, span.start) for mark in ends), default=-1) + 1
    after = [at for at in (text.find(mark, span.end) for mark in ends) if at >= 0]
    return start, min(after, default=len(text))


def passing(text: str, span: Span, classes: Sequence[Passing]) -> str | None:
    """The name of the first class the match fits, or None: it reports work done."""
    pieces = _Pieces(text, span)
    for kind in classes:
        if kind.fits_in(pieces):
            return kind.name
    return None
