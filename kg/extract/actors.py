"""Actors named in an article: knowledge-base aliases, and people found from the text alone.

Known actors are found by their aliases (any language, spaces and ZWNJ inside names ignored, Arabic
proclitics split off). A surname alone (`short` alias) counts only when the article also gives the
full name or the surname is unambiguous and not an ordinary word. People in no list are discovered
next to a title — «کاظم جلالی»، سفیر کشورمان / الأمين العام للأمم المتحدة، أنطونيو غوتيريش — when the
words around the title look like a name: a known given name first, or words that are in no
dictionary, or a name in «» quotes. Every discovered person gets a confidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.extract.resources import LanguageResources, Resources
from kg.extract.spans import NameSpan, TitleSpan
from kg.text.document import Document, Sentence, Token
from kg.text.normalize import fold_key

TYPE_NAMES = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place"}
NEW_PREFIX = "new:"
_QUOTES_OPEN = {'"', "«", "“", "(", "'"}
_QUOTES_CLOSE = {'"', "»", "”", ")", "'"}
_MAX_NAME_TOKENS = 4


def person_identity(name: str) -> str:
    """The key that makes Persian and Arabic spellings of one name equal (عبد اللهيان = عبداللهیان, الحية = الحیه).

    Spaces, ZWNJ and letter variants are ignored, and so is the article "ال" at the start of a word
    of five letters or more (الحية / حیه), never inside a word (گالوزین) or in الله.
    """
    words = fold_key_words(name)
    return "".join(w[2:] if w.startswith("ال") and len(w) >= 5 else w for w in words)


def fold_key_words(name: str) -> list[str]:
    return [fold_key(w) for w in name.split() if fold_key(w)]


def new_actor_key(name: str) -> str:
    return NEW_PREFIX + person_identity(name)


def find_known_actors(doc: Document, lang: LanguageResources, resources: Resources) -> list[NameSpan]:
    """Knowledge-base actors named in the kept sentences (adjectives included, marked via='adjective')."""
    kb = resources.gazetteer
    raw: list[tuple[Sentence, int, int, list]] = []
    full_names: set[str] = set()
    for sentence in doc.sentences:
        for match in lang.names.find_all(sentence.tokens):
            refs = list(match.values)
            raw.append((sentence, match.first, match.last, refs))
            for ref in refs:
                if ref.kind == "name":
                    full_names.add(ref.actor)
    spans: list[NameSpan] = []
    claimed: dict[int, set[int]] = defaultdict(set)
    for sentence, first, last, _refs in raw:
        claimed[sentence.index].update(range(first, last + 1))
    for sentence, first, last, refs in raw:
        adjectives = [r for r in refs if r.kind == "adjective"]
        names = [r for r in refs if r.kind != "adjective"]
        surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        if not names:
            actor = adjectives[0].actor
            spans.append(NameSpan(sentence.index, first, last, actor, _type(kb, actor), "adjective", 1.0,
                                  surface, adjectives[0].lang))
            continue
        actor, via, confidence = _choose(names, full_names, lang, first == last, sentence.tokens[first].text)
        if actor is None:
            continue
        if _type(kb, actor) == "Person":
            # a first name spelt differently from the knowledge base's (سرگی / سرگئی ریابکوف) belongs to the name
            while first > 0 and sentence.tokens[first - 1].text in lang.given_names and first - 1 not in claimed[
                    sentence.index]:
                first -= 1
            surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        spans.append(NameSpan(sentence.index, first, last, actor, _type(kb, actor), via, confidence,
                              surface, names[0].lang))
    return spans


def _type(kb, actor: str) -> str:
    entry = kb.actors.get(actor)
    return TYPE_NAMES.get(entry.type, "Organization") if entry else "Person"


def _choose(refs: list, full_names: set[str], lang: LanguageResources, single_token: bool,
            token: str) -> tuple[str | None, str, float]:
    """Pick the actor an alias means here, or None when it stays ambiguous."""
    actors = sorted({r.actor for r in refs})
    full = [r for r in refs if r.kind == "name"]
    if len({r.actor for r in full}) == 1:
        return full[0].actor, "name", 1.0
    named = [a for a in actors if a in full_names]
    if len(named) == 1:
        return named[0], "short", 0.95
    if len(actors) == 1:
        key = fold_key(token)
        ordinary = key in lang.given_names or key in lang.stopwords or (single_token and key in lang.common_words)
        if not ordinary:
            return actors[0], "short", 0.85
    return None, "", 0.0


# --- discovery of people in no list ---------------------------------------------------------------

def name_token_ok(token: Token, lang: LanguageResources, last: bool) -> bool:
    """Could this token be part of a person's name?"""
    text = token.text
    if not token.is_word or text.isdigit() or len(text) < 2:
        return False
    key = text
    if key in lang.stopwords:
        return False
    if lang.language == "ar" and text.startswith("ال") and not last and key not in lang.given_names:
        # inside an Arabic name "ال" starts only surnames (البوسعيدي) or compounds after عبد
        return False
    return True


