"""Page numbers a PDF or a document site left at the start of a line.

A copy from a PDF carries its page numbers into the text: a number opening a line that
carries on the previous line's sentence (…党的十九大精神以 / 2 及中央……), or opening a
title. A document site cuts a file into numbered chunks the same way, with 、: the chunk
"2、步完善了…" finishes the word the chunk before broke off (…进一), or "2、、方法…" /
"3、，重点对…" the sentence the chunk before broke off (no item begins with a 、 or a
comma); once one chunk is known, the
"1、" opening the first (after the site's own lines) is one too, and so is the next
number's line after it. Such a
number is residue (ST209), never a heading's label: the lint layer finds them once and
hands them to the outline (compliance.model.outline.build_outline) and to ST209.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from compliance.lazyre import lazy
from compliance.model.document import Document

if TYPE_CHECKING:
    from compliance.match.lexicon import WordList

# Not a number the text goes on to count (3 月份, 12 次): those are the text's. After a
# chunk's 、 the next character is the text's own, whatever it is (…及 / 2、时转载…).
# A site may set a space after its chunk's 、 (1、 2023…).
_PAGE_NUMBER = re.compile(
    r"^[\s\u3000]*(\d{1,3})"
    r"(?:[ \t\u3000]+(?![年月日号时次个人名项条篇件场期余多%％万千百])|(、)[ \t\u3000]*)(?=\S)"
)
_RUNNING_TEXT = lazy(r"[，,。；;：:]")
CHUNK_LENGTH = 150  # characters: a document site's chunk, longer than a list item
# A number alone on its line (a PDF's page number between the halves of a sentence).
_BARE_NUMBER = re.compile(r"^[\s\u3000]*(\d{1,3})[\s\u3000]*$")
_SENTENCE_END = lazy(r"[。！？；：!?;:…”』」）)】》]\s*$")
_CLAUSE = lazy(r"[，、]")
# What no item can begin with: the punctuation that carried on the chunk before's sentence.
# Nor with one character and a comma: the word the chunk before broke off (…乘势而 / 2、上，…).
_CARRIED_ON = lazy(r"[、，。；：,;:）)”’]|[\u4e00-\u9fff][，、。；,;]")
_TITLE_LINE = lazy(r"(?:总结|报告|汇报|方案|计划|要点)[\s\u3000]*$")


def page_numbers_of(
    document: Document, words: WordList | None = None
) -> dict[int, tuple[int, int]]:
    """The page and chunk numbers of a document's blocks."""
    texts = [block.text for block in document.blocks]
    return page_numbers(texts, words, [block.kind == "paragraph" for block in document.blocks])


def page_numbers(
    texts: Sequence[str],
    words: WordList | None = None,
    paragraphs: Sequence[bool] | None = None,
) -> dict[int, tuple[int, int]]:
    """Line index → the span of the page or chunk number opening it. `words` tells
    whether a "2、" cuts a word in two: the compiled rule set's (RuleSet.words, from the
    pack cache); without it jieba's dictionary is read, once, when first needed.
    `paragraphs` says which lines are paragraphs: a number alone in a table's cell is
    the table's (a count), not a page's."""
    found: dict[int, tuple[int, int]] = {}
    chunk_labels: list[tuple[int, int]] = []  # (line, number) of lines opening with N、
    for i, text in enumerate(texts):
        number = _PAGE_NUMBER.match(text)
        if number is None:
            alone = _BARE_NUMBER.match(text)
            in_text = paragraphs is None or (paragraphs[i] and paragraphs[i - 1])
            if alone is not None and i and in_text and _mid_sentence(texts[i - 1].strip()):
                found[i] = alone.span(1)  # a page number on its own line inside a sentence
            continue
        if number.group(2):
            chunk_labels.append((i, int(number.group(1))))
            if _follows_a_chunk(found, chunk_labels) or _CARRIED_ON().match(text, number.end()):
                _count_down(found, texts, chunk_labels)
                found[i] = number.span(1)
                continue
        previous = texts[i - 1].strip() if i else ""
        mid_sentence = _mid_sentence(previous)
        if number.group(2):
            # 2、 is an item's label unless it cuts a word in two (…发展提 / 2、供安全…) or
            # the line before stops where no paragraph can end: on a 、 or a comma, or on a
            # heading's bare label (…的格局。 二、 / 2、加强定期研判…).
            open_end = previous.endswith(("、", "，", ","))
            if _item_before(previous, chunk_labels):
                continue  # 1、… then 2、… on the next line, both short: a list's items
            if not (
                mid_sentence
                and (
                    open_end
                    or _cuts_word(words, previous, text[number.end() :])
                    or _long_chunk_before(previous, chunk_labels)
                )
            ):
                continue
            _count_down(found, texts, chunk_labels)
        elif not (
            mid_sentence or (_TITLE_LINE().search(text) and "，" not in text and "。" not in text)
        ):
            continue
        found[i] = number.span(1)
    return found


