"""Organisation registry: links organisation names in any case form (corpus/organizations.csv) to entity ids.

Also re-exports what the extraction stage needs beside it: the document's country (`country_of`) and the
abbreviations a text defines itself (`find_abbreviations`, `abbreviation_map`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline import paths
from pipeline.organizations.abbreviations import Abbreviation, abbreviation_map, find_abbreviations
from pipeline.organizations.keys import NameKey, country_of, name_key
from pipeline.records import Organization

__all__ = [
    "Abbreviation",
    "Org",
    "OrgRegistry",
    "abbreviation_map",
    "country_of",
    "find_abbreviations",
    "link",
    "registry",
]

INTERNATIONAL = "INT"
SEPARATOR = "|"
SUBORDINATE = re.compile(r"\s+при\s+", re.IGNORECASE)  # «ЦЭЗ при МЗКР»: the part before «при» names the body
BRACKETED = re.compile(
    r"\([^()]*\)"
)  # «Министерство здравоохранения КР (МЗ КР)»: the bracket repeats the name


@dataclass(frozen=True)
class Org:
    """One canonical organisation of the registry."""

    entity_id: str
    name: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    country: str | None

    def variants(self) -> tuple[str, ...]:
        """The canonical name, its aliases and its abbreviations."""
        return (self.name, *self.aliases, *self.abbreviations)

    def record(self) -> Organization:
        """The row of the `organizations` table."""
        aliases = SEPARATOR.join((*self.aliases, *self.abbreviations))
        return Organization(entity_id=self.entity_id, name=self.name, aliases=aliases, country=self.country)


def _split(cell: str | None) -> tuple[str, ...]:
    """A "|"-separated cell as a tuple of stripped values."""
    return tuple(part.strip() for part in (cell or "").split(SEPARATOR) if part.strip())


def read_orgs(path: Path) -> list[Org]:
    """The organisations of a registry CSV (entity_id,name,aliases,abbreviations,country)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Org(
            entity_id=row["entity_id"].strip(),
            name=row["name"].strip(),
            aliases=_split(row.get("aliases")),
            abbreviations=_split(row.get("abbreviations")),
            country=(row.get("country") or "").strip() or None,
        )
        for row in rows
    ]


class OrgRegistry:
    """Canonical organisations with an index from name keys to entity ids."""

    def __init__(self, orgs: list[Org]) -> None:
        self._orgs = {org.entity_id: org for org in orgs}
        self._index: dict[tuple[str, str | None], str] = {}  # "" marks a key two organisations share
        self.conflicts: list[tuple[str, str, str]] = []  # (variant, earlier id, this id)
        for org in orgs:
            for variant in org.variants():
                self._add(variant, org.entity_id)

    @classmethod
    def load(cls, path: Path = paths.ORG_REGISTRY) -> OrgRegistry:
        """The registry read from a CSV file."""
        return cls(read_orgs(path))

    def _add(self, variant: str, entity_id: str) -> None:
        """Index one naming variant under (core, country marker or None)."""
        core, countries = name_key(variant)
        if not core or len(countries) > 1:
            return
        slot = (core, next(iter(countries), None))
        known = self._index.setdefault(slot, entity_id)
        if known != entity_id:
            self.conflicts.append((variant, known, entity_id))
            self._index[slot] = ""

    def organizations(self) -> list[Org]:
        """All organisations, in registry order."""
        return list(self._orgs.values())

    def get(self, entity_id: str) -> Org | None:
        """The organisation with this id, if any."""
        return self._orgs.get(entity_id)

    def link(self, name: str, country: str | None = None) -> str | None:
        """The entity id of an organisation name in any case form; `country` resolves a bare «Минздрав».

        >>> reg = registry()
        >>> reg.link("Министерству здравоохранения Кыргызской Республики"), reg.link("Минздраву России")
        ('kg-moh', 'ru-moh')
        >>> reg.link("Минздрав"), reg.link("Минздрав", country="KZ")
        (None, 'kz-moh')
        """
        name = BRACKETED.sub(" ", name)
        found = self._lookup(name_key(name), country)
        if found is None and SUBORDINATE.search(name):
            found = self._lookup(name_key(SUBORDINATE.split(name, maxsplit=1)[0]), country)
        return found

    def _lookup(self, key: NameKey, country: str | None) -> str | None:
        """Resolve a key: its own country marker first, then the document's country, then no country."""
        if not key.core or len(key.countries) > 1:
            return None
        if key.countries:
            (marker,) = key.countries
            found = self._index.get((key.core, marker))
            if found:
                return found
            found = self._index.get((key.core, None))
            org = self._orgs.get(found or "")
            return found if org and org.country in (marker, INTERNATIONAL) else None
        if country:
            found = self._index.get((key.core, country))
            if found:
                return found
        return self._index.get((key.core, None)) or None

    def records(self) -> list[Organization]:
        """Rows for the `organizations` table."""
        return [org.record() for org in self._orgs.values()]


@lru_cache(maxsize=1)
def registry() -> OrgRegistry:
    """The project's registry, loaded once per process."""
    return OrgRegistry.load()


def link(name: str, country: str | None = None) -> str | None:
    """`registry().link(name, country)`.

    >>> link("Mинистерство здравоохранения KP")
    'kg-moh'
    """
    return registry().link(name, country)
