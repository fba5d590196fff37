"""Safe fixes: --fix and --diff on text files, --fix-to as Word tracked changes."""

from __future__ import annotations

import codecs
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import soffice_convert
from lxml import etree
from test_cli import complint
from test_output_sarif import validate

from compliance.cli import main
from compliance.kinds import KINDS
from compliance.lint.engine import RuleSet
from compliance.lint.fixes import apply_edits
from compliance.lint.runner import lint_file
from compliance.model.findings import Edit
from compliance.packs.rulefile import default_rules_dir, load_packs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FEATURES = Path(__file__).parent / "fixtures" / "word" / "features.docx"
SAFE = {"TX302", "TX303", "TX304", "TX305", "TX306", "PF402"}

# One paragraph per line; every line but the title holds fixes, the third one a
# placeholder (no fix) too.
REPORT = [
    "示范局2024年上半年意识形态工作总结",
    "切实加强意认形态工作,狠抓與论导向。",
    "助推 文化产业发展，开展学习X次，狠抓新时代中国特色社会主义思想教育(一)",
    "表格中的领城,守好阵地",
]
FIXED = [
    "示范局2024年上半年意识形态工作总结",
    "切实加强意识形态工作，狠抓舆论导向。",
    "助推文化产业发展，开展学习X次，狠抓习近平新时代中国特色社会主义思想教育（一）",
    "表格中的领域，守好阵地",
]
ONLY = ["--no-config", "--no-cache", "--select", "TX,PF"]


def run(*args: str) -> int:
    return main([*args, *ONLY])


@pytest.fixture(scope="module")
def packs() -> list[Any]:
    return load_packs([default_rules_dir()])


def test_apply_edits_skips_overlaps_and_foreign_edits() -> None:
    text = "abcdef"
    edits = [Edit(1, 3, "X"), Edit(2, 4, "Y"), Edit(4, 4, "+"), Edit(4, 4, "-"), Edit(5, 9, "?")]
    assert apply_edits(text, edits) == ("aXd+ef", 2)
    assert apply_edits(text, [Edit(0, 1, "A"), Edit(0, 1, "A")]) == ("Abcdef", 1)


def test_every_safe_rule_fixes_its_bad_examples(tmp_path: Path, packs: list[Any]) -> None:
    """Each bad example of a rule declared safe, fixed: no finding of the rule is left,
    and fixing again changes nothing. An example whose findings carry no fix (TX303 on a
    text written in traditional characters as a whole: one finding for the file) is
    left as it is, and every safe rule has examples it fixes."""
    safe = [r for p in packs for r in p.rules if r.fix == "safe"]
    assert {r.code for r in safe} >= SAFE
    enabled = RuleSet.from_packs(packs).rules
    fixed_codes: set[str] = set()
    for number, rule in enumerate(safe):
        ruleset = RuleSet(tuple(r for r in enabled if r.code == rule.code), {})
        bad = rule.bad_examples
        kind = KINDS[rule.kind]
        if kind.examples is not None:  # the examples of each entry of the rule's data
            bad = bad + kind.examples(rule)[0]
        for index, example in enumerate(bad):
            file = tmp_path / f"{rule.code}-{number}-{index}.txt"
            file.write_text(example, encoding="utf-8")
            found = [f for f in lint_file(file, ruleset).findings if f.rule == rule.code]
            assert found, (rule.code, example)
            main([str(file), "--fix", "--no-config", "--no-cache", "-q", "--select", rule.code])
            fixed = file.read_bytes()
            if all(f.fix is None for f in found):
                assert fixed == example.encode("utf-8")
                continue
            fixed_codes.add(rule.code)
            left = [f for f in lint_file(file, ruleset).findings if f.rule == rule.code]
            assert not left, (rule.code, example, file.read_text("utf-8"))
            main([str(file), "--fix", "--no-config", "--no-cache", "-q", "--select", rule.code])
            assert file.read_bytes() == fixed
    assert fixed_codes == {r.code for r in safe}


def _encoded(lines: list[str], encoding: str, newline: str, bom: bytes = b"") -> bytes:
    return bom + newline.join(lines).encode(encoding)


