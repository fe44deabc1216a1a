"""Persons with the roles the text gives them, and quotes with their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.data.lexicon import role_heads
from pipeline.extract.names import INITIALS_FIRST, initials_names, normal_name, token_case
from pipeline.extract.roles import Role, role_of
from pipeline.extract.signers import signer_role, signing_act
from pipeline.nlp.morph import lemmatize, parse
from pipeline.nlp.syntax import doc_text
from pipeline.records import Person

QUOTE = re.compile(r"«([^«»]{40,}?)»|\"([^\"\n]{40,}?)\"|“([^“”]{40,}?)”|«([^«»\n]{40,})$")
URL = re.compile(r"https?://|www\.", re.IGNORECASE)
AMENDMENT = re.compile(r"(?:следующего\s+содержания|следующей\s+редакции)\s*:\s*$", re.IGNORECASE)
NAMED_AFTER = re.compile(r"(?:\bимени|\bим\.)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PersonFound:
    """A person mention: the name (nominative), the role (nominative) and the mention's offsets."""

    name: str
    role: str | None
    start: int
    end: int


def find_persons(doc) -> list[PersonFound]:
    """Persons named by natasha's NER or by initials, each with the role the text gives them
    (pipeline/extract/roles.py) or, in a signature, the act they sign (pipeline/extract/signers.py); not on a
    line that carries a web address (a site's header)."""
    out, text, act = [], doc_text(doc), signing_act(doc)
    for first, last in _name_spans(doc, text):
        toks = [t for t in doc[first : last + 1] if not t.is_space]
        lead = None
        if len(toks) > 2 and toks[0].lemma_.lower() in role_heads():
            lead, toks = Role(toks[0].text, toks[0].text), toks[1:]  # «Председатель Н. Сейтжанов»
        if not toks or len(toks) < 2 and not _known_name(toks[0]) and not _has_initials(toks[0].text):
            continue  # a lone capitalised word (often a cut-off one) is no person
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if URL.search(_line(text, start)) or NAMED_AFTER.search(text, max(0, start - 8), start):
            continue  # a site's header; «академии имени И.К. Ахунбаева» names a body, not a person
        role = signer_role(act, doc, lead or role_of(doc, toks[0].i, toks[-1].i), toks)
        name = normal_name(text[start:end], token_case(toks), role.head if role else None)
        out.append(PersonFound(name, role.text if role else None, start, end))
    return out


def _name_spans(doc, text: str) -> list[tuple[int, int]]:
    """Token ranges [first, last] of names: natasha's PER spans, where a name with initials found in the text
    replaces the span it overlaps («Снежинску В. А. Романова» → «В. А. Романова»)."""
    spans = []
    for a, b in initials_names(text):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            spans.append((span.start, span.end - 1))
    for span in doc.spans["ner"]:
        toks = [t for t in span if not t.is_space]
        while toks and toks[-1].text in ")»,;":
            toks = toks[:-1]  # NER spans may take a closing bracket along («(Оспанов Е.М.)»)
        if span.label_ != "PER" or not toks:
            continue
        first, last = toks[0].i, toks[-1].i
        if not any(a <= last and first <= b for a, b in spans):
            spans.append((first, last))
    return sorted(spans)


def _has_initials(text: str) -> bool:
    return INITIALS_FIRST.fullmatch(text) is not None


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


def _known_name(token) -> bool:
    """A single word counts as a person only when the dictionary's best reading is a name."""
    parses = parse(token.lower_)
    return bool(parses) and bool(
        {"Name", "Surn", "Patr"} & set(str(parses[0].tag).replace(" ", ",").split(","))
    )


@dataclass(frozen=True)
class QuoteFound:
    """Direct speech and the person it is attributed to."""

    speaker: str | None
    text: str
    start: int
    end: int


def find_quotes(text: str, persons: list[PersonFound]) -> list[QuoteFound]:
    """Quoted sentences (≥ 40 characters, more than a title) with the nearest speaker in their paragraph."""
    out = []
    for m in QUOTE.finditer(text):
        body = next(g for g in m.groups() if g)
        if len(body.split()) < 6 or not _is_speech(text, m.start(), m.end()):
            continue
        out.append(QuoteFound(_speaker(text, m.start(), m.end(), persons), body, m.start(), m.end()))
    return out


