"""How a reference mention relates to the act it names: the cue words around it (data/relations.tsv) in, one
of RELATIONS out. Whether a mention is the document's own act is the resolver's question (`references.acts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.data.lexicon import relation_cues

RELATIONS = ("basis", "implements", "amends", "repeals", "approves", "self", "mentions")
WINDOW_BEFORE, WINDOW_AFTER, LIST_BEFORE = 250, 80, 3000
# Where the clause holding a mention begins: a sentence end, a blank line, or a new numbered item. A line
# break alone is no boundary: titles and headings run over several lines.
BOUNDARY = re.compile(r"[;!?]|\.(?=\s+[А-ЯЁA-Z])|\n\s*\n|\n\s*(?:\d+(?:\.\d+)*[.)]|[а-я]\))\s")
ITEM = re.compile(r"(?:^|\n)[ \t]*(?:\d+(?:\.\d+)*[.)]|[а-я]\)|[-–—•])[ \t]*$")  # a list item's marker
PLACE = re.compile(r"(?:^|\n)[ \t]*во?\s[^\n;:«»\"]*$", re.IGNORECASE)  # a line opening «в пункте …»
QUOTED = re.compile(r"«[^«»]*»|\"[^\"\n]*\"|“[^”]*”")


def clause_start(text: str, start: int) -> int:
    """Where the clause that a mention at `start` stands in begins (at most WINDOW_BEFORE back)."""
    lo = max(0, start - WINDOW_BEFORE)
    ends = [m.end() for m in BOUNDARY.finditer(text, lo, start)]
    return ends[-1] if ends else lo


def _open_quote(text: str, lo: int, start: int, own_title: str | None = None) -> int:
    """Start of a quotation still open at `start` (the mention stands in an enclosing title), else `start`;
    the document's own quoted title is no enclosing title: its words are the document's («РЕШЕНИЕ "О
    РЕАЛИЗАЦИИ СОГЛАШЕНИЯ …"»)."""
    opening = text.rfind("«", lo, start)
    if opening < 0 or text.find("»", opening, start) >= 0:
        plain = [i for i in range(lo, start) if text[i] == '"']
        opening = plain[-1] if len(plain) % 2 else -1
    before = _bare_lower(text[opening + 1 : start]) if opening >= 0 else ""
    if opening < 0 or (own_title and before and _bare_lower(own_title).startswith(before)):
        return start
    return opening


def _bare_lower(text: str) -> str:
    """Lower case, single spaces, without quotes."""
    return " ".join(re.sub(r"[«»\"“”]", " ", text).lower().split())


def _masked(clause: str) -> str:
    """The clause with closed quotations blanked: words of another act's title are no cue («приказом № 1
    «Об утверждении Порядка …» и приказом № 2»)."""
    for _ in range(3):  # nested quotations, innermost first
        clause = QUOTED.sub(lambda m: " " * len(m.group()), clause)
    return clause


def _lead_in(text: str, start: int) -> str:
    """The clause that introduces the list whose item the mention opens («Признать утратившими силу:\n1)
    приказ …») or whose line says where a change goes («Внести … следующие изменения:\n…;\nв приложении 1
    к Программе …»), else ''."""
    if not (ITEM.search(text, max(0, start - 12), start) or PLACE.search(text, max(0, start - 90), start)):
        return ""
    colon = text.rfind(":\n", max(0, start - LIST_BEFORE), start)
    if colon < 0 or re.search(r"\.\s*\n", text[colon:start]):
        return ""
    return text[clause_start(text, colon) : colon + 1]


def _blanked(text: str, lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> str:
    """text[lo:hi] with the given spans (earlier mentions) blanked: a quotation opened in another mention's
    title is that mention's, open or closed («программу "Здоровье (далее – …), утвержденную …»)."""
    out = text[lo:hi]
    for a, b in spans:
        a, b = max(a, lo) - lo, min(b, hi) - lo
        if a < b:
            out = out[:a] + " " * (b - a) + out[b:]
    return out


def relation_cue(
    text: str, start: int, end: int, earlier: Sequence[tuple[int, int]] = (), own_title: str | None = None
) -> str:
    """The relation the words around a mention text[start:end] give it; `mentions` when none does.
    `earlier` are the spans of the mentions before it, `own_title` the document's title.

    >>> relation_cue("В соответствии со статьей 37 Закона", 26, 35)
    'basis'
    >>> relation_cue("1. Внести в постановление № 5 изменения", 12, 29)
    'amends'
    """
    tail = text[end : end + WINDOW_AFTER]
    first = [c.relation for c in relation_cues() if c.where == "opens" and c.pattern.match(text[start:end])]
    after = [c.relation for c in relation_cues() if c.where == "after" and c.pattern.match(tail)]
    if first or after:
        return (first + after)[0]
    lo = clause_start(text, start)
    window = _blanked(text, lo, start, earlier)
    clause = _masked(window[: _open_quote(window, 0, len(window), own_title)])  # «^»: the clause's start
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


PARAGRAPH = re.compile(r"\n[ \t]*\n")
NUMBERED = re.compile(r"\n[ \t]*\d+(?:\.\d+)*[.)]\s")  # a numbered item: what a document decides
# A sentence's end after a mention: a full stop (not «г.», «ст.»), or the colon of a decision («… решил:»).
SENTENCE_END = re.compile(r"(?<![\s.][А-Яа-яЁё])(?<![\s.][А-Яа-яЁё]{2})\.(?=\s|$)|:")


def reported(text: str, start: int, end: int) -> bool:
    """Whether a mention stands in what the document reports, not in what it decides: after a report opener
    in its paragraph («СЛУШАЛИ:», «Съезд … отмечает следующее.», «сообщила, что»), with no numbered item
    between, in a sentence that ends with a full stop (data/relations.tsv, «report» rows).

    >>> text = "Съезд отмечает следующее.\\nВ соответствии с приказом № 5 создана система.\\n\\nРЕШИЛ:"
    >>> reported(text, text.index("приказом"), text.index(" создана"))
    True
    >>> text = "Совет отмечает рост.\\nВ соответствии с Законом № 5 рекомендует:\\n1. Обеспечить прием."
    >>> reported(text, text.index("Законом"), text.index(" рекомендует"))
    False
    """
    lo = max(0, start - LIST_BEFORE)
    paragraph = max((m.end() for m in PARAGRAPH.finditer(text, lo, start)), default=lo)
    openers = [
        m.end()
        for cue in relation_cues()
        if cue.where == "report"
        for m in cue.pattern.finditer(text, paragraph, start)
    ]
    if not openers or NUMBERED.search(text, max(openers), start):
        return False
    stop = SENTENCE_END.search(text, end)
    return stop is not None and stop.group() == "."


STAMP_BEFORE, STAMP_LINES = 300, 6  # how far an annex's heading stands below its approval stamp


def under_stamp(text: str, start: int, number: str | None) -> int | None:
    """Where the approval stamp stands whose annex a mention opens the heading of, else None: the stamp names
    the document's `number` and stands a few lines up, and the mention's line has no sentence before it
    («Утверждены постановлением … № 98\\n\\nСанитарные нормы и правила …»).

    >>> text = "Утверждена\\nпостановлением от 2 мая 2024 года № 98\\nПаспорт\\nПрограммы развития"
    >>> under_stamp(text, text.index("Программы"), "98")
    0
    """
    if not number:
        return None
    lo = max(0, start - STAMP_BEFORE)
    stamps = [m for c in relation_cues() if c.where == "stamp" for m in c.pattern.finditer(text, lo, start)]
    if not stamps:
        return None
    stamp = max(stamps, key=lambda m: m.start())
    between, line = text[stamp.end() : start], text[text.rfind("\n", 0, start) + 1 : start]
    if number not in between or between.count("\n") > STAMP_LINES or re.search(r"[.;:,]", line):
        return None
    return stamp.start()
