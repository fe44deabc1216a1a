"""Definitions a text makes itself, «… здравоохранения (ЦРЗиМТ)» and «… (далее – Закон)», with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows
from pipeline.nlp.morph import lemma, parse
from pipeline.organizations.keys import LETTER_CLASS, LETTERS

BRACKET = re.compile(r"\(([^()\n]{1,200})\)")
TERM = re.compile(r"^\s*далее(?:\s+по\s+тексту|\s+также|\s+именуем\w*)?\s*[-–—:]*\s*(.+?)\s*$", re.I)
SHORT_TOKEN = re.compile(f"^[{LETTER_CLASS}]+(?:-[{LETTER_CLASS}]+)*$")
EDGES = "\n;:!?()"
QUOTES = '«»"„“”'
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL"})
VERB_POS = frozenset({"VERB", "INFN", "GRND", "PRTS"})
WINDOW = 400  # characters looked at on the left of a bracket
MAX_SHORT_TOKENS = 3
MIN_SENTENCE_WORD = 3  # a «.» after a shorter word («г.», «ст.») does not end a sentence


@dataclass(frozen=True)
class Abbreviation:
    """A short form the text defines, its long form, and the span of the whole definition."""

    short: str
    long: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _words(kind: str) -> tuple[tuple[str, ...], ...]:
    """Phrases of one kind from definitions.tsv, as lower-case word tuples."""
    return tuple(tuple(p.lower().split()) for k, p in rows("definitions.tsv", header=True) if k == kind)


@lru_cache(maxsize=50_000)
def _is_function(word: str) -> bool:
    """A preposition, conjunction or particle (which an abbreviation may skip or use); cached, as aligning
    a long form asks of its words again and again."""
    low = word.lower()
    if (low,) in _words("skip"):
        return True
    best = parse(low)[0]
    return best.is_known and best.tag.POS in FUNCTION_POS


def looks_like_abbreviation(short: str) -> bool:
    """Looks like an abbreviation: up to three words, the first with two or more capitals.

    >>> [looks_like_abbreviation(s) for s in ["ПМСП", "АРОЗ КР", "ЦРЗиМТ", "граждане", "Закон", "JEE"]]
    [True, True, True, False, False, True]
    """
    tokens = short.split()
    if not 0 < len(tokens) <= MAX_SHORT_TOKENS or not all(SHORT_TOKEN.match(t) for t in tokens):
        return False
    letters = "".join(tokens)
    return sum(ch.isupper() for ch in tokens[0]) >= 2 and sum(ch.isupper() for ch in letters) * 2 > len(
        letters
    )


def _subsequence(needle: str, hay: str) -> bool:
    """All letters of needle occur in hay in order."""
    it = iter(hay)
    return all(ch in it for ch in needle)


def aligns(words: list[str], letters: str, multi: bool = False) -> bool:
    """Every content word gives the next abbreviation letter(s) from its start; function words may too.

    >>> aligns(["центр", "развития", "здравоохранения", "и", "медицинских", "технологий"], "црзимт")
    True
    >>> aligns(["минздрава"], "мз"), aligns(["минздрава"], "мз", multi=True)
    (False, True)
    """
    memo: dict[tuple[int, int], bool] = {}

    def go(wi: int, li: int) -> bool:
        if wi == len(words):
            return li == len(letters)
        if (wi, li) not in memo:
            word, ok = words[wi], False
            if _is_function(word):
                ok = go(wi + 1, li)
            if not ok and li < len(letters) and word[0] == letters[li]:
                top = len(letters) - li if multi else 1
                ok = any(
                    _subsequence(letters[li + 1 : li + k], word[1:]) and go(wi + 1, li + k)
                    for k in range(1, top + 1)
                )
            memo[wi, li] = ok
        return memo[wi, li]

    return go(0, 0)


def _norm(text: str) -> str:
    """Lower case with ё as е."""
    return text.lower().replace("ё", "е")


def left_edge(text: str, pos: int) -> int:
    """Where the clause ending at pos begins: after a sentence end, bracket, «;», «:» or line break.

    Quoted «…» titles are passed over whole.

    >>> text = "Утвердить. В целях: Концепцию «О мерах; 2030» (далее – Концепция)"
    >>> text[left_edge(text, text.index("(")):]
    ' Концепцию «О мерах; 2030» (далее – Концепция)'
    """
    low = max(0, pos - WINDOW)
    i = pos - 1
    while i >= low:
        ch = text[i]
        if ch == "»":
            opening = text.rfind("«", low, i)
            i = opening - 1 if opening >= 0 else i - 1
            continue
        if ch in EDGES or (ch == "." and _sentence_end(text, i)):
            return i + 1
        i -= 1
    return low


def _sentence_end(text: str, i: int) -> bool:
    """The «.» at i ends a sentence: a capital follows and it is not after a short abbreviation."""
    after = text[i + 1 : i + 3]
    if len(after) < 2 or not after[0].isspace() or not (after[1].isupper() or after[1] in QUOTES):
        return False
    before = re.search(r"(\w+)$", text[max(0, i - 20) : i])
    return before is None or before.group(1).isdigit() or len(before.group(1)) >= MIN_SENTENCE_WORD


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Letter runs between start and end (hyphenated words split into parts)."""
    return list(LETTERS.finditer(text, start, end))


