"""The role a signer takes from the act: the body that decides, where the signature prints only its head's
title («Министерство здравоохранения … ПОСТАНОВЛЯЕТ: … Министр В.С. Иванов»); the office that decrees in the
first person, where a name signs alone («ГУБЕРНАТОР ОБЛАСТИ … Постановляю: … А.Б. Петров»); and the office of
an approval stamp, for the person said to approve («Утвержден Президентом РФ … Иван Петров утвердил …»)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.data.lexicon import heading_verbs, role_bodies, role_heads
from pipeline.extract.roles import NAME_WORDS, Role
from pipeline.nlp.inflect import in_case
from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import doc_text, feat

BODY_WORDS = 10  # the longest body name read before a deciding verb
OFFICE_LINES = 8  # the header lines searched for an office that issues the act
OFFICE_WORDS = 6
HEAD_CHARS = 600  # where a document's approval stamp stands
APPROVAL = re.compile(
    r"(?:^|\n)[ \t]*(?P<verb>Утвержд[её]н[аоы]?|УТВЕРЖД[ЕЁ]Н[АОЫ]?)[ \t]*\n?[ \t]*"
    r"(?P<office>[А-ЯЁ][\w-]*(?:[ \t]+[\w-]+){0,4})[ \t]*(?:\n|$)"
)


@dataclass(frozen=True)
class SigningAct:
    """Where the act's operative part begins (the deciding verb's offset, -1 without one), the body named as
    its subject (tokens), the office heading an act decreed in the first person, and an approval stamp's verb
    lemma and office («утвердить», «Президент РФ»)."""

    decided_at: int
    body: list
    office: str | None
    approval: tuple[str, str] | None = None


def signing_act(doc) -> SigningAct:
    """What a signer of this document may take a role from: the first deciding verb before a colon, and the
    body it has for subject or, decreed in the first person, the office in the header; an approval stamp."""
    text = doc_text(doc)
    approval = _approval(text)
    verb = next((t for t in doc if t.lemma_ in heading_verbs() and _before_colon(doc, t.i)), None)
    if verb is None:
        return SigningAct(decided_at=-1, body=[], office=None, approval=approval)
    if any(p.tag.person == "1per" for p in parse(verb.lower_)):
        return SigningAct(decided_at=verb.idx, body=[], office=_office(text, verb.idx), approval=approval)
    return SigningAct(decided_at=verb.idx, body=_body_before(doc, verb.i), office=None, approval=approval)


def signer_role(act: SigningAct, doc, role: Role | None, name: list) -> Role | None:
    """The role of a name (its tokens) widened by the act: a bare role («Министр», «Председатель») under the
    operative part becomes the head of the body that decided; a name signing alone gets the office that
    decreed; a name that approves («… утвердил») the office of the approval stamp."""
    start, end = name[0].idx, name[-1].idx + len(name[-1])
    if role is None and act.approval is not None and _approves(doc, name[-1].i, act.approval[0]):
        return Role(act.approval[1])
    if act.decided_at < 0 or start < act.decided_at:
        return role
    if role is None:
        alone = act.office is not None and _signs_alone(doc_text(doc), start, end)
        return Role(act.office) if alone else None
    if act.body and len(role.text.split()) == 1:
        return _head_of(role, act.body)
    return role


def _approval(text: str) -> tuple[str, str] | None:
    """«Утвержден Президентом РФ» in the document's head: the stamp's verb lemma and its office, in the
    nominative.

    >>> _approval("Перечень поручений\\nУтвержден\\nПрезидентом РФ\\n")
    ('утвердить', 'Президент РФ')
    """
    m = APPROVAL.search(text[:HEAD_CHARS])
    if m is None:
        return None
    words = m.group("office").split()
    head = next((p for p in parse(words[0].lower()) if p.tag.case == "ablt"), None)
    if head is None or head.normal_form not in role_heads():
        return None
    nominative = head.inflect({"nomn"})
    first = nominative.word.capitalize() if nominative is not None else words[0]
    return parse(m.group("verb").lower())[0].normal_form, " ".join([first, *words[1:]])


def _approves(doc, last: int, lemma: str) -> bool:
    """The name is the subject of the stamp's verb right after it («Иван Петров утвердил перечень»)."""
    k = last + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return (
        k < len(doc)
        and doc[k].lemma_ == lemma
        and doc[k].pos_ == "VERB"
        and feat(doc[k], "VerbForm") != "Inf"
    )


