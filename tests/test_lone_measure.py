"""TX301's measure word whose number was cut out (forbid's `lone`).

Our own sentences, in the shapes template sites leave when a count is blanked: the
measure word stands alone after a verb or a noun. jieba's dictionary decides whether it
is part of a longer word (一次性, 首次, 个人, 条件), which is no count at all.
"""

from __future__ import annotations

import pytest

from compliance import api
from compliance.kinds.forbid import _in_word
from compliance.lint.engine import RuleSet
from compliance.match.matchers import Span

TITLE = "示范局2024年意识形态工作总结\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return api.load_rules()


def placeholders(rules: RuleSet, line: str) -> list[str]:
    result = api.check(TITLE + line + "\n", filename="r.txt", rules=rules)
    return [f.text for f in result.findings if f.rule == "TX301"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("上半年召开了次专题会议。", ["次"]),  # after 了
        ("今年以来新增块宣传画。", ["块"]),
        ("开展次专题学习，发放份资料。", ["次", "份"]),
        ("累计发布信息条，制作展板个。", ["条", "个"]),  # a noun, then a mark
        ("撰写心得体会余篇。", ["余篇"]),  # 余 left of a cut 20余
        ("组织党员干部人次参加培训。", ["人次"]),
        ("每名党员撰写篇心得体会，就是个别同志没有完成。", ["篇"]),  # 撰写 is no 是
    ],
)
def test_a_measure_word_left_alone_is_reported(
    rules: RuleSet, line: str, expected: list[str]
) -> None:
    assert placeholders(rules, line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "召开3次会议，开展12次学习，发放资料2000余份。",  # a real count
        "一次次研讨，次日整改，首次开展，层次分明，其次是多次召开。",
        "制定一次性补助办法，分清主次，个人事项报告，具备条件，核实身份。",
        "每次学习，本期简报，各个支部，这个问题，做到个个过关。",
        "在次月扣除，谱写新篇章，大幅提升，配套措施，一条条落实。",
        "心得体会篇1",  # a site's numbering: ST209's
        # 是 and the words ending in it drop 一 in speech: 就是个, 不是个, 是个.
        "有人认为本局就是个“清水衙门”，这不是个小问题，讲好党课是个好办法。",
    ],
)
def test_a_measure_word_in_a_word_or_after_a_number_is_left_alone(
    rules: RuleSet, line: str
) -> None:
    assert placeholders(rules, line) == []


def test_in_word_looks_both_ways() -> None:
    words = {"一次性", "首次", "次要"}
    assert _in_word("制定一次性办法", Span(3, 4), words)  # inside 一次性
    assert _in_word("首次开展", Span(1, 2), words)  # ends 首次
    assert _in_word("次要问题", Span(0, 1), words)  # begins 次要
    assert not _in_word("召开了次会议", Span(3, 4), words)
