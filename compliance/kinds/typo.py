"""typo: a near miss of a lexicon term (one character wrong, missing or extra).

Only edits inside the term count: a different first or last character is far more often
another word (具体责任 is not a misspelt 主体责任; 网络舆论 is not a misspelt 网络舆情).
A window that is itself a known word is never a typo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule, SpanIndex
from compliance.matchers import Span

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def near_misses(text: str, term: str) -> Iterator[Span]:
    """Windows one edit away from `term` that keep its first and last characters."""
    size = len(term)
    start = text.find(term[0])
    while start >= 0:
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
        start = text.find(term[0], start + 1)


def _occurrences(text: str, words: frozenset[str]) -> list[Span]:
    spans = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            spans.append(Span(start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    lexicon: Sequence[str] = rule.options["lexicon"]
    known = frozenset(lexicon) | frozenset(rule.options.get("known", ()))
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        # A window overlapping a correctly written term is not a typo of another one:
        # 四是意识形态 holds 意识形态, not a misspelt 四个意识.
        taken = SpanIndex(_occurrences(text, known))
        for term in sorted(lexicon, key=len, reverse=True):
            for span in near_misses(text, term):
                if not taken.overlaps(span):
                    taken.add(span)
                    yield ctx.finding_at(rule, index, span, suggestion=term)


def validate(raw: Mapping[str, Any]) -> str | None:
    words = [*raw.get("lexicon", []), *raw.get("known", [])]
    if not all(isinstance(w, str) for w in words):
        return "expected lexicon and known to be lists of strings"
    if any(len(w) < 3 for w in raw.get("lexicon", [])):
        return (
            "lexicon terms need at least 3 characters (list shorter typos under a substitute rule)"
        )
    return None


KIND = Kind(
    name="typo",
    check=check,
    options={"lexicon": list, "known": list},
    required=frozenset({"lexicon"}),
    needs_match=False,
    validate=validate,
)
