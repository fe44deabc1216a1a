"""Which act each reference mention of a document stands for, and how it relates to it: a document's
Reference rows in, the same rows with `act_id` and `relation`, the document with its own `act_id` and one
`Act` row per act out. Ids are local to the document («<doc_id>:act:<n>», the document's own act n = 0);
the store stage makes them corpus-wide (`pipeline.store.acts`).

Mentions are one act when they share kind and number, or kind and title (a country named either way, a
title the end of the text cuts off), or when a later one is a short form of an earlier programme's name
(«Национального плана» of «Национальный план действий …») or a short name the text defines («(далее –
Стратегия)»); numbers, dates or a programme's years that differ keep acts apart. Unnamed legislation
(«законодательство», «НПА») is one act with a mention of the same subject or a bare repeat in its sentence,
and is the one act the document repeals or amends when it describes it. The relation comes from the cue words
(`references.relations`); an edition note's mention also gets `edition_of`, the act it says was changed.
"""

from __future__ import annotations

import dataclasses

from pipeline.records import Act, Document, Reference
from pipeline.references.chains import edition_note, follows, noted_act
from pipeline.references.drafts import ActDraft, names_act, unnamed, unnamed_generic
from pipeline.references.identity import act_kind, commonest, head_key, label_key, subject_of
from pipeline.references.own_act import is_own, own_act
from pipeline.references.relations import clause_start, relation_cue, reported, under_stamp

NEARBY = 20  # earlier mentions whose quotations may still be open where a mention stands


def _aliases(refs: list[Reference], aliases: list[tuple[str, int, int]]) -> dict[int, set[str]]:
    """Mention index → label keys of the short names defined right after it («… (далее – Программа)»)."""
    out: dict[int, set[str]] = {}
    for short, start, end in aliases:
        for i, ref in enumerate(refs):
            if start <= ref.start < end and ref.end <= end:
                out.setdefault(i, set()).add(label_key(short, ref.ref_type))
                break
    return out


def _latest_named(acts: list[ActDraft], ref: Reference, cut: bool) -> ActDraft | None:
    """The latest act a mention names, if any does."""
    return next((a for a in reversed(acts) if not a.own and names_act(a, ref, cut)), None)


def _generic_act(text: str, seen: list[tuple[Reference, ActDraft, tuple]], ref: Reference) -> ActDraft | None:
    """The act unnamed legislation repeats: that of the same subject («законодательство о донорстве …»), or,
    for a bare repeat, the bare mention before it in its sentence whose words it opens («… международным
    договором Республики …, то применяются правила международного договора»). Bare repeats further apart
    («НПА» in one item and another) are acts of their own."""
    subject, head = subject_of(text, ref.end), head_key(ref.text, ref.ref_type)
    for r, act, subj in reversed(seen):
        if r.ref_type != ref.ref_type or head_key(r.text, r.ref_type) != head:
            continue
        if subject:
            if subj == subject:
                return act
            continue
        if clause_start(text, ref.start) > r.start:
            return None
        if not subj and label_key(r.text, r.ref_type).startswith(label_key(ref.text, ref.ref_type)):
            return act
    return None


def _cue(document: Document, refs: list[Reference], i: int, placed: list[tuple[ActDraft, str]]) -> str:
    """The relation the words around the i-th mention give it; a chain member's is the act's it follows
    («… № 42, от 13.01.2022 № 1»); a form («согласно форме № 7») is no basis, nor is what a report tells."""
    text, ref = document.text, refs[i]
    if i and placed and follows(text, refs[i - 1], ref):
        return placed[-1][1]
    earlier = [(r.start, r.end) for r in refs[max(0, i - NEARBY) : i]]
    cue = relation_cue(text, ref.start, ref.end, earlier, document.title)
    if cue in ("basis", "implements") and (
        act_kind(ref.ref_type) == "form" or reported(text, ref.start, ref.end)
    ):
        return "mentions"
    return cue


