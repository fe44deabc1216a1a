"""Whole documents written for the tests (an RF order, a KG decree, a KZ news item): none is in the corpus,
so they check that the rules hold for the language, not for the sample files."""

from __future__ import annotations

import pytest

from pipeline.execution.run import extract_text
from tests.conftest import TEST_DATA

UNSEEN = TEST_DATA / "unseen"


@pytest.fixture(scope="module")
def docs() -> dict:
    return {p.stem: extract_text(p.read_text(encoding="utf-8"), p.stem) for p in sorted(UNSEEN.glob("*.txt"))}


def _units(ex) -> list[tuple]:
    return [(u.item, u.modality, u.deadline) for u in ex.recommendations]


def _actors(ex, item: str, role: str = "addressee") -> list[str]:
    rec = next(u.rec_id for u in ex.recommendations if u.item == item)
    return [a.normalized for a in ex.addressees if a.rec_id == rec and a.role == role]


def test_russian_order(docs: dict) -> None:
    ex = docs["ru-order-prophylaxis"]
    d = ex.document
    assert (d.doc_type, d.date, d.number) == ("order", "2021-03-15", "205н")
    assert _units(ex) == [
        ("1", "decision", None),
        ("2", "instruction", "ежеквартально, до 15 числа месяца, следующего за отчетным кварталом"),
        ("3", "instruction", "2021-07-01"),
        ("4", "decision", None),
        ("5", "instruction", None),
    ]
    assert _actors(ex, "3") == ["Департамент организации медицинской помощи"]
    assert _actors(ex, "3", "co_actor") == ["Федеральный фонд обязательного медицинского страхования"]
    repealed = next(a for a in ex.actions if a.lemma == "признать")
    assert repealed.object.startswith("приказ Министерства здравоохранения")
    law = next(r for r in ex.legal_refs if r.ref_type == "law")
    assert (law.number, law.date, law.jurisdiction, law.article) == (
        "323-ФЗ",
        "2011-11-21",
        "RU",
        "ч. 7 ст. 46",
    )


def test_kyrgyz_decree(docs: dict) -> None:
    ex = docs["kg-decree-tb"]
    assert (ex.document.doc_type, ex.document.number, ex.document.place) == ("decree", "187", "Бишкек")
    assert _actors(ex, "3") == [
        "Полномочные представители Президента Кыргызской Республики в областях",
        "органы местного самоуправления",
    ]
    assert [a.entity_id for a in ex.addressees if a.role == "co_actor"] == ["kg-mof", "kg-mhif"]
    assert ex.recommendations[1].deadline == "2024-03-01"
    assert not any(r.number == "187" for r in ex.legal_refs)  # the act's own heading cites nothing


def test_kazakh_news(docs: dict) -> None:
    ex = docs["kz-news-ambulatories"]
    assert ex.document.doc_type == "news"
    assert [u.modality for u in ex.recommendations] == ["instruction", "obligation"]
    assert ex.addressees[0].entity_id == "kz-moh"
    people = {p.name: p.role for p in ex.persons}
    assert people["Алихан Смаилов"] == "Премьер-министр Казахстана"
    assert [q.speaker for q in ex.quotes] == ["Алихан Смаилов"]
