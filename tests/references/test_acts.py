"""Acts within a document: which mentions name one act, the document's own act, the relation of each."""

from __future__ import annotations

import pytest

from pipeline.records import Document, Reference
from pipeline.references.acts import resolve_acts
from pipeline.references.find import find_references


def _document(text: str, doc_type: str = "decree", number: str | None = "7", date: str | None = "2025-03-01"):
    return Document(
        doc_id="d", source="d.txt", doc_type=doc_type, title=None, date=date, place=None, number=number,
        text=text, n_chars=len(text), sha256="",
    )  # fmt: skip


def _refs(text: str, *mentions: tuple) -> list[Reference]:
    """Reference rows for (mention text, ref_type, title, date, number) found in order in the text."""
    out, pos = [], 0
    for k, (mention, ref_type, title, date, number) in enumerate(mentions, 1):
        start = text.index(mention, pos)
        pos = start + len(mention)
        out.append(
            Reference(
                ref_id=f"d:ref:{k}",
                doc_id="d",
                rec_id=None,
                start=start,
                end=pos,
                text=mention,
                ref_type=ref_type,
                title=title,
                date=date,
                number=number,
                jurisdiction=None,
                issuer=None,
                article=None,
            )  # fmt: skip
        )
    return out


def _groups(refs: list[Reference]) -> list[int]:
    """Each mention's act as the index of the first mention of that act."""
    first: dict[str, int] = {}
    return [first.setdefault(r.act_id, i) for i, r in enumerate(refs)]


PLAN = "Национальный план действий по охране здоровья на 2021-2025 годы"
# (text, mentions, groups): one made-up document per construction.
CASES = [
    (  # a programme's short form is the programme
        f"1. Утвердить {PLAN}.\n2. Ход выполнения Национального плана рассмотреть.",
        [
            ("Национальный план действий", "plan", PLAN, None, None),
            ("Национального плана", "plan", "Национальный план", None, None),
        ],
        [0, 0],
    ),
    (  # the same number with and without its date; another number is another act
        "Согласно приказу № 15 от 2 мая 2020 года и приказу № 15, а также приказу № 16 провести.",
        [
            ("приказу № 15 от 2 мая 2020 года", "order", None, "2020-05-02", "15"),
            ("приказу № 15,", "order", None, None, "15"),
            ("приказу № 16", "order", None, None, "16"),
        ],
        [0, 0, 2],
    ),
    (  # one title, two numbers: two acts
        "Приказ № 3 «О внесении изменений» и приказ № 4 «О внесении изменений» признать утратившими силу.",
        [
            ("Приказ № 3 «О внесении изменений»", "order", "О внесении изменений", None, "3"),
            ("приказ № 4 «О внесении изменений»", "order", "О внесении изменений", None, "4"),
        ],
        [0, 1],
    ),
    (  # a short name the text defines
        "Реализовать Стратегию охраны здоровья граждан (далее – Стратегия) и доложить о Стратегии развития.",
        [
            (
                "Стратегию охраны здоровья граждан",
                "strategy",
                "Стратегия охраны здоровья граждан",
                None,
                None,
            ),
            ("Стратегии развития", "strategy", "Стратегия развития", None, None),
        ],
        [0, 1],
    ),
    (  # unnamed legislation repeated in one sentence is one act
        "В порядке, установленном законодательством Республики Казахстан, и согласно законодательству "
        "Республики Казахстан.",
        [
            ("законодательством Республики Казахстан", "generic", None, None, None),
            ("законодательству Республики Казахстан", "generic", None, None, None),
        ],
        [0, 0],
    ),
    (  # a bare «НПА» in one item and in another: two unnamed acts
        "5. Участвовать в разработке НПА по вопросам кадров.\n6. Инициировать внесение изменений в НПА.",
        [("НПА", "generic", None, None, None), ("НПА", "generic", None, None, None)],
        [0, 1],
    ),
    (  # legislation on one subject is one act; the broader body and a later bare mention are others
        "Законодательство о донорстве крови состоит из настоящего Закона и иных актов законодательства.\n"
        "Если законодательством Республики о донорстве крови установлено иное, применяются его нормы.\n"
        "Статья 9. Приведение законодательства в соответствие с настоящим Законом",
        [
            ("Законодательство", "generic", None, None, None),
            ("законодательства", "generic", None, None, None),
            ("законодательством Республики", "generic", None, None, None),
            ("законодательства", "generic", None, None, None),
        ],
        [0, 1, 0, 3],
    ),
    (  # a bare repeat later in the sentence refers back
        "Если международным договором Республики установлены иные правила, то применяются правила "
        "международного договора.",
        [
            ("международным договором Республики", "international", None, None, None),
            ("международного договора", "international", None, None, None),
        ],
        [0, 0],
    ),
    (  # a country's name written two ways
        "Доработать Стратегию лекарственного обеспечения населения России до 2025 года. Реализовать "
        "Стратегию лекарственного обеспечения населения Российской Федерации до 2025 года.",
        [
            (
                "Стратегию",
                "strategy",
                "Стратегия лекарственного обеспечения населения России до 2025 года",
                None,
                None,
            ),
            (
                "Стратегию",
                "strategy",
                "Стратегия лекарственного обеспечения населения Российской Федерации до 2025 года",
                None,
                None,
            ),
        ],
        [0, 0],
    ),  # fmt: skip
    (  # one programme's name for two years: two programmes
        "Нормативы в Программе гарантий оказания гражданам медицинской помощи на 2025 год недостаточны. "
        "При подготовке Программы гарантий оказания гражданам медицинской помощи на 2026 год учесть их.",
        [
            (
                "Программе гарантий оказания гражданам медицинской помощи на 2025 год",
                "program",
                "Программа гарантий оказания гражданам медицинской помощи на 2025 год",
                None,
                None,
            ),
            (
                "Программы гарантий оказания гражданам медицинской помощи на 2026 год",
                "program",
                "Программа гарантий оказания гражданам медицинской помощи на 2026 год",
                None,
                None,
            ),
        ],
        [0, 1],
    ),  # fmt: skip
    (  # a title that the end of the excerpt cuts off names the act cited in full before
        "О внесении изменений в Закон края «О программе «Борьба с социально значимыми заболеваниями» на "
        "2008-2010 годы»\nВнести в приложение к Закону края от 20 декабря 2007 года № 4-1014 «О программе "
        "«Борьба с социально значимыми заболевани",
        [
            (
                "Закон края «О программе",
                "law",
                "О программе «Борьба с социально значимыми заболеваниями» на 2008-2010 годы",
                None,
                None,
            ),
            (
                "Закону края от 20 декабря 2007 года № 4-1014 «О программе «Борьба с социально значимыми "
                "заболевани",
                "law",
                "О программе «Борьба с социально значимыми заболевани",
                "2007-12-20",
                "4-1014",
            ),
        ],
        [0, 0],
    ),  # fmt: skip
]


