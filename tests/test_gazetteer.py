"""The gazetteer a one-file lint builds (only the forms a text can hold) finds what the
whole one finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.match import gazetteer

ROOT = Path(__file__).resolve().parent.parent
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
if not SHARED_REPORTS.is_dir():  # a worktree one level deeper (wt/NAME)
    SHARED_REPORTS = ROOT.parent.parent / "shared" / "reports"


def _texts() -> list[str]:
    paths = sorted((ROOT / "samples").glob("*.txt"))
    paths += sorted(SHARED_REPORTS.rglob("*.txt"))[:40]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    # Places side by side, inside others, at the edges, and none at all.
    texts += ["南江县和南和县的干部", "四川省巴中市南江县", "示范县建设", "朝阳区", "", "无地名"]
    return texts


def test_a_texts_own_gazetteer_finds_what_the_whole_one_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = gazetteer.gazetteer()
    found_any = False
    for text in _texts():
        lines = text.splitlines() or [text]
        monkeypatch.setattr(gazetteer, "_characters_seen", 0)
        own = gazetteer.gazetteer_for(lines)
        assert own is not whole
        assert len(own.forms) < len(whole.forms)
        for line in lines:
            expected = list(whole.find(line))
            assert list(own.find(line)) == expected, line
            found_any = found_any or bool(expected)
    assert found_any  # the texts hold places: the comparison is not vacuous


def test_past_the_threshold_the_whole_gazetteer_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer, "_characters_seen", gazetteer.WHOLE_AFTER)
    assert gazetteer.gazetteer_for(["南江县"]) is gazetteer.gazetteer()


def test_a_place_stem_read_as_a_word_needs_no_dictionary_while_linting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """会同县委 is 会同 (together with) and 县委: the stems that are common words come with
    the loaded rules, so linting reads jieba's dict.txt no more (half a second a process);
    another county's own name (隆尧县委) is still reported."""
    from compliance import api
    from compliance.match import lexicon

    rules = api.load_rules()

    def refuse(*_args: object) -> None:
        raise AssertionError("jieba's dictionary read while linting")

    monkeypatch.setattr(lexicon, "_jieba_dict", refuse)
    text = "中共南和县委宣传部2024年意识形态工作总结\n会同县委网信办开展检查，隆尧县委组织观摩。\n"
    shown = [f.text for f in api.check(text, rules=rules).findings if f.rule == "CS502"]
    assert shown == ["隆尧县"]
