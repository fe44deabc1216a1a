"""The SQL functions of the analysts' connections: lemmas() lemmatises a query as the FTS index was built."""

from __future__ import annotations

import sqlite3

import pytest

from pipeline.analyst.sql_functions import lemma_query, match_expression, register_functions
from pipeline.nlp.morph import lemmatize


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


@pytest.mark.parametrize(
    ("query", "indexed"),
    [
        ("министерство здравоохранения", "Поручить Министерству здравоохранения провести проверку"),
        ("план мероприятий", "утвердить планы мероприятий по вакцинации"),
        ("Фонд", "средства фондов обязательного страхования"),
    ],
)
def test_nominative_query_finds_inflected_forms_through_lemmas(query, indexed):
    con = sqlite3.connect(":memory:")
    register_functions(con)
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(text, lemmas)")
    con.execute("INSERT INTO fts VALUES (?, ?)", (indexed, " ".join(lemmatize(indexed))))  # as the store does
    assert con.execute("SELECT count(*) FROM fts WHERE fts MATCH lemmas(?)", (query,)).fetchone()[0] == 1
    as_written = "SELECT count(*) FROM fts WHERE fts MATCH 'text : (' || ? || ')'"
    assert con.execute(as_written, (query,)).fetchone()[0] == 0  # the words as typed miss the inflected text


def test_lower_and_upper_fold_cyrillic_and_empty_queries_give_null():
    con = sqlite3.connect(":memory:")
    register_functions(con)
    assert con.execute("SELECT lower('Закон № 5'), upper('ёж')").fetchone() == ("закон № 5", "ЁЖ")
    assert con.execute("SELECT lemmas('…'), lemmas(NULL)").fetchone() == (None, None)
    assert lemma_query("министерства", phrase=1) == 'lemmas : ("министерство")'
