"""doubled-label: a heading label typed by hand where Word numbering already draws one.

Word then shows both ("一、一、加强学习" or "二、（一）…"): the paragraph's text begins with
the drawn label (Block.label) and a typed label right after it.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.kinds.base import SCOPE, Context, Kind, Rule
from compliance.match.matchers import Span
from compliance.model.findings import Finding
from compliance.model.outline import typed_label


def check(rule: Rule, ctx: Context) -> Iterator[Finding]:
    blocks = ctx.document.blocks
    for index in ctx.blocks(rule.scope):
        block = blocks[index]
        if not block.label or block.kind != "paragraph" or not block.text.startswith(block.label):
            continue
        rest = block.text[len(block.label) :]
        typed = typed_label(rest)
        if typed is None or typed_label(block.label) is None:
            continue
        end = len(block.label) + rest.find(typed) + len(typed)
        yield ctx.finding_at(
            rule, index, Span(0, end), extra={"drawn": block.label.strip(), "typed": typed}
        )


KIND = Kind(
    name="doubled-label",
    check=check,
    summary="a heading label typed right after the one Word numbering draws (一、一、)",
    options=(SCOPE,),
    placeholders=frozenset({"drawn", "typed"}),
)
