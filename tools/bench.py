"""Benchmarks (`make bench-corpus`, `make bench`): a synthetic archive from the corpus, and the run measured.

Every measurement runs in a fresh subprocess so that peak RSS and model loading are counted per run.
"""

from __future__ import annotations

import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from pipeline import paths
from pipeline.execution.run import iter_corpus, process_chunk, run_pipeline
from pipeline.execution.timing import STAGE_SECONDS
from pipeline.ingest.clean import clean_text
from pipeline.nlp.models import models
from pipeline.segment.structure import split_sentences

BENCH_DIR = paths.ROOT / "bench"
MIN_BYTES, MAX_BYTES = 1_000, 30_000


def corpus_sentences(source: Path = paths.RAW) -> list[str]:
    """Every sentence of the cleaned corpus documents (the material the bench documents are built from)."""
    out = []
    for path in sorted(source.rglob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8")).text
        out.extend(text[a:b] for a, b in split_sentences(text, 0, len(text)))
    return [s for s in out if len(s) > 20]


def build_bench_corpus(n: int, out: Path, seed: int = 0) -> int:
    """Write n documents of 1–30 KB (log-uniform) recombined from corpus sentences; returns bytes written."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        size = int(math.exp(rng.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES))))
        text = _document(rng, sentences, size, i)
        (out / f"bench_{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def _document(rng: random.Random, sentences: list[str], size: int, i: int) -> str:
    """Numbered items and paragraphs of shuffled sentences, headed by a unique line."""
    lines, length, item = [f"Документ № {i} от {rng.randint(1, 28)} мая {rng.randint(2000, 2025)} года"], 0, 0
    while length < size:
        chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(1, 4)))
        if rng.random() < 0.6:
            item += 1
            chosen[0] = f"{item}. {chosen[0]}"
        line = " ".join(chosen)
        lines.append(line)
        length += len(line.encode())
    return "\n".join(lines)


def _rss_mb() -> float:
    """Peak resident set of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def measure_pipeline(corpus: Path, workers: int) -> dict:
    """One full run (no cache) over a corpus, in this process: time, throughput, RSS, time per stage."""
    import tempfile

    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        report = run_pipeline(corpus, Path(out), workers=workers, use_cache=False)
        seconds = time.perf_counter() - start
    return {
        "kind": "pipeline",
        "workers": workers,
        "documents": report.documents,
        "failed": len(report.errors),
        "failures": [f"{e.doc_id}: {e.kind}: {e.message}"[:300] for e in report.errors[:20]],
        "seconds": round(seconds, 2),
        "docs_per_s": round(report.documents / seconds, 2),
        "tokens_per_s": round(words / seconds),
        "chars": chars,
        "peak_rss_mb": round(_rss_mb(), 1),
        "stage_seconds": {k: round(v, 2) for k, v in sorted(STAGE_SECONDS.items())},
    }


def measure_references(corpus: Path) -> dict:
    """The reference finder alone over the cleaned documents: characters per second of CPU time."""
    from pipeline.references.find import find_references

    texts = [clean_text(p.read_text(encoding="utf-8")).text for p in sorted(corpus.glob("*.txt"))]
    find_references(texts[0][:2000])  # the grammar and its tables are built once, outside the measure
    start = time.process_time()
    found = sum(len(find_references(t)) for t in texts)
    seconds = time.process_time() - start
    chars = sum(map(len, texts))
    return {
        "kind": "references",
        "chars": chars,
        "references": found,
        "cpu_s": round(seconds, 2),
        "chars_per_s": round(chars / seconds),
    }


def measure_floor(corpus: Path) -> dict:
    """natasha's own per-document API (segment, morph, syntax, NER) on the same documents."""
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    segmenter, morph, syntax, ner = (
        Segmenter(),
        NewsMorphTagger(emb),
        NewsSyntaxParser(emb),
        NewsNERTagger(emb),
    )
    files = sorted(corpus.glob("*.txt"))
    start = time.perf_counter()
    for path in files:
        doc = Doc(path.read_text(encoding="utf-8"))
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
    seconds = time.perf_counter() - start
    return {
        "kind": "floor",
        "documents": len(files),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(files) / seconds, 2),
        "peak_rss_mb": round(_rss_mb(), 1),
    }


def measure_rerun(corpus: Path) -> dict:
    """`hpnlp run` twice over the same corpus, each a new process (start-up included): the re-run is what a
    user waits for when nothing changed."""
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", out]
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        t1 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        t2 = time.perf_counter()
    return {
        "kind": "rerun",
        "first_s": round(t1 - t0, 2),
        "rerun_s": round(t2 - t1, 2),
        "rerun_ratio": round((t2 - t1) / (t1 - t0), 4),
    }


