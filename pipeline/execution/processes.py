"""Worker processes for `--workers N`: each loads natasha's models once and processes whole chunks."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator

from pipeline.nlp.models import models


def _init() -> None:
    """Load the models once per worker (BLAS is pinned to one thread through the environment)."""
    models()


def map_chunks(chunks: Iterable[list], workers: int, work: Callable[[list], list]) -> Iterator[list]:
    """Results of `work` (a module-level function, so that workers can import it) for each chunk, in order."""
    chunks = list(chunks)
    if not any(chunks):  # everything came from the cache: no pool, no model loading
        yield from ([] for _ in chunks)
        return
    # Set before the workers start, so numpy never spawns BLAS threads that fight over the cores.
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init) as pool:
        yield from pool.imap(work, chunks)
