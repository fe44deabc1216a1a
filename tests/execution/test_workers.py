"""Dead workers and memory bombs (issue 13): a killed worker costs at most one document, never the run."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.cli.main import app
from pipeline.errors import error_row
from pipeline.execution import processes, run
from pipeline.records import ErrorRow

TEXT = "ПОСТАНОВЛЕНИЕ\n1. Рекомендовать Министерству здравоохранения разработать план.\n"
GIB = 1024**3


# --- work functions for the pool: top level, so spawned workers can import them -----------------------


def _light_init(memory: int) -> None:
    """The workers' initializer without the models: the memory limit only."""
    processes.limit_memory(memory)


def _names(chunk: list) -> list:
    """A stand-in for process_chunk: one result per document, its id."""
    return [doc_id for doc_id, _, _ in chunk]


def _kill_once(chunk: list) -> list:
    """Dies (SIGKILL, as the OOM killer does) the first time it meets a `victim`; fine the next time."""
    for doc_id, path, _ in chunk:
        marker = Path(path).with_suffix(".killed")
        if doc_id.startswith("victim") and not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return _names(chunk)


def _kill_always(chunk: list) -> list:
    """Dies whenever a `killer` is in the chunk."""
    if any(doc_id.startswith("killer") for doc_id, _, _ in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return _names(chunk)


def _allocate(chunk: list) -> list:
    """Allocates 8 GiB for a `bomb`, as a document that blows up would; MemoryError becomes its row."""
    out = []
    for doc_id, _, source in chunk:
        try:
            if doc_id.startswith("bomb"):
                bytearray(8 * GIB)
            out.append(doc_id)
        except MemoryError as exc:
            out.append(error_row(doc_id, source, "extract", exc))
    return out


_PROCESS_CHUNK = run.process_chunk  # the real one, whatever a test patches


def _killer_pipeline(chunk: list) -> list:
    """The real process_chunk, except that a chunk holding a `killer` kills its worker."""
    if any(doc_id.startswith("killer") for doc_id, _, _ in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return _PROCESS_CHUNK(chunk)


def _items(tmp_path: Path, names: list[str]) -> list[tuple[str, Path, str]]:
    for name in names:
        (tmp_path / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    return [(name, tmp_path / f"{name}.txt", f"{name}.txt") for name in names]


@pytest.fixture
def light_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "_init", _light_init)


def test_a_worker_killed_once_costs_nothing(tmp_path: Path, light_workers) -> None:
    items = _items(tmp_path, ["a", "b", "victim", "c", "d", "e", "f", "g"])
    chunks = [items[:3], items[3:6], items[6:]]
    started = time.monotonic()
    assert list(processes.map_chunks(chunks, 2, work=_kill_once)) == [
        ["a", "b", "victim"],
        ["c", "d", "e"],
        ["f", "g"],
    ]
    assert time.monotonic() - started < 60, "the run must not hang on a dead worker"


def test_a_document_that_kills_its_worker_again_is_crashed(tmp_path: Path, light_workers) -> None:
    items = _items(tmp_path, ["a", "killer", "b", "c"])
    results = list(processes.map_chunks([items[:3], items[3:]], 2, work=_kill_always))
    assert results[0][0] == "a" and results[0][2] == "b" and results[1] == ["c"]
    crashed = results[0][1]
    assert isinstance(crashed, ErrorRow) and (crashed.doc_id, crashed.kind) == ("killer", "crashed")


def test_a_memory_bomb_fails_one_document_as_too_large(tmp_path: Path, light_workers) -> None:
    items = _items(tmp_path, ["a", "bomb", "b"])
    [[a, bomb, b]] = processes.map_chunks([items], 2, work=_allocate, memory=2 * GIB)
    assert (a, b) == ("a", "b")
    assert isinstance(bomb, ErrorRow) and (bomb.kind, bomb.source) == ("too_large", "bomb.txt")


def test_run_with_a_killer_document_finishes_with_one_line(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _items(corpus, ["a", "killer", "b"])
    monkeypatch.setattr(run, "process_chunk", _killer_pipeline)  # what the pool's workers run
    out = tmp_path / "out"
    args = ["run", "--corpus", str(corpus), "--out", str(out), "--workers", "2", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines() == [f"killer.txt: extract failed (crashed): {processes.CRASHED}"]
    con = sqlite3.connect(out / "dataset.sqlite")
    assert [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id")] == ["a", "b"]
    assert con.execute("SELECT doc_id, kind FROM errors").fetchall() == [("killer", "crashed")]


def _workers(pid: int) -> list[int]:
    """The pool workers among a process's children (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.mark.slow
def test_a_worker_killed_from_outside_never_hangs_the_run(tmp_path: Path) -> None:
    """What the kernel's OOM killer does: SIGKILL to one worker of a real `hpnlp run --workers 2`."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k, source in enumerate(sorted(paths.RAW.rglob("*.txt")) * 5):
        shutil.copy(source, corpus / f"{k:02d}_{source.name}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out)]
    proc = subprocess.Popen(
        [*command, "--workers", "2", "--no-cache"], cwd=paths.ROOT, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while len(_workers(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(3)  # the models are loading or chunks are under way
    os.kill(_workers(proc.pid)[0], signal.SIGKILL)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0 and "Traceback" not in stderr, stderr
    con = sqlite3.connect(out / "dataset.sqlite")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(list(corpus.iterdir()))
