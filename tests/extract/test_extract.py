"""Extraction, construction by construction, on sentences of our own (none is from the corpus)."""

from __future__ import annotations

import pytest

from pipeline.execution.run import extract_text


def _units(text: str):
    ex = extract_text(text)
    return ex, ex.recommendations


def _people(ex, role: str) -> list[str]:
    return [a.normalized for a in ex.addressees if a.role == role]


@pytest.mark.parametrize(
    ("text", "modality", "addressees", "lemmas"),
    [
        (
            "1. Рекомендовать Министерству образования и науки Кыргызской Республики разработать и утвердить "
            "программу обучения медицинских сестер.",
            "recommendation",
            ["Министерство образования и науки Кыргызской Республики"],
            ["разработать", "утвердить"],
        ),
        (
            "2. Поручить Фонду обязательного медицинского страхования провести анализ расходов.",
            "instruction",
            ["Фонд обязательного медицинского страхования"],
            ["провести"],
        ),
        (
            "3. Министерству финансов Кыргызской Республики:\n— предусмотреть средства в бюджете;\n"
            "— обеспечить финансирование программы.",
            "instruction",
            ["Министерство финансов Кыргызской Республики"],
            ["предусмотреть", "обеспечить"],
        ),
        (
            "4. Акимам областей обеспечить вакцинацию детей в сельских районах.",
            "instruction",
            ["Акимы областей"],
            ["обеспечить"],
        ),
        (
            "5. Утвердить прилагаемый план мероприятий по профилактике туберкулеза.",
            "decision",
            [],
            ["утвердить"],
        ),
        (
            "6. Минтруду России, Минфину России и Росздравнадзору подготовить предложения по оплате труда.",
            "instruction",
            ["Минтруд России", "Минфин России", "Росздравнадзор"],
            ["подготовить"],
        ),
        (
            "7. Медицинские организации обязаны обеспечить хранение вакцин в холодильниках.",
            "obligation",
            ["Медицинские организации"],
            ["обеспечить"],
        ),
        (
            "8. Контроль за исполнением настоящего постановления возложить на Министерство здравоохранения "
            "Республики Казахстан.",
            "instruction",
            ["Министерство здравоохранения Республики Казахстан"],
            ["возложить"],
        ),
        (  # the tagger reads «предусмотреть» before a comma as an adverb; the dictionary knows better
            "9. Министерству труда совместно с Социальным фондом предусмотреть, начиная с 1 января "
            "2027 года, доплаты сельским фельдшерам.",
            "instruction",
            ["Министерство труда"],
            ["предусмотреть"],
        ),
        (  # an indeclinable abbreviation names the body; no dative to see
            "10. РГП на ПХВ «Республиканский центр электронного здравоохранения» (по согласованию) "
            "ежемесячно представлять сводные данные о записях.",
            "instruction",
            ["РГП на ПХВ «Республиканский центр электронного здравоохранения»"],
            ["представлять"],
        ),
        (  # «по телевидению и радиовещанию» is one phrase; the capitalised «Агентству» starts the next body
            "11. Комитету по телевидению и радиовещанию и Агентству по делам молодежи организовать показ "
            "роликов о вакцинации.",
            "instruction",
            ["Комитет по телевидению и радиовещанию", "Агентство по делам молодежи"],
            ["организовать"],
        ),
        (  # the tagger calls the participle a noun; the noun after it heads the phrase
            "12. Контроль за исполнением настоящего приказа возложить на курирующего вице-министра "
            "здравоохранения.",
            "instruction",
            ["курирующий вице-министр здравоохранения"],
            ["возложить"],
        ),
    ],
)
def test_directive_constructions(text: str, modality: str, addressees: list[str], lemmas: list[str]) -> None:
    ex, units = _units(text)
    assert len(units) == 1
    assert units[0].modality == modality
    assert _people(ex, "addressee") == addressees
    assert [a.lemma for a in ex.actions] == lemmas


