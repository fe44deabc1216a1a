"""Every notebook runs top to bottom on a fresh dataset, and is committed without outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import paths
from tests.conftest import optional

NOTEBOOKS = sorted((paths.ROOT / "notebooks").glob("*.ipynb"))
ids = [p.name for p in NOTEBOOKS]


def test_there_is_a_notebook():
    assert NOTEBOOKS, "notebooks/ should hold at least one exploration notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_is_stripped(path: Path):
    nb = optional("nbformat").read(path, as_version=4)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert dirty == [], f"{path.name}: cells {dirty} keep outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_notebook_runs(path: Path, db: Path, monkeypatch: pytest.MonkeyPatch):
    nbformat, nbclient = optional("nbformat"), optional("nbclient")
    optional("ipykernel")  # the kernel the notebooks run in
    optional("matplotlib")  # the notebooks plot
    optional("networkx")  # and draw the citation graph
    monkeypatch.setenv("HPNLP_DB", str(db))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
