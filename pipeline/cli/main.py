"""The `hpnlp` command line: the whole pipeline, one command per stage, training and evaluation.

Each command imports the modules it runs inside its body: `import pipeline.execution.run` takes 0.7 s
(spaCy, yargy) and `pipeline.training.train` 3 s (scikit-learn), measured with `python -X importtime`;
`hpnlp --help` and the analysts' commands should not wait for them.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import typer

from pipeline import paths
from pipeline.cli.common import fail
from pipeline.ingest.names import escape
from pipeline.store.lock import OutputLocked

app = typer.Typer(
    help="Russian health-policy texts in, a queryable dataset out.",
    no_args_is_help=True,
    add_completion=False,
)
INTERIM = paths.INTERIM


def _check_corpus(corpus: Path, out: Path | None = None) -> list[tuple[str, Path, str]]:
    """Usage errors (exit 2): a missing corpus, one without input files, an output folder inside it; else
    the corpus's (doc_id, path, source) items."""
    from pipeline.execution.corpus import iter_corpus  # lazy: see the module docstring

    if not corpus.exists():
        fail(f"corpus folder not found: {corpus}")
    if not corpus.is_dir():
        fail(f"corpus is not a folder: {corpus}")
    items = iter_corpus(corpus)
    if not items:
        fail(f"corpus folder has no input files (hidden files and READMEs do not count): {corpus}")
    if out is not None and out.resolve().is_relative_to(corpus.resolve()):
        fail(f"output folder {out} lies inside the corpus {corpus}; choose another")
    return items


