"""layout: fonts, sizes, alignment and line spacing of one kind of block (.docx only).

`target` picks the blocks: "body" paragraphs, the report's "title", or headings of a
`family` (一、 → 黑体, （一） → 楷体). Blocks without layout facts (plain text, or a
property the reader could not resolve) are not judged. Deviations are grouped: one
finding per distinct wrong value, at its first block, with how many blocks share it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from compliance.document import Style
from compliance.findings import Finding
from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.matchers import Span
from compliance.schema import ListOf, Number, Option, Problem, Text


def _targets(rule: Rule, ctx: Context) -> Iterator[int]:
    target = rule.options["target"]
    headings = {s.heading.block: s.heading for s in ctx.report.sections}
    if target == "title":
        if ctx.report.title is not None:
            yield ctx.report.title
        return
    for index in ctx.blocks(rule.scope):
        block = ctx.document.blocks[index]
        if block.kind != "paragraph" or index == ctx.report.title:
            continue
        heading = headings.get(index)
        family = heading.family if heading else None
        if (target == "body" and heading is None) or (
            target == "heading" and family == rule.options.get("family")
        ):
            yield index


def _problems(style: Style, options: Mapping[str, Any]) -> list[str]:
    found = []
    fonts = options.get("fonts")
    if fonts and style.font_east_asia is not None and style.font_east_asia not in fonts:
        found.append(f"字体为{style.font_east_asia}")
    size = options.get("size_pt")
    tolerance = options["size_tolerance_pt"]
    if size and style.font_size_pt is not None and abs(style.font_size_pt - size) > tolerance:
        found.append(f"字号为{style.font_size_pt:g}磅")
    alignment = options.get("alignment")
    if alignment and style.alignment is not None and style.alignment != alignment:
        found.append(f"对齐方式为{style.alignment}")
    spacing = options.get("line_spacing_pt")
    if spacing:
        low, high = spacing
        if style.line_spacing_pt is not None and not low <= style.line_spacing_pt <= high:
            found.append(f"行距为{style.line_spacing_pt:g}磅")
        elif style.line_spacing_multiple is not None:
            found.append(f"行距为{style.line_spacing_multiple:g}倍")
    return found


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.document.format != "docx":
        return
    groups: dict[str, list[int]] = {}
    for index in _targets(rule, ctx):
        block = ctx.document.blocks[index]
        # A heading's own words come first ("（一）标题。正文……"): judge those.
        style = block.style if rule.options["target"] == "body" else block.lead_style
        if style is not None:
            problems = _problems(style, rule.options)
            if problems:
                groups.setdefault("，".join(problems), []).append(index)
    for actual, indices in groups.items():
        first = ctx.document.blocks[indices[0]]
        stripped = first.text.strip()
        start = first.text.find(stripped)
        span = Span(start, start + min(len(stripped), 20))
        yield ctx.finding_at(
            rule, indices[0], span, extra={"actual": actual, "count": str(len(indices))}
        )


def validate(raw: Mapping[str, Any]) -> Problem | None:
    if raw["target"] == "heading" and "family" not in raw:
        return Problem(
            ("target",),
            'a heading target needs family ("cn", "cn-paren", "arabic" or "arabic-paren")',
        )
    if raw["target"] != "heading" and "family" in raw:
        return Problem(("family",), 'family is read only with target = "heading"')
    return None


KIND = Kind(
    name="layout",
    check=check,
    summary=".docx only: blocks of a `target` whose resolved font, size, alignment or line"
    " spacing is off; one finding per distinct wrong value, at its first block",
    options=(
        Option(
            "target",
            Text(choices=("body", "title", "heading")),
            "the blocks judged",
            required=True,
        ),
        Option(
            "family",
            Text(choices=("cn", "cn-paren", "arabic", "arabic-paren")),
            "with target heading: the label family (一、 is cn, （一） cn-paren)",
        ),
        Option("fonts", ListOf(Text(nonempty=True)), "the East Asian fonts allowed"),
        Option("size_pt", Number(minimum=0), "the font size, in points"),
        Option(
            "size_tolerance_pt",
            Number(minimum=0),
            "how far the size may be off, in points",
            default=0.5,
        ),
        Option("alignment", Text(), "the paragraph alignment (center, both …)"),
        Option(
            "line_spacing_pt",
            ListOf(Number(minimum=0), length=2),
            "the exact line spacing allowed, [lowest, highest] points",
        ),
        SCOPE,
    ),
    placeholders=frozenset({"actual", "count"}),
    validate=validate,
)