@pytest.mark.parametrize(("text", "mentions", "groups"), CASES)
def test_mentions_of_one_act_share_its_id(text: str, mentions: list[tuple], groups: list[int]) -> None:
    _, refs, acts = resolve_acts(_document(text), _refs(text, *mentions), "KZ", [])
    assert _groups(refs) == groups
    assert len({r.act_id for r in refs}) == len({a.act_id for a in acts if a.n_mentions})


REPEALS = "Статья 26. Признание утратившими силу некоторых законодательных актов\nПризнать утратившими силу "


@pytest.mark.parametrize(
    ("repealed", "groups"),
    [
        (["Закон от 30 августа 2002 года № 411"], [0, 0]),  # the description stands for the one act
        (["Закон от 30 августа 2002 года № 411", "Закон от 5 мая 2010 года № 12"], [0, 1, 2]),
    ],
)
def test_acts_repealed_by_description(repealed: list[str], groups: list[int]) -> None:
    text = REPEALS + " и ".join(repealed) + "."
    mentions = [("законодательных актов", "generic", None, None, None)]
    mentions += [
        (m, "law", None, "2002-08-30" if "411" in m else "2010-05-05", m.split("№ ")[1]) for m in repealed
    ]
    _, refs, _ = resolve_acts(_document(text), _refs(text, *mentions), None, [])
    assert _groups(refs) == groups
    assert {r.relation for r in refs} == {"repeals"}


def test_a_defined_abbreviation_resolves_to_its_act() -> None:
    text = "В рамках Международных медико-санитарных правил (ММСП) усилить надзор; отчет по ММСП направить."
    mentions = [("Международных медико-санитарных правил", "international", None, None, None)]
    mentions.append(("по ММСП", "international", None, None, None))
    defined = [("ММСП", text.index("Международных"), text.index(")") + 1)]
    _, refs, _ = resolve_acts(_document(text), _refs(text, *mentions), None, defined)
    assert _groups(refs) == [0, 0]
    _, refs, _ = resolve_acts(_document(text), _refs(text, *mentions), None, [])
    assert _groups(refs) == [0, 1]


def test_the_documents_own_act_and_its_annex_stamp() -> None:
    text = (
        "ПОСТАНОВЛЕНИЕ\nот 1 марта 2025 года № 7\nВ соответствии с постановлением от 1 мая 2024 года № 3\n\n"
        "Приложение\nк постановлению Правительства"
    )
    refs = _refs(text, ("постановлением от 1 мая 2024 года № 3", "decree", None, "2024-05-01", "3"),
                 ("постановлению Правительства", "decree", None, None, None))  # fmt: skip
    document, refs, acts = resolve_acts(_document(text), refs, "KG", [])
    assert document.act_id == "d:act:0" == refs[1].act_id
    assert [r.relation for r in refs] == ["basis", "self"]
    own = next(a for a in acts if a.act_id == document.act_id)
    assert (own.ref_type, own.number, own.date, own.jurisdiction) == ("decree", "7", "2025-03-01", "KG")


