"""Stage 5's Frictionless data package: the tables of dataset.sqlite in, `csv/` with datapackage.json out."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

from pipeline.store.columns import FieldSpec, TableSpec, contract
from pipeline.store.parquet import split_list

DESCRIPTOR = "datapackage.json"
TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date", "list": "array"}
BATCH = 50_000


def field_descriptor(field: FieldSpec) -> dict[str, Any]:
    """A Table Schema field: name, type, description, and the constraints the schema declares."""
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.enum:
        constraints["enum"] = list(field.enum)
    out: dict[str, Any] = {"name": field.name, "type": TYPES[field.kind], "description": field.description}
    return out | ({"constraints": constraints} if constraints else {})


def resource_descriptor(spec: TableSpec) -> dict[str, Any]:
    """A tabular data resource: the table's CSV file and its Table Schema with primary and foreign keys."""
    schema: dict[str, Any] = {"fields": [field_descriptor(f) for f in spec.fields], "missingValues": [""]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": table, "fields": other}}
            for column, table, other in spec.foreign_keys
        ]
    return {
        "name": spec.name,
        "path": f"{spec.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": spec.description,
        "schema": schema,
    }


def descriptor(tables: dict[str, TableSpec]) -> dict[str, Any]:
    """The whole data package: one resource per table of the contract."""
    return {
        "profile": "tabular-data-package",
        "name": "health-policy-nlp",
        "title": "Health-policy NLP dataset",
        "description": "Directive units, addressees, actions and legal references extracted from "
        "Russian-language health-policy documents; generated from pipeline/store/schema.sql.",
        "resources": [resource_descriptor(spec) for spec in tables.values()],
    }


def csv_cell(value: Any, field: FieldSpec) -> Any:
    """A SQLite value as its CSV cell: lists become JSON arrays, as Table Schema's array type reads them.

    >>> themes = FieldSpec("themes", "list", False, (), ",", "")
    >>> csv_cell("governance,financing", themes), csv_cell(None, themes)
    ('["governance", "financing"]', None)
    """
    if field.kind == "list" and value is not None:
        return json.dumps(split_list(value, field.separator or ","), ensure_ascii=False)
    return value


def export_package(db_path: Path, folder: Path) -> None:
    """Write every table as CSV (UTF-8, header row) and the datapackage.json that describes them."""
    folder.mkdir()
    tables = contract()
    con = sqlite3.connect(db_path)
    try:
        for spec in tables.values():
            names = ", ".join(f'"{f.name}"' for f in spec.fields)
            cursor = con.execute(f'SELECT {names} FROM "{spec.name}"')
            with (folder / f"{spec.name}.csv").open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([f.name for f in spec.fields])
                while rows := cursor.fetchmany(BATCH):
                    writer.writerows(
                        [csv_cell(v, f) for v, f in zip(row, spec.fields, strict=True)] for row in rows
                    )
    finally:
        con.close()
    text = json.dumps(descriptor(tables), ensure_ascii=False, indent=2) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")
