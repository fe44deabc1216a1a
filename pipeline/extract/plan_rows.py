"""Rows of an action plan flattened to text («1. | Мероприятие | Срок | Ответственные»): each row is an
instruction to its responsible bodies by its deadline, even with no verb in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL = re.compile(r"[^|]+")
DEADLINE_HEADER = re.compile(r"срок", re.IGNORECASE)
RESPONSIBLE_HEADER = re.compile(r"ответствен|исполнител", re.IGNORECASE)
ASIDE = re.compile(r"\s*\((?:по\s+согласованию|по согласованию с [^)]*)\)\s*$", re.IGNORECASE)
MIN_CELLS = 3


@dataclass(frozen=True)
class PlanColumns:
    """Which cell of a row holds the deadline and which the responsible bodies."""

    deadline: int | None
    responsible: int
    width: int


def read_header(line: str) -> PlanColumns | None:
    """The columns of a plan's header row, or None when the line is no such header.

    >>> read_header("№ | Мероприятие | Срок | Ответственные исполнители")
    PlanColumns(deadline=2, responsible=3, width=4)
    """
    cells = [c.strip() for c in line.split("|")]
    if len(cells) < MIN_CELLS:
        return None
    responsible = next((i for i, c in enumerate(cells) if RESPONSIBLE_HEADER.search(c)), None)
    if responsible is None:
        return None
    deadline = next((i for i, c in enumerate(cells) if DEADLINE_HEADER.search(c)), None)
    return PlanColumns(deadline, responsible, len(cells))


def row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty cell of a row, stripped, as offsets into text."""
    out = []
    for m in CELL.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


def responsible_bodies(text: str, cell: tuple[int, int]) -> list[tuple[int, int]]:
    """The bodies listed in a «responsible» cell, split at commas, without «(по согласованию)»."""
    out = []
    pos = cell[0]
    for part in text[cell[0] : cell[1]].split(","):
        a = pos + len(part) - len(part.lstrip())
        body = ASIDE.sub("", part.strip())
        if body:
            out.append((a, a + len(body)))
        pos += len(part) + 1
    return out
