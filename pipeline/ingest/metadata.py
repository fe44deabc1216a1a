"""Document metadata from cleaned text: type, title, date, place and number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows
from pipeline.dates.mentions import find_dates

HEAD_LINES = 12
CRAWL_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s")
NUMBER = r"(?P<number>(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,4}\s+(?=[\w-]*\d))?[\w/.-]*\d[\w/.-]*)"
SELF_REFERENCE = re.compile(
    r"(?P<kind>Постановление|ПОСТАНОВЛЕНИЕ|Приказ|ПРИКАЗ|Распоряжение|РАСПОРЯЖЕНИЕ|Указ|УКАЗ|"
    r"(?:Конституционный\s+)?Закон|(?:КОНСТИТУЦИОННЫЙ\s+)?ЗАКОН|Решение|РЕШЕНИЕ|Кодекс|КОДЕКС)\b"
    r"(?P<issuer>[^\n«»\"]{0,120}?)\s*\n?\s*от\s+(?P<date>[^\n№]{6,30}?)\s*(?:№|N)\s*" + NUMBER
)
# The signature block of an act dated and numbered at its end: «г. Ташкент, 14 октября 2024 г., № ПП-352»,
# «Пр-412, 28 февраля 2025 г.».
SIGNATURE = (
    re.compile(
        r"(?:г\.\s*)?(?P<place>[А-ЯЁ][а-яё-]+)\s*,\s*(?P<date>\d{1,2}\s+[а-яё]+\s+\d{4})\s*(?:г\.|года)?"
        r"\s*,?\s*(?:№|N)\s*" + NUMBER
    ),
    re.compile(r"(?P<number>[А-ЯЁ][а-яё]{0,2}-\d+[\w/-]*)\s*,\s*(?P<date>\d{1,2}\s+[а-яё]+\s+\d{4})"),
    re.compile(
        r"^(?P<date>\d{1,2}\s+[а-яё]+\s+\d{4})\s*(?:г\.|года)?\s*[,\n]?\s*(?:№|N)\s*" + NUMBER + r"\s*$", re.M
    ),
)
# A date and number opening a head line: «"12" сентября 2024 г. № 618 г. Бишкек», or after its place
# («г. Бишкек от 18 апреля 2025 года № 214») or its Kazakh twin («2025 жылғы 14 наурыз № … 14 марта …»).
HEADER_DATED = re.compile(
    r"^(?:\s*(?:г\.|город)\s*[А-ЯЁ][\w-]+\s+|.*\bжылғы\b.*?\s)?\s*(?:от\s+)?[\"«]?(?P<date>\d{1,2}[\"»]?\s+[а-яё]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\s*(?:г\.|года)?"
    r"\s*(?:№|N)\s*" + NUMBER,
    re.M,
)
# «ПРОТОКОЛ № 2», «ПРИКАЗ № 15-п»: a numbered heading whose date stands elsewhere.
HEADER_NUMBERED = re.compile(r"^[А-ЯЁ]{5,}\s*(?:№|N)\s*" + NUMBER + r"\s*$", re.M)
SIGNATURE_CHARS = 300
SPACED = re.compile(r"\b(?:[А-ЯЁ] ){3,}[А-ЯЁ]\b")
TITLE_LINE = re.compile(r"^(?:О|Об|Обо)\s+\S.{5,400}$")
CITY = re.compile(r"\b(?:г\.|город)\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself."""

    doc_type: str
    title: str | None
    date: str | None
    place: str | None
    number: str | None


def _rules(name: str) -> list[tuple[str, str]]:
    """(first, second) columns of a resource file (pipeline.data.lexicon reads it)."""
    return [(r[0], r[1] if len(r) > 1 else "") for r in rows(name)]


@lru_cache(maxsize=1)
def _heading_rules() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p, re.I), t) for p, t in _rules("doc_types.tsv")]


@lru_cache(maxsize=1)
def _body_rules() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p), t) for p, t in _rules("body_types.tsv")]


@lru_cache(maxsize=1)
def _news_cues() -> list[re.Pattern]:
    return [re.compile(p, re.I | re.M) for p, _ in _rules("news_cues.txt")]


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(p for p, _ in _rules("places.txt"))


