"""The output folder under faults (issue 13): one writer at a time, one generation per dataset, a swap
cut between its renames recovered, a full disk one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.cli.main import app
from pipeline.execution.run import run_pipeline
from pipeline.store import writer as store
from pipeline.store.lock import OutputLock, OutputLocked
from tests.conftest import RESOLUTION

TEXT = "ПОСТАНОВЛЕНИЕ\n1. Рекомендовать Министерству здравоохранения разработать план.\n"
GIB = 1024**3


# --- the output folder: one writer at a time, one generation per dataset --------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_a_second_run_on_a_locked_folder_exits_2(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    lock = OutputLock(out)  # another run, as far as the CLI can tell
    try:
        result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    finally:
        lock.release()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"error: another run (pid {os.getpid()}) is writing into {out}; wait for it to finish or choose "
        "another --out"
    ]
    assert not (out / "dataset.sqlite").exists()
    held = OutputLock(out)
    with pytest.raises(OutputLocked):  # within one process too: `hpnlp store` and library callers
        store.DatasetWriter(out)
    held.release()
    store.DatasetWriter(out).abort()  # free again


def test_two_concurrent_runs_never_mix_their_outputs(corpus: Path, tmp_path: Path) -> None:
    for k in range(12):  # seconds of work: the second run starts while the first holds the folder
        shutil.copy(paths.RAW / f"{RESOLUTION}.txt", corpus / f"resolution_{k}.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out)]
    command.append("--no-cache")
    first = subprocess.Popen(command, cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(out.glob(f"{store.TMP_PREFIX}*")) and first.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    second = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True)
    assert first.wait() == 0
    assert second.returncode == 2 and "another run (pid" in second.stderr
    assert len(second.stderr.splitlines()) == 1 and "Traceback" not in second.stderr
    generation = store.sqlite_generation(out / "dataset.sqlite")
    assert generation and all(store.folder_generation(out / name) == generation for name in store.EXPORTS)


@pytest.fixture(scope="module")
def two_generations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two datasets of the same corpus from two runs: two generation ids."""
    corpus = tmp_path_factory.mktemp("gen_corpus")
    (corpus / "doc.txt").write_text(TEXT, encoding="utf-8")
    one, two = tmp_path_factory.mktemp("gen_one"), tmp_path_factory.mktemp("gen_two")
    run_pipeline(corpus, one)
    run_pipeline(corpus, two, cache_dir=one / "cache")
    assert store.sqlite_generation(one / "dataset.sqlite") != store.sqlite_generation(two / "dataset.sqlite")
    return one, two


def _state(tmp_path: Path, runs: tuple[Path, Path], db: int, folder: int | None, backup: int | None) -> Path:
    """An output folder as a kill left it: dataset.sqlite of one run, each export folder and its backup of
    others."""
    out = tmp_path / "state"
    out.mkdir()
    shutil.copy(runs[db] / "dataset.sqlite", out / "dataset.sqlite")
    for name in store.EXPORTS:
        if folder is not None:
            shutil.copytree(runs[folder] / name, out / name)
        if backup is not None:
            shutil.copytree(runs[backup] / name, out / f"{store.BACKUP_PREFIX}{name}")
    return out


# (dataset.sqlite, parquet/ and csv/, their backups) of run 0 or 1 → whose folders recovery leaves
CUTS = {
    "killed after the old folders moved aside": ((0, None, 0), 0),
    "killed between the renames": ((0, 1, 0), 0),
    "killed after the renames, before the backups went": ((1, 1, 0), 1),
    "first run killed between the renames": ((0, 1, None), None),
}


@pytest.mark.parametrize("cut", sorted(CUTS))
def test_recovery_leaves_a_consistent_set(two_generations, tmp_path: Path, cut: str) -> None:
    (db, folder, backup), expected = CUTS[cut]
    out = _state(tmp_path, two_generations, db, folder, backup)
    store.recover(out)
    for name in store.EXPORTS:
        assert not (out / f"{store.BACKUP_PREFIX}{name}").exists()
        if expected is None:
            assert not (out / name).exists()
        else:
            generation = store.sqlite_generation(two_generations[expected] / "dataset.sqlite")
            assert store.folder_generation(out / name) == generation
            assert store.sqlite_generation(out / "dataset.sqlite") == generation


# --- a full disk ----------------------------------------------------------------------------------------


def test_disk_full_during_the_sqlite_commit(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """SQLite's "database or disk is full" is no OSError: still one line, exit 1, the old dataset intact, no
    temporaries, and the cache entries the failed run wrote are gone again."""
    out = tmp_path / "out"
    run_pipeline(corpus, out, use_cache=False)
    before = (out / "dataset.sqlite").read_bytes()
    (corpus / "new.txt").write_text(TEXT.replace("план", "программу"), encoding="utf-8")

    def full(self):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise error

    monkeypatch.setattr(store.DatasetWriter, "commit", full)
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines() == [
        f"error: could not write the dataset into {out}: database or disk is full; the old one is intact"
    ]
    assert (out / "dataset.sqlite").read_bytes() == before
    assert not list(out.glob(f"{store.TMP_PREFIX}*")) and not list(out.rglob("*.tmp"))
    assert not list((out / "cache").rglob("*.json"))


def test_a_real_write_limit_is_one_line_too(corpus: Path, tmp_path: Path) -> None:
    """The file-size limit of the process (RLIMIT_FSIZE) stops SQLite at its commit, as a full disk does."""
    shutil.copy(paths.RAW / f"{RESOLUTION}.txt", corpus / "resolution.txt")
    out = tmp_path / "out"
    run_pipeline(corpus, out, use_cache=False)
    before = (out / "dataset.sqlite").read_bytes()
    limit = 160 * 1024  # the empty schema (152 KiB) fits; the rows, written at the commit, do not
    script = (
        "import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        "from pipeline.cli.main import app; sys.argv[0] = 'hpnlp'; app()"
    )
    command = [sys.executable, "-c", script, "run", "--corpus", str(corpus), "--out", str(out), "--no-cache"]
    result = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: could not write the dataset into {out}: ")
    assert line.endswith("; the old one is intact")
    assert (out / "dataset.sqlite").read_bytes() == before
    assert not list(out.glob(f"{store.TMP_PREFIX}*"))
