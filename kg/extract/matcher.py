"""Multi-word phrase matching over folded tokens, blind to spaces and ZWNJ inside phrases.

Persian writes compounds with a space, a ZWNJ or nothing (امیرعبداللهیان / امیر عبداللهیان), and
Arabic attaches proclitics (و، ف، ب، ل، ك) to the next word (وبوتين، لحركة، للأمم). A phrase is
therefore stored as its *squeezed* key (folded, no spaces); matching concatenates consecutive word
tokens while the concatenation is a prefix of some key, so a phrase still starts and ends on token
boundaries.

All lexicons of a language share one `Lexicon`: a sentence is scanned once, in one walk per token,
for every category (names, titles, cues, connectors …), and the result is cached on the sentence's
token list. Each category is read through a `PhraseMatcher` view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kg.text.document import Token
from kg.text.normalize import fold_key

T = TypeVar("T")

# Arabic proclitics, longest first; "لل" is ل + ال with the alif dropped (للأمم = ل + الأمم).
ARABIC_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A phrase found in a token list: token range (inclusive), values, and the proclitic skipped."""

    first: int
    last: int
    values: tuple[T, ...]
    key: str
    clitic: str = ""


class Scan:
    """Every category's longest match at every start token of one sentence."""

    __slots__ = ("at", "_leftmost")

    def __init__(self) -> None:
        self.at: dict[str, dict[int, PhraseMatch]] = {}
        self._leftmost: dict[str, list[PhraseMatch]] = {}

    def starting(self, category: str) -> dict[int, PhraseMatch]:
        return self.at.get(category, {})

    def leftmost_longest(self, category: str) -> list[PhraseMatch]:
        found = self._leftmost.get(category)
        if found is None:
            found = []
            end = -1
            for start in sorted(self.at.get(category, {})):
                if start > end:
                    match = self.at[category][start]
                    found.append(match)
                    end = match.last
            self._leftmost[category] = found
        return found


class Lexicon:
    """Phrases of several categories for one language, searched together."""

    def __init__(self, proclitics: bool = False, max_tokens: int = 10) -> None:
        self._entries: dict[str, dict[str, tuple[Any, ...]]] = {}
        self._prefixes: set[str] = set()
        self._proclitic_categories: set[str] = set()
        self._proclitics = proclitics
        self._max_tokens = max_tokens
        self._key = f"scan-{id(self)}"
        self._starts: dict[str, tuple[tuple[str, str], ...]] = {}

    def category(self, name: str, proclitics: bool = True) -> PhraseMatcher[Any]:
        """A view of one category; `proclitics` lets its phrases match after و، ب، ل … (Arabic only)."""
        if proclitics and self._proclitics:
            self._proclitic_categories.add(name)
        return PhraseMatcher(self, name)

    def add(self, category: str, phrase: str, value: Any) -> str:
        key = fold_key(phrase)
        if not key:
            return key
        by_category = self._entries.setdefault(key, {})
        values = by_category.get(category, ())
        if value not in values:
            by_category[category] = (*values, value)
        for i in range(1, len(key) + 1):
            self._prefixes.add(key[:i])
        self._starts.clear()
        return key

    def lookup(self, category: str, phrase: str) -> tuple[Any, ...]:
        return self._entries.get(fold_key(phrase), {}).get(category, ())

    def size(self, category: str) -> int:
        return sum(1 for v in self._entries.values() if category in v)

    def _readings(self, text: str) -> list[tuple[str, str]]:
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

    def scan(self, tokens: Sequence[Token]) -> Scan:
        """All matches of all categories in `tokens`, cached on the token list when it allows."""
        cache = getattr(tokens, "scans", None)
        if cache is not None and self._key in cache:
            return cache[self._key]
        result = Scan()
        at = result.at
        prefixes, entries = self._prefixes, self._entries
        proclitic_categories = self._proclitic_categories
        n = len(tokens)
        starts = self._starts
        for i in range(n):
            token = tokens[i]
            if not token.is_word:
                continue
            readings = starts.get(token.text)
            if readings is None:
                # the readings of a word that can start a phrase, memoised: most words start none
                readings = tuple(r for r in (self._readings(token.text) if self._proclitics else
                                             (("", token.text),)) if r[1] in prefixes)
                if len(starts) > 500_000:
                    starts.clear()
                starts[token.text] = readings
            for clitic, first in readings:
                key, j = first, i
                while key in prefixes:
                    found = entries.get(key)
                    if found:
                        for category, values in found.items():
                            if clitic and category not in proclitic_categories:
                                continue
                            by_start = at.setdefault(category, {})
                            current = by_start.get(i)
                            if current is None or j > current.last or (
                                    j == current.last and len(clitic) < len(current.clitic)):
                                by_start[i] = PhraseMatch(i, j, values, key, clitic)
                    j += 1
                    if j >= n or j - i >= self._max_tokens or not tokens[j].is_word:
                        break
                    key += tokens[j].text
        if cache is not None:
            cache[self._key] = result
        return result


class PhraseMatcher(Generic[T]):
    """One category of a `Lexicon`: add phrases, look them up, find them in token lists."""

    def __init__(self, lexicon: Lexicon | None = None, category: str = "phrases", proclitics: bool = False) -> None:
        if lexicon is None:
            lexicon = Lexicon(proclitics=proclitics)
            lexicon.category(category, proclitics)
        self.lexicon = lexicon
        self.name = category

    def __len__(self) -> int:
        return self.lexicon.size(self.name)

    def add(self, phrase: str, value: T) -> str:
        """Register `phrase` (any spelling; folded here) with `value`; returns its key."""
        return self.lexicon.add(self.name, phrase, value)

    def lookup(self, phrase: str) -> tuple[T, ...]:
        return self.lexicon.lookup(self.name, phrase)

    def match_at(self, tokens: Sequence[Token], i: int) -> PhraseMatch[T] | None:
        """The longest phrase starting at token i, if any."""
        return self.lexicon.scan(tokens).starting(self.name).get(i)

    def find_all(self, tokens: Sequence[Token], overlapping: bool = False) -> list[PhraseMatch[T]]:
        """Leftmost-longest matches; with `overlapping`, the longest match at every token."""
        scan = self.lexicon.scan(tokens)
        if overlapping:
            starting = scan.starting(self.name)
            return [starting[i] for i in sorted(starting)]
        return scan.leftmost_longest(self.name)
