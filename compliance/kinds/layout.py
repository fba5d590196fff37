"""layout: fonts, sizes, alignment and line spacing of one kind of block (.docx only).

`target` picks the blocks: "body" paragraphs, the report's "title", or headings of a
`family` (一、 → 黑体, （一） → 楷体), or several families at once (`headings`, one table
each). Body text includes what follows an inline heading's words. Blocks without layout
facts (plain text, or a property the reader could not resolve) are not judged. Deviations
are grouped: one finding per distinct wrong value, at its first block, with how many
blocks share it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.match.matchers import Span
from compliance.model.document import Block, Style
from compliance.model.findings import Finding
from compliance.schema import ListOf, Number, Option, Problem, Record, Text


def _targets(rule: Rule, ctx: Context, family: str | None) -> Iterator[tuple[int, Style | None]]:
    """The blocks a rule judges, each with the style to judge it by."""
    target = rule.options["target"]
    blocks = ctx.document.blocks
    headings = {s.heading.block: s.heading for s in ctx.report.sections}
    if target == "title":
        if ctx.report.title is not None:
            yield ctx.report.title, blocks[ctx.report.title].lead_style
        return
    for index in ctx.blocks(rule.scope):
        block = blocks[index]
        if block.kind != "paragraph" or index == ctx.report.title:
            continue
        heading = headings.get(index)
        if target == "body":
            if heading is None:
                yield index, block.style
            elif heading.inline and not heading.embedded:
                # "（一）加强组织领导。正文……": the body text after the heading's words.
                at = block.text.find(heading.title, heading.column - block.column)
                yield index, _style_from(block, at + len(heading.title)) if at >= 0 else None
        elif target == "heading" and heading is not None and heading.family == family:
            # A heading's own words come first ("（一）标题。正文……"): judge those.
            yield index, block.lead_style


def _style_from(block: Block, offset: int) -> Style | None:
    """The style holding most of `block.text[offset:]`."""
    if not block.run_styles:
        return block.style
    counts: dict[Style, int] = {}
    bounds = [start for start, _ in block.run_styles[1:]] + [len(block.text)]
    for (start, style), end in zip(block.run_styles, bounds, strict=True):
        length = min(end, len(block.text)) - max(start, offset)
        if length > 0 and block.text[max(start, offset) : end].strip():
            counts[style] = counts.get(style, 0) + length
    return max(counts, key=lambda s: counts[s]) if counts else None


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


def _facets(rule: Rule) -> list[Mapping[str, Any]]:
    """One rule may judge several kinds of block (level-1 and level-2 headings), each
    with its own expected values: `headings = [{family = "cn", fonts = […]}, …]`."""
    facets = rule.options.get("headings")
    if not facets:
        return [rule.options]
    return [{**rule.options, **facet} for facet in facets]


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.document.format != "docx":
        return
    for options in _facets(rule):
        groups: dict[str, list[int]] = {}
        # A report's blocks share a few styles (the reader resolves each once): each
        # style is judged once per facet.
        judged: dict[int, tuple[Style, list[str]]] = {}
        for index, style in _targets(rule, ctx, options.get("family")):
            if style is not None:
                seen = judged.get(id(style))
                if seen is None:
                    seen = judged[id(style)] = (style, _problems(style, options))
                problems = seen[1]
                if problems:
                    groups.setdefault("，".join(problems), []).append(index)
        for actual, indices in groups.items():
            first = ctx.document.blocks[indices[0]]
            stripped = first.text.strip()
            start = first.text.find(stripped)
            span = Span(start, start + min(len(stripped), 20))
            extra = {"actual": actual, "count": str(len(indices))}
            extra["level"] = str(options.get("level", ""))
            extra["expected"] = str((options.get("fonts") or [""])[0])
            yield ctx.finding_at(rule, indices[0], span, extra=extra)


def validate(raw: Mapping[str, Any]) -> Problem | None:
    heading = raw["target"] == "heading"
    if heading and "family" not in raw and not raw.get("headings"):
        return Problem(
            ("target",),
            'a heading target needs family ("part", "unnumbered", "cn", "cn-paren", "arabic",'
            ' "decimal" or "arabic-paren")'
            " or headings",
        )
    for key in ("family", "headings"):
        if not heading and key in raw:
            return Problem((key,), f'{key} is read only with target = "heading"')
    return None


FAMILY = Text(choices=("part", "unnumbered", "cn", "cn-paren", "arabic", "decimal", "arabic-paren"))
# What a block is judged on, for the whole rule or for one family of `headings`.
STYLE = (
    Option("fonts", ListOf(Text(nonempty=True)), "the East Asian fonts allowed"),
    Option("size_pt", Number(minimum=0), "the font size, in points"),
    Option("alignment", Text(), "the paragraph alignment (center, both …)"),
    Option(
        "line_spacing_pt",
        ListOf(Number(minimum=0), length=2),
        "the exact line spacing allowed, [lowest, highest] points",
    ),
)
HEADING = Record(
    (
        Option("family", FAMILY, "the label family", required=True),
        Option("level", Text(), "the level's name, for the message's {level}"),
        *STYLE,
    )
)

KIND = Kind(
    name="layout",
    check=check,
    summary=".docx only: blocks of a `target` (`body` — including the text after an inline"
    " heading's words —, `title`, or `heading` of a `family`, or of each of `headings`) whose"
    " resolved font, size, alignment or line spacing is off; one finding per distinct wrong"
    " value, at its first block; `{expected}` is the first of `fonts`",
    options=(
        Option(
            "target",
            Text(choices=("body", "title", "heading")),
            "the blocks judged",
            required=True,
        ),
        Option(
            "family",
            FAMILY,
            "with target heading: the label family (一、 is cn, （一） cn-paren, 1.1 decimal,"
            " a part named without a number unnumbered)",
        ),
        Option(
            "headings",
            ListOf(HEADING),
            "with target heading: several families at once, each with its own expected values",
        ),
        *STYLE,
        Option(
            "size_tolerance_pt",
            Number(minimum=0),
            "how far the size may be off, in points",
            default=0.5,
        ),
        SCOPE,
    ),
    placeholders=frozenset({"actual", "count", "level", "expected"}),
    validate=validate,
)
