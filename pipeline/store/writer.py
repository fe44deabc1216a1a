"""Stage 5, store: extraction rows in, `dataset.sqlite` (FTS5), `parquet/` and the `csv/` package out."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import tempfile
from dataclasses import fields
from operator import attrgetter
from pathlib import Path

from pipeline import paths
from pipeline.nlp.morph import lemmatize
from pipeline.records import ErrorRow, Extraction, Organization
from pipeline.store.acts import ActIndex
from pipeline.store.columns import FTS_SQL
from pipeline.store.lock import OutputLock
from pipeline.store.outputs import DATASET, EXPORT_FOLDERS, MANIFEST, dataset_stats, write_manifest
from pipeline.store.package import export_package
from pipeline.store.parquet import export_parquet

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
BACKUP_PREFIX = ".old-"  # the previous parquet/ or csv/ during the swap
EXPORTS = dict(zip(EXPORT_FOLDERS, (export_parquet, export_package), strict=True))
_OPEN: set[Path] = set()  # temporary folders of this process's unfinished writers
# One run's dataset.sqlite (`PRAGMA user_version`) and export folders (this file in each) share a random id,
# so `recover` can tell a finished swap from one cut between its renames.
GENERATION_FILE = ".generation"

ACT_COLUMNS = (("legal_refs", "act_id"), ("legal_refs", "edition_of"), ("documents", "act_id"))  # to acts


class DatasetWriter:
    """Streams extractions into a temporary SQLite file; `commit` finishes it and renames it into place.

    It holds the output folder's lock from start to finish: a second writer gets `OutputLocked`.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = OutputLock(out_dir)
        try:
            recover(out_dir)
            self.tmp_dir = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=out_dir))
        except BaseException:
            self.lock.release()
            raise
        _OPEN.add(self.tmp_dir)
        self.generation = secrets.randbelow(2**31 - 1) + 1
        self.db_path = self.tmp_dir / DATASET
        self.manifest: dict | None = None
        self.lemmas: dict[str, str] = {}
        self.con = sqlite3.connect(self.db_path)
        try:
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA journal_mode = OFF")
            self.con.execute("PRAGMA synchronous = OFF")
            self.con.executescript(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
            self.con.executescript(FTS_SQL)
        except BaseException:  # a full disk already: leave nothing behind
            self.abort()
            raise
        self.counts = dict.fromkeys(TABLES, 0)
        self.acts = ActIndex()
        self.known_orgs: set[str] = set()

    def add(self, extraction: Extraction) -> None:
        """Insert one document's rows (documents first, for the foreign keys); its acts wait for `commit`."""
        self.acts.add(extraction)
        tables = extraction.tables()
        self._insert("organizations", self._defined_organizations(tables))
        for table, rows in tables.items():
            if table != "acts":
                self._insert(table, rows)
        self.con.executemany(
            "INSERT INTO recommendations_fts (rec_id, doc_id, text, lemmas) VALUES (?, ?, ?, ?)",
            [(u.rec_id, u.doc_id, u.text, self._lemmas(u.text)) for u in extraction.recommendations],
        )

    def reuse_lemmas(self, db: Path) -> None:
        """Take the full-text lemmas of unit texts from a dataset the same extraction code and libraries wrote
        (lemmatizing is the costliest part of `add`); a text it lacks is lemmatized as usual."""
        try:
            con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
            try:
                self.lemmas = dict(con.execute("SELECT text, lemmas FROM recommendations_fts"))
            finally:
                con.close()
        except sqlite3.Error:
            self.lemmas = {}

    def _lemmas(self, text: str) -> str:
        known = self.lemmas.get(text)
        return known if known is not None else " ".join(lemmatize(text))

    def add_errors(self, errors: list[ErrorRow]) -> None:
        """Record documents that failed a stage."""
        self._insert("errors", errors)

    def add_manifest(self, manifest: dict) -> None:
        """What the dataset is made from (corpus files, code versions, failures): `commit` writes it beside
        the dataset as manifest.json, with the generation id, the row counts and the stats of its files."""
        self.manifest = manifest

    def add_organizations(self, orgs: list[Organization]) -> None:
        """The organisation registry plus organisations the texts defined."""
        self._insert("organizations", orgs)

    def _defined_organizations(self, tables: dict[str, list]) -> list[Organization]:
        """A row for each organisation a text defines by abbreviation ("local:АРОЗ КР") and links to, so every
        entity_id has its row in organizations (the foreign key Datasette shows names through)."""
        linked = {
            r.entity_id for name in ("addressees", "entities") for r in tables.get(name, ()) if r.entity_id
        }
        new = sorted(linked - self.known_orgs - {o.entity_id for o in tables.get("organizations", ())})
        return [
            Organization(entity_id=e, name=e.partition(":")[2] or e, aliases="", country=None) for e in new
        ]

    def _insert(self, table: str, rows: list) -> None:
        if not rows:
            return
        names = [f.name for f in fields(rows[0])]  # every row type has several: attrgetter gives tuples
        columns = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" * len(names))
        if table == "organizations":
            self.known_orgs.update(r.entity_id for r in rows)
        verb = "INSERT OR IGNORE" if table in ("sections", "organizations") else "INSERT"
        self.con.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})".replace("INSERT", verb, 1),
            list(map(attrgetter(*names), rows)),  # as astuple, without its deep copy of each value
        )
        self.counts[table] += len(rows)

    def _add_acts(self) -> None:
        """The corpus's acts, and every document-local act id replaced by its corpus-wide one (the foreign
        keys to acts are deferred to the commit, which comes after this)."""
        acts, mapping = self.acts.resolve()
        self._insert("acts", acts)
        self.con.execute("CREATE TEMP TABLE act_map (local TEXT PRIMARY KEY, act_id TEXT NOT NULL)")
        self.con.executemany("INSERT INTO act_map VALUES (?, ?)", mapping.items())
        for table, column in ACT_COLUMNS:
            self.con.execute(
                f"UPDATE {table} SET {column} = (SELECT m.act_id FROM act_map m"
                f" WHERE m.local = {table}.{column}) WHERE {column} IS NOT NULL"
            )
        self.con.execute("DROP TABLE act_map")

    def commit(self) -> dict[str, int]:
        """Finish the database, write Parquet and the CSV package, move all into place; returns row counts."""
        self._add_acts()
        self.con.execute(f"PRAGMA user_version = {self.generation}")
        self.con.commit()
        self.con.executescript(paths.FILL_SQL.read_text(encoding="utf-8"))
        if paths.VIEWS_SQL.exists():
            self.con.executescript(paths.VIEWS_SQL.read_text(encoding="utf-8"))
        self.con.execute("INSERT INTO recommendations_fts(recommendations_fts) VALUES ('optimize')")
        self.con.commit()
        self.con.close()
        for name, export in EXPORTS.items():
            export(self.db_path, self.tmp_dir / name)
            (self.tmp_dir / name / GENERATION_FILE).write_text(str(self.generation), encoding="ascii")
        _fsync(self.db_path)
        if self.manifest is not None:  # stats taken here hold after the renames, which keep sizes and times
            manifest = {**self.manifest, "generation": self.generation, "counts": self.counts}
            write_manifest(self.tmp_dir / MANIFEST, {**manifest, "dataset": dataset_stats(self.tmp_dir)})
        # No manifest vouches for the folder while it changes: the old one goes first, the new one comes last.
        (self.out_dir / MANIFEST).unlink(missing_ok=True)
        # The folders first, the database last: until that one atomic rename the old dataset.sqlite is whole.
        for name in EXPORTS:
            _swap_dir(self.tmp_dir / name, self.out_dir / name)
        os.replace(self.db_path, self.out_dir / DATASET)
        if self.manifest is not None:
            os.replace(self.tmp_dir / MANIFEST, self.out_dir / MANIFEST)
        _fsync(self.out_dir)
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        _OPEN.discard(self.tmp_dir)
        self.lock.release()
        return self.counts

    def abort(self) -> None:
        """Drop the temporary files; the previous dataset stays as it was."""
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            _OPEN.discard(self.tmp_dir)
            self.lock.release()


