"""Gold files follow their format, and the evaluator gives exact scores on a synthetic dataset."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline import paths
from pipeline.evaluation.acts import score_act_merge, score_relations
from pipeline.evaluation.io import (
    DOC_TYPES,
    ISO_DATE,
    MODALITIES,
    REF_TYPES,
    THEMES,
    load_gold,
    validate_gold,
)
from pipeline.evaluation.match import DEBRIS, locate, quote_text, unit_text
from pipeline.evaluation.score import (
    GOLD_DIR,
    DocScore,
    evaluate,
    format_report,
    trained_items,
    write_metrics,
)
from tests.conftest import RAW, RESOLUTION

RAW_FILES = {p.stem: p for p in RAW.rglob("*.txt")}
REF_FIELDS = ("text", "ref_type", "title", "date", "number", "jurisdiction", "article")


@pytest.fixture(scope="session")
def gold() -> dict[str, dict[str, Any]]:
    """The project's gold set."""
    return load_gold(GOLD_DIR)


def raw_text(doc_id: str) -> str:
    """A raw document without conversion debris (what ingest is expected to keep)."""
    return DEBRIS.sub("", RAW_FILES[doc_id].read_text(encoding="utf-8"))


def make_db(path: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """A dataset SQLite built from schema.sql with the given rows."""
    con = sqlite3.connect(path)
    con.executescript(paths.SCHEMA_SQL.read_text(encoding="utf-8"))
    for table, rows in tables.items():
        for row in rows:
            cols = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" * len(row))
            con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
    con.commit()
    con.close()
    return path


def test_gold_covers_every_raw_document(gold):
    assert sorted(gold) == sorted(RAW_FILES)


def test_gold_format(gold):
    assert validate_gold(gold) == []
    for path in GOLD_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["kind"] in {"document", "unit", "reference", "person", "quote"}
    for doc in gold.values():
        assert doc["document"]["doc_type"] in DOC_TYPES
        assert doc["document"]["date"] is None or ISO_DATE.match(doc["document"]["date"])
        for unit in doc["units"]:
            assert unit["modality"] in MODALITIES and unit["theme"] in THEMES
            assert "item" in unit and "section" in unit and "deadline" in unit
        for ref in doc["references"]:
            assert ref["ref_type"] in REF_TYPES
            assert ref.get("date") is None or ISO_DATE.match(ref["date"])


@pytest.mark.parametrize("doc_id", sorted(RAW_FILES))
def test_gold_texts_stand_in_the_raw_text(gold, doc_id):
    text, doc = raw_text(doc_id), gold[doc_id]
    for unit in doc["units"]:
        assert unit_text(unit["text_start"]) in unit_text(text)
        for entry in unit["addressees"] + unit["co_actors"]:
            assert entry["text"] in text
    for ref in doc["references"]:
        assert locate(ref["text"], text, ref.get("occurrence") or 1), ref["text"]
    for quote in doc["quotes"]:
        assert quote_text(quote["text_start"]) in quote_text(text)


def test_resolution_has_23_units_in_4_sections(gold):
    units = gold[RESOLUTION]["units"]
    assert [u["item"] for u in units] == [str(n) for n in range(1, 24)]
    assert {u["section"] for u in units} == {"1", "2", "3", "4"}
    assert all(u["modality"] == "recommendation" for u in units[5:])


def oracle_tables(gold: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A dataset that says exactly what gold says."""
    t: dict[str, list] = {k: [] for k in ("documents", "recommendations", "addressees", "actions")}
    t |= {"legal_refs": [], "persons": [], "quotes": []}
    for doc_id, doc in gold.items():
        text = raw_text(doc_id)
        meta = {k: doc["document"][k] for k in ("doc_type", "title", "date", "place", "number")}
        t["documents"].append(
            meta | {"doc_id": doc_id, "source": doc_id, "text": text, "n_chars": 0, "sha256": ""}
        )
        items = {}
        for n, u in enumerate(doc["units"]):
            rec = {"rec_id": f"{doc_id}:{n}", "doc_id": doc_id}
            items.setdefault(u["item"], rec["rec_id"])
            keep = {k: u[k] for k in ("item", "section", "modality", "deadline", "theme")}
            t["recommendations"].append(rec | keep | {"text": u["text_start"]})
            for role, key in (("addressee", "addressees"), ("co_actor", "co_actors")):
                t["addressees"] += [rec | a | {"role": role} for a in u[key]]
            t["actions"] += [rec | a for a in u["actions"]]
        seen: Counter = Counter()
        for n, r in enumerate(doc["references"]):
            seen[r["text"]] += 1
            start, end = locate(r["text"], text, r.get("occurrence") or seen[r["text"]])
            keep = {k: r.get(k) for k in REF_FIELDS}
            ids = {"ref_id": f"{doc_id}:ref:{n}", "doc_id": doc_id, "rec_id": items.get(r.get("item"))}
            act = {"act_id": f"{doc_id}:{r['act']}" if r.get("act") else None, "relation": r.get("relation")}
            t["legal_refs"].append(keep | ids | act | {"start": start, "end": end})
        t["persons"] += [{"doc_id": doc_id, "name": p["name"], "role": p["role"]} for p in doc["persons"]]
        t["quotes"] += [
            {"doc_id": doc_id, "speaker": q["speaker"], "text": q["text_start"]} for q in doc["quotes"]
        ]
    return t


def test_gold_scored_against_itself_is_perfect(gold, tmp_path):
    metrics = evaluate(make_db(tmp_path / "oracle.sqlite", oracle_tables(gold)), GOLD_DIR)
    assert metrics["errors"] == []
    assert all(m["fp"] == m["fn"] == 0 for m in metrics["overall"].values())
    n_units = sum(not u.get("optional") for d in gold.values() for u in d["units"])
    assert metrics["overall"]["units"]["tp"] == n_units
    assert metrics["theme"]["accuracy"] == 1.0
    assert all(metrics["accuracy"][f]["accuracy"] in (1.0, None) for f in ("relation", "act_merge"))
    assert metrics["gold_problems"] == []


def test_units_the_theme_model_trained_on_are_not_scored(gold, tmp_path):
    tables = oracle_tables(gold)
    for unit in tables["recommendations"]:
        unit["theme"] = "communication" if unit["theme"] != "communication" else "governance"
    db = make_db(tmp_path / "wrong.sqlite", tables)
    doc_id, units = next((d, g["units"]) for d, g in gold.items() if len(g["units"]) > 3)
    items = frozenset(str(u["item"]) for u in units[:3])
    every = evaluate(db, GOLD_DIR, trained={})["theme"]
    skipped = evaluate(db, GOLD_DIR, trained={doc_id: items})["theme"]
    assert every["correct"] == skipped["correct"] == 0
    assert skipped["n"] == every["n"] - 3


def test_trained_items_come_from_the_model_card(tmp_path):
    card = tmp_path / "card.json"
    card.write_text(json.dumps({"corpus_items": ["doc_a:4", "heldout1:doc_b:2.1", "heldout1:doc_b:None"]}))
    assert trained_items(card) == {"doc_a": {"4"}, "doc_b": {"2.1", None}}
    assert trained_items(tmp_path / "missing.json") == {}


TEXT = (
    "Постановление № 5 «Об охране здоровья»\nг. Бишкек\n1. Утвердить программу развития.\n"
    "2. Рекомендовать Министерству здравоохранения совместно с членами Ассоциации разработать план"
    " и внести предложения в соответствии с Законом «Об охране здоровья» от 5 мая 2019 года № 7"
    " до 1 января 2021 года.\n"
    "3. Акимам областей обеспечить вакцинацию согласно НПА и Государственной программы «Здоровье».\n"
    "Проектом предусматривается, что правила будут обязательны.\n"
    "Министр Иван Петров заявил: «Мы добились успеха в этом году». Анна Сидорова согласилась. Конституции.\n"
)


def unit(item: Any, text_start: str, modality: str, theme: str, **kw: Any) -> dict[str, Any]:
    """A gold unit line."""
    base = {
        "kind": "unit",
        "item": item,
        "section": None,
        "deadline": None,
        "addressees": [],
        "co_actors": [],
    }
    return base | {"text_start": text_start, "modality": modality, "theme": theme, "actions": []} | kw


def act(lemma: str, obj: str | None) -> dict[str, Any]:
    """A gold action."""
    return {"verb": lemma, "lemma": lemma, "object": obj}


def ref(text: str, ref_type: str, **kw: Any) -> dict[str, Any]:
    """A gold reference line."""
    return {"kind": "reference", "text": text, "ref_type": ref_type, "title": None, "date": None} | kw


MINZDRAV = {"text": "Министерству здравоохранения", "normalized": "Министерство здравоохранения"}
GOLD_D1 = [
    {"kind": "document", "doc_type": "decree", "date": "2020-01-02", "title": "Об охране здоровья"}
    | {"place": "Бишкек", "number": "5"},
    unit(
        "1", "Утвердить программу развития", "decision", "governance", actions=[act("утвердить", "программу")]
    ),
    unit("2", "Рекомендовать Министерству здравоохранения", "recommendation", "public_health")
    | {"deadline": "2021-01-01", "addressees": [MINZDRAV]}
    | {"co_actors": [{"text": "членами Ассоциации", "normalized": "члены Ассоциации"}]}
    | {"actions": [act("разработать", "план"), act("внести", "предложения")]},
    unit("3", "Акимам областей обеспечить", "instruction", "public_health")
    | {"addressees": [{"text": "Акимам областей", "normalized": "акимы областей"}]}
    | {"actions": [act("обеспечить", "вакцинацию")]},
    unit(None, "Проектом предусматривается", "obligation", "public_health", optional=True),
    ref("Законом «Об охране здоровья» от 5 мая 2019 года № 7", "law", item="2", jurisdiction="KG")
    | {"title": "Об охране здоровья", "date": "2019-05-05", "number": "7"},
    ref("НПА", "generic", item="3"),
    ref("Государственной программы «Здоровье»", "program", item="3", title="Здоровье"),
    {"kind": "person", "name": "Иван Петров", "role": "министр здравоохранения"},
    {"kind": "person", "name": "Анна Сидорова", "role": "заместитель министра"},
    {"kind": "quote", "speaker": "Иван Петров", "text_start": "Мы добились успеха"},
]
GOLD_D2 = [
    {"kind": "document", "doc_type": "news", "date": None, "title": None, "place": None, "number": None},
    unit("1", "Поручить министерству", "instruction", "governance"),
    ref("Закон", "law"),
]
REC_COLS = ("rec_id", "item", "text", "modality", "theme", "deadline")
ADDR_COLS = ("rec_id", "role", "text", "normalized")
REF_COLS = ("ref_id", "rec_id", "start", "end", "text", "ref_type", "title", "date", "number", "jurisdiction")


LAW, NPA, CONST = (TEXT.index(w) for w in ("Законом", "НПА", "Конституции"))
PRED_UNITS = [  # REC_COLS
    ("d1:1", "1.", "1. Утвердить программу развития.", "decision", "governance", None),
    ("d1:2", "2", TEXT.split("\n")[3][3:], "instruction", "public_health", "2021-01-01"),
    ("d1:3", None, "Акимам областей обеспечить вакцинацию", "instruction", "service_delivery", "за месяц"),
    ("d1:4", "4", "Министр Иван Петров заявил", "statement", "governance", None),
    ("d1:5", None, "Проектом предусматривается, что правила", "obligation", "public_health", None),
]
PRED_ADDRESSEES = [  # ADDR_COLS
    ("d1:2", "addressee", "Министерству здравоохранения", "Министерство здравоохранения"),
    ("d1:2", "co_actor", "членами Ассоциации", "члены Ассоциации"),
    ("d1:3", "addressee", "Акимам областей", None),
]
PRED_ACTIONS = [  # rec_id, lemma, object
    ("d1:1", "утвердить", "программу развития"),
    ("d1:2", "разработать", "планы"),
    ("d1:2", "внести", "изменения"),
    ("d1:2", "предусмотреть", None),
    ("d1:3", "обеспечить", None),
]
PRED_REFS = [  # REF_COLS
    ("d1:ref:1", "d1:2", LAW, LAW + 28, "Законом «Об охране здоровья»", "law", "«Об охране здоровья»")
    + ("2019-05-05", "№7", "KG"),
    ("d1:ref:2", None, NPA, NPA + 3, "НПА", "law", None, None, None, None),
    ("d1:ref:3", None, CONST, CONST + 11, "Конституции", "constitution", None, None, None, None),
]
PRED_DOC = {"source": "d1.txt", "doc_type": "decree", "date": "2020-01-02", "place": "г. Бишкек"}


def synthetic_db(path: Path) -> Path:
    """Predictions for d1 only, right and wrong in known ways."""
    d1 = {"doc_id": "d1"}
    doc = PRED_DOC | {"number": "№ 5", "text": TEXT, "n_chars": len(TEXT), "sha256": "-"}
    return make_db(
        path,
        {
            "documents": [d1 | doc],
            "recommendations": [d1 | dict(zip(REC_COLS, r, strict=True)) for r in PRED_UNITS],
            "addressees": [d1 | dict(zip(ADDR_COLS, a, strict=True)) for a in PRED_ADDRESSEES],
            "actions": [d1 | {"rec_id": r, "verb": v, "lemma": v, "object": o} for r, v, o in PRED_ACTIONS],
            "legal_refs": [d1 | dict(zip(REF_COLS, r, strict=True)) for r in PRED_REFS],
            "persons": [
                d1 | {"name": "Иван Петров", "role": "министр"},
                d1 | {"name": "Ивана Петрова", "role": None},
                d1 | {"name": "Олег Смирнов", "role": "врач"},
            ],
            "quotes": [
                d1 | {"speaker": "Петров", "text": "«Мы добились успеха в этом году»"},
                d1 | {"speaker": None, "text": "Анна согласилась"},
            ],
        },
    )


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[str, Any]:
    """Metrics of the synthetic dataset against the two-document synthetic gold."""
    tmp_path = tmp_path_factory.mktemp("synthetic")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for name, lines in (("d1", GOLD_D1), ("d2", GOLD_D2)):
        (gold_dir / f"{name}.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    return evaluate(synthetic_db(tmp_path / "dataset.sqlite"), gold_dir)


EXPECTED = {  # field: (tp, fp, fn)
    "units": (3, 1, 1),
    "modality": (2, 2, 2),
    "section": (0, 0, 0),
    "deadline": (1, 1, 0),
    "addressees": (1, 1, 1),
    "addressees_raw": (2, 0, 0),
    "co_actors": (1, 0, 0),
    "actions": (4, 1, 0),
    "objects": (2, 1, 2),
    "refs": (2, 1, 2),
    "ref_date": (1, 0, 0),
    "ref_number": (1, 0, 0),
    "ref_title": (1, 0, 0),
    "ref_jurisdiction": (1, 0, 0),
    "ref_item": (1, 0, 1),
    "persons": (1, 1, 1),
    "roles": (1, 0, 0),
    "quotes": (1, 1, 0),
    "speakers": (1, 0, 0),
    "doc_type": (1, 0, 1),
    "doc_date": (1, 0, 0),
    "doc_place": (1, 0, 0),
    "doc_number": (1, 0, 0),
    "doc_title": (0, 0, 1),
}


@pytest.mark.parametrize("field", sorted(EXPECTED))
def test_synthetic_counts(synthetic, field):
    m = synthetic["overall"][field]
    assert (m["tp"], m["fp"], m["fn"]) == EXPECTED[field]


def test_synthetic_ratios(synthetic):
    o = synthetic["overall"]
    assert (o["units"]["precision"], o["units"]["recall"], o["units"]["f1"]) == (0.75, 0.75, 0.75)
    assert (o["refs"]["precision"], o["refs"]["recall"]) == (pytest.approx(2 / 3), 0.5)
    assert o["refs"]["f1"] == pytest.approx(4 / 7)
    assert o["objects"]["f1"] == pytest.approx(4 / 7)
    assert o["actions"]["f1"] == pytest.approx(8 / 9)
    assert o["deadline"]["f1"] == pytest.approx(2 / 3)
    assert o["section"]["f1"] == 1.0  # nothing to find, nothing found
    assert synthetic["accuracy"]["modality"] == {"correct": 2, "n": 3, "accuracy": pytest.approx(2 / 3)}
    assert synthetic["accuracy"]["ref_type"]["accuracy"] == 0.5
    assert synthetic["theme"]["accuracy"] == pytest.approx(2 / 3)
    assert synthetic["theme"]["confusion"] == {"public_health -> service_delivery": 1}


def test_synthetic_breakdown_and_errors(synthetic):
    d2 = synthetic["documents"]["d2"]["overall"]["units"]
    assert d2 == {"tp": 0, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.0, "f1": 0.0}
    errors = {
        tuple(str(e[k]) for k in ("doc_id", "field", "kind", "gold", "pred")) for e in synthetic["errors"]
    }
    assert ("d2", "documents", "missing", "d2", "None") in errors
    assert ("d2", "units", "missed", "Поручить министерству", "None") in errors
    assert ("d1", "units", "spurious", "None", "Министр Иван Петров заявил") in errors
    assert ("d1", "refs", "missed", "Государственной программы «Здоровье»", "None") in errors
    assert ("d1", "addressees", "missed", "акимы областей", "None") in errors
    assert ("d1", "persons", "spurious", "None", "Олег Смирнов") in errors
    assert not any("Проектом" in str(e["pred"]) for e in synthetic["errors"])  # matched an optional unit


def test_report_is_readable_and_written(synthetic, tmp_path):
    table = format_report(synthetic)
    assert "units" in table and "0.750" in table and "theme" in table
    write_metrics(synthetic, tmp_path / "eval.json")
    assert json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))["overall"]["units"]["tp"] == 3


def test_act_merge_and_relation_accuracy() -> None:
    def pair(text: str, act: str, relation: str, act_id: str, predicted: str) -> tuple[dict, dict]:
        return {"text": text, "act": act, "relation": relation}, {"act_id": act_id, "relation": predicted}

    pairs = [
        pair("Закона № 5", "a1", "basis", "law:1", "basis"),
        pair("указанного Закона", "a1", "mentions", "law:2", "mentions"),  # split from its act
        pair("приказ № 7", "a2", "repeals", "order:1", "mentions"),
        pair("приказа № 8", "a3", "amends", "order:1", "amends"),  # merged with another act
    ]
    s = DocScore("d")
    score_relations(s, pairs)
    score_act_merge(s, pairs)
    assert s.acc["relation"].as_dict()["accuracy"] == 0.75
    # six pairs: (1,2) split, (3,4) merged, the other four rightly apart
    assert (s.acc["act_merge"].correct, s.acc["act_merge"].n) == (4, 6)
    assert sorted(e["kind"] for e in s.errors if e["field"] == "act_merge") == ["merged", "split"]
    # per document: each gold act with the act_id of each of its mentions (a split act shows two)
    assert s.acts == {
        "a1": [{"text": "Закона № 5", "act_id": "law:1"}, {"text": "указанного Закона", "act_id": "law:2"}],
        "a2": [{"text": "приказ № 7", "act_id": "order:1"}],
        "a3": [{"text": "приказа № 8", "act_id": "order:1"}],
    }


def test_report_gives_act_merge_and_relation_per_document(synthetic):
    header = next(line for line in format_report(synthetic).splitlines() if line.startswith("document"))
    assert header.split()[-3:] == ["act", "merge", "relation"]
    assert all("acts" in doc for doc in synthetic["documents"].values())
