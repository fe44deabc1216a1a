"""Document report: one document's rows of dataset.sqlite in, an HTML page (or a notebook fragment) out."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.data.lexicon import rows
from pipeline.store.files import atomic_write

TEMPLATES = paths.PACKAGE_DIR / "analyst" / "templates"
# label → SQL giving start, end, note for one doc_id; the dataset's offsets index documents.text.
MARKS = {
    "addressee": "SELECT start, \"end\", coalesce(normalized, text) || coalesce(' · ' || entity_id, '')"
    " FROM addressees WHERE doc_id = ? AND role = 'addressee'",
    "co_actor": 'SELECT start, "end", coalesce(normalized, text) FROM addressees'
    " WHERE doc_id = ? AND role = 'co_actor'",
    "action": "SELECT start, \"end\", lemma || coalesce(' → ' || object, '') FROM actions WHERE doc_id = ?",
    "reference": "SELECT start, \"end\", ref_type || coalesce(': ' || title, '')"
    " || coalesce(' №' || number, '') || coalesce(' от ' || date, '') FROM legal_refs WHERE doc_id = ?",
    "person": "SELECT start, \"end\", name || coalesce(', ' || role, '') FROM persons WHERE doc_id = ?",
    "date": 'SELECT start, "end", coalesce(normalized, text) FROM entities'
    " WHERE doc_id = ? AND label = 'DATE'",
}
UNIT_COLUMNS = ("item", "modality", "theme", "deadline", "addressees", "actions", "refs")


class ReportError(ValueError):
    """No dataset, or no such document in it."""


@dataclass(frozen=True)
class Label:
    """How a kind of highlight looks: colour, Russian and English names (data/report_labels.tsv)."""

    name: str
    colour: str
    russian: str
    english: str


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of the text: offsets into documents.text, a label, a hover note."""

    start: int
    end: int
    label: str
    note: str


@dataclass(frozen=True)
class Piece:
    """A stretch of text under the same marks, as the template draws it."""

    text: str
    label: str  # the shortest mark's label, which gives the colour; "" outside every mark but units
    classes: str
    colour: str
    note: str  # every mark's label and note, for the hover title
    ends: str  # names of the marks ending here, shown inline after the text
    in_unit: bool
    anchor: str | None  # the id of a unit starting here


@lru_cache(maxsize=1)
def labels() -> dict[str, Label]:
    """Every kind of highlight, units last, in the legend's order."""
    return {r[0]: Label(*r[:4]) for r in rows("report_labels.tsv")}


@lru_cache(maxsize=1)
def environment() -> Any:
    """Jinja2 over the report templates, escaping every value (a document's text is data, never markup)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def load_marks(con: sqlite3.Connection, doc_id: str, length: int) -> list[Mark]:
    """Every highlight of one document, units included (label "unit"), clipped to the text."""
    marks = []
    for label, sql in MARKS.items():
        for start, end, note in con.execute(sql, (doc_id,)):
            if start is not None and end is not None and 0 <= start < end <= length:
                marks.append(Mark(start, end, label, note or ""))
    units = con.execute('SELECT start, "end", rec_id FROM recommendations WHERE doc_id = ?', (doc_id,))
    marks += [Mark(a, b, "unit", rec) for a, b, rec in units if a is not None and b is not None and a < b]
    return marks


def anchor(rec_id: str) -> str:
    """The HTML id of a unit's place in the text.

    >>> anchor("000_494cf898737f7a48:6")
    'u-000_494cf898737f7a48-6'
    """
    return "u-" + rec_id.replace(":", "-")


def piece(text: str, active: list[Mark], ending: list[Mark], unit_start: str | None) -> Piece:
    """A stretch under its marks: the shortest gives the colour, all the note, the ending ones a label."""
    spans = [m for m in active if m.label != "unit"]
    in_unit = len(spans) < len(active)
    anchor_id = anchor(unit_start) if unit_start else None
    if not spans:
        return Piece(text, "", "", "", "", "", in_unit, anchor_id)
    top = min(spans, key=lambda m: m.end - m.start)
    names = labels()
    classes = ["m", top.label] + (["multi"] if len(spans) > 1 else []) + (["unit"] if in_unit else [])
    note = " | ".join(f"{m.label}: {m.note}" for m in spans)
    ends = " · ".join(dict.fromkeys(names[m.label].english for m in ending if m.label != "unit"))
    return Piece(text, top.label, " ".join(classes), names[top.label].colour, note, ends, in_unit, anchor_id)


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """The whole text cut wherever a mark starts or ends."""
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starts = {m.start: m.note for m in marks if m.label == "unit"}
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in marks if m.start <= a and b <= m.end]
        out.append(piece(text[a:b], active, [m for m in active if m.end == b], starts.get(a)))
    return out


def render_text(text: str, marks: list[Mark]) -> str:
    """The text as HTML: marks coloured, each mark's name after its last piece, anchors at units."""
    return environment().get_template("text.html.j2").render(pieces=pieces(text, marks))


def legend(marks: list[Mark]) -> list[dict[str, Any]]:
    """One entry per kind of highlight: colour, Russian and English names, count."""
    return [
        {
            "colour": lab.colour,
            "russian": lab.russian,
            "english": lab.english,
            "count": sum(m.label == name for m in marks),
        }
        for name, lab in labels().items()
    ]


def render_page(doc: sqlite3.Row, marks: list[Mark], units: list[sqlite3.Row], fragment: bool = False) -> str:
    """The report: header with the document's metadata and legend, the marked text, the table of units."""
    meta = [str(doc[k]) for k in ("doc_id", "doc_type", "date", "number", "source") if doc[k]]
    table = [
        {
            "rec_id": u["rec_id"],
            "item": u["item"],
            "anchor": anchor(u["rec_id"]),
            "cells": [u[c] or "" for c in UNIT_COLUMNS[1:]],
        }
        for u in units
    ]
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            doc=doc,
            title=doc["title"] or doc["doc_id"],
            meta=meta,
            legend=legend(marks),
            pieces=pieces(doc["text"], marks),
            columns=UNIT_COLUMNS,
            units=table,
            fragment=fragment,
        )
    )


def build_report(db: Path, doc_id: str, fragment: bool = False) -> tuple[str, dict[str, int]]:
    """The HTML report of one document (a page, or a fragment for a notebook) and each highlight's count."""
    if not db.exists():
        raise ReportError(f"no dataset at {db}; run `make run` first")
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        doc = con.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if doc is None:
            raise ReportError(f'no document {doc_id!r} in {db}; `hpnlp query "SELECT doc_id FROM documents"`')
        marks = load_marks(con, doc_id, len(doc["text"]))
        units = con.execute(
            "SELECT * FROM recommendations_flat WHERE doc_id = ? ORDER BY start", (doc_id,)
        ).fetchall()
    finally:
        con.close()
    counts = {label: sum(m.label == label for m in marks) for label in labels()}
    return render_page(doc, marks, units, fragment), counts


def write_report(db: Path, doc_id: str, out: Path, fragment: bool = False) -> dict[str, int]:
    """Write the report atomically (beside the target, then rename); returns the highlight counts."""
    html, counts = build_report(db, doc_id, fragment)
    atomic_write(out, html)
    return counts
