"""Fuzzing the date reader: finding dates never fails and gives ordered spans of the text; resolving
them against any article date never fails and gives a real Gregorian date of the stated precision.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from fuzzing import date_phrases, fuzz_settings, languages, tokens
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dates import find_dates, resolve
from kg.lexicons import Lexicons

_SHAPES = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"),
           "year": re.compile(r"\d{4}")}


@cache
def _lexicons() -> Lexicons:
    return Lexicons()


def _dated_texts(language: str) -> st.SearchStrategy[str]:
    """Texts where every other piece is a date-like phrase."""
    piece = st.one_of(date_phrases(language), tokens(language, html=False))
    return st.lists(piece, max_size=20).map(" ".join)


@fuzz_settings(2000)
@given(st.data(), languages)
def test_found_dates_are_ordered_spans_of_the_text(data: st.DataObject, language: str) -> None:
    text = data.draw(_dated_texts(language))
    previous_end = 0
    for mention in find_dates(text, language, _lexicons()):
        assert previous_end <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
        previous_end = mention.end


@fuzz_settings(2000)
@given(st.data(), languages, st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max])))
def test_resolved_dates_are_real_dates_of_their_precision(data: st.DataObject, language: str,
                                                          anchor: date | None) -> None:
    text = data.draw(_dated_texts(language))
    for mention in find_dates(text, language, _lexicons()):
        value = resolve(mention, anchor)
        if value is None:
            continue
        assert value.precision in _SHAPES
        assert _SHAPES[value.precision].fullmatch(value.value), value
        if value.precision == "day":
            date.fromisoformat(value.value)
        elif value.precision == "month":
            assert 1 <= int(value.value[5:7]) <= 12
        assert (value.start, value.end) == (mention.start, mention.end)
