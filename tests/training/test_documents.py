"""Labelled documents become training rows whose text is the unit the pipeline extracts for each item."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.training.documents import LabelledRow, labelled_units, merge_rows

ORDER = """МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ КЫРГЫЗСКОЙ РЕСПУБЛИКИ
ПРИКАЗ
от 3 марта 2025 года № 141
г. Бишкек
Об организации вакцинации против кори
В целях предупреждения распространения кори ПРИКАЗЫВАЮ:
1. Руководителям центров семейной медицины обеспечить охват вакцинацией детей не менее 95 процентов.
2. Центру электронного здравоохранения (Асанов Б.К.) ежемесячно формировать отчет о привитых в
электронном регистре.
3. Контроль за исполнением настоящего приказа оставляю за собой.
Министр А. Алымкулов
"""


def _folder(root: Path, labels: list[tuple[str, str, str]]) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "order.txt").write_text(ORDER, encoding="utf-8")
    with (root / "labels.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("file", "item", "label"), *labels])
    return root


def test_each_labelled_item_becomes_its_unit(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        [
            ("order.txt", "1", "public_health"),
            ("order.txt", "2.", "information"),
            ("order.txt", "9", "governance"),
        ],
    )
    rows, missing = labelled_units(folder)
    assert [(r.label, r.provenance) for r in rows] == [
        ("public_health", "documents:order:1"),
        ("information", "documents:order:2"),
    ]
    assert rows[0].text.startswith("Руководителям центров семейной медицины обеспечить охват")
    assert "электронном регистре" in rows[1].text and "Контроль" not in rows[1].text
    assert missing == [("order", "9")]


def test_merge_replaces_only_document_rows(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.csv"
    labelled.write_text(
        "text,label,provenance\nЗакупить вакцины.,medical_products,written\n"
        "Старый пункт.,governance,documents:old:1\n",
        encoding="utf-8",
    )
    new = [
        LabelledRow("Новый пункт.", "workforce", "documents:new:1"),
        LabelledRow("Закупить вакцины.", "x", "y"),
    ]
    assert merge_rows(labelled, new) == 2
    with labelled.open(encoding="utf-8", newline="") as f:
        got = [tuple(r.values()) for r in csv.DictReader(f)]
    assert got == [
        ("Закупить вакцины.", "medical_products", "written"),
        ("Новый пункт.", "workforce", "documents:new:1"),
    ]
