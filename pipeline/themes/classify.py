"""Theme classification: directive-unit texts in, a primary theme with a score and secondary themes out."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.extract.version import hash_files
from pipeline.themes.view import theme_input_version

try:  # Python 3.11+; the project still declares 3.10
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

MODEL_VERSION = "themes.v3"
"""Bump when the model's format or feature code changes: saved models with another version are stale."""

SECONDARY_THRESHOLD = 0.25
"""A non-primary label whose probability reaches this is reported as a secondary theme."""

PREDICT_BATCH = 512
"""Units classified in one call: 40 000 units at once took 400 MB more than in batches (issue 13)."""

RETRAIN_HINT = "run `make train` (or `python -m pipeline.training.train`) to retrain the theme model"


@dataclass(frozen=True)
class ThemePrediction:
    """The primary theme of one unit, its probability and the secondary themes, most likely first.

    >>> ThemePrediction("workforce", 0.8, ("governance",)).theme
    'workforce'
    """

    theme: str
    score: float
    secondary: tuple[str, ...] = ()


class ModelMissingError(RuntimeError):
    """The saved theme model is absent, unreadable or stale; the message says how to retrain."""


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_codebook(path: Path = paths.CODEBOOK) -> list[dict[str, Any]]:
    """The codebook's labels in file order, each a dict with id, name, definition, keywords, …"""
    with Path(path).open("rb") as f:
        return tomllib.load(f)["label"]


def label_ids(path: Path = paths.CODEBOOK) -> list[str]:
    """The codebook's label ids in file order.

    >>> label_ids()[:3]
    ['governance', 'workforce', 'service_delivery']
    """
    return [label["id"] for label in read_codebook(path)]


def rank(probabilities: dict[str, float], threshold: float = SECONDARY_THRESHOLD) -> ThemePrediction:
    """The prediction for one text from its label probabilities.

    >>> rank({"financing": 0.6, "workforce": 0.3, "governance": 0.1})
    ThemePrediction(theme='financing', score=0.6, secondary=('workforce',))
    """
    ordered = sorted(probabilities.items(), key=lambda kv: (-kv[1], kv[0]))
    theme, score = ordered[0]
    secondary = tuple(label for label, p in ordered[1:] if p >= threshold)
    return ThemePrediction(theme, min(1.0, max(0.0, float(score))), secondary)


@dataclass(frozen=True)
class ThemeModel:
    """A fitted scikit-learn classifier with its JSON card."""

    pipeline: Any
    card: dict[str, Any]
    threshold: float = SECONDARY_THRESHOLD

    @property
    def labels(self) -> list[str]:
        """The labels the classifier can predict, in its column order."""
        return [str(c) for c in self.pipeline.classes_]

    def predict(self, texts: list[str]) -> list[ThemePrediction]:
        """A primary theme with a score in [0, 1] and secondary themes for every text."""
        out = []
        for k in range(0, len(texts), PREDICT_BATCH):
            proba = self.pipeline.predict_proba(list(texts[k : k + PREDICT_BATCH]))
            out += [rank(dict(zip(self.labels, row.tolist(), strict=True)), self.threshold) for row in proba]
        return out


def stale_reason(card: dict[str, Any], labelled: Path, codebook: Path, model_path: Path) -> str | None:
    """Why a card no longer matches the code and the data it was trained on, or None if it does."""
    if card.get("version") != MODEL_VERSION:
        return f"model version {card.get('version')!r} differs from the code's {MODEL_VERSION!r}"
    if card.get("theme_input_version") != theme_input_version():
        return "the extraction code that shapes the classifier's input changed since training"
    checks = [
        ("training_data_sha256", labelled, "the labelled data changed"),
        ("codebook_sha256", codebook, "the codebook changed"),
        ("model_sha256", model_path, "the model file does not match its card"),
    ]
    for key, path, reason in checks:
        if not Path(path).exists():
            return f"{path} is missing"
        if card.get(key) != file_sha256(path):
            return f"{reason} since training ({path})"
    return None


def _stamp(path: Path) -> tuple[str, int, int]:
    """A file's identity for caching: resolved path, modification time and size (zeros if missing)."""
    path = Path(path).resolve()
    if not path.exists():
        return (str(path), 0, 0)
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_model(
    model_path: Path = paths.THEME_MODEL,
    card_path: Path = paths.THEME_CARD,
    *,
    labelled: Path = paths.LABELLED,
    codebook: Path = paths.CODEBOOK,
) -> ThemeModel:
    """The saved theme model, checked against its card; raises ModelMissingError if missing or stale.

    Loaded once per process and file version: a retrained model or edited data is picked up again.
    """
    files = tuple(Path(p) for p in (model_path, card_path, labelled, codebook))
    return _load_checked(*files, stamps=tuple(_stamp(p) for p in files))


def checked_card(
    model_path: Path = paths.THEME_MODEL,
    card_path: Path = paths.THEME_CARD,
    *,
    labelled: Path = paths.LABELLED,
    codebook: Path = paths.CODEBOOK,
) -> dict[str, Any]:
    """The saved model's card, once the model is known present and fresh (nothing is unpickled: this needs
    no scikit-learn); raises ModelMissingError otherwise."""
    for path in (model_path, card_path):
        if not Path(path).exists():
            raise ModelMissingError(f"{path} not found: {RETRAIN_HINT}")
    try:
        card = json.loads(Path(card_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelMissingError(f"{card_path} is unreadable ({err}): {RETRAIN_HINT}") from err
    if not isinstance(card, dict):
        raise ModelMissingError(f"{card_path} is not a model card: {RETRAIN_HINT}")
    reason = stale_reason(card, labelled, codebook, model_path)
    if reason:
        raise ModelMissingError(f"theme model is stale: {reason}; {RETRAIN_HINT}")
    return card


@lru_cache(maxsize=4)
def _load_checked(
    model_path: Path, card_path: Path, labelled: Path, codebook: Path, stamps: tuple
) -> ThemeModel:
    """Read the card, refuse a stale model, unpickle the pipeline."""
    card = checked_card(model_path, card_path, labelled=labelled, codebook=codebook)
    import joblib

    try:
        pipeline = joblib.load(model_path)
    except Exception as err:  # any unpickling failure means the file must be rebuilt
        raise ModelMissingError(f"{model_path} cannot be loaded ({err}): {RETRAIN_HINT}") from err
    return ThemeModel(pipeline, card)


@lru_cache(maxsize=1)
def classify_version() -> str:
    """Hash of the classifier's code and its saved model card."""
    return hash_files([Path(__file__), paths.THEME_CARD])
