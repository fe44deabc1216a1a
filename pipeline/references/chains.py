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


# The words that open an edition note, right before the act it names («(в редакции постановления …»,
# «(в ред. Закона …», «с изменениями, внесенными приказом …»); a chain member may start with them.
NOTE = (
    r"(?:в\s+ред(?:\.|акции)|с\s+(?:изменени|дополнени)\w*(?:\s+и\s+(?:изменени|дополнени)\w*)?"
    r"(?:\s*,\s*внесенн\w*)?)"
)
NOTE_BEFORE = re.compile(rf"{NOTE}\s*$", re.IGNORECASE)
NOTE_OPENS = re.compile(r"(?:изменени|дополнени)\w*\s|ред(?:\.|акции)\s", re.IGNORECASE)
NOTE_GAP = re.compile(rf"{ASIDE}[\s,]*\(?\s*(?:{NOTE}|со?|в)?\s*", re.IGNORECASE)  # act … note … mention
NOTE_LINE = re.compile(rf"[\s(]*(?:{NOTE}|со?|в)?\s*", re.IGNORECASE)  # a note on a line of its own


def edition_note(text: str, ref) -> bool:
    """Whether a mention names the act of an edition note: the act that changed another («X (в редакции
    Y)»: Y changed X) or the document itself.

    >>> text = "Закон № 5 (в редакции Закона № 9)"
    >>> edition_note(text, type("R", (), {"start": 22, "text": "Закона № 9"}))
    True
    """
    return bool(NOTE_BEFORE.search(text, max(0, ref.start - 40), ref.start) or NOTE_OPENS.match(ref.text))


def noted_act(text: str, refs: list, k: int) -> int | None:
    """Which act an edition note (the k-th mention) is about: the index of the mention it follows («приказ №
    4 (зарегистрирован …) с дополнениями от …»), -1 for the document itself (a note on a line of its own:
    «…№ 360\n\n(В редакции постановлений …)»), None when it follows no act."""
    start = refs[k].start
    if NOTE_LINE.fullmatch(text, text.rfind("\n", 0, start) + 1, start):
        return -1
    return k - 1 if k and NOTE_GAP.fullmatch(text, refs[k - 1].end, start) else None
