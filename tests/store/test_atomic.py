"""Atomic output: a run killed at any moment leaves the previous dataset whole (issue 7)."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import paths
from pipeline.execution.run import run_pipeline
from pipeline.store import writer as store
from pipeline.store.outputs import MANIFEST
from tests.conftest import NEWS, RAW, RESOLUTION


def _snapshot(out: Path) -> dict[str, int]:
    """Row counts of a dataset that must be whole: SQLite's integrity check, and Parquet that reads."""
    import pyarrow.parquet as pq

    con = sqlite3.connect(f"file:{out / 'dataset.sqlite'}?mode=ro", uri=True)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in store.TABLES}
    con.close()
    store.recover(out)  # what the next run does first: a kill between the two renames left a backup name
    assert {t: pq.read_metadata(out / "parquet" / f"{t}.parquet").num_rows for t in store.TABLES} == counts
    return counts


# Moments to count a kill's delay from: the start, the writer's temporary folder, the Parquet export.
TRIGGERS = {"start": None, "writer": "", "export": "/parquet"}


def _kill_run(corpus: Path, out: Path, trigger: str, delay: float, *extra: str) -> bool:
    """Start `python -m pipeline run` and SIGKILL it `delay` s after the trigger; True if it was running."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out), *extra],
        cwd=paths.ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pattern = TRIGGERS[trigger]
    deadline = time.monotonic() + 120
    while pattern is not None and not list(out.glob(f"{store.TMP_PREFIX}{proc.pid}-*{pattern}")):
        if proc.poll() is not None:
            break
        assert time.monotonic() < deadline, f"the run never reached {trigger}"
        time.sleep(0.005)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait() == -signal.SIGKILL


def _copy_corpus(target: Path, names: list[str]) -> Path:
    target.mkdir()
    for name in names:
        shutil.copy(RAW / name, target / Path(name).name)
    return target


def _kills(tmp_path: Path, names: list[str], plan: list[tuple[str, float, tuple[str, ...]]]) -> int:
    corpus = _copy_corpus(tmp_path / "corpus", names)
    out = tmp_path / "out"
    run_pipeline(corpus, out)
    before = _snapshot(out)
    killed = 0
    for trigger, delay, extra in plan:
        (out / MANIFEST).unlink(missing_ok=True)  # else the unchanged corpus is up to date: nothing to kill
        killed += _kill_run(corpus, out, trigger, delay, *extra)
        assert _snapshot(out) == before
    assert not run_pipeline(corpus, out).errors
    assert _snapshot(out) == before
    assert not list(out.glob(f"{store.TMP_PREFIX}*")) and not list(out.glob(f"{store.BACKUP_PREFIX}*"))
    return killed


def test_killed_runs_leave_the_previous_dataset_whole(tmp_path: Path) -> None:
    rng = random.Random(7)
    plan = [("writer", rng.uniform(0.0, 0.5), ()), ("export", rng.uniform(0.0, 0.2), ())]
    assert _kills(tmp_path, [f"{RESOLUTION}.txt", f"{NEWS}.txt"], plan) >= 1


@pytest.mark.slow
def test_killed_runs_leave_the_previous_dataset_whole_repeatedly(tmp_path: Path) -> None:
    rng = random.Random(11)
    names = [str(p.relative_to(RAW)) for p in sorted(RAW.rglob("*.txt"))]
    plan = [
        ("start", rng.uniform(0.3, 2.0), ()),
        ("writer", rng.uniform(0.0, 3.0), ("--no-cache",)),
        ("writer", rng.uniform(0.0, 0.6), ()),
        ("export", rng.uniform(0.0, 0.2), ()),
        ("export", rng.uniform(0.0, 0.2), ("--no-cache",)),
    ]
    assert _kills(tmp_path, names, plan) >= 3