def _swap_dir(new: Path, target: Path) -> None:
    """Put a directory in place of another through a backup name that `recover` understands."""
    backup = target.with_name(BACKUP_PREFIX + target.name)
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    new.rename(target)
    shutil.rmtree(backup, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Undo what a killed run left in out_dir: a swap cut halfway, temporary folders of dead processes.

    Afterwards each export folder holds the tables of `dataset.sqlite`, or is gone when it belongs to no
    database.
    """
    current = sqlite_generation(out_dir / DATASET)
    for name in EXPORTS:
        backup, target = out_dir / (BACKUP_PREFIX + name), out_dir / name
        if backup.exists():
            if target.exists() and folder_generation(target) != current:  # cut between the renames
                shutil.rmtree(target)
            if target.exists():  # the swap was complete: only the backup was left
                shutil.rmtree(backup, ignore_errors=True)
            else:
                backup.rename(target)
        if target.exists() and folder_generation(target) not in (current, None):
            shutil.rmtree(target)  # a first run killed between the renames: tables of no database
    for tmp in out_dir.glob(TMP_PREFIX + "*"):
        if tmp not in _OPEN and not _alive(tmp.name[len(TMP_PREFIX) :].split("-")[0]):
            shutil.rmtree(tmp, ignore_errors=True)


def sqlite_generation(db: Path) -> int | None:
    """The generation id of a dataset.sqlite (None: no file, or one written before generation ids)."""
    if not db.exists():
        return None
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0] or None
        finally:
            con.close()
    except sqlite3.Error:
        return None


def folder_generation(folder: Path) -> int | None:
    """The generation id of an export folder (None: unreadable, or written before generation ids)."""
    try:
        return int((folder / GENERATION_FILE).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


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
