"""Legal and policy references in Russian text: a str in, ``RefMatch`` rows with offsets into it out.

Why yargy and not spaCy's Matcher: a reference is a small phrase grammar — a head (закон, Стратегия,
постановление) with optional parts in several orders (issuer, jurisdiction, «от <date>» and «№ <n>»
either way round, a «…» title, a descriptive genitive name, a period, a bracket «(12.01.2024г., №10)»)
and an article prefix. Yargy states that as nested rules with interpretation into a fact, matches words
by pymorphy lemma and case (so «Закона/Законом/Кодексом» need no lists of forms), is natasha's own
grammar library, and its tokens keep character spans, so every field is sliced from the input string.
A token Matcher would need each optional/permuted combination spelled out as a flat pattern and a
lemmatizer pipe added to ``spacy.blank("ru")``. Yargy's parser is slow as shipped (every production
predicted at every token: ~6 K chars/s); ``pipeline.references.parser`` adds one-token lookahead and starts
the grammar only at words that can open a reference, only windows around head words are parsed, and
``pipeline.references.recognizer`` finds the spans without building parse trees, and
``pipeline.references.derivation`` reads the parse yargy would pick for each chosen span off that chart
(~360 K chars/s of CPU on this machine).

``ref_type`` values: law, code, constitutional_law, constitution, decree (постановление), order
(приказ), resolution_order (распоряжение), edict (указ), instruction_list (перечень поручений),
program, plan, strategy, concept, regulation (положение, порядок, правила, регламент, инструкция),
roadmap, international (ММСП, конвенции, соглашения, международные договоры), letter (письмо), charter
(устав), form (форма № 7), generic (НПА, нормативные правовые акты, (действующее) законодательство).

A paragraph is read across hard-wrapped lines (``pipeline.segment.lines``); a «title» the excerpt cuts off,
or whose closing quote the source lost, runs to its paragraph's end (``open_titles``); acts listed by date
and number after another act («…, от 13.01.2022 № 1», «с изменениями от … № …») are acts of their own
(``chains``).

Fields: ``title`` is a «…»/"…"/“…” title without quotes; failing that, an act's «о …» subject as
written, or a programme's descriptive name with its head phrase put in the nominative_name and the rest as
written («Государственной программы по … на 2019–2030 годы» → «Государственная программа по … на
2019–2030 годы»). ``date`` is ISO (``pipeline.dates.mentions``); ``number`` is as printed without the sign («№
934-Р» → "934-Р", «УП № 105» → "УП 105"); ``issuer`` is canonical (``data/issuers.tsv``) or the
nominative_name of an unknown ministry; ``jurisdiction`` is KG, KZ, RU from a marker attached to the head,
else the first marker inside the reference, INT for international instruments, else None; ``article``
abbreviates the cited units and keeps their numbers: «частью 2 статьи 21» → "ч. 2 ст. 21", «статьями 10
и 17» → "ст. 10, 17", «пункта 3» → "п. 3".

Self-references and anaphora («настоящим постановлением», «данного плана») are skipped, as are bare
heads that name nothing («в установленном порядке», «плана её реализации»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dates.mentions import parse_date
from pipeline.nlp.morph import parse
from pipeline.references.chains import chained, shared_marks
from pipeline.references.fields import (
    article,
    issuer,
    jurisdiction,
    kind_of,
    lemmas,
    nominative_name,
    title_of,
)
from pipeline.references.grammar import ACT_TYPES, REF_WORDS, parser
from pipeline.references.open_titles import open_title
from pipeline.segment.lines import paragraphs

# Stems of the heads' first words («форма» → «форм»): paragraphs without one are not parsed.
# Characters around a head word: article prefixes and modifiers before it; after it the issuer, date, number
# and a «title» (up to WINDOW_AFTER long), or a descriptive name (WINDOW_PLAIN).
WINDOW_BEFORE, WINDOW_AFTER, WINDOW_PLAIN, TITLE_GAP, WINDOW_TAIL = 200, 600, 260, 160, 80
MIN_HALVED = 400  # a window too deep to parse is halved down to this length, then given up
TRIGGER = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            {w[: min(5, len(w) - 1)] if len(w) > 3 else w for w in (p.split()[0] for p, _, _ in ACT_TYPES)}
        )
    )
    + ")",
    re.IGNORECASE,
)
HEAD_FIRST_WORDS = frozenset(
    form for p, _, _ in ACT_TYPES for form in {p.split()[0], *(x.normal_form for x in parse(p.split()[0]))}
)
_WORD_AT = re.compile(r"\w+(?:-\w+)?")
QUOTE_OPENING = re.compile(r'[«"]')


@lru_cache(maxsize=100_000)
def _may_head(word: str) -> bool:
    """Whether a word can be the first word of a reference head, by any of its lemmas."""
    return word in HEAD_FIRST_WORDS or any(p.normal_form in HEAD_FIRST_WORDS for p in parse(word))


MODIFIERS = frozenset(w for w, role in REF_WORDS.items() if role == "modifier")
_INITIAL = re.compile(r"(?:^|[.!?;:\n—–•]|\d[.)])\s*$")


@dataclass(frozen=True)
class RefMatch:
    """A legal or policy reference with its parsed fields."""

    start: int
    end: int
    text: str
    ref_type: str
    title: str | None
    date: str | None
    number: str | None
    issuer: str | None
    jurisdiction: str | None
    article: str | None


def _spans(match) -> dict[str, tuple[int, int]]:
    """The character span (in the parsed chunk) of each attribute a match set."""
    raw = match.tree.interpret().fact
    spans = {}
    for key in raw.modified:
        parts = list(raw.attributes[key].spans)
        spans[key] = (min(s.start for s in parts), max(s.stop for s in parts))
    return spans


def _named(text: str, spans: dict, listed: bool) -> bool:
    """A head that names something: a listed modifier, or a capital that does not open a sentence."""
    first = spans.get("modifier", spans["head"])[0]
    return listed or (text[first].isupper() and not _INITIAL.search(text, max(0, first - 5), first))


def _evidence(kind: str, text: str, spans: dict, listed: bool) -> bool:
    """Whether a matched head is a real reference for its kind (see data/act_types.tsv)."""
    keys = set(spans) - {"head", "article", "modifier"}
    if kind in ("generic", "form"):
        return True
    if kind == "act":
        return bool(keys) or ("modifier" in spans and _named(text, spans, listed))
    if kind == "name":
        return text[spans["head"][0]].isupper() or bool(keys)
    if keys & {"period", "date", "number", "title"}:
        return True
    return _named(text, spans, listed) and ("descriptor" in keys or "modifier" in spans)


def _number(printed: str) -> str:
    """A number as printed, without its sign («УП № 105» → "УП 105")."""
    return " ".join(re.sub(r"(?:№|\bN[oо]?\b)", " ", printed).split())


def _build(text: str, offset: int, match, limit: int) -> tuple[RefMatch | None, int]:
    """A RefMatch from a yargy match over text[offset:] (None when it names nothing), and its head's end."""
    local = _spans(match)
    spans = {k: (a + offset, b + offset) for k, (a, b) in local.items()}
    start, end = match.span.start + offset, match.span.stop + offset
    if "self_word" in spans or "head" not in spans:
        return None, end
    if "title" not in spans and (left_open := open_title(text, end, limit)):
        spans["title"] = left_open
        end = left_open[1]
    tokens = [(t.span.start + offset, t.span.stop + offset, lemmas(t)) for t in match.tokens]
    name_start = spans.get("modifier", spans["head"])[0]
    ref_type, kind = kind_of([t for t in tokens if name_start <= t[0] < spans["head"][1]])
    listed = any(t[2] & MODIFIERS for t in tokens if name_start <= t[0] < spans["head"][0])
    if not _evidence(kind, text, spans, listed):
        return None, spans["head"][1]

    def part(key: str) -> str | None:
        return text[slice(*spans[key])] if key in spans else None

    name = nominative_name(text[name_start : spans["head"][1]])
    ref = RefMatch(
        start=start,
        end=end,
        text=text[start:end],
        ref_type=ref_type,
        title=title_of(text, kind, ref_type, spans, name),
        date=parse_date(part("date")) if "date" in spans else None,
        number=_number(part("number")) if "number" in spans else None,
        issuer=issuer(text, tokens, spans),
        jurisdiction=jurisdiction(tokens, spans, ref_type),
        article=article(part("article")) if "article" in spans else None,
    )
    return ref, end


