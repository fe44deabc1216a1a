"""Properties of the parsers on arbitrary text: cleaning, decoding, segmentation, references never raise,
and every offset they return lies inside the text and points at what it claims to."""

from __future__ import annotations

import re
import signal
import time
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.clean import LATIN_TO_CYRILLIC, clean_text
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.records import Document
from pipeline.segment.structure import MAX_SENTENCE, segment_document

FAST = settings(max_examples=100, deadline=None)
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯңөүҢӨҮ"
LATIN = "AaBCcEeHKkMOoPpTXxyuQqZzWw"
DEBRIS = "\t\n\r \u00a0\u2009\u200b\u200e\ufeff\u00ad\u2028\x0c\x0b\x00\x07*#>_-[]"
PUNCT = "0123456789.,;:()«»—–№/\"'"
# Text that looks like a converted policy document, and text that looks like nothing at all.
TEXTY = st.text(alphabet=CYRILLIC + LATIN + PUNCT + DEBRIS, max_size=400)
ANY_TEXT = st.one_of(TEXTY, st.text(max_size=200))
LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "РАЗДЕЛ 1: ВОПРОСЫ",
                "Глава IV. Общие положения",
                "II. ЗАДАЧИ",
                "1. Принять отчет.",
                "2.1) Поручить Минздраву:",
                "— разработать план;",
                "а) утвердить порядок;",
                "12",
                "",
                "   ",
            ]
        ),
        st.text(alphabet=CYRILLIC + LATIN + PUNCT + " \t.!?", max_size=120),
    ),
    max_size=25,
).map("\n".join)
# Words and the debris that may sit between them; a separator always holds a space or a line break, so
# cleaning can never glue two words into one.
WORD = st.text(alphabet=CYRILLIC + LATIN + "0123456789", min_size=1, max_size=12)
SEPARATOR = st.tuples(
    st.text(alphabet="\t\r\u00a0\u200b\u00ad*#>", max_size=3),
    st.sampled_from([" ", "\n", "\t", "\u00a0", "\n\n\n", " \n "]),
    st.text(alphabet="\t \u00a0\u200b\u00ad*#>", max_size=3),
).map("".join)
WORDS = st.lists(st.tuples(WORD, SEPARATOR), max_size=30).map(lambda pairs: "".join(w + s for w, s in pairs))


@FAST
@given(ANY_TEXT)
def test_clean_text_never_raises_and_maps_in_range(raw: str) -> None:
    cleaned = clean_text(raw)
    mapped = [cleaned.offsets.to_source(i) for i in range(len(cleaned.text) + 1)]
    assert all(0 <= m <= len(raw) for m in mapped)
    assert mapped == sorted(mapped), "to_source must be monotonic"


@FAST
@given(ANY_TEXT)
def test_cleaned_text_holds_no_debris(raw: str) -> None:
    text = clean_text(raw).text
    assert text == text.strip()
    assert not re.search(r"[\t\r\x00-\x08\x0b-\x1f\u00a0\u00ad\u200b\u200e\ufeff\u2028]|  |\n\n\n", text)


@FAST
@given(WORDS)
def test_every_cleaned_word_is_found_at_its_source_offset(raw: str) -> None:
    cleaned = clean_text(raw)
    for m in re.finditer(r"\w+", cleaned.text):
        src = cleaned.offsets.to_source(m.start())
        found = raw[src : src + len(m.group())]
        # Latin look-alikes inside Cyrillic words are fixed, so compare with them folded.
        assert found.translate(LATIN_TO_CYRILLIC) == m.group().translate(LATIN_TO_CYRILLIC), (
            m.group(),
            found,
        )


@FAST
@given(st.binary(max_size=3000))
def test_decode_never_raises_anything_but_decode_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(text, str) and encoding


@FAST
@given(TEXTY)
def test_decode_reads_back_utf8_and_utf16(text: str) -> None:
    text = clean_text(text).text  # real documents: no stray control characters
    for encoding in ("utf-8", "utf-16"):
        assert decode_bytes(text.encode(encoding))[0] == text


