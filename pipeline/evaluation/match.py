"""Evaluation helpers: text normalisation, lenient comparisons, tallies and one-to-one matching."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from pipeline.nlp.morph import lemma, parse

DEBRIS = re.compile(r"\[bookmark:[^\]]*\]")
LEADING_NUMBER = re.compile(r"^[\s*\-—–•]*(?:\d+(?:\.\d+)*[.)]|[а-яa-z]\))?[\s\-—–]*", re.IGNORECASE)
QUOTE_MARKS = re.compile(r"[*«»“”„\"_]")
WORD = re.compile(r"[\w-]+")
EDGE_PUNCT = " \t\n.,;:«»\"'“”()"
FUNCTION_WORDS = frozenset("в во на по и с со для о об от при к из за до а также".split())


def fold(text: str | None) -> str:
    """Lower-cased, ё→е, whitespace collapsed, outer punctuation stripped.

    >>> fold("  «Министерство  здравоохранения»: ")
    'министерство здравоохранения'
    >>> fold("партнёры")
    'партнеры'
    """
    if text is None:
        return ""
    text = text.lower().replace("ё", "е")
    return " ".join(text.split()).strip(EDGE_PUNCT)


def unit_text(text: str | None) -> str:
    """A unit's text without conversion debris and its leading item number, folded.

    >>> unit_text("9. [bookmark: _Hlk1]Рекомендовать АРОЗ КР")
    'рекомендовать ароз кр'
    """
    return fold(LEADING_NUMBER.sub("", DEBRIS.sub("", text or "")))


def quote_text(text: str | None) -> str:
    """A quote without quotation and emphasis marks, folded.

    >>> quote_text("*«Мы стоим на этапе»,*")
    'мы стоим на этапе'
    """
    return fold(QUOTE_MARKS.sub("", text or ""))


def prefix_similarity(start: str, text: str) -> float:
    """How well a unit text begins with the gold text_start (0..1), both already folded.

    >>> prefix_similarity("рекомендовать ароз", "рекомендовать ароз кр продолжить")
    1.0
    """
    if not start or not text:
        return 0.0
    return SequenceMatcher(None, start, text[: len(start)], autojunk=False).ratio()


def norm_item(item: Any) -> str | None:
    """An item or section number without trailing dots and brackets.

    >>> norm_item(" 18. "), norm_item("2)"), norm_item(None)
    ('18', '2', None)
    """
    if item is None:
        return None
    out = str(item).strip().rstrip(".)").strip()
    return out.lower() or None


def norm_number(number: Any) -> str | None:
    """An act's number without '№' and spaces.

    >>> norm_number("№ 64")
    '64'
    """
    if number is None:
        return None
    out = re.sub(r"[№\s]", "", str(number)).lower()
    return out or None


def norm_article(article: Any) -> str | None:
    """The numbers an article citation names, in order ("ст. 10, 17" and "10 и 17" agree).

    >>> norm_article("ст. 10, 17"), norm_article("статьями 10 и 17")
    ('10,17', '10,17')
    """
    if article is None:
        return None
    return ",".join(re.findall(r"\d+", str(article))) or None


def norm_place(place: str | None) -> str | None:
    """A place name without the «г.» / «город» prefix.

    >>> norm_place("г. Бишкек")
    'бишкек'
    """
    out = re.sub(r"^(?:г\.|город)\s*", "", fold(place))
    return out or None


def norm_text(value: Any) -> str | None:
    """A folded string, or None for empty values."""
    out = fold(str(value)) if value is not None else ""
    return out or None


def content_lemmas(text: str | None) -> frozenset[str]:
    """Lemmas of the content words of a text, ё folded.

    >>> sorted(content_lemmas("министру здравоохранения в КР"))
    ['здравоохранение', 'кр', 'министр']
    """
    words = WORD.findall(fold(text))
    return frozenset(fold(lemma(w)) for w in words if w not in FUNCTION_WORDS)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice overlap of two sets (0 when both are empty).

    >>> dice(frozenset("ab"), frozenset("bc"))
    0.5
    """
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def head_lemma(phrase: str | None) -> str | None:
    """The lemma of a noun phrase's head: its first noun, else its first word.

    >>> head_lemma("приоритетные направления деятельности")
    'направление'
    """
    words = WORD.findall(fold(phrase))
    for word in words:
        if parse(word) and parse(word)[0].tag.POS == "NOUN":
            return fold(lemma(word))
    return fold(lemma(words[0])) if words else None


def lemma_key(text: str | None) -> frozenset[str] | None:
    """Content lemmas of a title, role or object; None when it has none."""
    return content_lemmas(text) or None


