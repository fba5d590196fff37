"""Hard-wrapped text: a copy from a PDF or an e-mail, every line ending mid-sentence.

Such a file's physical lines are not paragraphs. Left as they are, a quotation or a
book title across a wrap looks unbalanced (TX307), a heading seems to start mid-line,
and the wrap itself reads as a stray space (TX305). A file is hard-wrapped when most of
its long lines stop without a sentence end at much the same width; its lines are then
joined into paragraphs: a paragraph ends at a sentence end on a line shorter than the
wrap width, after a title line, before an indented line or a heading label.

A copy may also keep a PDF's wraps as spaces inside one paragraph ("…中国特色 社会主义…
半 年总结…", a space every forty characters or so). Such a paragraph's spaces between
Chinese characters are wraps too, and go, so that a word cut by one ("半 年总结") is not
read as a truncated year or a misspelt term.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Sequence

from compliance.lazyre import lazy
from compliance.model.document import Block

_ENDS_PARAGRAPH = lazy(r"[。！？!?：:；;…”」』）)】》]\s*$")
MIN_LINES = 6
_DIGITS = lazy(r"\d+")
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
    open_ended = [line for line in long if not _ENDS_PARAGRAPH().search(line)]
    if len(open_ended) < WRAPPED_SHARE * len(long):
        return False
    if _numbered_copies(open_ended) >= WRAPPED_SHARE * len(open_ended):
        return False  # one line over and over but for its number: a site's list of pages
    import statistics  # here: few texts get this far (and it imports decimal)

    lengths = [len(line) for line in long]
    return statistics.pstdev(lengths) <= 0.15 * statistics.mean(lengths)


def _numbered_copies(lines: Sequence[str]) -> int:
    """How many different lines are the same line but for a number (…计划_第1页, _第2页)."""
    forms: dict[str, set[str]] = {}
    for line in lines:
        forms.setdefault(_DIGITS().sub("", line), set()).add(line)
    return sum(len(variants) for variants in forms.values() if len(variants) > 1)


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


@functools.cache
def _pdf_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A space between two Chinese characters (or their punctuation), and a fragment line
    (below); compiled on first use, as _joining's."""
    inner_space = re.compile(
        r"(?<=[\u4e00-\u9fff，、；：“”《》（）])[ \t](?=[\u4e00-\u9fff，、；：“”《》（）])"
    )
    # A PDF's text extraction may set a year, a quotation mark or a heading's label on a
    # line of its own ("2025" / "年意识形态工作总结", "强调，" / '"' / "建设……"): fragments
    # of the line they were cut from.
    fragment = re.compile(
        r'^[\s\u3000]*(?:(?P<year>(?:19|20)\d{2})|(?P<quote>["“”‘’])'
        r"|(?P<label>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]))[\s\u3000]*$"
    )
    return inner_space, fragment


_ANY_SPACE = lazy(r"[ \t\u3000]+")
MIN_WRAPS = 4
WRAP_WIDTHS = (20, 80)  # characters between two wraps of a PDF line


def _wraps_as_spaces(text: str) -> bool:
    """Spaces at much the same distance (a PDF's line width), most of them inside a word."""
    if text.count(" ") + text.count("\t") < MIN_WRAPS:
        return False  # most paragraphs: no need to look closer
    inner = _pdf_patterns()[0].findall(text)
    if len(inner) < MIN_WRAPS:
        return False
    gaps = [len(piece) for piece in _ANY_SPACE().split(text.strip())]
    full = sorted(gaps[:-1])  # the last piece ends the paragraph, not a line
    middle = full[len(full) // 2]
    if not WRAP_WIDTHS[0] <= middle <= WRAP_WIDTHS[1]:
        return False
    near = [g for g in full if abs(g - middle) <= 0.12 * middle]
    return len(near) >= 0.6 * len(full) and len(near) >= MIN_WRAPS


def _unspace(block: Block) -> Block:
    if block.kind != "paragraph" or not _wraps_as_spaces(block.text):
        return block
    text = _pdf_patterns()[0].sub("", block.text)
    return dataclasses.replace(block, text=text)


def _joins(fragment: re.Match[str], before: str | None, after: str | None) -> tuple[bool, bool]:
    """Whether a fragment line joins the line before it, and the line after it."""
    carries_on = before is not None and not _ENDS_PARAGRAPH().search(before)
    if fragment.group("year"):
        ok = after is not None and after.lstrip().startswith("年")
        # Not onto a line ending in a digit (网站客服：3074922707): the two would read as one
        # number, and the year opens the line after.
        onto_number = before is not None and before.rstrip()[-1:].isdigit()
        return ok and carries_on and not onto_number and not _joining()[1].match(before or ""), ok
    if fragment.group("quote"):
        return carries_on, after is not None and bool(after.strip())
    following = _pdf_patterns()[1].match(after) if after is not None else None
    return False, after is not None and (following is None or bool(following.group("year")))


def join_fragments(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with a PDF's fragment lines joined to the lines they were cut from."""
    fragments = _pdf_patterns()[1]
    if not any(fragments.match(b.text) for b in blocks):
        return list(blocks)
    joined: list[Block] = []
    glue_next = False
    for i, block in enumerate(blocks):
        previous = joined[-1] if joined else None
        adjacent = previous is not None and block.line == blocks[i - 1].line + 1
        fragment = fragments.match(block.text)
        after = blocks[i + 1].text if i + 1 < len(blocks) else None
        to_previous, to_next = (False, False)
        if fragment is not None:
            to_previous, to_next = _joins(fragment, previous.text if previous else None, after)
        if previous is not None and adjacent and (glue_next or to_previous):
            joined[-1] = dataclasses.replace(
                previous, text=previous.text.rstrip() + block.text.strip()
            )
        else:
            joined.append(block)
        glue_next = to_next
    return joined


def unwrap(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with hard-wrapped lines joined into paragraphs (or as they are)."""
    blocks = join_fragments(blocks)
    if not is_hard_wrapped([b.text for b in blocks]):
        return [_unspace(block) for block in blocks]
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
            and not _ENDS_PARAGRAPH().search(last_text)
            and not title.match(last_text)
            and not starts_paragraph.match(block.text)
        )
        if continues:
            previous = joined[-1]
            joined[-1] = dataclasses.replace(previous, text=_glue(previous.text, block.text))
        else:
            joined.append(block)
        last_line, last_text = block.line, block.text
    return joined
