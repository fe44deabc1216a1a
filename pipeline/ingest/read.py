"""Stage 1, ingest: a source file in, a cleaned `Document` (and its offset map) out."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.ingest.clean import OffsetMap, clean_text
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.html import html_to_text
from pipeline.ingest.language import guess_language
from pipeline.ingest.metadata import Metadata, read_metadata
from pipeline.ingest.names import safe_id
from pipeline.ingest.word import docx_text
from pipeline.records import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | DOCX_SUFFIXES | HTML_SUFFIXES
# Size limits, the byte limits checked before the file is read. Parsing and extraction take 20-60 s and
# about 0.6 GB of memory per million characters of one document (a 2 MB line: 2 minutes, 1.7 GB), so
# 4 M characters (~1 500 pages) is several minutes of work; anything bigger is hardly one policy document.
MAX_BYTES = 16 * 1024 * 1024  # a text file
MAX_DOCX_BYTES = 64 * 1024 * 1024  # a .docx, which may carry images
MAX_CHARS = 4_000_000  # the decoded text of either
MIB = 1024 * 1024


@dataclass(frozen=True)
class Ingested:
    """A cleaned document and the map from its text back to the source text."""

    document: Document
    offsets: OffsetMap


def discover(corpus: Path) -> list[tuple[str, Path]]:
    """(doc_id, path) for every file under the corpus folder, sorted; the id is the file stem, escaped."""
    seen: dict[str, Path] = {}
    out = []
    for path in sorted(p for p in corpus.rglob("*") if _is_input(p, corpus)):
        doc_id = safe_id(path.stem)
        if doc_id in seen:
            doc_id = f"{doc_id}_{hashlib.sha1(os.fsencode(path.relative_to(corpus))).hexdigest()[:8]}"
        seen[doc_id] = path
        out.append((doc_id, path))
    return out


def _is_input(path: Path, corpus: Path) -> bool:
    """Regular files, not hidden, not a README; and links that lead nowhere, so they get reported."""
    rel = path.relative_to(corpus)
    if any(part.startswith(".") for part in rel.parts) or path.name.lower() in {"readme.md", "readme.txt"}:
        return False
    try:
        return path.is_file() or (path.is_symlink() and not path.exists())
    except OSError:
        return True


def read_source(path: Path) -> tuple[bytes, str, str]:
    """Raw bytes of a file, its text and the encoding it was decoded from."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(
            str(path),
            f"unsupported file type {suffix or '(none)'}; expected .txt, .md, .html or .docx",
            "unsupported",
        )
    data = _read_bytes(path, size_limit(path))
    if suffix in DOCX_SUFFIXES:
        text, encoding = docx_text(str(path), data), "docx"
    else:
        try:
            text, encoding = decode_bytes(data)
        except DecodeError as exc:
            raise IngestError(str(path), str(exc), "encoding") from None
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text)
    if len(text) > MAX_CHARS:
        raise IngestError(
            str(path),
            f"too large: {len(text):,} characters of text, over the limit of "
            f"{MAX_CHARS:,} (pipeline.ingest.read.MAX_CHARS)",
            "too_large",
        )
    return data, text, encoding


def size_limit(path: Path) -> int:
    """The most bytes a file of this type may have (checked before it is read)."""
    return MAX_DOCX_BYTES if path.suffix.lower() in DOCX_SUFFIXES else MAX_BYTES


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes; a file over the limit is refused before it is read."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise _too_large(path, size, limit)
            data = f.read(limit + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(
                str(path), "broken symbolic link: its target does not exist", "bad_link"
            ) from None
        raise IngestError(str(path), "file vanished before it could be read", "missing") from None
    except PermissionError:
        raise IngestError(str(path), "no permission to read the file", "permission") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(
                str(path), "symbolic link loop: the link points back at itself", "bad_link"
            ) from None
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}", "unreadable") from None
    if len(data) > limit:  # the file grew while we read it
        raise _too_large(path, len(data), limit)
    return data


def _too_large(path: Path, size: int, limit: int) -> IngestError:
    name = "MAX_DOCX_BYTES" if limit == MAX_DOCX_BYTES else "MAX_BYTES"
    return IngestError(
        str(path),
        f"too large: {size / MIB:.1f} MiB, over the {limit // MIB} MiB limit (pipeline.ingest.read.{name})",
        "too_large",
    )


def build_document(doc_id: str, source: str, text: str, meta: Metadata, **more: str | int | None) -> Document:
    """A `Document` of cleaned text and its metadata; `more` gives sha256, language, encoding, warnings,
    chrome_lines."""
    return Document(
        doc_id=doc_id,
        source=source,
        doc_type=meta.doc_type,
        title=meta.title,
        date=meta.date,
        place=meta.place,
        number=meta.number,
        text=text,
        n_chars=len(text),
        **more,
    )


def ingest_file(path: Path, doc_id: str, source: str) -> Ingested:
    """Read, decode, clean and describe one file."""
    data, raw, encoding = read_source(path)
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        what = "the file is empty (0 bytes)" if not data else "only whitespace or layout debris, no text"
        raise IngestError(str(path), f"no text after cleaning: {what}", "empty")
    meta = read_metadata(cleaned.text, raw)
    language = guess_language(cleaned.text)
    document = build_document(
        doc_id,
        source,
        cleaned.text,
        meta,
        sha256=hashlib.sha256(data).hexdigest(),
        language=language,
        encoding=encoding,
        warnings="; ".join(_warnings(cleaned.text, language, cleaned.chrome_lines)) or None,
        chrome_lines=cleaned.chrome_lines,
    )
    return Ingested(document, cleaned.offsets)


def _warnings(text: str, language: str, chrome_lines: int = 0) -> list[str]:
    """Notes for `documents.warnings`: a language other than Russian, undecodable bytes, page chrome."""
    out = []
    if chrome_lines:
        out.append(f"{chrome_lines} line(s) of page chrome dropped (pipeline/data/chrome.tsv)")
    if language == "und":
        out.append("language unknown (no letters): extraction may be poor")
    elif language != "ru":
        out.append(f"language is {language}, not Russian: extraction may be poor")
    broken = text.count("\ufffd")
    if broken:
        out.append(f"{broken} undecodable byte sequence(s) replaced with U+FFFD")
    return out
