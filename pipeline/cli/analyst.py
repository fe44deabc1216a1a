"""The analysts' commands of `hpnlp`: query, search, acts, report, docs and serve, over a finished dataset."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipeline import paths
from pipeline.analyst import acts as a
from pipeline.analyst import datadict
from pipeline.analyst import formats as f
from pipeline.analyst import query as q
from pipeline.analyst import search as s
from pipeline.analyst.datadict import datasette_command
from pipeline.analyst.report import ReportError, write_report
from pipeline.cli.common import fail
from pipeline.ingest.names import escape

DB_HELP = "The dataset to read (its Parquet tables are expected in parquet/ beside it)."
ENGINES = ("sqlite", "duckdb")
DEFAULT_DB = paths.DATA / "dataset.sqlite"
Db = Annotated[Path, typer.Option("--db", help=DB_HELP)]
Format = Annotated[
    str, typer.Option("--format", help="Output: table, csv, json or ndjson (one object a line).")
]
Excel = Annotated[
    bool, typer.Option("--excel", help="CSV for Excel: a byte-order mark, so Cyrillic reads right.")
]
MaxWidth = Annotated[int, typer.Option("--max-width", min=8, help="Cut table cells at this many characters.")]


def _console():
    """A rich console; wide when piped, so tables stay readable in files and CI logs."""
    from rich.console import Console

    wide = sys.stdout.isatty() or "COLUMNS" in os.environ
    return Console(width=None if wide else 200)


def _output_format(fmt: str, excel: bool) -> str:
    """The format asked for: --excel alone means CSV; anything unknown is a usage error."""
    fmt = "csv" if excel and fmt == "table" else fmt
    if fmt not in f.FORMATS or (excel and fmt != "csv"):
        fail(f"--format {'|'.join(f.FORMATS)}; --excel goes with csv")
    return fmt


def query(
    sql: Annotated[str | None, typer.Argument(help="SQL, or the name of a saved query (see --list).")] = None,
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries and exit.")] = False,
    fmt: Format = "table",
    excel: Excel = False,
    max_width: MaxWidth = 60,
    param: Annotated[
        list[str] | None, typer.Option(help="NAME=VALUE for :NAME in the SQL; repeatable.")
    ] = None,
    engine: Annotated[
        str, typer.Option(help="sqlite (dataset.sqlite) or duckdb (the Parquet tables).")
    ] = "sqlite",
    db: Db = DEFAULT_DB,
) -> None:
    """Run SQL or a saved query on the dataset; print a table, CSV, JSON or NDJSON."""
    if list_saved:
        return _console().print(q.saved_table(q.saved_queries()))
    fmt = _output_format(fmt, excel)
    if not sql or engine not in ENGINES:
        fail(f"give SQL or a saved query's name; --engine {'|'.join(ENGINES)}")
    try:
        result = q.run_query(db, sql, q.parse_params(param or []), engine)
    except q.QueryError as exc:
        fail(str(exc))
    if fmt == "table":
        return _console().print(f.to_table(result, max_width))
    typer.echo(f.render(result, fmt, excel), nl=False)


def search_cmd(
    words: Annotated[str, typer.Argument(help="Words to find, in any inflected form.")],
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many units.")] = 20,
    phrase: Annotated[bool, typer.Option(help="Match the words side by side, in this order.")] = False,
    fmt: Format = "table",
    excel: Excel = False,
    max_width: Annotated[
        int, typer.Option("--max-width", min=20, help="Snippet length in characters.")
    ] = 200,
    db: Db = DEFAULT_DB,
) -> None:
    """Full-text search of the units across Russian inflection: counts every match, shows the best."""
    fmt = _output_format(fmt, excel)
    try:
        found = s.find(db, words, limit, phrase)
    except s.SearchError as exc:
        fail(str(exc))
    if fmt == "table":
        return _console().print(s.hits_table(found, words, max_width))
    typer.echo(s.headline(found, words), err=True)  # the count on stderr keeps stdout a clean file
    typer.echo(f.render(s.hits_result(found), fmt, excel), nl=False)


def acts(
    act_id: Annotated[str, typer.Argument(help="The act's act_id, or the start of it.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Print an act: the documents citing it, the acts it changed and that changed it, and its mentions."""
    try:
        view = a.act_view(db, act_id)
    except a.ActError as exc:
        fail(str(exc))
    console = _console()
    for table in a.act_tables(view):
        console.print(table)


def report(
    doc_id: Annotated[str, typer.Argument(help="The document's doc_id.")],
    out: Annotated[
        Path | None, typer.Option(help="HTML file to write [default: data/reports/DOC_ID.html].")
    ] = None,
    fragment: Annotated[
        bool, typer.Option(help="Write a <div> with its own scoped style, to embed in a notebook or a page.")
    ] = False,
    db: Db = DEFAULT_DB,
) -> None:
    """Write an HTML page of one document: its text with labelled highlights, then the table of its units."""
    out = out or paths.DATA / "reports" / f"{doc_id}.html"
    try:
        counts = write_report(db, doc_id, out, fragment)
    except ReportError as exc:
        fail(str(exc))
    except OSError as exc:  # a read-only folder, a full disk
        fail(f"could not write {out}: {exc.strerror or exc}", code=1)
    typer.echo(escape(f"wrote {out}: " + ", ".join(f"{k} {v}" for k, v in counts.items())))


def docs(
    check: Annotated[bool, typer.Option(help="Only check the files are up to date; exit 1 if not.")] = False,
) -> None:
    """Write docs/dataset.md and datasette/metadata.json from the schema, views and column descriptions."""
    missing = datadict.missing_descriptions() + datadict.unknown_descriptions()
    if missing:
        fail(f"{datadict.COLUMNS_TSV} lacks or has stray rows for: {', '.join(missing)}", 1)
    stale = datadict.write_docs(check)
    verb = "out of date" if check else "wrote"
    typer.echo(f"{verb}: {', '.join(map(str, stale))}" if stale else "docs up to date")
    if check and stale:
        raise typer.Exit(1)


def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Interface to listen on (keep it local).")] = "127.0.0.1",
    db: Db = DEFAULT_DB,
) -> None:
    """Browse the dataset in Datasette with table descriptions and canned queries (Ctrl-C stops it)."""
    import importlib.util
    import subprocess
    import tempfile

    if not db.exists() or importlib.util.find_spec("datasette") is None:
        fail(f"needs {db} (`make run`) and datasette (`pip install datasette`)")
    typer.echo(f"serving {db} at http://{host}:{port}/")
    with tempfile.TemporaryDirectory(prefix="hpnlp-serve-") as workdir:
        try:
            code = subprocess.call(datasette_command(db, port, host, Path(workdir)))
        except KeyboardInterrupt:  # Ctrl-C reaches datasette too; stop quietly
            code = 0
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the analysts' commands to the `hpnlp` app."""
    for name, command in (
        ("query", query),
        ("search", search_cmd),
        ("acts", acts),
        ("report", report),
        ("docs", docs),
        ("serve", serve),
    ):
        app.command(name)(command)
