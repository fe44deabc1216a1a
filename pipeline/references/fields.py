"""Field values of a matched reference: type, nominative name, title, issuer, jurisdiction, article.

A token here is ``(start, end, lemmas)``: character offsets into the text and the lower-cased form
plus every pymorphy lemma, so vocabulary phrases match whatever case they are written in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.data.lexicon import ordinals
from pipeline.nlp.morph import parse
from pipeline.references.grammar import ACT_TYPES, ISSUERS, JURISDICTIONS, WORD

Token = tuple[int, int, frozenset]


def lemmas(token) -> frozenset:
    """Lower-cased form and lemmas of a yargy token."""
    forms = getattr(token, "forms", None) or []
    return frozenset({token.value.lower(), *(f.normalized for f in forms)})


@lru_cache(maxsize=4096)
def _word_lemmas(word: str) -> frozenset:
    """A vocabulary word and its lemmas."""
    return frozenset({word, *(p.normal_form for p in parse(word))})


def _sets(phrase: str) -> tuple[frozenset, ...]:
    """Lemma sets of the words of a vocabulary phrase."""
    return tuple(_word_lemmas(w) for w in WORD.findall(phrase.lower()))


def _longest_first(rows: list[tuple]) -> list[tuple]:
    """(lemma sets, value…) rows, longest phrase first."""
    return sorted(rows, key=lambda row: -len(row[0]))


TYPES = _longest_first([(_sets(p), ref_type, kind) for p, ref_type, kind in ACT_TYPES])


class PhraseTable:
    """(lemma sets, value) rows, longest phrase first, indexed by the lemmas of their first word."""

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = _longest_first(rows)
        self.by_lemma: dict[str, list[int]] = {}
        for k, (sets, _) in enumerate(self.rows):
            for lemma in sets[0]:
                self.by_lemma.setdefault(lemma, []).append(k)

    def opening(self, lemmas: frozenset) -> list[tuple]:
        """The rows whose first word shares a lemma with these, in table order."""
        found = {k for lemma in lemmas for k in self.by_lemma.get(lemma, ())}
        return [self.rows[k] for k in sorted(found)]


ISSUER_SETS = PhraseTable([(_sets(p), canonical) for canonical, p in ISSUERS])
MARKERS = PhraseTable([(_sets(p), code) for code, p in JURISDICTIONS])


def _at(tokens: list[Token], i: int, sets: tuple[frozenset, ...]) -> bool:
    """Whether the phrase with these lemma sets starts at token i."""
    return i + len(sets) <= len(tokens) and all(tokens[i + k][2] & s for k, s in enumerate(sets))


def kind_of(tokens: list[Token]) -> tuple[str, str]:
    """ref_type and kind of the head phrase that ends these tokens (longest entry wins)."""
    for sets, ref_type, kind in TYPES:
        if len(sets) <= len(tokens) and _at(tokens, len(tokens) - len(sets), sets):
            return ref_type, kind
    return "generic", "generic"


def _first(tokens: list[Token], table: PhraseTable, only_at: int | None = None) -> str | None:
    """Value of the first table phrase found in the tokens (or only at one index)."""
    starts = range(len(tokens)) if only_at is None else [only_at]
    for i in starts:
        if i >= len(tokens):
            continue
        for sets, value in table.opening(tokens[i][2]):
            if _at(tokens, i, sets):
                return value
    return None


def _tokens_within(tokens: list[Token], span: tuple[int, int]) -> list[Token]:
    """Tokens within a character span."""
    return [t for t in tokens if span[0] <= t[0] and t[1] <= span[1]]


def _case_like(model: str, word: str) -> str:
    """A word with the capitalisation of the model word."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _inflect(word: str, pos: str, grams: set[str]) -> str:
    """A word put into the given grammemes through its first parse of that part of speech."""
    for p in parse(word.lower()):
        if p.tag.POS == pos:
            form = p.inflect(grams)
            return _case_like(word, form.word) if form else word
    return word


