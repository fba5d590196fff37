"""sequence: heading numbers at one level run 1, 2, 3 … without a skip or a repeat."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule, label_span
from compliance.model.findings import Finding
from compliance.model.numerals import chinese as cn_numeral
from compliance.model.outline import Heading


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