def profile_pipeline(corpus: Path, n: int) -> str:
    """pyinstrument's call tree of processing the first n documents (models loaded beforehand); also written
    to bench/profile.txt."""
    from pyinstrument import Profiler

    models()
    items = iter_corpus(corpus)[:n]
    profiler = Profiler()
    with profiler:
        for k in range(0, len(items), 16):
            process_chunk(items[k : k + 16])
    report = profiler.output_text(unicode=True, color=False, show_all=False)
    (BENCH_DIR / "profile.txt").write_text(report, encoding="utf-8")
    return report


def _subprocess(args: list[str]) -> dict:
    """Run one measurement in a fresh interpreter (BLAS pinned to a thread) and read its JSON line."""
    import os

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench", *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sample(corpus: Path, n: int, into: Path) -> Path:
    """A folder with the first n documents of a bench corpus."""
    import shutil

    into.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:n]:
        shutil.copy(path, into / path.name)
    return into


def run_bench(corpus: Path, n: int, workers: tuple[int, ...] = (1, 2)) -> dict:
    """The benchmark: the first n documents of a bench corpus through the floor and the pipeline, and a
    quarter of them to see whether peak memory grows with the number of documents."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sample = _sample(corpus, n, Path(tmp) / "sample")
        quarter = _sample(corpus, max(1, n // 4), Path(tmp) / "quarter")
        floor = _subprocess(["floor", str(sample)])
        references = _subprocess(["references", str(sample)])
        runs = [_subprocess(["pipeline", str(sample), str(w)]) for w in workers]
        small = _subprocess(["pipeline", str(quarter), "1"])
        rerun = _subprocess(["rerun", str(sample)])
    one = runs[0]
    results = {
        "machine": _machine(),
        "documents": n,
        "floor": floor,
        "references": references,
        "runs": runs,
        "rerun": rerun,
        "ratio_pipeline_to_floor": round(one["seconds"] / floor["seconds"], 2),
        "rss_quarter_mb": small["peak_rss_mb"],
        "rss_ratio_n_to_quarter": round(one["peak_rss_mb"] / small["peak_rss_mb"], 2),
    }
    if len(runs) > 1:
        results["speedup_2_workers"] = round(runs[1]["docs_per_s"] / one["docs_per_s"], 2)
    results["failed_documents"] = max(r["failed"] for r in [*runs, small])
    return results


def _summary(results: dict) -> str:
    """The figures a reader looks for first, one per line."""
    one = results["runs"][0]
    rerun = results["rerun"]
    by_time = sorted(one["stage_seconds"].items(), key=lambda kv: -kv[1])
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in by_time)
    return "\n".join(
        [
            f"pipeline / natasha floor: {results['ratio_pipeline_to_floor']:.2f} "
            f"({one['seconds']:.1f}s / {results['floor']['seconds']:.1f}s, {results['documents']} documents)",
            f"tokens per second: {one['tokens_per_s']:,} (1 worker)"
            + "".join(f", {r['tokens_per_s']:,} ({r['workers']} workers)" for r in results["runs"][1:]),
            f"seconds per stage: {stages}",
            f"references: {results['references']['chars_per_s']:,} characters per second (CPU)",
            f"peak memory: {one['peak_rss_mb']:.0f} MB (floor {results['floor']['peak_rss_mb']:.0f} MB)",
            f"re-run: {rerun['rerun_s']:.2f}s = {rerun['rerun_ratio']:.1%} of the first run "
            "(each `hpnlp run` a new process)",
            f"failed documents: {results['failed_documents']}",
        ]
    )


def _machine() -> dict:
    import os
    import platform

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d"),
    }


def main(argv: list[str]) -> None:
    """Commands: corpus N DIR, run DIR N, pipeline DIR W, floor DIR, references DIR, rerun DIR, profile DIR
    N."""
    command, *rest = argv
    if command == "corpus":
        print(f"wrote {build_bench_corpus(int(rest[0]), Path(rest[1])):,} bytes to {rest[1]}")
    elif command == "pipeline":
        print(json.dumps(measure_pipeline(Path(rest[0]), int(rest[1]))))
    elif command == "references":
        print(json.dumps(measure_references(Path(rest[0]))))
    elif command == "floor":
        print(json.dumps(measure_floor(Path(rest[0]))))
    elif command == "rerun":
        print(json.dumps(measure_rerun(Path(rest[0]))))
    elif command == "profile":
        print(profile_pipeline(Path(rest[0]), int(rest[1])))
    elif command == "run":
        results = run_bench(Path(rest[0]), int(rest[1]))
        out = BENCH_DIR / "results.json"
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        print(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"wrote {out}")
        print(_summary(results))
        if results["failed_documents"]:
            raise SystemExit(f"bench failed: {results['failed_documents']} documents failed (see 'failures')")
    else:
        raise SystemExit(f"unknown bench command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
