"""Expected failures: each names the file and the problem, and never needs a traceback."""

from __future__ import annotations


class PipelineError(Exception):
    """An expected failure of one document at one stage."""

    kind = "error"

    def __init__(self, source: str, message: str, kind: str | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        if kind:
            self.kind = kind


class IngestError(PipelineError):
    """The file could not be read or decoded into text."""

    kind = "ingest"
