"""`complint check-rules`: every rule's bad examples fire it, its good examples do not.

Semgrep's `--test` idea: the examples in a rule file are its test cases, so a rule can
never silently stop working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compliance.document import Block, Document
from compliance.engine import RuleSet, lint_document
from compliance.kinds.base import Rule
from compliance.rulefile import Pack


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: str
    bad: bool  # a bad example that did not fire, else a good one that did

    def __str__(self) -> str:
        what = "bad example not reported" if self.bad else "good example reported"
        first = self.example.splitlines()[0] if self.example else ""
        return f"{self.rule.source}:{self.rule.line}: {self.rule.code} {what}: {first[:60]}"


def example_document(text: str) -> Document:
    lines = text.splitlines()
    blocks = tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t.strip())
    return Document("<example>", blocks)


def check_examples(packs: Sequence[Pack]) -> tuple[int, list[ExampleFailure]]:
    """Run each rule alone on its examples; returns (examples checked, failures)."""
    everything = RuleSet.from_packs(packs)
    failures: list[ExampleFailure] = []
    checked = 0
    for rule in everything.rules:
        alone = RuleSet(rules=(rule,), roles=everything.roles)
        for example, bad in [(e, True) for e in rule.bad_examples] + [
            (e, False) for e in rule.good_examples
        ]:
            checked += 1
            fired = any(
                f.rule == rule.code for f in lint_document(example_document(example), alone)
            )
            if fired != bad:
                failures.append(ExampleFailure(rule, example, bad))
    return checked, failures
