"""ST207's repeat search: the numpy prefilter (hash every window, look up only those whose
hash occurs twice) finds exactly what looking up every window finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.kinds import duplicate

# A small alphabet makes repeats (and overlapping self-repeats like 哈哈哈) common; NUL
# stands for blanked-out quotes and spaces, which no window may hold.
_TEXT = st.text(alphabet="甲乙丙丁\0", max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6), st.integers(min_value=1, max_value=8))
def test_the_prefilter_keeps_every_repeat(texts: list[str], size: int) -> None:
    indices = list(range(len(texts)))
    every = duplicate._exact_repeats(indices, texts, duplicate._all_offsets(texts, size), size)
    chosen = duplicate._offsets_seen_twice(texts, size)
    assert duplicate._exact_repeats(indices, texts, chosen, size) == every


def test_the_prefilter_leaves_out_windows_that_occur_once() -> None:
    texts = ["一二三四五六七八九十", "甲乙丙丁一二三四五"]
    offsets = [list(o) for o in duplicate._offsets_seen_twice(texts, 4)]
    # 一二三四 … 六七八九 overlap the second text's 一二三四五 only in 一二三四 and 二三四五.
    assert offsets == [[0, 1], [4, 5]]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 20, 33])
def test_window_hashes_by_doubling_are_the_character_by_character_hash(size: int) -> None:
    import numpy as np

    from compliance.kinds.duplicate import _BASE, _window_hashes

    codes = np.random.default_rng(size).integers(0, 0x10000, 3000).astype(np.uint64)
    count = len(codes) - size + 1
    expected = np.zeros(count, dtype=np.uint64)
    for j in range(size):  # the polynomial, one character at a time (mod 2**64)
        expected *= np.uint64(_BASE)
        expected += codes[j : j + count]
    assert (_window_hashes(np, codes, size) == expected).all()
