"""The Dask executor: the same chunk function on a dask.distributed cluster (optional extra `.[dask]`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def map_chunks_dask(
    chunks: Iterable[list], work: Callable[[list], list], scheduler: str | None = None, client=None
) -> Iterator[list]:
    """Results of `work` for each chunk, in order, computed on the cluster at `scheduler`.

    natasha's models are cached per worker process after its first chunk.

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
        futures = [client.submit(work, chunk, pure=False) for chunk in chunks]
        for future in futures:
            yield future.result()
    finally:
        if own:
            client.close()
