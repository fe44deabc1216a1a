"""Re-runs: a corpus, the code and the model in; whether the dataset in an output folder is already what a run
would write out. The answer comes from the folder's manifest.json, which the writer leaves beside each
dataset, without loading a model: nothing here imports scikit-learn, natasha, spaCy, pandas or pyarrow."""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.errors import transient
from pipeline.execution.corpus import SourceFile, scan
from pipeline.extract.version import extraction_version, hash_files
from pipeline.records import ErrorRow, as_dict
from pipeline.store.lock import OutputLock
from pipeline.store.outputs import MANIFEST, dataset_stats, read_manifest, write_manifest
from pipeline.themes.classify import ModelMissingError, checked_card, classify_version

FORMAT = 1  # bump when the manifest's layout changes: an older one is then no manifest
# What shapes the dataset besides extraction and the theme model: the code that runs the stages and stores.
DATASET_SOURCES = ("execution", "store", "errors.py")
# Libraries whose version can change an extraction, a theme or the files written.
LIBRARIES = (
    "natasha",
    "slovnet",
    "navec",
    "yargy",
    "razdel",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "spacy",
    "scikit-learn",
    "numpy",
    "scipy",
    "pyarrow",
    "python-docx",
    "charset-normalizer",
)
# A file modified this close before a scan can be modified again within the same timestamp granule (2 s on
# FAT, a clock tick elsewhere) with its stat unchanged: its recorded fingerprint is not trusted, it is read.
RACY_NS = 2_000_000_000


@dataclass(kw_only=True)
class Verdict:
    """Whether a dataset is up to date (else why not) and, if it is, its row counts and failed documents."""

    fresh: bool
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[ErrorRow] = field(default_factory=list)


@lru_cache(maxsize=1)
def dataset_version() -> str:
    """Hash of the code that runs the stages and writes the dataset (DATASET_SOURCES)."""
    files: list[Path] = []
    for name in DATASET_SOURCES:
        top = paths.PACKAGE_DIR / name
        files += sorted(p for p in top.rglob("*") if p.suffix in (".py", ".sql")) if top.is_dir() else [top]
    return hash_files(files)


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    """Python's version and those of LIBRARIES ('-' for one not installed)."""
    versions = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return versions


def libraries_version() -> str:
    """A short hash of `library_versions()` (for the cache's keys)."""
    text = "\n".join(f"{k} {v}" for k, v in library_versions().items())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def code_versions() -> dict[str, Any]:
    """Everything besides the corpus that a dataset depends on: extraction code, classifier code and model
    card, the running and storing code, the libraries."""
    return {
        "extraction": extraction_version(),
        "classifier": classify_version(),
        "dataset": dataset_version(),
        "libraries": dict(library_versions()),
    }


def recorded_files(manifest: dict[str, Any] | None) -> tuple[list[SourceFile], dict[str, SourceFile]]:
    """A manifest's file entries, and those whose fingerprint stands for their stat (not racy) by source;
    nothing when the manifest holds no readable entries."""
    if manifest is None:
        return [], {}
    try:
        files = [SourceFile.from_row(row) for row in manifest["files"]]
        racy_after = int(manifest["scanned_ns"]) - RACY_NS
    except (TypeError, ValueError, KeyError):
        return [], {}
    return files, {f.source: f for f in files if f.mtime_ns < racy_after}


def take_inventory(items: list[tuple[str, Path, str]], previous: dict | None) -> tuple[list[SourceFile], int]:
    """The corpus's files as they are now, and when the scan began; fingerprints the previous manifest can
    vouch for are not read again."""
    scanned_ns = time.time_ns()
    return scan(items, recorded_files(previous)[1]), scanned_ns


def new_manifest(files: list[SourceFile], scanned_ns: int, errors: list[ErrorRow]) -> dict[str, Any]:
    """What a run records beside its dataset (the writer adds the generation, counts and its files' stats)."""
    return {
        "format": FORMAT,
        "versions": code_versions(),
        "scanned_ns": scanned_ns,
        "files": [f.row() for f in files],
        "errors": [as_dict(e) for e in errors],
    }


def same_text_code(manifest: dict[str, Any] | None, out_dir: Path) -> bool:
    """Whether out_dir's dataset is as written, by this extraction and storing code and these libraries (the
    theme model aside): what it derived from unit texts alone, the full-text lemmas, this run would derive."""
    if manifest is None or manifest.get("format") != FORMAT or not isinstance(manifest.get("versions"), dict):
        return False
    if {**manifest["versions"], "classifier": ""} != {**code_versions(), "classifier": ""}:
        return False
    return manifest.get("dataset") == dataset_stats(out_dir)


def check_dataset(items: list[tuple[str, Path, str]], out_dir: Path) -> Verdict:
    """Whether out_dir's dataset is what a run over these input files would write now.

    Looks under the folder's lock (OutputLocked while a run writes there). When only the stats of files
    changed, not their content, the manifest is rewritten with the new stats; the dataset never is.
    """
    if not (out_dir / MANIFEST).exists():
        return Verdict(fresh=False, reason="no manifest")
    lock = OutputLock(out_dir)
    try:
        manifest = read_manifest(out_dir)
        recorded, trusted = recorded_files(manifest)
        if manifest is None or not recorded:
            return Verdict(fresh=False, reason="no readable manifest")
        verdict = _unchanged_besides_corpus(manifest, out_dir)
        if not verdict.fresh:
            return verdict
        scanned_ns = time.time_ns()
        files = scan(items, trusted)
        if any(f.fingerprint is None for f in files):
            return Verdict(fresh=False, reason="an input file cannot be read")
        if [f.identity() for f in files] != [f.identity() for f in recorded]:
            return Verdict(fresh=False, reason="input files were added, removed or edited")
        if any(f.source not in trusted or trusted[f.source].stat() != f.stat() for f in files):
            refreshed = {**manifest, "files": [f.row() for f in files], "scanned_ns": scanned_ns}
            write_manifest(out_dir / MANIFEST, refreshed)
        return verdict
    finally:
        lock.release()


def _unchanged_besides_corpus(manifest: dict[str, Any], out_dir: Path) -> Verdict:
    """The checks that do not read the corpus: the manifest's form, the code, the model, the dataset's files
    and the failures it records."""
    if manifest.get("format") != FORMAT:
        return Verdict(fresh=False, reason="no readable manifest")
    try:
        checked_card()
    except ModelMissingError:
        return Verdict(fresh=False, reason="the theme model is missing or stale")
    if manifest.get("versions") != code_versions():
        return Verdict(fresh=False, reason="the code, the model card or a library changed")
    if manifest.get("dataset") != dataset_stats(out_dir):
        return Verdict(fresh=False, reason="the dataset's files are missing or changed")
    try:
        errors = [ErrorRow(**row) for row in manifest["errors"]]
        counts = {str(k): int(v) for k, v in manifest["counts"].items()}
    except (TypeError, ValueError, KeyError, AttributeError):
        return Verdict(fresh=False, reason="no readable manifest")
    if any(transient(e) for e in errors):
        return Verdict(fresh=False, reason="a failure to try again")
    return Verdict(fresh=True, counts=counts, errors=errors)
