"""Theme codebook and classifier: predictions on new sentences, quality floors, save/load, staleness."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from sklearn.base import clone

from pipeline import paths
from pipeline.themes import classify
from pipeline.themes.classify import (
    MODEL_VERSION,
    ModelMissingError,
    ThemeModel,
    file_sha256,
    label_ids,
    load_model,
    read_codebook,
)
from pipeline.training.train import (
    PREPROCESS,
    build_pipelines,
    read_labelled,
    theme_input,
    train,
)
from tests.conftest import TEST_DATA

LABELS = [
    "governance",
    "workforce",
    "service_delivery",
    "financing",
    "information",
    "medical_products",
    "infrastructure",
    "public_health",
    "communication",
]

# Written for this test only: none of these is in labelled.csv.
NEW_SENTENCES = [
    (
        "governance",
        "Правительству образовать Национальную комиссию по реформе здравоохранения и утвердить её положение.",
    ),
    (
        "workforce",
        "Рекомендовать медицинским колледжам организовать курсы повышения квалификации для акушерок.",
    ),
    (
        "service_delivery",
        "Внедрить активные посещения на дому пациентов, выписанных из стационара после инфаркта.",
    ),
    ("financing", "Фонду ОМС увеличить тариф на оплату родов в перинатальных центрах третьего уровня."),
    (
        "information",
        "Создать электронный регистр пациентов на гемодиализе с ежемесячным обновлением сведений.",
    ),
    (
        "medical_products",
        "Обеспечить закупку противоопухолевых лекарственных препаратов по непатентованным наименованиям.",
    ),
    (
        "infrastructure",
        "Провести капитальный ремонт кровли и замену окон в здании областного родильного дома.",
    ),
    (
        "public_health",
        "Провести иммунизацию взрослых против дифтерии в очагах инфекции и усилить эпиднадзор.",
    ),
    (
        "communication",
        "Организовать для журналистов региональных СМИ пресс-тур в сельские центры семейной медицины.",
    ),
]

MACRO_F1_FLOOR = 0.85
LABEL_F1_FLOOR = 0.70


@pytest.fixture(scope="session")
def model() -> ThemeModel:
    """The committed theme model."""
    return load_model()


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A tiny model trained in a temporary folder on six sentences per label."""
    root = tmp_path_factory.mktemp("themes")
    texts, labels, provenance = read_labelled(paths.LABELLED)
    rows, seen = [], dict.fromkeys(LABELS, 0)
    for row in zip(texts, labels, provenance, strict=True):
        if seen[row[1]] < 6:
            seen[row[1]] += 1
            rows.append(row)
    labelled, codebook = root / "labelled.csv", root / "codebook.toml"
    with labelled.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("text", "label", "provenance"), *rows])
    shutil.copy(paths.CODEBOOK, codebook)
    card = train(labelled, codebook, root / "models")
    return {"root": root, "labelled": labelled, "codebook": codebook, "card": card, "rows": rows}


def tiny_paths(tiny: dict, folder: Path | None = None) -> dict:
    """Keyword arguments of load_model for the tiny model (optionally copied into another folder)."""
    models = tiny["root"] / "models"
    if folder is not None:
        shutil.copytree(models, folder)
        models = folder
    return {
        "model_path": models / paths.THEME_MODEL.name,
        "card_path": models / paths.THEME_CARD.name,
        "labelled": tiny["labelled"],
        "codebook": tiny["codebook"],
    }


def test_codebook_has_the_nine_documented_labels() -> None:
    assert label_ids() == LABELS
    for label in read_codebook():
        assert label["name"]["en"] and label["name"]["ru"], label["id"]
        assert label["definition"].strip(), label["id"]
        for field in ("includes", "excludes", "examples", "keywords"):
            assert label[field] and all(isinstance(v, str) and v for v in label[field]), (label["id"], field)


@pytest.mark.parametrize(("label", "text"), NEW_SENTENCES, ids=[label for label, _ in NEW_SENTENCES])
def test_new_sentence_gets_its_label(model: ThemeModel, label: str, text: str) -> None:
    assert text not in read_labelled()[0]
    assert model.predict([theme_input(text)])[0].theme == label


def test_scores_are_probabilities(model: ThemeModel) -> None:
    predictions = model.predict([text for _, text in NEW_SENTENCES] + ["", "Утвердить."])
    for p in predictions:
        assert 0.0 <= p.score <= 1.0
        assert p.theme in LABELS and p.theme not in p.secondary
        assert set(p.secondary) <= set(LABELS)
    assert model.predict([]) == []


