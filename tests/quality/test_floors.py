"""Quality floors: the dataset scored against hand annotations, failing below the floors written here.

`corpus/gold` annotates the development documents; `tests/data/heldout*_gold`
annotate documents written for testing by teammates who had not seen the rules (the first scores on them are
in README.md).
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


def _f1(metrics: dict, field: str) -> float:
    return metrics["overall"][field]["f1"]


CORPUS_THEME_FLOOR = 0.85  # the themes issue's acceptance line; units the model trained on are not scored
THEME_FLOORS = {"heldout2": 0.75, "heldout3": 0.55, "heldout4": 0.75}  # measured 0.85, 0.61, 0.84


def test_corpus_gold_floors(dataset: Path) -> None:
    metrics = evaluate.evaluate(dataset / "dataset.sqlite", evaluate.GOLD_DIR)
    low = {f: _f1(metrics, f) for f, floor in CORPUS_FLOORS.items() if _f1(metrics, f) < floor}
    assert not low, low
    assert metrics["theme"]["n"] >= 25
    assert metrics["theme"]["accuracy"] >= CORPUS_THEME_FLOOR, metrics["theme"]


@pytest.fixture(scope="module")
def heldout(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("heldout")
    run_pipeline(TEST_DATA / "heldout", out, use_cache=False)
    return evaluate.evaluate(out / "dataset.sqlite", TEST_DATA / "heldout_gold")


def test_heldout_floors(heldout: dict) -> None:
    low = {f: _f1(heldout, f) for f, floor in HELDOUT_FLOORS.items() if _f1(heldout, f) < floor}
    assert not low, low


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
    [("heldout2", HELDOUT2_FLOORS), ("heldout3", HELDOUT3_FLOORS), ("heldout4", HELDOUT4_FLOORS)],
)
def test_later_heldout_floors(tmp_path: Path, folder: str, floors: dict) -> None:
    run_pipeline(TEST_DATA / folder, tmp_path, use_cache=False)
    metrics = evaluate.evaluate(tmp_path / "dataset.sqlite", TEST_DATA / f"{folder}_gold")
    low = {f: _f1(metrics, f) for f, floor in floors.items() if _f1(metrics, f) < floor}
    assert not low, low
    assert metrics["theme"]["accuracy"] >= THEME_FLOORS[folder], metrics["theme"]
