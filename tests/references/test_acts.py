"""Acts within a document: which mentions name one act, the document's own act, the relation of each."""

from __future__ import annotations

import pytest

from pipeline.records import Document, Reference
from pipeline.references.acts import resolve_acts


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
    (  # unnamed legislation repeated is one act
        "В порядке, установленном законодательством Республики Казахстан, и согласно законодательству "
        "Республики Казахстан.",
        [
            ("законодательством Республики Казахстан", "generic", None, None, None),
            ("законодательству Республики Казахстан", "generic", None, None, None),
        ],
        [0, 0],
    ),
]


@pytest.mark.parametrize(("text", "mentions", "groups"), CASES)
def test_mentions_of_one_act_share_its_id(text: str, mentions: list[tuple], groups: list[int]) -> None:
    _, refs, acts = resolve_acts(_document(text), _refs(text, *mentions), "KZ", [])
    assert _groups(refs) == groups
    assert len({r.act_id for r in refs}) == len({a.act_id for a in acts if a.n_mentions})


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
