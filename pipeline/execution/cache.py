"""Stage outputs cached by content hash and by a version of the code that made them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.execution.manifest import libraries_version
from pipeline.extract.version import extraction_version
from pipeline.records import Extraction
from pipeline.store.interim import dump_extraction, load_extraction, write_json
from pipeline.themes.classify import classify_version


class StageCache:
    """Extractions on disk: `extracted/` keyed by input, extract code and the libraries' versions,
    `classified/` also by the model.

    An entry records its version and is read back only with the same version and the shape of an
    extraction: anything else (a truncated file, `[]`, `null`, an older layout) is a miss. Writes are
    best effort: a cache that cannot be written (a full disk) costs speed, never the run.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: list[Path] = []

    @staticmethod
    def key(doc_id: str, source: str, path: Path) -> str:
        """The cache key of one input file's content under its id (the file is hashed in pieces)."""
        digest = hashlib.sha256(doc_id.encode() + b"\0" + source.encode() + b"\0")
        with path.open("rb") as f:
            return hashlib.file_digest(f, lambda: digest).hexdigest()

    @staticmethod
    def _version(layer: str) -> str:
        code = extraction_version() + libraries_version()
        return code if layer == "extracted" else code + classify_version()

    def _path(self, layer: str, key: str) -> Path:
        return self.root / layer / self._version(layer) / key[:2] / f"{key}.json"

    def has(self, layer: str, key: str) -> bool:
        """Whether a layer holds the document."""
        return self._path(layer, key).exists()

    def get(self, layer: str, key: str) -> Extraction | None:
        """A cached extraction, or None when there is none or it is not a valid entry of this version."""
        try:
            payload = json.loads(self._path(layer, key).read_text(encoding="utf-8"))
            if not _valid(payload, self._version(layer)):
                return None
            return load_extraction(payload["extraction"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def put(self, layer: str, key: str, extraction: Extraction) -> None:
        """Store an extraction (atomically); a failed write is skipped."""
        path = self._path(layer, key)
        try:
            write_json(path, {"version": self._version(layer), "extraction": dump_extraction(extraction)})
        except OSError:
            return
        self.written.append(path)

    def forget_written(self) -> None:
        """Remove the entries this run wrote (after a run that failed for want of disk space)."""
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written.clear()


def _valid(payload: object, version: str) -> bool:
    """An entry of this version whose tables are lists of rows, with exactly one document."""
    if not isinstance(payload, dict) or payload.get("version") != version:
        return False
    tables = payload.get("extraction")
    if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()):
        return False
    documents = tables.get("documents")
    rows = [r for table in tables.values() for r in table]
    return isinstance(documents, list) and len(documents) == 1 and all(isinstance(r, dict) for r in rows)
