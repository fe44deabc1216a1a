"""Addressees and co-actors of a directive unit as token chunks."""

from __future__ import annotations

from itertools import pairwise

from pipeline.lexicon import attributive_nouns, coactor_markers, triggers
from pipeline.morph import parse
from pipeline.syntax import DATIVE_PLURAL, can_be_dative, dictionary_cases, ends_sentence, feat, is_infinitive

STOP_ADP_KEEP = {"по"}  # «Агентству по делам …»: «по» stays inside organisation names
JOINERS = {",", "и"}


def coactor_chunks(tokens: list) -> list[tuple[list, int]]:
    """(co-actor tokens, index of its marker's first token) for «совместно с X», «с участием X», …"""
    out = []
    lowered = [t.lower_ for t in tokens]
    for marker, case in coactor_markers().items():
        n = len(marker)
        for k in range(len(tokens) - n + 1):
            if tuple(lowered[k : k + n]) == marker:
                phrase = _phrase(tokens[k + n :], case)
                out.extend((chunk, k) for chunk in _split(phrase, case))
    return sorted(out, key=lambda pair: pair[0][0].i if pair[0] else 0)


def marker_spans(tokens: list) -> list[tuple[int, int]]:
    """Token-index ranges [start, end) covered by co-actor markers and their phrases."""
    spans = []
    for chunk, k in coactor_chunks(tokens):
        if chunk:
            spans.append((tokens[k].i, chunk[-1].i + 1))
    return spans


def addressee_chunks(region: list) -> list[tuple[list, list]]:
    """Addressees between a trigger and the first infinitive, as (tokens, head lent by ellipsis)."""
    out = []
    for chunk in _split(_until_adverbial(region), None):
        out.extend(_distribute(chunk))
    return out


def _distribute(chunk: list) -> list[tuple[list, list]]:
    """«акимам областей, городов Астаны и Алматы»: a plural head distributes over listed genitives."""
    head = next((t for t in chunk if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or feat(head, "Number") != "Plur":
        return [(chunk, [])]
    cuts = []  # «хукуматам областей, города Душанбе, городов и районов»: every listed genitive gets the head
    for k, t in enumerate(chunk[:-1]):
        nxt = chunk[k + 1]
        before = chunk[k - 1] if k > 0 else None  # a genitive, or an indeclinable name («Душанбе»)
        gen_before = (
            before is not None
            and before.i > head.i
            and (feat(before, "Case") == "Gen" or before.pos_ == "PROPN" and before.text[:1].isupper())
        )
        if t.text == "," and gen_before and feat(nxt, "Case") == "Gen" and nxt.text.islower():
            cuts.append(k)
    if not cuts:
        return [(chunk, [])]
    shared = _shared_part(chunk[: cuts[0]])
    bounds = [*cuts, len(chunk)]
    rest = [(_trim(chunk[a + 1 : b]), shared) for a, b in pairwise(bounds)]
    return [(_trim(chunk[: cuts[0]]), []), *rest]


def _shared_part(first: list) -> list:
    """What a conjunct borrows: the first phrase up to the genitive it parallels («Управлениям здравоохранения
    областей, городов …» lends «Управлениям здравоохранения»)."""
    last = max(i for i, t in enumerate(first) if t.pos_ in ("NOUN", "PROPN"))
    j = _adjectives_before(first, last)
    # «… Горно-Бадахшанской автономной области, Согдийской, Хатлонской областей»: earlier items of the same
    # list (adjectives, or the same noun) are parallel too
    while j > 1 and first[j - 1].text == ",":
        k = j - 2
        if _adjectival(first[k]):
            j = _adjectives_before(first, k + 1)
        elif first[k].lemma_ == first[last].lemma_:
            j = _adjectives_before(first, k)
        else:
            break
    return first[:j] or first[:1]


def _adjectives_before(tokens: list, k: int) -> int:
    """The index where the genitive adjectives (and hyphenated parts) before tokens[k] begin."""
    while k > 0 and _adjectival(tokens[k - 1]) and feat(tokens[k - 1], "Case") in ("Gen", None):
        k -= 1
    return k


def _adjectival(token) -> bool:
    """An adjective by the tagger, or by the dictionary when the tagger took it for a name («Согдийской»)."""
    return token.pos_ in ("ADJ", "DET") or any(p.tag.POS == "ADJF" for p in parse(token.lower_))


def subject_chunks(doc, head_index: int) -> list[tuple[list, list]]:
    """The nominative subject of a modal obligation, distributed like addressees («Хокимияты областей,
    города Ташкента … должны»), as (tokens, head lent by ellipsis)."""
    head = doc[head_index]
    toks = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if not t.is_space]
    cut = next((k for k, t in enumerate(toks[:-1]) if t.text == "," and _clause(toks[k + 1])), len(toks))
    toks = toks[:cut]
    if len(toks) > 2 and toks[0].pos_ == "PRON" and toks[1].text == ",":
        toks = toks[2:]  # «Мы, министры здравоохранения, обязуемся»: the apposition names the subject
    return _distribute(_trim(toks))  # «Страховщики, осуществляющие …, обязаны»: the clause is no name


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
        if ends_sentence(t):
            break  # «… с привлечением религиозных лидеров.\nСрок: …»
        if triggers().get(t.lemma_, ("", ""))[1] == "modal":
            break  # «совместно с ЮНИСЕФ должно разработать»
        if out and case not in (None, "Nom", "Acc") and _fronted_object(t) and not _quoted(out):
            break  # «разработать с участием Ассоциации клинические рекомендации»: the object follows
        if t.pos_ == "ADP" and t.lower_ not in STOP_ADP_KEEP and out:
            if not (t.lower_ == "при" and _attributive(tokens[k + 1 : k + 3])):
                break  # «Агентством по статистике при Президенте …» keeps its «при»
        if t.text == "," and not _continues(tokens[k + 1 : k + 2], case, out[-1] if out else None):
            break
        if t.pos_ == "VERB" or feat(t, "VerbForm") in ("Part", "Conv"):
            break
        out.append(t)
    return _trim(out)


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
            t.pos_ == "ADV"
            or feat(t, "VerbForm") in ("Conv", "Part")
            and not kept_preposition
            or t.text in ":;"
        ):
            break
        if t.text == "," and out and not _continues_list(region[k + 1 : k + 2]):
            break
        if out and not _quoted(out) and t.pos_ == "NOUN" and _fronted_object(t) and _dative_head(out):
            break  # «Министерству финансов финансирование Программы осуществлять …»
        out.append(t)
    return _without_asides(out)


