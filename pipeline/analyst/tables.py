"""The dataset for pandas in one call: a dataset folder in, its typed Parquet tables as DataFrames out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import paths


def parquet_folder(path: str | Path | None) -> Path:
    """The parquet/ folder of a dataset given as its folder, its dataset.sqlite or that parquet/ folder."""
    where = Path(path) if path is not None else paths.DATA
    if where.is_file():
        where = where.parent
    if (where / "parquet").is_dir():
        where = where / "parquet"
    if not any(where.glob("*.parquet")):
        raise FileNotFoundError(
            f"no Parquet tables in {where}; run `make run` (or `hpnlp run --out DIR`) first"
        )
    return where


def load(path: str | Path | None = None, tables: list[str] | None = None) -> dict[str, Any]:
    """The dataset's tables as pandas DataFrames, by name (default: data/, the folder `make run` writes).

    Types come from the Parquet files: dates are datetime64 columns, lists (themes_secondary, aliases) Python
    lists, integers pandas' nullable Int64; `df.attrs` holds the table's description and, under "columns",
    each column's.

        >>> import pipeline
        >>> df = pipeline.load("data")                               # doctest: +SKIP
        >>> df["recommendations"].groupby("theme").size()            # doctest: +SKIP
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = parquet_folder(path)
    names = tables or sorted(p.stem for p in folder.glob("*.parquet"))
    out = {}
    for name in names:
        table = pq.read_table(folder / f"{name}.parquet")
        frame = table.to_pandas(date_as_object=False, types_mapper={pa.int64(): pd.Int64Dtype()}.get)
        for field in table.schema:
            if pa.types.is_list(field.type):
                frame[field.name] = frame[field.name].map(lambda v: None if v is None else list(v))
        frame.attrs["description"] = description_of(table.schema.metadata)
        frame.attrs["columns"] = {f.name: description_of(f.metadata) for f in table.schema}
        out[name] = frame
    return out


def description_of(metadata: dict[bytes, bytes] | None) -> str:
    """The description stored in a Parquet schema's or field's metadata."""
    return (metadata or {}).get(b"description", b"").decode("utf-8")
