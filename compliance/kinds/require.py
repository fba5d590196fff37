"""require: an element must be present in the report (or in sections of a given role)."""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import EXCLUDE, MATCH, SCOPE, Context, Kind, Rule, SpanIndex
from compliance.match.matchers import AnyOf
from compliance.model.findings import Finding
from compliance.schema import Option, Role


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    assert rule.match is not None
    hay, _ = ctx.report_haystack(rule.scope)
    excluded: SpanIndex | None = None
    # One alternative found (and not excluded) is enough: the rest are not searched.
    parts = rule.match.parts if isinstance(rule.match, AnyOf) else (rule.match,)
    for part in parts:
        spans = part.find(hay)
        if spans and rule.exclude is not None:
            # "未成立领导小组" mentions the element but says it is absent.
            if excluded is None:
                excluded = SpanIndex(rule.exclude.find(hay))
            spans = [s for s in spans if not excluded.overlaps(s)]
        if spans:
            return
    at = rule.options.get("at")
    sections = ctx.report.sections_with_role(at) if isinstance(at, str) else ()
    yield ctx.finding_for_report(rule, sections[0].start if sections else None)


KIND = Kind(
    name="require",
    check=check,
    summary="an element never established in the report (or in `scope`): one finding per"
    " report, with empty `text`, placed at the first section of role `at` or else the title"
    " / first line",
    options=(
        MATCH,
        EXCLUDE,
        SCOPE,
        Option("at", Role(), "place the finding at the first section of this role"),
    ),
    whole_report=True,
)
