"""outdated: a formulation already superseded when the report's period began.

The table lives in the rule file: each entry a regular expression, the month it was
superseded (YYYY-MM) and what replaced it. Without a known period nothing is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import regex

from compliance.kinds.base import Context, Kind, Rule
from compliance.match.matchers import Span, bounded_finditer
from compliance.model.findings import Finding

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    period = ctx.period
    if period is None:
        return
    began = (period.year, period.first_month)
    for entry in rule.options["formulations"]:
        since = _MONTH.match(entry["since"])
        assert since is not None  # validated when the rule file was loaded
        if began < (int(since.group(1)), int(since.group(2))):
            continue
        pattern = regex.compile(entry["match"])
        for index in ctx.blocks(rule.scope):
            for m in bounded_finditer(pattern, ctx.document.blocks[index].text):
                yield ctx.finding_at(
                    rule,
                    index,
                    Span(m.start(), m.end()),
                    suggestion=entry.get("by"),
                    extra={"by": entry.get("by", ""), "period": period.text},
                )


def validate(raw: Mapping[str, Any]) -> str | None:
    for entry in raw.get("formulations", []):
        if not isinstance(entry, dict) or not {"match", "since"} <= set(entry):
            return "each formulation needs match (a regular expression) and since (YYYY-MM)"
        if not _MONTH.match(str(entry["since"])):
            return f"since must be YYYY-MM, found '{entry['since']}'"
        try:
            regex.compile(entry["match"])
        except regex.error as err:
            return f"invalid regular expression '{entry['match']}': {err}"
    return None


KIND = Kind(
    name="outdated",
    check=check,
    options={"formulations": list},
    required=frozenset({"formulations"}),
    needs_match=False,
    placeholders=frozenset({"by", "period"}),
    validate=validate,
)