def test_fix_keeps_encoding_bom_and_line_endings(tmp_path: Path) -> None:
    cases = {
        "gbk-crlf.txt": ("gb18030", "\r\n", b""),
        "bom.md": ("utf-8", "\n", codecs.BOM_UTF8),
        "utf16.txt": ("utf-16-le", "\r\n", codecs.BOM_UTF16_LE),
    }
    for name, (encoding, newline, bom) in cases.items():
        (tmp_path / name).write_bytes(_encoded(REPORT, encoding, newline, bom))
    code = run(*(str(tmp_path / n) for n in cases), "--fix", "-q")
    assert code == 1  # the placeholder remains: an error
    for name, (encoding, newline, bom) in cases.items():
        assert (tmp_path / name).read_bytes() == _encoded(FIXED, encoding, newline, bom), name
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_exit_code_reflects_what_remains(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text("示范局工作总结\n切实加强意认形态工作,狠抓與论导向。\n", encoding="utf-8")
    file.chmod(0o640)
    assert run(str(file)) == 1
    assert run(str(file), "--fix") == 0
    assert file.read_text("utf-8") == "示范局工作总结\n切实加强意识形态工作，狠抓舆论导向。\n"
    assert file.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_diff_applies_with_patch_and_changes_nothing(tmp_path: Path) -> None:
    given, fixed = tmp_path / "given", tmp_path / "fixed"
    given.mkdir()
    (given / "gbk.txt").write_bytes(_encoded(REPORT, "gb18030", "\r\n"))
    (given / "bom.md").write_bytes(_encoded(REPORT, "utf-8", "\n", codecs.BOM_UTF8) + b"\n")
    shutil.copytree(given, fixed)
    before = {p.name: p.read_bytes() for p in given.iterdir()}
    diff = subprocess.run(
        [*_command(), "--diff", "gbk.txt", "bom.md", *ONLY],
        cwd=given,
        capture_output=True,
        timeout=120,
    )
    assert diff.returncode == 1, diff.stderr  # what would remain: the placeholder
    assert {p.name: p.read_bytes() for p in given.iterdir()} == before
    assert diff.stdout.count(b"\n--- ") + diff.stdout.startswith(b"--- ") == 2
    subprocess.run(["patch", "-p0", "--quiet"], input=diff.stdout, cwd=given, check=True)
    assert run(str(fixed / "gbk.txt"), str(fixed / "bom.md"), "--fix", "-q") == 1
    for name in before:
        assert (given / name).read_bytes() == (fixed / name).read_bytes(), name
    # Nothing left to fix: an empty diff.
    again = subprocess.run(
        [*_command(), "--diff", "gbk.txt", *ONLY], cwd=given, capture_output=True
    )
    assert again.stdout == b""


def _command() -> list[str]:
    import sys

    return [sys.executable, "-m", "compliance"]


def test_json_and_sarif_carry_the_fix(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_bytes(_encoded(REPORT, "utf-8", "\r\n"))
    text = file.read_bytes().decode("utf-8")
    out = complint(str(file), "--format", "json", *ONLY)
    findings = json.loads(out.stdout)["findings"]
    fixes = [f for f in findings if f["fix"] is not None]
    assert {f["rule"] for f in fixes} == SAFE - {"TX306"}  # REPORT repeats nothing
    for f in fixes:  # offsets count in the file's decoded text, CRLF included
        assert text[f["fix"]["start"] : f["fix"]["end"]] == f["text"]
        assert f["fix"]["replacement"] == f["suggestion"]
    assert [f["fix"] for f in findings if f["rule"] == "TX301"] == [None]
    log = json.loads(complint(str(file), "--format", "sarif", *ONLY).stdout)
    validate(log)
    results = log["runs"][0]["results"]
    with_fixes = [r for r in results if "fixes" in r]
    assert len(with_fixes) == len(fixes)
    change = with_fixes[0]["fixes"][0]["artifactChanges"][0]
    replacement = change["replacements"][0]
    region = replacement["deletedRegion"]
    inserted = replacement["insertedContent"]["text"]
    assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] != inserted


# --- Word: tracked changes -------------------------------------------------------------


def _word(path: Path) -> None:
    """REPORT as a .docx: mixed bold / font runs, a table cell, and a placeholder."""
    document = docx.Document()
    document.add_paragraph(REPORT[0])
    paragraph = document.add_paragraph()
    paragraph.add_run("切实加强意认").bold = True
    styled = paragraph.add_run("形态工作,狠抓")
    styled.font.name, styled.italic = "Arial", True
    paragraph.add_run("與论导向。")
    document.add_paragraph(REPORT[2])
    document.add_table(rows=1, cols=1).cell(0, 0).text = REPORT[3]
    document.save(str(path))


def _texts(path: Path, accept: bool) -> list[str]:
    """Each paragraph's text once every revision is accepted (w:ins kept, w:del dropped)
    or rejected (w:del kept, w:ins dropped): a small accept/reject over the XML."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    drop = f"{W}del" if accept else f"{W}ins"
    for element in list(body.iter(drop)):
        element.getparent().remove(element)
    texts = (
        "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")) for p in body.iter(f"{W}p")
    )
    return [text for text in texts if text]


def test_fix_to_writes_tracked_changes_and_never_touches_the_original(tmp_path: Path) -> None:
    source, out, text = tmp_path / "report.docx", tmp_path / "fixed.docx", tmp_path / "r.txt"
    _word(source)
    text.write_text("\n".join(REPORT), encoding="utf-8")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert run(str(source), "--fix-to", str(out), "-q") == 1  # the original is unchanged
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    run(str(text), "--fix", "-q")
    assert _texts(out, accept=True) == text.read_text("utf-8").split("\n") == FIXED
    assert _texts(out, accept=False) == REPORT
    with zipfile.ZipFile(out) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    marks = [*body.iter(f"{W}ins"), *body.iter(f"{W}del")]
    assert marks and all(m.get(f"{W}author") == "complint" and m.get(f"{W}date") for m in marks)
    assert len({m.get(f"{W}id") for m in marks}) == len(marks)
    # The placeholder has no fix: it is a comment.
    assert [c.xpath("string()").split()[0] for c in comments] == ["TX301"]


def test_fix_to_keeps_run_formatting(tmp_path: Path) -> None:
    source, out = tmp_path / "report.docx", tmp_path / "fixed.docx"
    _word(source)
    run(str(source), "--fix-to", str(out), "-q")
    with zipfile.ZipFile(out) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    second = body.findall(f".//{W}p")[1]

    def formatting(character: str, revision: str) -> str:
        for run_ in second.iter(f"{W}r"):
            if run_.getparent().tag == f"{W}{revision}" and character in run_.xpath("string()"):
                return etree.tostring(run_.find(f"{W}rPr")).decode()
        raise AssertionError(character)

    # 意认 → 意识 in the bold run: only 认 is marked, and 识 is bold like it.
    assert "<w:b/>" in formatting("认", "del") and "<w:b/>" in formatting("识", "ins")
    # , → ， in the Arial italic run: the new mark keeps Arial and italic.
    comma = formatting("，", "ins")
    assert "Arial" in comma and "<w:i/>" in comma and comma == formatting(",", "del")
    accepted = "".join(t.xpath("string()") for t in second.iter(f"{W}t"))
    assert accepted == FIXED[1]


def test_fix_to_with_annotate_is_one_copy(tmp_path: Path) -> None:
    source, out = tmp_path / "report.docx", tmp_path / "fixed.docx"
    _word(source)
    assert run(str(source), "--fix-to", str(out), "--annotate", str(out), "-q") == 1
    assert _texts(out, accept=True) == FIXED
    assert run(str(source), "--fix-to", str(out), "--annotate", str(tmp_path / "x.docx")) == 2
    assert run(str(tmp_path / "x.txt"), "--fix-to", str(out)) == 2
    assert run(str(source), "--fix-to", str(source)) == 2


def test_fix_leaves_word_files_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.docx"
    _word(source)
    before = source.read_bytes()
    assert run(str(source), "--fix") == 1
    assert source.read_bytes() == before
    assert "--fix-to" in capsys.readouterr().err


@pytest.mark.slow  # a LibreOffice conversion
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_tracked_changes(tmp_path: Path) -> None:
    source, out = tmp_path / "report.docx", tmp_path / "fixed.docx"
    _word(source)
    run(str(source), "--fix-to", str(out), "-q")
    converted = tmp_path / "converted"
    soffice_convert(out, "docx:MS Word 2007 XML", converted, tmp_path / "profile")
    again = converted / "fixed.docx"
    # LibreOffice kept every change as a revision: accepting or rejecting them in its
    # copy gives the fixed and the original text.
    assert _texts(again, accept=True) == FIXED
    assert _texts(again, accept=False) == REPORT


def test_the_before_and_after_in_the_docs_hold(tmp_path: Path) -> None:
    rows = [
        line.split("|")[1:4]
        for line in (Path(__file__).parent.parent / "docs" / "fixes.md")
        .read_text("utf-8")
        .splitlines()
        if line.startswith("| [")
        and "](rules/" in line
        and line.count("|") == 4
        and not line.startswith("| [CL")
    ]
    assert {r[0].split("]")[0].strip(" [") for r in rows} == SAFE
    for number, (rule, before, after) in enumerate(rows):
        code = rule.split("]")[0].strip(" [")
        file = tmp_path / f"{number}.txt"
        file.write_text(before.strip() + "\n", encoding="utf-8")
        main([str(file), "--fix", "--no-config", "--no-cache", "-q", "--select", code])
        assert file.read_text("utf-8") == after.strip() + "\n", code


def _rejected(path: Path, out: Path) -> None:
    """A copy of `path` with complint's revisions rejected: w:ins dropped, w:del undone."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for insertion in list(root.iter(f"{W}ins")):
                    if insertion.get(f"{W}author") == "complint":
                        insertion.getparent().remove(insertion)
                for deletion in list(root.iter(f"{W}del")):
                    if deletion.get(f"{W}author") == "complint":
                        for text in deletion.iter(f"{W}delText"):
                            text.tag = f"{W}t"
                        parent, at = deletion.getparent(), deletion.getparent().index(deletion)
                        for child in reversed(list(deletion)):
                            parent.insert(at, child)
                        parent.remove(deletion)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(item, data)


def test_fix_to_on_a_real_word_file(tmp_path: Path) -> None:
    """features.docx: a term split over two runs, a text box, a tracked insertion by
    someone else, a footnote and a header — read back by complint's own reader, which
    reads the accepted text (insertions in, deletions out)."""
    from compliance.readers import read_document

    source, out, rejected = FEATURES, tmp_path / "fixed.docx", tmp_path / "rejected.docx"
    original = read_document(source)
    assert run(str(source), "--fix-to", str(out), "-q") == 1
    accepted = {b.line: b.text for b in read_document(out).blocks}
    before = {b.line: b.text for b in original.blocks}
    changed = {line for line in before if accepted[line] != before[line]}
    assert changed == {8, 10}
    assert "意识形态" in accepted[8] and "舆论" in accepted[10]
    assert not [
        f
        for f in lint_file(out, RuleSet.from_packs(load_packs([default_rules_dir()]))).findings
        if f.rule in SAFE
    ]
    _rejected(out, rejected)
    assert {b.line: b.text for b in read_document(rejected).blocks} == before


def test_the_library_fixes_too(tmp_path: Path) -> None:
    import compliance

    file = tmp_path / "report.txt"
    file.write_bytes(_encoded(REPORT, "gb18030", "\r\n"))
    rules = compliance.load_rules(config=compliance.Config(select=("TX", "PF")))
    preview = compliance.fix(file, rules=rules)
    assert file.read_bytes() == _encoded(REPORT, "gb18030", "\r\n")  # not written
    assert preview.after.split("\r\n") == FIXED and preview.applied == 9
    assert [f.rule for f in preview.remaining.findings] == ["TX301"]
    assert preview.diff().startswith(f"--- {file}\n+++ {file}\n")
    done = compliance.fix(file, rules=rules, write=True)
    assert file.read_bytes() == _encoded(FIXED, "gb18030", "\r\n") and done.after == preview.after
    with pytest.raises(compliance.UsageError, match="annotate"):
        compliance.fix(tmp_path / "x.docx", rules=rules)
    source, out = tmp_path / "report.docx", tmp_path / "fixed.docx"
    _word(source)
    result = compliance.annotate(source, out, rules=rules, fixes=True)
    assert result.findings and _texts(out, accept=True) == FIXED


def test_markdown_is_fixed_where_its_text_stands_verbatim(tmp_path: Path) -> None:
    """A Markdown block whose text stands as it is in its line (a heading, a plain
    paragraph, a list item) is fixed there; one rebuilt from inline markup is not
    guessed at."""
    file = tmp_path / "report.md"
    file.write_text(
        "# 示范局2024年上半年意识形态工作总结\n\n"
        "## 一、切实加强意认形态工作\n\n"
        "- 狠抓與论导向,守好阵地\n\n"
        "**加强**意认形态工作。\n",
        encoding="utf-8",
    )
    assert run(str(file), "--fix", "-q") == 1  # the one in bold text remains
    assert file.read_text("utf-8") == (
        "# 示范局2024年上半年意识形态工作总结\n\n"
        "## 一、切实加强意识形态工作\n\n"
        "- 狠抓舆论导向，守好阵地\n\n"
        "**加强**意认形态工作。\n"
    )


def test_a_hard_wrapped_paragraph_is_not_guessed_at(tmp_path: Path) -> None:
    """The reader joins a hard-wrapped copy's lines into paragraphs: a finding past the
    first line of one has no column of its own in the file, and its fix is not applied."""
    line = "这是一段从网页复制而来的硬换行文字，每一行在相同宽度处断开，没有句末标点"
    lines = [line] * 8
    lines[3] = line.replace("，", ",", 1)[:-1] + "符"
    file = tmp_path / "wrapped.txt"
    file.write_text("示范局工作总结\n" + "\n".join(lines) + "。\n", encoding="utf-8")
    before = file.read_bytes()
    found = lint_file(file, RuleSet.from_packs(load_packs([default_rules_dir()]))).findings
    assert [(f.rule, f.line) for f in found if f.fix is not None] == [("TX304", 2)]
    run(str(file), "--fix", "-q")
    assert file.read_bytes() == before
