"""Stage 2, segment: a cleaned `Document` in, its `Structure` (sections, items, sentences) out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.data.lexicon import heading_verbs, triggers
from pipeline.nlp.morph import lemma
from pipeline.records import Document, Section

SECTION_HEADING = re.compile(
    r"^(?P<kind>РАЗДЕЛ|Раздел|ГЛАВА|Глава|СТАТЬЯ|Статья|ЧАСТЬ|Часть)\s+"
    r"(?P<num>[IVXLC]+|\d+(?:[.-]\d+)*)\s*[.:]?\s*(?P<title>.*)$"
)
ROMAN_HEADING = re.compile(r"^(?P<num>[IVXLC]{1,6})\.\s+(?P<title>[А-ЯЁ][А-ЯЁ ,«»\-–]{3,})$")
ITEM = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<punct>[.)])(?!\d)\s*(?=\S)")  # not «25.09.2024»
SUB_ITEM = re.compile(r"^(?:(?P<num>\d{1,3}|[а-яё])\)|[—–-])\s*")
KINDS = {"раздел": "razdel", "глава": "glava", "статья": "statya", "часть": "part"}
# Longer sentences are cut at spaces: natasha's parser is quadratic in a sentence's length (a 400 000
# character run-on line took 80 s and 17 GB; 5 000 characters take a few milliseconds).
MAX_SENTENCE = 5000


@dataclass(frozen=True)
class Block:
    """A numbered item with its sub-items, an unnumbered line and the list that completes it, or a paragraph
    line."""

    start: int
    end: int
    kind: str  # item | list | paragraph
    item: str | None
    section: str | None
    body_start: int  # where the text after the item marker begins


@dataclass(frozen=True)
class Structure:
    """The document's sections, blocks and sentence spans."""

    sections: list[Section]
    blocks: list[Block]
    sentences: list[tuple[int, int]]


def segment_document(document: Document) -> Structure:
    """Sections, items and sentences of a cleaned document.

    >>> from pipeline.records import Document
    >>> text = "РАЗДЕЛ 1: ВОПРОСЫ\\n1. Принять отчет.\\n2. Поручить Минздраву:\\n— разработать план;\\nИтог."
    >>> meta = dict(doc_type="other", title=None, date=None, place=None, number=None, sha256="")
    >>> s = segment_document(Document(doc_id="d", source="d.txt", text=text, n_chars=len(text), **meta))
    >>> [(b.kind, b.item, b.section, text[b.start:b.end]) for b in s.blocks]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('item', '1', '1', '1. Принять отчет.'),
     ('item', '2', '1', '2. Поручить Минздраву:\\n— разработать план;\\nИтог.')]
    """
    sections, blocks = _blocks(document.doc_id, document.text)
    sentences = [s for b in blocks for s in split_sentences(document.text, b.body_start, b.end)]
    return Structure(sections, blocks, sentences)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without the newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _blocks(doc_id: str, text: str) -> tuple[list[Section], list[Block]]:
    sections: list[Section] = []
    blocks: list[Block] = []
    section: str | None = None
    current: dict | None = None  # the open item
    for start, end in _lines(text):
        line = text[start:end]
        heading = SECTION_HEADING.match(line) or ROMAN_HEADING.match(line)
        if heading:
            _close(current, blocks)
            current = None
            section = heading.group("num")
            kind = KINDS.get(heading.groupdict().get("kind", "").lower(), "part")
            title = heading.group("title").strip() or None
            sections.append(
                Section(doc_id=doc_id, section=section, title=title, kind=kind, start=start, end=end)
            )
            continue
        item = ITEM.match(line)
        if not line.strip() or current is not None and current.get("gap"):
            current = _across_gap(current, blocks, line, item)
            if not line.strip():
                continue
        if item and not (current and _is_sub_item(item, current)):
            _close(current, blocks)
            current = _open(start, end, item.group("num"), section, start + item.end(), line)
        elif current is not None and (current["kind"] == "item" or _continues_list(line, item)):
            current["end"] = end
            current["sub"] = current["colon"] and bool(SUB_ITEM.match(line) or item)
            current["colon"] = current["colon"] or line.rstrip().endswith(":")
        else:
            _close(current, blocks)
            current = None
            if _opens_list(line):  # «Донор обязан:» over «1) …», «2) …»: one block with its list
                current = _open(start, end, None, section, start, line, kind="list")
            else:
                blocks.append(Block(start, end, "paragraph", None, section, start))
    _close(current, blocks)
    return sections, blocks


