"""The Word features of tests/fixtures/word/features.docx, each read as a reader sees it
and each showing in the findings (or not) as the fixture's table says."""

from __future__ import annotations

import pytest
from conftest import ROOT

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_file, lint_source
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import read_document

FEATURES = ROOT / "tests" / "fixtures" / "word" / "features.docx"


@pytest.fixture(scope="module")
def findings() -> list[tuple[int, str, str]]:
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    result = lint_source(FEATURES, str(FEATURES), ruleset)
    assert result.error is None
    return [(f.line, f.rule, f.text) for f in result.findings]


def test_reading_order_labels_and_block_kinds() -> None:
    document = read_document(FEATURES)
    assert [(b.kind, b.label, b.text) for b in document.blocks] == [
        ("paragraph", "", "示范局2024年上半年意识形态工作总结"),
        ("paragraph", "", "2024年上半年，局党组认真落实意识形态工作责任制。"),
        ("paragraph", "一、", "一、工作开展情况"),  # drawn by numbering.xml, as Word shows it
        ("paragraph", "（一）", "（一）加强理论学习"),
        # tracked deletion dropped, tracked insertion read
        ("paragraph", "", "中心组开展专题学习，发布信息X条。"),
        ("table-cell", "", "专题学习"),
        ("table-cell", "", "6次"),
        ("paragraph", "", "压实意认形态工作责任。"),  # one term across two runs
        ("paragraph", "", "见文本框。"),
        ("paragraph", "", "文本框：加强與论引导。"),  # once, after its anchor
        ("paragraph", "", "开展培训两期。"),
        ("paragraph", "二、", "二、存在的问题"),
        ("paragraph", "三、", "三、下一步工作打算"),
        ("paragraph", "五、", "五、保障措施"),  # startOverride = 5
        ("note", "", " 参训党员共XX人。"),
        ("header", "", "XX单位文件"),
        ("footer", "", "第X页"),
    ]
    assert "XX次" not in "".join(b.text for b in document.blocks)  # neither deletion nor comment


def test_tracked_insertion_is_linted_and_deletion_is_not(
    findings: list[tuple[int, str, str]],
) -> None:
    assert (5, "TX301", "X条") in findings
    assert not [f for f in findings if f[2] == "XX次"]  # deleted text, and the comment's


def test_split_term_text_box_and_footnote(findings: list[tuple[int, str, str]]) -> None:
    assert (8, "TX302", "意认形态") in findings
    assert [f for f in findings if f[1] == "TX303"] == [(10, "TX303", "與论")]  # read once
    assert (15, "TX301", "XX人") in findings


def test_numbering_labels_reach_the_heading_rules(findings: list[tuple[int, str, str]]) -> None:
    assert (14, "ST201", "五、") in findings
    assert not [f for f in findings if f[1] in ("ST202", "ST206")]


def test_headers_and_footers_only_reach_header_footer_rules(
    findings: list[tuple[int, str, str]],
) -> None:
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    result = lint_file(FEATURES, ruleset)
    # Lines 16 and 17 are the page header and footer: TX301 (scope "everywhere") sees them.
    on_pages = [(f.line, f.rule, f.text) for f in result.findings if f.line in (16, 17)]
    assert on_pages == [(16, "TX301", "XX"), (17, "TX301", "X")]
    assert not [f for f in findings if f[0] in (16, 17) and f[1] != "TX301"]
