"""One actor per conjunct: a phrase naming several actors split at «,» and «и», and a plural head lent to the
genitives listed after it («акимам областей, городов Астаны и Алматы»)."""

from __future__ import annotations

from itertools import pairwise

from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import DATIVE_PLURAL, can_be_dative, dictionary_cases, feat

JOINERS = {",", "и"}


def distribute(chunk: list) -> list[tuple[list, list]]:
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
    rest = [(trim(chunk[a + 1 : b]), shared) for a, b in pairwise(bounds)]
    return [(trim(chunk[: cuts[0]]), []), *rest]


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


def split(tokens: list, case: str | None) -> list[list]:
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
    return [trim(c) for c in chunks if trim(c)]


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
        if token.pos_ in ("ADJ", "DET") and _bare_adjectives(chunks[-1]) and _bare_adjectives([token]):
            shared = _noun_after_adjectives(token)
            if shared is not None and feat(shared, "Case") == "Dat":
                return True  # «городским и районным Советам»: adjectives that share a head, see `lend_heads`
        if (
            token.pos_ in ("ADJ", "DET")
            and noun is not None
            and feat(token, "Case") == feat(noun, "Case") == "Dat"
            and any(u.pos_ in ("NOUN", "PROPN") for u in chunks[-1])
        ):
            return True  # «…, главным врачам больниц»: a dative adjective opens the next addressee
        return can_be_dative(token) and (
            feat(token, "Case") != "Gen"
            or not _may_be_genitive(token)
            or token.lower_.endswith(DATIVE_PLURAL)
        )
    same = feat(token, "Case") == case and token.pos_ in ("NOUN", "PROPN")
    return same and (case != "Gen" or not token.text.islower())  # lower-case genitives may depend


def lend_heads(chunks: list[list]) -> list[tuple[list, list]]:
    """«городским и районным Советам депутатов»: adjectives coordinated before one head name one body each;
    a chunk of bare adjectives borrows the next conjunct's words after its own adjective («Советам
    депутатов»), as (tokens, head lent by ellipsis)."""
    out = []
    for k, chunk in enumerate(chunks):
        owner = next((c for c in chunks[k + 1 :] if not _bare_adjectives(c)), None)
        shared = owner is not None and len(owner) > 1 and owner[0].pos_ in ("ADJ", "DET")
        out.append((chunk, owner[1:] if shared and _bare_adjectives(chunk) else []))
    return out


def _noun_after_adjectives(token):
    """The noun after a run of adjectives, commas and «и» («городским, районным и сельским Советам»)."""
    for t in token.doc[token.i + 1 : token.i + 8]:
        if t.pos_ in ("NOUN", "PROPN"):
            return t
        if not (t.pos_ in ("ADJ", "DET", "CCONJ") or t.text == ","):
            return None
    return None


def _bare_adjectives(chunk: list) -> bool:
    """Only adjectives the dictionary allows in the dative plural, no noun: the first of adjectives that
    share a head."""
    return bool(chunk) and all(
        t.pos_ in ("ADJ", "DET") and "datv" in dictionary_cases(t.lower_, "plur") for t in chunk
    )


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


def trim(tokens: list) -> list:
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