def _across_gap(current: dict | None, blocks: list[Block], line: str, item: re.Match | None) -> dict | None:
    """The open block after a blank line (or the line after one): a plain item ends at the gap; one that
    ended with a colon waits for its sub-points, and ends if the next line is none."""
    if current is None:
        return None
    if not line.strip():
        if current["sub"] is False and not current["colon"]:
            _close(current, blocks)
            return None
        current["gap"] = True
        return current
    current.pop("gap")
    if not _after_gap(line, item, current):
        _close(current, blocks)  # «N. X:», a blank line, then no sub-point: the item is over
        return None
    return current


def _open(
    start: int, end: int, item: str | None, section: str | None, body: int, line: str, kind: str = "item"
) -> dict:
    """A block left open for the lines that continue it."""
    colon = line.rstrip().endswith(":")
    return {
        "start": start,
        "end": end,
        "item": item,
        "section": section,
        "body": body,
        "sub": False,
        "colon": colon,
        "kind": kind,
    }


def _opens_list(line: str) -> bool:
    """«Донор обязан:», «Кабинету Министров в трехмесячный срок:»: a sentence that a list completes; not a
    heading («РЕКОМЕНДОВАТЬ:», «Съезд решил:», «Председательствовал:») over items of their own."""
    words = re.findall(r"[А-Яа-яЁё-]+", line)
    if not line.rstrip().endswith(":") or len(words) < 2 or line.isupper():
        return False
    word = words[-1].lower()
    last = lemma(word)
    # «обязаны» is listed as the short form «обязан»; its lemma «обязать» is the addressing verb
    entry = triggers().get(word) or triggers().get(word.rstrip("аоы")) or triggers().get(last)
    # «обязан:» completes its list; «ПОСТАНОВЛЯЮ:» heads items of their own
    return (entry is None or entry.kind == "modal") and last not in heading_verbs()


def _continues_list(line: str, item: re.Match | None) -> bool:
    """A sub-point («1)», «а)», «–») or a lower-case line goes on with the list above it."""
    return bool(item or SUB_ITEM.match(line)) or line.lstrip()[:1].islower()


def _after_gap(line: str, item: re.Match | None, current: dict) -> bool:
    """After «2. Министерству …:» and a blank line, a sub-point («а)», «1)», «–») or a lower-case line
    continues the item; anything else starts afresh."""
    if item is not None:
        return _is_sub_item(item, current)
    return bool(SUB_ITEM.match(line)) or line.lstrip()[:1].islower()


def _is_sub_item(item: re.Match, current: dict) -> bool:
    """«1)» under an item that ended with a colon continues that item."""
    return item.group("punct") == ")" and current["colon"]


def _close(current: dict | None, blocks: list[Block]) -> None:
    if current is not None:
        blocks.append(
            Block(
                current["start"],
                current["end"],
                current["kind"],
                current["item"],
                current["section"],
                current["body"],
            )
        )


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (razdel) inside text[start:end], never crossing a line break.

    >>> split_sentences("Принять отчет. Одобрить план.\\nИтог", 0, 34)
    [(0, 14), (15, 29), (30, 34)]
    """
    from razdel import sentenize

    out = []
    for line_start, line_end in _lines(text[start:end]):
        chunk = text[start + line_start : start + line_end]
        for sent in sentenize(chunk):
            if sent.text.strip():
                out += _capped(text, start + line_start + sent.start, start + line_start + sent.stop)
    return out


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at spaces into pieces of at most MAX_SENTENCE characters.

    >>> _capped("а" * 3 + " " + "б" * (MAX_SENTENCE + 1), 0, MAX_SENTENCE + 5)
    [(0, 3), (4, 5004), (5004, 5005)]
    """
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut + (text[cut] == " ")
    return out + [(start, end)] if start < end else out
