"""Theme-labelled documents in, training rows out: each labelled item as the pipeline segments it.

Sentences written one by one do not look like units cut out of a document (numbered sub-lists, deadlines,
responsible persons, signature debris). A folder of whole documents with a `labels.csv` (file, item, label)
turns into `labelled.csv` rows whose text is exactly the unit the pipeline extracts for that item.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline import paths
from pipeline.evaluation.match import norm_item
from pipeline.execution.run import iter_corpus, process_chunk
from pipeline.store.files import atomic_write

PREFIX = "documents"
"""Provenance prefix of rows taken from labelled documents: `documents:<file stem>:<item>`."""


@dataclass(frozen=True)
class LabelledRow:
    """One training row of labelled.csv."""

    text: str
    label: str
    provenance: str


def read_item_labels(path: Path) -> dict[tuple[str, str | None], str]:
    """(file stem, item) → label from a labels.csv with columns file, item, label."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        return {(Path(r["file"]).stem, norm_item(r["item"])): r["label"] for r in csv.DictReader(f)}


def labelled_units(folder: Path) -> tuple[list[LabelledRow], list[tuple[str, str | None]]]:
    """Rows for the labelled items the pipeline finds in folder/texts, and the labelled items it misses."""
    labels = read_item_labels(folder / "labels.csv")
    rows, found = [], set()
    for extraction in process_chunk(iter_corpus(folder / "texts")):
        units = getattr(extraction, "recommendations", [])
        for unit in units:
            key = (extraction.document.doc_id, norm_item(unit.item))
            if key in labels:
                found.add(key)
                rows.append(LabelledRow(unit.text, labels[key], f"{PREFIX}:{key[0]}:{key[1]}"))
    return rows, sorted(set(labels) - found, key=str)


def merge_rows(labelled: Path, rows: list[LabelledRow]) -> int:
    """Replace the `documents:` rows of labelled.csv by rows (others kept, in order); return the row count.

    A row whose text is already in the file is skipped; the file is replaced atomically.
    """
    with Path(labelled).open(encoding="utf-8", newline="") as f:
        kept = [r for r in csv.DictReader(f) if not r["provenance"].startswith(f"{PREFIX}:")]
    out = [(r["text"], r["label"], r["provenance"]) for r in kept]
    seen = {text for text, _, _ in out}
    for r in rows:
        if r.text not in seen:
            seen.add(r.text)
            out.append((r.text, r.label, r.provenance))

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["text", "label", "provenance"])
            writer.writerows(out)

    atomic_write(Path(labelled), write)
    return len(out)


def main(folder: Path = paths.THEMES_DIR / "documents", labelled: Path = paths.LABELLED) -> None:
    """Refresh the `documents:` rows of labelled.csv from the labelled documents; report items not found."""
    rows, missing = labelled_units(folder)
    total = merge_rows(labelled, rows)
    for doc_id, item in missing:
        print(f"{doc_id}: item {item} is labelled but no unit was extracted for it", file=sys.stderr)
    print(f"{len(rows)} units from {folder}; {labelled} now has {total} rows; run `make train`")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:]))
