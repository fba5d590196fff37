"""The accuracy targets of issue 20, on the real-style corpus (tests/accuracy/cases.toml).

Each case is our own text reproducing a pattern of published reports; bench/accuracy.py
scores complint on them. Targets: precision >= 0.95 overall and >= 0.90 for every rule,
placeholder recall >= 0.95, glued-heading recall >= 0.90, present elements recognised and
absent ones reported >= 0.97.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


@pytest.fixture(scope="module")
def scores() -> Any:
    cases = BENCH.load(BENCH.CORPUS)
    assert len(cases) >= 40
    return BENCH.score(cases)


def test_every_class_has_positive_and_negative_cases() -> None:
    cases = BENCH.load(BENCH.CORPUS)
    expected = {code for case in cases for code, _ in case.expect}
    cleaned = {code for case in cases for code in case.clean}
    classes = ("TX301", "TX303", "TX305", "TX309", "ST202", "ST204", "ST205", "ST206", "ST207")
    for code in (*classes, "ST208", "ST209", "CS501", "CS502"):
        assert code in expected, code
        assert code in cleaned, code
    assert any(case.present for case in cases) and any(case.absent for case in cases)


def test_precision(scores: Any) -> None:
    assert BENCH.Scores is type(scores)
    assert scores.precision() >= 0.95, BENCH.report(scores)
    for code in scores.codes():
        assert scores.precision(code) >= 0.90, (code, BENCH.report(scores))


def test_placeholder_and_glued_heading_recall(scores: Any) -> None:
    assert scores.recall("TX301") >= 0.95, BENCH.report(scores)
    assert scores.recall("ST206") >= 0.90, BENCH.report(scores)


def test_elements(scores: Any) -> None:
    assert scores.present and scores.absent
    assert scores.recognised / scores.present >= 0.97, BENCH.report(scores)
    assert scores.reported / scores.absent >= 0.97, BENCH.report(scores)


def test_a_finding_off_the_mark_counts_against_precision() -> None:
    # The scorer itself: an unexpected finding of a judged code is a false alarm.
    case = BENCH.Case("c", "x", expect=(("TX301", "X次"),), clean=("ST205",))
    found = BENCH.Scores()
    BENCH._score_case(case, [("TX301", "X次"), ("ST205", "**"), ("TX302", "y")], found)
    assert (found.true["TX301"], found.false["ST205"], found.false["TX302"]) == (1, 1, 0)
