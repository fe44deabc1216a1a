"""Cached, incremental, parallel and Dask runs give the same tables as a plain run, row for row, and the ids
of a document's rows do not depend on the other documents (issue 7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.execution.run import run_pipeline
from tests.conftest import NEWS, RAW, optional, processed_ids, table_rows
from tests.odd_inputs import make


@pytest.fixture(scope="module")
def corpus20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty real documents (two chunks of work) and three bad ones."""
    corpus = tmp_path_factory.mktemp("corpus20")
    sources = sorted(RAW.rglob("*.txt"))
    for k in range(20):
        src = sources[k % len(sources)]
        shutil.copy(src, corpus / f"{k:02d}_{src.name}")
    for name in ("empty.txt", "junk.txt", "kyrgyz.txt"):
        make(corpus, name)
    return corpus


@pytest.fixture(scope="module")
def baseline(corpus20: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The tables of a plain run: one process, no cache."""
    out = tmp_path_factory.mktemp("baseline")
    run_pipeline(corpus20, out, use_cache=False)
    return table_rows(out)


def test_a_rerun_reads_the_cache_and_changes_nothing(
    corpus20: Path, baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_pipeline(corpus20, tmp_path, use_cache=True)  # fresh, and fills the cache
    assert table_rows(tmp_path) == baseline
    processed = processed_ids(monkeypatch)
    run_pipeline(corpus20, tmp_path, workers=1)  # every document from the cache
    assert sorted(processed) == ["empty", "junk"]  # failures are not cached: they are tried again
    assert table_rows(tmp_path) == baseline


def test_editing_one_document_reprocesses_only_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(RAW.rglob("*.txt"))[:4]:
        shutil.copy(path, corpus / path.name)
    run_pipeline(corpus, tmp_path / "out")
    edited = sorted(corpus.glob("*.txt"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nРекомендовать Минздраву провести аудит.", encoding="utf-8"
    )
    processed = processed_ids(monkeypatch)
    run_pipeline(corpus, tmp_path / "out")
    assert processed == [edited.stem]


def test_ids_survive_an_unrelated_new_document(corpus20: Path, baseline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus20, corpus)
    shutil.copy(RAW / f"{NEWS}.txt", corpus / "000_first_in_order.txt")  # shifts every chunk boundary
    run_pipeline(corpus, tmp_path / "out", use_cache=False)
    now = table_rows(tmp_path / "out")
    for table, rows in baseline.items():
        if table == "acts":  # every act keeps its id; one the new document cites counts it too
            assert [r[0] for r in now[table] if r[0] in {old[0] for old in rows}] == [r[0] for r in rows]
            continue
        assert [r for r in now[table] if "000_first_in_order" not in map(str, r)] == rows, table


def test_two_workers_give_identicaltable_rows(corpus20: Path, baseline, tmp_path: Path) -> None:
    run_pipeline(corpus20, tmp_path, workers=2, use_cache=False)
    assert table_rows(tmp_path) == baseline


def test_dask_local_cluster_gives_identicaltable_rows(corpus20: Path, baseline, tmp_path: Path) -> None:
    distributed = optional("distributed", extra="dask")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run_pipeline(
            corpus20, tmp_path, executor="dask", scheduler=cluster.scheduler_address, use_cache=False
        )
    assert table_rows(tmp_path) == baseline
