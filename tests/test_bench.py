"""bench/run.py --quick runs end to end and writes its JSON. A smoke test: timings depend on
the machine, so nothing here asserts one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "run.py"
MEASURES = {
    "textlint", "textlint-jobs2", "tx302", "docx", "linearity", "jobs", "cache", "startup",
    "version", "memory", "memory-formats",
}  # fmt: skip
PEER = {"textlint", "textlint-jobs2", "tx302"}  # may be skipped: no npm, or not installed
FIELDS = {"name", "title", "op", "target", "unit", "value", "method", "details", "skipped", "met"}
TIMEOUT = 600  # seconds: generous, the quick run takes well under a minute
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bench")]


def _bench(out: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(out), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "measure" in done.stdout  # the table's header
    results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return results


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("bench")
    npm_cache = folder / "npm"
    npm_cache.mkdir()
    results = _bench(folder / "results.json", "--npm-cache", str(npm_cache))
    results["npm_cache"] = str(npm_cache)
    return results


def test_quick_run_writes_every_measure(quick: dict[str, Any]) -> None:
    assert quick["quick"] is True
    assert {"complint_version", "machine", "workload", "measures"} <= quick.keys()
    assert set(quick["measures"]) == MEASURES
    for name, measure in quick["measures"].items():
        assert measure.keys() >= FIELDS, name
        assert measure["op"] in (">=", "<=")
        if name in PEER and measure["skipped"]:
            continue  # only the peer comparison may be skipped (no npm, no network)
        assert measure["skipped"] is None, name
        assert isinstance(measure["value"], float), name
        assert isinstance(measure["met"], bool), name


def test_quick_run_installs_nothing(quick: dict[str, Any]) -> None:
    measure = quick["measures"]["textlint"]
    # Installing the peer is a step by hand (--install-textlint): an empty cache stays empty.
    assert "not installed" in measure["skipped"], measure["skipped"]
    assert measure["value"] is None
    assert not any(Path(quick["npm_cache"]).iterdir())


def test_without_npm_only_the_comparison_is_skipped(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    results = _bench(tmp_path / "results.json", "--only", "textlint,startup", env=env)
    assert set(results["measures"]) == PEER | {"startup", "version"}
    assert "npm" in results["measures"]["textlint"]["skipped"]
    assert all(results["measures"][name]["value"] is None for name in PEER)
    assert isinstance(results["measures"]["startup"]["value"], float)


def test_memory_formats_measures_every_format(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from compliance.cli import CHOICES

    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    assert set(module.FORMATS) == set(CHOICES)
