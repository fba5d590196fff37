"""Aho-Corasick helpers shared by the term index, near-miss matching and the typo kind.

NearMissIndex finds near-miss candidates for many terms in one pass: a window one edit
away from a term holds one of the term's two halves unchanged, so only the places where
a half occurs are worth a distance computation.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick


def find_all(automaton: AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """(pattern number, start, end) of every match, overlapping ones included."""
    # ahocorasick_rs reads a str through its UTF-8 form, which CPython then keeps inside
    # the str for as long as it lives: a document's texts would grow by half. A throwaway
    # copy takes the cache with it.
    return automaton.find_matches_as_indexes(text.join(("", "")), overlapping=True)


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

    def __repr__(self) -> str:  # stable: the rules' repr is part of the cache key
        return f"NearMissIndex({self.terms!r})"
