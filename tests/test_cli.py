"""The command as a user runs it: a subprocess, real files, exit codes and outputs."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SCRATCH

SAMPLE = ROOT / "samples" / "ideology-report-2024h1.txt"
CLEAN = ROOT / "samples" / "clean-report.txt"


# One cache for the whole session, outside the checkout: runs share it as a user's would.
CACHE = str(SCRATCH / "cache")


def complint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COMPLINT_CACHE_DIR": CACHE}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_version() -> None:
    from compliance import __version__

    run = complint("--version")
    assert run.returncode == 0
    assert run.stdout.strip() == f"complint {__version__}"


def test_sample_prints_findings_and_fails() -> None:
    run = complint(str(SAMPLE), "--no-config")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert any(
        f"{SAMPLE}:6:" in line and "TX301 [error]" in line and "| X次" in line for line in lines
    )
    assert any("TX302 [error]" in line and "意认形态 → 意识形态" in line for line in lines)
    assert any("IW101 [error]" in line for line in lines)
    assert lines[-1].startswith("Found ")
    assert "\x1b[" not in run.stdout


def test_clean_sample_passes() -> None:
    run = complint(str(CLEAN), "--no-config")
    assert run.returncode == 0, run.stdout
    assert run.stdout.startswith("Found 0 findings")


def test_exit_zero_and_select_ignore() -> None:
    assert complint(str(SAMPLE), "--exit-zero").returncode == 0
    only_tx = complint(str(SAMPLE), "--select", "TX301")
    assert {line.split()[1] for line in only_tx.stdout.splitlines()[:-1]} == {"TX301"}
    no_errors = complint(str(SAMPLE), "--ignore", "IW,TX")
    assert no_errors.returncode == 0


def test_colour_only_when_forced() -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    run = subprocess.run(
        [sys.executable, "-m", "compliance", str(SAMPLE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert "\x1b[" in run.stdout


JSON_FINDING_TYPES = {
    "path": str,
    "rule": str,
    "name": str,
    "severity": str,
    "message": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "text": str,
    "section": str,
}


def test_json_output_follows_the_contract(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 this zip is cut short")
    run = complint("--format", "json", str(SAMPLE), str(broken))
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert set(data) == {"tool", "version", "files", "findings", "summary"}
    assert data["tool"] == "complint"
    files = {f["path"]: f for f in data["files"]}
    assert set(files) == {str(SAMPLE), str(broken)}
    for entry in data["files"]:
        assert set(entry) == {"path", "findings", "error", "warnings"}
        assert isinstance(entry["findings"], int)
        assert isinstance(entry["warnings"], list)
    assert files[str(broken)]["error"].startswith(f"{broken}: ")
    assert files[str(SAMPLE)]["error"] is None
    assert data["findings"], "the sample has findings"
    for finding in data["findings"]:
        assert set(finding) == set(JSON_FINDING_TYPES) | {"suggestion", "fix"}
        for key, kind in JSON_FINDING_TYPES.items():
            assert isinstance(finding[key], kind), key
        assert finding["suggestion"] is None or isinstance(finding["suggestion"], str)
        fix = finding["fix"]
        if fix is not None:
            assert set(fix) == {"start", "end", "replacement"}
            assert fix["replacement"] == finding["suggestion"]
        assert finding["severity"] in {"error", "warning", "info"}
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"])
    summary = data["summary"]
    assert set(summary) == {"files", "findings", "errors", "warnings", "infos", "suppressed"}
    assert summary["files"] == 2
    assert summary["findings"] == len(data["findings"]) == files[str(SAMPLE)]["findings"]
    assert summary["errors"] == sum(f["severity"] == "error" for f in data["findings"])


def test_json_is_written_the_same_to_a_file_one_finding_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    printed = complint("--format", "json", str(SAMPLE)).stdout
    complint("--format", "json", "-o", str(out), str(SAMPLE))
    assert out.read_text(encoding="utf-8") == printed
    data = json.loads(printed)
    lines = printed.splitlines()
    # Each finding on a line of its own, so that diff and grep work on the output.
    for finding in data["findings"]:
        assert (
            sum(
                json.loads(line.strip().rstrip(",")) == finding
                for line in lines
                if line.startswith("    {")
            )
            == 1
        )


def test_text_columns_match_the_source_line() -> None:
    data = json.loads(complint("--format", "json", str(SAMPLE)).stdout)
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for f in data["findings"]:
        if f["text"]:
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_directories_recurse_and_bad_files_do_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("开展X次活动。\n", encoding="gbk")
    (tmp_path / "fake.docx").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    )
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    run = complint(str(tmp_path), "--select", "TX301")
    assert run.returncode == 1
    errors = run.stderr.splitlines()
    assert len(errors) == 3, run.stderr  # fake.docx, empty.md and the truncated .pdf
    assert all(line.startswith(str(tmp_path)) for line in errors)
    assert "Traceback" not in run.stderr
    assert f"{tmp_path / 'sub' / 'a.txt'}:1:3: TX301" in run.stdout


def test_no_readable_file_is_exit_2(tmp_path: Path) -> None:
    run = complint(str(tmp_path / "missing.txt"))
    assert run.returncode == 2
    assert run.stderr.strip() == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_usage_error_is_exit_2() -> None:
    assert complint("--format", "xml", str(SAMPLE)).returncode == 2


def test_broken_rule_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[rule]]\ncode = "ZZ001"\nname = "x"\nkind = "forbid"\nseverity = "error"\n'
        'title = "x"\nmessage = "x"\nmatch = \'"a" | (\'\n',
        encoding="utf-8",
    )
    run = complint(str(SAMPLE), "--rules", str(bad))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"complint: {bad}:8:")
    assert "expected" in line


def test_config_file_is_discovered(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text(
        'select = ["TX301"]\nseverity = { TX301 = "warning" }\n', encoding="utf-8"
    )
    run = complint(str(SAMPLE), cwd=tmp_path)
    assert run.returncode == 0  # TX301 demoted to a warning, nothing else selected
    assert "TX301 [warning]" in run.stdout
    assert "IW" not in run.stdout
    ignored = complint(str(SAMPLE), "--no-config", cwd=tmp_path)
    assert ignored.returncode == 1


@pytest.mark.parametrize("name", ["000_371b7687f7193908.txt"])
def test_real_report_000(shared_reports: Path, name: str) -> None:
    data = json.loads(complint("--format", "json", str(shared_reports / name)).stdout)
    rules = [f["rule"] for f in data["findings"]]
    placeholders = {f["text"] for f in data["findings"] if f["rule"] == "TX301"}
    assert {"X次", "XX余次", "XX条", "XX户", "XX余条", "X个"} <= placeholders
    assert {"IW101", "IW102", "IW105", "IW109", "IW110"}.isdisjoint(rules)


def test_real_report_002_first_report_lacks_a_leading_group(shared_reports: Path) -> None:
    data = json.loads(
        complint("--format", "json", str(shared_reports / "002_8e0b853442afd5b5.txt")).stdout
    )
    iw101 = [f for f in data["findings"] if f["rule"] == "IW101"]
    assert any(f["line"] < 24 for f in iw101), iw101


def test_fail_on_sets_the_gate(tmp_path: Path) -> None:
    # Severity overrides in the config make one warning and one info finding.
    (tmp_path / "complint.toml").write_text(
        'select = ["TX301", "TX302"]\nseverity = { TX301 = "warning", TX302 = "info" }\n',
        encoding="utf-8",
    )
    (tmp_path / "w.txt").write_text("开展学习X次。\n", encoding="utf-8")
    (tmp_path / "i.txt").write_text("加强意认形态工作。\n", encoding="utf-8")
    data = json.loads(complint("--format", "json", ".", cwd=tmp_path).stdout)
    assert [(f["path"], f["severity"]) for f in data["findings"]] == [
        ("i.txt", "info"),
        ("w.txt", "warning"),
    ]
    for fail_on, warned, informed in (("error", 0, 0), ("warning", 1, 0), ("info", 1, 1)):
        assert complint("w.txt", "--fail-on", fail_on, cwd=tmp_path).returncode == warned
        assert complint("i.txt", "--fail-on", fail_on, cwd=tmp_path).returncode == informed
    gated = complint("w.txt", "--fail-on", "warning", "--exit-zero", cwd=tmp_path)
    assert gated.returncode == 0
    assert complint("w.txt", "--fail-on", "fatal", cwd=tmp_path).returncode == 2


def test_per_path_ignores_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text(
        'select = ["TX301"]\n[per-path-ignores]\n"drafts/*" = ["TX301"]\n', encoding="utf-8"
    )
    (tmp_path / "drafts").mkdir()
    for name in ("drafts/a.txt", "final.txt"):
        (tmp_path / name).write_text("开展学习X次。\n", encoding="utf-8")
    run = complint("--format", "json", ".", cwd=tmp_path)
    assert [f["path"] for f in json.loads(run.stdout)["findings"]] == ["final.txt"]


def test_annotate_needs_one_docx() -> None:
    for args in (
        [str(SAMPLE)],
        [str(ROOT / "samples" / "ideology-report-2024h1.docx"), str(CLEAN)],
    ):
        run = complint(*args, "--annotate", "out.docx")
        assert run.returncode == 2
        assert "--annotate needs exactly one .docx file" in run.stderr


def test_annotate_writes_the_commented_copy(tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    source = ROOT / "samples" / "ideology-report-2024h1.docx"
    run = complint("--no-config", str(source), "--annotate", str(out))
    assert run.returncode == 1, run.stderr
    with zipfile.ZipFile(out) as package:
        assert "word/comments.xml" in package.namelist()


def test_jobs_must_be_positive() -> None:
    assert complint(str(SAMPLE), "--jobs", "0").returncode == 2


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    for number in range(8):
        (tmp_path / f"r{number}.txt").write_text("开展学习X次。\n", encoding="utf-8")
    piped = complint("--no-config", str(tmp_path))
    assert piped.stderr == ""
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COMPLINT_CACHE_DIR": CACHE}
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "--no-config", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        timeout=120,
    )
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the terminal's writer is gone
        while chunk := os.read(leader, 4096):
            shown += chunk
    os.close(leader)
    assert run.returncode == 1
    assert "8/8 files" in shown.decode("utf-8")
    quiet = complint("--no-config", "--quiet", str(tmp_path))
    assert quiet.stderr == ""
