"""The parsing machinery under the reference grammar: tokenizer, cached morphology, Earley parser.

The tokenizer reads a whole date (``pipeline.dates.mentions.DATE``) as one DATE token and a hyphenated word
(«медико-санитарных») as one RU token; words are analysed by the project's pymorphy3 (yargy itself
ships pymorphy2) with a per-form cache.

Finding references runs in two passes (``recognizer``): a chart without trees says where matches begin and
end, yargy's own choice of non-overlapping spans is applied, and the parse yargy would pick for each chosen
span is read off that chart (``derivation``). yargy's tree parser, run on the span alone and building only the
states that lie on a parse of it, stays as the check (tests/references) and the fallback should the
derivation ever find no parse.
"""

from __future__ import annotations

from functools import lru_cache

from yargy import Parser
from yargy.morph import MorphAnalyzer, prepare_form
from yargy.parser import Chart, State, prepare_match, prepare_trees
from yargy.rule.bnf import is_rule
from yargy.span import resolve_spans
from yargy.tokenizer import RULES, MorphTokenizer, TokenRule
from yargy.tree import Node

from pipeline.dates.mentions import DATE
from pipeline.nlp.morph import analyzer, parse
from pipeline.references.derivation import first_parses
from pipeline.references.recognizer import PrunedColumn, Recognizer

# Russian letters plus the Kazakh and Kyrgyz ones that appear in numbers («№ ҚР ДСМ-175/2020»).
LETTERS = "а-яёәғқңөұүһі"


class CachedMorph(MorphAnalyzer):
    """yargy's analyser over the project's pymorphy3 (yargy ships pymorphy2), cached per form."""

    def __init__(self) -> None:
        super().__init__(raw=analyzer())

    def __call__(self, word: str) -> list:
        return _forms(word.lower())


@lru_cache(maxsize=200_000)
def _forms(word: str) -> list:
    """yargy forms of a lower-cased word."""
    return [prepare_form(p) for p in parse(word)]


@lru_cache(maxsize=1)
def tokenizer() -> MorphTokenizer:
    """The shared tokenizer: a date is one DATE token, a hyphenated word one RU token; a line break is a
    space (pipeline/segment/lines.py joins the lines of a paragraph)."""
    extra = [TokenRule("DATE", DATE.pattern), TokenRule("RU", rf"[{LETTERS}]+(?:-[{LETTERS}]+)*")]
    rules = extra + [r for r in RULES if r.type not in ("RU", "EOL")]
    return MorphTokenizer(rules=rules, morph=CachedMorph())


class RefParser(Parser):
    """yargy's Earley parser with two changes: one correctness fix and one lookahead.

    * Late parents of an optional rule completed empty are advanced too. Without this «A? B? C» misses
      «A C»: a nullable rule completed in a column before another parent predicted it there never
      advances that parent (https://github.com/natasha/yargy/issues/37, Earley's nullable bug; the
      remedy is Aycock and Horspool's: complete it again on prediction).
    * A production whose first term is a predicate is predicted only if the next token satisfies it,
      and the top rule only before a token that can open a reference (``starts``); yargy predicts every
      production of the grammar at every token, which made 100 KB take ~16 s.
    """

    def __init__(self, top, starts=None) -> None:
        super().__init__(top, tokenizer=tokenizer())
        self.starts = starts or (lambda token: True)
        self.recognizer = Recognizer(self.rule, self.starts)

    def findall(self, text: str):
        """yargy's non-overlapping matches of the rule in a text, found by the recognizer first."""
        tokens = list(self.tagger(self.tokenizer(text)))
        states = self.recognizer.chart(tokens)
        spans = sorted(self.recognizer.spans(states), key=lambda span: (span[0], -span[1]))
        first_parse = first_parses(self.recognizer, states, tokens)
        for start, stop in resolve_spans(spans):
            match = first_parse(start, stop)
            if match is None:
                match = self._tree_match(tokens[start:stop], self.recognizer.useful(states, start, stop))
            if match is not None:
                yield match

    def _tree_match(self, tokens: list, useful: list[set]):
        """The match yargy picks among the parses of exactly these tokens (building only useful states)."""
        chart = Chart(tokens)
        chart.columns = [PrunedColumn(c, a) for c, a in zip(chart.columns, useful, strict=True)]
        chart = self._fill(chart, all=False)
        for tree in sorted(prepare_trees(chart.last_column.matches(self.rule))):
            match = prepare_match(tree)
            if match is not None:
                return match
        return None

    def chart(self, text: str, all: bool = True) -> Chart:
        return self._fill(Chart(self.tagger(self.tokenizer(text))), all)

    def _fill(self, chart: Chart, all: bool) -> Chart:
        for column, next_column in chart:
            if next_column and (column.first or all) and self.starts(next_column.token):
                self.predict(column, next_column, self.rule)
            for state in column:
                if state.completed:
                    self.complete(column, state)
                elif is_rule(state.next_term):
                    self.predict(column, next_column, state.next_term)
                elif next_column:
                    self.scan(next_column, state.next_term, state)
        return chart

    def complete(self, column, completed) -> None:
        if completed.start_column is column:
            column.__dict__.setdefault("empties", {}).setdefault(id(completed.rule), []).append(completed)
        super().complete(column, completed)

    def predict(self, column, next_column, rule) -> None:
        token = next_column.token if next_column else None
        allowed = getattr(column, "allowed", None)
        for index, production in enumerate(rule.productions):
            if allowed is not None and (id(rule), id(production), 0, column.index) not in allowed:
                continue
            terms = production.terms
            if terms and (token is None or (not is_rule(terms[0]) and not terms[0](token))):
                continue
            node = Node(rule, production, rank=index, children=[])
            column.append(State(rule, production, 0, column, column, node))
        for state in column.__dict__.get("empties", {}).get(id(rule), ()):
            super().complete(column, state)
