from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from compliance.match import expr, matchers
from compliance.match.expr import ExprSyntaxError, compile_expr
from compliance.match.matchers import Haystack, Segment, Span

TEXT = "我局成立了意识形态工作领导小组，书记为第一责任人。"
TERMS = {"group": ["领导小组", "领导机构"], "short": ["舆论"], "ideology": ["意识形态", "宣传思想"]}
ATOM = 'expected a quoted term, a /regex/, a term-list name, "(" or "!"'


def find(source: str, text: str = TEXT) -> list[Span]:
    return compile_expr(source, TERMS).find(Haystack(text))


def texts(source: str, text: str = TEXT) -> list[str]:
    return [text[s.start : s.end] for s in find(source, text)]


# -- terms, lists, regexes -----------------------------------------------------------------


def test_quoted_term_gives_its_exact_span() -> None:
    assert find('"领导小组"') == [Span(11, 15)]
    assert TEXT[11:15] == "领导小组"


def test_term_finds_every_non_overlapping_occurrence() -> None:
    assert find('"X次"', "开展X次，研讨X次") == [Span(2, 4), Span(7, 9)]
    assert find('"哈哈"', "哈哈哈") == [Span(0, 2)]


def test_escapes_in_quoted_terms() -> None:
    assert texts(r'"\"四个意识\""', '增强"四个意识"') == ['"四个意识"']
    assert texts(r'"a\\b"', r"x a\b y") == ["a\\b"]


def test_named_term_list_matches_any_of_its_terms() -> None:
    assert texts("group", "成立领导机构和领导小组") == ["领导机构", "领导小组"]
    assert find("group", "没有相关内容") == []


def test_overlapping_terms_of_a_list_keep_both_spans() -> None:
    terms = {"g": ["领导小组", "意识形态工作领导小组", "领导小组"]}
    assert compile_expr("g", terms).find(Haystack(TEXT)) == [Span(5, 15), Span(11, 15)]


def test_regex() -> None:
    assert texts("/X{1,3}[次条个户]/", "开展X次、XX条") == ["X次", "XX条"]
    assert texts(r"/\d+\/\d+/", "完成率3/4") == ["3/4"]
    assert find("/X*/", "没有") == []  # empty matches are not matches


# -- operators -----------------------------------------------------------------------------


def test_and_or_not() -> None:
    assert texts('any("领导小组", "领导机构") & "第一责任人"') == ["领导小组", "第一责任人"]
    assert find('"领导小组" & "网络舆情"') == []
    assert find('!"网络舆情"') == [Span(0, 0)]
    assert find('!"领导小组"') == []
    assert texts('"网络舆情" | "书记"') == ["书记"]
    assert texts('"书记" | "书记"') == ["书记"]  # de-duplicated


def test_precedence_not_then_and_then_or() -> None:
    # !a & b | c  ==  ((!a) & b) | c
    assert texts('!"网络舆情" & "书记" | "不存在"') == ["", "书记"]
    # a | b & c  ==  a | (b & c): b & c is false, a alone is enough.
    assert texts('"书记" | "领导小组" & "网络舆情"') == ["书记"]
    assert find('("书记" | "领导小组") & "网络舆情"') == []
    assert find('!("书记" | "网络舆情")') == []
    assert find('!!"书记"') == [Span(0, 0)]


def test_any_with_one_argument_and_nested_expressions() -> None:
    assert texts('any("书记")') == ["书记"]
    assert texts('any("网络舆情", "书记" & "成立")') == ["成立", "书记"]


def test_near_within_distance_in_either_order() -> None:
    assert texts('near("成立", "领导小组", 10)') == ["成立了意识形态工作领导小组"]
    assert texts('near("领导小组", "成立", 10)') == ["成立了意识形态工作领导小组"]
    assert find('near("成立", "领导小组", 2)') == []
    # The gap is 了意识形态工作: exactly 7 characters.
    assert find('near("成立", "领导小组", 7)') and not find('near("成立", "领导小组", 6)')


def test_near_within_a_clause_does_not_pair_across_a_clause_end() -> None:
    text = "开展分析研判，并对下一步工作作出安排。尚未成立领导小组"
    assert texts('near("下一步", "分析研判", 6)', text) == ["分析研判，并对下一步"]
    assert find('near("下一步", "分析研判", 6, clause)', text) == []
    assert texts('near("尚未", "领导小组", 6, clause)', text) == ["尚未成立领导小组"]
    assert texts('near("成立", "尚未", 0, clause)', text) == ["尚未成立"]


