"""ST201 on lists that open anew: under a lead-in's colon, or below a heading in a Word
heading style whose label the outline does not read (round docx26, real Word files)."""

from __future__ import annotations

import io

import docx
import pytest

from compliance import api
from compliance.lint.engine import RuleSet

TITLE = "示范局2025年上半年意识形态工作总结\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return api.load_rules()


def st201(result: api.Result) -> list[str]:
    return [f.text for f in result.findings if f.rule == "ST201"]


def test_a_list_under_a_lead_in_starts_at_one(rules: RuleSet) -> None:
    text = TITLE + (
        "一、主要做法\n我局从三个方面抓好学习。\n1.抓班子学习。\n2.抓支部学习。\n3.抓青年学习。\n"
        "学习中注意的问题有：\n1.防止走过场。\n2.防止重形式。\n"
    )
    assert st201(api.check(text, filename="r.txt", rules=rules)) == []
    # Without the lead-in, a 1 after 3 under the same heading is still reported.
    text = text.replace("学习中注意的问题有：\n", "")
    assert st201(api.check(text, filename="r.txt", rules=rules)) == ["1."]


def _docx(lead: tuple[str, str]) -> bytes:
    document = docx.Document()
    document.add_paragraph("示范局2025年上半年意识形态工作总结", style="Title")
    document.add_paragraph("A 学习教育", style="Heading 2")
    document.add_paragraph("1.\t班子集中学习", style="Heading 3")
    document.add_paragraph("全年开展集中学习十二次。")
    document.add_paragraph("2.\t支部学习", style="Heading 3")
    document.add_paragraph("各支部按月学习。")
    document.add_paragraph(lead[0], style=lead[1])
    document.add_paragraph("1.\t阵地台账", style="Heading 3")
    document.add_paragraph("建立阵地台账。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_heading_style_the_outline_cannot_read_restarts_the_numbers(rules: RuleSet) -> None:
    # The Word heading above the second list (a Latin letter, no Chinese label) is a
    # parent: the Heading 3 items under it start again at 1.
    result = api.check(_docx(("B 阵地管理", "Heading 2")), filename="r.docx", rules=rules)
    assert st201(result) == []
    result = api.check(_docx(("另有一项工作。", "Normal")), filename="r.docx", rules=rules)
    assert st201(result) == ["1."]


def test_headings_and_list_items_in_other_styles_number_apart(rules: RuleSet) -> None:
    # 1.\t…(Heading 3), a body list 1. 2. 3., then 2.\t…(Heading 3): the heading follows
    # the heading before it, not the list.
    document = docx.Document()
    document.add_paragraph("示范局2025年上半年意识形态工作总结", style="Title")
    document.add_paragraph("1.\t班子集中学习", style="Heading 3")
    for item in ("1.学习党章。", "2.学习条例。", "3.学习讲话。"):
        document.add_paragraph(item)
    document.add_paragraph("2.\t支部学习", style="Heading 3")
    out = io.BytesIO()
    document.save(out)
    assert st201(api.check(out.getvalue(), filename="r.docx", rules=rules)) == []
