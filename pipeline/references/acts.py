"""Which act each reference mention of a document stands for, and how it relates to it: a document's
Reference rows in, the same rows with `act_id` and `relation`, the document with its own `act_id` and one
`Act` row per act out. Ids are local to the document («<doc_id>:act:<n>», the document's own act n = 0);
the store stage makes them corpus-wide (`pipeline.store.acts`).

Mentions are one act when they share kind and number, or kind and title, or when a later one is a short
form of an earlier programme's name («Национального плана» of «Национальный план действий …») or a short
name the text defines («(далее – Стратегия)»); numbers or dates that differ always keep acts apart.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from pipeline.data.lexicon import act_types
from pipeline.records import Act, Document, Reference
from pipeline.references.chains import follows
from pipeline.references.find import find_references
from pipeline.references.identity import (
    act_kind,
    commonest,
    is_prefix,
    label,
    label_key,
    number_key,
    title_stems,
)
from pipeline.references.relations import relation_cue

HEADER_CHARS = 400  # where a document's own heading stands
PROGRAMME_KINDS = frozenset({"programme", "name"})  # kinds whose short forms are their name's first words


@dataclass
class _Act:
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


def _unnamed(ref: Reference) -> bool:
    """A mention with no title, date or number: «постановлением Губернатора»."""
    return not (ref.title or ref.date or ref.number)


def _same(act: _Act, ref: Reference) -> bool:
    """Whether a mention names this (not the document's own) act."""
    if act.conflicts(ref):
        return False
    if label_key(ref.text, ref.ref_type) in act.keys:
        return True
    if _unnamed(ref) or act.ref_type != ref.ref_type:
        return False
    if ref.number and number_key(ref.number) in {number_key(n) for n in act.numbers}:
        return True
    stems = title_stems(ref.title)
    if not stems:
        return False
    if any(title_stems(t) == stems for t in act.titles):
        return True
    short = act_kind(ref.ref_type) in PROGRAMME_KINDS and not ref.number and not ref.date
    return short and any(
        is_prefix(stems, title_stems(t)) or is_prefix(title_stems(t), stems) for t in act.titles
    )


def _own_act(document: Document, country: str | None) -> _Act | None:
    """The act the document itself is, from its header: type, date, number, title (news is no act)."""
    if document.doc_type == "news" or not (document.number or document.date or document.title):
        return None
    head = [r for r in find_references(document.text[:HEADER_CHARS]) if _may_be_own(document, r)]
    typed = [a.ref_type for a in act_types() if a.doc_type == document.doc_type]
    ref_type = head[0].ref_type if head else (typed[0] if typed else document.doc_type)
    own = _Act(ref_type, own=True)
    jur = (head[0].jurisdiction if head else None) or country
    own.add(None, document.title, document.date, document.number, head[0].issuer if head else None, jur)
    return own


def _opens(document: Document, ref) -> bool:
    """Whether a mention opens the document (its heading: «Распоряжение Президента …»)."""
    return not document.text[: ref.start].strip()


def _may_be_own(document: Document, ref) -> bool:
    """A heading mention that agrees with the document's date and number and makes its type of document (or
    opens the document)."""
    agrees = (ref.number is None or number_key(ref.number) == number_key(document.number)) and (
        ref.date in (None, document.date)
    )
    makes = any(a.ref_type == ref.ref_type and a.doc_type == document.doc_type for a in act_types())
    return agrees and (makes or bool(ref.number) or _opens(document, ref))


def _is_own(own: _Act | None, document: Document, ref: Reference, cue: str) -> bool:
    """Whether a mention names the document itself: its number, its title, or an annex stamp of its type."""
    if own is None or own.conflicts(ref):
        return False
    same_type = ref.ref_type == own.ref_type
    if ref.number and document.number:
        return same_type or ref.date == document.date
    stems, own_stems = title_stems(ref.title), title_stems(document.title)
    if stems and (stems == own_stems or (len(stems) > 1 and same_type and is_prefix(stems, own_stems))):
        return True  # «Приказ об утверждении стандарта» in a page's breadcrumb of the order
    if ref.date and document.date and not ref.number and not document.number:
        return same_type
    return same_type and ((cue == "self" and _unnamed(ref)) or _opens(document, ref))


def _aliases(refs: list[Reference], aliases: list[tuple[str, int, int]]) -> dict[int, set[str]]:
    """Mention index → label keys of the short names defined right after it («… (далее – Программа)»)."""
    out: dict[int, set[str]] = {}
    for short, start, end in aliases:
        for i, ref in enumerate(refs):
            if start <= ref.start < end and ref.end <= end:
                out.setdefault(i, set()).add(label_key(short, ref.ref_type))
                break
    return out


def _latest_named(acts: list[_Act], ref: Reference) -> _Act | None:
    """The latest act a mention names, if any does."""
    return next((a for a in reversed(acts) if not a.own and _same(a, ref)), None)


def resolve_acts(
    document: Document, refs: list[Reference], country: str | None, aliases: list[tuple[str, int, int]]
) -> tuple[Document, list[Reference], list[Act]]:
    """The document with its own act, its references with act and relation, and its acts.

    `country` stands in for a jurisdiction no mention marks; `aliases` are the (short name, start, end)
    definitions the text makes, end the closing bracket.
    """
    own = _own_act(document, country)
    acts: list[_Act] = [own] if own else []
    defined = _aliases(refs, aliases)
    placed: list[tuple[_Act, str]] = []
    for i, ref in enumerate(refs):
        cue = relation_cue(document.text, ref.start, ref.end)
        if i and placed and follows(document.text, refs[i - 1], ref):
            cue = placed[-1][1]  # «… № 42, от 13.01.2022 № 1»: a chain member relates as the act it follows
        if _is_own(own, document, ref, cue):
            act = own
        else:
            act = _latest_named(acts, ref)
            if act is None:
                act = _Act(ref.ref_type)
                acts.append(act)
        act.add(ref)
        act.keys |= defined.get(i, set()) | ({label_key(ref.text, ref.ref_type)} if _unnamed(ref) else set())
        placed.append((act, "self" if act.own else "mentions" if cue == "self" else cue))
    ids = {id(a): f"{document.doc_id}:act:{n if own else n + 1}" for n, a in enumerate(acts)}
    rows = [_act_row(ids[id(a)], a, country) for a in acts]
    out = [
        dataclasses.replace(r, act_id=ids[id(a)], relation=rel)
        for r, (a, rel) in zip(refs, placed, strict=True)
    ]
    return dataclasses.replace(document, act_id=ids[id(own)] if own else None), out, rows


def _act_row(act_id: str, act: _Act, country: str | None) -> Act:
    """The Act row of an assembled act: the fullest title seen, the most frequent fields."""
    title = max(act.titles, key=len) if act.titles else (max(act.labels, key=len) if act.labels else None)
    return Act(
        act_id=act_id,
        ref_type=act.ref_type,
        title=title,
        date=commonest(act.dates),
        number=commonest(act.numbers),
        issuer=commonest(act.issuers),
        jurisdiction=commonest(act.jurisdictions) or country,
        n_mentions=len(act.mentions),
        n_documents=1 if act.mentions else 0,
    )
