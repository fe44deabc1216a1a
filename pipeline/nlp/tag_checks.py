"""The dictionary over the tagger: where natasha's part of speech or case contradicts what pymorphy3 allows
a word form, the dictionary wins («Акимам» is a dative plural noun, «предусмотреть» an infinitive)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.data.lexicon import adjective_endings
from pipeline.nlp.morph import lemma_pos, parse
from pipeline.nlp.syntax import DATIVE_PLURAL


def checked_tags(word: str, pos: str, feats: dict, initial: bool) -> tuple[str, dict]:
    """A token's part of speech and features after the dictionary's corrections."""
    checked = _checked_pos(word, pos)
    if checked != pos:
        feats = {k: v for k, v in feats.items() if k not in VERB_FEATS}
        pos = checked
    if pos != "VERB" and _only_infinitive(word):
        feats = {**{k: v for k, v in feats.items() if k not in VERB_FEATS | {"Case"}}, "VerbForm": "Inf"}
        pos = "VERB"
    return pos, _checked_case(word, pos, feats, initial)


@lru_cache(maxsize=50_000)
def spacy_tags(word: str, pos: str, features: tuple, initial: bool) -> tuple[str, str, str]:
    """A token's part of speech, features as spaCy reads them («Case=Dat|Number=Plur») and lemma, after the
    dictionary's corrections: cached, as words recur with the same tags from document to document."""
    pos, feats = checked_tags(word, pos, dict(features), initial)
    return pos, "|".join(f"{name}={value}" for name, value in sorted(feats.items())), lemma_pos(word, pos)


VERB_FEATS = {"VerbForm", "Tense", "Aspect", "Voice", "Mood", "Person", "Degree"}
OC_CASE = {
    "nomn": "Nom",
    "gent": "Gen",
    "datv": "Dat",
    "accs": "Acc",
    "ablt": "Ins",
    "loct": "Loc",
    "gen2": "Gen",
    "loc2": "Loc",
    "voct": "Nom",
    "acc2": "Acc",
}


@lru_cache(maxsize=200_000)
def _checked_pos(word: str, pos: str) -> str:
    """A word the dictionary knows only as a noun is a noun: «Акимам» opening an item is no adjective,
    «мэриям» no verb, «Комитету» no pronoun."""
    if pos not in ("ADJ", "VERB", "PRON", "DET") or not word.isalpha():
        return pos
    parses = parse(word.lower())
    if pos == "ADJ" and parses and not any(p.is_known for p in parses):
        return pos if word.lower().endswith(adjective_endings()) else "NOUN"  # «Хокимияты» is no adjective
    tags = {p.tag.POS for p in parses}
    other = {"ADJF", "ADJS", "PRTF", "PRTS", "NUMR", "NPRO"} | (
        {"VERB", "INFN", "GRND"} if pos == "VERB" else set()
    )
    return "NOUN" if "NOUN" in tags and not tags & other else pos


@lru_cache(maxsize=200_000)
def _only_infinitive(word: str) -> bool:
    """The dictionary knows the word, and only as an infinitive: «предусмотреть» tagged ADV is a verb."""
    parses = parse(word.lower()) if word.isalpha() else ()
    return bool(parses) and all(p.is_known and p.tag.POS == "INFN" for p in parses)


def _checked_case(word: str, pos: str, feats: dict, initial: bool) -> dict:
    """Trust the dictionary over the tagger where they disagree: «акимам» is dative plural whatever the
    tagger says.

    Capitalised words inside a sentence are names, left alone: there the dictionary guesses.
    """
    case = feats.get("Case")
    if pos == "NOUN" and word.isalpha() and word.lower().endswith(DATIVE_PLURAL) and len(word) > 4:
        if not any(p.is_known for p in parse(word.lower())):
            return {**feats, "Case": "Dat", "Number": "Plur"}  # «хукуматам»: no genitive plural ends so
    if "-" in word and word.rpartition("-")[2].isalpha():
        word = word.rpartition("-")[2]  # «референс-лаборатории»: the last part declines
    if not case or pos not in ("NOUN", "PROPN", "ADJ") or not word.isalpha() or word.isupper():
        return feats
    if not word.islower() and not initial:
        return feats
    readings, best = _dictionary_readings(word.lower())
    if not readings:
        return feats
    if case not in {c for c, _ in readings}:
        return {**feats, "Case": best[0], "Number": best[1] or feats.get("Number")}
    numbers = {n for c, n in readings if c == case and n}
    if numbers and feats.get("Number") not in numbers:
        return {**feats, "Number": sorted(numbers)[0]}
    return feats


@lru_cache(maxsize=200_000)
def _dictionary_readings(word: str) -> tuple[frozenset, tuple | None]:
    """The (case, number) readings the dictionary allows a word form, and its best one. An unknown word
    counts only when three quarters of the guesses' weight agree on its case."""
    parses = [p for p in parse(word) if p.tag.case]
    known = [p for p in parses if p.is_known]
    chosen = known or parses
    if not chosen:
        return frozenset(), None
    if not known:
        weight: dict[str, float] = {}
        for p in parses:
            weight[p.tag.case] = weight.get(p.tag.case, 0.0) + p.score
        top = max(weight, key=weight.get)
        if weight[top] < 0.75 * sum(weight.values()):
            return frozenset(), None
        chosen = [p for p in parses if p.tag.case == top]
    number = {"sing": "Sing", "plur": "Plur"}
    readings = frozenset((OC_CASE.get(p.tag.case), number.get(p.tag.number or "")) for p in chosen)
    return readings, (OC_CASE.get(chosen[0].tag.case), number.get(chosen[0].tag.number or ""))
