"""Issue 19: lying zips, huge counters, slow rules, odd files, wrong encodings.

Each case runs the real command under the memory and time limits of conftest (a blow-up
is a MemoryError, a hang a timeout), with a good file beside the bad one that must still
be linted and reported.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Collection
from pathlib import Path

import opencc
import pytest
from conftest import ROOT
from conftest import limited_complint as complint
from test_hostile import GOOD, W, assert_one_clear_line

SAMPLE = ROOT / "samples" / "clean-report.docx"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def _rewrite(
    path: Path,
    replace: dict[str, bytes],
    add: dict[str, bytes] | None = None,
    *,
    stored: Collection[str] = (),
) -> Path:
    """The sample package with some parts replaced or added (`stored`: not deflated)."""
    with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item))
            kind = zipfile.ZIP_STORED if item.filename in stored else zipfile.ZIP_DEFLATED
            z.writestr(item.filename, data, compress_type=kind)
        for name, data in (add or {}).items():
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            z.writestr(name, data, compress_type=kind)
    return path


def _patch_entry(path: Path, name: str, **fields: int) -> None:
    """Overwrite fields of one member's local header and central directory entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    # (local header offset, central entry offset) of each field, and its struct format
    layout = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "crc": (14, 16, "<I"),
              "packed": (18, 20, "<I"), "size": (22, 24, "<I")}  # fmt: skip
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    assert central >= 0
    for field, value in fields.items():
        at_local, at_central, fmt = layout[field]
        struct.pack_into(fmt, data, info.header_offset + at_local, value)
        struct.pack_into(fmt, data, central + at_central, value)
    path.write_bytes(bytes(data))


# 1. A damaged _rels/.rels


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ({"crc": 0x12345678}, "damaged part _rels/.rels"),
        ({"flags": 0x1}, "damaged part _rels/.rels"),  # the encrypted flag
        ({"method": 99}, "damaged part _rels/.rels"),  # an unknown compression method
    ],
)
def test_a_damaged_package_relationship_part(
    tmp_path: Path, damage: dict[str, int], words: str
) -> None:
    path = _rewrite(tmp_path / "rels.docx", {})
    _patch_entry(path, "_rels/.rels", **damage)
    assert_one_clear_line(path, words)


# 2. A zip bomb that lies about its sizes


@pytest.mark.slow  # inflates hundreds of megabytes to find the lie
@pytest.mark.parametrize("followed", [True, False])
def test_a_zip_bomb_that_lies_about_its_packed_size(tmp_path: Path, followed: bool) -> None:
    # 90 MB of empty paragraphs deflate to ~90 KB; the headers claim 1.5 MB packed, so
    # the ratio they state (60:1) looks like real XML. When 2 MB of incompressible media
    # follow, the claimed bytes exist (they are the picture's); else the file ends first.
    body = b"<w:p/>" * (15 * 1024 * 1024)
    xml = b"<w:document " + W.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    media = {"word/media/image1.png": os.urandom(2 * 1024 * 1024)} if followed else {}
    path = _rewrite(tmp_path / "liar.docx", {"word/document.xml": xml}, media, stored=set(media))
    _patch_entry(path, "word/document.xml", packed=1536 * 1024)
    assert_one_clear_line(path, "zip bomb" if followed else "truncated data")


@pytest.mark.slow  # a bomb of each kind, as bytes
def test_bytes_go_through_the_same_caps_as_a_path(tmp_path: Path) -> None:
    # The library reads bytes in memory (no temporary file); they pass through the same
    # counted, capped inflation (readers/safezip.py), so the bomb is named the same.
    import compliance

    body = b"<w:p/>" * (15 * 1024 * 1024)
    xml = b"<w:document " + W.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    media = {"word/media/image1.png": os.urandom(2 * 1024 * 1024)}
    path = _rewrite(tmp_path / "liar.docx", {"word/document.xml": xml}, media, stored=set(media))
    _patch_entry(path, "word/document.xml", packed=1536 * 1024)
    by_path = compliance.check(path)
    by_bytes = compliance.check(path.read_bytes(), filename=str(path))
    assert by_path.error is not None and "zip bomb" in by_path.error.reason
    assert by_bytes.error == by_path.error


