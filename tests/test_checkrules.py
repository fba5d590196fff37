from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from compliance.lint.checkrules import check_examples
from compliance.packs.rulefile import default_rules_dir, load_packs


def test_every_shipped_rule_keeps_its_examples() -> None:
    checked, failures = check_examples(load_packs([default_rules_dir()]))
    assert checked >= 2 * sum(len(p.rules) for p in load_packs([default_rules_dir()]))
    assert [str(f) for f in failures] == []


def test_a_rule_whose_example_disagrees_is_reported(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\ncode = "ZZ001"\nname = "tbd"\nkind = "forbid"\nseverity = "warning"\n'
        'title = "TBD"\nmessage = "待定：{text}"\nmatch = \'"待定"\'\n'
        'examples.bad = ["方案待定。", "方案未定。"]\nexamples.good = ["方案已定。"]\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "check-rules", str(pack)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert run.returncode == 1
    assert f"{pack}:1: ZZ001 bad example not reported: 方案未定。" in run.stdout
    assert "1 of 3 examples of 1 rule failed." in run.stdout


def test_rules_and_rule_commands() -> None:
    listing = subprocess.run(
        [sys.executable, "-m", "compliance", "rules"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert listing.returncode == 0
    assert any(
        line.split()[:3] == ["IW105", "error", "ideology-report"]
        for line in listing.stdout.splitlines()
    )
    one = subprocess.run(
        [sys.executable, "-m", "compliance", "rule", "IW105"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert one.returncode == 0
    assert one.stdout.startswith("# IW105 online-opinion")
    assert "未体现网络舆情" in one.stdout and 'ignore = ["IW105"]' in one.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "compliance", "rule", "XX999"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert missing.returncode == 2 and "no rule XX999" in missing.stderr
