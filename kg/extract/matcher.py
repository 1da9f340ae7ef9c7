"""Multi-word phrase matching over folded tokens, blind to spaces and ZWNJ inside phrases.

Persian writes compounds with a space, a ZWNJ or nothing (امیرعبداللهیان / امیر عبداللهیان), and
Arabic attaches proclitics (و، ف، ب، ل، ك) to the next word (وبوتين، لحركة، للأمم). A phrase is
therefore stored as its *squeezed* key (folded, no spaces); matching concatenates consecutive word
tokens while the concatenation is a prefix of some key, so a phrase still starts and ends on token
boundaries and costs about one set lookup per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from kg.text.document import Token
from kg.text.normalize import fold_key

T = TypeVar("T")

# Arabic proclitics, longest first; "لل" is ل + ال with the alif dropped (للأمم = ل + الأمم).
ARABIC_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A phrase found in a token list: token range (inclusive), values, and characters of proclitic skipped."""

    first: int
    last: int
    values: tuple[T, ...]
    key: str
    clitic: str = ""


class PhraseMatcher(Generic[T]):
    """A dictionary of phrases → values, searched leftmost-longest in folded tokens."""

    def __init__(self, proclitics: bool = False, max_tokens: int = 10) -> None:
        self._entries: dict[str, list[T]] = {}
        self._prefixes: set[str] = set()
        self._proclitics = proclitics
        self._max_tokens = max_tokens

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, phrase: str, value: T) -> str:
        """Register `phrase` (any spelling; folded here) with `value`; returns its key."""
        key = fold_key(phrase)
        if not key:
            return key
        values = self._entries.setdefault(key, [])
        if value not in values:
            values.append(value)
        for i in range(1, len(key) + 1):
            self._prefixes.add(key[:i])
        return key

    def lookup(self, phrase: str) -> tuple[T, ...]:
        return tuple(self._entries.get(fold_key(phrase), ()))

    def _starts(self, text: str) -> list[tuple[str, str]]:
        """(clitic, rest) readings of a first token."""
        readings = [("", text)]
        if self._proclitics:
            for clitic in ARABIC_PROCLITICS:
                if text.startswith(clitic) and len(text) - len(clitic) >= 2:
                    rest = text[len(clitic):]
                    readings.append((clitic, rest))
                    if clitic.endswith("ل") and rest.startswith("ل"):
                        readings.append((clitic, "ا" + rest))  # ل + الـ → لل
            if text.startswith("لل") and len(text) > 3:
                readings.append(("ل", "ا" + text[1:]))
        return readings

    def match_at(self, tokens: Sequence[Token], i: int) -> PhraseMatch[T] | None:
        """The longest phrase starting at token i, if any."""
        if not tokens[i].is_word:
            return None
        best: PhraseMatch[T] | None = None
        for clitic, first in self._starts(tokens[i].text):
            key = first
            j = i
            while key in self._prefixes:
                if key in self._entries and (best is None or j > best.last or
                                             (j == best.last and len(clitic) < len(best.clitic))):
                    best = PhraseMatch(i, j, tuple(self._entries[key]), key, clitic)
                j += 1
                if j >= len(tokens) or j - i >= self._max_tokens or not tokens[j].is_word:
                    break
                key += tokens[j].text
        return best

    def find_all(self, tokens: Sequence[Token], overlapping: bool = False) -> list[PhraseMatch[T]]:
        """Leftmost-longest matches; with `overlapping`, the longest match at every token."""
        found: list[PhraseMatch[T]] = []
        i = 0
        while i < len(tokens):
            m = self.match_at(tokens, i)
            if m is not None:
                found.append(m)
                if not overlapping:
                    i = m.last + 1
                    continue
            i += 1
        return found
