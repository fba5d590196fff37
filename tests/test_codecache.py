"""Patterns and dataclasses built from kept code behave as Python builds them."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from compliance import codecache

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,4}", 0),
    (r"(?P<year>(?:19|20)\d{2})\s*年(?P<half>上半年|下半年)?", 0),
    (r"(?<=[，。])\s+(?=[\u4e00-\u9fff])", 0),
    (r"^[\s\u3000]*([一二三四五六七八九十]{1,3})、(?![一二三])", re.MULTILINE),
    (r"([，。、；！？])[ \t\u3000]{1,2}\1", 0),
    (r"word | other  # a comment", re.VERBOSE | re.IGNORECASE),
    (r"(?i)ǅ|σ|[a-zа-я]+", 0),
    (r"\bx\b|[^\W\d]+", re.ASCII),
]
TEXTS = [
    "2024年上半年，  我们 深入学习。一、加强领导\n二、落实责任。，，XY Word other ǆ Σ Ǆ",
    "　三、二三 σς Straße  word  X x y_z 2019 年 Дом",
]


def _same(mine: re.Pattern[str], python: re.Pattern[str]) -> None:
    assert (mine.pattern, mine.flags, mine.groups) == (python.pattern, python.flags, python.groups)
    assert dict(mine.groupindex) == dict(python.groupindex)
    for text in TEXTS:
        assert [m.span() for m in mine.finditer(text)] == [m.span() for m in python.finditer(text)]
        assert [m.groups() for m in mine.finditer(text)] == [
            m.groups() for m in python.finditer(text)
        ]
        assert mine.sub("<\\g<0>>", text) == python.sub("<\\g<0>>", text)


@pytest.fixture
def as_complint(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's classes and patterns kept as complint's would be."""
    monkeypatch.setattr(codecache, "_ours", lambda namespace: True)


@pytest.mark.skipif(codecache._ENGINE is None, reason="another Python's re internals")
def test_a_kept_program_matches_as_re_compiles_it(tmp_path: Path, as_complint: None) -> None:
    path = tmp_path / "kept.marshal"
    first = codecache._Codes(path)
    made = [first.compile_re(pattern, int(flags)) for pattern, flags in PATTERNS]
    assert len(first.new[1]) == len(PATTERNS)
    first.save()
    again = codecache._Codes(path)  # a later process: every program from the file
    kept = [again.compile_re(pattern, int(flags)) for pattern, flags in PATTERNS]
    assert again.new == ({}, {}) and again.programs == {}  # each taken out when used
    for (pattern, flags), one, other in zip(PATTERNS, made, kept, strict=True):
        python = codecache._ORIGINAL(pattern, int(flags))
        _same(one, python)
        _same(other, python)


def _point_class(codes: codecache._Codes) -> Any:
    previous = dataclasses.exec  # type: ignore[attr-defined]
    dataclasses.exec = codes.exec  # type: ignore[attr-defined]
    try:

        @dataclasses.dataclass(frozen=True, order=True)
        class Point:
            x: int
            y: int = 0
            tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)

        return Point
    finally:
        dataclasses.exec = previous  # type: ignore[attr-defined]


def test_a_dataclass_from_kept_methods_behaves_as_one_compiled(
    tmp_path: Path, as_complint: None
) -> None:
    path = tmp_path / "kept.marshal"
    first = codecache._Codes(path)
    _point_class(first)
    assert len(first.new[0]) >= 5  # __init__, __repr__, __eq__, __setattr__, __delattr__, …
    first.save()
    again = codecache._Codes(path)
    point = _point_class(again)
    _point_class(again)  # the same sources again: taken out, but not new
    assert again.new == ({}, {})
    a, b = point(1, 2, ("t",)), point(1, 2)
    assert a == b and hash(a) == hash(b) and repr(b).endswith("Point(x=1, y=2, tags=())")
    assert point(1) < point(2) and point(3).y == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 5


@pytest.mark.parametrize("content", [b"", b"not ours\n\x00\x01", b"garbage without header"])
def test_a_foreign_or_broken_file_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kept.marshal"
    path.write_bytes(content)
    codes = codecache._Codes(path)
    assert (codes.methods, codes.programs) == ({}, {})
    if codecache._ENGINE is not None:
        _same(codes.compile_re(r"[一二]+、", 0), re.compile(r"[一二]+、"))


def test_only_complints_own_code_is_kept(tmp_path: Path) -> None:
    codes = codecache._Codes(tmp_path / "kept.marshal")
    _point_class(codes)  # a class of this test module, not of complint
    codes.exec("def f():\n return 1\n", {"__name__": "compliance.model.x"}, {})
    if codecache._ENGINE is not None:
        codes.compile_re("[甲乙]+", 0)  # asked for by this test module
    assert list(codes.new[0]) == ["def f():\n return 1\n"] and codes.new[1] == {}


def test_a_file_from_another_python_build_is_not_read(tmp_path: Path, as_complint: None) -> None:
    path = tmp_path / "kept.marshal"
    codes = codecache._Codes(path)
    codes.exec("def f():\n return 1\n", {}, {})
    codes.save()
    data = path.read_bytes()
    path.write_bytes(b"3.0.0 other|0" + data[data.index(b"\n") :])
    assert codecache._Codes(path).methods == {}


def test_the_lint_installs_it_and_the_cache_off_leaves_python_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import compliance.api  # noqa: F401  # installs it

    assert codecache._INSTALLED
    assert dataclasses.exec == codecache._INSTALLED[0].exec  # type: ignore[attr-defined]
    monkeypatch.setenv("COMPLINT_PACK_CACHE", "off")
    assert codecache._file() is None


def test_a_second_process_builds_complints_classes_and_patterns_from_the_file(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "COMPLINT_PACK_CACHE": str(tmp_path)}
    script = (
        "import compliance.api, compliance.lint.engine, compliance.kinds.substitute\n"
        "from compliance import codecache\n"
        "codes = codecache._INSTALLED[0]\n"
        "print(len(codes.new[0]), len(codes.new[1]), len(codes.taken))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    first, second = ([int(n) for n in run.stdout.split()] for run in runs)
    assert first[0] > 300 and first[1] > 10 and first[2] == 0  # ~60 classes, their patterns
    assert second == [0, 0, first[0] + first[1]]  # every one from the file


def test_a_method_source_two_classes_share_is_compiled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two of complint's classes can have the same method (the same fields): the second
    # takes the first one's code, whether that came from the file or was compiled here.
    compiled: list[object] = []

    def counted(*args: Any) -> Any:
        compiled.append(args)
        return compile(*args)

    monkeypatch.setattr(codecache, "compile", counted, raising=False)
    source = "def __create_fn__():\n def f(self):\n  return 1\n return f\n"
    ours = {"__name__": "compliance.model.x"}
    for _ in range(2):
        codes = codecache._Codes(tmp_path / "kept.marshal")
        made = []
        for _ in range(2):
            scope: dict[str, object] = {}
            codes.exec(source, ours, scope)
            made.append(scope["__create_fn__"])
        assert made[0].__code__ is made[1].__code__  # type: ignore[attr-defined]
        codes.save()
    assert len(compiled) == 1  # the first process compiled it once; the second read it
