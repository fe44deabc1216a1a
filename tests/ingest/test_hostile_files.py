"""Hostile files at ingest (issue 13): every part of a .docx checked before it is unpacked, media never."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import paths
from pipeline.errors import IngestError
from pipeline.ingest import word
from pipeline.ingest.html import html_to_text
from pipeline.ingest.read import ingest_file
from tests.hostile_inputs import GIB, MIB, STYLES, docx_bytes, lying, rows, with_member

# file → (bytes made on demand, errors.kind or None for a document)
DOCX_CASES = {
    "styles_bomb.docx": (
        lambda: with_member(docx_bytes(), "word/styles.xml", 200 * MIB, b"<w:b/>"),
        "too_large",
    ),
    "ratio_bomb.docx": (lambda: with_member(docx_bytes(), "word/settings.xml", 40 * MIB), "too_large"),
    "lying_header.docx": (
        lambda: lying(
            with_member(docx_bytes(), "word/styles.xml", 8 * MIB, b"<w:b/> "), "word/styles.xml", 900
        ),
        "bad_docx",
    ),
    "big_image.docx": (lambda: with_member(docx_bytes(), "word/media/image1.png", 300 * MIB), None),
}


@pytest.mark.parametrize("name", sorted(DOCX_CASES))
def test_docx_parts_are_checked_before_they_are_read(tmp_path: Path, name: str, monkeypatch) -> None:
    make, kind = DOCX_CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    unpacked = []
    real = word._inflate
    monkeypatch.setattr(word, "_inflate", lambda *a: unpacked.append(a[2].filename) or real(*a))
    if kind is None:
        assert "Рекомендовать Министерству" in ingest_file(path, path.stem, name).document.text
    else:
        with pytest.raises(IngestError) as caught:
            ingest_file(path, path.stem, name)
        assert caught.value.kind == kind and "\n" not in caught.value.message
    assert not [n for n in unpacked if not n.endswith((".xml", ".rels"))], "a binary part was unpacked"
    if kind == "too_large":
        assert not unpacked, "a part was unpacked before the bomb was refused"


def test_the_inflate_counter_stops_at_the_limit_whatever_the_headers_say(tmp_path, monkeypatch) -> None:
    """Declared sizes under the limits, real bytes over it: the streamed counter refuses the part."""
    data = with_member(docx_bytes(), "word/styles.xml", 4 * MIB, b"<w:b/> ")
    monkeypatch.setattr(word, "MAX_XML", 2 * MIB)
    monkeypatch.setattr(word, "_check_declared", lambda source, parts: None)  # as if the headers lied
    with pytest.raises(IngestError, match=r"unpacks past the 2 MiB limit") as caught:
        word.docx_text("x.docx", data)
    assert caught.value.kind == "too_large"


@pytest.mark.slow
def test_bombs_stay_far_below_two_gigabytes(tmp_path: Path) -> None:
    """The issue's bombs through `hpnlp run` in a process of its own, its peak memory measured (wait4)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "styles_1gib.docx").write_bytes(with_member(docx_bytes(), STYLES, GIB, b"<w:b/>"))
    (corpus / "image_3gib.docx").write_bytes(with_member(docx_bytes(), "word/media/image1.png", 3 * GIB))
    lie = lying(with_member(docx_bytes(), STYLES, 100 * MIB, b"<w:b/> "), STYLES, 4096)
    (corpus / "lying.docx").write_bytes(lie)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out)]
    with (tmp_path / "stderr").open("w") as err:
        proc = subprocess.Popen(command, cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    stderr = (tmp_path / "stderr").read_text()
    assert os.waitstatus_to_exitcode(status) == 3 and "Traceback" not in stderr, stderr
    assert sorted(stderr.splitlines()) == [
        "lying.docx: ingest failed (bad_docx): not a .docx: damaged part word/styles.xml "
        "(Bad CRC-32 for file 'word/styles.xml')",
        "styles_1gib.docx: ingest failed (too_large): too large: the .docx's XML parts unpack to 1,024 MiB, "
        "over the 128 MiB limit (pipeline.ingest.word.MAX_XML)",
    ]
    assert rows(out, "SELECT doc_id FROM documents") == [("image_3gib",)]
    assert usage.ru_maxrss * 1024 < 2 * GIB, f"peak memory {usage.ru_maxrss / 1024:.0f} MB"


HTML_CASES = {  # made-up pages: (HTML, the text ingest keeps)
    "a body inside a form": (
        '<body><form method="post" action="page.aspx"><p>1. Утвердить план.</p>'
        '<input type="hidden" value="xyz"></form></body>',
        "1. Утвердить план.",
    ),
    "a head never closed": (
        "<head><title>Т</title><meta charset=utf-8><p>1. Утвердить план.</p>",
        "1. Утвердить план.",
    ),
    "text right after an open head": (
        "<html><head><title>Т</title>Приказ № 5<br>о плане",
        "Приказ № 5\nо плане",
    ),
    "form controls": (
        "<form><select><option>Все</option></select><textarea>черновик</textarea><p>Текст</p></form>",
        "Текст",
    ),
}


@pytest.mark.parametrize("case", sorted(HTML_CASES))
def test_html_text_survives_forms_and_an_unclosed_head(case: str) -> None:
    html, text = HTML_CASES[case]
    assert html_to_text(html) == text


def _rich_docx() -> bytes:
    """Paragraphs with runs, a tab, a line break and a hyperlink; a table with a horizontal and a vertical
    merge and a paragraph inside a cell; a nested table; a paragraph after the table."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("ПОСТАНОВЛЕНИЕ")
    p = document.add_paragraph("1. Рекомендовать ")
    p.add_run("Министерству").bold = True
    p.add_run("\tздравоохранения\nразработать план.")
    link = (
        '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:anchor="x">'
        "<w:r><w:t>ссылка</w:t></w:r></w:hyperlink>"
    )
    p._p.append(parse_xml(link))
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"ячейка {r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(2, 0).add_paragraph("второй абзац")
    table.cell(2, 1).add_table(rows=1, cols=1).cell(0, 0).text = "вложенная"
    document.add_paragraph("2. Утвердить план.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_streamed_main_part_reads_as_python_docx_reads_the_whole_tree() -> None:
    """Issue 13: the main part is parsed as a stream, and reads as python-docx reads the whole tree."""
    import docx

    data = _rich_docx()
    whole = docx.Document(io.BytesIO(data))
    expected = "\n".join(word._body_lines(whole.paragraphs, whole.tables))
    assert word.docx_text("x.docx", data) == expected
    assert "ссылка" in expected and expected.count("ячейка 12\nячейка 22") == 2  # the merge, in both rows


def test_a_damaged_main_part_is_no_docx() -> None:
    data = with_member(docx_bytes(), "word/document.xml", MIB // 2, b"<w:p><w:r>")
    with pytest.raises(IngestError, match=r"damaged part word/document.xml") as caught:
        word.docx_text("x.docx", data)
    assert caught.value.kind == "bad_docx"
