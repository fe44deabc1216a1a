"""The corpus citation graph: a dataset in; its edges out, each pointing from the act that acts to the act it
acts on, for the notebook (networkx) or any other graph tool.

A citing document points at the act it cites (`citations`: basis, implements, approves, mentions). A change
points from the act that made it to the act changed (`amendments`: `by_act_id` → `act_id`): a document's own
act amends or repeals what the document amends or repeals, and an edition note «X (в редакции Y)» in any
document is Y → X, not the document → Y. An act that is itself a corpus document is drawn as that document,
so citing or changing it links two documents; a document that is no act of its own (news) stands for itself.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

EDGES_SQL = """
SELECT c.doc_id AS source, 1 AS source_is_document,
       coalesce(c.cited_doc_id, c.act_id) AS target, c.cited_doc_id IS NOT NULL AS target_is_document,
       c.relation
FROM citations c WHERE c.relation NOT IN ('amends', 'repeals')
UNION
SELECT coalesce(m.by_doc_id, m.by_act_id, m.doc_id), m.by_doc_id IS NOT NULL OR m.by_act_id IS NULL,
       coalesce(m.cited_doc_id, m.act_id), m.cited_doc_id IS NOT NULL,
       m.relation
FROM amendments m
ORDER BY 1, 3, 5
"""


@dataclass(frozen=True, kw_only=True)
class Edge:
    """One edge of the citation graph: a corpus document's id or an act's id at either end."""

    source: str
    target: str
    relation: str
    source_is_document: bool
    target_is_document: bool


def citation_edges(db: Path) -> list[Edge]:
    """The edges of the dataset's citation graph, citations and changes each pointing the right way."""
    con = sqlite3.connect(f"file:{Path(db)}?mode=ro", uri=True)
    try:
        return [
            Edge(
                source=source,
                target=target,
                relation=relation,
                source_is_document=bool(source_doc),
                target_is_document=bool(target_doc),
            )
            for source, source_doc, target, target_doc, relation in con.execute(EDGES_SQL)
        ]
    finally:
        con.close()
