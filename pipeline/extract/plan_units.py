"""Plan measures as units: a row whose cells keep their «|» (pipeline/extract/plan_rows.py) and a measure
whose cells follow it one per line (pipeline/extract/plan_cells.py), each an instruction to its responsible
bodies by its deadline."""

from __future__ import annotations

from dataclasses import replace

from pipeline.dates.deadline import find_deadline
from pipeline.extract.context import Context, clause_row, link_organisation
from pipeline.extract.plan_cells import CellRows
from pipeline.extract.plan_rows import responsible_bodies, row_cells
from pipeline.records import Addressee, Extraction, Unit


def table_cell(ctx: Context, out: Extraction, cells: CellRows, start: int, end: int) -> bool:
    """A line that is the deadline or the responsible cell of the plan measure read last (pipeline/extract/
    plan_cells.py) gives that unit its deadline or its addressees; True when the line was a cell."""
    column = cells.cell(ctx.document.text[start:end])
    if column is None:
        return False
    unit = out.recommendations[-1]
    phrase = ctx.document.text[start:end].strip()
    if column == "deadline":
        deadline = find_deadline(phrase) or find_deadline(f"Срок: {phrase}") or phrase
        out.recommendations[-1] = replace(unit, deadline=deadline)
    elif column == "responsible":
        out.addressees.extend(_responsible_addressees(ctx, unit.rec_id, (start, end)))
    return True


def add_plan_row(ctx: Context, out: Extraction, block, start: int, end: int, columns) -> None:
    """A plan row: an instruction to its responsible bodies by its deadline (extract/plan_rows.py)."""
    text = ctx.document.text
    cells = row_cells(text, start, end)
    if len(cells) <= columns.responsible - 1:
        return
    shift = columns.width - len(cells) - 1  # the row's number stands outside its first cell
    doc_id, rec_id = ctx.document.doc_id, f"{ctx.document.doc_id}:{len(out.recommendations) + 1}"
    deadline_cell = cells[columns.deadline - 1 - shift] if columns.deadline else None
    deadline = None
    if deadline_cell:
        phrase = text[slice(*deadline_cell)]
        deadline = find_deadline(phrase) or find_deadline(f"Срок: {phrase}") or phrase
    unit_start = cells[0][0]
    out.recommendations.append(
        Unit(
            rec_id=rec_id,
            doc_id=doc_id,
            section=block.section,
            item=block.item,
            text=text[unit_start:end],
            modality="instruction",
            deadline=deadline,
            trigger=None,
            start=unit_start,
            end=end,
        )
    )
    out.clauses.append(clause_row(text, doc_id, rec_id, 1, unit_start, end))
    out.addressees.extend(
        _responsible_addressees(ctx, rec_id, cells[min(columns.responsible - 1 - shift, len(cells) - 1)])
    )


def _responsible_addressees(ctx: Context, rec_id: str, cell: tuple[int, int]) -> list[Addressee]:
    """The bodies of a plan's «responsible» cell, each an addressee as written."""
    out = []
    for a, b in responsible_bodies(ctx.document.text, cell):
        name = ctx.document.text[a:b]
        out.append(
            Addressee(
                rec_id=rec_id,
                doc_id=ctx.document.doc_id,
                role="addressee",
                text=name,
                normalized=name,
                entity_id=link_organisation(ctx, name),
                start=a,
                end=b,
            )
        )
    return out
