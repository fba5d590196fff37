from __future__ import annotations

import pytest

from compliance import expr
from compliance.expr import ExprSyntaxError, Haystack, Segment, Span, compile_expr

TEXT = "我局成立了意识形态工作领导小组，书记为第一责任人。"
TERMS = {"group": ["领导小组", "领导机构"], "short": ["舆论"]}


def find(source: str, text: str = TEXT) -> list[Span]:
    return compile_expr(source, TERMS).find(Haystack(text))


def texts(source: str, text: str = TEXT) -> list[str]:
    return [text[s.start : s.end] for s in find(source, text)]


def test_quoted_term_gives_its_span() -> None:
    assert find('"领导小组"') == [Span(11, 15)]


def test_every_occurrence_is_found() -> None:
    assert texts('"X次"', "开展X次，研讨X次") == ["X次", "X次"]


def test_and_or_not() -> None:
    assert texts('any("领导小组", "领导机构") & "第一责任人"') == ["领导小组", "第一责任人"]
    assert find('"领导小组" & "网络舆情"') == []
    assert find('!"网络舆情"') == [Span(0, 0)]
    assert find('!"领导小组"') == []
    assert texts('"网络舆情" | "书记"') == ["书记"]


def test_precedence_not_and_or() -> None:
    # !a & b | c  ==  ((!a) & b) | c
    assert texts('!"网络舆情" & "书记" | "不存在"') == ["", "书记"]
    assert find('!("书记" | "网络舆情")') == []


def test_near_within_distance_in_either_order() -> None:
    assert texts('near("成立", "领导小组", 10)') == ["成立了意识形态工作领导小组"]
    assert find('near("成立", "领导小组", 2)') == []
    assert texts('near("领导小组", "成立", 10)') == ["成立了意识形态工作领导小组"]


def test_named_term_list() -> None:
    assert texts("group", "成立领导机构和领导小组") == ["领导机构", "领导小组"]


def test_longest_term_wins_inside_a_list() -> None:
    terms = {"g": ["领导小组", "意识形态工作领导小组"]}
    matcher = compile_expr("g", terms)
    assert matcher.find(Haystack(TEXT)) == [Span(5, 15)]


def test_regex() -> None:
    assert texts("/X{1,3}[次条]/", "开展X次、XX条") == ["X次", "XX条"]
    assert texts(r"/a\/b/", "a/b") == ["a/b"]


@pytest.mark.parametrize("typo", ["意认形态", "意形态", "意识形态", "意识形形态"])
def test_near_miss_accepts_one_edit(typo: str) -> None:
    assert texts('~"意识形态"', f"加强{typo}工作") == [typo]


def test_near_miss_rejects_two_edits_and_prefers_exact() -> None:
    assert find('~"意识形态"', "意见形式") == []
    assert texts('~"意识形态"', "意识形态") == ["意识形态"]


def test_in_role_filters_by_section() -> None:
    hay = Haystack(
        "工作不足\n存在不足", (Segment(0, 4, frozenset()), Segment(5, 9, frozenset({"problems"})))
    )
    assert compile_expr('in(problems, "不足")').find(hay) == [Span(7, 9)]
    assert compile_expr('"不足"').find(hay) == [Span(2, 4), Span(7, 9)]


def test_parsed_once_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = compile_expr('near("成立", group, 10)', TERMS)

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(expr, "_grammar", no_parsing)
    assert matcher.find(Haystack(TEXT))
    assert not matcher.find(Haystack("没有相关内容"))


@pytest.mark.parametrize(
    ("source", "column", "message"),
    [
        ('"领导小组', 1, "expected a closing '\"' (unterminated quoted term)"),
        ("/X次", 1, "expected a closing '/' (unterminated regex)"),
        ('"a" | /(/', 7, "invalid regular expression: missing ), unterminated subpattern"),
        ('("a"', 5, 'expected ")"'),
        ('near("a", "b")', 14, "expected ', and a number of characters'"),
        ('near("a", "b", x)', 16, "expected a number"),
        ("any()", 5, 'expected a quoted term, a /regex/, a term-list name, "(" or "!"'),
        ('"a" "b"', 5, "expected an operator |, & or the end of the expression"),
        ('"a" |', 6, 'expected a quoted term, a /regex/, a term-list name, "(" or "!"'),
        ('foo("a")', 1, "unknown function 'foo' (known: any, near, in)"),
        ('"a" | nosuch', 7, "unknown term list 'nosuch'"),
        ('~"舆论"', 2, "near-miss needs a term of at least 3 characters ('舆论')"),
        ("~short", 2, "near-miss needs a term of at least 3 characters ('舆论')"),
        ('""', 1, "expected a non-empty quoted term"),
        ("", 1, 'expected a quoted term, a /regex/, a term-list name, "(" or "!"'),
    ],
)
def test_syntax_errors(source: str, column: int, message: str) -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr(source, TERMS)
    err = info.value
    assert (err.line, err.column, err.message) == (1, column, message)
    assert str(err) == f"1:{column}: {message}"
    assert err.offset == column - 1


def test_error_line_in_a_multiline_expression() -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr('group\n| near("成立", group\n', TERMS)
    assert (info.value.line, info.value.column) == (2, 19)
    assert info.value.message == "expected ', and a number of characters'"