def _find(text: str, lo: int, hi: int, limit: int, retry: bool = True) -> list[RefMatch]:
    """References in text[lo:hi] (a title left open may run on to limit, its paragraph's end); a rejected
    match is searched again after its head word. A window whose match is too deep for yargy's recursive tree
    walk (a «…» never closed in a run-on line of thousands of words, issue 13) is searched in halves."""
    try:
        found = []
        for match in parser().findall(text[lo:hi]):
            ref, resume = _build(text, lo, match, limit)
            if ref:
                found.append(ref)
            elif retry and resume < lo + match.span.stop:
                found.extend(_find(text, resume, lo + match.span.stop, limit, retry=False))
        return found
    except RecursionError:
        mid = text.rfind(" ", lo + 1, (lo + hi) // 2)
        if hi - lo < MIN_HALVED or mid < 0:
            return []
        return _find(text, lo, mid, limit, retry) + _find(text, mid + 1, hi, limit, retry)


def find_references(text: str) -> list[RefMatch]:
    """Legal and policy references of a text, sorted by start and non-overlapping.

    >>> [(r.ref_type, r.number, r.date) for r in find_references("Указом Президента РФ от 7.05.2012 N 598")]
    [('edict', '598', '2012-05-07')]
    >>> find_references("привести решения в соответствие с настоящим постановлением")
    []
    """
    found: list[RefMatch] = []
    for start, end in paragraphs(text):
        for lo, hi in _windows(text, start, end):
            found.extend(_find(text, lo, hi, end))
    found = shared_marks(text, _apart(sorted(found, key=lambda r: r.start)))
    return sorted(found + chained(text, found), key=lambda r: r.start)


def _apart(found: list[RefMatch]) -> list[RefMatch]:
    """Drop a mention that overlaps the one before it (a title left open may run over it)."""
    out: list[RefMatch] = []
    for r in found:
        if not out or out[-1].end <= r.start:
            out.append(r)
    return out


def _window_end(text: str, head_end: int, end: int) -> int:
    """Where a reference opening at a head may end: after a «title» that starts soon after it (plus room for a
    bracketed date and number), else a few clauses on."""
    quote = QUOTE_OPENING.search(text, head_end, min(end, head_end + TITLE_GAP))
    if quote is None:
        return head_end + WINDOW_PLAIN
    if quote.group() == '"':
        closing = text.find('"', quote.end(), min(end, quote.end() + WINDOW_AFTER))
        return closing + WINDOW_TAIL if closing >= 0 else quote.start() + WINDOW_AFTER
    depth, i = 0, quote.start()
    while i < min(end, quote.start() + WINDOW_AFTER):
        depth += {"«": 1, "»": -1}.get(text[i], 0)
        if depth == 0:
            return i + WINDOW_TAIL
        i += 1
    return quote.start() + WINDOW_AFTER


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of a paragraph around its head words, merged where they overlap: the chart parser's cost
    grows with the length it parses, and a long paragraph with one «закона» in it need not be parsed whole."""
    out: list[tuple[int, int]] = []
    for m in TRIGGER.finditer(text, start, end):
        word = _WORD_AT.match(text, m.start())
        if word is None or not _may_head(word.group().lower()):
            continue  # «платы» shares a stem with «плана», «указанного» with «указа»
        lo, hi = max(start, m.start() - WINDOW_BEFORE), min(end, _window_end(text, m.end(), end))
        if lo > start:
            space = text.find(" ", lo, m.start())
            lo = space + 1 if space >= 0 else m.start()
        if hi < end:
            space = text.rfind(" ", m.end(), hi)
            hi = space if space >= 0 else hi
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
