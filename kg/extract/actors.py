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

    Spaces, ZWNJ and letter variants are ignored, and so is the article "ال" at the start of a surname
    of five letters or more (الحية / حیه) — never in a first name (إلياس بو صعب), inside a word (گالوزین), or
    after عبد / أبو / بن, where the name is one word written in two (عبد اللطيف = عبداللطیف).
    """
    words = [w for w in fold_key_words(name) if w != "ال"]  # آل (family) and a detached ال
    out: list[str] = []
    for n, word in enumerate(words):
        if n > 0 and words[n - 1] in _PARTICLES:
            out[-1] += word  # عبد + اللهیان → عبداللهیان
            continue
        if (n > 0 or len(words) == 1) and word.startswith("ال") and len(word) >= 5:
            word = word[2:]
        out.append(word)
    return "".join(out)


def fold_key_words(name: str) -> list[str]:
    return [fold_key(w) for w in name.split() if fold_key(w)]


def new_actor_key(name: str) -> str:
    return NEW_PREFIX + person_identity(name)


def find_known_actors(doc: Document, lang: LanguageResources, resources: Resources) -> list[NameSpan]:
    """Knowledge-base actors named in the kept sentences (adjectives included, marked via='adjective')."""
    kb = resources.gazetteer
    raw: list[tuple[Sentence, int, int, list, str]] = []
    full_names: set[str] = set()
    for sentence in doc.sentences:
        for match in lang.names.find_all(sentence.tokens):
            refs = list(match.values)
            raw.append((sentence, match.first, match.last, refs, match.clitic))
            for ref in refs:
                if ref.kind == "name":
                    full_names.add(ref.actor)
    spans: list[NameSpan] = []
    claimed: dict[int, set[int]] = defaultdict(set)
    for sentence, first, last, _refs, _clitic in raw:
        claimed[sentence.index].update(range(first, last + 1))
    for sentence, first, last, refs, clitic in raw:
        adjectives = [r for r in refs if r.kind == "adjective"]
        names = [r for r in refs if r.kind != "adjective"]
        surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        if not names:
            nisba = adjectives[0].actor
            spans.append(NameSpan(sentence.index, first, last, nisba, _type(kb, nisba), "adjective", 1.0,
                                  surface, adjectives[0].lang, clitic))
            continue
        actor, via, confidence = _choose(names, full_names, lang, first == last, sentence.tokens[first].text)
        if actor is None:
            continue
        actor_type = _type(kb, actor)
        if actor_type == "Person" and first > 0 and first - 1 not in claimed[sentence.index]:
            before = sentence.tokens[first - 1]
            if _similar_first_name(before.text, _first_names(resources, actor)):
                # the first name spelt differently from the knowledge base's (سرگی / سرگئی ریابکوف)
                first -= 1
                surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
                via = "name"
            elif via == "short" and before.is_word and name_token_ok(before, lang, sentence) and \
                    not _closes_name(before, "", lang) and \
                    (before.text in lang.given_names or
                     (lang.language == "fa" and before.text not in lang.common_words)) and \
                    not lang.honorifics.match_at(sentence.tokens, first - 1) and \
                    not _at_boundary(sentence.tokens, first - 1, lang, phrases_only=before.text in lang.stopwords):
                # (a stopword here is spelt as a name, «علي» and not «على»: name_token_ok read the spelling)
                start = _lineage_start(sentence.tokens, first, claimed[sentence.index])
                if start is None or sentence.tokens[start].text not in _first_names(resources, actor):
                    continue  # «طارق علي فرج الأنصاري»: another person's name ending in this surname
                # «محمد بن عبدالعزيز بن صالح الخليفي»: the known first name, a longer lineage
                first, via = start, "name"
                surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        if actor_type == "Person" and lang.language == "ar":
            last = _lineage(sentence.tokens, last, claimed[sentence.index])
            last = _rest_of_known_name(sentence.tokens, last, claimed[sentence.index], _name_words(resources, actor))
            surface = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        spans.append(NameSpan(sentence.index, first, last, actor, actor_type, via, confidence,
                              surface, names[0].lang, clitic))
    return spans


def _lineage(tokens, last: int, claimed: set[int]) -> int:
    """«محمد بن سلمان بن عبدالعزيز آل سعود»: a known name goes on with «بن X» / «آل X»."""
    while last + 2 < len(tokens) and tokens[last + 1].text in ("بن", "بنت", "ال") and \
            tokens[last + 2].is_word and last + 2 not in claimed:
        last += 2
        if tokens[last].text in ("عبد", "ابو") and last + 1 < len(tokens) and tokens[last + 1].is_word and \
                last + 1 not in claimed:
            last += 1  # «بن عبد الله» written apart
    return last


def _lineage_start(tokens, first: int, claimed: set[int]) -> int | None:
    """«محمد بن عبدالعزيز بن صالح [الخليفي]»: where a «X بن Y بن Z» lineage before a surname starts."""
    start = first
    while start >= 2 and tokens[start - 2].text in ("بن", "بنت") and tokens[start - 1].is_word and \
            start - 1 not in claimed:
        start -= 2
    if start >= 1 and tokens[start - 1].is_word and start - 1 not in claimed and start < first:
        return start - 1
    return None


def _rest_of_known_name(tokens, last: int, claimed: set[int], words: set[str]) -> int:
    """«مشعل الأحمد [الجابر الصباح]»: the name written on with words of the knowledge base's fuller names."""
    while last + 1 < len(tokens) and last + 1 not in claimed and tokens[last + 1].text in words and \
            tokens[last + 1].text.startswith("ال"):  # family names, not «ولي العهد» of a titled alias
        last += 1
    return last


