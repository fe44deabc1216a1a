"""Persons with the roles the text gives them, and quotes with their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.data.lexicon import role_heads
from pipeline.nlp.inflect import inflect_word, nominative
from pipeline.nlp.morph import lemmatize, parse
from pipeline.nlp.syntax import feat
from pipeline.records import Person

QUOTE = re.compile(r"«([^«»]{40,}?)»|\"([^\"\n]{40,}?)\"|“([^“”]{40,}?)”|«([^«»\n]{40,})$")
ROLE_WINDOW = 16


@dataclass(frozen=True)
class PersonFound:
    """A person mention: the name (nominative), the role (nominative) and the mention's offsets."""

    name: str
    role: str | None
    start: int
    end: int


def find_persons(doc) -> list[PersonFound]:
    """PER mentions of natasha's NER with a role found before («министр … Имя») or after («Имя, глава …»)."""
    out = []
    for span in doc.spans["ner"]:
        if span.label_ != "PER":
            continue
        toks = [t for t in span if not t.is_space]
        while toks and toks[-1].text in ")»,;":
            toks = toks[:-1]  # NER spans may take a closing bracket along («(Оспанов Е.М.)»)
        lead = None
        if len(toks) > 2 and toks[0].lemma_.lower() in role_heads():
            lead, toks = toks[0].text, toks[1:]  # «Председатель Н. Сейтжанов»: NER took the role along
        if not toks or len(toks) < 2 and not _known_name(toks[0]):
            continue  # a lone capitalised word (often a cut-off one) is no person
        role = lead or _role_before(doc, span.start) or _role_after(doc, span.end)
        out.append(PersonFound(_name(toks), role, toks[0].idx, toks[-1].idx + len(toks[-1])))
    return out


def _known_name(token) -> bool:
    """A single word counts as a person only when the dictionary's best reading is a name."""
    parses = parse(token.lower_)
    return bool(parses) and bool(
        {"Name", "Surn", "Patr"} & set(str(parses[0].tag).replace(" ", ",").split(","))
    )


def _name(tokens: list) -> str:
    """Each word of a name in the nominative (names are appositions: every word agrees)."""
    parts = []
    # The surname's case is the most reliable tag of a name (initials «Т.А.» carry none).
    words_ = [t for t in tokens if t.is_alpha and len(t) > 2]
    case = feat(words_[-1], "Case") if words_ else None
    for t in tokens:
        parts.append(inflect_word(t.text, case, "Sing", noun=True) + t.whitespace_)
    return "".join(parts).strip()


def _role_before(doc, start: int) -> str | None:
    """The phrase right before the name, from its first role noun on; in a signature block the role may
    begin on the line above («Председатель Правительства\nРоссийской Федерации М. Мишустин»)."""
    k, toks, crossed = start - 1, [], False
    while k >= 0 and len(toks) < ROLE_WINDOW:
        t = doc[k]
        if t.is_space and "\n" not in t.text and not toks:
            k -= 1  # «Председательствующий на Съезде          В.А. Лебедев»: a signature's column gap
            continue
        if t.is_space and t.text.count("\n") == 1 and not crossed and toks and _role_line_above(doc, k):
            crossed = True
            k -= 1
            continue
        if t.is_space or t.pos_ in ("VERB", "AUX", "PUNCT", "CCONJ", "SCONJ") and t.text not in "-":
            if not (t.lower_ == "и" and toks and k > 0 and _genitives(doc[k - 1], toks[0])):
                break  # «центра нефрологии и трансплантации почки»: «и» between genitives stays in the role
        toks.insert(0, t)
        k -= 1
    return _from_role_head(toks)


def _genitives(before, after) -> bool:
    """Two lower-case genitive nouns round a conjunction."""
    return all(t.pos_ == "NOUN" and t.text.islower() and feat(t, "Case") == "Gen" for t in (before, after))


def _role_line_above(doc, newline: int) -> bool:
    """Whether the line above a line break is short and opens with a role («Министр здравоохранения»)."""
    k, line = newline - 1, []
    while k >= 0 and not doc[k].is_space:
        line.insert(0, doc[k])
        k -= 1
    return 0 < len(line) <= ROLE_WINDOW // 2 and any(t.lemma_.lower() in role_heads() for t in line[:2])


def _role_after(doc, end: int) -> str | None:
    """«Имя, представитель ВОЗ в Кыргызской Республике, подчеркнул»."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    toks = []
    for t in doc[end + 1 : end + 1 + ROLE_WINDOW]:
        if t.is_space or t.text in ",.;:—–()«»" or t.pos_ in ("VERB", "AUX"):
            break
        toks.append(t)
    return _from_role_head(toks)


def _from_role_head(tokens: list) -> str | None:
    """The role phrase from its head noun on, with the adjectives right before it («Главный … врач»)."""
    for k, t in enumerate(tokens):
        if t.lemma_.lower() in role_heads():
            while k > 0 and tokens[k - 1].pos_ == "ADJ" and not tokens[k - 1].is_space:
                k -= 1
            phrase = tokens[k:]
            return nominative(phrase) if phrase else None
    return None


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
    """Direct speech opens a sentence or follows a colon, or is followed by «, —»; a title does neither."""
    before = text[max(0, start - 3) : start].rstrip(" *")
    if re.match(r"[«\"“](?:О|Об|Обо)\s", text[start:end]) and not re.search(r"[.!?…]", text[start:end]):
        return False  # «Об обязательном медицинском страховании …» is an act's title
    return (not before or before[-1] in ".:\n!?") or bool(re.match(r"[\s,.*]*[—–]", text[end : end + 6]))


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


def _name_rank(name: str) -> tuple[int, int]:
    """Shorter long words first (the nominative of a name is its shortest form), then more initials."""
    words = re.findall(r"\w+", name)
    return sum(len(w) for w in words if len(w) > 2), -len(words)


def _same_person(a: tuple[set, set], b: tuple[set, set]) -> bool:
    """One set of long words inside the other, and the initials of one among the other's initials or the
    first letters of its words («Корнилова И.В.» and «Ирина Владимировна Корнилова»)."""
    (words_a, init_a), (words_b, init_b) = a, b
    if not (words_a and words_b and (words_a <= words_b or words_b <= words_a)):
        return False
    letters_a = init_a | {w[0] for w in words_a}
    letters_b = init_b | {w[0] for w in words_b}
    return init_a <= letters_b or init_b <= letters_a
