"""Citations: which references a whole document cites (not what it approves, not where it was published)."""

from __future__ import annotations

from pipeline.execution.run import extract_text


def test_what_an_act_approves_or_where_it_was_published_is_no_reference() -> None:
    ex = extract_text(
        "1. Утвердить прилагаемые Правила оказания паллиативной помощи.\n"
        "2. Признать утратившим силу приказ Минздрава России от 3 мая 2019 г. № 345н «О паллиативной помощи» "
        "(Собрание законодательства Российской Федерации, 2019, № 20, ст. 2490)."
    )
    assert [(r.ref_type, r.number) for r in ex.legal_refs] == [("order", "345н")]


def test_regional_and_acting_issuers_and_preamble_acts_are_references() -> None:
    ex = extract_text(
        "ПОСТАНОВЛЕНИЕ\nот 1 марта 2025 года № 7\nО мерах по модернизации\nВ соответствии с постановлением "
        "администрации Костромской области от 25 декабря 2019 года № 520-а постановляю:\n"
        "1. Признать утратившими силу постановление губернатора Костромской области от 11.03.2021 № 38 "
        "«О строительстве» и приказ исполняющего обязанности Министра здравоохранения Республики Казахстан "
        "от 9 июня 2022 года № ҚР ДСМ-52."
    )
    assert [(r.number, r.issuer) for r in ex.legal_refs] == [
        ("520-а", "Администрация"),
        ("38", "Губернатор"),
        ("ҚР ДСМ-52", "Министр здравоохранения"),
    ]
    assert ex.document.number == "7"