@pytest.mark.parametrize(
    ("text", "co_actors"),
    [
        (
            "1. Рекомендовать Министерству здравоохранения совместно с областными больницами провести аудит.",
            ["областные больницы"],
        ),
        ("1. Поручить Минздраву с привлечением экспертов ВОЗ подготовить доклад.", ["эксперты ВОЗ"]),
        ("1. Поручить Минздраву России с участием Росстата разработать форму отчетности.", ["Росстат"]),
    ],
)
def test_co_actors(text: str, co_actors: list[str]) -> None:
    ex, _ = _units(text)
    assert _people(ex, "co_actor") == co_actors
    assert len(_people(ex, "addressee")) == 1


def test_three_coordinated_actions_give_three_clauses() -> None:
    ex, _ = _units(
        "1. Рекомендовать Ассоциации врачей разрабатывать и проводить семинары для врачей, "
        "а также внести предложения по изменению порядка аттестации."
    )
    assert [a.lemma for a in ex.actions] == ["разрабатывать", "проводить", "внести"]
    assert len(ex.clauses) == 3
    assert ex.clauses[-1].text.startswith("внести предложения")
    assert all(c.start < c.end for c in ex.clauses)


def test_gerunds_are_not_actions() -> None:
    ex, _ = _units(
        "1. Рекомендовать Министерству здравоохранения пересмотреть порядок аккредитации, "
        "рассмотрев опыт соседних стран."
    )
    assert [a.lemma for a in ex.actions] == ["пересмотреть"]


def test_narrative_sentences_are_not_units() -> None:
    _, units = _units("Вчера в Бишкеке состоялось заседание коллегии. Участники обсудили итоги года.")
    assert units == []


def test_reported_instruction_in_news_is_a_unit() -> None:
    ex, units = _units(
        "Премьер-министр поручил Министерству здравоохранения усилить контроль за ценами на лекарства."
    )
    assert [u.modality for u in units] == ["instruction"]
    assert _people(ex, "addressee") == ["Министерство здравоохранения"]


def test_persons_with_roles_and_quotes() -> None:
    ex = extract_text(
        "«Мы обязательно завершим строительство больницы в этом году», — заявил министр "
        "здравоохранения Алмаз Токтогулов.\n\nДиректор больницы Нурлан Асанов отметил рост числа пациентов."
    )
    people = {p.name: p.role for p in ex.persons}
    assert people.get("Алмаз Токтогулов") == "министр здравоохранения"
    assert people.get("Нурлан Асанов") == "Директор больницы"
    assert [q.speaker for q in ex.quotes] == ["Алмаз Токтогулов"]


def test_instruction_given_in_news_with_deadline() -> None:
    ex, units = _units(
        "Президент дал указание Министерству здравоохранения и Министерству финансов до 1 июня 2025 года "
        "подготовить предложения по оплате труда врачей."
    )
    assert [(u.modality, u.deadline) for u in units] == [("instruction", "2025-06-01")]
    assert _people(ex, "addressee") == ["Министерство здравоохранения", "Министерство финансов"]


def test_deadline_sentence_joins_the_unit_before_it() -> None:
    _, units = _units("Поручить Минздраву России представить доклад о вакцинации. Срок – до 1 марта 2025 г.")
    assert [u.deadline for u in units] == ["2025-03-01"]
    assert units[0].text.endswith("Срок – до 1 марта 2025 г.")


def test_instruction_list_with_lettered_sub_items() -> None:
    ex, units = _units(
        "1. Правительству Российской Федерации:\nа) обеспечить разработку программы;\n"
        "б) представить предложения.\nСрок – до 1 июня 2025 г."
    )
    assert [(u.item, u.modality, u.deadline) for u in units] == [("1", "instruction", "2025-06-01")]
    assert [a.lemma for a in ex.actions] == ["обеспечить", "представить"]


def test_sub_points_after_a_blank_line_stay_with_their_item() -> None:
    ex, units = _units(
        "ПОСТАНОВЛЕНИЕ\n\n3. Министерству здравоохранения:\n\nа) утвердить порядок ведения регистра;\n\n"
        "б) обеспечить передачу сведений в регистр.\n\nГлава администрации И. Петров"
    )
    assert [(u.item, u.modality) for u in units] == [("3", "instruction")]
    assert units[0].text.endswith("в регистр.")
    assert _people(ex, "addressee") == ["Министерство здравоохранения"]
    assert [a.lemma for a in ex.actions] == ["утвердить", "обеспечить"]


