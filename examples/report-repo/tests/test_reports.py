"""Checks beyond "no findings": the `complint` fixture and marker."""

from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parent.parent / "reports"


def test_every_report_holds_one_report_with_a_plan(complint):
    for result in complint.check_many([REPORTS]):
        [report] = result.reports
        assert any("plan" in heading.roles for heading in report.headings), result.path


@pytest.mark.complint(select="IW")
def test_required_elements_are_present(complint):
    for result in complint.check_many([REPORTS]):
        result.assert_clean(fail_on="info")


@pytest.mark.complint(select="TX301")
def test_template_placeholders_are_caught(complint):
    draft = "一、工作开展情况\n上半年专题研究意识形态工作X次。\n"
    result = complint.check(draft, filename="draft.txt")
    assert [f.rule for f in result.findings] == ["TX301"]
