from __future__ import annotations

from pathlib import Path

import pytest

from compliance.kinds import KINDS
from compliance.rulefile import RuleFileError, default_rules_dir, load_pack, load_packs

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
    assert err.message == "expected 'size_pt' to be a float"
