"""What every `hpnlp` command shares: how a usage error ends the command."""

from __future__ import annotations

import typer


def fail(message: str, code: int = 2) -> None:
    """Print `error: message` on stderr and exit with code (2: usage error, nothing was run)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
