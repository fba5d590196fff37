"""suppression: findings about a report's own `complint: ignore` directives.

A rule of this kind declares a problem a directive can have — `problem = "unused"` (a
code that suppressed nothing) or `"no-reason"` (no reason given, or no code that can be
read) — with its code, message and severity. It finds nothing while the other rules
run: whether a directive was used is known only once they all have, so
compliance.suppress makes these findings from the enabled rules of this kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from compliance.findings import Finding
from compliance.kinds.base import Context, Kind, Rule

PROBLEMS = ("unused", "no-reason")


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    return iter(())  # compliance.suppress reports these, after every other rule


def validate(raw: Mapping[str, Any]) -> str | None:
    if raw.get("problem") not in PROBLEMS:
        return f"a suppression rule needs problem = {' or '.join(repr(p) for p in PROBLEMS)}"
    return None


KIND = Kind(
    name="suppression",
    check=check,
    options={"problem": str},
    required=frozenset({"problem"}),
    needs_match=False,
    validate=validate,
)
