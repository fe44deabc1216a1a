"""Stretches of a structured text that may be directive units: items and lists whole, paragraphs by sentence,
with a «Срок …» sentence joined to the one before it and a sentence hard-wrapped over lines joined again."""

from __future__ import annotations

import re

from pipeline.segment.lines import runs_on
from pipeline.segment.structure import Structure

DEADLINE_LINE = re.compile(r"\s*(?:Срок|СРОК)\b")


def candidates(structure: Structure, text: str):
    """Items and lists whole; paragraphs by sentence, a «Срок …» sentence joined to the one before it and a
    sentence hard-wrapped over several lines joined again."""
    sentences = iter(structure.sentences)
    pending = next(sentences, None)
    run: list[tuple[int, int, object]] = []  # the sentences of consecutive paragraph lines
    for block in structure.blocks:
        if block.kind in ("item", "list"):
            yield from _joined_sentences(run, text)
            run = []
            yield block.body_start, block.end, block
            continue
        while pending is not None and pending[0] < block.end:
            if pending[0] >= block.start:
                run.append((*pending, block))
            pending = next(sentences, None)
    yield from _joined_sentences(run, text)


def _joined_sentences(sentences: list[tuple[int, int, object]], text: str) -> list[tuple[int, int, object]]:
    out: list[tuple[int, int, object]] = []
    for s, e, block in sentences:
        if out and (DEADLINE_LINE.match(text, s) or _wrapped_at(text, out[-1][1], s)):
            out[-1] = (out[-1][0], e, out[-1][2])
        else:
            out.append((s, e, block))
    return out


def _wrapped_at(text: str, end: int, start: int) -> bool:
    """The sentence ending at `end` breaks off at a line end and goes on at `start`, on the next line."""
    gap = text[end:start]
    if gap.count("\n") != 1 or gap.strip():
        return False
    line = text[text.rfind("\n", 0, end) + 1 : end]
    following = text[start : (text.find("\n", start) + 1 or len(text) + 1) - 1]
    return runs_on(line, following)