def _name_words(resources: Resources, actor: str) -> set[str]:
    """Words of the actor's full names (longer than two letters), folded; computed once per process."""
    memo = resources.memo("name_words")
    words = memo.get(actor)
    if words is None:
        words = memo[actor] = {fold_key(w) for alias in resources.gazetteer.aliases_of(actor) if alias.kind == "name"
                               for w in alias.key.split() if len(w) > 2}
    return words


def _first_names(resources: Resources, actor: str) -> set[str]:
    """First words of the actor's full names of two words or more, folded; computed once per process."""
    memo = resources.memo("first_names")
    names = memo.get(actor)
    if names is None:
        names = set()
        for alias in resources.gazetteer.aliases_of(actor):
            words = alias.key.split()
            if alias.kind == "name" and len(words) >= 2:
                names.add(fold_key(words[0]))
        memo[actor] = names
    return names


def _similar_first_name(word: str, names: set[str]) -> bool:
    """Equal, or one letter added, dropped or changed (سرگی / سرگئی → سرگیی, میخاییل / میخائل)."""
    for name in names:
        if word == name:
            return True
        if abs(len(word) - len(name)) <= 1 and len(word) >= 3 and _edit_distance_at_most_one(word, name):
            return True
    return False


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _type(kb, actor: str) -> str:
    entry = kb.actors.get(actor)
    return TYPE_NAMES.get(entry.type, "Organization") if entry else "Person"


def _choose(refs: list, full_names: set[str], lang: LanguageResources, single_token: bool,
            token: str) -> tuple[str | None, str, float]:
    """Pick the actor an alias means here, or None when it stays ambiguous."""
    full = [r for r in refs if r.kind == "name"]
    if len({r.actor for r in full}) == 1:
        return full[0].actor, "name", 1.0
    actors = sorted({r.actor for r in refs})
    named = [a for a in actors if a in full_names]
    if len(named) == 1:
        return named[0], "short", 0.95
    if len(actors) == 1:
        key = fold_key(token)
        # a one-word surname that is also a given name or an ordinary word needs the full name nearby;
        # hazm's dictionary is Persian, so it only speaks for Persian text
        ordinary = single_token and (key in lang.given_names or key in lang.stopwords or
                                     (lang.language == "fa" and key in lang.common_words) or
                                     _lexicon_word(key, lang))
        if not ordinary:
            return actors[0], "short", 0.85
    return None, "", 0.0


def _lexicon_word(key: str, lang: LanguageResources) -> bool:
    """A word kg's lexicons use for something else (شكر is "thanked" as well as Shukr)."""
    return any(category.lookup(key) for category in (lang.speech_cues, lang.meeting_cues, lang.titles,
                                                     lang.connectors, lang.pronouns))


# --- discovery of people in no list ---------------------------------------------------------------

