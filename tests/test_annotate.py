"""--annotate: a copy of the .docx with one Word comment per finding, on the right text."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, soffice_convert
from lxml import etree

from compliance.cli import main
from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_file, lint_source
from compliance.output.word_comments import AUTHOR, write_annotated
from compliance.packs.rulefile import default_rules_dir, load_packs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FEATURES = ROOT / "tests" / "fixtures" / "word" / "features.docx"
SAMPLE = ROOT / "samples" / "ideology-report-2024h1.docx"


def anchors(path: Path) -> dict[str, tuple[str, str]]:
    """complint's comments: id → (anchored text, comment text), read back from the file."""
    with zipfile.ZipFile(path) as archive:
        parts = [
            etree.fromstring(archive.read(name))
            for name in ("word/document.xml", "word/footnotes.xml")
            if name in archive.namelist()
        ]
        comments = etree.fromstring(archive.read("word/comments.xml"))
    texts = {
        c.get(f"{W}id"): ("\n".join("".join(p.itertext()) for p in c), c.get(f"{W}author"))
        for c in comments
    }
    open_ranges: dict[str, list[str]] = {}
    found: dict[str, tuple[str, str]] = {}
    for element in (e for part in parts for e in part.iter()):
        if element.tag == f"{W}commentRangeStart":
            open_ranges[element.get(f"{W}id")] = []
        elif element.tag == f"{W}commentRangeEnd":
            cid = element.get(f"{W}id")
            text, author = texts[cid]
            anchored = "".join(open_ranges.pop(cid))
            if author == AUTHOR:  # not the reviewer's comment already in the file
                found[cid] = (anchored, text)
        elif element.tag == f"{W}t":
            for collected in open_ranges.values():
                collected.append(element.text or "")
    assert not open_ranges
    return found


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def test_each_finding_is_a_comment_on_its_text(tmp_path: Path, ruleset: RuleSet) -> None:
    findings = lint_source(SAMPLE, str(SAMPLE), ruleset).findings
    out = tmp_path / "annotated.docx"
    before = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    write_annotated(SAMPLE, findings, out)
    assert hashlib.sha256(SAMPLE.read_bytes()).hexdigest() == before
    placed = sorted(anchors(out).values(), key=lambda a: a[1])
    assert len(placed) == len(findings)
    for finding in findings:
        anchored = [a for a, text in placed if text.startswith(f"{finding.rule} {finding.message}")]
        assert anchored, finding
        if finding.text:  # on exactly the offending characters
            assert finding.text in anchored
        else:  # a missing element: on its whole paragraph
            assert all(a for a in anchored)


def test_split_runs_and_tracked_insertions(tmp_path: Path, ruleset: RuleSet) -> None:
    findings = lint_source(FEATURES, str(FEATURES), ruleset).findings
    out = tmp_path / "features.docx"
    write_annotated(FEATURES, findings, out)
    placed = {text.split()[0] + ":" + anchor for anchor, text in anchors(out).values()}
    assert "TX301:X条" in placed  # inside a tracked insertion
    assert "TX302:意认形态" in placed  # across two runs
    assert "TX303:與论" in placed  # in a text box
    # The footnote's finding sits in the footnote; Word takes no comment in a header or
    # footer, so theirs sit on the first paragraph, saying where.
    assert "TX301:XX人" in placed
    pages = sorted(text[:4] for _, text in anchors(out).values() if text.startswith("（页"))
    assert pages == ["（页眉）", "（页脚）"]
    # The reader sees the same text in the annotated copy: comments are not linted.
    again = lint_source(out, str(out), ruleset).findings
    assert [(f.line, f.rule, f.text) for f in again] == [(f.line, f.rule, f.text) for f in findings]


def test_cli_annotate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.docx"
    code = main([str(SAMPLE), "--annotate", str(out), "--no-config"])
    assert code == 1
    assert out.is_file() and not list(tmp_path.glob("*.partial"))
    printed = [line for line in capsys.readouterr().out.splitlines() if ": " in line]
    assert len(anchors(out)) == len([line for line in printed if line.startswith(str(SAMPLE))])


def test_annotate_never_overwrites_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "report.docx"
    shutil.copy(SAMPLE, copy)
    with pytest.raises(Exception, match="overwrite the input"):
        write_annotated(copy, [], copy)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_annotated_copy(tmp_path: Path, ruleset: RuleSet) -> None:
    out = tmp_path / "annotated.docx"
    write_annotated(SAMPLE, lint_source(SAMPLE, str(SAMPLE), ruleset).findings, out)
    soffice_convert(out, "pdf", tmp_path, tmp_path / "profile")
    assert (tmp_path / "annotated.pdf").stat().st_size > 1000


def test_the_library_annotates_too(tmp_path: Path) -> None:
    import compliance

    out = tmp_path / "out.docx"
    result = compliance.annotate(SAMPLE, out)
    assert len(anchors(out)) == len(result.findings) > 0
    with pytest.raises(compliance.UsageError, match=r"only a \.docx"):
        compliance.annotate(ROOT / "samples" / "clean-report.txt", tmp_path / "x.docx")
    with pytest.raises(compliance.UsageError, match="overwrite the input"):
        compliance.annotate(out, out)


