"""natasha's networks driven directly (issue 14) give exactly what natasha's own `.map` API gives."""

from __future__ import annotations

import numpy as np
import pytest
from razdel import tokenize

from pipeline import paths
from pipeline.ingest.read import ingest_file
from pipeline.nlp.cnn import encode_batch
from pipeline.nlp.models import _may_direct, _may_name, _model_words, analyse, models, networks
from pipeline.nlp.networks import Token, viterbi
from pipeline.segment.structure import segment_document
from tests.conftest import NEWS, RESOLUTION, TEST_DATA

REAL = sorted((TEST_DATA / "real").glob("*.txt"))[:3]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """The sentences of two corpus documents and three of the real set, as the pipeline cuts them."""
    files = [paths.RAW / f"{RESOLUTION}.txt", paths.RAW / f"{NEWS}.txt", *REAL]
    out = []
    for path in files:
        document = ingest_file(path, path.stem, "test").document
        out.extend(document.text[a:b] for a, b in segment_document(document).sentences)
    return out


def natasha_analyses(sentences: list[str]) -> list[tuple]:
    """What `analyse` must give, computed through natasha's `.map` API with the same batches and cuts."""
    morph, syntax, ner = models()
    tokens = [list(tokenize(s)) for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: len(tokens[i]))
    words = [_model_words([t.text for t in tokens[i]]) for i in order]
    to_parse = [k for k, w in enumerate(words) if _may_direct(w)]
    to_tag = [k for k, w in enumerate(words) if _may_name(w)]
    tagged = list(morph.map(words))
    parsed = dict(zip(to_parse, syntax.map([words[k] for k in to_parse]), strict=True))
    found = dict(zip(to_tag, ner.map([sentences[order[k]] for k in to_tag]), strict=True))
    out: list[tuple] = [()] * len(sentences)
    for k, i in enumerate(order):
        tree = parsed[k].tokens if k in parsed else None
        out[i] = (
            [(t.start, t.stop) for t in tokens[i]],
            words[k],
            [t.pos for t in tagged[k].tokens],
            [t.feats for t in tagged[k].tokens],
            [int(t.head_id) - 1 for t in tree] if tree else [-1] * len(words[k]),
            [t.rel for t in tree] if tree else ["root"] * len(words[k]),
            [(s.start, s.stop, s.type) for s in found[k].spans] if k in found else [],
        )
    return out


def test_analyse_gives_what_natashas_api_gives(sentences: list[str]) -> None:
    got = [(a.spans, a.words, a.pos, a.feats, a.heads, a.rels, a.ner) for a in analyse(sentences)]
    expected = natasha_analyses(sentences)
    assert sum(bool(e[6]) for e in expected) > 5 and sum(e[4] != [-1] * len(e[4]) for e in expected) > 5
    assert got == expected


def test_every_network_matches_natasha_on_every_sentence(sentences: list[str]) -> None:
    """All three networks on all sentences (analyse runs syntax and NER on some only)."""
    morph, syntax, ner = models()
    nets = networks()
    words = sorted(([t.text for t in tokenize(s)] for s in sentences), key=len)
    assert list(nets.tags(words)) == [[(t.pos, t.feats) for t in m.tokens] for m in morph.map(words)]
    assert list(nets.trees(words)) == [
        ([int(t.head_id) - 1 for t in m.tokens], [t.rel for t in m.tokens]) for m in syntax.map(words)
    ]
    tokens = [[Token(t.start, t.stop, t.text) for t in tokenize(s)] for s in sentences]
    spans = [[(s.start, s.stop, s.type) for s in m.spans] for m in ner.map(sentences)]
    assert list(nets.names(tokens)) == spans


def test_the_channel_last_encoder_gives_the_librarys_floats_bit_for_bit(sentences: list[str]) -> None:
    nets = networks()
    words = sorted(([t.text for t in tokenize(s)] for s in sentences), key=len)
    for model in (nets.morph, nets.syntax, nets.ner):
        for k in range(0, len(words), nets.step):
            word_id, shape_id, pad = nets.encoded(words[k : k + nets.step])
            expected = model.encoder(model.emb(word_id, shape_id), pad)
            got = encode_batch(model, word_id, shape_id, pad)
            assert got.shape == expected.shape and got.tobytes() == expected.tobytes()


@pytest.mark.parametrize("seed", range(20))
def test_viterbi_decodes_as_slovnets_crf(seed: int) -> None:
    """Random emissions, rounded to make ties, and masks with empty rows: the same paths."""
    crf = networks().ner.head.crf
    rng = np.random.default_rng(seed)
    for _ in range(20):
        batch, size = rng.integers(1, 9), rng.integers(1, 30)
        emissions = rng.standard_normal((batch, size, crf.transitions.shape[0])).astype(np.float32)
        emissions = np.round(emissions) if seed % 2 else emissions
        mask = np.arange(size) < rng.integers(0, size + 1, size=batch)[:, None]
        expected = [row.tolist() for row in crf.decode(emissions, mask)]
        assert viterbi(crf.transitions.array, emissions, mask) == expected
