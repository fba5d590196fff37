"""page: paper size and margins of the document's first section (.docx only)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding

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
    tolerance: float = rule.options.get("tolerance_mm", 1.0)
    wrong = [
        f"{label}{getattr(page, key):g}毫米（应为{expected[key]:g}毫米）"
        for key, label in SIDES
        if key in expected and abs(getattr(page, key) - expected[key]) > tolerance
    ]
    if wrong:
        yield ctx.finding_for_report(rule, ctx.report.start, extra={"actual": "，".join(wrong)})


def validate(raw: Mapping[str, Any]) -> str | None:
    expect = raw.get("expect", {})
    unknown = set(expect) - {key for key, _ in SIDES}
    if unknown:
        return f"unknown page measure(s) {', '.join(sorted(unknown))} in expect"
    if not all(isinstance(v, int | float) for v in expect.values()):
        return "expect values are millimetres (numbers)"
    return None


KIND = Kind(
    name="page",
    check=check,
    options={"expect": dict, "tolerance_mm": float},
    required=frozenset({"expect"}),
    needs_match=False,
    placeholders=frozenset({"actual"}),
    validate=validate,
)