def test_a_part_larger_than_its_header_says_is_refused(tmp_path: Path) -> None:
    xml = zipfile.ZipFile(SAMPLE).read("word/document.xml")
    path = _rewrite(tmp_path / "short.docx", {}, stored={"word/document.xml"})
    _patch_entry(path, "word/document.xml", size=len(xml) // 2)  # a lie zipfile notices
    assert_one_clear_line(path, "not a valid .docx")


# 9. Media are never judged: a real .doc's embedded bitmap compressed 268:1


def test_a_highly_compressible_image_is_not_a_zip_bomb(tmp_path: Path) -> None:
    bitmap = b"BM" + b"\xff" * (8 * 1024 * 1024)  # a white bitmap deflates ~1000:1
    path = _rewrite(tmp_path / "picture.docx", {}, {"word/media/image1.bmp": bitmap})
    run = complint(str(path), "--select", "TX301", "--format", "concise")
    assert run.returncode in (0, 1) and run.stderr == "", run.stderr


# 3. Numbering counters from a hostile numbering.xml

NUMBERING = (
    f'<w:numbering {W}><w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1000000000000"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="100000000000000"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
)


def _numbered(text: str, level: int) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'
        f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_numbering_that_starts_at_huge_counters(tmp_path: Path) -> None:
    body = _numbered("工作开展情况", 0) + _numbered("开展学习X次。", 1)
    xml = f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()
    path = _rewrite(
        tmp_path / "counters.docx",
        {"word/document.xml": xml, "word/numbering.xml": NUMBERING.encode()},
    )
    run = complint(str(path), "--select", "TX301", "--format", "concise")
    assert run.returncode == 1, run.stderr
    assert ": TX301 " in run.stdout and "Traceback" not in run.stderr


def test_labels_past_words_limit_are_decimal() -> None:
    from compliance.readers.numbering import format_number

    assert format_number(4, "upperRoman") == "IV"
    assert format_number(10**14, "upperRoman") == str(10**14)
    assert format_number(10**12, "lowerLetter") == str(10**12)
    assert format_number(27, "lowerLetter") == "aa"


# 13. Text only in headers or footers is linted


def test_text_only_in_a_header_is_linted(tmp_path: Path) -> None:
    header = f"<w:hdr {W}><w:p><w:r><w:t>开展学习X次。</w:t></w:r></w:p></w:hdr>"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header" Target="header1.xml"/></Relationships>'
    )
    document = (
        f'<w:document {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><w:body><w:p/><w:sectPr><w:headerReference w:type="default" '
        'r:id="rIdH"/></w:sectPr></w:body></w:document>'
    )
    path = _rewrite(
        tmp_path / "header-only.docx",
        {"word/document.xml": document.encode(), "word/_rels/document.xml.rels": rels.encode()},
        {"word/header1.xml": header.encode()},
    )
    run = complint(str(path), "--select", "TX301", "--format", "concise")
    assert run.returncode == 1, run.stderr
    assert ": TX301 " in run.stdout


@pytest.mark.slow  # a LibreOffice conversion
@needs_libreoffice
def test_a_word_97_template_is_linted_through_libreoffice(tmp_path: Path) -> None:
    source = ROOT / "samples" / "ideology-report-2024h1.docx"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "dot:MS Word 97 Vorlage", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
    template = tmp_path / f"{source.stem}.dot"
    assert template.is_file()
    folder_run = complint(str(tmp_path), "--format", "concise")  # found in a folder walk
    direct = complint(str(source), "--format", "concise")
    assert folder_run.stderr == "", folder_run.stderr
    findings = {line.split(": ", 1)[1] for line in folder_run.stdout.splitlines() if ": " in line}
    assert findings == {
        line.split(": ", 1)[1] for line in direct.stdout.splitlines() if ": " in line
    }


