"""Dates in Russian text: a str in, matches with offsets into that str out.

Every rule is a compiled regular expression (a date is a flat token pattern; a grammar would add
nothing but cost). Month word forms come from ``data/months.txt``. Rules, tried in this order at each
position:

>>> DAY_MONTH_YEAR.search("от 24 мая 2012 года № 5").group()
'24 мая 2012 года'
>>> NUMERIC_DATE.search("Закон (12.01.2024г., №10)").group()
'12.01.2024г.'
>>> ISO_DATE.search("date 2026-02-14 На").group()
'2026-02-14'
>>> MONTH_YEAR.search("в июле 2023 года").group()
'июле 2023 года'
>>> YEAR_ONLY.search("правила (ММСП, 2005 год)").group()
'2005 год'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.data.lexicon import rows


@dataclass(frozen=True)
class DateMatch:
    """A date mention; ``iso`` is YYYY-MM-DD, YYYY-MM or YYYY, None when impossible (31.02)."""

    start: int
    end: int
    text: str
    iso: str | None


def _load_months() -> dict[str, int]:
    """Month word form → month number, from data/months.txt."""
    forms: dict[str, int] = {}
    for number, words in rows("months.txt"):
        forms.update((w, int(number)) for w in words.split())
    return forms


MONTHS = _load_months()
MONTH_PATTERN = "(?<![а-яё])(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")(?![а-яё])"
# «года», «г.», «г» after a year; «гг.» (a range of years) is not a single year's marker.
_YEAR_WORD = r"(?:\s*(?:года|году|годом|год|г\.|г(?![а-яёa-z])))"
_FLAGS = re.IGNORECASE

DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d.])[«\"“]?(?P<d1>[0-3]?\d)[»\"”]?\s*(?:-?го\s+)?\s*(?P<m1>{MONTH_PATTERN})\s+"
    rf"(?P<y1>\d{{4}})(?!\d){_YEAR_WORD}?",
    _FLAGS,
)
NUMERIC_DATE = re.compile(
    rf"(?<![\d.])(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\."
    rf"(?:(?P<y2>\d{{4}})(?![\d]){_YEAR_WORD}?|(?P<y2s>\d{{2}})(?![\d])(?={_YEAR_WORD}){_YEAR_WORD})",
    _FLAGS,
)
ISO_DATE = re.compile(r"(?<![\d.\-])(?P<y3>\d{4})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?![\d])")
MONTH_YEAR = re.compile(rf"(?P<m4>{MONTH_PATTERN})\s+(?P<y4>\d{{4}})(?!\d){_YEAR_WORD}?", _FLAGS)
YEAR_ONLY = re.compile(rf"(?<![\d.\-–—/])(?P<y5>(?:19|20)\d\d){_YEAR_WORD}", _FLAGS)
DATE = re.compile(
    "|".join(r.pattern for r in (DAY_MONTH_YEAR, NUMERIC_DATE, ISO_DATE, MONTH_YEAR, YEAR_ONLY)),
    _FLAGS,
)
DIGIT = re.compile(r"\d")
# A year closing a range («2022-2023 год»): a period, not a date.
_RANGE_BEFORE = re.compile(r"\d{4}\s*[-–—]\s*$")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO string of a (possibly partial) date, None when the calendar rejects it."""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _from_match(m: re.Match) -> str | None:
    """ISO value of one DATE match, whichever alternative fired."""
    g = m.groupdict()
    if g["y1"]:
        return _iso(int(g["y1"]), MONTHS[g["m1"].lower()], int(g["d1"]))
    if g["y2"] or g["y2s"]:
        short = int(g["y2s"] or 0)
        year = int(g["y2"]) if g["y2"] else (2000 + short if short < 50 else 1900 + short)
        return _iso(year, int(g["m2"]), int(g["d2"]))
    if g["y3"]:
        return _iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    if g["y4"]:
        return _iso(int(g["y4"]), MONTHS[g["m4"].lower()])
    return _iso(int(g["y5"]))


def find_dates(text: str) -> list[DateMatch]:
    """Every date in a text, left to right; a bare year counts only with «год»/«г.».

    >>> [(d.text, d.iso) for d in find_dates("с 1 января 2024 г. по 31 декабря 2030 г.")]
    [('1 января 2024 г.', '2024-01-01'), ('31 декабря 2030 г.', '2030-12-31')]
    >>> [d.iso for d in find_dates("31.02.2024 и на 2019–2030 годы")]
    [None]
    """
    found = []
    for m in _date_matches(text):
        if m.group("y5") and _RANGE_BEFORE.search(text, 0, m.start()):
            continue
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        found.append(DateMatch(m.start(), end, text[m.start() : end], _from_match(m)))
    return found


def _date_matches(text: str) -> Iterator[re.Match]:
    """DATE's matches, the same as `DATE.finditer` gives, with DATE tried only where one can start.

    Every date holds a digit; before its first digit a match holds at most an opening quote («24» мая …) or a
    month's letters and the spaces after them (мая 2012 …). So each digit after the last match bounds the
    few positions where a match holding it can start, and the text between digits is not scanned at all
    (`DATE.finditer` tried all five rules at every character of the text).
    """
    pos = 0
    while (digit := DIGIT.search(text, pos)) is not None:
        first = digit.start()
        start = first
        while start > pos and text[start - 1].isspace():
            start -= 1
        while start > pos and text[start - 1].isalpha():
            start -= 1
        for at in range(min(start, max(pos, first - 1)), first + 1):
            m = DATE.match(text, at)  # its lookbehinds see the text before `at`, as in a scan
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = first + 1


def parse_date(text: str) -> str | None:
    """ISO of the first date in a text (of whatever precision), else None.

    >>> parse_date("Постановление от 19 февраля 2019 года № 64")
    '2019-02-19'
    """
    for match in find_dates(text):
        return match.iso
    return None


def last_day(year: int, month: int) -> str:
    """ISO of the last day of a month.

    >>> last_day(2024, 2)
    '2024-02-29'
    """
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return (first_next - dt.timedelta(days=1)).isoformat()
