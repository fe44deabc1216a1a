"""Addressees and co-actors of a directive unit as token chunks."""

from __future__ import annotations

from itertools import pairwise

from pipeline.data.lexicon import attributive_nouns, coactor_markers
from pipeline.extract.conjuncts import distribute, lend_heads, split, trim
from pipeline.nlp.syntax import (
    can_be_dative,
    dictionary_cases,
    ends_sentence,
    feat,
    is_infinitive,
    is_modal,
)

STOP_ADP_KEEP = {"по"}  # «Агентству по делам …»: «по» stays inside organisation names


def coactor_chunks(tokens: list) -> list[tuple[list, int]]:
    """(co-actor tokens, index of its marker's first token) for «совместно с X», «с участием X», …"""
    out = []
    lowered = [t.lower_ for t in tokens]
    for marker, case in coactor_markers().items():
        n = len(marker)
        for k in range(len(tokens) - n + 1):
            if lowered[k] == marker[0] and tuple(lowered[k : k + n]) == marker:
                phrase = _phrase(tokens[k + n :], case)
                out.extend((chunk, k) for chunk in split(phrase, case))
    return sorted(out, key=lambda pair: pair[0][0].i if pair[0] else 0)


def addressee_chunks(region: list) -> list[tuple[list, list]]:
    """Addressees between a trigger and the first infinitive, as (tokens, words lent by ellipsis: a head
    before them or the words after a coordinated adjective)."""
    out = []
    for chunk, tail in lend_heads(split(_until_adverbial(region), None)):
        out.extend(distribute(chunk) if not tail else [(chunk, tail)])
    return out


def subject_chunks(doc, head_index: int) -> list[tuple[list, list]]:
    """The nominative subjects of a modal obligation, distributed like addressees («Хокимияты областей,
    города Ташкента … должны»; «Лица, находящиеся под наблюдением, и больные туберкулезом обязаны»), as
    (tokens, head lent by ellipsis)."""
    head = doc[head_index]
    others = [c for c in head.head.children if c.dep_.startswith("nsubj") and c.i > head.i]
    return [chunk for subject in (head, *others) for chunk in _one_subject(doc, subject)]


def _one_subject(doc, head) -> list[tuple[list, list]]:
    """One subject's phrase without the clauses about it, ending before its predicate (a parse may hang words
    after the predicate on the subject)."""
    predicate = head.head
    stop = min([predicate.i] + [c.i for c in predicate.children if c.dep_ in ("aux", "cop")])
    last = head.right_edge.i if head.i > stop else min(head.right_edge.i, stop - 1)
    toks = [t for t in doc[head.left_edge.i : last + 1] if not t.is_space]
    cut = next((k for k, t in enumerate(toks[:-1]) if t.text == "," and _clause(toks[k + 1])), len(toks))
    toks = toks[:cut]
    if len(toks) > 2 and toks[0].pos_ == "PRON" and toks[1].text == ",":
        toks = toks[2:]  # «Мы, министры здравоохранения, обязуемся»: the apposition names the subject
    if not toks:
        return []  # a «subject» that is only a clause («…, среднесписочная численность которых …»)
    # «Минтруд и Минобрнауки должны»: each conjunct of the subject is a subject of its own
    conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
    starts = [c.left_edge.i for c in conjuncts if any(t.i == c.i for t in toks)]
    parts = [[t for t in toks if a <= t.i < b] for a, b in pairwise([toks[0].i, *starts, toks[-1].i + 1])]
    # «Страховщики, осуществляющие …, обязаны»: the clause is no name
    return [chunk for part in parts if trim(part) for chunk in distribute(trim(part))]


def _clause(token) -> bool:
    """A participle, an adjective or «который» after a comma opens a clause about the noun, not a name."""
    return token.pos_ == "ADJ" or feat(token, "VerbForm") == "Part" or token.lemma_ == "который"


def _phrase(tokens: list, case: str | None) -> list:
    """The noun phrase after a marker: stops at an infinitive, a verb, a clause comma or a preposition."""
    out = []
    for k, t in enumerate(tokens):
        if _quoted(out) and not is_infinitive(t):
            out.append(t)  # «Институт последипломного образования в сфере здравоохранения …»: a quoted name
            continue
        if is_infinitive(t) or t.text in ";:()" or (t.pos_ == "VERB" and feat(t, "VerbForm") != "Part"):
            break
        if t.pos_ in ("ADV", "AUX", "PART") and not _quoted(out):
            break  # «совместно с акиматами ежегодно представлять»: a time word is no part of the name
        if ends_sentence(t):
            break  # «… с привлечением религиозных лидеров.\nСрок: …»
        if is_modal(t):
            break  # «совместно с ЮНИСЕФ должно разработать»
        if out and case not in (None, "Nom", "Acc") and _direct_case_noun(t) and not _quoted(out):
            break  # «разработать с участием Ассоциации клинические рекомендации»: the object follows
        if t.pos_ == "ADP" and t.lower_ not in STOP_ADP_KEEP and out:
            if not (t.lower_ == "при" and _attributive(tokens[k + 1 : k + 3])):
                break  # «Агентством по статистике при Президенте …» keeps its «при»
        if t.text == "," and not _continues(tokens[k + 1 : k + 2], case, out[-1] if out else None):
            break
        if t.pos_ == "VERB" or feat(t, "VerbForm") in ("Part", "Conv"):
            break
        out.append(t)
    return trim(out)


