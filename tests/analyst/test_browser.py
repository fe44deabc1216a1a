"""End to end: Datasette serves the dataset with metadata; headless Chromium renders a table and a query."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import paths
from pipeline.analyst.datadict import datasette_command
from tests.conftest import optional

SCREENSHOT = paths.DATA / "screenshots" / "table.png"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
    "--lang=ru",
)


def find(*names: str) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


CHROMIUM = find("chromium", "chromium-browser", "google-chrome")
DRIVER = find("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """Datasette on a free local port over the session's dataset; yields its base URL."""
    optional("datasette")
    port = free_port()
    proc = subprocess.Popen(datasette_command(db, port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"datasette exited: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Headless Chromium through chromedriver, with a fresh profile and no network but localhost."""
    webdriver = optional("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROME_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(driver, css: str, timeout: float = 15):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_table_page_shows_rows_and_descriptions(server, browser):
    browser.get(f"{server}/dataset/recommendations")
    table = wait_for(browser, "table.rows-and-columns")
    assert "recommendations" in browser.title
    body = browser.find_element("tag name", "body").text
    assert "Directive units" in body  # the table's description from columns.tsv
    assert "Рекомендовать Министерству здравоохранения" in table.text
    assert len(table.find_elements("css selector", "tbody tr")) >= 10
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(int(height) + 120, 2600))  # descriptions and the first rows
    assert browser.save_screenshot(str(SCREENSHOT))
    browser.set_window_size(1400, 1000)
    assert SCREENSHOT.stat().st_size > 10_000


def test_canned_query_runs(server, browser):
    browser.get(f"{server}/dataset/recommendations_per_addressee")
    table = wait_for(browser, "table.rows-and-columns")
    assert "Recommendations per addressee" in browser.find_element("tag name", "h1").text
    assert "Министерство здравоохранения Кыргызской Республики" in table.text


def test_canned_query_takes_a_parameter(server, browser):
    browser.get(f"{server}/dataset/units_citing_act?act=%D0%97%D0%B0%D0%BA%D0%BE%D0%BD")  # act=Закон
    table = wait_for(browser, "table.rows-and-columns")
    assert "Закон" in table.text
