"""compliance.match.distance gives rapidfuzz's numbers, in Python and after the switch."""

from __future__ import annotations

import itertools

import pytest
from rapidfuzz.distance import OSA, Levenshtein

from compliance.match import distance


def _strings(alphabet: str, longest: int) -> list[str]:
    return [
        "".join(chars)
        for size in range(longest + 1)
        for chars in itertools.product(alphabet, repeat=size)
    ]


# Every pair of strings of up to 4 characters over three letters (and longer ones that
# share a prefix or suffix, which the Python path takes off first).
_WORDS = [*_strings("abc", 4), "xxabcyy", "xxbacyy", "abcabc", "cbacba", "意识形态", "意思形态"]


@pytest.mark.parametrize("cutoff", [None, 0, 1, 2, 3])
def test_the_python_path_gives_rapidfuzz_numbers(cutoff: int | None) -> None:
    for a in _WORDS:
        for b in _WORDS:
            assert distance._table(a, b, cutoff, False) == Levenshtein.distance(
                a, b, score_cutoff=cutoff
            ), (a, b, cutoff)
            assert distance._table(a, b, cutoff, True) == OSA.distance(a, b, score_cutoff=cutoff), (
                a,
                b,
                cutoff,
            )


def test_rapidfuzz_takes_over_after_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distance, "_rapidfuzz", [])
    monkeypatch.setattr(distance, "_made", 0)
    monkeypatch.setattr(distance, "SWITCH", 3)
    pairs = [("意识形态", "意思形态"), ("ab", "ba"), ("abc", "cab"), ("", "abc"), ("x", "x")]
    for a, b in pairs:
        assert distance.osa(a, b, 1) == OSA.distance(a, b, score_cutoff=1)
        assert distance.levenshtein(a, b) == Levenshtein.distance(a, b)
    assert distance._rapidfuzz  # taken over


def test_longer_random_strings() -> None:
    import random

    draw = random.Random(18)
    for _ in range(3000):
        a = "".join(draw.choices("abcd", k=draw.randint(0, 12)))
        b = list(a)
        for _ in range(draw.randint(0, 4)):  # a few edits of a: near pairs, the usual case
            at = draw.randint(0, max(len(b) - 1, 0))
            edit = draw.choice("sidt")
            if edit == "i":
                b.insert(at, draw.choice("abcd"))
            elif b and edit == "d":
                del b[at]
            elif b and edit == "s":
                b[at] = draw.choice("abcd")
            elif len(b) > at + 1:
                b[at], b[at + 1] = b[at + 1], b[at]
        other = "".join(b)
        for cutoff in (None, 1, 2):
            assert distance._table(a, other, cutoff, False) == Levenshtein.distance(
                a, other, score_cutoff=cutoff
            )
            assert distance._table(a, other, cutoff, True) == OSA.distance(
                a, other, score_cutoff=cutoff
            )