# 12. Named pipes and devices are named, never read


def test_a_fifo_and_dev_zero_are_not_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = complint(str(fifo), "/dev/zero", str(good), "--select", "TX301")
    errors = run.stderr.strip().splitlines()
    assert errors == [
        f"{fifo}: not a regular file (a named pipe (FIFO)); not read",
        "/dev/zero: not a regular file (a character device); not read",
    ], run.stderr
    assert f"{good}:2:5: TX301" in run.stdout
    assert run.returncode == 1


# 8. Big5 and Shift-JIS are not GB18030


@pytest.mark.parametrize(
    ("encoding", "words"),
    [("big5", "Big5 (traditional Chinese)"), ("cp932", "rare or unassigned")],
)
def test_text_in_another_cjk_encoding_is_refused(tmp_path: Path, encoding: str, words: str) -> None:
    text = (ROOT / "samples" / "ideology-report-2024h1.txt").read_text(encoding="utf-8")
    if encoding == "big5":
        text = opencc.OpenCC("s2t").convert(text)
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="ignore"))
    assert_one_clear_line(path, words)


def test_gbk_text_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(GOOD.encode("gbk"))
    run = complint(str(path), "--select", "TX301")
    assert run.returncode == 1 and f"{path}:2:5: TX301" in run.stdout, run.stderr


# 7. Time: a rule's budget per file, and the whole file's


SLOW_RULE = (
    '[[rule]]\ncode = "ZZ901"\nname = "slow"\nkind = "forbid"\nseverity = "warning"\n'
    'title = "slow"\nmessage = "x"\nmatch = \'/(x|xx)+y/\'\n'
)


def _slow_setup(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "slow.toml"
    rules.write_text(SLOW_RULE, encoding="utf-8")
    slow = tmp_path / "slow.txt"
    # The prefilter lets the regex run only where a "y" is; then it backtracks for ever.
    slow.write_text("开展学习X次。\n" + ("x" * 40 + "zy\n") * 20, encoding="utf-8")
    return rules, slow


def test_a_rule_past_its_budget_is_skipped_and_named(tmp_path: Path) -> None:
    rules, slow = _slow_setup(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = complint(
        str(slow), str(good), "--rules", str(rules), "--rule-timeout", "1", "--select", "TX301,ZZ"
    )
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"{slow}: rule ZZ901 skipped: "), run.stderr
    assert "1 s budget" in errors[0] or "took over" in errors[0]
    assert f"{slow}:1:5: TX301" in run.stdout  # the other rules' findings stay
    assert f"{good}:2:5: TX301" in run.stdout
    assert run.returncode == 1


def test_a_file_past_the_timeout_is_that_files_error(tmp_path: Path) -> None:
    rules, slow = _slow_setup(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = complint(str(slow), str(good), "--rules", str(rules), "--timeout", "1")
    errors = run.stderr.strip().splitlines()
    assert errors == [f"{slow}: not checked within 1 s (--timeout); skipped"], run.stderr
    assert f"{good}:2:5: TX301" in run.stdout
    assert run.returncode == 1


def test_timeouts_must_be_positive_numbers() -> None:
    for bad in ("0", "-1", "soon", "inf"):
        run = complint("--timeout", bad, str(ROOT / "samples" / "clean-report.txt"))
        assert run.returncode == 2 and "--timeout" in run.stderr


# 6. The text ceiling, the same for every format


@pytest.mark.slow
def test_a_docx_over_the_text_ceiling_is_refused(tmp_path: Path) -> None:
    # Random characters: incompressible, so no ratio check fires; 33 MB of text.
    rng = __import__("random").Random(6)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    body = "".join(paragraph.format("".join(rng.choices(alphabet, k=4000))) for _ in range(2900))
    xml = f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()
    path = _rewrite(tmp_path / "huge.docx", {"word/document.xml": xml})
    assert_one_clear_line(path, "too large for a report (over 32 MB of text)")
