"""Page chrome: a cleaned page text in, the edits that drop its non-document lines out.

Web pages stored as text keep the site around the document: buttons («Версия для печати»), menus and
breadcrumbs, counters, legal-database banners and cards, related links. The vocabulary lives in
pipeline/data/chrome.tsv (what each scope means is written there); this module applies it line by line and
adds one rule of shape: a head line that ends with the text of a later head line is the page's title or
breadcrumb repeating the document's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows

HEAD_LINES = 30  # non-blank lines that can be the page's head, at most
BLOCK_LINE_CHARS = 160  # a line under a related-links heading longer than this is text again
REPEAT_MIN_CHARS = 30  # a heading shorter than this may end a longer line by chance
EQUAL_MIN_CHARS = 80  # two equal lines shorter than this may be a hard-wrapped text quoting itself
BODY_START = re.compile(r"^(?:\d{1,3}[.)]\s|Статья\s+1\b|[IVX]{1,4}\.\s)")
QUOTES = "\"'«»“”„<>[]() "

Edit = tuple[int, int, str]


@dataclass(frozen=True)
class Chrome:
    """The edits that remove a page's chrome, and how many whole lines they drop."""

    edits: list[Edit]
    lines: int


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character
    end: int  # offset past the line's newline (or the text's end)
    text: str  # stripped


@lru_cache(maxsize=1)
def _rules() -> dict[str, tuple[re.Pattern, ...]]:
    """Compiled chrome.tsv patterns by scope."""
    out: dict[str, list[re.Pattern]] = {"line": [], "head": [], "block": [], "inline": []}
    for _name, scope, pattern in rows("chrome.tsv"):
        out[scope].append(re.compile(pattern, re.IGNORECASE | re.MULTILINE))
    return {scope: tuple(patterns) for scope, patterns in out.items()}


@lru_cache(maxsize=1)
def _whole_line_rules() -> dict[str, re.Pattern]:
    """The patterns of each scope as one alternation: it matches a whole line exactly when one of them does
    (a line is tried once, not once a pattern)."""
    return {
        scope: re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE | re.MULTILINE)
        for scope, patterns in _rules().items()
        if patterns
    }


def find_chrome(text: str) -> Chrome:
    """The chrome of a page text: whole lines to drop and spans inside lines to cut.

    >>> text = "Главная » Документы\\nВерсия для печати\\nПРИКАЗ\\n1. Утвердить план.\\nПросмотров: 12"
    >>> chrome = find_chrome(text)
    >>> chrome.lines, [text[a:b] for a, b, _ in chrome.edits]
    (3, ['Главная » Документы\\n', 'Версия для печати\\n', 'Просмотров: 12'])
    """
    lines = _page_lines(text)
    head = _head_size(lines)
    dropped = _chrome_lines(lines, head)
    dropped |= _repeated_headings(lines[:head], dropped)
    edits = [(lines[i].start, lines[i].end, "") for i in sorted(dropped)]
    edits += _inline_edits(text, [line for i, line in enumerate(lines) if i not in dropped and line.text])
    return Chrome(sorted(edits), len(dropped))


def _chrome_lines(lines: list[_Line], head: int) -> set[int]:
    """Indices of lines that a rule of chrome.tsv matches whole, with the lines a block heading takes."""
    rules = _whole_line_rules()
    dropped: set[int] = set()
    block = False
    for i, line in enumerate(lines):
        if block and line.text and len(line.text) <= BLOCK_LINE_CHARS:
            dropped.add(i)
            continue
        block = False
        scopes = ("line", "head", "block") if i < head else ("line", "block")
        hit = (
            next((s for s in scopes if s in rules and rules[s].fullmatch(line.text)), None)
            if line.text
            else None
        )
        if hit:
            dropped.add(i)
            block = hit == "block"
    return dropped


def _inline_edits(text: str, lines: list[_Line]) -> list[Edit]:
    """Spans of chrome inside kept lines («| Просмотров: 12» after a date)."""
    edits = []
    for line in lines:
        end = line.end - (text[line.end - 1 : line.end] == "\n")
        for pattern in _rules()["inline"]:
            edits += [
                (m.start(), m.end(), "")
                for m in pattern.finditer(text, line.start, end)
                if m.end() > m.start()
            ]
    return edits


def _page_lines(text: str) -> list[_Line]:
    """Every line of the text with its extent (newline included)."""
    out, start = [], 0
    for raw in text.splitlines(keepends=True):
        out.append(_Line(start, start + len(raw), raw.strip()))
        start += len(raw)
    return out


def _head_size(lines: list[_Line]) -> int:
    """Index of the first line past the page's head: a numbered item, the first article, or the limit."""
    seen = 0
    for i, line in enumerate(lines):
        if BODY_START.match(line.text):
            return i
        seen += bool(line.text)
        if seen > HEAD_LINES:
            return i
    return len(lines)


def _repeated_headings(head: list[_Line], dropped: set[int]) -> set[int]:
    """Head lines whose end repeats a later head line: a page title or breadcrumb over the heading."""
    out = set()
    kept = [(i, _fold(line.text)) for i, line in enumerate(head) if line.text and i not in dropped]
    for k, (i, folded) in enumerate(kept):
        for _j, later in kept[k + 1 :]:
            shortest = EQUAL_MIN_CHARS if later == folded else REPEAT_MIN_CHARS
            if len(later) >= shortest and folded.endswith(later):
                out.add(i)
                break
    return out


def _fold(line: str) -> str:
    """A line compared for repeats: case, ё, spacing and the quotes or brackets around it ignored."""
    return " ".join(line.casefold().replace("ё", "е").split()).strip(QUOTES)
