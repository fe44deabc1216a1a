"""Nominative forms of noun phrases: only the head and the words that agree with it change."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import feat

GLUED_INITIALS = re.compile(r"((?:[А-ЯЁ]\.){1,2})([А-ЯЁ][а-яё]+)")
UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
UD_NUMBER = {"Sing": "sing", "Plur": "plur"}
PLURAL_ENDINGS = {  # plural noun endings by case → nominative plural, for nouns the dictionary lacks
    "Dat": (("иям", "ии"), ("ям", "и"), ("ам", "ы")),
    "Ins": (("иями", "ии"), ("ями", "и"), ("ами", "ы")),
    "Loc": (("иях", "ии"), ("ях", "и"), ("ах", "ы")),
}
NAME_ENDINGS = {  # masculine name and surname endings by case, for names the dictionary lacks
    "Gen": (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ля", "ль"), ("ня", "нь"), ("а", "")),
    "Acc": (("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ля", "ль"), ("а", "")),
    "Dat": (("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("лю", "ль"), ("у", "")),
    "Ins": (("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("лем", "ль"), ("ом", "")),
}


def nominative(tokens) -> str:
    """The phrase of spaCy tokens with its head (the token whose head lies outside) in the nominative.

    Agreeing words are the adjectives before the head in the same case.
    """
    return in_case(tokens, "nomn")


def in_case(tokens, target: str) -> str:
    """The phrase of spaCy tokens with its head and the words agreeing with it in a case (OpenCorpora name:
    «nomn», «gent»): «Министерству здравоохранения» → «Министерства здравоохранения» in «gent»."""
    if not tokens:
        return ""
    if len(tokens[0].text) > 1 and tokens[0].text.isupper():
        return _joined(tokens, [t.text for t in tokens])  # «ФСТ России»: the abbreviation heads
    # A Russian noun phrase puts its head first and its genitive dependents after it: the first noun heads it.
    # «курирующего вице-министра»: the tagger may call a participle before its noun a noun; «заведующим
    # отделами»: a participle that agrees with no noun after it heads the phrase itself
    nouns = [
        t
        for t in tokens
        if (t.pos_ in ("NOUN", "PROPN") or _only_adjective(t.lower_) and t.pos_ in ("ADJ", "VERB"))
        and not t.text.isupper()
    ]
    head = next((t for t in nouns if not _modifies_later_noun(t, tokens)), tokens[0])
    case = feat(head, "Case")
    number = feat(head, "Number") or "Sing"
    out = []
    for t in tokens:
        word = t.text
        if t.i == head.i:
            adjective = _only_adjective(t.lower_)
            gender = _gender(t) if adjective else None
            word = inflect_word(t.text, case, number, noun=not adjective, gender=gender, target=target)
        elif (
            t.i < head.i
            and (t.pos_ in ("ADJ", "DET", "VERB") or _only_adjective(t.lower_))
            and _agrees(t, case)
        ):
            word = inflect_word(t.text, case, number, noun=False, gender=_gender(head), target=target)
        elif t.i > head.i and (glued := GLUED_INITIALS.fullmatch(t.text)) and _name_in(glued[2], case):
            # «заместителя министра В.И.Петрова»: initials glued to the surname
            word = f"{glued[1]} {inflect_word(glued[2], case, 'Sing', noun=True, target=target)}"
        elif t.i > head.i and _apposed_name(t, case):
            # «Директору … Жумабаеву А.К.»
            word = inflect_word(t.text, case, "Sing", noun=True, target=target)
        out.append(word)
    return _joined(tokens, out)


def _joined(tokens, words: list[str]) -> str:
    """The words of the tokens with the tokens' spacing; a line break between two of them is a space."""
    out = []
    for k, (t, word) in enumerate(zip(tokens, words, strict=True)):
        gap = k + 1 < len(tokens) and tokens[k + 1].i > t.i + 1  # a line break stood between them
        out.append(word + (t.whitespace_ or (" " if gap else "")))
    return "".join(out).strip()


@lru_cache(maxsize=200_000)
def inflect_word(
    word: str, case: str | None, number: str, noun: bool, gender: str | None = None, target: str = "nomn"
) -> str:
    """One word form put in the nominative (or another case), keeping its number (and an adjective's gender).

    >>> inflect_word("Министерству", "Dat", "Sing", noun=True)
    'Министерство'
    >>> inflect_word("членами", "Ins", "Plur", noun=True)
    'члены'
    >>> inflect_word("Центру", "Dat", "Sing", noun=True, target="gent")
    'Центра'
    """
    if "-" in word and not word.isupper():
        stem, _, last = word.rpartition("-")  # «медико-биологическому»: the last part declines
        return f"{stem}-{inflect_word(last, case, number, noun, gender, target)}" if last else word
    wanted_case, wanted_number = UD_CASE.get(case or "Nom"), UD_NUMBER.get(number, "sing")
    if wanted_case == target or word.isupper() or not word.isalpha():
        return word
    parses = parse(word.lower())
    nominative_wanted = target == "nomn"
    if noun and wanted_number == "plur" and nominative_wanted and not any(p.is_known for p in parses):
        return _plural_ending(word, case)  # «хокимам» → «хокимы»: the dictionary's guesses decline oddly
    for p in parses:
        pos_ok = p.tag.POS == "NOUN" if noun else p.tag.POS in ("ADJF", "PRTF", "NPRO")
        if pos_ok and p.tag.case == wanted_case and (p.tag.number in (wanted_number, None)):
            grams = {target, wanted_number}
            if not noun and wanted_number == "sing" and gender:
                grams.add(gender)
            form = _closest_form(p, grams, word.lower())
            if form:
                return _same_case(word, form)
    return _name_ending(word, case) if noun and word[:1].isupper() and nominative_wanted else word


