"""The one I/O module for interim stage outputs: one JSON file per document per stage folder."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from pipeline import records
from pipeline.records import Document, Extraction, Section
from pipeline.segment.structure import Block, Structure
from pipeline.store.files import atomic_write

ROW_TYPES = {
    "sections": Section,
    "recommendations": records.Unit,
    "clauses": records.Clause,
    "addressees": records.Addressee,
    "actions": records.Action,
    "legal_refs": records.Reference,
    "entities": records.Entity,
    "persons": records.Person,
    "quotes": records.Quote,
    "organizations": records.Organization,
    "acts": records.Act,
}


def write_json(path: Path, payload: dict) -> None:
    """Write one interim file atomically."""
    atomic_write(path, json.dumps(payload, ensure_ascii=False))


def read_json(path: Path) -> dict:
    """Read one interim file."""
    return json.loads(path.read_text(encoding="utf-8"))


def dump_document(document: Document) -> dict:
    """An ingested document as JSON."""
    return {"document": asdict(document)}


def load_document(payload: dict) -> Document:
    """The document of an interim payload."""
    return Document(**payload["document"])


def dump_structure(document: Document, structure: Structure) -> dict:
    """A segmented document as JSON."""
    return {
        "document": asdict(document),
        "sections": [asdict(s) for s in structure.sections],
        "blocks": [asdict(b) for b in structure.blocks],
        "sentences": structure.sentences,
    }


def load_structure(payload: dict) -> tuple[Document, Structure]:
    """The document and structure of a segmented payload."""
    structure = Structure(
        [Section(**s) for s in payload["sections"]],
        [Block(**b) for b in payload["blocks"]],
        [tuple(s) for s in payload["sentences"]],
    )
    return load_document(payload), structure


def dump_extraction(extraction: Extraction) -> dict:
    """An extraction as JSON, table by table."""
    return {name: [asdict(r) for r in rows] for name, rows in extraction.tables().items()}


def load_extraction(payload: dict) -> Extraction:
    """An extraction from its JSON."""
    tables = {name: [ROW_TYPES[name](**r) for r in payload.get(name, [])] for name in ROW_TYPES}
    names = [f.name for f in fields(Extraction) if f.name != "document"]
    return Extraction(document=Document(**payload["documents"][0]), **{n: tables[n] for n in names})
