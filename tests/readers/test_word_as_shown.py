"""Word documents read exactly as Word shows them (issue 14), on files built from the
OOXML Word writes (tests/fixtures/word_raw.py, assembled by make_word_fixtures.py):
text, outline and findings; LibreOffice's text export is a second opinion where it is
installed and where it draws the same thing as Word."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, soffice_convert

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_file
from compliance.model.document import Document
from compliance.model.outline import build_outline
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import read_document

WORD = ROOT / "tests" / "fixtures" / "word"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_word_fixtures as fixtures  # noqa: E402
import word_raw as raw  # noqa: E402

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


@pytest.fixture(scope="module")
def quirks(ruleset: RuleSet) -> tuple[Document, list[tuple[int, str, str, str]]]:
    path = WORD / "quirks.docx"
    result = lint_file(path, ruleset)
    assert result.error is None
    return read_document(path), [(f.line, f.rule, f.text, f.section) for f in result.findings]


def libreoffice_text(path: Path, folder: Path) -> list[str]:
    """The file as LibreOffice renders it to text: one line per paragraph, blanks out."""
    converted = soffice_convert(path, "txt:Text (encoded):UTF8", folder, folder / "profile")
    text = converted.read_text(encoding="utf-8-sig")
    return ["".join(line.split()) for line in text.splitlines() if line.strip()]


def _texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks if b.kind == "paragraph"]


# 1, 2, 3: the clean GB/T 9704 report with a TOC, list-style numbering, inline headings


def test_a_clean_report_with_toc_list_style_and_inline_headings_is_clean(
    ruleset: RuleSet,
) -> None:
    path = WORD / "gbt-clean.docx"
    document = read_document(path)
    texts = _texts(document)
    assert not [t for t in texts if "\t" in t or t.replace(" ", "") == "目录"]  # no TOC
    labels = [b.label for b in document.blocks if b.label]
    assert labels == ["一、", "（一）", "（二）", "（三）", "（四）", "二、", "三、"]
    outline = build_outline(document, ruleset.roles)
    assert len(outline.reports) == 1
    headings = [(s.heading.label, s.heading.level) for s in outline.reports[0].sections]
    assert headings[:3] == [("一、", 1), ("（一）", 2), ("（二）", 2)]
    assert lint_file(path, ruleset).findings == ()


def test_toc_entries_would_split_the_report_if_read(tmp_path: Path, ruleset: RuleSet) -> None:
    """The same TOC lines typed as plain paragraphs with dot leaders are still a TOC."""
    body = fixtures.gbt_report_body(with_toc=False).replace(
        "<w:body>",
        "<w:body>"
        + raw.para(raw.run("目录"))
        + raw.para(raw.run("一、工作开展情况……………………1"))
        + raw.para(raw.run("二、存在的问题……………………2")),
    )
    path = raw.write_package(tmp_path / "typed-toc.docx", body, raw.standard_parts())
    assert "目录" not in _texts(read_document(path))
    assert lint_file(path, ruleset).findings == ()


def test_list_style_level_comes_from_the_style(tmp_path: Path, ruleset: RuleSet) -> None:
    """Heading 2 names the list but no level: the level whose pStyle is heading 2."""
    styles = raw.styles().replace('<w:ilvl w:val="1"/><w:numId w:val="1"/>', '<w:numId w:val="1"/>')
    assert '<w:ilvl w:val="1"/>' not in styles
    path = raw.write_package(
        tmp_path / "style-level.docx",
        fixtures.gbt_report_body(),
        raw.standard_parts(styles_xml=styles),
    )
    labels = [b.label for b in read_document(path).blocks if b.label]
    assert labels[:3] == ["一、", "（一）", "（二）"]
    assert lint_file(path, ruleset).findings == ()


def test_inline_heading_body_runs_are_judged(tmp_path: Path, ruleset: RuleSet) -> None:
    body = fixtures.gbt_report_body().replace(f'w:eastAsia="{raw.BODY_FONT}"', 'w:eastAsia="宋体"')
    path = raw.write_package(tmp_path / "inline.docx", body, raw.standard_parts())
    findings = [(f.rule, f.line, f.message) for f in lint_file(path, ruleset).findings]
    assert [(rule, line) for rule, line, _ in findings] == [("FM601", 13)]
    assert "字体为宋体（共4段）" in findings[0][2]  # the four （一）…（四） bodies


@pytest.mark.slow  # a LibreOffice conversion
@needs_libreoffice
def test_libreoffice_draws_the_same_report(tmp_path: Path) -> None:
    path = WORD / "gbt-clean.docx"
    shown = libreoffice_text(path, tmp_path)
    # LibreOffice prints the TOC; complint leaves it out.
    body = shown[
        shown.index(
            "2024年上半年，局党组坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届三中全会精神，认真落实意识形态工作责任制，各项工作取得积极成效。现将有关情况报告如下："
        ) :
    ]
    assert "目录" in shown
    assert body == ["".join(t.split()) for t in _texts(read_document(path))[1:]]


# 4: numbering Word draws is text; a typed label as well is reported


def test_drawn_labels_are_text_and_doubled_labels_are_reported(quirks: tuple) -> None:
    document, findings = quirks
    texts = _texts(document)
    assert "(一)加强理论学习" in texts  # drawn half-width by the list
    assert (4, "TX304", "(", "一、工作开展情况 / (一)加强理论学习") in findings
    assert (4, "TX304", ")", "一、工作开展情况 / (一)加强理论学习") in findings
    assert "三、三、下一步工作打算" in texts
    assert [f[:3] for f in findings if f[1] == "ST210"] == [(8, "ST210", "三、三、")]


# 5: tracked deletions


def test_deleted_paragraphs_take_no_number_and_deleted_marks_join(quirks: tuple) -> None:
    document, findings = quirks
    texts = _texts(document)
    assert "二、存在的问题" in texts  # the deleted 二、 heading took no number
    assert not [t for t in texts if "组织建设情况" in t]
    assert "学习不深，研讨不足。" in texts  # one paragraph, as Word shows it
    assert not [f for f in findings if f[1] == "ST201"]
    assert [b.line for b in document.blocks][:8] == [1, 2, 3, 4, 5, 6, 7, 8]


# 6: hidden text


def test_hidden_text_is_left_out_and_its_placeholder_is_advice(quirks: tuple) -> None:
    document, findings = quirks
    assert "今年以来，我局认真落实意识形态工作责任制。" in _texts(document)
    assert not [t for t in _texts(document) if "填写说明" in t]
    hidden = [b for b in document.blocks if b.kind == "hidden"]
    assert [(b.line, b.place) for b in hidden] == [(2, "隐藏文字")]
    assert [f for f in findings if f[2] == "X次"] == [(2, "TX311", "X次", "隐藏文字")]
    assert not [f for f in findings if f[1] == "TX301" and f[0] == 2]


# 7: the document grid


@pytest.mark.parametrize(
    ("spacing", "pitch", "expected"),
    [
        ("", 579, 28.95),  # single spacing on a GB/T grid: 28.95 pt, no FM604
        ('<w:spacing w:line="360" w:lineRule="auto"/>', 579, 43.42),  # 1.5 lines of grid
        ("", 312, 31.2),  # 三号 does not fit one 15.6 pt line of the default grid
        ('<w:spacing w:line="560" w:lineRule="exact"/>', 579, 28.0),  # exact ignores it
    ],
)
def test_grid_spacing_as_word_computes_it(
    tmp_path: Path, ruleset: RuleSet, spacing: str, pitch: int, expected: float
) -> None:
    body = raw.document(
        raw.para(raw.run("示范局2024年上半年意识形态工作总结"), "Title")
        + raw.para(raw.run("今年以来，我局认真落实意识形态工作责任制。"), ppr=spacing)
    ).replace('w:linePitch="579"', f'w:linePitch="{pitch}"')
    path = raw.write_package(tmp_path / "grid.docx", body, raw.standard_parts())
    style = read_document(path).blocks[1].style
    assert style is not None and style.line_spacing_pt == pytest.approx(expected, abs=0.01)
    fm604 = [f.message for f in lint_file(path, ruleset).findings if f.rule == "FM604"]
    assert bool(fm604) == (not 27.5 <= expected <= 29.5)
    if fm604:
        assert f"行距为{expected:g}磅" in fm604[0]


# 8: characters lost or added


def test_symbols_tabs_fields_and_custom_formats(quirks: tuple) -> None:
    document, _ = quirks
    texts = [b.text for b in document.blocks]
    assert "整改完成✓，签字确认。\t2024年7月" in texts  # w:sym (CJK, Wingdings), w:ptab
    assert "本年度本局共开展谈心谈话12次。" in texts  # the nested field's result once
    assert "01.专题学习6次" in texts  # custom format "01, 02, 03, ..."


def test_alt_chunks_are_read_in_place(quirks: tuple) -> None:
    document, findings = quirks
    texts = [b.text for b in document.blocks]
    start = texts.index("01.专题学习6次") + 1
    assert texts[start : start + 5] == [
        "附件一：学习记录表",  # HTML
        "共组织学习XX次。",
        "附件二：RTF",  # RTF
        "附件三：纯文本内容",  # plain text
        "发布信息X条。",
    ]
    assert {f[2] for f in findings if f[1] == "TX301"} >= {"XX次", "X条"}


@pytest.mark.slow  # a LibreOffice conversion
@needs_libreoffice
def test_libreoffice_agrees_on_fields_symbols_and_labels(tmp_path: Path) -> None:
    shown = libreoffice_text(WORD / "quirks.docx", tmp_path)
    assert "本年度本局共开展谈心谈话12次。" in shown  # no doubled nested result
    assert "(一)加强理论学习" in shown  # the half-width label as drawn
    # LibreOffice keeps Wingdings' private code (U+F0FC) where complint reads its twin ✓.
    assert "整改完成\uf0fc，签字确认。2024年7月" in shown


# 9: notes, headers and footers say where they are


def test_findings_outside_the_body_say_where(quirks: tuple) -> None:
    _, findings = quirks
    assert (18, "TX301", "XX人", "脚注 1") in findings
    assert (19, "TX301", "XX", "页眉") in findings


# 12: page details


def test_strict_units_and_gutter(ruleset: RuleSet) -> None:
    path = WORD / "strict.docx"
    page = read_document(path).page
    assert page is not None
    # 18 mm left margin plus a 10 mm gutter: the 28 mm GB/T 9704 asks for.
    assert (page.width_mm, page.top_mm, page.left_mm, page.right_mm) == (210, 37, 28, 26)
    assert not [f for f in lint_file(path, ruleset).findings if f.rule == "FM605"]


def test_a_font_named_only_in_ascii_is_judged_by_words_fallback(ruleset: RuleSet) -> None:
    findings = lint_file(WORD / "ascii-font.docx", ruleset).findings
    assert [(f.rule, f.line) for f in findings] == [("FM601", 2)]
    assert "字体为宋体（共3段）" in findings[0].message


def test_fixtures_are_what_the_builder_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The committed fixtures come from make_word_fixtures.py as it stands."""
    import zipfile

    monkeypatch.setattr(fixtures, "OUT", tmp_path)
    for built in fixtures.raw_fixtures():
        with zipfile.ZipFile(built) as new, zipfile.ZipFile(WORD / built.name) as old:
            assert {n: new.read(n) for n in new.namelist()} == {
                n: old.read(n) for n in old.namelist()
            }, built.name