def test_near_counts_overlap_as_zero_and_pairs_every_match() -> None:
    assert find('near("意识形态", "形态工作", 0)') == [Span(5, 11)]
    assert texts('near("书记", /[领导]/, 3)', "领书记导") == ["领书记", "书记导"]


def test_in_role_keeps_matches_starting_in_such_a_section() -> None:
    text = "工作不足\n存在不足\n今后不足"
    hay = Haystack(
        text,
        (
            Segment(0, 4, frozenset({"achievements"})),
            Segment(5, 9, frozenset({"problems", "plan"})),
        ),
    )
    assert compile_expr('in(problems, "不足")').find(hay) == [Span(7, 9)]
    assert compile_expr('in(plan, "不足" | "工作")').find(hay) == [Span(7, 9)]
    assert compile_expr('"不足"').find(hay) == [Span(2, 4), Span(7, 9), Span(12, 14)]
    assert compile_expr('in(problems, "不足")').find(Haystack(text)) == []


def test_a_role_is_not_a_term_list_name() -> None:
    # "group" is a term list, but as in()'s first argument it is only a role name.
    hay = Haystack("领导小组", (Segment(0, 4, frozenset({"group"})),))
    assert compile_expr('in(group, "领导小组")', TERMS).find(hay) == [Span(0, 4)]


def test_function_names_are_free_as_term_list_names() -> None:
    terms = {"any": ["书记"], "near": ["成立"]}
    assert compile_expr("any | near", terms).find(Haystack(TEXT)) == [Span(2, 4), Span(16, 18)]


# -- near misses ---------------------------------------------------------------------------


@pytest.mark.parametrize("typo", ["意认形态", "意形态", "意识形态", "意识形形态"])
def test_near_miss_accepts_one_edit(typo: str) -> None:
    assert texts('~"意识形态"', f"加强{typo}工作") == [typo]


def test_near_miss_rejects_two_edits() -> None:
    assert find('~"意识形态"', "意见形式") == []
    assert find('~"意识形态"', "加强宣传思想工作") == []


def test_near_miss_prefers_the_exact_occurrence() -> None:
    # 的意识形态 is also one edit away (an extra 的), but the exact match wins.
    assert texts('~"意识形态"', "党的意识形态工作") == ["意识形态"]
    assert texts('~"意识形态"', "意识形态、意认形态和意识形") == ["意识形态", "意认形态", "意识形"]


def test_near_miss_stays_within_a_paragraph() -> None:
    assert find('~"意识形态"', "意识\n形态") == []


def test_near_miss_on_a_term_list() -> None:
    assert texts("~ideology", "加强意认形态和宣专思想工作") == ["意认形态", "宣专思想"]


# -- compiled once, evaluated many times ---------------------------------------------------


def test_compiled_once_and_evaluated_on_many_haystacks(monkeypatch: pytest.MonkeyPatch) -> None:
    matcher = compile_expr('near("成立", group, 10) & !~"网络舆情"', TERMS)

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(expr.GRAMMAR, "parse_string", no_parsing)
    assert matcher.find(Haystack(TEXT)) == [Span(0, 0), Span(2, 15)]
    assert matcher.find(Haystack("没有相关内容")) == []
    assert matcher.find(Haystack("成立领导机构，但网络舆倩未处置")) == []


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "message"),
    [
        ('"领导小组', 1, 'expected a closing " for the quoted term starting here'),
        ('"a" | "领导\n"', 7, 'expected a closing " for the quoted term starting here'),
        ("/X次", 1, "expected a closing / for the regex starting here"),
        ('"a" | /(/', 7, "invalid regular expression: missing )"),
        ('("a" | "b"', 11, 'expected ")"'),
        ('near("a", "b")', 14, "expected ', and a number of characters'"),
        ('near("a", "b", x)', 16, "expected a whole number of characters, such as 10"),
        ('near("a", "b", -1)', 16, "expected a whole number of characters, such as 10"),
        ('near("a", "b", 1.5)', 16, "expected a whole number of characters, such as 10"),
        ('near("a" "b", 3)', 10, 'expected ","'),
        ('near("a", "b", 3, sentence)', 19, 'expected "clause"'),
        ("any()", 5, ATOM),
        ('any("a",)', 9, ATOM),
        ('any("a" "b")', 9, 'expected "," or ")"'),
        ('in("问题", "a")', 4, "expected a section role, such as problems"),
        ('"a" "b"', 5, "expected an operator |, & or end of expression"),
        ('"a" ) ', 5, "expected an operator |, & or end of expression"),
        ('"a" |', 6, ATOM),
        ('"a" |   ', 6, ATOM),
        ('"a" & | "b"', 7, ATOM),
        ("!", 2, ATOM),
        ("", 1, ATOM),
        ("~/x/", 2, "expected a quoted term or a term-list name"),
        ('foo("a")', 1, "unknown function 'foo' (known: any, near, in)"),
        ('any("a", Near("a", "b", 1))', 10, "unknown function 'Near' (known: any, near, in)"),
        ('"a" | nosuch', 7, "unknown term list 'nosuch'"),
        ('near("a", nosuch, 3)', 11, "unknown term list 'nosuch'"),
        ('~"舆论"', 2, "near-miss needs a term of at least 3 characters"),
        ('any("a", ~ "舆论")', 12, "near-miss needs a term of at least 3 characters"),
        ("~short", 2, "near-miss needs a term of at least 3 characters ('舆论' in 'short')"),
        ('""', 1, "an empty quoted term matches nothing"),
        ("//", 1, "an empty /regex/ matches nothing"),
    ],
)
def test_syntax_errors(source: str, column: int, message: str) -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr(source, TERMS)
    err = info.value
    assert (err.line, err.column, err.offset) == (1, column, column - 1)
    assert err.message == message
    assert str(err) == f"1:{column}: {message}"
    if message.startswith("expected "):
        assert err.expected == message.removeprefix("expected ")
    assert "Expected" not in str(err) and "{" not in str(err)  # nothing of pyparsing's


