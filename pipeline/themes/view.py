"""What the theme classifier reads of a directive unit: its text without trigger, actors, places, persons
and dates, with the document title when little is left. Training and inference both read units through
`theme_text`; the saved model records a hash of this module and of extraction (`theme_input_version`),
so a change to either makes it stale."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from pipeline.extract.version import extraction_version, hash_files
from pipeline.records import Extraction

MIN_CONTENT_WORDS = 4
TOPICLESS = frozenset({"LOC", "PER", "DATE"})
"""Entity labels cut from a unit before classification: where, who and when say nothing of the theme."""
ORPHAN_LEFT = re.compile(
    r"(?:\s*(?:,|;|\bи|\bа также|совместно с|во взаимодействии с|с участием|при участии))+\s*$"
)
ORPHAN_RIGHT = re.compile(r"^\s*(?:[,;]\s*)*(?:и\s+)?")


def _theme_cuts(extraction: Extraction, unit) -> list[tuple[int, int]]:
    """Spans of a unit that say nothing of its theme: its actors, and the places, persons and dates in it.

    (Replacing a cited act by its title alone was also tried and measured no better: corpus/themes/README.md.)
    """
    cuts = [(a.start, a.end) for a in extraction.addressees if a.rec_id == unit.rec_id]
    cuts += [(e.start, e.end) for e in extraction.entities if e.label in TOPICLESS]
    return sorted((start, end) for start, end in cuts if unit.start <= start and end <= unit.end)


def theme_text(extraction: Extraction, unit) -> str:
    """What a unit asks to change: its text without trigger, actors, places, persons and dates; title if thin.

    «Рекомендовать Министерству здравоохранения …» says who acts, not what about: left in, the actors pull
    every unit towards `governance`; «Российской Федерации» or «до 2025 года» only add noise. «Утвердить
    прилагаемые:» says nothing without its document's title.
    """
    pieces, pos = [], unit.start
    for start, end in _theme_cuts(extraction, unit):
        pieces.append(extraction.document.text[pos:start])
        pos = max(pos, end)
    pieces.append(extraction.document.text[pos : unit.end])
    # Connectors orphaned by a cut («совместно с», «и», commas) carry no topic.
    pieces = [ORPHAN_LEFT.sub("", p) if i < len(pieces) - 1 else p for i, p in enumerate(pieces)]
    pieces = [ORPHAN_RIGHT.sub("", p) if i > 0 else p for i, p in enumerate(pieces)]
    text = " ".join(p.strip() for p in pieces if p.strip())
    if unit.trigger and text.startswith(unit.trigger) and unit.modality not in ("decision",):
        text = text[len(unit.trigger) :].strip()
    if len([w for w in text.split() if len(w) > 3]) < MIN_CONTENT_WORDS and extraction.document.title:
        text = f"{text} {extraction.document.title}"
    return text


@lru_cache(maxsize=1)
def theme_input_version() -> str:
    """Hash of what turns a unit into the classifier's input: the extraction code and this module."""
    return hashlib.sha256((extraction_version() + hash_files([Path(__file__)])).encode()).hexdigest()[:16]
