"""Hostile data in the analysts' output (issue 13): the report escapes every value, rich prints data as
text, a report that cannot be written is one line."""

from __future__ import annotations

import errno
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.analyst.datadict import datasette_command
from pipeline.cli.main import app


class Tags(HTMLParser):
    """Every tag and attribute of a page, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_report_escapes_every_value(hostile, tmp_path: Path) -> None:
    _, out = hostile
    doc_id = '"><img src=x onerror=alert(1)>'
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", doc_id, "--db", str(out / "dataset.sqlite"), "--out", str(page)]
    )
    assert result.exit_code == 0, result.output
    tags = Tags()
    tags.feed(page.read_text(encoding="utf-8"))
    assert "img" not in {tag for tag, _ in tags.tags}
    assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")]
    assert [a["href"] for t, a in tags.tags if t == "a" and "href" in a][0] == f"#u-{doc_id}-1"


@pytest.mark.parametrize("command", ["search", "query"])
def test_rich_output_shows_markup_in_data_literally(hostile, command: str) -> None:
    _, out = hostile
    db = str(out / "dataset.sqlite")
    args = {
        "search": ["search", "бешенство", "--db", db],
        "query": ["query", 'SELECT doc_id AS "[/i]", title FROM documents ORDER BY doc_id', "--db", db],
    }[command]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    shown = " ".join(result.stdout.replace("│", " ").split())  # the narrow document column wraps titles
    literals = ("План [/i]", "[link=http://evil.example]клик", "[/link]", "[bold][link=evil.example]name")
    assert all(literal in shown for literal in literals), shown
    assert "\x1b" not in result.stdout, "a terminal escape code (or a live link) reached the terminal"
    if command == "query":
        assert "esc\\x1b[31mred" in result.stdout


def test_report_into_a_place_it_cannot_write(hostile, tmp_path: Path, monkeypatch) -> None:
    """A read-only file system (as root, chmod cannot make one): one line, exit 1, nothing left behind."""
    _, out = hostile
    real = Path.write_text

    def read_only(self, *args, **kwargs):
        if self.parent == tmp_path:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", read_only)
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", "resolution", "--db", str(out / "dataset.sqlite"), "--out", str(target)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"error: could not write {target}: Read-only file system"]
    assert not list(tmp_path.iterdir())


def test_serve_metadata_goes_to_a_private_folder(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    first, second = (datasette_command(db) for _ in range(2))
    first, second = (Path(c[c.index("--metadata") + 1]) for c in (first, second))
    assert first != second and first.parent != Path("/tmp")
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
