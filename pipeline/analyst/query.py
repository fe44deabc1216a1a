"""Analysts' queries: SQL or a saved query in, rows of dataset.sqlite (or its Parquet via DuckDB) out."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.analyst.formats import Result
from pipeline.analyst.sql_functions import register_functions
from pipeline.store.columns import contract

QUERIES_DIR = paths.QUERIES
ENGINES = ("sqlite", "duckdb")
HEADER = re.compile(r"^--\s*(name|title|description|param):\s*(.*?)\s*$")
# A comment, a quoted literal or identifier, or a named parameter (":act", not the "::" of a DuckDB cast).
LITERAL_OR_PARAM = re.compile(r"--[^\n]*|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|(?<![:\w]):([A-Za-z_]\w*)")


class QueryError(ValueError):
    """A query that cannot run: unknown name, missing parameter, SQL error; the message says which."""


@dataclass(frozen=True)
class SavedQuery:
    """One pipeline/analyst/queries/*.sql file: its header comments and its SQL."""

    name: str
    title: str
    description: str
    sql: str
    defaults: dict[str, str] = field(default_factory=dict)


def parse_saved(text: str) -> SavedQuery:
    """A saved query from its text: "-- name:", "-- title:", "-- description:", "-- param: x = default"."""
    meta: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for line in text.splitlines():
        m = HEADER.match(line)
        if not m:
            continue
        if m[1] == "param":
            pname, _, default = m[2].partition("=")
            defaults[pname.strip()] = default.strip()
        else:
            meta[m[1]] = m[2]
    return SavedQuery(
        meta["name"],
        meta.get("title", meta["name"]),
        meta.get("description", ""),
        text.strip().rstrip(";"),
        defaults,
    )


def saved_queries(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query by name, in file-name order."""
    queries = (parse_saved(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.sql")))
    return {q.name: q for q in queries}


def param_names(sql: str) -> list[str]:
    r"""The named parameters of a statement, in order of first use, skipping string literals.

    >>> param_names("-- :c's\nSELECT ':x', a::TEXT FROM t WHERE n = :act OR m = :act OR d >= :since")
    ['act', 'since']
    """
    names = (m[1] for m in LITERAL_OR_PARAM.finditer(sql) if m[1])
    return list(dict.fromkeys(names))


def parse_params(pairs: list[str]) -> dict[str, str]:
    """NAME=VALUE strings from the command line as a dict.

    >>> parse_params(["act=10", "since=2025-01-01"])
    {'act': '10', 'since': '2025-01-01'}
    """
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param wants NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def bind(sql: str, given: dict[str, str], defaults: dict[str, str] | None = None) -> dict[str, str]:
    """Values for every parameter the SQL uses: given, else the default ("{today}" is today's date)."""
    values = {}
    for name in param_names(sql):
        if name in given:
            values[name] = given[name]
        elif defaults and defaults.get(name):
            values[name] = defaults[name].format(today=date.today().isoformat())
        else:
            raise QueryError(f"the query needs a value for :{name}; pass --param {name}=…")
    return values


def resolve(text: str, given: dict[str, str]) -> tuple[str, dict[str, str]]:
    """SQL and bound parameters for a saved query's name or for SQL text."""
    saved = saved_queries()
    if text in saved:
        return saved[text].sql, bind(saved[text].sql, given, saved[text].defaults)
    if re.fullmatch(r"\w+", text):
        raise QueryError(f"no saved query named {text!r}; `hpnlp query --list` shows them")
    return text, bind(text, given)


def connect_sqlite(db: Path) -> sqlite3.Connection:
    """A read-only connection with the project's SQL functions: Cyrillic lower()/upper(), lemmas()."""
    if not db.exists():
        raise QueryError(f"no dataset at {db}; run `make run` first")
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    register_functions(con)
    return con


def run_sqlite(db: Path, sql: str, params: dict[str, str]) -> Result:
    """Run one statement on dataset.sqlite."""
    con = connect_sqlite(db)
    try:
        cur = con.execute(sql, params)
        return Result([d[0] for d in cur.description or ()], cur.fetchall())
    except sqlite3.Error as exc:
        raise QueryError(f"SQLite: {exc}") from exc
    finally:
        con.close()


def sqlite_shaped(table: str, path: Path) -> str:
    """A DuckDB SELECT over a table's Parquet file giving SQLite's values: ISO text for dates, joined lists.

    The same SQL (saved queries, views.sql) then gives the same rows on either engine; read_parquet() on the
    file itself keeps the types.
    """
    spec = contract().get(table)
    parts = []
    for f in spec.fields if spec else ():
        name = f'"{f.name}"'
        if f.kind == "date":
            parts.append(f"CAST({name} AS VARCHAR) AS {name}")
        elif f.kind == "list":
            parts.append(f"array_to_string({name}, '{f.separator}') AS {name}")
        else:
            parts.append(name)
    literal = str(path.resolve()).replace("'", "''")
    return f"SELECT {', '.join(parts) or '*'} FROM read_parquet('{literal}')"


def duckdb_connection(parquet_dir: Path) -> Any:
    """An in-memory DuckDB with a view per Parquet table, plus the analysts' views of views.sql."""
    try:
        import duckdb
    except ImportError as exc:
        raise QueryError("--engine duckdb needs duckdb: pip install duckdb (the analysts extra)") from exc
    files = sorted(parquet_dir.glob("*.parquet"))
    if not files:
        raise QueryError(f"no Parquet tables in {parquet_dir}; run `make run` first")
    con = duckdb.connect(":memory:")
    for path in files:
        con.execute(f'CREATE VIEW "{path.stem}" AS {sqlite_shaped(path.stem, path)}')
    if paths.VIEWS_SQL.exists():
        con.execute(paths.VIEWS_SQL.read_text(encoding="utf-8"))
    return con


def run_duckdb(parquet_dir: Path, sql: str, params: dict[str, str]) -> Result:
    """Run one statement over the Parquet tables; ":name" parameters become DuckDB's "$name"."""
    import duckdb

    con = duckdb_connection(parquet_dir)
    dollar = LITERAL_OR_PARAM.sub(lambda m: f"${m[1]}" if m[1] else m[0], sql)
    try:
        cur = con.execute(dollar, params or None)
        return Result([d[0] for d in cur.description or ()], cur.fetchall())
    except duckdb.Error as exc:
        raise QueryError(f"DuckDB: {exc}") from exc
    finally:
        con.close()


def run_query(db: Path, text: str, given: dict[str, str], engine: str = "sqlite") -> Result:
    """Run SQL or a saved query by name on the dataset (engine "duckdb": on db's sibling parquet/ folder)."""
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    sql, params = resolve(text, given)
    if engine == "duckdb":
        return run_duckdb(db.parent / "parquet", sql, params)
    return run_sqlite(db, sql, params)


def saved_table(queries: dict[str, SavedQuery]) -> Any:
    """The saved queries as a rich Table: name, parameters, description (as Text: never markup)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold")
    for name in ("name", "parameters", "description"):
        table.add_column(name, overflow="fold")
    for q in queries.values():
        params = " ".join(f"--param {p}=…" for p in param_names(q.sql))
        table.add_row(Text(q.name), Text(params), Text(q.description))
    return table
