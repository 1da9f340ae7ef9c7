"""Helpers of the extractor tests: a snippet → `Extraction`, and compact views of the records to compare.

The `resources` fixture (one `Resources` per test module) is in conftest.py; extraction then takes
milliseconds per snippet.

Snippets are mini-articles: a dateline in the article's own calendar (Jalali with Persian digits for
Persian, Gregorian for Arabic, as the outlets print it), then the body. The language is given, not
detected, because language detection on two lines is not what these tests are about.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import NamedTuple

import jdatetime

from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.records import Extraction
from kg.text.read import Source

_JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
                  "بهمن", "اسفند")
_ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                  "نوفمبر", "ديسمبر")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def dateline(day: str, language: str) -> str:
    """The date line an outlet prints above an article: «۳۱ خرداد ۱۴۰۳» / «20 يونيو 2024»."""
    d = datetime.date.fromisoformat(day)
    if language == "fa":
        j = jdatetime.date.fromgregorian(date=d)
        return f"{j.day} {_JALALI_MONTHS[j.month - 1]} {j.year}".translate(_PERSIAN_DIGITS)
    return f"{d.day} {_ARABIC_MONTHS[d.month - 1]} {d.year}"


def source(text: str, article: str = "a") -> Source:
    return Source(article, f"{article}.txt", text, hashlib.sha256(text.encode()).hexdigest(), "utf-8",
                  "text/plain")


def read(resources: Resources, language: str, body: str, published: str | None = None,
         article: str = "a") -> Extraction:
    """Extract a snippet; with `published` (ISO day) a dateline line goes above the body."""
    text = f"{dateline(published, language)}\n{body}" if published else body
    return extract(source(text, article), resources, language)


class Told(NamedTuple):
    """What an interaction record says, in the order an expectation is written."""

    kind: str
    participants: tuple[str, ...]
    place: str | None = None
    date: str | None = None
    present: tuple[str, ...] = ()
    host: str | None = None
    guest: str | None = None


def told(extraction: Extraction) -> list[Told]:
    """The article's interactions, in local-id order."""
    return [Told(i.kind, i.participants, i.place, i.date.value if i.date else None, i.present, i.host,
                 i.guest) for i in extraction.interactions]


def roles(extraction: Extraction) -> set[tuple[str, str, str | None, bool]]:
    """(holder, role, of, acting) of every role the article states."""
    return {(r.holder, r.role, r.of, r.acting) for r in extraction.roles}


def persons(extraction: Extraction) -> set[str]:
    return {a.key for a in extraction.actors if a.type == "Person"}


def actor_keys(extraction: Extraction) -> set[str]:
    return {a.key for a in extraction.actors}
