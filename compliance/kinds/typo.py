"""typo: a near miss of a lexicon term (one character wrong, missing or extra).

Only edits inside the term count: a different first or last character is far more often
another word (具体责任 is not a misspelt 主体责任; 网络舆论 is not a misspelt 网络舆情).
A window that is itself a known word is never a typo.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ahocorasick_rs import AhoCorasick
from rapidfuzz.distance import Levenshtein

from compliance.automata import NearMissIndex, find_all
from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule, SpanIndex
from compliance.matchers import Span
from compliance.schema import ListOf, Option, Problem, Text

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def near_misses(text: str, term: str, starts: Iterable[int]) -> Iterator[Span]:
    """Windows one edit away from `term` that keep its first and last characters, among
    windows beginning at `starts` (sorted; NearMissIndex gives every start that can)."""
    size = len(term)
    first = term[0]
    for start in starts:
        # An exact occurrence is a known word, which no typo may overlap.
        if text[start] != first or text.startswith(term, start):
            continue
        for length in (size, size - 1, size + 1):
            window = text[start : start + length]
            if (
                len(window) == length
                and window[-1] == term[-1]
                and _CJK.match(window)
                and Levenshtein.distance(window, term, score_cutoff=1) == 1
            ):
                yield Span(start, start + length)
                break


@functools.cache
def _indexes(
    lexicon: tuple[str, ...], known: tuple[str, ...]
) -> tuple[AhoCorasick, NearMissIndex, tuple[str, ...]]:
    """The automaton of known words (the lexicon's included), the near-miss candidate
    index, and the lexicon longest first: built once per rule, not per report."""
    words = tuple(sorted(frozenset(lexicon) | frozenset(known)))
    by_length = tuple(sorted(lexicon, key=len, reverse=True))
    return AhoCorasick(words), NearMissIndex(lexicon), by_length


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    known_words, candidates, by_length = _indexes(
        tuple(rule.options["lexicon"]), tuple(rule.options["known"])
    )
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        starts = candidates.starts(text)
        if not starts:
            continue
        # A window overlapping a correctly written term is not a typo of another one:
        # 四是意识形态 holds 意识形态, not a misspelt 四个意识.
        taken = SpanIndex(Span(start, end) for _, start, end in find_all(known_words, text))
        for term in by_length:
            if term not in starts:
                continue
            for span in near_misses(text, term, starts[term]):
                if not taken.overlaps(span):
                    taken.add(span)
                    yield ctx.finding_at(rule, index, span, suggestion=term)


def validate(raw: Mapping[str, Any]) -> Problem | None:
    for index, word in enumerate(raw["lexicon"]):
        if len(word) < 3:
            return Problem(
                ("lexicon", index),
                "lexicon terms need at least 3 characters (list shorter typos under a"
                " substitute rule)",
            )
    return None


KIND = Kind(
    name="typo",
    check=check,
    summary="a one-edit near miss of a `lexicon` term (3+ characters) that keeps the term's"
    " first and last characters and does not overlap a correctly written term or a `known`"
    " word",
    options=(
        Option("lexicon", ListOf(Text()), "the terms whose near misses are typos", required=True),
        Option("known", ListOf(Text()), "real words one edit away from a term", default=[]),
        SCOPE,
    ),
    validate=validate,
)
