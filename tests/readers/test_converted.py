""".doc, .wps and .pdf lint like the .docx they were made from (LibreOffice makes them)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT

from compliance.errors import ReadError
from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_source
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import convert, read_document
from compliance.readers.magic import OLE2
from compliance.readers.pdf import paragraph_text

SAMPLES = ROOT / "samples"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)
# The tests of the `converted` fixture run in one worker: it converts once.
one_conversion = pytest.mark.xdist_group("converted")


def _convert(source: Path, target_format: str, folder: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", target_format, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / f"{source.stem}.{target_format}"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("converted")
    source = SAMPLES / "ideology-report-2024h1.docx"
    doc = _convert(source, "doc", folder)
    wps = doc.with_suffix(".wps")  # WPS Office's .wps is the Word binary format
    shutil.copy(doc, wps)
    return {"doc": doc, "wps": wps, "pdf": _convert(source, "pdf", folder)}


def _findings(path: Path, ruleset: RuleSet) -> list[tuple[int, int, str, str]]:
    result = lint_source(path, str(path), ruleset)
    assert result.error is None, result.error
    return [(f.line, f.column, f.rule, f.text) for f in result.findings]


@pytest.mark.slow
@one_conversion
@needs_libreoffice
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_old_word_formats_lint_like_the_docx(
    converted: dict[str, Path], ruleset: RuleSet, kind: str
) -> None:
    original = _findings(SAMPLES / "ideology-report-2024h1.docx", ruleset)
    assert _findings(converted[kind], ruleset) == original


@pytest.mark.slow
@one_conversion
@needs_libreoffice
def test_pdf_finds_the_same_text_defects(converted: dict[str, Path], ruleset: RuleSet) -> None:
    original = _findings(SAMPLES / "ideology-report-2024h1.docx", ruleset)
    from_pdf = _findings(converted["pdf"], ruleset)
    # A PDF has no layout facts (FM) and pages for lines; the text findings are the same.
    assert sorted((r, t) for _, _, r, t in from_pdf) == sorted(
        (r, t) for _, _, r, t in original if not r.startswith("FM")
    )
    assert {line for line, _, _, _ in from_pdf} == {1}  # all on page 1
    assert read_document(converted["pdf"]).blocks[0].text == (
        "示范镇党委2024年上半年意识形态工作总结"  # the wrapped title is one paragraph
    )


def test_missing_libreoffice_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere
    monkeypatch.delenv("COMPLINT_SOFFICE", raising=False)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError, match=r"old\.doc: a \.doc file needs LibreOffice"):
        read_document(path)


def test_a_docx_saved_as_doc_is_read_directly(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    shutil.copy(SAMPLES / "clean-report.docx", path)
    assert read_document(path).blocks[0].text.startswith("中共示范县文化旅游局党组")


def test_pdf_paragraph_text_drops_layout_spaces() -> None:
    assert (
        paragraph_text("示范镇党委 2024 年上半\n年工作，开展 X 次\n")
        == "示范镇党委2024年上半年工作，开展X次"
    )
    assert paragraph_text("see the\nreport, p. 3") == "see the report, p. 3"


WORD_2003_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"
  xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"
  xmlns:o="urn:schemas-microsoft-com:office:office"
  xmlns:v="urn:schemas-microsoft-com:vml"><w:body>
  <w:p><w:r><w:t>示范局工作总结</w:t></w:r></w:p>
  <w:p><w:r><w:t>开展学习X次。</w:t></w:r></w:p>
</w:body></w:wordDocument>"""


@pytest.mark.slow
@needs_libreoffice
def test_word_2003_xml_saved_as_doc_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_text(WORD_2003_XML, encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == ["示范局工作总结", "开展学习X次。"]


@pytest.mark.slow  # waits out a conversion's time limit
def test_a_conversion_that_overruns_leaves_no_process_and_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for soffice that hands the work to a child, as LibreOffice's wrapper
    # does, and overruns: the child must not live on to write into a removed folder.
    fake = tmp_path / "soffice"
    fake.write_text(
        '#!/bin/sh\n(sleep 2; mkdir -p "$PWD/out"; echo late > "$PWD/out/input.docx") &\n'
        "sleep 30\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("COMPLINT_SOFFICE", str(fake))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(convert, "TIMEOUT_SECONDS", 1)
    document = tmp_path / "old.doc"
    document.write_bytes(OLE2 + bytes(600))
    with pytest.raises(ReadError, match="did not convert the file within 1 s"):
        read_document(document)
    time.sleep(3)  # past the moment the child would have written
    assert list(scratch.iterdir()) == []


# The guard's Popen patched to receive TERM after LibreOffice started and before Popen
# returns: the moment a stopped guard has a converter running and no handle to kill it by.
_TERM_WHILE_STARTING = """
import os, signal, subprocess
_Popen = subprocess.Popen
class _Stopped(_Popen):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if kwargs.get("start_new_session"):  # LibreOffice's (ctypes runs ldconfig too)
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))  # the handler runs here, inside Popen
subprocess.Popen = _Stopped
"""


@pytest.mark.slow  # waits past the moment an orphaned converter would write
def test_a_guard_stopped_while_starting_libreoffice_leaves_no_converter(tmp_path: Path) -> None:
    folder = tmp_path / "complint-1-work"
    folder.mkdir()
    fake = tmp_path / "soffice"  # writes its profile late, as LibreOffice does
    script = f"#!/bin/sh\nsleep 0.5\nmkdir -p '{folder}/profile'\nsleep 30\n"
    fake.write_text(script, encoding="utf-8")
    fake.chmod(0o755)
    guard = subprocess.run(
        [sys.executable, "-c", _TERM_WHILE_STARTING + convert._GUARD, str(os.getpid()),
         str(folder), folder.as_uri(), str(fake)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    time.sleep(1.5)
    orphans = subprocess.run(["pgrep", "-f", str(fake)], capture_output=True, text=True)
    subprocess.run(["pkill", "-f", str(fake)], check=False)
    assert guard.returncode == 128 + signal.SIGTERM, guard.stderr
    assert orphans.stdout == ""
    assert not folder.exists()
