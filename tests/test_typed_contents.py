"""A table of contents typed out in a Word file (no TOC field for the reader to leave
out): under its heading, entries ending in their page numbers are no headings (round
docx26: an English handbook's contents gave 77 false ST201)."""

from __future__ import annotations

import io

import docx

from compliance import api

CONTENTS = ["工作开展情况……1", "1.理论学习……1", "2.阵地管理……2", "存在的问题及下一步打算……3"]
CONTENTS += ["1.学习形式不够丰富……3", "2.阵地建设和管理", "有短板……4", "3.其他问题……5"]


def _report(contents_heading: str | None) -> bytes:
    document = docx.Document()
    document.add_paragraph("示范局2025年上半年意识形态工作总结")
    if contents_heading is not None:
        document.add_paragraph(contents_heading)
    for entry in CONTENTS:
        document.add_paragraph(entry)
    for heading, items in (
        ("工作开展情况", ("1.理论学习", "2.阵地管理")),
        ("存在的问题及下一步打算", ("1.学习形式不够丰富", "2.阵地建设和管理有短板", "3.其他问题")),
    ):
        document.add_paragraph(heading, style="Heading 2")
        for item in items:
            document.add_paragraph(item)
            document.add_paragraph("具体情况已在台账中逐项写明。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def st201(data: bytes) -> list[int]:
    return [f.line for f in api.check(data, filename="r.docx").findings if f.rule == "ST201"]


def test_a_typed_table_of_contents_holds_no_headings() -> None:
    assert st201(_report("目录")) == []
    assert st201(_report("目  录")) == []


def test_without_its_heading_the_lines_are_headings_as_before() -> None:
    # The same lines with no 目录 over them: the second list's 1. after 2. is reported.
    # (An entry wrapped onto a second line, 2.阵地建设和管理 / 有短板……4, is an entry too.)
    assert st201(_report(None)) == [6]
