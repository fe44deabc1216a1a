"""Fuzzing (`make fuzz N=…`): documents recombined from the corpus and the real acts in, internal errors out.

Every document is a random recombination of lines and sentences of real documents: shuffled, cut mid-word,
its items renumbered, debris injected. Extraction must never fail on them with an `internal` error (a bug);
the documents that do are kept, so each failure can be reproduced with `hpnlp run --corpus KEPT`.
"""

from __future__ import annotations

import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import typer

from pipeline import paths
from pipeline.records import ErrorRow

SOURCES = (
    paths.RAW,
    paths.THEMES_DIR / "documents",
    paths.ROOT / "tests" / "data" / "real",
    *sorted((paths.ROOT / "tests" / "data").glob("heldout[0-9]")),
    paths.ROOT / "tests" / "data" / "heldout",
)
DEBRIS = Path(__file__).resolve().parent / "data" / "fuzz_debris.txt"
ITEM = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[а-яa-z]\)|[IVXLC]+\.|[—–•*-])\s+")
NUMBERING = ("{n}. ", "{n}) ", "{n}.{m}. ", "{n}.{m} ", "{a}) ", "{r}. ", "— ", "- ", "• ", "", "")
LETTERS = "абвгдежзиклмн"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class FuzzReport:
    """What a fuzzing run found: how many documents, which failed, and the internal errors among them."""

    documents: int
    errors: list[ErrorRow] = field(default_factory=list)
    run_failed: str | None = None  # the run itself stopped (a bug outside any one document)

    @property
    def internal(self) -> list[ErrorRow]:
        """The failures that are bugs."""
        return [e for e in self.errors if e.kind == "internal"]


@lru_cache(maxsize=1)
def material() -> tuple[list[str], list[str]]:
    """The lines and the sentences of every source document, as ingest reads them."""
    from pipeline.errors import IngestError
    from pipeline.ingest.read import SUPPORTED, read_source
    from pipeline.segment.structure import split_sentences

    lines, sentences = [], []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in SUPPORTED or path.name.lower() == "readme.md":
                continue
            try:
                text = read_source(path)[1]
            except IngestError:
                continue
            lines += [line for line in text.splitlines() if line.strip()]
            sentences += [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    return lines, sentences


@lru_cache(maxsize=1)
def debris() -> list[str]:
    """The debris strings of tools/data/fuzz_debris.txt, escapes decoded."""
    rows = DEBRIS.read_text(encoding="utf-8").splitlines()
    # unicode_escape reads bytes as Latin-1: Cyrillic goes in as \uXXXX escapes, so it comes out whole
    rows = [r for r in rows if r and not r.startswith("#")]
    return [r.encode("latin-1", "backslashreplace").decode("unicode_escape") for r in rows]


def fuzz_document(rng: random.Random, most: int = 25) -> str:
    """One recombined document of 2 to `most` pieces (lines or sentences), each maybe renumbered, cut short
    or littered with debris."""
    lines, sentences = material()
    pieces = []
    for _ in range(rng.randint(2, max(2, most))):
        piece = rng.choice(lines if rng.random() < 0.5 else sentences)
        if rng.random() < 0.3:
            piece = _renumber(rng, piece)
        if rng.random() < 0.15:
            piece = piece[: rng.randint(0, len(piece))]  # cut anywhere: mid-word, after a preposition
        if rng.random() < 0.2:
            at = rng.randint(0, len(piece))
            piece = piece[:at] + rng.choice(debris()) + piece[at:]
        pieces.append(piece)
    if rng.random() < 0.3:
        rng.shuffle(pieces)
    return "".join(p + rng.choice(("\n", "\n", "\n\n", " ", "")) for p in pieces)


def _renumber(rng: random.Random, piece: str) -> str:
    """The piece with its item number (if any) replaced by another numbering style."""
    style = rng.choice(NUMBERING).format(
        n=rng.randint(0, 40), m=rng.randint(1, 12), a=rng.choice(LETTERS), r=rng.choice(ROMAN)
    )
    return style + ITEM.sub("", piece, count=1)


def write_corpus(n: int, folder: Path, seed: int = 0, most: int = 25) -> list[Path]:
    """n fuzzed documents as UTF-8 text files in folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"fuzz_{seed}_{i:06d}.txt"
        path.write_text(fuzz_document(rng, most), encoding="utf-8")
        out.append(path)
    return out


def fuzz(n: int, seed: int = 0, workers: int = 1, keep: Path | None = None, most: int = 25) -> FuzzReport:
    """Run the whole pipeline over n fuzzed documents; the ones with an internal error are copied to keep, and
    the whole corpus when the run itself fails."""
    from pipeline.execution.run import run_pipeline

    with tempfile.TemporaryDirectory(prefix="hpnlp-fuzz-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(n, corpus, seed, most)
        try:
            report = FuzzReport(n, run_pipeline(corpus, Path(tmp) / "out", workers, use_cache=False).errors)
        except Exception as exc:  # a bug outside any one document: which documents is unknown
            report = FuzzReport(n, run_failed=f"{type(exc).__name__}: {exc}")
        if keep is not None and report.run_failed:
            shutil.copytree(corpus, keep, dirs_exist_ok=True)
        elif keep is not None and report.internal:
            keep.mkdir(parents=True, exist_ok=True)
            for error in report.internal:
                shutil.copy(corpus / error.source, keep / error.source)
    return report


def main(
    n: int = typer.Option(1000, "--n", min=1, help="How many documents to make and run."),
    seed: int = typer.Option(0, help="Random seed: the same seed makes the same documents."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    keep: Path = typer.Option(Path("bench/fuzz-failures"), help="Where documents with internal errors go."),
) -> None:
    """Fuzz the pipeline with recombined documents; exit 1 if any fails with an internal error."""
    report = fuzz(n, seed, workers, keep)
    if report.run_failed:
        typer.echo(f"the run itself failed ({report.run_failed}); kept its corpus in {keep}", err=True)
        raise typer.Exit(1)
    for error in report.internal:
        typer.echo(f"{error.source}: {error.stage} failed ({error.kind}): {error.message}", err=True)
    kinds = sorted({e.kind for e in report.errors})
    counts = ", ".join(f"{k} {sum(e.kind == k for e in report.errors)}" for k in kinds) or "none"
    internal = len(report.internal)
    typer.echo(f"{report.documents} fuzzed documents; failures: {counts}; internal errors: {internal}")
    if report.internal:
        typer.echo(f"kept the documents with internal errors in {keep}", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    typer.run(main)
