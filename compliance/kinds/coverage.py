"""coverage: the plan answers the problems.

Problems and measures are counted the way reports list them: sub-headings of the part,
else 一是/二是 enumerations in it. Fewer measures than problems is reported, and so is a
plan in which the rule's `match` (what a concrete measure says: an owner, a deadline, a
frequency) finds nothing. A combined part (存在的问题及下一步打算) cannot be split
reliably, so it is not counted.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.model.outline import Report, Section
from compliance.schema import Expression, Option, Role


def _items(report: Report, section: Section) -> int:
    position = report.sections.index(section)
    children = [s for s in report.sections if s.parent == position]
    if children:
        return len(children)
    numbers = {e.number for e in report.enumerations if section.start <= e.block < section.end}
    return len(numbers)


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    problems_role: str = rule.options["problems"]
    plan_role: str = rule.options["plan"]
    report = ctx.report
    problems = [s for s in report.sections_with_role(problems_role) if plan_role not in s.roles]
    plans = [s for s in report.sections_with_role(plan_role) if problems_role not in s.roles]
    if not problems or not plans:
        return  # IW109 / IW110 report missing parts
    plan = plans[0]
    if any(s.heading.embedded or s.heading.inline for s in [*problems, plan]) and any(
        p.start == plan.start or p.end > plan.start for p in problems
    ):
        return  # parts run together in one paragraph (a flattened copy): not countable
    where = ctx.finding_for_report
    listed = sum(_items(report, s) for s in problems)
    measures = sum(_items(report, s) for s in plans)
    if listed and measures and measures < listed:
        yield where(
            rule,
            plan.start,
            extra={"problems": str(listed), "measures": str(measures), "detail": "措施少于问题"},
        )
        return
    if rule.match is not None:
        hay, _ = ctx.report_haystack(plan_role)
        if not rule.match.find(hay):
            yield where(
                rule,
                plan.start,
                extra={"problems": str(listed), "measures": str(measures), "detail": "措施不具体"},
            )


KIND = Kind(
    name="coverage",
    check=check,
    summary="a plan with fewer measures than the problems listed (sub-headings, else 一是/二是"
    " items), or a plan in which `match` (what a concrete measure says) finds nothing",
    options=(
        Option(
            "match", Expression(), "what a concrete measure says (an owner, a deadline, a count)"
        ),
        Option("problems", Role(), "the role of the problems part", default="problems"),
        Option("plan", Role(), "the role of the plan part", default="plan"),
    ),
    placeholders=frozenset({"problems", "measures", "detail"}),
    whole_report=True,
)
