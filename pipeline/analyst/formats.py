"""Output of the analysts' commands: rows in, a rich table, CSV (or CSV for Excel), JSON or NDJSON out."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.names import escape

FORMATS = ("table", "csv", "json", "ndjson")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one; without it Cyrillic is garbled


@dataclass(frozen=True)
class Result:
    """Column names and rows of one query."""

    columns: list[str]
    rows: list[tuple]


def to_csv(result: Result, excel: bool = False) -> str:
    """The result as CSV with a header row; for Excel, with a byte-order mark and CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if excel else "\n")
    writer.writerow(result.columns)
    writer.writerows(result.rows)
    return (BOM if excel else "") + buf.getvalue()


def records(result: Result) -> list[dict[str, Any]]:
    """The rows as dicts keyed by column name."""
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def to_json(result: Result) -> str:
    """The result as a JSON array of objects (Cyrillic kept readable)."""
    return json.dumps(records(result), ensure_ascii=False, indent=2, default=str) + "\n"


def to_ndjson(result: Result) -> str:
    """The result as newline-delimited JSON: one object per line, for jq, pandas and DuckDB's read_json.

    >>> print(to_ndjson(Result(["a", "b"], [(1, "х"), (2, None)])), end="")
    {"a": 1, "b": "х"}
    {"a": 2, "b": null}
    """
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records(result))


def render(result: Result, fmt: str, excel: bool = False) -> str:
    """The result in a text format: csv, json or ndjson."""
    if fmt == "csv":
        return to_csv(result, excel)
    return to_json(result) if fmt == "json" else to_ndjson(result)


def is_number(value: object) -> bool:
    """An int or a float, not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def numeric_columns(result: Result) -> set[int]:
    """Indexes of the columns whose every non-null value is a number (they are right-aligned).

    >>> sorted(numeric_columns(Result(["a", "n", "x"], [("a", 1, None), ("b", 2.5, 3)])))
    [1, 2]
    """
    return {
        i
        for i in range(len(result.columns))
        if all(is_number(row[i]) for row in result.rows if row[i] is not None)
        and any(row[i] is not None for row in result.rows)
    }


def one_line(value: object, max_width: int) -> str:
    """A cell as one line of at most max_width characters, cut with «…».

    >>> one_line("a\\nb", 10), one_line("abcdef", 4), one_line(None, 4)
    ('a ⏎ b', 'abc…', '')
    """
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\n", " ⏎ ")
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def to_table(
    result: Result, max_width: int = 60, title: str | None = None, caption: str | None = None
) -> Any:
    """The result as a rich Table: a line per row, cells cut at max_width, numbers right-aligned. Every
    string is Text, escaped: data never reads as rich markup («[/i]», «[link=…]») or as a terminal code."""
    from rich.table import Table
    from rich.text import Text

    numeric = numeric_columns(result)
    table = Table(title=Text(escape(title)) if title else None, header_style="bold")
    for i, name in enumerate(result.columns):
        justify = "right" if i in numeric else "left"
        table.add_column(Text(escape(name)), justify=justify, no_wrap=True, overflow="ellipsis")
    for row in result.rows:
        table.add_row(*[Text(escape(one_line(v, max_width))) for v in row])
    n = len(result.rows)
    table.caption = Text(escape(caption or f"{n} row{'' if n == 1 else 's'}"))
    return table
