"""Frozen row types passed between stages; each mirrors one table of schema.sql."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass(frozen=True, kw_only=True)
class Document:
    """One cleaned input document with its metadata."""

    doc_id: str
    source: str
    doc_type: str
    title: str | None
    date: str | None
    place: str | None
    number: str | None
    text: str
    n_chars: int
    sha256: str
    language: str | None = None
    encoding: str | None = None
    warnings: str | None = None
    chrome_lines: int = 0
    act_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Section:
    """A structural division: «РАЗДЕЛ 2: …», «Глава 1.», «Статья 2.»."""

    doc_id: str
    section: str
    title: str | None
    kind: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A directive unit (row of `recommendations`)."""

    rec_id: str
    doc_id: str
    section: str | None
    item: str | None
    text: str
    modality: str | None
    deadline: str | None
    theme: str | None = None
    theme_score: float | None = None
    themes_secondary: str | None = None
    trigger: str | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Clause:
    """One predicate's stretch of a unit."""

    clause_id: str
    doc_id: str
    rec_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Addressee:
    """Who must act (role 'addressee') or acts alongside (role 'co_actor')."""

    rec_id: str
    doc_id: str
    role: str
    text: str
    normalized: str | None
    entity_id: str | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Action:
    """An infinitive predicate of a unit with its object."""

    rec_id: str
    clause_id: str | None
    doc_id: str
    verb: str
    lemma: str
    object: str | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A legal or policy reference."""

    ref_id: str
    doc_id: str
    rec_id: str | None
    start: int
    end: int
    text: str
    ref_type: str
    title: str | None
    date: str | None
    number: str | None
    jurisdiction: str | None
    issuer: str | None
    article: str | None
    act_id: str | None = None
    relation: str | None = None
    edition_of: str | None = None
    """For an edition note («X (в редакции Y)», «с изменениями от …»), the act X that Y changed."""


@dataclass(frozen=True, kw_only=True)
class Act:
    """One act: a document's own or one it mentions; within a document at extraction, corpus-wide in store."""

    act_id: str
    ref_type: str
    title: str | None
    date: str | None
    number: str | None
    issuer: str | None
    jurisdiction: str | None
    n_mentions: int
    n_documents: int


@dataclass(frozen=True, kw_only=True)
class Entity:
    """A named entity mention (natasha NER plus registry links)."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    normalized: str | None
    entity_id: str | None


@dataclass(frozen=True, kw_only=True)
class Person:
    """A person with the role the text gives them."""

    doc_id: str
    name: str
    role: str | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Quote:
    """Direct speech with its speaker."""

    doc_id: str
    speaker: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Organization:
    """A canonical organisation of the registry."""

    entity_id: str
    name: str
    aliases: str
    country: str | None


@dataclass(frozen=True, kw_only=True)
class ErrorRow:
    """A document that failed a stage."""

    doc_id: str | None
    source: str
    stage: str
    kind: str
    message: str


@dataclass(kw_only=True)
class Extraction:
    """Everything the NLP stages found in one document, table by table."""

    document: Document
    sections: list[Section]
    recommendations: list[Unit]
    clauses: list[Clause]
    addressees: list[Addressee]
    actions: list[Action]
    legal_refs: list[Reference]
    entities: list[Entity]
    persons: list[Person]
    quotes: list[Quote]
    organizations: list[Organization] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)

    def tables(self) -> dict[str, list]:
        """Rows by table name, documents included."""
        out: dict[str, list] = {"documents": [self.document], "organizations": self.organizations}
        for f in fields(self):
            if f.name not in out and f.name != "document":
                out[f.name] = getattr(self, f.name)
        return out


def as_dict(row: object) -> dict:
    """A row as a plain dict (for pandas and JSON)."""
    return asdict(row)  # type: ignore[arg-type]
