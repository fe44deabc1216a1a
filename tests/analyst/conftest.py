"""The analysts' heavy fixtures: Datasette over the session's dataset, headless Chromium, the notebook run."""

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

NOTEBOOK = paths.ROOT / "notebooks" / "explore.ipynb"
SCREENSHOTS = paths.DATA / "screenshots"
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
BROWSER_SKIP = (
    "headless Chromium is missing: Debian's chromium and chromium-driver "
    "(`sudo apt-get install chromium chromium-driver`; README, «Browser checks»)"
)


def find(*names: str) -> str | None:
    return next((p for p in map(shutil.which, names) if p), None)


CHROMIUM = find("chromium", "chromium-browser", "google-chrome")
DRIVER = find("chromedriver")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(db: Path) -> Iterator[str]:
    """Datasette with the project's plugin and metadata on a free local port; yields its base URL."""
    optional("datasette")
    port = free_port()
    proc = subprocess.Popen(
        datasette_command(db, port), cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
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


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Headless Chromium through chromedriver, with a fresh profile and no network but localhost."""
    if CHROMIUM is None or DRIVER is None:
        pytest.skip(BROWSER_SKIP)
    webdriver = optional("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.page_load_strategy = "eager"  # a page whose CDN scripts cannot load is still read at once
    for flag in (*CHROME_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def executed_notebook(db: Path):
    """notebooks/explore.ipynb run top to bottom on the session's dataset (HPNLP_DB), outputs kept."""
    nbformat, nbclient = optional("nbformat"), optional("nbclient")
    optional("ipykernel")  # the kernel the notebook runs in
    optional("matplotlib")  # the notebook plots
    optional("networkx")  # and draws the citation graph
    saved = {k: os.environ.get(k) for k in ("HPNLP_DB", "MPLBACKEND", "PYTHONPATH")}
    # The kernel imports this checkout's `pipeline`, whatever .venv's editable install points at.
    path = os.pathsep.join(p for p in (str(paths.ROOT), saved["PYTHONPATH"]) if p)
    os.environ.update(HPNLP_DB=str(db), MPLBACKEND="Agg", PYTHONPATH=path)
    try:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        )
        client.execute()
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return nb
