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
from typing import Any, Generic, NamedTuple, TypeVar

from kg.text.document import Token
from kg.text.normalize import fold_key

T = TypeVar("T")
Hit = tuple[str, tuple[Any, ...]]  # (category, values) of a lexicon key
# a prefix of some key: (entries of that exact key, those readable behind a proclitic, whether a longer key
# starts with it)
Node = tuple[tuple[Hit, ...], tuple[Hit, ...], bool]

# Arabic proclitics, longest first; "لل" is ل + ال with the alif dropped (للأمم = ل + الأمم).
ARABIC_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


class PhraseMatch(NamedTuple, Generic[T]):
    """A phrase found in a token list: token range (inclusive), values, and the proclitic skipped.

    A named tuple: a sentence's scan makes its matches as tuples in one step (a frozen dataclass
    costs four times as much to make), and they are read far less often than made."""

    first: int
    last: int
    values: tuple[T, ...]
    key: str
    clitic: str = ""


_new_match = tuple.__new__  # PhraseMatch(first, last, values, key, clitic) = _new_match(PhraseMatch, (…))


class Scan:
    """Every category's longest match at every start token of one sentence (dicts in start order)."""

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
            # a scan adds start tokens in increasing order: the dict is sorted by start already
            for start, match in self.at.get(category, {}).items():
                if start > end:
                    found.append(match)
                    end = match[1]
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
        self._starts: dict[str, tuple[tuple[str, str, tuple[Hit, ...], bool], ...]] = {}
        self._trie: dict[str, Node] | None = None

    def category(self, name: str, proclitics: bool = True) -> PhraseMatcher[Any]:
        """A view of one category; `proclitics` lets its phrases match after و، ب، ل … (Arabic only)."""
        if proclitics and self._proclitics:
            self._proclitic_categories.add(name)
            self._trie = None
            self._starts.clear()
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
        self._trie = None
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

    def _build_trie(self) -> dict[str, Node]:
        """Every prefix of every key → (its entries, its entries readable behind a proclitic, whether a
        longer key starts with it).

        An entry is (category, values) of that exact key: one dict look-up per token a phrase grows
        by, and a phrase stops growing where no key goes on."""
        extendable = {key[:-1] for key in self._prefixes if len(key) > 1}
        # most prefixes are no key: they share two nodes (fewer objects for the garbage collector to walk)
        bare: dict[bool, Node] = {True: ((), (), True), False: ((), (), False)}
        trie: dict[str, Node] = {}
        for prefix in self._prefixes:
            found = self._entries.get(prefix)
            if not found:
                trie[prefix] = bare[prefix in extendable]
                continue
            hits = tuple(found.items())
            behind = tuple(h for h in hits if h[0] in self._proclitic_categories)
            trie[prefix] = (hits, hits if behind == hits else behind, prefix in extendable)
        return trie

    def scan(self, tokens: Sequence[Token]) -> Scan:
        """All matches of all categories in `tokens`, cached on the token list when it allows."""
        cache = getattr(tokens, "scans", None)
        if cache is not None:
            cached = cache.get(self._key)
            if cached is not None:
                return cached
        trie = self._trie
        if trie is None:
            trie = self._trie = self._build_trie()
        find = trie.get
        result = Scan()
        at = result.at
        n = len(tokens)
        texts: list[str] | None = getattr(tokens, "texts", None)  # kept by the tokenizer
        words: list[bool] | None = getattr(tokens, "words", None)
        if texts is None or words is None or len(texts) != n or len(words) != n:
            texts = [t.text for t in tokens]
            words = [t.is_word for t in tokens]
        limit = self._max_tokens
        starts = self._starts
        for i in range(n):
            if not words[i]:
                continue
            text = texts[i]
            readings = starts.get(text)
            if readings is None:
                # the readings of a word that can start a phrase, memoised: most words start none
                readings = self._start_readings(text, trie)
                if len(starts) > 500_000:
                    starts.clear()
                starts[text] = readings
            for clitic, key, hits, longer in readings:
                j = i
                while True:
                    for category, values in hits:
                        by_start = at.get(category)
                        if by_start is None:
                            by_start = at[category] = {}
                        current = by_start.get(i)  # (first, last, values, key, clitic)
                        if current is None or j > current[1] or (j == current[1] and len(clitic) < len(current[4])):
                            by_start[i] = _new_match(PhraseMatch, (i, j, values, key, clitic))
                    j += 1
                    if not longer or j >= n or j - i >= limit or not words[j]:
                        break
                    key += texts[j]
                    node = find(key)
                    if node is None:
                        break
                    hits, behind, longer = node
                    if clitic:
                        hits = behind
        if cache is not None:
            cache[self._key] = result
        return result

    def _start_readings(self, text: str, trie: dict[str, Node]) -> tuple[tuple[str, str, tuple[Hit, ...], bool], ...]:
        """(clitic, key, entries, extendable) of each reading of a word that starts some key."""
        out = []
        for clitic, key in (self._readings(text) if self._proclitics else (("", text),)):
            node = trie.get(key)
            if node is not None:
                hits, behind, longer = node
                out.append((clitic, key, behind if clitic else hits, longer))
        return tuple(out)


