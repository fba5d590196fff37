"""substitute: a wrong form must be replaced by the right one (the suggestion).

Either `pairs` alone (each wrong form is searched literally) or a `match` expression
whose matched text is looked up in `pairs` (e.g. a half-width comma only where it sits
between Chinese characters, suggesting the full-width one).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.matchers import Span
from compliance.schema import Expression, Option, Problem, TableOf, Text


@functools.cache
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def _pattern(pairs: Mapping[str, str]) -> re.Pattern[str]:
    # Longest first, so "意识形态领城" wins over "领城" when both are listed.
    return _compiled(tuple(sorted(pairs, key=len, reverse=True)))


def _spans(rule: Rule, ctx: Context, index: int, pattern: re.Pattern[str]) -> list[Span]:
    if rule.match is not None:
        return [s for s in rule.match.find(ctx.block_haystack(index)) if s.end > s.start]
    text = ctx.document.blocks[index].text
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options["pairs"]
    pattern = _pattern(pairs)
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        for span in _spans(rule, ctx, index, pattern):
            wrong = text[span.start : span.end]
            right = pairs.get(wrong, rule.suggestion)
            if right is not None:
                yield ctx.finding_at(rule, index, span, suggestion=right)


def validate(raw: Mapping[str, Any]) -> Problem | None:
    if not raw.get("pairs") and "match" not in raw:
        return Problem((), "a substitute rule needs 'pairs', or 'match' with 'suggestion'")
    if "suggestion" in raw and "match" not in raw:
        # Without match every wrong form found is a key of pairs, which has its own.
        return Problem(("suggestion",), "suggestion is read only with match (a substitute rule)")
    return None


KIND = Kind(
    name="substitute",
    check=check,
    summary="every wrong form, with its right form as `suggestion`",
    options=(
        Option(
            "pairs",
            TableOf(Text(), shape='a table "wrong" = "right"'),
            "wrong forms and their right forms; without `match` each wrong form is searched",
            default={},
        ),
        Option(
            "match",
            Expression(),
            "what to look for instead; the matched text is looked up in `pairs`",
        ),
        Option("suggestion", Text(), "the right form for matched text that `pairs` does not list"),
        SCOPE,
    ),
    validate=validate,
)
