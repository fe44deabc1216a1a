"""Document title for ingest: the head lines of a cleaned document in, the act's name or the headline out.

An act's name is its «О …» line with the lines it runs on over (a hard-wrapped title, a title in capitals), or
the quoted name on its kind line («Приказ … от … № 387 "Об утверждении …"»); otherwise the heading itself
(«ПЕРЕЧЕНЬ / ПОРУЧЕНИЙ …», «ПЛАН …»). A news item's title is its headline, past any kind word or date line.
"""

from __future__ import annotations

import re

from pipeline.dates.mentions import find_dates
from pipeline.ingest.doctype import Heading

TITLE_LINE = re.compile(r"^(?:О|Об|ОБ|Обо|ОБО)\s+\S.{5,400}$")
QUOTED_TITLE = re.compile(r"[«\"“](?P<title>(?:О|Об|ОБ|Обо|ОБО)\s[^\n]{5,400})[»\"”]")
# The name after the number on a kind line: «Решение … от 12 марта 2023 года № 5/41 О внесении изменений …»
NUMBERED_TITLE = re.compile(r"(?:№|\bN)\s*\S*\d\S*\s+(?P<title>(?:О|Об|ОБ|Обо|ОБО)\s[^\n]{5,400})$")
# A line that is not a title's continuation: the preamble, an enacting formula, a date, an item, a note.
TITLE_STOP = re.compile(
    r"^(?:В\s+(?:целях|соответствии|связи|порядке|дополнение)\b|На\s+основании|Руководствуясь|Во\s+исполнение"
    r"|Заслушав|Рассмотрев|Согласно|\d+[.)]\s|\(|\[|от\s+\d[^«\"]{0,40}$|\d{1,2}[./\s]\S"
    r"|(?:Статья|СТАТЬЯ|Глава|ГЛАВА|Раздел|РАЗДЕЛ|Приложение|ПРИЛОЖЕНИЕ)\s)"
)
FORMULA = re.compile(r"ПОСТАНОВЛЯ|ПРИКАЗЫВА|РЕШИЛ|РАСПОРЯЖА|[Пп]остановля[юе]т?:|[Пп]риказываю:|решил[аи]?:")
OPEN = '"«“„[('
CLOSE = '"»”“)]'
PAIRS = {'"': '"', "«": "»", "“": "”", "[": "]", "(": ")"}
NUMBER_SIGN = re.compile(r"(?:№|\bN)\s*\d")
DATED = re.compile(r"\bот\s+\d")
ISSUED = ("decree", "order", "law")
WRAP_CHARS = 70  # a line this short that ends without punctuation may be a hard-wrapped title
TITLE_CHARS = 600
HEADLINE_CHARS = 250
DATE_LINE_CHARS = 80


def title_span(head: list[str]) -> tuple[int, int] | None:
    """(first, past-last) index of the «О …» title lines in the head (blank lines kept as "")."""
    for i, line in enumerate(head):
        if TITLE_LINE.match(line.lstrip(OPEN)):
            return i, _title_end(head, i)
    return None


def find_title(head: list[str], doc_type: str, heading: Heading | None) -> str | None:
    """The act's name or the news headline from the head lines (blank lines kept as ""; the heading's index
    counts non-blank lines).

    >>> find_title(["ПОСТАНОВЛЕНИЕ", "О МЕРАХ ПО ПРОФИЛАКТИКЕ", "ГРИППА", "В целях …"], "decree", None)
    'О МЕРАХ ПО ПРОФИЛАКТИКЕ ГРИППА'
    """
    span = title_span(head) if doc_type != "news" else None
    if span:
        title = _join(head[span[0] : span[1]])
        return re.split(r"\s+(?:Постановление|Приказ|Распоряжение|Указ)\s", title)[0].strip()
    lines = [line for line in head if line]
    news = doc_type == "news"
    if heading and not news:
        named = QUOTED_TITLE.search(lines[heading.index]) or NUMBERED_TITLE.search(lines[heading.index])
        if named:
            return _unpaired_end(named.group("title").strip())
        first = _first_line(lines[heading.index :], news)  # past an approval stamp above the heading
        if first or doc_type in ISSUED:
            return first  # above an act's kind word stands its issuer, not its name
    return _first_line(lines, news)


