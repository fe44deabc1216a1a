"""Plan tables flattened to one cell per line (a web page's table copied as text): a header whose cells stand
on lines of their own («Наименование мероприятий», «Срок исполнения», «Ответственный исполнитель»), then each
numbered measure followed by its deadline and its responsible bodies on lines of their own. The measure is an
instruction to those bodies by that deadline, as in a plan whose rows keep their «|» (pipeline/extract/
plan_rows.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.plan_rows import DEADLINE_HEADER, RESPONSIBLE_HEADER

MEASURE_HEADER = re.compile(r"наименовани|мероприяти|содержани", re.IGNORECASE)
MAX_CELL_WORDS = 8
MAX_HEADER_CELLS = 6


@dataclass
class CellRows:
    """The header read so far, the columns once it is complete, and the cell the open row expects next."""

    header: list[str] = field(default_factory=list)
    deadline: int | None = None
    responsible: int | None = None
    next_cell: int | None = None

    @property
    def active(self) -> bool:
        """A header with a responsible column has been read: numbered measures are rows."""
        return self.responsible is not None

    def see(self, text: str) -> None:
        """Read lines that are no cells of a row: they may open or go on with a header."""
        for line in text.splitlines():
            if line.strip():
                self._see(line.strip())

    def _see(self, line: str) -> None:
        if not _cell_like(line):
            self.header = []
            return
        if MEASURE_HEADER.search(line) and not self.header:
            self.header = [line]
        elif self.header and len(self.header) < MAX_HEADER_CELLS:
            self.header.append(line)
            if RESPONSIBLE_HEADER.search(line):
                self._columns()

    def _columns(self) -> None:
        self.responsible = len(self.header) - 1
        self.deadline = next((k for k, c in enumerate(self.header) if DEADLINE_HEADER.search(c)), None)
        self.header = []

    def open_row(self) -> None:
        """A measure was read: the lines after it are its cells."""
        self.next_cell = 1

    def close_row(self) -> None:
        self.next_cell = None

    def cell(self, line: str) -> str | None:
        """The column of the next line of an open row («deadline», «responsible», «other»), or None when the
        line is no cell (the row is then over)."""
        if self.next_cell is None or not _cell_like(line.strip()):
            self.next_cell = None
            return None
        column = self.next_cell
        self.next_cell = column + 1 if column < (self.responsible or 0) else None
        if column == self.deadline:
            return "deadline"
        return "responsible" if column == self.responsible else "other"


def _cell_like(line: str) -> bool:
    """A short line that ends no sentence: a table cell."""
    return 0 < len(line.split()) <= MAX_CELL_WORDS and not line.endswith((".", ";", ":"))
