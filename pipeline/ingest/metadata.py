"""Document metadata from cleaned text: type, title, date, place and number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import rows
from pipeline.dates.mentions import find_dates
from pipeline.ingest.doctype import doc_type as find_doc_type
from pipeline.ingest.doctype import find_heading
from pipeline.ingest.title import find_title, title_span
from pipeline.nlp.morph import parse

HEAD_LINES = 12
CRAWL_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s")
NUMBER = r"(?P<number>(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{1,4}\s+(?=[\w-]*\d))?[\w/.-]*\d[\w/.-]*)"
KIND = (
    r"(?P<kind>Постановление|ПОСТАНОВЛЕНИЕ|Приказ|ПРИКАЗ|Распоряжение|РАСПОРЯЖЕНИЕ|Указ|УКАЗ|Письмо|ПИСЬМО|"
    r"(?:Конституционный\s+)?Закон|(?:КОНСТИТУЦИОННЫЙ\s+)?ЗАКОН|Решение|РЕШЕНИЕ|Кодекс|КОДЕКС)\b>?"
)
SELF_REFERENCE = re.compile(
    KIND + r"(?P<issuer>[^\n«»\"]{0,120}?)\s*\n?\s*от\s+(?P<date>[^\n№]{6,30}?)\s*(?:№|N)\s*" + NUMBER
)
# The number before the date on the kind line: «Постановление № 302 от 6 июня 2016 года», «Приказ Минздрава
# 1683н от 29.12.2012», «Постановление 134 от 08.02.2016».
NUMBER_FIRST = re.compile(
    r"^<?" + KIND + r"(?P<issuer>[^\n«»\"№]{0,80}?)\s+(?:(?:№|N)\s*)?(?P<number>[\w/.-]*\d[\w/.-]*)"
    r"\s+от\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+[а-яё]+\s+\d{4})",
    re.M,
)
# A date alone on one of the last lines: the signature block's date of an act dated nowhere else.
SIGNATURE_DATE = re.compile(
    r"^(?:г\.\s*[А-ЯЁ][\w-]+,?\s*)?(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|[\"«]?\d{1,2}[\"»]?\s+[а-яё]+\s+\d{4})"
    r"\s*(?:г\.|года)?\.?$"
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
# «г. Бишкек», not the year's «2021 г. Национальной …»
CITY = re.compile(
    r"(?<!(?:19|20)\d\d)(?<!(?:19|20)\d\d\s)\b(?:г\.|город)\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
)


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself."""

    doc_type: str
    title: str | None
    date: str | None
    place: str | None
    number: str | None


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(r[0] for r in rows("places.txt"))


def read_metadata(text: str, raw: str = "") -> Metadata:
    """Type, title, date, place and number of a cleaned document text.

    >>> m = read_metadata("ПОСТАНОВЛЕНИЕ\\nот 2 марта 2020 года № 15\\nО мерах по профилактике\\n1. Принять.")
    >>> (m.doc_type, m.date, m.number, m.title)
    ('decree', '2020-03-02', '15', 'О мерах по профилактике')
    """
    text = SPACED.sub(lambda m: m.group().replace(" ", ""), text[:3000]) + text[3000:]  # «П О С Т А …»
    block = _head_block(text)
    head = [line for line in block if line]
    tail = [line.strip() for line in text[-SIGNATURE_CHARS * 2 :].splitlines() if line.strip()][-6:]
    doc_type = find_doc_type(text, head)
    heading = find_heading(head)
    selfref = None
    if doc_type != "news":
        head_text = "\n".join(head)
        span = title_span(block)
        titled = range(*span) if span else range(0)
        dated = "\n".join(line for k, line in enumerate(block) if line and k not in titled)
        selfref = (
            NUMBER_FIRST.search(head_text)
            or SELF_REFERENCE.search(head_text)
            or HEADER_DATED.search(dated)
            or _signature(text)
        )
    numbered = selfref or (HEADER_NUMBERED.search("\n".join(head)) if doc_type != "news" else None)
    number = numbered.group("number").rstrip(".") if numbered else None
    date = _date(text, raw, head, tail, doc_type, selfref)
    title = find_title(block, doc_type, heading)
    return Metadata(doc_type, title, date, _place(head + tail), number)


def _head_block(text: str) -> list[str]:
    """The stripped lines of the head, blank ones kept as "", up to the HEAD_LINES-th non-blank one."""
    out: list[str] = []
    seen = 0
    for line in text.splitlines():
        out.append(line.strip())
        seen += bool(line.strip())
        if seen == HEAD_LINES:
            break
    return out


def _signature(text: str) -> re.Match | None:
    """The date and number printed in the signature block at the end of an act."""
    end = text[-SIGNATURE_CHARS:]
    return next((m for m in (p.search(end) for p in SIGNATURE) if m), None)


def _date(
    text: str, raw: str, head: list[str], tail: list[str], doc_type: str, selfref: re.Match | None
) -> str | None:
    """The act's own date, a date line at the head, the news date, a signature date, or the crawl date."""
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
    else:
        signed = next((m for m in map(SIGNATURE_DATE.match, reversed(tail)) if m), None)
        if signed and _first_iso(signed.group("date")):
            return _first_iso(signed.group("date"))
    return _first_iso(text[:2000])


def _first_iso(text: str) -> str | None:
    """ISO of the first full date (day precision) in a text."""
    for match in find_dates(text):
        if match.iso and len(match.iso) == 10:
            return match.iso
    return None


def _place(lines: list[str]) -> str | None:
    """«г. Бишкек» on a head or signature line, a city alone on a line («МОСКВА»), or a news dateline
    («Бишкек, …», «АСТАНА. КАЗИНФОРМ –»); a city named in another case («в г. Москве») in the nominative."""
    for line in lines[:6] + lines[-6:]:
        city = CITY.search(line)
        if city:
            return _nominative_city(city.group(1))
        first_word = re.match(r"([А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?)\s*(?:[.,]|$)", line)
        if first_word:
            name = "-".join(part.capitalize() for part in first_word.group(1).split("-"))
            if name in _places():
                return name
    return None


def _nominative_city(name: str) -> str:
    """A city's name in the nominative: as written when known, else its dictionary form as a place name.

    >>> _nominative_city("Москве"), _nominative_city("Бишкек")
    ('Москва', 'Бишкек')
    """
    if name in _places() or "-" in name:
        return name
    for p in parse(name.lower()):
        if "Geox" in p.tag and "NOUN" in p.tag:
            return p.normal_form.capitalize()
    return name
