"""Evaluate stage: scores data/dataset.sqlite against the gold annotations in corpus/gold (P/R/F1 per field).

The only pipeline code that reads gold; the matching rules are documented in corpus/gold/README.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import paths
from pipeline.evaluation import match as m
from pipeline.evaluation.acts import score_act_merge, score_relations
from pipeline.evaluation.io import (
    children_by_rec,
    format_report,
    load_gold,
    load_predictions,
    trained_items,
    validate_gold,
    write_metrics,
)

__all__ = ["GOLD_DIR", "evaluate", "format_report", "score_all", "trained_items", "write_metrics"]

GOLD_DIR = paths.CORPUS / "gold"
FIELDS = (
    "units modality section deadline addressees addressees_raw co_actors actions objects"
    " refs ref_date ref_number ref_title ref_jurisdiction ref_article ref_item persons roles quotes speakers"
    " doc_type doc_date doc_place doc_number doc_title"
).split()
ACCURACY_FIELDS = ("modality", "ref_type", "relation", "act_merge")
UNIT_MATCH, UNIT_SAME_ITEM = 0.8, 0.5  # prefix similarity to match on text alone / with the same item
QUOTE_SLACK = 20  # characters a predicted quote may carry before the gold start
META_RULES = {  # field: (column, normaliser, equality)
    "doc_type": ("doc_type", m.norm_text, None),
    "doc_date": ("date", m.norm_text, None),
    "doc_place": ("place", m.norm_place, None),
    "doc_number": ("number", m.norm_number, None),
    "doc_title": ("title", m.lemma_key, m.same_title),
}


@dataclass
class DocScore:
    """Tallies, accuracies and errors of one document."""

    doc_id: str
    tally: dict[str, m.Tally] = field(default_factory=lambda: defaultdict(m.Tally))
    acc: dict[str, m.Accuracy] = field(default_factory=lambda: defaultdict(m.Accuracy))
    confusion: Counter = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    acts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Gold act → its matched mentions with their predicted act_id (evaluation.acts.act_groups)."""
    trained: frozenset[str] = frozenset()
    """Items of this document the theme model was trained on: their themes are not scored."""

    def error(self, field_: str, kind: str, gold: Any = None, pred: Any = None, where: Any = None) -> None:
        """Record a mismatch (missed, spurious, wrong, unlocated); where = unit item, reference or name."""
        self.errors.append(
            {"doc_id": self.doc_id, "field": field_, "kind": kind, "where": where, "gold": gold, "pred": pred}
        )

    def value(self, field_: str, gold: Any, pred: Any, same: Any = None, where: Any = None) -> None:
        """Score one optional value and record it when wrong."""
        if not m.score_value(self.tally[field_], gold, pred, same):
            kind = "missed" if pred is None else "spurious" if gold is None else "wrong"
            show = [sorted(v) if isinstance(v, frozenset) else v for v in (gold, pred)]
            self.error(field_, kind, *show, where)

    def label(self, field_: str, gold: str, pred: Any, where: Any = None) -> None:
        """Score a label that is always given (accuracy on matched pairs)."""
        right = m.fold(gold) == m.fold(pred)
        self.acc[field_].add(m.Accuracy(int(right), 1))
        if not right:
            self.error(field_, "wrong", gold, pred, where)

    def bag(self, field_: str, gold: list[str], pred: list[str], where: Any = None) -> None:
        """Score two bags of strings and record what differs."""
        missed, spurious = m.score_multiset(self.tally[field_], gold, pred)
        for text in missed:
            self.error(field_, "missed", text, None, where)
        for text in spurious:
            self.error(field_, "spurious", None, text, where)