def _closest_form(parse_, grams: set[str], word: str) -> str | None:
    """The form of the word's lexeme with these grammemes that keeps most of its stem: «высшим» → «высшие»,
    where pymorphy3's own choice is «высочайшие»."""
    inflected = parse_.inflect(grams)
    if inflected is None or not parse_.is_known:
        return inflected.word if inflected else None
    wanted = grams | (inflected.tag.grammemes & {"Supr", "Cmp", "Cmp2", "masc", "femn", "neut"})
    forms = [f.word for f in parse_.lexeme if wanted <= f.tag.grammemes] or [inflected.word]
    return max(forms, key=lambda f: (len(os.path.commonprefix([f, word])), f == inflected.word))


def _plural_ending(word: str, case: str) -> str:
    """Unknown plural nouns: «хокимам» → «хокимы», «хокимиятами» → «хокимияты», «махаллям» → «махалли»."""
    for ending, nominative_ending in PLURAL_ENDINGS.get(case, ()):
        if word.lower().endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: len(word) - len(ending)]
            if nominative_ending == "ы" and stem[-1:].lower() in "гкхжшщч":
                nominative_ending = "и"  # spelling: «…ки», never «…кы»
            return stem + nominative_ending
    return word


def _name_ending(word: str, case: str) -> str:
    """Unknown masculine names: «Эдиля» → «Эдиль», «Байсалова» → «Байсалов» (regular endings)."""
    for ending, nominative_ending in NAME_ENDINGS.get(case, ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: len(word) - len(ending)] + nominative_ending
    return word


def _apposed_name(token, case: str | None) -> bool:
    """A person's name standing beside the head in the head's case («министру Ерболу Тулегенову»), not one a
    body is named after («академии имени И.К. Петрова»)."""
    if not token.is_alpha or token.pos_ != "PROPN" or _named_after(token):
        return False
    wanted = {case, "Gen"} if case == "Acc" else {case}  # animate: Acc = Gen
    return _name_in(token.text, case) and (feat(token, "Case") in wanted or _known_name_word(token.text))


def _named_after(token) -> bool:
    return any(t.lower_ in ("имени", "им") for t in token.doc[max(0, token.i - 4) : token.i])


def _known_name_word(word: str) -> bool:
    """A name the dictionary knows: its cases are the dictionary's, whatever the tagger read («Иванову»)."""
    best = parse(word.lower())[0]
    return best.is_known and bool({"Surn", "Name", "Patr"} & best.tag.grammemes)


def _name_in(word: str, case: str | None) -> bool:
    """A capitalised name the dictionary allows in the head's case: «заместителя … Петрова», «на заместителя
    … Иванову»."""
    wanted = {UD_CASE.get(case or "")} | ({"gent"} if case == "Acc" else set())  # animate: Acc = Gen
    return (
        case not in (None, "Nom")
        and word[:1].isupper()
        and not word.isupper()
        and len(word) > 2
        and bool(wanted & {p.tag.case for p in parse(word.lower())})
        and personal_name(word.lower())
    )


def _agrees(token, case: str | None) -> bool:
    """An adjective in the head's case by the tagger, or by the dictionary where the tagger chose another
    reading of the same form («местным»: instrumental singular or dative plural)."""
    if feat(token, "Case") == case:
        return True
    wanted = UD_CASE.get(case or "")
    return any(p.tag.case == wanted and p.tag.POS in ("ADJF", "PRTF") for p in parse(token.lower_))


def _modifies_later_noun(token, tokens) -> bool:
    """«Кыргызской государственной … академии», «курирующего вице-министра»: a word the dictionary knows only
    as an adjective, which the tagger called a noun, agreeing (case and number) with a noun after it before
    any preposition. «заведующим отделами» does not agree: there the participle heads the phrase."""
    if not _only_adjective(token.lower_):
        return False
    own = _case_numbers(token.lower_)
    for t in tokens:
        if t.i <= token.i:
            continue
        if t.pos_ == "ADP":
            return False
        if t.pos_ in ("NOUN", "PROPN") and not _only_adjective(t.lower_):
            return bool(own & _case_numbers(t.lower_.rpartition("-")[2]))
    return False


@lru_cache(maxsize=200_000)
def _case_numbers(word: str) -> frozenset[tuple[str, str]]:
    """The (case, number) readings the dictionary allows a word form."""
    return frozenset((p.tag.case, p.tag.number) for p in parse(word) if p.tag.case)


@lru_cache(maxsize=200_000)
def _only_adjective(word: str) -> bool:
    """The dictionary knows the word, and only as an adjective or a participle."""
    parses = parse(word) if word.isalpha() else ()
    return bool(parses) and all(p.is_known and p.tag.POS in ("ADJF", "PRTF") for p in parses)


def personal_name(word: str) -> bool:
    """A name or surname by the dictionary, or a word it does not know (names it lacks): a lower-case form."""
    parses = parse(word)
    if not parses or not parses[0].is_known:
        return True
    return bool({"Name", "Surn", "Patr"} & parses[0].tag.grammemes)


def _same_case(original: str, new: str) -> str:
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _gender(token) -> str | None:
    return {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(feat(token, "Gender") or "")
