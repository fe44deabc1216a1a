"""Usage errors of `hpnlp run`: a clear one-line message and exit code 2, before any model loads."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import errors, paths
from pipeline.cli.main import app

DOCS = paths.ROOT / "docs" / "errors.md"


def _run(*args: str):
    return CliRunner().invoke(app, ["run", *args])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "doc.txt").write_text("1. Рекомендовать Министерству здравоохранения разработать план.\n")
    return folder


def _assert_usage_error(result, pattern: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert re.search(pattern, result.stderr), result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_missing_corpus(tmp_path: Path) -> None:
    _assert_usage_error(
        _run("--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "out")),
        r"^error: corpus folder not found: .*nope",
    )


def test_corpus_is_a_file(corpus: Path, tmp_path: Path) -> None:
    _assert_usage_error(
        _run("--corpus", str(corpus / "doc.txt"), "--out", str(tmp_path / "out")),
        r"corpus is not a folder: .*doc\.txt",
    )


def test_empty_corpus(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / ".hidden.txt").write_text("скрытый")
    (empty / "README.md").write_text("описание")
    _assert_usage_error(
        _run("--corpus", str(empty), "--out", str(tmp_path / "out")), r"corpus folder has no input files"
    )


@pytest.mark.parametrize("inside", ["out", ".", "sub/deeper"])
def test_output_inside_the_corpus(corpus: Path, inside: str) -> None:
    _assert_usage_error(
        _run("--corpus", str(corpus), "--out", str(corpus / inside)),
        r"output folder .* lies inside the corpus",
    )


def test_output_is_a_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    target.write_text("not a folder")
    _assert_usage_error(_run("--corpus", str(corpus), "--out", str(target)), r"output .*dataset is a file")


def test_output_under_a_file(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    _assert_usage_error(
        _run("--corpus", str(corpus), "--out", str(tmp_path / "file" / "out")),
        r"output folder .* is not writable: Not a directory",
    )


def test_unwritable_output_simulated(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, chmod cannot make a folder unwritable; refuse the probe file instead."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    _assert_usage_error(
        _run("--corpus", str(corpus), "--out", str(tmp_path / "out")),
        r"output folder .*out is not writable: Permission denied",
    )


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into a read-only folder; the simulated test covers it"
)
def test_unwritable_output_real(corpus: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    _assert_usage_error(_run("--corpus", str(corpus), "--out", str(locked)), r"is not writable")


def test_bad_option_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    result = _run("--corpus", str(corpus), "--out", str(tmp_path / "out"), "--workers", "0")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_docs_list_every_error_kind_and_exit_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [kind for kind in errors.KINDS if f"`{kind}`" not in text]
    assert not missing, f"docs/errors.md does not describe {missing}"
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\|\s*`?{code}`?\s*\|", text, re.M), f"exit code {code} is not in the table"
