"""`complint check-rules`: every rule's bad examples fire it, its good examples do not.

Semgrep's `--test` idea: the examples in a rule file are its test cases, so a rule can
never silently stop working.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compliance.kinds import KINDS
from compliance.kinds.base import Rule
from compliance.lint import suppress
from compliance.lint.engine import RuleSet, lint_document
from compliance.model.directives import TextDirectives
from compliance.model.document import Block, BlockKind, Document, PageSetup, Style
from compliance.packs.rulefile import Pack


@dataclass(frozen=True)
class ExampleFailure:
    """A rule's example that went the wrong way."""

    rule: Rule
    example: str
    bad: bool  # a bad example that did not fire, else a good one that did

    def __str__(self) -> str:
        what = "bad example not reported" if self.bad else "good example reported"
        first = self.example.splitlines()[0] if self.example else ""
        return f"{self.rule.source}:{self.rule.line}: {self.rule.code} {what}: {first[:60]}"


# Word facts in examples: "{font=宋体 size=12 align=center spacing=28}正文……" gives a
# paragraph its style, a line "{page width=210 height=297 top=37 …}" the page, and
# "{header}…" / "{footer}…" a page header or footer, "{hidden}…" hidden text and
# "{label=一、}…" a label drawn by Word numbering; any of them makes the example a
# Word document, so layout and header rules can be shown and checked too.
_MARKUP = re.compile(
    r"^\{(?:(?P<part>header|footer|hidden)|(?P<page>page\s+)?(?P<settings>[^}]*))\}"
)


def _settings(text: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in text.split() if "=" in item)


def _number(value: str | None) -> float | None:
    return float(value) if value is not None else None


def _style(s: dict[str, str]) -> Style:
    return Style(
        font_east_asia=s.get("font"),
        font_size_pt=_number(s.get("size")),
        bold=s["bold"] == "true" if "bold" in s else None,
        alignment=s.get("align"),
        line_spacing_pt=_number(s.get("spacing")),
        line_spacing_multiple=_number(s.get("multiple")),
    )


def example_document(text: str) -> Document:
    blocks: list[Block] = []
    page: PageSetup | None = None
    directives = TextDirectives()  # `<!-- complint: ignore … -->` lines, as in a .txt
    for number, line in enumerate(text.splitlines(), start=1):
        if directives.take(line, number):
            continue
        markup = _MARKUP.match(line)
        style = None
        label = ""
        kind: BlockKind = "paragraph"
        if markup and markup["page"]:
            values = {k: float(v) for k, v in _settings(markup["settings"]).items()}
            page = PageSetup(**{f"{k}_mm": v for k, v in values.items()})
            continue
        if markup and markup["part"]:
            kind = (
                "header"
                if markup["part"] == "header"
                else ("footer" if markup["part"] == "footer" else "hidden")
            )
        elif markup:
            settings = _settings(markup["settings"])
            label = settings.pop("label", "")
            style = _style(settings) if settings else None
        if markup:
            line = label + line[markup.end() :]
        if line.strip():
            blocks.append(
                Block(line, number, kind=kind, label=label, style=style, lead_style=style)
            )
            directives.paragraph(number, len(line))
    layout = page is not None or any(b.style or b.kind != "paragraph" for b in blocks)
    return Document(
        "<example>",
        tuple(blocks),
        format="docx" if layout else "txt",
        page=page,
        suppressions=directives.done(),
    )


def check_examples(
    packs: Sequence[Pack], loaded: Sequence[Pack] = ()
) -> tuple[int, list[ExampleFailure]]:
    """Run each rule alone on its examples; returns (examples checked, failures).

    `loaded`: every pack loaded, when `packs` keeps only the rules to check — the rules
    whose findings a suppression rule's examples suppress.
    """
    everything = RuleSet.from_packs(packs)
    context = RuleSet.from_packs(loaded).rules if loaded else everything.rules
    failures: list[ExampleFailure] = []
    checked = 0
    for rule in everything.rules:
        # A suppression rule judges the directives by what the other rules found.
        rules = (rule, *context) if rule.kind == "suppression" else (rule,)
        alone = RuleSet(rules=rules, roles=everything.roles)
        bad_examples, good_examples = rule.bad_examples, rule.good_examples
        kind = KINDS[rule.kind]
        if kind.examples is not None:  # the examples of each entry of the rule's data
            more_bad, more_good = kind.examples(rule)
            bad_examples, good_examples = bad_examples + more_bad, good_examples + more_good
        for example, bad in [(e, True) for e in bad_examples] + [(e, False) for e in good_examples]:
            checked += 1
            document = example_document(example)
            found = suppress.split(document, lint_document(document, alone), alone.rules).kept
            fired = any(f.rule == rule.code for f in found)
            if fired != bad:
                failures.append(ExampleFailure(rule, example, bad))
    return checked, failures
