"""A whole run over bad input: a bug in one document is an error row and the others go on; every bad file is
one line on stderr and one row of the errors table; the exit code says so (issue 7)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline.execution.run
from pipeline.cli.main import app
from pipeline.execution.run import run_pipeline
from tests.conftest import RAW, RESOLUTION
from tests.odd_inputs import DOCUMENTS, FAILURES, RU, locked_open, make, vanishing


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


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    """`hpnlp run` over every bad and odd input plus one real resolution: (CLI result, out folder)."""
    corpus = tmp_path_factory.mktemp("bad_corpus")
    out = tmp_path_factory.mktemp("bad_out")
    for name in (*DOCUMENTS, *FAILURES):
        make(corpus, name)
    shutil.copy(RAW / f"{RESOLUTION}.txt", corpus / "resolution.txt")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "open", locked_open(Path.open))
        mp.setattr(pipeline.execution.run, "ingest_file", vanishing(pipeline.execution.run.ingest_file))
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


@pytest.mark.slow
def test_two_megabyte_line_runs_through_the_whole_pipeline(tmp_path: Path) -> None:
    """About two minutes and 1.7 GB: a real resolution, 150 times over, as one line."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    one_line = (RAW / f"{RESOLUTION}.txt").read_text(encoding="utf-8").replace("\n", " ")
    (corpus / "line.txt").write_text((one_line * (2_000_000 // len(one_line) + 1))[:2_000_000])
    report = run_pipeline(corpus, tmp_path / "out", use_cache=False)
    assert report.documents == 1 and not report.errors