def _quoted(tokens: list) -> bool:
    """A «…» opened and not yet closed: inside a name, where nouns stand in the nominative."""
    return sum(t.text == "«" for t in tokens) > sum(t.text == "»" for t in tokens)


def _dative_head(tokens: list) -> bool:
    """The phrase's first noun is a dative: the region holds dative addressees."""
    noun = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and can_be_dative(noun)


def _fronted_object(token) -> bool:
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


def _continues_list(following: list) -> bool:
    """After a comma: another dative addressee, or a genitive sharing the head («областей, городов»)."""
    if not following:
        return False
    t = following[0]
    return can_be_dative(t) or feat(t, "Case") == "Gen" or t.text.isupper() or _dative_adjective(t)


def _dative_adjective(token) -> bool:
    """«…, государственным органам»: an adjective the dictionary allows in the dative plural."""
    if token.pos_ not in ("ADJ", "DET") or "datv" not in dictionary_cases(token.lower_, "plur"):
        return False
    following = token.doc[token.i + 1 : token.i + 4]
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


def _split(tokens: list, case: str | None) -> list[list]:
    """Split at «,»/«и» where a new phrase starts: a new dative head, or a conjunct of the first head."""
    chunks: list[list] = [[]]
    heads: set[int] = set()
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.text in JOINERS and nxt is not None and chunks[-1] and _starts_new(nxt, chunks, heads, case):
            chunks.append([])
            continue
        if not any(u.i in heads for u in chunks[-1]) and (t.pos_ in ("NOUN", "PROPN") or t.text.isupper()):
            heads.add(t.i)  # the chunk's first noun (or abbreviation) heads it, not an adjective before it
        chunks[-1].append(t)
    return [_trim(c) for c in chunks if _trim(c)]


