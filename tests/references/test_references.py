"""Legal and policy references: one row per construction, whole-document checks, offsets property."""

from __future__ import annotations

import pytest
from hypothesis import given
from yargy import rule
from yargy.predicates import eq

from pipeline.paths import RAW
from pipeline.references.fields import article, nominative_name
from pipeline.references.find import RefMatch, find_references
from pipeline.references.grammar import match
from tests.strategies import THOROUGH, assert_spans_slice, phrases

FIELDS = ("ref_type", "title", "date", "number", "issuer", "jurisdiction", "article")

# sentence, the text of its only reference, and that reference's fields that are not None.
ONE_REFERENCE = [
    (  # law: «от <date> № <n>» before the title
        "В соответствии с Законом Российской Федерации от 21 ноября 2011 года № 323-ФЗ «Об основах охраны "
        "здоровья граждан» утвердить порядок.",
        "Законом Российской Федерации от 21 ноября 2011 года № 323-ФЗ «Об основах охраны здоровья граждан»",
        dict(
            ref_type="law",
            title="Об основах охраны здоровья граждан",
            date="2011-11-21",
            number="323-ФЗ",
            jurisdiction="RU",
        ),
    ),
    (  # law: title, then date and number in brackets
        "Работа ведётся в рамках Закона КР «О лекарственных средствах» (03.02.2021г., №21) и иных мер.",
        "Закона КР «О лекарственных средствах» (03.02.2021г., №21)",
        dict(
            ref_type="law",
            title="О лекарственных средствах",
            date="2021-02-03",
            number="21",
            jurisdiction="KG",
        ),
    ),
    (  # law: title, then «от … №»
        "Закон Кыргызской Республики «Об охране здоровья граждан» от 12 января 2024 года № 14 вступил в "
        "силу.",
        "Закон Кыргызской Республики «Об охране здоровья граждан» от 12 января 2024 года № 14",
        dict(
            ref_type="law",
            title="Об охране здоровья граждан",
            date="2024-01-12",
            number="14",
            jurisdiction="KG",
        ),
    ),
    (  # law: unquoted «о …» subject
        "Правовую базу составляют законы КР об охране здоровья и общественном здравоохранении.",
        "законы КР об охране здоровья и общественном здравоохранении",
        dict(ref_type="law", title="об охране здоровья и общественном здравоохранении", jurisdiction="KG"),
    ),
    (  # article prefix, several units
        "Руководствуясь пунктом 3 части 2 статьи 21 Закона Кыргызской Республики «О нормативных правовых "
        "актах Кыргызской Республики», постановляю.",
        "пунктом 3 части 2 статьи 21 Закона Кыргызской Республики «О нормативных правовых актах Кыргызской "
        "Республики»",
        dict(
            ref_type="law",
            title="О нормативных правовых актах Кыргызской Республики",
            jurisdiction="KG",
            article="п. 3 ч. 2 ст. 21",
        ),
    ),
    (  # constitutional law, coordinated articles
        "согласно статьям 4 и 9 конституционного Закона Кыргызской Республики «О Кабинете Министров "
        "Кыргызской Республики»",
        "статьям 4 и 9 конституционного Закона Кыргызской Республики «О Кабинете Министров Кыргызской "
        "Республики»",
        dict(
            ref_type="constitutional_law",
            title="О Кабинете Министров Кыргызской Республики",
            jurisdiction="KG",
            article="ст. 4, 9",
        ),
    ),
    (  # sub-item numbered «2)»
        "Исключение предусмотрено подпунктом 2) пункта 3 статьи 5 Закона КР «О здравоохранении».",
        "подпунктом 2) пункта 3 статьи 5 Закона КР «О здравоохранении»",
        dict(ref_type="law", title="О здравоохранении", jurisdiction="KG", article="пп. 2 п. 3 ст. 5"),
    ),
    (  # Kazakh order number with a series in Kazakh letters
        "Приказом Министра здравоохранения Республики Казахстан от 30 октября 2020 года № ҚР ДСМ-175/2020"
        " утверждены правила.",
        "Приказом Министра здравоохранения Республики Казахстан от 30 октября 2020 года № ҚР ДСМ-175/2020",
        dict(
            ref_type="order",
            date="2020-10-30",
            number="ҚР ДСМ-175/2020",
            issuer="Министр здравоохранения",
            jurisdiction="KZ",
        ),
    ),
    (  # straight quotes and «Федеральный» before the head
        'Федеральный закон от 21.11.2011 № 323-ФЗ "Об основах охраны здоровья граждан" устанавливает.',
        'Федеральный закон от 21.11.2011 № 323-ФЗ "Об основах охраны здоровья граждан"',
        dict(
            ref_type="law",
            title="Об основах охраны здоровья граждан",
            date="2011-11-21",
            number="323-ФЗ",
            jurisdiction="RU",
        ),
    ),
    (  # abbreviated article
        "Нарушены требования ст. 15 Закона РК «О браке и семье».",
        "ст. 15 Закона РК «О браке и семье»",
        dict(ref_type="law", title="О браке и семье", jurisdiction="KZ", article="ст. 15"),
    ),
    (  # code, instrumental, jurisdiction then date then title
        "Порядок установлен Кодексом Республики Казахстан от 7 июля 2020 года «О здоровье народа» и "
        "правилами.",
        "Кодексом Республики Казахстан от 7 июля 2020 года «О здоровье народа»",
        dict(ref_type="code", title="О здоровье народа", date="2020-07-07", jurisdiction="KZ"),
    ),
    (  # named code with a capital modifier
        "Основанием является Налоговый кодекс Кыргызской Республики.",
        "Налоговый кодекс Кыргызской Республики",
        dict(ref_type="code", jurisdiction="KG"),
    ),
    (  # decree: issuer, number before date
        "Постановлением Правительства Кыргызской Республики № 64 от 19.02.2019 утверждён порядок.",
        "Постановлением Правительства Кыргызской Республики № 64 от 19.02.2019",
        dict(ref_type="decree", date="2019-02-19", number="64", issuer="Правительство", jurisdiction="KG"),
    ),
    (  # draft decree: lower-case issuer, title only
        "Вынесен проект постановления кабинета министров «Об утверждении санитарных правил».",
        "постановления кабинета министров «Об утверждении санитарных правил»",
        dict(ref_type="decree", title="Об утверждении санитарных правил", issuer="Кабинет Министров"),
    ),
    (  # order of a ministry, abbreviated issuer
        "Форма утверждена приказом Минздрава России № 600 от 12.06.2020.",
        "приказом Минздрава России № 600 от 12.06.2020",
        dict(
            ref_type="order",
            date="2020-06-12",
            number="600",
            issuer="Министерство здравоохранения",
            jurisdiction="RU",
        ),
    ),
    (  # order of an unlisted ministry
        "Признать утратившим силу приказ Министерства цифрового развития Кыргызской Республики от 5 марта "
        "2020 года № 13.",
        "приказ Министерства цифрового развития Кыргызской Республики от 5 марта 2020 года № 13",
        dict(
            ref_type="order",
            date="2020-03-05",
            number="13",
            issuer="Министерство цифрового развития",
            jurisdiction="KG",
        ),
    ),
    (  # resolution order with a lettered number
        "Во исполнение распоряжения Правительства Российской Федерации от 28.12.2012 № 2599-р подготовить "
        "доклад.",
        "распоряжения Правительства Российской Федерации от 28.12.2012 № 2599-р",
        dict(
            ref_type="resolution_order",
            date="2012-12-28",
            number="2599-р",
            issuer="Правительство",
            jurisdiction="RU",
        ),
    ),
    (  # bare head with number and date
        "Согласно распоряжению № 934-Р от 19.02.2019 средства выделены.",
        "распоряжению № 934-Р от 19.02.2019",
        dict(ref_type="resolution_order", date="2019-02-19", number="934-Р"),
    ),
    (  # edict, N sign
        "Согласно Указу Президента РФ от 7 мая 2012 г. N 598 министерству поручено.",
        "Указу Президента РФ от 7 мая 2012 г. N 598",
        dict(ref_type="edict", date="2012-05-07", number="598", issuer="Президент", jurisdiction="RU"),
    ),
    (  # edict with a Kyrgyz series before the sign
        "Указом Президента Кыргызской Республики от 1 апреля 2022 года УП № 105 утверждена программа.",
        "Указом Президента Кыргызской Республики от 1 апреля 2022 года УП № 105",
        dict(ref_type="edict", date="2022-04-01", number="УП 105", issuer="Президент", jurisdiction="KG"),
    ),
    (  # list of instructions
        "Во исполнение перечня поручений Президента Российской Федерации от 10 марта 2020 г. № Пр-891 "
        "доложить.",
        "перечня поручений Президента Российской Федерации от 10 марта 2020 г. № Пр-891",
        dict(
            ref_type="instruction_list",
            title="Перечень поручений Президента Российской Федерации",
            date="2020-03-10",
            number="Пр-891",
            issuer="Президент",
            jurisdiction="RU",
        ),
    ),
    (  # programme with a period of years
        "Разработан на основе Государственной программы по охране здоровья матери и ребёнка на 2021–2025 "
        "годы.",
        "Государственной программы по охране здоровья матери и ребёнка на 2021–2025 годы",
        dict(
            ref_type="program",
            title="Государственная программа по охране здоровья матери и ребёнка на 2021–2025 годы",
        ),
    ),
    (  # programme with a quoted name after the head
        "Обеспечить выполнение Программы «Здоровый человек» на 2020–2024 гг. всеми службами.",
        "Программы «Здоровый человек» на 2020–2024 гг.",
        dict(ref_type="program", title="Здоровый человек"),
    ),
    (  # strategy with «на период до»
        "Одобрить проекты Стратегии лекарственного обеспечения населения Российской Федерации на период до "
        "2025 года.",
        "Стратегии лекарственного обеспечения населения Российской Федерации на период до 2025 года",
        dict(
            ref_type="strategy",
            title=(
                "Стратегия лекарственного обеспечения населения Российской Федерации на период до 2025 года"
            ),
            jurisdiction="RU",
        ),
    ),
    (  # strategy with an indeclinable country name inside
        "Реализация Стратегии развития здравоохранения Республики Казахстан до 2030 года продолжается.",
        "Стратегии развития здравоохранения Республики Казахстан до 2030 года",
        dict(
            ref_type="strategy",
            title="Стратегия развития здравоохранения Республики Казахстан до 2030 года",
            jurisdiction="KZ",
        ),
    ),
    (  # national plan, nominative, «до <year> года»
        "Презентован Национальный план действий по обеспечению биобезопасности в Кыргызской Республике до "
        "2028 года.",
        "Национальный план действий по обеспечению биобезопасности в Кыргызской Республике до 2028 года",
        dict(
            ref_type="plan",
            title=(
                "Национальный план действий по обеспечению биобезопасности в Кыргызской Республике до "
                "2028 года"
            ),
            jurisdiction="KG",
        ),
    ),
    (  # concept
        "В целях реализации Концепции развития здравоохранения Кыргызской Республики на 2024–2030 годы.",
        "Концепции развития здравоохранения Кыргызской Республики на 2024–2030 годы",
        dict(
            ref_type="concept",
            title="Концепция развития здравоохранения Кыргызской Республики на 2024–2030 годы",
            jurisdiction="KG",
        ),
    ),
    (  # roadmap
        "Утвердить прилагаемую Дорожную карту по внедрению электронного здравоохранения на 2025 год.",
        "Дорожную карту по внедрению электронного здравоохранения на 2025 год",
        dict(
            ref_type="roadmap",
            title="Дорожная карта по внедрению электронного здравоохранения на 2025 год",
        ),
    ),
    (  # regulation with a quoted title
        "Действует Положение «О порядке аттестации медицинских работников» от 3 мая 2018 года № 7.",
        "Положение «О порядке аттестации медицинских работников» от 3 мая 2018 года № 7",
        dict(
            ref_type="regulation",
            title="О порядке аттестации медицинских работников",
            date="2018-05-03",
            number="7",
        ),
    ),
    (  # international regulations with an abbreviation in brackets
        "Оценка в рамках Международных медико-санитарных правил (ММСП) завершена.",
        "Международных медико-санитарных правил (ММСП)",
        dict(ref_type="international", title="Международные медико-санитарные правила", jurisdiction="INT"),
    ),
    (  # international convention with a descriptor
        "Документ подготовлен с учётом Рамочной конвенции ВОЗ по борьбе против табака.",
        "Рамочной конвенции ВОЗ по борьбе против табака",
        dict(
            ref_type="international",
            title="Рамочная конвенция ВОЗ по борьбе против табака",
            issuer="Всемирная организация здравоохранения",
            jurisdiction="INT",
        ),
    ),
    (  # constitution
        "Права гарантированы Конституцией Российской Федерации.",
        "Конституцией Российской Федерации",
        dict(ref_type="constitution", jurisdiction="RU"),
    ),
    (  # a head broken over hard-wrapped lines
        "Внести изменения в постановление\nАкимата области от 3\nмарта 2019 года № 12 "
        '"О мерах\nпо борьбе с гриппом".',
        'постановление\nАкимата области от 3\nмарта 2019 года № 12 "О мерах\nпо борьбе с гриппом"',
        dict(
            ref_type="decree",
            title="О мерах\nпо борьбе с гриппом",
            date="2019-03-03",
            number="12",
            issuer="Акимат",
        ),
    ),
    (  # an acting official as issuer, a two-digit year
        "Отменено постановлением и.о. Главного государственного санитарного врача РК от 05.04.21 г. № 17.",
        "постановлением и.о. Главного государственного санитарного врача РК от 05.04.21 г. № 17",
        dict(
            ref_type="decree",
            date="2021-04-05",
            number="17",
            issuer="Главный государственный санитарный врач",
            jurisdiction="KZ",
        ),
    ),
    (  # a region named by a republic, two issuers
        "Приказом Минздрава Республики Тыва и РАМН от 2 мая 2003 г. N 15/7 утвержден перечень.",
        "Приказом Минздрава Республики Тыва и РАМН от 2 мая 2003 г. N 15/7",
        dict(ref_type="order", date="2003-05-02", number="15/7", issuer="Министерство здравоохранения"),
    ),
    (  # a territorial official with his name before the date
        "в соответствии с постановлением главного государственного санитарного врача по городу Энску П. Р. "
        "Сидорова от 1 марта 2017 № 4 и",
        "постановлением главного государственного санитарного врача по городу Энску П. Р. Сидорова "
        "от 1 марта 2017 № 4",
        dict(
            ref_type="decree", date="2017-03-01", number="4", issuer="Главный государственный санитарный врач"
        ),
    ),
    (  # a regional law named by «края» only, its title cut by the end of the excerpt
        "Внести в Закон края от 5 мая 2008 года № 7-11 «О краевой программе «Здоровье",
        "Закон края от 5 мая 2008 года № 7-11 «О краевой программе «Здоровье",
        dict(
            ref_type="law",
            title="О краевой программе «Здоровье",
            date="2008-05-05",
            number="7-11",
            issuer="край",
        ),
    ),
    (  # a title without its closing quote, up to the aside in brackets
        'Внести в муниципальную программу "Здоровый город на 2025 - 2027 годы (далее - программа) изменения.',
        'муниципальную программу "Здоровый город на 2025 - 2027 годы',
        dict(ref_type="program", title="Здоровый город на 2025 - 2027 годы"),
    ),
    (  # an unquoted «о …» subject with a prepositional phrase, after the number
        "На основании Закона №5/2011 о государственном контроле за качеством воды (Монитор, №3) решено.",
        "Закона №5/2011 о государственном контроле за качеством воды",
        dict(ref_type="law", title="о государственном контроле за качеством воды", number="5/2011"),
    ),
    (  # an international agreement cited by its name
        "В целях реализации Соглашения о сотрудничестве в области охраны здоровья населения приняли решение.",
        "Соглашения о сотрудничестве в области охраны здоровья населения",
        dict(
            ref_type="international",
            title="Соглашение о сотрудничестве в области охраны здоровья населения",
            jurisdiction="INT",
        ),
    ),
    (  # a national project by its quoted name
        "Работы ведутся в рамках национального проекта «Здравоохранение» с 2019 года.",
        "национального проекта «Здравоохранение»",
        dict(ref_type="program", title="Здравоохранение"),
    ),
    (  # a letter by date and number
        "В дополнение к письму от 12.04.2021 N 02-11/34-2021 «О масках» сообщаем.",
        "письму от 12.04.2021 N 02-11/34-2021 «О масках»",
        dict(ref_type="letter", title="О масках", date="2021-04-12", number="02-11/34-2021"),
    ),
    (  # a municipal charter with an article
        "руководствуясь статьей 12 Устава муниципального образования «Город Энск», постановляю",
        "статьей 12 Устава муниципального образования «Город Энск»",
        dict(ref_type="charter", title="Устав муниципального образования «Город Энск»", article="ст. 12"),
    ),
    (  # cited units named by ordinal numerals
        "На основании части второй статьи 8 Закона Республики Беларусь от 2 марта 2015 г. №5-З постановляет.",
        "части второй статьи 8 Закона Республики Беларусь от 2 марта 2015 г. №5-З",
        dict(ref_type="law", date="2015-03-02", number="5-З", jurisdiction="BY", article="ч. 2 ст. 8"),
    ),
    (  # international law named by «международные нормы»
        "Участники, руководствуясь международными нормами, приняли резолюцию.",
        "международными нормами",
        dict(ref_type="international", jurisdiction="INT"),
    ),
    (  # a programme's name with the dative object of a noun of action, and its year
        "Финансирование предусмотрено Программой оказания гражданам бесплатной медицинской помощи на 2025 "
        "год в полном объёме.",
        "Программой оказания гражданам бесплатной медицинской помощи на 2025 год",
        dict(
            ref_type="program", title="Программа оказания гражданам бесплатной медицинской помощи на 2025 год"
        ),
    ),
    (  # a dative object after the genitive one, a year and a planning period
        "Средства учтены в Программе предоставления субсидий медицинским организациям на 2024 год и на "
        "плановый период 2025 и 2026 годов, утверждённой ранее.",
        "Программе предоставления субсидий медицинским организациям на 2024 год и на плановый период 2025 и "
        "2026 годов",
        dict(
            ref_type="program",
            title="Программа предоставления субсидий медицинским организациям на 2024 год и на плановый "
            "период 2025 и 2026 годов",
        ),
    ),
    (  # an instrumental object of a noun of action
        "Мероприятия Плана обеспечения населения лекарственными препаратами на 2023–2025 годы выполнены.",
        "Плана обеспечения населения лекарственными препаратами на 2023–2025 годы",
        dict(
            ref_type="plan", title="План обеспечения населения лекарственными препаратами на 2023–2025 годы"
        ),
    ),
    (  # the instrumental object of a noun of action after a preposition
        "Внести изменения в Программу гарантий по обеспечению граждан медико-санитарной помощью, принятую "
        "ранее.",
        "Программу гарантий по обеспечению граждан медико-санитарной помощью",
        dict(ref_type="program", title="Программа гарантий по обеспечению граждан медико-санитарной помощью"),
    ),
    (  # a capitalised dative is the body the sentence addresses, not part of the name
        "Направить Программу обеспечения безопасности Министерству здравоохранения для согласования.",
        "Программу обеспечения безопасности",
        dict(ref_type="program", title="Программа обеспечения безопасности"),
    ),
    (  # a period «с … по …» with the plural «годы»
        "Программа развития села на период с 2021 по 2025 годы одобрена.",
        "Программа развития села на период с 2021 по 2025 годы",
        dict(ref_type="program", title="Программа развития села на период с 2021 по 2025 годы"),
    ),
    (  # a number with a letter glued to its digits, then more parts
        "Во исполнение письма от 3 марта 2010 г. № 05Д-17/10 сообщаем следующее.",
        "письма от 3 марта 2010 г. № 05Д-17/10",
        dict(ref_type="letter", date="2010-03-03", number="05Д-17/10"),
    ),
    (  # the same after an issuer, the last part a year
        "Перечень утверждён приказом Минздрава от 2 февраля 2021 года № 12Д-3/2021 и действует.",
        "приказом Минздрава от 2 февраля 2021 года № 12Д-3/2021",
        dict(ref_type="order", date="2021-02-02", number="12Д-3/2021", issuer="Министерство здравоохранения"),
    ),
    (  # form
        "Приписка населения согласно форме №7 ведётся ежегодно.",
        "форме №7",
        dict(ref_type="form", number="7"),
    ),
    (  # generic: abbreviation
        "Рекомендовать участие ассоциации при разработке НПА.",
        "НПА",
        dict(ref_type="generic"),
    ),
    (  # generic: modifier + head
        "Изучить вопросы исполнения действующего законодательства в строительстве.",
        "действующего законодательства",
        dict(ref_type="generic"),
    ),
    (  # generic with jurisdiction
        "Привести решения в соответствие с законодательством Кыргызской Республики.",
        "законодательством Кыргызской Республики",
        dict(ref_type="generic", jurisdiction="KG"),
    ),
    (  # generic: acts
        "Внести изменения в иные нормативные правовые акты.",
        "нормативные правовые акты",
        dict(ref_type="generic"),
    ),
]


