"""Quality floors: the dataset scored against hand annotations, failing below the floors written here.

`corpus/gold` annotates the development documents; `tests/data/heldout*_gold`
annotate documents written for testing by teammates who had not seen the rules (the first scores on them are
in docs/pipeline.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation import score as evaluate
from pipeline.execution.run import run_pipeline
from tests.conftest import TEST_DATA

CORPUS_FLOORS = {
    "units": 0.95,
    "addressees": 0.95,
    "actions": 0.95,
    "refs": 0.95,
    "co_actors": 0.9,
    "persons": 0.9,
    "roles": 0.9,
}
HELDOUT_FLOORS = {
    "units": 0.95,
    "modality": 0.9,
    "addressees": 0.85,
    "co_actors": 0.85,
    "actions": 0.95,
    "objects": 0.9,
    "refs": 0.9,
    "ref_number": 0.9,
    "persons": 0.9,
    "roles": 0.85,
    "doc_date": 0.9,
}


def _below(metrics: dict, floors: dict[str, float]) -> dict[str, float]:
    """The fields whose F1 is under their floor, with that F1."""
    scores = {field: metrics["overall"][field]["f1"] for field in floors}
    return {field: f1 for field, f1 in scores.items() if f1 < floors[field]}


CORPUS_THEME_FLOOR = 0.85  # the themes issue's acceptance line; units the model trained on are not scored
# Set 1 has no theme floor: its units are training rows of the theme model (heldout1: in labelled.csv).
THEME_FLOORS = {"heldout2": 0.75, "heldout3": 0.55, "heldout4": 0.75}  # measured 0.85, 0.61, 0.84


def test_corpus_gold_floors(dataset: Path) -> None:
    metrics = evaluate.evaluate(dataset / "dataset.sqlite", evaluate.GOLD_DIR)
    assert not _below(metrics, CORPUS_FLOORS), _below(metrics, CORPUS_FLOORS)
    assert metrics["theme"]["n"] >= 25
    assert metrics["theme"]["accuracy"] >= CORPUS_THEME_FLOOR, metrics["theme"]


HELDOUT2_FLOORS = {
    "units": 0.95,
    "modality": 0.9,
    "addressees": 0.8,
    "co_actors": 0.8,
    "actions": 0.95,
    "objects": 0.9,
    "refs": 0.85,
    "ref_number": 0.9,
    "persons": 0.9,
    "roles": 0.9,
}


HELDOUT3_FLOORS = {
    "units": 0.85,
    "addressees": 0.85,
    "co_actors": 0.9,
    "actions": 0.95,
    "objects": 0.9,
    "refs": 0.8,
    "persons": 0.85,
    "roles": 0.85,
}


HELDOUT4_FLOORS = {  # first (blind) run: units 0.84, addressees 0.88, co-actors 0.80, refs 0.87, roles 0.80
    "units": 0.9,
    "addressees": 0.9,
    "co_actors": 0.9,
    "actions": 0.95,
    "objects": 0.95,
    "refs": 0.85,
    "persons": 0.9,
    "roles": 0.85,
}


@pytest.mark.parametrize(
    ("folder", "floors"),
    [
        ("heldout", HELDOUT_FLOORS),
        ("heldout2", HELDOUT2_FLOORS),
        ("heldout3", HELDOUT3_FLOORS),
        ("heldout4", HELDOUT4_FLOORS),
    ],
)
def test_heldout_floors(tmp_path: Path, folder: str, floors: dict) -> None:
    run_pipeline(TEST_DATA / folder, tmp_path, use_cache=False)
    metrics = evaluate.evaluate(tmp_path / "dataset.sqlite", TEST_DATA / f"{folder}_gold")
    assert not _below(metrics, floors), _below(metrics, floors)
    theme_floor = THEME_FLOORS.get(folder)
    assert theme_floor is None or metrics["theme"]["accuracy"] >= theme_floor, metrics["theme"]
