"""Matching normalisation for Persian and Arabic with an offset map back to the original text.

Scraped Persian and Arabic mix letter variants (ي/ی, ك/ک, ة/ه, hamza forms), digits from three
scripts, diacritics, tatweel and irregular zero-width non-joiners. Extractors match on a *folded*
form where all of these are unified, and report offsets into the original text, so every fact can
point back to the characters it came from.

Folding is a `str.translate` table (C speed) that maps each character to at most one character;
characters to be deleted (diacritics, tatweel, bidi marks, lone hamza) are dropped and an offset
map is built only when a text actually contains one, which for news text is rare.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

ZWNJ = "\u200c"

# One canonical letter per variant: Persian forms win, because the gazetteer keys are Persian.
_LETTER_MAP = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ې": "ی", "ۍ": "ی", "ے": "ی",
    "ك": "ک", "ڪ": "ک",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و",
    "ٮ": "ب",
    # Arabic comma/semicolon/question mark stay, they are punctuation both languages use.
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\t": " ",
    ZWNJ: " ",  # ZWNJ is written inconsistently (or not at all): it counts as a word gap
    "\u200b": " ",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": '"', "›": '"',
    "‘": "'", "’": "'",
    "–": "-", "—": "-", "ـ": None,  # tatweel
    "ء": None,  # lone hamza: إجراء / اجرا
}
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _LETTER_MAP[_d] = str(_i)
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _LETTER_MAP[_d] = str(_i)

# Characters that are deleted when folding: harakat, Quranic marks, superscript alef, bidi controls.
_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. hamza below
    + ["\u0670", "\u06D6", "\u06D7", "\u06D8", "\u06D9", "\u06DA", "\u06DB", "\u06DC", "\u06DF",
       "\u06E0", "\u06E1", "\u06E2", "\u06E3", "\u06E4", "\u06E7", "\u06E8", "\u06EA", "\u06EB",
       "\u06EC", "\u06ED", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
       "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad"]
)

_FOLD_TABLE: dict[int, int | None] = {}
for _k, _v in _LETTER_MAP.items():
    _FOLD_TABLE[ord(_k)] = None if _v is None else ord(_v)
for _c in _DELETE:
    _FOLD_TABLE[ord(_c)] = None


def _presentation_forms() -> None:
    """Arabic presentation forms (ﻻ, ﺍ …) fold to their letters when NFKC gives exactly one letter."""
    for code in list(range(0xFB50, 0xFDFF)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(code)
        nf = unicodedata.normalize("NFKC", ch)
        if len(nf) == 1 and nf != ch:
            target = _LETTER_MAP.get(nf, nf)
            _FOLD_TABLE[code] = None if target is None else ord(target)


_presentation_forms()


for _c in range(ord("A"), ord("Z") + 1):
    _FOLD_TABLE[_c] = _c + 32  # Latin letters fold to lower case
_DELETED = frozenset(k for k, v in _FOLD_TABLE.items() if v is None)
_DELETED_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DELETED)) + "]+")


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and, when characters were deleted, where each folded character came from."""

    text: str
    source_index: Sequence[int] | None  # None: folded index == source index

    def to_source(self, index: int) -> int:
        """The source offset of folded offset `index` (an end offset maps past its last character)."""
        if self.source_index is None:
            return index
        if index >= len(self.source_index):
            return self.source_index[-1] + 1 if self.source_index else 0
        return self.source_index[index]

    def to_folded(self, source: int) -> int:
        """The folded offset of the first folded character at or after source offset `source`."""
        if self.source_index is None:
            return source
        return bisect_left(self.source_index, source)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the folded span [start, end)."""
        if self.source_index is None:
            return start, end
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.source_index[start], self.source_index[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold `text` for matching: canonical letters, ASCII digits, lower-case Latin, no diacritics or
    tatweel, ZWNJ → space; with a map to source offsets when characters were deleted."""
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):
        return Folded(folded, None)
    index: list[int] = []
    previous = 0
    for m in _DELETED_RE.finditer(text):
        index.extend(range(previous, m.start()))
        previous = m.end()
    index.extend(range(previous, len(text)))
    return Folded(folded, index)


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """A compact matching key: folded, spaces and punctuation removed (used for lexicon lookups)."""
    return re.sub(r"[\W_]+", "", fold(text).text)


def fold_phrase(text: str) -> str:
    """A folded phrase with runs of spaces collapsed (used to store lexicon entries)."""
    return " ".join(fold(text).text.split())


def strip_deleted(text: str) -> str:
    """Remove the characters folding deletes, keeping letters as written (for display forms)."""
    return _DELETED_RE.sub("", text)
