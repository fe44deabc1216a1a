"""Incremental, parallel and Dask runs give the same dataset as a plain run."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline.execution.run import run_pipeline
from tests.conftest import RAW

TABLES = (
    "documents",
    "recommendations",
    "clauses",
    "addressees",
    "actions",
    "legal_refs",
    "entities",
    "persons",
)


def _dump(out: Path) -> dict[str, list]:
    con = sqlite3.connect(out / "dataset.sqlite")
    try:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for path in sorted(RAW.rglob("*.txt"))[:4]:
        shutil.copy(path, corpus / path.name)
    return corpus


@pytest.fixture(scope="module")
def plain(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("plain")
    run_pipeline(small_corpus, out, use_cache=False)
    return _dump(out)


def test_rerun_reads_the_cache_and_changes_nothing(
    small_corpus: Path, plain: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_pipeline(small_corpus, tmp_path)
    import pipeline.execution.run as run

    monkeypatch.setattr(run, "process_chunk", lambda *a, **k: pytest.fail("a cached document was processed"))
    run_pipeline(small_corpus, tmp_path, workers=1)
    assert _dump(tmp_path) == plain


def test_editing_one_document_reprocesses_only_it(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    run_pipeline(corpus, tmp_path / "out")
    edited = sorted(corpus.glob("*.txt"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nРекомендовать Минздраву провести аудит.", encoding="utf-8"
    )
    import pipeline.execution.run as run

    seen: list[str] = []
    real = run.process_chunk
    monkeypatch.setattr(
        run, "process_chunk", lambda items, model=None: seen.extend(i[0] for i in items) or real(items, model)
    )
    run_pipeline(corpus, tmp_path / "out")
    assert seen == [edited.stem]


def test_two_workers_give_the_same_dataset(small_corpus: Path, plain: dict, tmp_path: Path) -> None:
    run_pipeline(small_corpus, tmp_path, workers=2, use_cache=False)
    assert _dump(tmp_path) == plain


def test_dask_local_cluster_gives_the_same_dataset(small_corpus: Path, plain: dict, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the Dask executor is the optional extra .[dask]")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run_pipeline(
            small_corpus, tmp_path, executor="dask", scheduler=cluster.scheduler_address, use_cache=False
        )
    assert _dump(tmp_path) == plain
