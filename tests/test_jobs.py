"""Many files: parallel runs give exactly the serial output, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from test_cli import complint

SAMPLES = ROOT / "samples"


def make_reports(folder: Path, count: int) -> None:
    """`count` reports from the samples, each a little different, a few unreadable."""
    texts = sorted(SAMPLES.glob("*.txt"))
    for number in range(count):
        sub = folder / f"unit{number % 7}"
        sub.mkdir(exist_ok=True)
        if number % 50 == 49:
            (sub / f"r{number:03}.txt").write_bytes(b"")  # empty: an error line, run goes on
        elif number % 25 == 3:
            shutil.copy(SAMPLES / "ideology-report-2024h1.docx", sub / f"r{number:03}.docx")
        else:
            text = texts[number % len(texts)].read_text(encoding="utf-8")
            extra = f"本单位第{number}号补充说明：开展学习{'X' * (1 + number % 3)}次。\n"
            (sub / f"r{number:03}.txt").write_text(text + extra, encoding="utf-8")


@pytest.mark.slow
def test_three_hundred_reports_jobs_2_equals_jobs_1(tmp_path: Path) -> None:
    make_reports(tmp_path, 300)
    serial = complint("--no-config", "--no-cache", "--jobs", "1", "--format", "json", str(tmp_path))
    parallel = complint(
        "--no-config", "--no-cache", "--jobs", "2", "--format", "json", str(tmp_path)
    )
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    data = json.loads(serial.stdout)
    assert data["summary"]["files"] == 300
    assert len(serial.stderr.splitlines()) == 6  # the six empty files, one line each
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)  # folder order, whatever finished first
    assert data["summary"]["findings"] > 300


def test_globs_expand_in_sorted_order(tmp_path: Path) -> None:
    make_reports(tmp_path, 20)
    run = complint(
        "--no-config",
        "--no-cache",
        "--format",
        "json",
        f"{tmp_path}/unit1/*.txt",
        f"{tmp_path}/**/r003.docx",
    )
    data = json.loads(run.stdout)
    paths = [f["path"] for f in data["files"]]
    expected = sorted(str(p) for p in (tmp_path / "unit1").glob("*.txt"))
    assert paths == [*expected, str(tmp_path / "unit3" / "r003.docx")]
    none = complint("--no-config", f"{tmp_path}/*.pdf")
    assert none.returncode == 2
    assert none.stderr.strip() == f"{tmp_path}/*.pdf: no file matches this pattern"
