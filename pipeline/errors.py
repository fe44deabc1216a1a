"""Expected failures: each names the file and the problem, and never needs a traceback."""

from __future__ import annotations

from pipeline.records import ErrorRow

# The `errors.kind` vocabulary (docs/errors.md lists it for analysts; tests check the two agree).
KINDS = {
    "unsupported": "the file type is not one of .txt, .md, .markdown, .text, .docx",
    "missing": "the file vanished between discovery and reading",
    "permission": "the file cannot be read with the run's permissions",
    "bad_link": "a symbolic link that loops or points at nothing",
    "unreadable": "any other operating-system error while reading",
    "too_large": "over a size limit (pipeline/ingest/read.py and word.py) or the worker's memory",
    "encoding": "not text: binary data, or no UTF-8, UTF-16 or Cyrillic code page decodes it",
    "bad_docx": "a .docx that is not a zip archive, or a zip archive that is not a Word document",
    "empty": "no text left after cleaning (an empty or whitespace-only file)",
    "crashed": "the worker process processing it died twice (killed, out of memory, a crash in C code)",
    "internal": "an unexpected failure, i.e. a bug: the message names the exception",
}
# Failures that depend on the machine or the moment, not on the file and the code: a re-run tries them again
# (with `too_large` when it was the worker's memory, OUT_OF_MEMORY, not a size limit). The others repeat.
TRANSIENT_KINDS = frozenset({"missing", "permission", "bad_link", "unreadable", "crashed"})
OUT_OF_MEMORY = "too large: out of memory while processing it"


def transient(row: ErrorRow) -> bool:
    """Whether a failure may not happen again on the same file with the same code.

    >>> transient(ErrorRow(doc_id="d", source="d.txt", stage="ingest", kind="empty", message="no text"))
    False
    """
    return row.kind in TRANSIENT_KINDS or row.message == OUT_OF_MEMORY


class PipelineError(Exception):
    """An expected failure of one document at one stage."""

    kind = "error"

    def __init__(self, source: str, message: str, kind: str | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        if kind:
            self.kind = kind


class IngestError(PipelineError):
    """The file could not be read or decoded into text."""

    kind = "ingest"


def error_row(doc_id: str | None, source: str, stage: str, exc: BaseException) -> ErrorRow:
    """The `errors` row of a failure: an expected one keeps its kind, anything else is 'internal'.

    >>> error_row("d", "d.txt", "ingest", IngestError("/x/d.txt", "no text", "empty")).message
    'no text'
    >>> error_row("d", "d.txt", "extract", ValueError("bad offset\\nmore")).message
    'ValueError: bad offset'
    >>> error_row("d", "d.txt", "extract", MemoryError()).kind
    'too_large'
    """
    if isinstance(exc, PipelineError):
        return ErrorRow(doc_id=doc_id, source=source, stage=stage, kind=exc.kind, message=exc.message)
    if isinstance(exc, MemoryError):  # the worker's address-space limit (pipeline/execution/processes.py)
        return ErrorRow(doc_id=doc_id, source=source, stage=stage, kind="too_large", message=OUT_OF_MEMORY)
    lines = str(exc).strip().splitlines()
    message = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return ErrorRow(doc_id=doc_id, source=source, stage=stage, kind="internal", message=message[:500])
