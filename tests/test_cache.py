"""The result cache: unchanged files are not checked again, anything else is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT
from test_cli import complint

SAMPLE = ROOT / "samples" / "ideology-report-2024h1.txt"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.json"))


def run_json(*args: str, cache: Path) -> Any:
    run = complint("--no-config", "--format", "json", "--cache-dir", str(cache), *args)
    return json.loads(run.stdout)


def test_a_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "a.txt").write_text("开展学习X次。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    first = run_json(str(tmp_path), "--jobs", "2", cache=cache)
    assert len(entries(cache)) == 2  # readable files only: errors are cheap to find again
    assert (cache / ".gitignore").read_text() == "*\n"
    assert (cache / "CACHEDIR.TAG").is_file()
    assert run_json(str(tmp_path), cache=cache) == first

    # Prove the hit: an entry altered by hand is what the next run reports.
    for entry in entries(cache):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for finding in data["findings"]:
            finding["message"] = "from the cache"
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cached = run_json(str(tmp_path), cache=cache)
    assert {f["message"] for f in cached["findings"]} == {"from the cache"}
    fresh = run_json(str(tmp_path), "--no-cache", cache=cache)
    assert fresh == first


def test_a_changed_file_or_setting_is_checked_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report = tmp_path / "a.txt"
    report.write_text("开展学习X次。\n", encoding="utf-8")
    run_json(str(report), cache=cache)
    for entry in entries(cache):
        entry.write_text(entry.read_text("utf-8").replace("X次", "YY"), encoding="utf-8")
    report.write_text("开展学习X次，座谈XX次。\n", encoding="utf-8")
    texts = [f["text"] for f in run_json(str(report), cache=cache)["findings"]]
    assert "X次" in texts and "XX次" in texts and "YY" not in texts
    # Another rule selection, another key: the altered entry is not used either.
    selected = run_json(str(report), "--select", "TX301", cache=cache)
    assert [f["text"] for f in selected["findings"]] == ["X次", "XX次"]


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run_json(str(SAMPLE), cache=cache)
    (entry,) = entries(cache)
    entry.write_text("{damaged", encoding="utf-8")
    assert run_json(str(SAMPLE), cache=cache) == first
    assert json.loads(entry.read_text(encoding="utf-8"))["findings"]  # written anew


def test_the_cache_lives_beside_the_config(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text('select = ["TX301"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("开展学习X次。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COMPLINT_CACHE_DIR"}
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "a.txt"],
        cwd=tmp_path / "sub",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert len(entries(tmp_path / ".complint_cache")) == 1
