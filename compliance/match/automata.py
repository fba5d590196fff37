"""Aho-Corasick helpers and near-miss matching, shared by the term index, `~term`
expressions and the typo kind.

NearMissIndex finds near-miss candidates for many terms in one pass: a window one edit
away from a term holds one of the term's two halves unchanged, so only the places where
a half occurs are worth a distance computation. `one_edit_windows` is that computation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind


@functools.cache
def _levenshtein() -> Any:
    # rapidfuzz (7 ms to import) loads when a distance is first computed: a rule set
    # loaded from the pack cache holds this module's indexes, and a lint whose rules
    # search no near miss never needs it.
    from rapidfuzz.distance import Levenshtein

    return Levenshtein


# Past this many characters searched in a process, an index builds its whole automaton,
# once; before, one of only the patterns the text can hold (held_by): for a one-file run,
# building all of them cost more than its searches.
WHOLE_AFTER = 50_000


def held_by(patterns: Iterable[str], characters: set[str]) -> list[str]:
    """The patterns whose every character is among `characters`, in order: no other can
    occur in a text made of them, and these match there as they do among all of them
    (every occurrence, overlapping ones in the same order: by end, the longest first)."""
    # The set's own method called from C by filter: no Python step per pattern (a
    # comprehension testing the first character before the rest cost 15 % more).
    return list(filter(characters.issuperset, patterns))


def automaton_for_one_text(
    patterns: Sequence[str], matchkind: MatchKind = MatchKind.Standard
) -> AhoCorasick:
    """An automaton built for the few searches of one text (held_by's patterns): the
    noncontiguous NFA, which the crate otherwise turns into a contiguous one that searches
    faster but costs more to build, and the patterns not kept (only their numbers are
    read). For the term index's and TX302's swaps on the benchmark's report, about 13 %
    fewer instructions to build and search once; an automaton searched all run long keeps
    the default."""
    return AhoCorasick(
        patterns,
        matchkind=matchkind,
        store_patterns=False,
        implementation=Implementation.NoncontiguousNFA,
    )


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


def one_edit_windows(text: str, term: str, start: int) -> Iterator[tuple[int, int]]:
    """(end, edits) of each window of `text` from `start` within one edit of `term`:
    the term's length first, then one character shorter, then one longer. The one
    near-miss test of complint: `~term` expressions and the typo kind both use it.

    A window never spans two paragraphs (blocks are joined by "\n"). Cheap tests of the
    first and last characters — one edit keeps t0 or t1 first, or t0 second, and the
    same at the tail — rule out most windows before the distance is computed.
    """
    size = len(term)
    t0, last = term[0], term[-1]
    t1, before_last = (term[1], term[-2]) if size > 1 else ("", "")
    c0 = text[start]
    c1 = text[start + 1 : start + 2]
    for length, head_ok in (
        (size, c0 == t0 or c1 == t1),  # one substitution
        (size - 1, c0 in (t0, t1)),  # one character missing
        (size + 1, c0 == t0 or c1 == t0),  # one character extra
    ):
        end = start + length
        if not head_ok or end > len(text):
            continue
        e1, e2 = text[end - 1], text[end - 2]
        if length == size:
            tail_ok = e1 == last or e2 == before_last
        elif length < size:
            tail_ok = e1 in (last, before_last)
        else:
            tail_ok = e1 == last or e2 == last
        if not tail_ok or "\n" in text[start:end]:
            continue
        distance = _levenshtein().distance(text[start:end], term, score_cutoff=1)
        if distance <= 1:
            yield end, distance
