"""The term index and the near-miss candidate index (compliance.match.terms)."""

from __future__ import annotations

import pickle
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from compliance.match.automata import NearMissIndex
from compliance.match.matchers import Haystack, Hits, Literal, Span, occurrences
from compliance.match.terms import TermIndex

# A small alphabet makes overlaps, repeats and near misses frequent.
ALPHABET = "意识形态XＸ哈a"
texts = st.text(alphabet=ALPHABET + "\n", max_size=60)
terms = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(text=texts, words=terms)
def test_scan_finds_what_str_find_finds_for_every_term(text: str, words: list[str]) -> None:
    hits = TermIndex(words).scan(text)
    for word in set(words):
        assert hits.found.get(word, []) == occurrences(text, word)
    assert set(hits.found) <= set(words)


@settings(max_examples=200, deadline=None)
@given(text=texts, words=st.lists(st.text(alphabet=ALPHABET + "\n", min_size=1, max_size=5)))
def test_terms_kept_in_their_order_find_what_sorted_ones_find(text: str, words: list[str]) -> None:
    # A rule set's terms are given distinct, in its rules' order (RuleSet.terms).
    given_order = TermIndex(dict.fromkeys(words), distinct=True)
    sorted_order = TermIndex(words)
    assert given_order.indexed == sorted_order.indexed
    assert given_order.inline == sorted_order.inline
    assert set(given_order.multiline) == set(sorted_order.multiline)
    assert given_order.scan(text).found == sorted_order.scan(text).found
    lines = text.split("\n")
    whole, parts = given_order.scan_parts(text, lines)
    whole_sorted, parts_sorted = sorted_order.scan_parts(text, lines)
    assert whole.present == whole_sorted.present
    assert [p.present for p in parts] == [p.present for p in parts_sorted]


def test_self_overlapping_terms_keep_leftmost_occurrences() -> None:
    hits = TermIndex(["哈哈", "XX", "形态"]).scan("哈哈哈哈哈 XXX 意识形态")
    assert hits.found == {
        "哈哈": [Span(0, 2), Span(2, 4)],
        "XX": [Span(6, 8)],
        "形态": [Span(12, 14)],
    }


def test_offsets_are_characters_not_bytes() -> None:
    text = "一、加强意识形态工作，守好意识形态阵地"
    hits = TermIndex(["意识形态", "阵地"]).scan(text)
    assert [text[s.start : s.end] for s in hits.found["意识形态"]] == ["意识形态"] * 2
    assert hits.found["阵地"] == [Span(17, 19)]


def test_an_index_survives_pickling_for_workers_and_the_pack_cache() -> None:
    index = pickle.loads(pickle.dumps(TermIndex(["领导小组"])))
    assert index.scan("成立领导小组").found == {"领导小组": [Span(2, 6)]}
    assert index.terms == ("领导小组",)
    near = pickle.loads(pickle.dumps(NearMissIndex(["意识形态"])))
    assert near.starts("意认形态") == {"意识形态": [0, 1]}


def test_literal_uses_the_hits_only_when_all_its_terms_were_indexed() -> None:
    literal = Literal.of(["领导小组", "领导机构"])
    text = "成立领导小组"
    indexed = Haystack(text, hits=TermIndex(["领导小组", "领导机构"]).scan(text))
    assert literal.find(indexed) == [Span(2, 6)]
    # Hits that say nothing is found, from an index that never looked for 领导小组:
    partial = Haystack(text, hits=Hits({}, frozenset({"领导机构"})))
    assert literal.find(partial) == [Span(2, 6)]  # searched directly, not taken as absent
    lying = Haystack(text, hits=Hits({}, frozenset({"领导小组", "领导机构"})))
    assert literal.find(lying) == []  # proof that indexed hits are what is used


def _near_windows(text: str, term: str) -> set[int]:
    """Starts of every window within one edit of `term`, by brute force."""
    found = set()
    for start in range(len(text)):
        for length in (len(term) - 1, len(term), len(term) + 1):
            window = text[start : start + length]
            if len(window) == length and Levenshtein.distance(window, term) <= 1:
                found.add(start)
    return found


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    words=st.lists(st.text(alphabet=ALPHABET, min_size=2, max_size=6), min_size=1, max_size=5),
)
def test_near_miss_candidates_include_every_window_within_one_edit(
    text: str, words: list[str]
) -> None:
    starts = NearMissIndex(words).starts(text)
    for word in words:
        assert _near_windows(text, word) <= set(starts.get(word, []))


def test_near_miss_candidates_are_few() -> None:
    text = "今年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯落实上级部署。" * 3
    starts = NearMissIndex(["意识形态", "贯彻落实", "领导班子"]).starts(text)
    assert set(starts) == {"贯彻落实"}  # 意识形态 and 领导班子 have no half in the text
    # Only around the three 贯落实, whose 落实 is the term's second half: its window ends
    # there and is one longer, as long or (贯落实 itself) one shorter.
    typos = [i for i in range(len(text)) if text.startswith("贯落实", i)]
    assert starts["贯彻落实"] == [s for i in typos for s in (i - 2, i - 1, i)]


def test_scanning_leaves_the_text_its_size() -> None:
    """ahocorasick_rs reads a str through its UTF-8 form, which CPython would keep inside
    the str: every paragraph of a document would grow by half for the rest of the run."""
    text = "".join(["加强意识形态工作，"] * 50)  # a new object, not a shared constant
    size = sys.getsizeof(text)
    TermIndex(["意识形态"]).scan(text)
    NearMissIndex(["意识形态"]).starts(text)
    assert sys.getsizeof(text) == size


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.text(alphabet=ALPHABET, max_size=15), min_size=1, max_size=5),
    words=st.lists(st.text(alphabet=ALPHABET + "\n", min_size=1, max_size=4), min_size=1),
)
def test_hits_cut_from_a_joined_text_are_each_parts_own(parts: list[str], words: list[str]) -> None:
    index = TermIndex(words)
    bounds, offset = [], 0
    for part in parts:
        bounds.append((offset, len(part)))
        offset += len(part) + 1
    joined = "\n".join(parts)
    cut = index.split(index.scan(joined), bounds)
    whole, at_once = index.scan_parts(joined, parts)
    assert whole == index.scan(joined) and at_once == cut
    for part, hits in zip(parts, cut, strict=True):
        # A term with a line break is left out: the part's Literal searches it itself.
        assert hits.indexed == {w for w in words if "\n" not in w}
        assert hits.found == {w: spans for w in hits.indexed if (spans := occurrences(part, w))}


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(texts, min_size=1, max_size=4),
    words=terms,
    whole_after=st.sampled_from([0, 40, 10**6]),
)
def test_one_index_over_several_texts_finds_what_a_new_one_finds(
    texts: list[str], words: list[str], whole_after: int
) -> None:
    """The index builds its automaton of only the terms the texts so far can make, grows
    it for a text with new characters and builds the whole one past WHOLE_AFTER: each
    text's hits are a fresh index's, whatever came before."""
    from compliance.match import terms as module

    index = TermIndex(words)
    saved = module.WHOLE_AFTER
    module.WHOLE_AFTER = whole_after
    try:
        for text in texts:
            assert index.scan(text) == TermIndex(words).scan(text)
    finally:
        module.WHOLE_AFTER = saved
