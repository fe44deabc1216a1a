"""Theme training: labelled sentences and the codebook in, the best cross-validated model and its card out."""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import Normalizer, StandardScaler
from sklearn.svm import LinearSVC

from pipeline import paths
from pipeline.execution.run import extract_text
from pipeline.nlp.morph import lemma, word_lemmas
from pipeline.store.files import atomic_write
from pipeline.themes.classify import MODEL_VERSION, PREDICT_BATCH, file_sha256, read_codebook
from pipeline.themes.view import theme_input_version, theme_text

N_SPLITS = 5
SEED = 0
PREPROCESS = (
    "pipeline.execution.run.extract_text(sentence), then pipeline.themes.view.theme_text(extraction, unit) "
    "for each "
    "unit (trigger, actors, places, persons and dates cut) with the title left out (a labelled sentence "
    "has none), joined by a space; the sentence itself when it has no unit"
)
"""What a labelled sentence becomes before training: the text the pipeline classifies for a real unit."""


def theme_input(sentence: str) -> str:
    """The classifier's view of one labelled sentence: its units as pipeline.themes.view.theme_text cuts them.

    >>> theme_input("Рекомендовать Министерству здравоохранения закупить вакцины.")
    'закупить вакцины.'
    """

    extraction = extract_text(sentence)
    # extract_text takes a lone sentence for its own title; theme_text would append it to short units
    untitled = dataclasses.replace(extraction.document, title=None)
    extraction = dataclasses.replace(extraction, document=untitled)
    units = [theme_text(extraction, unit) for unit in extraction.recommendations]
    return " ".join(units) or sentence


def lemma_tokens(text: str) -> list[str]:
    """Lemmas of a text's words with ё folded to е (the tokenizer of the lemma TF-IDF).

    >>> lemma_tokens("Закупить вакцины и шприцы")
    ['закупить', 'вакцина', 'и', 'шприц']
    """
    return [word.replace("ё", "е") for word in word_lemmas(razdel_tokens(text))]


@lru_cache(maxsize=2 * PREDICT_BATCH)
def razdel_tokens(text: str) -> tuple[str, ...]:
    """A text's razdel tokens, kept for a batch: the soft vote's lemma TF-IDF and navec mean read the same
    texts one after the other.

    >>> razdel_tokens("Закупить вакцины.")
    ('Закупить', 'вакцины', '.')
    """
    from razdel import tokenize

    return tuple(t.text for t in tokenize(text))


@lru_cache(maxsize=1)
def navec() -> Any:
    """The navec news embedding shipped inside natasha, loaded once per process (never pickled)."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


class KeywordClassifier(ClassifierMixin, BaseEstimator):
    """Keyword-rule baseline: the label whose codebook keyword lemmas occur most often in a text.

    >>> clf = KeywordClassifier().fit(["Закупить вакцины", "Построить больницу"],
    ...                               ["medical_products", "infrastructure"])
    >>> clf.predict(["Обеспечить ремонт здания поликлиники"]).tolist()
    ['infrastructure']
    """

    def __init__(self, codebook: str | None = None, smoothing: float = 0.1):
        self.codebook = codebook
        self.smoothing = smoothing

    def fit(self, X: list[str], y: list[str]) -> KeywordClassifier:
        """Read the keywords of the labels seen in y; learn the class prior for ties."""
        labels, counts = np.unique(np.asarray(y), return_counts=True)
        book = {entry["id"]: entry["keywords"] for entry in read_codebook(self.codebook or paths.CODEBOOK)}
        if not set(book) & set(labels.tolist()):
            raise ValueError("KeywordClassifier needs the codebook's label ids as y (got encoded labels?)")
        self.classes_ = labels
        self.prior_ = counts / counts.sum()
        self.keywords_ = [tuple(" ".join(lemma_tokens(k)) for k in book.get(lab, ())) for lab in labels]
        return self

    def _hits(self, X: list[str]) -> np.ndarray:
        """How many keyword occurrences of each label every text has."""
        hits = np.zeros((len(X), len(self.classes_)))
        for i, text in enumerate(X):
            padded = f" {' '.join(lemma_tokens(text))} "
            for j, keywords in enumerate(self.keywords_):
                hits[i, j] = sum(padded.count(f" {k} ") for k in keywords)
        return hits

    def predict_proba(self, X: list[str]) -> np.ndarray:
        """Keyword hits plus a smoothed prior, normalised per text."""
        scores = self._hits(X) + self.smoothing * self.prior_
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X: list[str]) -> np.ndarray:
        """The label with most keyword hits (the prior breaks ties)."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


