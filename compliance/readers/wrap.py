"""Hard-wrapped text: a copy from a PDF or an e-mail, every line ending mid-sentence.

Such a file's physical lines are not paragraphs. Left as they are, a quotation or a
book title across a wrap looks unbalanced (TX307), a heading seems to start mid-line,
and the wrap itself reads as a stray space (TX305). A file is hard-wrapped when most of
its long lines stop without a sentence end at much the same width; its lines are then
joined into paragraphs: a paragraph ends at a sentence end on a line shorter than the
wrap width, after a title line, before an indented line or a heading label.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from compliance.model.document import Block

_ENDS_PARAGRAPH = re.compile(r"[。！？!?：:；;…”」』）)】》]\s*$")
MIN_LINES = 6
WRAPPED_SHARE = 0.5


def _width(lines: Sequence[str]) -> int:
    """The wrap width: the length most lines reach (within 10%), not the longest line —
    a site's notice above the text may be longer than the wrapped lines."""
    lengths = sorted(len(line.rstrip()) for line in lines)
    candidates = sorted({n for n in lengths if n >= 15})
    if not candidates:
        return 0

    def reaching(w: int) -> int:  # lines of length 0.9 w to w, counted in the sorted list
        return bisect.bisect_right(lengths, w) - bisect.bisect_left(lengths, 0.9 * w)

    return max(candidates, key=lambda w: (reaching(w), w))


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Most long lines stop mid-sentence, at much the same width."""
    if len(lines) < MIN_LINES:
        return False
    width = _width(lines)
    if width < 20:
        return False
    long = [line.rstrip() for line in lines if 0.8 * width <= len(line.rstrip()) <= width]
    if len(long) < MIN_LINES or len(long) < 0.5 * len(lines):
        return False  # most lines of a wrapped copy stop at the width
    open_ended = [line for line in long if not _ENDS_PARAGRAPH.search(line)]
    if len(open_ended) < WRAPPED_SHARE * len(long):
        return False
    import statistics  # here: few texts get this far (and it imports decimal)

    lengths = [len(line) for line in long]
    return statistics.pstdev(lengths) <= 0.15 * statistics.mean(lengths)


@functools.cache
def _joining() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What joining lines needs: compiled for the first hard-wrapped text only (few are,
    and Python takes 2 ms to compile these character ranges)."""
    starts_paragraph = re.compile(
        r"^(?:[\u3000\t]|  )"  # an indented line
        r"|^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"  # a label
        r"|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十\d]+[章条部分])"
    )
    # A title is a line of its own however long: it names a document and holds no sentence.
    title = re.compile(
        r"^[^，。；,;]{4,}(?:总结|报告|汇报|方案|计划|要点|意见|通知)(?:[（(][^）)\n]*[）)])?"
        r"(?:\.(?:docx?|pdf|wps))?\s*$"
    )
    cjk = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]")
    return starts_paragraph, title, cjk


def _glue(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip(" \t")
    if not left or not right:
        return left + right
    cjk = _joining()[2]
    if cjk.match(left[-1]) or cjk.match(right[0]):
        return left + right  # a wrap between Chinese characters is no space
    return left + " " + right


def unwrap(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with hard-wrapped lines joined into paragraphs (or as they are)."""
    if not is_hard_wrapped([b.text for b in blocks]):
        return list(blocks)
    width = _width([b.text for b in blocks])
    starts_paragraph, title, _cjk = _joining()
    joined: list[Block] = []
    last_line = -1  # the physical line the paragraph so far ends on
    last_text = ""  # and that line's text
    for block in blocks:
        continues = (
            joined
            and block.line == last_line + 1
            and len(last_text.rstrip()) >= 0.8 * width
            and not _ENDS_PARAGRAPH.search(last_text)
            and not title.match(last_text)
            and not starts_paragraph.match(block.text)
        )
        if continues:
            previous = joined[-1]
            joined[-1] = Block(
                _glue(previous.text, block.text),
                previous.line,
                previous.column,
                previous.kind,
                offset=previous.offset,
            )
        else:
            joined.append(block)
        last_line, last_text = block.line, block.text
    return joined
