"""The tables' contract: schema.sql, data/column_types.tsv and data/columns.tsv in, fields and keys out."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from pipeline import paths
from pipeline.data.lexicon import rows

CREATE = re.compile(r"CREATE TABLE (\w+)\s*\((.*?)\n\);", re.S)
NOTE = re.compile(r'^\s*"?(\w+)"?\s+[A-Z]+\b.*?--\s*(.+?)\s*$')
ENUM = re.compile(r"^\w+(?:\|\w+)+$")  # a note that only lists values: "addressee|co_actor"
KINDS = {"INTEGER": "integer", "REAL": "number"}  # any other declared type is text
# The full-text index beside the tables (built by the writer; not part of the contract's tables).
FTS_SQL = """
CREATE VIRTUAL TABLE recommendations_fts USING fts5(
    rec_id UNINDEXED, doc_id UNINDEXED, text, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);
"""


@dataclass(frozen=True)
class FieldSpec:
    """One column of a table: its kind (string, integer, number, date, list), values, description."""

    name: str
    kind: str
    required: bool
    enum: tuple[str, ...]
    separator: str | None
    description: str


@dataclass(frozen=True)
class TableSpec:
    """One table of schema.sql with its fields, primary key and foreign keys (column, table, column)."""

    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]

    def kind_of(self, kind: str) -> dict[str, FieldSpec]:
        """The fields of one kind, by name."""
        return {f.name: f for f in self.fields if f.kind == kind}


def schema_notes(sql: str) -> dict[tuple[str, str], str]:
    """The trailing comment of each column in CREATE TABLE statements.

    >>> schema_notes('CREATE TABLE t (\\n    a TEXT,  -- first\\n    "end" INTEGER\\n);')
    {('t', 'a'): 'first'}
    """
    notes = {}
    for table, body in CREATE.findall(sql):
        for line in body.splitlines():
            m = NOTE.match(line)
            if m:
                notes[(table, m[1])] = m[2]
    return notes


def enum_values(note: str) -> tuple[str, ...]:
    """The values a schema note lists, or none when the note is prose.

    >>> enum_values("addressee|co_actor"), enum_values("KG|KZ|RU|INT|…"), enum_values("nominative form")
    (('addressee', 'co_actor'), (), ())
    """
    return tuple(note.split("|")) if ENUM.match(note) else ()


def descriptions() -> dict[tuple[str, str], str]:
    """(table, column) → description from data/columns.tsv; column "*" holds the table's own description."""
    return {(table.strip(), column.strip()): text.strip() for table, column, text in rows("columns.tsv")}


def column_types() -> dict[tuple[str, str], tuple[str, str | None]]:
    """(table, column) → (kind, separator) for the dates and lists of data/column_types.tsv."""
    return {(r[0], r[1]): (r[2], r[3] if len(r) > 3 else None) for r in rows("column_types.tsv")}


@cache
def contract() -> dict[str, TableSpec]:
    """Every table of schema.sql, in its order, read from an empty in-memory database."""
    sql = paths.SCHEMA_SQL.read_text(encoding="utf-8")
    notes, described, typed = schema_notes(sql), descriptions(), column_types()
    con = sqlite3.connect(":memory:")
    con.executescript(sql)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    out = {}
    for table in tables:
        info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
        fields = []
        for _, name, declared, notnull, _, pk in info:
            kind, separator = typed.get((table, name), (KINDS.get(declared.upper(), "string"), None))
            note = notes.get((table, name), "")
            fields.append(
                FieldSpec(
                    name,
                    kind,
                    bool(notnull or pk),
                    enum_values(note),
                    separator,
                    described.get((table, name), ""),
                )
            )
        keys = tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        foreign = tuple((r[3], r[2], r[4]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")'))
        out[table] = TableSpec(table, described.get((table, "*"), ""), tuple(fields), keys, foreign)
    con.close()
    return out