_PARTICLES = {"عبد", "ابو", "ابی", "بن", "ابن", "ال", "ام", "بنت"}  # inside Arabic names: عبد الرحمن، أبو قصرة
_CLITIC_ARTICLE = ("وال", "بال", "فال", "کال", "لل", "ولل")  # و/ب/ف/ك/ل + ال: a common noun, never a name
_PERSIAN_SUFFIXES = ("های", "ها", "ای", "ی", "ان")


def name_token_ok(token: Token, lang: LanguageResources, sentence: Sentence | None = None) -> bool:
    """Could this token be part of a person's name?"""
    text = token.text
    if not token.is_word or text.isdigit() or len(text) < 2:
        return False
    if text in lang.stopwords and not (text in lang.given_names and sentence is not None and
                                       _raw(sentence, token) not in lang.raw_stopwords):
        return False  # folding makes the name علي and the preposition على one word: the spelling tells
    return not (lang.language == "ar" and text.startswith(_CLITIC_ARTICLE))


def _raw(sentence: Sentence, token: Token) -> str:
    return sentence.text[token.start - sentence.start:token.end - sentence.start]


def _closes_name(token: Token, previous: str, lang: LanguageResources) -> bool:
    """In Arabic a word with "ال" ends a name (a surname: اليحيا، البوسعيدي) unless it follows عبد / أبو / بن."""
    return lang.language == "ar" and token.text.startswith("ال") and token.text != "ال" \
        and token.text not in lang.given_names and previous not in _PARTICLES  # «آل صادق»: آل is a particle


def _dictionary_word(word: str, lang: LanguageResources) -> bool:
    """An ordinary Persian word, also with an ezafe or plural ending (شورای، کشورهای)."""
    if word in lang.common_words:
        return True
    return any(word.endswith(suffix) and word[:-len(suffix)] in lang.common_words
               for suffix in _PERSIAN_SUFFIXES if len(word) > len(suffix) + 2)


def _looks_like_name(tokens: Sequence[Token], lang: LanguageResources, quoted: bool) -> float:
    """Confidence that these 2–4 tokens are a person's name (0 when they are not)."""
    keys = [t.text for t in tokens]
    if not 2 <= len(keys) <= (_MAX_ARABIC_NAME_TOKENS if lang.language == "ar" else _MAX_NAME_TOKENS):
        return 0.0
    if any(lang.titles.lookup(k) or lang.meeting_cues.lookup(k) or lang.speech_cues.lookup(k)
           or lang.connector(k) or lang.pronouns.lookup(k) for k in keys):
        return 0.0
    given = keys[0] in lang.given_names
    particle = any(k in _PARTICLES for k in keys[:-1]) and keys[-1] not in _PARTICLES
    if lang.language == "ar":
        # Arabic has no dictionary here: a name starts with a known given name or carries a particle
        if given or (particle and keys[0] not in _PARTICLES | {"ال"}):
            return 0.9
        if particle or quoted:
            return 0.8
        return 0.0
    dictionary = [k for k in keys if _dictionary_word(k, lang) and k not in lang.given_names]
    if quoted:
        return 0.95 if len(dictionary) < len(keys) else 0.0
    if given and len(dictionary) <= len(keys) - 1:
        return 0.9
    if not dictionary:
        return 0.75
    if not _dictionary_word(keys[-1], lang) and keys[0] not in lang.stopwords and len(dictionary) == 1 \
            and len(keys) == 2:
        return 0.6  # بختیار سعیدوف: a first name that is also a word, an unknown surname
    return 0.0


_MIN_CONFIDENCE = 0.6
_MAX_ARABIC_NAME_TOKENS = 6


