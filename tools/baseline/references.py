"""Pullenti's decrees and their parts in, `legal_refs` rows out, one per mention as gold counts them (the
mapping: tools/pullenti_baseline.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.data.lexicon import act_types
from pipeline.evaluation.match import content_lemmas, dice, fold
from pipeline.nlp.morph import lemma, lemmatize
from tools.baseline.entities import Entity, first

PULLENTI_TYPES = Path(__file__).resolve().parent.parent / "data" / "pullenti_types.tsv"
APPROVED = re.compile(r",?\s*(?:утвержд|утв\.)\w*\s*", re.IGNORECASE)  # «…, утвержденного постановлением …»
JOINED_PARTS = re.compile(r"[\s,;]*(?:и\s*)?", re.IGNORECASE)  # between two parts cited as one («10 и 17»)
Mention = tuple[int, int, int, str | None, str]  # start, end, act (entity index), article, approved|act|""


@lru_cache(maxsize=1)
def _type_phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(lemmas, ref_type) of every act phrase, the pipeline's and Pullenti's extras, longest first."""
    found = [(a.phrase, a.ref_type) for a in act_types()]
    found += [tuple(r) for r in (line.split("\t") for line in _lines(PULLENTI_TYPES))]
    return tuple(sorted(((tuple(lemmatize(p)), t) for p, t in found), key=lambda p: -len(p[0])))


def _lines(path: Path) -> list[str]:
    """The data lines of a tab-separated file (# starts a comment)."""
    text = path.read_text(encoding="utf-8").splitlines()
    return [line for line in text if line.strip() and not line.startswith("#")]


