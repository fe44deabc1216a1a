"""CLI parity: every command has help and a one-line docstring, every pipeline command a make target of the
same name that `make help` lists, and `hpnlp --help` stays fast."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.cli.main import app

COMMANDS = {c.name or c.callback.__name__: c for c in app.registered_commands}
# Commands that need an argument of the user's (SQL, a query, a document id) have no make target.
NO_TARGET = {"query", "search", "report", "acts"}
# Analysts' commands read a dataset they are told of.
READ_A_DATASET = {"query", "search", "report", "serve", "acts"}


@pytest.fixture(scope="module")
def make_help() -> str:
    """What bare `make` prints: one line per target with its description."""
    done = subprocess.run(
        ["make", "-s", "-C", str(paths.ROOT), "help"], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    assert command not in READ_A_DATASET or "--db" in result.output
    doc = COMMANDS[command].callback.__doc__
    assert doc and len(doc.splitlines()) == 1


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - NO_TARGET))
def test_every_command_has_a_make_target(command: str, make_help: str) -> None:
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{command}:.*## \S", makefile, re.M), (
        f"no `{command}: … ## description` in the Makefile"
    )
    assert f"make {command} " in make_help


def test_help_stays_fast() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import pipeline.cli.main; "
        "heavy = {'pandas', 'spacy', 'duckdb', 'datasette', 'pyarrow'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=paths.ROOT
    )
    assert out.stdout.strip() == "[]", f"`hpnlp --help` imports {out.stdout.strip()}"


def test_python_dash_m_pipeline_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True
    )
    assert "run" in done.stdout and "ingest" in done.stdout


def test_stage_commands_chain_into_the_same_dataset(tmp_path, db) -> None:
    """ingest → segment → extract → classify → store, one command each, equals `run`."""
    interim = tmp_path / "interim"
    runner = CliRunner()
    steps = [
        ["ingest", "--corpus", str(paths.RAW), "--out", str(interim / "ingested")],
        ["segment", "--in", str(interim / "ingested"), "--out", str(interim / "segmented")],
        ["extract", "--in", str(interim / "segmented"), "--out", str(interim / "extracted")],
        ["classify", "--in", str(interim / "extracted"), "--out", str(interim / "classified")],
        ["store", "--in", str(interim / "classified"), "--out", str(tmp_path)],
    ]
    for step in steps:
        result = runner.invoke(app, step)
        assert result.exit_code == 0, (step, result.output)
    query = "SELECT rec_id, item, modality, theme FROM recommendations ORDER BY rec_id"
    staged = sqlite3.connect(tmp_path / "dataset.sqlite").execute(query).fetchall()
    whole = sqlite3.connect(db).execute(query).fetchall()
    assert staged == whole
