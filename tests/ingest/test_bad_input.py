"""Bad input gets a clear ingest error, quickly; odd but readable input becomes a document (issue 7)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import read as ingest
from pipeline.ingest.read import discover, ingest_file
from tests.odd_inputs import DOCUMENTS, FAILURES, locked_open, make


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_odd_input_becomes_a_document(tmp_path: Path, name: str) -> None:
    _, language, encoding, warning, fragment = DOCUMENTS[name]
    doc = ingest_file(make(tmp_path, name), Path(name).stem, name).document
    assert (doc.language, doc.encoding) == (language, encoding)
    assert fragment in doc.text and "\x00" not in doc.text
    assert (warning is None and doc.warnings is None) or (warning and warning in doc.warnings)


@pytest.mark.parametrize("name", sorted(set(FAILURES) - {"locked.txt", "vanishing.txt"}))
def test_bad_input_is_a_clear_ingest_error(tmp_path: Path, name: str) -> None:
    path = make(tmp_path, name)
    assert (path.stem, path) in discover(tmp_path), "bad files are reported, never skipped"
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        ingest_file(path, path.stem, name)
    assert caught.value.kind == FAILURES[name][1] and "\n" not in caught.value.message
    assert time.perf_counter() - started < 5, "a refused file must be refused quickly"


def test_fifty_megabytes_are_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path, "huge.txt")
    monkeypatch.setattr(ingest, "decode_bytes", lambda data: pytest.fail("the 50 MB text was decoded"))
    with pytest.raises(IngestError, match=r"too large: 50\.\d MiB, over the 16 MiB limit"):
        ingest_file(path, "huge", "huge.txt")


def test_text_over_the_character_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 50)
    with pytest.raises(IngestError, match="characters of text, over the limit") as caught:
        ingest_file(make(tmp_path, "word.docx"), "word", "word.docx")
    assert caught.value.kind == "too_large"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "open", locked_open(Path.open))
    with pytest.raises(IngestError, match="no permission to read the file") as caught:
        ingest_file(make(tmp_path, "locked.txt"), "locked", "locked.txt")
    assert caught.value.kind == "permission"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; the simulated test covers it")
def test_permission_denied_real(tmp_path: Path) -> None:
    path = make(tmp_path, "locked.txt")
    path.chmod(0)
    with pytest.raises(IngestError, match="no permission"):
        ingest_file(path, "locked", "locked.txt")


def test_file_vanishing_after_discovery(tmp_path: Path) -> None:
    make(tmp_path, "vanishing.txt")
    [(doc_id, path)] = discover(tmp_path)
    path.unlink()
    with pytest.raises(IngestError, match="vanished") as caught:
        ingest_file(path, doc_id, "vanishing.txt")
    assert caught.value.kind == "missing"
