"""Worker processes for `--workers N`: each loads natasha's models once, under a memory limit, and processes
whole chunks; a worker that dies costs at most one document, never the run."""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipeline.errors import error_row
from pipeline.nlp.models import models
from pipeline.records import ErrorRow

GIB = 1024**3
# Address space of one worker: the models take ~0.7 GB of it, a 2 MB single-line document ~1.7 GB more. A
# document that needs more gets a MemoryError (kind `too_large`) instead of the kernel's OOM killer.
WORKER_MEMORY = 3 * GIB
CRASHED = "the worker process died processing it, also when retried alone (killed, out of memory, a crash)"


def limit_memory(memory: int) -> None:
    """Cap this process's address space: an allocation past it raises MemoryError instead of swapping."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _init(memory: int) -> None:
    """Cap the worker's address space, then load the models once (BLAS is pinned to one thread)."""
    limit_memory(memory)
    models()


class _Pool:
    """A process pool that is replaced by a fresh one when a worker dies (the old one is then broken)."""

    def __init__(self, workers: int, memory: int) -> None:
        self.workers, self.memory = workers, memory
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = mp.get_context("spawn")
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init, initargs=(self.memory,)
        )

    def submit(self, work: Callable, chunk: list) -> Future:
        """Run work(chunk) on a worker, starting a fresh pool if the last one broke."""
        try:
            return self.executor.submit(work, chunk)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(work, chunk)

    def restart(self) -> None:
        """Drop a broken pool (its surviving workers are stopped) and start another."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()

    def close(self) -> None:
        """Stop the workers."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def map_chunks(
    chunks: Iterable[list], workers: int, work: Callable[[list], list], memory: int = WORKER_MEMORY
) -> Iterator[list]:
    """Results of `work` (a module-level function, so that workers can import it) for each chunk, in order,
    whatever happens to the workers."""
    chunks = list(chunks)
    if not any(chunks):  # everything came from the cache: no pool, no model loading
        yield from ([] for _ in chunks)
        return
    # Set before the workers start, so numpy never spawns BLAS threads that fight over the cores.
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
    pool = _Pool(workers, memory)
    try:
        todo = iter(chunks)
        pending: deque[tuple[list, Future]] = deque()
        while True:
            while len(pending) < 2 * workers and (chunk := next(todo, None)) is not None:
                pending.append((chunk, pool.submit(work, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:  # a worker died (SIGKILL, the OOM killer): which document is unknown
                pool.restart()
                yield _one_at_a_time(pool, work, chunk)
                # Resubmitted only now: while one document runs alone, nothing else may break the pool.
                pending = deque((c, f if _survived(f) else pool.submit(work, c)) for c, f in pending)
    finally:
        pool.close()


def _survived(future: Future) -> bool:
    """Whether a chunk finished before its pool broke (its result is good)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _one_at_a_time(pool: _Pool, work: Callable[[list], list], chunk: list) -> list:
    """The chunk again, each document alone: the one that kills a worker again is recorded as `crashed`."""
    out = []
    for doc_id, path, source in chunk:
        try:
            out += pool.submit(work, [(doc_id, path, source)]).result()
        except BrokenProcessPool:
            pool.restart()
            out.append(
                ErrorRow(doc_id=doc_id, source=source, stage="extract", kind="crashed", message=CRASHED)
            )
        except Exception as exc:  # one bad document must never stop the others
            out.append(error_row(doc_id, source, "extract", exc))
    return out
