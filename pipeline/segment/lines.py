"""Lines that read as one paragraph: a line broken inside a sentence (a hard-wrapped web page, a heading set
over several lines) runs on into the next line.

>>> text = "в постановление\\nГубернатора края от 8\\nапреля 2020 года N 30.\\n1. Утвердить"
>>> [text[a:b] for a, b in paragraphs(text)]
['в постановление\\nГубернатора края от 8\\nапреля 2020 года N 30.', '1. Утвердить']
"""

from __future__ import annotations

import re

LINE = re.compile(r"[^\r\n]+")
# A line that ends a sentence, a list item or a heading's last cell; or a bare word a page prints alone.
CLOSED = re.compile(r"[.;:!?»\"”)|]\s*$")
# The next line opens an item of its own: a number, a letter or a dash.
OPENS_ITEM = re.compile(r"\s*(?:\d+(?:\.\d+)*[.)]|[а-яa-z]\)|[-–—•*])(?:\s|$)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of lines that read as one paragraph."""
    out: list[tuple[int, int]] = []
    previous = ""
    for line in LINE.finditer(text):
        gap = text[out[-1][1] : line.start()] if out else ""
        if out and gap.count("\n") == 1 and runs_on(previous, line.group()):
            out[-1] = (out[-1][0], line.end())
        else:
            out.append((line.start(), line.end()))
        previous = line.group()
    return out


def runs_on(line: str, following: str) -> bool:
    """Whether a line is cut inside a sentence that the next line goes on with."""
    if not line.strip() or CLOSED.search(line) or OPENS_ITEM.match(following):
        return False
    last, first = line.split()[-1], following.lstrip()[:1]
    if _quote_left_open(line):
        return True
    # a lower-case word or a number at the cut: «от 8 | апреля», «постановление | Губернатора»
    return (
        last[-1:].islower()
        or last[-1:].isdigit()
        or first.islower()
        or first.isdigit()
        or _caps(line, following)
    )


def _caps(line: str, following: str) -> bool:
    """Two upper-case lines of one heading: «ПОСТАНОВЛЕНИЕ ГУБЕРНАТОРА | ЗАБАЙКАЛЬСКОГО КРАЯ»."""
    words = re.findall(r"[А-ЯЁа-яё]{2,}", line)
    after = re.findall(r"[А-ЯЁа-яё]{2,}", following)
    return len(words) >= 2 and bool(after) and all(w.isupper() for w in words + after[:1])


def _quote_left_open(line: str) -> bool:
    """A «…» or "…" opened on the line and not closed there."""
    return line.count("«") > line.count("»") or line.count('"') % 2 == 1
