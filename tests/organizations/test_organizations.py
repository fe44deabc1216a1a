"""Organisation registry, linking, self-defined abbreviations and document country."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import paths
from pipeline.organizations.registry import (
    Abbreviation,
    Org,
    OrgRegistry,
    abbreviation_map,
    country_of,
    find_abbreviations,
    registry,
)


@pytest.fixture(scope="session")
def reg() -> OrgRegistry:
    """The project's registry."""
    return registry()


# --- registry file -----------------------------------------------------------------------------------


def test_registry_columns_and_unique_ids() -> None:
    with open(paths.ORG_REGISTRY, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["entity_id", "name", "aliases", "abbreviations", "country"]
    ids = [row["entity_id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(row["name"] and row["country"] for row in rows)


def test_registry_has_no_ambiguous_keys(reg: OrgRegistry) -> None:
    assert reg.conflicts == []


def test_registry_covers_the_core_bodies(reg: OrgRegistry) -> None:
    ids = {org.entity_id for org in reg.organizations()}
    assert {"kg-moh", "kz-moh", "ru-moh", "who", "kg-mhif", "kz-fsms", "ru-ffoms", "unicef", "gavi"} <= ids
    assert len(ids) >= 80


def test_every_variant_links_back_to_its_organisation(reg: OrgRegistry) -> None:
    wrong = [
        (variant, org.entity_id, reg.link(variant))
        for org in reg.organizations()
        for variant in org.variants()
        if reg.link(variant) != org.entity_id
    ]
    assert wrong == []


def test_org_record_joins_aliases_and_abbreviations(reg: OrgRegistry) -> None:
    org = reg.get("kg-moh")
    assert isinstance(org, Org)
    record = org.record()
    assert record.entity_id == "kg-moh" and "МЗКР" in record.aliases.split("|")


# --- linking -----------------------------------------------------------------------------------------

LINKS = [
    # Kyrgyz ministry of health: cases, markers, abbreviations, short forms, script typos
    ("Министерство здравоохранения Кыргызской Республики", None, "kg-moh"),
    ("Министерству здравоохранения Кыргызской Республики", None, "kg-moh"),
    ("Министерства здравоохранения Кыргызской Республики", None, "kg-moh"),
    ("Министерством здравоохранения КР", None, "kg-moh"),
    ("Министерстве здравоохранения Кыргызстана", None, "kg-moh"),
    ("Министерство здравоохранения Республики Кыргызстан", None, "kg-moh"),
    ("МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ", None, "kg-moh"),
    ("Министерство здравоохранения КР (МЗ КР)", None, "kg-moh"),
    ("МЗКР", None, "kg-moh"),
    ("МЗ КР", None, "kg-moh"),
    ("Минздраву КР", None, "kg-moh"),
    ("Минздрав", "KG", "kg-moh"),
    ("Министерству здравоохранения", "KG", "kg-moh"),
    ("Mинистерство здравоохранения КР", None, "kg-moh"),  # Latin M
    ("Министерcтво здравоохранения Кыргызской Республики", None, "kg-moh"),  # Latin c
    ("Министерство здравоохранения KP", None, "kg-moh"),  # Latin K, P
    ("Минздрав КР", "RU", "kg-moh"),  # the name's own marker beats the document's country
    # Kazakh and Russian ministries
    ("Министерству здравоохранения Республики Казахстан", None, "kz-moh"),
    ("Министерство здравоохранения РК", None, "kz-moh"),
    ("Минздравом Казахстана", None, "kz-moh"),
    ("МЗ РК", None, "kz-moh"),
    ("Минздрав", "KZ", "kz-moh"),
    ("Минздраву России", None, "ru-moh"),
    ("Министерством здравоохранения Российской Федерации", None, "ru-moh"),
    ("Минздрава РФ", None, "ru-moh"),
    ("Минздрав", "RU", "ru-moh"),
    ("Минздравсоцразвития России", None, "ru-mzsr"),
    # other CIS health ministries
    ("Министерством здравоохранения Республики Узбекистан", None, "uz-moh"),
    ("Минздраву Беларуси", None, "by-moh"),
    ("Министерства здравоохранения Республики Армения", None, "am-moh"),
    ("Министерство здравоохранения Республики Таджикистан", None, "tj-moh"),
    ("Министерства здравоохранения Украины", None, "ua-moh"),
    # governments, parliaments, presidents
    ("Кабинетом Министров Кыргызской Республики", None, "kg-government"),
    ("Кабинету Министров", None, "kg-government"),
    ("Кабмином", None, "kg-government"),
    ("Правительство Кыргызской Республики", None, "kg-government"),
    ("Правительства КР", None, "kg-government"),
    ("Правительство Республики Казахстан", None, "kz-government"),
    ("Правительством РФ", None, "ru-government"),
    ("Правительству", "RU", "ru-government"),
    ("Кабинетом Министров Республики Узбекистан", None, "uz-government"),
    ("Жогорку Кенешем Кыргызской Республики", None, "kg-parliament"),
    ("Жогорку Кенеша", None, "kg-parliament"),
    ("Жогорку Кеңеш", None, "kg-parliament"),  # Kyrgyz letter ң
    ("ЖК КР", None, "kg-parliament"),
    ("Мажилисом Парламента Республики Казахстан", None, "kz-mazhilis"),
    ("Государственной Думой", None, "ru-duma"),
    ("Госдумы", None, "ru-duma"),
    ("Администрации Президента Кыргызской Республики", None, "kg-president-administration"),
    ("Аппаратом Президента КР", None, "kg-president-administration"),
    # health insurance funds
    ("Фонду ОМС", "KG", "kg-mhif"),
    ("Фондом обязательного медицинского страхования при Министерстве здравоохранения КР", None, "kg-mhif"),
    ("ФОМС КР", None, "kg-mhif"),
    ("ФОМСом", "KG", "kg-mhif"),  # case ending on an abbreviation
    ("Фонда социального медицинского страхования", None, "kz-fsms"),
    ("ФСМС", None, "kz-fsms"),
    ("Федеральному фонду обязательного медицинского страхования", None, "ru-ffoms"),
    ("ФФОМС", None, "ru-ffoms"),
    # Russian federal ministries and services
    ("Минфину России", None, "ru-minfin"),
    ("Минэкономразвития России", None, "ru-minek"),
    ("Минрегиону России", None, "ru-minregion"),
    ("Минпромторгом России", None, "ru-minpromtorg"),
    ("Роспотребнадзору", None, "ru-rospotrebnadzor"),
    (
        "Федеральной службой по надзору в сфере защиты прав потребителей и благополучия человека",
        None,
        "ru-rospotrebnadzor",
    ),
    ("ФСТ России", None, "ru-fst"),
    ("Росздравнадзором", None, "ru-roszdravnadzor"),
    ("ФМБА России", None, "ru-fmba"),
    ("Федеральным медико-биологическим агентством", None, "ru-fmba"),
    ("Минтруду России", None, "ru-mintrud"),
    ("Минобрнауки России", None, "ru-minobrnauki"),
    ("Минпросвещения России", None, "ru-minprosv"),
    # Kyrgyz ministries and health agencies
    ("Министерству финансов Кыргызской Республики", None, "kg-mof"),
    ("Минфин", "KG", "kg-mof"),
    ("Министерством образования и науки КР", None, "kg-mes"),
    ("Министерства экономики и коммерции Кыргызской Республики", None, "kg-mec"),
    ("Министерству труда и социального развития КР", None, "kg-mlsm"),
    ("Министерству труда, социального обеспечения и миграции Кыргызской Республики", None, "kg-mlsm"),
    ("Министерством чрезвычайных ситуаций КР", None, "kg-mchs"),
    ("Министерству по чрезвычайным ситуациям Кыргызской Республики", None, "kg-mchs"),
    ("Министерства цифрового развития КР", None, "kg-mdd"),
    ("Департаментом лекарственного обеспечения и медицинской техники", None, "kg-dlomt"),
    ("ДЛОиМТ", None, "kg-dlomt"),
    ("Департамента профилактики заболеваний и госсанэпиднадзора", None, "kg-dpzgsen"),
    ("ДПЗиГСЭН", None, "kg-dpzgsen"),
    ("ЦРЗиМТ", None, "kg-crzmt"),
    ("Центра развития здравоохранения и медицинских технологий", None, "kg-crzmt"),
    ("ЦЭЗ при МЗКР", None, "kg-ceh"),
    ("Республиканскому центру электронного здравоохранения", None, "kg-ceh"),
    ("Республиканским центром укрепления здоровья", None, "kg-rchp"),
    ("Ассоциации руководителей организаций здравоохранения Кыргызской Республики", None, "kg-aroz"),
    ("АРОЗ КР", None, "kg-aroz"),
    # international
    ("Всемирной организацией здравоохранения", None, "who"),
    ("ВОЗ", None, "who"),
    ("ВОЗом", None, "who"),
    ("Представительство ВОЗ в Кыргызской Республике", None, "who"),
    ("Европейским региональным бюро ВОЗ", None, "who-euro"),
    ("Детскому фонду ООН", None, "unicef"),
    ("ЮНИСЕФ", None, "unicef"),
    ("Всемирного банка", None, "world-bank"),
    ("Агентством США по международному развитию", None, "usaid"),
    ("USAID", None, "usaid"),
    ("GIZ", None, "giz"),
    ("JICA", None, "jica"),
    ("Глобальному фонду для борьбы со СПИДом, туберкулезом и малярией", None, "global-fund"),
    ("Глобальный фонд", None, "global-fund"),
    ("ГАВИ", None, "gavi"),
    ("СНГ", None, "cis"),
    # unknown or bare names
    ("Минздрав", None, None),
    ("Министерство здравоохранения", None, None),
    ("Фонду ОМС", None, None),
    ("Министру здравоохранения Кыргызской Республики", None, None),
    ("Министерство обороны КР", None, None),
    ("ООО «Рога и копыта»", None, None),
    ("Кыргызская Республика", None, None),
    ("Министерство здравоохранения Кыргызской Республики и Фонд ОМС", None, None),  # two bodies
    ("Посольство Кыргызской Республики в Российской Федерации", None, None),  # two countries
    ("", None, None),
]


@pytest.mark.parametrize(("name", "country", "expected"), LINKS)
def test_link(reg: OrgRegistry, name: str, country: str | None, expected: str | None) -> None:
    assert reg.link(name, country) == expected


FOREIGN_MINISTRIES = [
    "Министерство здравоохранения Республики Казахстан",
    "Министерству здравоохранения РК",
    "Минздрав Казахстана",
    "Минздраву России",
    "Министерства здравоохранения Российской Федерации",
    "МЗ РФ",
    "Минздрав Узбекистана",
]


@pytest.mark.parametrize("name", FOREIGN_MINISTRIES)
@pytest.mark.parametrize("country", [None, "KG"])
def test_foreign_ministries_never_link_to_kg_moh(reg: OrgRegistry, name: str, country: str | None) -> None:
    assert reg.link(name, country) not in (None, "kg-moh")


def test_custom_registry(tmp_path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text(
        "entity_id,name,aliases,abbreviations,country\nx-assoc,Ассоциация семейных врачей КР,,АСВ КР,KG\n",
        encoding="utf-8",
    )
    custom = OrgRegistry.load(path)
    assert custom.link("Ассоциацией семейных врачей Кыргызстана") == "x-assoc"
    assert custom.link("АСВ", country="KG") == "x-assoc"
    assert custom.link("Минздрав", country="KG") is None


# --- abbreviations a text defines --------------------------------------------------------------------

DEFINITIONS = [
    # the three definitions of the sample documents
    (
        "состоялся Первый Съезд Ассоциации руководителей организаций здравоохранения Кыргызской Республики "
        "(АРОЗ КР) при поддержке",
        "АРОЗ КР",
        "Ассоциации руководителей организаций здравоохранения Кыргызской Республики",
    ),
    (
        "потоки между службой школьной медицины и первичной-медико-санитарной помощи (ПМСП), с",
        "ПМСП",
        "первичной-медико-санитарной помощи",
    ),
    (
        "в рамках Международных медико-санитарных правил (ММСП) в июле 2023 года",
        "ММСП",
        "Международных медико-санитарных правил",
    ),
    # sentences of our own
    (
        "Прием ведет Всемирная организация здравоохранения (ВОЗ).",
        "ВОЗ",
        "Всемирная организация здравоохранения",
    ),
    (
        "Его поддержал Фонд обязательного медицинского страхования (ФОМС).",
        "ФОМС",
        "Фонд обязательного медицинского страхования",
    ),
    (
        "с участием Министерства образования и науки (МОН) республики",
        "МОН",
        "Министерства образования и науки",
    ),
    (
        "Вопрос поручен Центру развития здравоохранения и медицинских технологий (ЦРЗиМТ).",
        "ЦРЗиМТ",
        "Центру развития здравоохранения и медицинских технологий",
    ),
    (
        "письмо Департамента профилактики заболеваний и госсанэпиднадзора (ДПЗиГСЭН) от",
        "ДПЗиГСЭН",
        "Департамента профилактики заболеваний и госсанэпиднадзора",
    ),
    ("Приняты новые нормативные правовые акты (НПА).", "НПА", "нормативные правовые акты"),
    (
        "ВОЗ (Всемирная организация здравоохранения) поддержала программу.",
        "ВОЗ",
        "Всемирная организация здравоохранения",
    ),
    (
        "Полисы выдаются в системе обязательного медицинского страхования (далее – ОМС).",
        "ОМС",
        "обязательного медицинского страхования",
    ),
    (
        "Одобрить Концепцию «Здоровое детство – сильная страна» (далее – Концепция).",
        "Концепция",
        "Концепцию «Здоровое детство – сильная страна»",
    ),
    (
        "В целях охраны здоровья утвердить прилагаемую Государственную программу развития села "
        "на 2025-2030 годы (далее - Программа).",
        "Программа",
        "Государственную программу развития села на 2025-2030 годы",
    ),
    (
        "В соответствии с Законом Республики Узбекистан от 5 мая 2020 года № 12 «О санитарии» "
        "(далее — Закон) Кабинет постановляет:",
        "Закон",
        "Законом Республики Узбекистан от 5 мая 2020 года № 12 «О санитарии»",
    ),
    (
        "Закон распространяется на детей, подростков и молодых людей в возрасте до 25 лет "
        "(далее - молодежь), а также",
        "молодежь",
        "детей, подростков и молодых людей в возрасте до 25 лет",
    ),
    (
        "Установить, что Министерство энергетики Республики Армения (далее – уполномоченный орган) "
        "ведет реестр.",
        "уполномоченный орган",
        "Министерство энергетики Республики Армения",
    ),
]


@pytest.mark.parametrize(("text", "short", "long"), DEFINITIONS)
def test_find_abbreviations(text: str, short: str, long: str) -> None:
    found = find_abbreviations(text)
    assert [(a.short, a.long) for a in found] == [(short, long)]
    (item,) = found
    assert text[item.start : item.end].endswith(")") and long in text[item.start : item.end]


NOT_DEFINITIONS = [
    "Бригады работали в странах ближнего зарубежья (СНГ) весь год.",
    "Подробности см. в приложении (см. приложение 1).",
    "Совместная внешняя оценка 2023 (JEE) завершена.",
    "Встреча прошла в Бишкеке (Кыргызстан).",
    "(далее – ) пустое определение",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_no_false_definitions(text: str) -> None:
    assert find_abbreviations(text) == []


def test_abbreviation_map_keeps_the_first_definition() -> None:
    text = "Фонд обязательного медицинского страхования (ФОМС) и Федеральный фонд страхования (ФОМС)."
    assert abbreviation_map(text) == {"ФОМС": "Фонд обязательного медицинского страхования"}


def test_corpus_resolution_definitions() -> None:
    text = (paths.RAW / "000_494cf898737f7a48.txt").read_text(encoding="utf-8")
    found = abbreviation_map(text)
    assert found["АРОЗ КР"] == "Ассоциации руководителей организаций здравоохранения Кыргызской Республики"
    assert found["ПМСП"] == "первичной-медико-санитарной помощи"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Министерство",
                "здравоохранения",
                "КР",
                "(",
                ")",
                "(МЗ КР)",
                "(далее –",
                "«",
                "»",
                ",",
                ".",
                " ",
                "\n",
                "и",
                "Программа",
                "(ВОЗ)",
                "Всемирная",
                "организация",
            ]
        )
        | st.text(max_size=8),
        max_size=40,
    ).map("".join)
)
def test_find_abbreviations_never_raises_and_offsets_index_the_text(text: str) -> None:
    for item in find_abbreviations(text):
        assert isinstance(item, Abbreviation)
        assert 0 <= item.start < item.end <= len(text)
        span = text[item.start : item.end]
        assert item.long and item.long in span and item.short in span
        assert span.endswith(")")


# --- document country --------------------------------------------------------------------------------

COUNTRY_FILES = [
    ("000_494cf898737f7a48.txt", "KG"),
    ("003_330fff14e402e136.txt", "KG"),
    ("dev/01_kg-decree-64-unregistered-medicines.txt", "KG"),
    ("dev/03_kg-law-14-health-protection.txt", "KG"),
    ("dev/10_kz-decree-2295-vaccination.txt", "KZ"),
    ("dev/13_ru-govt-meeting-decisions-drug-strategy-2025.txt", "RU"),
]


@pytest.mark.parametrize(("name", "country"), COUNTRY_FILES)
def test_country_of_corpus_documents(name: str, country: str) -> None:
    assert country_of((paths.RAW / name).read_text(encoding="utf-8")) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Приказ Министерства здравоохранения Республики Казахстан", "KZ"),
        ("в Кыргызстане и в Кыргызской Республике, а также в России", "KG"),
        ("Минздрав России и Правительство Российской Федерации", "RU"),
        ("Казахстан и Россия", None),
        ("Текст без стран", None),
        ("", None),
    ],
)
def test_country_of(text: str, country: str | None) -> None:
    assert country_of(text) == country
