"""A recognizer for the reference grammar: where yargy's parser would find matches, without building trees.

yargy's Earley parser keeps a parse tree in every chart state, so every way of reading an ambiguous stretch
is a state of its own, and every optional part of the grammar is predicted, and dies, at every token. The
recognizer runs the same chart over the same grammar with one state per (rule, production, dot, start) and
no trees, predicting a production only when the next token can open it (first sets), which says where
matches begin and end. For a span yargy would choose, ``useful`` then names the states that lie on a parse
of that span, and ``PrunedColumn`` keeps the tree parser to those: it builds the same trees, and no others.
The same lookahead, the same top-rule starts and the same remedy for nullable rules as
``pipeline.references.parser.RefParser``, so both find the same spans (tests/references compare them).
"""

from __future__ import annotations

from yargy.parser import Column
from yargy.predicates.bank import DictionaryPredicate
from yargy.rule.bnf import is_rule
from yargy.token import is_morph_token

Item = tuple[int, int, int, int]  # rule, production, dot, start column


class Recognizer:
    """The chart of ``RefParser`` without trees: one state per (rule, production, dot, start), so it says
    which spans the top rule matches, at a fraction of the cost. The same lookahead, the same top-rule
    starts and the same remedy for nullable rules, so it finds exactly the spans the tree parser finds."""

    def __init__(self, top, starts) -> None:
        index: dict[int, int] = {}
        rules = []
        stack = [top]
        while stack:
            rule = stack.pop()
            if id(rule) in index:
                continue
            index[id(rule)] = len(rules)
            rules.append(rule)
            stack.extend(t for p in rule.productions for t in p.terms if is_rule(t))
        self.rules = rules  # by number: the top rule is 0
        self.related = any(rule.relation for rule in rules)  # agreement relations (gnc_relation …) in use
        # A term is a rule's number (int) or a predicate.
        self.productions = [
            [tuple(index[id(t)] if is_rule(t) else t for t in p.terms) for p in rule.productions]
            for rule in rules
        ]
        self.ids = [(id(rule), [id(p) for p in rule.productions]) for rule in rules]
        # Per rule, production and dot: the rule the state waits for, or -1 (a predicate next, or complete).
        self.waits = [
            [[t if type(t) is int else -1 for t in terms] + [-1] for terms in productions]
            for productions in self.productions
        ]
        self.starts = starts
        self.facts: dict[tuple[str, str], TokenFacts] = {}  # what is known of a token, by value and type
        # Productions by what may open them, so that a prediction tests few: empty ones (predicted even at the
        # end), nullable ones (always), the others by their first predicates: dictionaries by word, the rest
        # by test. A production no first predicate of which holds for the next token can never match.
        nullable = self._nullable()
        first = self._first(nullable)
        self.empty: list[list[int]] = [[] for _ in rules]
        self.always: list[list[int]] = [[] for _ in rules]
        self.by_word: list[dict[str, list[int]]] = [{} for _ in rules]
        self.by_test: list[dict[int, tuple[object, list[int]]]] = [{} for _ in rules]
        for r, productions in enumerate(self.productions):
            for number, terms in enumerate(productions):
                if not terms:
                    self.empty[r].append(number)
                    continue
                if type(terms[0]) is int and self._opens_empty(terms, nullable):
                    self.always[r].append(number)
                    continue
                for predicate in self._first_of(terms, first, nullable):
                    if type(predicate) is DictionaryPredicate:
                        for word in predicate.value:
                            self.by_word[r].setdefault(word, []).append(number)
                    else:
                        self.by_test[r].setdefault(id(predicate), (predicate, []))[1].append(number)

    def _nullable(self) -> set[int]:
        """Rules that can match no tokens."""
        found: set[int] = set()
        grew = True
        while grew:
            grew = False
            for r, productions in enumerate(self.productions):
                if r not in found and any(self._opens_empty(terms, found) for terms in productions):
                    found.add(r)
                    grew = True
        return found

    @staticmethod
    def _opens_empty(terms: tuple, nullable: set[int]) -> bool:
        """A production all of whose terms are nullable rules."""
        return all(type(t) is int and t in nullable for t in terms)

    def _first(self, nullable: set[int]) -> list[dict[int, object]]:
        """Per rule, the predicates a token must satisfy to open it (by id)."""
        first: list[dict[int, object]] = [{} for _ in self.productions]
        grew = True
        while grew:
            grew = False
            for r, productions in enumerate(self.productions):
                for terms in productions:
                    for predicate in self._first_of(terms, first, nullable):
                        if id(predicate) not in first[r]:
                            first[r][id(predicate)] = predicate
                            grew = True
        return first

    @staticmethod
    def _first_of(terms: tuple, first: list[dict[int, object]], nullable: set[int]) -> list:
        """The predicates that may open a sequence of terms."""
        out: list = []
        for term in terms:
            if type(term) is not int:
                out.append(term)
                return out
            out.extend(first[term].values())
            if term not in nullable:
                return out
        return out

    def spans(self, chart: list[RecognizerColumn]) -> set[tuple[int, int]]:
        """(start, stop) token positions of every match of the top rule in a chart."""
        return {(s, i) for i, column in enumerate(chart) for s in column.done.get(0, ())}

    def useful(self, chart: list[RecognizerColumn], start: int, stop: int) -> list[set]:
        """Per column of the span start..stop, the states of the tree parser (keyed by ids of rule and
        production, dot and start, counted from the span's start) that lie on some parse of the span by the
        top rule: the tree parser need build no others."""
        seen = [chart[i].seen for i in range(start, stop + 1)]
        complete: list[dict[int, list]] = [{} for _ in seen]
        for k in range(len(seen)):
            for r, p, d, s in chart[start + k].states:
                if s >= start and self._done(r, p, d):
                    complete[k].setdefault(r, []).append((r, p, d, s))
        last = stop - start
        marked: list[set] = [set() for _ in seen]
        todo = [(last, st) for st in complete[last].get(0, ()) if st[3] == start]
        for k, st in todo:
            marked[k].add(st)
        while todo:
            k, (r, p, d, s) = todo.pop()
            if d == 0:
                continue
            term = self.productions[r][p][d - 1]
            before = (r, p, d - 1, s)
            if type(term) is not int:
                found = [(k - 1, before)] if before in seen[k - 1] else []
            else:
                found = []
                for m in range(s - start, k + 1):
                    children = [c for c in complete[k].get(term, ()) if c[3] == start + m]
                    if children and before in seen[m]:
                        found += [(m, before)] + [(k, c) for c in children]
            for j, st in found:
                if st not in marked[j]:
                    marked[j].add(st)
                    todo.append((j, st))
        return [
            {(self.ids[r][0], self.ids[r][1][p], d, s - start) for r, p, d, s in column} for column in marked
        ]

    def _done(self, rule: int, production: int, dot: int) -> bool:
        return dot == len(self.productions[rule][production])

    def chart(self, tokens: list) -> list[RecognizerColumn]:
        """The columns, one per token and one after the last, filled: the top rule predicted at every token
        that may start it."""
        # Most columns hold no state (no reference is under way and none may start there): they are one shared
        # empty column, and a column is made when a state first enters it.
        columns: list[RecognizerColumn | None] = [None] * (len(tokens) + 1)
        for i, column in enumerate(columns):
            if column is None and i < len(tokens) and _facts_of(self, tokens[i]).starts:
                column = columns[i] = RecognizerColumn(self, i, tokens[i])
            if column is not None:
                column.fill(columns, tokens)
        return [column or EMPTY_COLUMN for column in columns]


