"""Small questions asked of spaCy tokens built from natasha's analysis."""

from __future__ import annotations

from functools import lru_cache

from pipeline.data.lexicon import triggers
from pipeline.nlp.morph import parse

DATIVE_PLURAL = ("ам", "ям")  # «хокимам»: no genitive plural ends so, whatever the tagger guesses


def doc_text(doc) -> str:
    """The text of a `Doc`, joined once: spaCy's `Doc.text` joins every token again on each call, which made
    extraction quadratic in a document's length (issue 13)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def feat(token, name: str) -> str | None:
    """One morphological feature of a token, or None."""
    return _feature(token.morph, name)


@lru_cache(maxsize=50_000)
def _feature(morph, name: str) -> str | None:
    """A feature of a set of features (spaCy's `MorphAnalysis.get` is slow; equal sets share one hash)."""
    values = morph.get(name)
    return values[0] if values else None


def is_infinitive(token) -> bool:
    """An infinitive by natasha's tag, or by pymorphy3 where the tagger was unsure."""
    if token.is_space:
        return False
    text = token.text
    if not text.isalpha():
        return False
    if feat(token, "VerbForm") == "Inf":
        return True
    return _first_parse_infinitive(text) and token.pos_ not in ("NOUN", "ADJ", "ADV")


@lru_cache(maxsize=200_000)
def _first_parse_infinitive(word: str) -> bool:
    """pymorphy3's likeliest reading of a word form is an infinitive."""
    parses = parse(word.lower())
    return bool(parses) and parses[0].tag.POS == "INFN"


def can_be_dative(token) -> bool:
    """A noun that natasha tags dative, or that pymorphy3 allows as dative."""
    if token.pos_ not in ("NOUN", "PROPN") and not token.text[:1].isupper() or len(token) < 3:
        return False
    if token.pos_ in ("ADP", "CCONJ", "SCONJ", "PART", "PRON"):
        return False
    if feat(token, "Case") == "Dat":
        return True
    return any(p.tag.case == "datv" and p.tag.POS == "NOUN" for p in parse(token.text.lower()))


def is_abbreviation(token) -> bool:
    """An all-capital word of two letters or more («НАО», «РГП», «ЦЭЗ»): an indeclinable name of a body."""
    return token.text.isalpha() and token.text.isupper() and len(token.text) >= 2


def ends_sentence(token) -> bool:
    """A line break, «;», or a full stop that closes a word longer than an initial («Е.Г. Камкина.»)."""
    if token.is_space:
        return "\n" in token.text
    if token.text == ";":
        return True
    return token.text == "." and token.i > 0 and len(token.doc[token.i - 1]) > 1


def words(span) -> list:
    """The non-space tokens of a span."""
    return [t for t in span if not t.is_space]


def has_words(span) -> bool:
    """A span holds a token other than whitespace (`words` without making the list)."""
    return any(not t.is_space for t in span)


def span_text(span) -> str:
    """`span.text`, sliced from the document's text rather than joined from the span's tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@lru_cache(maxsize=200_000)
def dictionary_cases(word: str, number: str | None = None) -> frozenset[str]:
    """OpenCorpora cases pymorphy3 allows a lower-case word form (in a given number, when asked).

    >>> sorted(dictionary_cases("местным"))
    ['ablt', 'datv']
    """
    return frozenset(p.tag.case for p in parse(word) if p.tag.case and number in (None, p.tag.number))


def is_modal(token) -> bool:
    """A modal word of an obligation («обязан», «должны», «необходимо»), by the trigger list."""
    entry = triggers().get(token.lemma_)
    return entry is not None and entry.kind == "modal"