def discover_persons(doc: Document, lang: LanguageResources, known: list[NameSpan],
                     titles: list[TitleSpan]) -> list[NameSpan]:
    """People in no knowledge base, named next to a title (before or after it) or heading a delegation."""
    taken: dict[int, set[int]] = defaultdict(set)
    for span in known:
        taken[span.sentence].update(range(span.first, span.last + 1))
    for title in titles:
        taken[title.sentence].update(range(title.first, title.last + 1))
    found: list[NameSpan] = []

    def accept(sentence: Sentence, candidate: tuple[int, int, bool] | None) -> bool:
        if candidate is None:
            return False
        first, last, quoted = candidate
        confidence = _looks_like_name(sentence.tokens[first:last + 1], lang, quoted)
        if confidence < _MIN_CONFIDENCE:
            return False
        label = doc.text[sentence.tokens[first].start:sentence.tokens[last].end]
        found.append(NameSpan(sentence.index, first, last, new_actor_key(label), "Person", "discovered",
                              confidence, label, doc.language))
        taken[sentence.index].update(range(first, last + 1))
        return True

    for title in titles:
        if title.form != "person":
            continue
        sentence = doc.sentences[title.sentence]
        before = _name_before(sentence, title.first, lang, taken[title.sentence])
        after = _name_after(sentence, title.last, lang, taken[title.sentence])
        # Persian puts the name before its title, Arabic after; try the usual side first
        for candidate in ((before, after) if doc.language == "fa" else (after, before)):
            if accept(sentence, candidate):
                break
        else:
            accept(sentence, _name_after_skipping(sentence, title.last, lang, taken[title.sentence]))
    for sentence in doc.sentences:
        for m in lang.connectors.find_all(sentence.tokens):
            if "headed_by" in m.values:  # «هیئت حماس به ریاست محمد درویش» / «وفد برئاسة …»
                accept(sentence, _name_after(sentence, m.last, lang, taken[sentence.index]))
    return found + _surnames_of(doc, lang, found, known)


def _skip_honorifics(tokens: Sequence[Token], i: int, lang: LanguageResources) -> int:
    while i < len(tokens):
        m = lang.honorifics.match_at(tokens, i)
        if m is None:
            return i
        i = m.last + 1
    return i


def _run_from(sentence: Sentence, start: int, lang: LanguageResources, taken: set[int]) -> int:
    """End (exclusive) of the run of name-like tokens from `start`.

    An Arabic name ends with its first "ال" word (a surname: اليحيا) unless more "ال" words follow it
    directly, as in Gulf family names (سالم عبدالله الجابر الصباح); with particles (بن، أبو) a name may
    run to six words (محمد بن عبدالعزيز بن صالح الخليفي)."""
    tokens = sentence.tokens
    limit = _MAX_NAME_TOKENS
    i = start
    while i < len(tokens) and i - start < limit and i not in taken and name_token_ok(tokens[i], lang, sentence):
        if tokens[i].text in _PARTICLES and lang.language == "ar":
            limit = _MAX_ARABIC_NAME_TOKENS
        i += 1
        if _closes_name(tokens[i - 1], tokens[i - 2].text if i - 2 >= start else "", lang):
            while i < len(tokens) and i - start < _MAX_ARABIC_NAME_TOKENS and i not in taken and \
                    _family_word(tokens[i], lang, sentence):
                i += 1
            break
    return i


def _family_word(token: Token, lang: LanguageResources, sentence: Sentence) -> bool:
    """Another "ال" word that continues a family name (الجابر الصباح), not a title or a nisba."""
    scan = lang.lexicon.scan(sentence.tokens)
    return token.text.startswith("ال") and len(token.text) > 3 and name_token_ok(token, lang, sentence) and \
        not any(token.index in scan.starting(c) for c in ("titles", "names", "connectors", "speech_cues",
                                                           "meeting_cues"))


def _at_boundary(tokens: Sequence[Token], i: int, lang: LanguageResources, phrases_only: bool = False) -> bool:
    """Token i ends whatever precedes a name: nothing, punctuation, a function word, a lexicon phrase."""
    if i < 0 or not tokens[i].is_word or (tokens[i].text in lang.stopwords and not phrases_only):
        return True
    scan = lang.lexicon.scan(tokens)
    for category in ("connectors", "speech_cues", "meeting_cues", "titles", "attribution", "honorifics"):
        for match in scan.starting(category).values():
            if match.last == i:
                return True
    return False


def _name_after(sentence: Sentence, after: int, lang: LanguageResources,
                taken: set[int]) -> tuple[int, int, bool] | None:
    """A name right after token `after` (a title, «به ریاست»), past a comma, honorifics or a quote."""
    tokens = sentence.tokens
    i = after + 1
    if i < len(tokens) and tokens[i].text in ("،", ",", ":"):
        i += 1
    i = _skip_honorifics(tokens, i, lang)
    quoted = i < len(tokens) and tokens[i].text in _QUOTES_OPEN
    if quoted:
        i += 1
    end = _run_from(sentence, i, lang, taken)
    if end - i < 2:
        return None
    if quoted and not (end < len(tokens) and tokens[end].text in _QUOTES_CLOSE):
        quoted = False
    return i, end - 1, quoted


