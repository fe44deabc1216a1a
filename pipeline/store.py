"""Stage 5, store: extraction rows in, `dataset.sqlite` (FTS5 on) and `parquet/<table>.parquet` out, atomically."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import astuple, fields
from pathlib import Path

from pipeline import paths
from pipeline.records import ErrorRow, Extraction, Organization

TABLES = ("documents", "sections", "recommendations", "clauses", "organizations", "addressees", "actions",
          "legal_refs", "entities", "persons", "quotes", "errors")
FTS_SQL = """
CREATE VIRTUAL TABLE recommendations_fts USING fts5(
    rec_id UNINDEXED, doc_id UNINDEXED, text, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);
"""


class DatasetWriter:
    """Streams extractions into a temporary SQLite file; `commit` indexes, exports Parquet and renames into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.tmp_dir = out_dir / f".tmp-dataset-{id(self):x}"
        if self.tmp_dir.exists():
            shutil.rmtree(self.tmp_dir)
        self.tmp_dir.mkdir(parents=True)
        self.db_path = self.tmp_dir / "dataset.sqlite"
        self.con = sqlite3.connect(self.db_path)
        self.con.execute("PRAGMA foreign_keys = ON")
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        self.con.executescript(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        self.con.executescript(FTS_SQL)
        self.counts = dict.fromkeys(TABLES, 0)

    def add(self, extraction: Extraction) -> None:
        """Insert one document's rows (documents first, for the foreign keys)."""
        from pipeline.morph import lemmatize

        for table, rows in extraction.tables().items():
            self._insert(table, rows)
        self.con.executemany(
            "INSERT INTO recommendations_fts (rec_id, doc_id, text, lemmas) VALUES (?, ?, ?, ?)",
            [(u.rec_id, u.doc_id, u.text, " ".join(lemmatize(u.text))) for u in extraction.recommendations],
        )

    def add_errors(self, errors: list[ErrorRow]) -> None:
        """Record documents that failed a stage."""
        self._insert("errors", errors)

    def add_organizations(self, orgs: list[Organization]) -> None:
        """The organisation registry plus organisations the texts defined."""
        self._insert("organizations", orgs)

    def _insert(self, table: str, rows: list) -> None:
        if not rows:
            return
        names = [f.name for f in fields(rows[0])]
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" * len(names))
        verb = "INSERT OR IGNORE" if table in ("sections", "organizations") else "INSERT"
        self.con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})".replace("INSERT", verb, 1),
                             [astuple(r) for r in rows])
        self.counts[table] += len(rows)

    def commit(self) -> dict[str, int]:
        """Finish the database, write Parquet, and move both into place; returns row counts."""
        self.con.commit()
        if paths.VIEWS_SQL.exists():
            self.con.executescript(paths.VIEWS_SQL.read_text(encoding="utf-8"))
        self.con.execute("INSERT INTO recommendations_fts(recommendations_fts) VALUES ('optimize')")
        self.con.commit()
        self.con.close()
        _export_parquet(self.db_path, self.tmp_dir / "parquet")
        _replace(self.tmp_dir / "dataset.sqlite", self.out_dir / "dataset.sqlite")
        _replace(self.tmp_dir / "parquet", self.out_dir / "parquet")
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        return self.counts

    def abort(self) -> None:
        """Drop the temporary files; the previous dataset stays as it was."""
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)


def _export_parquet(db_path: Path, parquet_dir: Path) -> None:
    """One Parquet file per table, typed from the SQL schema, written in chunks so memory stays bounded."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
    parquet_dir.mkdir()
    con = sqlite3.connect(db_path)
    for table in TABLES:
        info = con.execute(f"PRAGMA table_info({table})").fetchall()
        schema = pa.schema([(row[1], types.get(row[2].upper(), pa.string())) for row in info])
        with pq.ParquetWriter(parquet_dir / f"{table}.parquet", schema) as writer:
            for chunk in pd.read_sql_query(f"SELECT * FROM {table}", con, chunksize=50_000):
                writer.write_table(pa.Table.from_pandas(chunk, schema=schema, preserve_index=False))
    con.close()


def _replace(new: Path, target: Path) -> None:
    """Rename into place; a directory target is swapped through a backup name."""
    if new.is_dir() and target.exists():
        backup = target.with_name(target.name + ".old")
        shutil.rmtree(backup, ignore_errors=True)
        target.rename(backup)
        new.rename(target)
        shutil.rmtree(backup, ignore_errors=True)
    else:
        new.replace(target)
