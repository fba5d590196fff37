"""order: the report's top-level parts come in the expected order of roles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from compliance.kinds.base import Context, Kind, Rule, label_span
from compliance.model.findings import Finding
from compliance.schema import ListOf, Option, Role


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    order: Sequence[str] = rule.options["roles"]
    rank = {role: i for i, role in enumerate(order)}
    furthest: tuple[int, str] | None = None  # highest rank seen so far, and its heading
    for section in ctx.report.sections:
        if section.parent is not None:
            continue
        known = [r for r in section.roles if r in rank]
        if len(known) != 1:  # no role, or a combined part (问题及打算): no order to judge
            continue
        role = known[0]
        if furthest is not None and rank[role] < furthest[0]:
            heading = section.heading
            yield ctx.finding_at(
                rule,
                heading.block,
                label_span(ctx, heading),
                shown=heading.label,
                extra={"title": heading.title, "after": furthest[1]},
            )
        elif furthest is None or rank[role] > furthest[0]:
            furthest = (rank[role], section.heading.label + section.heading.title)


KIND = Kind(
    name="order",
    check=check,
    summary="a top-level part whose role comes before one already seen",
    options=(
        Option(
            "roles",
            ListOf(Role(), nonempty=True),
            "the roles of the top-level parts, in their expected order",
            required=True,
        ),
    ),
    placeholders=frozenset({"title", "after"}),
    whole_report=True,
)
