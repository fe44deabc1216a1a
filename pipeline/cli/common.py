"""What every `hpnlp` command shares: how a usage error ends the command."""

from __future__ import annotations

import typer

from pipeline.ingest.names import escape


def fail(message: str, code: int = 2) -> None:
    """Print `error: message` on stderr, escaped to one line, and exit with code (2: usage error, nothing
    was run)."""
    typer.echo(escape(f"error: {message}"), err=True)
    raise typer.Exit(code)
