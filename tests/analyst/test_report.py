"""`hpnlp report`: the page keeps the document's text exactly and highlights the dataset's own spans."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from pipeline.analyst.report import Mark, ReportError, anchor, build_report, render_page, render_text
from pipeline.cli.main import app

runner = CliRunner()


class Article(HTMLParser):
    """The text inside <article>, and the (label, text) of each highlighted stretch in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.marked, self.ids = 0, [], [], []
        self.stack: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth = 1
        elif self.depth and tag == "span":
            classes = (attrs.get("class") or "").split()
            self.stack.append(classes[1] if len(classes) > 1 and classes[0] == "m" else None)
        elif self.depth and tag == "a":
            self.ids.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth = 0
        elif self.depth and tag == "span":
            self.stack.pop()

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.stack and self.stack[-1]:
                self.marked.append((self.stack[-1], data))


@pytest.fixture(scope="session")
def busiest(db) -> tuple[str, str]:
    """The document with the most units, and its text."""
    con = sqlite3.connect(db)
    doc_id, text = con.execute(
        "SELECT d.doc_id, d.text FROM documents d JOIN recommendations r USING (doc_id) "
        "GROUP BY d.doc_id ORDER BY count(*) DESC, d.doc_id LIMIT 1"
    ).fetchone()
    con.close()
    return doc_id, text


def parse(page: str) -> Article:
    article = Article()
    article.feed(page)
    return article


def test_page_keeps_the_text_and_marks_real_spans(db, busiest):
    doc_id, text = busiest
    page, counts = build_report(db, doc_id)
    article = parse(page)
    assert "".join(article.text) == text
    con = sqlite3.connect(db)
    addressees = {
        r[0]
        for r in con.execute("SELECT text FROM addressees WHERE doc_id = ? AND role = 'addressee'", (doc_id,))
    }
    n_units, n_actions = con.execute(
        "SELECT (SELECT count(*) FROM recommendations WHERE doc_id = ?), "
        "(SELECT count(*) FROM actions WHERE doc_id = ?)",
        (doc_id, doc_id),
    ).fetchone()
    con.close()
    assert counts["unit"] == n_units and counts["action"] == n_actions
    marked = {label for label, _ in article.marked}
    assert {"addressee", "action"} <= marked
    assert {t for label, t in article.marked if label == "addressee"} & addressees
    assert len([i for i in article.ids if i and i.startswith("u-")]) == n_units


def test_units_table_links_into_the_text(db, busiest):
    doc_id, _ = busiest
    page, _ = build_report(db, doc_id)
    con = sqlite3.connect(db)
    rec_ids = [r[0] for r in con.execute("SELECT rec_id FROM recommendations WHERE doc_id = ?", (doc_id,))]
    con.close()
    table = page[page.index('id="units"') :]
    for rec_id in rec_ids:
        assert f'href="#{anchor(rec_id)}"' in table and f'id="{anchor(rec_id)}"' in page


def test_overlapping_marks_nest_cleanly():
    text = "Поручить Министерству здравоохранения <и> Минфину"
    marks = [
        Mark(0, 49, "unit", "d:1"),
        Mark(9, 37, "addressee", "МЗ"),
        Mark(22, 37, "person", "x"),
        Mark(0, 8, "action", "поручить"),
    ]
    html = render_text(text, marks)
    article = parse(f"<article>{html}</article>")
    assert "".join(article.text) == text
    assert ("person", "здравоохранения") in article.marked and ("action", "Поручить") in article.marked
    assert "&lt;и&gt;" in html and 'class="m person multi unit"' in html


def test_cli_writes_the_page(db, busiest, tmp_path):
    doc_id, _ = busiest
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", doc_id, "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and "addressee" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    missing = runner.invoke(app, ["report", "no-such-doc", "--out", str(out), "--db", str(db)])
    assert missing.exit_code == 2 and "no document" in missing.output
    with pytest.raises(ReportError):
        build_report(tmp_path / "absent.sqlite", doc_id)


def test_labels_sit_in_the_text_and_the_legend_speaks_both_languages(db, busiest):
    doc_id, _ = busiest
    page, _ = build_report(db, doc_id)
    assert 'data-labels="addressee"' in page and 'data-labels="action"' in page
    for russian, english in (
        ("адресат", "addressee"),
        ("действие", "action"),
        ("ссылка на акт", "legal reference"),
    ):
        assert f'{russian} <span class="en">· {english}</span>' in page


def test_fragment_is_a_div_whose_style_stays_inside_it(db, busiest, tmp_path):
    doc_id, _ = busiest
    fragment, _ = build_report(db, doc_id, fragment=True)
    assert (
        fragment.startswith('<div class="hpnlp-report"')
        and "<html" not in fragment
        and "<body" not in fragment
    )
    css = re.sub(
        r"/\*.*?\*/", "", fragment[fragment.index("<style>") + 7 : fragment.index("</style>")], flags=re.S
    )
    css = re.sub(r"@media[^{]*\{", "", css)  # the rules inside @media are checked like the others
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", css) for s in block.split(",")]
    assert selectors and all(s.startswith(".hpnlp-report") for s in selectors), selectors
    out = tmp_path / "part.html"
    result = runner.invoke(app, ["report", doc_id, "--fragment", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8") == fragment


def test_every_value_is_escaped():
    doc = {
        "doc_id": "d",
        "doc_type": "news",
        "date": None,
        "number": None,
        "source": "<img src=x onerror=alert(1)>.txt",
        "title": "<script>alert(1)</script>",
        "text": 'Поручить "<b>Минздраву</b>"',
    }
    page = render_page(doc, [Mark(9, 24, "addressee", '" onmouseover="alert(1)')], [])
    assert "<script>alert" not in page and "<img" not in page and "<b>Минздраву" not in page
    assert "&lt;script&gt;" in page and 'title="addressee: &#34; onmouseover=&#34;alert(1)"' in page
