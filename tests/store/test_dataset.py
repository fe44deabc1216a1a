"""The dataset a full run writes: the contract's tables and columns, keys, Parquet twins, acceptance rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.nlp.morph import lemmatize
from pipeline.store.writer import TABLES
from tests.conftest import NEWS, RESOLUTION

CONTRACT = {
    "documents": [
        "doc_id",
        "source",
        "doc_type",
        "title",
        "date",
        "place",
        "number",
        "text",
        "n_chars",
        "sha256",
        "act_id",
    ],
    "acts": [
        "act_id",
        "ref_type",
        "title",
        "date",
        "number",
        "issuer",
        "jurisdiction",
        "n_mentions",
        "n_documents",
    ],
    "sections": ["doc_id", "section", "title"],
    "recommendations": [
        "rec_id",
        "doc_id",
        "section",
        "item",
        "text",
        "modality",
        "deadline",
        "theme",
        "theme_score",
    ],
    "clauses": ["clause_id", "doc_id", "rec_id", "start", "end", "text"],
    "addressees": ["rec_id", "doc_id", "role", "text", "normalized", "entity_id"],
    "actions": ["rec_id", "clause_id", "doc_id", "verb", "lemma", "object"],
    "legal_refs": [
        "ref_id",
        "doc_id",
        "rec_id",
        "start",
        "end",
        "text",
        "ref_type",
        "title",
        "date",
        "number",
        "jurisdiction",
        "act_id",
        "relation",
    ],
    "entities": ["doc_id", "start", "end", "text", "label", "normalized", "entity_id"],
    "persons": ["doc_id", "name", "role", "start", "end"],
    "organizations": ["entity_id", "name", "aliases", "country"],
    "errors": ["doc_id", "source", "stage", "kind", "message"],
}
DEBRIS = ("[bookmark", "_Hlk", "image1.png")


@pytest.fixture(scope="module")
def con(db: Path):
    connection = sqlite3.connect(db)
    yield connection
    connection.close()


def _columns(con, table: str) -> list[str]:
    return [row[1] for row in con.execute(f"PRAGMA table_info({table})")]


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_exist(con, table: str) -> None:
    assert set(CONTRACT[table]) <= set(_columns(con, table))


def test_resolution_acceptance(con) -> None:
    sections = con.execute(
        "SELECT section FROM sections WHERE doc_id = ? ORDER BY start", (RESOLUTION,)
    ).fetchall()
    items = [
        r[0]
        for r in con.execute(
            "SELECT item FROM recommendations WHERE doc_id = ? ORDER BY start", (RESOLUTION,)
        )
    ]
    assert [s[0] for s in sections] == ["1", "2", "3", "4"]
    assert items == [str(i) for i in range(1, 24)]


def test_no_debris_in_any_text_column(con) -> None:
    for table in TABLES:
        for column, kind in ((r[1], r[2]) for r in con.execute(f"PRAGMA table_info({table})")):
            if kind.upper() != "TEXT":
                continue
            for needle in DEBRIS:
                hits = con.execute(f'SELECT count(*) FROM {table} WHERE "{column}" LIKE ?', (f"%{needle}%",))
                assert hits.fetchone()[0] == 0, (table, column, needle)


def test_news_item(con) -> None:
    doc_type, date, text = con.execute(
        "SELECT doc_type, date, text FROM documents WHERE doc_id = ?", (NEWS,)
    ).fetchone()
    assert (doc_type, date) == ("news", "2023-11-01")
    assert "**" not in text and "####" not in text


def test_offsets_index_the_document_text(con) -> None:
    rows = con.execute("""SELECT d.text, x.start, x."end", x.text FROM documents d JOIN
                          (SELECT doc_id, start, "end", text FROM clauses UNION ALL
                           SELECT doc_id, start, "end", text FROM legal_refs UNION ALL
                           SELECT doc_id, start, "end", text FROM entities UNION ALL
                           SELECT doc_id, start, "end", text FROM recommendations) x
                          USING (doc_id)""").fetchall()
    assert rows
    assert all(text[s:e] == span for text, s, e, span in rows)


def test_keys_hold(con) -> None:
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_every_unit_has_a_theme_with_a_score(con) -> None:
    bad = con.execute(
        "SELECT count(*) FROM recommendations WHERE theme IS NULL OR theme_score NOT BETWEEN 0 AND 1"
    )
    assert bad.fetchone()[0] == 0


def test_full_text_search_finds_inflected_forms(con) -> None:
    query = " ".join(lemmatize("министерство здравоохранения"))
    hits = con.execute("SELECT count(*) FROM recommendations_fts WHERE lemmas MATCH ?", (query,)).fetchone()[
        0
    ]
    assert hits >= 10


@pytest.mark.parametrize("table", TABLES)
def test_parquet_twins_the_tables(dataset: Path, con, table: str) -> None:
    parquet = pq.read_table(dataset / "parquet" / f"{table}.parquet")
    assert parquet.num_rows == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    assert parquet.column_names == _columns(con, table)