class NavecMean(TransformerMixin, BaseEstimator):
    """Mean navec vector of a text's words; a word missing from navec falls back to its lemma.

    >>> NavecMean().fit(["тест"]).transform(["Закупить вакцины"]).shape
    (1, 300)
    """

    def __init__(self, lemma_fallback: bool = True):
        self.lemma_fallback = lemma_fallback

    def fit(self, X: list[str], y: Any = None) -> NavecMean:
        """Record the embedding size; nothing is learned from the data."""
        self.dim_ = int(navec().pq.dim)
        return self

    def transform(self, X: list[str]) -> np.ndarray:
        """One row per text: the average of its known word vectors (zeros if none is known)."""
        pq, ids_of = navec().pq, navec().vocab.word_ids
        out = np.zeros((len(X), self.dim_), dtype=np.float32)
        for i, text in enumerate(X):
            ids = []
            for token in razdel_tokens(text):
                word = token.lower()
                if word not in ids_of and self.lemma_fallback:
                    word = lemma(word)
                if word in ids_of:
                    ids.append(ids_of[word])
            if ids:
                # the rows navec's `emb[word]` gives, unpacked together: the same array, so the same mean
                vectors = pq.codes[pq.qdims, pq.indexes[ids]].reshape(len(ids), pq.dim)
                out[i] = np.mean(vectors, axis=0)
        return out


def lemma_tfidf() -> TfidfVectorizer:
    """TF-IDF over lemma unigrams and bigrams."""
    return TfidfVectorizer(
        tokenizer=lemma_tokens, lowercase=False, token_pattern=None, ngram_range=(1, 2), sublinear_tf=True
    )


def char_tfidf() -> TfidfVectorizer:
    """TF-IDF over character 2–5-grams inside word boundaries."""
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=20_000
    )


def logreg(c: float = 20.0) -> LogisticRegression:
    """A multinomial logistic regression with inverse regularisation strength c."""
    return LogisticRegression(C=c, max_iter=3000)


def build_pipelines(codebook: Path = paths.CODEBOOK) -> dict[str, Any]:
    """The candidate pipelines, unfitted, by name (simplest first: the first listed wins a tie)."""
    navec_l2 = Pipeline([("navec", NavecMean()), ("l2", Normalizer())])
    union = FeatureUnion(
        [("lemmas", lemma_tfidf()), ("chars", char_tfidf()), ("navec", navec_l2)],
        transformer_weights={"lemmas": 1.0, "chars": 1.0, "navec": 2.0},
    )
    svm = CalibratedClassifierCV(LinearSVC(C=0.5), cv=3, method="sigmoid")
    navec_logreg = Pipeline([("navec", NavecMean()), ("scale", StandardScaler()), ("clf", logreg(0.03))])
    members = [
        ("lemmas", Pipeline([("tfidf", lemma_tfidf()), ("clf", logreg())])),
        ("chars", Pipeline([("tfidf", char_tfidf()), ("clf", logreg())])),
        ("navec", clone(navec_logreg)),
    ]
    return {
        "keywords": Pipeline([("clf", KeywordClassifier(codebook=str(codebook)))]),
        "lemma_tfidf_logreg": Pipeline([("tfidf", lemma_tfidf()), ("clf", logreg())]),
        "lemma_tfidf_svm": Pipeline([("tfidf", lemma_tfidf()), ("clf", svm)]),
        "char_tfidf_logreg": Pipeline([("tfidf", char_tfidf()), ("clf", logreg())]),
        "navec_logreg": navec_logreg,
        "union_logreg": Pipeline([("features", union), ("clf", logreg())]),
        "soft_vote": Pipeline([("clf", VotingClassifier(members, voting="soft"))]),
    }


