"""The HTML report: self-contained, and working in a real (headless) Chromium.

The browser test needs Debian's `chromium` and `chromium-driver` packages (or any
Chromium with its chromedriver on PATH) and is skipped only when they are absent.
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_cli import complint

from compliance.output.html import _marked


class Marks(HTMLParser):
    """Collects every <mark class="finding"> and every reference to another resource."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.external: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "mark" and "finding" in (found.get("class") or "").split():
            self.marks.append(found)
        for name in ("src", "href"):
            value = found.get(name) or ""
            if value and not value.startswith("#"):
                self.external.append((tag, value))
        if tag == "link":
            self.external.append((tag, found.get("href") or ""))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("html")
    page = folder / "report.html"
    run = complint("--no-config", "--format", "html", "--output", str(page), "samples")
    assert run.returncode == 1, run.stderr
    findings = json.loads(complint("--no-config", "--format", "json", "samples").stdout)
    return page, findings["findings"]


def test_one_highlight_per_finding_and_nothing_fetched(
    report: tuple[Path, list[dict[str, Any]]],
) -> None:
    page, findings = report
    parser = Marks()
    parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.marks) == len(findings) > 20
    assert parser.external == []  # no CDN, no stylesheet, no image: opens offline
    assert sorted((m["data-rule"], m["data-severity"]) for m in parser.marks) == sorted(
        (f["rule"], f["severity"]) for f in findings
    )


def test_overlapping_highlights_nest_and_keep_one_element_each() -> None:
    spans = [(0, 4, '<mark class="finding" id="a">'), (2, 6, '<mark class="finding" id="b">')]
    assert _marked("意识形态领域<b>", [*spans, (6, 6, '<mark id="c">')]) == (
        '<mark class="finding" id="a">意识<mark class="finding" id="b">形态</mark></mark>'
        '领域<mark id="c"></mark>&lt;b&gt;'
    )


def _chromium() -> tuple[str, str]:
    browser = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.skip(
            "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
        )
    return browser, driver


@pytest.mark.slow
def test_the_page_in_headless_chromium(
    report: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    browser, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page, findings = report
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1400",
        # Chromium's profile in the test's folder: its default lands in $TMPDIR and stays.
        f"--user-data-dir={tmp_path / 'chromium'}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.get(page.as_uri())
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.ready") == "1"
        )
        marks = driver.find_elements(By.CSS_SELECTOR, "mark.finding")
        assert len(marks) == len(findings)
        assert driver.execute_script("return document.body.dataset.highlights") == str(
            len(findings)
        )
        driver.save_screenshot(str(tmp_path / "overview.png"))

        # Click a placeholder highlight: the panel explains it.
        placeholder = next(m for m in marks if m.get_attribute("data-rule") == "TX301")
        expected = next(f for f in findings if f["rule"] == "TX301")
        assert placeholder.text == expected["text"]
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", placeholder)
        placeholder.click()
        detail = driver.find_element(By.ID, "detail")
        assert detail.is_displayed()
        assert driver.find_element(By.ID, "d-message").text == expected["message"]
        assert "TX301" in (placeholder.get_attribute("title") or "")  # the hover tooltip
        driver.save_screenshot(str(tmp_path / "report.png"))

        # Filter out the warnings, then one rule.
        warnings = sum(f["severity"] == "warning" for f in findings)
        driver.find_element(By.CSS_SELECTOR, 'nav input[value="warning"]').click()
        visible = driver.execute_script("return document.body.dataset.visible")
        assert int(visible) == len(findings) - warnings
        off = driver.find_elements(By.CSS_SELECTOR, "mark.finding.off")
        assert {m.get_attribute("data-severity") for m in off} == {"warning"}
        placeholders = sum(f["rule"] == "TX301" for f in findings)
        driver.find_element(By.CSS_SELECTOR, 'nav input[value="TX301"]').click()
        visible = driver.execute_script("return document.body.dataset.visible")
        assert int(visible) == len(findings) - warnings - placeholders
        rows = driver.find_elements(By.CSS_SELECTOR, "ul.findings li:not(.off)")
        assert len(rows) == int(visible)
    finally:
        driver.quit()
    assert (tmp_path / "report.png").read_bytes().startswith(b"\x89PNG")


def test_the_page_speaks_chinese_unless_asked_for_english(tmp_path: Path) -> None:
    sample = "samples/ideology-report-2024h1.txt"
    chinese = complint("--no-config", "--format", "html", sample).stdout
    assert '<html lang="zh-CN">' in chinese
    assert "<h1>complint 检查报告</h1>" in chinese and "<legend>严重程度</legend>" in chinese
    assert "<td>模板占位符未填写</td>" in chinese  # the rule's title-zh
    assert "Severity" not in chinese and "findings" not in chinese.split("<style>")[0]
    english = complint("--no-config", "--format", "html", "--lang", "en", sample).stdout
    assert '<html lang="en">' in english
    assert "<h1>complint report</h1>" in english and "<legend>Severity</legend>" in english
    assert "<td>Template placeholder left unfilled</td>" in english
    # The same findings either way: only the words around them change.
    parsers = [Marks(), Marks()]
    for parser, page in zip(parsers, (chinese, english), strict=True):
        parser.feed(page)
    assert parsers[0].marks == parsers[1].marks and len(parsers[0].marks) == 9
    bad = complint("--no-config", "--format", "html", "--lang", "fr", sample)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_every_bundled_rule_has_a_chinese_title() -> None:
    """The pages speak zh-CN by default; a rule without `title-zh` shows its English title."""
    import compliance

    missing = sorted({r.code for r in compliance.load_rules().rules if not r.title_zh})
    assert missing == [], "add title-zh to these rules: " + ", ".join(missing)
