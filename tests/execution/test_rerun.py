"""Re-runs (issue 14): an unchanged corpus is answered from the manifest without loading a model or writing
anything; any change (a file, the code, the model, the dataset's own files) gives the dataset a run from
scratch would write."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.execution.cache as cache_module
import pipeline.execution.manifest as manifest_module
import pipeline.execution.run as run
from pipeline import paths
from pipeline.cli.main import app
from pipeline.errors import error_row
from pipeline.execution import corpus as corpus_module
from pipeline.execution.corpus import iter_corpus
from pipeline.execution.manifest import RACY_NS, check_dataset
from pipeline.nlp.morph import lemmatize
from pipeline.store import writer as writer_module
from pipeline.store.lock import OutputLock
from pipeline.store.outputs import MANIFEST, read_manifest
from pipeline.store.writer import sqlite_generation
from pipeline.themes.classify import ModelMissingError
from tests.conftest import RAW, processed_ids, table_rows
from tests.hostile_inputs import rows

TEXT = "ПОСТАНОВЛЕНИЕ\n1. Рекомендовать Министерству здравоохранения разработать план.\n"
ADDED = "\n2. Рекомендовать Министерству финансов провести аудит больниц."
HEAVY = {"sklearn", "joblib", "natasha", "spacy", "pandas", "pyarrow", "pipeline.execution.run"}


def _run(corpus: Path, out: Path, *extra: str):
    return CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), *extra])


def _disk(out: Path) -> dict[str, tuple[int, int]]:
    """(modification time, inode) of every file of the dataset: a rewrite changes them."""
    files = [out / "dataset.sqlite", *sorted((out / "parquet").iterdir()), *sorted((out / "csv").iterdir())]
    return {str(p.relative_to(out)): (p.stat().st_mtime_ns, p.stat().st_ino) for p in files}


def _from_scratch(corpus: Path, out: Path) -> dict[str, list[tuple]]:
    """The tables of a run with neither manifest nor cache over the corpus as it is now."""
    result = _run(corpus, out, "--no-cache")
    assert result.exit_code in (0, 3), result.output
    return table_rows(out)


def _csv(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "csv").iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Four real documents and the output folder of their first `hpnlp run` (cache and manifest)."""
    corpus = tmp_path_factory.mktemp("rerun_corpus")
    for path in sorted(RAW.rglob("*.txt"))[:4]:
        shutil.copy2(path, corpus / path.name)
    out = tmp_path_factory.mktemp("rerun_out")
    result = _run(corpus, out)
    assert result.exit_code == 0 and "4 documents processed" in result.stdout, result.output
    return corpus, out


