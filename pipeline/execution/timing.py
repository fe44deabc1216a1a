"""Time spent per stage in this process, for the benchmark's breakdown (a few dict updates per chunk)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

STAGE_SECONDS: Counter[str] = Counter()


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Add the wall time of the block to `STAGE_SECONDS[stage]`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS[stage] += time.perf_counter() - start