@lru_cache(maxsize=100_000)
def nominative_name(text: str) -> str:
    """A name phrase with its head noun and the adjectives before it in the nominative.

    >>> nominative_name("Государственной программы")
    'Государственная программа'
    >>> nominative_name("Международных медико-санитарных правил")
    'Международные медико-санитарные правила'
    """
    words = text.split()
    heads = [i for i, w in enumerate(words) if parse(w.lower()) and parse(w.lower())[0].tag.POS == "NOUN"]
    if not heads:
        return text
    i = heads[0]
    nouns = [p for p in parse(words[i].lower()) if p.tag.POS == "NOUN"]
    number, gender = nouns[0].tag.number or "sing", nouns[0].tag.gender
    adj = {"nomn", number} | ({gender} if gender and number == "sing" else set())
    out = [_inflect(w, "ADJF", adj) for w in words[:i]] + [_inflect(words[i], "NOUN", {"nomn", number})]
    pieces = re.split(r"(\s+)", text)
    pieces[0 : 2 * i + 1 : 2] = out
    return "".join(pieces)


def title_of(text: str, kind: str, ref_type: str, spans: dict, name: str) -> str | None:
    """Quoted title, else an act's «о …» subject, else a programme's (or treaty's) descriptive name. A
    charter is named by all it says («Устав муниципального образования «Город Энск»»): its quotes name the
    body, not the charter."""
    if ref_type == "charter":
        ends = [spans[k][1] + (k == "title") for k in ("descriptor", "title") if k in spans]
        return name + text[spans["head"][1] : max(ends)] if ends else None
    if "title" in spans:
        title = text[slice(*spans["title"])].strip()
        return title if any(c.isalpha() for c in title) else None  # «("дорожной карты") "…"»: no title
    if kind == "act":
        return text[slice(*spans["about"])] if "about" in spans else None
    if kind == "programme" or (kind == "name" and ref_type == "international"):
        ends = [spans[k][1] for k in ("descriptor", "period") if k in spans]
        name += text[spans["head"][1] : max(ends)] if ends else ""
        return name[:1].upper() + name[1:]
    return None


def issuer(text: str, tokens: list[Token], spans: dict) -> str | None:
    """Canonical issuer of the issuer part, or a known issuer opening a programme's descriptor."""
    if "issuer" in spans:
        part = _tokens_within(tokens, spans["issuer"])
        return _first(part, ISSUER_SETS, only_at=0) or nominative_name(text[slice(*spans["issuer"])])
    if "descriptor" in spans:
        return _first(_tokens_within(tokens, spans["descriptor"]), ISSUER_SETS, only_at=0)
    return None


def jurisdiction(tokens: list[Token], spans: dict, ref_type: str) -> str | None:
    """KG/KZ/RU of the head's marker, else of the first marker in the reference; INT for treaties."""
    if "jurisdiction" in spans:
        return _first(_tokens_within(tokens, spans["jurisdiction"]), MARKERS)
    found = _first(tokens, MARKERS)
    return found or ("INT" if ref_type == "international" else None)


_UNITS = [("подпункт", "пп."), ("подп", "пп."), ("пп", "пп."), ("пункт", "п."), ("п", "п.")]
_UNITS += [("част", "ч."), ("ч", "ч."), ("стат", "ст."), ("ст", "ст."), ("абз", "абз.")]
_PIECE = re.compile(
    r"(?P<word>[а-яё]+)\.?\s*(?P<nums>\d[\d.\-–—]*(?:\s*(?:,|\bи\b)\s*\d[\d.\-–—]*)*)", re.IGNORECASE
)


ORDINAL_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def _ordinal_number(m: re.Match) -> str:
    """An ordinal numeral as its number, any other word as it stands."""
    for p in parse(m.group().lower()):
        if "Anum" in p.tag:
            number = ordinals().get(p.normal_form.replace("ё", "е"))
            return str(number) if number else m.group()
    return m.group()


def article(text: str) -> str:
    """Cited units abbreviated, numbers as written (ordinal words as numbers).

    >>> article("частью 2 статьи 21"), article("статьями 10 и 17"), article("пункта 3")
    ('ч. 2 ст. 21', 'ст. 10, 17', 'п. 3')
    >>> article("абзацами вторым и четвертым подпункта 6.3")
    'абз. 2, 4 пп. 6.3'
    """
    text = ORDINAL_WORD.sub(_ordinal_number, text)
    out, last = "", 0
    for m in _PIECE.finditer(text):
        word = m.group("word").lower()
        unit = next((abbr for prefix, abbr in _UNITS if word.startswith(prefix)), word)
        nums = ", ".join(re.split(r"\s*(?:,|\bи\b)\s*", m.group("nums").strip(" .")))
        gap = text[last : m.start()]
        out += (", " if re.search(r",|\bи\b", gap) else " ") if out else ""
        out, last = out + f"{unit} {nums}", m.end()
    return out
