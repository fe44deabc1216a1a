"""The deadline of a directive unit: a unit's text in, an ISO date or the deadline phrase out.

Resolution (documented contract of ``find_deadline``):

* a day — «до 31 декабря 2024 года», «в срок до 1 марта 2013 г.», «не позднее 01.03.2024» — gives
  YYYY-MM-DD;
* a period that must be finished — «до конца 2024 года», «в течение 2025 года», «в 2025 году»,
  «в IV квартале 2025 года», «в первом полугодии 2024 года», «в июле 2025 года» — gives the period's
  last day;
* «до июля 2025 года» gives YYYY-MM and «до 2030 года» / «к 2030 году» give YYYY (as precise as
  written), unless the year closes a programme's title period («Стратегии … на период до 2025 года»,
  «Программы … до 2030 года»), which is no deadline;
* relative and recurring phrases (``data/deadlines.txt``: «в течение трёх месяцев», «в двухмесячный
  срок», «ежегодно», «постоянно», «до конца года», «в I квартале») are returned as written;
* a «Срок: …» / «Срок исполнения – …» line wins over everything else in the unit; otherwise a day beats
  a period, a period beats a phrase, and the first of equals wins.

>>> DEADLINE_LINE.search("Срок - до 10 июня 2020 г.").group("rest")
'до 10 июня 2020 г.'
"""

from __future__ import annotations

import re

from pipeline.data.lexicon import rows
from pipeline.dates.mentions import MONTH_PATTERN, find_dates, last_day

# «Срок: …» opening the unit, a line, a sentence or a bracket (not «в месячный срок - разработать»).
DEADLINE_LINE = re.compile(
    r"(?:^|(?<=[\n.;(]))\s*срок(?:и)?(?:\s+(?:исполнения|выполнения|реализации|представления))?"
    r"\s*[:\-–—]\s*(?P<rest>[^\n;)]+)",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"(?P<anchor>(?<![а-яё])(?:(?:в\s+)?срок(?:ом|и)?\s*[:\-–—]?\s*)?(?:до\s+конца|к\s+концу|в\s+течение|"
    r"не\s+позднее|не\s+позже|до|к|по|во?)?)\s*"
    r"(?:(?P<quarter>I{1,3}|IV|[1-4]|перв|втор|трет|четв)[а-яё]*(?:\s*-?\s*[а-яё]{1,2})?\s+"
    r"(?P<kind>квартал|полугоди)[а-яё]*\s+)?$",
    re.IGNORECASE,
)
_PROGRAMME = re.compile(
    r"(?:программ|стратеги|план|концепци|доктрин|политик|прогноз|период)[а-яё]*", re.IGNORECASE
)
_ORDINALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "перв": 1, "втор": 2, "трет": 3, "четв": 4}


def _load_phrases() -> list[re.Pattern]:
    """Phrase patterns of data/deadlines.txt, compiled."""
    lines = ("\t".join(row) for row in rows("deadlines.txt"))
    return [
        re.compile(r"(?<![а-яё])(?:" + line.replace("{MONTH}", MONTH_PATTERN) + r")(?![а-яё])", re.IGNORECASE)
        for line in lines
    ]


PHRASES = _load_phrases()


def _in_title(text: str, start: int) -> bool:
    """True when a year closes a programme's title period rather than setting a deadline."""
    clause = re.split(r"[.;!?\n]", text[max(0, start - 250) : start])[-1]
    if re.search(r"срок\w*\s*[:\-–—]?\s*(?:до|к|не\s+позднее)?\s*$", clause, re.IGNORECASE):
        return False
    return bool(_PROGRAMME.search(clause))


def _period_end(iso: str, anchor: str, quarter: str | None, kind: str | None) -> str | None:
    """Last day of a year, quarter, half-year or month deadline; YYYY[-MM] after a bare «до»/«к»."""
    year = int(iso[:4])
    if quarter:
        key = quarter.lower()
        number = int(key) if key.isdigit() else _ORDINALS.get(key)
        months = 3 if kind.lower().startswith("квартал") else 6
        return last_day(year, number * months) if number and number * months <= 12 else None
    anchor = " ".join(anchor.lower().split())
    if anchor.endswith(("до", " к")) or anchor == "к":
        return iso
    if len(iso) == 7:
        return last_day(year, int(iso[5:7]))
    return f"{year}-12-31"


def _dated(text: str, lo: int, hi: int) -> list[tuple[int, int, int, str]]:
    """(rank, start, -length, value) for every anchored date between lo and hi."""
    found = []
    for date in find_dates(text[lo:hi]):
        start = lo + date.start
        before = _BEFORE.search(text, max(lo, start - 60), start)
        if not date.iso or not before:
            continue
        anchor, quarter, kind = before.group("anchor"), before.group("quarter"), before.group("kind")
        if re.search(r"период\s*(?:до|с|по)?\s*$", text[max(lo, start - 20) : start], re.IGNORECASE):
            continue
        if len(date.iso) == 10:
            if anchor.strip() and anchor.strip().lower() not in ("в", "во"):
                found.append((1, start, start - date.end, date.iso))
            continue
        if not (anchor.strip() or quarter):
            continue
        value = _period_end(date.iso, anchor, quarter, kind)
        bare = anchor.strip().lower() in ("до", "к", "в", "во") and not quarter
        if value and not (bare and _in_title(text, start)):
            found.append((2, before.start(), before.start() - date.end, value))
    return found


def _phrases(text: str, lo: int, hi: int) -> list[tuple[int, int, int, str]]:
    """(rank, start, -length, phrase) for every relative deadline phrase between lo and hi."""
    return [(3, m.start(), m.start() - m.end(), m.group()) for p in PHRASES for m in p.finditer(text, lo, hi)]


def _best(text: str, lo: int, hi: int) -> str | None:
    """The best-ranked, then first, then longest deadline candidate between lo and hi."""
    candidates = _dated(text, lo, hi) + _phrases(text, lo, hi)
    return min(candidates)[3] if candidates else None


def _leading_date(rest: str) -> str | None:
    """«Срок – 15 декабря 2025 г.»: a day standing alone after the label is the deadline."""
    dates = find_dates(rest)
    if dates and dates[0].iso and len(dates[0].iso) == 10 and not rest[: dates[0].start].strip(" -–—:"):
        return dates[0].iso
    return None


def find_deadline(text: str) -> str | None:
    """The deadline of a directive unit: ISO when it resolves, else the phrase, else None.

    >>> find_deadline("Разработать план. Срок - до 10 июня 2020 г.")
    '2020-06-10'
    >>> find_deadline("Министерству здравоохранения до 31 декабря 2024 года внести проект.")
    '2024-12-31'
    >>> find_deadline("Разработать проект в течение трёх месяцев.")
    'в течение трёх месяцев'
    >>> find_deadline("Одобрить проекты Стратегии на период до 2025 года.") is None
    True
    """
    line = DEADLINE_LINE.search(text)
    if line:
        value = _best(text, line.start("rest"), line.end("rest")) or _leading_date(line.group("rest"))
        rest = line.group("rest").strip(" .,")
        return value or (rest if 0 < len(rest) <= 60 else None)
    return _best(text, 0, len(text))