def read_metadata(text: str, raw: str = "") -> Metadata:
    """Type, title, date, place and number of a cleaned document text.

    >>> m = read_metadata("ПОСТАНОВЛЕНИЕ\\nот 2 марта 2020 года № 15\\nО мерах по профилактике\\n1. Принять.")
    >>> (m.doc_type, m.date, m.number, m.title)
    ('decree', '2020-03-02', '15', 'О мерах по профилактике')
    """
    text = SPACED.sub(lambda m: m.group().replace(" ", ""), text[:3000]) + text[3000:]  # «П О С Т А …»
    head = [line.strip() for line in text.splitlines()[:HEAD_LINES] if line.strip()]
    tail = [line.strip() for line in text[-SIGNATURE_CHARS * 2 :].splitlines() if line.strip()][-6:]
    doc_type = _doc_type(text, head)
    selfref = None
    if doc_type != "news":
        head_text = "\n".join(head)
        dated = "\n".join(_outside_title(head))  # not «О внесении … от … №»
        selfref = SELF_REFERENCE.search(head_text) or HEADER_DATED.search(dated) or _signature(text)
    numbered = selfref or (HEADER_NUMBERED.search("\n".join(head)) if doc_type != "news" else None)
    number = numbered.group("number").rstrip(".") if numbered else None
    date = _date(text, raw, head, doc_type, selfref)
    return Metadata(doc_type, _title(head, doc_type), date, _place(head + tail), number)


def _outside_title(head: list[str]) -> list[str]:
    """Head lines that are neither the title nor its lower-case continuation («от 9 января 2005 года № 6»)."""
    out, in_title = [], False
    for line in head:
        in_title = bool(TITLE_LINE.match(line)) or (in_title and line[:1].islower())
        if not in_title:
            out.append(line)
    return out


def _signature(text: str) -> re.Match | None:
    """The date and number printed in the signature block at the end of an act."""
    end = text[-SIGNATURE_CHARS:]
    return next((m for m in (p.search(end) for p in SIGNATURE) if m), None)


def _doc_type(text: str, head: list[str]) -> str:
    """Heading words first, then formulas of the body, then news cues."""
    for line in head[:6]:
        for pattern, doc_type in _heading_rules():
            if pattern.match(line) and (len(line) < 120 or re.match(r"\w+\s+\w+[^\n]*\bот\s", line)):
                return doc_type
    if _is_news(text):
        return "news"
    for pattern, doc_type in _body_rules():
        if pattern.search(text[:3000]):
            return doc_type
    return "other"


def _is_news(text: str) -> bool:
    """Two distinct news cues in the opening and no formula of an act."""
    opening = text[:3000]
    if any(p.search(opening) for p, t in _body_rules() if t in ("decree", "order")):
        return False
    return sum(1 for p in _news_cues() if p.search(opening)) >= 2


def _date(text: str, raw: str, head: list[str], doc_type: str, selfref: re.Match | None) -> str | None:
    """The act's own date, a date line at the head, the news date, or the crawl date."""
    if selfref and doc_type != "news":
        iso = _first_iso(selfref.group("date"))
        if iso:
            return iso
    for line in head[:4]:
        found = find_dates(line)
        if found and found[0].start == 0 and found[0].iso and len(found[0].iso) == 10:
            return found[0].iso
    if doc_type == "news":
        first_paragraph = text.split("\n\n", 1)[0][:600]
        iso = _first_iso(first_paragraph)
        if iso:
            return iso
        crawl = CRAWL_DATE.match(raw)
        if crawl:
            return crawl.group(1)
    return _first_iso(text[:2000])


def _first_iso(text: str) -> str | None:
    """ISO of the first full date (day precision) in a text."""
    for match in find_dates(text):
        if match.iso and len(match.iso) == 10:
            return match.iso
    return None


def _title(head: list[str], doc_type: str) -> str | None:
    """«О …»/«Об …» line of an act, else the first line (shortened to a sentence)."""
    if doc_type != "news":
        for line in head:
            if TITLE_LINE.match(line):
                return re.split(r"\s+(?:Постановление|Приказ|Распоряжение|Указ)\s", line)[0].strip()
    if not head:
        return None
    first = head[0]
    if len(head) > 1 and len(first.split()) <= 3 and first.isupper() and not find_dates(head[1]):
        first = f"{first} {head[1]}"  # «РЕЗОЛЮЦИЯ» / «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ» over the line that names it
    if len(first) > 250:
        first = re.split(r"(?<=[.!?])\s", first)[0][:250]
    return first


def _place(lines: list[str]) -> str | None:
    """«г. Бишкек» on a head or signature line, a city alone on a line («МОСКВА»), or a news dateline
    («Бишкек, …», «АСТАНА. КАЗИНФОРМ –»)."""
    for line in lines[:6] + lines[-6:]:
        city = CITY.search(line)
        if city:
            return city.group(1)
        first_word = re.match(r"([А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?)\s*(?:[.,]|$)", line)
        if first_word:
            name = "-".join(part.capitalize() for part in first_word.group(1).split("-"))
            if name in _places():
                return name
    return None
