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

from compliance.kinds.base import Context, Kind, Rule, SpanIndex
from compliance.match.automata import NearMissIndex, find_all, one_edit_windows
from compliance.match.matchers import Span
from compliance.model.findings import Finding

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def near_misses(text: str, term: str, starts: Iterable[int]) -> Iterator[Span]:
    """Windows one edit away from `term` that keep its first and last characters, among
    windows beginning at `starts` (sorted; NearMissIndex gives every start that can)."""
    first = term[0]
    for start in starts:
        # An exact occurrence is a known word, which no typo may overlap.
        if text[start] != first or text.startswith(term, start):
            continue
        for end, edits in one_edit_windows(text, term, start):
            if edits == 1 and text[end - 1] == term[-1] and _CJK.match(text[start:end]):
                yield Span(start, end)
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
        tuple(rule.options["lexicon"]), tuple(rule.options.get("known", ()))
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
