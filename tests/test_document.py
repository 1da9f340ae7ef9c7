"""kg.text.document (and kg.text.normalize's folding map): tokens and sentences keep offsets into the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.document import ParagraphSpan, build_document, paragraphs_by_line, split_sentences, tokenize
from kg.text.normalize import ZWNJ, fold


def words(text: str) -> list[tuple[str, str]]:
    """(folded token, the text it was read from) for every token."""
    return [(t.text, text[t.start:t.end]) for t in tokenize(text)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("التقى عَبّاس عِراقْجي", [("التقی", "التقى"), ("عباس", "عَبّاس"), ("عراقجی", "عِراقْجي")],
                 id="ar-harakat-deleted-offsets-cover-them"),
    pytest.param("عـــراقجي", [("عراقجی", "عـــراقجي")], id="ar-tatweel-deleted"),
    pytest.param("إسماعيل هنيّة", [("اسماعیل", "إسماعيل"), ("هنیه", "هنيّة")],
                 id="ar-hamza-seat-yeh-and-ta-marbuta-folded"),
    pytest.param(f"امیر{ZWNJ}عبداللهیان", [("امیر", "امیر"), ("عبداللهیان", "عبداللهیان")],
                 id="fa-ZWNJ-is-a-word-gap"),
    pytest.param("كاظم جلالي", [("کاظم", "كاظم"), ("جلالی", "جلالي")], id="fa-Arabic-kaf-and-yeh-folded"),
    pytest.param("۳۱ خرداد ١٤٠٣", [("31", "۳۱"), ("خرداد", "خرداد"), ("1403", "١٤٠٣")],
                 id="fa-Persian-and-Arabic-Indic-digits-folded"),
    pytest.param("گفت: «ما»", [("گفت", "گفت"), (":", ":"), ('"', "«"), ("ما", "ما"), ('"', "»")],
                 id="fa-punctuation-and-guillemets-are-tokens"),
    pytest.param("Sputnik RT", [("sputnik", "Sputnik"), ("rt", "RT")], id="latin-lower-cased"),
])
def test_document_tokens_point_into_the_original_text(text, expected):
    assert words(text) == expected


def test_document_tokens_words_and_punctuation():
    tokens = tokenize("عراقچی، ۲ بار")
    assert [(t.text, t.is_word, t.index) for t in tokens] == [
        ("عراقچی", True, 0), ("،", False, 1), ("2", True, 2), ("بار", True, 3)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابپتجچخدرزسشصطعغفقکگلمنوهیيكةأإآئءـ\u064e\u064f\u0650\u0651\u0652\u200c ،.«»0۱٢",
               max_size=40))
def test_document_every_token_folds_from_its_span(text):
    """Whatever was deleted or replaced by folding, a token is the folding of the characters it spans."""
    for token in tokenize(text, base=5):
        original = text[token.start - 5:token.end - 5]
        assert fold(original).text == token.text


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("عراقچی وارد بیروت شد. وی با بری دیدار کرد.",
                 ["عراقچی وارد بیروت شد.", "وی با بری دیدار کرد."], id="fa-full-stops"),
    pytest.param("هل التقى عراقجي بري؟ نعم التقاه!", ["هل التقى عراقجي بري؟", "نعم التقاه!"],
                 id="ar-question-and-exclamation-marks"),
    pytest.param("او گفت: «ما ادامه می‌دهیم.» سپس رفت.", ["او گفت: «ما ادامه می‌دهیم.»", "سپس رفت."],
                 id="fa-closing-guillemet-stays-with-its-sentence"),
    pytest.param("رشد ۳.۵ درصد بود.", ["رشد ۳.۵ درصد بود."], id="fa-decimal-point-is-no-boundary"),
    pytest.param("  بدون نقطه پایانی  ", ["بدون نقطه پایانی"], id="fa-last-sentence-without-a-stop-stripped"),
])
def test_document_sentences(text, expected):
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


def test_document_paragraphs_by_line_skip_blank_lines_and_strip():
    text = "عنوان خبر\r\n\r\n  متن خبر اول.  \nمتن دوم"
    spans = paragraphs_by_line(text)
    assert [text[p.start:p.end] for p in spans] == ["عنوان خبر", "متن خبر اول.", "متن دوم"]
    assert all(p.kept for p in spans)


def test_document_furniture_is_skipped_but_offsets_stay_valid():
    """A paragraph marked as page furniture yields no sentences; later sentences still index the full text."""
    text = "اشتراک گذاری\nعباس عراقچی با نبیه بری دیدار کرد. دو طرف گفتگو کردند.\nنظر شما"
    lines = paragraphs_by_line(text)
    paragraphs = [ParagraphSpan(lines[0].start, lines[0].end, False, "share"), lines[1],
                  ParagraphSpan(lines[2].start, lines[2].end, False, "comments")]
    doc = build_document("a", "a.txt", "fa", "0" * 64, text, paragraphs)
    assert [(s.index, s.paragraph, s.text) for s in doc.sentences] == [
        (0, 1, "عباس عراقچی با نبیه بری دیدار کرد."), (1, 1, "دو طرف گفتگو کردند.")]
    for sentence in doc.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert all(text[t.start:t.end] for t in sentence.tokens)
    second = doc.sentences[1]
    assert doc.sentence_at(second.start + 3) is second
    assert doc.sentence_at(0) is None
    assert text[slice(*second.span(0, 1))] == "دو طرف"
    assert list(doc.sentences_of(1)) == doc.sentences


def test_document_offsets_survive_deleted_characters_before_them():
    """Diacritics early in the text shift every later folded offset; document offsets must not shift."""
    text = "قالَ عِراقْجي.\nالتقى لافروف."
    doc = build_document("a", "a.txt", "ar", "0" * 64, text, paragraphs_by_line(text))
    lavrov = doc.sentences[1].tokens[1]
    assert text[lavrov.start:lavrov.end] == "لافروف"


def test_document_folding_map():
    folded = fold("عَبّاس")
    assert folded.text == "عباس"
    assert [folded.to_source(i) for i in range(4)] == [0, 2, 4, 5]
    assert folded.span_to_source(1, 4) == (2, 6)
    assert folded.to_folded(1) == 1  # a deleted mark maps to the next kept letter
    assert fold("عباس").source_index is None  # nothing deleted: no map is built
