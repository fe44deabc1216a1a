"""Which stretches of text are directive units, with what force, and where their addressees stand."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.data.lexicon import charge_objects, heading_verbs, impersonal_triggers, triggers
from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import (
    can_be_dative,
    dictionary_cases,
    doc_text,
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
    span_words = words(span)
    toks = [t for t in span_words if t.text not in LEAD_PUNCT]
    quoted_item = _quoted_item(span_words)
    if quoted_item:
        return quoted_item
    if not toks or toks[0].text in '«"“':
        return None  # direct speech is reported, not directed
    if _in_speech(span) and not _decided(toks[0]):
        return None  # «… Каждый случай нужно разбирать …», – подчеркнула министр: still direct speech
    if preamble(toks):
        return None
    quoted = _quoted_tokens(toks)  # «… которым разрешено осуществлять …» inside a cited title directs nobody
    infinitive = {t.i for t in toks if is_infinitive(t)}  # asked once a token: both readings ask of each
    return _opening(toks, infinitive, quoted) or _directive_inside(
        [t for t in toks if t.i not in quoted], infinitive
    )


def _in_speech(span) -> bool:
    """The span starts inside a «…» opened earlier on its line."""
    text = doc_text(span.doc)
    before = text[text.rfind("\n", 0, span.start_char) + 1 : span.start_char]
    return before.count("«") > before.count("»")


def _quoted_item(toks: list) -> Directive | None:
    """«В указе говорится: «Образовать Национальный совет …»»: a decree's item quoted in a report, opening
    the text or after a colon."""
    for k, t in enumerate(toks[1:], 1):
        if toks[k - 1].text in '«"“' and (k == 1 or toks[k - 2].text == ":") and _decided(t):
            return Directive(triggers()[t.lemma_].modality, t.i, True, None)
    return None


def _decided(token) -> bool:
    """An infinitive that is itself a decided action («Образовать», «Направить»)."""
    entry = triggers().get(token.lemma_)
    return is_infinitive(token) and entry is not None and entry.kind == "action"


def preamble(toks: list) -> bool:
    """«…, руководствуясь …, постановляю:», «Совет … РЕШИЛ:»: the words before the operative part."""
    return len(toks) >= 2 and toks[-1].text == ":" and toks[-2].lemma_ in heading_verbs()


def _quoted_tokens(toks: list) -> set[int]:
    """Indices of the tokens inside «…» or "…" (a cited title, a name)."""
    inside, depth, straight = set(), 0, False
    for t in toks:
        if t.text in "«“":
            depth += 1
        elif t.text in "»”":
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight = not straight
        elif depth or straight:
            inside.add(t.i)
    return inside


def cut_off(span) -> Directive | None:
    """«3. Департаменту … в установленном порядке» where the excerpt ends: an item opening with a dative
    addressee whose infinitive was cut off is an instruction all the same."""
    doc = span.doc
    final = next((doc[i] for i in range(span.end - 1, span.start - 1, -1) if not doc[i].is_space), None)
    # Not the last words of the text, as most items are not: asked first, of the text itself (joining the
    # tokens after them, once per item, was quadratic).
    if final is None or doc_text(doc)[final.idx + len(final) :].strip():
        return None
    toks = [t for t in words(span) if t.text not in LEAD_PUNCT]
    if len(toks) < 2:
        return None
    last = toks[-1]
    if last.text in ".!?" or not can_be_dative(toks[0]) or any(is_infinitive(t) for t in toks):
        return None
    if not parse(toks[0].lower_)[0].is_known:
        return None  # «Предусматри»: a word the excerpt cut is no addressee
    if toks[0].lemma_ in triggers() or _modal_before(toks, last):
        return None
    return Directive("instruction", None, False, (toks[0].i, last.i + 1))


def _opening(toks: list, infinitive: set[int], quoted: set[int]) -> Directive | None:
    """Units that open with their trigger, an infinitive, or a dative addressee (`infinitive`: the indices of
    the infinitives among toks)."""
    first = toks[0]
    entry = triggers().get(first.lemma_)
    infinitives = [t for t in toks[1:] if t.i in infinitive and t.i not in quoted]
    if entry and entry.kind == "addressing" and (first.i in infinitive or first.i == toks[0].i):
        if not infinitives:
            return None  # «РЕКОМЕНДОВАТЬ:» heads the items below it (pipeline/extract/inherited.py)
        return Directive(entry.modality, first.i, False, (first.i + 1, infinitives[0].i))
    if first.i in infinitive:
        modality = entry.modality if entry and entry.kind in ("action", "addressing") else "decision"
        return Directive(modality, first.i, True, _charge_region(toks))
    if (
        (can_be_dative(first) or _opens_with_dative_adjectives(toks) or _abbreviated_body(toks, infinitives))
        and infinitives
        and first.lemma_ not in triggers()
        and not _modal_before(toks, infinitives[0])
    ):
        # «Минздраву рекомендовано разработать»: a participle of an addressing verb gives its force
        between = [triggers().get(t.lemma_) for t in toks if first.i < t.i < infinitives[0].i]
        modality = next((e.modality for e in between if e and e.kind == "addressing"), "instruction")
        return Directive(modality, None, False, (first.i, infinitives[0].i))
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
    for k, t in enumerate(toks[:-2]):  # «… возложить на» cut off before its addressee charges nobody
        # «возложив на неё координацию» (a gerund, a pronoun) charges nobody by name
        # «возложить на», and the reported «контроль … возложен на»
        charging = is_infinitive(t) or feat(t, "Variant") == "Short" or t.lower_.startswith("возложен")
        if t.lemma_ == "возложить" and charging and toks[k + 1].lower_ == "на":
            if toks[k + 2].pos_ == "PRON":
                return None
            start = toks[k + 2].i
            last = toks[-1].i + 1
            last += last < len(t.doc) and t.doc[last].text == "."  # «… Б.Т.»: keep the stop of an initial
            doc = t.doc
            stops = (u for u in doc[start:last] if ends_sentence(u) and not _wrapped_break(u) or _charged(u))
            end = next((u.i for u in stops), last)
            return (start, end)
    return None


def _wrapped_break(token) -> bool:
    """A line break between two lower-case words: a hard-wrapped line, not the end of a sentence."""
    doc = token.doc
    if not token.is_space or token.text.count("\n") != 1 or token.i == 0 or token.i + 1 >= len(doc):
        return False
    return doc[token.i - 1].text[-1:].islower() and doc[token.i + 1].text[:1].islower()


def _charged(token) -> bool:
    """«персональную ответственность», «функции»: what is laid on the addressee, where the addressee ends."""
    if token.i == 0 or token.doc[token.i - 1].pos_ == "ADP":
        return False  # «Комитету по обязательствам …» names a body
    noun = token if token.pos_ == "NOUN" else token.nbor(1) if token.i + 1 < len(token.doc) else None
    return noun is not None and noun.lemma_ in charge_objects() and token.pos_ in ("NOUN", "ADJ")


def _directive_inside(toks: list, infinitive_at: set[int]) -> Directive | None:
    """Modal obligations and reported instructions inside a sentence (`infinitive_at`: the indices of the
    infinitives among toks)."""
    infinitive = [t.i in infinitive_at for t in toks]
    for k, t in enumerate(toks):
        impersonal = impersonal_triggers().get(t.lower_)
        if impersonal and any(infinitive[k + 1 :]):
            return Directive(impersonal, t.i, False, None)  # «Необходимо обеспечить …», «решено создать …»
        if _decision_taken(toks, k):
            return Directive("decision", t.i, False, None)  # «приняли решение о создании совета»
        entry = triggers().get(t.lower_) or triggers().get(t.lemma_)
        if not entry:
            continue
        _, modality, kind = entry
        if t.lemma_ == "возложить":
            region = _charge_region(toks[k:])
            if region:
                return Directive("instruction", t.i, True, region)
        if kind == "action" and infinitive[k] and _opens_with_object(toks[:k]):
            return Directive(modality, t.i, True, None)  # «Информацию министра … принять к сведению»
        later = [u for u, inf in zip(toks[k + 1 :], infinitive[k + 1 :], strict=True) if inf]
        if not later:
            continue
        if kind == "modal":
            return Directive(modality, t.i, False, None, subject=_subject(t, later[0]))
        if kind == "addressing" and not infinitive[k]:
            before = _dative_before(toks[:k]) if feat(t, "Variant") == "Short" else None
            return Directive(modality, t.i, False, before or (t.i + 1, later[0].i))
    return None


def _dative_before(before: list) -> tuple[int, int] | None:
    """«Также Минфину поручено …»: the dative phrase right before a passive trigger addresses it."""
    k = len(before)
    while k > 0 and (before[k - 1].pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ") or before[k - 1].text == ","):
        k -= 1
    # «По итогам совещания Министерству …»: a dative governed by a preposition addresses nobody
    heads = [
        t
        for t in before[k:]
        if can_be_dative(t) and feat(t, "Case") == "Dat" and not any(c.dep_ == "case" for c in t.children)
    ]
    return (heads[0].i, before[-1].i + 1) if heads else None


def _decision_taken(toks: list, k: int) -> bool:
    """«принять решение о …» in any form but the infinitive (which opens a decision of its own)."""
    return (
        toks[k].lemma_ == "принять"
        and not is_infinitive(toks[k])
        and k + 2 < len(toks)
        and toks[k + 1].lemma_ == "решение"
        and toks[k + 2].lower_ in ("о", "об")
    )


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


def future_obligation(span) -> Directive | None:
    """«Территориальные комиссии будут устанавливать меры …» in an act's operative part: what a body will do
    is what it must do (an obligation of the subject)."""
    for t in words(span):
        if t.lemma_ == "быть" and t.dep_ == "aux" and is_infinitive(t.head) and t.i < t.head.i:
            subject = next((c.i for c in t.head.children if c.dep_.startswith("nsubj")), None)
            if subject is not None and subject < t.i:
                return Directive("obligation", t.i, False, None, subject=subject)
    return None
