"""page: paper size and margins of the document's first section (.docx only)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.schema import Number, Option, Record

SIDES = (
    ("width_mm", "纸张宽度"),
    ("height_mm", "纸张高度"),
    ("top_mm", "上边距"),
    ("bottom_mm", "下边距"),
    ("left_mm", "左边距"),
    ("right_mm", "右边距"),
)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    page = ctx.document.page
    if page is None or ctx.number != 1:  # one page setup per file, reported once
        return
    expected: Mapping[str, float] = rule.options["expect"]
    tolerance: float = rule.options["tolerance_mm"]
    wrong = [
        f"{label}{getattr(page, key):g}毫米（应为{expected[key]:g}毫米）"
        for key, label in SIDES
        if key in expected and abs(getattr(page, key) - expected[key]) > tolerance
    ]
    if wrong:
        yield ctx.finding_for_report(rule, ctx.report.start, extra={"actual": "，".join(wrong)})


KIND = Kind(
    name="page",
    check=check,
    summary=".docx only: paper size or margins off by more than `tolerance_mm`",
    options=(
        Option(
            "expect",
            Record(tuple(Option(key, Number(minimum=0), f"{label}, mm") for key, label in SIDES)),
            "the expected measures, in millimetres",
            required=True,
        ),
        Option("tolerance_mm", Number(minimum=0), "how far a measure may be off", default=1.0),
    ),
    placeholders=frozenset({"actual"}),
)
