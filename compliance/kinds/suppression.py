"""suppression: findings about a report's own `complint: ignore` directives.

A rule of this kind declares a problem a directive can have — `problem = "unused"` (a
code that suppressed nothing) or `"no-reason"` (no reason given, or no code that can be
read) — with its code, message and severity. It finds nothing while the other rules
run: whether a directive was used is known only once they all have, so
compliance.lint.suppress makes these findings from the enabled rules of this kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import Context, Kind, Rule
from compliance.model.findings import Finding
from compliance.schema import Option, Text

PROBLEMS = ("unused", "no-reason")


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    return iter(())  # compliance.lint.suppress reports these, after every other rule


KIND = Kind(
    name="suppression",
    check=check,
    summary="a problem of the report's own `complint: ignore` directives, found once every"
    " other rule has run: a code that suppressed nothing, or no reason",
    options=(
        Option(
            "problem",
            Text(choices=PROBLEMS),
            "which problem: `unused` (a code that suppressed nothing, or that no pack"
            " defines) or `no-reason` (no reason given, or no code that can be read)",
            required=True,
        ),
    ),
)