@pytest.mark.parametrize("sentence, text, fields", ONE_REFERENCE)
def test_one_reference(sentence: str, text: str, fields: dict) -> None:
    (found,) = find_references(sentence)
    assert found.text == text
    assert {f: getattr(found, f) for f in FIELDS} == {f: fields.get(f) for f in FIELDS}


@pytest.mark.parametrize(
    "text",
    [
        "Привести свои решения в соответствие с настоящим постановлением.",  # self-reference
        "Статья 5 настоящего Закона не применяется.",  # self-reference with an article
        "Реализация данного плана возложена на министерство.",  # anaphora
        "Документы оформляются в установленном порядке.",  # bare head
        "Одобрить проект стратегии и плана её реализации.",  # lower-case heads, nothing named
        "Разработать концепцию и определить направления развития.",  # bare head
        "Глава 1. Общие положения",  # capital only because it opens a sentence
        "Обоснования этапов реализации Стратегии, в том числе пилотных.",  # bare capital head
    ],
)
def test_no_reference(text: str) -> None:
    assert find_references(text) == []


def test_amendment_chain_members_are_acts_of_their_own() -> None:
    text = (
        "В дополнение к приказу Минздрава России от 5 мая 2002 г. N 11 (зарегистрирован Минюстом России "
        "3 июня 2002 г. N 777) с изменениями от 1 марта 2004 г. N 40/2, от 9 июня 2005 г. N 88 приказываю:"
    )
    found = find_references(text)
    assert [(r.text, r.ref_type, r.number, r.date) for r in found[1:]] == [
        ("изменениями от 1 марта 2004 г. N 40/2", "order", "40/2", "2004-03-01"),
        ("от 9 июня 2005 г. N 88", "order", "88", "2005-06-09"),
    ]


