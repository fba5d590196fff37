"""Edit distances as rapidfuzz gives them, without importing it for a short run.

A one-file lint compares a few hundred short windows with terms (TX302's misspellings,
misquoted titles); importing rapidfuzz for them cost about 7 ms, more than the
comparisons themselves. Here the first `SWITCH` comparisons of a process run in Python
(common prefix and suffix taken off, then a small table, stopped as soon as the
distance is past the cutoff); after that rapidfuzz is imported and does the rest. Both
give the same numbers (tests/test_distance.py compares them exhaustively on short
strings): `levenshtein(a, b, cutoff)` is `Levenshtein.distance(a, b,
score_cutoff=cutoff)` and `osa(a, b, cutoff)` is `OSA.distance(a, b,
score_cutoff=cutoff)` — the distance, or cutoff + 1 when it is larger.
"""

from __future__ import annotations

from typing import Any

# Comparisons made in Python before rapidfuzz takes over.
SWITCH = 2000
_made = 0
_rapidfuzz: list[Any] = []  # (Levenshtein, OSA) once imported


def _native() -> tuple[Any, Any] | None:
    """rapidfuzz's two metrics once this process has compared SWITCH pairs, else None."""
    global _made
    if _rapidfuzz:
        return _rapidfuzz[0], _rapidfuzz[1]
    _made += 1
    if _made <= SWITCH:
        return None
    from rapidfuzz.distance import OSA, Levenshtein

    _rapidfuzz.extend((Levenshtein, OSA))
    return Levenshtein, OSA


def levenshtein(a: str, b: str, cutoff: int | None = None) -> int:
    """Levenshtein.distance(a, b, score_cutoff=cutoff)."""
    native = _native()
    if native is not None:
        return int(native[0].distance(a, b, score_cutoff=cutoff))
    return _table(a, b, cutoff, transpositions=False)


def osa(a: str, b: str, cutoff: int | None = None) -> int:
    """OSA.distance(a, b, score_cutoff=cutoff): transposing two neighbours is one edit."""
    native = _native()
    if native is not None:
        return int(native[1].distance(a, b, score_cutoff=cutoff))
    return _table(a, b, cutoff, transpositions=True)


def _table(a: str, b: str, cutoff: int | None, transpositions: bool) -> int:
    # A common prefix and suffix change neither distance.
    start = 0
    shortest = min(len(a), len(b))
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    limit = max(len(a), len(b)) if cutoff is None else cutoff
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    # Rows of the table; the row before the previous one for transpositions.
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = previous[j - 1] + (x != y)
            if previous[j] + 1 < cost:
                cost = previous[j] + 1
            if row[j - 1] + 1 < cost:
                cost = row[j - 1] + 1
            if transpositions and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            row.append(cost)
        # A row's least value never falls further down (nor, with transpositions, does
        # the least of two rows): past the cutoff, the distance is too.
        least = min(row) if not transpositions else min(min(row), min(previous))
        if least > limit:
            return limit + 1
        before, previous = previous, row
    distance = previous[-1]
    return distance if distance <= limit else limit + 1
