"""The whole pipeline over a corpus: documents stream through the stages in chunks into one dataset."""

from __future__ import annotations

import dataclasses
import errno
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pipeline.errors import error_row
from pipeline.execution.cache import StageCache
from pipeline.execution.corpus import iter_corpus
from pipeline.execution.dask_cluster import map_chunks_dask
from pipeline.execution.manifest import new_manifest, same_text_code, take_inventory
from pipeline.execution.processes import map_chunks
from pipeline.execution.timing import timed
from pipeline.extract.document import extract_document
from pipeline.ingest.clean import clean_text
from pipeline.ingest.metadata import read_metadata
from pipeline.ingest.read import Ingested, build_document, ingest_file, size_limit
from pipeline.nlp.models import analyse, build_doc
from pipeline.organizations.registry import registry
from pipeline.records import ErrorRow, Extraction
from pipeline.segment.structure import Structure, segment_document
from pipeline.store.outputs import DATASET, read_manifest
from pipeline.store.writer import DatasetWriter
from pipeline.themes.classify import ThemeModel, ThemePrediction, checked_card, load_model
from pipeline.themes.view import theme_text

CHUNK = 16  # documents analysed together: natasha's models batch sentences across them


@dataclass
class RunReport:
    """What a run did: rows per table and the documents that failed."""

    counts: dict[str, int] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)
    documents: int = 0


def process_chunk(items: list[tuple[str, Path, str]], model=None) -> list[Extraction | ErrorRow]:
    """Ingest, segment, parse and extract a few documents (classify too, given a model); failures are rows."""
    if not items:
        return []
    ready: list[tuple[int, Ingested, Structure]] = []
    # Results in item order, failures included: `_results` pairs them with cache keys by position.
    out: list[Extraction | ErrorRow] = [None] * len(items)  # type: ignore[list-item]
    for i, (doc_id, path, source) in enumerate(items):
        try:
            with timed("ingest"):
                ingested = ingest_file(path, doc_id, source)
            with timed("segment"):
                ready.append((i, ingested, segment_document(ingested.document)))
        except Exception as exc:  # expected failures keep their kind; a bug is 'internal', never fatal
            out[i] = error_row(doc_id, source, "ingest", exc)
    sentences = [ing.document.text[a:b] for _, ing, st in ready for a, b in st.sentences]
    try:
        with timed("nlp_models"):
            analyses = deque(analyse(sentences))
        del sentences
    except Exception as exc:
        if len(ready) > 1:
            return _one_by_one(items, model)  # find the document the models choke on; keep the others
        i, ingested, _ = ready[0]
        out[i] = error_row(ingested.document.doc_id, ingested.document.source, "extract", exc)
        return out
    for i, ingested, structure in ready:
        # Taken off the queue, so that only extract_one holds a document's analyses and can drop them once
        # its Doc is built (a large document's analyses outweigh its Doc, issue 13).
        out[i] = extract_one(ingested, structure, [analyses.popleft() for _ in structure.sentences], model)
    return out


def _one_by_one(items: list[tuple[str, Path, str]], model) -> list[Extraction | ErrorRow]:
    """Each document in a chunk of its own, so a failure of the models costs only that document."""
    return [result for item in items for result in process_chunk([item], model)]


def extract_one(ingested: Ingested, structure: Structure, analyses, model=None) -> Extraction | ErrorRow:
    """One parsed document extracted (and classified, given a model); a failure is a row, never raised."""
    document = ingested.document
    try:
        with timed("build_doc"):
            doc = build_doc(document.text, structure.sentences, analyses)
        del analyses  # the caller keeps no reference: the analyses are freed before extraction
        with timed("extract"):
            extraction = extract_document(document, structure, doc)
        return classify_extraction(extraction, model) if model is not None else extraction
    except Exception as exc:  # one bad document must never stop the others
        return error_row(document.doc_id, document.source, "extract", exc)


def classify_extraction(extraction: Extraction, model) -> Extraction:
    """Stage 4, classify: a primary theme with its score (and secondary themes) for every unit."""
    return classify_extractions([extraction], model)[0]


def classify_extractions(extractions: list[Extraction], model) -> list[Extraction]:
    """Stage 4 for several documents in one call of the model (each call has a fixed cost)."""
    texts = [theme_text(e, u) for e in extractions for u in e.recommendations]
    if not texts:
        return extractions
    with timed("classify"):
        predictions = iter(model.predict(texts))
    for extraction in extractions:
        mine = list(islice(predictions, len(extraction.recommendations)))
        extraction.recommendations = [
            dataclasses.replace(
                u,
                theme=p.theme,
                theme_score=round(float(p.score), 4),
                themes_secondary=",".join(p.secondary) or None,
            )
            for u, p in zip(extraction.recommendations, mine, strict=True)
        ]
    return extractions


