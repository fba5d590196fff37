"""Chinese numerals, both ways: what heading labels, Word numbering and fixes need.

One home: the outline parses 一、 / （十二）, Word's counting formats draw 一百零五,
and the sequence kind writes the label a heading should have had.
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
NUMERALS = "一二三四五六七八九十"  # what heading labels are written with (1–99)
_VALUE = {c: i for i, c in enumerate(NUMERALS[:9], start=1)}


def chinese(n: int, digits: str = DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (counting, not digit by digit).

    `digits` and `ten` give the other counting sets (壹…玖 and 拾); beyond 999, and
    for 0 or less, the Arabic number.
    """
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        zero = "零" if digits[0] == "〇" else digits[0]  # counting reads 一百零五, not 〇
        tail = "" if rest == 0 else (zero if rest < 10 else "") + chinese(rest, digits, ten)
        if 10 <= rest < 20:
            tail = digits[1] + tail  # 一百一十五, not 一百十五
        return digits[n // 100] + "百" + tail
    return str(n)


def parse_chinese(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; None if `text` is not such a numeral."""
    if len(text) == 1:
        return 10 if text == "十" else _VALUE.get(text)
    tens, sep, ones = text.partition("十")
    if not sep or len(tens) > 1 or len(ones) > 1:
        return None
    ten = _VALUE.get(tens) if tens else 1
    one = _VALUE.get(ones) if ones else 0
    return None if ten is None or one is None else ten * 10 + one