def _mid_sentence(previous: str) -> bool:
    """Running text (a clause or more) that stops without a sentence end, not a heading."""
    return (
        len(previous) >= 20
        and _CLAUSE().search(previous) is not None
        and _SENTENCE_END().search(previous) is None
    )


def _numbered_line_before(labels: list[tuple[int, int]]) -> bool:
    """Does the line before the last N、 line open with the number before it (1、 / 2、)?"""
    return len(labels) >= 2 and labels[-2] == (labels[-1][0] - 1, labels[-1][1] - 1)


def _item_before(previous: str, labels: list[tuple[int, int]]) -> bool:
    """Is the line before the item of the number before, short and with no clause mark
    in it (1、建议…指导组 / 2、建议…)? A word that seems cut across the two (组 / 建议) is
    then chance; a chunk (1、…制定了全系统责任清单，进一 / 2、步明确…) runs on in clauses."""
    return (
        _numbered_line_before(labels)
        and len(previous) < CHUNK_LENGTH
        and not _RUNNING_TEXT().search(previous)  # a chunk runs on in clauses; a heading not
    )


def _long_chunk_before(previous: str, labels: list[tuple[int, int]]) -> bool:
    """Is the line before the chunk of the number before (1、 then 2、 on the next line),
    sentences long and cut off mid-sentence (…开展了经常性思想 / 2、教育。…)? No item runs
    on for sentences and then stops without its end."""
    return (
        _numbered_line_before(labels)
        and len(previous) >= CHUNK_LENGTH
        and previous.count("。") >= 2
    )


def _follows_a_chunk(found: dict[int, tuple[int, int]], labels: list[tuple[int, int]]) -> bool:
    """Is the last N、 line the next number after a chunk already found (3、 after 2、)?"""
    return len(labels) >= 2 and labels[-2][0] in found and labels[-1][1] == labels[-2][1] + 1


def _count_down(
    found: dict[int, tuple[int, int]], texts: Sequence[str], labels: list[tuple[int, int]]
) -> None:
    """The chunks before the last N、 line, counted down to 1, are the site's too."""
    want = labels[-1][1] - 1
    for line, n in reversed(labels[:-1]):
        if n != want or want < 1:
            break
        earlier = _PAGE_NUMBER.match(texts[line])
        assert earlier is not None
        found[line] = earlier.span(1)
        want -= 1


@functools.cache
def _words() -> WordList:
    # jieba's word list, read once and only when a line opens with "2、" mid-sentence,
    # for a caller without the compiled one (a rule set without ST209): the pack cache's
    # dictionary when the rules brought one.
    from compliance.match.lexicon import jieba_dictionary, loaded_dictionary

    return (loaded_dictionary() or jieba_dictionary()).words


def _cuts_word(words: WordList | None, before: str, after: str) -> bool:
    if words is None:
        words = _words()
    return any(
        before[-i:] + after[:j] in words
        for i in (1, 2)
        for j in (1, 2)
        if len(before) >= i and len(after) >= j
    )