def run_pipeline(
    corpus: Path,
    out_dir: Path,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> RunReport:
    """Process every document of a corpus and write the dataset atomically into out_dir, with the manifest
    that lets the next `hpnlp run` tell whether anything changed."""
    items = iter_corpus(corpus)
    checked_card()  # a missing or stale model fails the run at once, though it is loaded only when needed
    model = LazyModel()
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = StageCache(cache_dir or out_dir / "cache") if use_cache else None
    writer = DatasetWriter(out_dir)
    report = RunReport()
    try:
        # What the files are before any is read: one edited during the run is seen as changed by the next.
        previous = read_manifest(out_dir)
        files, scanned_ns = take_inventory(items, previous)
        if use_cache and same_text_code(previous, out_dir):
            writer.reuse_lemmas(out_dir / DATASET)
        writer.add_organizations(registry().records())
        for result in _results(items, model, cache, _mapper(executor, workers, scheduler)):
            if isinstance(result, ErrorRow):
                report.errors.append(result)
            else:
                with timed("store"):
                    writer.add(result)
                report.documents += 1
            if progress:
                progress(1)
        writer.add_errors(report.errors)
        writer.add_manifest(new_manifest(files, scanned_ns, report.errors))
        report.counts = writer.commit()
    except BaseException as exc:
        writer.abort()
        if cache is not None and out_of_space(exc):  # what this run cached would keep the disk full
            cache.forget_written()
        raise
    return report


class LazyModel:
    """The theme model, loaded (scikit-learn imported, the pipeline unpickled) when a unit first needs a
    theme: a run whose documents all come from the classified cache never loads it."""

    def __init__(self) -> None:
        self.model: ThemeModel | None = None

    def predict(self, texts: list[str]) -> list[ThemePrediction]:
        """The saved model's predictions (see `ThemeModel.predict`)."""
        if self.model is None:
            self.model = load_model()
        return self.model.predict(texts)


def out_of_space(exc: BaseException) -> bool:
    """A full disk or quota, as the operating system or SQLite reports it."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL


def _mapper(executor: str, workers: int, scheduler: str | None) -> Callable[[Iterable[list]], Iterator[list]]:
    """How lists of documents get processed: here, in a process pool, or on a Dask cluster."""
    if executor == "dask":
        return lambda chunks: map_chunks_dask(chunks, process_chunk, scheduler)
    if workers > 1:
        return lambda chunks: map_chunks(chunks, workers, process_chunk)
    return lambda chunks: (process_chunk(c) if c else [] for c in chunks)


def _results(items, model, cache, mapper) -> Iterator[Extraction | ErrorRow]:
    """Results in corpus order: cached ones read back, the rest processed by the mapper, classified a chunk at
    a time, and cached."""
    plans = [_plan(items[k : k + CHUNK], cache) for k in range(0, len(items), CHUNK)]
    fresh = mapper([[e[0] for e in plan if e[2] == "miss"] for plan in plans])
    for plan, processed in zip(plans, fresh, strict=True):
        done = iter(processed)
        results = [_extracted(item, key, state, done, cache) for item, key, state in plan]
        unclassified = [r for r, _, classified in results if isinstance(r, Extraction) and not classified]
        classify_extractions(unclassified, model)
        for result, key, classified in results:
            if key and isinstance(result, Extraction) and not classified:
                cache.put("classified", key, result)
            yield result


def _extracted(item, key, state, done, cache) -> tuple[Extraction | ErrorRow, str | None, bool]:
    """One document's result from the deepest cache layer that holds a valid entry, else processed; with its
    key and whether it is classified already."""
    if state == "classified":
        cached = cache.get("classified", key)
        if cached is not None:
            return cached, key, True
        state = "extracted"
    result = cache.get("extracted", key) if state == "extracted" else next(done)
    if result is None:  # an unreadable or invalid cache entry is a miss
        result, state = process_chunk([item])[0], "miss"
    if isinstance(result, Extraction) and key and state == "miss":
        cache.put("extracted", key, result)
    return result, key, False


def _plan(chunk: list[tuple[str, Path, str]], cache) -> list[tuple[tuple, str | None, str]]:
    """(item, cache key, state) where state says which cache layer holds the document, or 'miss'."""
    plan = []
    for item in chunk:
        key = None
        if cache is not None:
            try:
                # Files ingest will refuse are not hashed; the others are hashed in pieces, not read whole.
                if item[1].stat().st_size <= size_limit(item[1]):
                    key = cache.key(item[0], item[2], item[1])
            except OSError:
                key = None
        state = "miss"
        if key and cache.has("classified", key):
            state = "classified"
        elif key and cache.has("extracted", key):
            state = "extracted"
        plan.append((item, key, state))
    return plan


def extract_text(text: str, doc_id: str = "text") -> Extraction:
    """Clean, segment, parse and extract one text given as a string (for notebooks and tests)."""
    cleaned = clean_text(text).text
    meta = read_metadata(cleaned)
    document = build_document(doc_id, doc_id, cleaned, meta, sha256="")
    structure = segment_document(document)
    analyses = analyse([cleaned[a:b] for a, b in structure.sentences])
    result = extract_one(Ingested(document, None), structure, analyses)  # type: ignore[arg-type]
    if isinstance(result, ErrorRow):
        raise RuntimeError(result.message)
    return result
