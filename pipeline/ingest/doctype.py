"""Document type for ingest: the head lines and text of a cleaned document in, its doc_type out.

The act's kind word decides wherever the head puts it (a bare heading «ПОСТАНОВЛЕНИЕ», a title line «Приказ
Минздрава от … № …», a database title «<Письмо> Роспотребнадзора …»), its issuer turns a collegial body's
постановление into a resolution; without a kind word the enacting formula of the body decides, and news is
told by its datelines, reporting verbs and bylines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows

KIND_LINES = 6  # head lines that may carry the kind word
SHORT_HEADING = 120  # a title-case kind word opens a heading only on a line shorter than this
OPENING_CHARS = 3000
LEAD = re.compile(r"^[<\[\"«„(\s]+")
DATED = re.compile(r"\bот\s+\d|№|\bN\s*\d")
# Where the issuer part of a kind line ends: the act's title or quoted name begins.
ISSUER_END = re.compile(r"[«\"“]|\s(?:О|Об|Обо|о|об)\s")


@dataclass(frozen=True)
class Heading:
    """The head line carrying the act's kind word, and the type it gives."""

    index: int
    doc_type: str
    kind_end: int  # where the kind word ends in the line


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(kind pattern, type, type for a collegial issuer) from doc_types.tsv."""
    return tuple(
        (re.compile(r[0], re.I), r[1], r[2] if len(r) > 2 and r[2] else r[1]) for r in rows("doc_types.tsv")
    )


@lru_cache(maxsize=1)
def _collegial() -> re.Pattern:
    return re.compile("|".join(f"(?:{r[0]})" for r in rows("collegial_bodies.txt")), re.I)


@lru_cache(maxsize=1)
def _body_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(r[0]), r[1]) for r in rows("body_types.tsv"))


@lru_cache(maxsize=1)
def _news_cues() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r[0], re.I | re.M) for r in rows("news_cues.txt"))


def doc_type(text: str, head: list[str]) -> str:
    """The document's type: the kind word of its heading, else a formula of its body, else news cues.

    >>> doc_type("", ["Постановление № 5 от 2 марта 2020 года Республиканской комиссии по здоровью"])
    'resolution'
    >>> doc_type("", ["ПРАВИТЕЛЬСТВО РЕСПУБЛИКИ", "РАСПОРЯЖЕНИЕ", "от 2 марта 2020 года № 15-р"])
    'decree'
    """
    heading = find_heading(head)
    if heading:
        return heading.doc_type
    if is_news(text):
        return "news"
    opening = text[:OPENING_CHARS]
    return next((t for pattern, t in _body_rules() if pattern.search(opening)), "other")


def find_heading(head: list[str]) -> Heading | None:
    """The first head line that opens with an act's kind word, and the type that kind and issuer give."""
    for i, line in enumerate(head[:KIND_LINES]):
        bare = LEAD.sub("", line)
        lead = len(line) - len(bare)
        following = head[i + 1] if i + 1 < len(head) else ""
        candidates = [bare] if not _short_upper(bare) else [f"{bare} {following}", bare]
        for candidate in candidates:
            for pattern, plain, collegial in _kinds():
                m = pattern.match(candidate)
                if m and _is_heading(candidate, m.end()):
                    end = min(lead + m.end(), len(line))
                    kind_type = collegial if _collegial_issuer(head, i, candidate[m.end() :]) else plain
                    return Heading(i, kind_type, end)
    return None


def _short_upper(line: str) -> bool:
    """A heading word alone in capitals whose kind may go on over the next line («ПЕРЕЧЕНЬ / ПОРУЧЕНИЙ»)."""
    return len(line.split()) <= 2 and line.isupper()


def _is_heading(line: str, kind_end: int) -> bool:
    """A kind word opens a heading, not a sentence: in capitals, or on a short or dated line."""
    return line[:kind_end].isupper() or len(line) < SHORT_HEADING or bool(DATED.search(line))


def _collegial_issuer(head: list[str], i: int, rest: str) -> bool:
    """Whether a collegial body issues the act: named after the kind word or on the line above it."""
    issuer = ISSUER_END.split(rest, maxsplit=1)[0]
    if _collegial().search(issuer):
        return True
    above = head[i - 1] if i > 0 else ""
    return bool(above) and above.isupper() and bool(_collegial().search(above))


def is_news(text: str) -> bool:
    """Two distinct news cues in the opening and no enacting formula of an act."""
    opening = text[:OPENING_CHARS]
    if any(p.search(opening) for p, t in _body_rules() if t in ("decree", "order", "resolution")):
        return False
    return sum(1 for p in _news_cues() if p.search(opening)) >= 2
