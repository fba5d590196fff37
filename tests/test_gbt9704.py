"""The gbt9704 pack on real Word files: samples/make_docx.py lays out the clean report to
GB/T 9704-2012, then again with the faults writers make."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_source
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import read_document


def _make_docx() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docx", ROOT / "samples" / "make_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_docx"] = module
    spec.loader.exec_module(module)
    return module


make_docx = _make_docx()


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def _lint(tmp_path: Path, ruleset: RuleSet, layout: object) -> list[str]:
    target = tmp_path / "report.docx"
    make_docx.build_report(make_docx.lines_of("clean-report.txt"), target, layout)
    result = lint_source(target, str(target), ruleset)
    assert result.error is None
    return [f"{f.rule} {f.message}" for f in result.findings]


def test_a_document_made_to_the_standard_has_no_finding(tmp_path: Path, ruleset: RuleSet) -> None:
    assert _lint(tmp_path, ruleset, make_docx.GBT9704) == []


def test_the_bundled_clean_docx_is_clean_and_uses_word_numbering(ruleset: RuleSet) -> None:
    path = ROOT / "samples" / "clean-report.docx"
    assert lint_source(path, str(path), ruleset).findings == ()
    labels = [b.label for b in read_document(path).blocks if b.label]
    assert labels[:3] == ["一、", "（一）", "（二）"]


def test_songti_12pt_body_text_gives_fm601(tmp_path: Path, ruleset: RuleSet) -> None:
    layout = replace(make_docx.GBT9704, body_font="宋体", body_size=12)
    findings = _lint(tmp_path, ruleset, layout)
    body = [f for f in findings if f.startswith("FM601")]
    assert len(body) == 1
    assert "字体为宋体，字号为12磅" in body[0]
    # The level-2 headings glued to body text keep their 楷体 heading words: no FM603.
    assert not [f for f in findings if f.startswith(("FM602", "FM603", "FM605"))]


def test_heading_title_and_spacing_faults(tmp_path: Path, ruleset: RuleSet) -> None:
    layout = replace(make_docx.GBT9704, heading1_font="宋体", title_size=16, line_spacing=20)
    codes = sorted({f.split()[0] for f in _lint(tmp_path, ruleset, layout)})
    assert codes == ["FM602", "FM603", "FM604"]


def test_default_word_layout_breaks_page_setup(ruleset: RuleSet) -> None:
    # python-docx's template: US Letter, 1-inch top margin, 11 pt body text.
    result = lint_source(
        ROOT / "samples" / "ideology-report-2024h1.docx",
        str(ROOT / "samples" / "ideology-report-2024h1.docx"),
        ruleset,
    )
    page = [f.message for f in result.findings if f.rule == "FM605"]
    assert len(page) == 1 and "纸张宽度215.9毫米" in page[0]


def test_plain_text_never_gets_layout_findings(ruleset: RuleSet) -> None:
    result = lint_source(
        ROOT / "samples" / "text-defects.txt", str(ROOT / "samples" / "text-defects.txt"), ruleset
    )
    assert not [f for f in result.findings if f.rule.startswith("FM")]
