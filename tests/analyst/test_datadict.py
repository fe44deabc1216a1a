"""Data dictionary parity: every column is described, and the generated docs match what the code makes now."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.analyst import datadict
from pipeline.analyst.query import saved_queries
from pipeline.cli.main import app

runner = CliRunner()


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


def test_real_dataset_matches_the_dictionary(db: Path):
    con = sqlite3.connect(db)
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
