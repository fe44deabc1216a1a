"""Output formats: CSV for Excel keeps Cyrillic, NDJSON is a line per row, tables right-align numbers."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from pipeline.analyst.formats import BOM, Result, numeric_columns, one_line, render, to_csv, to_table

RESULT = Result(
    ["addressee", "units", "share"], [("Министерство здравоохранения", 12, 0.5), ("Фонд ОМС", 3, None)]
)


def test_excel_csv_starts_with_a_bom_and_reads_back():
    text = to_csv(RESULT, excel=True)
    assert text.startswith(BOM) and "\r\n" in text
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[1] == ["Министерство здравоохранения", "12", "0.5"]
    assert not to_csv(RESULT).startswith(BOM)


def test_ndjson_is_one_object_a_line():
    lines = render(RESULT, "ndjson").splitlines()
    assert [json.loads(line)["units"] for line in lines] == [12, 3]
    assert "Министерство" in lines[0]  # not \\u escapes


def test_numbers_right_aligned_and_cells_cut_to_one_line():
    assert numeric_columns(RESULT) == {1, 2}
    table = to_table(RESULT, max_width=12)
    assert [c.justify for c in table.columns] == ["left", "right", "right"]
    console = Console(width=200, record=True)
    console.print(table)
    lines = console.export_text().splitlines()
    assert any("Министерств…" in line for line in lines)
    row = next(line for line in lines if "Фонд ОМС" in line)
    assert "│     3 │" in row  # right-aligned under "units"
    assert one_line("строка\nещё", 40) == "строка ⏎ ещё"
