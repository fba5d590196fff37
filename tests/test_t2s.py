"""OpenCC's converter is built only for a text holding a character t2s can change
(compliance.match.script._may_change, compliance.match.t2s_changing)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.match import script
from compliance.match.t2s_changing import CHANGING, GB2312

ROOT = Path(__file__).resolve().parent.parent

# Changing characters inside and outside GB2312, phrase parts (覆盖 is one), plain
# simplified ones, punctuation GB2312 lacks (—), a character beyond the BMP.
ALPHABET = "么覆蓋盖與与強强學学意识形态工作，。—·𠀀a\n" + CHANGING[:40] + CHANGING[-20:]


def test_the_list_is_the_installed_dictionaries() -> None:
    """After an OpenCC upgrade this fails: run bench/t2s_changing.py (until then every
    lint builds the converter, as _known_dictionaries finds other sizes)."""
    import opencc

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("this OpenCC has no opencc_dict tool")
    spec = importlib.util.spec_from_file_location("t2s_gen", ROOT / "bench" / "t2s_changing.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.source() == (ROOT / "compliance" / "match" / "t2s_changing.py").read_text(
        encoding="utf-8"
    )
    assert script._known_dictionaries()


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=30))
def test_a_text_said_not_to_change_converts_to_itself(text: str) -> None:
    converted = script.converter().convert(text)
    if not script._may_change(text):
        assert converted == text
    assert script.convert(text) == converted


def test_plain_simplified_text_builds_no_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("converter built")

    monkeypatch.setattr(script, "converter", refuse)
    text = "加强意识形态工作——落实责任制，守好阵地。2024年"
    assert script.convert(text) == text
    assert not list(script.changed(text))
    assert script.converted_texts([text, "学习"]) == set()


def test_each_kind_of_changing_character_is_seen() -> None:
    assert all(script._may_change(f"工作{c}开展") for c in GB2312)
    assert script._may_change("意識形態")  # outside GB2312
    astral = next(c for c in CHANGING if ord(c) > 0xFFFF)
    assert script._may_change(f"学习{astral}") and not script._may_change("学习\U00020000")
