"""The bundled samples: together they show every shipped rule firing; the clean one none."""

from __future__ import annotations

import pytest
from conftest import ROOT

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_source
from compliance.packs.rulefile import default_rules_dir, load_packs

SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def test_clean_complete_report_yields_nothing(ruleset: RuleSet) -> None:
    result = lint_source(SAMPLES / "clean-report.txt", str(SAMPLES / "clean-report.txt"), ruleset)
    assert result.error is None
    assert [f"{f.line}:{f.rule} {f.message}" for f in result.findings] == []


def test_every_rule_fires_in_some_sample(ruleset: RuleSet) -> None:
    fired: set[str] = set()
    for path in sorted(SAMPLES.glob("*")):
        if path.suffix in {".txt", ".docx"} and path.name != "clean-report.txt":
            result = lint_source(path, str(path), ruleset)
            assert result.error is None, result.error
            fired |= {f.rule for f in result.findings}
    assert {r.code for r in ruleset.rules} - fired == set()
