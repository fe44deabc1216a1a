"""Which reference mentions of a document are citations: not its own heading or subject line, not what it
approves or where it was published, not its own short names for acts; each tied to its directive unit."""

from __future__ import annotations

import re
from dataclasses import asdict

from pipeline.data.lexicon import act_types, not_references
from pipeline.nlp.morph import lemmatize
from pipeline.records import Document, Reference, Unit
from pipeline.references.find import find_references


def citations(document: Document, units: list[Unit], abbreviations: dict[str, str]) -> list[Reference]:
    """The document's legal references that cite something, each tied to the unit it stands in."""
    out = []
    short_names = {_lemma_key(short) for short in abbreviations if not short.isupper()}
    found = [
        r
        for r in find_references(document.text)
        if not _self_reference(document, r) and not _cites_nothing(document.text, r, short_names)
    ]
    for k, r in enumerate(found, 1):
        rec = next((u.rec_id for u in units if u.start <= r.start < u.end), None)
        out.append(
            Reference(ref_id=f"{document.doc_id}:ref:{k}", doc_id=document.doc_id, rec_id=rec, **asdict(r))
        )
    return out


HEADER_CHARS = 400


def _cites_nothing(text: str, ref, short_names: set[str] = frozenset()) -> bool:
    """Approved annexes, publication sources, curricula (pipeline/data/not_references.tsv), and the short
    name a text gives itself an act («(далее – Комплексный план)») used again."""
    if _lemma_key(ref.text) in short_names or re.search(
        r"далее\s*[-–—]?\s*$", text[max(0, ref.start - 12) : ref.start]
    ):
        return True
    before = text[max(0, ref.start - 60) : ref.start]
    if _own_heading(text, ref):
        return True
    return any(p.search(before if where == "before" else ref.text) for where, p in not_references())


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[«»\"“”]", " ", text).lower().split())


def _own_heading(text: str, ref) -> bool:
    """«ПЛАН\nмероприятий …», «ПРОГРАММА …» opening a line in capitals, with no date or number: the heading of
    the text itself or of its annex."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    first = ref.text.split()[0]
    return (
        not text[line_start : ref.start].strip(" »«>|-–—•*\t")  # a breadcrumb's arrows stand before it
        and len(first) > 1
        and first.isupper()
        and ref.date is None
        and ref.number is None
        and ref.ref_type not in ("generic", "international", "constitution")
    )


def _lemma_key(text: str) -> str:
    return " ".join(lemmatize(text))


def _self_reference(document: Document, ref) -> bool:
    """The act's own heading («ПОСТАНОВЛЕНИЕ … от 3 апреля 2023 года № 187») cites nothing."""
    if document.number and ref.number == document.number and (ref.date in (None, document.date)):
        return True
    title = document.title or ""
    at = document.text.find(title) if re.match(r"(?:О|Об|Обо)\s", title) else -1
    if document.doc_type != "news" and at >= 0 and at <= ref.start < at + len(title):
        # «О Программе развития …»: the act's own subject line; not «О внесении изменений в постановление …»
        if re.fullmatch(r"(?:О|Об|Обо)\s+[«\"“]?", document.text[at : ref.start], re.IGNORECASE):
            return True
    # a number or date of its own, other than the document's, makes it another act («В соответствии с
    # постановлением администрации … от 25 декабря 2019 года № 520-а» in the preamble)
    other = (document.number and ref.number not in (None, document.number)) or (
        document.date and ref.date not in (None, document.date)
    )
    if (
        ref.title
        and title
        and not other
        and ref.number is None
        and _folded(title).startswith(_folded(ref.title))
    ):
        return True  # «Приказ об утверждении стандарта …» repeating the act's own title
    untitled = ref.title is None or ref.title == document.title
    heading = any(a.ref_type == ref.ref_type and a.doc_type == document.doc_type for a in act_types())
    return ref.start < HEADER_CHARS and untitled and heading and not other