def test_an_edition_note_lists_its_amending_acts() -> None:
    text = (
        "(В редакции постановлений Совета Министров от 10.01.2013 г. №3, 11.07.2014 г. №6 (вступил в силу))"
    )
    assert [r.number for r in find_references(text)] == ["3", "6"]


def test_two_issuers_of_one_act() -> None:
    (found,) = find_references(
        "приказом Министерства здравоохранения и Министерства финансов от 1 марта 2020 г. № 7"
    )
    assert (found.issuer, found.number) == ("Министерство здравоохранения", "7")


def test_coordinated_mentions_share_the_jurisdiction_that_ends_them() -> None:
    found = find_references("руководствуясь Конституцией и законами Республики Армения, решили")
    assert [(r.ref_type, r.jurisdiction) for r in found] == [("constitution", "AM"), ("law", "AM")]


def test_two_references_in_a_row() -> None:
    text = "Утверждено постановлением Правительства РК от 1 июня 2015 года № 5 и приказом Минфина № 12."
    found = find_references(text)
    assert [(r.ref_type, r.number, r.issuer) for r in found] == [
        ("decree", "5", "Правительство"),
        ("order", "12", "Министерство финансов"),
    ]


def test_nested_quotes_stay_in_the_title() -> None:
    text = "Принять Закон КР «О внесении изменений в Закон КР «Об охране здоровья граждан»» в целом."
    (found,) = find_references(text)
    assert found.title == "О внесении изменений в Закон КР «Об охране здоровья граждан»"


