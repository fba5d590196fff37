"""Edit distances of short strings, as rapidfuzz gives them, without importing it at first.

A one-file lint computes a few hundred distances between a term and a window of a few
characters; importing rapidfuzz (its package loads every metric and `process`) cost 20
million instructions, more than computing them all here. After `PURE_CALLS` distances
in a process (a run over many files) rapidfuzz takes over, once imported. Both give the
same numbers: rapidfuzz's `distance(a, b, score_cutoff=k)` is the distance when it is at
most k, else k + 1.
"""

from __future__ import annotations

from typing import Any

PURE_CALLS = 2_000
_calls = 0
_rapid: list[Any] = []  # rapidfuzz.distance, once imported


def _rapidfuzz() -> Any:
    global _calls
    if _rapid:
        return _rapid[0]
    _calls += 1
    if _calls <= PURE_CALLS:
        return None
    import rapidfuzz.distance

    _rapid.append(rapidfuzz.distance)
    return _rapid[0]


def levenshtein(a: str, b: str, score_cutoff: int | None = None) -> int:
    """rapidfuzz.distance.Levenshtein.distance(a, b, score_cutoff=score_cutoff)."""
    rapid = _rapidfuzz()
    if rapid is not None:
        return int(rapid.Levenshtein.distance(a, b, score_cutoff=score_cutoff))
    return _cut(_edits(a, b, False, score_cutoff), score_cutoff)


def osa(a: str, b: str, score_cutoff: int | None = None) -> int:
    """rapidfuzz.distance.OSA.distance(a, b, score_cutoff=score_cutoff): edits with
    adjacent transpositions, no substring edited twice."""
    rapid = _rapidfuzz()
    if rapid is not None:
        return int(rapid.OSA.distance(a, b, score_cutoff=score_cutoff))
    return _cut(_edits(a, b, True, score_cutoff), score_cutoff)


def _cut(distance: int, score_cutoff: int | None) -> int:
    if score_cutoff is not None and distance > score_cutoff:
        return score_cutoff + 1
    return distance


def _edits(a: str, b: str, transpose: bool, cutoff: int | None) -> int:
    """The Levenshtein (or, with `transpose`, optimal string alignment) distance, or a
    number past `cutoff` when it is past it: by the textbook table, one row at a time,
    after the common prefix and suffix (which no shortest alignment edits)."""
    if a == b:
        return 0
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if not a or not b:
        return len(a) + len(b)
    if cutoff is not None and cutoff <= 1:
        # Both ends now differ: one edit makes a into b only for one character against
        # one, or two swapped (OSA).
        if len(a) == len(b) == 1 or (transpose and len(a) == len(b) == 2 and a == b[::-1]):
            return 1
        return cutoff + 1
    if cutoff is not None and abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = previous[j - 1] + (ca != cb)
            cost = min(cost, previous[j] + 1, current[j - 1] + 1)
            if transpose and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb != ca:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, previous = previous, current
    return previous[-1]