def _looks_like_name(tokens: Sequence[Token], lang: LanguageResources, quoted: bool) -> float:
    """Confidence that these 2–4 tokens are a person's name (0 when they are not)."""
    keys = [t.text for t in tokens]
    if not 2 <= len(keys) <= _MAX_NAME_TOKENS:
        return 0.0
    if any(lang.titles.lookup(k) or lang.meeting_cues.lookup(k) or lang.speech_cues.lookup(k) for k in keys):
        return 0.0
    given = keys[0] in lang.given_names or (keys[0] in ("عبد", "ابو", "ابی", "ام") and len(keys) >= 3)
    dictionary = [k for k in keys if k in lang.common_words and k not in lang.given_names]
    if quoted:
        return 0.95 if len(dictionary) < len(keys) else 0.0
    if given and len(dictionary) <= len(keys) - 1:
        return 0.9
    if not dictionary:
        return 0.75
    return 0.0


def discover_persons(doc: Document, lang: LanguageResources, known: list[NameSpan],
                     titles: list[TitleSpan]) -> list[NameSpan]:
    """People in no knowledge base, named next to a title (before or after it)."""
    taken: dict[int, set[int]] = defaultdict(set)
    for span in known:
        taken[span.sentence].update(range(span.first, span.last + 1))
    for title in titles:
        taken[title.sentence].update(range(title.first, title.last + 1))
    found: list[NameSpan] = []
    for title in titles:
        if title.form != "person":
            continue
        sentence = doc.sentences[title.sentence]
        for candidate in (_name_after(sentence, title, lang, taken[title.sentence]),
                          _name_before(sentence, title, lang, taken[title.sentence])):
            if candidate is None:
                continue
            first, last, quoted = candidate
            confidence = _looks_like_name(sentence.tokens[first:last + 1], lang, quoted)
            if confidence <= 0:
                continue
            label = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
            found.append(NameSpan(sentence.index, first, last, new_actor_key(label), "Person", "discovered",
                                  confidence, label, doc.language))
            taken[title.sentence].update(range(first, last + 1))
            break
    return found + _surnames_of(doc, lang, found, known)


def _skip_honorifics(tokens: Sequence[Token], i: int, lang: LanguageResources) -> int:
    while i < len(tokens):
        m = lang.honorifics.match_at(tokens, i)
        if m is None:
            return i
        i = m.last + 1
    return i


def _name_after(sentence: Sentence, title: TitleSpan, lang: LanguageResources,
                taken: set[int]) -> tuple[int, int, bool] | None:
    tokens = sentence.tokens
    i = title.last + 1
    if i < len(tokens) and tokens[i].text in ("،", ",", ":"):
        i += 1
    i = _skip_honorifics(tokens, i, lang)
    quoted = i < len(tokens) and tokens[i].text in _QUOTES_OPEN
    if quoted:
        i += 1
    start = i
    while i < len(tokens) and i - start < _MAX_NAME_TOKENS and i not in taken and \
            name_token_ok(tokens[i], lang, last=True):
        i += 1
    if i - start < 2:
        return None
    if quoted and not (i < len(tokens) and tokens[i].text in _QUOTES_CLOSE):
        quoted = False
    # the name must end at a boundary: punctuation, a function word, a verb, or the sentence end
    return start, i - 1, quoted


def _name_before(sentence: Sentence, title: TitleSpan, lang: LanguageResources,
                 taken: set[int]) -> tuple[int, int, bool] | None:
    tokens = sentence.tokens
    i = title.first - 1
    if i >= 0 and tokens[i].text in ("،", ","):
        i -= 1
    quoted = i >= 0 and tokens[i].text in _QUOTES_CLOSE
    if quoted:
        i -= 1
    end = i
    while i >= 0 and end - i < _MAX_NAME_TOKENS and i not in taken and \
            name_token_ok(tokens[i], lang, last=(i == end)):
        i -= 1
    first = i + 1
    if end - first + 1 < 2:
        return None
    if quoted:
        if not (i >= 0 and tokens[i].text in _QUOTES_OPEN):
            return None
    elif i >= 0 and tokens[i].is_word and tokens[i].text not in lang.stopwords and \
            not lang.connector(tokens[i].text):
        return None  # the run of name-like words does not start at a boundary
    return first, end, quoted


def _surnames_of(doc: Document, lang: LanguageResources, found: list[NameSpan],
                 known: list[NameSpan]) -> list[NameSpan]:
    """Later mentions of a discovered person by surname alone (جلالی گفت)."""
    surnames: dict[str, NameSpan] = {}
    for span in found:
        last = doc.sentences[span.sentence].tokens[span.last].text
        if last not in lang.given_names and last not in lang.common_words and len(last) > 2:
            surnames.setdefault(last, span)
    if not surnames:
        return []
    occupied: dict[int, set[int]] = defaultdict(set)
    for span in known + found:
        occupied[span.sentence].update(range(span.first, span.last + 1))
    more: list[NameSpan] = []
    for sentence in doc.sentences:
        for token in sentence.tokens:
            span = surnames.get(token.text)
            if span is None or token.index in occupied[sentence.index]:
                continue
            more.append(NameSpan(sentence.index, token.index, token.index, span.actor, "Person", "short",
                                 span.confidence * 0.95, doc.text[token.start:token.end], doc.language))
    return more
