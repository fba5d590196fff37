from __future__ import annotations

from pathlib import Path

import pytest

from compliance.errors import RuleFileError
from compliance.kinds import KINDS
from compliance.packs.rulefile import Pack, default_rules_dir, load_pack, load_packs

HEADER = """
[pack]
name = "t"

[terms]
group = ["领导小组", "领导机构"]
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def rule(**fields: str) -> str:
    base = {
        "code": '"IW901"',
        "name": '"t"',
        "kind": '"require"',
        "severity": '"error"',
        "title": '"T"',
        "message": '"缺少"',
        "match": "'group'",
    }
    base.update(fields)
    return "\n[[rule]]\n" + "\n".join(f"{k} = {v}" for k, v in base.items()) + "\n"


def error_of(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_pack(path)
    return info.value


def test_bundled_packs_load_with_the_first_codes() -> None:
    packs = load_packs([default_rules_dir()])
    codes = {r.code for p in packs for r in p.rules}
    assert {"IW101", "IW102", "IW105", "IW109", "IW110", "TX301"} <= codes
    kinds = {r.kind for p in packs for r in p.rules}
    assert {"require", "forbid", "substitute"} <= kinds


def _not_current(packs: list[Pack]) -> list[str]:
    """Codes written more than once, and deprecated spellings, in `packs`."""
    codes = [r.code for p in packs for r in p.rules]
    return sorted({c for c in codes if codes.count(c) > 1}) + [w for p in packs for w in p.warnings]


def test_bundled_packs_write_one_rule_per_code_in_current_spellings() -> None:
    assert _not_current(load_packs([default_rules_dir()])) == []


def test_a_facet_in_a_bundled_pack_would_fail_that_test(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), copy)
    text = (copy / "text.toml").read_text(encoding="utf-8")
    first = text.index("[[rule]]")
    second = text.index("[[rule]]", first + 1)
    (copy / "text.toml").write_text(text + "\n" + text[first:second], encoding="utf-8")
    found = _not_current(load_packs([copy]))
    assert found and "a second [[rule]] with code" in found[-1]


def test_every_bundled_rule_has_examples_and_messages() -> None:
    for pack in load_packs([default_rules_dir()]):
        for r in pack.rules:
            kind = KINDS[r.kind]
            more_bad, more_good = kind.examples(r) if kind.examples else ((), ())
            assert r.bad_examples + more_bad and r.good_examples + more_good, r.code
            assert r.message and r.title and r.name


def test_expression_syntax_error_points_into_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, rule(match="""'group | near("成立", group)'"""))
    err = error_of(path)
    line = HEADER.count("\n") + 1 + 8  # the [[rule]] header is preceded by a blank line
    source_line = path.read_text(encoding="utf-8").splitlines()[err.line - 1]
    assert source_line.startswith("match = ")
    assert err.line == line
    # The column points at the character after 'group' inside near(…): the missing distance.
    assert source_line[err.column - 1] == ")"
    assert "expected" in err.message
    assert str(err).startswith(f"{path}:{err.line}:{err.column}: ")


def test_error_in_a_multiline_expression_gets_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, rule(match="'''\ngroup\n| near(\"成立\", group, 10\n'''"))
    err = error_of(path)
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[err.line - 1].startswith("| near(")
    assert "expected" in err.message


def test_unknown_term_list_is_reported_at_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, rule(match="'group | nosuch'"))
    err = error_of(path)
    source_line = path.read_text(encoding="utf-8").splitlines()[err.line - 1]
    assert source_line[err.column - 1 :].startswith("nosuch")
    assert "nosuch" in err.message


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, rule() + "\ncode = = 3\n")
    err = error_of(path)
    assert err.line == len(path.read_text(encoding="utf-8").splitlines())
    assert err.column > 1
    assert err.message.startswith("invalid TOML")


@pytest.mark.parametrize(
    ("fields", "key", "words"),
    [
        ({"kind": '"nosuchkind"'}, "kind", "unknown kind"),
        ({"severity": '"fatal"'}, "severity", "severity"),
        ({"code": '"iw1"'}, "code", "rule code"),
        ({"message": '"缺少{nothing}"'}, "message", "placeholder"),
        ({"colour": '"red"'}, "colour", "unknown key"),
    ],
)
def test_schema_errors_name_the_key(
    tmp_path: Path, fields: dict[str, str], key: str, words: str
) -> None:
    path = write(tmp_path, rule(**fields))
    err = error_of(path)
    assert words in err.message
    assert path.read_text(encoding="utf-8").splitlines()[err.line - 1].startswith(key)


def test_missing_required_key(tmp_path: Path) -> None:
    body = rule().replace('message = "缺少"\n', "")
    err = error_of(write(tmp_path, body))
    assert "message" in err.message


def test_duplicate_codes_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEADER + rule(), encoding="utf-8")
    # Not a byte-identical copy (that is loaded once): another file reusing the code.
    (tmp_path / "b.toml").write_text("# mine\n" + HEADER + rule(), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_packs([tmp_path])
    assert "already defined" in info.value.message
    assert info.value.path.endswith("b.toml")


def test_pack_is_compiled_once(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, rule()))
    (r,) = pack.rules
    assert r.match is not None
    assert r.match_source == "group"


def test_number_options_take_integers_but_not_booleans(tmp_path: Path) -> None:
    layout = rule(kind='"layout"', target='"body"', size_pt="16")
    body = layout.replace("match = 'group'\n", "")
    assert load_pack(write(tmp_path, body)).rules[0].options["size_pt"] == 16
    err = error_of(write(tmp_path, body.replace("size_pt = 16", "size_pt = true")))
    assert err.message == "expected size_pt to be a number ≥ 0, found true (a rule of kind layout)"


# -- the strict rule language: every kind's keys declared, checked down to nested values --


def rule_of(kind: str, body: str, code: str = "ZZ901") -> str:
    return (
        f'\n[[rule]]\ncode = "{code}"\nname = "t"\nkind = "{kind}"\nseverity = "warning"\n'
        f'title = "T"\nmessage = "有误"\n{body}'
    )


def points_at(path: Path, err: RuleFileError, text: str) -> bool:
    """The error's line:column is where `text` begins in the file."""
    line = path.read_text(encoding="utf-8").splitlines()[err.line - 1]
    return line[err.column - 1 :].startswith(text)


