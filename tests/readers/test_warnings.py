"""Document.warnings: what a Word file names but does not define reaches the user."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from conftest import ROOT
from test_cli import complint

from compliance.readers import read_document

CLEAN = ROOT / "samples" / "clean-report.docx"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    """The clean sample with one edit to word/document.xml."""
    out = tmp_path / "edited.docx"
    with zipfile.ZipFile(CLEAN) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            target.writestr(item, data)
    return out


def test_a_clean_file_has_no_warnings() -> None:
    assert read_document(CLEAN).warnings == ()


def test_undefined_style_and_numbering_are_warnings(tmp_path: Path) -> None:
    edited = _edited(
        tmp_path,
        '<w:pPr><w:jc w:val="center"/></w:pPr>',
        '<w:pPr><w:pStyle w:val="NoSuchStyle"/><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="77"/></w:numPr><w:jc w:val="center"/></w:pPr>',
    )
    warnings = read_document(edited).warnings
    assert len(warnings) == 2
    assert "list 77" in warnings[0] and "NoSuchStyle" in warnings[1]
    run = complint("--format", "json", "--exit-zero", str(edited))
    (entry,) = json.loads(run.stdout)["files"]
    assert entry["warnings"] == list(warnings)
