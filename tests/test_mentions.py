"""Passing mentions (compliance.match.mentions): a pack's [passing] classes, the clause
around a term, and how a require rule drops the matches they fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.api import check, load_rules
from compliance.errors import RuleFileError
from compliance.match.expr import compile_expr
from compliance.match.matchers import Span
from compliance.match.mentions import CLAUSE_ENDS, Passing, bounds, passing

PACK = """
[pack]
name = "mine"

[roles]
achievements = ["工作情况"]

[passing.purpose]
why = "a clause opening with its purpose"
before = '/^为了/'

[passing.posting]
after = '/^[^，。]{0,6}上(?:张贴|发布)/'
clause = '!/审核/'

[[rule]]
code = "ZZ101"
name = "positions"
kind = "require"
severity = "warning"
title = "No positions"
message = "未体现阵地管理"
match = '"宣传栏"'
passing = ["purpose", "posting"]
examples.bad = ["一、工作情况\\n在宣传栏上张贴海报。", "一、工作情况\\n为了用好宣传栏，召开会议。"]
examples.good = ["一、工作情况\\n在宣传栏上张贴海报前严格审核。", "一、工作情况\\n新建宣传栏12个。"]
"""


def test_bounds_of_a_clause_and_of_a_span_across_two() -> None:
    text = "一是学习，二是在宣传栏上张贴海报。三是"
    start = text.index("宣传栏")
    assert bounds(text, Span(start, start + 3), CLAUSE_ENDS) == (5, 16)
    assert bounds(text, Span(2, start + 3), CLAUSE_ENDS) == (0, 16)


def test_each_part_given_must_match_and_not_reads_as_absent() -> None:
    kind = Passing(
        "posting",
        after=compile_expr("/^[^，。]{0,6}上张贴/"),
        clause=compile_expr("!/审核/"),
    )
    text = "在宣传栏上张贴海报，在宣传栏上张贴前审核。"
    first = text.index("宣传栏")
    second = text.index("宣传栏", first + 1)
    assert passing(text, Span(first, first + 3), [kind]) == "posting"
    assert passing(text, Span(second, second + 3), [kind]) is None


def test_a_sentence_class_looks_past_commas() -> None:
    kind = Passing("speech", before=compile_expr("/强调[，,]/"), unit="sentence")
    text = "书记强调，要管好宣传栏。新建宣传栏。"
    first = text.index("宣传栏")
    second = text.index("宣传栏", first + 1)
    assert passing(text, Span(first, first + 3), [kind]) == "speech"
    assert passing(text, Span(second, second + 3), [kind]) is None


def test_a_long_match_is_judged_where_it_ends() -> None:
    kind = Passing("directive", before=compile_expr("/^[^，。要]{0,6}要/"), unit="sentence")
    text = "各单位党组织要认真制定学习计划。"
    start = text.index("组织")  # near(组织, 学习): from inside the subject to the term
    assert passing(text, Span(start, text.index("学习") + 2), [kind]) == "directive"
    assert passing(text, Span(start, start + 2), [kind]) is None


def test_a_require_rule_drops_what_its_classes_fit(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(PACK, encoding="utf-8")
    rules = load_rules([tmp_path], bundled=False)

    def codes(text: str) -> list[str]:
        return [f.rule for f in check(text, rules=rules).findings]

    assert codes("一、工作情况\n在宣传栏上张贴海报。") == ["ZZ101"]
    assert codes("一、工作情况\n为了用好宣传栏，召开会议。") == ["ZZ101"]
    assert codes("一、工作情况\n在宣传栏上张贴海报前严格审核。") == []
    assert codes("一、工作情况\n为了用好宣传栏，召开会议，新建宣传栏3个。") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('passing = ["purpose", "posting"]', None),
        ('passing = ["purpose", "postng"]', "unknown passing class 'postng'"),
        ("before = '/^为了/'", None),
        ("before = '/^为了/'\nafter = '/(/'", "invalid regular expression"),
        ("before = '/^为了/'\nwhen = 'x'", "unknown key 'when'"),
    ],
)
def test_rule_file_errors_name_the_class(tmp_path: Path, change: str, message: str | None) -> None:
    first = (
        'passing = ["purpose", "posting"]' if change.startswith("passing") else "before = '/^为了/'"
    )
    (tmp_path / "mine.toml").write_text(PACK.replace(first, change, 1), encoding="utf-8")
    if message is None:
        load_rules([tmp_path], bundled=False)
        return
    with pytest.raises(RuleFileError, match=message):
        load_rules([tmp_path], bundled=False)


def test_a_class_without_parts_is_an_error(tmp_path: Path) -> None:
    body = PACK.replace("before = '/^为了/'\n", "", 1)
    (tmp_path / "mine.toml").write_text(body, encoding="utf-8")
    expected = r"expected before, after or clause in passing\.purpose"
    with pytest.raises(RuleFileError, match=expected):
        load_rules([tmp_path], bundled=False)


def test_a_text_class_looks_at_the_whole_text() -> None:
    kind = Passing(
        "notice", before=compile_expr("/^[^\\n]*\\n各[^\\n]{1,20}[：:]\\n/"), unit="text"
    )
    text = "关于学习的通知\n各支部：\n请组织学习。要管好宣传栏。"
    at = text.index("宣传栏")
    assert bounds(text, Span(at, at + 3), frozenset()) == (0, len(text))
    assert passing(text, Span(at, at + 3), [kind]) == "notice"
    assert passing("报告\n新建宣传栏。", Span(5, 8), [kind]) is None
