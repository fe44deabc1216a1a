"""The Pullenti baseline (`make baseline`, tools/pullenti_baseline.py): its referents become the rows the
evaluator scores, as gold counts mentions and writes names, and score through `score_all` as the dataset's."""

from __future__ import annotations

import pytest

from pipeline.evaluation.io import PRED_TABLES
from pipeline.evaluation.match import fold, norm_number, same_person
from pipeline.evaluation.score import score_all
from tools.baseline.entities import Entity
from tools.baseline.persons import person_name, person_rows
from tools.baseline.references import reference_rows

# Real sentences: tests/data/real/rr_18_…, tests/data/heldout4/01_…, tests/data/real/rf_03_….
LAW = (
    "На основании части третьей статьи 13 Закона Республики Беларусь от 7 января 2012 г. №340-З "
    '"О санитарно-эпидемиологическом благополучии населения" Министерство здравоохранения ПОСТАНОВЛЯЕТ:'
)
APPROVED = (
    "В соответствии с подпунктом 6) пункта 16 Положения о Министерстве здравоохранения Республики Казахстан, "
    "утвержденного постановлением Правительства Республики Казахстан от 17 февраля 2017 года № 71,"
    " ПРИКАЗЫВАЮ:"
)
SIGNED = (
    "Контроль за выполнением настоящего приказа возложить на заместителя Министра здравоохранения и "
    "социального развития Российской Федерации В.И.Стародубова"
)


@pytest.fixture(scope="module")
def pullenti():
    """Pullenti's processor and analyse function (skipped without the `baseline` extra)."""
    pytest.importorskip("pullenti")
    from tools.baseline.entities import analyse, processor

    proc = processor()
    return lambda text: analyse(proc, text)


def test_a_cited_law_becomes_one_reference_row_with_its_article(pullenti) -> None:
    rows = reference_rows(pullenti(LAW), LAW)
    assert len(rows) == 1
    row = rows[0]
    assert row["text"].startswith("части третьей статьи 13 Закона") and row["text"].endswith('населения"')
    assert LAW[row["start"] : row["end"]] == row["text"]
    assert (row["ref_type"], row["date"], norm_number(row["number"])) == ("law", "2012-01-07", "340-з")
    assert fold(row["title"]) == "о санитарно-эпидемиологическом благополучии населения"
    assert row["article"] == "ч.3 ст.13" and row["jurisdiction"] == "BY"


def test_an_approved_document_and_its_act_are_two_mentions(pullenti) -> None:
    document, act = reference_rows(pullenti(APPROVED), APPROVED)
    assert (
        document["text"]
        == "подпунктом 6) пункта 16 Положения о Министерстве здравоохранения Республики Казахстан"
    )
    assert (document["ref_type"], document["number"], document["date"]) == ("regulation", None, None)
    assert act["text"].startswith("постановлением Правительства") and act["text"].endswith("№ 71")
    assert (act["ref_type"], act["number"], act["date"], act["title"]) == ("decree", "71", "2017-02-17", None)


def test_a_person_is_named_as_gold_writes_names_with_the_role_before_the_name(pullenti) -> None:
    (row,) = person_rows(pullenti(SIGNED), SIGNED)
    assert row["name"] == "В.И. Стародубов"
    assert {"заместитель", "министра"} <= set(row["role"].lower().split())


def _person(*slots: tuple[str, str]) -> Entity:
    """A PERSON entity with the given slots and no occurrence."""
    return Entity(type="PERSON", label="", slots=slots, spans=())


@pytest.mark.parametrize(
    "slots, mention, name",
    [
        (
            (("LASTNAME", "СКВОРЦОВА"), ("FIRSTNAME", "В"), ("MIDDLENAME", "И")),
            "В.И. Скворцова",
            "В.И. Скворцова",
        ),
        ((("LASTNAME", "ПУТИН"), ("FIRSTNAME", "ВЛАДИМИР")), "Владимир Путин", "Владимир Путин"),
        (
            (("LASTNAME", "МИШУСТИН"), ("FIRSTNAME", "М"), ("FIRSTNAME", "МИХАИЛ")),
            "Михаил Мишустин",
            "Михаил Мишустин",
        ),
        (
            (("LASTNAME", "МИШУСТИН"), ("FIRSTNAME", "М"), ("FIRSTNAME", "МИХАИЛ")),
            "Мишустин М.В.",
            "М. Мишустин",
        ),
        ((("LASTNAME", "ДЕ-БРЮИН"), ("FIRSTNAME", "КРИСТИНА")), "Кристина де Брюин", "Кристина Де Брюин"),
    ],
)
def test_names_keep_the_forms_each_mention_prints(slots, mention, name) -> None:
    assert person_name(_person(*slots), mention) == name
    assert same_person(mention, name)


def test_publication_sources_are_no_references_and_rows_score_like_the_dataset() -> None:
    text = "приказом Минздрава России от 10.05.2017 № 203н (Собрание законодательства РФ, 2017)"
    order = Entity(
        type="DECREE",
        label="Приказ № 203н",
        slots=(("TYPE", "ПРИКАЗ"), ("NUMBER", "203н"), ("DATE", "2017.05.10")),
        spans=((0, 46),),
        kind="UNDEFINED",
    )
    source = Entity(
        type="DECREE", label="", slots=(("TYPE", "СОБРАНИЕ ЗАКОНОДАТЕЛЬСТВА"),), spans=((48, 82),)
    )
    rows = reference_rows([order, Entity(**{**source.__dict__, "kind": "PUBLISHER"})], text)
    assert [(r["text"], r["ref_type"], r["number"], r["date"]) for r in rows] == [
        (text[:46], "order", "203н", "2017-05-10")
    ]
    gold = {
        "d": {
            "document": {},
            "units": [],
            "persons": [],
            "quotes": [],
            "references": [{"text": text[:46], "ref_type": "order", "number": "203н", "date": "2017-05-10"}],
        }
    }
    preds = {"d": {t: [] for t in PRED_TABLES} | {"documents": [{"text": text}], "legal_refs": rows}}
    overall = score_all(gold, preds)["overall"]
    assert (overall["refs"]["tp"], overall["refs"]["fp"], overall["ref_number"]["tp"]) == (1, 0, 1)
