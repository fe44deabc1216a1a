"""Scoring act identity and relations: matched (gold, predicted) reference pairs of one document in,
`relation` and `act_merge` accuracies out (corpus/gold/README.md: «act», «relation»).

Act merging is scored on pairs of matched mentions: a pair is right when gold puts both mentions in one act
exactly when the dataset gives them one act_id. Optional gold mentions count too: short repeats are where
merging is hard.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from pipeline.evaluation.match import Accuracy

Pair = tuple[dict[str, Any], dict[str, Any]]


def score_relations(s: Any, pairs: list[Pair]) -> None:
    """Relation accuracy on matched references whose gold gives one."""
    for g, p in pairs:
        if g.get("relation"):
            s.label("relation", g["relation"], p.get("relation"), g["text"])


def _pred_act(p: dict[str, Any]) -> Any:
    """A mention's predicted act (a mention with none is an act of its own)."""
    return p.get("act_id") or ("ref", p.get("ref_id"), id(p))


def act_groups(pairs: list[Pair]) -> dict[str, list[dict[str, Any]]]:
    """Each gold act of a document with its matched mentions and the act_id the dataset gave each: the
    per-document detail of act merging (an act split in the dataset shows two ids)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for g, p in pairs:
        if g.get("act"):
            groups.setdefault(g["act"], []).append({"text": g["text"], "act_id": p.get("act_id")})
    return groups


def score_act_merge(s: Any, pairs: list[Pair]) -> None:
    """Pairs of matched mentions with gold acts: same gold act ⇔ same predicted act_id."""
    keyed = [(g, p) for g, p in pairs if g.get("act")]
    s.acts = act_groups(pairs)
    for (g1, p1), (g2, p2) in combinations(keyed, 2):
        same_gold, same_pred = g1["act"] == g2["act"], _pred_act(p1) == _pred_act(p2)
        s.acc["act_merge"].add(Accuracy(int(same_gold == same_pred), 1))
        if same_gold != same_pred:
            kind = "split" if same_gold else "merged"
            s.error("act_merge", kind, [g1["text"], g2["text"]], [p1.get("act_id"), p2.get("act_id")])
