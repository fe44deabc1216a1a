"""Person names: the spans natasha's NER finds and the names with initials it misses («Д.Медведев», «Тачиев
Б.А.», «Р.У.ХАБРИЕВ»), each written in the nominative with the given name or initials first."""

from __future__ import annotations

import re

from pipeline.nlp.inflect import inflect_word, personal_name
from pipeline.nlp.syntax import dictionary_cases, feat

UPPER, LOWER = "А-ЯЁӘҒҚҢӨҰҮҺІ", "а-яёәғқңөұүһі"  # with the Kazakh letters of names («Ғиният»)
LETTER = UPPER + LOWER
INITIALS = rf"[{UPPER}]\. ?(?:[{UPPER}]\. ?)?"
SURNAME = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
CAPS_SURNAME = rf"[{UPPER}]{{3,}}(?:-[{UPPER}]{{2,}})?"
# «В.И. Скворцова», «Д.Медведев», «Р.У.ХАБРИЕВ», «В. А. Романова» and «Тачиев Б.А.»
INITIALS_FIRST = re.compile(rf"(?<![{LETTER}.\-])(?:{INITIALS})(?:{SURNAME}|{CAPS_SURNAME})(?![{LETTER}])")
SURNAME_FIRST = re.compile(rf"(?<![{LETTER}.\-])({SURNAME}) (?:[{UPPER}]\. ?[{UPPER}]\.)(?![{LETTER}])")
WORD = re.compile(rf"[{LETTER}]+(?:-[{LETTER}]+)*\.?")
UD = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc"}
CASE_ORDER = ("nomn", "accs", "gent", "datv", "ablt", "loct")


def initials_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names written with initials, surname first or last.

    >>> text = "Председатель Правительства\\nД.Медведев; Министерству (Тачиев Б.А.)"
    >>> [text[a:b] for a, b in initials_names(text)]
    ['Д.Медведев', 'Тачиев Б.А.']
    """
    # one initial before a word the dictionary knows is a heading's letter more often («А. Общие положения»)
    found = [
        (m.start(), m.end())
        for m in INITIALS_FIRST.finditer(text)
        if m.group().count(".") > 1 or personal_name(WORD.findall(m.group())[-1].lower())
    ]
    for m in SURNAME_FIRST.finditer(text):
        if personal_name(m.group(1).lower()) and not any(a < m.end() and m.start() < b for a, b in found):
            found.append((m.start(), m.end()))
    return sorted(found)


def normal_name(text: str, case: str | None, agree_with: str | None = None) -> str:
    """A name in the nominative, in its own order, upper-case words in title case and a space after glued
    initials («Р.У.ХАБРИЕВ» → «Р.У. Хабриев», «Сидоровой А.Б.» → «Сидорова А.Б.»). The case is the tagger's;
    a role word the name stands beside («заместителя … Ивановой») narrows it to the cases they share.

    >>> normal_name("В.И.Стародубова", "Gen")
    'В.И. Стародубов'
    >>> normal_name("В.В. Иванову", "Dat", agree_with="заместителя")
    'В.В. Иванова'
    """
    parts = WORD.findall(text)
    names = [p.rstrip(".") for p in parts if not _is_initial(p)]
    if not names:
        return text.strip()
    case = _shared_case(names[-1], agree_with) or case
    out = ""
    for p in parts:
        if _is_initial(p):
            out += p if not out or out.endswith(".") else " " + p
        else:
            out += (" " if out else "") + inflect_word(_title_case(p.rstrip(".")), case, "Sing", noun=True)
    return out


def _is_initial(part: str) -> bool:
    return len(part) == 2 and part.endswith(".")


def _shared_case(surname: str, word: str | None) -> str | None:
    """The case a surname shares with the role word it stands beside, if they share one."""
    if not word:
        return None
    shared = dictionary_cases(surname.lower()) & dictionary_cases(word.lower())
    return next((UD[c] for c in CASE_ORDER if c in shared), None)


def _title_case(word: str) -> str:
    return word[:1] + word[1:].lower() if word.isupper() and len(word) > 1 else word


def token_case(tokens: list) -> str | None:
    """The tagger's case of a name's surname (its last long word; initials carry none)."""
    long_words = [t for t in tokens if t.is_alpha and len(t) > 2]
    return feat(long_words[-1], "Case") if long_words else None
