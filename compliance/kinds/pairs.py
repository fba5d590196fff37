"""pairs: brackets and quotes that open must close within the same paragraph.

A paragraph that stops mid-sentence runs on into the next one (a PDF copy's hard-wrapped
lines, a document site's chunks): a pair may close across that break."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping

from compliance.kinds.base import SCOPE, Context, Kind, Rule, cut_off, label_span
from compliance.match.matchers import Span
from compliance.model.document import Block
from compliance.model.findings import Finding
from compliance.schema import Option, TableOf, Text

ONE = Text(pattern=r".", form="one character")


@functools.cache
def _marks(characters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(characters)}]")


# Per pairs table (a rule's option, the same object on every call): the opener of each
# closer and the pattern of all marks, made once instead of once per paragraph.
_PREPARED: dict[int, tuple[Mapping[str, str], dict[str, str], re.Pattern[str]]] = {}


def _prepared(pairs: Mapping[str, str]) -> tuple[dict[str, str], re.Pattern[str]]:
    found = _PREPARED.get(id(pairs))
    if found is None or found[0] is not pairs:
        closers = {close: open_ for open_, close in pairs.items()}
        found = (pairs, closers, _marks("".join(sorted({*pairs, *closers}))))
        if len(_PREPARED) >= 64:
            _PREPARED.clear()
        _PREPARED[id(pairs)] = found
    return found[1], found[2]


def unbalanced(text: str, pairs: Mapping[str, str]) -> list[int]:
    """Offsets of the characters left without a partner."""
    closers, marks = _prepared(pairs)
    stack: list[int] = []
    lonely: list[int] = []
    # Only the brackets and quotes matter; a regex visits them without a Python step
    # per character.
    for mark in marks.finditer(text):
        i = mark.start()
        ch = text[i]
        if ch in pairs:
            stack.append(i)
        else:  # a closer: the marks are openers and closers
            opener = closers[ch]
            if ch == APOSTROPHE and _apostrophe(text, i, stack, opener):
                continue
            if stack and text[stack[-1]] == opener:
                stack.pop()  # the nearest opener is its partner: the common case
                continue
            # Close the nearest matching opener; openers skipped over are unclosed.
            match = next(
                (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == opener), None
            )
            if match is None:
                lonely.append(i)
            else:
                lonely.extend(stack[match + 1 :])
                del stack[match:]
    return sorted(lonely + stack)


# The right single quotation mark is also the typographic apostrophe: inside a Latin word
# (debtor’s, Xi’an) or after a plural's s (the trustees’ duties) it closes nothing.
APOSTROPHE = "\u2019"
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _apostrophe(text: str, i: int, stack: list[int], opener: str) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before not in _LATIN:
        return False
    if after in _LATIN:
        return True
    # s’ then a space: a plural's possessive, unless a quote is open for it to close.
    return before in "sS" and after == " " and all(text[k] != opener for k in stack)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    pairs: Mapping[str, str] = rule.options["pairs"]
    blocks = ctx.document.blocks
    # A line that stops mid-sentence runs on into the next: a PDF copy's hard-wrapped
    # lines (…“举旗帜、聚民心、育新人、兴 / 文化、展形象”…), or a document site's chunks cut
    # at a number (…“沾泥土 / 2、、冒热气”…). A quote or bracket is paired across such a
    # break, the chunk number left out.
    chunks = ctx.outline.page_numbers or {}
    # A heading label that lost its opening bracket ("二）加强…") is ST202's to report.
    labels = _label_closers(ctx)
    for index in ctx.blocks(rule.scope):
        own = blocks[index].text
        skipped = chunks[index][1] if index in chunks else 0
        text = own[skipped:]
        before = after = ""
        if index > 0 and _runs_on(blocks[index - 1]) and blocks[index].kind == "paragraph":
            before = blocks[index - 1].text
        if index + 1 < len(blocks) and _runs_on(blocks[index]):
            following = blocks[index + 1].text
            after = following[chunks[index + 1][1] :] if index + 1 in chunks else following
        # A paragraph cut off with … (a web teaser) leaves its last openers unclosed by
        # truncation, not by mistake.
        truncated = cut_off(own)
        # Joined at a line break: a mark is not read against its neighbour's first letter
        # (‘single quote’ / Apostrophe’s: the ’ is no apostrophe).
        head = before + "\n" if before else ""
        for offset in unbalanced(head + text + ("\n" + after if after else ""), pairs):
            at = offset - len(head)
            if not 0 <= at < len(text):
                continue  # a neighbour's, reported there
            if truncated and text[at] in pairs:
                continue
            if (index, at + skipped) in labels:
                continue
            yield ctx.finding_at(rule, index, Span(at + skipped, at + skipped + 1))


def _label_closers(ctx: Context) -> set[tuple[int, int]]:
    """(block, offset) of the closing bracket of each heading label written without its
    opening one."""
    found: set[tuple[int, int]] = set()
    for section in ctx.report.sections:
        heading = section.heading
        if heading.embedded or heading.label[:1] in "（(" or not heading.family.endswith("paren"):
            continue
        span = label_span(ctx, heading)
        if span.end > span.start:
            close = ctx.document.blocks[heading.block].text.find("）", span.start, span.end)
            if close < 0:
                close = ctx.document.blocks[heading.block].text.find(")", span.start, span.end)
            if close >= 0:
                found.add((heading.block, close))
    return found


_ENDED = ("。", "！", "？", "!", "?", "：", ":", "；", ";")


def _runs_on(block: Block) -> bool:
    """Whether a paragraph stops mid-sentence, its sentence carried on by the next."""
    text = block.text.rstrip()
    return block.kind == "paragraph" and bool(text) and not text.endswith(_ENDED)


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