def test_parent_item_with_its_own_trigger_passes_force_and_addressee_down() -> None:
    ex, units = _units(
        "РЕЗОЛЮЦИЯ\n3. Рекомендовать Министерству здравоохранения:\n3.1. пересмотреть функции групп;\n"
        "3.2. внедрить клинические протоколы.\n4. Директорам центров семейной медицины, главным врачам "
        "больниц:\n4.1. Обеспечить сверку списков детей.\n5. Принять к сведению доклад."
    )
    assert [(u.item, u.modality) for u in units] == [
        ("3.1", "recommendation"),
        ("3.2", "recommendation"),
        ("4.1", "instruction"),
        ("5", "decision"),
    ]
    by_unit = {u.item: [a.normalized for a in ex.addressees if a.rec_id == u.rec_id] for u in units}
    assert by_unit["3.2"] == ["Министерство здравоохранения"]
    assert by_unit["4.1"] == ["Директора центров семейной медицины", "главные врачи больниц"]
    assert by_unit["5"] == []


def test_co_actors_end_with_their_sentence_and_split_at_conjuncts() -> None:
    ex, _ = _units(
        "8. Организовать мониторинг публикаций с привлечением религиозных лидеров и председателей "
        "махаллинских комитетов.\nСрок: постоянно."
    )
    assert _people(ex, "co_actor") == ["религиозные лидеры", "председатели махаллинских комитетов"]


def test_initials_keep_their_full_stop() -> None:
    ex, _ = _units("7. Контроль за исполнением приказа возложить на заместителя министра Асанова Б.Т.")
    assert _people(ex, "addressee") == ["заместитель министра Асанов Б.Т."]


