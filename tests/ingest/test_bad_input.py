"""Bad input gets a clear error, nothing is lost, and the output is atomic and reproducible (issue 7)."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.execution.run
from pipeline import paths
from pipeline.cli.main import app
from pipeline.errors import IngestError
from pipeline.execution.run import run_pipeline
from pipeline.ingest import read as ingest
from pipeline.ingest.read import discover, ingest_file
from pipeline.segment.structure import MAX_SENTENCE, segment_document
from pipeline.store import writer as store
from tests.conftest import NEWS, RAW, RESOLUTION

RU = "РЕЗОЛЮЦИЯ\n1. Рекомендовать Министерству здравоохранения Кыргызской Республики разработать план.\n"
KY = "Кыргыз Республикасынын Саламаттык сактоо министрлиги өкмөттүн токтомун аткарууга милдеттүү.\n"
EN = "The Ministry of Health shall develop a national vaccination plan by 2025.\n"


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for line in RU.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "заметки")
    return buffer.getvalue()


# file → (bytes, language, encoding, a warning's words or None, a fragment of the cleaned text)
DOCUMENTS = {
    "cp1251.txt": (RU.encode("cp1251"), "ru", "cp1251", None, "Рекомендовать Министерству"),
    "utf16_bom.txt": (RU.encode("utf-16"), "ru", "utf-16", None, "Рекомендовать Министерству"),
    "utf16_le.txt": (RU.encode("utf-16-le"), "ru", "utf-16-le", None, "Рекомендовать Министерству"),
    "utf16_be.txt": (RU.encode("utf-16-be"), "ru", "utf-16-be", None, "Рекомендовать Министерству"),
    "broken_utf8.txt": (
        RU.encode()[:41] + b"\xff" + RU.encode()[41:],
        "ru",
        "utf-8",
        "U+FFFD",
        "разработать",
    ),
    "kyrgyz.txt": (KY.encode(), "ky", "utf-8", "language is ky, not Russian", "Саламаттык сактоо"),
    "english.txt": (EN.encode(), "en", "utf-8", "language is en, not Russian", "Ministry of Health"),
    "latin_m.txt": (
        "Mинистерство здравоохранения разработает план.".encode(),
        "ru",
        "utf-8",
        None,
        "Министерство здравоохранения",
    ),
    "invisible.txt": (
        "Министерство\u00a0здравоохранения\u200b\u2060 разработает\u202fплан.".encode(),
        "ru",
        "utf-8",
        None,
        "Министерство здравоохранения разработает план.",
    ),
    "soft_hyphen.txt": (
        "Про\u00adграмма здраво\u00adохранения.".encode(),
        "ru",
        "utf-8",
        None,
        "Программа здравоохранения.",
    ),
    "control.txt": (RU.replace(" ", " \x00", 2).encode(), "ru", "utf-8", None, "Рекомендовать Министерству"),
    "word.docx": (_docx(), "ru", "docx", None, "1. Рекомендовать Министерству"),
}
# file → (bytes, the errors.kind it gets); the last four are made by `_make_special`.
FAILURES = {
    "empty.txt": (b"", "empty"),
    "blank.md": (" \n\t\r\n\u00a0\u200b \n".encode(), "empty"),
    "junk.txt": (random.Random(1).randbytes(4000), "encoding"),
    "fake.docx": (b"This is plain text with a .docx name.", "bad_docx"),
    "archive.docx": (_zip(), "bad_docx"),
    "scan.pdf": (b"%PDF-1.4 binary", "unsupported"),
    "huge.txt": (None, "too_large"),
    "loop.txt": (None, "bad_link"),
    "dangling.txt": (None, "bad_link"),
    "locked.txt": (RU.encode(), "permission"),
    "vanishing.txt": (RU.encode(), "missing"),
}


def _make_special(folder: Path, name: str) -> None:
    """The 50 MB text and the two broken symbolic links."""
    if name == "huge.txt":
        line = ("Рекомендовать Министерству здравоохранения разработать план. " * 20 + "\n").encode()
        with (folder / name).open("wb") as f:
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                f.write(line)
    elif name == "loop.txt":
        (folder / "loop.txt").symlink_to("loop.txt")
    elif name == "dangling.txt":
        (folder / "dangling.txt").symlink_to("nowhere.txt")


def _make(folder: Path, name: str) -> Path:
    data = DOCUMENTS[name][0] if name in DOCUMENTS else FAILURES[name][0]
    if data is None:
        _make_special(folder, name)
    else:
        (folder / name).write_bytes(data)
    return folder / name


def _locked_open(real):
    """Path.open refusing `locked.txt`: as root, chmod 000 does not stop a read."""

    def fake(self, mode="r", *args, **kwargs):
        if self.name == "locked.txt" and "r" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, mode, *args, **kwargs)

    return fake


def _vanishing(real):
    """ingest_file that finds `vanishing.txt` deleted between discovery and reading."""

    def fake(path: Path, doc_id: str, source: str):
        if path.name == "vanishing.txt":
            path.unlink(missing_ok=True)
        return real(path, doc_id, source)

    return fake


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_odd_input_becomes_a_document(tmp_path: Path, name: str) -> None:
    _, language, encoding, warning, fragment = DOCUMENTS[name]
    doc = ingest_file(_make(tmp_path, name), Path(name).stem, name).document
    assert (doc.language, doc.encoding) == (language, encoding)
    assert fragment in doc.text and "\x00" not in doc.text
    assert (warning is None and doc.warnings is None) or (warning and warning in doc.warnings)


@pytest.mark.parametrize("name", sorted(set(FAILURES) - {"locked.txt", "vanishing.txt"}))
def test_bad_input_is_a_clear_ingest_error(tmp_path: Path, name: str) -> None:
    path = _make(tmp_path, name)
    assert (path.stem, path) in discover(tmp_path), "bad files are reported, never skipped"
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        ingest_file(path, path.stem, name)
    assert caught.value.kind == FAILURES[name][1] and "\n" not in caught.value.message
    assert time.perf_counter() - started < 5, "a refused file must be refused quickly"


def test_fifty_megabytes_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _make(tmp_path, "huge.txt")
    monkeypatch.setattr(ingest, "decode_bytes", lambda data: pytest.fail("the 50 MB text was decoded"))
    with pytest.raises(IngestError, match=r"too large: 50\.\d MiB, over the 16 MiB limit"):
        ingest_file(path, "huge", "huge.txt")


def test_text_over_the_character_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 50)
    with pytest.raises(IngestError, match="characters of text, over the limit") as caught:
        ingest_file(_make(tmp_path, "word.docx"), "word", "word.docx")
    assert caught.value.kind == "too_large"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "open", _locked_open(Path.open))
    with pytest.raises(IngestError, match="no permission to read the file") as caught:
        ingest_file(_make(tmp_path, "locked.txt"), "locked", "locked.txt")
    assert caught.value.kind == "permission"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the simulated test covers it")
def test_permission_denied_real(tmp_path: Path) -> None:
    path = _make(tmp_path, "locked.txt")
    path.chmod(0)
    with pytest.raises(IngestError, match="no permission"):
        ingest_file(path, "locked", "locked.txt")


def test_file_vanishing_after_discovery(tmp_path: Path) -> None:
    _make(tmp_path, "vanishing.txt")
    [(doc_id, path)] = discover(tmp_path)
    path.unlink()
    with pytest.raises(IngestError, match="vanished") as caught:
        ingest_file(path, doc_id, "vanishing.txt")
    assert caught.value.kind == "missing"


@pytest.mark.parametrize("sentence", ["Принять план. ", "министерство здравоохранения разработать "])
def test_two_megabyte_line_is_ingested_and_segmented(tmp_path: Path, sentence: str) -> None:
    """The fast suite stops before the NLP models (2 MB is a minute of parsing); the slow run goes on."""
    path = tmp_path / "line.txt"
    path.write_text((sentence * (2_000_000 // len(sentence) + 1))[:2_000_000], encoding="utf-8")
    started = time.perf_counter()
    document = ingest_file(path, "line", "line.txt").document
    sentences = segment_document(document).sentences
    assert time.perf_counter() - started < 30
    assert "\n" not in document.text and len(document.text) > 1_900_000
    assert sentences and max(b - a for a, b in sentences) <= MAX_SENTENCE


def test_a_bug_is_an_internal_error_row_and_the_others_go_on(tmp_path: Path, monkeypatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(RU, encoding="utf-8")
    run = pipeline.execution.run
    real_segment, real_extract = run.segment_document, run.extract_document

    def segment(document):
        if document.doc_id == "a":
            raise ValueError("segmenter bug\nsecond line")
        return real_segment(document)

    def extract(document, structure, doc):
        if document.doc_id == "b":
            raise KeyError("extractor bug")
        return real_extract(document, structure, doc)

    monkeypatch.setattr(pipeline.execution.run, "segment_document", segment)
    monkeypatch.setattr(run, "extract_document", extract)
    a, b, c = run.process_chunk([(p.stem, p, p.name) for p in sorted(tmp_path.glob("*.txt"))])
    assert (a.stage, a.kind, a.message) == ("ingest", "internal", "ValueError: segmenter bug")
    assert (b.stage, b.kind, b.message) == ("extract", "internal", "KeyError: 'extractor bug'")
    assert c.document.doc_id == "c" and c.recommendations


# --- a whole run over a corpus of bad inputs -------------------------------------------------------


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    """`hpnlp run` over every bad and odd input plus one real resolution: (CLI result, out folder)."""
    corpus = tmp_path_factory.mktemp("bad_corpus")
    out = tmp_path_factory.mktemp("bad_out")
    for name in (*DOCUMENTS, *FAILURES):
        _make(corpus, name)
    shutil.copy(RAW / f"{RESOLUTION}.txt", corpus / "resolution.txt")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "open", _locked_open(Path.open))
        mp.setattr(pipeline.execution.run, "ingest_file", _vanishing(pipeline.execution.run.ingest_file))
        result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    return result, out


def test_bad_inputs_exit_3_with_one_line_each(bad_run) -> None:
    result, _ = bad_run
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    for name, (_, kind) in FAILURES.items():
        mine = [line for line in lines if line.startswith(f"{name}: ingest failed ({kind}): ")]
        assert len(mine) == 1, (name, lines)
    n_docs = len(DOCUMENTS) + 1
    assert f"{n_docs} documents processed, {len(FAILURES)} failed" in result.stdout


def test_bad_inputs_are_rows_of_the_errors_table(bad_run) -> None:
    _, out = bad_run
    con = sqlite3.connect(out / "dataset.sqlite")
    rows = con.execute("SELECT doc_id, source, stage, kind, message FROM errors").fetchall()
    assert {source: (doc_id, stage, kind) for doc_id, source, stage, kind, _ in rows} == {
        name: (Path(name).stem, "ingest", kind) for name, (_, kind) in FAILURES.items()
    }
    assert all(message and "\n" not in message for *_, message in rows)


def test_odd_inputs_are_documents_and_the_real_one_is_extracted(bad_run) -> None:
    _, out = bad_run
    con = sqlite3.connect(out / "dataset.sqlite")
    got = {
        row[0]: row[1:] for row in con.execute("SELECT source, language, encoding, warnings FROM documents")
    }
    assert set(got) == {*DOCUMENTS, "resolution.txt"}
    for name, (_, language, encoding, warning, _) in DOCUMENTS.items():
        assert got[name][:2] == (language, encoding)
        assert (warning or "") in (got[name][2] or "")
    n_units = con.execute("SELECT count(*) FROM recommendations WHERE doc_id = 'resolution'").fetchone()[0]
    assert n_units >= 20


# --- atomic output: SIGKILL at random moments ----------------------------------------------------------


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


@pytest.mark.slow
def test_two_megabyte_line_runs_through_the_whole_pipeline(tmp_path: Path) -> None:
    """About two minutes and 1.7 GB: a real resolution, 150 times over, as one line."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    one_line = (RAW / f"{RESOLUTION}.txt").read_text(encoding="utf-8").replace("\n", " ")
    (corpus / "line.txt").write_text((one_line * (2_000_000 // len(one_line) + 1))[:2_000_000])
    report = run_pipeline(corpus, tmp_path / "out", use_cache=False)
    assert report.documents == 1 and not report.errors


# --- reproducible output ---------------------------------------------------------------------------


def _tables(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows in storage order (row order is part of what must not change)."""
    con = sqlite3.connect(out / "dataset.sqlite")
    out_ = {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in store.TABLES}
    out_["fts"] = con.execute("SELECT * FROM recommendations_fts ORDER BY rowid").fetchall()
    return out_


@pytest.fixture(scope="module")
def corpus20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty real documents (two chunks of work) and three bad ones."""
    corpus = tmp_path_factory.mktemp("corpus20")
    sources = sorted(RAW.rglob("*.txt"))
    for k in range(20):
        src = sources[k % len(sources)]
        shutil.copy(src, corpus / f"{k:02d}_{src.name}")
    for name in ("empty.txt", "junk.txt", "kyrgyz.txt"):
        _make(corpus, name)
    return corpus


@pytest.fixture(scope="module")
def baseline(corpus20: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    out = tmp_path_factory.mktemp("baseline")
    run_pipeline(corpus20, out, use_cache=False)
    return _tables(out)


def test_two_runs_give_identical_tables(corpus20: Path, baseline, tmp_path: Path) -> None:
    run_pipeline(corpus20, tmp_path, use_cache=True)  # fresh, and fills the cache
    assert _tables(tmp_path) == baseline
    run_pipeline(corpus20, tmp_path, use_cache=True)  # every document from the cache
    assert _tables(tmp_path) == baseline


def test_ids_survive_an_unrelated_new_document(corpus20: Path, baseline, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus20, corpus)
    shutil.copy(RAW / f"{NEWS}.txt", corpus / "000_first_in_order.txt")  # shifts every chunk boundary
    run_pipeline(corpus, tmp_path / "out", use_cache=False)
    now = _tables(tmp_path / "out")
    for table, rows in baseline.items():
        assert [r for r in now[table] if "000_first_in_order" not in map(str, r)] == rows, table


def test_two_workers_give_identical_tables(corpus20: Path, baseline, tmp_path: Path) -> None:
    run_pipeline(corpus20, tmp_path, workers=2, use_cache=False)
    assert _tables(tmp_path) == baseline
