"""Peak memory (`make memcheck`): one input of each worst shape at the size limits in, peak RSS per run out.

Each shape is one file as large as ingest accepts (pipeline/ingest/read.py, pipeline/ingest/word.py): normal
paragraphs, one line without a sentence break, numbered items only, a .docx whose XML is near its limit, an
HTML page at the byte limit, and random bytes at the byte limits. Each runs through `hpnlp run` in a process
of its own; the figure is the peak resident memory of its largest process (the kernel's count, `wait4`), and
of the main process and its workers apart (their VmHWM, read while they run).
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import typer

from pipeline import paths
from pipeline.ingest.read import MAX_BYTES, MAX_CHARS, MAX_DOCX_BYTES
from pipeline.ingest.word import MAX_XML

MB = 1000 * 1000
LIMIT = 2000 * MB  # issue 13: peak memory under 2 GB with any single input up to the size limits
SOURCES = (paths.ROOT / "tests" / "data" / "real", paths.RAW, paths.ROOT / "tests" / "data" / "heldout")
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A run of a .docx as Word writes it: fonts, size, language; padding the XML toward MAX_XML the way real
# documents do (python-docx keeps every element of it in memory while it reads the text).
RUN = (
    '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="ru-RU"/></w:rPr><w:t xml:space="preserve">{}</w:t>'
    "</w:r>"
)


@dataclass
class Peak:
    """What one run of one shape took: peak RSS of its largest process, of the main one and of each worker."""

    shape: str
    workers: int
    largest: int
    main: int = 0
    worker_peaks: list[int] = field(default_factory=list)
    seconds: float = 0.0
    outcome: str = ""


def source_text() -> str:
    """The real acts, the corpus and a held-out set, one after another."""
    files = [p for folder in SOURCES for p in sorted(folder.rglob("*.txt")) if p.name.lower() != "readme.txt"]
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files)


def _fill(text: str, size: int, sep: str = "\n\n") -> str:
    """The text repeated to exactly `size` characters."""
    return ((text + sep) * (size // (len(text) + len(sep)) + 1))[:size]


def normal(size: int) -> str:
    """Whole documents one after another: paragraphs, items, headings, as acts are written."""
    return _fill(source_text(), size)


def one_line(size: int) -> str:
    """One line and one sentence: every word of the sources, without a full stop or a line break."""
    words = source_text().replace(".", " ").replace("!", " ").replace("?", " ").split()
    return _fill(" ".join(words), size, " ")


def items(size: int) -> str:
    """Numbered items only, one per line, each a line of the sources."""
    lines = [line.strip() for line in source_text().splitlines() if line.strip()]
    out, total, k = [], 0, 0
    while total < size:
        line = f"{k + 1}. {lines[k % len(lines)]}"
        out.append(line)
        total += len(line) + 1
        k += 1
    return "\n".join(out)[:size]


def docx(size: int) -> bytes:
    """A .docx of `size` characters in paragraphs, one run per word, its XML just under MAX_XML."""
    body, chars, xml_size = [], 0, 0
    paragraphs = [p for p in normal(size).split("\n") if p.strip()]
    for paragraph in paragraphs:
        if chars + len(paragraph) + 1 > size:
            break
        words = paragraph.split(" ")
        runs = "".join(
            RUN.format(escape(w + (" " if k < len(words) - 1 else ""))) for k, w in enumerate(words)
        )
        xml = f"<w:p>{runs}</w:p>"
        if xml_size + len(xml.encode()) > MAX_XML - 4 * MB:
            break
        body.append(xml)
        chars += len(paragraph) + 1
        xml_size += len(xml.encode())
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{WORD_NS}"><w:body>'
    )
    document += "".join(body) + "</w:body></w:document>"
    return _replace_member("word/document.xml", document.encode())


def _replace_member(name: str, body: bytes) -> bytes:
    """An empty .docx of python-docx's template with one member replaced."""
    import docx as python_docx

    empty = io.BytesIO()
    python_docx.Document().save(empty)
    source = zipfile.ZipFile(empty)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            archive.writestr(member.filename, body if member.filename == name else source.read(member))
    return out.getvalue()