def _before_colon(doc, i: int) -> bool:
    """The verb of a deciding heading stands right before its colon («ПОСТАНОВЛЯЕТ:», «Совет … РЕШИЛ:»)."""
    k = i + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return k < len(doc) and doc[k].text == ":"


def _body_before(doc, i: int) -> list:
    """«…, Министерство здравоохранения Республики Беларусь ПОСТАНОВЛЯЕТ:»: the words before the verb back to
    punctuation, from the first capitalised noun or adjective on."""
    toks: list = []
    k = i - 1
    while k >= 0 and len(toks) < BODY_WORDS and (doc[k].is_space or doc[k].text.replace("-", "").isalpha()):
        if not doc[k].is_space:
            toks.insert(0, doc[k])
        k -= 1
    first = next(
        (j for j, t in enumerate(toks) if t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN", "ADJ")), None
    )
    body = toks[first:] if first is not None else []
    return body if any(t.pos_ in ("NOUN", "PROPN") for t in body) else []


def _head_of(role: Role, body: list) -> Role:
    """«Министр» + «Министерство здравоохранения Республики Беларусь» → «Министр здравоохранения Республики
    Беларусь»; «Председатель» + «Брестский областной Совет депутатов» → «Председатель Брестского областного
    Совета депутатов». A role that heads no such body stays as it is."""
    lemma = parse(role.text.lower())[0].normal_form if parse(role.text.lower()) else role.text.lower()
    bodies, form = role_bodies().get(lemma, (frozenset(), ""))
    k = next((j for j, t in enumerate(body) if t.pos_ in ("NOUN", "PROPN")), None)
    if k is None or body[k].lemma_.lower() not in bodies or body[0].text.isupper():
        return role
    if form == "own":
        rest = body[k + 1 :]
        return Role(" ".join([role.text, *(t.text for t in rest)]), role.head) if rest else role
    return Role(f"{role.text} {in_case(body, 'gent')}", role.head)


def _office(text: str, before: int) -> str | None:
    """A header line that names an office in the nominative («ГУБЕРНАТОР ЗАБАЙКАЛЬСКОГО КРАЯ») above the
    deciding verb, written as the text writes it elsewhere («Губернатор Забайкальского края»)."""
    lines = [line.strip() for line in text[:before].splitlines() if line.strip()][:OFFICE_LINES]
    for line in lines:
        words = line.split()
        if len(words) > OFFICE_WORDS or not all(w.replace("-", "").isalpha() for w in words):
            continue
        first = parse(words[0].lower())
        if first and first[0].normal_form in role_heads() and first[0].tag.case == "nomn":
            return _cased(words, text)
    return None


def _cased(words: list[str], text: str) -> str:
    """Words of an upper-case line with the capitals the text gives them where it is not upper case: the first
    word capitalised, a proper adjective («ЗАБАЙКАЛЬСКОГО») too, a common noun («КРАЯ») not.

    >>> _cased(["ГУБЕРНАТОР", "ВОЛЖСКОЙ", "ОБЛАСТИ"], "постановление Губернатора Волжской области")
    'Губернатор Волжской области'
    """
    out = []
    for k, word in enumerate(words):
        if not word.isupper() or len(word) < 2:
            out.append(word)
            continue
        low = word.lower()
        seen = (
            m.group()
            for m in re.finditer(
                rf"(?<![\w-]){re.escape(low[: max(3, len(low) - 2)])}\w*", text, re.IGNORECASE
            )
        )
        written = next((w for w in seen if not w.isupper()), low)
        out.append(low.capitalize() if k == 0 or written[:1].isupper() else low)
    return " ".join(out)


def _signs_alone(text: str, start: int, end: int) -> bool:
    """The name is all its line holds (a signature), bar table bars."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.strip(" \t|").split()) <= NAME_WORDS
