"""Stage 3, extract: a `Document`, its `Structure` and its parsed spaCy `Doc` in, an `Extraction` out."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.dates.deadline import find_deadline
from pipeline.dates.mentions import find_dates
from pipeline.extract.actions import clause_bounds, find_predicates
from pipeline.extract.actors import addressee_chunks, coactor_chunks, subject_chunks
from pipeline.extract.candidates import candidates
from pipeline.extract.context import Context, clause_row, link_organisation
from pipeline.extract.directives import LEAD_PUNCT, Directive, cut_off, find_directive
from pipeline.extract.inherited import Inherited
from pipeline.extract.persons import find_persons, find_quotes, unique_persons
from pipeline.extract.plan_cells import CellRows
from pipeline.extract.plan_rows import read_header
from pipeline.extract.plan_units import add_plan_row, table_cell
from pipeline.extract.roles import signature_start
from pipeline.nlp.inflect import nominative
from pipeline.nlp.syntax import has_words, span_text, words
from pipeline.organizations.abbreviations import find_abbreviations, first_definitions
from pipeline.organizations.registry import country_of
from pipeline.records import (
    Action,
    Addressee,
    Document,
    Entity,
    Extraction,
    Quote,
    Unit,
)
from pipeline.references.acts import resolve_acts
from pipeline.references.citations import citations
from pipeline.segment.structure import Structure


def extract_document(document: Document, structure: Structure, doc) -> Extraction:
    """Directive units with addressees, actions, clauses, deadlines; references, entities, persons."""
    text = document.text
    defined = find_abbreviations(text)
    ctx = Context(document, doc, country_of(text), first_definitions(defined))
    out = Extraction(
        document=document,
        sections=structure.sections,
        recommendations=[],
        clauses=[],
        addressees=[],
        actions=[],
        legal_refs=[],
        entities=[],
        persons=[],
        quotes=[],
    )
    _read_units(ctx, out, structure)
    aliases = [(a.short, a.start, a.end) for a in defined]
    refs = citations(document, out.recommendations, ctx.abbreviations)
    out.document, out.legal_refs, out.acts = resolve_acts(document, refs, ctx.country, aliases)
    out.entities = _entities(ctx)
    persons = find_persons(doc)
    out.persons = unique_persons(document.doc_id, persons)
    out.quotes = [
        Quote(doc_id=document.doc_id, speaker=q.speaker, text=q.text, start=q.start, end=q.end)
        for q in find_quotes(text, persons)
    ]
    return out


def _read_units(ctx: Context, out: Extraction, structure: Structure) -> None:
    """Every candidate stretch read in order, with what it inherits from the lines above it."""
    text, doc = ctx.document.text, ctx.doc
    inherited, cells, columns = Inherited(), CellRows(), None
    for start, end, block in candidates(structure, text):
        end = signature_start(text, start, end)  # a signature block ends the last unit
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not has_words(span):
            continue
        if block.kind != "item" and table_cell(ctx, out, cells, start, end):
            continue
        cells.close_row()
        if block.kind != "item":
            columns = read_header(text[start:end]) or columns
            cells.see(text[start:end])
        if columns and block.kind == "item" and text.count("|", start, end) >= columns.width - 2:
            add_plan_row(ctx, out, block, start, end, columns)
            continue
        directive = find_directive(span)
        if directive is None and inherited.read(span, block):
            continue
        if directive is None and block.kind == "item":
            directive = cut_off(span)
        directive = inherited.directive_for(span, block, directive)
        if directive is not None and cells.active and block.kind == "item":
            directive = replace(directive, modality="instruction")  # a measure of a plan
            cells.open_row()
        if directive is not None:
            _add_unit(ctx, out, block, span, directive)


def _add_unit(ctx: Context, out: Extraction, block, span, directive: Directive) -> None:
    doc_id = ctx.document.doc_id
    rec_id = f"{doc_id}:{len(out.recommendations) + 1}"
    toks = words(span)
    while len(toks) > 1 and toks[0].text in LEAD_PUNCT:
        toks = toks[1:]  # «- Руководителям …»: a bullet is no part of the unit
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = ctx.document.text[start:end]
    trigger = ctx.doc[directive.trigger].text if directive.trigger is not None else None
    out.recommendations.append(
        Unit(
            rec_id=rec_id,
            doc_id=doc_id,
            section=block.section,
            item=block.item if block.kind == "item" else None,
            text=text,
            modality=directive.modality,
            deadline=find_deadline(QUOTED.sub(_blank, text)),  # «… на период с 2002 по 2007 годы»: a title's
            trigger=trigger,
            start=start,
            end=end,
        )
    )
    actors = _actors(ctx, rec_id, toks, directive)
    out.addressees.extend(actors)
    _add_actions(ctx, out, rec_id, toks, directive, actors)


def _add_actions(
    ctx: Context, out: Extraction, rec_id: str, toks: list, directive: Directive, actors
) -> None:
    """The unit's predicates (not its trigger, not inside its actors) as actions, one clause each."""
    doc_id, start, end = ctx.document.doc_id, toks[0].idx, toks[-1].idx + len(toks[-1])
    exclude = set() if directive.trigger_is_action or directive.trigger is None else {directive.trigger}
    exclude |= {i for a in actors for i in range(*_token_range(ctx.doc, a))}
    future = (
        directive.trigger
        if directive.trigger is not None and ctx.doc[directive.trigger].lemma_ == "быть"
        else None
    )
    predicates = find_predicates(toks, exclude, future)
    bounds = clause_bounds(start, end, [p.verb for p in predicates])
    for k, (c0, c1) in enumerate(bounds, 1):
        out.clauses.append(clause_row(ctx.document.text, doc_id, rec_id, k, c0, c1))
    for k, p in enumerate(predicates, 1):
        obj = _text(ctx.document.text, p.object) if p.object else None
        out.actions.append(
            Action(
                rec_id=rec_id,
                clause_id=f"{rec_id}:{k}",
                doc_id=doc_id,
                verb=p.verb.text,
                lemma=p.verb.lemma_,
                object=obj,
                start=p.verb.idx,
                end=p.verb.idx + len(p.verb),
            )
        )