def test_equations_are_no_place_for_a_comment_mark(tmp_path: Path) -> None:
    """Text inside an equation (m:r/m:t) reads like any run but cannot carry a comment
    range: findings there are anchored on the paragraph's Word runs instead."""
    from conftest import SHARED

    source = SHARED / "realdocx/files/ShayHill+docx2python/tests__resources__equations.docx"
    if not source.is_file():
        pytest.skip("../shared/realdocx is not present")
    import compliance

    # The file is English: a Chinese line after its equations makes it a file complint
    # lints (one with no Chinese character is only an error line), the equations as they are.
    chinese = tmp_path / "equations.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(chinese, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                at = data.rindex(b"<w:sectPr")
                data = (
                    data[:at]
                    + "<w:p><w:r><w:t>某单位工作总结</w:t></w:r></w:p>".encode()
                    + data[at:]
                )
            copy.writestr(item, data)
    out = tmp_path / "out.docx"
    result = compliance.annotate(chinese, out)
    assert result.findings
    placed = anchors(out)
    assert 0 < len(placed) <= len(result.findings)
    with zipfile.ZipFile(out) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    math = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
    assert not body.findall(f".//{math}r/{W}commentReference")


# Issue 14: clear refusals, re-annotating, fields, footnotes.

WORD = ROOT / "tests" / "fixtures" / "word"


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = err.splitlines()
    return line


@pytest.mark.parametrize(
    ("name", "out", "message"),
    [
        ("features.docx", "same", "is the input itself"),
        ("features.docx", "missing/out.docx", "does not exist"),
        ("strict.docx", "out.docx", "a Strict Open XML document"),
        ("macro.docm", "out.docx", "a macro-enabled document"),
    ],
)
def test_annotate_refusals_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, out: str, message: str
) -> None:
    source = tmp_path / name
    shutil.copy(WORD / ("features.docx" if name.endswith(".docm") else name), source)
    target = source if out == "same" else tmp_path / out
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    code = main([str(source), "--annotate", str(target), "--no-config", "--quiet"])
    assert code == 2
    assert message in _one_line(capsys)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.rglob("*")] == [name]  # nothing written


def test_reannotating_replaces_complints_own_comments(tmp_path: Path, ruleset: RuleSet) -> None:
    findings = lint_file(FEATURES, ruleset).findings
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    write_annotated(FEATURES, findings, first)
    write_annotated(first, lint_file(first, ruleset).findings, second)
    assert sorted(anchors(second).values()) == sorted(anchors(first).values())
    with zipfile.ZipFile(second) as archive:
        comments = etree.fromstring(archive.read("word/comments.xml"))
    authors = [c.get(f"{W}author") for c in comments]
    assert authors.count("审核人") == 1  # the reviewer's comment stays
    assert authors.count(AUTHOR) == len(findings)


def test_a_finding_in_a_field_result_is_anchored_on_the_whole_field(
    tmp_path: Path, ruleset: RuleSet
) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import word_raw as raw

    body = raw.document(
        raw.para(raw.run("示范局2024年上半年意识形态工作总结"), "Title")
        + raw.para(
            raw.run("全年开展学习")
            + raw.field("DOCPROPERTY Count", raw.run("XX次"))
            + raw.run("。")
        )
    )
    source = raw.write_package(tmp_path / "field.docx", body, raw.standard_parts())
    findings = [f for f in lint_file(source, ruleset).findings if f.rule == "TX301"]
    assert [f.text for f in findings] == ["XX次"]
    out = tmp_path / "out.docx"
    write_annotated(source, findings, out)
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    start = next(root.iter(f"{W}commentRangeStart"))
    end = next(root.iter(f"{W}commentRangeEnd"))
    assert start.getnext().find(f"{W}fldChar").get(f"{W}fldCharType") == "begin"
    assert end.getprevious().find(f"{W}fldChar").get(f"{W}fldCharType") == "end"
    assert [a for a, _ in anchors(out).values()] == ["XX次"]  # the field's result, whole
    again = [(f.line, f.rule, f.text) for f in lint_file(out, ruleset).findings]
    assert again == [(f.line, f.rule, f.text) for f in lint_file(source, ruleset).findings]


def test_quirks_are_anchored_where_a_word_user_finds_them(tmp_path: Path, ruleset: RuleSet) -> None:
    source = WORD / "quirks.docx"
    out = tmp_path / "quirks.docx"
    write_annotated(source, lint_file(source, ruleset).findings, out)
    placed = {(text.split(" ")[0], anchor) for anchor, text in anchors(out).values()}
    assert ("ST210", "三、") in placed  # the typed label, not the one Word draws
    # a paragraph whose deleted predecessor joined it: the comment spans both w:p
    assert ("IW109", "存在的问题") in placed
    assert ("TX301", "XX人") in placed  # in the footnote
    prefixed = sorted(t.split(" ")[0] for _, t in anchors(out).values() if t.startswith("（"))
    assert prefixed == [
        "（导入内容）TX301",
        "（导入内容）TX301",
        "（隐藏文字）TX311",
        "（页眉）TX301",
    ]


def test_a_main_part_without_relationships_gets_them(tmp_path: Path) -> None:
    """Some generators write no word/_rels/document.xml.rels; the comments part needs one."""
    import docx

    import compliance

    source = tmp_path / "bare.docx"
    with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            if item.filename != "word/_rels/document.xml.rels":
                zout.writestr(item, zin.read(item))
    out = tmp_path / "out.docx"
    result = compliance.annotate(source, out)
    assert result.findings and not result.errors
    assert len(anchors(out)) == len(result.findings)
    assert len(list(docx.Document(str(out)).comments)) == len(result.findings)
