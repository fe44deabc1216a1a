"""What the extraction of one document shares: its context, links to organisations, clause rows."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.organizations.registry import registry
from pipeline.records import Clause, Document


@dataclass
class Context:
    """What every unit of one document shares: ids, country, the text's own abbreviations."""

    document: Document
    doc: object
    country: str | None
    abbreviations: dict[str, str]


def link_organisation(ctx: Context, name: str) -> str | None:
    """Registry organisation, else an organisation the text defines by abbreviation."""
    entity_id = registry().link(name, ctx.country)
    if entity_id:
        return entity_id
    for short in ctx.abbreviations:
        if name == short or name.endswith(" " + short) and name.split()[0][:1].isupper():
            return "local:" + short
    return None


def clause_row(text: str, doc_id: str, rec_id: str, k: int, start: int, end: int) -> Clause:
    """The k-th clause of a unit."""
    return Clause(
        clause_id=f"{rec_id}:{k}", doc_id=doc_id, rec_id=rec_id, start=start, end=end, text=text[start:end]
    )