def test_optional_rules_in_a_row_match() -> None:
    # https://github.com/natasha/yargy/issues/37: «A (,? B)? (,? C)?» must match «a c».
    sep = rule(eq(",")).optional()
    grammar = rule(rule(eq("a")), rule(sep, eq("b")).optional(), rule(sep, eq("c")).optional())
    assert match(grammar, "a c") == "a c"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Государственной программы", "Государственная программа"),
        ("Стратегию", "Стратегия"),
        ("международных медико-санитарных правил", "международные медико-санитарные правила"),
        ("дорожной карты", "дорожная карта"),
        ("перечня поручений", "перечень поручений"),
    ],
)
def test_nominative_name(text: str, expected: str) -> None:
    assert nominative_name(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("статьи 10", "ст. 10"),
        ("статьями 10 и 17", "ст. 10, 17"),
        ("части 2 статьи 21", "ч. 2 ст. 21"),
        ("пункта 3", "п. 3"),
        ("подпункта 2 пункта 3 статьи 5", "пп. 2 п. 3 ст. 5"),
        ("ст. 5-1", "ст. 5-1"),
        ("статей 4, 5 и 6", "ст. 4, 5, 6"),
    ],
)
def test_article(text: str, expected: str) -> None:
    assert article(text) == expected


def _refs(name: str) -> list[RefMatch]:
    return find_references((RAW / name).read_text(encoding="utf-8"))


