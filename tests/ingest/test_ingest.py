"""Ingest: encodings, debris, metadata, offsets back to the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.execution.run import extract_text
from pipeline.ingest.clean import clean_text
from pipeline.ingest.html import html_to_text
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
        ("медико-\nсанитарной", "медико-санитарной"),  # a compound keeps its hyphen
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


# Page chrome (issue 12, part 1): every line below is made up; each stands for one kind of web-page debris.
CHROME_LINES = [
    "Версия для печати",
    "Распечатать",
    "Скачать документ (DOC, 45 КБ)",
    "Сохранить в закладки",
    "Поделиться:",
    "ВКонтакте Telegram WhatsApp",
    "Подписаться на новости",
    "Комментарии (0)",
    "Оставить комментарий",
    "Просмотров: 1 204",
    "Рейтинг: 4.5 из 5",
    "Рейтинг@Mail.ru",
    "Главная » Документы » Приказы",
    "Главная / Новости",
    "Версия для слабовидящих",
    "Назад к списку новостей",
    "Читать полностью",
    "Поиск в тексте: CTRL+F",
    "- Блог врача | Иван Петров - https://example.org -",
    "https://example.org/docs/15",
    "minzdrav.example.kz",
    "Телефоны приемной:",
    "(3452) 6-11-22",
    "Звоните: 8 (800) 100-20-30, юристы ответят бесплатно",
    "© 2024 Министерство здравоохранения",
    "При использовании материалов ссылка на сайт обязательна",
    "Мы используем файлы cookie для удобства пользователей",
    "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
    "Теги: здоровье, вакцинация",
    "Фото: пресс-служба министерства",
    "USD 89.50 EUR 97.20",
    "Статус документа: * Действует",
    "Документ не вступил в силу",
    "Внимание! Документ утратил силу.",
    "Документ показан в сокращенном виде",
    "Данная редакция действовала до 1 марта 2022 года",
    "(с изменениями по состоянию на 01.03.2022 г.)",
    "Текущая редакция документа",
    "Основная информация",
    "Справка",
    "Документ предоставлен КонсультантПлюс",
    "Бесплатная консультация",
    "Стр. 2 из 7",
    "Страница 3 из 3",
    "Дата сохранения: 12.03.2024",
    "——————————",
    "_",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_lines_are_dropped(line: str) -> None:
    cleaned = clean_text(f"ПРИКАЗ\n{line}\n1. Утвердить план мероприятий.")
    assert cleaned.text == "ПРИКАЗ\n1. Утвердить план мероприятий." and cleaned.chrome_lines == 1


@pytest.mark.parametrize(
    "line",
    [
        "Опубликовать настоящий приказ на сайте https://example.org.",
        "Подписка на периодические издания для медицинских библиотек",
        "Поиск новых форм работы с населением",
        "Загрузить сведения в информационную систему",
        "Постановление «О мерах» и распоряжение «О плане» на 2025 год",
        "Действует до 31 декабря 2025 года.",
        "СПРАВКА о ходе исполнения поручений",
        "3. Утратил силу",
        "Министр | | И.И. Иванов |",
        "февраль",  # a month alone in a plan's table is a deadline, not a date widget
    ],
)
def test_content_lines_that_look_like_chrome_are_kept(line: str) -> None:
    text = "ПРИКАЗ\n1. Утвердить план.\n" + line
    assert clean_text(text).text == text


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        # a card of database fields and a date widget above the act: chrome only in the page's head
        ("Дата опубликования: | 2 марта 2020 г. |\n12\nмарт\n2020\nЗАКОН\n1. Общие положения", "ЗАКОН"),
        # a related-links heading takes the short lines under it
        ("1. Утвердить план.\n\nЧитайте также:\nВ области открылась больница\nВрачи дали советы", "1."),
        # a page title or breadcrumb repeating the heading below it
        (
            "Главная » » О мерах по профилактике гриппа и ОРВИ\nПРИКАЗ\n"
            "О мерах по профилактике гриппа и ОРВИ",
            "ПРИКАЗ",
        ),
        # a news item's counter after its date keeps the date
        ("12.03.2024 10:15 | Просмотров: 312\nВ Минске открыли центр", "12.03.2024 10:15\n"),
    ],
)
def test_chrome_blocks_and_repeats(page: str, kept: str) -> None:
    text = clean_text(page).text
    assert text.startswith(kept)
    assert not any(
        w in text for w in ("опубликования", "март\n", "Читайте", "открылась", "Главная", "Просмотров")
    )


def test_chrome_keeps_offsets_and_is_reported(tmp_path: Path) -> None:
    raw = "Версия для печати\nГлавная » Документы\nПРИКАЗ\n\nКомментарии (3)\n\n"
    raw += "1. Утвердить план.\nПоделиться\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "ПРИКАЗ\n\n1. Утвердить план."
    for word in ("ПРИКАЗ", "Утвердить"):
        at = cleaned.text.index(word)
        assert raw[cleaned.offsets.to_source(at) :].startswith(word)
    path = tmp_path / "page.txt"
    path.write_text(raw, encoding="utf-8")
    doc = _ingest(path)
    assert doc.chrome_lines == 4 and "4 line(s) of page chrome dropped" in (doc.warnings or "")


def test_html_elements_classed_as_chrome_are_dropped() -> None:
    page = (
        '<ul class="breadcrumbs"><li>Главная<li>Документы</ul><div class="doc">ПРИКАЗ<p>1. Принять.</p></div>'
        '<div class="related-news"><div><a>Другая новость</a></div></div><img class="share-icon">'
    )
    assert html_to_text(page) == "ПРИКАЗ\n1. Принять."


def test_imperative_chrome_never_becomes_a_unit() -> None:
    ex = extract_text(
        "Распечатать\nСкачать документ\nПРИКАЗ\n1. Утвердить план мероприятий.\nСохранить\nОтправить\n"
        "Поделиться"
    )
    assert [u.text for u in ex.recommendations] == ["Утвердить план мероприятий."]


# Document metadata (issue 12, part 2): made-up headers, one row per construction.
# (page, doc_type, title, date, number); an expected None must be None, ... is not checked.
HEADERS = [
    # the act's kind decides: распоряжение of a president or government is a decree
    (
        "Распоряжение Президента Республики\n\nО мерах по строительству больниц\n\n1. Выделить средства.",
        "decree",
        "О мерах по строительству больниц",
        None,
        None,
    ),
    (
        "ПРАВИТЕЛЬСТВО ОБЛАСТИ\nРАСПОРЯЖЕНИЕ\nот 3 марта 2021 года N 112-р\n1. Утвердить план.",
        "decree",
        None,
        "2021-03-03",
        "112-р",
    ),
    # a decision of a council, maslikhat or parliament, or a commission's постановление, is a resolution
    (
        "РЕШЕНИЕ ГОРОДСКОГО СОВЕТА ДЕПУТАТОВ\n12 мая 2011 г. № 7\nОБ УТВЕРЖДЕНИИ ПРОГРАММЫ\n1. Утвердить.",
        "resolution",
        "ОБ УТВЕРЖДЕНИИ ПРОГРАММЫ",
        "2011-05-12",
        "7",
    ),
    (
        "Постановление № 12 от 4 мая 2021 г. Республиканской комиссии по чрезвычайным ситуациям\n"
        "1. Ввести режим.",
        "resolution",
        None,
        "2021-05-04",
        "12",
    ),
    (
        "ПОСТАНОВЛЕНИЕ ПАРЛАМЕНТА РЕСПУБЛИКИ\nО ходе исполнения закона\n1. Принять к сведению.",
        "resolution",
        "О ходе исполнения закона",
        None,
        None,
    ),
    (
        "Решение областного маслихата от 5 июня 2020 года № 41/402. Зарегистрировано в Министерстве "
        "юстиции.\n"
        "1. Предоставить льготы.",
        "resolution",
        None,
        "2020-06-05",
        "41/402",
    ),
    # a government's or an official's постановление stays a decree, also with the number before the date
    (
        "Постановление № 302 от 6 июня 2016 года\nО внесении изменений в постановление Правительства\n"
        "1. Внести.",
        "decree",
        "О внесении изменений в постановление Правительства",
        "2016-06-06",
        "302",
    ),
    (
        "Постановление 45 от 08.02.2019\nО продлении карантинных мероприятий\nв связи с эпидемией гриппа\n"
        "В связи с ростом заболеваемости ПОСТАНОВЛЯЮ:\n1. Продлить.",
        "decree",
        "О продлении карантинных мероприятий в связи с эпидемией гриппа",
        "2019-02-08",
        "45",
    ),
    # a title line «Приказ … от … № …» with the act's name in quotes, also under a breadcrumb that repeats it
    (
        'Главная Документы Приказ Министерства от 12.03.2015 № 45 "Об утверждении порядка"\n'
        'Приказ Министерства от 12.03.2015 № 45 "Об утверждении порядка"\nприказываю:\n1. Утвердить.',
        "order",
        "Об утверждении порядка",
        "2015-03-12",
        "45",
    ),
    (
        "Приказ Минтруда 210н от 14.05.2013 об утверждении порядка\nПриказываю:\n1. Утвердить.",
        "order",
        None,
        "2013-05-14",
        "210н",
    ),
    # a joint order's plural formula without a heading
    (
        "Зарегистрировано в Минюсте 3 июля 2007 г.\nВ целях улучшения помощи приказываем:\n1. Утвердить.",
        "order",
        None,
        ...,
        None,
    ),
    # a Kazakh order's number; a law's date and number on separate lines after a database card
    (
        "Приказ Министра здравоохранения от 2 апреля 2021 года № ҚР ДСМ-31/2021.\n1. Утвердить.",
        "order",
        None,
        "2021-04-02",
        "ҚР ДСМ-31/2021",
    ),
    (
        "Тип документа: | Законы |\nДата опубликования: | 1 декабря 2010г. |\nЗАКОН\nОБЛАСТИ\n"
        "20.12.2010\n№ 15-ОЗ\n"
        "О ЗДРАВООХРАНЕНИИ\nСтатья 1",
        "law",
        "О ЗДРАВООХРАНЕНИИ",
        "2010-12-20",
        "15-ОЗ",
    ),
    # letters, lists of instructions and memoranda are other; a letter's date and number on separate lines
    (
        "<Письмо> Минздрава от 01.02.2021 N 12-3/456\nПИСЬМО\nот 1 февраля 2021 г. N 12-3/456\nО ВАКЦИНАЦИИ\n"
        "Министерство сообщает.",
        "other",
        "О ВАКЦИНАЦИИ",
        "2021-02-01",
        "12-3/456",
    ),
    (
        "Утвержден\nПрезидентом\nПЕРЕЧЕНЬ\nПОРУЧЕНИЙ ПО ИТОГАМ СОВЕЩАНИЯ\n1. Правительству обеспечить.",
        "other",
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ ПО ИТОГАМ СОВЕЩАНИЯ",
        None,
        None,
    ),
    # a meeting's decisions: minutes, a declaration, a round table's resolution
    (
        "ПРОТОКОЛ № 3\nзаседания межведомственной комиссии\n1. Принять к сведению.",
        "resolution",
        "ПРОТОКОЛ № 3 заседания межведомственной комиссии",
        None,
        "3",
    ),
    (
        "г. Гродно, 2 июня 2019 г.\nУчастники конференции приняли настоящую Резолюцию и предлагают:\n"
        "- развивать.",
        "resolution",
        None,
        "2019-06-02",
        None,
    ),
    # a plan's heading in capitals over a long name; chrome and a date widget above it
    (
        "Телефон:\n(3512) 2-33-44\nИнформационный блок\n5\nмарт\n2022\n"
        "ПЛАН мероприятий по профилактике гриппа и "
        "острых респираторных вирусных инфекций в городе на эпидемический сезон 2022-2023 годов среди "
        "всех групп "
        "населения\n(утвержден постановлением администрации от 04.03.2022 № 310)\n1. Провести.",
        "plan",
        ...,
        "2022-03-04",
        None,
    ),
    # titles: hard-wrapped, in capitals with a hyphenated word, in brackets, after the number on the kind line
    (
        "ГУБЕРНАТОР КРАЯ\nПОСТАНОВЛЕНИЕ\nот 1 июня 2020 года N 50\nО внесении изменений в постановление\n"
        "Губернатора края от 2\nмая 2020 года N 41\nПостановляю:\n1. Внести.",
        "decree",
        "О внесении изменений в постановление Губернатора края от 2 мая 2020 года N 41",
        "2020-06-01",
        "50",
    ),
    (
        "ПОСТАНОВЛЕНИЕ\nот 2 июля 2018 г. № 9\nОБ УТВЕРЖДЕНИИ САНИТАРНО-\nЭПИДЕМИОЛОГИЧЕСКИХ ПРАВИЛ\n"
        "В соответствии с законом ПОСТАНОВЛЯЮ:",
        "decree",
        "ОБ УТВЕРЖДЕНИИ САНИТАРНО-ЭПИДЕМИОЛОГИЧЕСКИХ ПРАВИЛ",
        "2018-07-02",
        "9",
    ),
    (
        "РАСПОРЯЖЕНИЕ\nот 5 мая 2017 года N 90-р\n[Об утверждении плана мероприятий]\n1. Утвердить план.",
        "decree",
        "Об утверждении плана мероприятий",
        "2017-05-05",
        "90-р",
    ),
    (
        "Решение маслихата района от 12 марта 2023 года № 5/41 О внесении изменений в решение маслихата\n"
        "маслихат РЕШИЛ:\n1. Внести.",
        "resolution",
        "О внесении изменений в решение маслихата",
        "2023-03-12",
        "5/41",
    ),
    # the date of an act dated only under its signature
    (
        "ПРИКАЗ\nО создании рабочей группы\nПРИКАЗЫВАЮ:\n1. Создать группу.\nМинистр П. Петров\n"
        "12 марта 2025 г.",
        "order",
        "О создании рабочей группы",
        "2025-03-12",
        None,
    ),
    # a legal database's footer above the act's header
    (
        "Документ предоставлен КонсультантПлюс\nwww.consultant.ru\nДата сохранения: 12.03.2024\n"
        "ПРАВИТЕЛЬСТВО ОБЛАСТИ\nПОСТАНОВЛЕНИЕ\nот 5 февраля 2024 г. N 77-п\n"
        "О МЕРАХ ПО РАЗВИТИЮ\nПЕРВИЧНОЙ ПОМОЩИ\n"
        "Правительство области постановляет:\n1. Утвердить.",
        "decree",
        "О МЕРАХ ПО РАЗВИТИЮ ПЕРВИЧНОЙ ПОМОЩИ",
        "2024-02-05",
        "77-п",
    ),
    # no title printed: the body's first paragraph is no title
    (
        "В целях исполнения закона администрация округа постановляет:\n1. Внести изменения.",
        "decree",
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("page", "doc_type", "title", "date", "number"), HEADERS)
def test_metadata_of_real_header_shapes(page: str, doc_type: str, title, date, number) -> None:
    meta = read_metadata(clean_text(page).text)
    assert meta.doc_type == doc_type
    for got, want in ((meta.title, title), (meta.date, date), (meta.number, number)):
        if want is not ...:
            assert got == want


@pytest.mark.parametrize(
    ("page", "title", "date", "place"),
    [
        # an agency dateline, a reporting verb, a timestamp
        (
            "Главная » Новости\nМинистр поручил проверить больницы\n14:05, 3 октября 2024\nПросмотров: 15\n"
            "ОШ. АКИПРЕСС – Министр поручил проверить запасы лекарств, сообщает пресс-служба.",
            "Министр поручил проверить больницы",
            "2024-10-03",
            None,
        ),
        # a city dateline and a byline
        (
            "Врачи призвали привиться до зимы\n10.11.2023 09:30\n"
            "Томск. Главный врач рассказал о вакцинации.\n"
            "Автор: Анна Смирнова",
            "Врачи призвали привиться до зимы",
            "2023-11-10",
            None,
        ),
        # a press release's kind word and its «Город, дата» line are no headline
        (
            "ПРЕСС-РЕЛИЗ\nКазань, 4 мая 2022 года\nВ городе открылся центр здоровья\nЦентр открыли врачи.",
            "В городе открылся центр здоровья",
            "2022-05-04",
            "Казань",
        ),
    ],
)
def test_news_is_recognised_with_its_headline(page: str, title: str, date: str, place) -> None:
    meta = read_metadata(clean_text(page).text)
    assert (meta.doc_type, meta.title, meta.date) == ("news", title, date)
    assert place is None or meta.place == place


@pytest.mark.parametrize(
    ("head", "place"),
    [
        ("РЕШЕНИЕ\n(Принято в г. Казани 5 мая 2019 года)", "Казань"),
        ("Постановление №5 от 2 мая 2021 г. Национальной комиссии", None),  # «2021 г.» is a year
        ("ПРИКАЗ\n«3» мая 2024 г. № 61 г. Ош", "Ош"),
    ],
)
def test_place_is_nominative_and_no_year(head: str, place) -> None:
    assert read_metadata(head + "\n1. Принять.").place == place
