"""Cached pymorphy3 analysis: one parse per distinct word form per process."""

from __future__ import annotations

from collections.abc import Iterable
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
    try:
        return tuple(analyzer().parse(word))
    except ValueError:  # pymorphy3 fails on characters without a Unicode name
        return ()


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
    if len(text) <= SHORT_TEXT:
        return list(_short_text_lemmas(text))
    return _text_lemmas(text)


SHORT_TEXT = 200
"""Texts up to this length have their lemmas cached: the names of acts and bodies that references and persons
lemmatize recur from mention to mention; long texts (units) would only fill the cache."""


@lru_cache(maxsize=20_000)
def _short_text_lemmas(text: str) -> tuple[str, ...]:
    return tuple(_text_lemmas(text))


def _text_lemmas(text: str) -> list[str]:
    from razdel import tokenize

    return word_lemmas(t.text for t in tokenize(text))


def word_lemmas(tokens: Iterable[str]) -> list[str]:
    """Lemmas of the words (tokens with a letter or a digit) among a text's razdel tokens.

    >>> word_lemmas(["Министерству", "«", "поручено"])
    ['министерство', 'поручить']
    """
    return [lemma(token) for token in tokens if any(ch.isalnum() for ch in token)]


UD_TO_OPENCORPORA = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "VERB": {"VERB", "INFN", "GRND", "PRTF", "PRTS"},
    "AUX": {"VERB", "INFN"},
    "ADJ": {"ADJF", "ADJS", "COMP", "PRTF"},
    "ADV": {"ADVB", "COMP", "PRED"},
    "NUM": {"NUMR"},
    "PRON": {"NPRO"},
    "DET": {"ADJF", "NPRO"},
    "ADP": {"PREP"},
    "CCONJ": {"CONJ"},
    "SCONJ": {"CONJ"},
    "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}


@lru_cache(maxsize=500_000)
def lemma_pos(word: str, pos: str) -> str:
    """The lemma of a word form whose pymorphy3 part of speech agrees with a UD tag.

    >>> lemma_pos("проведенных", "VERB")
    'провести'
    >>> lemma_pos("стали", "NOUN")
    'сталь'
    """
    if not any(ch.isalpha() for ch in word):
        return word.lower()
    wanted = UD_TO_OPENCORPORA.get(pos, set())
    parses = parse(word.lower())
    for p in parses:
        if p.tag.POS in wanted:
            return p.normal_form
    return parses[0].normal_form if parses else word.lower()
