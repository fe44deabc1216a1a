"""The project's Datasette plugin, in process (no browser): lemma search, facets with names, report pages."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pipeline.analyst import datadict
from pipeline.analyst.search import find
from tests.conftest import RESOLUTION, optional

MOH = "Министерство здравоохранения Кыргызской Республики"


@pytest.fixture(scope="module")
def get(db: Path):
    """GET a path of Datasette serving the session's dataset with the generated metadata and the plugin."""
    app = optional("datasette.app")
    meta = datadict.datasette_metadata(datadict.dictionary(), datadict.saved_queries(), db.stem)
    ds = app.Datasette([str(db)], metadata=meta, plugins_dir=str(datadict.PLUGIN_DIR))

    def fetch(path: str, **params):
        url = path + ("?" + urlencode(params) if params else "")
        return asyncio.run(ds.client.get(url))

    return fetch


def test_search_lemmatises_the_query(get, db):
    response = get(
        "/dataset/recommendations.json", _search="министерство здравоохранения", _shape="array", _size="max"
    )
    assert response.status_code == 200, response.text
    found = {r["rec_id"] for r in response.json()}
    assert found == {h.rec_id for h in find(db, "министерство здравоохранения", limit=1000).hits}
    con = sqlite3.connect(db)
    dative = {
        r[0] for r in con.execute("SELECT rec_id FROM recommendations WHERE text LIKE '%Министерству%'")
    }
    con.close()
    assert dative and dative <= found


def test_search_box_shows_on_the_units_and_nowhere_else(get):
    assert 'name="_search"' in get("/dataset/recommendations").text
    assert 'name="_search"' in get("/dataset/recommendations_flat").text
    assert 'name="_search"' not in get("/dataset/addressees").text


def test_default_facets_show_organisation_names(get):
    data = get("/dataset/addressees.json").json()
    facets = data["facet_results"]
    assert {"role", "entity_id"} <= set(facets)
    labels = {v["label"] for v in facets["entity_id"]["results"]}
    assert MOH in labels and "kg-moh" not in labels
    flat = get("/dataset/recommendations_flat.json").json()["facet_results"]
    assert {"theme", "modality", "doc_type", "addressee_orgs"} <= set(flat)


def test_units_come_in_document_order(get):
    rows = get("/dataset/recommendations.json", _shape="array", _size="max", doc_id=RESOLUTION).json()
    assert [r["rec_id"] for r in rows] == [f"{RESOLUTION}:{n}" for n in range(1, len(rows) + 1)]


def test_units_link_to_their_report(get):
    page = get("/dataset/recommendations", doc_id=RESOLUTION).text
    assert f'href="/-/hpnlp/report/dataset/{RESOLUTION}#u-{RESOLUTION}-1"' in page
    report = get(f"/-/hpnlp/report/dataset/{RESOLUTION}")
    assert report.status_code == 200 and 'class="hpnlp-report"' in report.text
    assert get("/-/hpnlp/report/dataset/no-such-document").status_code == 404


def test_canned_query_folds_cyrillic_case(get, db):
    con = sqlite3.connect(db)
    title = con.execute(
        "SELECT title FROM legal_refs WHERE title IS NOT NULL AND rec_id IS NOT NULL"
    ).fetchone()[0]
    con.close()
    rows = get("/dataset/units_citing_act.json", act=title.upper(), _shape="array").json()
    assert rows and all(r["act_title"] == title for r in rows)


def test_generated_metadata_wires_the_plugin():
    meta = json.loads(datadict.METADATA_JSON.read_text(encoding="utf-8"))
    tables = meta["databases"]["dataset"]["tables"]
    assert tables["recommendations"]["sort"] == "seq"
    assert tables["organizations"]["label_column"] == "name"
    assert {"array": "addressee_orgs"} in tables["recommendations_flat"]["facets"]
    assert {"ref_type", "relation", "jurisdiction"} <= set(tables["legal_refs"]["facets"])
    assert tables["acts"]["label_column"] == "title"  # legal_refs.act_id shows the act's title
    assert set(meta["plugins"]["hpnlp"]["lemma_search"]["tables"]) == {
        "recommendations",
        "recommendations_flat",
    }
    charts = meta["plugins"]["datasette-dashboards"]["overview"]["charts"]
    assert all(c["db"] == "dataset" for c in charts.values())