def read_labelled(path: Path = paths.LABELLED) -> tuple[list[str], list[str], list[str]]:
    """Texts, labels and provenances of the labelled CSV."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["text"].strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows], [r["provenance"] for r in rows]


def cross_validate(pipeline: Any, texts: list[str], labels: list[str]) -> dict[str, Any]:
    """Stratified k-fold macro-F1 (mean and spread over folds) and a pooled per-label report."""
    from sklearn.metrics import classification_report, f1_score
    from sklearn.model_selection import StratifiedKFold

    X, y = np.asarray(texts, dtype=object), np.asarray(labels)
    predicted, fold_f1 = np.empty_like(y), []
    for train_idx, test_idx in StratifiedKFold(N_SPLITS, shuffle=True, random_state=SEED).split(X, y):
        model = clone(pipeline).fit(list(X[train_idx]), y[train_idx])
        predicted[test_idx] = model.predict(list(X[test_idx]))
        fold_f1.append(f1_score(y[test_idx], predicted[test_idx], average="macro"))
    report = classification_report(y, predicted, output_dict=True, zero_division=0)
    per_label = {
        lab: {k: round(float(report[lab][k]), 4) for k in ("precision", "recall", "f1-score", "support")}
        for lab in sorted(set(labels))
    }
    return {
        "macro_f1": round(float(np.mean(fold_f1)), 4),
        "macro_f1_std": round(float(np.std(fold_f1)), 4),
        "per_label": per_label,
    }


def json_params(pipeline: Any) -> dict[str, Any]:
    """The pipeline's scalar hyper-parameters, JSON-safe."""
    scalar = (str, int, float, bool, type(None))
    params: dict[str, Any] = {}
    for key, value in pipeline.get_params(deep=True).items():
        if isinstance(value, scalar):
            params[key] = value
        elif isinstance(value, (tuple, dict)):
            params[key] = json.loads(json.dumps(value, default=str))
        elif callable(value) and hasattr(value, "__qualname__"):
            params[key] = f"{value.__module__}.{value.__qualname__}"
    return params


def save_model(model: Any, card: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """Write the model and then its card (with the model's hash) atomically; return the card."""
    import joblib

    out_dir.mkdir(parents=True, exist_ok=True)
    model_path, card_path = out_dir / paths.THEME_MODEL.name, out_dir / paths.THEME_CARD.name
    atomic_write(model_path, lambda tmp: joblib.dump(model, tmp, compress=3))
    card = {**card, "model_sha256": file_sha256(model_path)}
    text = json.dumps(card, ensure_ascii=False, indent=2) + "\n"
    atomic_write(card_path, text)
    return card


def train(
    labelled: Path = paths.LABELLED, codebook: Path = paths.CODEBOOK, out_dir: Path = paths.MODELS
) -> dict[str, Any]:
    """Cross-validate every candidate, fit the best on all data, save it with its card; return the card."""
    import sklearn
    from threadpoolctl import threadpool_limits

    sentences, labels, provenance = read_labelled(labelled)
    texts = [theme_input(sentence) for sentence in sentences]
    candidates = build_pipelines(codebook)
    # one BLAS thread: on a busy 2-core machine OpenBLAS threads spin and slow lbfgs tenfold
    with threadpool_limits(limits=1, user_api="blas"):
        cv = {name: cross_validate(pipe, texts, labels) for name, pipe in candidates.items()}
        best = max(cv, key=lambda name: cv[name]["macro_f1"])  # first listed wins a tie
        model = clone(candidates[best]).fit(texts, labels)
    card = {
        "version": MODEL_VERSION,
        "pipeline": best,
        "preprocess": PREPROCESS,
        "parameters": json_params(model),
        "labels": sorted(set(labels)),
        "training_data_sha256": file_sha256(labelled),
        "codebook_sha256": file_sha256(codebook),
        "theme_input_version": theme_input_version(),
        "n_examples": len(texts),
        "cv_macro_f1": cv[best]["macro_f1"],
        "corpus_items": sorted(p for p in provenance if p != "written"),
        "cv": {"n_splits": N_SPLITS, "seed": SEED, "metric": "macro_f1", "pipelines": cv},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "sklearn": sklearn.__version__,
    }
    return save_model(model, card, Path(out_dir))


def cv_table(card: dict[str, Any]) -> str:
    """A plain-text summary of a card: macro-F1 per pipeline and the chosen one's per-label scores."""
    results = card["cv"]["pipelines"]
    lines = [f"{'pipeline':28} macro-F1"]
    lines += [f"{name:28} {r['macro_f1']:.3f} ± {r['macro_f1_std']:.3f}" for name, r in results.items()]
    lines += ["", f"chosen: {card['pipeline']}", f"{'label':18} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}"]
    for label, r in results[card["pipeline"]]["per_label"].items():
        lines.append(
            f"{label:18} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1-score']:6.3f} {r['support']:4.0f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    # Imported by name, not run as __main__: the pickled model refers to pipeline.training.train.lemma_tokens.
    from pipeline.training import train as module

    print(module.cv_table(module.train()))
