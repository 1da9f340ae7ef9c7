"""Compiled lexicons for extraction: phrase matchers built once per process from the data files.

Building the matchers takes a fraction of a second; extraction then only does set and dict
lookups. A `Resources` object is passed to every extractor (no module-level state).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kg.errors import LexiconError
from kg.extract.matcher import Lexicon, PhraseMatcher
from kg.lexicons import Lexicons
from kg.lexicons.gazetteer import Gazetteer, load_gazetteer
from kg.text.normalize import fold_key

_HAZM_WORDS = "data/words.dat"


@dataclass(frozen=True, slots=True)
class NameRef:
    """What an alias in the knowledge base points to."""

    actor: str
    kind: str  # name | short | adjective
    lang: str


@dataclass(frozen=True, slots=True)
class TitleRef:
    role: str
    of: str | None
    form: str  # person | office | plural


@dataclass(frozen=True, slots=True)
class CueRef:
    kind: str
    position: str  # verb | noun


@dataclass(frozen=True, slots=True)
class SpeechRef:
    type: str
    form: str  # finite | participle | plural | noun


# Russian and Central Asian surnames end in -ov/-ev written «وف» or «اف» (بردی‌محمدوف / بردی‌محمداف)
_SURNAME_ENDINGS = (("وف", "اف"), ("اف", "وف"))


def _transliterations(alias: str) -> list[str]:
    """An alias and its other common transliterations."""
    spellings = [alias]
    for ending, other in _SURNAME_ENDINGS:
        if alias.endswith(ending) and len(alias.split()[-1]) > 4:
            spellings.append(alias[:-len(ending)] + other)
    return spellings


class LanguageResources:
    """Matchers for one language (fa or ar), all views of one `Lexicon` scanned once per sentence."""

    def __init__(self, language: str, lexicons: Lexicons, gazetteer: Gazetteer,
                 common_words: frozenset[str]) -> None:
        self.language = language
        self.lexicon = Lexicon(proclitics=language == "ar")
        lex = self.lexicon
        self.names: PhraseMatcher[NameRef] = lex.category("names")
        for actor in gazetteer.actors:
            for alias in gazetteer.aliases_of(actor):
                for spelling in _transliterations(alias.alias):
                    self.names.add(spelling, NameRef(alias.actor, alias.kind, alias.lang))
        self.titles: PhraseMatcher[TitleRef] = lex.category("titles")
        for row in lexicons.table(language, "titles"):
            self.titles.add(row["title"], TitleRef(row["role"], row.get("of") or None, row["form"]))
        self.modifiers_before: PhraseMatcher[str] = lex.category("modifiers_before")
        self.modifiers_after: PhraseMatcher[str] = lex.category("modifiers_after")
        for row in lexicons.table(language, "role_modifiers"):
            target = self.modifiers_before if row["position"] == "before" else self.modifiers_after
            target.add(row["modifier"], row["effect"])
        self.meeting_cues: PhraseMatcher[CueRef] = lex.category("meeting_cues")
        for row in lexicons.table(language, "meeting_verbs"):
            self.meeting_cues.add(row["cue"], CueRef(row["kind"], row.get("position") or "verb"))
        self.speech_cues: PhraseMatcher[SpeechRef] = lex.category("speech_cues")
        for row in lexicons.table(language, "speech_verbs"):
            self.speech_cues.add(row["cue"], SpeechRef(row["type"], row["form"]))
        self.pronouns: PhraseMatcher[str] = lex.category("pronouns")
        for row in lexicons.table(language, "pronouns"):
            self.pronouns.add(row["pronoun"], row["number"])
        self.connectors: PhraseMatcher[str] = lex.category("connectors", proclitics=False)
        for row in lexicons.table(language, "connectors"):
            self.connectors.add(row["phrase"], row["function"])
        self.attribution: PhraseMatcher[str] = lex.category("attribution")
        for row in lexicons.table(language, "attribution"):
            self.attribution.add(row["cue"], row["role"])
        stopword_rows = lexicons.table(language, "stopwords")
        self.stopwords: dict[str, str] = {fold_key(r["word"]): r["class"] for r in stopword_rows}
        self.raw_stopwords: frozenset[str] = frozenset(r["word"] for r in stopword_rows)
        self.honorifics: PhraseMatcher[str] = lex.category("honorifics")
        for row in stopword_rows:
            if row["class"] == "honorific":
                self.honorifics.add(row["word"], "honorific")
        self.given_names: frozenset[str] = frozenset(
            fold_key(r["name"]) for lang in ("fa", "ar") for r in lexicons.table(lang, "given_names"))
        self.common_words = common_words
        # what extractors derive once per process from these lexicons (callers must not modify it)
        self.memo: dict[str, Any] = {}

    def connector(self, text: str) -> tuple[str, ...]:
        return self.connectors.lookup(text)


class Resources:
    """Everything extractors need, loaded once: lexicons, the knowledge base and compiled matchers."""

    def __init__(self, lexicons: Lexicons | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicons = lexicons or Lexicons()
        self.gazetteer = gazetteer or load_gazetteer(
            role_types={r["id"] for r in self.lexicons.role_types})
        self._languages: dict[str, LanguageResources] = {}
        self._memos: dict[str, dict[Any, Any]] = {}

    def memo(self, name: str) -> dict[Any, Any]:
        """A dict named `name` for what extractors compute once per process from these resources (the
        words of a known actor's names …): the lexicons and the knowledge base do not change once loaded.
        Callers must not modify what they read from it."""
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = {}
        return memo

    @cached_property
    def role_types(self) -> dict[str, dict[str, str]]:
        return {r["id"]: dict(r.cells) for r in self.lexicons.role_types}

    def broader_roles(self, role: str) -> list[str]:
        """`role` and every role above it in the hierarchy, nearest first."""
        chain = []
        while role and role not in chain:
            chain.append(role)
            role = self.role_types.get(role, {}).get("broader", "")
        return chain

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Persian dictionary words from hazm's lexicon (tagged entries), used to tell names from words."""
        spec = importlib.util.find_spec("hazm")  # located, not imported: importing hazm costs a second
        if spec is None or not spec.submodule_search_locations:
            raise LexiconError("hazm", 0, "the hazm package is not installed")
        path = Path(next(iter(spec.submodule_search_locations))) / _HAZM_WORDS
        words = set()
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3 and parts[2] and parts[2] != "0":
                    words.add(fold_key(parts[0]))
        return frozenset(words)

    def language(self, language: str) -> LanguageResources:
        if language not in self._languages:
            self._languages[language] = LanguageResources(language, self.lexicons, self.gazetteer,
                                                          self.common_words)
        return self._languages[language]
