"""formulation: the fixed political formulations, as a knowledge base in the rule file.

Each entry of `formulations` is one formulation — its `name`, its `canonical` wording,
where it comes from (`source`: the document and date) — with any of:
- `members` (and an `anchor` word): the fixed list it enumerates, in order
  (四个自信: 道路、理论、制度、文化);
- `wrong`: forms that are wrong in themselves, each an expression with its suggestion
  and optionally `since` (以习近平同志为总书记的党中央, 《谈治国理政》, 习总书记);
- `examples`: bad and good texts, which `complint check-rules` runs.
A report with no date of its own is judged by the dated wrong forms from the latest
term it uses of the rule's `coined` (两个维护, 两个确立 …), as the substitute kind does.

mode "incomplete" reports the wrong forms and a list with a member missing; mode
"order" reports a list with every member, in the wrong order. Lists are found as the
`enumeration` kind finds them: `min_members` or more members beside the anchor in one
clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from compliance.kinds.base import DEFERS_TO, FIX, SCOPE, Context, Kind, Rule, SpanIndex
from compliance.kinds.enumeration import _CLAUSE, LIST, MIN_MEMBERS, MODE, _check_list, _wanted
from compliance.kinds.substitute import (
    COINED_OPTION,
    ENTRY,
    EXAMPLES,
    MONTH,
    Entry,
    compile_coined,
    compile_entries,
    dating_floor,
    entry_spans,
)
from compliance.match.matchers import Matcher
from compliance.model.findings import Finding
from compliance.schema import ListOf, Option, Record, Text


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    formulations: Sequence[Mapping[str, Any]] = rule.options["formulations"]
    lists = [f for f in formulations if f.get("members")]
    incomplete = rule.options["mode"] == "incomplete"
    # Per formulation, the blocks where one of its wrong forms may be (None: any).
    where = [_holding(ctx, f["wrong"]) for f in formulations] if incomplete else []
    # And per block, the formulations whose wrong forms it may hold, in their order.
    anywhere = [k for k, blocks in enumerate(where) if blocks is None]
    by_block: dict[int, list[int]] = {}
    for k, blocks in enumerate(where):
        for block in blocks or ():
            by_block.setdefault(block, []).append(k)
    everything = range(len(formulations))
    # An undated report is judged by the dated wrong forms from the latest term it uses
    # (`coined`): one writing 两个维护 was written after that name was coined.
    floor = dating_floor(rule.options, ctx, rule.scope) if incomplete else None
    for index in ctx.blocks(rule.scope):
        text = ctx.document.blocks[index].text
        taken = SpanIndex()
        if incomplete:
            if not ctx.scanned(index):
                chosen: Sequence[int] = everything
            elif index in by_block:
                chosen = sorted([*anywhere, *by_block[index]])
            else:
                chosen = anywhere
            for k in chosen:
                formulation = formulations[k]
                for span, suggestion, extra in entry_spans(formulation["wrong"], ctx, index, floor):
                    if not taken.overlaps(span):
                        taken.add(span)
                        extra = {
                            **extra,
                            "name": formulation["name"],
                            "missing": "",
                            "expected": formulation.get("canonical", ""),
                        }
                        yield ctx.finding_at(rule, index, span, suggestion=suggestion, extra=extra)
        wanted = _wanted(lists, text, rule.options["min_members"])
        if not wanted:
            continue
        clauses: list[re.Match[str]] = list(_CLAUSE().finditer(text))
        for spec in wanted:
            for found in _check_list(rule, ctx, index, clauses, spec):
                if not (incomplete and _of_its_time(ctx, spec, found.text)):
                    yield found


def _of_its_time(ctx: Context, spec: Mapping[str, Any], listed: str) -> bool:
    """Whether `listed`, lacking only the list's `newest` member, is the list as it stood
    when the report was written (三个自信 before 文化自信 joined in July 2016): its period
    began before `newest_since`, or it has none and no word of `newest_dated_by` (四个自信,
    十九大…) shows it was written later. An undated text waits, as PF401's dated entries
    do: a three-member list is right in a 2015 text, and nothing else in it says when."""
    newest: str = spec.get("newest", "")
    if not newest or newest in listed:
        return False
    if any(m not in listed for m in spec["members"] if m != newest):
        return False
    found = re.fullmatch(r"(\d{4})-(\d{2})", spec.get("newest_since", ""))
    if found is None:
        return False
    since = (int(found.group(1)), int(found.group(2)))
    period = ctx.dating_period
    if period is not None:
        return (period.year, period.first_month) < since
    later: Sequence[str] = spec.get("newest_dated_by", ())
    blocks = ctx.document.blocks
    return not any(word in blocks[i].text for i in ctx.blocks() for word in later)


def _holding(ctx: Context, entries: Sequence[Entry]) -> set[int] | None:
    found: set[int] = set()
    for entry in entries:
        blocks = ctx.holding(entry.match)
        if blocks is None:
            return None
        found |= blocks
    return found


def prepare(options: Mapping[str, Any], compile_expr: Callable[[str], Matcher]) -> dict[str, Any]:
    formulations = tuple(
        {**entry, "wrong": compile_entries(entry.get("wrong", ()), compile_expr)}
        for entry in options.get("formulations", ())
    )
    prepared = {**options, "formulations": formulations}
    if options.get("coined"):
        prepared["coined"] = compile_coined(options["coined"], compile_expr)
    return prepared


def examples(rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    bad: list[str] = []
    good: list[str] = []
    for entry in rule.options.get("formulations", ()):
        own = entry.get("examples", {})
        bad.extend(own.get("bad", ()))
        good.extend(own.get("good", ()))
        for wrong in entry["wrong"]:
            bad.extend(wrong.bad)
            good.extend(wrong.good)
    return tuple(bad), tuple(good)


# A list's fields (name, members, anchor, window, canonical) and its history.
FORMULATION = Record(
    (
        *(
            o
            if o.name != "members"
            else Option(o.name, ListOf(Text(nonempty=True)), o.doc, default=[])
            for o in LIST.fields
        ),
        Option("source", Text(), "where the formulation is stated"),
        Option(
            "newest",
            Text(),
            "the member that joined the list last (文化 of 四个自信): the list without it is"
            " the formulation of before `newest_since`",
        ),
        Option("newest_since", MONTH, "the month the `newest` member joined"),
        Option(
            "newest_dated_by",
            ListOf(Text(nonempty=True)),
            "words that show an undated text was written after `newest_since`",
            default=[],
        ),
        Option(
            "wrong",
            ListOf(ENTRY),
            "its wrong forms { match, suggestion, since, source }",
            default=[],
        ),
        Option("examples", EXAMPLES, "the formulation's own examples, run by check-rules"),
    )
)

KIND = Kind(
    name="formulation",
    check=check,
    summary="a fixed formulation with a member missing or out of order (`mode`), or one of"
    " its dated `wrong` forms",
    options=(
        FIX,
        MODE,
        Option("formulations", ListOf(FORMULATION), "the formulations", required=True),
        MIN_MEMBERS,
        COINED_OPTION,
        SCOPE,
        DEFERS_TO,
    ),
    placeholders=frozenset({"name", "missing", "expected", "by", "period"}),
    prepare=prepare,
    examples=examples,
)
