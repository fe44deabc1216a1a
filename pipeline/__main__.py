"""Allow `python -m pipeline …`."""

from pipeline.cli.main import app

app()
