"""The pytest plugin, run by pytest's own plugin-testing fixture on the project's samples."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

import compliance

pytest_plugins = ["pytester"]

SAMPLES = ROOT / "samples"
CLEAN = SAMPLES / "clean-report.txt"
DEFECTIVE = SAMPLES / "ideology-report-2024h1.txt"  # errors on purpose
WARNINGS_ONLY = SAMPLES / "text-defects.txt"
EXAMPLE = ROOT / "examples" / "report-repo"


@pytest.fixture
def reports(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project folder with one clean and one defective report."""
    folder = pytester.mkdir("reports")
    shutil.copy(CLEAN, folder / "clean.txt")
    shutil.copy(DEFECTIVE, folder / "defective.txt")
    return pytester


def expected_failure_text(pytester: pytest.Pytester, shown: str) -> list[str]:
    """What the CLI's text format says about the file, as the library renders it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(pytester.path)
        return compliance.check(shown).to_text().splitlines()


def test_one_item_per_report_and_findings_in_the_failure(reports: pytest.Pytester) -> None:
    run = reports.runpytest("--complint", "-v")
    run.assert_outcomes(passed=1, failed=1)
    run.stdout.fnmatch_lines(
        ["reports/clean.txt::complint PASSED*", "reports/defective.txt::complint FAILED*"]
    )
    lines = expected_failure_text(reports, "reports/defective.txt")
    assert any("[error]" in line for line in lines)
    run.stdout.fnmatch_lines([line.replace("[", "[[]") for line in lines], consecutive=True)


def test_without_the_option_reports_are_not_collected(reports: pytest.Pytester) -> None:
    reports.runpytest().assert_outcomes()


def test_second_run_skips_the_unchanged_passing_file(reports: pytest.Pytester) -> None:
    reports.runpytest("--complint").assert_outcomes(passed=1, failed=1)
    again = reports.runpytest("--complint", "-rs")
    again.assert_outcomes(skipped=1, failed=1)  # a failing file is never skipped
    again.stdout.fnmatch_lines(["SKIPPED * reports/clean.txt: complint: unchanged*"])
    # Changing the file, the threshold or clearing the cache runs it again.
    with (reports.path / "reports" / "clean.txt").open("a", encoding="utf-8") as file:
        file.write("\n")
    reports.runpytest("--complint").assert_outcomes(passed=1, failed=1)
    reports.runpytest("--complint").assert_outcomes(skipped=1, failed=1)
    reports.runpytest("--complint", "--complint-fail-on=warning").assert_outcomes(
        passed=1, failed=1
    )
    reports.runpytest("--complint", "--cache-clear").assert_outcomes(passed=1, failed=1)


def test_rule_changes_invalidate_the_cache(reports: pytest.Pytester) -> None:
    reports.runpytest("--complint").assert_outcomes(passed=1, failed=1)
    reports.makefile(".toml", complint='ignore = ["ST"]\n')
    reports.runpytest("--complint").assert_outcomes(passed=1, failed=1)


def test_works_without_the_cache_provider(reports: pytest.Pytester) -> None:
    for _ in range(2):
        reports.runpytest("--complint", "-p", "no:cacheprovider").assert_outcomes(
            passed=1, failed=1
        )


@pytest.mark.slow
def test_xdist_gives_the_same_outcome(reports: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    first = reports.runpytest_subprocess("--complint", "-n", "2")
    first.assert_outcomes(passed=1, failed=1)
    first.stdout.fnmatch_lines(["*reports/defective.txt:*IW101 [[]error]*"])
    # The workers' passes reach the controller, which records them for the next run.
    reports.runpytest_subprocess("--complint", "-n", "2").assert_outcomes(skipped=1, failed=1)


def test_fail_on_threshold(pytester: pytest.Pytester) -> None:
    shutil.copy(WARNINGS_ONLY, pytester.path / "warnings.txt")
    assert compliance.check(WARNINGS_ONLY).findings  # warnings, no errors
    pytester.runpytest("--complint", "-p", "no:cacheprovider").assert_outcomes(passed=1)
    strict = pytester.runpytest("--complint", "--complint-fail-on", "warning")
    strict.assert_outcomes(failed=1)
    strict.stdout.fnmatch_lines(["warnings.txt:*[[]warning]*"])
    pytester.makeini("[pytest]\ncomplint_fail_on = warning\n")
    pytester.runpytest("--complint", "-p", "no:cacheprovider").assert_outcomes(failed=1)


def test_complint_paths_and_suffixes_choose_the_files(reports: pytest.Pytester) -> None:
    shutil.copy(DEFECTIVE, reports.path / "notes.md")
    reports.mkdir("tests")
    reports.makepyprojecttoml(
        """
        [tool.pytest.ini_options]
        testpaths = ["tests"]
        complint_paths = ["reports"]
        """
    )
    # testpaths names no report folder: complint_paths is collected as well.
    run = reports.runpytest("--complint", "-v")
    run.assert_outcomes(passed=1, failed=1)
    assert "notes.md" not in run.stdout.str()
    reports.makepyprojecttoml(
        """
        [tool.pytest.ini_options]
        complint_suffixes = [".md"]
        """
    )
    only_md = reports.runpytest("--complint", "-v")
    only_md.assert_outcomes(failed=1)
    only_md.stdout.fnmatch_lines(["notes.md::complint FAILED*"])


def test_project_configuration_applies(reports: pytest.Pytester) -> None:
    failing = {f.rule for f in compliance.check(DEFECTIVE).at_or_above("error")}
    codes = ", ".join(f'"{code}"' for code in sorted(failing))
    reports.makepyprojecttoml(f"[tool.complint]\nignore = [{codes}]\n")
    reports.runpytest("--complint").assert_outcomes(passed=2)


def test_broken_configuration_is_a_usage_error(reports: pytest.Pytester) -> None:
    reports.makefile(".toml", complint='select = "IW"\n')
    run = reports.runpytest("--complint")
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["*complint: *complint.toml:1:1: *select*"])


def test_fixture_and_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_custom=f"""
        import pytest

        CLEAN = {str(CLEAN)!r}
        DEFECTIVE = {str(DEFECTIVE)!r}

        def test_clean(complint):
            complint.check(CLEAN).assert_clean(fail_on="warning")

        def test_defective(complint):
            complint.check(DEFECTIVE).assert_clean()

        @pytest.mark.complint(select="TX301")
        def test_selected(complint):
            assert {{f.rule for f in complint.check(DEFECTIVE).findings}} == {{"TX301"}}

        @pytest.mark.complint(ignore=["IW", "TX"])
        def test_ignored(complint):
            result = complint.check(DEFECTIVE)
            assert not [f for f in result.findings if f.rule.startswith(("IW", "TX"))]

        def test_text(complint):
            assert complint.check("一、工作开展情况\\n开展学习X次。", filename="d.txt").findings
        """
    )
    run = pytester.runpytest("-p", "no:randomly")
    run.assert_outcomes(passed=4, failed=1)
    expected = compliance.check(DEFECTIVE).to_text().splitlines()
    run.stdout.fnmatch_lines(
        [
            "*_ test_defective _*",
            f"E * AssertionError: complint: {DEFECTIVE} has findings at or above error:",
            *("E * " + line.replace("[", "[[]") for line in expected),
        ],
        consecutive=False,
    )
    assert "def assert_clean" not in run.stdout.str()  # the library's frame is hidden
    assert "complint(select=None, ignore=None)" in pytester.runpytest("--markers").stdout.str()


def test_copyable_example_repository(pytester: pytest.Pytester) -> None:
    shutil.copytree(EXAMPLE, pytester.path, dirs_exist_ok=True)
    run = pytester.runpytest("-v")
    run.assert_outcomes(passed=len(list((EXAMPLE / "reports").rglob("*.txt"))) + 3)
    run.stdout.fnmatch_lines(["reports/*::complint PASSED*"])
