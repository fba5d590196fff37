"""repetition: a character, word or punctuation mark written twice by accident.

Found: 的的, 总书记总书记, 工作工作, 责任责任制, 理论论学习, 202X年年, 。。 — one finding per
run (的的的 is one), suggesting the single form. Left alone, with jieba's dictionary:
- reduplications that are words (常常, 天天, 人人, 年年), idioms opening with one
  (息息相关, 欣欣向荣), AABB forms (扎扎实实, 的的确确)
  and the rule's `allow` list (研究研究 as a verb, 不了了之);
- a character ending one word and beginning the next (目的的, 现在在线, 耕地地力,
  学习习近平): a word of 2+ characters ends with the first copy, and a word begins with
  the second, or the character stands alone as a function word (的, 在).
A unit after a number (2024年年, 6月月) is always a slip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from compliance.kinds.base import FIX, SCOPE, Context, Kind, Rule
from compliance.match.matchers import Matcher, Span
from compliance.model.findings import Finding
from compliance.schema import ListOf, Number, Option, Text

_CJK = re.compile(r"[\u4e00-\u9fff]")
_GAP = re.compile(r"[ \t\u3000]")
# A Party congress by its number (党的二十大, 党的XX大): its 大 is the congress.
_CONGRESS = re.compile(r"党的(?:[二三]?十[一二三四五六七八九]?|[XＸxｘ]{2})大$")
_NUMBER_UNIT = re.compile(r"[0-9０-９XＸ×][年月日]$")
# A time word's unit (上半年, 今年, 本月) written again where no word begins with it
# (上半年年对…; 今年年底, 每年年初 and the reduplication 年年 are left alone).
_TIME_WORD = re.compile(r"(?:[半今去明全本当每近往]|上个|下个)[年月]$")


# Where a repeat can start: a unit of up to four characters written twice (the regex
# engine finds these in C; only they get a closer look).
_REPEAT = re.compile(r"(.{1,4}?)\1", re.DOTALL)


def runs(
    text: str,
    words: Any,
    function_chars: frozenset[str],
    allow: frozenset[str],
    marks: str,
    longest: int,
) -> Iterator[tuple[Span, str]]:
    """(span of the run, the single unit) of every accidental repeat in `text`."""
    position = 0
    while True:
        candidate = _REPEAT.search(text, position)
        if candidate is None:
            return
        i = candidate.start()
        found = None
        for size in range(longest, 0, -1):
            unit = text[i : i + size]
            if len(unit) < size or text[i + size : i + 2 * size] != unit:
                continue
            if size == 1 and unit in marks:
                found = size
                break
            if not all(_CJK.match(c) for c in unit):
                continue
            if size > 1 and unit not in words:
                continue  # 一次一次 needs 一次 to be a word; 学习习 is not a repeat of 学习
            if _slip(text, i, size, words, function_chars, allow):
                found = size
                break
        if found is None:
            position = i + 1
            continue
        unit = text[i : i + found]
        end = i + 2 * found
        while text[end : end + found] == unit:
            end += found
        yield Span(i, end), unit
        position = end


def _slip(
    text: str, i: int, size: int, words: Any, function_chars: frozenset[str], allow: frozenset[str]
) -> bool:
    unit = text[i : i + size]
    double = unit * 2
    if size == 1 and _NUMBER_UNIT.search(text[max(i - 1, 0) : i + 1]):
        return True  # 2024年年
    if size == 1 and _CONGRESS.search(text[max(i - 6, 0) : i + 1]):
        return True  # 党的二十大大: a congress's 大 written twice (大大 is a word elsewhere)
    if (
        size == 1
        and _TIME_WORD.search(text[max(i - 2, 0) : i + 1])
        and text[i + 2 : i + 3] != unit
        and not any(text[i + 1 : b] in words for b in range(i + 3, min(i + 5, len(text)) + 1))
    ):
        return True  # 上半年年对
    for phrase in allow:  # 不了了之, 研究研究: an allowed phrase covering the repeat
        at = text.find(phrase, max(i - len(phrase) + 1, 0), i + 2 * size + len(phrase))
        if at != -1 and at <= i and i + 2 * size <= at + len(phrase):
            return False
    if double in words:
        return False  # 常常, 天天, 人人, 研究研究 is in allow
    if any(text[i : i + 2 * size + k] in words for k in (1, 2)):
        return False  # an idiom that opens with the repeat: 息息相关, 欣欣向荣
    # The first copy is the tail of a longer word: 学习学习班? 目的的, 耕地地力. A space
    # inside the word (中国共产 党党委, a PDF's line break turned space) does not cut it.
    left = _GAP.sub("", text[max(i - 6, 0) : i])[-3:]
    ends = any(left[a:] + unit in words for a in range(len(left)))
    if size > 1:
        return not ends
    second = i + 1
    starts = any(text[second:b] in words for b in range(second + 2, min(second + 4, len(text)) + 1))
    alone = unit in function_chars
    # AABB: 扎扎实实 (扎实), 的的确确 (的确), and its second pair.
    pair = text[i + 2 : i + 3]
    if pair and pair == text[i + 3 : i + 4] and unit + pair in words:
        return False
    if i >= 2 and text[i - 2] == text[i - 1] and text[i - 2] + unit in words:
        return False
    if not (ends or starts):
        return True
    return not ((ends or alone) and (starts or alone))


# An item of an enumeration listed twice in a row (党委、党委、总支): the second copy ends
# the item (a mark, 等, 和, 及 or the line's end follows). A slogan that goes on with 再 or
# 又 (学习、学习、再学习) is rhetoric, not a slip.
_LISTED_TWICE = re.compile(
    r"([\u4e00-\u9fff]{2,8})、\1(?=[，。、；：！？）”等和及]|$)(?!、[再又])", re.MULTILINE
)
# A mark written twice with a space or two between (认真学习， ，深刻领会); a form's blank
# between two colons (签名：        日期：) is a field, and a wide gap is layout.
_GAPPED_MARK = "([{marks}])[ \t\u3000]{{1,2}}\\1"


def listed_twice(text: str, words: Any, allow: frozenset[str]) -> Iterator[tuple[Span, str]]:
    """An enumeration's item written twice across its 、 (党委、党委), unless the first
    copy is the tail of a longer word before it (教育工委、工委 is not read as one)."""
    for m in _LISTED_TWICE.finditer(text):
        unit = m.group(1)
        if any(phrase in text[max(m.start() - 4, 0) : m.end() + 4] for phrase in allow):
            continue
        left = _GAP.sub("", text[max(m.start() - 4, 0) : m.start()])
        if any(left[a:] + unit in words for a in range(len(left))):
            continue  # the first copy ends a longer word: 基层党委、党委? left to a reader
        yield Span(m.start(), m.end()), unit


def gapped_marks(text: str, marks: str) -> Iterator[tuple[Span, str]]:
    """A punctuation mark doubled with spaces between (，  ，): one finding per pair."""
    if not marks:
        return
    for m in re.finditer(_GAPPED_MARK.format(marks=re.escape(marks.replace("：", ""))), text):
        yield Span(m.start(), m.end()), m.group(1)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    dictionary = rule.options["dictionary"]
    allow = frozenset(rule.options.get("allow", ()))
    marks = rule.options.get("marks", "")
    longest = rule.options.get("longest", 4)
    previous = ""
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        # A line ending mid-sentence (a PDF's hard line end) lends its last characters:
        # 中国共产 / 党党员 is 共产党 and 党员, not a doubled 党.
        carry = previous[-3:] if previous and _CJK.match(previous[-1]) else ""
        previous = text
        excluded = rule.exclude.find(ctx.block_haystack(index)) if rule.exclude else []
        shifted = [
            (Span(span.start - len(carry), span.end - len(carry)), unit)
            for span, unit in runs(
                carry + text, dictionary.words, dictionary.function_chars, allow, marks, longest
            )
            if span.start >= len(carry)  # else it begins on the line before
        ]
        shifted += [
            (span, unit)
            for span, unit in (
                *listed_twice(text, dictionary.words, allow),
                *gapped_marks(text, marks),
            )
            if not any(s.start < span.end and span.start < s.end for s, _ in shifted)
        ]
        for span, unit in sorted(shifted, key=lambda pair: pair[0].start):
            if any(e.start < span.end and span.start < e.end for e in excluded):
                continue
            yield ctx.finding_at(rule, index, span, suggestion=unit)


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    from compliance.kinds.substitute import dictionary

    return {**options, "dictionary": dictionary()}


KIND = Kind(
    name="repetition",
    check=check,
    summary="a character, word or mark written twice in a row (reduplications left alone)",
    options=(
        FIX,
        Option("allow", ListOf(Text()), "doubled forms that are right (常常, 看看)", default=[]),
        Option("marks", Text(), "the punctuation marks whose doubling is reported"),
        Option(
            "longest",
            Number(integer=True, minimum=1, maximum=8),
            "the longest repeated piece, in characters (1 to 8)",
            default=4,
        ),
        SCOPE,
    ),
    prepare=prepare,
)
