"""heading-style: heading labels follow GB/T 9704 (一、 → （一） → 1. → （1）).

Reported per heading: a label written in a non-standard form (1、 for 1.), or a form that
differs from the report's own majority for that level ((一) beside （一）). A consistent
report that goes 一、 → 1. uses its levels as it chose: not a mixed style.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule, label_span
from compliance.model.findings import Finding
from compliance.model.numerals import LEGAL_DIGITS
from compliance.model.numerals import chinese as cn_numeral
from compliance.model.outline import ATTACHMENT_LINE, Heading

# The GB/T 9704 form of each family's label, as a pattern and as a template.
STANDARD = {
    "cn": (re.compile(r"^[一二三四五六七八九十百]+、$"), "{n}、"),
    "cn-paren": (re.compile(r"^（[一二三四五六七八九十百]+）$"), "（{n}）"),
    "arabic": (re.compile(r"^\d+\.$"), "{n}."),
    "arabic-paren": (re.compile(r"^（\d+）$"), "（{n}）"),
    # Not GB/T 9704's, but a report numbered 1. → 1.1 uses it as it chose.
    "decimal": (re.compile(r"^\d+[.．]\d+$"), "{n}"),
}


_LEGAL = LEGAL_DIGITS[1:] + "拾貳陸"


def _form(label: str) -> str:
    """A label with its number taken out, its kind of numeral kept: "(三)" → "(#)",
    "(3)" → "(0)" (a sibling in digits among Chinese numerals is another form). Spaces
    are left out: a PDF copy's "（ 二 ）" is written as "（一）" is, its spaces TX305's."""
    label = re.sub(r"[ \t\u3000\xa0]+", "", label)
    # Financial numerals (壹、贰、) are a form of their own: 贰、 after 壹、 is consistent,
    # 二、 after 壹、 is not.
    label = re.sub(rf"[{_LEGAL}]+", "$", label)
    return re.sub(r"\d+", "0", re.sub(r"[一二三四五六七八九十百]+", "#", label))


def _standard(heading: Heading) -> str:
    template = STANDARD[heading.family][1]
    if heading.family.startswith("cn"):
        return template.format(n=cn_numeral(heading.number))
    return template.format(n=heading.number)


# A bracketed label that lost its opening bracket ("二）") or carries a 、 after it ("（一）、"),
# or an item's 1 written as a letter ("I." before "2."), or a first part's 一、 written as a
# point ("一是" before "二、"): wrong whatever the rest of the report writes.
_MALFORMED = re.compile(r"^[^（(]+[）)]|[）)]、$|^[Il][.．、]$|^一是$")


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    # 第一部分 and a part named without a number have no label form to compare.
    headings = [
        s.heading
        for s in ctx.report.sections
        if not s.heading.label.startswith("第") and s.heading.family != "unnumbered"
    ]
    formed = [h for h in headings if not _MALFORMED.search(h.label)]
    # An attachment (附件：… / 附件二) is a document of its own: its labels are compared
    # with each other, not with the report's.
    blocks = ctx.document.blocks
    annexes = [
        i for i in range(ctx.report.start, ctx.report.end) if ATTACHMENT_LINE.match(blocks[i].text)
    ]

    def part(heading: Heading) -> tuple[int, str]:
        return bisect.bisect(annexes, heading.block), heading.family

    # Each label's form once, and each part's tally in one pass over the headings.
    form = {h.label: _form(h.label) for h in headings}
    tallies: dict[tuple[int, str], Counter[str]] = {}
    for h in formed:
        tallies.setdefault(part(h), Counter())[form[h.label]] += 1
    majority = {key: tally.most_common(1)[0][0] for key, tally in tallies.items()}
    for heading in headings:
        reasons = []
        pattern = STANDARD[heading.family][0]
        if _MALFORMED.search(heading.label):
            reasons.append(f"应写作“{_standard(heading)}”")
        elif form[heading.label] != majority.get(part(heading), form[heading.label]):
            shown = majority[part(heading)].replace("#", "").replace("$", "").replace("0", "")
            reasons.append(f"与本文同级序号“{shown}”写法不一致")
        elif not pattern.match(heading.label) and heading.family in ("cn", "arabic"):
            # Half-width brackets are TX304's business; here only 、 / . forms.
            reasons.append(f"应写作“{_standard(heading)}”")
        if reasons:
            yield ctx.finding_at(
                rule,
                heading.block,
                label_span(ctx, heading),
                shown=heading.label,
                suggestion=_standard(heading) if not pattern.match(heading.label) else None,
                extra={"reason": "；".join(reasons)},
            )


KIND = Kind(
    name="heading-style",
    check=check,
    summary="a heading label that skips a GB/T 9704 level, is not in the standard form (1、 for"
    " 1.), or differs from the report's majority form",
    placeholders=frozenset({"reason"}),
    whole_report=True,
)
