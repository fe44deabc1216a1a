"""Stage 5, store: extraction rows in, `dataset.sqlite` (FTS5) and `parquet/<table>.parquet` out, atomic."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import astuple, fields
from pathlib import Path

from pipeline import paths
from pipeline.nlp.morph import lemmatize
from pipeline.records import ErrorRow, Extraction, Organization
from pipeline.store.acts import ActIndex

TABLES = (
    "documents",
    "acts",
    "sections",
    "recommendations",
    "clauses",
    "organizations",
    "addressees",
    "actions",
    "legal_refs",
    "entities",
    "persons",
    "quotes",
    "errors",
)
TMP_PREFIX = ".tmp-dataset-"  # + pid: a run's work in progress, beside its target
BACKUP_PREFIX = ".old-"  # the previous parquet/ during the swap
_OPEN: set[Path] = set()  # temporary folders of this process's unfinished writers
FTS_SQL = """
CREATE VIRTUAL TABLE recommendations_fts USING fts5(
    rec_id UNINDEXED, doc_id UNINDEXED, text, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);
"""


class DatasetWriter:
    """Streams extractions into a temporary SQLite file; `commit` finishes it and renames it into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        self.tmp_dir = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=out_dir))
        _OPEN.add(self.tmp_dir)
        self.db_path = self.tmp_dir / "dataset.sqlite"
        self.con = sqlite3.connect(self.db_path)
        self.con.execute("PRAGMA foreign_keys = ON")
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        self.con.executescript(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
        self.con.executescript(FTS_SQL)
        self.counts = dict.fromkeys(TABLES, 0)
        self.acts = ActIndex()

    def add(self, extraction: Extraction) -> None:
        """Insert one document's rows (documents first, for the foreign keys); its acts wait for `commit`."""
        self.acts.add(extraction)
        for table, rows in extraction.tables().items():
            if table != "acts":
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
        self.con.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})".replace("INSERT", verb, 1),
            [astuple(r) for r in rows],
        )
        self.counts[table] += len(rows)

    def _add_acts(self) -> None:
        """The corpus's acts, and every document-local act id replaced by its corpus-wide one (the foreign
        keys to acts are deferred to the commit, which comes after this)."""
        acts, mapping = self.acts.resolve()
        self._insert("acts", acts)
        self.con.execute("CREATE TEMP TABLE act_map (local TEXT PRIMARY KEY, act_id TEXT NOT NULL)")
        self.con.executemany("INSERT INTO act_map VALUES (?, ?)", mapping.items())
        for table in ("legal_refs", "documents"):
            self.con.execute(
                f"UPDATE {table} SET act_id = (SELECT m.act_id FROM act_map m WHERE m.local = {table}.act_id)"
                " WHERE act_id IS NOT NULL"
            )
        self.con.execute("DROP TABLE act_map")

    def commit(self) -> dict[str, int]:
        """Finish the database, write Parquet, and move both into place; returns row counts."""
        self._add_acts()
        self.con.commit()
        if paths.VIEWS_SQL.exists():
            self.con.executescript(paths.VIEWS_SQL.read_text(encoding="utf-8"))
        self.con.execute("INSERT INTO recommendations_fts(recommendations_fts) VALUES ('optimize')")
        self.con.commit()
        self.con.close()
        _export_parquet(self.db_path, self.tmp_dir / "parquet")
        _fsync(self.db_path)
        # Parquet first, the database last: until that one atomic rename the old dataset.sqlite is whole.
        _swap_dir(self.tmp_dir / "parquet", self.out_dir / "parquet")
        os.replace(self.db_path, self.out_dir / "dataset.sqlite")
        _fsync(self.out_dir)
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        _OPEN.discard(self.tmp_dir)
        return self.counts

    def abort(self) -> None:
        """Drop the temporary files; the previous dataset stays as it was."""
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            _OPEN.discard(self.tmp_dir)


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


def _swap_dir(new: Path, target: Path) -> None:
    """Put a directory in place of another through a backup name that `recover` understands."""
    backup = target.with_name(BACKUP_PREFIX + target.name)
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    new.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Undo what a killed run left in out_dir: a swap cut halfway, temporary folders of dead processes."""
    backup, target = out_dir / (BACKUP_PREFIX + "parquet"), out_dir / "parquet"
    if backup.exists():
        if target.exists():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            backup.rename(target)
    for tmp in out_dir.glob(TMP_PREFIX + "*"):
        if tmp not in _OPEN and not _alive(tmp.name[len(TMP_PREFIX) :].split("-")[0]):
            shutil.rmtree(tmp, ignore_errors=True)


def _alive(pid: str) -> bool:
    """Whether a process id (as written in a temporary folder's name) is running."""
    if not pid.isdigit() or int(pid) == os.getpid():  # ours, not open: a reused pid
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    """Flush a file or a directory entry to disk, so a rename never points at unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
