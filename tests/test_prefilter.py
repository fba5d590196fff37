"""What a regular expression cannot match without (compliance.match.prefilter).

The prefilter may say less than it could, never more: a claim that is too strong makes
a paragraph lose a finding without a word. Hence the property tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance import load_rules
from compliance.match import matchers
from compliance.match.matchers import Haystack, Matcher, Regex, Span
from compliance.match.prefilter import branches, required_class, required_literals, required_sets
from compliance.match.terms import TermIndex

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("领导小组", {"领导小组"}),
        ("(?<!习近平)新时代中国特色社会主义思想", {"新时代中国特色社会主义思想"}),
        # 担任组长 holds 任组长: a text holding it holds the shorter one too.
        ("为组长|任组长|担任组长", {"为组长", "任组长"}),
        ("[XＸ×]{1,4}[次条]?", {"X", "Ｘ", "×"}),
        ("(下一步|今后)[^。]{0,12}(将|要)", {"下一步", "今后"}),
        ("a?b+c*", {"b"}),
        ("(?:abc){2}", {"abc"}),
        # A small class, an alternation of words or an optional word next to a literal:
        # their products, longer and rarer than any of the parts.
        ("[a-c]x", {"ax", "bx", "cx"}),
        ("十[五六七]大", {"十五大", "十六大", "十七大"}),
        ("关注(?:我们|本站)", {"关注我们", "关注本站"}),
        ("供(?:大家|您)?参考", {"供大家参考", "供您参考", "供参考"}),
        ("a(?:b|)c?", {"a"}),
        ("[a-zA-Z]x", {"x"}),  # a wide class is not spelt out
        ("ab|c", {"ab", "c"}),
        # Escaped brackets, where no POSIX class can be: the web page's "[复制链接]".
        (r"\[复制链接\]", {"[复制链接]"}),
        (r"点击[：:][ \t]*\[[ \t]*\]", {"点击：", "点击:"}),
    ],
)
def test_required_literals(pattern: str, needs: set[str]) -> None:
    assert required_literals(pattern) == frozenset(needs)


@pytest.mark.parametrize(
    "pattern",
    [
        "(?i)abc",  # case-insensitive: "ABC" holds no "abc"
        "(?i:abc)",
        "(?:abc){e<=1}",  # the regex module's fuzzy matching
        "[[:alpha:]]+",  # a POSIX class, which re would read as a set of characters
        r"\[x\][[:alpha:]]",  # a POSIX class elsewhere: no bracket is trusted
        r"\p{Han}+",  # regex-only syntax re cannot parse
        "a*|b",  # an alternative that needs nothing
        r"(\w)\1",  # a class of everything, then a back reference
        "[^a]",
        ".+",
        "[\u4e00-\u9fff]",  # too many characters to be worth looking up
    ],
)
def test_no_claim_where_unsure(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_verbose_and_ignorecase_flags_give_no_claim() -> None:
    assert required_literals("abc", re.IGNORECASE) is None
    assert required_literals("a b c", re.VERBOSE) is None


def test_every_element_of_a_sequence_requires_its_own_strings() -> None:
    pattern = r"(?<=^[\s\u3000]*\d{4}年)(?:市|县)(?=[上下]半年|党建)"
    assert required_sets(pattern) == [
        frozenset({"上半年", "下半年", "党建"}),  # the longest strings first
        frozenset({"年"}),
        frozenset({"市", "县"}),
    ]
    assert required_literals(pattern) == required_sets(pattern)[0]
    assert required_sets("[^a]+") == [] and required_sets("(?i)abc") == []


# -- soundness -----------------------------------------------------------------------------

# Random patterns over a tiny alphabet, built from what rule authors write.
_atoms = st.sampled_from(["a", "b", "ab", "[ab]", "[a-c]", ".", r"\w", "[^a]", "c"])


def _patterns() -> st.SearchStrategy[str]:
    return st.recursive(
        _atoms,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "{1,3}"])).map(
                lambda p: f"(?:{p[0]}){p[1]}"
            ),
            inner.map(lambda p: f"({p})"),
            inner.map(lambda p: f"(?<!{p})"),
            inner.map(lambda p: f"(?<={p})"),
            inner.map(lambda p: f"(?={p})"),
            inner.map(lambda p: f"(?!{p})"),
            inner.map(lambda p: f"^{p}$"),
        ),
        max_leaves=6,
    )


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(pattern=_patterns(), text=st.text(alphabet="abc\n", max_size=12))
def test_a_match_always_holds_one_of_the_needs(pattern: str, text: str) -> None:
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    needs = required_literals(pattern)
    if needs is not None and compiled.search(text):
        assert any(n in text for n in needs), (pattern, text, needs)
    if compiled.search(text):  # and one string of every set the sequence requires
        for strings in required_sets(pattern):
            assert any(n in text for n in strings), (pattern, text, strings)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(pattern=_patterns(), text=st.text(alphabet="abc\n", max_size=12))
def test_a_match_always_holds_a_character_of_the_class(pattern: str, text: str) -> None:
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    needed = required_class(pattern)
    if needed is not None and compiled.search(text):
        assert regex.search(needed, text), (pattern, text, needed)


def test_a_class_is_found_where_no_string_is() -> None:
    cyrillic = required_class(r"(?<=[\u4e00-\u9fff])[\u0400-\u04ff]+(?=[\u4e00-\u9fff])")
    assert cyrillic is not None
    assert regex.search(cyrillic, "意识ки形态") and not regex.search(cyrillic, "意识形态")
    assert required_class(r"[^a]+") is None and required_class(r"\w+") is None


def _regexes(matcher: Matcher | None) -> list[Regex]:
    if matcher is None:
        return []
    if isinstance(matcher, Regex):
        return [matcher]
    found = []
    for name in ("parts", "left", "right", "part"):
        value = getattr(matcher, name, None)
        for part in value if isinstance(value, tuple) else [value]:
            found += _regexes(part)
    return found


def _real_lines(shared_reports: Path) -> list[str]:
    """Every line of the samples and of ../shared/reports: real text to try patterns on."""
    return [
        line
        for path in [*SAMPLES.glob("*.txt"), *shared_reports.glob("*.txt")]
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_shipped_regexes_are_prefiltered_soundly_on_real_text(shared_reports: Path) -> None:
    rules = load_rules()
    regexes = [r for rule in rules.rules for m in (rule.match, rule.exclude) for r in _regexes(m)]
    assert sum(r.required is not None for r in regexes) >= 8  # most of them can be skipped
    paragraphs = _real_lines(shared_reports)
    checked = 0
    for item in regexes:
        if item.required is None:
            continue
        for paragraph in paragraphs:
            if item.pattern.search(paragraph):
                checked += 1
                assert any(n in paragraph for n in item.required), (item.pattern.pattern, paragraph)
                for strings in item.also:
                    assert any(n in paragraph for n in strings), (item.pattern.pattern, strings)
    assert checked > 20
    assert sum(bool(r.also) for r in regexes) >= 8  # most patterns require more than one


# -- a top-level alternation's alternatives ------------------------------------------------


def test_branches_split_only_the_top_level_alternation() -> None:
    found = branches(r"(?:a|b)c|[|x]d|e\|f")
    assert found == [
        ("(?:a|b)c", frozenset({"ac", "bc"})),
        ("[|x]d", frozenset({"|d", "xd"})),
        (r"e\|f", frozenset({"e|f"})),
    ]
    assert branches("abc") is None  # no alternation
    assert branches(r"(a)x|\1y") is None  # a back reference: the groups would renumber
    assert branches("(?i)a|b") is None  # an inline flag applies to every alternative
    assert branches("[^a]|.") is None  # nothing known of any alternative


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    parts=st.lists(_patterns(), min_size=2, max_size=4),
    text=st.text(alphabet="abc\n", max_size=12),
)
def test_the_alternatives_a_text_can_match_find_what_the_whole_finds(
    parts: list[str], text: str
) -> None:
    """Regex.find with the term index's hits runs only the alternatives whose strings the
    text holds: the same spans as the whole pattern."""
    pattern = "|".join(parts)
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    alternatives = branches(pattern) or []
    matcher = Regex(
        compiled,
        None,
        None,
        tuple((b, None if n is None else tuple(sorted(n))) for b, n in alternatives),
    )
    index = TermIndex(matcher.literals())
    whole = [Span(*m.span()) for m in compiled.finditer(text) if m.end() > m.start()]
    assert matcher.find(Haystack(text, (), index.scan(text))) == whole, (pattern, text)


def test_shipped_alternations_find_what_the_whole_pattern_finds(
    shared_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every subset compiled at once, not after 20,000 characters: its matches are checked.
    monkeypatch.setattr(matchers, "_COMPILE_AFTER", 0)
    rules = load_rules()
    regexes = [
        r for rule in rules.rules for m in rule.matchers() for r in _regexes(m) if r.branches
    ]
    assert len(regexes) >= 10
    paragraphs = _real_lines(shared_reports)
    pruned = 0
    for item in regexes:
        for paragraph in paragraphs:
            hits = rules.terms.scan(paragraph)
            whole = [
                Span(*m.span()) for m in item.pattern.finditer(paragraph) if m.end() > m.start()
            ]
            assert item.find(Haystack(paragraph, (), hits)) == whole, (
                item.pattern.pattern,
                paragraph,
            )
            pruned += item._pruned(hits, len(paragraph)) is not item.pattern
    assert pruned > 100  # most paragraphs run a few of the alternatives


def test_a_text_that_leaves_one_alternative_runs_it_kept_compiled() -> None:
    # Each alternative is compiled with the pack (Regex.alone), so a one-file run, which
    # compiles no subset before 20,000 characters, runs the one alternative left, not the
    # whole alternation, and imports no regex parser to do so.
    rules = load_rules()
    regexes = [
        r for rule in rules.rules for m in rule.matchers() for r in _regexes(m) if r.branches
    ]
    assert regexes and all(len(r.alone) == len(r.branches) for r in regexes)
    # ST209's site residue: one of its alternatives alone holds 精品文档.
    item = next(r for r in regexes if any("精品文档" in text for text in dict(r.branches)))
    paragraph = "本报告经反复修改，可作为精品文档保存。"  # only the 精品文档 alternative's string
    hits = rules.terms.scan(paragraph)
    mask = item._chooser.choose(hits)
    assert mask and not mask & (mask - 1), bin(mask)
    pruned = item._pruned(hits, len(paragraph))
    assert pruned is not None and pruned is not item.pattern
    assert pruned.pattern in dict(item.branches)  # one alternative, as written
    assert pruned.flags == item.pattern.flags
    whole = [Span(*m.span()) for m in item.pattern.finditer(paragraph) if m.end() > m.start()]
    assert item.find(Haystack(paragraph, (), hits)) == whole != []