def _check_output(out: Path) -> None:
    """Usage errors (exit 2): an output folder that cannot be created or written to."""
    import tempfile

    if out.exists() and not out.is_dir():
        fail(f"output {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        fail(f"output folder {out} is not writable: {exc.strerror or exc}")


def _report_errors(errors) -> None:
    """One line on stderr per failed document: the file, the stage, the kind and the problem, escaped."""
    for e in errors:
        message = " ".join(str(e.message).split())
        typer.echo(escape(f"{e.source}: {e.stage} failed ({e.kind}): {message}"), err=True)


def _write_failed(out: Path, exc: Exception) -> None:
    """The run could not write its dataset (exit 1): one line, the previous dataset untouched."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
    fail(f"could not write the dataset into {out}: {reason}{where}; the old one is intact", code=1)


@app.command()
def run(
    corpus: Path = typer.Option(paths.RAW, help="Folder of input documents (.txt, .md, .docx)."),
    out: Path = typer.Option(paths.DATA, help="Folder for dataset.sqlite, parquet/ and csv/."),
    workers: int = typer.Option(1, min=1, help="Worker processes (each loads the models once)."),
    executor: str = typer.Option("local", help="local (this machine) or dask (a dask.distributed cluster)."),
    scheduler: str = typer.Option(None, help="Dask scheduler address, e.g. tcp://HOST:8786."),
    cache: bool = typer.Option(
        True, help="Reuse what is unchanged: the dataset itself (OUT/manifest.json), documents (OUT/cache)."
    ),
) -> None:
    """Run every stage over a corpus and write DIR/dataset.sqlite, DIR/parquet/ and DIR/csv/."""
    items = _check_corpus(corpus, out)
    _check_output(out)
    if cache:
        _stop_if_up_to_date(items, out)

    from rich.progress import Progress

    from pipeline.execution.run import run_pipeline  # lazy: see the module docstring
    from pipeline.themes.classify import ModelMissingError  # lazy: see the module docstring

    total = len(items)
    try:
        with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("documents", total=total)
            report = run_pipeline(
                corpus,
                out,
                workers,
                progress=lambda n: bar.advance(task, n),
                executor=executor,
                scheduler=scheduler,
                use_cache=cache,
            )
    except (ModelMissingError, OutputLocked) as exc:
        fail(str(exc))
    except (OSError, sqlite3.Error) as exc:  # the disk filled up, the folder went away: nothing was replaced
        _write_failed(out, exc)
    _report_errors(report.errors)
    counts = ", ".join(f"{k} {v}" for k, v in report.counts.items() if v)
    typer.echo(f"{report.documents} documents processed, {len(report.errors)} failed; {counts}")
    typer.echo(f"wrote {out / 'dataset.sqlite'}, {out / 'parquet'}/ and {out / 'csv'}/")
    if report.errors:
        raise typer.Exit(3)


def _stop_if_up_to_date(items: list, out: Path) -> None:
    """Exit at once when OUT's dataset is what a run would write now (docs/scale.md, «Re-runs»): its failures
    are reported again, with exit code 3, as the run that wrote it reported them."""
    from pipeline.execution.manifest import check_dataset  # lazy, and light: no model, no scikit-learn

    try:
        verdict = check_dataset(items, out)
    except OutputLocked as exc:
        fail(str(exc))
    if not verdict.fresh:
        return
    _report_errors(verdict.errors)
    documents = verdict.counts.get("documents", 0)
    typer.echo(
        f"dataset is up to date: {documents} documents, {len(verdict.errors)} failed; nothing to do "
        f"({out / 'dataset.sqlite'})"
    )
    raise typer.Exit(3 if verdict.errors else 0)


@app.command()
def ingest(
    corpus: Path = typer.Option(paths.RAW, help="Folder of input documents."),
    out: Path = typer.Option(INTERIM / "ingested", help="Folder for one JSON per document."),
) -> None:
    """Stage 1: read, decode and clean every document; write one JSON per document."""
    from pipeline.execution.stages import ingest_stage  # lazy: see the module docstring

    _check_corpus(corpus, out)
    _finish(ingest_stage(corpus, out), f"ingested into {out}")


def _finish(errors: list, done: str) -> None:
    """Report a stage's failures on stderr and exit 3 when there were any."""
    _report_errors(errors)
    typer.echo(f"{done}; {len(errors)} failed")
    if errors:
        raise typer.Exit(3)


@app.command()
def segment(
    src: Path = typer.Option(INTERIM / "ingested", "--in", help="Ingested documents."),
    out: Path = typer.Option(INTERIM / "segmented", help="Folder for segmented documents."),
) -> None:
    """Stage 2: sections, numbered items and sentences of each ingested document."""
    from pipeline.execution.stages import segment_stage  # lazy: see the module docstring

    typer.echo(f"segmented {segment_stage(src, out)} documents into {out}")


@app.command()
def extract(
    src: Path = typer.Option(INTERIM / "segmented", "--in", help="Segmented documents."),
    out: Path = typer.Option(INTERIM / "extracted", help="Folder for extractions."),
) -> None:
    """Stage 3: units, addressees, actions, references, entities and persons of each document."""
    from pipeline.execution.stages import extract_stage  # lazy: see the module docstring

    _finish(extract_stage(src, out), f"extracted into {out}")


@app.command()
def classify(
    src: Path = typer.Option(INTERIM / "extracted", "--in", help="Extractions."),
    out: Path = typer.Option(INTERIM / "classified", help="Folder for classified extractions."),
) -> None:
    """Stage 4: a theme from the codebook, with a score, for every directive unit."""
    from pipeline.execution.stages import classify_stage  # lazy: see the module docstring
    from pipeline.themes.classify import ModelMissingError  # lazy: see the module docstring

    try:
        typer.echo(f"classified {classify_stage(src, out)} documents into {out}")
    except ModelMissingError as exc:
        fail(str(exc))


@app.command()
def store(
    src: Path = typer.Option(INTERIM / "classified", "--in", help="Classified extractions."),
    out: Path = typer.Option(paths.DATA, help="Folder for dataset.sqlite, parquet/ and csv/."),
) -> None:
    """Stage 5: write the tables to SQLite (full-text search on) and Parquet, atomically."""
    from pipeline.execution.stages import store_stage  # lazy: see the module docstring

    try:
        counts = store_stage(src, out)
    except OutputLocked as exc:
        fail(str(exc))
    except (OSError, sqlite3.Error) as exc:
        _write_failed(out, exc)
    typer.echo(f"wrote {out / 'dataset.sqlite'}: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v))


@app.command("train")
def train_cmd() -> None:
    """Retrain the theme classifier from corpus/themes and save it under models/ with its card."""
    from pipeline.training.train import train  # lazy: see the module docstring

    card = train()
    typer.echo(
        f"saved {paths.THEME_MODEL} ({card.get('chosen', card.get('pipeline', '?'))}); "
        f"cv macro-F1 {card.get('cv_macro_f1', card.get('metrics', {}))}"
    )


@app.command("eval")
def evaluate_cmd(
    db: Path = typer.Option(paths.DATA / "dataset.sqlite", help="The dataset to score."),
    out: Path = typer.Option(paths.DATA / "eval.json", help="Where to write the metrics."),
    gold: Path = typer.Option(paths.CORPUS / "gold", help="The folder of gold annotations (<doc_id>.jsonl)."),
) -> None:
    """Score the dataset against the hand annotations the evaluator reads (P/R/F1 per field)."""
    from pipeline.evaluation import score as evaluate  # lazy: see the module docstring

    if not db.exists():
        fail(f"no dataset at {db}; run `make run` first")
    if not gold.is_dir():
        fail(f"no gold annotations at {gold}")
    metrics = evaluate.evaluate(db, gold)
    evaluate.write_metrics(metrics, out)
    typer.echo(evaluate.format_report(metrics))
    typer.echo(f"wrote {out}")


def _register_extensions() -> None:
    """Commands defined beside this module (analysts' commands live in pipeline/cli/analyst.py)."""
    try:
        from pipeline.cli.analyst import register  # lazy: see the module docstring
    except ImportError:
        return
    register(app)


_register_extensions()

if __name__ == "__main__":
    app()
