"""Issue 15: a gate that never fails open. One test (or a few) per numbered point, each
through the real `complint` command in a subprocess; every misconfiguration is exit 2
with one line on stderr naming the option or the file, and no traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, complint_env

SAMPLE = ROOT / "samples" / "ideology-report-2024h1.txt"
SAMPLE_DOCX = ROOT / "samples" / "ideology-report-2024h1.docx"
PLACEHOLDER = "示范局2024年上半年意识形态工作总结\n一、工作开展情况\n开展学习X次。\n"


def complint(
    *args: str,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args],
        capture_output=True,
        input=stdin,
        cwd=cwd,
        env={**complint_env(), "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def out(run: subprocess.CompletedProcess[bytes]) -> str:
    return run.stdout.decode("utf-8")


def usage_error(run: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """The run was a usage error: exit 2, one line on stderr holding every needle."""
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, (run.returncode, stderr, out(run))
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    for needle in needles:
        assert needle in line, (needle, line)
    return line


def report(folder: Path, name: str = "r.txt", text: str = PLACEHOLDER) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. unknown codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "nearest"),
    [
        ("--select", "IW999", "IW109"),
        ("--ignore", "TX3O1", "TX301"),
        ("--select", "XX", "TX"),
        ("--select", "QQ", ""),
    ],
)
def test_unknown_codes_on_the_command_line(option: str, value: str, nearest: str) -> None:
    line = usage_error(complint(str(SAMPLE), "--no-config", option, value), option, value)
    assert ("nearest: " + nearest) in line if nearest else "complint rules" in line


def test_known_prefixes_still_select() -> None:
    run = complint(str(SAMPLE), "--no-config", "--no-cache", "--select", "tx30,IW1")
    assert run.returncode == 1
    assert "TX301" in out(run) and "IW101" in out(run)


@pytest.mark.parametrize(
    ("setting", "line", "column", "code"),
    [
        ('select = ["IW", "IW999"]\n', 1, 17, "IW999"),
        ('ignore = [\n  "TX301",\n  "TX3O4",\n]\n', 3, 3, "TX3O4"),
        ('severity = { TX3O4 = "info" }\n', 1, 14, "TX3O4"),
        ('severity = { TX = "info" }\n', 1, 14, "TX"),
        ('[per-path-ignores]\n"a/*" = ["ST999"]\n', 2, 10, "ST999"),
    ],
)
def test_unknown_codes_in_the_config(
    tmp_path: Path, setting: str, line: int, column: int, code: str
) -> None:
    (tmp_path / "complint.toml").write_text(setting, encoding="utf-8")
    run = complint(str(SAMPLE), "--no-cache", cwd=tmp_path)
    usage_error(run, f"{tmp_path / 'complint.toml'}:{line}:{column}: ", code)


def test_a_custom_rule_code_is_known(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "zz.toml").write_text(ZZ_RULE, encoding="utf-8")
    (tmp_path / "complint.toml").write_text(
        'rules = ["mine"]\nselect = ["ZZ001"]\n', encoding="utf-8"
    )
    run = complint(str(report(tmp_path, text=PLACEHOLDER + "此事待定。\n")), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "ZZ001 [warning]" in out(run)


ZZ_RULE = (
    '[[rule]]\ncode = "ZZ001"\nname = "tbd"\nkind = "forbid"\nseverity = "warning"\n'
    'title = "TBD left in"\nmessage = "待定：{text}"\nmatch = \'"待定"\'\n'
    'examples.bad = ["方案待定。"]\nexamples.good = ["方案已定。"]\n'
)


# -- 2. unreadable configuration -----------------------------------------------------------


def test_broken_complint_toml_is_reported_where_it_is_broken(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text('select = ["IW"]\nignore = ["TX304"\n', "utf-8")
    line = usage_error(complint(str(SAMPLE), cwd=tmp_path), "invalid TOML")
    assert re.match(rf"complint: {re.escape(str(tmp_path / 'complint.toml'))}:3:1: ", line)


def test_broken_tool_complint_in_pyproject_is_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.complint]\nselect = ["IW" "TX"]\n', encoding="utf-8"
    )
    line = usage_error(complint(str(SAMPLE), cwd=tmp_path), "invalid TOML")
    assert f"{tmp_path / 'pyproject.toml'}:5:" in line
    assert ":1:1:" not in line


def test_a_broken_pyproject_without_complint_settings_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x\n', encoding="utf-8")
    run = complint(str(SAMPLE), "--no-cache", cwd=tmp_path)
    assert run.returncode == 1 and "IW101" in out(run)


# -- 3. periods ---------------------------------------------------------------------------

NO_PERIOD = "示范局意识形态工作总结\n一、工作开展情况\n全年共开展学习12次。\n"


@pytest.mark.parametrize("value", ["banana", "2024-H3", "2024年13月", "24H1", "上半年"])
def test_a_period_that_is_not_one_is_refused(value: str) -> None:
    usage_error(complint(str(SAMPLE), "--no-config", "--period", value), "--period", value)


def test_a_bad_period_in_the_config_is_refused_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text('select = ["IW"]\nperiod = "banana"\n', "utf-8")
    usage_error(complint(str(SAMPLE), cwd=tmp_path), f"{tmp_path / 'complint.toml'}:2:10:")


@pytest.mark.parametrize(
    ("value", "fires"),
    [
        ("2024年上半年", True),
        ("2024上半年", True),
        ("2024H1", True),
        ("2024-h1", True),
        ("2024年1-6月", True),
        ("2024年1月至6月", True),
        ("2024年度", False),
        ("2024", False),
        ("2024年第二季度", False),  # accepted; 全年 contradicts only a half-year
        ("2024Q2", False),
    ],
)
def test_the_forms_people_write_set_the_period(tmp_path: Path, value: str, fires: bool) -> None:
    file = report(tmp_path, text=NO_PERIOD)
    run = complint(str(file), "--no-config", "--no-cache", "--select", "CS501", "--period", value)
    assert run.returncode == 0, run.stderr
    assert ("CS501" in out(run)) is fires
    if fires:  # the message quotes the period as a report writes it
        assert "（2024年上半年）" in out(run)


# -- 4. the rule commands read the project's configuration --------------------------------


@pytest.mark.slow
def test_rules_rule_and_check_rules_honour_the_config(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "zz.toml").write_text(ZZ_RULE, encoding="utf-8")
    (tmp_path / "complint.toml").write_text(
        'rules = ["mine"]\nseverity = { IW103 = "error", ZZ001 = "info" }\n', encoding="utf-8"
    )
    listing = complint("rules", cwd=tmp_path)
    assert listing.returncode == 0
    lines = {line.split()[0]: line.split()[1] for line in out(listing).splitlines()}
    assert lines["ZZ001"] == "info" and lines["IW103"] == "error"
    explained = complint("rule", "zz001", cwd=tmp_path)
    assert explained.returncode == 0 and "ZZ001" in out(explained)
    assert "info" in out(explained)
    checked = complint("check-rules", cwd=tmp_path)
    assert checked.returncode == 0, out(checked)
    bundled = complint("check-rules", "--no-config", cwd=tmp_path)
    rules = int(re.search(r"of (\d+) rules", out(checked)).group(1))  # type: ignore[union-attr]
    fewer = int(re.search(r"of (\d+) rules", out(bundled)).group(1))  # type: ignore[union-attr]
    assert rules == fewer + 1
    assert "ZZ001" not in out(complint("rules", "--no-config", cwd=tmp_path))
    missing = complint("rule", "IW999", "--no-config")
    line = usage_error(missing, "no rule IW999", "IW109")
    assert line.startswith("complint: ")


# -- 5. where complint writes ---------------------------------------------------------------


@pytest.mark.slow
def test_output_targets_are_checked_before_linting(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "out.json"
    usage_error(complint(str(SAMPLE), "--output", str(missing)), "--output", "does not exist")
    usage_error(complint(str(SAMPLE), "--output", str(tmp_path)), "--output", "is a folder")
    usage_error(
        complint(str(SAMPLE), "--write-baseline", str(missing)), "--write-baseline", "nowhere"
    )
    usage_error(
        complint(str(SAMPLE), "--write-baseline", str(tmp_path)), "--write-baseline", "folder"
    )
    copy = tmp_path / "r.docx"
    shutil.copy(SAMPLE_DOCX, copy)
    before = copy.read_bytes()
    usage_error(complint(str(copy), "--output", str(copy)), "--output", "is an input")
    usage_error(complint(str(copy), "--annotate", str(copy)), "--annotate", "input itself")
    usage_error(
        complint(str(copy), "--annotate", str(tmp_path / "no" / "a.docx")), "--annotate", "no"
    )
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


# -- 6. consoles that are not UTF-8 ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "gbk", "ascii"])
def test_output_on_a_console_that_is_not_utf8(encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding}
    text = complint(str(SAMPLE), "--no-config", "--no-cache", env=env)
    assert text.returncode == 1 and b"Traceback" not in text.stderr
    shown = text.stdout.decode(encoding)
    assert "IW101 [error]" in shown and "Found 9 findings" in shown
    if encoding != "gbk":  # GBK shows Chinese; the others get escapes
        assert "\\u" in shown
    for fmt in ("json", "json-lines", "sarif", "gitlab", "rdjson"):
        machine = complint(str(SAMPLE), "--no-config", "--no-cache", "--format", fmt, env=env)
        assert machine.returncode == 1 and b"Traceback" not in machine.stderr
        data = machine.stdout.decode("utf-8")  # always UTF-8
        assert "意识形态" in data
        for piece in data.splitlines() if fmt == "json-lines" else [data]:
            json.loads(piece)


# -- 7. a reader that goes away -------------------------------------------------------------


@pytest.mark.parametrize("args", [("rules",), (str(SAMPLE), "--no-config", "--no-cache")])
def test_a_closed_pipe_is_no_traceback(args: tuple[str, ...]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=complint_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head` that has read enough
    stderr = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=120) == 141
    assert stderr == ""


def test_complint_rules_into_head() -> None:
    run = subprocess.run(
        f"{sys.executable} -m compliance rules | head -1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        env=complint_env(),
        timeout=120,
    )
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    assert len(run.stdout.splitlines()) == 1


# -- 8. hostile file names in HTML and JUnit -------------------------------------------------


def test_html_script_data_cannot_be_broken_by_a_file_name(tmp_path: Path) -> None:
    name = "<!--<script>a&b'\".txt"  # a file name cannot hold "/"
    report(tmp_path, name)
    run = complint(name, "--no-config", "--no-cache", "--format", "html", cwd=tmp_path)
    page = out(run)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.DOTALL)
    assert scripts, "the page has its script"
    for script in scripts:
        assert "<!--" not in script and "<script" not in script and "</" not in script
    escaped = json.dumps(name, ensure_ascii=False)[1:-1]
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        escaped = escaped.replace(char, code)
    assert any(escaped in script for script in scripts)
    assert page.count("<script") == len(scripts)


def test_junit_is_valid_xml_with_control_characters_in_a_path(tmp_path: Path) -> None:
    name = "r\x01\x1b.txt"
    report(tmp_path, name)
    run = complint(name, "--no-config", "--no-cache", "--format", "junit", cwd=tmp_path)
    assert run.returncode == 1
    root = ET.fromstring(run.stdout)
    (case,) = root.iter("testcase")
    assert case.get("name") == "r\\x01\\x1b.txt"
    assert case.find("failure") is not None


def test_a_path_that_is_not_unicode_is_still_valid_json(tmp_path: Path) -> None:
    name = os.fsdecode(b"r\xff.txt")  # a lone surrogate in Python
    report(tmp_path, name)
    run = complint(".", "--no-config", "--no-cache", "--format", "json", cwd=tmp_path)
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    assert json.loads(run.stdout)["files"][0]["path"] == "r\udcff.txt"


# -- 10. instructions that work, and one repository address ------------------------------------


def test_the_repository_address_is_one_and_the_help_links_are_real() -> None:
    from compliance.project import REPOSITORY

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"]["Repository"] == REPOSITORY
    run = complint(str(SAMPLE), "--no-config", "--no-cache", "--format", "sarif")
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    prefix = f"{REPOSITORY}/blob/main/"
    assert rules and all(r["helpUri"].startswith(prefix) for r in rules)
    assert all((ROOT / r["helpUri"].removeprefix(prefix)).is_file() for r in rules)
    for doc in ("README.md", "docs/ci.md", "examples/report-repo/README.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert "<this repository" not in text and "<a release tag>" not in text
        assert not re.search(r"pip install complint\b", text)
    example = (ROOT / "examples" / "report-repo" / "README.md").read_text(encoding="utf-8")
    assert f'"complint @ git+{REPOSITORY}@main"' in example
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "tagged `vX.Y.Z`" in changelog


# -- 11. the pre-commit hook checks reports, not READMEs -------------------------------------


def test_pre_commit_hook_defaults_to_report_files(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    staged = {
        "README.md": PLACEHOLDER,
        "docs/guide.md": PLACEHOLDER,
        "reports/2024h1.txt": PLACEHOLDER,
        "材料/2024年意识形态工作总结.md": PLACEHOLDER.replace("X次", "6次"),
    }
    for name, text in staged.items():
        report(tmp_path, name, text)
    files = re.compile(hook["files"])
    chosen = [name for name in staged if files.search(name)]  # what pre-commit passes
    assert chosen == ["reports/2024h1.txt", "材料/2024年意识形态工作总结.md"]
    run = complint(*chosen, "--no-cache", "--select", "TX301", cwd=tmp_path)
    assert run.returncode == 1
    assert "reports/2024h1.txt:3:" in out(run) and "README" not in out(run)
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "set `files:`" in ci


# -- 12. folder walks --------------------------------------------------------------------------


def _tree(root: Path) -> None:
    for name in (
        "reports/a.txt",
        "reports/archive/old.txt",
        "reports/drafts/d.md",
        ".venv/lib/x.txt",
        "node_modules/pkg/readme.md",
        "build/out.txt",
        "reports/__pycache__/c.txt",
        ".hidden/h.txt",
        "reports/ignored.txt",
    ):
        report(root, name)
    (root / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")


def _linted(run: subprocess.CompletedProcess[bytes]) -> list[str]:
    return [f["path"] for f in json.loads(run.stdout)["files"]]


@pytest.mark.slow
def test_walks_skip_tool_folders_and_honour_gitignore(tmp_path: Path) -> None:
    _tree(tmp_path)
    args = (".", "--no-cache", "--format", "json", "--select", "TX301")
    plain = _linted(complint(*args, cwd=tmp_path))
    assert plain == [
        "reports/a.txt",
        "reports/archive/old.txt",
        "reports/drafts/d.md",
        "reports/ignored.txt",  # no git work tree: .gitignore means nothing
    ]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    in_git = _linted(complint(*args, cwd=tmp_path))
    assert in_git == ["reports/a.txt", "reports/archive/old.txt", "reports/drafts/d.md"]
    excluded = _linted(complint(*args, "--exclude", "archive", cwd=tmp_path))
    assert excluded == ["reports/a.txt", "reports/drafts/d.md"]
    (tmp_path / "complint.toml").write_text('exclude = ["reports/drafts/*.md"]\n', "utf-8")
    configured = _linted(complint(*args, "--exclude", "archive", cwd=tmp_path))
    assert configured == ["reports/a.txt"]
    nested = tmp_path / "reports" / "county"
    report(nested, "n.txt")
    subprocess.run(["git", "init", "-q", str(nested)], check=True)  # a repository inside
    assert "reports/county/n.txt" in _linted(complint(*args, cwd=tmp_path))
    named = _linted(complint(".venv/lib/x.txt", *args[1:], cwd=tmp_path))
    assert named == [".venv/lib/x.txt"]  # a file named on the command line is linted


# -- 13. rule packs given twice, overrides, no bundled packs -----------------------------------


def test_a_bundled_pack_given_again_is_loaded_once(tmp_path: Path) -> None:
    run = complint("check-rules", "rules/text.toml", "--no-config")
    assert run.returncode == 0, out(run) + run.stderr.decode()
    assert re.search(r"of \d+ rules behave", out(run))
    copy = tmp_path / "text.toml"
    shutil.copy(ROOT / "rules" / "text.toml", copy)
    again = complint(str(SAMPLE), "--no-config", "--no-cache", "--rules", str(copy))
    plain = complint(str(SAMPLE), "--no-config", "--no-cache")
    assert again.returncode == 1 and out(again) == out(plain)


def test_redefining_a_bundled_rule_needs_override(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    rule = ZZ_RULE.replace("ZZ001", "TX301")
    mine.write_text(rule, encoding="utf-8")
    line = usage_error(
        complint(str(SAMPLE), "--no-config", "--rules", str(mine)), "TX301", "override = true"
    )
    assert line.startswith(f"complint: {mine}:1:")
    mine.write_text(rule.replace("[[rule]]\n", "[[rule]]\noverride = true\n"), "utf-8")
    file = report(tmp_path, text=PLACEHOLDER + "此事待定。\n")
    run = complint(str(file), "--no-config", "--no-cache", "--rules", str(mine))
    assert "TX301 [warning] 待定：待定" in out(run)
    assert "X次" not in out(run)  # the bundled TX301 is replaced, not run beside it


def test_no_bundled_rules(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(ZZ_RULE, encoding="utf-8")
    file = report(tmp_path, text=PLACEHOLDER + "此事待定。\n")
    args = ("--no-cache", "--format", "json")
    only = complint(str(file), "--no-config", "--no-bundled-rules", "--rules", str(mine), *args)
    assert {f["rule"] for f in json.loads(only.stdout)["findings"]} == {"ZZ001"}
    (tmp_path / "complint.toml").write_text('bundled = false\nrules = ["mine.toml"]\n', "utf-8")
    configured = complint(str(file), *args, cwd=tmp_path)
    assert {f["rule"] for f in json.loads(configured.stdout)["findings"]} == {"ZZ001"}
    usage_error(complint(str(file), "--no-config", "--no-bundled-rules"), "--rules")


# -- 14. first-hour friction ---------------------------------------------------------------


def test_an_empty_folder_says_why(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "notes.xlsx").write_bytes(b"x")
    run = complint("reports", "--no-config", "--no-cache", cwd=tmp_path)
    assert run.returncode == 2
    stderr = run.stderr.decode()
    (line,) = stderr.splitlines()
    assert line.startswith("reports: no report file in this folder") and ".docx" in line


def test_help_lists_the_subcommands_and_every_format() -> None:
    run = complint("--help")
    assert run.returncode == 0
    text = " ".join(out(run).split())
    for word in ("check-rules", "complint rules", "complint rule CODE", ".pdf", ".doc", ".wps"):
        assert word in text
    for fmt in ("gitlab", "rdjson", "sarif"):
        assert fmt in text


def test_a_report_on_stdin(tmp_path: Path) -> None:
    run = complint(
        "-", "--stdin-filename", "上报/x.txt", "--no-config", "--no-cache", "--show-source",
        stdin=SAMPLE.read_bytes(),
    )  # fmt: skip
    plain = complint(str(SAMPLE), "--no-config", "--no-cache", "--show-source")
    assert run.returncode == 1
    assert out(run) == out(plain).replace(str(SAMPLE), "上报/x.txt")
    usage_error(complint("-", str(SAMPLE), "--no-config"), "stdin")
    unnamed = complint("-", "--no-config", "--no-cache", stdin=PLACEHOLDER.encode("gb18030"))
    assert "<stdin>:3:" in out(unnamed)


@pytest.mark.slow
def test_the_documented_check_many_example_runs_under_spawn(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    example = text.split("```python\n", 1)[1].split("```", 1)[0]
    assert 'if __name__ == "__main__":' in example
    script = tmp_path / "example.py"
    # Forced here so that the check holds on Linux too, where fork is the default.
    script.write_text(
        'import multiprocessing\nmultiprocessing.set_start_method("spawn", force=True)\n' + example,
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, cwd=ROOT, env=complint_env(),
        timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr.decode()
    assert "IW101" in out(run)


def test_caches_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    stale = cache / "ab" / ("ab" + "0" * 62 + ".json")
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    run = complint(str(SAMPLE), "--no-config", "--cache-dir", str(cache))
    assert run.returncode == 1
    assert not stale.exists()
    entries = list(cache.glob("*/*.json"))
    assert len(entries) == 1  # this run's result, kept
    again = complint(str(SAMPLE), "--no-config", "--cache-dir", str(cache))
    assert out(again) == out(run)


def test_counts_are_singular_when_one(tmp_path: Path) -> None:
    file = report(tmp_path)
    run = complint(str(file), "--no-config", "--no-cache", "--select", "TX301")
    assert out(run).splitlines()[-1] == (
        "Found 1 finding (1 error, 0 warnings, 0 infos) in 1 file."
    )
    select = ("--no-config", "--no-cache", "--select", "TX301", "--format", "html")
    page = complint(str(file), *select, "--lang", "en")  # the page speaks zh-CN by default
    assert "1 finding in 1 file" in out(page) and "1 files" not in out(page)
    assert "1 个文件，1 条问题" in out(complint(str(file), *select))


# -- 15. GitLab Code Quality and reviewdog --------------------------------------------------


def test_gitlab_code_quality_report(tmp_path: Path) -> None:
    twice = report(tmp_path, "reports/a.txt", PLACEHOLDER + "又开展X次。\n开展学习X次。\n")
    report(tmp_path, "reports/b.txt", PLACEHOLDER)
    run = complint("reports", "--no-config", "--no-cache", "--format", "gitlab", cwd=tmp_path)
    assert run.returncode == 1
    issues = json.loads(run.stdout)
    assert isinstance(issues, list) and issues
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in issues:
        assert issue["type"] == "issue"
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert (tmp_path / issue["location"]["path"]).is_file()
    placeholders = [i for i in issues if i["check_name"] == "TX301"]
    assert {i["severity"] for i in placeholders} == {"major"}
    # Editing elsewhere keeps a finding's fingerprint (GitLab tracks it across commits).
    twice.write_text("前言。\n" + twice.read_text(encoding="utf-8"), encoding="utf-8")
    later = complint("reports", "--no-config", "--no-cache", "--format", "gitlab", cwd=tmp_path)
    assert {i["fingerprint"] for i in json.loads(later.stdout)} >= {
        i["fingerprint"] for i in placeholders
    }


def test_gitlab_fingerprints_stay_unique_when_results_share_a_path() -> None:
    from compliance.errors import ReadError
    from compliance.output import render
    from compliance.output.result import Result, Run

    # The same missing file given twice: two results of one path.
    gone = Result("gone.txt", error=ReadError("gone.txt", "no such file or directory"))
    issues = json.loads(render("gitlab", Run([gone, gone])))
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 2


def test_rdjson_columns_are_utf8_bytes(tmp_path: Path) -> None:
    run = complint(str(SAMPLE), "--no-config", "--no-cache", "--format", "rdjson")
    data = json.loads(run.stdout)
    assert data["source"]["name"] == "complint"
    lines = SAMPLE.read_bytes().split(b"\n")
    placed = 0
    for diagnostic in data["diagnostics"]:
        assert diagnostic["severity"] in {"ERROR", "WARNING", "INFO"}
        assert diagnostic["code"]["value"]
        where = diagnostic["location"]["range"]
        start, end = where["start"], where["end"]
        line = lines[start["line"] - 1]
        if diagnostic["code"]["value"] in {"TX301", "TX302"}:
            excerpt = line[start["column"] - 1 : end["column"] - 1].decode("utf-8")
            assert excerpt in {"X次", "XX次", "意认形态", "领城"}
            placed += 1
        if "suggestions" in diagnostic:
            assert diagnostic["suggestions"][0]["text"] in {"意识形态", "领域"}
    assert placed == 4


def test_the_library_refuses_the_same_misconfigurations(tmp_path: Path) -> None:
    import compliance

    with pytest.raises(compliance.UsageError, match=r"IW999.*IW109"):
        compliance.load_rules(config=compliance.Config(select=("IW999",)))
    with pytest.raises(compliance.UsageError, match="banana"):
        compliance.load_rules(config=compliance.Config(period="banana"))
    config = tmp_path / "complint.toml"
    config.write_text('ignore = ["TX3O4"]\n', encoding="utf-8")
    with pytest.raises(compliance.ConfigError) as info:
        compliance.load_rules(config=config)
    assert (info.value.line, info.value.column) == (1, 11)
