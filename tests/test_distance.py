"""complint's own edit distances give rapidfuzz's numbers, cutoffs included."""

from __future__ import annotations

import itertools
import random

import pytest
from rapidfuzz.distance import OSA, Levenshtein

from compliance.match import distance


@pytest.fixture
def pure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distance, "_rapid", [])
    monkeypatch.setattr(distance, "_calls", 0)
    monkeypatch.setattr(distance, "PURE_CALLS", 10**9)


def _pairs() -> list[tuple[str, str]]:
    # Small alphabets make repeats, swaps and shared runs likely; CJK as the rules see it.
    chosen = random.Random(18)
    pairs = [("", ""), ("", "意识"), ("形态", ""), ("意识形态", "意识形态"),
             ("意形识态", "意识形态"), ("ab", "ba"), ("ca", "abc"), ("abc", "ca"),
             ("aab", "aba"), ("abab", "baba")]  # fmt: skip
    for alphabet in ("ab", "abc", "意识形态领域"):
        for _ in range(400):
            a = "".join(chosen.choice(alphabet) for _ in range(chosen.randint(0, 8)))
            b = "".join(chosen.choice(alphabet) for _ in range(chosen.randint(0, 8)))
            pairs.append((a, b))
    pairs += [("".join(p), "abcd") for p in itertools.permutations("abcd")]
    return pairs


@pytest.mark.usefixtures("pure")
def test_the_distances_are_rapidfuzz_s_with_and_without_a_cutoff() -> None:
    for a, b in _pairs():
        for cutoff in (None, 0, 1, 2):
            assert distance.levenshtein(a, b, cutoff) == Levenshtein.distance(
                a, b, score_cutoff=cutoff
            ), (a, b, cutoff)
            assert distance.osa(a, b, cutoff) == OSA.distance(a, b, score_cutoff=cutoff), (
                a, b, cutoff,
            )  # fmt: skip


def test_rapidfuzz_takes_over_after_many_distances(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distance, "_rapid", [])
    monkeypatch.setattr(distance, "_calls", 0)
    monkeypatch.setattr(distance, "PURE_CALLS", 3)
    for _ in range(3):
        assert distance.osa("领城", "领域", 1) == 1
    assert distance._rapid == []  # not yet imported
    assert distance.osa("领城", "领域", 1) == 1
    assert distance.levenshtein("ab", "ba") == 2
    assert len(distance._rapid) == 1
