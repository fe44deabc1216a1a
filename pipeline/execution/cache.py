"""Stage outputs cached by content hash and by a version of the code that made them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.extract.version import extraction_version
from pipeline.records import Extraction
from pipeline.store.interim import dump_extraction, load_extraction, write_json
from pipeline.themes.classify import classify_version


class StageCache:
    """Extractions on disk: `extracted/` keyed by input and extract code, `classified/` also by the model."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(doc_id: str, source: str, data: bytes) -> str:
        """The cache key of one input file's content under its id."""
        return hashlib.sha256(doc_id.encode() + b"\0" + source.encode() + b"\0" + data).hexdigest()

    def _path(self, layer: str, key: str) -> Path:
        version = extraction_version() if layer == "extracted" else extraction_version() + classify_version()
        return self.root / layer / version / key[:2] / f"{key}.json"

    def has(self, layer: str, key: str) -> bool:
        """Whether a layer holds the document."""
        return self._path(layer, key).exists()

    def get(self, layer: str, key: str) -> Extraction | None:
        """A cached extraction, or None."""
        path = self._path(layer, key)
        try:
            return load_extraction(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, layer: str, key: str, extraction: Extraction) -> None:
        """Store an extraction (atomically)."""
        write_json(self._path(layer, key), dump_extraction(extraction))
