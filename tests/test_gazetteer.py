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
