"""JUnit XML, parsed by an XML parser as GitLab and Jenkins do."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT
from test_cli import complint

from compliance.readers import SUPPORTED_SUFFIXES

SAMPLES = ROOT / "samples"


def test_one_testcase_per_file_and_failures_carry_the_findings(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    args = ("--no-config", "samples", str(broken))
    run = complint(*args, "--format", "junit")
    assert run.returncode == 1
    findings = json.loads(complint(*args, "--format", "json").stdout)["findings"]
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)
    assert [c.get("name") for c in cases] == [str(p.relative_to(ROOT)) for p in files] + [
        str(broken)
    ]
    assert suite.get("tests") == str(len(cases))
    failed = [c for c in cases if c.find("failure") is not None]
    assert suite.get("failures") == str(len(failed))
    assert suite.get("errors") == "1"
    for case in cases:
        mine = [f for f in findings if f["path"] == case.get("name")]
        errors = [f for f in mine if f["severity"] == "error"]
        failure = case.find("failure")
        if errors:
            assert failure is not None
            body = (failure.text or "").splitlines()
            assert len(body) == len(errors)
            for line, f in zip(body, errors, strict=True):
                assert line.startswith(f"{f['path']}:{f['line']}:{f['column']}: {f['rule']}")
        else:
            assert failure is None, case.get("name")
        others = [f for f in mine if f["severity"] != "error"]
        out = case.find("system-out")
        assert len((out.text or "").splitlines() if out is not None else []) == len(others)
    error = cases[-1].find("error")
    assert error is not None and "broken.docx: not a valid .docx" in (error.get("message") or "")
    clean = next(c for c in cases if c.get("name", "").endswith("clean-report.txt"))
    assert list(clean) == []  # a passing testcase


def test_fail_on_warning_makes_warnings_failures() -> None:
    sample = "samples/ideology-report-2024h1.txt"
    run = complint("--no-config", sample, "--format", "junit", "--fail-on", "warning")
    (case,) = ET.fromstring(run.stdout.encode("utf-8")).iter("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert "[warning]" in (failure.text or "")
    assert case.find("system-out") is None
