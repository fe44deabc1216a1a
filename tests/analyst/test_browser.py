"""In headless Chromium: Datasette as an analyst meets it, the report, and the report inside the notebook."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.analyst.search import find
from tests.analyst.conftest import SCREENSHOTS
from tests.conftest import RESOLUTION, optional

MOH = "Министерство здравоохранения Кыргызской Республики"  # kg-moh in the registry


def wait_for(driver, css: str, timeout: float = 15):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def facets(driver) -> dict[str, str]:
    """Facet name → the text of its list, as the page shows them."""
    found = {}
    for block in driver.find_elements("css selector", ".facet-info"):
        name = (
            block.get_attribute("data-column") or block.find_element("css selector", "strong").text.split()[0]
        )
        found[name] = block.text
    return found


def screenshot(driver, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert driver.save_screenshot(str(path))
    return path


def one_value(db: Path, sql: str, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def test_units_page_has_facets_document_order_and_folded_descriptions(browser, server):
    browser.get(f"{server}/dataset/recommendations")
    table = wait_for(browser, "table.rows-and-columns")
    shown = facets(browser)
    assert {"theme", "modality"} <= set(shown), shown
    assert "Directive units" in browser.find_element("tag name", "body").text  # the table's description
    details = browser.find_element("css selector", "details.hpnlp-descriptions")
    assert details.get_attribute("open") is None and details.size["height"] < 40  # one line, rows come first
    ids = [a.text for a in table.find_elements("css selector", "td.col-rec_id a, td.type-pk a")][:12]
    first = [i for i in ids if i.startswith(f"{RESOLUTION}:")]
    assert first == [f"{RESOLUTION}:{n}" for n in range(1, len(first) + 1)], ids  # :1, :2 … not :1, :10
    screenshot(browser, "units.png")


def test_units_view_facets_on_organisation_names(browser, server):
    browser.get(f"{server}/dataset/recommendations_flat")
    wait_for(browser, "table.rows-and-columns")
    shown = facets(browser)
    assert {"theme", "modality", "doc_type", "addressee_orgs"} <= set(shown), shown
    assert MOH in shown["addressee_orgs"]


def test_addressees_show_organisation_names_not_ids(browser, server):
    browser.get(f"{server}/dataset/addressees")
    table = wait_for(browser, "table.rows-and-columns")
    shown = facets(browser)
    assert MOH in shown["entity_id"] and "kg-moh" not in shown["entity_id"]
    labels = [a.text for a in table.find_elements("css selector", "td.col-entity_id a")]
    assert MOH in labels


def test_search_box_finds_dative_forms_of_a_nominative_query(browser, server, db):
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server}/dataset/recommendations")
    box = wait_for(browser, "input#_search")
    box.clear()
    box.send_keys("министерство здравоохранения", Keys.ENTER)
    table = wait_for(browser, "table.rows-and-columns")
    assert "any form of" in browser.find_element("tag name", "h3").text
    total = find(db, "министерство здравоохранения").total
    assert f"{total} rows" in browser.find_element("tag name", "h3").text
    assert "Министерству здравоохранения" in table.text  # the dative form, found from the nominative


def test_row_page_lists_columns_one_under_another(browser, server):
    browser.get(f"{server}/dataset/documents/{RESOLUTION}")
    table = wait_for(browser, "table.hpnlp-vertical")
    text_cell = next(
        r.find_element("tag name", "td")
        for r in table.find_elements("tag name", "tr")
        if r.find_element("tag name", "th").text == "text"
    )
    assert text_cell.size["width"] > 600  # the text reads across the page, not in one narrow column
    screenshot(browser, "document-row.png")


def test_unit_links_to_its_highlighted_report(browser, server):
    browser.get(f"{server}/dataset/recommendations?doc_id={RESOLUTION}")
    link = wait_for(browser, "td.col-item a.hpnlp-report-link")
    href = link.get_attribute("href")
    assert f"/-/hpnlp/report/dataset/{RESOLUTION}#u-{RESOLUTION}-" in href
    browser.get(href)
    wait_for(browser, "article.hp-text")
    assert browser.find_element("css selector", f"#{href.split('#')[1]}")
    chip = browser.execute_script(
        "const el = document.querySelector('.m[data-labels]');"
        "return [el.dataset.labels, getComputedStyle(el, '::after').content];"
    )
    assert chip[0] and chip[1] not in ("none", "normal", "")  # the label is drawn in the text, not on hover


def test_dashboard_draws_its_charts(browser, server):
    browser.get(f"{server}/-/dashboards/overview")
    wait_for(browser, ".vega-embed svg, .vega-embed canvas", timeout=30)
    charts = browser.execute_script(
        "return [...document.querySelectorAll('.vega-embed svg, .vega-embed canvas')]"
        ".map(e => e.getBoundingClientRect().width).filter(w => w > 100).length"
    )
    assert charts >= 4
    screenshot(browser, "dashboard.png")


def test_canned_query_matches_act_numbers_exactly(browser, server, db):
    number = one_value(db, "SELECT number FROM legal_refs WHERE number IS NOT NULL AND rec_id IS NOT NULL")
    browser.get(f"{server}/dataset/units_citing_act?act={quote(number)}")
    table = wait_for(browser, "table.rows-and-columns")
    numbers = {td.text for td in table.find_elements("css selector", "td.col-act_number")}
    assert numbers == {number}
    browser.get(f"{server}/dataset/units_citing_act?act=2")  # not every number holding a «2»
    wait_for(browser, "form.sql")
    numbers = {td.text for td in browser.find_elements("css selector", "td.col-act_number")}
    assert numbers <= {"2"}


@pytest.fixture(scope="module")
def notebook_page(executed_notebook, tmp_path_factory) -> Path:
    """The executed notebook as JupyterLab renders it: nbconvert's lab template carries JupyterLab's CSS."""
    nbconvert = optional("nbconvert")
    exporter = nbconvert.HTMLExporter(template_name="lab")
    html, _ = exporter.from_notebook_node(executed_notebook)
    page = tmp_path_factory.mktemp("notebook") / "explore.html"
    page.write_text(html, encoding="utf-8")
    return page


def test_report_renders_inside_the_notebook_without_overlapping_columns(browser, notebook_page):
    browser.get(notebook_page.as_uri())
    report = wait_for(browser, ".jp-OutputArea-output .hpnlp-report")
    browser.execute_script("arguments[0].scrollIntoView()", report)
    geometry = browser.execute_script(
        """const report = arguments[0], table = report.querySelector('table.hp-units');
        const box = (e) => e.getBoundingClientRect();
        const heads = [...table.querySelectorAll('thead th')].map(box);
        const cells = [...table.querySelectorAll('tbody td')];
        return {
          heads: heads.map(b => [b.left, b.right]),
          table: [box(table).left, box(table).right], output: [box(report).left, box(report).right],
          article: box(report.querySelector('article')).bottom, tableTop: box(table).top,
          clipped: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length,
          layout: getComputedStyle(table).tableLayout, align: getComputedStyle(cells[0]).textAlign,
        };""",
        report,
    )
    heads = geometry["heads"]
    assert len(heads) == 7
    assert all(right <= nxt_left + 1 for (_, right), (nxt_left, _) in zip(heads, heads[1:], strict=False))
    assert all(right - left > 20 for left, right in heads)  # every column has room
    assert geometry["table"][1] <= geometry["output"][1] + 1  # the table fits its output area
    assert geometry["clipped"] == 0 and geometry["article"] <= geometry["tableTop"]
    # JupyterLab's own table style (fixed layout, right-aligned cells) does not reach the report's table
    assert (geometry["layout"], geometry["align"]) == ("auto", "left")
    table = report.find_element("css selector", "table.hp-units")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", table)
    screenshot(browser, "notebook-report.png")