def _unit_score(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[bool, float] | None:
    """Match score of a gold and a predicted unit: same item first, then text-prefix similarity."""
    sim = m.prefix_similarity(m.unit_text(gold["text_start"]), m.unit_text(pred.get("text")))
    item = m.norm_item(gold.get("item"))
    same_item = item is not None and item == m.norm_item(pred.get("item"))
    if (same_item and sim >= UNIT_SAME_ITEM) or sim >= UNIT_MATCH:
        return same_item, sim
    return None


def _mentions(rows: list[dict[str, Any]], role: str | None = None) -> tuple[list[str], list[str]]:
    """Folded normalised names and folded raw texts of addressee rows of one role."""
    rows = [r for r in rows if role is None or r.get("role") == role]
    return [m.fold(r.get("normalized") or r.get("text")) for r in rows], [m.fold(r.get("text")) for r in rows]


def _score_actions(s: DocScore, gold: list[dict], pred: list[dict], item: Any) -> None:
    """Action lemmas as a bag; objects of actions paired by lemma (gold head lemma among predicted lemmas)."""
    s.bag("actions", [m.fold(a["lemma"]) for a in gold], [m.fold(a.get("lemma")) for a in pred], item)
    free = list(pred)
    for g in gold:
        p = next((p for p in free if m.fold(p.get("lemma")) == m.fold(g["lemma"])), None)
        if p is not None:
            free.remove(p)
            s.value("objects", m.head_lemma(g.get("object")), m.lemma_key(p.get("object")), m.head_in, item)


def _score_unit_pair(s: DocScore, g: dict[str, Any], p: dict[str, Any], kids: dict[str, dict]) -> None:
    """Score the fields of a matched unit."""
    item = g.get("item")
    s.label("modality", g["modality"], p.get("modality"), item)
    if m.norm_item(item) not in s.trained:
        s.label("theme", g["theme"], p.get("theme"), item)
        s.confusion[f"{g['theme']} -> {p.get('theme')}"] += g["theme"] != p.get("theme")
    s.value("section", m.norm_item(g.get("section")), m.norm_item(p.get("section")), where=item)
    s.value("deadline", m.norm_text(g.get("deadline")), m.norm_text(p.get("deadline")), where=item)
    addr = kids["addressees"].get(p.get("rec_id"), [])
    for role, key in (("addressee", "addressees"), ("co_actor", "co_actors")):
        gold_norm, gold_raw = _mentions(g.get(key, []))
        pred_norm, pred_raw = _mentions(addr, role)
        s.bag(key, gold_norm, pred_norm, item)
        if role == "addressee":
            s.bag("addressees_raw", gold_raw, pred_raw, item)
    _score_actions(s, g.get("actions", []), kids["actions"].get(p.get("rec_id"), []), item)


def score_units(s: DocScore, golds: list[dict], pred: dict[str, list[dict]]) -> dict[str, str | None]:
    """Match units one-to-one and score them; return the item of each predicted rec_id."""
    units = pred["recommendations"]
    kids = {t: children_by_rec(pred[t]) for t in ("addressees", "actions")}
    pairs, free_g, free_p = m.greedy_match(golds, units, _unit_score)
    pairs = [(i, j) for i, j in pairs if not golds[i].get("optional")]  # optional gold: not scored
    missed = [i for i in free_g if not golds[i].get("optional")]
    s.tally["units"].add(m.Tally(len(pairs), len(free_p), len(missed)))
    right = sum(m.fold(golds[i]["modality"]) == m.fold(units[j].get("modality")) for i, j in pairs)
    s.tally["modality"].add(
        m.Tally(right, len(pairs) + len(free_p) - right, len(pairs) + len(missed) - right)
    )
    for i, j in pairs:
        _score_unit_pair(s, golds[i], units[j], kids)
    for i in missed:
        s.error("units", "missed", golds[i]["text_start"], None, golds[i].get("item"))
    for j in free_p:
        s.error("units", "spurious", None, (units[j].get("text") or "")[:80], units[j].get("item"))
    return {u.get("rec_id"): m.norm_item(u.get("item")) for u in units}


def _with_spans(golds: list[dict], preds: list[dict], doc_text: str) -> tuple[list[dict], list[dict]]:
    """References with their '_span' in the document text (n-th repeat of a gold text → n-th hit)."""
    seen: Counter = Counter()
    spanned = []
    for g in golds:
        seen[m.fold(g["text"])] += 1
        span = m.locate(g["text"], doc_text, g.get("occurrence") or seen[m.fold(g["text"])])
        spanned.append({**g, "_span": span})
    own = [(p.get("start"), p.get("end")) for p in preds]
    spans = [(int(a), int(b)) if a is not None and b is not None else None for a, b in own]
    located = [sp or m.locate(p.get("text") or "", doc_text) for sp, p in zip(spans, preds, strict=True)]
    return spanned, [{**p, "_span": sp} for p, sp in zip(preds, located, strict=True)]


def _ref_score(g: dict[str, Any], p: dict[str, Any]) -> tuple[int, int] | None:
    """Match score of references: overlapping spans first, then the same title or number."""
    gs, ps = g["_span"], p["_span"]
    if gs and ps and min(gs[1], ps[1]) > max(gs[0], ps[0]):
        return 2, min(gs[1], ps[1]) - max(gs[0], ps[0])
    same_title = g.get("title") and m.fold(g.get("title")) == m.fold(p.get("title"))
    same_number = g.get("number") and m.norm_number(g.get("number")) == m.norm_number(p.get("number"))
    return (1, 0) if same_title or same_number else None


def _score_ref_pair(s: DocScore, g: dict[str, Any], p: dict[str, Any], rec_items: dict) -> None:
    """Score the fields of a matched reference."""
    where = g["text"]
    s.label("ref_type", g["ref_type"], p.get("ref_type"), where)
    s.value("ref_date", m.norm_text(g.get("date")), m.norm_text(p.get("date")), where=where)
    s.value("ref_number", m.norm_number(g.get("number")), m.norm_number(p.get("number")), where=where)
    s.value("ref_title", m.lemma_key(g.get("title")), m.lemma_key(p.get("title")), m.same_title, where)
    g_jur, p_jur = m.norm_text(g.get("jurisdiction")), m.norm_text(p.get("jurisdiction"))
    s.value("ref_jurisdiction", g_jur, p_jur, where=where)
    s.value("ref_article", m.norm_article(g.get("article")), m.norm_article(p.get("article")), where=where)
    s.value("ref_item", m.norm_item(g.get("item")), rec_items.get(p.get("rec_id")), where=where)


def score_refs(s: DocScore, golds: list[dict], preds: list[dict], doc_text: str, rec_items: dict) -> None:
    """Match references one-to-one by span overlap, else title/number, and score them."""
    golds, preds = _with_spans(golds, preds, doc_text)
    for g in golds:
        if g["_span"] is None and doc_text:
            s.error("refs", "unlocated", g["text"], None, g.get("item"))
    pairs, free_g, free_p = m.greedy_match(golds, preds, _ref_score)
    matched = [(golds[i], preds[j]) for i, j in pairs]
    score_relations(s, matched)
    score_act_merge(s, matched)
    pairs = [(i, j) for i, j in pairs if not golds[i].get("optional")]
    missed = [i for i in free_g if not golds[i].get("optional")]
    s.tally["refs"].add(m.Tally(len(pairs), len(free_p), len(missed)))
    for i, j in pairs:
        _score_ref_pair(s, golds[i], preds[j], rec_items)
    for i in missed:
        s.error("refs", "missed", golds[i]["text"], None, golds[i].get("item"))
    for j in free_p:
        s.error("refs", "spurious", None, preds[j].get("text"), rec_items.get(preds[j].get("rec_id")))


def _person_score(gold: dict[str, Any], pred: dict[str, Any]) -> int | None:
    """Match score of persons: the number of shared name tokens (None when the names differ)."""
    return m.names_match(gold["name"], pred.get("name")) or None


def score_persons(s: DocScore, golds: list[dict], preds: list[dict]) -> None:
    """Match distinct persons by name tokens and score their roles."""
    preds = m.distinct_persons(preds)
    pairs, free_g, free_p = m.greedy_match(golds, preds, _person_score)
    s.tally["persons"].add(m.Tally(len(pairs), len(free_p), len(free_g)))
    for i, j in pairs:
        g_role, p_role = m.lemma_key(golds[i].get("role")), m.lemma_key(preds[j].get("role"))
        s.value("roles", g_role, p_role, m.same_role, golds[i]["name"])
    for i in free_g:
        s.error("persons", "missed", golds[i]["name"])
    for j in free_p:
        s.error("persons", "spurious", None, preds[j].get("name"))


def _quote_score(g: dict[str, Any], p: dict[str, Any]) -> float | None:
    """Match score of quotes: the gold start inside the predicted quote's opening, or a similar prefix."""
    gs, ps = m.quote_text(g["text_start"]), m.quote_text(p.get("text"))
    if 0 <= ps.find(gs) <= QUOTE_SLACK:
        return 1.0
    sim = m.prefix_similarity(gs, ps)
    return sim if sim >= UNIT_MATCH else None


def score_quotes(s: DocScore, golds: list[dict], preds: list[dict]) -> None:
    """Match quotes by their text and score their speakers."""
    pairs, free_g, free_p = m.greedy_match(golds, preds, _quote_score)
    s.tally["quotes"].add(m.Tally(len(pairs), len(free_p), len(free_g)))
    for i, j in pairs:
        speaker = preds[j].get("speaker") or None
        s.value("speakers", golds[i].get("speaker"), speaker, m.same_person, golds[i]["text_start"])
    for i in free_g:
        s.error("quotes", "missed", golds[i]["text_start"])
    for j in free_p:
        s.error("quotes", "spurious", None, (preds[j].get("text") or "")[:80])


def score_meta(s: DocScore, meta: dict[str, Any], docs: list[dict]) -> None:
    """Score document metadata; a null gold value means not printed and is not scored."""
    if not docs:
        s.error("documents", "missing", s.doc_id)
    pred = docs[0] if docs else {}
    for name, (key, norm, same) in META_RULES.items():
        if meta.get(key) is not None:
            s.value(name, norm(meta[key]), norm(pred.get(key)), same)


def score_document(
    doc_id: str, gold: dict[str, Any], pred: dict[str, list[dict]], trained: frozenset[str] = frozenset()
) -> DocScore:
    """Every score of one document; `trained` items (in the theme model's training data) skip the theme."""
    s = DocScore(doc_id, trained=trained)
    doc_text = (pred["documents"][0].get("text") or "") if pred["documents"] else ""
    score_meta(s, gold["document"], pred["documents"])
    rec_items = score_units(s, gold["units"], pred)
    score_refs(s, gold["references"], pred["legal_refs"], doc_text, rec_items)
    score_persons(s, gold["persons"], pred["persons"])
    score_quotes(s, gold["quotes"], pred["quotes"])
    return s


def _summary(s: DocScore) -> dict[str, Any]:
    """P/R/F1 per field in a fixed order, accuracies and theme accuracy."""
    return {
        "overall": {f: s.tally.get(f, m.Tally()).as_dict() for f in FIELDS},
        "accuracy": {f: s.acc.get(f, m.Accuracy()).as_dict() for f in ACCURACY_FIELDS},
        "theme": {**s.acc.get("theme", m.Accuracy()).as_dict(), "confusion": dict(+s.confusion)},
    }


def evaluate(
    db_path: Path, gold_dir: Path = GOLD_DIR, trained: dict[str, frozenset[str]] | None = None
) -> dict[str, Any]:
    """Score the dataset against gold: micro-averaged P/R/F1 per field, per document, with errors.

    Themes are not scored on the units the theme model was trained on (`trained`, by default read from
    the model card): a memorised label says nothing about the classifier.
    """
    gold = load_gold(gold_dir)
    preds = load_predictions(db_path, list(gold))
    return score_all(gold, preds, trained_items() if trained is None else trained)


def score_all(
    gold: dict[str, dict[str, Any]],
    preds: dict[str, dict[str, list[dict[str, Any]]]],
    trained: dict[str, frozenset[str]] | None = None,
) -> dict[str, Any]:
    """Score predicted rows (table → rows, by doc_id, as `load_predictions` reads them) against gold: the
    report `evaluate` returns. Other extractors' rows are scored here too (tools/pullenti_baseline.py)."""
    trained = trained or {}
    scores = [score_document(d, gold[d], preds[d], trained.get(d, frozenset())) for d in gold]
    total = DocScore("*")
    for s in scores:
        for f, t in s.tally.items():
            total.tally[f].add(t)
        for f, a in s.acc.items():
            total.acc[f].add(a)
        total.confusion.update(s.confusion)
    return {
        **_summary(total),
        "documents": {s.doc_id: {**_summary(s), "acts": s.acts} for s in scores},
        "errors": [e for s in scores for e in s.errors],
        "gold_problems": validate_gold(gold),
        "n_documents": len(gold),
    }
