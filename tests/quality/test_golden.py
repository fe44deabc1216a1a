"""Golden outputs for whole corpus documents: one sorted line per finding, reviewed like code.

Rewrite them with `pytest tests/quality/test_golden.py --update-golden` after a deliberate change, and read
the diff.
"""

from __future__ import annotations

import pytest

from tests.conftest import RAW, TESTS

GOLDEN = TESTS / "golden"
DOC_IDS = sorted(p.stem for p in RAW.rglob("*.txt"))


def golden_lines(extraction) -> list[str]:
    """`start end group LABEL text → normal` for every unit, actor, action, reference, person and quote."""
    text = extraction.document.text
    rows = [
        (u.start, u.end, "unit", u.modality, f"item={u.item} deadline={u.deadline}")
        for u in extraction.recommendations
    ]
    rows += [(a.start, a.end, a.role, a.entity_id or "-", a.normalized) for a in extraction.addressees]
    rows += [(a.start, a.end, "action", a.lemma, a.object) for a in extraction.actions]
    rows += [
        (r.start, r.end, "legal_ref", r.ref_type, f"{r.title} | {r.date} | {r.number} | {r.jurisdiction}")
        for r in extraction.legal_refs
    ]
    rows += [(p.start, p.end, "person", "PER", f"{p.name} | {p.role}") for p in extraction.persons]
    rows += [(q.start, q.end, "quote", "-", q.speaker) for q in extraction.quotes]
    d = extraction.document
    head = [f"# {d.doc_id} {d.doc_type} date={d.date} place={d.place} number={d.number} title={d.title}"]
    body = [f"{s} {e} {g} {label} {_short(text[s:e])} → {normal}" for s, e, g, label, normal in sorted(rows)]
    return head + body


def _short(span: str) -> str:
    span = " ".join(span.split())
    return span if len(span) <= 80 else span[:77] + "..."


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_golden_document(doc_id: str, extractions: dict, update_golden: bool) -> None:
    got = "\n".join(golden_lines(extractions[doc_id])) + "\n"
    path = GOLDEN / f"{doc_id}.txt"
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"no golden file {path}: write it with --update-golden, then review it like code")
    assert got == path.read_text(encoding="utf-8")
