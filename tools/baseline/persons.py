"""Pullenti's persons in, `persons` rows out: names in the gold's convention, roles from their attributes (the
mapping: tools/pullenti_baseline.py)."""

from __future__ import annotations

import re
from typing import Any

from tools.baseline.entities import Entity


def _name_word(word: str, mention: str = "") -> str:
    """A name slot as written in names: «ПЕТРОВ-ВОДКИН» → «Петров-Водкин»; a particle the mention writes
    apart («де Брюин», which Pullenti joins as «ДЕ-БРЮИН») stays apart."""
    parts = [p.capitalize() for p in word.split("-")]
    apart = len(parts) > 1 and re.search(rf"(?<!\w){re.escape(parts[0])}\s+", mention, re.IGNORECASE)
    return (" " if apart else "-").join(parts)


def _printed(values: list, mention: str) -> list[str]:
    """The name slot values the mention prints: an initial followed by a dot, a name by its stem."""
    out = []
    for v in (v for v in values if isinstance(v, str)):
        if len(v) == 1:
            pattern = rf"(?<!\w){re.escape(v)}\."
        else:
            pattern = rf"(?<!\w){re.escape(v[: max(3, len(v) - 2)])}"
        if re.search(pattern, mention, re.IGNORECASE):
            out.append(v)
    return out


def _pick(values: list, mention: str) -> str | None:
    """The first value the mention prints, else the referent's only (or first) one."""
    values = [v for v in values if isinstance(v, str)]
    return (_printed(values, mention) or values or [None])[0]


def person_name(person: Entity, mention: str) -> str:
    """A person's name in gold's convention: «В.И. Скворцова», «Владимир Путин», «Мишустин»."""
    last = _pick(person.values("LASTNAME"), mention)
    first = _pick(person.values("FIRSTNAME"), mention)
    middle = _pick(person.values("MIDDLENAME"), mention) if first else None
    if first and len(first) == 1:
        given = f"{first}." + (f"{middle[0]}." if middle else "")
        return " ".join(p for p in (given, _name_word(last, mention) if last else None) if p)
    words = [first, middle if middle and len(middle) > 1 else None, last]
    return " ".join(_name_word(w, mention) for w in words if w)


def _role(entities: list[Entity], person: Entity, span: tuple[int, int], text: str) -> str | None:
    """The person's attribute touching the occurrence (else the first): its words in the text, then Pullenti's
    nominative form of it with the organisation or place it resolved, without the aliases it adds in
    brackets («министр; Министерство Здравоохранения (Минздрав), Киргизия»)."""
    props = [entities[v] for v in person.values("ATTRIBUTE") if isinstance(v, int)]
    near = [p for p in props if any(a <= span[1] and span[0] <= b for a, b in p.spans)]
    chosen = (near or props or [None])[0]
    if chosen is None:
        return None
    printed = [text[a:b] for a, b in chosen.spans if a <= span[1] and span[0] <= b][:1]
    return " ".join(" ".join([*printed, re.sub(r"\([^)]*\)|[;,]", " ", chosen.label)]).split())


def person_rows(entities: list[Entity], text: str) -> list[dict[str, Any]]:
    """`persons` rows: one per occurrence of a person (the mapping: tools/pullenti_baseline.py)."""
    out = []
    for person in (e for e in entities if e.type == "PERSON"):
        for a, b in person.spans:
            name = person_name(person, text[a:b])
            role = _role(entities, person, (a, b), text)
            out.append({"name": name, "role": role, "start": a, "end": b})
    return sorted(out, key=lambda r: r["start"])
