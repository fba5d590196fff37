"""Take docs/img/serve.png: what a user of `complint serve` sees after uploading a report.

Run from the repository root with the web extra and Chromium + chromedriver installed:
    python docs/img/serve_screenshot.py
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from compliance import Config
from compliance.web import Settings, create_app

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "img" / "serve.png"


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if browser is None or driver_path is None:
        print("needs chromium and chromedriver on PATH", file=sys.stderr)
        return 2
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(config=Config())), log_level="warning")
    )
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1400,1200",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        sample = ROOT / "samples" / "ideology-report-2024h1.docx"
        driver.find_element(By.ID, "files").send_keys(str(sample))
        WebDriverWait(driver, 90).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "article.card[data-state=done]")
        )
        driver.find_element(By.CSS_SELECTOR, "details.settings summary").click()  # fold it
        typo = driver.find_element(By.CSS_SELECTOR, "mark.hl.error")
        for mark in driver.find_elements(By.CSS_SELECTOR, "mark.hl"):
            if mark.text == "意认形态":
                typo = mark
        driver.execute_script("arguments[0].click(); window.scrollTo(0, 0)", typo)
        WebDriverWait(driver, 30).until(
            lambda d: d.find_element(By.ID, "d-explanation").get_attribute("data-rule")
        )
        driver.save_screenshot(str(OUT))
    finally:
        driver.quit()
        server.should_exit = True
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
