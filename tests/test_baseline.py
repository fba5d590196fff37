"""Baselines: old findings stay quiet after edits elsewhere, new ones are reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT
from test_cli import complint

SAMPLE = ROOT / "samples" / "ideology-report-2024h1.txt"


def findings(run_stdout: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(run_stdout)["findings"]
    return found


def test_a_paragraph_inserted_above_only_its_own_finding_is_new(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(SAMPLE, report)
    before = findings(
        complint("--no-config", "--format", "json", "report.txt", cwd=tmp_path).stdout
    )
    assert len(before) > 5

    wrote = complint("--no-config", "report.txt", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stdout + wrote.stderr
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(recorded) == len(before)
    assert {(r["rule"], r["line"], r["text"]) for r in recorded} == {
        (f["rule"], f["line"], f["text"]) for f in before
    }

    quiet = complint("--no-config", "report.txt", "--baseline", "baseline.json", cwd=tmp_path)
    assert quiet.returncode == 0
    assert quiet.stdout.startswith("Found 0 findings")

    # A new paragraph under the title, with a placeholder of its own: every old finding
    # moves down a line, and only the new placeholder is reported.
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "今年共召开专题会议XX次，研究部署相关工作。\n")
    report.write_text("".join(lines), encoding="utf-8")
    edited = findings(
        complint("--no-config", "--format", "json", "report.txt", cwd=tmp_path).stdout
    )
    assert len(edited) == len(before) + 1
    assert {f["line"] for f in edited} != {f["line"] for f in before}

    run = complint(
        "--no-config",
        "--format",
        "json",
        "report.txt",
        "--baseline",
        "baseline.json",
        cwd=tmp_path,
    )
    assert run.returncode == 1
    (new,) = findings(run.stdout)
    assert (new["rule"], new["line"], new["text"]) == ("TX301", 3, "XX次")


def test_a_second_identical_finding_is_new_and_a_fixed_one_is_gone(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("开展学习X次。\n", encoding="utf-8")
    base = tmp_path / "b.json"
    complint("--no-config", "--select", "TX301", str(report), "--write-baseline", str(base))
    report.write_text("开展学习X次。\n开展学习X次。\n", encoding="utf-8")
    run = complint(
        "--no-config", "--select", "TX301", "--format", "json", str(report), "--baseline", str(base)
    )
    assert [f["line"] for f in findings(run.stdout)] == [2]  # matching counts occurrences


def test_paths_are_relative_to_the_baseline_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    report = tmp_path / "docs" / "r.txt"
    report.write_text("开展学习X次。\n", encoding="utf-8")
    complint("--no-config", "docs/r.txt", "--write-baseline", "b.json", cwd=tmp_path)
    (entry,) = [
        e
        for e in json.loads((tmp_path / "b.json").read_text("utf-8"))["findings"]
        if e["rule"] == "TX301"
    ]
    assert entry["path"] == "docs/r.txt"
    # The same file named differently (absolute, from another folder) still matches.
    run = complint(
        "--no-config", "--select", "TX301", str(report), "--baseline", str(tmp_path / "b.json")
    )
    assert run.returncode == 0, run.stdout


def test_a_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    run = complint("--no-config", str(SAMPLE), "--baseline", str(bad))
    assert run.returncode == 2
    assert run.stderr.startswith(f"complint: {bad}: not a complint baseline")
    missing = complint("--no-config", str(SAMPLE), "--baseline", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "cannot read baseline" in missing.stderr