def _name_after_skipping(sentence: Sentence, after: int, lang: LanguageResources,
                         taken: set[int]) -> tuple[int, int, bool] | None:
    """«عضو الوفد الوطني عبدالملك العجري», «سفیر کشورمان در لبنان مجتبی امانی»: a name that starts with a
    known given name a few words after the title, past the body, country or city the title is of."""
    tokens = sentence.tokens
    for i in range(after + 1, min(after + 8, len(tokens))):
        token = tokens[i]
        if i in taken and not token.is_word:
            continue
        if token.text in lang.given_names and i not in taken:
            i = max(i, _skip_honorifics(tokens, i, lang))
            end = _run_from(sentence, i, lang, taken)
            return (i, end - 1, False) if end - i >= 2 else None
        if not token.is_word and token.text not in ("،", ",", "-"):
            return None
        if token.is_word and (lang.speech_cues.match_at(tokens, i) or lang.meeting_cues.match_at(tokens, i)):
            return None
    return None


def _name_before(sentence: Sentence, before: int, lang: LanguageResources,
                 taken: set[int]) -> tuple[int, int, bool] | None:
    """A name right before token `before` (a title), past a comma or a closing quote."""
    tokens = sentence.tokens
    i = before - 1
    if i >= 0 and tokens[i].text in ("،", ","):
        i -= 1
    quoted = i >= 0 and tokens[i].text in _QUOTES_CLOSE
    if quoted:
        i -= 1
    end = i
    while i >= 0 and end - i < _MAX_NAME_TOKENS and i not in taken and name_token_ok(tokens[i], lang, sentence):
        if i < end and _closes_name(tokens[i], tokens[i - 1].text if i > 0 else "", lang):
            break  # an Arabic "ال" word inside the run ends an earlier phrase, not this name
        if i < end and _at_boundary(tokens, i, lang, phrases_only=True):
            break  # «با حضور مجتبی امانی»: a lexicon phrase ends here, the name starts after it
        i -= 1
    first = i + 1
    if end - first + 1 < 2:
        return None
    if quoted:
        if not (i >= 0 and tokens[i].text in _QUOTES_OPEN):
            return None
    elif not _at_boundary(tokens, i, lang):
        return None  # the run of name-like words does not start at a boundary
    return first, end, quoted


def _surnames_of(doc: Document, lang: LanguageResources, found: list[NameSpan],
                 known: list[NameSpan]) -> list[NameSpan]:
    """Later mentions of a discovered person by surname alone (جلالی گفت). A surname that is also an
    ordinary word (مجاهد) counts only after an honorific (آقای مجاهد، السيد …)."""
    surnames: dict[str, tuple[NameSpan, bool]] = {}
    for span in found:
        tokens = doc.sentences[span.sentence].tokens
        last = tokens[span.last].text
        if last in lang.given_names or len(last) <= 2 or span.last == span.first:
            continue
        ordinary = last in lang.common_words or last in lang.stopwords
        surnames.setdefault(last, (span, ordinary))
        if lang.language == "ar" and last.startswith("ال") and len(last) > 4:
            surnames.setdefault(last[2:], (span, ordinary))  # «العالول» / «عالول»
    if not surnames:
        return []
    occupied: dict[int, set[int]] = defaultdict(set)
    for span in known + found:
        occupied[span.sentence].update(range(span.first, span.last + 1))
    more: list[NameSpan] = []
    for sentence in doc.sentences:
        for token in sentence.tokens:
            entry = surnames.get(token.text)
            if entry is None or token.index in occupied[sentence.index]:
                continue
            span, ordinary = entry
            if ordinary and not (token.index > 0 and _after_honorific(sentence, token.index, lang)):
                continue
            more.append(NameSpan(sentence.index, token.index, token.index, span.actor, "Person", "short",
                                 span.confidence * 0.95, doc.text[token.start:token.end], doc.language))
    return more


def _after_honorific(sentence: Sentence, index: int, lang: LanguageResources) -> bool:
    scan = lang.lexicon.scan(sentence.tokens)
    return any(m.last == index - 1 for m in scan.starting("honorifics").values())
