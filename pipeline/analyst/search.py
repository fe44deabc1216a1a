"""Full-text search across inflection: a Russian query in, units whose lemmas match it, highlighted, out."""

from __future__ import annotations

import sqlite3
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.analyst.formats import Result
from pipeline.analyst.sql_functions import lemma_query, register_functions
from pipeline.ingest.names import escape
from pipeline.nlp.morph import lemma, lemmatize

# lemmas(?) is the SQL function of sql_functions: the query is lemmatised as the index's lemmas column was.
SEARCH_SQL = """
SELECT f.rec_id, f.doc_id, d.title, r.item, f.text, bm25(recommendations_fts) AS score
FROM recommendations_fts AS f
JOIN recommendations AS r ON r.rec_id = f.rec_id
JOIN documents AS d ON d.doc_id = f.doc_id
WHERE recommendations_fts MATCH lemmas(:q, :phrase)
ORDER BY score, r.seq
LIMIT :limit
"""
COUNT_SQL = "SELECT count(*) FROM recommendations_fts WHERE recommendations_fts MATCH lemmas(:q, :phrase)"


class SearchError(ValueError):
    """A search that cannot run: no dataset, no words in the query."""


@dataclass(frozen=True)
class Hit:
    """One matching unit with the character spans of its matched word forms."""

    rec_id: str
    doc_id: str
    doc_title: str | None
    item: str | None
    text: str
    score: float
    marks: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Found:
    """The hits shown and how many units match in all."""

    hits: list[Hit]
    total: int


def fold_lemma(lemma: str) -> str:
    """A lemma compared without case or the diaeresis of «ё» (the FTS index folds both)."""
    return lemma.lower().replace("ё", "е")


def word_marks(text: str, lemmas: set[str]) -> tuple[tuple[int, int], ...]:
    """Spans of the word forms in text whose lemma is one of lemmas (folded).

    >>> word_marks("Рекомендовать Министерству здравоохранения", {"министерство"})
    ((14, 26),)
    """
    from razdel import tokenize

    wanted = {fold_lemma(x) for x in lemmas}
    return tuple((t.start, t.stop) for t in tokenize(text) if fold_lemma(lemma(t.text)) in wanted)


def find(db: Path, query: str, limit: int = 20, phrase: bool = False) -> Found:
    """Units whose lemmas contain every lemma of the query, best bm25 first, and the count of all of them."""
    if not db.exists():
        raise SearchError(f"no dataset at {db}; run `make run` first")
    if lemma_query(query) is None:
        raise SearchError(f"no words to search for in {query!r}")
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    register_functions(con)
    params = {"q": query, "phrase": int(phrase), "limit": limit}
    try:
        rows = con.execute(SEARCH_SQL, params).fetchall()
        total = con.execute(COUNT_SQL, params).fetchone()[0]
    except sqlite3.Error as exc:
        raise SearchError(f"SQLite: {exc}") from exc
    finally:
        con.close()
    lemmas = set(lemmatize(query))
    return Found([Hit(*row, marks=word_marks(row[4], lemmas)) for row in rows], total)


def search(db: Path, query: str, limit: int = 20, phrase: bool = False) -> list[Hit]:
    """The best `limit` units whose lemmas contain every lemma of the query."""
    return find(db, query, limit, phrase).hits


def snippet(text: str, marks: tuple[tuple[int, int], ...], width: int = 200) -> tuple[str, list[tuple]]:
    """About width characters of text around the most marks, cut at spaces, the marks shifted into it.

    >>> snippet("alpha beta gamma delta epsilon", ((11, 16),), width=16)
    ('…beta gamma delta…', [(6, 11)])
    >>> snippet("alpha beta gamma delta epsilon", ((11, 16),), width=12)
    ('…gamma…', [(1, 6)])
    """

    def covered(a: int) -> int:
        return sum(a - width // 3 <= x and y <= a - width // 3 + width for x, y in marks)

    first = max((a for a, _ in marks), key=covered) if marks else 0
    lo = max(0, min(first - width // 3, len(text) - width))
    hi = min(len(text), lo + width)
    if lo > 0 and not text[lo - 1].isspace() and " " in text[lo:first]:  # do not start mid-word
        lo = text.index(" ", lo, first) + 1
    if hi < len(text) and not text[hi].isspace() and " " in text[first:hi]:
        hi = text.rindex(" ", first, hi)
    prefix, suffix = "…" if lo > 0 else "", "…" if hi < len(text) else ""
    shifted = [(a - lo + len(prefix), b - lo + len(prefix)) for a, b in marks if a >= lo and b <= hi]
    return prefix + text[lo:hi] + suffix, shifted


def highlighted(hit: Hit, width: int = 200, style: str = "bold black on yellow") -> Any:
    """The hit's snippet as rich Text with the matched word forms styled."""
    from rich.text import Text

    fragment, marks = snippet(hit.text.replace("\n", " "), hit.marks, width)
    out = Text(escape(fragment))  # cleaned text holds no control characters; old data would only shift marks
    for a, b in marks:
        out.stylize(style, a, b)
    return out


def headline(found: Found, query: str) -> str:
    """«query»: how many units match, and how many are shown when not all.

    >>> headline(Found([], 17), "план"), headline(Found([], 0), "план")
    ('«план»: 17 units, the first 0 shown', '«план»: 0 units')
    """
    shown = len(found.hits)
    more = f", the first {shown} shown" if shown < found.total else ""
    return f"«{query}»: {found.total} unit{'' if found.total == 1 else 's'}{more}"


def hits_table(found: Found, query: str, width: int = 200) -> Any:
    """The hits as a rich Table: document, item, highlighted snippet; the title counts every match. Data
    goes in as escaped Text, so it never reads as rich markup («[/i]», «[link=…]») or a terminal code."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(escape(headline(found, query))), header_style="bold", show_lines=True)
    table.add_column("document", overflow="fold", max_width=30)
    table.add_column("item")
    table.add_column("snippet", overflow="fold")
    for hit in found.hits:
        title = textwrap.shorten(hit.doc_title or "", 60, placeholder="…")
        document = Text(f"{escape(hit.doc_id)}\n{escape(title)}")
        table.add_row(document, Text(escape(hit.item or "")), highlighted(hit, width))
    return table


def matched(hit: Hit) -> str:
    """The word forms that matched, as written, semicolon-separated."""
    return "; ".join(hit.text[a:b] for a, b in hit.marks)


def hits_result(found: Found) -> Result:
    """The hits as rows for CSV and JSON: ids, title, item, bm25 score, the matched word forms, the text."""
    columns = ["rec_id", "doc_id", "doc_title", "item", "score", "matched", "text"]
    rows = [
        (h.rec_id, h.doc_id, h.doc_title, h.item, round(h.score, 4), matched(h), h.text) for h in found.hits
    ]
    return Result(columns, rows)