def html(size: int) -> str:
    """A page at the byte limit: paragraphs in <p> with classes and inline markup, text under MAX_CHARS."""
    out, total = [], 0
    for paragraph in (p for p in normal(MAX_CHARS).split("\n") if p.strip()):
        words = " ".join(f'<span class="w">{escape(w)}</span>' for w in paragraph.split(" "))
        piece = f'<p class="MsoNormal" style="margin:0">{words}</p>\n'
        total += len(piece.encode())
        if total > size - 1000:
            break
        out.append(piece)
    return "<html><head><meta charset='utf-8'></head><body>" + "".join(out) + "</body></html>"


SHAPES: dict[str, tuple[str, Callable[[], str | bytes]]] = {
    "paragraphs": ("paragraphs.txt", lambda: normal(MAX_CHARS)),
    "one_line": ("one_line.txt", lambda: one_line(MAX_CHARS)),
    "items": ("items.txt", lambda: items(MAX_CHARS)),
    "docx": ("limits.docx", lambda: docx(MAX_CHARS)),
    "html": ("page.html", lambda: html(MAX_BYTES)),
    "random_txt": ("random.txt", lambda: random.Random(0).randbytes(MAX_BYTES)),
    "random_docx": ("random.docx", lambda: random.Random(1).randbytes(MAX_DOCX_BYTES)),
}


def write_shape(shape: str, folder: Path) -> Path:
    """The input file of one shape, alone in `folder`."""
    name, make = SHAPES[shape]
    folder.mkdir(parents=True, exist_ok=True)
    content = make()
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def measure(corpus: Path, out: Path, workers: int, shape: str, cache: bool = True) -> Peak:
    """`hpnlp run` over the corpus in a child process: its peak memory, and how it ended."""
    command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out)]
    command += ["--workers", str(workers), *([] if cache else ["--no-cache"])]
    started = time.monotonic()
    proc = subprocess.Popen(
        command, cwd=paths.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    hwm: dict[int, int] = {}
    watcher = threading.Thread(target=_watch, args=(proc, hwm), daemon=True)
    watcher.start()
    output = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    watcher.join()
    said = [line for line in output.splitlines() if line.strip()][:1] or ["no error"]
    return Peak(
        shape=shape,
        workers=workers,
        largest=usage.ru_maxrss * 1024,
        main=hwm.pop(proc.pid, 0),
        worker_peaks=sorted(hwm.values(), reverse=True),
        seconds=time.monotonic() - started,
        outcome=f"exit {proc.returncode}: {said[0][-140:]}",
    )


def _watch(proc: subprocess.Popen, hwm: dict[int, int]) -> None:
    """The high-water mark of the process and of its children, read every half second while it runs."""
    while proc.poll() is None:
        for pid in [proc.pid, *_children(proc.pid)]:
            peak = _vm_hwm(pid)
            if peak:
                hwm[pid] = max(hwm.get(pid, 0), peak)
        time.sleep(0.5)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _vm_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def main(
    shapes: str = typer.Option(",".join(SHAPES), help="Comma-separated shapes: " + ", ".join(SHAPES)),
    workers: str = typer.Option("1,2", help="Comma-separated worker counts to run each shape with."),
    cache: bool = typer.Option(True, help="Run with the cache, as `hpnlp run` does by default."),
) -> None:
    """Run each shape alone through `hpnlp run`; exit 1 if any process peaks at 2 GB or more."""
    over = []
    with tempfile.TemporaryDirectory(prefix="hpnlp-memcheck-") as tmp:
        for shape in shapes.split(","):
            corpus = Path(tmp) / shape
            path = write_shape(shape, corpus)
            typer.echo(f"{shape}: {path.name}, {path.stat().st_size / MB:,.1f} MB", err=True)
            for n in (int(w) for w in workers.split(",")):
                peak = measure(corpus, Path(tmp) / f"out-{shape}-{n}", n, shape, cache)
                workers_mb = ", ".join(f"{w / MB:,.0f}" for w in peak.worker_peaks) or "-"
                typer.echo(
                    f"{shape:12} --workers {n}: peak {peak.largest / MB:6,.0f} MB "
                    f"(main {peak.main / MB:,.0f}, workers {workers_mb}) in {peak.seconds:,.0f} s; "
                    + peak.outcome
                )
                if peak.largest >= LIMIT:
                    over.append(peak)
    if over:
        typer.echo(f"{len(over)} run(s) at or over {LIMIT / MB:,.0f} MB", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
