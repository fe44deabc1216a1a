"""One act of the dataset: an act id (or its unique start) in; the act, its mentions (with their relation and
the act an edition note names), the documents that cite it (or are it) and the amendments either way (the acts
it changed or repealed, the acts that changed or repealed it) out, as rich tables for `hpnlp acts`."""

from __future__ import annotations

import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MENTIONS_SQL = """
SELECT l.doc_id, l.ref_id, l.relation, l.edition_of, e.title AS edition_title, l.article, l.text
FROM legal_refs l LEFT JOIN acts e ON e.act_id = l.edition_of
WHERE l.act_id = ? ORDER BY l.doc_id, l.start
"""
# The acts this act changed or repealed (it is by_act_id), and those that changed or repealed it (act_id);
# doc_id is the document that says so.
CHANGED_SQL = """
SELECT m.relation, m.act_id AS other_id, m.act_title AS other_title, m.cited_doc_id AS other_doc_id,
       m.doc_id, m.mentions
FROM amendments m WHERE m.by_act_id = ? ORDER BY m.relation, m.act_id, m.doc_id
"""
CHANGED_BY_SQL = """
SELECT m.relation, m.by_act_id AS other_id, b.title AS other_title, m.by_doc_id AS other_doc_id,
       m.doc_id, m.mentions
FROM amendments m LEFT JOIN acts b ON b.act_id = m.by_act_id
WHERE m.act_id = ? ORDER BY m.relation, m.by_act_id, m.doc_id
"""
# The `citations` view's rows of the act, with the mentions in edition notes apart: «X (в редакции Y)» in a
# document amends nothing there, it says that Y changed X.
CITING_SQL = """
SELECT l.doc_id, d.title, d.date, l.relation, l.edition_of IS NOT NULL AS note, count(*) AS mentions
FROM legal_refs l JOIN documents d ON d.doc_id = l.doc_id
WHERE l.act_id = ? AND l.relation <> 'self'
GROUP BY l.doc_id, d.title, d.date, l.relation, note ORDER BY d.date, l.doc_id, l.relation, note
"""


class ActError(ValueError):
    """An act that cannot be shown: no dataset, no act of that id, or an id start shared by several."""


@dataclass(frozen=True, kw_only=True)
class ActView:
    """An act with its mentions, the documents citing it, the corpus documents that are it, the acts it
    changed or repealed (`changed`) and the acts that changed or repealed it (`changed_by`)."""

    act: dict[str, Any]
    mentions: list[dict[str, Any]]
    citing: list[dict[str, Any]]
    documents: list[str]
    changed: list[dict[str, Any]]
    changed_by: list[dict[str, Any]]


def _fetch(con: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in con.execute(sql, args)]


def act_view(db: Path, act_id: str) -> ActView:
    """The act whose id is (or uniquely starts with) act_id, with its mentions and citing documents."""
    if not Path(db).exists():
        raise ActError(f"no dataset at {db}: run the pipeline first (`make run`)")
    con = sqlite3.connect(f"file:{Path(db)}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        found = _fetch(
            con, "SELECT * FROM acts WHERE act_id = ? OR act_id LIKE ? || '%' LIMIT 3", act_id, act_id
        )
        exact = [a for a in found if a["act_id"] == act_id]
        if not found or (len(found) > 1 and not exact):
            what = "no act" if not found else "several acts"
            raise ActError(f"{what} with id {act_id!r}: see `hpnlp query most_cited_acts`")
        act = (exact or found)[0]
        key = act["act_id"]
        return ActView(
            act=act,
            mentions=_fetch(con, MENTIONS_SQL, key),
            citing=_fetch(con, CITING_SQL, key),
            documents=[
                r["doc_id"] for r in con.execute("SELECT doc_id FROM documents WHERE act_id = ?", [key])
            ],
            changed=_fetch(con, CHANGED_SQL, key),
            changed_by=_fetch(con, CHANGED_BY_SQL, key),
        )
    finally:
        con.close()


def act_tables(view: ActView) -> list:
    """The act's fields, the documents citing it, the amendments either way, and its mentions, as rich
    tables."""
    return [
        _head_table(view),
        _citing_table(view.citing),
        _amendments_table(view.changed, "changed or repealed", "act changed"),
        _amendments_table(view.changed_by, "changed or repealed by", "act that changed it"),
        _mentions_table(view.mentions),
    ]


def _head_table(view: ActView):
    """The act's own fields and the corpus documents that are it."""
    from rich.table import Table

    act = view.act
    head = Table(title=f"{act['act_id']}: {act['title'] or '—'}", show_header=False)
    for name in ("ref_type", "date", "number", "issuer", "jurisdiction", "n_mentions", "n_documents"):
        head.add_row(name, str(act[name]) if act[name] is not None else "—")
    head.add_row("corpus document", ", ".join(view.documents) or "—")
    return head


def _citing_table(citing: list[dict[str, Any]]):
    """One row per citing document and relation."""
    from rich.table import Table

    documents = _count(len({c["doc_id"] for c in citing}), "document")
    table = Table(title=f"cited by {documents}", header_style="bold")
    for column in ("document", "date", "relation", "mentions"):
        table.add_column(column, overflow="fold")
    for c in citing:
        title = textwrap.shorten(c["title"] or "", 60, placeholder="…")
        relation = f"{c['relation']} (edition note)" if c["note"] else c["relation"]
        table.add_row(f"{c['doc_id']}\n{title}", c["date"] or "", relation, str(c["mentions"]))
    return table


def _act_cell(act_id: str | None, title: str | None, doc_id: str | None = None) -> str:
    """An act as a cell: its id, its title shortened, and the corpus document that is it."""
    if act_id is None:
        return "—"
    lines = [
        act_id,
        textwrap.shorten(title or "", 70, placeholder="…"),
        f"document {doc_id}" if doc_id else "",
    ]
    return "\n".join(line for line in lines if line)


def _count(n: int, noun: str) -> str:
    """«1 act», «3 acts»."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _amendments_table(rows: list[dict[str, Any]], how: str, other: str):
    """Amendments one way: the other act, the relation, and the document that says so (a line when none)."""
    from rich.table import Table
    from rich.text import Text

    if not rows:
        return Text(f"{how} no act", style="italic")
    title = f"{how} {_count(len({r['other_id'] for r in rows}), 'act')}"
    table = Table(title=title, header_style="bold", show_lines=True)
    for column in (other, "relation", "stated in", "mentions"):
        table.add_column(column, overflow="fold")
    for r in rows:
        cell = _act_cell(r["other_id"], r["other_title"], r["other_doc_id"])
        table.add_row(cell, r["relation"], r["doc_id"], str(r["mentions"]))
    return table


def _mentions_table(mentions: list[dict[str, Any]]):
    """Each mention with its relation and, for an edition note, the act it says was changed."""
    from rich.table import Table

    table = Table(title=_count(len(mentions), "mention"), header_style="bold", show_lines=True)
    for column in ("document", "relation", "edition of", "article", "text"):
        table.add_column(column, overflow="fold")
    for m in mentions:
        text = textwrap.shorten(" ".join(m["text"].split()), 160, placeholder="…")
        edition = _act_cell(m["edition_of"], m["edition_title"])
        table.add_row(m["doc_id"], m["relation"] or "", edition, m["article"] or "", text)
    return table
