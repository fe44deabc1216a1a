"""`hpnlp search`: a lemmatised query finds every inflected form in the real units and highlights it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.search import SearchError, match_expression, search, snippet, word_marks
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


@pytest.mark.parametrize(
    ("lemmas", "phrase", "expected"),
    [
        (["министерство"], False, 'lemmas : ("министерство")'),
        (['"цитата"'], False, 'lemmas : ("""цитата""")'),
        (["план", "действие"], True, 'lemmas : ("план действие")'),
    ],
)
def test_match_expression(lemmas, phrase, expected):
    assert match_expression(lemmas, phrase) == expected


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
    assert "«министерство здравоохранения»: 3 units" in result.output
    empty = runner.invoke(app, ["search", "...", "--db", str(db)])
    assert empty.exit_code == 2
