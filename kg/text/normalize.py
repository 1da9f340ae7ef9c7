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

import codecs
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

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


for _code in range(ord("A"), ord("Z") + 1):
    _FOLD_TABLE[_code] = _code + 32  # Latin letters fold to lower case
_DELETED = frozenset(k for k, v in _FOLD_TABLE.items() if v is None)
_DELETED_CLASS = "[" + "".join(re.escape(chr(c)) for c in sorted(_DELETED)) + "]"
# runs of deleted characters, written [x][x]* (not [x]+, the same pattern) so that the regex engine
# skips ahead to the next deleted character instead of trying every position
_DELETED_RE = re.compile(_DELETED_CLASS + _DELETED_CLASS + "*")


def _byte_codec() -> tuple[str, Any, bytes, bytes]:
    """`str.translate(_FOLD_TABLE)` through bytes, for texts written in the usual characters.

    `str.translate` looks every character up in a dict (≈50 ns each). News text uses some 100-200
    distinct characters, so an alphabet of at most 256 — ASCII, the Arabic letters, digits and marks
    Persian and Arabic use, common punctuation — is given one byte each: a text in it is encoded
    (`codecs.charmap_encode`, C), folded with `bytes.translate` (a 256-byte table; deleted characters
    dropped) and decoded back — some 15 times faster. A text with any other character is folded by
    `str.translate`. The alphabet is closed under folding (checked here), so both give the same text.
    """
    codes = list(range(0x80)) + [0x00A0, 0x00AB, 0x00AD, 0x00BB, 0x060C, 0x061B, 0x061F]
    codes += list(range(0x0621, 0x063B)) + list(range(0x0640, 0x0653)) + list(range(0x0660, 0x066A))
    codes += [0x0670, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06C0, 0x06CC] + list(range(0x06F0, 0x06FA))
    codes += [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
              0x2022, 0x2026, 0x2039, 0x203A, 0xFEFF]
    alphabet = [chr(c) for c in codes]
    position = {ch: i for i, ch in enumerate(alphabet)}
    assert len(alphabet) == len(position) <= 256
    table = bytearray(range(256))
    delete = bytearray()
    for i, ch in enumerate(alphabet):
        target = _FOLD_TABLE.get(ord(ch), ord(ch))
        if target is None:
            delete.append(i)
        else:
            table[i] = position[chr(target)]  # KeyError here: the alphabet is not closed under folding
    decoding = "".join(alphabet) + "\ufffe" * (256 - len(alphabet))  # U+FFFE: no character
    return decoding, codecs.charmap_build(decoding), bytes(table), bytes(delete)


_DECODING, _ENCODING, _BYTE_TABLE, _BYTE_DELETE = _byte_codec()


def _translate(text: str) -> str:
    """`text.translate(_FOLD_TABLE)`, fast for texts within the byte alphabet."""
    try:
        encoded = codecs.charmap_encode(text, "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return text.translate(_FOLD_TABLE)
    return codecs.charmap_decode(encoded.translate(_BYTE_TABLE, _BYTE_DELETE), "strict", _DECODING)[0]


class SourceIndex(Sequence[int]):
    """The source offset of each folded character of a text that lost characters to folding.

    A sequence like `[0, 1, 3, 4, …]`, stored as its runs — the stretches of kept characters between
    deleted ones (a few per text) — rather than as one integer per character."""

    __slots__ = ("folded_starts", "source_starts", "_length")

    def __init__(self, folded_starts: list[int], source_starts: list[int], length: int) -> None:
        self.folded_starts = folded_starts  # where each run starts in the folded text (increasing)
        self.source_starts = source_starts  # … and in the source text
        self._length = length

    def __len__(self) -> int:
        return self._length

    def _at(self, i: int) -> int:
        k = bisect_right(self.folded_starts, i) - 1
        return self.source_starts[k] + i - self.folded_starts[k]

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("source index out of range")
        return self._at(i)

    def __iter__(self) -> Iterator[int]:
        ends = self.folded_starts[1:] + [self._length] if self.folded_starts else []
        for folded, source, end in zip(self.folded_starts, self.source_starts, ends, strict=True):
            yield from range(source, source + end - folded)

    def folded_offset(self, source: int) -> int:
        """`bisect_left(self, source)`: how many kept characters come before source offset `source`."""
        k = bisect_right(self.source_starts, source) - 1
        if k < 0:
            return 0
        end = self.folded_starts[k + 1] if k + 1 < len(self.folded_starts) else self._length
        return min(self.folded_starts[k] + source - self.source_starts[k], end)


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
        if isinstance(self.source_index, SourceIndex):
            return self.source_index.folded_offset(source)
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
    folded = _translate(text)
    if len(folded) == len(text):
        return Folded(folded, None)
    folded_starts: list[int] = []
    source_starts: list[int] = []
    previous = kept = 0
    for m in _DELETED_RE.finditer(text):
        if m.start() > previous:
            folded_starts.append(kept)
            source_starts.append(previous)
            kept += m.start() - previous
        previous = m.end()
    if len(text) > previous:
        folded_starts.append(kept)
        source_starts.append(previous)
    return Folded(folded, SourceIndex(folded_starts, source_starts, len(folded)))


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
