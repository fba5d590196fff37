"""Compiled packs come back from the on-disk cache identical, and a bad entry is ignored."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
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


def test_a_cached_packs_rules_bring_their_terms_worked_out(cache: Path) -> None:
    # RuleSet.terms takes each rule's literals as the pack cache kept them, instead of
    # walking every expression at every start: the same strings as a walk finds.
    from compliance.match.terms import literals_of

    for path in rule_files(default_rules_dir()):
        load_pack(path)
        for rule in load_pack(path).rules:
            assert "literals" in vars(rule), rule.code  # unpickled, not worked out again
            walked = [t for t in literals_of(rule.matchers()) if t]
            assert rule.literals == tuple(dict.fromkeys(walked)), rule.code


# A one-rule pack of our own, whose code the tests change to change its content.
_RULE = (
    '[[rule]]\ncode = "ZZ001"\nname = "x"\nkind = "forbid"\nseverity = "warning"\n'
    'title = "x"\nmessage = "{text}"\nmatch = \'"甲乙"\'\n'
)


def test_the_cache_is_used_and_keyed_on_content(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(_RULE, encoding="utf-8")
    load_pack(path)

    def no_parsing(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(rulefile, "_parse_pack", no_parsing)
    assert load_pack(path).rules[0].code == "ZZ001"  # from the cache
    path.write_text(_RULE.replace("ZZ001", "ZZ002"), encoding="utf-8")
    with pytest.raises(AssertionError, match="compiled again"):
        load_pack(path)  # new content, new key


def test_a_rule_files_digest_is_kept_under_its_stamp_once_it_is_not_racy(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compliance import packcache
    from compliance.packs.rulefile import load_packs

    path = tmp_path / "mine.toml"
    path.write_text(_RULE, encoding="utf-8")
    # Just changed (its time set ahead, so that a slow machine cannot age it): a change in
    # the same tick of the clock could keep its stamp, so its digest is not kept.
    os.utime(path, ns=(time.time_ns() + 10**10,) * 2)
    load_packs([path])
    assert not list(cache.glob("file-*.txt"))
    os.utime(path, ns=(time.time_ns() - 10**10,) * 2)
    load_packs([path])
    assert len(list(cache.glob("file-*.txt"))) == 1

    def refuse(data: bytes) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(packcache, "content_digest", refuse)
    assert load_packs([path])[0].rules[0].code == "ZZ001"  # the kept digest, the kept pack
    path.write_text(_RULE.replace("ZZ001", "ZZ002"), encoding="utf-8")  # same size
    with pytest.raises(AssertionError, match="hashed again"):
        load_packs([path])  # a new stamp: its digest is not known


def test_a_rule_file_with_windows_line_ends_compiles_as_with_unix_ones(
    cache: Path, tmp_path: Path
) -> None:
    # The pack is read as bytes (the cache's key) and decoded only when compiled, with
    # the universal newlines read_text applied: a multi-line string keeps only "\n".
    rule = (
        '[[rule]]\ncode = "ZZ001"\nname = "x"\nkind = "forbid"\nseverity = "warning"\n'
        'title = "x"\nmessage = """{text}\n第二行"""\nmatch = \'"甲乙"\'\n'
    )
    unix, windows = tmp_path / "unix" / "r.toml", tmp_path / "windows" / "r.toml"
    unix.parent.mkdir()
    windows.parent.mkdir()
    unix.write_bytes(rule.encode())
    windows.write_bytes(rule.replace("\n", "\r\n").encode())
    expected = load_pack(unix, display="r.toml")
    assert repr(load_pack(windows, display="r.toml")) == repr(expected)
    assert "\r" not in expected.rules[0].message and "\n" in expected.rules[0].message


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


def test_packs_holding_one_word_list_share_one_object_from_one_entry(cache: Path) -> None:
    # jieba's word list is in text.toml's rules and in ST209's: kept once on disk, loaded
    # once per process, one object in memory for every rule that holds it.
    from compliance import api, packcache
    from compliance.match.lexicon import WordList

    def word_lists() -> set[int]:
        packs = [load_pack(default_rules_dir() / n) for n in ("structure.toml", "text.toml")]
        rules = api.RuleSet.from_packs(packs).rules
        # The whole list, as ST209, TX301 and TX309 hold it (TX306's nouns are a list of
        # their own).
        held = [r.options.get("words") for r in rules]
        assert len([v for v in held if isinstance(v, WordList)]) >= 2
        return {id(v) for v in held if isinstance(v, WordList)}

    word_lists()  # compiled, into the cache
    entries = list(cache.glob("shared-*.pickle"))
    assert len(entries) >= 1
    packcache._shared.clear()  # as a new process
    assert len(word_lists()) == 1  # from the cache: one (two pickles held two before)
    assert set(cache.glob("shared-*.pickle")) == set(entries)  # nothing written again


def test_packs_holding_jiebas_dictionary_share_one_object_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # text.toml's rules, ST209 and the require rules' slips each pickle jieba's dictionary
    # with their pack: a process loading them from the cache builds it once, not per pack.
    from compliance import api, packcache
    from compliance.match import lexicon

    def dictionaries() -> set[int]:
        names = ("structure.toml", "text.toml", "ideology-report.toml")
        rules = api.RuleSet.from_packs([load_pack(default_rules_dir() / n) for n in names]).rules
        held: list[object] = []
        for rule in rules:
            for value in rule.options.values():
                held += [value, getattr(value, "dictionary", None)]
        found = {id(v) for v in held if isinstance(v, lexicon.Dictionary)}
        assert found
        return found

    dictionaries()  # compiled, into the cache
    packcache._shared.clear()  # as a new process
    monkeypatch.setattr(lexicon, "_JIEBA", {})
    assert len(dictionaries()) == 1


def test_a_word_list_pickles_as_one_utf16_blob_and_reads_the_same() -> None:
    import pickle

    from compliance.match.lexicon import WordList

    words = WordList(["中国", "中华", "人民", "\U00020000好", "共建"], {"中国": 5, "共建": 2})
    state = words.__getstate__()
    assert state[0] == "中人共\U00020000"  # the groups' first characters, sorted
    assert isinstance(state[1], bytes) and isinstance(state[2], bytes)  # bounds, text
    again = pickle.loads(pickle.dumps(words))
    assert again.__getstate__() == state  # the same groups, in the same order
    assert not again._groups  # nothing decoded until a lookup reaches a group
    assert "\U00020000好" in again and "中国" in again and "中" not in again
    assert "中华" in again and "人民" in again and "人" not in again and "华中" not in again
    assert "\U00020000" not in again and "\U00020000坏" not in again and 5 not in again
    assert again.frequency("中国") == 5 and again.frequency("共建") == 2
    assert again.frequency("中华") == 0 and again.frequency("中") == again.frequency("国家") == 0
    assert sorted(again._groups) == [0, 1, 2, 3]  # the groups looked into (国 has none)
    assert repr(again) == repr(words) == "WordList(5 words)" and len(again) == 5
    assert "人民" not in WordList(()) and len(WordList(())) == 0


def test_a_word_list_answers_as_a_set_of_its_words() -> None:
    # Every word in, its neighbours' prefixes and extensions out, frequencies as given,
    # after a pickle round trip as before it (a word of several groups' characters).
    import pickle
    import random

    from compliance.match.lexicon import WordList

    pick = random.Random(7)
    alphabet = "中国人民共建华好党\U00020000\u3000"
    words = {"".join(pick.choices(alphabet, k=pick.randint(2, 5))) for _ in range(400)}
    counts = {w: pick.randint(0, 10**6) for w in words}
    built = WordList(words, counts)
    again = pickle.loads(pickle.dumps(built))
    probes = words | {w[:-1] for w in words} | {w + "人" for w in words}
    for made in (built, again):
        assert len(made) == len(words)
        for probe in probes:
            assert (probe in made) == (probe in words), probe
            assert made.frequency(probe) == counts.get(probe, 0), probe


def test_a_dictionary_pickles_its_characters_as_strings_and_reads_the_same() -> None:
    import dataclasses
    import pickle

    from compliance.match.lexicon import Dictionary, WordList

    words = WordList(["中国", "人民"], {"中国": 5})
    made = Dictionary(
        words, frozenset("的了"), frozenset("在"), frozenset("與學"), "v1",
        {"的": 9, "在": 2**40}, 12, frozenset("的"), frozenset("总"),
        frozenset({"制", "型化"}),  # not all single characters: kept as the set
        WordList(["围绕"]),
    )  # fmt: skip
    again = pickle.loads(pickle.dumps(made, pickle.HIGHEST_PROTOCOL))
    for field in dataclasses.fields(Dictionary):
        if isinstance(getattr(made, field.name), WordList):
            assert repr(getattr(again, field.name)) == repr(getattr(made, field.name))
        else:
            assert getattr(again, field.name) == getattr(made, field.name), field.name
    assert list(again.singles) == ["的", "在"]  # in their order
    # Looked up in place, not as a dict: present, absent, longer than a character.
    for key in ("的", "在", "了", "的在", ""):
        assert again.singles.get(key, -1) == made.singles.get(key, -1), key
        assert (key in again.singles) == (key in made.singles), key
    twice = pickle.loads(pickle.dumps(again, pickle.HIGHEST_PROTOCOL))  # a pool's workers
    assert twice.singles == made.singles and list(twice.singles) == ["的", "在"]
    assert repr(again) == repr(made)


def test_sounds_kept_as_strings_code_and_compare_as_their_tables() -> None:
    import pickle

    from compliance.match.lexicon import Sounds

    table = {0x6C11: "\ue000", 0x540D: "\ue001", 0x660E: "\ue001", 0x4E00: "\ue002"}
    near = {0x6C11: "min", 0x540D: "min", 0x660E: "min", 0x4E00: "yi", 0x8BAE: "yi"}
    sounds = Sounds(table, near)
    again = pickle.loads(pickle.dumps(sounds, pickle.HIGHEST_PROTOCOL))
    assert again == sounds and again.table == table and again.near == near
    text = "民名明一议 abc\U00020000\ud800龥"
    assert again.code(text) == text.translate(table)
    chars = "民名明一议龥a\U00020000"
    for a in chars:
        for b in chars:
            fuzzy = near.get(ord(a))
            assert again.nearly(a, b) == (fuzzy is not None and fuzzy == near.get(ord(b)))


def test_a_pack_whose_shared_entry_is_gone_is_compiled_again(cache: Path) -> None:
    from compliance import packcache

    path = default_rules_dir() / "structure.toml"
    compiled = load_pack(path)
    for entry in cache.glob("shared-*.pickle"):
        entry.unlink()  # pruned, say
    packcache._shared.clear()  # and a new process
    assert repr(load_pack(path)) == repr(compiled)
    assert list(cache.glob("shared-*.pickle"))  # written again


# A fresh interpreter: the regex package is loaded in this one.
_ENGINE_ALONE = """
import pickle, sys
import regex
from compliance.packcache import _Unpickler
import io
patterns = [regex.compile(p) for p in (r"(?<=^.{0,3}年)(?:市|县)(?=半年)", r"[\\u4e00-\\u9fff]+",
                                         r"(?P<x>甲)乙(?P=x)")]
