"""`hpnlp query`: saved queries, views and both engines give the dataset's real rows."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import paths
from pipeline.analyst.query import QueryError, param_names, run_query, saved_queries
from pipeline.cli.main import app
from tests.conftest import optional

runner = CliRunner()


def rows(db: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_saved_query_files_are_named_and_described():
    queries = saved_queries()
    assert {
        "recommendations_per_addressee",
        "units_citing_act",
        "themes_per_document",
        "upcoming_deadlines",
        "organizations_aliases",
    } <= set(queries)
    files = sorted(paths.QUERIES.glob("*.sql"))
    assert len(files) == len(queries)
    for path in files:
        assert path.stem in queries, f"{path.name}: its -- name: header differs from the file name"
    for q in queries.values():
        assert q.description and q.title
        assert set(q.defaults) <= set(param_names(q.sql))


def test_recommendations_per_addressee(db):
    result = run_query(db, "recommendations_per_addressee", {})
    expected = rows(db, "SELECT count(DISTINCT rec_id) FROM addressees WHERE role = 'addressee'")[0][0]
    assert result.columns[:3] == ["addressee", "entity_id", "units"]
    assert result.rows, "no addressees in the dataset"
    assert sum(r[2] for r in result.rows) >= expected
    moh = [r for r in result.rows if r[1] == "kg-moh"]
    assert moh and moh[0][2] >= 2 and moh[0][0].startswith("Министерство здравоохранения")


def test_units_citing_act_by_number_and_title(db):
    number, title = rows(
        db,
        "SELECT number, title FROM legal_refs WHERE rec_id IS NOT NULL AND number IS NOT NULL "
        "AND title IS NOT NULL ORDER BY ref_id LIMIT 1",
    )[0]
    citing = {
        r[0]
        for r in rows(db, "SELECT rec_id FROM legal_refs WHERE number = ? AND rec_id IS NOT NULL", number)
    }
    by_number = run_query(db, "units_citing_act", {"act": number})
    assert citing <= {r[0] for r in by_number.rows}
    by_title = run_query(db, "units_citing_act", {"act": title.upper()[:12]})  # case-folded, Cyrillic too
    assert any(r[3] == title for r in by_title.rows)


def test_units_citing_act_matches_a_number_exactly(db):
    numbers = {
        r[0]
        for r in rows(db, "SELECT number FROM legal_refs WHERE rec_id IS NOT NULL AND number IS NOT NULL")
    }
    digit = next(iter(sorted("".join(numbers) or "1")))  # a digit some act number holds
    result = run_query(db, "units_citing_act", {"act": digit})
    assert {r[4] for r in result.rows} <= {digit}  # act № digit only, not every number holding it


def test_units_citing_act_needs_its_parameter(db):
    with pytest.raises(QueryError, match="--param act="):
        run_query(db, "units_citing_act", {})


def test_themes_per_document_counts_every_unit(db):
    result = run_query(db, "themes_per_document", {})
    per_doc: dict[str, int] = {}
    for row in result.rows:
        per_doc[row[0]] = per_doc.get(row[0], 0) + row[4]
    assert per_doc == dict(rows(db, "SELECT doc_id, count(*) FROM recommendations GROUP BY doc_id"))


def test_upcoming_deadlines(db, tmp_path):
    copy = Path(shutil.copy(db, tmp_path / "dataset.sqlite"))
    soon, past = (date.today() + timedelta(days=30)).isoformat(), "2001-01-01"
    rec_ids = [r[0] for r in rows(copy, "SELECT rec_id FROM recommendations ORDER BY rec_id LIMIT 2")]
    con = sqlite3.connect(copy)
    updates = zip((soon, past), rec_ids, strict=True)
    con.executemany("UPDATE recommendations SET deadline = ? WHERE rec_id = ?", updates)
    con.executescript(paths.FILL_SQL.read_text(encoding="utf-8"))  # deadline_date, as the store derives it
    con.commit()
    con.close()
    upcoming = run_query(copy, "upcoming_deadlines", {})
    assert [(r[0], r[1]) for r in upcoming.rows if r[1] in rec_ids] == [(soon, rec_ids[0])]
    since_2000 = run_query(copy, "upcoming_deadlines", {"since": "2000-01-01"})
    assert [r[1] for r in since_2000.rows if r[1] in rec_ids] == [rec_ids[1], rec_ids[0]]


def test_organizations_aliases(db):
    result = run_query(db, "organizations_aliases", {})
    assert len(result.rows) == rows(db, "SELECT count(*) FROM organizations")[0][0]
    moh = next(r for r in result.rows if r[0] == "kg-moh")
    assert "Минздрав КР" in moh[3].split("; ") and moh[4] >= 1


def test_recommendations_flat_view(db):
    flat = run_query(db, "SELECT rec_id, addressees, actions, refs, theme FROM recommendations_flat", {})
    assert len(flat.rows) == rows(db, "SELECT count(*) FROM recommendations")[0][0]
    rec_id, normalized = rows(
        db,
        "SELECT rec_id, normalized FROM addressees WHERE role = 'addressee' "
        "AND normalized IS NOT NULL ORDER BY rec_id LIMIT 1",
    )[0]
    row = next(r for r in flat.rows if r[0] == rec_id)
    assert normalized in row[1].split("; ")
    lemmas = {r[0] for r in rows(db, "SELECT lemma FROM actions WHERE rec_id = ?", rec_id)}
    assert all(any(part.startswith(lemma) for part in (row[2] or "").split("; ")) for lemma in lemmas)


def test_references_by_act_view(db):
    acts = run_query(db, "SELECT ref_type, title, number, date, mentions, rec_ids FROM references_by_act", {})
    assert sum(r[4] for r in acts.rows) == rows(db, "SELECT count(*) FROM legal_refs")[0][0]
    for ref_type, title, number, _, _, rec_ids in acts.rows:
        if title and number:
            cited = rows(
                db,
                "SELECT DISTINCT rec_id FROM legal_refs WHERE title = ? AND number = ? AND rec_id "
                "IS NOT NULL AND ref_type = ?",
                title,
                number,
                ref_type,
            )
            assert {r[0] for r in cited} == set((rec_ids or "").split(",")) - {""}


def rounded(result) -> list[tuple]:
    """Rows as they come, in their order; floats rounded (the engines round halves differently)."""
    return [tuple(round(v, 2) if isinstance(v, float) else v for v in row) for row in result.rows]


VIEWS = ["recommendations_flat", "references_by_act", "citations", "most_cited_acts", "amendments"]


@pytest.mark.parametrize("name", sorted(saved_queries()) + VIEWS)
def test_duckdb_gives_the_same_rows(db, name):
    optional("duckdb")
    given = {"act": "Закон", "since": "2000-01-01"}
    text = name if name in saved_queries() else f"SELECT * FROM {name}"
    lite, duck = run_query(db, text, given), run_query(db, text, given, engine="duckdb")
    assert duck.columns == lite.columns
    assert rounded(duck) == rounded(lite)  # same rows, same order, lists concatenated in the same order


def test_cli_formats(db):
    table = runner.invoke(app, ["query", "recommendations_per_addressee", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "Министерство здравоохранения Кыргызской Республики" in table.output and "rows" in table.output
    as_json = runner.invoke(
        app,
        [
            "query",
            "SELECT rec_id, item FROM recommendations WHERE item = :item",
            "--param",
            "item=1",
            "--format",
            "json",
            "--db",
            str(db),
        ],
    )
    assert as_json.exit_code == 0, as_json.output
    records = json.loads(as_json.output)
    assert records and all(r["item"] == "1" for r in records)
    as_csv = runner.invoke(app, ["query", "themes_per_document", "--format", "csv", "--db", str(db)])
    assert as_csv.output.splitlines()[0] == "doc_id,doc_type,date,theme,units,mean_score"
    excel = runner.invoke(app, ["query", "recommendations_per_addressee", "--excel", "--db", str(db)])
    assert excel.stdout_bytes.startswith(b"\xef\xbb\xbfaddressee,entity_id,units")
    assert "Министерство здравоохранения".encode() in excel.stdout_bytes
    ndjson = runner.invoke(
        app, ["query", "SELECT rec_id, seq FROM recommendations", "--format", "ndjson", "--db", str(db)]
    )
    lines = [json.loads(line) for line in ndjson.output.splitlines()]
    assert len(lines) == rows(db, "SELECT count(*) FROM recommendations")[0][0] and "seq" in lines[0]
    wrong = runner.invoke(app, ["query", "SELECT 1", "--format", "json", "--excel", "--db", str(db)])
    assert wrong.exit_code == 2 and "--excel goes with csv" in wrong.output


def test_cli_table_keeps_a_row_on_a_line(db):
    result = runner.invoke(
        app, ["query", "SELECT rec_id, text, seq FROM recommendations", "--max-width", "20", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    body = [line for line in result.output.splitlines() if line.count("│") == 4]
    assert len(body) == rows(db, "SELECT count(*) FROM recommendations")[0][0]  # no row wraps into a wall
    assert all(len(cell) <= 22 for line in body for cell in line.split("│")[1:-1])  # cut at --max-width
    seq = [line.split("│")[3] for line in body]
    assert all(cell[:-1] == cell[:-1].rstrip() for cell in seq)  # numbers right-aligned


def test_cli_list_and_errors(db):
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0 and "units_citing_act" in listed.output and "--param act=" in listed.output
    unknown = runner.invoke(app, ["query", "no_such_query", "--db", str(db)])
    assert unknown.exit_code == 2 and "no saved query" in unknown.output
    bad_sql = runner.invoke(app, ["query", "SELECT * FROM nowhere", "--db", str(db)])
    assert bad_sql.exit_code == 2 and "no such table" in bad_sql.output
    no_db = runner.invoke(app, ["query", "SELECT 1", "--db", str(db.parent / "absent.sqlite")])
    assert no_db.exit_code == 2 and "make run" in no_db.output
