"""Parity: every column described, generated docs match the code, analysts' commands have help and targets."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.analyst import datadict
from pipeline.analyst.query import saved_queries
from pipeline.cli.main import app

runner = CliRunner()
COMMANDS = ("query", "search", "report", "docs", "serve")
MAKEFILE = paths.ROOT / "Makefile"


def test_every_column_has_a_description():
    assert datadict.missing_descriptions() == [], f"add rows to {datadict.COLUMNS_TSV}"


def test_no_description_names_a_missing_column():
    assert datadict.unknown_descriptions() == []


def test_schema_comments_reach_the_dictionary():
    notes = datadict.schema_notes(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
    assert notes[("documents", "doc_type")].startswith("resolution|")
    docs = {t.name: t for t in datadict.dictionary()}
    doc_type = next(c for c in docs["documents"].columns if c.name == "doc_type")
    assert doc_type.note == notes[("documents", "doc_type")] and doc_type.description


@pytest.mark.parametrize("path", [datadict.DOCS_MD, datadict.METADATA_JSON], ids=lambda p: p.name)
def test_generated_files_match_the_code(path: Path):
    expected = datadict.generated()[path]
    assert path.exists(), "run `make docs`"
    assert path.read_text(encoding="utf-8") == expected, f"{path} drifted: run `make docs`"


def test_markdown_lists_every_table_and_column():
    text = datadict.DOCS_MD.read_text(encoding="utf-8")
    for table in datadict.dictionary():
        assert f"\n## {table.name}\n" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text


def test_metadata_has_descriptions_and_canned_queries():
    meta = json.loads(datadict.METADATA_JSON.read_text(encoding="utf-8"))
    db = meta["databases"]["dataset"]
    assert set(db["queries"]) == set(saved_queries())
    assert all(
        db["tables"][t]["description"] and all(db["tables"][t]["columns"].values()) for t in db["tables"]
    )


def test_real_dataset_matches_the_dictionary(dataset: Path):
    con = sqlite3.connect(dataset / "dataset.sqlite")
    live = {
        name: [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'recommendations_fts_%'"
        )
    }
    con.close()
    documented = {t.name: [c.name for c in t.columns] for t in datadict.dictionary()}
    assert live == documented


def test_docs_command_checks_drift():
    result = runner.invoke(app, ["docs", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help(command: str):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output or command == "docs"
    doc = app.registered_commands[
        [c.name or c.callback.__name__ for c in app.registered_commands].index(command)
    ]
    assert doc.callback.__doc__ and len(doc.callback.__doc__.splitlines()) == 1


@pytest.mark.parametrize("target", ["docs", "serve"])
def test_make_target_exists_with_description(target: str):
    text = MAKEFILE.read_text(encoding="utf-8")
    assert re.search(rf"^{target}:.*## \S", text, re.M), f"no `{target}: … ## description` in the Makefile"
    listed = subprocess.run(
        ["make", "-s", "-C", str(paths.ROOT), "help"], capture_output=True, text=True, check=True
    )
    assert f"make {target} " in listed.stdout


def test_help_stays_fast():
    code = (
        "import sys, time; t = time.perf_counter(); import pipeline.cli.main; "
        "heavy = {'pandas', 'spacy', 'duckdb', 'datasette', 'pyarrow'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=paths.ROOT
    )
    assert out.stdout.strip() == "[]", f"`hpnlp --help` imports {out.stdout.strip()}"