def _holds(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's lemmas occur in a row in words."""
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


def ref_type(typ: str | None) -> str:
    """The ref_type of a Pullenti decree TYPE.

    >>> ref_type("ФЕДЕРАЛЬНЫЙ КОНСТИТУЦИОННЫЙ ЗАКОН"), ref_type("ПОСТАНОВЛЕНИЕ"), ref_type("РЕШЕНИЕ")
    ('constitutional_law', 'decree', 'resolution_order')
    """
    words = lemmatize(fold(typ))
    return next((t for phrase, t in _type_phrases() if _holds(words, phrase)), "other")


def jurisdiction(entities: list[Entity], act: Entity) -> str | None:
    """The country code of the act's GEO (Pullenti's ALPHA2 of a state: «Киргизия» → KG), None for others."""
    geo = [entities[v] for v in act.values("GEO")[:1] if isinstance(v, int)]
    return next((str(v) for g in geo for v in g.values("ALPHA2")), None)


def _spaced(value: str | int) -> str:
    """A pattern of a value Pullenti wrote without spaces («ҚРДСМ-27») as the text may space it."""
    return r"\s*".join(map(re.escape, str(value)))


def _printed_number(numbers: list, mention: str) -> str | None:
    """The referent's numbers the mention prints: one, or those written as one («N 448/106», which Pullenti
    keeps as a number per issuer).

    >>> _printed_number(["448", "106"], "приказу Минздрава России и РАМН от 13.12.2001 N 448/106")
    '448/106'
    """
    found = (re.search(rf"(?<!\w){_spaced(n)}(?!\w)", mention, re.I) for n in numbers if isinstance(n, str))
    at = [m for m in found if m]
    if not at:
        return None
    joined = mention[min(m.start() for m in at) : max(m.end() for m in at)]
    return joined if len(at) > 1 and not re.search(r"\s", joined) else at[0].group()


def _printed_date(dates: list, mention: str) -> str | None:
    """The first of a referent's dates whose year the mention prints, as ISO («2016.06.06» → 2016-06-06).

    >>> _printed_date(["2022.02.10"], "от 10.02.22 г. № 8"), _printed_date(["2009"], "Закона")
    ('2022-02-10', None)
    """
    for d in dates:
        if not isinstance(d, str) or not re.fullmatch(r"\d{4}(\.\d{2}){0,2}", d):
            continue
        if d[:4] in mention or re.search(rf"\d\.\s?{d[2:4]}(?!\d)", mention):  # «от 10.02.22 г.»
            return d.replace(".", "-")
    return None


def _title(names: list, mention: str) -> str | None:
    """The name of the referent closest to the mention's words (the first on a tie)."""
    names = [n for n in names if isinstance(n, str)]
    words = content_lemmas(mention)
    return max(names, key=lambda n: dice(content_lemmas(n), words), default=None)


def _part_mentions(entities: list[Entity], text: str, acts: set[int]) -> list[tuple[int, int, int, str]]:
    """(start, end, act, article) of every part of a cited act, neighbours of one act joined; a part that
    does not name its act (Pullenti found the owner earlier in the text) is anaphora, as in gold."""
    found = sorted(
        (a, b, owner, e.label.split(";")[0].strip())
        for e in entities
        if e.type == "DECREEPART"
        for owner in e.values("OWNER")[:1]
        if owner in acts
        for a, b in e.spans
    )
    out: list[tuple[int, int, int, str]] = []
    for a, b, owner, article in found:
        last = out[-1] if out else None
        if last and last[2] == owner and a >= last[1] and JOINED_PARTS.fullmatch(text[last[1] : a]):
            out[-1] = (last[0], max(b, last[1]), owner, f"{last[3]}, {article}")
        else:
            out.append((a, b, owner, article))
    return [m for m in out if any(a < m[1] and m[0] < b for a, b in entities[m[2]].spans)]


def _split(entities: list[Entity], text: str, mention: Mention, starts: dict[int, int]) -> list[Mention]:
    """A mention as gold counts it. Pullenti makes one referent of an approved document and the act that
    approves it («Положения о …, утвержденного постановлением … № 71»: NAME the document's, TYPE, date and
    number the act's): two mentions, the act's kept when it says more than its kind («вышеуказанным
    постановлением» is anaphora). A mention running on into another act's («программы «…», утвержденной
    постановлением …») ends where that one begins; one that begins at «, утвержденной» begins after it."""
    a, b, n, article, _ = mention
    opening = APPROVED.match(text, a, b)
    a = opening.end() if opening and opening.end() < b else a
    heads = set(lemmatize(fold(first(entities, entities[n], "TYPE"))))
    for m in APPROVED.finditer(text, a, b):
        if not re.search(r"\w", text[a : m.start()]):
            continue
        words = list(re.finditer(r"\w+", text[m.end() : b]))[:2]
        own = next((w for w in words if lemma(w.group()) in heads), None)
        if own is not None:
            act = (m.end() + own.start(), b, n, None, "act")
            return [(a, m.start(), n, article, "approved")] + [act] * (len(text[act[0] : b].split()) > 1)
        if any(
            m.start() <= s <= m.end() + (words[-1].end() if words else 0) for s, k in starts.items() if k != n
        ):
            return [(a, m.start(), n, article, "")]
    return [(a, b, n, article, "")]


def _row(entities: list[Entity], text: str, mention: Mention) -> dict[str, Any]:
    """The `legal_refs` row of one mention. An approved document has its name (and its kind from it, else
    from its words), while the type, date, number and issuer are its act's; the act has no title."""
    a, b, n, article, part = mention
    act, words = entities[n], text[a:b]
    title = None if part == "act" else _title(act.values("NAME"), words)
    row = {
        "start": a,
        "end": b,
        "text": words,
        "ref_type": ref_type(first(entities, act, "TYPE")),
        "title": title,
        "date": _printed_date(act.values("DATE"), words),
        "number": _printed_number(act.values("NUMBER"), words),
        "jurisdiction": jurisdiction(entities, act),
        "issuer": first(entities, act, "SOURCE"),
        "article": article,
        "act_id": f"pullenti:{n}",
    }
    if part != "approved":
        return row
    typed = ref_type(title) if ref_type(title) != "other" else ref_type(words)
    return row | {
        "ref_type": typed,
        "date": None,
        "number": None,
        "issuer": None,
        "act_id": f"{row['act_id']}:1",
    }


def _joins(left: dict[str, Any], right: dict[str, Any], text: str) -> bool:
    """Whether two mentions side by side are one: Pullenti cuts bracketed details from their act («Закона КР
    «Об …» (12.01.2024г., №10)» gives two referents); same type, no value that differs, only spaces or a
    bracket between."""
    if left["ref_type"] != right["ref_type"] or not re.fullmatch(
        r"[\s(]*", text[left["end"] : right["start"]]
    ):
        return False
    return all(not (left[k] and right[k]) or left[k] == right[k] for k in ("title", "date", "number"))


def reference_rows(entities: list[Entity], text: str) -> list[dict[str, Any]]:
    """`legal_refs` rows of Pullenti's decrees and their parts (the mapping: tools/pullenti_baseline.py)."""
    acts = {n for n, e in enumerate(entities) if e.type == "DECREE" and e.kind != "PUBLISHER"}
    mentions = [(*m, "") for m in _part_mentions(entities, text, acts)]
    for n in acts:
        for a, b in entities[n].spans:
            if not any(m[2] == n and m[0] < b and a < m[1] for m in mentions):
                mentions.append((a, b, n, None, ""))
    starts = {m[0]: m[2] for m in mentions}
    pieces = sorted(piece for m in mentions for piece in _split(entities, text, m, starts))
    out: list[dict[str, Any]] = []
    for row in (_row(entities, text, piece) for piece in pieces):
        if out and _joins(out[-1], row, text):
            last = out[-1]
            out[-1] = {
                **row,
                **{k: v for k, v in last.items() if v},
                "start": last["start"],
                "end": row["end"],
            }
            out[-1]["text"] = text[last["start"] : row["end"]]
        else:
            out.append(row)
    return out
