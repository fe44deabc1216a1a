"""The parse yargy would pick for a span, read off the recognizer's chart instead of built by its tree parser.

yargy's parser builds every parse of a span as a tree and sorts them: a root of a lower production rank
first, then child by child (leaves skipped), a lower rank first and equal ranks compared the same way down.
That order only looks at ranks, so the first tree can be built from the recognizer's states directly: per
rule and stretch of tokens its first production that completes there, per production the split of the
stretch among its terms whose children come first in that order. Two parses that tie in that order have
the same shape, hence the same leaves in the same places: they are one tree, so the order picks one parse.
"""

from __future__ import annotations

from yargy.parser import Match, prepare_match
from yargy.tree import Leaf, Node, Tree

from pipeline.references.recognizer import Recognizer, RecognizerColumn


class _Derivation:
    """The first parse of every (rule, start, stop) that a span needs, memoised."""

    def __init__(self, grammar: Recognizer, chart: list[RecognizerColumn], tokens: list) -> None:
        self.grammar = grammar
        self.chart = chart
        self.tokens = tokens
        self.memo: dict[tuple[int, int, int], Node | None] = {}

    def completed(self, rule: int, start: int, stop: int) -> list[int]:
        """Productions of a rule that the chart completes over start..stop, lowest rank first."""
        return sorted(self.chart[stop].done.get(rule, {}).get(start, ()))

    def node(self, rule: int, start: int, stop: int) -> Node | None:
        """The first parse of a rule over start..stop: its first production that completes there."""
        key = (rule, start, stop)
        if key not in self.memo:
            self.memo[key] = None  # a rule cannot derive itself over the same stretch in a first parse
            for production in self.completed(rule, start, stop):
                children = self.children(rule, production, start, stop)
                if children is not None:
                    self.memo[key] = Node(
                        self.grammar.rules[rule],
                        self.grammar.rules[rule].productions[production],
                        rank=production,
                        children=children,
                    )
                    break
        return self.memo[key]

    def children(self, rule: int, production: int, start: int, stop: int) -> list | None:
        """The children of a production over start..stop that come first in yargy's order."""
        terms = self.grammar.productions[rule][production]
        ends = self._ends(rule, production, start, stop)
        out: list = []
        at = start
        for m, term in enumerate(terms):
            if type(term) is not int:
                token = self.tokens[at]
                out.append(Leaf(term, term.constrain(token)))
                at += 1
                continue
            best: tuple[Node, int] | None = None
            for end in ends[m + 1]:
                if end < at:
                    continue
                child = (
                    self.node(term, at, end)
                    if (rule, production, m + 1, start) in self.chart[end].seen
                    else None
                )
                if child is None:
                    continue
                if best is None:
                    best = (child, end)
                    continue
                if _compare(child, best[0]) < 0:
                    best = (child, end)
            if best is None:
                return None
            out.append(best[0])
            at = best[1]
        return out if at == stop else None

    def _ends(self, rule: int, production: int, start: int, stop: int) -> list[set[int]]:
        """Per dot m, the columns where the first m terms can end such that the rest can still reach stop."""
        terms = self.grammar.productions[rule][production]
        ends: list[set[int]] = [set() for _ in range(len(terms) + 1)]
        ends[len(terms)] = {stop}
        for m in range(len(terms), 0, -1):
            term = terms[m - 1]
            state = (rule, production, m - 1, start)
            for end in ends[m]:
                if type(term) is int:
                    before = [x for x in self.chart[end].done.get(term, ()) if x >= start]
                else:
                    before = [end - 1] if end > start else []
                ends[m - 1].update(x for x in before if state in self.chart[x].seen)
        return ends


def _compare(a: Node, b: Node) -> int:
    """yargy's order of two parses of one rule (Node.__lt__ both ways): -1, 0 for a tie, 1."""
    if a is b:
        return 0
    if a.rank != b.rank:
        return -1 if a.rank < b.rank else 1
    for x, y in zip(a.children, b.children, strict=True):
        if isinstance(x, Leaf) or x is y:
            continue
        order = _compare(x, y)
        if order:
            return order
    return 0


def first_parses(grammar: Recognizer, chart: list[RecognizerColumn], tokens: list):
    """A function from a span (start, stop) of the chart's tokens to yargy's match over it (None if the chart
    holds no parse of it); the spans of one chart share what they derive."""
    derivation = _Derivation(grammar, chart, tokens)

    def first_parse(start: int, stop: int) -> Match | None:
        root = derivation.node(0, start, stop)
        if root is None:
            return None
        tree = Tree(root, (0, stop - start))
        # Without agreement relations in the grammar, yargy's relation pass keeps the tree as it is.
        return prepare_match(tree) if grammar.related else Match(tree.normalized)

    return first_parse
