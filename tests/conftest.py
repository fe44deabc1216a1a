"""Shared fixtures: the real corpus run once per session (natasha's models load once)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.execution.run as run
from pipeline import paths
from pipeline.cli.main import app
from pipeline.execution.run import iter_corpus, process_chunk, run_pipeline
from pipeline.store.writer import TABLES
from pipeline.themes.classify import load_model
from tests.hostile_inputs import RAW_NAMES, write_named

RAW = paths.RAW
TESTS = Path(__file__).parent
TEST_DATA = TESTS / "data"  # documents and gold written for the tests, none of them in the corpus
RESOLUTION = "000_494cf898737f7a48"
NEWS = "003_330fff14e402e136"


def table_rows(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows of a dataset folder in storage order (row order is part of what must not change)."""
    con = sqlite3.connect(out / "dataset.sqlite")
    try:
        tables = {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
        tables["fts"] = con.execute("SELECT * FROM recommendations_fts ORDER BY rowid").fetchall()
        return tables
    finally:
        con.close()


def processed_ids(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The doc_ids runs process from now on (the rest they read from the cache)."""
    seen: list[str] = []
    real = run.process_chunk
    monkeypatch.setattr(
        run, "process_chunk", lambda items, model=None: seen.extend(i[0] for i in items) or real(items, model)
    )
    return seen


def optional(module: str, extra: str = "analysts"):
    """A module of an optional extra, or a skip: the core install (`pip install .`) leaves the extras out."""
    reason = f"{module} is in the optional extra .[{extra}], not installed here"
    return pytest.importorskip(module, reason=reason)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say loudly, at the end, when the browser checks (the Datasette and notebook acceptance) did not run."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "Chromium" in str(r.longrepr)]
    if skipped:
        terminalreporter.write_sep(
            "!",
            f"{len(skipped)} BROWSER CHECKS SKIPPED: no headless Chromium. "
            "sudo apt-get install chromium chromium-driver (README, «Browser checks»)",
            red=True,
            bold=True,
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/*.txt from the code.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def extractions() -> dict:
    """doc_id → Extraction for every corpus document (classified with the saved model)."""
    results = process_chunk(iter_corpus(RAW), load_model())
    return {r.document.doc_id: r for r in results if hasattr(r, "document")}


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset of a full run over the corpus, in a temporary folder."""
    out = tmp_path_factory.mktemp("dataset")
    report = run_pipeline(RAW, out)
    assert not report.errors, report.errors
    return out


@pytest.fixture(scope="session")
def db(dataset: Path) -> Path:
    """The SQLite file of that dataset."""
    return dataset / "dataset.sqlite"


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    """`hpnlp run` over hostile file names and pages plus a real resolution: (CLI result, out folder)."""
    corpus = tmp_path_factory.mktemp("hostile_corpus")
    for name, data in RAW_NAMES.items():
        write_named(corpus, name, data)
    (corpus / "resolution.txt").write_bytes((RAW / f"{RESOLUTION}.txt").read_bytes())
    out = tmp_path_factory.mktemp("hostile_out")
    return CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)]), out
