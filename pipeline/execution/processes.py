"""Worker processes for `--workers N`: each loads natasha's models once and processes whole chunks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator


def _init() -> None:
    """Load the models once per worker (BLAS is pinned to one thread through the environment)."""
    from pipeline.nlp.models import models

    models()


def _work(chunk: list) -> list:
    from pipeline.execution.run import process_chunk

    return process_chunk(chunk)


def map_chunks(chunks: Iterable[list], workers: int) -> Iterator[list]:
    """Results of `process_chunk` for each chunk, in order."""
    import multiprocessing as mp

    chunks = list(chunks)
    if not any(chunks):  # everything came from the cache: no pool, no model loading
        yield from ([] for _ in chunks)
        return
    # Set before the workers start, so numpy never spawns BLAS threads that fight over the cores.
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init) as pool:
        yield from pool.imap(_work, chunks)
