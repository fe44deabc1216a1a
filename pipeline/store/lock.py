"""One writer at a time per output folder: an advisory lock on `OUT/.lock`, freed when its process ends."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_NAME = ".lock"


class OutputLocked(RuntimeError):
    """Another run is writing into the same output folder."""


class OutputLock:
    """An exclusive `flock` on the folder's lock file; the kernel drops it when the process dies, even by
    SIGKILL, so a killed run never leaves a stale lock behind."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(self.fd)
            raise OutputLocked(
                f"another run (pid {holder}) is writing into {out_dir}; wait for it to finish or choose "
                "another --out"
            ) from None
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        """Let the next run in (idempotent)."""
        if self.fd >= 0:
            os.close(self.fd)  # closing the descriptor drops the flock
            self.fd = -1
