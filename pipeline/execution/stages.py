"""Each stage run alone over an interim folder: what the per-stage CLI commands call."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from pipeline.errors import error_row
from pipeline.execution.run import classify_extraction, extract_one, iter_corpus
from pipeline.ingest.read import Ingested, ingest_file
from pipeline.nlp.models import analyse
from pipeline.organizations.registry import registry
from pipeline.records import ErrorRow
from pipeline.segment.structure import segment_document
from pipeline.store.interim import (
    dump_document,
    dump_extraction,
    dump_structure,
    load_document,
    load_extraction,
    load_structure,
    read_json,
    write_json,
)
from pipeline.store.writer import DatasetWriter
from pipeline.themes.classify import load_model


def ingest_stage(corpus: Path, out: Path) -> list[ErrorRow]:
    """corpus files → `out/<doc_id>.json` cleaned documents."""
    errors = []
    for doc_id, path, source in iter_corpus(corpus):
        try:
            write_json(out / f"{doc_id}.json", dump_document(ingest_file(path, doc_id, source).document))
        except Exception as exc:  # expected failures keep their kind; a bug is 'internal', never fatal
            errors.append(error_row(doc_id, source, "ingest", exc))
    return errors


def segment_stage(src: Path, out: Path) -> int:
    """ingested documents → `out/<doc_id>.json` with sections, items and sentences."""
    files = sorted(src.glob("*.json"))
    for f in files:
        document = load_document(read_json(f))
        write_json(out / f.name, dump_structure(document, segment_document(document)))
    return len(files)


def extract_stage(src: Path, out: Path) -> list[ErrorRow]:
    """segmented documents → `out/<doc_id>.json` extractions (natasha parses them in one batch)."""
    loaded = [load_structure(read_json(f)) for f in sorted(src.glob("*.json"))]
    sentences = [d.text[a:b] for d, st in loaded for a, b in st.sentences]
    analyses = deque(analyse(sentences))
    errors = []
    for document, structure in loaded:
        mine = [analyses.popleft() for _ in structure.sentences]
        result = extract_one(Ingested(document, None), structure, mine)  # type: ignore[arg-type]
        if isinstance(result, ErrorRow):
            errors.append(result)
        else:
            write_json(out / f"{document.doc_id}.json", dump_extraction(result))
    return errors


def classify_stage(src: Path, out: Path) -> int:
    """extractions → `out/<doc_id>.json` with a theme on every unit."""
    model = load_model()
    files = sorted(src.glob("*.json"))
    for f in files:
        write_json(out / f.name, dump_extraction(classify_extraction(load_extraction(read_json(f)), model)))
    return len(files)


def store_stage(src: Path, out: Path) -> dict[str, int]:
    """classified extractions → `out/dataset.sqlite`, `out/parquet/` and `out/csv/`."""
    writer = DatasetWriter(out)
    try:
        writer.add_organizations(registry().records())
        for f in sorted(src.glob("*.json")):
            writer.add(load_extraction(read_json(f)))
        return writer.commit()
    except BaseException:
        writer.abort()
        raise
