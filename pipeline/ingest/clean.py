"""Ingest cleaning: raw text in, cleaned text out, with a map from cleaned offsets back to the source."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows
from pipeline.ingest.chrome import find_chrome
from pipeline.nlp.morph import analyzer

# A word holding both scripts. The lookaheads scan one word each, so a 2 MB "word" stays linear
# (the former `\w*[а-я]\w*[a-z]\w*` backtracked cubically on a long run of letters).
MIXED_WORD = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[а-яёА-ЯЁ])\w+")
LATIN = re.compile(r"[a-zA-Z]")
LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKkMOoPpTXxyu", "АаВСсЕеНКкМОоРрТХхуи")
# A word hyphenated at a line break: «здраво-\nохранения» is a word, «санитарно-\nэпидемического» a compound.
LINE_HYPHEN = re.compile(r"\b([А-ЯЁа-яё]+)-\n([а-яё]+)")
LINKING_VOWELS = ("о", "е")  # the first part of a compound adjective ends in one («медико-», «социально-»)

Edit = tuple[int, int, str]  # (start, end, replacement) in the text being edited
AFTER_CHROME = ("trailing_space", "blank_lines")  # what dropping chrome lines can leave behind


@dataclass(frozen=True)
class OffsetMap:
    """Anchors (cleaned offset, source offset); text between anchors was copied unchanged."""

    clean: tuple[int, ...]
    source: tuple[int, ...]

    def to_source(self, offset: int) -> int:
        """The source offset of a cleaned-text offset."""
        return _to_source(self.clean, self.source, offset)


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text of a document, its map to the raw text and how many lines of page chrome it lost."""

    text: str
    offsets: OffsetMap
    chrome_lines: int = 0


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, re.Pattern, str], ...]:
    """The cleaning rules from pipeline/data/debris.tsv, compiled once."""
    out = []
    for name, pattern, *repl in rows("debris.tsv"):
        replacement = (repl[0] if repl else "").replace("\\n", "\n")
        out.append((name, re.compile(pattern, re.M), replacement))
    return tuple(out)


def clean_text(raw: str) -> Cleaned:
    """Remove conversion and page debris and normalise whitespace; linear in the length of the text.

    >>> clean_text("[bookmark: _Hlk1]**Рекомендовать**\\t\\tМинздраву\\n2\\nimage1.png\\n").text
    'Рекомендовать Минздраву'
    >>> clean_text("Mинистерство здраво-\\nохранения").text
    'Министерство здравоохранения'
    >>> cleaned = clean_text("Версия для печати\\n\\nПРИКАЗ\\n\\nКомментарии (0)\\n\\n1. Утвердить план.")
    >>> cleaned.text, cleaned.chrome_lines
    ('ПРИКАЗ\\n\\n1. Утвердить план.', 2)
    """
    text = raw
    clean: list[int] = [0]
    source: list[int] = [0]
    text = _apply(text, clean, source, _confusable_edits(text))
    text = _apply(text, clean, source, _compound_edits(text))
    for _name, pattern, replacement in rules():
        text = _apply(text, clean, source, _edits(pattern, replacement, text))
    chrome = find_chrome(text)
    text = _apply(text, clean, source, chrome.edits)
    for name, pattern, replacement in rules():
        if name in AFTER_CHROME:
            text = _apply(text, clean, source, _edits(pattern, replacement, text))
    lead = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    text = _apply(text, clean, source, [(0, lead, ""), (max(lead, tail), len(text), "")])
    return Cleaned(text, OffsetMap(*_dedupe(clean, source)), chrome.lines)


def _edits(pattern: re.Pattern, replacement: str, text: str) -> list[Edit]:
    """One rule's edits: every match replaced."""
    return [(m.start(), m.end(), replacement) for m in pattern.finditer(text)]


def _confusable_edits(text: str) -> list[Edit]:
    """Latin look-alike letters inside Cyrillic words become Cyrillic («Mинистерство»)."""
    edits: list[Edit] = []
    if not LATIN.search(text):
        return edits  # no word holds both scripts: the search for one tries every word start
    for m in MIXED_WORD.finditer(text):
        word = m.group()
        fixed = word.translate(LATIN_TO_CYRILLIC)
        if fixed != word and not LATIN.search(fixed):
            edits.append((m.start(), m.end(), fixed))
    return edits


def _compound_edits(text: str) -> list[Edit]:
    """A compound broken at its hyphen keeps the hyphen: the line break goes, and the debris rule that joins
    a word broken across lines («здраво-\\nохранения») no longer sees it.

    >>> clean_text("санитарно-\\nэпидемического и здраво-\\nохранения").text
    'санитарно-эпидемического и здравоохранения'
    """
    edits: list[Edit] = []
    if "-\n" not in text:
        return edits  # the search for a hyphenated line end tries every word start
    for m in LINE_HYPHEN.finditer(text):
        first, second = m.groups()
        if first.lower().endswith(LINKING_VOWELS) and not analyzer().word_is_known((first + second).lower()):
            edits.append((m.end(1), m.start(2), "-"))
    return edits


def _apply(text: str, clean: list[int], source: list[int], edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits to the text and update the anchors in place.

    An edit that keeps the length (a letter or a space swapped) needs no anchor; one that changes it
    drops the anchors inside it and adds one at each of its ends.
    """
    if not edits:
        return text
    pieces: list[str] = []
    new_clean: list[int] = []
    new_source: list[int] = []
    pos = delta = carried = 0  # position in text, output minus input offset, anchors already carried
    for start, end, repl in edits:
        if start < pos:
            continue
        pieces += (text[pos:start], repl)
        pos = end
        if len(repl) == end - start:
            continue
        k = bisect.bisect_left(clean, start, carried)
        new_clean += [c + delta for c in clean[carried:k]]
        new_source += source[carried:k]
        at_end = end == len(text) and not repl  # a trailing deletion maps to where the content ends
        carried = (bisect.bisect_right if at_end else bisect.bisect_left)(clean, end, k)
        new_clean.append(start + delta)
        new_source.append(_to_source(clean, source, start))
        delta += len(repl) - (end - start)
        if not at_end:
            new_clean.append(end + delta)
            new_source.append(_to_source(clean, source, end))
    pieces.append(text[pos:])
    new_clean += [c + delta for c in clean[carried:]]
    new_source += source[carried:]
    clean[:], source[:] = new_clean, new_source
    return "".join(pieces)


def _to_source(clean, source, offset: int) -> int:
    """Map through anchors: the last anchor at or before the offset, clamped by the next one."""
    i = bisect.bisect_right(clean, offset) - 1
    if i < 0:
        return offset
    mapped = source[i] + offset - clean[i]
    return min(mapped, source[i + 1]) if i + 1 < len(source) else mapped


def _dedupe(clean: list[int], source: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Keep the last anchor of each cleaned offset (the one `_to_source` already uses)."""
    keep = [i for i in range(len(clean)) if i + 1 == len(clean) or clean[i + 1] != clean[i]]
    return tuple(clean[i] for i in keep) or (0,), tuple(source[i] for i in keep) or (0,)
