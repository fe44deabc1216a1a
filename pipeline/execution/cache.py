"""Stage outputs cached by content hash and by a version of the code that made them."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from pipeline import paths
from pipeline.records import Extraction
from pipeline.store.interim import dump_extraction, load_extraction, write_json

SOURCE_SUFFIXES = (".py", ".tsv", ".txt", ".csv", ".json", ".toml")

# What shapes an extraction: these folders and modules of the package, and the organisation registry. A module
# added to one of them is counted without anyone remembering to list it.
EXTRACTION_SOURCES = (
    "data",
    "ingest",
    "segment",
    "nlp",
    "dates",
    "extract",
    "references",
    "organizations",
    "records.py",
)


@lru_cache(maxsize=1)
def extract_version() -> str:
    """Hash of the code and resources behind ingest, segment and extract."""
    files = []
    for name in EXTRACTION_SOURCES:
        source = paths.PACKAGE_DIR / name
        found = sorted(source.rglob("*")) if source.is_dir() else [source]
        files += [p for p in found if p.is_file() and p.suffix in SOURCE_SUFFIXES]
    files.append(paths.ORG_REGISTRY)
    return _hash_files(files)


@lru_cache(maxsize=1)
def theme_input_version() -> str:
    """Hash of what turns a unit into the classifier's input: extraction and `pipeline/themes/view.py`."""
    return hashlib.sha256(
        (extract_version() + _hash_files([paths.PACKAGE_DIR / "themes" / "view.py"])).encode()
    ).hexdigest()[:16]


@lru_cache(maxsize=1)
def classify_version() -> str:
    """Hash of the classifier's code and its saved model card."""
    return _hash_files([paths.PACKAGE_DIR / "themes" / "classify.py", paths.THEME_CARD])


def _hash_files(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for f in files:
        if f.exists():
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


class StageCache:
    """Extractions on disk: `extracted/` keyed by input and extract code, `classified/` also by the model."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(doc_id: str, source: str, data: bytes) -> str:
        """The cache key of one input file's content under its id."""
        return hashlib.sha256(doc_id.encode() + b"\0" + source.encode() + b"\0" + data).hexdigest()

    def _path(self, layer: str, key: str) -> Path:
        version = extract_version() if layer == "extracted" else extract_version() + classify_version()
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