def test_resolution_cites_public_health_law() -> None:
    laws = [r for r in _refs("000_494cf898737f7a48.txt") if r.ref_type == "law"]
    assert [(r.title, r.date, r.number, r.jurisdiction) for r in laws] == [
        ("Об общественном здравоохранении", "2024-01-12", "10", "KG")
    ]


def test_news_cites_plan_programme_and_ihr() -> None:
    found = {(r.ref_type, r.title) for r in _refs("003_330fff14e402e136.txt")}
    assert ("international", "Международные медико-санитарные правила") in found
    assert (
        "program",
        "Государственная программа по охране здоровья населения и развитию системы"
        " здравоохранения на 2019–2030 годы",
    ) in found
    assert any(t == "plan" and title.endswith("в Кыргызской Республике до 2030 года") for t, title in found)


def test_kg_decree_64_and_the_laws_it_cites() -> None:
    found = [
        (r.ref_type, r.date, r.number, r.article, r.title)
        for r in _refs("dev/01_kg-decree-64-unregistered-medicines.txt")
    ]
    assert found == [
        ("decree", "2019-02-19", "64", None, None),
        ("law", None, None, "ст. 10", "Об обращении лекарственных средств"),
        ("law", None, None, "ст. 10", "Об обращении медицинских изделий"),
        ("constitutional_law", None, None, "ст. 10, 17", "О Правительстве Кыргызской Республики"),
    ]


