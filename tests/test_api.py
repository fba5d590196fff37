"""The library API (docs/api.md) on the project's samples, against the CLI itself."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT

import compliance
from compliance import Config, Finding, Result, Severity
from compliance.errors import ComplintError, ConfigError, ReadError, RuleError, UsageError
from compliance.readers import SUPPORTED_SUFFIXES

SAMPLES = ROOT / "samples"
CLEAN = SAMPLES / "clean-report.txt"
DEFECTIVE = SAMPLES / "ideology-report-2024h1.txt"  # errors on purpose
WARNINGS_ONLY = SAMPLES / "text-defects.txt"
# Every report a folder walk finds in samples/, as the CLI's would.
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in SUPPORTED_SUFFIXES)


@pytest.fixture(scope="module")
def rules() -> compliance.RuleSet:
    return compliance.load_rules()


def cli_json(*args: str) -> dict[str, object]:
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "--format", "json", "--no-config", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert run.returncode in (0, 1), run.stderr
    data: dict[str, object] = json.loads(run.stdout)
    return data


def test_public_names_are_importable_from_the_package() -> None:
    assert compliance.Finding is Finding
    assert set(Severity.__args__) == {"error", "warning", "info"}  # type: ignore[attr-defined]
    for name in compliance.__all__:
        assert hasattr(compliance, name), name
    assert (ROOT / "compliance" / "py.typed").is_file()


def test_library_runs_the_same_checks_as_the_cli(
    rules: compliance.RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    shown = [p.relative_to(ROOT).as_posix() for p in SAMPLE_FILES]
    cli = cli_json(*shown)
    results = compliance.check_many(shown, rules=rules)
    assert [r.path for r in results] == shown
    library_findings = [f for r in results for f in json.loads(r.to_json())["findings"]]
    assert library_findings == cli["findings"]
    assert library_findings, "the samples have findings on purpose"
    # check() one file at a time agrees with check_many() and with each file's CLI run.
    for path, result in zip(shown, results, strict=True):
        assert compliance.check(path, rules=rules) == result
    assert json.loads(results[shown.index("samples/ideology-report-2024h1.txt")].to_json()) == (
        cli_json("samples/ideology-report-2024h1.txt")
    )


def test_clean_sample_has_nothing_and_its_outline(rules: compliance.RuleSet) -> None:
    result = compliance.check(CLEAN, rules=rules)
    assert result.findings == () and result.errors == ()
    assert result.passed("info")
    result.assert_clean(fail_on="info")
    [report] = result.reports
    first_line = CLEAN.read_text(encoding="utf-8").splitlines()[0]
    assert report.title == first_line.strip()
    assert report.line == 1
    top = [h for h in report.headings if h.level == 1]
    assert [h.label for h in top] == ["一、", "二、", "三、"]
    roles = set().union(*(h.roles for h in top))
    assert {"problems", "plan"} <= roles


def test_several_reports_in_one_file_are_each_in_the_outline(rules: compliance.RuleSet) -> None:
    result = compliance.check(SAMPLES / "multiple-reports.txt", rules=rules)
    assert len(result.reports) > 1
    assert all(r.title for r in result.reports)
    lines = [(r.line, r.end_line) for r in result.reports]
    assert all(a <= b for a, b in lines)
    assert all(lines[i][1] < lines[i + 1][0] for i in range(len(lines) - 1))


def test_path_bytes_and_text_give_the_same_findings_under_their_names(
    rules: compliance.RuleSet,
) -> None:
    by_path = compliance.check(DEFECTIVE, rules=rules)
    by_str = compliance.check(str(DEFECTIVE), rules=rules)
    by_bytes = compliance.check(DEFECTIVE.read_bytes(), filename="上报/2024.txt", rules=rules)
    by_text = compliance.check(DEFECTIVE.read_text(encoding="utf-8"), rules=rules)
    assert by_path == by_str
    assert by_path.findings
    assert {f.path for f in by_bytes.findings} == {"上报/2024.txt"}
    assert {f.path for f in by_text.findings} == {"<text>"}
    for other in (by_bytes, by_text):
        assert [replace(f, path="") for f in other.findings] == [
            replace(f, path="") for f in by_path.findings
        ]
    assert by_bytes.reports == by_path.reports


def test_docx_bytes_use_the_hinted_suffix(rules: compliance.RuleSet) -> None:
    docx = SAMPLES / "ideology-report-2024h1.docx"
    from_bytes = compliance.check(docx.read_bytes(), filename="report.docx", rules=rules)
    from_path = compliance.check(docx, rules=rules)
    assert from_bytes.findings and not from_bytes.errors
    assert [f.rule for f in from_bytes.findings] == [f.rule for f in from_path.findings]
    as_text = compliance.check(docx.read_bytes(), filename="report.txt", rules=rules)
    assert [e.path for e in as_text.errors] == ["report.txt"]


def test_severity_threshold_and_assert_clean(rules: compliance.RuleSet) -> None:
    warnings = compliance.check(WARNINGS_ONLY, rules=rules)
    assert warnings.findings and {f.severity for f in warnings.findings} == {"warning"}
    assert warnings.passed() and warnings.at_or_above("error") == ()
    warnings.assert_clean()  # the default threshold is error, as the CLI's exit code
    with pytest.raises(AssertionError) as failure:
        warnings.assert_clean(fail_on="warning")
    message = str(failure.value)
    for finding in warnings.findings:
        assert f"{finding.path}:{finding.line}:{finding.column}: {finding.rule}" in message
    assert message.rstrip().endswith(warnings.to_text().rstrip())


def test_text_output_is_the_clis(
    rules: compliance.RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    run = subprocess.run(
        [sys.executable, "-m", "compliance", "--no-config", "samples/ideology-report-2024h1.txt"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert compliance.check("samples/ideology-report-2024h1.txt", rules=rules).to_text() == (
        run.stdout
    )


def test_config_selects_like_the_cli(tmp_path: Path, rules: compliance.RuleSet) -> None:
    only_tx = compliance.check(DEFECTIVE, config=Config(select=("TX",)))
    everything = compliance.check(DEFECTIVE, rules=rules)
    assert only_tx.findings == tuple(f for f in everything.findings if f.rule.startswith("TX"))
    (tmp_path / "complint.toml").write_text('ignore = ["TX301"]\n', encoding="utf-8")
    from_file = compliance.check(DEFECTIVE, config=tmp_path / "complint.toml")
    assert from_file.findings == tuple(f for f in everything.findings if f.rule != "TX301")
    assert compliance.discover_config(tmp_path / "sub" / "dir").ignore == ("TX301",)
    assert compliance.discover_config(tmp_path).source == tmp_path / "complint.toml"


def test_check_many_keeps_order_in_processes_and_records_unreadable_files(
    tmp_path: Path, rules: compliance.RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    given = [SAMPLES, tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "scan.jpg"]
    serial = compliance.check_many(given, rules=rules)
    parallel = compliance.check_many(given, rules=rules, jobs=3)
    assert parallel == serial
    assert [r.path for r in serial[: len(SAMPLE_FILES)]] == [str(p) for p in SAMPLE_FILES]
    unreadable = serial[len(SAMPLE_FILES) :]
    assert [r.path for r in unreadable] == [str(p) for p in given[1:]]
    for result in unreadable:
        [error] = result.errors
        assert isinstance(error, ReadError) and isinstance(error, ComplintError)
        assert error.path == result.path and error.reason
        assert str(error) == f"{error.path}: {error.reason}"
        assert not result.passed("error")
    assert all(r.rules is rules.rules for r in parallel)  # the parent's, not copies
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_rule_set_is_shared_safely_between_threads(rules: compliance.RuleSet) -> None:
    expected = [compliance.check(p, rules=rules) for p in SAMPLE_FILES]
    with ThreadPoolExecutor(8) as pool:
        rounds = list(pool.map(lambda p: compliance.check(p, rules=rules), SAMPLE_FILES * 4))
    assert rounds == expected * 4


def test_errors_are_documented_exceptions(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        compliance.check(CLEAN.read_bytes())
    with pytest.raises(UsageError):
        compliance.check(CLEAN, config=Config(), rules=compliance.load_rules())
    with pytest.raises(UsageError):
        compliance.check(SAMPLES)  # a folder
    with pytest.raises(UsageError):
        compliance.check_many([CLEAN], jobs=0)
    with pytest.raises(UsageError):
        compliance.check(CLEAN).passed("fatal")  # type: ignore[arg-type]

    broken = tmp_path / "broken.toml"
    broken.write_text('[[rule]]\ncode = "XX1"\n', encoding="utf-8")
    with pytest.raises(RuleError) as rule_error:
        compliance.load_rules([broken])
    assert rule_error.value.path == str(broken)
    assert str(rule_error.value).startswith(f"{broken}:{rule_error.value.line}:")

    config = tmp_path / "complint.toml"
    config.write_text('select = "IW"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as config_error:
        compliance.load_config(config)
    assert config_error.value.line == 1 and "select" in config_error.value.message
    with pytest.raises(ConfigError):
        compliance.check(CLEAN, config=config)
    for error in (rule_error.value, config_error.value, ReadError("a.txt", "empty file")):
        assert isinstance(error, ComplintError)
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)


def test_sarif_for_one_result(rules: compliance.RuleSet) -> None:
    pytest.importorskip("compliance.output.sarif")
    result = compliance.check(DEFECTIVE, rules=rules)
    sarif = json.loads(result.to_sarif())
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    assert len(run["results"]) == len(result.findings)
    assert {r["ruleId"] for r in run["results"]} == {f.rule for f in result.findings}
    with pytest.raises(UsageError):
        Result(result.path, result.findings).to_sarif()  # made by hand: no rules to describe


CONSUMER = ROOT / "tests" / "consumer" / "consumer.py"


@pytest.mark.slow
def test_consumer_script_passes_mypy_strict_through_the_installed_package(
    tmp_path: Path,
) -> None:
    pytest.importorskip("mypy")
    # From outside the source tree, so mypy finds complint as installed: through py.typed.
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(CONSUMER)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_consumer_script_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(CONSUMER.parent)
    import consumer

    summary = consumer.summarise([str(CLEAN), str(DEFECTIVE), str(WARNINGS_ONLY), "nope.txt"])
    assert summary[str(CLEAN)] is None
    assert summary[str(DEFECTIVE)] == "error"
    # The consumer ignores TX304; the sample's other warnings remain.
    assert summary[str(WARNINGS_ONLY)] == "warning"
    assert summary["nope.txt"] == "no such file or directory"
    assert consumer.text_passes(CLEAN.read_text(encoding="utf-8"))
    assert not consumer.text_passes(DEFECTIVE.read_text(encoding="utf-8"))


def test_the_documented_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(example, "docs/api.md", "exec"), {"__name__": "__main__"})
