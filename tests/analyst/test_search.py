"""`hpnlp search`: a lemmatised query finds every inflected form in the real units and highlights it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.search import SearchError, find, headline, search, snippet, word_marks
from pipeline.cli.main import app

runner = CliRunner()


def units_containing(db: Path, phrase: str) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {
            r[0]
            for r in con.execute("SELECT rec_id FROM recommendations WHERE instr(text, ?) > 0", (phrase,))
        }
    finally:
        con.close()


def test_query_in_nominative_finds_the_dative(db):
    dative = units_containing(db, "Министерству здравоохранения")
    assert dative, "the corpus has units addressed «Министерству здравоохранения»"
    hits = search(db, "министерство здравоохранения", limit=500)
    assert dative <= {h.rec_id for h in hits}
    hit = next(h for h in hits if h.rec_id in dative)
    forms = [hit.text[a:b] for a, b in hit.marks]
    assert "Министерству" in forms and "здравоохранения" in forms
    assert hit.doc_title and hit.item


def test_every_hit_holds_every_lemma(db):
    hits = search(db, "рекомендовать министерству", limit=500)
    assert hits
    for hit in hits:
        forms = {hit.text[a:b].lower() for a, b in hit.marks}
        assert any(f.startswith("рекоменд") for f in forms) and any(
            f.startswith("министерств") for f in forms
        )


def test_phrase_search_keeps_word_order(db):
    words = {h.rec_id for h in search(db, "здравоохранения министерству", limit=500)}
    in_order = {h.rec_id for h in search(db, "министерству здравоохранения", limit=500, phrase=True)}
    reversed_ = {h.rec_id for h in search(db, "здравоохранения министерству", limit=500, phrase=True)}
    assert units_containing(db, "Министерству здравоохранения") <= in_order <= words
    assert reversed_ < words


def test_best_match_first(db):
    hits = search(db, "министерство здравоохранения", limit=500)
    assert [h.score for h in hits] == sorted(h.score for h in hits)


def test_total_counts_every_match_not_only_those_shown(db):
    everything = find(db, "министерство здравоохранения", limit=500)
    first_two = find(db, "министерство здравоохранения", limit=2)
    assert len(first_two.hits) == 2 and first_two.total == everything.total == len(everything.hits) > 2
    assert headline(first_two, "x") == f"«x»: {everything.total} units, the first 2 shown"


def test_word_marks_and_snippet():
    text = "Органам здравоохранения и Министерством здравоохранения поручено"
    marks = word_marks(text, {"министерство", "здравоохранение"})
    assert [text[a:b] for a, b in marks] == ["здравоохранения", "Министерством", "здравоохранения"]
    fragment, shifted = snippet(text, marks, width=30)
    assert all(fragment[a:b] in {"здравоохранения", "Министерством"} for a, b in shifted)


def test_search_errors(db, tmp_path):
    with pytest.raises(SearchError, match="no words"):
        search(db, "«…»")
    with pytest.raises(SearchError, match="make run"):
        search(tmp_path / "absent.sqlite", "план")


def test_cli_prints_document_item_and_snippet(db):
    result = runner.invoke(app, ["search", "министерство здравоохранения", "--limit", "3", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Министерству здравоохранения" in result.output
    total = find(db, "министерство здравоохранения").total
    assert f"«министерство здравоохранения»: {total} units, the first 3 shown" in result.output
    empty = runner.invoke(app, ["search", "...", "--db", str(db)])
    assert empty.exit_code == 2


@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson"])
def test_cli_formats_carry_the_hits(db, fmt):
    result = runner.invoke(
        app, ["search", "министерство здравоохранения", "--format", fmt, "--limit", "4", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    hits = find(db, "министерство здравоохранения", limit=4).hits
    out = result.stdout
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
    else:
        rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert [r["rec_id"] for r in rows] == [h.rec_id for h in hits]
    assert all(r["matched"].lower().startswith("министерств") and r["text"] for r in rows)
    assert "units, the first 4 shown" in result.stderr
