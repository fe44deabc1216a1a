"""SQL functions the project adds to SQLite connections: a Unicode lower()/upper(), and lemmas() for FTS5."""

from __future__ import annotations

import sqlite3

from pipeline.nlp.morph import lemmatize


def match_expression(lemmas: list[str], phrase: bool = False) -> str:
    """An FTS5 query over the `lemmas` column: every lemma (AND), or the lemmas in a row (phrase).

    >>> match_expression(["министерство", "здравоохранение"])
    'lemmas : ("министерство" AND "здравоохранение")'
    >>> match_expression(["план", "действие"], phrase=True)
    'lemmas : ("план действие")'
    """
    quoted = [lemma.replace('"', '""') for lemma in lemmas]
    body = '"' + " ".join(quoted) + '"' if phrase else " AND ".join(f'"{q}"' for q in quoted)
    return f"lemmas : ({body})"


def unicode_lower(value: object) -> object:
    """lower() that folds Cyrillic too (SQLite's own folds ASCII only).

    >>> unicode_lower("Закон"), unicode_lower(7)
    ('закон', 7)
    """
    return value.lower() if isinstance(value, str) else value


def unicode_upper(value: object) -> object:
    """upper() that folds Cyrillic too."""
    return value.upper() if isinstance(value, str) else value


def lemma_query(text: object, phrase: object = 0) -> str | None:
    """The FTS5 query that finds text's words in any inflected form, lemmatised as the index is.

    `WHERE recommendations_fts MATCH lemmas('министерство здравоохранения')` finds «Министерству
    здравоохранения»; a true second argument wants the words side by side. No words give NULL.

    >>> lemma_query("министерства здравоохранения")
    'lemmas : ("министерство" AND "здравоохранение")'
    >>> lemma_query("…") is None
    True
    """
    lemmas = lemmatize(text) if isinstance(text, str) else []
    return match_expression(lemmas, bool(phrase)) if lemmas else None


def register_functions(con: sqlite3.Connection) -> None:
    """Add lower(), upper() and lemmas() to a connection (`hpnlp query`, search, the Datasette plugin)."""
    con.create_function("lower", 1, unicode_lower, deterministic=True)
    con.create_function("upper", 1, unicode_upper, deterministic=True)
    con.create_function("lemmas", 1, lemma_query, deterministic=True)
    con.create_function("lemmas", 2, lemma_query, deterministic=True)