def _is_speech(text: str, start: int, end: int) -> bool:
    """Direct speech opens a sentence or follows a colon, or is followed by «, —»; a title does neither, nor
    does the new wording of an amended act («дополнить абзацем следующего содержания: «…»»)."""
    before = text[max(0, start - 3) : start].rstrip(" *")
    sentence = re.search(r"[.!?…]", text[start:end])
    if re.match(r"[«\"“](?:О|Об|Обо)\s", text[start:end]) and not sentence:
        return False  # «Об обязательном медицинском страховании …» is an act's title
    if not sentence and _alone_on_line(text, start, end):
        return False  # «"Перечень поручений по итогам совещания"» heading a page
    if AMENDMENT.search(text, max(0, start - 60), start):
        return False
    return (not before or before[-1] in ".:\n!?") or bool(re.match(r"[\s,.*]*[—–]", text[end : end + 6]))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not text[line_start:start].strip() and not text[end : line_end if line_end >= 0 else None].strip()


def _named_by_role(text: str, lo: int, hi: int, persons: list[PersonFound]) -> str | None:
    """«Заместитель Председателя … подчеркнул: «…»»: a role named before the quote points to its holder."""
    window = lemmatize(text[lo:hi])
    best, best_at = None, -1
    for p in persons:
        head = lemmatize(p.role or "")[:2]
        if len(head) < 2:
            continue
        for k in range(len(window) - 1, -1, -1):
            if window[k : k + 2] == head and k > best_at:
                best, best_at = p.name, k
                break
    return best


def _speaker(text: str, start: int, end: int, persons: list[PersonFound]) -> str | None:
    """The person named just after the quote («», — сказал Имя»), or by a role before it, or last named."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    after = [p for p in persons if end <= p.start < min(end + 160, para_end)]
    if after and re.match(r"[\s,.*]*[—–-]", text[end : after[0].start]):
        return after[0].name
    before = [p for p in persons if p.start < start]
    in_paragraph = [p for p in before if p.start >= para_start]
    named_by_role = _named_by_role(text, in_paragraph[-1].end if in_paragraph else para_start, start, persons)
    if named_by_role:
        return named_by_role
    # In news the speaker of an unattributed quote is the person last named before it, often in the lead.
    return (in_paragraph or before)[-1].name if before else None


def unique_persons(doc_id: str, persons) -> list[Person]:
    """One row per person: the first mention, named by its shortest form (a case form the inflection missed
    is longer: «Абдрахманову Г.С.» → «Абдрахманов Г.С.»), with the fullest role any mention gives. Mentions
    are one person when their long words agree without case endings and their initials do not clash
    («Н. Сейтжанов», «Сейтжанов Н.Б.»)."""
    found: list[tuple[tuple[set, set], Person]] = []
    for p in persons:
        key = _person_key(p.name)
        k = next((k for k, (other, _) in enumerate(found) if _same_person(key, other)), None)
        if k is None:
            found.append((key, Person(doc_id=doc_id, name=p.name, role=p.role, start=p.start, end=p.end)))
            continue
        other, known = found[k]
        name = min((known.name, p.name), key=_name_rank)
        role = p.role if p.role and len(p.role) > len(known.role or "") else known.role
        found[k] = (
            (other[0] | key[0], other[1] | key[1]),
            Person(doc_id=doc_id, name=name, role=role, start=known.start, end=known.end),
        )
    return [person for _, person in found]


NAME_CASE_ENDING = re.compile(r"(?:ым|ом|ой|у|а|е)$")


def _person_key(name: str) -> tuple[set, set]:
    """The long words of a name without their case endings, and its initials."""
    words = re.findall(r"\w+", name.lower())
    long = {NAME_CASE_ENDING.sub("", w) for w in words if len(w) > 2}
    initials = {w[0] for w in words if len(w) <= 2}
    return long, initials


def _name_rank(name: str) -> tuple[int, int, int]:
    """More long words first (a full name over initials), then shorter ones (the nominative of a name is its
    shortest form), then more initials."""
    words = re.findall(r"\w+", name)
    long_words = [w for w in words if len(w) > 2]
    return -len(long_words), sum(map(len, long_words)), -len(words)


def _same_person(a: tuple[set, set], b: tuple[set, set]) -> bool:
    """One set of long words inside the other, and the initials of one among the other's initials or the
    first letters of its words («Корнилова И.В.» and «Ирина Владимировна Корнилова»)."""
    (words_a, init_a), (words_b, init_b) = a, b
    if not (words_a and words_b and (words_a <= words_b or words_b <= words_a)):
        return False
    letters_a = init_a | {w[0] for w in words_a}
    letters_b = init_b | {w[0] for w in words_b}
    return init_a <= letters_b or init_b <= letters_a
