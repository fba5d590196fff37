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


def test_a_shared_styles_part_keeps_each_files_warnings_and_styles(tmp_path: Path) -> None:
    # The edited file has the clean one's styles part byte for byte: the part's index is
    # shared between them, but an undefined style is still one file's warning only, and
    # each file's layout facts are those a fresh read gives.
    from compliance.readers import styles

    edited = _edited(
        tmp_path,
        '<w:pPr><w:jc w:val="center"/></w:pPr>',
        '<w:pPr><w:pStyle w:val="NoSuchStyle"/><w:jc w:val="center"/></w:pPr>',
    )
    styles._SHEETS.clear()
    fresh = [b.style for b in read_document(CLEAN).blocks]
    assert len(styles._SHEETS) == 1
    assert "NoSuchStyle" in read_document(edited).warnings[0]
    assert len(styles._SHEETS) == 1  # the same part: read once
    again = read_document(CLEAN)
    assert again.warnings == ()
    assert [b.style for b in again.blocks] == fresh
    assert "NoSuchStyle" in read_document(edited).warnings[0]


def test_word_files_read_in_threads_as_one_by_one() -> None:
    """`complint serve` reads uploads in worker threads that share the styles-part cache;
    more distinct parts than it keeps make the threads evict while others insert."""
    from concurrent.futures import ThreadPoolExecutor

    from compliance.readers import styles

    files = [
        ROOT / "samples" / name
        for name in ("clean-report.docx", "ideology-report-2024h1.docx", "word-details.docx")
    ] + [
        ROOT / "tests" / "fixtures" / "word" / name
        for name in ("gbt-clean.docx", "features.docx", "quirks.docx", "ascii-font.docx")
    ]
    assert len({zipfile.ZipFile(f).read("word/styles.xml") for f in files}) > styles._SHEETS_KEPT

    def seen(path: Path) -> list[object]:
        return [(b.text, b.style) for b in read_document(path).blocks]

    alone = {path: seen(path) for path in files}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(seen, files * 6))
    assert together == [alone[path] for path in files * 6]
