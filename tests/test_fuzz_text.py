"""Fuzzing the text layer: reading bytes, HTML, language, furniture and the folding offset map.

Properties: reading never fails with anything but `InputError`; HTML extraction, language detection
and furniture marking never fail and keep spans inside the text; folding maps every folded
character back to an ordered, valid source offset that folds to that character.
"""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path

import pytest
from fuzzing import HTML, fuzz_settings, languages, texts
from hypothesis import example, given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.lexicons import Lexicons
from kg.text.furniture import segment
from kg.text.html import html_to_text
from kg.text.language import detect_language
from kg.text.normalize import fold, fold_key, fold_phrase
from kg.text.read import Source, read_source


@cache
def _lexicons() -> Lexicons:
    return Lexicons()


any_text = st.one_of(texts("fa"), texts("ar"), st.text(max_size=200))


@fuzz_settings(2000)
@given(any_text)
def test_fold_offset_map_points_back_to_ordered_source_characters(text: str) -> None:
    folded = fold(text)
    index = folded.source_index
    if index is None:
        assert len(folded.text) == len(text)
        index = range(len(text))
    assert len(index) == len(folded.text)
    assert all(a < b for a, b in zip(index, list(index)[1:], strict=False))
    for i, source in enumerate(index):
        assert 0 <= source < len(text)
        assert fold(text[source]).text == folded.text[i]
    deleted = set(range(len(text))) - set(index)
    assert all(fold(text[j]).text == "" for j in deleted)


@fuzz_settings(1000)
@given(any_text, st.data())
def test_fold_spans_map_to_valid_source_spans(text: str, data: st.DataObject) -> None:
    folded = fold(text)
    start = data.draw(st.integers(0, len(folded.text)))
    end = data.draw(st.integers(start, len(folded.text)))
    source_start, source_end = folded.span_to_source(start, end)
    assert 0 <= source_start <= source_end <= len(text)
    assert fold(text[source_start:source_end]).text == folded.text[start:end]
    assert folded.to_folded(folded.to_source(start)) == start
    assert isinstance(fold_key(text), str) and isinstance(fold_phrase(text), str)


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


byte_inputs = st.one_of(
    st.binary(max_size=600),
    st.builds(_encoded, texts("fa"),
              st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1256", "utf-32",
                               "latin-1"])),
    st.builds(lambda raw, cut: raw[:cut], texts("ar").map(str.encode), st.integers(0, 400)),
    st.builds(lambda raw: raw.decode("latin-1").encode("utf-8"), texts("fa").map(str.encode)),
)


@fuzz_settings(1500)
@given(byte_inputs, st.sampled_from(["-", ".txt", ".html"]))
def test_reading_any_bytes_gives_a_source_or_an_input_error(raw: bytes, where: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = "-" if where == "-" else str(Path(folder) / f"article{where}")
        if path != "-":
            Path(path).write_bytes(raw)
        try:
            source = read_source(path, stdin=io.BytesIO(raw))
        except InputError as exc:
            assert exc.path == ("<stdin>" if path == "-" else path)
            assert exc.problem and "\n" not in exc.problem
            return
    assert isinstance(source, Source) and source.text.strip()
    assert "\r" not in source.text and "\x00" not in source.text


@fuzz_settings(1000)
@given(st.lists(st.one_of(texts("fa", 10), st.sampled_from(HTML)), max_size=30).map("".join))
@example("<!--<script>var a = 'دیدار';</script>")  # found by this test: see below
def test_html_to_text_never_fails_nor_shows_scripts_or_styles(html: str) -> None:
    text = html_to_text(html)
    assert isinstance(text, str)
    assert "var a = " not in text and "color:red" not in text


UNFINISHED = [
    pytest.param("<p>خبر</p><!--<script>var a = 1;</script>", id="comment never closed, script inside"),
    pytest.param("<p>خبر</p><!doctype html", id="doctype cut off"),
    pytest.param("<p>خبر</p><![CDATA[ var a = 1;", id="CDATA section cut off"),
    pytest.param("<p>خبر</p><p class=\"lead", id="tag cut off inside an attribute"),
]


@pytest.mark.parametrize("html", UNFINISHED)
def test_markup_cut_off_at_the_end_is_dropped_as_browsers_do(html: str) -> None:
    """Regression: Python 3.11's html.parser gave an unclosed comment back as text, script and all."""
    assert html_to_text(html) == "خبر"


@fuzz_settings(1000)
@given(any_text, languages)
def test_language_detection_and_furniture_never_fail(text: str, language: str) -> None:
    detected, reason = detect_language(text)
    assert detected in ("fa", "ar", None) and isinstance(reason, str)
    previous_end = 0
    for paragraph in segment(text, language, _lexicons()):
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        assert text[paragraph.start:paragraph.end].strip()
        previous_end = paragraph.end