def test_semantic_errors_still_say_what_was_expected() -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr('"a" | /[/')
    assert info.value.expected == "a valid regular expression"


def test_error_line_and_column_in_a_multiline_expression() -> None:
    source = 'group\n| near("成立", group\n  ) | "书记"'
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr(source, TERMS)
    err = info.value
    assert (err.line, err.column) == (3, 3)  # the ")" where the distance should be
    assert source.splitlines()[err.line - 1][err.column - 1] == ")"
    assert str(err) == "3:3: expected ', and a number of characters'"


def test_error_at_the_end_points_after_the_last_token_not_at_blank_lines() -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr('"书记" |\n\n  \n', TERMS)
    assert (info.value.line, info.value.column) == (1, 7)  # just after the "|"


def test_too_deep_nesting_is_a_syntax_error_too() -> None:
    with pytest.raises(ExprSyntaxError, match="nested too deeply"):
        compile_expr("(" * 500 + '"a"' + ")" * 500)


def test_a_catastrophic_user_regex_stops_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from compliance.match.matchers import MatchTimeout

    monkeypatch.setattr(matchers, "REGEX_TIMEOUT", 0.05)
    matcher = compile_expr(r"/(x+x+)+y/")
    with pytest.raises(MatchTimeout, match=r"/\(x\+x\+\)\+y/ took over 0.05 s"):
        matcher.find(Haystack("x" * 5000))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="意识形态宣传思想认\n", max_size=40),
    words=st.lists(st.sampled_from(["意识形态", "宣传思想", "思想认识", "形态意识"]), min_size=1),
)
def test_near_miss_reports_every_window_within_one_edit(text: str, words: list[str]) -> None:
    """Whatever the candidate index skips, no window within one edit of a term goes
    unreported: each overlaps a reported span, and each span is such a window."""
    spans = compile_expr("~terms", {"terms": words}).find(Haystack(text))
    for span in spans:
        assert any(Levenshtein.distance(text[span.start : span.end], w) <= 1 for w in words)
    for word in words:
        for start in range(len(text)):
            for length in (len(word) - 1, len(word), len(word) + 1):
                window = text[start : start + length]
                if len(window) < length or "\n" in window:
                    continue
                if Levenshtein.distance(window, word) <= 1:
                    assert any(s.start < start + length and start < s.end for s in spans)


@pytest.mark.parametrize(
    "source",
    [
        "/(?=领导)/",  # only zero-width matches: find drops them all
        "/(?=领导)|小组/",  # zero-width ones before a real one
        "/^/",
        "/书记|^$/",
        "!/舆论/",
        "!/(?=领导)/",
        '/第一/ & !"舆论"',
        "/第一/ & /(?=书记)/",
        'near("书记", /第一/, 6) & !/小组$/',
        '"领导小组" | /为第一/',
    ],
)
@pytest.mark.parametrize("text", [TEXT, "", "舆论", "领导", "书记为第一", "小组"])
def test_holds_says_whether_find_finds_anything(source: str, text: str) -> None:
    matcher = compile_expr(source, TERMS)
    assert matchers.holds(matcher, Haystack(text)) is bool(matcher.find(Haystack(text)))
