"""Many terms searched in one pass of an Aho-Corasick automaton (ahocorasick_rs).

A rule set's expressions name a few hundred exact terms. Searching each with str.find
in each paragraph costs a Python call per term per paragraph; one automaton pass over a
text finds every occurrence of every term, and each matcher then looks its terms up
(compliance.match.matchers.Literal, and Regex for its prefilter).

"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from ahocorasick_rs import AhoCorasick

from compliance.match.automata import find_all
from compliance.match.matchers import Hits, Matcher, Span


def literals_of(matchers: Iterable[Matcher | None]) -> Iterator[str]:
    for matcher in matchers:
        if matcher is not None:
            yield from matcher.literals()


# Span(start, end) goes through NamedTuple's Python-level __new__; the C one is twice as
# fast, and a report has a thousand hits.
_span = tuple.__new__


class TermIndex:
    """Every exact term of a rule set, in one automaton built on first use."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted({t for t in terms if t}))
        self.indexed = frozenset(self.terms)
        # What a paragraph's own hits can vouch for (see split): not a term that spans a
        # line break, which the joined text has between paragraphs.
        self.inline = frozenset(t for t in self.terms if "\n" not in t)
        self._self_overlapping = frozenset(
            t for t in self.terms if any(t[:n] == t[-n:] for n in range(1, len(t)))
        )
        self._automaton: AhoCorasick | None = None

    # The automaton is not picklable; workers and the pack cache rebuild it on first use.
    def __getstate__(self) -> tuple[str, ...]:
        return self.terms

    def __setstate__(self, terms: tuple[str, ...]) -> None:
        self.__init__(terms)  # type: ignore[misc]

    def scan(self, text: str) -> Hits:
        """Each term's non-overlapping occurrences, left to right: for every term, what
        matchers.occurrences gives for it alone."""
        found: dict[str, list[Span]] = {}
        if not self.terms:
            return Hits(found, self.indexed)
        if self._automaton is None:
            self._automaton = AhoCorasick(self.terms)
        terms = self.terms
        # Overlapping search reports every occurrence of every term (in order of end,
        # which for one term is also order of start).
        for number, start, end in find_all(self._automaton, text):
            found.setdefault(terms[number], []).append(_span(Span, (start, end)))
        # Only a term whose head is also its tail (XX, 哈哈哈) can overlap itself; keep its
        # leftmost non-overlapping occurrences, as str.find from the last end would.
        for term in self._self_overlapping.intersection(found):
            found[term] = _leftmost(found[term])
        return Hits(found, self.indexed)

    def scan_parts(self, text: str, parts: Sequence[tuple[int, int]]) -> tuple[Hits, list[Hits]]:
        """scan(text), and split() of it into `parts`, in one pass over the matches."""
        found: dict[str, list[Span]] = {}
        cut: list[dict[str, list[Span]]] = [{} for _ in parts]
        if self.terms and parts:
            if self._automaton is None:
                self._automaton = AhoCorasick(self.terms)
            terms, inline = self.terms, self.inline
            starts = [offset for offset, _ in parts]
            at, (low, length) = 0, parts[0]
            high = low + length
            for number, start, end in find_all(self._automaton, text):
                term = terms[number]
                found.setdefault(term, []).append(_span(Span, (start, end)))
                if not low <= start < high:  # matches come by end: mostly the same part
                    at = bisect.bisect_right(starts, start) - 1
                    low, length = parts[at]
                    high = low + length
                if end <= high and term in inline:
                    cut[at].setdefault(term, []).append(_span(Span, (start - low, end - low)))
            for term in self._self_overlapping.intersection(found):
                found[term] = _leftmost(found[term])
                for part in cut:
                    if term in part:
                        part[term] = _leftmost(part[term])
        return Hits(found, self.indexed), [Hits(part, self.inline) for part in cut]

    def split(self, hits: Hits, parts: Sequence[tuple[int, int]]) -> list[Hits]:
        """The hits of a joined text, cut into the hits of its parts.

        `parts` are (offset, length) of each part in the joined text, in order. Scanning
        the joined text once and cutting is cheaper than scanning every part again, and
        a term without a line break never runs from one part into the next.
        """
        starts = [offset for offset, _ in parts]
        found: list[dict[str, list[Span]]] = [{} for _ in parts]
        inline = self.inline
        for term, spans in hits.found.items():
            if term not in inline:
                continue
            for start, end in spans:
                at = bisect.bisect_right(starts, start) - 1
                offset, length = parts[at]
                if end <= offset + length:
                    found[at].setdefault(term, []).append(Span(start - offset, end - offset))
        return [Hits(part, inline) for part in found]

    def __repr__(self) -> str:
        return f"TermIndex({len(self.terms)} terms)"


def _leftmost(spans: Sequence[Span]) -> list[Span]:
    """The leftmost non-overlapping of a term's occurrences, as str.find from the last
    end would find them: only a term whose head is also its tail (XX, 哈哈哈) overlaps."""
    kept: list[Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
