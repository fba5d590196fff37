"""section: the report must have a section of a given role, and it must not be empty."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.model.outline import Section
from compliance.schema import Expression, Number, Option, Role


def _body_chars(ctx: Context, section: Section) -> int:
    """Characters of body text in a section, not counting its heading."""
    blocks = ctx.document.blocks
    first = blocks[section.start].text
    heading = section.heading
    body = first[first.find(heading.title) + len(heading.title) :] if heading.inline else ""
    rest = (blocks[i].text for i in range(section.start + 1, section.end))
    return len(body.strip()) + sum(len(text.strip()) for text in rest)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    role: str = rule.options["role"]
    min_chars: int = rule.options.get("min_chars", 10)
    sections = ctx.report.sections_with_role(role)
    if any(_body_chars(ctx, s) >= min_chars for s in sections):
        return
    if not sections and rule.match is not None:
        # Reports without such a heading may still hold the part as a paragraph
        # ("存在的问题：一是……"); the rule's expression says how it reads.
        hay, _ = ctx.report_haystack()
        if rule.match.find(hay):
            return
    yield ctx.finding_for_report(rule, sections[0].start if sections else None)


KIND = Kind(
    name="section",
    check=check,
    summary="no section of role `role` with at least `min_chars` characters of body; with no"
    " heading of that role at all, an optional `match` may recognise the part written as a"
    " paragraph",
    options=(
        Option("role", Role(), "the role of the section the report needs", required=True),
        Option(
            "min_chars",
            Number(integer=True, minimum=0),
            "characters of body the section needs",
            default=10,
        ),
        Option(
            "match", Expression(), "recognises the part written as a paragraph, without a heading"
        ),
    ),
    whole_report=True,
)
