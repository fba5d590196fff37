"""TX305 and a form's layout in a Word file: blanks to fill in and a title spaced out for
display are no stray spaces (round docx26, real Word files); a stray space still is."""

from __future__ import annotations

import io

import docx

from compliance import api


def _form(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_blanks_and_a_spaced_title_are_not_stray_spaces() -> None:
    data = _form(
        "承 诺 确 认 函",
        "我单位          （单位名称）自愿参加示范项目的谈判，并承诺如下：",
        "从业人员\t人，营业收入为\t万元。",
        "日期：    年   月   日",
    )
    findings = api.check(data, filename="form.docx").findings
    assert [f.line for f in findings if f.rule == "TX305"] == []


def test_a_stray_space_in_a_form_is_still_reported() -> None:
    data = _form("承 诺 确 认 函", "我单位自愿参加示范项目的 谈判。", "日期：2025年 5月1日")
    findings = api.check(data, filename="form.docx").findings
    assert sorted(f.text for f in findings if f.rule == "TX305") == [" "]
