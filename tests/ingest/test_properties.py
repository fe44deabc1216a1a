"""Properties of ingest on arbitrary text: cleaning and decoding never raise, cleaning is linear, and every
offset it returns lies inside the source and points at what it claims to."""

from __future__ import annotations

import re
import signal
import time
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.chrome import _rules, _whole_line_rules
from pipeline.ingest.clean import LATIN_TO_CYRILLIC, clean_text, rules
from pipeline.ingest.decode import BAD_CHARACTER, DecodeError, decode_bytes
from pipeline.ingest.language import CYRILLIC_LEAD_BYTES, NOT_ASCII_LETTER
from pipeline.paths import RAW, RESOURCES
from tests.strategies import ANY_TEXT, CYRILLIC, FAST, LATIN, TEXTY

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
    raw = next(RAW.glob("*.txt")).read_text(encoding="utf-8")
    text = (raw * (50_000_000 // len(raw) + 1))[:50_000_000]
    started = time.perf_counter()
    with _time_limit(300):
        cleaned = clean_text(text)
    assert time.perf_counter() - started < 90 and len(cleaned.text) > 45_000_000


@FAST
@given(ANY_TEXT)
def test_letters_counted_in_bytes_are_the_characters(text: str) -> None:
    """guess_language and the binary check count in C what a loop over the characters would count."""
    data = text.encode("utf-8", "surrogatepass")
    assert sum(map(data.count, CYRILLIC_LEAD_BYTES)) == sum("\u0400" <= ch <= "\u04ff" for ch in text)
    assert len(data.translate(None, NOT_ASCII_LETTER)) == sum(ch.isascii() and ch.isalpha() for ch in text)
    bad = sum((ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd" for ch in text)
    assert len(BAD_CHARACTER.findall(text)) == bad


# debris.tsv's rules that open with a character where the lookbehind would read more naturally first: the
# natural form of each, which must match the same spans.
NATURAL_DEBRIS = {
    "md_emphasis": r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])",
    "layout_tabs": r"(?<![ \t])[ \t]*\t[ \t]*",
    "hyphen_break": r"(?<=[а-яёa-z])-\n(?=[а-яёa-z])",
    "trailing_space": r"(?<![ \t])[ \t]+$",
    "double_space": r"[ \t]{2,}",
    "blank_lines": r"\n{3,}",
}
BLANKS_AND_MARKS = st.text(alphabet=" \t\n*-_aяЯё1.\u00a0", max_size=40)


@FAST
@given(st.one_of(BLANKS_AND_MARKS, TEXTY))
def test_debris_rules_match_as_their_natural_forms(text: str) -> None:
    compiled = {name: pattern for name, pattern, _ in rules()}
    for name, natural in NATURAL_DEBRIS.items():
        expected = [m.span() for m in re.finditer(natural, text, re.M)]
        assert [m.span() for m in compiled[name].finditer(text)] == expected, name


CHROME_WORDS = re.findall(r"[^\s\\()?*+|{}\[\]^$]+", (RESOURCES / "chrome.tsv").read_text(encoding="utf-8"))


@FAST
@given(st.lists(st.sampled_from(CHROME_WORDS), min_size=1, max_size=6).map(" ".join))
def test_chrome_rules_of_a_scope_match_a_line_as_one(line: str) -> None:
    for scope, patterns in _rules().items():
        if patterns:
            one = bool(_whole_line_rules()[scope].fullmatch(line))
            assert one == any(p.fullmatch(line) for p in patterns), (scope, line)