@pytest.mark.parametrize(
    ("text", "addressees"),
    [
        (  # what is laid on the addressee ends it
            "12. Возложить на министра здравоохранения Рахимова Б.Т. персональную ответственность за "
            "реализацию Программы.",
            ["министр здравоохранения Рахимов Б.Т."],
        ),
        ("3. Образовать комиссию по охране здоровья, возложив на нее координацию работы министерств.", []),
        (  # the object put before the infinitive is no part of the addressee
            "10. Министерству финансов финансирование Программы осуществлять в пределах средств бюджета.",
            ["Министерство финансов"],
        ),
        (  # a clause after a comma is no part of the subject's name
            "5. Страховщики, осуществляющие обязательное страхование, обязаны возмещать расходы "
            "на реабилитацию.",
            ["Страховщики"],
        ),
        (
            "Мы, министры здравоохранения стран Центральной Азии, собравшиеся в Астане, обязуемся "
            "разработать дорожные карты.",
            ["министры здравоохранения стран Центральной Азии"],
        ),
        (  # «хоким» is not in the dictionary: the ending decides, and «-ам» is no genitive
            "5. Хокимам районов в срок до 1 марта обеспечить выделение земельных участков.",
            ["Хокимы районов"],
        ),
        (  # the subject of «обязаны» is nominative already; the tagger's genitive reading is not applied
            "4. Организации службы крови обязаны обеспечивать безопасность заготовки крови.",
            ["Организации службы крови"],
        ),
        (  # the tagger calls «Кыргызской» a proper noun; the dictionary knows it as an adjective
            "6. Рекомендовать Кыргызской государственной медицинской академии им. И.К. Ахунбаева увеличить "
            "прием в ординатуру.",
            ["Кыргызская государственная медицинская академия им. И.К. Ахунбаева"],
        ),
        (
            "3. Национальной референс-лаборатории обеспечить контроль качества.",
            ["Национальная референс-лаборатория"],
        ),
        ("2. Заведующим отделами здравоохранения обеспечить охват.", ["Заведующие отделами здравоохранения"]),
        (
            "7. Отделу по связям с общественностью Министерства организовать информационную кампанию.",
            ["Отдел по связям с общественностью Министерства"],
        ),
        (  # a plural head distributes over every listed genitive; «хукумат» is not in the dictionary
            "2. Хукуматам областей, города Душанбе, городов и районов обеспечить выполнение плана.",
            ["Хукуматы областей", "Хукуматы города Душанбе", "Хукуматы городов и районов"],
        ),
        (
            "3. Хокимияты областей, города Ташкента, районов и городов должны оказывать содействие донорам.",
            ["Хокимияты областей", "Хокимияты города Ташкента", "Хокимияты районов и городов"],
        ),
        (
            "5. Товариществу с ограниченной ответственностью «Национальный научный онкологический центр» "
            "обеспечить хранение препаратов.",
            ["Товарищество с ограниченной ответственностью «Национальный научный онкологический центр»"],
        ),
        (  # a hard-wrapped list: the head lends only itself and its own genitive to the city
            "1. Начальникам управлений здравоохранения Согдийской,\nХатлонской областей, г. Душанбе и "
            "заведующим отделами здравоохранения районов обеспечить выявление туберкулеза.",
            [
                "Начальники управлений здравоохранения Согдийской, Хатлонской областей",
                "Начальники управлений здравоохранения г. Душанбе",
                "заведующий отделами здравоохранения районов",
            ],
        ),
        (  # «(по согласованию) с 1 января»: the date is no part of the name
            "3. НАО «Фонд социального медицинского страхования» (по согласованию) с 1 января 2025 года "
            "предусмотреть показатель.",
            ["НАО «Фонд социального медицинского страхования»"],
        ),
        (  # pymorphy3 alone would say «высочайшие»
            "8. Рекомендовать высшим должностным лицам субъектов Российской Федерации обеспечить "
            "внедрение программ.",
            ["высшие должностные лица субъектов Российской Федерации"],
        ),
        (  # adjectives coordinated before one head name one body each; the head is lent to the first
            "2. Рекомендовать сельским и поселковым Советам депутатов рассмотреть план.",
            ["сельские Советы депутатов", "поселковые Советы депутатов"],
        ),
        (  # three of them, and an adjective that all share («… детским больницам»)
            "4. Рекомендовать областным, городским и районным детским больницам обновить регистры.",
            ["областные детские больницы", "городские детские больницы", "районные детские больницы"],
        ),
        (  # the tagger reads «местным» as a singular instrumental; the dictionary allows the dative plural
            "5. Центральным и местным исполнительным органам обеспечить учет.",
            ["Центральные исполнительные органы", "местные исполнительные органы"],
        ),
        (  # adjectives of a genitive inside the name share nothing with the addressee's head
            "6. Руководителям больниц Энской и Заречной областей обеспечить учет.",
            ["Руководители больниц Энской и Заречной областей"],
        ),
    ],
)
def test_addressee_boundaries(text: str, addressees: list[str]) -> None:
    ex, units = _units(text)
    assert len(units) == 1
    assert _people(ex, "addressee") == addressees


@pytest.mark.parametrize(
    ("text", "co_actors"),
    [
        (
            "1. Министерству здравоохранения совместно с Министерством труда, социального обеспечения и "
            "миграции разработать план.",
            ["Министерство труда, социального обеспечения и миграции"],
        ),
        (
            "2. Министерству здравоохранения совместно с Агентством по статистике при Президенте Республики "
            "Таджикистан внедрить регистр.",
            ["Агентство по статистике при Президенте Республики Таджикистан"],
        ),
        (
            "3. Рекомендовать Министерству здравоохранения разработать с участием Ассоциации клинические "
            "рекомендации по реабилитации.",
            ["Ассоциация"],
        ),
        (  # a quoted name keeps its prepositions and its line break
            "5. Управлению кадров совместно с ГОУ «Институт последипломного\nобразования в сфере "
            "здравоохранения» организовать переподготовку врачей.",
            ["ГОУ «Институт последипломного образования в сфере здравоохранения»"],
        ),
        (
            "4. Министерству здравоохранения совместно с некоммерческим акционерным обществом «Медицинский "
            "университет Астана» обеспечить обучение.",
            ["некоммерческое акционерное общество «Медицинский университет Астана»"],
        ),
    ],
)
def test_co_actor_boundaries(text: str, co_actors: list[str]) -> None:
    ex, _ = _units(text)
    assert _people(ex, "co_actor") == co_actors


