"""Hypothesis strategies and settings for the fuzz tests (tests/test_fuzz_*.py).

Inputs are Persian- and Arabic-like texts built from what the extractors react to — real lexicon
and gazetteer entries, seed-article words, digits in three scripts, dates, punctuation, ZWNJ and
other zero-width marks, diacritics, tatweel, presentation forms, HTML — mixed with arbitrary
Unicode, so every branch of the text layer and the extractors is reached, not only the happy path.

`make fuzz` sets HYPOTHESIS_PROFILE=fuzz: each property then runs its full `examples` count
(together over 10,000 inputs); `make test` runs a fortieth of that, at least 20 each.
"""

from __future__ import annotations

import csv
import os
import re
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "kg" / "lexicons"
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def fuzz_settings(examples: int) -> settings:
    """`examples` inputs under `make fuzz`, a fortieth (at least 20) in the normal test run."""
    return settings(max_examples=examples if FUZZ else max(20, examples // 40), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                    print_blob=True)


@cache
def vocabulary(language: str) -> tuple[str, ...]:
    """Every cell in Arabic script of the language's lexicons and the gazetteer, and seed-article words."""
    words: set[str] = set()
    for path in sorted([*(LEXICONS / language).glob("*.tsv"), *(LEXICONS / "gazetteer").glob("*.tsv")]):
        with open(path, encoding="utf-8") as handle:
            rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for row in rows:
                words.update(cell.strip() for cell in row if _ARABIC_SCRIPT.search(cell))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        words.update(w for w in path.read_text(encoding="utf-8").split() if _ARABIC_SCRIPT.search(w))
    return tuple(sorted(words))


@cache
def first_column(language: str, name: str) -> tuple[str, ...]:
    """The entries (first column, header skipped) of kg/lexicons/LANGUAGE/NAME.tsv."""
    with open(LEXICONS / language / f"{name}.tsv", encoding="utf-8") as handle:
        rows = [line.split("\t")[0].strip() for line in handle if line.strip() and not line.startswith("#")]
    return tuple(rows[1:])


DATE_MODIFIERS = {"fa": ("گذشته", "آینده", "جاری", "ماه", "سال", "میلادی", "شمسی", "هجری", "قمری", "هفته"),
                  "ar": ("الماضي", "المقبل", "الجاري", "م", "هـ", "من", "العام", "الموافق", "يوم", "الأسبوع")}


def date_phrases(language: str) -> st.SearchStrategy[str]:
    """Date-like phrases: day month year, weekdays, relative days, with modifiers, in any digits."""
    def words(name: str) -> st.SearchStrategy[str]:
        return st.sampled_from(first_column(language, name))
    modifier = st.sampled_from(DATE_MODIFIERS[language])
    punctuation = st.sampled_from(("،", "(", ")", "-", "/"))
    parts = st.lists(st.one_of(numbers(), words("months"), words("weekdays"), words("relative_dates"),
                               modifier, punctuation), min_size=1, max_size=5)
    return parts.map(" ".join)


DIGIT_SCRIPTS = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")
PUNCTUATION = tuple("،؛؟!.:«»()[]-–—/\"'“”") + ("...", " - ", " / ")
SPACES = (" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "  ", "\r\n", "\u2028")
MARKS = ("\u200c", "\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069",
         "\ufeff", "\u00ad", "ـ", "ـــ", "\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670",
         "ء", "ﻻ", "ﺍ", "ﻋ", "ﷲ", "ﷺ")
HTML = ("<p>", "</p>", "<br>", "<div class=\"x\">", "</div>", "<b>", "</b>",
        "<script>var a = 'دیدار';</script>", "<style>p{color:red}</style>", "<!-- نظر -->", "<!--", "-->",
        "&amp;", "&nbsp;", "&#1575;", "&#x627;", "&bogus;", "<a href='x'>", "</a>", "<", ">", "<html>",
        "<!doctype html>", "<nav>", "<h1>", "</h1>")
LATIN = ("Sputnik", "IRNA", "the", "minister", "met", "UN", "2024", "Mr.", "BRICS", "said:", "Doha")


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A number in Western, Persian or Arabic-Indic digits, sometimes a date-shaped one."""
    digits = draw(st.sampled_from(DIGIT_SCRIPTS))
    shape = draw(st.sampled_from(["n", "n", "y/m/d", "d-m-y", "d.m"]))
    values = {"n": [draw(st.integers(0, 99999))],
              "y/m/d": [draw(st.integers(1, 2100)), draw(st.integers(0, 13)), draw(st.integers(0, 32))],
              "d-m-y": [draw(st.integers(0, 32)), draw(st.integers(0, 13)), draw(st.integers(1, 2100))],
              "d.m": [draw(st.integers(0, 32)), draw(st.integers(0, 13))]}[shape]
    separator = {"n": "", "y/m/d": "/", "d-m-y": "-", "d.m": "."}[shape]
    return separator.join(str(v).translate(str.maketrans("0123456789", digits)) for v in values)


def tokens(language: str, html: bool = True) -> st.SearchStrategy[str]:
    """One piece of text: mostly lexicon words, then digits, punctuation, marks, HTML or anything."""
    words = st.sampled_from(vocabulary(language))
    pieces = [words, words, words, words, words, date_phrases(language), numbers(),
              st.sampled_from(PUNCTUATION), st.sampled_from(SPACES), st.sampled_from(MARKS),
              st.sampled_from(LATIN), st.text(max_size=3)]
    if html:
        pieces.append(st.sampled_from(HTML))
    return st.one_of(*pieces)


def texts(language: str, max_tokens: int = 80, html: bool = True) -> st.SearchStrategy[str]:
    """A text of up to `max_tokens` pieces, mostly separated by spaces."""
    piece = st.tuples(tokens(language, html), st.sampled_from(SPACES + ("", "", " ", " ", " ")))
    return st.lists(piece, max_size=max_tokens).map(lambda parts: "".join(a + b for a, b in parts))


@cache
def seed_paragraphs(language: str) -> tuple[str, ...]:
    """The seed articles' lines in `language` (Persian lines lack the Arabic-only letters ة ى إ أ)."""
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        arabic = sum(text.count(c) for c in "ةىإأ") * 50 > len(text)
        if arabic == (language == "ar"):
            lines.extend(line.strip() for line in text.splitlines() if len(line.strip()) > 20)
    return tuple(lines)


@st.composite
def mutated_articles(draw: st.DrawFn, language: str) -> str:
    """Seed paragraphs with words dropped, repeated, replaced and noise put in: text that still
    reaches deep into the extractors (meetings, claims, roles), unlike word salad."""
    paragraphs = draw(st.lists(st.sampled_from(seed_paragraphs(language)), min_size=1, max_size=4))
    noise = tokens(language)
    out = []
    for paragraph in paragraphs:
        words = paragraph.split()
        for _ in range(draw(st.integers(0, 6))):
            at = draw(st.integers(0, len(words)))
            operation = draw(st.sampled_from(["drop", "repeat", "replace", "insert", "glue"]))
            if operation == "insert" or at == len(words):
                words.insert(at, draw(noise))
            elif operation == "drop":
                del words[at]
            elif operation == "repeat":
                words.insert(at, words[at])
            elif operation == "replace":
                words[at] = draw(noise)
            else:  # two words written together, or split by a mark
                words[at] = words[at] + draw(st.sampled_from(("", "\u200c", "ـ", "\u064b")))
        out.append(" ".join(words))
    return draw(st.sampled_from(("\n", "\n\n", " ", "\r\n"))).join(out)


def articles(language: str) -> st.SearchStrategy[str]:
    """Mutated seed paragraphs most of the time, sometimes pure generated text."""
    return st.one_of(mutated_articles(language), mutated_articles(language), texts(language))


languages = st.sampled_from(("fa", "ar"))