def _until_adverbial(region: list) -> list:
    """Cut the addressee region at a co-actor marker, an adverbial («при рассмотрении», «ежегодно»), a gerund,
    or a comma that opens no new addressee («органам, ответственным за …»).

    A prepositional phrase stays when it names the addressee («в сфере охраны здоровья», «в областях») or
    when a comma and another dative addressee follow it.
    """
    out = []
    lowered = [t.lower_ for t in region]
    for k, t in enumerate(region):
        if any(tuple(lowered[k : k + len(m)]) == m for m in coactor_markers()):
            break
        if (
            t.pos_ == "ADP"
            and t.lower_ not in STOP_ADP_KEEP
            and out
            and not _name_goes_on(t, out, region[k + 1 :])
        ):
            if not (_attributive(region[k + 1 : k + 3]) or _list_resumes(region[k:])):
                break
        kept_preposition = bool(out) and out[-1].lower_ in ("с", "со")  # «с ограниченной ответственностью»
        if (
            t.pos_ in ("ADV", "AUX", "PART")  # «Минфину было поручено», «Минздраву не позднее 1 марта»
            or feat(t, "VerbForm") in ("Conv", "Part")
            and not kept_preposition
            and not _attributive_participle(t, out)
            or t.text in ":;"
        ):
            break
        if t.text == "," and out and not _next_addressee_follows(region[k + 1 : k + 2]):
            break
        if out and not _quoted(out) and t.pos_ == "NOUN" and _direct_case_noun(t) and _dative_head(out):
            break  # «Министерству финансов финансирование Программы осуществлять …»
        out.append(t)
    return _without_asides(out)


def _attributive_participle(token, before: list) -> bool:
    """«государств - участников указанного Соглашения»: a participle agreeing with the noun right after it,
    with no comma before it, modifies that noun; it opens no clause."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        bool(before)
        and before[-1].text != ","
        and feat(token, "VerbForm") == "Part"
        and nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and feat(nxt, "Case") == feat(token, "Case")
    )


def _quoted(tokens: list) -> bool:
    """A «…» opened and not yet closed: inside a name, where nouns stand in the nominative."""
    return sum(t.text == "«" for t in tokens) > sum(t.text == "»" for t in tokens)


def _dative_head(tokens: list) -> bool:
    """The phrase's first noun is a dative: the region holds dative addressees."""
    noun = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and can_be_dative(noun)


def _direct_case_noun(token) -> bool:
    """A lower-case noun (or adjective) the dictionary allows only in the nominative or accusative: an
    object, not part of a name in an oblique case."""
    cases = dictionary_cases(token.lower_)
    return (
        token.pos_ in ("NOUN", "ADJ")
        and token.text.islower()
        and bool(cases)
        and cases <= {"nomn", "accs", "acc2"}
    )


def _name_goes_on(preposition, out: list, after: list) -> bool:
    """«Отделу по связям с общественностью», «по работе с обращениями»: «с» inside a «по …» phrase;
    «Товариществу с ограниченной ответственностью «…»»: a legal form. Not «(по согласованию) с 1 января»."""
    if (
        preposition.lower_ not in ("с", "со")
        or not (after and after[0].text.isalpha())
        or ")" in out[-1].text
    ):
        return False
    return any(t.lower_ == "по" for t in out[-3:]) or bool(after) and after[0].lower_.startswith("ограниченн")


def _attributive(after: list) -> bool:
    """«в сфере …», «в областях», «в Республике Казахстан»: a place or field that belongs to the name."""
    noun = next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and (noun.lemma_ in attributive_nouns() or noun.text[:1].isupper())


def _next_addressee_follows(following: list) -> bool:
    """After a comma: another dative addressee, or a genitive sharing the head («областей, городов»)."""
    if not following:
        return False
    t = following[0]
    return can_be_dative(t) or feat(t, "Case") == "Gen" or t.text.isupper() or _allows_dative_plural(t)


def _allows_dative_plural(token) -> bool:
    """«…, государственным органам»: an adjective the dictionary allows in the dative plural."""
    if token.pos_ not in ("ADJ", "DET") or "datv" not in dictionary_cases(token.lower_, "plur"):
        return False
    following = token.doc[token.i + 1 : token.i + 6]  # «…, городским и районным детским больницам»
    noun = next((t for t in following if t.pos_ in ("NOUN", "PROPN")), None)
    return (
        noun is not None
        and all(t.pos_ in ("ADJ", "DET", "CCONJ") for t in following[: noun.i - token.i - 1])
        and can_be_dative(noun)
    )


def _without_asides(tokens: list) -> list:
    """Drop bracketed asides that are not abbreviations: «Министерству здравоохранения (Худаяров А.А.)»."""
    out, aside = [], []
    for t in tokens:
        if t.text == "(" and not aside:
            aside = [t]
        elif aside:
            aside.append(t)
            if t.text == ")":
                inner = [u for u in aside[1:-1] if u.is_alpha]
                if inner and all(u.text.isupper() and len(u) > 1 for u in inner):
                    out.extend(aside)
                aside = []
        else:
            out.append(t)
    return out + aside


def _list_resumes(rest: list) -> bool:
    """Whether the tokens after a preposition reach a comma followed by another dative addressee."""
    for k, t in enumerate(rest[:8]):
        if t.text == ",":
            return k + 1 < len(rest) and can_be_dative(rest[k + 1]) and feat(rest[k + 1], "Case") != "Gen"
    return False


def _continues(following: list, case: str | None, before=None) -> bool:
    """After a comma, a noun in the phrase's case (or a capitalised name) continues a list; so does a genitive
    after a genitive («Министерством труда, социального обеспечения и миграции»)."""
    if not following:
        return False
    t = following[0]
    genitives = before is not None and feat(before, "Case") == feat(t, "Case") == "Gen" and t.text.islower()
    return t.pos_ in ("NOUN", "PROPN", "ADJ") and (
        case is None or feat(t, "Case") == case or t.text.isupper() or genitives
    )
