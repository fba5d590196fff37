"""The rule pages are generated from the rule files; stale pages fail the build."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from conftest import ROOT


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_pages_are_current() -> None:
    module = _generator()
    wanted: dict[str, str] = module.pages()
    folder = ROOT / "docs" / "rules"
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in Path(folder).glob("*.md")}
    assert on_disk == wanted, "run: python docs/gen_rules.py"


def test_the_table_of_kinds_is_generated_from_their_declarations() -> None:
    module = _generator()
    current = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    assert module.rule_format(current) == current, "run: python docs/gen_rules.py"
    from compliance.kinds import KINDS

    table = module.kinds_table()
    for name, kind in KINDS.items():
        assert f"`{name}`" in table and kind.summary in table
        for option in kind.options:
            assert option.doc and f"| `{option.name}` | {option.type.a}" in table


def test_the_documented_rule_file_loads_and_its_examples_hold(tmp_path: Path) -> None:
    from compliance.lint.checkrules import check_examples
    from compliance.packs.rulefile import default_rules_dir, load_pack, load_packs

    text = (ROOT / "docs" / "rule-format.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    pack = load_pack(path)
    assert [r.code for r in pack.rules] == ["ZZ101", "ZZ301", "ZZ302"]
    checked, failures = check_examples([*load_packs([default_rules_dir()]), pack])
    assert checked >= 6
    assert [str(f) for f in failures] == []
