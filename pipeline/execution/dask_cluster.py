"""The Dask executor: the same `process_chunk` on a dask.distributed cluster (optional extra `.[dask]`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def _work(chunk: list) -> list:
    """Runs on a worker: natasha's models are cached per worker process after the first chunk."""
    from pipeline.execution.run import process_chunk

    return process_chunk(chunk)


def map_chunks_dask(chunks: Iterable[list], scheduler: str | None = None, client=None) -> Iterator[list]:
    """Results of `process_chunk` for each chunk, in order, computed on the cluster at `scheduler`.

    Workers read the input files by path: on a real cluster the corpus must sit on storage they all mount.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise RuntimeError("the Dask executor needs the extra: pip install '.[dask]'") from exc
    chunks = list(chunks)
    if not any(chunks):
        yield from ([] for _ in chunks)
        return
    own = client is None
    client = client or (Client(scheduler) if scheduler else Client(processes=False))
    try:
        futures = [client.submit(_work, chunk, pure=False) for chunk in chunks]
        for future in futures:
            yield future.result()
    finally:
        if own:
            client.close()