def test_kz_code_and_repealed_decree() -> None:
    found = [
        (r.ref_type, r.date, r.number, r.jurisdiction) for r in _refs("dev/10_kz-decree-2295-vaccination.txt")
    ]
    assert ("code", "2009-09-18", None, "KZ") in found
    assert ("decree", "2003-05-23", "488", "KZ") in found


def test_ru_drug_strategy() -> None:
    strategies = [
        r
        for r in _refs("dev/13_ru-govt-meeting-decisions-drug-strategy-2025.txt")
        if r.ref_type == "strategy"
    ]
    assert strategies and all(r.jurisdiction in ("RU", None) for r in strategies)
    assert (
        strategies[0].title == "Стратегия лекарственного обеспечения населения России на период до 2025 года"
    )


REFERENCE_WORDS = [
    "Закона",
    "КР",
    "постановлением",
    "Правительства",
    "от",
    "19.02.2019",
    "№",
    "64",
    "«Об",
    "охране»",
    "(",
    ")",
    "статьи",
    "10",
    "и",
    "Стратегии",
    "на",
    "2019–2030",
    "годы",
    "до",
    "2030 года",
    "форме",
    "НПА",
    "настоящим",
    "Национальный",
    "план",
    "N",
    "Пр-891",
    "ММСП",
    "Республики",
    "Казахстан",
    "«",
    "»",
    # whole references, so that the noise around them is what varies
    "Законом Кыргызской Республики «Об охране здоровья граждан» от 12 января 2024 года № 14",
    "постановлением Правительства РФ от 01.02.2020 № 5",
    "частью 2 статьи 21 Закона",
    "Указом Президента РФ от 7.05.2012 N 598",
    "Государственной программы по развитию здравоохранения на 2019–2030 годы",
    "приказом Минздрава",
    "(12.01.2024г., №10)",
]


@THOROUGH
@given(phrases(REFERENCE_WORDS))
def test_references_offsets(text: str) -> None:
    found = find_references(text)
    assert_spans_slice(text, found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_a_window_too_deep_to_parse_is_searched_in_halves(monkeypatch) -> None:
    """yargy walks a match's tree recursively: in a run-on line a title left open may match thousands of
    words and exceed Python's recursion limit (issue 13). Such a window is searched again in halves."""
    from pipeline.references import find

    plain, deep = find.parser(), []

    class TooDeep:
        def findall(self, text: str):
            if len(text) > 300:
                deep.append(len(text))
                raise RecursionError("maximum recursion depth exceeded")
            return plain.findall(text)

    text = (
        "Во исполнение приказа Минздрава от 12.03.2015 № 45 "
        + "сведения собираются ежемесячно и направляются в отдел " * 6
        + "согласно постановлению Правительства от 01.02.2016 № 7 о мерах."
    )
    expected = [r.number for r in find_references(text)]
    monkeypatch.setattr(find, "parser", TooDeep)
    assert [r.number for r in find_references(text)] == expected == ["45", "7"]
    assert deep  # the whole window was too deep
