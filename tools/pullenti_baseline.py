"""Baseline (`make baseline`): Pullenti and the pipeline on the same annotated sets, scored alike.

Pullenti (the `pullenti` 4.1 package, the Python port of the Pullenti SDK: `pip install -e '.[baseline]'`)
runs with its standard processor (every analyzer that is not "specific": dates, geo, organisations, person
properties, persons, decrees, …; Russian morphology) over each document's cleaned text, the text the
pipeline extracts from (`ingest_file(...).document.text`), so offsets point where the gold's texts are found.
Its referents (tools/baseline/entities.py) become the rows `hpnlp eval` reads from the dataset, and
`pipeline.evaluation.score.score_all` scores them: the same matching, on the same documents. The pipeline
runs as `hpnlp run --no-cache` and is scored by `hpnlp eval`'s own `evaluate`.

References (tools/baseline/references.py: a `legal_refs` row per mention, as gold counts them):
- Every occurrence of a `DECREE` referent is a mention, except DecreeKind PUBLISHER (Pullenti's class for
  publication sources and registrations: «Собрание законодательства РФ», «зарегистрирован в Минюсте … № …»),
  which cite no act. `DECREECHANGE` (what an amendment does) is no reference.
- A `DECREEPART` occurrence with an OWNER («статьи 58 Закона № 10/2009 …») is a mention of its owner, with
  the part's span and the part as `article` («ст.58»); parts of one owner with only «и» or a comma between
  («статьями 10 и 17 … Закона») are one mention, as gold writes them. A part whose span does not name its
  owner (Pullenti found it earlier in the text: «подпункт 1 пункта 9») is anaphora, which gold leaves out;
  so is a part without an owner: Pullenti's LOCALTYP is "a reference to the current document" («части 1
  настоящего Распоряжения», «согласно приложению 2»; one of the seven on our sets, «статьей 40 Устава
  муниципального образования», names another act).
- Pullenti makes one referent of a document and the act approving it («Положения о Министерстве …,
  утвержденного постановлением … № 71»: NAME the document's; TYPE, date and number the act's); gold has
  two mentions, so the occurrence is cut at «утвержденн…»: the document (typed by its name, no date or
  number) and the act (kept when it says more than its kind: «вышеуказанным постановлением» is anaphora).
  An occurrence running on into another referent's («программы «…», утвержденной постановлением …») ends
  there. Two neighbouring occurrences of one kind with no conflicting values and only spaces or a bracket
  between are one mention («Закона КР «Об …» (12.01.2024г., №10)», which Pullenti cuts in two).
- `ref_type` from TYPE: the longest phrase of pipeline/data/act_types.tsv among its lemmas («ФЕДЕРАЛЬНЫЙ
  КОНСТИТУЦИОННЫЙ ЗАКОН» → constitutional_law), else tools/data/pullenti_types.tsv (РЕШЕНИЕ →
  resolution_order, ДЕКЛАРАЦИЯ → international), else `other`. `title`: the NAME closest to the
  mention's words (a referent merged from several mentions may carry several). `number` and `date`
  (Pullenti's «2016.06.06» → ISO): the referent's values that the mention prints (the number, spaced as
  printed; the date's year, four or two digits), since a referent is the act and gold gives each mention
  what it prints; numbers Pullenti keeps per issuer are joined as printed («N 448/106»). `jurisdiction`:
  the ALPHA2 code of GEO when it is a state; `issuer`: SOURCE; `act_id`: the referent.
Persons (tools/baseline/persons.py: a `persons` row per occurrence of a `PERSON`; the scorer merges them):
- `name` in gold's convention, given name first, in the nominative (Pullenti's slots are): initials as
  «В.И. Скворцова», full names as «Владимир Путин». The scorer accepts a name when every token of the
  shorter is in the longer (`match.names_match`), so initials stay tokens of their own and are never
  mixed with a full given name; of a referent merged from several forms («М.В. Мишустин», «Михаил
  Мишустин») each occurrence takes the forms it prints. A particle Pullenti hyphenates («ДЕ-БРЮИН») stays
  apart when the text writes it so.
- `role`: the ATTRIBUTE (`PERSONPROPERTY`) whose occurrence touches the person's, else the first: the words
  of that occurrence, then Pullenti's nominative form of it (post, the posts above it, the organisation or
  place it resolved, even from elsewhere in the text: «заместитель; министр здравоохранения и социального
  развития; Россия»), without the aliases it adds in brackets («(Минздрав)»). Roles are compared by content
  lemmas (Dice ≥ 0.5): either part alone does worse on the six sets (TP/FP/FN: Pullenti's form 59/7/16,
  the words 61/6/15, both 62/5/14).
Pullenti has no notion of unnamed legislation («законодательством РК», «НПА»), of directive units,
addressees or document metadata: only references and persons are compared, and such references count
against it as they count against the pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from pipeline import paths
from pipeline.evaluation.io import PRED_TABLES, load_gold
from pipeline.evaluation.score import evaluate, score_all
from pipeline.execution.corpus import iter_corpus
from pipeline.ingest.read import ingest_file
from pipeline.store.files import atomic_write
from tools.baseline.entities import analyse, processor
from tools.baseline.persons import person_rows
from tools.baseline.references import reference_rows

DATA = paths.ROOT / "tests" / "data"
SETS = {  # name: (corpus, gold)
    "real": (DATA / "real", DATA / "real_gold"),
    "corpus": (paths.RAW, paths.CORPUS / "gold"),
    "heldout": (DATA / "heldout", DATA / "heldout_gold"),
    "heldout2": (DATA / "heldout2", DATA / "heldout2_gold"),
    "heldout3": (DATA / "heldout3", DATA / "heldout3_gold"),
    "heldout4": (DATA / "heldout4", DATA / "heldout4_gold"),
}
FIGURES = {"references": "refs", "ref date": "ref_date", "ref number": "ref_number"}
FIGURES |= {"persons": "persons", "roles": "roles"}


def pullenti_predictions(proc: Any, corpus: Path, doc_ids: Iterable[str]) -> dict[str, dict[str, list]]:
    """Pullenti's rows for every document of a corpus, table by table, as `load_predictions` gives the
    dataset's (the gold's documents missing from the corpus stay empty)."""
    preds: dict[str, dict[str, list]] = {d: {t: [] for t in PRED_TABLES} for d in doc_ids}
    for doc_id, path, source in iter_corpus(corpus):
        text = ingest_file(path, doc_id, source).document.text
        found = analyse(proc, text)
        tables = preds.setdefault(doc_id, {t: [] for t in PRED_TABLES})
        tables["documents"] = [{"doc_id": doc_id, "text": text}]
        tables["legal_refs"] = [{"doc_id": doc_id, **r} for r in reference_rows(found, text)]
        tables["persons"] = [{"doc_id": doc_id, **r} for r in person_rows(found, text)]
    return preds


def pipeline_metrics(corpus: Path, gold: Path, out: Path) -> dict[str, Any]:
    """`hpnlp run --no-cache` over the corpus in a child process, then `hpnlp eval`'s report on it."""
    command = [sys.executable, "-m", "pipeline", "run", "--corpus", str(corpus), "--out", str(out)]
    done = subprocess.run([*command, "--no-cache"], cwd=paths.ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some documents failed, the others are in the dataset
        raise RuntimeError(f"pipeline run failed on {corpus}: {done.stderr.strip()[-500:]}")
    return evaluate(out / "dataset.sqlite", gold, trained={})


def figures(metrics: dict[str, Any]) -> dict[str, float]:
    """The compared F1 figures of one `pipeline eval` report."""
    return {name: metrics["overall"][field]["f1"] for name, field in FIGURES.items()}


def compare(name: str, proc: Any, out: Path, pipeline: bool = True) -> dict[str, Any]:
    """Pullenti's figures on one annotated set (and the pipeline's); its rows and both reports go to out."""
    corpus, gold_dir = SETS[name]
    gold = load_gold(gold_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    preds = pullenti_predictions(proc, corpus, gold)
    metrics = score_all(gold, preds)
    seconds = time.monotonic() - started
    rows_ = [r for d in preds.values() for t in ("legal_refs", "persons") for r in d[t]]
    atomic_write(
        out / "pullenti_rows.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_)
    )
    atomic_write(out / "pullenti_eval.json", json.dumps(metrics, ensure_ascii=False, indent=2))
    result = {"set": name, "documents": len(gold), "pullenti": figures(metrics), "pullenti_seconds": seconds}
    if pipeline:
        result["pipeline"] = figures(pipeline_metrics(corpus, gold_dir, out / "pipeline"))
    return result


def _cell(result: dict[str, Any], figure: str) -> str:
    """«pipeline / Pullenti» for one figure."""
    ours = result.get("pipeline", {}).get(figure)
    return ("—" if ours is None else f"{ours:.2f}") + f" / {result['pullenti'][figure]:.2f}"


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: a set per row, «pipeline / Pullenti» F1 per figure."""
    lines = ["| set (documents) | " + " | ".join(FIGURES) + " |", "|---" * (len(FIGURES) + 1) + "|"]
    for r in results:
        cells = " | ".join(_cell(r, f) for f in FIGURES)
        lines.append(f"| {r['set']} ({r['documents']}) | {cells} |")
    return "\n".join(lines)


def main(
    sets: str = typer.Option(",".join(SETS), help="Comma-separated annotated sets: " + ", ".join(SETS)),
    out: Path = typer.Option(paths.DATA / "baseline", help="Folder for the rows, the reports and the table."),
    pipeline: bool = typer.Option(True, help="Run and score the pipeline too (else Pullenti only)."),
) -> None:
    """Score Pullenti and the pipeline on each set; print «pipeline / Pullenti» F1 per figure."""
    proc = processor()
    results = []
    for name in sets.split(","):
        results.append(compare(name, proc, out / name, pipeline))
        typer.echo(f"{name}: Pullenti {results[-1]['pullenti_seconds']:.0f} s", err=True)
    atomic_write(out / "baseline.json", json.dumps(results, ensure_ascii=False, indent=2))
    typer.echo(table(results))


if __name__ == "__main__":
    typer.run(main)
