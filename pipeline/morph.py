"""Cached pymorphy3 analysis: one parse per distinct word form per process."""

from __future__ import annotations

from functools import lru_cache

import pymorphy3


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The process-wide analyser (loading the dictionaries takes ~0.3 s)."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=500_000)
def parse(word: str) -> tuple:
    """All pymorphy3 parses of a word form, cached.

    >>> parse("министерству")[0].normal_form
    'министерство'
    """
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=500_000)
def lemma(word: str) -> str:
    """The most likely lemma of a word form, lower-cased.

    >>> lemma("Разработать")
    'разработать'
    >>> lemma("рекомендаций")
    'рекомендация'
    """
    parses = parse(word.lower())
    return parses[0].normal_form if parses else word.lower()


def lemmatize(text: str) -> list[str]:
    """Lemmas of the word tokens of a text (razdel tokenisation).

    >>> lemmatize("Министерству здравоохранения поручено")
    ['министерство', 'здравоохранение', 'поручить']
    """
    from razdel import tokenize

    return [lemma(t.text) for t in tokenize(text) if any(ch.isalnum() for ch in t.text)]
