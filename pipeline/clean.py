"""Ingest cleaning: raw text in, cleaned text out, with a map from cleaned offsets back to the source."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import paths

CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
MIXED_WORD = re.compile(r"\w*[а-яёА-ЯЁ]\w*[a-zA-Z]\w*|\w*[a-zA-Z]\w*[а-яёА-ЯЁ]\w*")
LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKkMOoPpTXxyu", "АаВСсЕеНКкМОоРрТХхуи")


@dataclass(frozen=True)
class OffsetMap:
    """Anchors (cleaned offset, source offset); text between anchors was copied unchanged."""

    clean: tuple[int, ...]
    source: tuple[int, ...]

    def to_source(self, offset: int) -> int:
        """The source offset of a cleaned-text offset."""
        i = bisect.bisect_right(self.clean, offset) - 1
        if i < 0:
            return offset
        mapped = self.source[i] + offset - self.clean[i]
        return min(mapped, self.source[i + 1]) if i + 1 < len(self.source) else mapped


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text of a document and its map to the raw text."""

    text: str
    offsets: OffsetMap


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, re.Pattern, str], ...]:
    """The cleaning rules from pipeline/data/debris.tsv, compiled once."""
    out = []
    for line in (paths.RESOURCES / "debris.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, pattern, *repl = line.split("\t")
        replacement = (repl[0] if repl else "").replace("\\n", "\n")
        out.append((name, re.compile(pattern, re.M), replacement))
    return tuple(out)


def clean_text(raw: str) -> Cleaned:
    """Remove conversion and page debris and normalise whitespace.

    >>> clean_text("[bookmark: _Hlk1]**Рекомендовать**\\t\\tМинздраву\\n2\\nimage1.png\\n").text
    'Рекомендовать Минздраву'
    >>> clean_text("Mинистерство здраво-\\nохранения").text
    'Министерство здравоохранения'
    """
    text = raw
    anchors: list[tuple[int, int]] = [(0, 0)]
    text, anchors = _apply(text, anchors, _confusable_edits(text))
    for _name, pattern, replacement in rules():
        edits = [(m.start(), m.end(), replacement) for m in pattern.finditer(text)]
        text, anchors = _apply(text, anchors, edits)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    text, anchors = _apply(text, anchors, [(0, lead, ""), (lead + len(stripped), len(text), "")])
    return Cleaned(text, OffsetMap(tuple(a for a, _ in anchors), tuple(b for _, b in anchors)))


def _confusable_edits(text: str) -> list[tuple[int, int, str]]:
    """Latin look-alike letters inside Cyrillic words become Cyrillic («Mинистерство»)."""
    edits = []
    for m in MIXED_WORD.finditer(text):
        word = m.group()
        fixed = word.translate(LATIN_TO_CYRILLIC)
        if fixed != word and not re.search(r"[a-zA-Z]", fixed):
            edits.append((m.start(), m.end(), fixed))
    return edits


def _apply(
    text: str, anchors: list[tuple[int, int]], edits: list[tuple[int, int, str]]
) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping edits (start, end, replacement) and carry the anchors along."""
    if not edits:
        return text, anchors
    old = OffsetMap(tuple(a for a, _ in anchors), tuple(b for _, b in anchors))
    pieces: list[str] = []
    new_anchors: list[tuple[int, int]] = []
    pos = out = 0
    for start, end, repl in edits:
        if start < pos:
            continue
        out = _copy(text, pos, start, out, old, pieces, new_anchors)
        new_anchors.append((out, old.to_source(start)))
        pieces.append(repl)
        out += len(repl)
        pos = end
    _copy(text, pos, len(text), out, old, pieces, new_anchors)
    return "".join(pieces), _dedupe(new_anchors)


def _copy(text, start, end, out, old, pieces, anchors) -> int:
    """Copy text[start:end] to the output, keeping the old anchors that fall inside it."""
    if end <= start:
        return out
    anchors.append((out, old.to_source(start)))
    lo = bisect.bisect_right(old.clean, start)
    hi = bisect.bisect_left(old.clean, end)
    for clean_pos, src in zip(old.clean[lo:hi], old.source[lo:hi], strict=True):
        anchors.append((out + clean_pos - start, src))
    pieces.append(text[start:end])
    return out + end - start


def _dedupe(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the last anchor of each cleaned offset, in order."""
    out: list[tuple[int, int]] = []
    for a in anchors:
        if out and out[-1][0] == a[0]:
            out[-1] = a
        else:
            out.append(a)
    return out or [(0, 0)]