def _document(text: str) -> Document:
    return Document(
        doc_id="d",
        source="d.txt",
        doc_type="other",
        title=None,
        date=None,
        place=None,
        number=None,
        text=text,
        n_chars=len(text),
        sha256="",
    )


@FAST
@given(st.one_of(LINES, LINES.map(lambda t: clean_text(t).text), ANY_TEXT))
def test_segment_offsets_lie_inside_and_in_order(text: str) -> None:
    structure = segment_document(_document(text))
    previous = 0
    for b in structure.blocks:
        assert previous <= b.start <= b.body_start <= b.end <= len(text)
        previous = b.end
    previous = 0
    for a, b in structure.sentences:
        assert previous <= a < b <= len(text) and b - a <= MAX_SENTENCE
        assert text[a:b].strip()
        previous = b
    for s in structure.sections:
        assert 0 <= s.start <= s.end <= len(text)


def test_a_run_on_sentence_is_cut_into_bounded_pieces() -> None:
    text = ("слово " * 3000).strip()
    sentences = segment_document(_document(text)).sentences
    assert len(sentences) > 1 and all(b - a <= MAX_SENTENCE for a, b in sentences)
    assert " ".join(text[a:b] for a, b in sentences) == text


REFERENCE_PHRASES = st.sampled_from(
    [
        "Законом Кыргызской Республики «Об охране здоровья граждан» от 12 января 2024 года № 14",
        "постановлением Правительства РФ от 01.02.2020 № 5",
        "частью 2 статьи 21 Закона",
        "Указом Президента РФ от 7.05.2012 N 598",
        "Государственной программы по развитию здравоохранения на 2019–2030 годы",
        "приказом Минздрава",
        "(12.01.2024г., №10)",
    ]
)


@FAST
@given(st.lists(st.one_of(REFERENCE_PHRASES, TEXTY), max_size=6).map(" ".join))
def test_references_never_raise_and_slice_their_text(text: str) -> None:
    references = pytest.importorskip("pipeline.references.find")
    for ref in references.find_references(text):
        assert 0 <= ref.start <= ref.end <= len(text)
        assert text[ref.start : ref.end] == ref.text


@contextmanager
def _time_limit(seconds: float):
    """Fail instead of hanging when a pattern backtracks (SIGALRM: the main thread on Unix only)."""

    def _timeout(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Long runs of what each cleaning rule looks at: a quadratic pattern shows at once on 200 000 characters.
RUNS = [
    " ",
    "\t",
    " \t",
    "а",
    "a",
    "аa",
    "Mинистерство ",
    "*",
    "**",
    "#",
    "# ",
    "-\n",
    "\n",
    "\r\n",
    "1",
    "1 ",
    " - ",
    "[bookmark:",
    "[bookmark: x ",
    "_",
    "image",
    "> ",
    "date 2024-01-01 ",
    "\u00a0",
    "\u200b",
    "\u00ad",
]


@pytest.mark.parametrize("unit", RUNS, ids=repr)
def test_cleaning_is_linear_on_long_runs(unit: str) -> None:
    raw = unit * (200_000 // len(unit))
    started = time.perf_counter()
    with _time_limit(20):
        clean_text(raw)
    assert time.perf_counter() - started < 5


@pytest.mark.slow
def test_cleaning_fifty_megabytes_takes_seconds() -> None:
    """Ingest refuses such a file (MAX_BYTES), but cleaning must not be the reason: ~11 s here."""
    from pipeline.paths import RAW

    raw = next(RAW.glob("*.txt")).read_text(encoding="utf-8")
    text = (raw * (50_000_000 // len(raw) + 1))[:50_000_000]
    started = time.perf_counter()
    with _time_limit(300):
        cleaned = clean_text(text)
    assert time.perf_counter() - started < 90 and len(cleaned.text) > 45_000_000