def _first_line(lines: list[str], news: bool) -> str | None:
    """The first line that names the document, past date lines (and a news item's kind word)."""
    candidates = [line for line in lines if not _date_line(line) and not (news and _bare_kind(line))]
    if not candidates:
        return None
    first, rest = candidates[0], candidates[1:]
    if rest and len(first.split()) <= 3 and first.isupper() and not _is_body(rest[0]):
        first = f"{first} {rest[0]}"  # «РЕЗОЛЮЦИЯ» / «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ» over the line that names it
    if not news and not _names(first):
        return None
    if len(first) > HEADLINE_CHARS:
        first = re.split(r"(?<=[.!?])\s", first)[0][:HEADLINE_CHARS]
    return _unquote(first)


def _title_end(head: list[str], i: int) -> int:
    """Past the last line of the title opening at line i: capitals go on in capitals, a lower-case line
    goes on a sentence, and a short unpunctuated line runs on (a hard-wrapped title)."""
    upper = head[i].isupper()
    size = len(head[i])
    j = i + 1
    while j < len(head) and size < TITLE_CHARS:
        prev, line = head[j - 1], head[j]
        if not line or _is_body(line) or prev.endswith((".", ":", ";")):
            break
        if upper:
            runs_on = line.isupper()
        else:
            runs_on = line[0].islower() or (_wrapped(prev) and _wrapped(line) and not line.isupper())
        if not runs_on:
            break
        size += len(line)
        j += 1
    return j


def _wrapped(line: str) -> bool:
    """A line of a hard-wrapped title: short, and ending neither a sentence nor a quoted name."""
    return len(line) <= WRAP_CHARS and not line.endswith((".", ":", ";", *CLOSE))


def _join(lines: list[str]) -> str:
    """Title lines as one: a word hyphenated over a line break keeps its hyphen and loses the space."""
    out = lines[0]
    for line in lines[1:]:
        out += line if out.endswith("-") and out[-2:-1].isalpha() else f" {line}"
    return _unquote(out)


def _unquote(title: str) -> str:
    """A title without the brackets or quotes a page put around it, or without an unpaired opening quote."""
    title = title.strip()
    closer = PAIRS.get(title[:1])
    if not closer:
        return _unpaired_end(title)
    if len(title) > 1 and title.endswith(closer) and _paired(title[1:-1]):
        return title[1:-1].strip()
    return title[1:].strip() if not _paired(title) else title


def _unpaired_end(title: str) -> str:
    """A title without a closing quote left over from the quoted name it was cut from."""
    if title[-1:] in "»”" and not _paired(title):
        return title[:-1].rstrip()
    return title


def _paired(text: str) -> bool:
    """Every quote and bracket of the text is paired."""
    pairs = [(a, b) for a, b in PAIRS.items() if a != b]
    return text.count('"') % 2 == 0 and all(text.count(a) == text.count(b) for a, b in pairs)


def _names(line: str) -> bool:
    """Whether a head line can be an act's name: not a paragraph of the body, a bare kind word, a line of
    kind, date and number only («Постановление № 5 от 2 марта 2020 г. …») or a bare number («Рег. N 81»)."""
    if len(line) > HEADLINE_CHARS or _is_body(line) or _bare_kind(line) or line.endswith(":"):
        return False
    numbered = NUMBER_SIGN.search(line)
    return not (numbered and (DATED.search(line) or len(line.split()) <= 3))


def _is_body(line: str) -> bool:
    return bool(TITLE_STOP.match(line) or FORMULA.search(line))


def _date_line(line: str) -> bool:
    """A short line that carries a full date: a date line, a dateline or a timestamp."""
    if len(line) > DATE_LINE_CHARS:
        return False
    return any(d.iso and len(d.iso) == 10 for d in find_dates(line))


def _bare_kind(line: str) -> bool:
    """A kind word alone on its line («ПРЕСС-РЕЛИЗ», «ПОСТАНОВЛЕНИЕ»), which names no document."""
    return len(line.split()) == 1 and line.isupper() and len(line) >= 5
