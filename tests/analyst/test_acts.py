"""`hpnlp acts` and the act views on the corpus dataset: every mention has an act and a relation, no act is
listed twice, an act prints with its mentions, the documents citing it and the amendments either way; the
citation graph's edges point from the act that made a change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.acts import ActError, act_view
from pipeline.analyst.graph import citation_edges
from pipeline.cli.main import app
from pipeline.execution.run import run_pipeline
from pipeline.references.relations import RELATIONS


@pytest.fixture(scope="module")
def con(db: Path):
    connection = sqlite3.connect(db)
    yield connection
    connection.close()


def test_every_mention_has_an_act_and_a_relation(con) -> None:
    rows = con.execute("SELECT act_id, relation FROM legal_refs").fetchall()
    assert rows and all(act and relation in RELATIONS for act, relation in rows)
    counted = con.execute(
        "SELECT count(*) FROM acts a"
        " WHERE n_mentions != (SELECT count(*) FROM legal_refs l WHERE l.act_id = a.act_id)"
    )
    assert counted.fetchone()[0] == 0


def test_most_cited_acts_lists_no_act_twice(con) -> None:
    ids = [r[0] for r in con.execute("SELECT act_id FROM most_cited_acts")]
    assert ids and len(ids) == len(set(ids))


def test_an_act_prints_with_its_mentions_and_citing_documents(db: Path, con) -> None:
    act_id, title = con.execute("SELECT act_id, title FROM most_cited_acts LIMIT 1").fetchone()
    result = CliRunner().invoke(app, ["acts", act_id[:-2], "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert act_id in result.output and title[:20] in result.output
    citing = con.execute("SELECT doc_id FROM citations WHERE act_id = ?", (act_id,)).fetchone()[0]
    assert citing in result.output


def test_an_unknown_act_is_an_error(db: Path) -> None:
    with pytest.raises(ActError, match="no act"):
        act_view(db, "law:nothing")
    assert CliRunner().invoke(app, ["acts", "law:nothing", "--db", str(db)]).exit_code != 0


FLU = "О мерах по профилактике гриппа"
# An act, the act that amends it, and an order citing it «в редакции» of the amending act: the order changes
# neither, the amending act changes the first.
EDITED = {
    "a_decree.txt": (
        "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nот 10 марта 2021 года № 90\n"
        f"{FLU}\nПравительство Кыргызской Республики постановляет:\n"
        "1. Министерству здравоохранения Кыргызской Республики обеспечить вакцинацию населения.\n"
    ),
    "b_amending.txt": (
        "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nот 2 июня 2022 года № 150\n"
        "О внесении изменений в постановление Правительства Кыргызской Республики от 10 марта 2021 года "
        "№ 90\nПравительство Кыргызской Республики постановляет:\n"
        f"1. Внести в постановление Правительства Кыргызской Республики «{FLU}» от 10 марта 2021 года № 90 "
        "следующие изменения: пункт 1 изложить в новой редакции.\n"
    ),
    "c_order.txt": (
        "ПРИКАЗ МИНИСТЕРСТВА ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nот 5 сентября 2022 года № 310\n"
        "О вакцинации против гриппа\nВо исполнение постановления Правительства Кыргызской Республики от 10 "
        "марта 2021 года № 90 (в редакции постановления Правительства Кыргызской Республики от 2 июня 2022 "
        "года № 150) приказываю:\n1. Руководителям организаций здравоохранения обеспечить вакцинацию.\n"
    ),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The dataset of the three documents above, and each document's act id."""
    corpus = tmp_path_factory.mktemp("edited_corpus")
    for name, text in EDITED.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("edited")
    report = run_pipeline(corpus, out, use_cache=False)
    assert not report.errors, report.errors
    with sqlite3.connect(out / "dataset.sqlite") as connection:
        acts = dict(connection.execute("SELECT doc_id, act_id FROM documents"))
    return out / "dataset.sqlite", acts


def _show(db: Path, act_id: str) -> str:
    result = CliRunner().invoke(app, ["acts", act_id, "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.output


def test_an_act_prints_the_acts_that_changed_it(edited) -> None:
    db, acts = edited
    view = act_view(db, acts["a_decree"])
    assert {(r["other_id"], r["other_doc_id"], r["relation"]) for r in view.changed_by} == {
        (acts["b_amending"], "b_amending", "amends")
    }
    assert view.changed == []
    output = _show(db, acts["a_decree"])
    assert "changed or repealed by 1 act" in output and "changed or repealed no act" in output
    assert acts["b_amending"] in output


def test_an_act_prints_the_acts_it_changed_and_its_edition_notes(edited) -> None:
    db, acts = edited
    view = act_view(db, acts["b_amending"])
    assert {(r["other_id"], r["other_doc_id"]) for r in view.changed} == {(acts["a_decree"], "a_decree")}
    assert {r["doc_id"] for r in view.changed} == {"b_amending", "c_order"}  # its own text and the note
    (note,) = view.mentions
    assert (note["doc_id"], note["relation"], note["edition_of"]) == ("c_order", "amends", acts["a_decree"])
    output = _show(db, acts["b_amending"])
    assert "changed or repealed 1 act" in output and "edition of" in output and acts["a_decree"] in output
    assert "amends (edition note)" in output  # the order that cites it so amends nothing


def test_citation_edges_point_from_the_act_that_made_a_change(edited) -> None:
    db, acts = edited
    edges = {(e.source, e.target, e.relation) for e in citation_edges(db)}
    assert ("b_amending", "a_decree", "amends") in edges
    assert ("c_order", "a_decree", "implements") in edges
    assert not any(source == "c_order" and relation == "amends" for source, _, relation in edges)


def test_every_amendment_is_an_edge_from_the_act_that_made_it(db: Path, con) -> None:
    edges = {(e.source, e.target, e.relation) for e in citation_edges(db)}
    rows = con.execute("SELECT doc_id, by_act_id, by_doc_id, act_id, cited_doc_id, relation FROM amendments")
    for doc_id, by_act, by_doc, act, cited_doc, relation in rows:
        source = by_doc or by_act or doc_id
        assert (source, cited_doc or act, relation) in edges
    citing = con.execute("SELECT doc_id, coalesce(cited_doc_id, act_id), relation FROM citations")
    assert {c for c in citing if c[2] not in ("amends", "repeals")} <= edges