def test_roles_of_persons_in_news() -> None:
    ex, _ = _units(
        "Директор Республиканского центра нефрологии и трансплантации почки Дилшод Каримов сообщил, что "
        "очередь сократилась. Главный нефролог Министерства здравоохранения Нодира Алимова отметила рост.\n"
        "Председательствующий на Съезде                    В.А. Лебедев"
    )
    roles = {p.name: p.role for p in ex.persons}
    assert roles["Дилшод Каримов"] == "Директор Республиканского центра нефрологии и трансплантации почки"
    assert roles["Нодира Алимова"] == "Главный нефролог Министерства здравоохранения"
    assert roles["В.А. Лебедев"] == "Председательствующий на Съезде"


def test_mentions_of_one_person_in_different_cases_are_one_person() -> None:
    ex, _ = _units(
        "ПРОТОКОЛ № 2\nПредседательствовал: заместитель акима области Сейтжанов Н.Б.\n"
        "СЛУШАЛИ: Абдрахманов Г.С. — руководитель Департамента.\n"
        "1. Руководителю Департамента Абдрахманову Г.С. обеспечить надзор.\n"
        "2. Иванову А. и Иванову Б. подготовить отчет.\n"
        "Председатель Н. Сейтжанов"
    )
    names = [p.name for p in ex.persons]
    assert names.count("Сейтжанов Н.Б.") == 1 and "Н. Сейтжанов" not in names
    assert "Абдрахманов Г.С." in names and "Абдрахманову Г.С." not in names
    assert [n for n in names if n.startswith("Иванов")] == ["Иванов А.", "Иванов Б."]  # other initials


def test_co_actor_list_in_the_instrumental() -> None:
    ex, _ = _units(
        "2. Министерству здравоохранения совместно с Советом Министров Республики Каракалпакстан, "
        "хокимиятами областей и заинтересованными министерствами и ведомствами обеспечить внедрение."
    )
    assert _people(ex, "co_actor")[0] == "Совет Министров Республики Каракалпакстан"
    assert _people(ex, "co_actor")[-2:] == ["заинтересованные министерства", "ведомства"]
    assert len(_people(ex, "co_actor")) == 4


def test_a_law_obligation_with_its_list_is_one_unit() -> None:
    ex, units = _units(
        "ЗАКОН\nСтатья 12. Обязанности донора\nДонор обязан:\n1) сообщать сведения о перенесенных "
        "заболеваниях;\n2) предъявлять документ, удостоверяющий личность.\nСтатья 13. Права донора\n"
        "РЕКОМЕНДОВАТЬ:\n1) Министерству здравоохранения обеспечить учет доноров;\n"
        "2) Фонду ОМС пересмотреть тарифы."
    )
    assert [(u.item, u.modality) for u in units] == [
        (None, "obligation"),
        ("1", "recommendation"),
        ("2", "recommendation"),
    ]
    assert units[0].text.endswith("удостоверяющий личность.")
    assert [a.lemma for a in ex.actions][:2] == ["сообщать", "предъявлять"]


def test_rows_of_a_flattened_plan_table_are_instructions() -> None:
    ex, units = _units(
        "ПЛАН МЕРОПРИЯТИЙ\n№ | Мероприятие | Срок исполнения | Ответственные\n"
        "1. | Ремонт ФАПов | II квартал 2026 г. | Минздрав, акиматы областей (по согласованию)\n"
        "2. | Закуп вакцин | ежегодно, до 1 марта | Минздрав"
    )
    assert [(u.item, u.modality, u.deadline) for u in units] == [
        ("1", "instruction", "2026-06-30"),
        ("2", "instruction", "ежегодно, до 1 марта"),
    ]
    assert [a.normalized for a in ex.addressees] == ["Минздрав", "акиматы областей", "Минздрав"]


