"""Pullenti's referents as plain records: a text in, its referents out, each with its slots and the character
spans of its occurrences (tools/pullenti_baseline.py says how they become the rows `pipeline eval` scores)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(kw_only=True, frozen=True)
class Entity:
    """One Pullenti referent: its type, its slots (a value is text, or the index of another entity), the
    character spans of its occurrences, how Pullenti prints it and, for a decree, its DecreeKind."""

    type: str
    label: str
    slots: tuple[tuple[str, str | int], ...]
    spans: tuple[tuple[int, int], ...]
    kind: str | None = None

    def values(self, name: str) -> list[str | int]:
        """Every value of one slot, in Pullenti's order."""
        return [v for n, v in self.slots if n == name]


def processor() -> Any:
    """Pullenti's standard processor (every non-specific analyzer), Russian morphology."""
    # Imported here: Pullenti is an optional extra (`.[baseline]`), not a dependency of the pipeline.
    from pullenti.morph.MorphLang import MorphLang
    from pullenti.ner.ProcessorService import ProcessorService
    from pullenti.Sdk import Sdk

    Sdk.initialize(MorphLang.RU)
    return ProcessorService.create_processor()


def analyse(proc: Any, text: str) -> list[Entity]:
    """Pullenti's referents for one text, slot values that are referents given as entity indexes."""
    from pullenti.ner.Referent import Referent
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis

    found = proc.process(SourceOfAnalysis(text)).entities
    index = {id(r): n for n, r in enumerate(found)}

    def value(v: Any) -> str | int:
        return index.get(id(v), str(v)) if isinstance(v, Referent) else str(v)

    return [
        Entity(
            type=r.type_name,
            label=str(r),
            slots=tuple((s.type_name, value(s.value)) for s in r.slots),
            spans=tuple((o.begin_char, o.end_char + 1) for o in r.occurrence),
            kind=r.kind.name if r.type_name == "DECREE" else None,
        )
        for r in found
    ]


def label(entities: list[Entity], value: str | int | None) -> str | None:
    """A slot value as text: a referent as Pullenti prints it."""
    return entities[value].label if isinstance(value, int) else value


def first(entities: list[Entity], entity: Entity, slot: str) -> str | None:
    """The first value of a slot as text."""
    return label(entities, (entity.values(slot) or [None])[0])