def test_units_classified_in_batches_score_as_classified_at_once(model: ThemeModel, monkeypatch) -> None:
    """Issue 13: a document of tens of thousands of units is classified a batch at a time."""
    texts = [text for _, text in NEW_SENTENCES] * 3
    whole = model.predict(texts)
    monkeypatch.setattr(classify, "PREDICT_BATCH", 4)
    assert model.predict(texts) == whole


def test_committed_card_meets_the_quality_floor(model: ThemeModel) -> None:
    card = model.card
    assert card["version"] == MODEL_VERSION
    assert card["preprocess"] == PREPROCESS
    assert card["training_data_sha256"] == file_sha256(paths.LABELLED)
    assert card["codebook_sha256"] == file_sha256(paths.CODEBOOK)
    assert len(card["cv"]["pipelines"]) >= 3
    chosen = card["cv"]["pipelines"][card["pipeline"]]
    assert chosen["macro_f1"] == max(r["macro_f1"] for r in card["cv"]["pipelines"].values())
    assert chosen["macro_f1"] >= MACRO_F1_FLOOR
    weak = {
        label: r["f1-score"] for label, r in chosen["per_label"].items() if r["f1-score"] < LABEL_F1_FLOOR
    }
    assert weak == {}


BLIND = TEST_DATA / "themes_blind" / "units.csv"
BLIND_FLOOR = 0.90
BLIND_LABEL_FLOOR = 0.70


def _words(text: str) -> set[str]:
    import re

    return set(re.findall(r"\w+", text.lower()))


def _blind_rows() -> list[dict[str, str]]:
    with BLIND.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_blind_set_stays_out_of_training() -> None:
    """No blind unit, nor a near copy of one (word Jaccard ≥ 0.7), is in the training data."""
    blind = _blind_rows()
    assert len(blind) >= 100 and {r["label"] for r in blind} == set(LABELS)
    training = [_words(t) for t in read_labelled()[0]]
    for row in blind:
        words = _words(row["text"])
        closest = max(len(words & w) / len(words | w) for w in training)
        assert closest < 0.7, row["text"]


def test_blind_set_accuracy(model: ThemeModel) -> None:
    """Whole units written from the codebook alone, never trained on: overall and per-label recall floors."""
    blind = _blind_rows()
    predicted = [p.theme for p in model.predict([theme_input(r["text"]) for r in blind])]
    right = [p == r["label"] for p, r in zip(predicted, blind, strict=True)]
    assert sum(right) / len(blind) >= BLIND_FLOOR
    for label in LABELS:
        hits = [ok for ok, r in zip(right, blind, strict=True) if r["label"] == label]
        assert sum(hits) / len(hits) >= BLIND_LABEL_FLOOR, label


def test_saved_model_predicts_as_before_saving(tiny: dict) -> None:
    texts = [theme_input(text) for _, text in NEW_SENTENCES]
    loaded = load_model(**tiny_paths(tiny))
    rows = tiny["rows"]
    refit = clone(build_pipelines(tiny["codebook"])[tiny["card"]["pipeline"]])
    refit.fit([theme_input(r[0]) for r in rows], [r[1] for r in rows])
    assert loaded.pipeline.predict_proba(texts) == pytest.approx(refit.predict_proba(texts))
    assert tiny["card"]["n_examples"] == len(rows)


def test_missing_model_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="make train"):
        load_model(tmp_path / "themes.joblib", tmp_path / "themes.card.json")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("codebook_sha256", "0" * 64),
        ("training_data_sha256", "0" * 64),
        ("version", "themes.v0"),
        ("theme_input_version", "0" * 16),  # trained on units cut by other extraction code
    ],
)
def test_stale_card_raises(tiny: dict, tmp_path: Path, key: str, value: str) -> None:
    kwargs = tiny_paths(tiny, tmp_path / "models")
    card = json.loads(kwargs["card_path"].read_text(encoding="utf-8"))
    kwargs["card_path"].write_text(json.dumps({**card, key: value}), encoding="utf-8")
    with pytest.raises(ModelMissingError, match="stale.*make train"):
        load_model(**kwargs)


def test_edited_training_data_makes_the_model_stale(tiny: dict, tmp_path: Path) -> None:
    kwargs = tiny_paths(tiny, tmp_path / "models")
    kwargs["labelled"] = tmp_path / "labelled.csv"
    kwargs["labelled"].write_text(tiny["labelled"].read_text(encoding="utf-8") + "Новое,governance,written\n")
    with pytest.raises(ModelMissingError, match="labelled data changed"):
        load_model(**kwargs)
