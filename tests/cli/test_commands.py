"""CLI parity: every command has help, and every pipeline command a make target of the same name."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.cli.main import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)
# Commands that need an argument of the user's (SQL, a query, a document id) have no make target.
NO_TARGET = {"query", "search", "report"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - NO_TARGET))
def test_every_command_has_a_make_target(command: str) -> None:
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{command}:", makefile, re.M), command


def test_python_dash_m_pipeline_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True
    )
    assert "run" in done.stdout and "ingest" in done.stdout


def test_stage_commands_chain_into_the_same_dataset(tmp_path, dataset) -> None:
    """ingest → segment → extract → classify → store, one command each, equals `run`."""
    import sqlite3

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
    whole = sqlite3.connect(dataset / "dataset.sqlite").execute(query).fetchall()
    assert staged == whole
