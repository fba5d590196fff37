"""GitHub Actions workflow commands, parsed by the runner's grammar."""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_cli import complint

COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),endColumn=(?P<end>\d+),title=(?P<title>[A-Z]{2}\d{3})::(?P<message>.+)$"
)


def unescape(value: str) -> str:
    return (
        value.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_each_finding_is_one_workflow_command() -> None:
    args = ("--no-config", "samples")
    run = complint(*args, "--format", "github")
    assert run.returncode == 1
    findings = json.loads(complint(*args, "--format", "json").stdout)["findings"]
    lines = run.stdout.splitlines()
    assert len(lines) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, f in zip(lines, findings, strict=True):
        match = COMMAND.match(line)
        assert match, line
        assert unescape(match["file"]) == f["path"]
        assert (int(match["line"]), int(match["col"]), int(match["end"])) == (
            f["line"],
            f["column"],
            f["end_column"],
        )
        assert match["title"] == f["rule"]
        assert match["level"] == levels[f["severity"]]
        assert unescape(match["message"]).startswith(f["message"])


def test_commas_colons_and_newlines_are_escaped(tmp_path: Path) -> None:
    report = tmp_path / "a,b:c.txt"
    report.write_text("开展学习X次。\n", encoding="utf-8")
    run = complint("--no-config", "--select", "TX301", "--format", "github", str(report))
    (line,) = run.stdout.splitlines()
    match = COMMAND.match(line)
    assert match, line
    assert unescape(match["file"]) == str(report)
    assert "%2C" in match["file"] and "%3A" in match["file"]
