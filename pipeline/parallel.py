"""Worker processes for `--workers N`: each loads the models once and processes whole chunks."""

from __future__ import annotations

import os
from collections.abc import Iterator

_MODEL = None


def _init() -> None:
    """Pin BLAS to one thread before numpy loads, then load the models once per worker."""
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    os.environ["OMP_NUM_THREADS"] = "1"
    global _MODEL
    from pipeline.classify import load_model
    from pipeline.nlp import models

    models()
    _MODEL = load_model()


def _work(chunk):
    from pipeline.run import process_chunk

    return process_chunk(chunk, _MODEL)


def map_chunks(chunks: list, workers: int) -> Iterator[list]:
    """Results of `process_chunk` for each chunk, in order."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init) as pool:
        yield from pool.imap(_work, chunks)
