"""An attachment the report announces is part of it (round docx26, real Word files): its
own title starts no second report (ST204) and is asked for no title or element, and its
labels are compared with each other, not with the report's (ST202)."""

from __future__ import annotations

import pytest

from compliance import api
from compliance.lint.engine import RuleSet

REPORT = """示范局关于开展意识形态工作专项检查的通知
各科室：
现就开展专项检查有关事项通知如下。
一、检查内容
1、责任制落实情况。
2、阵地管理情况。
3、舆情处置情况。
二、工作安排
1、自查阶段。
2、抽查阶段。
三、下一步工作计划
1、汇总问题清单，逐项整改。
附件：意识形态工作自查情况报告表样
自查情况报告表样
一、基本情况
1.单位名称。
2.负责人。
二、自查发现的问题
1.存在问题。
"""


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return api.load_rules()


def test_an_announced_attachment_is_no_second_report(rules: RuleSet) -> None:
    findings = api.check(REPORT, filename="n.txt", rules=rules).findings
    assert [f.rule for f in findings if f.rule in ("ST203", "ST204", "ST208")] == []
    # The notice is checked as before: its elements are still asked for, once.
    assert sum(f.rule == "IW101" for f in findings) == 1


def test_an_attachment_numbers_in_its_own_style(rules: RuleSet) -> None:
    # An attachment's list right under its line, no title of its own: the report's
    # outline runs on into it, and its 1. are its own style, not a mix with the 1、 above.
    notice = (
        REPORT.split("附件：")[0]
        + "附件：\n请如实填写下列各项。\n1.单位名称。\n2.负责人。\n3.联系电话。\n"
    )
    findings = api.check(notice, filename="n.txt", rules=rules).findings
    assert [f.text for f in findings if f.rule == "ST202" and "不一致" in f.message] == []
    # The report's own 1、 are still not GB/T 9704's 1.
    assert sum(f.rule == "ST202" and f.text == "1、" for f in findings) == 3
