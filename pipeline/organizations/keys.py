"""Canonical keys for organisation names: one script, lemmas, and unified country markers.

A name becomes a `NameKey`: the lemmas of its content words (abbreviations kept as written, lower-cased)
with the country markers taken out into a set of country codes, so that «Министерству здравоохранения
Кыргызской Республики» and «Министерство здравоохранения КР» share one key.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from pipeline.data.lexicon import rows
from pipeline.nlp.morph import parse

# Letters of the Latin and Cyrillic blocks only: pymorphy3 fails on code points without a Unicode name
# (unicodedata.name raises inside its shape checks), and organisation names use no other scripts.
LETTER_CLASS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u052f"
WORD = re.compile(f"[0-9{LETTER_CLASS}]+")
LETTERS = re.compile(f"[{LETTER_CLASS}]+")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
TAIL_CASE = re.compile(r"^([A-ZА-ЯЁ]{2,})[a-zа-яё]{1,3}$")
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL"})
GLUED_MIN = 4  # «МЗКР» is split into «мз» + KG only when the token has at least this many letters


class NameKey(NamedTuple):
    """The content lemmas of a name and the countries its markers name."""

    core: str
    countries: frozenset[str]


@lru_cache(maxsize=1)
def confusables() -> tuple[dict[str, str], dict[str, str], dict[int, str]]:
    """Latin→Cyrillic and Cyrillic→Latin look-alikes, and the Kazakh/Kyrgyz letter folding table."""
    pairs = rows("confusables.tsv", header=True)
    to_cyr = {src: dst for src, dst in pairs if LATIN.match(src)}
    fold = {ord(src): dst for src, dst in pairs if not LATIN.match(src)}
    return to_cyr, {cyr: lat for lat, cyr in to_cyr.items()}, fold


@lru_cache(maxsize=1)
def endings() -> tuple[str, ...]:
    """Case endings for stemming unknown words, longest first."""
    return tuple(sorted((row[0] for row in rows("endings.txt")), key=len, reverse=True))


def unconfuse(word: str, cyrillic_context: bool = True) -> str:
    """A word in one script: look-alikes mapped to the word's (or context's) majority script, «ң» to «н».

    >>> unconfuse("Mинистерство"), unconfuse("Кеңеш")
    ('Министерство', 'Кенеш')
    >>> unconfuse("KP"), unconfuse("KP", cyrillic_context=False), unconfuse("GIZ"), unconfuse("USАID")
    ('КР', 'KP', 'GIZ', 'USAID')
    """
    to_cyr, to_lat, fold = confusables()
    word = word.translate(fold)
    n_cyr, n_lat = len(CYRILLIC.findall(word)), len(LATIN.findall(word))
    if not n_lat:
        return word
    lookalike = all(ch in to_cyr for ch in word if ch.isalpha())
    if n_cyr > n_lat or (cyrillic_context and (n_cyr == n_lat or lookalike)):
        return "".join(to_cyr.get(ch, ch) for ch in word)
    if n_cyr:
        return "".join(to_lat.get(ch, ch) for ch in word)
    return word


def _stem(low: str) -> str:
    """A crude stem of an unknown word (its case ending cut off)."""
    for ending in endings():
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return low[: -len(ending)]
    return low


@lru_cache(maxsize=200_000)
def word_key(word: str, cyrillic_context: bool = True) -> str:
    """The matching key of one word: lemma, abbreviation as written, or '' for a function word.

    >>> [word_key(w) for w in ["Министерству", "МЗКР", "ЦРЗиМТ", "СПИДом", "Кенешем", "по", "ДУМЫ"]]
    ['министерство', 'мзкр', 'црзимт', 'спид', 'кенеш', '', 'дума']
    """
    word = unconfuse(word, cyrillic_context)
    low = word.lower().replace("ё", "е")
    if not CYRILLIC.search(low):
        return low
    best = parse(low)[0]
    if best.is_known and best.tag.POS in FUNCTION_POS:
        return ""
    if sum(ch.isupper() for ch in word) >= 2 and not (len(word) >= 4 and best.is_known):
        tail = TAIL_CASE.match(word)
        return tail.group(1).lower().replace("ё", "е") if tail else low
    if best.is_known:
        return best.normal_form.replace("ё", "е")
    return _stem(low)


@lru_cache(maxsize=1)
def markers() -> dict[tuple[str, ...], str]:
    """Country markers as word-key sequences → country code."""
    table: dict[tuple[str, ...], str] = {}
    for code, marker in rows("countries.tsv", header=True):
        keys = tuple(k for k in (word_key(w) for w in WORD.findall(marker)) if k)
        table[keys] = code
    return table


@lru_cache(maxsize=1)
def _glued() -> dict[str, str]:
    """Two-letter markers («кр», «рф») that may be glued to an abbreviation («МЗКР»)."""
    return {keys[0]: code for keys, code in markers().items() if len(keys) == 1 and len(keys[0]) == 2}


@lru_cache(maxsize=1)
def _marker_shape() -> tuple[int, frozenset[str]]:
    """The length of the longest country marker (in word keys) and the first word keys of all markers."""
    return max(len(keys) for keys in markers()), frozenset(keys[0] for keys in markers() if keys)


def split_markers(keys: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Word keys without country markers, and (position, code) of each marker found (longest first)."""
    table, (longest, starts) = markers(), _marker_shape()
    core: list[str] = []
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(keys):
        if keys[i] not in starts:  # no marker opens with this word: a text's words are mostly such
            core.append(keys[i])
            i += 1
            continue
        for size in range(min(longest, len(keys) - i), 0, -1):
            code = table.get(tuple(keys[i : i + size]))
            if code:
                found.append((i, code))
                i += size
                break
        else:
            core.append(keys[i])
            i += 1
    return core, found


def _unglue(word: str, key: str) -> tuple[str, str | None]:
    """An all-caps abbreviation with a glued country marker, «МЗКР» → («мз», 'KG'); others unchanged."""
    if len(key) >= GLUED_MIN and unconfuse(word).isupper() and not parse(key)[0].is_known:
        for suffix, code in _glued().items():
            if key.endswith(suffix) and len(key) - len(suffix) >= 2:
                return key[: -len(suffix)], code
    return key, None


def name_key(name: str) -> NameKey:
    """The canonical key of an organisation name.

    >>> name_key("Министерству здравоохранения Кыргызской Республики")
    NameKey(core='министерство здравоохранение', countries=frozenset({'KG'}))
    >>> name_key("МЗКР") == name_key("МЗ Кыргызстана")
    True
    """
    cyrillic = len(CYRILLIC.findall(name)) >= len(LATIN.findall(name))
    pairs = [(w, k) for w in WORD.findall(name) if (k := word_key(w, cyrillic))]
    core, found = split_markers([k for _, k in pairs])
    countries = {code for _, code in found}
    if core and core[-1] == pairs[-1][1] and (glued := _unglue(*pairs[-1]))[1]:
        core[-1] = glued[0]
        countries.add(glued[1])
    return NameKey(" ".join(core), frozenset(countries))


def country_of(text: str) -> str | None:
    """The country whose markers a text names most often (ties and no markers give None).

    >>> country_of("Министерство здравоохранения Кыргызской Республики и ВОЗ в Кыргызстане; Минздрав России")
    'KG'
    >>> country_of("Без стран.") is None
    True
    """
    keys = [k for k in (word_key(w) for w in WORD.findall(text)) if k]
    counts = Counter(code for _, code in split_markers(keys)[1])
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
