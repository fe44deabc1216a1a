"""One act of the dataset: an act id (or its unique start) in; the act, its mentions and the documents that
cite it (or are it) out, as rich tables for `hpnlp acts`."""

from __future__ import annotations

import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MENTIONS_SQL = """
SELECT l.doc_id, l.ref_id, l.relation, l.article, l.text
FROM legal_refs l WHERE l.act_id = ? ORDER BY l.doc_id, l.start
"""
CITING_SQL = """
SELECT c.doc_id, d.title, d.date, c.relation, c.mentions
FROM citations c JOIN documents d ON d.doc_id = c.doc_id
WHERE c.act_id = ? ORDER BY d.date, c.doc_id
"""


class ActError(ValueError):
    """An act that cannot be shown: no dataset, no act of that id, or an id start shared by several."""


@dataclass(frozen=True)
class ActView:
    """An act with its mentions, the documents citing it and the corpus documents that are it."""

    act: dict[str, Any]
    mentions: list[dict[str, Any]]
    citing: list[dict[str, Any]]
    documents: list[str]


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
        return ActView(
            act=act,
            mentions=_fetch(con, MENTIONS_SQL, act["act_id"]),
            citing=_fetch(con, CITING_SQL, act["act_id"]),
            documents=[
                r["doc_id"]
                for r in con.execute("SELECT doc_id FROM documents WHERE act_id = ?", [act["act_id"]])
            ],
        )
    finally:
        con.close()


def act_tables(view: ActView) -> list:
    """The act's fields, the documents citing it, and its mentions, as rich tables."""
    from rich.table import Table

    act = view.act
    head = Table(title=f"{act['act_id']}: {act['title'] or '—'}", show_header=False)
    for name in ("ref_type", "date", "number", "issuer", "jurisdiction", "n_mentions", "n_documents"):
        head.add_row(name, str(act[name]) if act[name] is not None else "—")
    head.add_row("corpus document", ", ".join(view.documents) or "—")
    citing = Table(title=f"cited by {len({c['doc_id'] for c in view.citing})} documents", header_style="bold")
    for column in ("document", "date", "relation", "mentions"):
        citing.add_column(column, overflow="fold")
    for c in view.citing:
        title = textwrap.shorten(c["title"] or "", 60, placeholder="…")
        citing.add_row(f"{c['doc_id']}\n{title}", c["date"] or "", c["relation"], str(c["mentions"]))
    mentions = Table(title=f"{len(view.mentions)} mentions", header_style="bold", show_lines=True)
    for column in ("document", "relation", "article", "text"):
        mentions.add_column(column, overflow="fold")
    for m in view.mentions:
        text = textwrap.shorten(" ".join(m["text"].split()), 160, placeholder="…")
        mentions.add_row(m["doc_id"], m["relation"] or "", m["article"] or "", text)
    return [head, citing, mentions]
