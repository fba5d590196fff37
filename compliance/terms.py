"""Many terms searched in one pass of an Aho-Corasick automaton (ahocorasick_rs).

A rule set's expressions name a few hundred exact terms. Searching each with str.find
in each paragraph costs a Python call per term per paragraph; one automaton pass over a
text finds every occurrence of every term, and each matcher then looks its terms up
(compliance.matchers.Literal, and Regex for its prefilter).

The same automaton idea finds near-miss candidates (NearMissIndex): a window one edit
away from a term holds one of the term's two halves unchanged, so only the places where
a half occurs are worth a distance computation.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from ahocorasick_rs import AhoCorasick

from compliance.matchers import Hits, Matcher, Span


def find_all(automaton: AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """(pattern number, start, end) of every match, overlapping ones included."""
    # ahocorasick_rs reads a str through its UTF-8 form, which CPython then keeps inside
    # the str for as long as it lives: a document's texts would grow by half. A throwaway
    # copy takes the cache with it.
    return automaton.find_matches_as_indexes(text.join(("", "")), overlapping=True)


def literals_of(matchers: Iterable[Matcher | None]) -> Iterator[str]:
    for matcher in matchers:
        if matcher is not None:
            yield from matcher.literals()


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
            found.setdefault(terms[number], []).append(Span(start, end))
        # Only a term whose head is also its tail (XX, 哈哈哈) can overlap itself; keep its
        # leftmost non-overlapping occurrences, as str.find from the last end would.
        for term in self._self_overlapping.intersection(found):
            kept: list[Span] = []
            for span in found[term]:
                if not kept or span.start >= kept[-1].end:
                    kept.append(span)
            found[term] = kept
        return Hits(found, self.indexed)

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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermIndex) and other.terms == self.terms

    def __hash__(self) -> int:
        return hash(self.terms)

    def __repr__(self) -> str:
        return f"TermIndex({len(self.terms)} terms)"


class NearMissIndex:
    """Where windows one edit away from a term can start, for many terms in one pass.

    Split a term into halves A + B. One edit changes at most one of them, so a window
    within one edit starts where A occurs, or ends where B occurs (its length is the
    term's, one less or one more). Only these starts need a distance computation.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(dict.fromkeys(t for t in terms if len(t) >= 2))
        pieces: list[str] = []
        self._pieces: list[tuple[str, int]] = []  # (term, offset to the window start)
        for term in self.terms:
            half = len(term) // 2
            pieces.append(term[:half])
            self._pieces.append((term, 0))
            pieces.append(term[half:])
            self._pieces.append((term, -len(term)))  # from the end of the second half
        self._automaton = AhoCorasick(pieces) if pieces else None

    def __getstate__(self) -> tuple[str, ...]:
        return self.terms

    def __setstate__(self, terms: tuple[str, ...]) -> None:
        self.__init__(terms)  # type: ignore[misc]

    def starts(self, text: str) -> dict[str, list[int]]:
        """term → the sorted window starts worth checking (a superset of the real ones)."""
        if self._automaton is None:
            return {}
        found: dict[str, set[int]] = {}
        for number, start, end in find_all(self._automaton, text):
            term, offset = self._pieces[number]
            starts = found.setdefault(term, set())
            if offset == 0:
                starts.add(start)
            else:  # the window ends here and is one shorter, as long or one longer
                base = end + offset
                starts.update(s for s in (base - 1, base, base + 1) if s >= 0)
        return {term: sorted(starts) for term, starts in found.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NearMissIndex) and other.terms == self.terms

    def __hash__(self) -> int:
        return hash(self.terms)
