from __future__ import annotations

from pathlib import Path

import pytest

from compliance.errors import ReadError
from compliance.readers import read_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readers"
EXPECTED = [
    (1, "一、工作开展情况"),
    (2, "　　成立了意识形态工作领导小组。"),
    (4, "二、存在的问题"),  # line 3 is blank: CRLF counts as one line break
]


@pytest.mark.parametrize("name", ["utf8.txt", "utf8-bom.md", "gbk.txt", "utf16.txt"])
def test_encodings_are_detected(name: str) -> None:
    document = read_document(FIXTURES / name)
    assert [(b.line, b.text) for b in document.blocks] == EXPECTED
    assert all(b.column == 1 for b in document.blocks)


def test_display_path_is_used() -> None:
    document = read_document(FIXTURES / "utf8.txt", "shown.txt")
    assert document.path == "shown.txt"
    assert document.format == "txt"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("undecodable.txt", "cannot decode text (not UTF-8, UTF-16 or GB18030)"),
    ],
)
def test_unreadable_text(name: str, reason: str) -> None:
    path = FIXTURES / name
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: {reason}"


def test_binary_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(ReadError, match="binary file, not text"):
        read_document(path)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("old.doc", "not a Word .doc file (it holds plain text)"),
        ("old.wps", "not a Word .wps file (it holds plain text)"),
        ("notes.pdf", "not a readable PDF"),
        ("x.odt", "unsupported file type '.odt'"),
    ],
)
def test_unsupported_or_impostor_files_say_what_is_wrong(
    tmp_path: Path, name: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"data")
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert words in str(info.value)
    assert "\n" not in str(info.value)


def test_a_pdf_year_fragment_opens_the_title_not_a_site_number() -> None:
    # A document site's service number, then a title its PDF cut into lines with the year
    # alone: the year joins the line after it; onto the number it would read as one number.
    from compliance.readers import read_string

    text = "网站客服：400123456\n2024\n年示范局\n工作总结\n今年以来，示范局认真履行职责。\n"
    blocks = [b.text for b in read_string(text).blocks]
    assert blocks[0] == "网站客服：400123456"
    assert blocks[1].startswith("2024年示范局")
