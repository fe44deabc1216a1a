"""The version of the extraction code: a hash of the folders that turn a source file into an `Extraction`."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pipeline import paths

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
def extraction_version() -> str:
    """Hash of the code and resources behind ingest, segment and extract."""
    files = []
    for name in EXTRACTION_SOURCES:
        source = paths.PACKAGE_DIR / name
        found = sorted(source.rglob("*")) if source.is_dir() else [source]
        files += [p for p in found if p.is_file() and p.suffix in SOURCE_SUFFIXES]
    files.append(paths.ORG_REGISTRY)
    return hash_files(files)


def hash_files(files: list[Path]) -> str:
    """A short hash of the names and contents of files (missing ones are skipped)."""
    digest = hashlib.sha256()
    for f in files:
        if f.exists():
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
