"""natasha's three slovnet networks run on words already tokenized: the arrays slovnet would build go in,
the tags slovnet would give come out, without its per-token records, tag parsing and second razdel pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from pipeline.nlp.cnn import encode_batch


class Token(NamedTuple):
    """A razdel token: its offsets in the sentence and its text (slovnet's `bio_spans` reads the offsets)."""

    start: int
    stop: int
    text: str


class Networks:
    """The morphology, syntax and NER networks of natasha's taggers, with the vocabularies they share.

    slovnet's own `map` is the reference (tests/nlp compare them): its encoder cuts the sentences into
    batches of `step`, so the arrays and therefore the floats are the same here; only the wrapping differs.
    A word's ids are looked up once for all three networks, and a tag's (pos, feats) once per process: the
    feature dicts are shared between tokens and must never be mutated (tag_checks copies to change).
    """

    def __init__(self, morph, syntax, ner) -> None:
        encoder = morph.infer.encoder
        for other in (syntax, ner):
            if (other.infer.encoder.words_vocab.items, other.infer.encoder.shapes_vocab.items) != (
                encoder.words_vocab.items,
                encoder.shapes_vocab.items,
            ):
                raise ValueError("natasha's networks no longer share their vocabularies")
        self.step = encoder.batch_size
        self.morph, self.syntax, self.ner = (m.infer.model for m in (morph, syntax, ner))
        self.pads = (encoder.words_vocab.pad_id, encoder.shapes_vocab.pad_id)
        self.word_ids = lru_cache(maxsize=50_000)(_word_ids(encoder.words_vocab, encoder.shapes_vocab))
        self.morphology = _morphology(morph.infer.decoder.tags_vocab.items)
        self.rels = syntax.infer.decoder.rels_vocab.items
        self.bio = ner.infer.decoder.tags_vocab.items
        self.outside = self.bio.index("O")

    def tags(self, sentences: Iterable[list[str]]) -> Iterator[list[tuple[str, dict]]]:
        """(pos, feats) of every word of each sentence, one batch at a time."""
        from slovnet.chop import chop

        model, table = self.morph, self.morphology
        for chunk in chop(sentences, self.step):
            word_id, shape_id, pad = self.encoded(chunk)
            pred = model.head.decode(model.head(encode_batch(model, word_id, shape_id, pad)))
            for row, size in zip(pred.tolist(), (~pad).sum(-1).tolist(), strict=True):
                yield [table[t] for t in row[:size]]

    def trees(self, sentences: Iterable[list[str]]) -> Iterator[tuple[list[int], list[str]]]:
        """Head index (-1 for the root) and relation of every word of each sentence, one batch at a time."""
        from slovnet.chop import chop

        model, rels = self.syntax, self.rels
        for chunk in chop(sentences, self.step):
            word_id, shape_id, pad = self.encoded(chunk)
            x, mask = encode_batch(model, word_id, shape_id, pad), ~pad
            head_id = model.head.decode(model.head(x), mask)  # as `Syntax.__call__`, which decodes it twice
            heads, rel_ids = head_id.tolist(), model.rel.decode(model.rel(x, head_id), mask).tolist()
            for head, rel, size in zip(heads, rel_ids, mask.sum(-1).tolist(), strict=True):
                yield [h - 1 for h in head[:size]], [rels[r] for r in rel[:size]]

    def names(self, sentences: Iterable[list[Token]]) -> Iterator[list[tuple[int, int, str]]]:
        """Named entities (start, stop, type) of each sentence given as its razdel tokens.

        slovnet re-tokenizes the text with razdel and finds the tokens in it as razdel does: the same offsets.
        """
        from slovnet.bio import bio_spans
        from slovnet.chop import chop

        model, bio, outside = self.ner, self.bio, self.outside
        for chunk in chop(sentences, self.step):
            word_id, shape_id, pad = self.encoded([[w for _, _, w in tokens] for tokens in chunk])
            x = encode_batch(model, word_id, shape_id, pad)
            rows = viterbi(model.head.crf.transitions.array, model.head(x), ~pad)
            for tokens, ids in zip(chunk, rows, strict=True):
                if all(t == outside for t in ids):
                    yield []
                    continue
                spans = bio_spans(tokens, [bio[t] for t in ids])
                yield [(s.start, s.stop, s.type) for s in spans]

    def encoded(self, sentences: list[list[str]]) -> tuple:
        """Word ids, shape ids and the padding mask of a batch, as slovnet's encoder pads them."""
        import numpy as np

        lengths = np.array([len(words) for words in sentences])
        word_id = np.full((len(sentences), lengths.max()), self.pads[0])
        shape_id = np.full((len(sentences), lengths.max()), self.pads[1])
        filled = np.arange(word_id.shape[1]) < lengths[:, None]
        ids = np.array([self.word_ids(w) for words in sentences for w in words], dtype=word_id.dtype)
        if ids.size:
            word_id[filled], shape_id[filled] = ids[:, 0], ids[:, 1]
        return word_id, shape_id, word_id == self.pads[0]


def viterbi(transitions, emissions, mask) -> list[list[int]]:
    """slovnet's `CRF.decode` with the same arithmetic (so the same tags, ties included), computing the
    index grids once per batch instead of once per word, and walking back through lists, not arrays."""
    import numpy as np

    batch, size, tags = emissions.shape
    emissions, mask = emissions.swapaxes(1, 0), mask.swapaxes(1, 0)
    rows, cols = np.indices((batch, tags))
    history = []
    score = emissions[0]
    for index in range(1, size):
        step = score.reshape(batch, tags, 1) + transitions + emissions[index].reshape(batch, 1, tags)
        best = step.argmax(-2)
        score = np.where(mask[index].reshape(batch, 1), step[rows, best, cols], score)
        history.append(best.tolist())
    out = []
    lasts, lengths = score.argmax(-1).tolist(), (mask.sum(0) - 1).tolist()
    for b, (last, length) in enumerate(zip(lasts, lengths, strict=True)):
        path = [last]
        for best in reversed(history[:length]):
            path.append(best[b][path[-1]])
        out.append(path[::-1])
    return out


def _word_ids(words_vocab, shapes_vocab):
    """A word's (word id, shape id), as slovnet's encoder computes them."""
    from slovnet.shape import word_shape

    def ids(word: str) -> tuple[int, int]:
        return words_vocab.encode(word.lower()), shapes_vocab.encode(word_shape(word))

    return ids


def _morphology(tags: list[str]) -> list[tuple[str, dict]]:
    """(pos, feats) of each tag id; equal strings and feature dicts are one object."""
    from slovnet.conll import parse_conll_tag

    seen: dict = {}
    out = []
    for tag in tags:
        pos, feats = parse_conll_tag(tag)
        out.append((seen.setdefault(pos, pos), seen.setdefault(tuple(sorted(feats.items())), feats)))
    return out
