"""The infinitive predicates of a directive unit, their objects, and one clause per predicate."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.data.lexicon import infinitive_nouns
from pipeline.nlp.morph import parse
from pipeline.nlp.syntax import feat, is_infinitive

CLAUSE_JOINERS = {",", "и", "а", "также", "а также", ";", "—", "-", "или"}
OBJECT_STOP = {";", ":"}
MAX_OBJECT = 25
SUBORDINATORS = {"быть", "что", "чтобы", "если", "когда", "который"}
LIGHT_OBJECTS = {"сила"}  # «признать утратившими силу: 1) постановление …» — the list holds the object
LIST_MARKERS = {"—", "–", "-", ")", "•"}


@dataclass(frozen=True)
class Predicate:
    """An action verb and its object phrase (token lists)."""

    verb: object
    object: list


def find_predicates(tokens: list, exclude: set[int], future: int | None = None) -> list[Predicate]:
    """Infinitives of the unit that are predicates (not a noun's complement), with their objects; `future`
    is the auxiliary of a future that directs («комиссии будут устанавливать»)."""
    verbs = [
        t
        for t in tokens
        if is_infinitive(t)
        and t.i not in exclude
        and not _noun_complement(t)
        and (not _subordinate(t) or future is not None and t.i == tokens[0].doc[future].head.i)
    ]
    span_ids = {t.i for t in tokens}
    out = []
    for k, verb in enumerate(verbs):
        obj = _object(verb, span_ids)
        if not obj or obj[-1].lemma_ in LIGHT_OBJECTS:
            after = obj[-1] if obj else verb
            obj = (
                _shared_object(verb, verbs[k + 1 :], span_ids)
                or _listed_object(verb, span_ids)
                or _next_noun_object(after, span_ids)
                or obj
            )
        if not obj:
            obj = _next_noun_object(verb, span_ids) or _object_before(verb, tokens)
        out.append(Predicate(verb, obj))
    return out


def _subordinate(token) -> bool:
    """«что будет способствовать», «чтобы обеспечить»: a future or a purpose, not a directed action; nor
    an infinitive in a relative clause («учреждений, которым разрешено осуществлять трансплантацию»)."""
    if any(c.dep_ in ("aux", "mark") and c.lemma_ in SUBORDINATORS for c in token.children):
        return True
    head = token.head
    return head.i != token.i and head.pos_ != "NOUN" and any(c.lemma_ == "который" for c in head.children)


def _noun_complement(token) -> bool:
    """«возможность обратиться»: an infinitive hanging on a noun of ability or intent is no action."""
    return token.head.pos_ in ("NOUN", "PROPN") and token.head.lemma_ in infinitive_nouns()


def _object(verb, span_ids: set[int]) -> list:
    """The direct object's phrase: the `obj` subtree (an `iobj` or `ccomp` one when there is none), cut at a
    clause boundary."""
    children = sorted(verb.children, key=lambda c: c.dep_ != "obj")  # «выделить Министерству … 20 миллионов»
    for child in children:
        if child.dep_ in ("obj", "iobj", "ccomp") and child.i in span_ids and child.i > verb.i:
            if child.pos_ in ("ADJ", "DET") or feat(child, "VerbForm") == "Part":
                child = _noun_after(child, span_ids) or child  # «прилагаемые Правила»: the noun heads it
            return _cut(verb.doc, child, span_ids)
    return []


def _noun_after(modifier, span_ids: set[int]):
    """The noun an adjective or participle leads up to, within a few words."""
    for t in modifier.doc[modifier.i + 1 : modifier.i + 4]:
        if t.i not in span_ids or t.is_punct:
            return None
        if t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


def _shared_object(verb, later: list, span_ids: set[int]) -> list:
    """«разработать и утвердить концепцию»: the next verb, joined by «и» or a comma, lends its object."""
    doc = verb.doc
    for other in later[:1]:
        between = [t for t in doc[verb.i + 1 : other.i] if not t.is_space]
        if len(between) <= 2 and all(t.pos_ in ("CCONJ", "PUNCT") for t in between):
            return _object(other, span_ids) or _shared_object(other, later[1:], span_ids)
    return []


def _listed_object(verb, span_ids: set[int]) -> list:
    """«Утвердить:\n— Порядок …;»: the first listed item after a colon is the object."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i in span_ids and doc[i].text != ":" and i - verb.i < 6:
        i += 1
    if i >= len(doc) or doc[i].text != ":":
        return []
    out = []
    for t in doc[i + 1 :]:
        if t.is_space or (not out and (t.text in LIST_MARKERS or t.like_num)):
            if out and "\n" in t.text:
                break
            continue
        if t.i not in span_ids or t.text in ";." or len(out) >= MAX_OBJECT:
            break
        out.append(t)
    return out


def _object_before(verb, tokens: list) -> list:
    """«Контроль за исполнением … возложить на …»: the object opens the unit, before its only verb."""
    before = [t for t in tokens if t.i < verb.i]
    if not before or before[0].pos_ not in ("NOUN", "PROPN") or feat(before[0], "Case") not in ("Nom", "Acc"):
        return []
    if any(is_infinitive(t) or t.pos_ == "VERB" for t in before):
        return []
    return before


def _next_noun_object(verb, span_ids: set[int]) -> list:
    """A noun in the accusative (or nominative) right after the verb, when the parser gave no `obj`."""
    doc = verb.doc
    for t in doc[verb.i + 1 : min(verb.i + 6, len(doc))]:
        if t.i not in span_ids or t.pos_ in ("ADP", "PUNCT", "VERB") or is_infinitive(t):
            return []
        if t.pos_ in ("NOUN", "PROPN") and feat(t, "Case") in ("Acc", "Nom"):
            return _cut(doc, t, span_ids)
    return []


def _cut(doc, head, span_ids: set[int]) -> list:
    out = []
    for t in doc[head.i : head.right_edge.i + 1]:
        if t.i not in span_ids or t.text in OBJECT_STOP or is_infinitive(t) or len(out) >= MAX_OBJECT:
            break
        if t.text == "," and t.i + 1 < len(doc) and _opens_clause(doc[t.i + 1]):
            break
        if not t.is_space:
            out.append(t)
    while out and out[-1].pos_ in ("PUNCT", "CCONJ", "ADP") and out[-1].text not in ')»"':
        out.pop()
    if out and out[-1].i == len(doc) - 1 and out[-1].is_alpha and not parse(out[-1].lower_)[0].is_known:
        out.pop()  # the excerpt stops mid-word: «принять соотв»
    return _balanced(out)


def _balanced(tokens: list) -> list:
    """Drop a closing quote or bracket whose opening lies outside the phrase."""
    for close, opening in (("»", "«"), (")", "(")):
        if tokens and tokens[-1].text == close and not any(t.text == opening for t in tokens):
            tokens = tokens[:-1]
    return tokens


def _opens_clause(token) -> bool:
    return feat(token, "VerbForm") in ("Part", "Conv") or token.lower_ in ("включая", "что", "который", "а")


def clause_bounds(unit_start: int, unit_end: int, verbs: list) -> list[tuple[int, int]]:
    """Character spans, one clause per verb: each runs up to the joiner before the next verb."""
    if not verbs:
        return [(unit_start, unit_end)]
    doc = verbs[0].doc
    starts = [unit_start] + [_clause_start(v) for v in verbs[1:]]
    bounds = []
    for k, start in enumerate(starts):
        end = _clause_end(doc, starts[k + 1]) if k + 1 < len(starts) else unit_end
        bounds.append((start, max(end, start)))
    return bounds


def _clause_start(verb) -> int:
    """A later verb's clause starts at the verb itself (its joiner belongs to no clause)."""
    return verb.idx


def _clause_end(doc, next_start: int) -> int:
    """End the clause before the joiners that precede the next clause's verb."""
    i = doc.char_span(next_start, next_start + 1, alignment_mode="expand").start - 1
    while i >= 0 and (doc[i].is_space or doc[i].lower_ in CLAUSE_JOINERS or doc[i].pos_ == "PUNCT"):
        i -= 1
    return doc[i].idx + len(doc[i]) if i >= 0 else next_start
