"""Compiled packs come back from the on-disk cache identical, and a bad entry is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.packs import rulefile
from compliance.packs.rulefile import default_rules_dir, load_pack, rule_files


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "packs"
    monkeypatch.setenv("COMPLINT_PACK_CACHE", str(folder))
    return folder


def test_a_cached_pack_equals_the_compiled_one(cache: Path) -> None:
    for path in rule_files(default_rules_dir()):
        compiled = load_pack(path)
        assert len(list(cache.glob("*.pickle"))) >= 1
        # `regex` patterns compare by identity; their repr holds pattern and flags.
        assert repr(load_pack(path)) == repr(compiled)


def test_the_cache_is_used_and_keyed_on_content(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.toml"
    rule = (
        '[[rule]]\ncode = "ZZ001"\nname = "x"\nkind = "forbid"\nseverity = "warning"\n'
        'title = "x"\nmessage = "{text}"\nmatch = \'"甲乙"\'\n'
    )
    path.write_text(rule, encoding="utf-8")
    load_pack(path)

    def no_parsing(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(rulefile, "_parse_pack", no_parsing)
    assert load_pack(path).rules[0].code == "ZZ001"  # from the cache
    path.write_text(rule.replace("ZZ001", "ZZ002"), encoding="utf-8")
    with pytest.raises(AssertionError, match="compiled again"):
        load_pack(path)  # new content, new key


def test_a_damaged_entry_is_compiled_again(cache: Path) -> None:
    path = rule_files(default_rules_dir())[0]
    compiled = load_pack(path)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert repr(load_pack(path)) == repr(compiled)


def test_off_disables_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPLINT_PACK_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_pack(rule_files(default_rules_dir())[0])
    assert not list(tmp_path.rglob("*.pickle"))


def test_the_gazetteer_table_comes_back_from_the_cache_identical(cache: Path) -> None:
    from compliance.match import gazetteer

    def forget() -> None:  # the table is cached in the process too
        gazetteer._cached_table.cache_clear()
        gazetteer.gazetteer.cache_clear()

    forget()
    try:
        built = gazetteer.gazetteer()
        assert len(list(cache.glob("*.pickle"))) == 1
        forget()
        cached = gazetteer.gazetteer()
        assert (cached.forms, cached.codes) == (built.forms, built.codes) == gazetteer._table()
        text = "南江县和南和县的干部"
        assert list(cached.find(text)) == list(built.find(text))
        assert [p.name for p in cached.find(text)] == ["南江县", "南和县"]
    finally:
        gazetteer._cached_table.cache_clear()
        gazetteer.gazetteer.cache_clear()


def test_st209_page_numbers_need_no_jieba_file_at_lint_time(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ST209's word list (does a line's "2、" cut a word in two?) is compiled into the
    pack: a lint from the cached pack reads no dictionary, and still tells the cases."""
    from compliance import api
    from compliance.match import lexicon

    path = default_rules_dir() / "structure.toml"
    load_pack(path)  # compiled once, into the cache

    def no_reading(*args: object) -> None:
        raise AssertionError("read at lint time")

    monkeypatch.setattr(rulefile, "_parse_pack", no_reading)
    monkeypatch.setattr(lexicon, "jieba_dictionary", no_reading)
    ruleset = api.RuleSet.from_packs([load_pack(path)])
    opening = (
        "示范局2024年工作总结\n今年以来，我局围绕中心工作，全面加强意识形态阵地建设，为发展提\n"
    )
    cut = api.check(opening + "2、供坚强保障。\n", rules=ruleset)
    assert [(f.rule, f.line, f.text) for f in cut.findings if f.rule == "ST209"] == [
        ("ST209", 3, "2")
    ]
    label = api.check(opening + "2、加强学习。\n", rules=ruleset)  # 提加 is no word: a label
    assert not [f for f in label.findings if f.rule == "ST209"]
