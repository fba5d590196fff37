"""section: the report must have a section of a given role, and it must not be empty."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.model.outline import Section
from compliance.schema import Expression, Number, Option, Regex, Role


def _body_chars(ctx: Context, section: Section) -> int:
    """Characters of body text in a section, not counting its heading."""
    blocks = ctx.document.blocks
    first = blocks[section.start].text
    heading = section.heading
    body = first[first.find(heading.title) + len(heading.title) :] if heading.inline else ""
    rest = (blocks[i].text for i in range(section.start + 1, section.end))
    return len(body.strip()) + sum(len(text.strip()) for text in rest)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _exempt(rule: Rule, ctx: Context) -> bool:
    """Whether the report's title says it is of a genre without this part (`skip_titles`
    and not `unless_titles`: a 工作计划 or 工作要点 reports no results, so it owes no
    problems found in them)."""
    skip: str | None = rule.options.get("skip_titles")
    if not skip:
        return False
    title = ctx.report.title_text(ctx.document.blocks)
    if not title or not _compiled(skip).search(title):
        return False
    unless: str | None = rule.options.get("unless_titles")
    return not (unless and _compiled(unless).search(title))


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    role: str = rule.options["role"]
    min_chars: int = rule.options.get("min_chars", 10)
    if _exempt(rule, ctx):
        return
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
    " paragraph; a report whose title `skip_titles` finds and `unless_titles` does not owes"
    " none",
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
        Option(
            "skip_titles",
            Regex(),
            "a report whose title it finds owes no such section (a plan)",
        ),
        Option(
            "unless_titles",
            Regex(),
            "a title it finds is held to the rule all the same"
            " (a summary and a plan under one title)",
        ),
    ),
    whole_report=True,
)
