"""`complint serve` in a real (headless) Chromium: upload, read in place, filter, explain,
download the annotated copy, and nothing fetched from outside the server.

Needs Debian's `chromium` and `chromium-driver` (or any Chromium with its chromedriver
on PATH), as test_output_html.py does; skipped only when they are absent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from test_output_html import _chromium

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")

pytestmark = pytest.mark.slow  # a browser and a server per test

import docx  # noqa: E402

import compliance  # noqa: E402
from compliance import Config  # noqa: E402
from compliance.web import Settings, create_app  # noqa: E402

SAMPLES = ROOT / "samples"
NO_PERIOD = "某局意识形态工作总结\n一、工作开展情况\n深入学习贯彻党的十九大精神，成立领导小组。\n"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a thread of this process."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    settings = Settings(config=Config(), allowed_hosts=("127.0.0.1", "localhost"))
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=15)
    sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    chromium, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    try:
        yield driver
    finally:
        driver.quit()


def expected(path: Path, period: str | None = None) -> list[dict[str, Any]]:
    """The findings complint gives the file, through the library (not the server)."""
    rules = compliance.load_rules(config=Config(period=period))
    result = compliance.check(path.read_bytes(), filename=path.name, rules=rules)
    findings: list[dict[str, Any]] = json.loads(result.to_json())["findings"]
    return findings


def wait(driver: Any, script: str, seconds: float = 90) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: d.execute_script(script))


def card(driver: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'article.card[data-name="{name}"]')


# The highlighted text of each finding, as the page shows it: {index: text}.
HIGHLIGHTS = """
const pieces = {};
for (const mark of arguments[0].querySelectorAll("mark.hl")) {
  for (const i of mark.dataset.f.split(" ")) pieces[i] = (pieces[i] || "") + mark.textContent;
}
return pieces;
"""


def test_upload_read_filter_explain_and_download(server: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/")
    wait(driver, "return document.body.dataset.ready === '1'")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    assert "拖到这里" in driver.find_element(By.ID, "drop").text

    word, text = SAMPLES / "ideology-report-2024h1.docx", SAMPLES / "ideology-report-2024h1.txt"
    driver.find_element(By.ID, "files").send_keys(f"{word}\n{text}")
    wait(driver, "return document.querySelectorAll('article.card[data-state=done]').length === 2")

    # Every finding is on the page: highlighted on its words, or a notice where it belongs.
    for path in (word, text):
        findings = expected(path)
        box = card(driver, path.name)
        assert box.get_attribute("data-findings") == str(len(findings))
        pieces = driver.execute_script(HIGHLIGHTS, box)
        notices = {
            int(n.get_attribute("data-f")) for n in box.find_elements(By.CSS_SELECTOR, ".missing")
        }
        for index, finding in enumerate(findings):
            if finding["text"]:
                assert pieces[str(index)] == finding["text"], finding
            else:
                assert index in notices, finding
        # Grouped by part: one heading per section that has findings.
        sections = [h.text for h in box.find_elements(By.CSS_SELECTOR, ".list h4")]
        assert len(sections) == len({f["section"] for f in findings})

    box = card(driver, word.name)
    findings = expected(word)
    driver.save_screenshot(str(tmp_path / "uploaded.png"))

    # A click on a placeholder opens its explanation and the suggestion panel.
    index = next(i for i, f in enumerate(findings) if f["rule"] == "TX301")
    mark = box.find_element(By.CSS_SELECTOR, f'mark.hl[data-f~="{index}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    detail = driver.find_element(By.ID, "detail")
    assert detail.is_displayed()
    assert findings[index]["message"] in detail.text
    assert "模板占位符未填写" in detail.text  # the rule's Chinese title
    wait(driver, "return document.getElementById('d-explanation').dataset.rule === 'TX301'")
    explanation = driver.find_element(By.ID, "d-explanation").text
    assert "TX301 placeholder" in explanation and "提示信息" in explanation
    typo = next(i for i, f in enumerate(findings) if f["suggestion"])
    driver.find_element(By.ID, "d-close").click()
    item = box.find_element(By.CSS_SELECTOR, f'.list li[data-f="{typo}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
    item.click()
    assert findings[typo]["suggestion"] in driver.find_element(By.ID, "d-findings").text
    driver.find_element(By.ID, "d-close").click()

    # Filters: severity, then one rule.
    warnings = sum(f["severity"] == "warning" for f in findings)
    box.find_element(By.CSS_SELECTOR, 'input[data-filter="severity"][value="warning"]').click()
    assert box.get_attribute("data-visible") == str(len(findings) - warnings)
    for mark in box.find_elements(By.CSS_SELECTOR, "mark.hl"):
        kinds = {findings[int(i)]["severity"] for i in mark.get_attribute("data-f").split()}
        assert ("off" in mark.get_attribute("class").split()) == (kinds == {"warning"})
    placeholders = sum(f["rule"] == "TX301" for f in findings)
    box.find_element(By.CSS_SELECTOR, 'input[data-filter="rule"][value="TX301"]').click()
    assert box.get_attribute("data-visible") == str(len(findings) - warnings - placeholders)
    shown = box.find_elements(By.CSS_SELECTOR, ".list li:not(.off)")
    assert len(shown) == len(findings) - warnings - placeholders

    # The annotated copy, opened with python-docx: one comment per finding.
    button = box.find_element(By.CSS_SELECTOR, 'button[data-download="annotated"]')
    button.click()
    copy = tmp_path / "ideology-report-2024h1-complint.docx"
    deadline = time.monotonic() + 60
    while not copy.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # Chromium renames the finished download into place
    comments = list(docx.Document(str(copy)).comments)
    assert len(comments) == len(findings)
    assert sorted(c.text.split()[0] for c in comments) == sorted(f["rule"] for f in findings)
    # A plain-text upload offers the reports, not a Word copy.
    text_box = card(driver, text.name)
    kinds = [
        b.get_attribute("data-download")
        for b in text_box.find_elements(By.CSS_SELECTOR, "button[data-download]")
    ]
    assert kinds == ["html", "json"]

    # Nothing but the server itself was asked for anything.
    requests = [
        json.loads(entry["message"])["message"]
        for entry in driver.get_log("performance")
        if '"Network.requestWillBeSent"' in entry["message"]
    ]
    urls = [r["params"]["request"]["url"] for r in requests]
    assert urls and all(
        u.startswith((server + "/", "blob:" + server + "/", "data:")) for u in urls
    ), urls


DROP = """
const [name, text] = arguments;
const data = new DataTransfer();
data.items.add(new File([text], name, {type: "text/plain"}));
document.getElementById("drop").dispatchEvent(
  new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
"""


def test_drop_a_file_choose_the_period_and_see_bad_uploads(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(server + "/?lang=en")
    wait(driver, "return document.body.dataset.ready === '1'")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    driver.execute_script(DROP, "no-period.txt", NO_PERIOD)
    wait(driver, "return document.querySelector('article.card[data-state=done]') !== null")
    box = card(driver, "no-period.txt")
    rules = {f["rule"] for f in expected_text(NO_PERIOD)}
    assert "PF401" not in rules
    assert not box.find_elements(By.CSS_SELECTOR, 'input[value="PF401"]')
    fix = box.find_element(By.CSS_SELECTOR, "form.period-fix")
    fix.find_element(By.NAME, "period").send_keys("2024年上半年")
    fix.find_element(By.TAG_NAME, "button").click()
    wait(
        driver,
        "return document.querySelector('mark.hl[data-f]') !== null && "
        "document.querySelector('input[value=\"PF401\"]') !== null",
    )
    with_period = expected_text(NO_PERIOD, "2024年上半年")
    index = next(i for i, f in enumerate(with_period) if f["rule"] == "PF401")
    assert box.get_attribute("data-findings") == str(len(with_period))
    outdated = box.find_element(By.CSS_SELECTOR, f'mark.hl[data-f~="{index}"]')
    assert outdated.text == with_period[index]["text"] == "学习贯彻党的十九大精神"

    encrypted = ROOT / "tests" / "fixtures" / "readers" / "encrypted.docx"
    driver.find_element(By.ID, "files").send_keys(str(encrypted))
    wait(driver, "return document.querySelector('article.card[data-state=failed]') !== null")
    failed = card(driver, "encrypted.docx")
    assert "cannot read this file" in failed.text and "password" in failed.text


def expected_text(text: str, period: str | None = None) -> list[dict[str, Any]]:
    rules = compliance.load_rules(config=Config(period=period))
    result = compliance.check(text, filename="no-period.txt", rules=rules)
    findings: list[dict[str, Any]] = json.loads(result.to_json())["findings"]
    return findings
