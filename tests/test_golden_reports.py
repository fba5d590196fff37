"""The expectations of ../shared/reports/README.md, checked on the real reports.

Each listed finding must appear and each "must not fire" must not. Line numbers are
physical lines; report boundaries in the 002 file are lines 1-23, 24-40 and 41-51.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from compliance.lint.engine import RuleSet
from compliance.lint.runner import lint_source
from compliance.model.findings import Finding
from compliance.packs.rulefile import default_rules_dir, load_packs

IW_ELEMENTS = [f"IW1{n:02d}" for n in range(1, 11)]  # IW101 … IW110


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


def run(folder: Path, name: str, ruleset: RuleSet) -> tuple[list[Finding], list[str]]:
    path = folder / name
    result = lint_source(path, str(path), ruleset)
    assert result.error is None
    return list(result.findings), path.read_text(encoding="utf-8").splitlines()


def within(findings: Iterable[Finding], first: int, last: int, code: str) -> list[Finding]:
    return [f for f in findings if f.rule == code and first <= f.line <= last]


def lines_with(lines: list[str], needle: str, first: int, last: int) -> set[int]:
    return {n for n in range(first, last + 1) if needle in lines[n - 1]}


# -- 000: one report, a web teaser on line 1 ------------------------------------------------


def test_000(shared_reports: Path, ruleset: RuleSet) -> None:
    findings, lines = run(shared_reports, "000_371b7687f7193908.txt", ruleset)
    codes = {f.rule for f in findings}

    placeholders = [(f.line, f.text) for f in findings if f.rule == "TX301"]
    assert {(1, "XX局"), (3, "XX局")} <= set(placeholders)
    assert {"XX", "X次", "XX余次", "X个", "XX条", "XX户", "XX余条"} <= {t for _, t in placeholders}
    assert sum(1 for _, t in placeholders if t == "X次") >= 4

    halfwidth = {(f.line, f.text) for f in findings if f.rule == "TX304"}
    markers = {n for n in range(4, 15) if lines[n - 1].lstrip("　 ").startswith("(")}
    assert {(n, "(") for n in markers} | {(n, ")") for n in markers} <= halfwidth
    for needle, char in (("担当,层层", ","), ("科(处)室", "("), ("(第三卷)", "("), ("X次;", ";")):
        found = lines_with(lines, needle, 4, 7)
        assert found and {(n, char) for n in found} <= halfwidth, needle
    assert all(f.suggestion in {"（", "）", "，", "；"} for f in findings if f.rule == "TX304")

    (embedded,) = [f for f in findings if f.rule == "ST206"]
    assert (embedded.line, embedded.text) == (14, "(三)")
    assert "IW111" not in codes  # with (三) recognised, three measures for three problems

    assert [f.line for f in findings if f.rule == "ST207"] == [1]
    assert codes.isdisjoint(IW_ELEMENTS)


# -- 002: three reports in one file ---------------------------------------------------------

A, B, C = (1, 23), (24, 40), (41, 51)


@pytest.fixture(scope="module")
def report_002(shared_reports: Path, ruleset: RuleSet) -> tuple[list[Finding], list[str]]:
    return run(shared_reports, "002_8e0b853442afd5b5.txt", ruleset)


def test_002_is_split_into_three_reports(report_002: tuple[list[Finding], list[str]]) -> None:
    findings, lines = report_002
    assert sorted(f.line for f in findings if f.rule == "ST204") == [24, 41]
    # Findings of the titled reports carry the report's title first in their section.
    for first, last in (B, C):
        title = lines[first - 1].strip()
        assert all(f.section.startswith(title) for f in findings if first <= f.line <= last)
    # 南江 (A) and 南和 (B) belong to different reports: no name mismatch.
    assert not [f for f in findings if f.rule == "CS502"]


def test_002_report_a(report_002: tuple[list[Finding], list[str]]) -> None:
    findings, lines = report_002
    for code in ("IW101", "IW102", "IW103", "ST208"):
        assert within(findings, *A, code), code
    for code in ("IW104", "IW105", "IW106", "IW107", "IW108", "IW109", "IW110"):
        assert not within(findings, *A, code), code
    residue = {f.line for f in within(findings, *A, "ST205")}
    assert residue == lines_with(lines, ">", *A) and len(residue) == 3
    spaces = {f.line for f in within(findings, *A, "TX305")}
    assert lines_with(lines, "》 第一卷", *A) <= spaces
    assert lines_with(lines, "头脑、 指导", *A) <= spaces
    semicolon = lines_with(lines, "无处遁形;强化", *A)
    assert {(f.line, f.text) for f in within(findings, *A, "TX304")} >= {
        (n, ";") for n in semicolon
    }


def test_002_report_b(report_002: tuple[list[Finding], list[str]]) -> None:
    findings, lines = report_002
    for code in ("IW103", "IW105"):
        assert within(findings, *B, code), code
    for code in ("IW101", "IW102", "IW104", "IW107", "IW108", "IW109", "IW110"):
        assert not within(findings, *B, code), code
    assert "上半年年度" in {f.text for f in within(findings, *B, "CS501")}
    style = within(findings, *B, "ST202")
    assert style and all(f.text.endswith("、") and f.suggestion == f.text[:-1] + "." for f in style)
    assert {f.line for f in within(findings, *B, "ST205")} == {26, 35, 37}
    assert lines_with(lines, "助推 文化产业", *B) <= {f.line for f in within(findings, *B, "TX305")}


def test_002_report_c(report_002: tuple[list[Finding], list[str]]) -> None:
    findings, lines = report_002
    for code in ("IW101", "IW104", "IW106", "IW108"):
        assert within(findings, *C, code), code
    for code in ("IW102", "IW103", "IW105", "IW107", "IW109", "IW110"):
        assert not within(findings, *C, code), code
    typos = sorted((f.text, f.suggestion) for f in within(findings, *C, "TX302"))
    assert typos == sorted(
        [
            ("意认形态", "意识形态"),
            ("意形态", "意识形态"),
            ("领城", "领域"),
            ("领城", "领域"),
            ("贯落实", "贯彻落实"),
            ("领导子", "领导班子"),
        ]
    )
    traditional = [(f.text, f.suggestion) for f in within(findings, *C, "TX303")]
    occurrences = sum(line.count("與论") for line in lines[C[0] - 1 : C[1]])
    assert occurrences >= 2 and traditional == [("與论", "舆论")] * occurrences
    (incomplete,) = within(findings, *C, "PF402")
    assert (incomplete.line, incomplete.text) == (46, "新时代中国特色社会主义思想")
    assert [f.text for f in within(findings, *C, "PF401")] == ["以十九大精神为指导"]
    assert any("年度上半年" in f.text for f in within(findings, *C, "CS501"))
    assert {f.line for f in within(findings, *C, "ST205")} == {43, 45, 47, 49}
