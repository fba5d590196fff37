"""The rule pages are generated from the rule files; stale pages fail the build."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT


def test_rule_pages_are_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    wanted: dict[str, str] = module.pages()
    folder = ROOT / "docs" / "rules"
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in Path(folder).glob("*.md")}
    assert on_disk == wanted, "run: python docs/gen_rules.py"