def _actors(ctx: Context, rec_id: str, toks: list, directive: Directive) -> list[Addressee]:
    chunks: list[tuple[str, list, list, bool]] = []  # role, tokens, words lent by ellipsis, to inflect
    if directive.region:
        a, b = directive.region
        region = [ctx.doc[i] for i in range(a, b) if not ctx.doc[i].is_space]
        chunks += [("addressee", c, lead, True) for c, lead in addressee_chunks(region)]
    if directive.subject is not None:  # the subject of «обязаны» stands in the nominative already
        chunks += [("addressee", c, lead, False) for c, lead in subject_chunks(ctx.doc, directive.subject)]
    chunks += [("co_actor", c, [], True) for c, _ in coactor_chunks(toks)]
    out, seen = [], set()
    for role, chunk, lead, inflect in chunks:
        if not chunk or (chunk[0].i, chunk[-1].i) in seen:
            continue
        seen.add((chunk[0].i, chunk[-1].i))
        parts = sorted((c for c in (lead, chunk) if c), key=lambda c: c[0].i)  # a lent head stands before
        name = (
            nominative([t for c in parts for t in c])
            if inflect
            else " ".join(_text(ctx.document.text, c) for c in parts)
        )
        normalized = TRAILING_ASIDE.sub("", name)  # «… области (ТФОМС)»: the name
        out.append(
            Addressee(
                rec_id=rec_id,
                doc_id=ctx.document.doc_id,
                role=role,
                text=_text(ctx.document.text, chunk),
                normalized=normalized,
                entity_id=link_organisation(ctx, normalized),
                start=chunk[0].idx,
                end=chunk[-1].idx + len(chunk[-1]),
            )
        )
    return out


def _token_range(doc, addressee: Addressee) -> tuple[int, int]:
    span = doc.char_span(addressee.start, addressee.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _text(text: str, tokens: list) -> str:
    return text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)$")
QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|\"[^\"\n]*\"|“[^“”]*”")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _entities(ctx: Context) -> list[Entity]:
    doc_id = ctx.document.doc_id
    out = []
    for span in ctx.doc.spans["ner"]:
        toks = words(span)
        if not toks:
            continue
        normalized = nominative(toks)
        entity_id = link_organisation(ctx, normalized) if span.label_ == "ORG" else None
        out.append(
            Entity(
                doc_id=doc_id,
                start=span.start_char,
                end=span.end_char,
                text=span_text(span),
                label=span.label_,
                normalized=normalized,
                entity_id=entity_id,
            )
        )
    for d in find_dates(ctx.document.text):
        out.append(
            Entity(
                doc_id=doc_id,
                start=d.start,
                end=d.end,
                text=d.text,
                label="DATE",
                normalized=d.iso,
                entity_id=None,
            )
        )
    return sorted(out, key=lambda e: (e.start, e.end, e.label))
