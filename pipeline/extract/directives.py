"""Which stretches of text are directive units, with what force, and where their addressees stand."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.data.lexicon import charge_objects, triggers
from pipeline.nlp.syntax import (
    can_be_dative,
    dictionary_cases,
    ends_sentence,
    feat,
    is_abbreviation,
    is_infinitive,
    is_modal,
    words,
)

LEAD_PUNCT = set("—–-•·*)(.:;,")


@dataclass(frozen=True)
class Directive:
    """A directive unit's force and the token positions that matter (indices into the Doc)."""

    modality: str
    trigger: int | None  # the trigger token; None for «X(dat): — do …» items
    trigger_is_action: bool  # a decision's own verb («Утвердить») is also an action
    region: tuple[int, int] | None  # where the addressees stand, [start, end) in tokens
    subject: int | None = None  # the nominative subject of a modal («обязаны»)


def find_directive(span) -> Directive | None:
    """The directive of a candidate unit, or None when it directs nobody to do anything."""
    toks = [t for t in words(span) if t.text not in LEAD_PUNCT]
    if not toks or toks[0].text in '«"“':
        return None  # direct speech is reported, not directed
    return _opening(toks) or _directive_inside(toks)


def _opening(toks: list) -> Directive | None:
    """Units that open with their trigger, an infinitive, or a dative addressee."""
    first = toks[0]
    entry = triggers().get(first.lemma_)
    infinitives = [t for t in toks[1:] if is_infinitive(t)]
    if entry and entry.kind == "addressing" and (is_infinitive(first) or first.i == toks[0].i):
        if not infinitives:
            return None  # «РЕКОМЕНДОВАТЬ:» heads the items below it (pipeline/extract/inherited.py)
        return Directive(entry.modality, first.i, False, (first.i + 1, infinitives[0].i))
    if is_infinitive(first):
        modality = entry.modality if entry and entry.kind in ("action", "addressing") else "decision"
        return Directive(modality, first.i, True, _charge_region(toks))
    if (
        (can_be_dative(first) or _opens_with_dative_adjectives(toks) or _abbreviated_body(toks, infinitives))
        and infinitives
        and first.lemma_ not in triggers()
        and not _modal_before(toks, infinitives[0])
    ):
        return Directive("instruction", None, False, (first.i, infinitives[0].i))
    return None


def _opens_with_dative_adjectives(toks: list) -> bool:
    """«Центральным и местным исполнительным органам …»: adjectives in the dative lead to a dative noun."""
    for t in toks[:5]:
        if t.pos_ in ("NOUN", "PROPN"):
            return t.i != toks[0].i and can_be_dative(t)
        if not (t.pos_ in ("ADJ", "DET") and _allows_dative(t) or t.pos_ in ("CCONJ", "PUNCT")):
            return False
    return False


def _abbreviated_body(toks: list, infinitives: list) -> bool:
    """«НАО «Фонд социального медицинского страхования» (по согласованию) … предусмотреть»: a body named by
    an indeclinable abbreviation, then an infinitive with no finite verb between, is addressed."""
    first = toks[0]
    if not (is_abbreviation(first) and infinitives):
        return False
    between = [t for t in toks if first.i < t.i < infinitives[0].i]
    return not any(feat(t, "VerbForm") == "Fin" for t in between)


def _allows_dative(token) -> bool:
    """The tagger or the dictionary reads it as dative («местным»: instrumental singular, dative plural)."""
    return feat(token, "Case") == "Dat" or "datv" in dictionary_cases(token.lower_)


def _modal_before(toks: list, infinitive) -> bool:
    """«Организации здравоохранения … обязаны:»: a nominative subject of a modal, not a dative addressee."""
    return any(is_modal(t) for t in toks if t.i < infinitive.i)


def _charge_region(toks: list) -> tuple[int, int] | None:
    """«Контроль … возложить на X»: X is the addressee of the charge, up to the end of its sentence."""
    for k, t in enumerate(toks[:-1]):
        # «возложив на неё координацию» (a gerund, a pronoun) charges nobody by name
        if t.lemma_ == "возложить" and is_infinitive(t) and toks[k + 1].lower_ == "на":
            if toks[k + 2].pos_ == "PRON":
                return None
            start = toks[k + 2].i
            last = toks[-1].i + 1
            last += last < len(t.doc) and t.doc[last].text == "."  # «… Б.Т.»: keep the stop of an initial
            end = next((u.i for u in t.doc[start:last] if ends_sentence(u) or _charged(u)), last)
            return (start, end)
    return None


def _charged(token) -> bool:
    """«персональную ответственность», «функции»: what is laid on the addressee, where the addressee ends."""
    if token.i == 0 or token.doc[token.i - 1].pos_ == "ADP":
        return False  # «Комитету по обязательствам …» names a body
    noun = token if token.pos_ == "NOUN" else token.nbor(1) if token.i + 1 < len(token.doc) else None
    return noun is not None and noun.lemma_ in charge_objects() and token.pos_ in ("NOUN", "ADJ")


def _directive_inside(toks: list) -> Directive | None:
    """Modal obligations and reported instructions inside a sentence."""
    for k, t in enumerate(toks):
        entry = triggers().get(t.lemma_)
        if not entry:
            continue
        _, modality, kind = entry
        if t.lemma_ == "возложить":
            region = _charge_region(toks[k:])
            if region:
                return Directive("instruction", t.i, True, region)
        if kind == "action" and is_infinitive(t) and _opens_with_object(toks[:k]):
            return Directive(modality, t.i, True, None)  # «Информацию министра … принять к сведению»
        later = [u for u in toks[k + 1 :] if is_infinitive(u)]
        if not later:
            continue
        if kind == "modal":
            return Directive(modality, t.i, False, None, subject=_subject(t, later[0]))
        if kind == "addressing" and not is_infinitive(t):
            return Directive(modality, t.i, False, (t.i + 1, later[0].i))
    return None


def _opens_with_object(before: list) -> bool:
    """A decision with its object first: a noun phrase opens the unit, no finite verb before the verb."""
    return (
        bool(before)
        and before[0].pos_ in ("NOUN", "PROPN")
        and not any(t.pos_ in ("VERB", "AUX") and feat(t, "VerbForm") == "Fin" for t in before)
    )


def _subject(modal, infinitive) -> int | None:
    """The nominative subject of «X обязан(ы) / должен + inf»."""
    for head in (modal, infinitive, modal.head):
        for child in head.children:
            if child.dep_.startswith("nsubj"):
                return child.i
    return None
