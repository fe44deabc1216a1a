"""The schema's shape that keeps writing linear in the corpus size."""

from __future__ import annotations

import sqlite3

from pipeline import paths


def test_every_column_pointing_at_acts_is_indexed() -> None:
    # `acts` is written after the rows that point at it (their keys are deferred). Inserting a parent row
    # while deferred violations are outstanding makes SQLite look up the child rows that point at it:
    # without an index on the child column that is a scan of the child table per act, which made the store
    # quadratic (10,000 documents: acts × legal_refs).
    con = sqlite3.connect(":memory:")
    con.executescript(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    unindexed = []
    for table in tables:
        keys = con.execute(f"PRAGMA foreign_key_list('{table}')").fetchall()
        leading = {
            con.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
            for index in con.execute(f"PRAGMA index_list('{table}')").fetchall()
        }
        pk = {r[1] for r in con.execute(f"PRAGMA table_info('{table}')") if r[5] == 1}
        unindexed += [(table, k[3]) for k in keys if k[2] == "acts" and k[3] not in leading | pk]
    pointing = [
        (t, k[3]) for t in tables for k in con.execute(f"PRAGMA foreign_key_list('{t}')") if k[2] == "acts"
    ]
    assert len(pointing) >= 3 and unindexed == []
