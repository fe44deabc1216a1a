"""The recognizer finds what yargy's tree parser finds: the same spans, the same chosen matches and trees;
the parse read off its chart is the tree yargy would pick."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from yargy import Parser
from yargy.span import resolve_spans
from yargy.tree import Leaf

from pipeline.paths import RAW
from pipeline.references.derivation import first_parses
from pipeline.references.find import _windows
from pipeline.references.grammar import parser
from pipeline.segment.lines import paragraphs
from tests.references.test_references import REFERENCE_WORDS
from tests.strategies import THOROUGH, phrases

REAL = Path(__file__).parents[1] / "data" / "real"


def _fingerprint(matches) -> list[tuple]:
    """What find.py reads of a match: its span, its tokens and the spans of the fact's attributes."""
    out = []
    for m in matches:
        fact = m.tree.interpret().fact
        attributes = sorted(
            (key, tuple(tuple(s) for s in fact.attributes[key].spans)) for key in fact.modified
        )
        out.append((tuple(m.span), tuple(t.value for t in m.tokens), tuple(attributes)))
    return out


def _windows_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[lo:hi] for start, end in paragraphs(text) for lo, hi in _windows(text, start, end)]


def _tree_findall(text: str) -> list:
    """yargy's own findall: every match read from the tree chart."""
    return list(Parser.findall(parser(), text))


@pytest.mark.parametrize(
    "path", sorted(RAW.glob("*.txt"))[:4] + sorted(REAL.glob("*.txt"))[:8], ids=lambda p: p.stem
)
def test_two_passes_match_the_tree_parser_on_real_documents(path: Path) -> None:
    windows = _windows_of(path)
    assert windows
    for window in windows:
        assert _fingerprint(parser().findall(window)) == _fingerprint(_tree_findall(window))


def test_spans_are_those_the_tree_chart_completes() -> None:
    text = (
        "В соответствии с постановлением Правительства КР от 19 февраля 2019 года № 64 «О мерах» и Законом КР"
    )
    p = parser()
    tokens = list(p.tagger(p.tokenizer(text)))
    tree_spans = {tuple(state.range) for column in p.chart(text).columns for state in column.matches(p.rule)}
    assert p.recognizer.spans(p.recognizer.chart(tokens)) == tree_spans
    assert len(tree_spans) >= 2


@THOROUGH
@given(phrases(REFERENCE_WORDS))
def test_two_passes_match_the_tree_parser_on_any_phrase(text: str) -> None:
    assert _fingerprint(parser().findall(text)) == _fingerprint(_tree_findall(text))


def _shape(node) -> tuple:
    """A parse tree as nested (rule, rank, children), leaves as their token's span."""
    if isinstance(node, Leaf):
        return (tuple(node.token.span), node.token.value)
    return (id(node.rule), node.rank, tuple(_shape(child) for child in node.children))


@pytest.mark.parametrize("path", sorted(REAL.glob("*.txt"))[8:16], ids=lambda p: p.stem)
def test_the_parse_read_off_the_chart_is_the_tree_yargy_picks(path: Path) -> None:
    p = parser()
    derived = 0
    for window in _windows_of(path):
        tokens = list(p.tagger(p.tokenizer(window)))
        chart = p.recognizer.chart(tokens)
        first_parse = first_parses(p.recognizer, chart, tokens)
        spans = sorted(p.recognizer.spans(chart), key=lambda span: (span[0], -span[1]))
        for start, stop in resolve_spans(spans):
            match = first_parse(start, stop)
            assert match is not None
            useful = p.recognizer.useful(chart, start, stop)
            tree = p._tree_match(tokens[start:stop], useful)
            assert _shape(match.tree.root) == _shape(tree.tree.root)
            derived += 1
    assert derived > 0
