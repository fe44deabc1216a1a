"""A corpus folder in, its input files out: each one's id and source (`iter_corpus`), and what it looks like
on disk (`scan`: size, modification time, inode and a fingerprint of what decides its result)."""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from pipeline.ingest.names import name_text
from pipeline.ingest.read import SUPPORTED, discover, size_limit


@dataclass(kw_only=True)
class SourceFile:
    """One input file as a run saw it: fingerprint None when it could not be read."""

    source: str
    doc_id: str
    size: int
    mtime_ns: int
    ino: int
    fingerprint: str | None

    def stat(self) -> tuple[int, int, int]:
        """What `os.stat` said: size, modification time, inode."""
        return (self.size, self.mtime_ns, self.ino)

    def identity(self) -> tuple[str, str, str | None]:
        """What must not change for the file's rows to stay: its source, its id and its fingerprint."""
        return (self.source, self.doc_id, self.fingerprint)

    def row(self) -> list:
        """The entry as a JSON list, in field order."""
        return list(astuple(self))

    @classmethod
    def from_row(cls, row: list) -> SourceFile:
        """An entry read back from its JSON list (TypeError or ValueError if it is not one)."""
        names = [f.name for f in fields(cls)]
        if not isinstance(row, list) or len(row) != len(names):
            raise ValueError(f"not a file entry: {row!r}")
        entry = cls(**dict(zip(names, row, strict=True)))
        if not all(isinstance(v, int) for v in entry.stat()) or not isinstance(entry.source, str):
            raise ValueError(f"not a file entry: {row!r}")
        return entry


def iter_corpus(corpus: Path) -> list[tuple[str, Path, str]]:
    """(doc_id, path, source) of every input file; source is the path relative to the corpus."""
    return [(doc_id, path, name_text(path.relative_to(corpus))) for doc_id, path in discover(corpus)]


def fingerprint(path: Path, size: int) -> str | None:
    """What of a file decides its result: the SHA-256 of its bytes; for a file ingest refuses by its type or
    size, only that (such a file is not read); None when it cannot be read.

    >>> fingerprint(Path("scan.pdf"), 10), fingerprint(Path("huge.txt"), 2**40)
    ('unsupported', 'too-large:1099511627776')
    """
    if path.suffix.lower() not in SUPPORTED:
        return "unsupported"
    if size > size_limit(path):
        return f"too-large:{size}"
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def scan(items: list[tuple[str, Path, str]], known: dict[str, SourceFile]) -> list[SourceFile]:
    """Every input file's stat and fingerprint. A file whose stat is the one `known` records keeps the
    recorded fingerprint unread; `known` holds only entries that can be trusted so (not racy ones)."""
    out = []
    for doc_id, path, source in items:
        try:
            st = path.stat()
        except OSError:  # vanished, a broken link, no permission on its folder: the run reports it
            out.append(SourceFile(source=source, doc_id=doc_id, size=-1, mtime_ns=0, ino=0, fingerprint=None))
            continue
        old = known.get(source)
        if old is not None and old.stat() == (st.st_size, st.st_mtime_ns, st.st_ino) and old.fingerprint:
            value = old.fingerprint
        else:
            value = fingerprint(path, st.st_size)
        out.append(
            SourceFile(
                source=source,
                doc_id=doc_id,
                size=st.st_size,
                mtime_ns=st.st_mtime_ns,
                ino=st.st_ino,
                fingerprint=value,
            )
        )
    return out
