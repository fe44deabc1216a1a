"""`hpnlp acts` and the act views on the corpus dataset: every mention has an act and a relation, no act is
listed twice, an act prints with its mentions and the documents citing it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.acts import ActError, act_view
from pipeline.cli.main import app
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
