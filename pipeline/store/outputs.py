"""A dataset folder's files: their names, what they look like on disk, and the manifest the writer leaves
beside them (`manifest.json`: what the dataset was made from, read back by the next run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.store.files import atomic_write

DATASET = "dataset.sqlite"
EXPORT_FOLDERS = ("parquet", "csv")  # written beside dataset.sqlite, in this order
MANIFEST = "manifest.json"


def dataset_stats(folder: Path) -> dict[str, list[int]]:
    """Size and modification time (ns) of dataset.sqlite and of every file in the export folders, by path
    relative to the folder; what is missing is absent. Comparing two of these tells a dataset left as it was
    written from one touched, rewritten or cut short (a copy that keeps the times is left as it was)."""
    found = [folder / DATASET]
    for name in EXPORT_FOLDERS:
        found += sorted(p for p in (folder / name).rglob("*") if not p.is_dir())
    stats = {}
    for path in found:
        try:
            st = path.stat()
        except OSError:
            continue
        stats[path.relative_to(folder).as_posix()] = [st.st_size, st.st_mtime_ns]
    return stats


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of the dataset in a folder, or None when there is none or it is not a JSON object."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write a manifest atomically (compact: one entry per corpus file)."""
    atomic_write(path, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
