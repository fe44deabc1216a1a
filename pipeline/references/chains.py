"""What references take from each other. Acts cited by date and number after another act: the members of an
amendment chain («постановления … от 10.09.2021 № 42, от 13.01.2022 № 1», «в ред. федеральных законов от … №
…, от … № …») and the acts an edition note names («с изменениями от 21.11.2024 № 1198», «с дополнениями от
…»). Each member is an act of its own, of the kind and issuer of the act it follows. Mentions coordinated
with one that names a jurisdiction share it.

>>> from pipeline.references.find import find_references
>>> text = "постановления Правительства от 10 сентября 2021 года № 42, от 13 января 2022 года № 1"
>>> [(r.text[:15], r.number) for r in find_references(text)]
[('постановления П', '42'), ('от 13 января 20', '1')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.dates.mentions import DATE, parse_date

# Between two members: a comma or «и», with a bracketed aside before it («(зарегистрирован …)»).
ASIDE = r"(?:\s*\([^()\n]*\))?"
LINK = re.compile(rf"{ASIDE}\s*(?:,|\bи\b)\s*(?:\(\s*)?")
# An edition note: «с изменениями от», «(с дополнениями от», «в редакции от».
EDITION = re.compile(
    rf"{ASIDE}\s*(?:,\s*)?\(?\s*(?:с\s+|в\s+)?(?P<noun>(?:изменени|дополнени)[а-яё]*|ред\.|редакции)\s+(?=от\b)",
    re.IGNORECASE,
)
MEMBER = re.compile(
    rf"(?:от\s+)?(?P<date>{DATE.pattern})\s*,?\s*(?:№|N)\s*(?P<number>\w(?:[\w\-/.]*\w)?)",
    re.IGNORECASE,
)


def chained(text: str, found: list) -> list:
    """The members of the chains that follow the references found (not those already found)."""
    out = []
    taken = [(r.start, r.end) for r in found]
    for ref in found:
        if ref.date is None and ref.number is None:
            continue
        at = ref.end
        while (member := _next_member(text, at)) is not None:
            start, end, date, number = member
            if any(a < end and start < b for a, b in taken):
                break
            out.append(
                replace(
                    ref,
                    start=start,
                    end=end,
                    text=text[start:end],
                    title=None,
                    date=date,
                    number=number,
                    jurisdiction=None,  # marked on the act the chain follows, not on the member
                    article=None,
                )
            )
            taken.append((start, end))
            at = end
    return out


def follows(text: str, previous, ref) -> bool:
    """Whether a reference is a member of the chain the previous one opens, joined to it by a comma or «и»
    (not a new act an edition note names: «с изменениями от …» relates on its own)."""
    link = LINK.match(text, previous.end)
    return link is not None and link.end() == ref.start and MEMBER.fullmatch(ref.text) is not None


def _next_member(text: str, at: int) -> tuple[int, int, str | None, str] | None:
    """(start, end, ISO date, number) of the chain member right after `at`, or None."""
    for joiner in (EDITION, LINK):
        link = joiner.match(text, at)
        if link is None:
            continue
        member = MEMBER.match(text, link.end())
        if member is None:
            continue
        start = link.start("noun") if "noun" in joiner.groupindex else member.start()
        return start, member.end(), parse_date(member.group("date")), member.group("number")
    return None


def shared_marks(text: str, found: list) -> list:
    """«Конституцией и законодательством Республики Беларусь»: a mention coordinated with the next one takes
    the jurisdiction that ends it."""
    out = list(found)
    for k, (a, b) in enumerate(zip(found, found[1:], strict=False)):
        between = text[a.end : b.start]
        if a.jurisdiction or not b.jurisdiction or not re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", between):
            continue
        out[k] = replace(a, jurisdiction=b.jurisdiction)
    return out