def test_a_deleted_mark_before_a_table_or_the_end_keeps_its_text(tmp_path: Path) -> None:
    mark = '<w:rPr><w:del w:id="1" w:author="a" w:date="2024-07-01T00:00:00Z"/></w:rPr>'
    body = raw.document(
        raw.para(raw.run("示范局工作总结"))
        + raw.para(raw.run("表格前的一段，"), ppr=mark)
        + "<w:tbl><w:tr><w:tc>"
        + raw.para(raw.run("单元格"))
        + "</w:tc></w:tr></w:tbl>"
        + raw.para(raw.run("最后一段"), ppr=mark)
    )
    path = raw.write_package(tmp_path / "marks.docx", body, raw.standard_parts())
    assert [(b.kind, b.text) for b in read_document(path).blocks] == [
        ("paragraph", "示范局工作总结"),
        ("paragraph", "表格前的一段，"),
        ("table-cell", "单元格"),
        ("paragraph", "最后一段"),
    ]


def test_a_paragraph_that_closes_the_toc_field_keeps_its_own_text(tmp_path: Path) -> None:
    toc = raw.toc([("一、工作开展情况", 1, 1)])
    closing = raw.para('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert toc.endswith(closing)
    body = raw.document(
        raw.para(raw.run("示范局2024年上半年意识形态工作总结"), "Title")
        + toc.removesuffix(closing)
        + raw.para(
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + raw.run("今年以来，我局认真落实责任制。")
        )
    )
    path = raw.write_package(tmp_path / "toc-end.docx", body, raw.standard_parts())
    assert _texts(read_document(path)) == [
        "示范局2024年上半年意识形态工作总结",
        "今年以来，我局认真落实责任制。",
    ]
