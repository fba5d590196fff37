"""sequence: heading numbers at one level run 1, 2, 3 … without a skip or a repeat."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule, label_span
from compliance.outline import Heading

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (the numerals headings use)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def renumber(heading: Heading, number: int) -> str:
    """The heading's label with another number, in the same style: (三) → (二)."""
    old = cn_numeral(heading.number) if heading.family.startswith("cn") else str(heading.number)
    new = cn_numeral(number) if heading.family.startswith("cn") else str(number)
    return heading.label.replace(old, new, 1)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    last: dict[tuple[int | None, str], Heading] = {}
    for section in ctx.report.sections:
        heading = section.heading
        key = (section.parent, heading.family)
        previous = last.get(key)
        last[key] = heading
        expected = previous.number + 1 if previous else 1
        if heading.number == expected:
            continue
        right = renumber(heading, expected)
        yield ctx.finding_at(
            rule,
            heading.block,
            label_span(ctx, heading),
            shown=heading.label,
            suggestion=right,
            extra={"previous": previous.label if previous else "本级开头", "expected": right},
        )


KIND = Kind(
    name="sequence",
    check=check,
    summary="a heading number that skips or repeats at its level (一、二、四、), with the right"
    " label as suggestion",
    placeholders=frozenset({"previous", "expected"}),
    whole_report=True,
)
