from __future__ import annotations

from pathlib import Path

import pytest

from compliance.errors import ReadError
from compliance.readers import read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readers"


def test_reading_order_interleaves_tables_and_counts_every_paragraph() -> None:
    document = read_document(FIXTURES / "table.docx")
    assert [(b.line, b.kind, b.text) for b in document.blocks] == [
        (1, "paragraph", "示范局2024年意识形态工作总结"),
        (3, "paragraph", "表格之前的段落。"),  # paragraph 2 is empty: counted, not emitted
        (4, "table-cell", "项目"),
        (5, "table-cell", "次数"),
        (6, "table-cell", "合并单元格"),  # a merged cell is read once
        (7, "paragraph", "表格之后的段落。"),
    ]
    assert document.format == "docx"


def test_tracked_changes_fields_controls_and_text_boxes() -> None:
    document = read_document(FIXTURES / "markup.docx")
    assert [b.text for b in document.blocks] == [
        # insertion read, deletion dropped, hyperlink, content control, simple field and
        # the result of a complex field read as continuous text; field code dropped
        "加强网络舆情管理工作。",
        "文本框内容",  # the text box once, not its VML fallback copy too
        "内容控件中的段落。",
        "之后的段落。",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("truncated.docx", "not a valid .docx (corrupt zip: File is not a zip file)"),
        ("not-a-zip.docx", "a plain text file renamed to .docx; name it .txt"),
        (
            "renamed-doc.docx",
            "an old binary Word .doc file renamed to .docx; open it in Word or WPS, save as .docx",
        ),
        (
            "encrypted.docx",
            "encrypted or password-protected Word file; remove the password and save again",
        ),
        ("empty.docx", "empty file"),
        ("no-document.docx", "not a valid .docx (no main document part)"),
    ],
)
def test_broken_packages_get_one_clear_line(name: str, reason: str) -> None:
    path = FIXTURES / name
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: {reason}"


def test_word_2003_xml_and_binary_junk_are_named(tmp_path: Path) -> None:
    xml = tmp_path / "word2003.docx"
    xml.write_bytes(
        b'<?xml version="1.0"?><w:wordDocument '
        b'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>'
    )
    with pytest.raises(ReadError, match=r"a Word 2003 XML file renamed to \.docx"):
        read_document(xml)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReadError, match=r"not a valid \.docx \(not a zip archive\)"):
        read_document(junk)


@pytest.mark.slow
def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (210 * 1024 * 1024))
    with pytest.raises(ReadError, match="zip bomb"):
        read_document(path)


def test_a_macro_enabled_document_is_read(tmp_path: Path) -> None:
    # python-docx refuses the .docm content type; the main part is still a Word body.
    import zipfile

    source = FIXTURES / "table.docx"
    target = tmp_path / "macro.docm"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            zout.writestr(item, data)
    assert read_document(target).blocks[0].text == "示范局2024年意识形态工作总结"