def same_title(gold: frozenset[str], pred: frozenset[str]) -> bool:
    """Titles agree when their content lemmas overlap (Dice) by at least 0.8."""
    return dice(gold, pred) >= 0.8


def same_role(gold: frozenset[str], pred: frozenset[str]) -> bool:
    """Roles agree when their content lemmas overlap (Dice) by at least 0.5."""
    return dice(gold, pred) >= 0.5


def head_in(head: str, pred_lemmas: frozenset[str]) -> bool:
    """A gold object's head lemma is among the predicted object's lemmas."""
    return head in pred_lemmas


def _same_name_token(a: str, b: str) -> bool:
    """Two name tokens agree by lemma or, for names the dictionary lacks, by differing in the ending only.

    >>> _same_name_token("эдиль", "эдиля"), _same_name_token("иван", "иванов")
    (True, False)
    """
    short, long_ = sorted((a, b), key=len)
    stem = len(short) >= 5 and len(long_) - len(short) <= 2 and long_.startswith(short[:-1])
    return stem or lemma(a) == lemma(b)


def names_match(a: str | None, b: str | None) -> int:
    """Shared tokens when one person name's tokens are all in the other, else 0.

    >>> names_match("Эдиль Байсалов", "Эдиля Байсалова")
    2
    >>> names_match("Ливиу Ведраско", "Доктор Ливиу Ведраско")
    2
    >>> names_match("Эдиль Байсалов", "Каныбек Досманбетов")
    0
    """
    ta, tb = WORD.findall(fold(a)), WORD.findall(fold(b))
    short, long_ = sorted((ta, tb), key=len)
    if not short or not all(any(_same_name_token(s, t) for t in long_) for s in short):
        return 0
    return len(short)


def same_person(gold: str, pred: str) -> bool:
    """Names agree when one's tokens are all in the other."""
    return names_match(gold, pred) > 0


def distinct_persons(preds: list[dict]) -> list[dict]:
    """Predicted person mentions merged by name (the first role given wins)."""
    kept: list[dict] = []
    for p in preds:
        same = next((k for k in kept if names_match(k.get("name"), p.get("name"))), None)
        if same is None:
            kept.append(dict(p))
        elif not same.get("role"):
            same["role"] = p.get("role")
    return kept


def locate(text: str, doc_text: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the n-th whole-word occurrence of text in doc_text, tolerant of case, ё and spacing."""
    words = text.lower().replace("ё", "е").split()
    if not words or not doc_text:
        return None
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    folded = doc_text.lower().replace("ё", "е")
    for n, m in enumerate(re.finditer(pattern, folded), start=1):
        if n == occurrence:
            return m.start(), m.end()
    return None


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        """Accumulate another tally (micro-averaging)."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, float]:
        """Counts with precision, recall and F1 (1.0 when there is nothing to find or find)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f1}


@dataclass
class Accuracy:
    """Correct out of n on matched pairs."""

    correct: int = 0
    n: int = 0

    def add(self, other: Accuracy) -> None:
        """Accumulate another accuracy."""
        self.correct, self.n = self.correct + other.correct, self.n + other.n

    def as_dict(self) -> dict[str, float | None]:
        """Counts with accuracy (None when nothing was compared)."""
        return {"correct": self.correct, "n": self.n, "accuracy": self.correct / self.n if self.n else None}


def score_value(tally: Tally, gold: Any, pred: Any, same: Callable[[Any, Any], bool] | None = None) -> bool:
    """Score one optional value: a right value is a TP, a wrong or extra one FP, a missing or wrong one FN."""
    hit = gold is not None and pred is not None and (same(gold, pred) if same else gold == pred)
    tally.tp += hit
    tally.fp += pred is not None and not hit
    tally.fn += gold is not None and not hit
    return hit or (gold is None and pred is None)


def score_multiset(tally: Tally, gold: Sequence[str], pred: Sequence[str]) -> tuple[list[str], list[str]]:
    """Score two bags of strings; return (missed, spurious)."""
    g, p = Counter(gold), Counter(pred)
    both = g & p
    tally.tp += sum(both.values())
    tally.fp += sum((p - both).values())
    tally.fn += sum((g - both).values())
    return sorted((g - both).elements()), sorted((p - both).elements())


def greedy_match(
    golds: Sequence[Any], preds: Sequence[Any], score: Callable[[Any, Any], Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one pairs, best score first (ties in document order); score None forbids a pair."""
    cands = [
        (s, i, j) for i, g in enumerate(golds) for j, p in enumerate(preds) if (s := score(g, p)) is not None
    ]
    cands.sort(key=lambda c: c[0], reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    pairs.sort()
    free_g = [i for i in range(len(golds)) if i not in used_g]
    return pairs, free_g, [j for j in range(len(preds)) if j not in used_p]
