"""`pipeline.load`: one call gives every table as a typed pandas DataFrame."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.store.writer import TABLES


@pytest.mark.parametrize("where", ["folder", "sqlite", "parquet"])
def test_load_takes_the_folder_the_database_or_the_parquet(dataset: Path, where: str):
    path = {"folder": dataset, "sqlite": dataset / "dataset.sqlite", "parquet": dataset / "parquet"}[where]
    assert set(pipeline.load(path)) == set(TABLES)


def test_tables_are_typed_and_described(dataset: Path, db: Path):
    df = pipeline.load(dataset, tables=["documents", "recommendations", "organizations"])
    con = sqlite3.connect(db)
    n_units = con.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    con.close()
    units = df["recommendations"]
    assert len(units) == n_units
    assert pd.api.types.is_datetime64_any_dtype(df["documents"]["date"])
    assert pd.api.types.is_datetime64_any_dtype(units["deadline_date"])
    assert str(units["seq"].dtype) == "Int64"
    assert all(isinstance(v, list) for v in df["organizations"]["aliases"].dropna())
    assert df["recommendations"].attrs["description"].startswith("Directive units")
    assert df["recommendations"].attrs["columns"]["seq"]


def test_a_folder_without_a_dataset_says_so(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="make run"):
        pipeline.load(tmp_path)
