"""The act a document itself is, from its heading, and which of its mentions name it (its heading, an annex
stamp «Приложение к приказу …», its own title): read by the resolver (`references.acts`)."""

from __future__ import annotations

from pipeline.data.lexicon import act_types
from pipeline.records import Document, Reference
from pipeline.references.drafts import ActDraft, unnamed, unnamed_generic
from pipeline.references.find import find_references
from pipeline.references.identity import is_prefix, mention_kind, number_key, title_stems

HEADER_CHARS = 400  # where a document's own heading stands


def own_act(document: Document, country: str | None) -> ActDraft | None:
    """The act the document itself is, from its header: type, date, number, title (news is no act)."""
    if document.doc_type == "news" or not (document.number or document.date or document.title):
        return None
    head = [r for r in find_references(document.text[:HEADER_CHARS]) if _may_be_own(document, r)]
    typed = [a.ref_type for a in act_types() if a.doc_type == document.doc_type]
    ref_type = head[0].ref_type if head else (typed[0] if typed else document.doc_type)
    own = ActDraft(ref_type, own=True)
    jur = (head[0].jurisdiction if head else None) or country
    own.add(None, document.title, document.date, document.number, head[0].issuer if head else None, jur)
    return own


def _opens(document: Document, ref) -> bool:
    """Whether a mention opens the document (its heading: «Распоряжение Президента …»)."""
    return not document.text[: ref.start].strip()


def _may_be_own(document: Document, ref) -> bool:
    """A heading mention that agrees with the document's date and number and makes its type of document (or
    opens the document); unnamed legislation («Законодательство о …» opening an article) is no heading."""
    if mention_kind(ref.text, ref.ref_type) == "generic":
        return False
    number = ref.number is None or number_key(ref.number) == number_key(document.number)
    agrees = number and ref.date in (None, document.date)
    makes = any(a.ref_type == ref.ref_type and a.doc_type == document.doc_type for a in act_types())
    return agrees and (makes or bool(ref.number) or _opens(document, ref))


def is_own(own: ActDraft | None, document: Document, ref: Reference, cue: str) -> bool:
    """Whether a mention names the document itself: its number, its title, or an annex stamp of its type."""
    if own is None or own.conflicts(ref) or unnamed_generic(ref):
        return False
    same_type = ref.ref_type == own.ref_type
    if ref.number and document.number:
        return same_type or ref.date == document.date
    stems, own_stems = title_stems(ref.title), title_stems(document.title)
    if stems and (stems == own_stems or (len(stems) > 1 and same_type and is_prefix(stems, own_stems))):
        return True  # «Приказ об утверждении стандарта» in a page's breadcrumb of the order
    if ref.date and document.date and not ref.number and not document.number:
        return same_type
    return same_type and ((cue == "self" and unnamed(ref)) or _opens(document, ref))