class PhraseMatcher(Generic[T]):
    """One category of a `Lexicon`: add phrases, look them up, find them in token lists."""

    def __init__(self, lexicon: Lexicon | None = None, category: str = "phrases", proclitics: bool = False) -> None:
        if lexicon is None:
            lexicon = Lexicon(proclitics=proclitics)
            lexicon.category(category, proclitics)
        self.lexicon = lexicon
        self.name = category
        # this category's results cached on a token list next to its scan: a look-up per call, not three
        self._starting_key = f"{lexicon._key}:{category}:starting"
        self._leftmost_key = f"{lexicon._key}:{category}:leftmost"
        self._overlapping_key = f"{lexicon._key}:{category}:overlapping"

    def __len__(self) -> int:
        return self.lexicon.size(self.name)

    def add(self, phrase: str, value: T) -> str:
        """Register `phrase` (any spelling; folded here) with `value`; returns its key."""
        return self.lexicon.add(self.name, phrase, value)

    def lookup(self, phrase: str) -> tuple[T, ...]:
        return self.lexicon.lookup(self.name, phrase)

    def starting(self, tokens: Sequence[Token]) -> dict[int, PhraseMatch[T]]:
        """The longest phrase starting at each token where one starts (do not modify)."""
        cache: dict[str, Any] | None = getattr(tokens, "scans", None)
        if cache is not None:
            starting = cache.get(self._starting_key)
            if starting is None:
                starting = cache[self._starting_key] = self.lexicon.scan(tokens).starting(self.name)
            return starting
        return self.lexicon.scan(tokens).starting(self.name)

    def match_at(self, tokens: Sequence[Token], i: int) -> PhraseMatch[T] | None:
        """The longest phrase starting at token i, if any."""
        cache: dict[str, Any] | None = getattr(tokens, "scans", None)
        if cache is not None:
            starting = cache.get(self._starting_key)
            if starting is None:
                starting = cache[self._starting_key] = self.lexicon.scan(tokens).starting(self.name)
            return starting.get(i)
        return self.lexicon.scan(tokens).starting(self.name).get(i)

    def find_all(self, tokens: Sequence[Token], overlapping: bool = False) -> list[PhraseMatch[T]]:
        """Leftmost-longest matches; with `overlapping`, the longest match at every token."""
        key = self._overlapping_key if overlapping else self._leftmost_key
        cache: dict[str, Any] | None = getattr(tokens, "scans", None)
        if cache is not None:
            found = cache.get(key)
            if found is not None:
                return found
        scan = self.lexicon.scan(tokens)
        if overlapping:
            found = list(scan.starting(self.name).values())  # in start order (see Scan.leftmost_longest)
        else:
            found = scan.leftmost_longest(self.name)
        if cache is not None:
            cache[key] = found
        return found
