"""Document report: one document's rows of dataset.sqlite in, an HTML page of its marked-up text out."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pipeline.store.files import atomic_write

# label → (colour, SQL giving start, end, note for one doc_id); the dataset's offsets index documents.text.
MARKS = {
    "addressee": (
        "#ffc48c",
        "SELECT start, \"end\", coalesce(normalized, text) || coalesce(' · ' || entity_id, '')"
        " FROM addressees WHERE doc_id = ? AND role = 'addressee'",
    ),
    "co_actor": (
        "#ffe7a3",
        'SELECT start, "end", coalesce(normalized, text) FROM addressees'
        " WHERE doc_id = ? AND role = 'co_actor'",
    ),
    "action": (
        "#b8e0b0",
        "SELECT start, \"end\", lemma || coalesce(' → ' || object, '') FROM actions WHERE doc_id = ?",
    ),
    "reference": (
        "#b9d3f5",
        "SELECT start, \"end\", ref_type || coalesce(': ' || title, '')"
        " || coalesce(' №' || number, '') || coalesce(' от ' || date, '') FROM legal_refs WHERE doc_id = ?",
    ),
    "person": (
        "#e3c6f2",
        "SELECT start, \"end\", name || coalesce(', ' || role, '') FROM persons WHERE doc_id = ?",
    ),
    "date": (
        "#f7b7c6",
        "SELECT start, \"end\", coalesce(normalized, text) FROM entities WHERE doc_id = ? AND label = 'DATE'",
    ),
}
UNIT_COLUMNS = ("item", "modality", "theme", "deadline", "addressees", "actions", "refs")
CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 1.5rem 2rem; color: #222; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
.grid { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 4fr); gap: 1.5rem; }
article { white-space: pre-wrap; font-family: Georgia, serif; line-height: 1.75; }
aside { position: sticky; top: 0; max-height: 100vh; overflow: auto; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: 3px 5px; vertical-align: top; text-align: left; }
.unit { background: #f4f4f4; }
.m { border-radius: 3px; padding: 1px 0; }
.multi { outline: 1px dashed #555; }
.legend span { margin-right: .6rem; padding: 1px 6px; border-radius: 3px; }
"""


class ReportError(ValueError):
    """No dataset, or no such document in it."""


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of the text: offsets into documents.text, a label, a hover note."""

    start: int
    end: int
    label: str
    note: str


def load_marks(con: sqlite3.Connection, doc_id: str, length: int) -> list[Mark]:
    """Every highlight of one document, units included (label "unit"), clipped to the text."""
    marks = []
    for label, (_, sql) in MARKS.items():
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


def render_segment(piece: str, active: list[Mark]) -> str:
    """A stretch of text under the same marks: the shortest gives the colour, all give the hover note."""
    spans = [m for m in active if m.label != "unit"]
    text = escape(piece)
    if not spans:
        return f'<span class="unit">{text}</span>' if active else text
    top = min(spans, key=lambda m: m.end - m.start)
    note = escape(" | ".join(f"{m.label}: {m.note}" for m in spans), quote=True)
    classes = " ".join(
        ["m", top.label] + (["multi"] if len(spans) > 1 else []) + (["unit"] if active != spans else [])
    )
    return f'<span class="{classes}" style="background:{MARKS[top.label][0]}" title="{note}">{text}</span>'


def render_text(text: str, marks: list[Mark]) -> str:
    """The whole text as HTML, cut wherever a mark starts or ends; unit starts get an anchor."""
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starts = {m.start: m.note for m in marks if m.label == "unit"}
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in starts:
            out.append(f'<a id="{anchor(starts[a])}"></a>')
        out.append(render_segment(text[a:b], [m for m in marks if m.start <= a and b <= m.end]))
    return "".join(out)


def render_units(units: list[sqlite3.Row]) -> str:
    """The document's units as an HTML table; each item links to its place in the text."""
    head = "".join(f"<th>{c}</th>" for c in UNIT_COLUMNS)
    rows = []
    for u in units:
        cells = [f'<a href="#{anchor(u["rec_id"])}">{escape(u["item"] or u["rec_id"])}</a>']
        cells += [escape(str(u[c] or "")) for c in UNIT_COLUMNS[1:]]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table id="units"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render_legend(marks: list[Mark]) -> str:
    """One coloured chip per label with its count."""
    chips = [
        f'<span style="background:{colour}">{label} {sum(m.label == label for m in marks)}</span>'
        for label, (colour, _) in MARKS.items()
    ]
    return f'<p class="legend">{"".join(chips)}</p>'


def render_page(doc: sqlite3.Row, marks: list[Mark], units: list[sqlite3.Row]) -> str:
    """The full HTML page: header with the document's metadata, legend, highlighted text beside the units."""
    meta = " · ".join(
        escape(str(doc[k])) for k in ("doc_id", "doc_type", "date", "number", "source") if doc[k]
    )
    title = escape(doc["title"] or doc["doc_id"])
    return (
        f'<!doctype html>\n<html lang="ru"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{title}</h1><p>{meta}</p>{render_legend(marks)}</header>"
        f'<div class="grid"><article>{render_text(doc["text"], marks)}</article>'
        f"<aside><h2>Units ({len(units)})</h2>{render_units(units)}</aside></div></body></html>\n"
    )


def build_report(db: Path, doc_id: str) -> tuple[str, dict[str, int]]:
    """The HTML report of one document and the count of each kind of highlight."""
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
    counts = {label: sum(m.label == label for m in marks) for label in [*MARKS, "unit"]}
    return render_page(doc, marks, units), counts


def write_report(db: Path, doc_id: str, out: Path) -> dict[str, int]:
    """Write the report atomically (beside the target, then rename); returns the highlight counts."""
    html, counts = build_report(db, doc_id)
    atomic_write(out, html)
    return counts
