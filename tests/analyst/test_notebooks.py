"""Every notebook runs top to bottom on a fresh dataset, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import paths
from tests.conftest import optional

NOTEBOOKS = sorted((paths.ROOT / "notebooks").glob("*.ipynb"))
ids = [p.name for p in NOTEBOOKS]


def test_there_is_a_notebook():
    assert NOTEBOOKS == [paths.ROOT / "notebooks" / "explore.ipynb"], "a new notebook needs its own run test"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_is_stripped(path: Path):
    nb = optional("nbformat").read(path, as_version=4)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert dirty == [], f"{path.name}: cells {dirty} keep outputs; clear them before committing"


def test_notebook_runs_and_shows_the_report_fragment(executed_notebook):
    cells = [c for c in executed_notebook.cells if c.cell_type == "code"]
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert errors == []
    html = [o["data"]["text/html"] for c in cells for o in c.outputs if "text/html" in o.get("data", {})]
    fragments = [h for h in html if 'class="hpnlp-report"' in h]
    assert len(fragments) == 1 and not fragments[0].lstrip().startswith("<!doctype")