data = pickle.dumps(patterns)
for name in [m for m in sys.modules if m == "regex" or m.startswith("regex.")]:
    del sys.modules[name]
loaded = _Unpickler(io.BytesIO(data), __import__("pathlib").Path("/nonexistent")).load()
parser = sorted(m for m in sys.modules if m in ("regex", "regex._main", "regex._regex_core"))
texts = ["上半年市半年工作", "甲乙甲，丙", "abc汉字def"]
found = [[(m.span(), m.groups()) for m in p.finditer(t)] for p in loaded for t in texts]
again = pickle.loads(pickle.dumps(loaded))  # as a pool's workers receive them
import regex as full
print(repr((parser, found, [p.pattern for p in again], type(loaded[0]) is full.Pattern)))
"""


def test_patterns_from_the_cache_run_on_the_engine_alone_and_match_the_same() -> None:
    import regex

    run = subprocess.run([sys.executable, "-c", _ENGINE_ALONE], capture_output=True,
                         text=True, check=True, timeout=60)  # fmt: skip
    parser, found, again, same_type = ast.literal_eval(run.stdout)
    assert parser == []  # neither the package nor its parser was imported to load them
    patterns = [regex.compile(p) for p in (r"(?<=^.{0,3}年)(?:市|县)(?=半年)",
                                           r"[\u4e00-\u9fff]+", r"(?P<x>甲)乙(?P=x)")]  # fmt: skip
    texts = ["上半年市半年工作", "甲乙甲，丙", "abc汉字def"]
    assert found == [[(m.span(), m.groups()) for m in p.finditer(t)] for p in patterns
                     for t in texts]  # fmt: skip
    assert any(found)
    assert again == [p.pattern for p in patterns]
    assert same_type  # the package, imported later, uses the same engine module


def test_a_cached_pattern_is_made_when_first_used_and_behaves_as_the_pattern(
    tmp_path: Path,
) -> None:
    import copy
    import io
    import pickle

    import regex

    from compliance import packcache, regexengine

    pattern = regex.compile(r"(?P<x>甲)乙(?P=x)|[丙丁]{2}", regex.IGNORECASE)
    buffer = io.BytesIO()
    packcache._Pickler(buffer, tmp_path).dump({"p": pattern, "again": pattern})
    loaded = packcache._Unpickler(io.BytesIO(buffer.getvalue()), tmp_path).load()
    lazy = loaded["p"]
    assert isinstance(lazy, regexengine.LazyPattern) and loaded["again"] is lazy
    assert repr(lazy) == repr(pattern) and "_pattern" not in vars(lazy)  # not made yet
    text = "甲乙甲，丙丁"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (
        pattern.pattern, pattern.flags, pattern.groupindex)  # fmt: skip
    assert lazy.search(text).group("x") == "甲"
    assert copy.deepcopy(lazy) is lazy and lazy == lazy and lazy != pattern
    again = pickle.loads(pickle.dumps(lazy))  # a pool's workers get the pattern itself
    assert type(again) is type(pattern) and again.pattern == pattern.pattern
    # Stored again from a stand-in (a pack rebuilt from cached parts): a stand-in again.
    buffer = io.BytesIO()
    packcache._Pickler(buffer, tmp_path).dump(lazy)
    twice = packcache._Unpickler(io.BytesIO(buffer.getvalue()), tmp_path).load()
    assert isinstance(twice, regexengine.LazyPattern) and repr(twice) == repr(pattern)


def test_the_code_hash_is_kept_under_the_files_stamps(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every cache key holds the hash of complint's source; reading and hashing all of it
    # in every process is replaced by a lookup under the files' sizes, mtimes and inodes.
    from compliance import packcache as version

    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    (package / "sub.py").write_text("C = 3\n")
    monkeypatch.setattr(version, "_PACKAGE", package)
    first = version.code_hash.__wrapped__()
    assert first == version._content_hash(version._sources())
    assert [s for s, _ in version._sources()] == ["a.py", "sub/b.py", "sub.py"]  # as Paths sort
    assert len(list(cache.glob("code-*.txt"))) == 1

    def no_reading(*args: object) -> str:
        raise AssertionError("hashed again")

    with monkeypatch.context() as patched:
        patched.setattr(version, "_content_hash", no_reading)
        assert version.code_hash.__wrapped__() == first  # kept
    (package / "sub" / "b.py").write_text("B = 22\n")  # an edit: another size and mtime
    second = version.code_hash.__wrapped__()
    assert second != first
    assert second == version._content_hash(version._sources())


def test_cs502_word_ends_take_the_dictionary_the_packs_brought(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CS502 asks whether a word ends before a place (结合南和县实际); with the packs from
    the cache it takes their jieba dictionary, where it read jieba's file again."""
    from compliance import api, packcache
    from compliance.kinds import substitute
    from compliance.match import lexicon

    paths = [default_rules_dir() / n for n in ("text.toml", "consistency.toml")]
    for path in paths:
        load_pack(path)  # compiled once, into the cache

    def no_reading(*args: object) -> None:
        raise AssertionError("read at lint time")

    monkeypatch.setattr(packcache, "_shared", {})  # as a new process
    monkeypatch.setattr(lexicon, "_JIEBA", {})
    substitute.dictionary.cache_clear()
    monkeypatch.setattr(rulefile, "_parse_pack", no_reading)
    monkeypatch.setattr(lexicon, "jieba_dictionary", no_reading)
    try:
        ruleset = api.RuleSet.from_packs([load_pack(p) for p in paths])
        assert lexicon.loaded_dictionary() is not None
        text = "南江县教育局2024年意识形态工作总结\n今年以来，我局结合南和县实际开展工作。\n"
        found = api.check(text, filename="r.txt", rules=ruleset).findings
        assert [(f.rule, f.text) for f in found if f.rule == "CS502"] == [("CS502", "南和县")]
    finally:
        substitute.dictionary.cache_clear()
