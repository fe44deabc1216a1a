"""natasha's models once per process, and a spaCy `Doc` built from their analysis of a text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data.lexicon import modal_stems
from pipeline.nlp.morph import parse
from pipeline.nlp.networks import Networks, Token
from pipeline.nlp.tag_checks import spacy_tags

# One BLAS thread per worker: the slovnet models are small, and threads only contend (issue 6).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")


@dataclass(frozen=True)
class Analysis:
    """natasha's analysis of one sentence; offsets are relative to the sentence text."""

    spans: list[tuple[int, int]]
    words: list[str]
    pos: list[str]
    feats: list[dict]
    heads: list[int]  # index of the head within the sentence; -1 for the root
    rels: list[str]
    ner: list[tuple[int, int, str]]


@lru_cache(maxsize=1)
def networks() -> Networks:
    """natasha's three networks driven directly, loaded once."""
    return Networks(*models())


@lru_cache(maxsize=1)
def models() -> tuple:
    """(morph tagger, syntax parser, NER tagger): loaded once, from the natasha wheel."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    emb = NewsEmbedding()
    return NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)


@lru_cache(maxsize=1)
def vocab():
    """The shared spaCy vocabulary of `spacy.blank("ru")`."""
    import spacy

    return spacy.blank("ru").vocab


def analyse(sentences: list[str]) -> list[Analysis]:
    """Morphology of every sentence; syntax where a directive can be, NER where a name can be.

    Sentences are batched by length (padding is the cost). The parser only serves directive units, which
    need an infinitive, and NER only finds capitalised names: skipping the rest saves a third of model time.
    The three networks run in step, one batch at a time, so their outputs never pile up (issue 13); NER
    reads the razdel tokens of the sentence as it stands, the other two `_model_words`. Identical feature
    sets and tags are shared between tokens.
    """
    from razdel import tokenize

    nets = networks()
    tokens = [[Token(t.start, t.stop, t.text) for t in tokenize(s)] for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: len(tokens[i]))
    words = [_model_words([w for _, _, w in tokens[i]]) for i in order]
    to_parse = [k for k, w in enumerate(words) if _may_direct(w)]
    to_tag = [k for k, w in enumerate(words) if _may_name(w)]
    tagged = nets.tags(words)
    parsed = nets.trees(words[k] for k in to_parse)
    found = nets.names(tokens[order[k]] for k in to_tag)
    parse_set, tag_set = set(to_parse), set(to_tag)
    out: list[Analysis | None] = [None] * len(sentences)
    for k, i in enumerate(order):
        n = len(words[k])
        tags = next(tagged)
        heads, rels = next(parsed) if k in parse_set else ([-1] * n, ["root"] * n)
        out[i] = Analysis(
            spans=[(a, b) for a, b, _ in tokens[i]],
            words=words[k],
            pos=[p for p, _ in tags],
            feats=[f for _, f in tags],
            heads=heads,
            rels=rels,
            ner=next(found) if k in tag_set else [],
        )
        tokens[i] = []  # the razdel tokens are copied into the analysis
    return out  # type: ignore[return-value]


def _may_direct(words: list[str]) -> bool:
    """A directive needs an infinitive, or a modal whose infinitives follow on the next lines («обязаны:»)."""
    return any(_could_be_infinitive(w) or w.lower().startswith(modal_stems()) for w in words)


@lru_cache(maxsize=200_000)
def _could_be_infinitive(word: str) -> bool:
    low = word.lower()
    return low.endswith(("ть", "ти", "чь", "ться", "тись", "чься")) and any(
        p.tag.POS == "INFN" for p in parse(low)
    )


def _may_name(words: list[str]) -> bool:
    """Names are capitalised: a sentence capitalised only at its start has none, unless a name opens it."""
    if any(w[:1].isupper() for w in words[1:]):
        return True
    return bool(words) and words[0][:1].isupper() and _name_like(words[0])


@lru_cache(maxsize=200_000)
def _name_like(word: str) -> bool:
    parses = parse(word.lower())
    return (
        not parses
        or not parses[0].is_known
        or bool({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & parses[0].tag.grammemes)
    )


def _model_words(words: list[str]) -> list[str]:
    """Lower-case a sentence-initial verb: the news-trained tagger reads «Принять» as a name."""
    if words and words[0][:1].isupper() and words[0][1:].islower():
        parses = parse(words[0].lower())
        if parses and parses[0].tag.POS in ("INFN", "VERB"):
            return [words[0].lower(), *words[1:]]
    return words


def build_doc(text: str, sentences: list[tuple[int, int]], analyses: list[Analysis]):
    """A spaCy `Doc` over the whole text: parsed sentences, plus plain tokens for the rest."""
    from razdel import tokenize
    from spacy.tokens import Doc

    rows: list[tuple] = []  # (start, end, pos, morph, head_abs, dep, sent_start)
    ents: list[tuple[int, int, str]] = []
    pos = 0
    for (s_start, _), a in zip(sentences, analyses, strict=True):
        _plain(text, pos, s_start, rows, tokenize)
        base = len(rows)
        for j, (a0, a1) in enumerate(a.spans):
            head = base + a.heads[j] if a.heads[j] >= 0 else base + j
            rel = "ROOT" if a.heads[j] < 0 else a.rels[j]
            rows.append((s_start + a0, s_start + a1, a.pos[j], a.feats[j], head, rel, j == 0))
        ents.extend((s_start + e0, s_start + e1, label) for e0, e1, label in a.ner)
        pos = s_start + (a.spans[-1][1] if a.spans else 0)
    _plain(text, pos, len(text), rows, tokenize)
    return _to_doc(text, rows, ents, Doc)


def _plain(text: str, start: int, end: int, rows: list, tokenize) -> None:
    """Unparsed stretches (item markers, headings): tokens that are their own roots."""
    for t in tokenize(text[start:end]):
        n = len(rows)
        rows.append(
            (
                start + t.start,
                start + t.stop,
                "PUNCT" if not t.text[0].isalnum() else "X",
                {},
                n,
                "ROOT",
                True,
            )
        )


def _to_doc(text: str, rows: list, ents: list, doc_class):
    """Whitespace between tokens becomes `spaces` or whitespace tokens, so doc.text == text.

    A token's corrected tags, features and lemma are looked up once per word, tags and feature set in a
    document (natasha's equal feature sets are one object, and `rows` keeps every one alive meanwhile).
    """
    cols: dict[str, list] = {k: [] for k in ("words", "spaces", "pos", "morphs", "heads", "deps", "lemmas")}
    words, spaces, tags, morphs, heads, deps, lemmas = cols.values()
    index_of: list[int] = []
    memo: dict[tuple, tuple[str, str, str]] = {}
    prev_end, ordered = 0, True
    for start, end, p, feats, head, dep, initial in rows:
        if start == prev_end + 1 and text[prev_end] == " " and words and not spaces[-1]:
            spaces[-1] = True  # the usual gap, as `_gap` reads it
        elif start != prev_end:
            ordered = ordered and start > prev_end
            _gap(text[prev_end:start], cols)
        index_of.append(len(words))
        word = text[start:end]
        key = (word, p, id(feats) if feats else None, initial)
        checked = memo.get(key)
        if checked is None:
            checked = memo[key] = spacy_tags(word, p, tuple(sorted(feats.items())), initial)
        words.append(word)
        spaces.append(False)
        tags.append(checked[0])
        morphs.append(checked[1])
        heads.append(head)
        deps.append(dep)
        lemmas.append(checked[2])
        prev_end = end
    _gap(text[prev_end:], cols)
    doc = doc_class(
        vocab(),
        words=words,
        spaces=spaces,
        pos=tags,
        morphs=morphs,
        heads=[max(i - 1, 0) if h is None else index_of[h] for i, h in enumerate(heads)],
        deps=deps,
        lemmas=lemmas,
    )
    if ordered:  # the tokens and gaps tile the text: `pipeline.nlp.syntax.doc_text` need not join them again
        doc.user_data["text"] = text
    spans = [doc.char_span(a, b, label=lab, alignment_mode="expand") for a, b, lab in ents]
    doc.spans["ner"] = [s for s in spans if s is not None]
    return doc


def _gap(gap: str, cols: dict[str, list]) -> None:
    """One space after a token is its `spaces` flag; other whitespace becomes a SPACE token."""
    if not gap:
        return
    if cols["words"] and gap[0] == " " and not cols["spaces"][-1]:
        cols["spaces"][-1] = True
        gap = gap[1:]
    if gap:
        _add(cols, gap, "SPACE", "", None, "dep", gap)


def _add(cols: dict[str, list], word: str, pos: str, morph: str, head, dep: str, lemma: str) -> None:
    for key, value in (
        ("words", word),
        ("spaces", False),
        ("pos", pos),
        ("morphs", morph),
        ("heads", head),
        ("deps", dep),
        ("lemmas", lemma),
    ):
        cols[key].append(value)
