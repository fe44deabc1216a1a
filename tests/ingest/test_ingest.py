"""Ingest: encodings, debris, metadata, offsets back to the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest.clean import clean_text
from pipeline.ingest.metadata import read_metadata
from pipeline.ingest.read import ingest_file
from tests.conftest import NEWS, RAW, RESOLUTION

DEBRIS = ("[bookmark", "_Hlk", "image1.png", "**", "####", "\t")


def _ingest(path: Path):
    return ingest_file(path, path.stem, path.name).document


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16", "utf-16-le", "koi8-r"])
def test_encodings_are_detected_not_guessed(tmp_path: Path, encoding: str) -> None:
    text = "Рекомендовать Министерству здравоохранения Кыргызской Республики разработать концепцию.\n" * 3
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    assert _ingest(path).text.startswith("Рекомендовать Министерству здравоохранения")


def test_resolution_is_clean_and_dated() -> None:
    doc = _ingest(RAW / f"{RESOLUTION}.txt")
    assert not [d for d in DEBRIS if d in doc.text]
    assert (doc.doc_type, doc.date, doc.place) == ("resolution", "2024-05-31", "Бишкек")
    assert not doc.text.rstrip().endswith("2")  # the lone page number is gone


def test_news_item_loses_markdown() -> None:
    doc = _ingest(RAW / f"{NEWS}.txt")
    assert (doc.doc_type, doc.date) == ("news", "2023-11-01")
    assert "**" not in doc.text and "####" not in doc.text and "*«" not in doc.text
    assert "«Мы стоим на значимом этапе" in doc.text


@pytest.mark.parametrize(
    ("name", "doc_type", "date", "number"),
    [
        ("dev/01_kg-decree-64-unregistered-medicines.txt", "decree", "2019-02-19", "64"),
        ("dev/03_kg-law-14-health-protection.txt", "law", "2024-01-12", "14"),
        ("dev/10_kz-decree-2295-vaccination.txt", "decree", "2009-12-30", "2295"),
        ("dev/05_kg-news-sanitary-protection-draft-2026-2030.txt", "news", "2026-02-14", None),
        ("dev/08_kg-news-moh-collegium-2025-results.txt", "news", "2026-01-28", None),
    ],
)
def test_metadata_of_dev_documents(name: str, doc_type: str, date: str, number: str | None) -> None:
    doc = _ingest(RAW / name)
    assert (doc.doc_type, doc.date, doc.number) == (doc_type, date, number)


@pytest.mark.parametrize(
    ("head", "number", "date", "place"),
    [
        (
            "ПОСТАНОВЛЕНИЕ\n\nг. Бишкек от 18 апреля 2025 года № 214\n\nОб утверждении Программы",
            "214",
            "2025-04-18",
            "Бишкек",
        ),
        (
            "БҰЙРЫҚ ПРИКАЗ\n2025 жылғы 14 наурыз № ҚР ДСМ-27 14 марта 2025 года № ҚР ДСМ-27\n"
            "город Астана\nОб утверждении",
            "ҚР ДСМ-27",
            "2025-03-14",
            "Астана",
        ),
        (
            "АКИМАТ ОБЛАСТИ\nПРОТОКОЛ № 2\nзаседания совета\nг. Туркестан 11 марта 2025 года",
            "2",
            "2025-03-11",
            "Туркестан",
        ),
        # a title that cites another act's date and number is no header of the document's own
        (
            "ПОСТАНОВЛЕНИЕ\nО ходе исполнения Закона\nот 9 января 2005 года № 6 «Об охране здоровья»",
            None,
            None,
            None,
        ),
    ],
)
def test_metadata_of_header_forms(head: str, number: str | None, date: str | None, place: str | None) -> None:
    meta = read_metadata(head + "\n1. Принять к сведению.")
    assert (meta.number, meta.place) == (number, place)
    assert date is None or meta.date == date


def test_offsets_map_back_to_the_source() -> None:
    raw = (RAW / f"{RESOLUTION}.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    for word in ("Рекомендовать", "ЦРЗиМТ", "«Управление здравоохранением»", "партнерами"):
        at = cleaned.text.index(word)
        src = cleaned.offsets.to_source(at)
        assert raw[src : src + len(word)] == word


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("#### **Для информации:**", "Для информации:"),
        ("*«Цитата»,* — сказал", "«Цитата», — сказал"),
        ("РАЗДЕЛ 1:\t\tВОПРОСЫ", "РАЗДЕЛ 1: ВОПРОСЫ"),
        ("здраво-\nохранения", "здравоохранения"),
        ("Mинистерство\u00a0здравоохранения\u200b", "Министерство здравоохранения"),
        ("про\u00adграмма", "программа"),
        ("Текст\n\n\n\n12\n\nДальше", "Текст\n\nДальше"),
    ],
)
def test_cleaning_rules(raw: str, clean: str) -> None:
    assert clean_text(raw).text == clean


def test_unsupported_extension_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(IngestError, match="unsupported file type .pdf"):
        _ingest(path)


def test_docx_is_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("РЕЗОЛЮЦИЯ")
    document.add_paragraph("1. Рекомендовать Министерству здравоохранения разработать план.")
    path = tmp_path / "res.docx"
    document.save(path)
    doc = _ingest(path)
    assert doc.doc_type == "resolution" and "1. Рекомендовать" in doc.text and doc.encoding == "docx"


def test_html_page_is_read_without_scripts_and_navigation(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='windows-1251'><script>track()</script></head><body>"
        "<nav>Главная | Новости</nav><h1>ПОСТАНОВЛЕНИЕ</h1><p>от 2 марта 2020 года № 15</p>"
        "<p>1. Утвердить <b>план</b> вакцинации.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    doc = _ingest(path)
    assert doc.text.splitlines() == [
        "ПОСТАНОВЛЕНИЕ",
        "от 2 марта 2020 года № 15",
        "1. Утвердить план вакцинации.",
    ]
    assert (doc.doc_type, doc.number) == ("decree", "15")
