"""embedded-heading: a heading glued to the end of the previous paragraph.

Once per paragraph, at its highest glued heading: a copy that lost its line breaks glues
every heading of a section into one block, and one finding says what to fix. A title run
into the first paragraph ("…工作总结2024年上半年，我局…") is reported at the title.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.model.outline import RANK, SITE_TAG, EmbeddedHeading


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    seen: set[int] = set()
    if report.title is not None and report.title_end is not None:
        text = ctx.document.blocks[report.title].text
        title = text[: report.title_end]
        start = len(title) - len(title.lstrip())
        number = (ctx.outline.page_numbers or {}).get(report.title)
        if number is not None and number[0] == start:
            # A page or chunk number opens the line (1、…工作总结年初以来): ST209's.
            start = len(title) - len(title[number[1] :].lstrip(" 、\u3000"))
        tag = SITE_TAG.match(title, start)
        if tag is not None:
            start = tag.end()  # a site's tag before the title (-精品推荐- …): not the title
        end = len(title.rstrip())  # not the space before the heading it is glued to
        seen.add(report.title)
        yield ctx.finding_at(rule, report.title, Span(start, end))
    # The paragraph's highest glued heading stands for it (…设施。二、下半年工作计划1、继续…
    # is reported at 二、, the part that begins there), the first one among equals.
    chosen: dict[int, EmbeddedHeading] = {}
    for embedded in report.embedded:
        if embedded.block in seen:
            continue
        best = chosen.get(embedded.block)
        if best is None or RANK[embedded.family] < RANK[best.family]:
            chosen[embedded.block] = embedded
    for embedded in sorted(chosen.values(), key=lambda e: (e.block, e.offset)):
        span = Span(embedded.offset, embedded.offset + len(embedded.label))
        yield ctx.finding_at(rule, embedded.block, span)


KIND = Kind(
    name="embedded-heading",
    check=check,
    summary="a heading label glued after the end of the previous paragraph's sentence",
)
