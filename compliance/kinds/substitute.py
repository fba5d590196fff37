"""substitute: a wrong form must be replaced by the right one (the suggestion).

Either `pairs` alone (each wrong form is searched literally) or a `match` expression
whose matched text is looked up in `pairs` (e.g. a half-width comma only where it sits
between Chinese characters, suggesting the full-width one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from compliance.kinds.base import Context, Kind, Rule
from compliance.match.matchers import Span, words_pattern
from compliance.model.findings import Finding


def _spans(rule: Rule, ctx: Context, index: int, pattern: re.Pattern[str]) -> list[Span]:
    if rule.match is not None:
        return [s for s in rule.match.find(ctx.block_haystack(index)) if s.end > s.start]
    text = ctx.document.blocks[index].text
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options.get("pairs", {})
    pattern = words_pattern(pairs)
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        for span in _spans(rule, ctx, index, pattern):
            wrong = text[span.start : span.end]
            right = pairs.get(wrong, rule.suggestion)
            if right is not None:
                yield ctx.finding_at(rule, index, span, suggestion=right)


def validate(raw: Mapping[str, Any]) -> str | None:
    pairs = raw.get("pairs", {})
    if not all(isinstance(k, str) and k and isinstance(v, str) for k, v in pairs.items()):
        return "expected pairs to map non-empty wrong forms to right forms (strings)"
    if not pairs and "match" not in raw:
        return "a substitute rule needs 'pairs', or 'match' with 'suggestion'"
    return None


KIND = Kind(
    name="substitute",
    check=check,
    options={"pairs": dict},
    needs_match=False,
    validate=validate,
)
