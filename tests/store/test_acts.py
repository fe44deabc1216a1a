"""Acts across documents: one act_id for one act wherever it is cited, ids that stay when documents are added,
a document linked to the documents citing it."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline.execution.run import run_pipeline
from pipeline.records import Act
from pipeline.store.acts import ActIndex, _Local, local_keys

DECREE = (
    "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n"
    "от 19 февраля 2019 года № 64\n"
    "О мерах по обеспечению лекарственными средствами\n"
    "В соответствии с Законом Кыргызской Республики «Об охране здоровья граждан» Правительство "
    "Кыргызской Республики постановляет:\n"
    "1. Министерству здравоохранения Кыргызской Республики обеспечить закупку лекарственных "
    "средств.\n"
)

ORDER = (
    "ПРИКАЗ МИНИСТЕРСТВА ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n"
    "от 3 марта 2019 года № 120\n"
    "Во исполнение постановления Правительства Кыргызской Республики от 19 февраля 2019 года № "
    "64 «О мерах по обеспечению лекарственными средствами» приказываю:\n"
    "1. Руководителям организаций здравоохранения обеспечить учет лекарственных средств.\n"
    "2. Признать утратившим силу приказ Министерства здравоохранения Кыргызской Республики от 5 "
    "мая 2015 года № 11.\n"
)

AMENDING = (
    "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n"
    "от 1 июня 2020 года № 210\n"
    "О внесении изменений в постановление Правительства Кыргызской Республики от 19 февраля "
    "2019 года № 64\n"
    "В соответствии с Законом Кыргызской Республики «Об охране здоровья граждан» Правительство "
    "Кыргызской Республики постановляет:\n"
    "1. Внести в постановление Правительства Кыргызской Республики «О мерах по обеспечению "
    "лекарственными средствами» от 19 февраля 2019 года № 64 следующие изменения: пункт 1 "
    "изложить в новой редакции.\n"
)

LATER = (
    "ПРИКАЗ МИНИСТЕРСТВА ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n"
    "от 9 сентября 2021 года № 400\n"
    "В соответствии с постановлением Правительства Кыргызской Республики от 1 июня 2020 года № "
    "210 и Законом Кыргызской Республики «Об охране здоровья граждан» приказываю:\n"
    "1. Руководителям организаций здравоохранения представить отчеты.\n"
)


def _run(corpus: Path, out: Path) -> sqlite3.Connection:
    report = run_pipeline(corpus, out, use_cache=False)
    assert not report.errors, report.errors
    return sqlite3.connect(out / "dataset.sqlite")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    """The dataset of three made-up documents, and of the same three with a fourth added."""
    corpus = tmp_path_factory.mktemp("acts_corpus")
    for name, text in (("a_decree.txt", DECREE), ("b_order.txt", ORDER), ("c_amending.txt", AMENDING)):
        (corpus / name).write_text(text, encoding="utf-8")
    before = _run(corpus, tmp_path_factory.mktemp("before"))
    bigger = tmp_path_factory.mktemp("acts_corpus_bigger")
    shutil.copytree(corpus, bigger, dirs_exist_ok=True)
    (bigger / "d_later.txt").write_text(LATER, encoding="utf-8")
    return before, _run(bigger, tmp_path_factory.mktemp("after"))


def _ids(con: sqlite3.Connection) -> dict[tuple, str]:
    """Each mention's act id, and each document's, by where it stands."""
    refs = con.execute("SELECT doc_id, start, act_id FROM legal_refs").fetchall()
    docs = con.execute("SELECT doc_id, 'document', act_id FROM documents").fetchall()
    return {(d, s): a for d, s, a in refs + docs}


def test_the_same_act_cited_in_two_documents_has_one_id(runs) -> None:
    con = runs[0]
    decree = con.execute("SELECT act_id FROM documents WHERE doc_id = 'a_decree'").fetchone()[0]
    citing = con.execute("SELECT DISTINCT doc_id FROM legal_refs WHERE act_id = ?", (decree,)).fetchall()
    assert sorted(d for (d,) in citing) == ["b_order", "c_amending"]
    law = con.execute(
        "SELECT count(DISTINCT act_id) FROM legal_refs WHERE title = 'Об охране здоровья граждан'"
    )
    assert law.fetchone()[0] == 1


def test_ids_do_not_change_when_a_document_is_added(runs) -> None:
    before, after = (_ids(con) for con in runs)
    assert before and all(after[key] == act for key, act in before.items())


def test_views_link_documents(runs) -> None:
    con = runs[1]
    rows = con.execute("SELECT act_id FROM most_cited_acts").fetchall()
    assert len(rows) == len(set(rows))
    top = con.execute("SELECT doc_id, citing_documents FROM most_cited_acts LIMIT 2").fetchall()
    assert top == [(None, 3), ("a_decree", 2)]  # the law (no document of the corpus), the decree
    edges = con.execute("SELECT doc_id, relation, cited_doc_id FROM citations WHERE cited_doc_id IS NOT NULL")
    assert sorted(edges.fetchall()) == [
        ("b_order", "implements", "a_decree"),
        ("c_amending", "amends", "a_decree"),
        ("d_later", "basis", "c_amending"),
    ]
    amended = con.execute("SELECT doc_id, relation, cited_doc_id FROM amendments ORDER BY doc_id").fetchall()
    assert amended == [("b_order", "repeals", None), ("c_amending", "amends", "a_decree")]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def _act(title: str | None, number: str | None = None, date: str | None = None) -> Act:
    return Act(
        act_id="x:act:1", ref_type="law", title=title, date=date, number=number, issuer=None,
        jurisdiction="KG", n_mentions=1, n_documents=1,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("act", "titles", "kinds"),
    [
        (_act("Об охране здоровья", "14", "2005-01-09"), {"Об охране здоровья"}, ["dated", "title"]),
        (_act("Закон Кыргызской Республики", "14"), set(), ["number"]),  # a label is no title
        (_act("Закон «О здоровье»"), {"Закон «О здоровье»"}, ["title"]),
        (_act("Закон Кыргызской Республики"), set(), ["document"]),
    ],
)
def test_keys_an_act_is_known_by(act: Act, titles: set[str], kinds: list[str]) -> None:
    assert [k[0] for k in local_keys(act, "x", titles)] == kinds


@pytest.mark.parametrize(
    "acts",
    [
        # one title, three numbers, no dates: kept apart, and the dates alone cannot tell them apart
        [_act("О здравоохранении", "5"), _act("О здравоохранении", "7"), _act("О здравоохранении", "9")],
        [_act("О здравоохранении", "5", "2001-01-01"), _act("О здравоохранении", "7", "2001-01-01")],
    ],
)
def test_acts_kept_apart_never_share_an_id(acts: list[Act]) -> None:
    """Found by `make fuzz` (issue 13): a shared id aborted the whole run at the commit (UNIQUE act_id)."""
    index = ActIndex()
    for k, act in enumerate(acts):
        local = dataclasses.replace(act, act_id=f"d{k}:act:1")
        index.locals.append(_Local(f"d{k}", local, local_keys(local, f"d{k}", {act.title})))
    rows, mapping = index.resolve()
    assert len({r.act_id for r in rows}) == len(rows) == len(acts) == len(set(mapping.values()))


def test_unnamed_acts_of_one_document_stay_apart() -> None:
    """«НПА» in one item and «НПА» in another are two acts of the document (the resolver keeps them apart),
    and the store must not join them by their shared label."""
    index = ActIndex()
    for n in (1, 2):
        act = dataclasses.replace(_act("НПА"), act_id=f"d:act:{n}", ref_type="generic", jurisdiction=None)
        index.locals.append(_Local("d", act, local_keys(act, "d", set())))
    rows, mapping = index.resolve()
    assert len(rows) == 2 and mapping["d:act:1"] != mapping["d:act:2"]


def test_an_act_is_named_by_a_printed_title_not_a_longer_label() -> None:
    """One document prints the act's title, another cites it by kind, date and number only: the act's title is
    the printed one, not the longer label built from the bare citation."""
    index = ActIndex()
    named = dataclasses.replace(_act("О здоровье", "14", "2005-01-09"), act_id="a:act:1")
    bare = dataclasses.replace(
        named, act_id="b:act:1", title="Закон Кыргызской Республики от 9 января 2005 года № 14"
    )
    index.locals.append(_Local("a", named, local_keys(named, "a", {named.title}), printed=True))
    index.locals.append(_Local("b", bare, local_keys(bare, "b", set())))
    (row,), mapping = index.resolve()
    assert row.title == named.title and mapping["a:act:1"] == mapping["b:act:1"]


EDITED = (
    "ПРИКАЗ МИНИСТЕРСТВА ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n"
    "от 3 марта 2019 года № 120\n"
    "О мерах по учету лекарственных средств\n"
    "(в редакции приказа Министерства здравоохранения Кыргызской Республики от 5 мая 2020 года № 44)\n\n"
    "В соответствии с Законом Кыргызской Республики от 9 января 2005 года № 6 «Об охране здоровья граждан» "
    "(в редакции Закона Кыргызской Республики от 2 июля 2018 года № 70) приказываю:\n"
    "1. Руководителям организаций здравоохранения обеспечить учет лекарственных средств.\n"
)


def test_amendments_read_an_edition_note_as_the_act_it_names_changing(tmp_path: Path) -> None:
    """«X (в редакции Y)»: Y changed X (not the document Y's note stands in); a note on the document's own
    heading: Y changed the document."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b_order.txt").write_text(EDITED, encoding="utf-8")
    con = _run(corpus, tmp_path / "out")
    rows = con.execute(
        "SELECT x.relation, b.number, a.number, x.act_id = x.doc_act_id FROM amendments x"
        " JOIN acts a ON a.act_id = x.act_id JOIN acts b ON b.act_id = x.by_act_id ORDER BY b.number"
    ).fetchall()
    assert rows == [("amends", "44", "120", 1), ("amends", "70", "6", 0)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
