"""pairs: brackets and quotes that open must close within the same paragraph."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from compliance.kinds.base import SCOPE, Context, Kind, Rule, cut_off
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.schema import Option, TableOf, Text

ONE = Text(pattern=r".", form="one character")


@functools.cache
def _marks(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]")


def unbalanced(text: str, pairs: Mapping[str, str]) -> list[int]:
    """Offsets of the characters left without a partner."""
    closers = {close: open_ for open_, close in pairs.items()}
    stack: list[int] = []
    lonely: list[int] = []
    # Only the brackets and quotes matter; a regex visits them without a Python step
    # per character.
    for mark in _marks("".join(sorted({*pairs, *closers}))).finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in pairs:
            stack.append(i)
        elif ch in closers:
            # Close the nearest matching opener; openers skipped over are unclosed.
            match = next(
                (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == closers[ch]), None
            )
            if match is None:
                lonely.append(i)
            else:
                lonely.extend(stack[match + 1 :])
                del stack[match:]
    return sorted(lonely + stack)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options["pairs"]
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        # A paragraph cut off with … (a web teaser) leaves its last openers unclosed by
        # truncation, not by mistake.
        truncated = cut_off(text)
        for offset in unbalanced(text, pairs):
            if truncated and text[offset] in pairs:
                continue
            yield ctx.finding_at(rule, index, Span(offset, offset + 1))


KIND = Kind(
    name="pairs",
    check=check,
    summary="an opening quotation mark or bracket without its partner in the same paragraph,"
    " or a closing one without an opener",
    options=(
        Option(
            "pairs",
            TableOf(ONE, shape='a table "opening" = "closing"', keys=ONE),
            "the marks that come in pairs, each one character",
            required=True,
        ),
        SCOPE,
    ),
)
