"""Dates and deadlines: one row per construction, whole-document checks, offsets property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.dates.deadline import find_deadline
from pipeline.dates.mentions import DATE, DateMatch, _date_matches, find_dates, parse_date
from pipeline.paths import RAW
from tests.strategies import THOROUGH, assert_spans_slice, phrases

DATES = [
    ("Совещание состоялось 14 марта 2022 года в Оше.", [("14 марта 2022 года", "2022-03-14")]),
    ("Протокол подписан 3 июня 2021 г. сторонами.", [("3 июня 2021 г.", "2021-06-03")]),
    ("Приказ (05.04.2023г., №12) отменён.", [("05.04.2023г.", "2023-04-05")]),
    ("Изменения от 29.06.2010 г. учтены.", [("29.06.2010 г.", "2010-06-29")]),
    ("Срок сдачи 01.09.2025 без переноса.", [("01.09.2025", "2025-09-01")]),
    ("Опубликовано: 2025-11-03 на сайте.", [("2025-11-03", "2025-11-03")]),
    ("Оценка проведена в августе 2021 года.", [("августе 2021 года", "2021-08")]),
    ("Отчёт за январь 2024 г. принят.", [("январь 2024 г.", "2024-01")]),
    ("Подписано «15» марта 2023 г. в Астане.", [("«15» марта 2023 г.", "2023-03-15")]),
    ("Начало 1-го сентября 2024 года.", [("1-го сентября 2024 года", "2024-09-01")]),
    ("Обновлено 17:41, 21 апреля 2018", [("21 апреля 2018", "2018-04-21")]),
    ("Решение от 01.02.12 г. утратило силу.", [("01.02.12 г.", "2012-02-01")]),
    ("В 2023 году охват вырос.", [("2023 году", "2023")]),
    ("Правила (ММСП, 2005 год) действуют.", [("2005 год", "2005")]),
    ("ЗАСЕДАНИЕ 2 ДЕКАБРЯ 2020 ГОДА", [("2 ДЕКАБРЯ 2020 ГОДА", "2020-12-02")]),
    (
        "Период с 1 января 2025 г. по 31 декабря 2027 г.",
        [("1 января 2025 г.", "2025-01-01"), ("31 декабря 2027 г.", "2027-12-31")],
    ),
    ("Дата 30.02.2024 ошибочна.", [("30.02.2024", None)]),
    ("Пункт 1.12.01.2024 не дата.", []),
    ("Программа на 2019–2030 годы и план на 2024-2028 гг.", []),
    ("Итоги за 2022-2023 год подведены.", []),
    ("Собрано 25 декабря без года.", []),
]


@pytest.mark.parametrize("text, expected", DATES)
def test_find_dates(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(d.text, d.iso) for d in find_dates(text)] == expected


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Постановление от 24 мая 2012 года № 5", "2012-05-24"),
        ("в мае 2020 года и 3 июня 2021 года", "2020-05"),
        ("без даты", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


DEADLINES = [
    ("Министерству внести проект до 31 декабря 2024 года.", "2024-12-31"),
    ("Подготовить доклад. Срок - до 10 июня 2020 г.", "2020-06-10"),
    ("Представить информацию в срок до 1 марта 2013 г.", "2013-03-01"),
    ("Обеспечить ввод объектов не позднее 15.11.2025.", "2025-11-15"),
    ("Завершить работу к 1 июля 2026 г.", "2026-07-01"),
    ("Срок исполнения: до 20 апреля 2022 года", "2022-04-20"),
    ("Утвердить регламент до конца 2024 года.", "2024-12-31"),
    ("Провести закупку в IV квартале 2025 года.", "2025-12-31"),
    ("Срок: 2 квартал 2024 г.", "2024-06-30"),
    ("Внедрить систему в первом полугодии 2026 года.", "2026-06-30"),
    ("Обучить персонал в течение 2025 года.", "2025-12-31"),
    ("Открыть центр в 2027 году.", "2027-12-31"),
    ("Запустить реестр в сентябре 2025 года.", "2025-09-30"),
    ("Разработать стандарты до марта 2026 года.", "2026-03"),
    ("Снизить смертность до 2030 года.", "2030"),
    ("Разработать порядок в течение трёх месяцев.", "в течение трёх месяцев"),
    ("Внести изменения в двухмесячный срок.", "в двухмесячный срок"),
    ("Информировать Кабинет Министров ежегодно.", None),  # a frequency, not a deadline
    ("Срок исполнения: ежегодно.", "ежегодно"),
    ("Представлять отчёт ежегодно, до 15 января.", "ежегодно, до 15 января"),
    ("Доложить до конца года.", "до конца года"),
    ("Обеспечить мониторинг. Срок: постоянно", "постоянно"),
    ("Сведения направлять на постоянной основе.", "на постоянной основе"),
    (
        "Рассмотреть обращения в течение 10 рабочих дней со дня поступления.",
        "в течение 10 рабочих дней со дня поступления",
    ),
    ("Одобрить проект Стратегии развития отрасли на период до 2025 года.", None),
    ("Реализовать Программу охраны здоровья до 2030 года.", None),
    ("Обеспечить права лиц, постоянно проживающих в республике.", None),
    ("Рекомендовать разработать концепцию школьной медицины.", None),
    ("Учесть данные ежегодного отчёта о самооценке.", None),
    ("Подготовить в месячный срок - разработать и внести проект.", "в месячный срок"),
    ("Принять меры (срок – IV квартал 2024 г.) и доложить.", "2024-12-31"),
    ("Продлить действие плана на период до 31 декабря 2026 года.", None),
    ("Провести инвентаризацию. Срок исполнения: по согласованию", "по согласованию"),
]


@pytest.mark.parametrize("text, expected", DEADLINES)
def test_find_deadline(text: str, expected: str | None) -> None:
    assert find_deadline(text) == expected


def _read(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def test_resolution_date() -> None:
    found = find_dates(_read("000_494cf898737f7a48.txt"))
    assert found[0].iso == "2024-05-31"
    assert ("12.01.2024г.", "2024-01-12") in [(d.text, d.iso) for d in found]


def test_news_dates() -> None:
    isos = [d.iso for d in find_dates(_read("003_330fff14e402e136.txt"))]
    assert isos[0] == "2023-11-01"
    assert {"2023-07", "2024-01-01", "2030-12-31"} <= set(isos)


def test_crawled_news_date() -> None:
    assert parse_date(_read("dev/05_kg-news-sanitary-protection-draft-2026-2030.txt")) == "2026-02-14"


DATE_WORDS = [
    "до",
    "в",
    "срок",
    "года",
    "г.",
    "31",
    "12.01.2024г.",
    "мая",
    "2024",
    "квартале",
    "IV",
    "конца",
    "течение",
]


@THOROUGH
@given(phrases(DATE_WORDS))
def test_dates_offsets(text: str) -> None:
    found = find_dates(text)
    assert_spans_slice(text, found)
    for d in found:
        assert isinstance(d, DateMatch)
        assert d.iso is None or len(d.iso) in (4, 7, 10)


@THOROUGH
@given(phrases(DATE_WORDS))
def test_deadline_never_fails(text: str) -> None:
    value = find_deadline(text)
    assert value is None or isinstance(value, str)


# What stands in and around dates: quotes, digits, separators, month forms in any case (and with «ᲂ», which
# IGNORECASE reads as «о»), year words.
DATE_PIECES = [*'«»"“.-–/', " ", "  ", "\n", "\u00a0", "1", "12", "31", "1999", "2024", "мая", "МАЯ", "Мае"]
DATE_PIECES += ["январе", "ян", "ᲂктября", "октября", "го", "-го", "г.", "г", "года", "гг.", "x"]


@THOROUGH
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=16).map("".join))
def test_dates_are_those_a_scan_of_every_character_finds(text: str) -> None:
    """find_dates tries DATE only near digits; trying it at every character finds the same matches."""
    assert [m.span() for m in _date_matches(text)] == [m.span() for m in DATE.finditer(text)]


def test_dates_of_the_corpus_are_those_a_scan_of_every_character_finds() -> None:
    for path in sorted(RAW.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in _date_matches(text)] == [m.span() for m in DATE.finditer(text)], path.name
