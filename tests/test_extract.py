"""Extraction, construction by construction, on sentences of our own (none is from the corpus)."""

from __future__ import annotations

import pytest

from pipeline.run import extract_text


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
        (  # pymorphy3 alone would say «высочайшие»
            "8. Рекомендовать высшим должностным лицам субъектов Российской Федерации обеспечить "
            "внедрение программ.",
            ["высшие должностные лица субъектов Российской Федерации"],
        ),
    ],
)
def test_addressee_boundaries(text: str, addressees: list[str]) -> None:
    ex, units = _units(text)
    assert len(units) == 1
    assert _people(ex, "addressee") == addressees


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


def test_what_an_act_approves_or_where_it_was_published_is_no_reference() -> None:
    ex = extract_text(
        "1. Утвердить прилагаемые Правила оказания паллиативной помощи.\n"
        "2. Признать утратившим силу приказ Минздрава России от 3 мая 2019 г. № 345н «О паллиативной помощи» "
        "(Собрание законодательства Российской Федерации, 2019, № 20, ст. 2490)."
    )
    assert [(r.ref_type, r.number) for r in ex.legal_refs] == [("order", "345н")]


def test_decision_with_its_object_first() -> None:
    ex, units = _units("1. Информацию министра финансов о ходе исполнения бюджета принять к сведению.")
    assert [(u.modality, u.trigger) for u in units] == [("decision", "принять")]
    assert [a.lemma for a in ex.actions] == ["принять"]
