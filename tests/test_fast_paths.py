"""The text layer's and the date finder's fast paths give what their plain definitions give.

Extraction reads text through a few short cuts (see docs/benchmarks.md, "Extraction speed"): folding
through a byte codec, a compact offset map, tokens split in one regex call, lexicon scans, the date
pattern tried only where a date can start, furniture regexes skipped when they cannot match. Each is
checked here against the slow, obvious version on fuzzed Persian and Arabic text.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from functools import cache

from fuzzing import fuzz_settings, languages, texts
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dates import _match_starts, date_finder
from kg.extract.pipeline import extract
from kg.lexicons import Lexicons
from kg.text import furniture
from kg.text.document import _SENTENCE_END, _tokens
from kg.text.normalize import _DELETED_CLASS, _FOLD_TABLE, Folded, fold
from kg.text.read import Source

any_text = st.one_of(texts("fa"), texts("ar"), st.text(max_size=200))
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


@cache
def _lexicons() -> Lexicons:
    return Lexicons()


def _plain_index(text: str) -> list[int]:
    """The source offset of every folded character, one integer each (what `fold` used to build)."""
    index: list[int] = []
    previous = 0
    for m in re.finditer(_DELETED_CLASS + "+", text):
        index.extend(range(previous, m.start()))
        previous = m.end()
    index.extend(range(previous, len(text)))
    return index


@fuzz_settings(2000)
@given(any_text)
def test_fold_equals_str_translate_and_its_map_the_plain_one(text: str) -> None:
    folded = fold(text)
    assert folded.text == text.translate(_FOLD_TABLE)
    plain = _plain_index(text)
    if folded.source_index is None:
        assert plain == list(range(len(text)))
        return
    assert list(folded.source_index) == plain
    assert [folded.source_index[i] for i in range(-len(plain), len(plain))] == plain[-len(plain):] + plain
    for source in range(len(text) + 2):
        assert folded.to_folded(source) == bisect_left(plain, source)


@fuzz_settings(2000)
@given(any_text, st.data())
def test_tokens_are_the_token_regex_matches(text: str, data: st.DataObject) -> None:
    folded = fold(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    index = list(folded.source_index) if folded.source_index is not None else None
    fs, fe = folded.to_folded(start), folded.to_folded(end)
    want = [(m.start() if index is None else index[m.start()],
             m.end() if index is None else index[m.end() - 1] + 1, m.group(), i, m.group()[0].isalnum())
            for i, m in enumerate(_TOKEN.finditer(folded.text, fs, fe))]
    for variant in (folded, Folded(folded.text, index)):
        got = _tokens(variant, start, end)
        assert [(t.start, t.end, t.text, t.index, t.is_word) for t in got] == want
        assert got.texts == [t.text for t in got] and got.words == [t.is_word for t in got]


@fuzz_settings(2000)
@given(any_text, languages)
def test_date_matches_are_the_pattern_matches_everywhere(text: str, language: str) -> None:
    grammar = date_finder(_lexicons()).grammar(language)
    folded = fold(text).text
    want = [(m.span(), m.lastgroup) for m in grammar.pattern.finditer(folded)]
    assert [(m.span(), m.lastgroup) for m in _match_starts(grammar, folded)] == want


@fuzz_settings(1000)
@given(any_text)
def test_furniture_short_cuts_match_their_regexes(text: str) -> None:
    old_sentence_end = re.compile(r"[!.?⸮؟]+[\"'»”’)\]]*(?=\s|$)")
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in old_sentence_end.finditer(text)]
    spans = [(m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip()))
             for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    assert furniture._lines(text) == spans
    for line in text.split("\n") + [" ".join(fold(text).text.split())]:
        without = furniture._TRUNCATION.sub("", line)
        assert furniture._comparison_key(line) == (furniture._TRAILING_PUNCTUATION.sub("", without), without != line)


@fuzz_settings(500)
@given(any_text, languages)
def test_furniture_markers_by_first_letter_match_the_whole_alternation(text: str, language: str) -> None:
    markers = furniture._markers(_lexicons(), language)
    assert markers.pattern is not None
    for line in text.split("\n"):
        key = " ".join(fold(line).text.split()).lstrip(furniture._BULLETS)
        whole = markers.pattern.match(key)
        fast = markers.match(key)
        assert (whole and (whole.lastgroup, whole.end())) == (fast and (fast.lastgroup, fast.end()))


def test_extraction_pauses_the_garbage_collector_and_restores_it(resources) -> None:
    """extract() runs with the cyclic collector paused (an extraction leaves no cycles) and leaves it as it was."""
    source = Source(id="a", path="a.txt", text="عراقچی با لاوروف در مسکو دیدار کرد.\n", sha256="0" * 64,
                    encoding="utf-8", media_type="text/plain")
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            extract(source, resources)
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()
