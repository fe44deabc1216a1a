"""Shared pieces of the property tests: text that looks like a converted policy document, text that looks
like nothing at all, phrases that mix a parser's own words into either, and the check every span passes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from hypothesis import settings
from hypothesis import strategies as st

FAST = settings(max_examples=100, deadline=None)
THOROUGH = settings(max_examples=150, deadline=None)

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯңөүҢӨҮ"
LATIN = "AaBCcEeHKkMOoPpTXxyuQqZzWw"
DEBRIS = "\t\n\r \u00a0\u2009\u200b\u200e\ufeff\u00ad\u2028\x0c\x0b\x00\x07*#>_-[]"
PUNCT = "0123456789.,;:()«»“”—–№/\"'"

TEXTY = st.text(alphabet=CYRILLIC + LATIN + PUNCT + DEBRIS, max_size=400)
ANY_TEXT = st.one_of(TEXTY, st.text(max_size=200))
# Clean running text: what a parser sees after ingest.
PLAIN = st.text(alphabet=CYRILLIC + PUNCT + "- \n", max_size=200)


def phrases(words: Sequence[str]) -> st.SearchStrategy[str]:
    """Text alone, or a parser's own words mixed with text, joined by spaces."""
    noise = st.one_of(PLAIN, TEXTY)
    return st.one_of(noise, st.lists(st.one_of(st.sampled_from(words), noise), max_size=30).map(" ".join))


class Span(Protocol):
    """What a parser returns for a stretch of text."""

    start: int
    end: int
    text: str


def assert_spans_slice(text: str, spans: Iterable[Span]) -> None:
    """Every span is non-empty, lies inside the text, and its text is the slice its offsets give."""
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
