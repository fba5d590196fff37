"""Traditional characters: how much of a text is written in them, and its simplified twin.

A report copied from a page served in traditional characters (意識形態工作責任制) is a
simplified report converted as a whole. The engine reads such a file through its
simplified twin, so that its elements, titles and placeholders are recognised, and
TX303 reports the conversion once for the file. OpenCC's t2s tables decide.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from functools import cache

import opencc

from compliance.lazyre import lazy
from compliance.match.matchers import Span
from compliance.model.document import Block, Document

# From this share of traditional characters on, a text was converted as a whole.
WHOLE_TEXT_SHARE = 0.15
_CJK_RUN = lazy(r"[\u4e00-\u9fff]+")
_STRETCH = 64  # characters compared at once when looking for the converted ones


@cache
def converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def changed(text: str) -> Iterator[tuple[Span, str]]:
    """Runs of characters OpenCC's t2s changes, with their simplified form."""
    converted = converter().convert(text)
    if converted == text:
        return
    if len(converted) != len(text):  # phrase tables changed the length: compare per character
        convert = converter().convert
        for i, ch in enumerate(text):
            simple = convert(ch)
            if simple != ch:
                yield Span(i, i + 1), simple
        return
    # Slices compare at C speed: only the stretches that differ are walked by character.
    differ: list[int] = []
    for low in range(0, len(text), _STRETCH):
        high = low + _STRETCH
        if text[low:high] != converted[low:high]:
            differ.extend(i for i in range(low, min(high, len(text))) if text[i] != converted[i])
    start = 0
    for at, i in enumerate(differ):  # consecutive positions form one run
        # So do two runs one Chinese character apart: a word in traditional script with a
        # character the scripts share inside (意識形態: 形) is one slip, not two.
        if at + 1 < len(differ) and (
            differ[at + 1] == i + 1
            or (differ[at + 1] == i + 2 and "\u4e00" <= text[i + 1] <= "\u9fff")
        ):
            continue
        first = differ[start]
        yield Span(first, i + 1), converted[first : i + 1]
        start = at + 1


def converted_texts(texts: Sequence[str]) -> set[int] | None:
    """The positions of the texts that OpenCC's t2s changes, from one conversion of them
    all joined by line breaks, or None when it changed the length (then ask each text).
    No conversion table holds a line break, so each line converts as it would alone."""
    joined = "\n".join(texts)
    converted = converter().convert(joined)
    if len(converted) != len(joined):
        return None
    found: set[int] = set()
    if converted == joined:
        return found
    start = 0
    for at, text in enumerate(texts):
        end = start + len(text)
        if joined[start:end] != converted[start:end]:
            found.add(at)
        start = end + 1
    return found


def traditional_share(text: str) -> float:
    """The share of traditional characters among the Chinese characters of `text`."""
    chinese = _chinese(text)
    if chinese == 0:
        return 0.0
    return sum(span.end - span.start for span, _ in changed(text)) / chinese


def _chinese(text: str) -> int:
    # What removing them takes away: a list of one string per character cost 84 bytes
    # each, and counting run by run a Python step per run.
    return len(text) - len(_CJK_RUN().sub("", text))


def _document_share(document: Document) -> float:
    """traditional_share of the blocks' text joined by newlines, run by run of blocks: a
    joined copy and OpenCC's copies of a whole archive cost tens of megabytes. OpenCC's
    phrases never span a newline, so each block converts as it does in the joined text;
    when a block converts to another length (phrase tables), the joined text's own
    comparison decides, as before."""
    convert = converter().convert
    traditional = 0
    for run in _runs(document.blocks):
        for block in _changing(run, convert):
            converted = convert(block.text)
            if len(converted) != len(block.text):
                return traditional_share("\n".join(b.text for b in document.blocks))
            traditional += sum(span.end - span.start for span, _ in changed(block.text))
    if traditional == 0:
        return 0.0
    return traditional / sum(
        _chinese("\n".join(b.text for b in run)) for run in _runs(document.blocks)
    )


# Blocks are converted in runs of about this many characters joined: a call per block
# cost more than the conversion, and most runs convert to themselves.
_RUN = 50_000


def _runs(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    run: list[Block] = []
    size = 0
    for block in blocks:
        run.append(block)
        size += len(block.text) + 1
        if size >= _RUN:
            yield run
            run, size = [], 0
    if run:
        yield run


def _changing(run: Sequence[Block], convert: Callable[[str], str]) -> list[Block]:
    """The blocks of a run that OpenCC changes, from one conversion of them joined (no
    conversion table holds a line break); every block of a run whose length changed."""
    joined = "\n".join(b.text for b in run)
    converted = convert(joined)
    if converted == joined:
        return []
    if len(converted) != len(joined):
        return list(run)
    found: list[Block] = []
    start = 0
    for block in run:
        end = start + len(block.text)
        if joined[start:end] != converted[start:end]:
            found.append(block)
        start = end + 1
    return found


def _simplified(text: str) -> str:
    converted: str = converter().convert(text)
    if len(converted) == len(text):
        return converted
    convert = converter().convert  # keep every column: one character for one
    return "".join(c if len(s := convert(c)) != 1 else s for c in text)


def simplified_twin(document: Document) -> Document:
    """The document itself, or, when it is written in traditional characters as a whole,
    its simplified twin (same blocks, lines and columns) recording the share it had."""
    share = _document_share(document)
    if share < WHOLE_TEXT_SHARE:
        return document
    blocks = tuple(dataclasses.replace(b, text=_simplified(b.text)) for b in document.blocks)
    return dataclasses.replace(document, blocks=blocks, traditional_share=share)