def test_decision_with_its_object_first() -> None:
    ex, units = _units("1. Информацию министра финансов о ходе исполнения бюджета принять к сведению.")
    assert [(u.modality, u.trigger) for u in units] == [("decision", "принять")]
    assert [a.lemma for a in ex.actions] == ["принять"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (  # a signature block: the role over two lines, the name with glued initials on the next
            "3. Опубликовать постановление.\nПредседатель Правительства\nРеспублики Алтай\nП.С.Орлов",
            "П.С. Орлов",
            "Председатель Правительства Республики Алтай",
        ),
        (  # a blank line between the role and an upper-case name
            "Сообщаем о продлении мер.\n\nНачальник\n\nЕ.В.ГРОМОВА",
            "Е.В. Громова",
            "Начальник",
        ),
        (  # a signature laid out as a table row
            "2. Контроль оставляю за собой.\nМинистр | И.И. Сомов",
            "И.И. Сомов",
            "Министр",
        ),
        (  # a role cut by the table's cell
            "2. Опубликовать решение.\nГлава Энского |\nА.А. Белов |",
            "А.А. Белов",
            "Глава Энского",
        ),
        (  # a role with «и» between genitives, the name in the genitive after it
            "Контроль возложить на заместителя министра труда и социальной защиты Г.Н.Ершова.",
            "Г.Н. Ершов",
            "заместитель министра труда и социальной защиты",
        ),
        (  # a name in an oblique case whose form is ambiguous: the role word it agrees with decides
            "Контроль за исполнением возложить на первого заместителя главы города Т.А. Сидорову.",
            "Т.А. Сидорова",
            "первый заместитель главы города",
        ),
        (  # the head of a body named in brackets after it
            "4. Управлению кадров (Петров П.П.), Отделу учета (Смирнова А.А.) обеспечить отчетность.",
            "Петров П.П.",
            "руководитель Управления кадров",
        ),
        (  # «Ответственный:» under an instruction
            "1. Правительству обеспечить выпуск вакцины.\nСрок – 1 июля 2023 г.\nОтветственный: Петров А.А.",
            "Петров А.А.",
            "ответственный",
        ),
        (  # a table row: the role in the cell after the name
            "1 | Сидоров К.К. | главный врач районной больницы | консультации",
            "Сидоров К.К.",
            "главный врач районной больницы",
        ),
        (  # a bare signature role heads the body that decided («… ПОСТАНОВЛЯЕТ:»)
            "Министерство труда Энской Республики ПОСТАНОВЛЯЕТ:\n1. Утвердить нормы.\nМинистр\nИ.И. Сомов",
            "И.И. Сомов",
            "Министр труда Энской Республики",
        ),
        (  # a collegial body: its chairman, the body in the genitive
            "Заречный районный Совет депутатов РЕШИЛ:\n1. Утвердить программу.\nПредседатель А.А. Белов",
            "А.А. Белов",
            "Председатель Заречного районного Совета депутатов",
        ),
        (  # an act decreed in the first person: the name signing alone holds the office of the header
            "ГЛАВА ЗАРЕЧНОГО РАЙОНА\nПОСТАНОВЛЕНИЕ\nВ целях охраны здоровья жителей Заречного района "
            "постановляю:\n1. Утвердить план.\nК.К.СИДОРОВ",
            "К.К. Сидоров",
            "Глава Заречного района",
        ),
        (  # an approval stamp names an office; the person said to approve holds it
            "Перечень поручений\nУтвержден\nГлавой Заречного района\nИван Сомов утвердил перечень поручений.",
            "Иван Сомов",
            "Глава Заречного района",
        ),
    ],
)
def test_person_roles(text: str, name: str, role: str) -> None:
    roles = {p.name: p.role for p in extract_text(text).persons}
    assert roles.get(name) == role, roles


