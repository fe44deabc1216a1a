"""Stage 1, ingest: a source file in, a cleaned `Document` (and its offset map) out."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.clean import OffsetMap, clean_text
from pipeline.decode import DecodeError, decode_bytes
from pipeline.errors import IngestError
from pipeline.language import guess_language
from pipeline.metadata import read_metadata
from pipeline.records import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED = TEXT_SUFFIXES | DOCX_SUFFIXES
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Ingested:
    """A cleaned document and the map from its text back to the source text."""

    document: Document
    offsets: OffsetMap


def discover(corpus: Path) -> list[tuple[str, Path]]:
    """(doc_id, path) for every file under the corpus folder, sorted; the id is the file stem."""
    seen: dict[str, Path] = {}
    out = []
    for path in sorted(p for p in corpus.rglob("*") if _is_input(p, corpus)):
        doc_id = path.stem
        if doc_id in seen:
            doc_id = f"{doc_id}_{hashlib.sha1(str(path.relative_to(corpus)).encode()).hexdigest()[:8]}"
        seen[doc_id] = path
        out.append((doc_id, path))
    return out


def _is_input(path: Path, corpus: Path) -> bool:
    """Regular files that are not hidden and not a README."""
    rel = path.relative_to(corpus)
    if any(part.startswith(".") for part in rel.parts):
        return False
    try:
        return path.is_file() and path.name.lower() not in {"readme.md", "readme.txt"}
    except OSError:
        return True


def read_source(path: Path) -> tuple[bytes, str, str]:
    """Raw bytes of a file, its text and the encoding it was decoded from."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(str(path), f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .docx",
                          "unsupported")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "file vanished before it could be read", "missing") from None
    except PermissionError:
        raise IngestError(str(path), "no permission to read the file", "permission") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable") from None
    if len(data) > MAX_BYTES:
        raise IngestError(str(path), f"too large ({len(data)} bytes; limit {MAX_BYTES})", "too_large")
    if suffix in DOCX_SUFFIXES:
        return data, _docx_text(path, data), "docx"
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise IngestError(str(path), str(exc), "encoding") from None
    return data, text, encoding


def _docx_text(path: Path, data: bytes) -> str:
    """Paragraphs and table cells of a .docx, one per line (python-docx)."""
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(str(path), "not a .docx: the file is not a zip archive", "bad_docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a zip that is not a document
        raise IngestError(str(path), f"not a .docx: {type(exc).__name__}: {exc}", "bad_docx") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def ingest_file(path: Path, doc_id: str, source: str) -> Ingested:
    """Read, decode, clean and describe one file."""
    data, raw, encoding = read_source(path)
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        raise IngestError(str(path), "no text after cleaning (empty or whitespace only)", "empty")
    meta = read_metadata(cleaned.text, raw)
    language = guess_language(cleaned.text)
    warnings = [] if language == "ru" else [f"language is {language}, not Russian: extraction may be poor"]
    document = Document(
        doc_id=doc_id, source=source, doc_type=meta.doc_type, title=meta.title, date=meta.date,
        place=meta.place, number=meta.number, text=cleaned.text, n_chars=len(cleaned.text),
        sha256=hashlib.sha256(data).hexdigest(), language=language, encoding=encoding,
        warnings="; ".join(warnings) or None,
    )
    return Ingested(document, cleaned.offsets)
