"""Findings, byte for byte, on every sample, shared report and real Word file.

A failure here means findings moved. If that was meant, regenerate and review the diff:
`.venv/bin/python -m tests.snapshot --update` (tests/snapshot.py).
"""

from __future__ import annotations

import difflib

import pytest

from compliance.lint.engine import RuleSet
from tests import snapshot


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return snapshot.ruleset()


@pytest.mark.parametrize(
    "group",
    [
        # The real Word files are a whole corpus: the full suite checks them, not the loop.
        pytest.param(g, marks=pytest.mark.slow) if g.startswith("realdocx") else g
        for g in sorted(snapshot.groups())
    ],
)
def test_findings_match_the_snapshot(group: str, rules: RuleSet) -> None:
    folder, _ = snapshot.groups()[group]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    expected_file = snapshot.snapshot_path(group)
    assert expected_file.is_file(), f"no snapshot for {group}: python -m tests.snapshot --update"
    actual = snapshot.record(group, rules)
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "snapshot", "now", lineterm="", n=0
        )
        shown = "\n".join(list(diff)[:40])
        pytest.fail(
            f"findings of {group} differ from {expected_file.name} "
            f"(if meant: python -m tests.snapshot --update {group}):\n{shown}",
            pytrace=False,
        )
