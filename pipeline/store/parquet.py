"""Stage 5's Parquet twin: dataset.sqlite's tables in, typed and described `parquet/<table>.parquet` out."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.store.columns import FieldSpec, TableSpec, contract

BATCH = 50_000  # rows per record batch: memory stays bounded on a big corpus


def split_list(text: str | None, separator: str) -> list[str] | None:
    """A delimited text as its items, stripped; no text gives no list.

    >>> split_list("governance, financing", ","), split_list("МЗ КР|Минздрав", "|"), split_list(None, ",")
    (['governance', 'financing'], ['МЗ КР', 'Минздрав'], None)
    """
    if text is None:
        return None
    return [item.strip() for item in text.split(separator) if item.strip()]


def to_date(text: str | None) -> date | None:
    """An ISO date text as a date; anything else (a year alone, a phrase) gives None.

    >>> to_date("2024-12-31"), to_date("2005"), to_date(None)
    (datetime.date(2024, 12, 31), None, None)
    """
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def converter(field: FieldSpec) -> Callable[[Any], Any] | None:
    """How a field's SQLite value becomes its Parquet value (None: as it is)."""
    if field.kind == "date":
        return to_date
    if field.kind == "list":
        return lambda text: split_list(text, field.separator or ",")
    return None


def arrow_schema(spec: TableSpec) -> Any:
    """The Parquet schema of a table: a type per field, descriptions as field and schema metadata."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    fields = [
        pa.field(f.name, types[f.kind], nullable=not f.required, metadata={"description": f.description})
        for f in spec.fields
    ]
    return pa.schema(fields, metadata={"description": spec.description, "table": spec.name})


def export_parquet(db_path: Path, folder: Path) -> None:
    """One Parquet file per table of the contract, written in batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    con = sqlite3.connect(db_path)
    try:
        for spec in contract().values():
            schema = arrow_schema(spec)
            convert = [converter(f) for f in spec.fields]
            names = ", ".join(f'"{f.name}"' for f in spec.fields)
            cursor = con.execute(f'SELECT {names} FROM "{spec.name}"')
            with pq.ParquetWriter(folder / f"{spec.name}.parquet", schema) as writer:
                while rows := cursor.fetchmany(BATCH):
                    columns = [
                        pa.array([row[i] if fn is None else fn(row[i]) for row in rows], type=schema[i].type)
                        for i, fn in enumerate(convert)
                    ]
                    writer.write_batch(pa.RecordBatch.from_arrays(columns, schema=schema))
    finally:
        con.close()
