"""How a reference mention relates to the act it names: the cue words around it (data/relations.tsv) in, one
of RELATIONS out. Whether a mention is the document's own act is the resolver's question (`references.acts`).
"""

from __future__ import annotations

import re

from pipeline.data.lexicon import relation_cues

RELATIONS = ("basis", "implements", "amends", "repeals", "approves", "self", "mentions")
WINDOW_BEFORE, WINDOW_AFTER, LIST_BEFORE = 250, 80, 3000
# Where the clause holding a mention begins: a sentence end, a blank line, or a new numbered item. A line
# break alone is no boundary: titles and headings run over several lines.
BOUNDARY = re.compile(r"[;!?]|\.(?=\s+[А-ЯЁA-Z])|\n\s*\n|\n\s*(?:\d+(?:\.\d+)*[.)]|[а-я]\))\s")
ITEM = re.compile(r"(?:^|\n)[ \t]*(?:\d+(?:\.\d+)*[.)]|[а-я]\)|[-–—•])[ \t]*$")  # a list item's marker
QUOTED = re.compile(r"«[^«»]*»|\"[^\"\n]*\"|“[^”]*”")


def clause_start(text: str, start: int) -> int:
    """Where the clause that a mention at `start` stands in begins (at most WINDOW_BEFORE back)."""
    lo = max(0, start - WINDOW_BEFORE)
    ends = [m.end() for m in BOUNDARY.finditer(text, lo, start)]
    return ends[-1] if ends else lo


def _open_quote(text: str, lo: int, start: int) -> int:
    """Start of a quotation still open at `start` (the mention stands in an enclosing title), else `start`."""
    opening = text.rfind("«", lo, start)
    if opening >= 0 and text.find("»", opening, start) < 0:
        return opening
    plain = [i for i in range(lo, start) if text[i] == '"']
    return plain[-1] if len(plain) % 2 else start


def _masked(clause: str) -> str:
    """The clause with closed quotations blanked: words of another act's title are no cue («приказом № 1
    «Об утверждении Порядка …» и приказом № 2»)."""
    for _ in range(3):  # nested quotations, innermost first
        clause = QUOTED.sub(lambda m: " " * len(m.group()), clause)
    return clause


def _lead_in(text: str, start: int) -> str:
    """The clause that introduces the list whose item the mention opens («Признать утратившими силу:\\n1)
    приказ …»), else ''."""
    if not ITEM.search(text, max(0, start - 12), start):
        return ""
    colon = text.rfind(":\n", max(0, start - LIST_BEFORE), start)
    if colon < 0 or re.search(r"\.\s*\n", text[colon:start]):
        return ""
    return text[clause_start(text, colon) : colon + 1]


def relation_cue(text: str, start: int, end: int) -> str:
    """The relation the words around a mention text[start:end] give it; `mentions` when none does.

    >>> relation_cue("В соответствии со статьей 37 Закона", 26, 35)
    'basis'
    >>> relation_cue("1. Внести в постановление № 5 изменения", 12, 29)
    'amends'
    """
    tail = text[end : end + WINDOW_AFTER]
    after = [c.relation for c in relation_cues() if c.where == "after" and c.pattern.match(tail)]
    if after:
        return after[0]
    lo = clause_start(text, start)
    clause = _masked(text[lo : _open_quote(text, lo, start)])  # «^» is the clause's start, «$» the mention's
    lead = _lead_in(text, start)
    clause = f"{lead} {clause}" if lead else clause
    best: tuple[int, int, str] | None = None
    for cue in relation_cues():
        if cue.where != "before":
            continue
        for m in cue.pattern.finditer(clause):
            rank = (m.end(), m.end() - m.start(), cue.relation)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else "mentions"
