"""Titles left open: a «…» that the excerpt cuts off or whose closing quote the source lost."""

from __future__ import annotations


def open_title(text: str, at: int, limit: int) -> tuple[int, int] | None:
    """The span of a «title» that opens at `at` (after spaces) and is not closed before `limit`, its
    paragraph's end: a title cut by the end of the excerpt or missing its closing quote. It runs to an
    aside in brackets («(далее - …)») or to the limit.

    >>> text = "Закону № 4 «О краевой программе «Предупреждение заболевани"
    >>> a, b = open_title(text, 10, len(text)); text[a:b]
    'О краевой программе «Предупреждение заболевани'
    """
    quote = at + len(text[at:limit]) - len(text[at:limit].lstrip())
    if quote >= limit or text[quote] not in '«"“':
        return None
    rest = text[quote:limit]
    closed = rest.count('"') % 2 == 0 if text[quote] == '"' else _closes_within(rest)
    if closed:
        return None
    aside = rest.find(" (")
    end = quote + (aside if aside > 0 else len(rest))
    while end > quote + 1 and not text[end - 1].isalnum():
        end -= 1
    return (quote + 1, end) if end > quote + 1 else None


def _closes_within(rest: str) -> bool:
    """Whether the «…» or “…” opening the string closes within it."""
    opening, closing = ("«", "»") if rest[0] == "«" else ("“", "”")
    depth = 0
    for ch in rest:
        depth += (ch == opening) - (ch == closing)
        if depth == 0:
            return True
    return False
