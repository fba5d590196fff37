"""The line formats: text with its source, concise, json-lines and --statistics."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conftest import ROOT
from test_cli import complint

SAMPLE = "samples/ideology-report-2024h1.txt"


def findings(*args: str) -> list[dict[str, object]]:
    data = json.loads(complint("--no-config", *args, "--format", "json").stdout)
    found: list[dict[str, object]] = data["findings"]
    return found


def test_concise_is_one_line_per_finding_without_excerpt() -> None:
    run = complint("--no-config", SAMPLE, "--format", "concise")
    assert run.returncode == 1
    *lines, summary = run.stdout.splitlines()
    expected = findings(SAMPLE)
    assert len(lines) == len(expected)
    for line, f in zip(lines, expected, strict=True):
        assert (
            line
            == f"{f['path']}:{f['line']}:{f['column']}: {f['rule']} [{f['severity']}] "
            + str(f["message"])
        )
        assert " | " not in line
    assert summary.startswith("Found ")


def test_json_lines_parse_one_object_per_line() -> None:
    run = complint("--no-config", "samples", "--format", "json-lines")
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows == findings("samples")


def test_statistics_count_per_rule() -> None:
    run = complint("--no-config", "samples", "--statistics")
    assert run.returncode == 1
    counted = Counter(str(f["rule"]) for f in findings("samples"))
    every = [line.split("\t") for line in run.stdout.splitlines()]
    # Suppressed findings come last, on rows of their own (samples/suppressions.txt).
    rows = [row for row in every if row[2] != "[suppressed]"]
    suppressed = every[len(rows) :]
    assert all(row[2] == "[suppressed]" for row in suppressed) and suppressed
    assert {code: int(count) for count, code, *_ in rows} == counted
    numbers = [int(count) for count, *_ in rows]
    assert numbers == sorted(numbers, reverse=True)
    assert all(severity in {"[error]", "[warning]", "[info]"} for _, _, severity, _ in rows)
    # With a machine format the table goes to stderr and stdout stays parseable.
    machine = complint("--no-config", "samples", "--statistics", "--format", "json")
    summary = json.loads(machine.stdout)["summary"]
    assert summary["findings"] == sum(counted.values())
    assert summary["suppressed"] == sum(int(count) for count, *_ in suppressed)
    assert machine.stderr.splitlines()[-len(every) :] == run.stdout.splitlines()


def test_show_source_puts_carets_under_the_text() -> None:
    run = complint("--no-config", SAMPLE, "--select", "TX301", "--show-source")
    lines = run.stdout.splitlines()
    source = (ROOT / SAMPLE).read_text(encoding="utf-8").splitlines()
    first = lines.index(next(line for line in lines if "TX301" in line))
    gutter, shown = lines[first + 1].split(" | ", 1)
    assert gutter == "6" and shown.strip("…") in source[5]
    caret_line = lines[first + 2].split(" | ", 1)[1]
    # Carets sit under "X次": each CJK character takes two terminal cells.
    before = shown[: shown.index("X次")]
    assert before[0] == "…" and all(ord(c) > 0x3000 for c in before[1:])
    assert caret_line == " " * (1 + 2 * (len(before) - 1)) + "^^^"
    plain = complint("--no-config", SAMPLE, "--select", "TX301", "--no-show-source")
    assert " | 6" not in plain.stdout and len(plain.stdout.splitlines()) == 3


def test_quiet_prints_only_findings() -> None:
    run = complint("--no-config", SAMPLE, "--quiet")
    assert run.returncode == 1
    assert not any(line.startswith("Found ") for line in run.stdout.splitlines())
    assert len(run.stdout.splitlines()) == len(findings(SAMPLE))


def test_output_file_holds_what_stdout_would(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old contents", encoding="utf-8")
    run = complint("--no-config", SAMPLE, "--format", "json", "--output", str(out))
    assert run.returncode == 1 and run.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] == findings(SAMPLE)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left
    assert out.stat().st_mode & 0o644 == 0o644
