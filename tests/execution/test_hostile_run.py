"""A whole run over hostile files (issue 13): names of any bytes, HTML edge cases, bad cache entries; each
case is a row, at most one escaped stderr line, no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app
from pipeline.execution.cache import StageCache
from pipeline.store.outputs import MANIFEST
from tests.hostile_inputs import MIB, TEXT, rows


def test_any_file_name_becomes_a_row_with_an_escaped_id(hostile) -> None:
    result, out = hostile
    assert result.exit_code == 3 and "Traceback" not in result.output, result.output
    documents = dict(rows(out, "SELECT doc_id, source FROM documents"))
    errors = {row[0]: row[1:] for row in rows(out, "SELECT doc_id, source, kind FROM errors")}
    assert errors == {
        "bad\\xff\\xfe": ("bad\\xff\\xfe.txt", "empty"),
        "new\\nline": ("new\nline.txt", "empty"),  # the raw name in `source`, escaped in the id
    }
    assert documents["esc\\x1b[31mred"] == "esc\x1b[31mred.txt"
    assert documents['"><img src=x onerror=alert(1)>'] == '"><img src=x onerror=alert(1)>.txt'
    assert {"aspnet", "unclosed_head", "resolution"} <= set(documents)


def test_printed_names_are_escaped_one_line_each(hostile) -> None:
    result, _ = hostile
    lines = result.stderr.splitlines()
    assert lines == [
        "bad\\xff\\xfe.txt: ingest failed (empty): no text after cleaning: the file is empty (0 bytes)",
        "new\\nline.txt: ingest failed (empty): no text after cleaning: the file is empty (0 bytes)",
    ]
    assert "\x1b" not in result.output


def test_html_in_a_form_or_after_an_unclosed_head_keeps_its_text(hostile) -> None:
    _, out = hostile
    texts = dict(rows(out, "SELECT doc_id, text FROM documents WHERE doc_id IN ('aspnet', 'unclosed_head')"))
    assert "Поручить Министерству здравоохранения" in texts["aspnet"] and "dDwt" not in texts["aspnet"]
    assert texts["unclosed_head"].startswith("1. Утвердить план") and "Приказ" not in texts["unclosed_head"]
    units = rows(out, "SELECT doc_id FROM recommendations WHERE doc_id IN ('aspnet', 'unclosed_head')")
    assert {u[0] for u in units} == {"aspnet", "unclosed_head"}


# --- the cache ---------------------------------------------------------------------------------------

BAD_ENTRIES = {
    "empty list": "[]",
    "null": "null",
    "empty object": "{}",
    "truncated": '{"version": "',
    "wrong version": json.dumps({"version": "0", "extraction": {"documents": [{}]}}),
    "old layout": json.dumps({"documents": []}),
    "no document": None,  # filled in from a real entry
    "rows not objects": None,
}


@pytest.fixture(scope="module")
def cached_run(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("cache_corpus")
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT.replace("план", "программу"), encoding="utf-8")
    out = tmp_path_factory.mktemp("cache_out")
    assert CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)]).exit_code == 0
    return corpus, out, rows(out, "SELECT * FROM recommendations ORDER BY rec_id")


def _bad(kind: str, good: dict) -> str:
    if kind == "no document":
        return json.dumps({**good, "extraction": {**good["extraction"], "documents": []}})
    if kind == "rows not objects":
        return json.dumps({**good, "extraction": {**good["extraction"], "recommendations": [[1, 2]]}})
    return BAD_ENTRIES[kind]


@pytest.mark.parametrize("kind", sorted(BAD_ENTRIES))
def test_a_cache_entry_of_the_wrong_shape_is_a_miss(cached_run, kind: str) -> None:
    corpus, out, expected = cached_run
    entries = sorted((out / "cache").rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text(_bad(kind, json.loads(entry.read_text(encoding="utf-8"))), encoding="utf-8")
    (out / MANIFEST).unlink(missing_ok=True)  # else the unchanged corpus is up to date: the cache goes unread
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0 and not result.stderr and "Traceback" not in result.output, result.output
    assert rows(out, "SELECT * FROM recommendations ORDER BY rec_id") == expected
    assert all(StageCache(out / "cache").get(e.parent.parent.parent.name, e.stem) for e in entries)


def test_files_over_the_limit_are_not_hashed_for_the_cache(tmp_path: Path, monkeypatch) -> None:
    """A 20 MiB text is refused at 16 MiB without being read, with the cache on too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with (corpus / "huge.txt").open("wb") as f:
        f.truncate(20 * MIB)
    (corpus / "small.txt").write_text(TEXT, encoding="utf-8")
    hashed = []
    real = StageCache.key
    monkeypatch.setattr(
        StageCache, "key", staticmethod(lambda d, s, p: hashed.append(p.name) or real(d, s, p))
    )
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and hashed == ["small.txt"]
    assert result.stderr.splitlines() == [
        "huge.txt: ingest failed (too_large): too large: 20.0 MiB, over the 16 MiB limit "
        "(pipeline.ingest.read.MAX_BYTES)"
    ]


# --- minor items ------------------------------------------------------------------------------------


def test_ingest_stage_leaves_no_temporary_behind(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "ingested"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"bad\xff\xfe.txt"), "wb") as f:
        f.write(TEXT.encode())
    result = CliRunner().invoke(app, ["ingest", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert sorted(p.name for p in out.iterdir()) == ["bad\\xff\\xfe.json"]
