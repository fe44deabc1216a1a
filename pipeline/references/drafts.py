"""An act being assembled from its mentions within one document, and whether a mention names it: what the
resolver (`references.acts`) builds its acts from."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.records import Reference
from pipeline.references.identity import (
    act_kind,
    is_cut_prefix,
    is_prefix,
    label,
    label_key,
    mention_kind,
    number_key,
    title_stems,
)

PROGRAMME_KINDS = frozenset({"programme", "name"})  # kinds whose short forms are their name's first words
CUT_STEMS = 4  # a title cut off by the end of the text opens a longer one when it keeps this many words


@dataclass(eq=False)  # two acts are the same only when they are one object
class ActDraft:
    """An act being assembled from its mentions."""

    ref_type: str
    own: bool = False
    mentions: list[Reference] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    """Label keys of its unnamed mentions and of the short names the text defines for it."""

    def add(self, ref: Reference | None, title=None, date=None, number=None, issuer=None, jur=None) -> None:
        """Take a mention's (or the heading's) fields."""
        if ref is not None:
            self.mentions.append(ref)
            title, date, number = ref.title, ref.date, ref.number
            issuer, jur = ref.issuer, ref.jurisdiction
            self.labels.append(label(ref.text, ref.ref_type))
        if title_stems(title):  # a title with words in it
            self.titles.append(title)
        for values, value in ((self.dates, date), (self.issuers, issuer)):
            if value:
                values.append(value)
        if number:
            self.numbers.append(number)
        if jur:
            self.jurisdictions.append(jur)

    def conflicts(self, ref: Reference) -> bool:
        """A number or date of the mention's own that the act does not have."""
        numbers = {number_key(n) for n in self.numbers}
        return bool(
            (ref.number and numbers and number_key(ref.number) not in numbers)
            or (ref.date and self.dates and ref.date not in self.dates)
        )

    def absorb(self, other: ActDraft) -> None:
        """Take another act's mentions and fields: the two were one act."""
        for name in ("mentions", "titles", "labels", "dates", "numbers", "issuers", "jurisdictions"):
            getattr(self, name).extend(getattr(other, name))
        self.keys |= other.keys


def unnamed(ref: Reference) -> bool:
    """A mention with no title, date or number: «постановлением Губернатора»."""
    return not (ref.title or ref.date or ref.number)


def names_act(act: ActDraft, ref: Reference, cut: bool = False) -> bool:
    """Whether a mention names this (not the document's own) act; a `cut` mention (the text ends inside it)
    may name it by the first words of its title."""
    if act.conflicts(ref):
        return False
    if label_key(ref.text, ref.ref_type) in act.keys:
        return True
    if unnamed(ref) or act.ref_type != ref.ref_type:
        return False
    if ref.number and number_key(ref.number) in {number_key(n) for n in act.numbers}:
        return True
    stems = title_stems(ref.title)
    if not stems:
        return False
    if any(title_stems(t) == stems for t in act.titles):
        return True
    if cut and len(stems) >= CUT_STEMS and any(is_cut_prefix(stems, title_stems(t)) for t in act.titles):
        return True
    short = act_kind(ref.ref_type) in PROGRAMME_KINDS and not ref.number and not ref.date
    return short and any(
        is_prefix(stems, title_stems(t)) or is_prefix(title_stems(t), stems) for t in act.titles
    )


def unnamed_generic(ref: Reference) -> bool:
    """«законодательство», «НПА», «международный договор»: legislation no title, date or number names."""
    return unnamed(ref) and mention_kind(ref.text, ref.ref_type) == "generic"
