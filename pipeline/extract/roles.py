"""The role a text gives a named person: the phrase before the name («заместитель министра … Имя») or after it
(«Имя, глава …»), the lines above a signature («Председатель Правительства\\nРоссийской Федерации\\nИ.
Фамилия»), the body a head's name stands beside in brackets («Управлению кадров (Петров П.П.)»), and
«Ответственный: Имя» lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.data.lexicon import role_heads
from pipeline.extract.names import initials_names
from pipeline.nlp.inflect import in_case, nominative
from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import doc_text, feat

ROLE_WINDOW = 16
SIGNATURE_LINES = 4
SIGNATURE_WORDS = 8
NAME_WORDS = 3  # «Иван Иванович Иванов», «В. И. Иванов»
CLOSED_LINE = re.compile(r"[.;:!?]$|\d")
RESPONSIBLE = re.compile(r"(?:^|\n)[ \t]*(ответственн[а-яё]*|исполнител[а-яё]*)\s*:\s*$", re.IGNORECASE)
BODY_STOP = {",", ";", ":", "(", ")", "—", "–", "."}


@dataclass(frozen=True)
class Role:
    """A role phrase as stored, and its head word as written (whose case guides the name's)."""

    text: str
    head: str | None = None


def role_of(doc, first: int, last: int) -> Role | None:
    """The role of the name spanning tokens [first, last]: a «Ответственный:» line, the phrase before it on
    its line, the signature lines above it, the body it is bracketed after, or the phrase after it."""
    start, text = doc[first].idx, doc_text(doc)
    return (
        _responsible_role(text, start)
        or _role_before(doc, first)
        or _signature_role(text, start)
        or _body(doc, first, last)
        or _role_after(doc, last + 1)
    )


def _responsible_role(text: str, start: int) -> Role | None:
    """«Ответственный: Мишустин М.В.»."""
    m = RESPONSIBLE.search(text, max(0, start - 40), start)
    if m is None:
        return None
    return Role(parse(m.group(1).lower())[0].normal_form)


def _role_before(doc, start: int) -> Role | None:
    """The phrase right before the name, from its first role noun on; in a signature block the role may
    begin on the line above («Председатель Правительства\\nРоссийской Федерации М. Мишустин»), or stand in
    the next cell of a table («Министр | И.И. Иванов»)."""
    k, toks, crossed = start - 1, [], False
    while k >= 0 and len(toks) < ROLE_WINDOW:
        t = doc[k]
        if (t.is_space and "\n" not in t.text or t.text == "|") and not toks:
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
    """A lower-case genitive noun before a conjunction and a genitive noun or adjective after it
    («здравоохранения и социального развития»)."""
    return (
        before.pos_ == "NOUN"
        and after.pos_ in ("NOUN", "ADJ")
        and all(t.text.islower() and feat(t, "Case") == "Gen" for t in (before, after))
    )


def _role_line_above(doc, newline: int) -> bool:
    """Whether the line above a line break is short and opens with a role («Министр здравоохранения»)."""
    k, line = newline - 1, []
    while k >= 0 and not doc[k].is_space:
        line.insert(0, doc[k])
        k -= 1
    return 0 < len(line) <= ROLE_WINDOW // 2 and any(t.lemma_.lower() in role_heads() for t in line[:2])


def _role_after(doc, end: int) -> Role | None:
    """«Имя, представитель ВОЗ в Кыргызской Республике, подчеркнул», or the next cell of a table row
    «Жумабаев Н.Б. | главный врач … | …»."""
    while end < len(doc) and doc[end].is_space and "\n" not in doc[end].text:
        end += 1
    if end >= len(doc) or doc[end].text not in ",|":
        return None
    toks = []
    for t in doc[end + 1 : end + 1 + ROLE_WINDOW]:
        if t.is_space and (toks or "\n" in t.text):
            break
        if t.is_space:
            continue
        if t.text in ",.;:—–()«»|" or t.pos_ in ("VERB", "AUX"):
            break
        toks.append(t)
    return _from_role_head(toks)


def _from_role_head(tokens: list) -> Role | None:
    """The role phrase from its head noun on, with the adjectives right before it («Главный … врач»)."""
    for k, t in enumerate(tokens):
        if t.lemma_.lower() in role_heads():
            head = t.text
            while k > 0 and tokens[k - 1].pos_ == "ADJ" and not tokens[k - 1].is_space:
                k -= 1
            phrase = tokens[k:]
            return Role(nominative(phrase), head) if phrase else None
    return None


def _signature_role(text: str, start: int) -> Role | None:
    """A name alone on its line under short role lines, blank lines allowed between:
    «Руководитель\\nФедеральной службы\\nР.У. Хабриев», «Глава района |\\nА.И. Петров |»."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if len(line.strip(" \t|").split()) > NAME_WORDS:
        return None  # the name does not stand alone on its line
    lines: list[str] = []
    end = line_start - 1
    while end > 0 and len(lines) < SIGNATURE_LINES:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip(" \t|")
        end = begin - 1
        if not line:
            if lines:
                return None
            continue
        if CLOSED_LINE.search(line) or len(line.split()) > SIGNATURE_WORDS or not line[:1].isupper():
            return None
        lines.insert(0, line)
        if _opens_with_role(line):
            return Role(" ".join(lines))
    return None


def _opens_with_role(line: str) -> bool:
    first = re.match(r"[А-ЯЁа-яё-]+", line)
    return first is not None and any(p.normal_form in role_heads() for p in parse(first.group().lower())[:1])


def _body(doc, first: int, last: int) -> Role | None:
    """«Министерству здравоохранения (Тачиев Б.А.)»: the head of the body named before the bracket."""
    if first == 0 or doc[first - 1].text != "(" or last + 1 >= len(doc) or doc[last + 1].text != ")":
        return None
    k, toks = first - 2, []
    while k >= 0 and not (doc[k].text in BODY_STOP or "\n" in doc[k].text or doc[k].like_num):
        if not doc[k].is_space:
            toks.insert(0, doc[k])
        k -= 1
    if not toks or toks[0].pos_ not in ("NOUN", "PROPN") or not toks[0].text[:1].isupper():
        return None
    return Role(f"руководитель {in_case(toks, 'gent')}")


def signature_start(text: str, start: int, end: int) -> int:
    """Where a signature block («Министр здравоохранения\nРеспублики Казахстан А. Ғиният») begins inside
    text[start:end], the end of the last unit; `end` when there is none."""
    pos = text.find("\n", start, end)
    while pos >= 0:
        line_start = pos + 1
        rest = text[line_start:end]
        lines = [line for line in rest.splitlines() if line.strip()]
        if (
            lines
            and _opens_with_role(lines[0].strip())
            and len(lines) <= SIGNATURE_LINES + 1
            and all(len(line.split()) <= SIGNATURE_WORDS + 4 for line in lines)
            and initials_names(rest)
        ):
            return pos
        pos = text.find("\n", line_start, end)
    return end