@pytest.mark.parametrize(
    "text",
    [
        "Новости | Иван Петров - https://petrov.example.org -\n\nПриказ о вакцинации.",  # a site's header
        "Поручить академии имени И.К. Сомова разработать программу.",  # a body named after a person
        "А. Общие положения\nБ. Финансирование программы",  # a heading's letter before a known word
    ],
)
def test_no_persons(text: str) -> None:
    assert extract_text(text).persons == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # «приказываю:» names no body: the bare role stays as printed
        ("Министерство труда\nПРИКАЗ\nприказываю:\n1. Утвердить нормы.\nМинистр\nИ.И. Сомов", "Министр"),
        # the body that decided is not one a minister heads
        ("Правительство Энской Республики ПОСТАНОВЛЯЕТ:\n1. Утвердить план.\nМинистр\nИ.И. Сомов", "Министр"),
        # a name above the operative part is no signature
        (
            "ГЛАВА ЗАРЕЧНОГО РАЙОНА\nПОСТАНОВЛЕНИЕ\nЗаслушав И.И. Сомова, постановляю:\n1. Утвердить план.",
            None,
        ),
    ],
)
def test_signatures_the_act_does_not_widen(text: str, role: str | None) -> None:
    assert {p.name: p.role for p in extract_text(text).persons} == {"И.И. Сомов": role}


