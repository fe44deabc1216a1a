"""The corpus's acts: each document's acts (ids local to it, from extraction) in, one `Act` row per distinct
act and the local → corpus-wide id map out.

Acts of different documents are one when they share jurisdiction, kind, date and number, or jurisdiction,
kind and normalised title (numbers or dates that differ keep them apart); an act nobody names (no title,
date or number: «действующее законодательство») stays its document's own, apart from the document's other
unnamed acts. An act's id is a hash of its strongest key (date and number, else title, else number, else
document, local act and label), so it is the same in every run and stays when documents are added, unless a
new document is the first to give an act known only by title its date and number.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from pipeline.records import Act, Extraction
from pipeline.references.identity import act_kind, commonest, label_key, number_key, title_key

STRENGTH = {"dated": 0, "title": 1, "number": 2, "document": 3}  # lower is stronger


@dataclass
class _Local:
    """One document's act with the keys it is known by; `printed` when its title is one the document prints
    (not a label built from a mention: «постановление Правительства … № 90»)."""

    doc_id: str
    act: Act
    keys: list[tuple]
    printed: bool = False


def local_keys(act: Act, doc_id: str, titles: set[str]) -> list[tuple]:
    """The keys an act of one document is known by across documents, strongest first; `titles` are the
    titles printed for it (its own title may be a label built from a mention)."""
    keys: list[tuple] = []
    jur, kind, number = act.jurisdiction, act.ref_type, number_key(act.number)
    if number:
        keys.append(("dated", jur, kind, act.date, number) if act.date else ("number", jur, kind, number))
    named = act.title if act.title in titles else None
    if named or (act_kind(act.ref_type) == "name" and act.title):
        keys.append(("title", jur, kind, title_key(named) if named else label_key(act.title, kind)))
    if not keys:  # its document's own: two unnamed acts of one document («НПА» here and there) stay two
        keys.append(("document", doc_id, kind, label_key(act.title or "", kind), act.act_id))
    return sorted(keys, key=lambda k: STRENGTH[k[0]])


def act_id(key: tuple) -> str:
    """A stable id of an act from its strongest key: «<ref_type>:<10 hex>»."""
    digest = hashlib.sha1(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:10]
    return f"{key[2]}:{digest}"


class ActIndex:
    """Collects every document's acts while the dataset is written; `resolve` merges them."""

    def __init__(self) -> None:
        self.locals: list[_Local] = []

    def add(self, extraction: Extraction) -> None:
        """Take one document's acts and the titles its mentions print for them."""
        titles: dict[str, set[str]] = {}
        for ref in extraction.legal_refs:
            if ref.act_id and ref.title:
                titles.setdefault(ref.act_id, set()).add(ref.title)
        doc = extraction.document
        if doc.act_id and doc.title:
            titles.setdefault(doc.act_id, set()).add(doc.title)
        for act in extraction.acts:
            printed = titles.get(act.act_id, set())
            keys = local_keys(act, doc.doc_id, printed)
            self.locals.append(_Local(doc.doc_id, act, keys, printed=act.title in printed))

    def resolve(self) -> tuple[list[Act], dict[str, str]]:
        """One Act row per distinct act, and each local act id → its corpus-wide id."""
        rows, mapping, used = [], {}, set()
        for group in _merge(self.locals):
            best = min((k for m in group for k in m.keys), key=lambda k: (STRENGTH[k[0]], str(k)))
            gid = _distinct_id(best, group, used)
            used.add(gid)
            rows.append(_corpus_row(gid, group))
            mapping.update({m.act.act_id: gid for m in group})
        return sorted(rows, key=lambda a: a.act_id), mapping


def _distinct_id(best: tuple, group: list[_Local], used: set[str]) -> str:
    """The id of a group's best key; groups sharing that key (kept apart by their dates or numbers: undated
    acts of one title and three numbers) get their dates, then their numbers added, and a counter as the last
    resort, so that no two acts share an id."""
    dates = sorted({m.act.date or "" for m in group})
    numbers = sorted({number_key(m.act.number) or "" for m in group})
    keys = [best, (*best, *dates), (*best, *dates, *numbers)]
    keys += [(*best, *dates, *numbers, n) for n in range(1, len(used) + 2)]
    return next(gid for gid in map(act_id, keys) if gid not in used)


def _merge(locals_: list[_Local]) -> list[list[_Local]]:
    """Groups of local acts sharing a key (union-find, strongest keys first), never joining two acts whose
    numbers or dates differ."""
    order = sorted(locals_, key=lambda m: (STRENGTH[m.keys[0][0]], m.doc_id, m.act.act_id))
    parent = list(range(len(order)))
    seen = [{"number": {number_key(m.act.number)} - {None}, "date": {m.act.date} - {None}} for m in order]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, local in enumerate(order):
        for key in local.keys:
            a, b = root(i), root(owner.setdefault(key, i))
            if a != b and all(len(seen[a][f] | seen[b][f]) <= 1 for f in ("number", "date")):
                parent[a] = b
                seen[b] = {f: seen[a][f] | seen[b][f] for f in ("number", "date")}
    groups: dict[int, list[_Local]] = {}
    for i, local in enumerate(order):
        groups.setdefault(root(i), []).append(local)
    return list(groups.values())


def _corpus_row(gid: str, group: list[_Local]) -> Act:
    """The corpus row of a group: the fullest printed title (a label only when none is printed), the commonest
    fields, mentions and documents added."""
    acts = [m.act for m in group]
    titles = [m.act.title for m in group if m.act.title and m.printed] or [a.title for a in acts if a.title]
    return Act(
        act_id=gid,
        ref_type=commonest([a.ref_type for a in acts]) or acts[0].ref_type,
        title=max(titles, key=len) if titles else None,
        date=commonest([a.date for a in acts]),
        number=commonest([a.number for a in acts]),
        issuer=commonest([a.issuer for a in acts]),
        jurisdiction=commonest([a.jurisdiction for a in acts]),
        n_mentions=sum(a.n_mentions for a in acts),
        n_documents=len({m.doc_id for m in group if m.act.n_mentions}),
    )