def _initials_start(tokens: list[re.Match[str]], short: str) -> int | None:
    """Index of the first token of the long form whose initials spell short, nearest the bracket first."""
    letters = _norm("".join(LETTERS.findall(short)))
    words = [_norm(t.group()) for t in tokens]
    lowest = max(0, len(words) - 2 * len(letters) - 2)
    for multi in (False, True):
        for s in range(len(words) - 1, lowest - 1, -1):
            if words[s][0] == letters[0] and not _is_function(words[s]) and aligns(words[s:], letters, multi):
                return s
    return None


def _quote_of(pos: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The «…» quotation that contains pos, if any."""
    return next((q for q in quotes if q[0] <= pos < q[1]), None)


def _term_start(text: str, edge: int, pos: int, short: str) -> int | None:
    """Start of the noun phrase a «(далее – short)» term stands for, or None."""
    quotes = [(m.start() + edge, m.end() + edge) for m in re.finditer(r"«[^«»]*»", text[edge:pos])]
    tokens = _tokens(text, edge, pos)
    plain = [_quote_of(t.start(), quotes) is None for t in tokens]
    left = _left_stop(tokens, plain)
    heads = {lemma(w) for w in LETTERS.findall(short) if not _is_function(w)}
    found = [i for i in range(left, len(tokens)) if lemma(tokens[i].group()) in heads]
    found.sort(key=lambda i: not plain[i])
    if found:
        first = _widen(text, tokens, plain, found[0], left)
    else:
        first = _after_last_clause_comma(text, tokens, plain, left, quotes)
        while first < len(tokens) and plain[first] and _is_function(tokens[first].group()):
            first += 1
    if first >= len(tokens):
        return None
    quote = _quote_of(tokens[first].start(), quotes)
    return quote[0] if quote else tokens[first].start()


def _after_last_clause_comma(
    text: str, tokens: list[re.Match[str]], plain: list[bool], left: int, quotes: list[tuple[int, int]]
) -> int:
    """Index of the first token after the last comma that does not join an enumeration of like nouns."""
    first = len(tokens)
    for i in range(len(tokens) - 1, left - 1, -1):
        between = text[tokens[i].end() : tokens[i + 1].start()] if i + 1 < len(tokens) else ""
        if "," in between and _quote_of(tokens[i].end(), quotes) is None:
            if not (plain[i] and _enumerated(tokens[i].group(), tokens[i + 1 : first])):
                return i + 1
        if "," in between:
            first = i + 1
    return left


def _noun_forms(word: str) -> set[tuple[str, str]]:
    """(case, number) pairs of the noun readings of a word."""
    return {(str(p.tag.case), str(p.tag.number)) for p in parse(word.lower()) if p.tag.POS == "NOUN"}


def _enumerated(before: str, after: list[re.Match[str]]) -> bool:
    """The noun before a comma and the first noun after it share case and number («детей, подростков»)."""
    forms = _noun_forms(before)
    head = next((t.group() for t in after if _noun_forms(t.group())), None)
    return bool(forms) and head is not None and bool(forms & _noun_forms(head))


def _widen(text: str, tokens: list[re.Match[str]], plain: list[bool], i: int, left: int) -> int:
    """Move a head noun's index left over the adjectives before it («Государственную программу»)."""
    while i > left and plain[i] and plain[i - 1] and _is_adjective(tokens[i - 1].group()):
        if "," in text[tokens[i - 1].end() : tokens[i].start()]:
            break
        i -= 1
    return i


def _left_stop(tokens: list[re.Match[str]], plain: list[bool]) -> int:
    """Index after the last verb or stop phrase («в целях», «согласно») outside quotes."""
    words = [_norm(t.group()) for t in tokens]
    for i in range(len(words) - 1, -1, -1):
        if not plain[i]:
            continue
        for phrase in _words("stop"):
            if tuple(words[max(0, i - len(phrase) + 1) : i + 1]) == phrase:
                return i + 1
        best = parse(words[i])[0]
        if best.is_known and best.tag.POS in VERB_POS:
            return i + 1
    return 0


def _is_adjective(word: str) -> bool:
    """A known full adjective («Государственную» in «Государственную программу»)."""
    best = parse(word.lower())[0]
    return best.is_known and best.tag.POS == "ADJF"


def _clean(short: str) -> str:
    """A short form without surrounding quotes, dashes and spaces."""
    return short.strip(QUOTES + " \t\r\f\v.,;–—-")


def _reverse(text: str, bracket: re.Match[str]) -> Abbreviation | None:
    """«ВОЗ (Всемирная организация здравоохранения)»: the abbreviation first, its expansion in brackets."""
    before = re.search(f"([{LETTER_CLASS}]+)\\s*$", text[max(0, bracket.start() - 40) : bracket.start()])
    long = re.split(r"[,;]", bracket.group(1))[0].strip()
    if before is None or not looks_like_abbreviation(before.group(1)) or not long:
        return None
    words = [_norm(w) for w in LETTERS.findall(long)]
    letters = _norm(before.group(1))
    if not words or _is_function(words[0]) or words[0][0] != letters[0]:
        return None
    if not (aligns(words, letters) or aligns(words, letters, multi=True)):
        return None
    start = bracket.start() - len(before.group(0))
    return Abbreviation(before.group(1), long, start, bracket.end())


def _definition(text: str, bracket: re.Match[str]) -> Abbreviation | None:
    """The definition a bracket closes, if it is one."""
    inner = bracket.group(1)
    term = TERM.match(inner)
    short = _clean(term.group(1) if term else re.split(r"[,;]", inner)[0])
    if not short:
        return None
    edge = left_edge(text, bracket.start())
    start = None
    if looks_like_abbreviation(short):
        tokens = _tokens(text, edge, bracket.start())
        first = _initials_start(tokens, short) if tokens else None
        start = tokens[first].start() if first is not None else None
    if start is None and term:
        start = _term_start(text, edge, bracket.start(), short)
    if start is None:
        return None if term else _reverse(text, bracket)
    long = text[start : bracket.start()].rstrip(" \t,")
    return Abbreviation(short, long, start, bracket.end()) if LETTERS.search(long) else None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Abbreviations and «далее» terms the text defines, in text order; offsets span long form to «)».

    >>> text = "Центру развития здравоохранения и медицинских технологий (ЦРЗиМТ) и Кабмину (далее – Кабинет)"
    >>> [(a.short, a.long) for a in find_abbreviations(text)]
    [('ЦРЗиМТ', 'Центру развития здравоохранения и медицинских технологий'), ('Кабинет', 'Кабмину')]
    """
    found = (_definition(text, bracket) for bracket in BRACKET.finditer(text))
    return [item for item in found if item is not None]


def abbreviation_map(text: str) -> dict[str, str]:
    """Short form → long form for the definitions in a text (the first definition wins).

    >>> abbreviation_map("в рамках Международных медико-санитарных правил (ММСП)")
    {'ММСП': 'Международных медико-санитарных правил'}
    """
    return first_definitions(find_abbreviations(text))


def first_definitions(found: list[Abbreviation]) -> dict[str, str]:
    """Short form → long form of found definitions, the first definition of a short form winning."""
    out: dict[str, str] = {}
    for item in found:
        out.setdefault(item.short, item.long)
    return out