@pytest.mark.parametrize(
    "text",
    [
        "1. Внести изменения:\nпункт 2 дополнить абзацем следующего содержания:\n«- лицам, застрахованным по "
        "обязательному медицинскому страхованию, указанным в главе 3 настоящей Программы.»;",
        '"Перечень поручений по итогам встречи с представителями медицинского сообщества"\nУтвержден',
    ],
)
def test_amended_wording_and_headlines_are_no_quotes(text: str) -> None:
    assert extract_text(text).quotes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a preamble ending in «постановляю:», an item opening with its purpose
            "Руководствуясь статьей 5 Устава края, в целях охраны здоровья постановляю:\n"
            "1. В целях ремонта поликлиник выделить Министерству здравоохранения края 5 миллионов рублей.",
            [("decision", [], ["выделить"])],
        ),
        (  # a long line ending in a finite trigger and a colon heads the dash items under it
            "По итогам встречи участники круглого стола предлагают:\n"
            "- учитывая опыт соседних стран, приглашать на заседания представителей пациентов.",
            [("proposal", [], ["приглашать"])],
        ),
        (  # what a body «будет» do in an act's operative part is an obligation of its subject
            "ПОСТАНОВЛЯЕТ:\n2. Районные комиссии по здравоохранению будут устанавливать карантинные меры.",
            [("obligation", ["Районные комиссии по здравоохранению"], ["устанавливать"])],
        ),
        (  # a trigger inside a cited title and the closing «приказываем:» make no unit of a preamble
            'В дополнение к приказу от 2 мая 2003 г. N 15 "Об утверждении перечня клиник, которым '
            'разрешено проводить операции" приказываем:\n1. Утвердить перечень больниц.',
            [("decision", [], ["утвердить"])],
        ),
        (  # an infinitive in a relative clause is no action of the unit
            "1. Утвердить перечень организаций, которым разрешено выдавать лицензии.",
            [("decision", [], ["утвердить"])],
        ),
        (  # the last item cut by the end of the excerpt before its infinitive is kept
            "1. Утвердить план.\n2. Департаменту кадров Министерства здравоохранения в установленном порядке",
            [
                ("decision", [], ["утвердить"]),
                ("instruction", ["Департамент кадров Министерства здравоохранения"], []),
            ],
        ),
        (  # a sentence of an unnumbered paragraph hard-wrapped over lines is one unit
            "Постановляю:\nУтвердить прилагаемые изменения,\nкоторые вносятся в порядок\nоказания помощи.",
            [("decision", [], ["утвердить"])],
        ),
        (  # coordinated subjects, the first with a clause after it
            "Граждане, прибывшие из-за рубежа, и лица с признаками болезни обязаны:\nсоблюдать карантин.",
            [("obligation", ["Граждане", "лица с признаками болезни"], ["соблюдать"])],
        ),
        (
            "Минтруд и Минобрнауки должны до 1 июня подготовить предложения.",
            [("obligation", ["Минтруд", "Минобрнауки"], ["подготовить"])],
        ),
        (  # the short form «обязано» is the modal, not the addressing «обязать»
            "Министерство труда и социальной защиты обязано обеспечить выплаты.",
            [("obligation", ["Министерство труда и социальной защиты"], ["обеспечить"])],
        ),
        (  # a participle before the noun it agrees with stays in the addressee
            "2. Правительствам государств - участников указанного Соглашения определить представителей.",
            [
                (
                    "instruction",
                    ["Правительства государств - участников указанного Соглашения"],
                    ["определить"],
                )
            ],
        ),
        (  # «было поручено»: the auxiliary is no part of the addressee
            "Минфину было поручено до конца года выделить средства на закупку вакцин.",
            [("instruction", ["Минфин"], ["выделить"])],
        ),
        (  # the dative before a passive trigger, past an adverbial with a preposition
            "По итогам совещания Министерству здравоохранения и Минфину поручено подготовить предложения.",
            [("instruction", ["Министерство здравоохранения", "Минфин"], ["подготовить"])],
        ),
        (  # an addressee never takes a negation or a time word along
            "1. Министерству здравоохранения не позднее 1 марта представить отчет.",
            [("instruction", ["Министерство здравоохранения"], ["представить"])],
        ),
        (  # the participle of an addressing verb gives the unit its force
            "Министерству финансов рекомендовано изыскать средства на строительство больницы.",
            [("recommendation", ["Министерство финансов"], ["изыскать"])],
        ),
        (  # the reported «контроль … возложен на Y»
            "Контроль за исполнением решения возложен на заместителя министра Петрова И.И.",
            [("instruction", ["заместитель министра Петров И.И."], [])],
        ),
        ("По итогам заседания решено создать рабочую группу по лекарствам.", [("decision", [], ["создать"])]),
        ("Участники совещания приняли решение о создании координационного совета.", [("decision", [], [])]),
        (  # «необходимо + inf»: a unit with no addressee
            "Необходимо обеспечить больницы средствами индивидуальной защиты.",
            [("obligation", [], ["обеспечить"])],
        ),
        (  # a decree's items quoted in a report
            "В указе говорится: «Образовать Национальный совет по здравоохранению. Направить средства "
            "на ремонт больниц».",
            [("decision", [], ["образовать"]), ("decision", [], ["направить"])],
        ),
        (  # a plan table flattened to one cell per line: the deadline and responsible cells follow a measure
            "Наименование мероприятия\n\nСрок\n\nОтветственный исполнитель\n\n"
            "1. Провести обучение медицинских сестер\n\nвторой квартал\n\nУправление здравоохранения\n\n"
            "2. Закупить вакцины",
            [
                ("instruction", ["Управление здравоохранения"], ["провести"]),
                ("instruction", [], ["закупить"]),
            ],
        ),
        (  # a signature block ends the last unit and is no part of it
            "1. Министерству здравоохранения обеспечить контроль.\nМинистр здравоохранения\nРеспублики Алтай "
            "П. Орлов",
            [("instruction", ["Министерство здравоохранения"], ["обеспечить"])],
        ),
        (  # direct speech goes on after its first sentence
            "«Заболеваемость растет. Каждый случай нужно разбирать отдельно», – сказала министр.",
            [],
        ),
    ],
)
def test_units_of_real_document_constructions(text: str, expected: list) -> None:
    ex, units = _units(text)
    got = [
        (
            u.modality,
            [a.normalized for a in ex.addressees if a.rec_id == u.rec_id and a.role == "addressee"],
            [a.lemma for a in ex.actions if a.rec_id == u.rec_id],
        )
        for u in units
    ]
    assert got == expected


def test_a_plan_cell_gives_its_deadline_and_a_title_none() -> None:
    ex, units = _units(
        "Наименование мероприятия\n\nСрок\n\nОтветственный\n\n1. Провести обучение\n\n"
        "второй квартал 2025 года\n\nУправление кадров\n\n2. Утвердить программу «Здоровье на 2025-2030 годы»"
    )
    assert [u.deadline for u in units] == ["2025-06-30", None]
    assert units[0].end - units[0].start == len("Провести обучение")
