"""The one loader of pipeline/data: each file read once, lazily, into typed entries."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from pipeline import paths

# Kinds of triggers.tsv that are words of a unit, as opposed to headings and stems (see the file's header).
UNIT_TRIGGER_KINDS = frozenset({"addressing", "action", "modal", "finite"})


class Trigger(NamedTuple):
    """A directive trigger: its lemma, the modality it gives a unit, and how it works (triggers.tsv)."""

    lemma: str
    modality: str
    kind: str


class ActType(NamedTuple):
    """A kind of act (act_types.tsv): its head phrase, reference type, what a mention needs, document type."""

    phrase: str
    ref_type: str
    kind: str
    doc_type: str | None


@cache
def rows(name: str, header: bool = False) -> tuple[tuple[str, ...], ...]:
    """Rows of a pipeline/data file, comments and blanks skipped (and the first row, given `header`)."""
    text = (paths.RESOURCES / name).read_text(encoding="utf-8")
    found = tuple(
        tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
    return found[1:] if header else found


@lru_cache(maxsize=1)
def _all_triggers() -> tuple[Trigger, ...]:
    return tuple(Trigger(*r[:3]) for r in rows("triggers.tsv"))


@lru_cache(maxsize=1)
def triggers() -> dict[str, Trigger]:
    """Lemma → trigger, for the words that make a unit (addressing, action, modal and finite kinds)."""
    return {t.lemma: t for t in _all_triggers() if t.kind in UNIT_TRIGGER_KINDS}


@lru_cache(maxsize=1)
def heading_verbs() -> frozenset[str]:
    """Lemmas of the verbs of deciding headings («ПОСТАНОВЛЯЮ:», «Съезд РЕШИЛ:»)."""
    return frozenset(t.lemma for t in _all_triggers() if t.kind == "heading")


@lru_cache(maxsize=1)
def modal_stems() -> tuple[str, ...]:
    """Starts of modal word forms («обязан», «должн»): a sentence holding one may direct."""
    return tuple(t.lemma for t in _all_triggers() if t.kind == "stem")


@lru_cache(maxsize=1)
def coactor_markers() -> dict[tuple[str, ...], str]:
    """Co-actor marker words → the case of the co-actor."""
    return {tuple(r[0].split()): r[1] for r in rows("coactor_markers.tsv")}


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Lemmas of nouns that head a person's role («министр», «заместитель»)."""
    return frozenset(r[0] for r in rows("role_heads.txt"))


@lru_cache(maxsize=1)
def role_bodies() -> dict[str, tuple[frozenset[str], str]]:
    """Role lemma → (lemmas of the bodies a bare signature role of it heads, form: own | genitive)."""
    return {r[0]: (frozenset(r[1].split(",")), r[2]) for r in rows("role_bodies.tsv")}


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


@lru_cache(maxsize=1)
def act_types() -> tuple[ActType, ...]:
    """Every kind of act, in the order of act_types.tsv."""
    return tuple(
        ActType(r[0], r[1], r[2], r[3] if len(r) > 3 and r[3] else None) for r in rows("act_types.tsv")
    )


@lru_cache(maxsize=1)
def doc_types() -> frozenset[str]:
    """Every document type: those the headings give (doc_types.tsv), news and other."""
    return frozenset(r[1] for r in rows("doc_types.tsv")) | {"news", "other"}


class RelationCue(NamedTuple):
    """Words that tell how a mention relates to its act (relations.tsv): relation, side, pattern."""

    relation: str
    where: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def relation_cues() -> tuple[RelationCue, ...]:
    """Every relation cue, in the order of relations.tsv."""
    return tuple(RelationCue(r[0], r[1], re.compile(r[2], re.IGNORECASE)) for r in rows("relations.tsv"))


@lru_cache(maxsize=1)
def ordinals() -> dict[str, int]:
    """Ordinal numeral lemma (ё as е) → its number (pipeline/data/ordinals.tsv)."""
    return {r[0]: int(r[1]) for r in rows("ordinals.tsv")}


@lru_cache(maxsize=1)
def impersonal_triggers() -> dict[str, str]:
    """Impersonal predicative (its lower-case form) → the modality of the infinitive after it."""
    return {t.lemma: t.modality for t in _all_triggers() if t.kind == "impersonal"}