def test_a_title_regex_that_does_not_compile_is_an_error_where_written(tmp_path: Path) -> None:
    # Before, section's skip_titles was compiled at the lint, and a bad one was a traceback.
    path = write(tmp_path, rule_of("section", 'role = "problems"\nskip_titles = "(计划"\n'))
    err = error_of(path)
    assert err.message.startswith("expected skip_titles to be a regular expression (missing )")
    assert points_at(path, err, '"(计划"')


def test_a_key_the_kind_does_not_read_is_an_error(tmp_path: Path) -> None:
    # Before, a rule took a key its kind never read and went on as if it did not exist.
    path = write(tmp_path, rule_of("repetition", 'allow = ["常常"]\nexclude = \'"意识形")\'\n'))
    err = error_of(path)
    assert err.message == (
        "unknown key 'exclude' for a repetition rule"
        " (expected fix, allow, marks, known, name_ends, surnames, given_names, routes, cut_names,"
        " measures, post_ends, posts, bylines, aabb_ends, longest, scope or defers_to)"
    )
    assert points_at(path, err, "'\"意识形")


def test_a_key_read_only_with_another_is_an_error_without_it(tmp_path: Path) -> None:
    path = write(tmp_path, rule_of("substitute", 'pairs = { "领城" = "领域" }\nsuggestion = "x"\n'))
    err = error_of(path)
    assert err.message == "suggestion is read only with match (a substitute rule)"
    assert points_at(path, err, '"x"')
    err = error_of(write(tmp_path, rule_of("layout", 'target = "body"\nfamily = "cn"\n')))
    assert err.message == 'family is read only with target = "heading"'


def test_a_kind_without_options_names_the_common_keys(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, rule_of("sequence", 'scope = "problems"\n')))
    assert "a sequence rule takes only the common keys" in err.message