def test_a_heading_that_opens_the_document_is_its_own_act() -> None:
    text = "Распоряжение Президента Республики\nО строительстве больниц\nВыделить средства."
    refs = _refs(text, ("Распоряжение Президента Республики", "resolution_order", None, None, None))
    document, refs, _ = resolve_acts(_document(text, doc_type="decree", number=None), refs, None, [])
    assert refs[0].act_id == document.act_id and refs[0].relation == "self"


def test_news_is_no_act() -> None:
    document, _, acts = resolve_acts(_document("Новости дня.", doc_type="news", number=None), [], "KG", [])
    assert document.act_id is None and acts == []


def test_a_chain_member_relates_as_the_act_it_follows() -> None:
    # a long edition note: its last members stand too far from «В редакции» for the cue to reach them
    members = [f"{d:02d}.0{m}.201{m} г. №{d}{m}" for m in range(1, 10) for d in (11, 21)]
    text = "(В редакции постановлений Совета Министров от 10.01.2010 г. №1, " + ", ".join(members) + ")"
    mentions = [("постановлений Совета Министров от 10.01.2010 г. №1", "decree", None, "2010-01-10", "1")]
    mentions += [(m, "decree", None, None, m.split("№")[1]) for m in members]
    _, out, _ = resolve_acts(_document(text), _refs(text, *mentions), None, [])
    assert len(text) > 300 and {r.relation for r in out} == {"amends"}


def _relations(text: str, mentions: list[tuple], document=None) -> list[str | None]:
    _, refs, _ = resolve_acts(document or _document(text), _refs(text, *mentions), None, [])
    return [r.relation for r in refs]


ORDER_5 = ("приказом от 31 июля 2020 года № 5", "order", None, "2020-07-31", "5")


def test_what_a_report_tells_is_no_basis() -> None:
    text = (
        "Съезд, заслушав доклады, отмечает следующее.\nВ соответствии с приказом от 31 июля 2020 года № 5 "
        "создана система реабилитации.\n\nСъезд РЕШИЛ:\n1. В соответствии с приказом от 31 июля 2020 года "
        "№ 5 обеспечить реабилитацию на дому."
    )
    assert _relations(text, [ORDER_5, ORDER_5]) == ["mentions", "basis"]


def test_a_form_is_no_basis() -> None:
    text = "Обеспечить приписку населения согласно форме № 7 и согласно приказу от 31 июля 2020 года № 5."
    form, order = ("форме № 7", "form", None, None, "7"), ("приказу от 31 июля 2020 года № 5", *ORDER_5[1:])
    assert _relations(text, [form, order], _document(text, number="12")) == ["mentions", "basis"]


def test_the_heading_of_an_annex_under_the_documents_stamp_is_approved() -> None:
    text = (
        "ПОСТАНОВЛЕНИЕ\nот 1 марта 2025 года № 7\n1. Утвердить Санитарные правила «Требования к услугам».\n"
        "Утверждены постановлением от 1 марта 2025 года № 7\n\nСанитарные правила «Требования к услугам»"
    )
    rules = ("Санитарные правила «Требования к услугам»", "regulation", "Требования к услугам", None, None)
    document, refs, _ = resolve_acts(_document(text), _refs(text, rules, rules), None, [])
    assert [r.relation for r in refs] == ["approves", "approves"] and _groups(refs) == [0, 0]


def test_a_heading_with_letters_in_its_number_is_the_documents_own() -> None:
    text = "ФЕДЕРАЛЬНАЯ СЛУЖБА\nПИСЬМО\nот 17 мая 2005 г. N 01И-223/05\nО сертификации"
    (found,) = find_references(text)
    mention = (found.text, found.ref_type, found.title, found.date, found.number)
    document = _document(text, doc_type="other", number="01И-223/05", date="2005-05-17")
    document, refs, _ = resolve_acts(document, _refs(text, mention), None, [])
    assert refs[0].act_id == document.act_id and refs[0].relation == "self"


def test_edition_notes_say_which_act_they_changed() -> None:
    text = (
        "О мерах по реализации Указа от 11 августа 2011 года № 360\n\n(В редакции постановлений от "
        "10.01.2012 г. № 31, 11.07.2012 г. № 636)\n\nВ дополнение к приказу от 13 декабря 2001 г. № 448 "
        "(зарегистрирован Минюстом) с дополнениями от 4 марта 2003 г. № 82 утвердить перечень."
    )
    refs = _refs(
        text,
        ("Указа от 11 августа 2011 года № 360", "edict", None, "2011-08-11", "360"),
        ("постановлений от 10.01.2012 г. № 31", "decree", None, "2012-01-10", "31"),
        ("11.07.2012 г. № 636", "decree", None, "2012-07-11", "636"),
        ("приказу от 13 декабря 2001 г. № 448", "order", None, "2001-12-13", "448"),
        ("дополнениями от 4 марта 2003 г. № 82", "order", None, "2003-03-04", "82"),
    )
    document, out, _ = resolve_acts(_document(text), refs, None, [])
    noted = [r.edition_of for r in out]
    assert noted == [None, document.act_id, document.act_id, None, out[3].act_id]
    assert [r.relation for r in out] == ["implements", "amends", "amends", "amends", "mentions"]
