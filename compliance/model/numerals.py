"""Chinese numerals, both ways: what heading labels, Word numbering and fixes need.

One home: the outline parses 一、 / （十二）, Word's counting formats draw 一百零五,
and the sequence kind writes the label a heading should have had.
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
# The financial numerals (大写数字) some reports number their headings with: 壹、 （贰）.
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TEN = "拾"
# What heading labels are written with (1–99): the common numerals, the financial ones,
# and 貳/陸, their traditional forms left in a simplified copy.
NUMERALS = "一二三四五六七八九十" + LEGAL_DIGITS[1:] + _LEGAL_TEN + "貳陸"
_COMMON = str.maketrans(LEGAL_DIGITS[1:] + _LEGAL_TEN + "貳陸", "一二三四五六七八九十二六")
_VALUE = {c: i for i, c in enumerate(DIGITS[1:], start=1)}


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
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99, 壹拾贰 → 12; None if `text` is not such
    a numeral."""
    text = text.translate(_COMMON)
    if len(text) == 1:
        return 10 if text == "十" else _VALUE.get(text)
    tens, sep, ones = text.partition("十")
    if not sep or len(tens) > 1 or len(ones) > 1:
        return None
    ten = _VALUE.get(tens) if tens else 1
    one = _VALUE.get(ones) if ones else 0
    return None if ten is None or one is None else ten * 10 + one


def written_like(label: str, n: int) -> str:
    """`n` in the numerals `label` is written with: 壹、 → 贰, 一、 → 二."""
    if any(c in LEGAL_DIGITS or c == _LEGAL_TEN for c in label):
        return chinese(n, LEGAL_DIGITS, _LEGAL_TEN)
    return chinese(n)
