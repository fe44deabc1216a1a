"""Training data and what training sees: labelled rows, the unit text a model trains on (the same the
pipeline classifies), and scikit-learn conventions of the custom estimators."""

from __future__ import annotations

import dataclasses

import pytest
from sklearn.base import clone

from pipeline import paths
from pipeline.execution.run import classify_extraction, extract_text
from pipeline.themes.classify import ThemePrediction, label_ids
from pipeline.training.documents import PREFIX as DOCUMENTS_PREFIX
from pipeline.training.train import KeywordClassifier, NavecMean, read_labelled, theme_input
from tests.conftest import TEST_DATA

# One row per construction: what training makes of a labelled sentence (what themes.view.theme_text gives).
THEME_INPUTS = [
    ("Рекомендовать Министерству здравоохранения закупить вакцины.", "закупить вакцины."),
    (
        "Поручить Министерству финансов предусмотреть средства на ремонт районных больниц.",
        "предусмотреть средства на ремонт районных больниц.",
    ),
    (
        "Акимам областей обеспечить подвоз воды в сельские амбулатории.",
        "обеспечить подвоз воды в сельские амбулатории.",
    ),
    ("Утвердить прилагаемый план мероприятий.", "Утвердить прилагаемый план мероприятий."),
    (
        "Информацию председателя Комитета о ходе реализации программы принять к сведению.",
        "Информацию председателя Комитета о ходе реализации программы принять к сведению.",
    ),
]


HELDOUT_PREFIX = "heldout1:"


def test_labelled_data_covers_every_label() -> None:
    texts, labels, provenance = read_labelled()
    assert len(texts) >= 400 and len(set(texts)) == len(texts)
    assert set(labels) == set(label_ids())
    assert min(labels.count(label) for label in label_ids()) >= 80
    stems = {p.stem for p in paths.RAW.rglob("*.txt")}
    documents = [p.split(":")[1] for p in provenance if p.startswith(f"{DOCUMENTS_PREFIX}:")]
    texts_dir = paths.THEMES_DIR / "documents" / "texts"
    assert all(any(texts_dir.glob(f"{doc}.*")) for doc in documents), documents
    corpus_items = [
        p for p in provenance if p != "written" and not p.startswith((HELDOUT_PREFIX, f"{DOCUMENTS_PREFIX}:"))
    ]
    assert len(corpus_items) <= 5
    assert all(p.rsplit(":", 1)[0] in stems for p in corpus_items), corpus_items
    heldout = {p.stem for p in (TEST_DATA / "heldout").glob("*.txt")}
    taken = [p.split(":")[1] for p in provenance if p.startswith(HELDOUT_PREFIX)]
    assert all(doc in heldout for doc in taken), taken


@pytest.mark.parametrize(("sentence", "expected"), THEME_INPUTS)
def test_training_sees_what_inference_sees(sentence: str, expected: str) -> None:
    assert theme_input(sentence) == expected


def test_training_text_is_the_pipeline_classifier_input() -> None:
    """classify_extraction hands the model exactly what theme_input trains on (document without a title)."""

    class Spy:
        seen: list[str] = []

        def predict(self, texts: list[str]) -> list:
            self.seen.extend(texts)
            return [ThemePrediction("governance", 1.0) for _ in texts]

    sentence = THEME_INPUTS[1][0]
    extraction = extract_text(sentence)
    extraction = dataclasses.replace(
        extraction, document=dataclasses.replace(extraction.document, title=None)
    )
    spy = Spy()
    classify_extraction(extraction, spy)
    assert spy.seen == [theme_input(sentence)]


def test_custom_estimators_follow_sklearn_conventions() -> None:
    texts, labels = ["Закупить вакцины", "Построить больницу"], ["medical_products", "infrastructure"]
    keywords = KeywordClassifier(smoothing=0.5)
    assert clone(keywords).get_params() == {"codebook": None, "smoothing": 0.5}
    assert keywords.fit(texts, labels) is keywords and hasattr(keywords, "keywords_")
    assert NavecMean().fit(texts).transform(texts).shape == (2, 300)
    with pytest.raises(ValueError, match="label ids"):
        KeywordClassifier().fit(texts, [0, 1])