MAX_FACTS = 20_000
"""Distinct tokens whose predicate results a recognizer keeps (then it starts afresh): about 25 MB."""


class TokenFacts:
    """What the grammar's predicates say of a token (its value and type: its forms follow from them)."""

    __slots__ = ("tested", "words", "starts", "openings")

    def __init__(self, token, starts) -> None:
        self.tested: dict[int, bool] = {}  # predicate id -> whether the token satisfies it
        self.words: set[str] | None = None  # the token's normal forms, when a dictionary asks
        self.starts = bool(starts(token))
        self.openings: dict[int, list[int]] = {}  # rule -> its productions that may open at the token


def _facts_of(grammar: Recognizer, token) -> TokenFacts:
    key = (token.value, token.type)
    facts = grammar.facts.get(key)
    if facts is None:
        if len(grammar.facts) >= MAX_FACTS:
            grammar.facts.clear()
        facts = grammar.facts[key] = TokenFacts(token, grammar.starts)
    return facts


class RecognizerColumn:
    """One column of the recognizer's chart, with what it caches about its next token."""

    __slots__ = (
        *("grammar", "index", "token", "states", "seen", "waiting"),
        *("facts", "predicted", "empties", "done"),
    )

    def __init__(self, grammar: Recognizer, index: int, token) -> None:
        self.grammar = grammar
        self.index = index
        self.token = token
        self.states: list[Item] = []
        self.seen: set[Item] = set()
        self.waiting: dict[int, list[Item]] = {}  # rule -> states whose next term it is
        self.facts = _facts_of(grammar, token) if token is not None else None
        self.predicted: set[int] = set()
        self.empties: set[int] = set()  # rules completed here without tokens
        self.done: dict[int, dict[int, list[int]]] = {}  # rule -> start -> productions completed here

    def add(self, state: Item) -> None:
        """A state, once; indexed by the rule it waits for."""
        if state in self.seen:
            return
        self.seen.add(state)
        self.states.append(state)
        waits = self.grammar.waits[state[0]][state[1]][state[2]]
        if waits >= 0:
            self.waiting.setdefault(waits, []).append(state)

    def holds(self, predicate) -> bool:
        """Whether the next token satisfies a predicate (asked once per distinct token)."""
        tested = self.facts.tested
        key = id(predicate)
        if key not in tested:
            tested[key] = bool(predicate(self.token))
        return tested[key]

    def predict(self, rule: int) -> None:
        """The productions of a rule that may open at the next token."""
        if rule in self.predicted:
            return
        self.predicted.add(rule)
        if self.token is None:
            numbers = self.grammar.empty[rule]
        else:
            numbers = self.facts.openings.get(rule)
            if numbers is None:
                numbers = self.facts.openings[rule] = self._openings(rule)
        index = self.index
        for number in numbers:
            self.add((rule, number, 0, index))

    def _openings(self, rule: int) -> list[int]:
        """The productions of a rule that may open at this column's token: empty, nullable, or opened by a
        predicate the token satisfies."""
        g = self.grammar
        numbers = [*g.empty[rule], *g.always[rule]]
        numbers += [n for test, ns in g.by_test[rule].values() if self.holds(test) for n in ns]
        by_word = g.by_word[rule]
        if by_word:
            facts = self.facts
            if facts.words is None:
                facts.words = _normal_forms(self.token)
            numbers += [n for word in facts.words for n in by_word.get(word, ())]
        return numbers

    def fill(self, columns: list[RecognizerColumn | None], tokens: list) -> None:
        """Complete, predict and scan until the column holds every state it can."""
        i, token = self.index, self.token
        if token is not None and self.facts.starts:
            self.predict(0)
        productions, add = self.grammar.productions, self.add
        for rule, production, dot, start in self.states:  # the list grows while it is read
            terms = productions[rule][production]
            if dot == len(terms):
                self.done.setdefault(rule, {}).setdefault(start, []).append(production)
                if start == i:
                    self.empties.add(rule)
                for parent in list(columns[start].waiting.get(rule, ())):
                    add((parent[0], parent[1], parent[2] + 1, parent[3]))
                continue
            term = terms[dot]
            if type(term) is int:
                self.predict(term)
                if term in self.empties:
                    add((rule, production, dot + 1, start))
            elif token is not None and self.holds(term):
                after = columns[i + 1]
                if after is None:
                    after = columns[i + 1] = RecognizerColumn(self.grammar, i + 1, _token_at(tokens, i + 1))
                after.add((rule, production, dot + 1, start))


def _token_at(tokens: list, i: int):
    return tokens[i] if i < len(tokens) else None


def _normal_forms(token) -> set[str]:
    """The normal forms a dictionary predicate looks up for a token."""
    if is_morph_token(token):
        return {form.normalized for form in token.forms}
    return {token.normalized}


EMPTY_COLUMN = RecognizerColumn.__new__(RecognizerColumn)
"""Every column that holds no state (read only)."""
EMPTY_COLUMN.states, EMPTY_COLUMN.seen, EMPTY_COLUMN.done = [], set(), {}


class PrunedColumn(Column):
    """A chart column that takes only the states it is told lie on a whole parse."""

    def __init__(self, column: Column, allowed: set) -> None:
        super().__init__(column.index, column.token)
        self.allowed = allowed

    def append(self, state) -> None:
        key = (id(state.rule), id(state.production), state.dot_index, state.start_column.index)
        if key in self.allowed:
            super().append(state)
