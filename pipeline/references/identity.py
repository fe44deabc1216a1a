"""What identifies an act across its mentions: a normalised number, a title's lemmas and stems, a mention's
nominative label. Read by the resolver within a document (`references.acts`) and by the store across them."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.data.lexicon import act_types, rows
from pipeline.nlp.morph import lemma, lemmatize, parse
from pipeline.references.fields import nominative_name

WORD = re.compile(r"[\w-]+")
STEM = 6  # letters that tell one title word from another whatever its case («программе» ~ «программа»)
PREPOSITIONS = frozenset({"о", "об", "обо"})


def number_key(number: str | None) -> str | None:
    """A number without spaces and signs, upper case («N 448/106» and «448/106» are one).

    >>> number_key("ҚР ДСМ-205/2020"), number_key("№ 934-р")
    ('ҚРДСМ-205/2020', '934-Р')
    """
    if not number:
        return None
    return re.sub(r"[\s№]+|^N(?=\d)", "", number).upper() or None


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Lemmas of each way of writing a country (data/jurisdictions.tsv) and its code, longest first."""
    found = {(tuple(lemmatize(phrase)), code.lower()) for code, phrase in rows("jurisdictions.tsv")}
    return tuple(sorted(found, key=lambda p: (-len(p[0]), p)))


def _with_country_codes(words: list[str]) -> list[str]:
    """Words with each country's name replaced by its code: «населения России» and «населения Российской
    Федерации» are one title."""
    lemmas = [lemma(w) for w in words]
    out, i = [], 0
    while i < len(words):
        found = next((p for p in _countries() if tuple(lemmas[i : i + len(p[0])]) == p[0]), None)
        out.append(found[1] if found else words[i])
        i += len(found[0]) if found else 1
    return out


@lru_cache(maxsize=20_000)
def _title_words(title: str) -> tuple[str, ...]:
    """title_words, cached: the resolver compares each mention's title with every act's."""
    words = WORD.findall(title.lower().replace("ё", "е"))
    words = words[1:] if words[:1] and words[0] in PREPOSITIONS else words
    return tuple(_with_country_codes(words))


def title_words(title: str | None) -> list[str]:
    """A title's words in lower case, without a leading «о»/«об», with ё as е and a country's name as its
    code.

    >>> title_words("Об обеспечении населения России") == title_words("Об обеспечении населения РФ")
    True
    """
    return list(_title_words(title or ""))


def title_key(title: str | None) -> str | None:
    """A title's lemmas: one key for «Об основах охраны здоровья» and «об основах охраны здоровья».

    >>> title_key("«Об основах охраны здоровья граждан»") == title_key("основы охраны здоровья граждан")
    True
    """
    words = title_words(title)
    return " ".join(lemmatize(" ".join(words))) if words else None


@lru_cache(maxsize=100_000)
def title_stems(title: str | None) -> tuple[str, ...]:
    """A title's word stems; a cut or inflected short form of a title shares its first stems."""
    return tuple(w[:STEM] for w in title_words(title))


def is_prefix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether one stem sequence opens another: a short form of a name («Национальный план» of «Национальный
    план действий …»), a title cut short («об утверждении стандарта» of an order's whole title)."""
    return 0 < len(short) <= len(long) and long[: len(short)] == short


def is_cut_prefix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether a title cut off mid-word (by the end of an excerpt) opens another: all its stems but the last
    open the other's, and its last opens the next («… значимыми заболевани» of «… заболеваниями» …»)."""
    n = len(short)
    return 0 < n <= len(long) and long[: n - 1] == short[:-1] and long[n - 1].startswith(short[-1])


@lru_cache(maxsize=1)
def _head_lemmas() -> dict[str, frozenset[str]]:
    """ref_type → lemmas of the first words of its head phrases."""
    heads: dict[str, set[str]] = {}
    for a in act_types():
        heads.setdefault(a.ref_type, set()).add(a.phrase.split()[0])
    return {k: frozenset(v) for k, v in heads.items()}


def label(text: str, ref_type: str) -> str:
    """A mention as a nominative name, its article part left out: «статьей 37 Федерального закона от …» →
    «Федеральный закон от …».

    >>> label("пунктом 3 постановления Правительства", "decree")
    'постановление Правительства'
    """
    words = list(WORD.finditer(text))
    heads = _head_lemmas().get(ref_type, frozenset())
    lemmas = [{p.normal_form for p in parse(w.group().lower())} for w in words]
    at = next((i for i, found in enumerate(lemmas) if found & heads), None)
    if at is None:
        return " ".join(text.split())
    while at > 0 and any(p.tag.POS == "ADJF" for p in parse(words[at - 1].group().lower())[:1]):
        at -= 1
    return " ".join(nominative_name(text[words[at].start() :]).split())


@lru_cache(maxsize=100_000)
def label_key(text: str, ref_type: str) -> str:
    """Lemmas of a mention's label: one key for the repeats of an unnamed act («законодательства РК»)."""
    return " ".join(lemmatize(label(text, ref_type)))


@lru_cache(maxsize=1)
def _kind_phrases() -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """(lemmas, ref_type, kind) of each head phrase of data/act_types.tsv, longest first."""
    found = [(tuple(lemmatize(a.phrase)), a.ref_type, a.kind) for a in act_types()]
    return tuple(sorted(found, key=lambda p: -len(p[0])))


def mention_kind(text: str, ref_type: str) -> str:
    """The kind of the head phrase a mention is written with: «международным договором» is unnamed
    legislation (generic) though treaties are programmes by their ref_type's first phrase («конвенция»).

    >>> mention_kind("международного договора", "international"), act_kind("international")
    ('generic', 'programme')
    """
    words = tuple(lemmatize(text))
    for lemmas, phrase_type, kind in _kind_phrases():
        n = len(lemmas)
        if phrase_type == ref_type and any(words[i : i + n] == lemmas for i in range(len(words) - n + 1)):
            return kind
    return act_kind(ref_type)


def act_kind(ref_type: str) -> str:
    """What a mention of this ref_type needs to name something, its kind in data/act_types.tsv."""
    return next((a.kind for a in act_types() if a.ref_type == ref_type), "act")


def commonest(values: list) -> str | None:
    """The most frequent value that is set (the first seen on a tie), None when none is."""
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


# What narrows unnamed legislation to one body of law: «законодательство о донорстве крови», «… в области
# здравоохранения», «… в сфере охраны здоровья» (its first two words say which).
SUBJECT = re.compile(r"\s*(?:об?|обо|в\s+области|в\s+сфере)\s+([а-яё-]+)(?:\s+(?:и\s+)?([а-яё-]+))?", re.I)


def subject_of(text: str, end: int) -> tuple[str, ...]:
    """Stems of the subject right after an unnamed mention ending at `end`, () when none follows.

    >>> subject_of("законодательством о донорстве крови и ее компонентов", 18)
    ('донорс', 'крови')
    """
    found = SUBJECT.match(text, end)
    return title_stems(" ".join(w for w in found.groups() if w)) if found else ()


def head_key(text: str, ref_type: str) -> str | None:
    """The lemma of a mention's head word («законодательством Республики Казахстан» → «законодательство»)."""
    heads = _head_lemmas().get(ref_type, frozenset())
    return next((w for w in label_key(text, ref_type).split() if w in heads), None)
