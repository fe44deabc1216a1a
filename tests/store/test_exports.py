"""The store's exports: typed, described Parquet and a Frictionless data package that validates."""

from __future__ import annotations

import datetime
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.data.lexicon import doc_types, triggers
from pipeline.store.columns import contract, enum_values
from pipeline.store.package import DESCRIPTOR
from pipeline.store.parquet import split_list, to_date
from tests.conftest import optional


@pytest.mark.parametrize(
    ("table", "column", "arrow_type"),
    [
        ("documents", "date", pa.date32()),
        ("recommendations", "deadline_date", pa.date32()),
        ("legal_refs", "date_full", pa.date32()),
        ("recommendations", "themes_secondary", pa.list_(pa.string())),
        ("organizations", "aliases", pa.list_(pa.string())),
        ("recommendations", "seq", pa.int64()),
        ("recommendations", "theme_score", pa.float64()),
    ],
)
def test_parquet_columns_are_typed(dataset: Path, table: str, column: str, arrow_type):
    assert pq.read_schema(dataset / "parquet" / f"{table}.parquet").field(column).type == arrow_type


def test_parquet_values_match_sqlite(dataset: Path, db: Path):
    con = sqlite3.connect(db)
    dates = dict(con.execute("SELECT doc_id, date FROM documents"))
    aliases = dict(con.execute("SELECT entity_id, aliases FROM organizations"))
    con.close()
    docs = pq.read_table(dataset / "parquet" / "documents.parquet").to_pylist()
    assert {d["doc_id"]: d["date"] for d in docs} == {k: to_date(v) for k, v in dates.items()}
    assert any(isinstance(d["date"], datetime.date) for d in docs)
    orgs = pq.read_table(dataset / "parquet" / "organizations.parquet").to_pylist()
    assert {o["entity_id"]: o["aliases"] for o in orgs} == {k: split_list(v, "|") for k, v in aliases.items()}


def test_parquet_schema_carries_the_descriptions(dataset: Path):
    schema = pq.read_schema(dataset / "parquet" / "recommendations.parquet")
    assert schema.metadata[b"description"].startswith(b"Directive units")
    assert all(f.metadata and f.metadata[b"description"] for f in schema), "every column is described"


def test_deadline_splits_into_a_date_or_a_phrase(db: Path):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT deadline, deadline_date, deadline_text FROM recommendations").fetchall()
    con.close()
    for deadline, as_date, as_text in rows:
        assert (as_date or as_text) == deadline and not (as_date and as_text)
        assert as_date is None or to_date(as_date) is not None


def test_seq_is_document_order(db: Path):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT doc_id, start, seq FROM recommendations ORDER BY seq").fetchall()
    con.close()
    assert [r[2] for r in rows] == list(range(1, len(rows) + 1))
    for (doc_a, start_a, _), (doc_b, start_b, _) in zip(rows, rows[1:], strict=False):
        assert doc_a != doc_b or start_a < start_b


def test_every_linked_organisation_has_its_row(db: Path):
    con = sqlite3.connect(db)
    local = con.execute("SELECT entity_id, name FROM organizations WHERE entity_id LIKE 'local:%'").fetchall()
    con.close()
    assert local and all(name == entity_id.removeprefix("local:") for entity_id, name in local)


def test_data_package_validates_with_frictionless(dataset: Path):
    frictionless = optional("frictionless")
    package = dataset / "csv" / DESCRIPTOR
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    cli = Path(sys.executable).with_name("frictionless")
    done = subprocess.run(
        [str(cli), "validate", DESCRIPTOR], cwd=package.parent, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-2000:]  # as the README has analysts run it


def test_data_package_declares_types_enums_and_keys(dataset: Path):
    resources = {r["name"]: r for r in json.loads((dataset / "csv" / DESCRIPTOR).read_text())["resources"]}
    assert set(resources) == set(contract())
    fields = {f["name"]: f for f in resources["recommendations"]["schema"]["fields"]}
    assert fields["deadline_date"]["type"] == "date" and fields["themes_secondary"]["type"] == "array"
    assert set(fields["modality"]["constraints"]["enum"]) >= {t.modality for t in triggers().values()}
    docs = {f["name"]: f for f in resources["documents"]["schema"]["fields"]}
    assert set(docs["doc_type"]["constraints"]["enum"]) == doc_types()
    assert resources["recommendations"]["schema"]["primaryKey"] == ["rec_id"]
    keys = resources["addressees"]["schema"]["foreignKeys"]
    assert {"fields": "entity_id", "reference": {"resource": "organizations", "fields": "entity_id"}} in keys


@pytest.mark.parametrize(
    ("note", "values"),
    [
        ("addressee|co_actor", ("addressee", "co_actor")),
        ("KG|KZ|RU|INT|…", ()),  # an open list is no enum
        ('"|"-separated', ()),
        ("the document's own date", ()),
    ],
)
def test_only_a_bare_list_of_values_is_an_enum(note: str, values: tuple):
    assert enum_values(note) == values