@pytest.mark.parametrize(
    ("kind", "body", "at", "words"),
    [
        ("duplicate", "min_chars = 1.5\n", "1.5", "expected min_chars to be an integer ≥ 2"),
        ("duplicate", 'min_chars = "20"\n', '"20"', 'found "20"'),
        ("forbid", "match = '\"x\"'\nsuggestion = 3\n", "3", "suggestion to be a string"),
        ("order", 'roles = "plan"\n', '"plan"', "roles to be a non-empty list of section roles"),
        ("layout", 'target = "page"\n', '"page"', 'one of "body", "title", "heading"'),
        ("names", 'ignore = ["县", ["市"]]\n', '["市"]', "ignore[1] to be a non-empty string"),
        ("page", "expect = { width_mm = 210, depth_mm = 3 }\n", "3 }", "unknown key 'depth_mm'"),
        ("substitute", 'pairs = { "" = "领域" }\n', '"领域"', "keys of pairs to be non-empty"),
        (
            "layout",
            'target = "heading"\nheadings = [{ family = "cn", fonts = "黑体" }]\n',
            '"黑体"',
            "expected headings[0].fonts to be a list of non-empty strings",
        ),
    ],
)
def test_wrong_types_are_errors_at_the_value(
    tmp_path: Path, kind: str, body: str, at: str, words: str
) -> None:
    path = write(tmp_path, rule_of(kind, body))
    err = error_of(path)
    assert words in err.message, err.message
    assert err.message.endswith(f"(a rule of kind {kind})")
    assert points_at(path, err, at), err


def test_a_missing_required_option_says_what_it_is(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, rule_of("formulation", 'mode = "order"\n')))
    assert err.message.startswith("missing 'formulations': the formulations")


def test_unknown_pack_key(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text('[pack]\nname = "x"\nversion = "1"\n', encoding="utf-8")
    err = error_of(path)
    assert (err.line, err.column) == (3, 11)
    assert "unknown key 'version' in pack (expected name or description)" in err.message


def test_options_absent_from_a_rule_take_their_declared_defaults(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, rule_of("duplicate", "")))
    assert pack.rules[0].options == {"min_chars": 20, "formulas": []}


@pytest.mark.parametrize(
    ("kind", "body", "at"),
    [
        ("forbid", 'match = \'"x"\'\nscope = "problms"\n', '"problms"'),
        ("require", "match = 'group'\nat = \"problms\"\n", '"problms"'),
        ("period", 'skip_roles = ["plan", "problms"]\n', '"problms"'),
        ("coverage", 'plan = "problms"\n', '"problms"'),
        ("forbid", 'match = \'in(problems, "x") | in(problms, "y")\'\n', "problms,"),
    ],
)
def test_an_unknown_section_role_is_an_error(tmp_path: Path, kind: str, body: str, at: str) -> None:
    roles = '[roles]\nproblems = ["存在的问题"]\nplan = ["下一步"]\n'
    path = write(tmp_path, roles + rule_of(kind, body))
    with pytest.raises(RuleFileError) as info:
        load_packs([path])
    err = info.value
    assert err.message.startswith("unknown section role 'problms' in ")
    if "scope" in body:
        assert err.message.endswith(
            "(expected everywhere, header-footer, hidden, plan, problems or report)"
        )
    assert points_at(path, err, at), err


def test_roles_declared_by_another_loaded_pack_count(tmp_path: Path) -> None:
    path = write(tmp_path, rule_of("forbid", 'match = \'"x"\'\nscope = "problems"\n'))
    packs = load_packs([default_rules_dir(), path])
    assert packs[-1].rules[0].scope == "problems"


def test_facets_of_one_code_load_with_one_warning_per_file(tmp_path: Path) -> None:
    facets = "".join(rule_of("forbid", f"match = '\"{w}\"'\n") for w in ("甲", "乙", "丙"))
    path = write(tmp_path, facets)
    (pack,) = load_packs([path])
    assert len(pack.rules) == 3
    second = path.read_text(encoding="utf-8").splitlines().index("[[rule]]", 10) + 1
    assert pack.warnings == (
        f"{path}:{second}: deprecated: a second [[rule]] with code ZZ901 (and 1 more in this"
        " file); write one [[rule]] per code (several are accepted in this release only)",
    )


def test_facets_that_disagree_are_still_an_error(tmp_path: Path) -> None:
    body = rule_of("forbid", "match = '\"甲\"'\n") + rule_of("forbid", "match = '\"乙\"'\n")
    err = error_of(write(tmp_path, body.replace('severity = "warning"', 'severity = "error"', 1)))
    assert "already defined at line" in err.message


