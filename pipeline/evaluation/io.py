"""Evaluation I/O: reads gold JSONL and the dataset SQLite, writes and prints the report."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.data.lexicon import act_types, doc_types
from pipeline.evaluation.match import norm_item
from pipeline.store.files import atomic_write

KINDS = {
    "document": "document",
    "unit": "units",
    "reference": "references",
    "person": "persons",
    "quote": "quotes",
}
DOC_TYPES = doc_types()
MODALITIES = frozenset(
    "recommendation instruction decision obligation request proposal appeal permission statement".split()
)
THEMES = frozenset(
    "governance workforce service_delivery financing information medical_products"
    " infrastructure public_health communication".split()
)
# Reference types are the act kinds plus those only annotators use (corpus/gold/README.md).
REF_TYPES = frozenset(a.ref_type for a in act_types()) | {"resolution", "report", "other"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRED_TABLES = ("documents", "recommendations", "addressees", "actions", "legal_refs", "persons", "quotes")


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold annotations by doc_id (the file stem): the document line, then lists by kind."""
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        doc: dict[str, Any] = {"document": {}, "units": [], "references": [], "persons": [], "quotes": []}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            key = KINDS.get(row.get("kind"))
            if key is None:
                raise ValueError(f"{path.name}:{n}: unknown kind {row.get('kind')!r}")
            if key == "document":
                doc["document"] = row
            else:
                doc[key].append(row)
        gold[path.stem] = doc
    return gold


def _check_unit(unit: dict[str, Any]) -> list[str]:
    """Format problems of one gold unit."""
    problems = []
    if unit.get("modality") not in MODALITIES:
        problems.append(f"modality {unit.get('modality')!r}")
    if unit.get("theme") not in THEMES:
        problems.append(f"theme {unit.get('theme')!r}")
    if not unit.get("text_start"):
        problems.append("empty text_start")
    for key in ("addressees", "co_actors"):
        problems += [
            f"{key} entry {a}" for a in unit.get(key, []) if not (a.get("text") and a.get("normalized"))
        ]
    problems += [f"action {a}" for a in unit.get("actions", []) if not (a.get("verb") and a.get("lemma"))]
    return problems


def validate_gold(gold: dict[str, dict[str, Any]]) -> list[str]:
    """Every format problem of a gold set, as 'doc_id: message' lines (empty when all is well)."""
    problems = []
    for doc_id, doc in gold.items():
        meta = doc["document"]
        found = [] if meta.get("doc_type") in DOC_TYPES else [f"doc_type {meta.get('doc_type')!r}"]
        dates = [meta.get("date")] + [r.get("date") for r in doc["references"]]
        found += [f"date {d!r} is not ISO" for d in dates if d is not None and not ISO_DATE.match(d)]
        for unit in doc["units"]:
            found += [f"unit {unit.get('item')}: {p}" for p in _check_unit(unit)]
        found += [
            f"ref_type {r.get('ref_type')!r}" for r in doc["references"] if r.get("ref_type") not in REF_TYPES
        ]
        found += ["reference without text" for r in doc["references"] if not r.get("text")]
        found += ["person without name" for p in doc["persons"] if not p.get("name")]
        found += ["quote without text_start" for q in doc["quotes"] if not q.get("text_start")]
        problems += [f"{doc_id}: {p}" for p in found]
    return problems


def _rows(con: sqlite3.Connection, table: str, doc_ids: list[str]) -> list[dict[str, Any]]:
    """Rows of one table for the given documents ([] when the table does not exist yet)."""
    marks = ",".join("?" * len(doc_ids))
    try:
        cur = con.execute(f'SELECT * FROM "{table}" WHERE doc_id IN ({marks})', doc_ids)
    except sqlite3.OperationalError:
        return []
    return [dict(r) for r in cur]


def load_predictions(db_path: Path, doc_ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The dataset's rows for the given documents, table by table, grouped by doc_id."""
    out: dict[str, dict[str, list]] = {d: {t: [] for t in PRED_TABLES} for d in doc_ids}
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no dataset at {db_path}: run the pipeline first")
    con = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        for table in PRED_TABLES:
            for row in _rows(con, table, doc_ids):
                out[row["doc_id"]][table].append(row)
    finally:
        con.close()
    return out


def children_by_rec(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by their rec_id."""
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.get("rec_id")].append(row)
    return grouped


def write_metrics(metrics: dict[str, Any], path: Path) -> None:
    """Write the metrics as JSON, atomically."""
    atomic_write(path, json.dumps(metrics, ensure_ascii=False, indent=2))


def _fmt(value: float | None) -> str:
    """A ratio for the table."""
    return "   —" if value is None else f"{value:.3f}"


def format_report(metrics: dict[str, Any]) -> str:
    """A readable table: P/R/F1 per field, accuracies, theme, then the errors count per field."""
    lines = [f"{'field':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for field, m in metrics["overall"].items():
        lines.append(
            f"{field:<22} {_fmt(m['precision'])} {_fmt(m['recall'])} {_fmt(m['f1'])}"
            f" {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}"
        )
    lines += ["", f"{'accuracy (matched)':<22} {'acc':>6} {'n':>5}"]
    for field, m in {**metrics["accuracy"], "theme": metrics["theme"]}.items():
        lines.append(f"{field:<22} {_fmt(m['accuracy'])} {m['n']:>5}")
    lines += ["", f"{'document':<54} {'units F1':>8} {'refs F1':>8} {'act merge':>9} {'relation':>8}"]
    for doc_id, doc in metrics["documents"].items():
        acc = doc["accuracy"]
        lines.append(
            f"{doc_id:<54} {_fmt(doc['overall']['units']['f1']):>8} {_fmt(doc['overall']['refs']['f1']):>8}"
            f" {_fmt(acc['act_merge']['accuracy']):>9} {_fmt(acc['relation']['accuracy']):>8}"
        )
    counts: dict[str, int] = defaultdict(int)
    for err in metrics["errors"]:
        counts[err["field"]] += 1
    lines += ["", "errors: " + (", ".join(f"{f} {n}" for f, n in sorted(counts.items())) or "none")]
    return "\n".join(lines)


def trained_items(card_path: Path = paths.THEME_CARD) -> dict[str, frozenset[str]]:
    """Items per document that the saved theme model learned from (`corpus_items` of its card).

    A card entry is `<doc_id>:<item>` or `<set>:<doc_id>:<item>`; no card means none.
    """
    try:
        entries = json.loads(Path(card_path).read_text(encoding="utf-8")).get("corpus_items", [])
    except (OSError, ValueError):
        return {}
    items: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        doc_id, _, item = entry.rpartition(":")
        items[doc_id.rpartition(":")[2]].add(norm_item(None if item == "None" else item))
    return {doc_id: frozenset(found) for doc_id, found in items.items()}
