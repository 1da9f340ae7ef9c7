"""kg.extract.matcher: phrases over folded tokens, blind to spaces and ZWNJ, seen behind Arabic proclitics."""

from __future__ import annotations

import pytest

from kg.extract.matcher import Lexicon, PhraseMatcher
from kg.text.document import tokenize


def surfaces(text: str, matcher: PhraseMatcher, overlapping: bool = False) -> list[tuple[str, tuple, str]]:
    """(text as written, values, proclitic) of every match."""
    tokens = tokenize(text)
    return [(text[tokens[m.first].start:tokens[m.last].end], m.values, m.clitic)
            for m in matcher.find_all(tokens, overlapping)]


@pytest.fixture
def persian_names() -> PhraseMatcher[str]:
    names = Lexicon(proclitics=False).category("names")
    names.add("حسین امیرعبداللهیان", "hossein_amir_abdollahian")
    names.add("امیر عبداللهیان", "hossein_amir_abdollahian")
    names.add("علی باقری کنی", "ali_bagheri_kani")
    return names


@pytest.mark.parametrize("written", [
    pytest.param("حسین امیرعبداللهیان", id="fa-Amirabdollahian-one-word-as-stored"),
    pytest.param("حسین امیر عبداللهیان", id="fa-Amir-space-Abdollahian"),
    pytest.param("حسین امیر\u200cعبداللهیان", id="fa-Amir-ZWNJ-Abdollahian"),
    pytest.param("حسين اميرعبداللهيان", id="fa-Arabic-yeh-written"),
    pytest.param("حسین امیرعبداللّهیان", id="fa-shadda-on-Allah"),
])
def test_matcher_spaces_zwnj_and_letter_variants_do_not_matter(persian_names, written):
    text = f"دیدار {written} با هنیه"
    assert surfaces(text, persian_names) == [(written, ("hossein_amir_abdollahian",), "")]


def test_matcher_phrase_stored_with_a_space_matches_joined():
    """«امیر عبداللهیان» in the lexicon finds «امیرعبداللهیان» in the text."""
    names = Lexicon().category("names")
    names.add("امیر عبداللهیان", "hossein_amir_abdollahian")
    assert surfaces("امیرعبداللهیان گفت", names) == [("امیرعبداللهیان", ("hossein_amir_abdollahian",), "")]


def test_matcher_phrase_starts_and_ends_on_token_boundaries():
    """«امیر» (a given name) is not found inside «امیرعبداللهیان», nor «باقری» inside «باقریکنی»."""
    names = Lexicon().category("names")
    names.add("امیر", "amir")
    names.add("باقری", "bagheri")
    assert surfaces("امیرعبداللهیان و باقریکنی", names) == []


def test_matcher_phrase_does_not_cross_punctuation(persian_names):
    assert surfaces("علی باقری، کنی", persian_names) == []


def test_matcher_longest_phrase_wins():
    titles = Lexicon().category("titles")
    titles.add("وزیر", "minister")
    titles.add("وزیر امور خارجه", "foreign_minister")
    assert surfaces("وزیر امور خارجه ایران", titles) == [("وزیر امور خارجه", ("foreign_minister",), "")]


def test_matcher_leftmost_longest_or_every_start():
    """«معاون وزیر امور خارجه»: the leftmost match hides the overlapping one unless overlaps are asked for."""
    titles = Lexicon().category("titles")
    titles.add("معاون وزیر", "deputy_minister")
    titles.add("وزیر امور خارجه", "foreign_minister")
    text = "معاون وزیر امور خارجه"
    assert surfaces(text, titles) == [("معاون وزیر", ("deputy_minister",), "")]
    assert surfaces(text, titles, overlapping=True) == [("معاون وزیر", ("deputy_minister",), ""),
                                                        ("وزیر امور خارجه", ("foreign_minister",), "")]


def test_matcher_ambiguous_alias_keeps_every_value():
    """«عون» is Michel or Joseph Aoun: both values come back; the same value added twice comes back once."""
    names = Lexicon().category("names")
    for actor in ("michel_aoun", "joseph_aoun", "michel_aoun"):
        names.add("عون", actor)
    assert names.lookup("عون") == ("michel_aoun", "joseph_aoun")
    assert len(names) == 1


def test_matcher_lookup_folds_the_query(persian_names):
    assert persian_names.lookup("علي باقري كني") == ("ali_bagheri_kani",)
    assert persian_names.lookup("علی باقری") == ()


@pytest.fixture
def arabic() -> Lexicon:
    lexicon = Lexicon(proclitics=True)
    names = lexicon.category("names")
    for phrase, actor in (("بوتين", "vladimir_putin"), ("لافروف", "sergey_lavrov"),
                          ("الأمم المتحدة", "united_nations"), ("حركة حماس", "hamas"), ("بري", "nabih_berri"),
                          ("ري", "rey")):
        names.add(phrase, actor)
    lexicon.category("connectors", proclitics=False).add("بين", "between")
    return lexicon


@pytest.mark.parametrize(("text", "written", "actor", "clitic"), [
    pytest.param("التقى عراقجي وبوتين", "وبوتين", "vladimir_putin", "و", id="ar-wa-Putin-and-Putin"),
    pytest.param("التقى عراقجي بلافروف", "بلافروف", "sergey_lavrov", "ب", id="ar-bi-Lavrov-with-Lavrov"),
    pytest.param("قال عراقجي للأمم المتحدة", "للأمم المتحدة", "united_nations", "ل",
                 id="ar-lil-Umam-li-plus-al-with-the-alif-dropped"),
    pytest.param("الشكر لحركة حماس", "لحركة حماس", "hamas", "ل",
                 id="ar-li-Harakat-Hamas-to-the-Hamas-movement"),
    pytest.param("وأشاد وبلافروف", "وبلافروف", "sergey_lavrov", "وب", id="ar-wa-bi-Lavrov-two-proclitics"),
    pytest.param("التقى بري", "بري", "nabih_berri", "", id="ar-Berri-a-whole-word-before-bi-plus-Rey"),
])
def test_matcher_arabic_proclitics(arabic, text, written, actor, clitic):
    assert surfaces(text, arabic.category("names")) == [(written, (actor,), clitic)]


def test_matcher_proclitics_only_for_the_categories_that_allow_them(arabic):
    """Connectors are function words: «وبين» is not «بين» (between) behind a proclitic."""
    connectors = arabic.category("connectors", proclitics=False)
    assert surfaces("وبين الطرفين", connectors) == []
    assert surfaces("بين الطرفين", connectors) == [("بين", ("between",), "")]


def test_matcher_no_proclitics_in_persian():
    names = Lexicon(proclitics=False).category("names")
    names.add("پوتین", "vladimir_putin")
    assert surfaces("وپوتین", names) == []


def test_matcher_categories_of_one_lexicon_share_one_scan_per_sentence():
    lexicon = Lexicon()
    names, titles = lexicon.category("names"), lexicon.category("titles")
    names.add("عباس عراقچی", "abbas_araghchi")
    titles.add("وزیر امور خارجه", "foreign_minister")
    tokens = tokenize("عباس عراقچی وزیر امور خارجه")
    scan = lexicon.scan(tokens)
    assert lexicon.scan(tokens) is scan
    assert [(m.first, m.last) for m in names.find_all(tokens)] == [(0, 1)]
    assert [(m.first, m.last) for m in titles.find_all(tokens)] == [(2, 4)]