def _act_for(document: Document, acts: list[ActDraft], seen: list, ref: Reference, cue: str) -> ActDraft:
    """The act a mention names: the document's own, one named before, or a new one (appended to `acts`)."""
    own = acts[0] if acts and acts[0].own else None
    if is_own(own, document, ref, cue):
        return own
    if unnamed_generic(ref):
        keyed = label_key(ref.text, ref.ref_type)  # a short name the text defines for it
        act = next((a for a in reversed(acts) if not a.own and keyed in a.keys), None)
        act = act or _generic_act(document.text, seen, ref)
    else:
        act = _latest_named(acts, ref, cut=not document.text[ref.end :].strip())
    if act is None:
        act = ActDraft(ref.ref_type)
        acts.append(act)
    if unnamed_generic(ref):
        seen.append((ref, act, subject_of(document.text, ref.end)))
    return act


def _described(acts: list[ActDraft], placed: list[tuple[ActDraft, str]]) -> list[tuple[ActDraft, str]]:
    """Legislation the document repeals or amends by description («Признание утратившими силу некоторых
    законодательных актов») is the one act it names as repealed or amended, when it names exactly one."""
    for relation in ("repeals", "amends"):
        acts_of = {id(a): a for a, r in placed if r == relation and not a.own}
        vague = [a for a in acts_of.values() if all(unnamed_generic(m) for m in a.mentions)]
        named = [a for a in acts_of.values() if a not in vague]
        if not vague or len(named) != 1:
            continue
        for act in vague:
            named[0].absorb(act)
            acts.remove(act)
        placed = [(named[0] if a in vague else a, r) for a, r in placed]
    return placed


def _annex_headings(document: Document, refs: list[Reference], placed: list) -> list[tuple[ActDraft, str]]:
    """A mention with no cue heading an annex under the document's approval stamp («Утверждены
    постановлением … № 98\n\nСанитарные нормы и правила …») names what the document approves."""
    out = list(placed)
    for i, (ref, (act, relation)) in enumerate(zip(refs, placed, strict=True)):
        if relation != "mentions":
            continue
        stamp = under_stamp(document.text, ref.start, document.number)
        if stamp is not None and all(placed[j][0].own for j in range(i) if refs[j].start >= stamp):
            out[i] = (act, "approves")
    return out


def _editions(
    document: Document, refs: list[Reference], placed: list, own: ActDraft | None
) -> list[ActDraft | None]:
    """Each mention's noted act: the act an edition note naming it is about (the document's own act for a
    note on a line of its own), None for a mention that is no edition note."""
    out: list[ActDraft | None] = []
    for k, ref in enumerate(refs):
        if k and out[-1] is not None and follows(document.text, refs[k - 1], ref):
            out.append(out[-1])
            continue
        at = noted_act(document.text, refs, k) if edition_note(document.text, ref) else None
        out.append(own if at == -1 else placed[at][0] if at is not None else None)
    return out


def resolve_acts(
    document: Document, refs: list[Reference], country: str | None, aliases: list[tuple[str, int, int]]
) -> tuple[Document, list[Reference], list[Act]]:
    """The document with its own act, its references with act and relation, and its acts.

    `country` stands in for a jurisdiction no mention marks; `aliases` are the (short name, start, end)
    definitions the text makes, end the closing bracket.
    """
    own = own_act(document, country)
    acts: list[ActDraft] = [own] if own else []
    defined = _aliases(refs, aliases)
    placed: list[tuple[ActDraft, str]] = []
    seen: list[tuple[Reference, ActDraft, tuple]] = []
    for i, ref in enumerate(refs):
        cue = _cue(document, refs, i, placed)
        act = _act_for(document, acts, seen, ref, cue)
        act.add(ref)
        named = unnamed(ref) and not unnamed_generic(ref)
        act.keys |= defined.get(i, set()) | ({label_key(ref.text, ref.ref_type)} if named else set())
        placed.append((act, "self" if act.own else "mentions" if cue == "self" else cue))
    placed = _annex_headings(document, refs, _described(acts, placed))
    ids = {id(a): f"{document.doc_id}:act:{n if own else n + 1}" for n, a in enumerate(acts)}
    noted = _editions(document, refs, placed, own)
    rows = [_act_row(ids[id(a)], a, country) for a in acts]
    out = [
        dataclasses.replace(r, act_id=ids[id(a)], relation=rel, edition_of=ids[id(x)] if x else None)
        for r, (a, rel), x in zip(refs, placed, noted, strict=True)
    ]
    return dataclasses.replace(document, act_id=ids[id(own)] if own else None), out, rows


def _act_row(act_id: str, act: ActDraft, country: str | None) -> Act:
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
