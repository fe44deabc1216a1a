"""The word lists of pipeline/data, loaded once."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline import paths


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a resource file, comments and blank lines skipped."""
    text = (paths.RESOURCES / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[str, str]]:
    """Trigger lemma → (modality, kind)."""
    return {r[0]: (r[1], r[2]) for r in rows("triggers.tsv")}


@lru_cache(maxsize=1)
def coactor_markers() -> dict[tuple[str, ...], str]:
    """Co-actor marker words → the case of the co-actor."""
    return {tuple(r[0].split()): r[1] for r in rows("coactor_markers.tsv")}


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Lemmas of nouns that head a person's role («министр», «заместитель»)."""
    return frozenset(r[0] for r in rows("role_heads.txt"))


@lru_cache(maxsize=1)
def infinitive_nouns() -> frozenset[str]:
    """Nouns whose infinitive complement is no action («возможность обратиться»)."""
    return frozenset(r[0] for r in rows("infinitive_nouns.txt"))


@lru_cache(maxsize=1)
def attributive_nouns() -> frozenset[str]:
    """Nouns after «в»/«на» that keep a phrase inside an addressee («в сфере охраны здоровья»)."""
    return frozenset(r[0] for r in rows("attributive_nouns.txt"))


@lru_cache(maxsize=1)
def adjective_endings() -> tuple[str, ...]:
    """Endings of full adjectives and participles (pipeline/data/adjective_endings.txt)."""
    return tuple(r[0] for r in rows("adjective_endings.txt"))


@lru_cache(maxsize=1)
def charge_objects() -> frozenset[str]:
    """Lemmas of what «возложить на X …» lays on X («ответственность», «функции»): they end X."""
    return frozenset(r[0] for r in rows("charge_objects.txt"))


@lru_cache(maxsize=1)
def not_references() -> tuple[tuple[str, re.Pattern], ...]:
    """(where, pattern) of mentions that cite nothing (pipeline/data/not_references.tsv)."""
    return tuple((r[0], re.compile(r[1], re.IGNORECASE)) for r in rows("not_references.tsv"))