ENTRIES = """entries = [
  {{ match = {first}, since = "2022-10", suggestion = "党的二十大精神" }},
  {{ match = '"十八大精神" | "十八大报告"', since = "2017-10" }},
]
"""
OUTDATED = """formulations = [
  {{ match = {first}, since = "2022-10", by = "党的二十大精神" }},
  {{ match = '"十八大精神" | "十八大报告"', since = "2017-10" }},
]
"""


def _dated(tmp_path: Path, kind: str, body: str) -> tuple[list[str], tuple[str, ...]]:
    """ZZ401's findings on a 2024 report, and the warnings of its pack."""
    import warnings

    from compliance.api import check, load_rules
    from compliance.config import Config

    path = write(tmp_path, rule_of(kind, body, code="ZZ401"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rules = load_rules([path], config=Config(select=("ZZ401",)))
    text = "示范局2024年意识形态工作总结\n以十九大精神为指导，学习十八大精神，学习了十八大报告。\n"
    result = check(text, rules=rules)
    mine = tuple(str(w.message) for w in caught if str(path) in str(w.message))
    return [f.text for f in result.findings], mine


def _first_entry_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("  { match"))


def test_dated_entries_take_match_expressions(tmp_path: Path) -> None:
    body = ENTRIES.format(first="'/(以|用)十九大精神/'")
    found, warned = _dated(tmp_path, "substitute", body)
    assert found == ["以十九大精神", "十八大精神", "十八大报告"]
    assert warned == ()


def test_outdated_is_a_deprecated_alias_also_with_a_plain_regex(tmp_path: Path) -> None:
    found, warned = _dated(tmp_path, "outdated", OUTDATED.format(first='"(以|用)十九大精神"'))
    assert found == ["以十九大精神", "十八大精神", "十八大报告"]
    (message,) = warned
    kind_line = next(
        n
        for n, line in enumerate((tmp_path / "pack.toml").read_text("utf-8").splitlines(), 1)
        if line.startswith("kind =")
    )
    assert f"pack.toml:{kind_line}: deprecated: kind 'outdated' is an old name" in message


def test_an_entry_match_that_is_no_expression_is_an_error_inside_the_entry(
    tmp_path: Path,
) -> None:
    body = ENTRIES.format(first='\'near("学习", "十九大"\'')
    path = write(tmp_path, rule_of("substitute", body))
    err = error_of(path)
    assert "expected" in err.message
    assert err.line == _first_entry_line(path)


# Issue 19 item 4: these nested values crashed every lint; now each is one located line.
NESTED = [
    (
        "enumeration",
        'mode = "incomplete"\nlists = [\n  { name = "四个自信", members = ["道路", 3] },\n]\n',
        "3]",
        "expected lists[0].members[1] to be a non-empty string, found 3",
    ),
    (
        "enumeration",
        'mode = "order"\nlists = [{ name = "四个自信", members = ["道路"], window = "40" }]\n',
        '"40"',
        'expected lists[0].window to be an integer ≥ 0, found "40"',
    ),
    (
        "substitute",
        "entries = [\n  { match = '\"十九大精神\"', since = 202210 },\n]\n",
        "202210",
        "expected entries[0].since to be a month YYYY-MM, found 202210",
    ),
    (
        "substitute",
        'entries = [{ match = ["十九大"], since = "2022-10" }]\n',
        '["十九大"]',
        "expected entries[0].match to be an expression string, found a list",
    ),
    (  # the deprecated alias: named and placed as its file writes it
        "outdated",
        'formulations = [{ match = \'"十九大"\', since = "2022-10", by = 20 }]\n',
        "20 }",
        "expected formulations[0].by to be a string, found 20",
    ),
    (
        "substitute",
        "entries = [{ match = '\"十九大\"', suggestion = 20 }]\n",
        "20 }",
        "expected entries[0].suggestion to be a string, found 20",
    ),
    (
        "substitute",
        'entries = [{ match = \'"十九大"\', examples = { bad = "x" } }]\n',
        '"x"',
        'expected entries[0].examples.bad to be a list of strings, found "x"',
    ),
    (
        "substitute",
        'lexicon = ["意识形态", { source = "x", terms = ["网络", 7] }]\n',
        "7]",
        "expected lexicon[1].terms[1] to be a non-empty string, found 7",
    ),
    (
        "substitute",
        'lexicon = ["意识形态", 7]\n',
        "7]",
        "expected lexicon[1] to be a non-empty string or a table {source?, terms}, found 7",
    ),
    (
        "substitute",
        'titles = [{ source = "x", term = ["中国共产党章程"] }]\n',
        '["中国',
        "unknown key 'term' in titles[0] (expected source or terms)",
    ),
    (
        "substitute",
        'traditional = "yes"\n',
        '"yes"',
        'expected traditional to be true or false, found "yes"',
    ),
    (
        "formulation",
        'mode = "incomplete"\nformulations = [{ name = "四个自信", members = ["道路", 4] }]\n',
        "4]",
        "expected formulations[0].members[1] to be a non-empty string, found 4",
    ),
    (
        "formulation",
        'mode = "incomplete"\nformulations = [\n'
        '  { name = "x", wrong = [{ match = \'"y"\', since = "2022" }] },\n]\n',
        '"2022"',
        'expected formulations[0].wrong[0].since to be a month YYYY-MM, found "2022"',
    ),
    (
        "repetition",
        "longest = 9\n",
        "9",
        "expected longest to be an integer from 1 to 8, found 9",
    ),
    (
        "period",
        '[rule.conflicts]\n"上半年" = "全年"\n',
        '"全年"',
        'expected conflicts."上半年" to be a list of non-empty strings, found "全年"',
    ),
    (
        "period",
        'contradictions = ["上半年年度", 2024]\n',
        "2024",
        "expected contradictions[1] to be a non-empty string, found 2024",
    ),
    (
        "pairs",
        'pairs = { "“" = "”", "（" = 1 }\n',
        "1 }",
        'expected pairs."（" to be one character, found 1',
    ),
    (
        "pairs",
        '[rule.pairs]\n"“" = "”"\n"《" = true\n',
        "true",
        'expected pairs."《" to be one character, found true',
    ),
]


@pytest.mark.parametrize(("kind", "body", "at", "words"), NESTED)
def test_a_wrong_nested_value_is_one_located_line_from_complint(
    tmp_path: Path, kind: str, body: str, at: str, words: str
) -> None:
    from conftest import ROOT, limited_complint

    path = write(tmp_path, rule_of(kind, body))
    run = limited_complint("--rules", str(path), str(ROOT / "samples"))
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    [line] = run.stderr.splitlines()
    prefix, _, message = line.removeprefix("complint: ").partition(": ")
    file, row, column = prefix.rsplit(":", 2)
    assert file == str(path)
    assert message == f"{words} (a rule of kind {kind})"
    source = path.read_text(encoding="utf-8").splitlines()[int(row) - 1]
    assert source[int(column) - 1 :].startswith(at), (source, column)


def test_complint_shows_a_deprecation_once_per_file_and_goes_on(tmp_path: Path) -> None:
    from conftest import limited_complint

    facets = "".join(rule_of("forbid", f"match = '\"{w}\"'\n") for w in ("甲", "乙", "丙"))
    path = write(tmp_path, facets)
    report = tmp_path / "r.txt"
    report.write_text("示范局工作总结\n甲乙丙。\n", encoding="utf-8")
    run = limited_complint("--rules", str(path), "--select", "ZZ901", str(report))
    assert run.returncode == 0, run.stderr
    mine = [line for line in run.stderr.splitlines() if str(path) in line]
    assert len(mine) == 1 and mine[0].startswith(f"complint: warning: {path}:")
    assert run.stdout.count("ZZ901") == 3


def test_title_zh_is_a_common_key_of_every_kind(tmp_path: Path) -> None:
    body = rule_of("sequence", 'title-zh = "标题"\n')
    (loaded,) = load_pack(write(tmp_path, body)).rules
    assert loaded.title_zh == "标题"
    path = write(tmp_path, rule_of("sequence", "title-zh = 3\n"))
    err = error_of(path)
    assert err.message == "expected 'title-zh' to be a string" and points_at(path, err, "3")
