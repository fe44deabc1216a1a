"""Memory of one large document (issue 13): analyses freed before extraction, and peak memory under 2 GB for
every worst shape of input at the size limits (`make memcheck`, tools/memcheck.py; slow)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

import pipeline.execution.run as run
from tools import memcheck


def test_a_documents_analyses_are_freed_before_it_is_extracted(tmp_path: Path, monkeypatch) -> None:
    """natasha's analyses of a large document outweigh its Doc: once the Doc is built, nothing holds them;
    the next document's wait in the queue."""
    (tmp_path / "a.txt").write_text("1. Утвердить план.\n2. Поручить Минздраву подготовить доклад.\n")
    (tmp_path / "b.txt").write_text("Рекомендовать акимам областей обеспечить охват. Утвердить смету.\n")
    refs: list[weakref.ref] = []
    alive: list[int] = []
    real_analyse, real_extract = run.analyse, run.extract_document

    def analyse(sentences):
        out = real_analyse(sentences)
        refs.extend(weakref.ref(a) for a in out)
        return out

    def extract(document, structure, doc):
        gc.collect()
        alive.append(sum(r() is not None for r in refs))
        return real_extract(document, structure, doc)

    monkeypatch.setattr(run, "analyse", analyse)
    monkeypatch.setattr(run, "extract_document", extract)
    results = run.process_chunk([(p.stem, p, p.name) for p in sorted(tmp_path.glob("*.txt"))])
    assert [type(r).__name__ for r in results] == ["Extraction", "Extraction"]
    assert len(refs) == 4 and alive == [2, 0]  # b's two sentences wait while a is extracted; then none


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(memcheck.SHAPES))
def test_one_input_at_the_size_limits_peaks_under_two_gigabytes(shape: str, tmp_path: Path) -> None:
    """`hpnlp run --workers 1` over one file of each worst shape (minutes each; the items shape ~20 minutes):
    a document or an expected refusal, never an internal error, and the peak resident memory of the run's
    largest process under 2 GB."""
    corpus = tmp_path / "corpus"
    memcheck.write_shape(shape, corpus)
    peak = memcheck.measure(corpus, tmp_path / "out", 1, shape, cache=True)
    assert peak.outcome.startswith(("exit 0", "exit 3")) and "internal" not in peak.outcome, peak.outcome
    assert peak.largest < memcheck.LIMIT, f"{shape}: peak {peak.largest / memcheck.MB:,.0f} MB"
