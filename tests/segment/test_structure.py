"""Segmentation on arbitrary and on huge text: blocks, sections and sentences lie inside the text, in order,
and no sentence is longer than MAX_SENTENCE."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.clean import clean_text
from pipeline.ingest.read import ingest_file
from pipeline.records import Document
from pipeline.segment.structure import MAX_SENTENCE, segment_document
from tests.strategies import ANY_TEXT, CYRILLIC, FAST, LATIN, PUNCT

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


@pytest.mark.parametrize(
    "sentence",
    ["Принять план. ", "министерство здравоохранения разработать "],
    ids=["full-stops", "no-full-stop"],
)
def test_two_megabyte_line_is_ingested_and_segmented(tmp_path: Path, sentence: str) -> None:
    """The fast suite stops before the NLP models (2 MB is a minute of parsing); the slow run goes on."""
    path = tmp_path / "line.txt"
    path.write_text((sentence * (2_000_000 // len(sentence) + 1))[:2_000_000], encoding="utf-8")
    started = time.perf_counter()
    document = ingest_file(path, "line", "line.txt").document
    sentences = segment_document(document).sentences
    assert time.perf_counter() - started < 30
    assert "\n" not in document.text and len(document.text) > 1_900_000
    assert sentences and max(b - a for a, b in sentences) <= MAX_SENTENCE