def _starts_new(token, chunks: list[list], heads: set[int], case: str | None) -> bool:
    noun = _next_noun(token)
    if _prepositional_conjunct(noun, chunks[-1], heads):
        return False
    if case and noun is not None and noun.text.islower() and feat(noun, "Case") not in (case, None):
        return False  # «хокимиятами областей и города Ташкента»: a genitive conjunct depends on a noun
    if noun is not None and noun.dep_ == "conj" and noun.head.i in heads:
        return True
    if case is not None and noun is not None and _parallel_head(noun, chunks[-1], heads):
        return True
    if case is None:
        if token.text.isupper() and len(token) > 1:
            return True
        if _governing_participle(token):
            return True  # «… и заведующим отделами здравоохранения»
        if (
            token.pos_ in ("ADJ", "DET")
            and noun is not None
            and feat(token, "Case") == feat(noun, "Case") == "Dat"
            and any(u.pos_ in ("NOUN", "PROPN") for u in chunks[-1])  # not «медицинским и фармацевтическим …»
        ):
            return True  # «…, главным врачам больниц»: a dative adjective opens the next addressee
        return can_be_dative(token) and (
            feat(token, "Case") != "Gen"
            or not _may_be_genitive(token)
            or token.lower_.endswith(DATIVE_PLURAL)
        )
    same = feat(token, "Case") == case and token.pos_ in ("NOUN", "PROPN")
    return same and (case != "Gen" or not token.text.islower())  # lower-case genitives may depend


def _prepositional_conjunct(noun, chunk: list, heads: set[int]) -> bool:
    """«Комитету по телевидению и радиовещанию»: a lower-case conjunct of a noun that has a preposition of
    its own inside the chunk (not the chunk's head) continues that phrase; it is no new addressee."""
    if noun is None or not noun.text.islower() or noun.dep_ != "conj" or noun.head.i in heads:
        return False
    target = noun.head
    return any(u.i == target.i for u in chunk) and any(c.dep_ == "case" for c in target.children)


def _governing_participle(token) -> bool:
    """«заведующим отделами», «управляющим делами»: a dative participle used as a noun, governing the
    instrumental after it."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.pos_ in ("ADJ", "VERB", "NOUN")
        and token.text.islower()
        and "datv" in dictionary_cases(token.lower_, "plur")
        and nxt is not None
        and nxt.pos_ == "NOUN"
        and feat(nxt, "Case") == "Ins"
    )


def _may_be_genitive(token) -> bool:
    """Whether the dictionary allows the genitive (the tagger said so, but «хокимам» cannot be one)."""
    return bool({"gent", "gen2"} & dictionary_cases(token.lower_))


def _parallel_head(noun, chunk: list, heads: set[int]) -> bool:
    """«органов исполнительной власти и общественных организаций»: the conjunct agrees with the chunk's head
    in case and number, and not with the noun just before it."""
    head = next((t for t in chunk if t.i in heads), None)
    last = next((t for t in reversed(chunk) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or last is None or last.i == head.i:
        return False
    same = all(feat(noun, f) == feat(head, f) for f in ("Case", "Number"))
    return same and feat(last, "Number") != feat(noun, "Number")


def _next_noun(token):
    """The token itself if a noun, else the first noun within three tokens after it."""
    doc = token.doc
    for t in doc[token.i : min(token.i + 4, len(doc))]:
        if t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


CLOSERS = {")": "(", "»": "«"}


def _initial(token) -> bool:
    """A single capital letter: an initial of a name."""
    return len(token.text) == 1 and token.text.isupper()


def _trim(tokens: list) -> list:
    """Drop punctuation and conjunctions at the edges."""
    while tokens and (tokens[0].pos_ in ("PUNCT", "CCONJ", "SPACE") or tokens[0].text in ",—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ in ("PUNCT", "CCONJ", "SPACE", "ADP") or tokens[-1].text in ",—–-("):
        if tokens[-1].text in CLOSERS and any(t.text == CLOSERS[tokens[-1].text] for t in tokens):
            break  # «НАО «Фонд …»», «(по согласованию)»: a closer whose opener is in the phrase stays
        if tokens[-1].text == "." and len(tokens) > 1 and _initial(tokens[-2]):
            break  # the full stop of an initial («Сыдыкову Б.Т.») belongs to the name
        tokens = tokens[:-1]
    return tokens