@pytest.fixture
def copied(first: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the corpus and of its output folder (times kept: the copy counts as unchanged)."""
    corpus, out = first
    return shutil.copytree(corpus, tmp_path / "corpus"), shutil.copytree(out, tmp_path / "out")


def test_an_unchanged_corpus_writes_nothing(copied, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, out = copied
    before = _disk(out)
    processed = processed_ids(monkeypatch)
    for _ in range(2):  # the first answer refreshes the copied files' stats in the manifest, the second reads
        result = _run(corpus, out)  # no file at all
        assert result.exit_code == 0 and not result.stderr, result.output
        assert (
            result.stdout
            == f"dataset is up to date: 4 documents, 0 failed; nothing to do ({out / 'dataset.sqlite'})\n"
        )
    assert _disk(out) == before and processed == []


def test_the_answer_loads_no_model_and_reads_no_unchanged_file(copied, monkeypatch) -> None:
    corpus, out = copied
    assert check_dataset(iter_corpus(corpus), out).fresh  # the copy's new inodes are recorded
    read: list[str] = []
    real = corpus_module.fingerprint
    monkeypatch.setattr(corpus_module, "fingerprint", lambda p, size: read.append(p.name) or real(p, size))
    assert check_dataset(iter_corpus(corpus), out).fresh and read == []
    code = (
        "import sys\nfrom pipeline.cli.main import app\n"
        f"try:\n    app(['run', '--corpus', {str(corpus)!r}, '--out', {str(out)!r}])\n"
        "except SystemExit as exc:\n    print('exit', exc.code)\n"
        f"print(sorted({HEAVY!r} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("dataset is up to date") and lines[1:] == ["exit 0", "[]"], done


def test_an_edited_document_is_processed_again(copied, tmp_path: Path, monkeypatch) -> None:
    corpus, out = copied
    edited = sorted(corpus.glob("*.txt"))[1]
    edited.write_text(edited.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    processed = processed_ids(monkeypatch)
    lemmatized: list[str] = []  # the other units' full-text lemmas come from the previous dataset
    monkeypatch.setattr(writer_module, "lemmatize", lambda text: lemmatized.append(text) or lemmatize(text))
    result = _run(corpus, out)
    assert result.exit_code == 0 and "4 documents processed" in result.stdout, result.output
    assert processed == [edited.stem]
    assert lemmatized and all("аудит больниц" in text for text in lemmatized), lemmatized
    texts = rows(out, f"SELECT text FROM recommendations WHERE doc_id = '{edited.stem}'")
    assert any("аудит больниц" in text for (text,) in texts), texts
    assert table_rows(out) == _from_scratch(corpus, tmp_path / "scratch")
    assert _csv(out) == _csv(tmp_path / "scratch")
    assert "up to date" in _run(corpus, out).stdout


def test_a_file_touched_but_unchanged_is_up_to_date(copied, monkeypatch) -> None:
    corpus, out = copied
    before = _disk(out)
    touched = sorted(corpus.glob("*.txt"))[0]
    touched.write_bytes(touched.read_bytes())  # a save without an edit: a new time
    processed = processed_ids(monkeypatch)
    result = _run(corpus, out)
    assert result.exit_code == 0 and "up to date" in result.stdout, result.output
    assert _disk(out) == before and processed == []
    recorded = {row[0]: row for row in read_manifest(out)["files"]}
    assert recorded[touched.name][3] == touched.stat().st_mtime_ns  # the manifest knows the new time


def test_an_edit_that_keeps_size_and_time_right_after_a_run_is_seen(tmp_path: Path) -> None:
    """A file written moments before the run may change again within its timestamp's granule: its recorded
    fingerprint is not trusted, it is read (git's "racy" entries)."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    doc = corpus / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert _run(corpus, out).exit_code == 0
    stat = doc.stat()
    assert read_manifest(out)["scanned_ns"] - RACY_NS <= stat.st_mtime_ns
    doc.write_text(TEXT.replace("план", "указ"), encoding="utf-8")  # same size in bytes
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert doc.stat().st_size == stat.st_size and doc.stat().st_ino == stat.st_ino
    assert not check_dataset(iter_corpus(corpus), out).fresh


@pytest.mark.parametrize("what", ["extraction", "classifier"])
def test_a_change_of_code_or_model_runs_again(copied, what: str, monkeypatch) -> None:
    corpus, out = copied
    before, generation = table_rows(out), sqlite_generation(out / "dataset.sqlite")
    name = {"extraction": "extraction_version", "classifier": "classify_version"}[what]
    for module in (manifest_module, cache_module):
        monkeypatch.setattr(module, name, lambda: "another version")
    processed = processed_ids(monkeypatch)
    result = _run(corpus, out)
    assert result.exit_code == 0 and "4 documents processed" in result.stdout, result.output
    assert len(processed) == (4 if what == "extraction" else 0)  # a new model only classifies again
    assert sqlite_generation(out / "dataset.sqlite") != generation and table_rows(out) == before
    assert "up to date" in _run(corpus, out).stdout


def test_a_stale_model_is_reported_not_hidden(copied, monkeypatch) -> None:
    corpus, out = copied
    before = _disk(out)

    def stale(*args, **kwargs):
        raise ModelMissingError("theme model is stale: the labelled data changed since training")

    monkeypatch.setattr(manifest_module, "checked_card", stale)
    monkeypatch.setattr(run, "checked_card", stale)
    result = _run(corpus, out)
    assert result.exit_code == 2 and "theme model is stale" in result.stderr, result.output
    assert _disk(out) == before


def test_a_removed_file_takes_its_rows_with_it(copied, tmp_path: Path, monkeypatch) -> None:
    corpus, out = copied
    removed = sorted(corpus.glob("*.txt"))[2]
    removed.unlink()
    processed = processed_ids(monkeypatch)
    result = _run(corpus, out)
    assert result.exit_code == 0 and "3 documents processed" in result.stdout, result.output
    assert processed == []
    tables = table_rows(out)
    assert removed.stem not in {row[0] for row in tables["documents"]}
    assert not [row for table in tables.values() for row in table if removed.stem in map(str, row)]
    assert tables == _from_scratch(corpus, tmp_path / "scratch")


def test_added_edited_and_removed_at_once_equal_a_run_from_scratch(
    copied, tmp_path: Path, monkeypatch
) -> None:
    corpus, out = copied
    docs = sorted(corpus.glob("*.txt"))
    docs[0].unlink()
    docs[3].write_text(docs[3].read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    (corpus / "000_new.txt").write_text(TEXT, encoding="utf-8")
    processed = processed_ids(monkeypatch)
    assert _run(corpus, out).exit_code == 0
    assert sorted(processed) == sorted(["000_new", docs[3].stem])
    assert table_rows(out) == _from_scratch(corpus, tmp_path / "scratch")
    assert _csv(out) == _csv(tmp_path / "scratch")


DAMAGE = {
    "no manifest": lambda out: (out / MANIFEST).unlink(),
    "a corrupt manifest": lambda out: (out / MANIFEST).write_text(
        '{"format": 1, "files": [[', encoding="utf-8"
    ),
    "a manifest of another layout": lambda out: (out / MANIFEST).write_text(
        json.dumps({**read_manifest(out), "format": 0}), encoding="utf-8"
    ),
    "manifest entries of the wrong shape": lambda out: (out / MANIFEST).write_text(
        json.dumps({**read_manifest(out), "files": [["a.txt", "a", "big", 1, 2, None]]}), encoding="utf-8"
    ),
    "no dataset.sqlite": lambda out: (out / "dataset.sqlite").unlink(),
    "a CSV file gone": lambda out: (out / "csv" / "documents.csv").unlink(),
    "dataset.sqlite written to": lambda out: os.utime(out / "dataset.sqlite"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_manifest_or_dataset_gets_a_normal_run(copied, damage: str) -> None:
    corpus, out = copied
    before = table_rows(out) if (out / "dataset.sqlite").exists() else None
    DAMAGE[damage](out)
    result = _run(corpus, out)
    assert result.exit_code == 0 and "4 documents processed" in result.stdout, result.output
    assert (out / "csv" / "documents.csv").exists() and table_rows(out) == before
    assert "up to date" in _run(corpus, out).stdout


def test_no_cache_forces_a_full_run(copied, monkeypatch) -> None:
    corpus, out = copied
    processed = processed_ids(monkeypatch)
    result = _run(corpus, out, "--no-cache")
    assert result.exit_code == 0 and "4 documents processed" in result.stdout, result.output
    assert len(processed) == 4


def test_a_locked_folder_is_reported_even_when_up_to_date(copied) -> None:
    corpus, out = copied
    before = _disk(out)
    lock = OutputLock(out)  # another run, as far as this one can tell
    try:
        result = _run(corpus, out)
    finally:
        lock.release()
    assert result.exit_code == 2 and "another run (pid" in result.stderr, result.output
    assert _disk(out) == before


def test_failures_are_reported_again_with_exit_3(tmp_path: Path, monkeypatch) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    first = _run(corpus, out)
    assert first.exit_code == 3 and "1 documents processed, 1 failed" in first.stdout, first.output
    before = _disk(out)
    processed = processed_ids(monkeypatch)
    again = _run(corpus, out)
    assert again.exit_code == 3 and again.stderr == first.stderr
    assert again.stdout.startswith("dataset is up to date: 1 documents, 1 failed; nothing to do")
    assert _disk(out) == before and processed == []


def test_a_failure_of_the_moment_is_tried_again(tmp_path: Path, monkeypatch) -> None:
    """Out of memory, a crashed worker, an unreadable file: not the file's fault, so no repeat from the
    manifest; the next run processes the document again."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(TEXT, encoding="utf-8")
    real = run.extract_one
    with monkeypatch.context() as patch:
        patch.setattr(
            run,
            "extract_one",
            lambda ingested, *a: error_row(
                ingested.document.doc_id, ingested.document.source, "extract", MemoryError()
            ),
        )
        assert _run(corpus, out).exit_code == 3
    assert run.extract_one is real
    assert check_dataset(iter_corpus(corpus), out).reason == "a failure to try again"
    result = _run(corpus, out)
    assert result.exit_code == 0 and "1 documents processed, 0 failed" in result.stdout, result.output
