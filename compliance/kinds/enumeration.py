"""enumeration: a fixed list (四个自信: 道路、理论、制度、文化) written in full and in order.

Within one clause, `min_members` or more of a list's members next to its anchor word
(自信, 意识) make an enumeration. mode "incomplete" reports a member missing; mode
"order" reports all members present in the wrong order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.lazyre import lazy
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.schema import ListOf, Number, Option, Record, Text

# An enumeration is written with 、 inside one clause; commas end it.
_CLAUSE = lazy(r"[^，,。；;！？!?\n]+")


def _wanted(lists: Sequence[Mapping[str, Any]], text: str, least: int) -> list[Mapping[str, Any]]:
    """The lists a block may enumerate: its text holds the anchor and at least `least`
    members (a clause, which is part of it, holds no more)."""
    return [
        spec
        for spec in lists
        if spec.get("anchor", "") in text and sum(m in text for m in spec["members"]) >= least
    ]


def _check_list(
    rule: Rule,
    ctx: Context,
    index: int,
    clauses: Sequence[re.Match[str]],
    spec: Mapping[str, Any],
) -> Iterator[Finding]:
    members: list[str] = spec["members"]
    anchor: str = spec["anchor"]
    window: int = spec["window"]
    for clause in clauses:
        body = clause.group()
        if anchor and anchor not in body:
            continue
        found = {m: body.find(m) for m in members if m in body}
        if len(found) < rule.options["min_members"]:
            continue
        first, last = min(found.values()), max(found.values())
        if last - first > window:
            continue
        end = body.find(anchor, last) + len(anchor) if anchor and anchor in body[last:] else last
        span = Span(clause.start() + first, clause.start() + max(end, last + 1))
        order = sorted(found, key=found.__getitem__)
        mode = rule.options["mode"]
        missing = [m for m in members if m not in found]
        if missing and _continued(clause, missing):
            # A comma for 、 (核心意识，看齐意识): the list is whole, its punctuation is not.
            continue
        if mode == "incomplete" and missing:
            yield ctx.finding_at(
                rule,
                index,
                span,
                suggestion=spec.get("canonical"),
                extra={"name": spec["name"], "missing": "、".join(missing), "expected": ""},
                fixable=False,  # where the missing member goes is the writer's to say
            )
        elif mode == "order" and not missing and order != members:
            right = "、".join(members)
            yield ctx.finding_at(
                rule,
                index,
                span,
                suggestion=right,
                extra={"name": spec["name"], "expected": right, "missing": ""},
                fixable=False,  # the members only: the span also holds their anchors
            )


def _continued(clause: re.Match[str], missing: Sequence[str]) -> bool:
    """Whether the members `missing` from `clause` open the clauses right after it, each
    after one comma: the list runs on past a comma written for 、."""
    text, at, left = clause.string, clause.end(), list(missing)
    while left and at < len(text) and text[at] in "，,":
        at += 1
        member = next((m for m in left if text.startswith(m, at)), None)
        if member is None:
            return False
        left.remove(member)
        at += len(member)
        while at < len(text) and text[at] == "、":
            nxt = next((m for m in left if text.startswith(m, at + 1)), None)
            if nxt is None:
                break
            left.remove(nxt)
            at += 1 + len(nxt)
    return not left


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    lists: Sequence[Mapping[str, Any]] = rule.options["lists"]
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        wanted = _wanted(lists, text, rule.options["min_members"])
        if not wanted:
            continue
        clauses = list(_CLAUSE().finditer(text))
        for spec in wanted:
            yield from _check_list(rule, ctx, index, clauses, spec)


LIST = Record(
    (
        Option("name", Text(nonempty=True), "the list's name, for the message", required=True),
        Option(
            "members",
            ListOf(Text(nonempty=True), nonempty=True),
            "the members in their fixed order",
            required=True,
        ),
        Option("anchor", Text(), "a word the clause must hold (自信, 意识)", default=""),
        Option("canonical", Text(), "the whole list as written right, the suggestion"),
        Option(
            "window",
            Number(integer=True, minimum=0),
            "the most characters between the first and last member found",
            default=40,
        ),
    )
)

# Shared with the formulation kind, which checks the same lists as a knowledge base.
MODE = Option(
    "mode",
    Text(choices=("incomplete", "order")),
    "report a member missing, or the members out of order",
    required=True,
)
MIN_MEMBERS = Option(
    "min_members",
    Number(integer=True, minimum=1),
    "members that must share a clause with the anchor",
    default=3,
)

KIND = Kind(
    name="enumeration",
    check=check,
    summary='a fixed list with a member missing (`mode = "incomplete"`) or in the wrong'
    ' order (`mode = "order"`), found when `min_members` members and the anchor share a'
    " clause",
    options=(
        MODE,
        Option("lists", ListOf(LIST), "the fixed lists", required=True),
        MIN_MEMBERS,
        SCOPE,
    ),
    placeholders=frozenset({"name", "missing", "expected"}),
)
