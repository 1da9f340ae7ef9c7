"""From a source text to an `Extraction`: language, furniture, sentences, then each extractor in turn.

The order matters and is the only place it is written down: names of known actors → titles →
people discovered next to titles → who holds each title → referring expressions → interactions →
claims → roles and actor records.
"""

from __future__ import annotations

import gc
import threading
from datetime import date, timedelta

from kg.errors import InputError
from kg.extract.actors import NEW_PREFIX, TYPE_NAMES, discover_persons, find_known_actors
from kg.extract.article import dateline_city, home_country, published_on, read_article_info
from kg.extract.chunks import build_chunks, resolve_titles
from kg.extract.claims import extract_claims
from kg.extract.dates import date_finder, resolve
from kg.extract.meetings import extract_interactions
from kg.extract.resources import Resources
from kg.extract.roles import attach_titles, find_titles, role_records, share_holders_backwards
from kg.extract.spans import NameSpan
from kg.records import Actor, DateValue, Evidence, Extraction
from kg.text.document import Document, Sentence, build_document
from kg.text.furniture import segment
from kg.text.language import detect_language
from kg.text.normalize import fold
from kg.text.read import Source


def make_document(source: Source, resources: Resources, language: str | None = None) -> Document:
    """Detect the language, mark page furniture and split sentences; raise InputError for other languages."""
    if language is None:
        language, reason = detect_language(source.text)
        if language is None:
            raise InputError(source.path, f"not Persian or Arabic ({reason})")
    folded = fold(source.text)  # once per article: furniture, sentences and dates all read it
    paragraphs = segment(source.text, language, resources.lexicons, folded)  # ParagraphSpan records
    return build_document(source.id, source.path, language, source.sha256, source.text, paragraphs, folded)


def extract(source: Source, resources: Resources, language: str | None = None) -> Extraction:
    """Everything kg reads from one article."""
    _pause_collector()
    try:
        doc = make_document(source, resources, language)
        return extract_document(doc, resources)
    finally:
        _resume_collector()


# Python's cyclic garbage collector runs every few hundred allocations and walks every young object:
# one article's extraction makes thousands (tokens, matches, spans) that all die with it, freed by
# reference counting — an extraction leaves no cycles behind — so collections in the middle of one
# only cost time (about a tenth of it). The collector is paused while any extraction runs (threads
# count: Dask workers extract on several) and resumes, if it was on, when the last one ends.
_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_on = False


def _pause_collector() -> None:
    global _collector_pauses, _collector_was_on
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _collector_pauses += 1


def _resume_collector() -> None:
    global _collector_pauses
    with _collector_lock:
        _collector_pauses -= 1
        if _collector_pauses == 0 and _collector_was_on:
            gc.enable()


def extract_document(doc: Document, resources: Resources) -> Extraction:
    lang = resources.language(doc.language)
    outlets: dict[str, str] = {}
    mentions = date_finder(resources.lexicons).find(doc.text, doc.language, doc.folded)
    info = read_article_info(doc, lang, resources, outlets, mentions)
    on = published_on(info)
    anchor = date.fromisoformat(on) if on else None
    home = home_country(info, resources)
    warnings: list[str] = []

    known = find_known_actors(doc, lang, resources)
    titles = find_titles(doc, lang, resources, home, known)
    discovered = discover_persons(doc, lang, known, titles)
    names = known + discovered
    attach_titles(doc, titles, names, lang)
    resolve_titles(titles, resources, on, home, doc.language)
    share_holders_backwards(doc, titles, lang)
    chunks = build_chunks(doc, lang, names, titles)

    by_sentence = _dates_by_sentence(doc, mentions, anchor)

    def dates_in(sentence: Sentence) -> list[DateValue]:
        return by_sentence.get(sentence.index, [])

    city = dateline_city(doc, lang, resources)
    earlier = _earlier_sentences(doc, mentions)
    interactions = extract_interactions(doc, lang, resources, chunks, names, dates_in,
                                        (city, on) if city else None, lambda s: s.index in earlier, on)
    person_types = {n.actor: n.type for n in names}
    for t in titles:
        if t.holder:
            person_types.setdefault(t.holder, "Person")
    claims = extract_claims(doc, lang, chunks, names, interactions, person_types)
    roles = role_records(doc, titles, resources, on, home, warnings)
    actors = _actor_records(doc, resources, names, roles, interactions, claims, info, outlets)
    return Extraction(info, tuple(actors), (), tuple(roles), tuple(interactions), tuple(claims), tuple(warnings))


def _dates_by_sentence(doc: Document, mentions, anchor: date | None) -> dict[int, list[DateValue]]:
    """Resolved dates of each kept sentence (mentions found once over the whole text)."""
    found: dict[int, list[DateValue]] = {}
    sentences = doc.sentences
    k = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        while k < len(sentences) and sentences[k].end <= mention.start:
            k += 1
        if k == len(sentences):
            break
        if sentences[k].start <= mention.start and mention.end <= sentences[k].end:
            value = resolve(mention, anchor) or _previous_period(mention, anchor)
            if value is not None:
                found.setdefault(sentences[k].index, []).append(value)
    return found


def _previous_period(mention, anchor: date | None) -> DateValue | None:
    """«ماه گذشته» / «الشهر الماضي»: the month before the article's (a Gregorian approximation, kept at month
    precision); «سال گذشته» / «العام الماضي»: the year before; «هفته گذشته»: a week back, at week precision."""
    if anchor is None or mention.kind != "relative" or (mention.days or 0) >= 0:
        return None
    if mention.precision == "month":
        first = anchor.replace(day=1) - timedelta(days=1)
        return DateValue(f"{first.year:04d}-{first.month:02d}", "month", "relative", mention.text, mention.start,
                         mention.end, anchor.isoformat())
    if mention.precision == "year":
        return DateValue(f"{anchor.year - 1:04d}", "year", "relative", mention.text, mention.start, mention.end,
                         anchor.isoformat())
    if mention.precision == "week":  # «هفته گذشته»: no day; kept so a nearer «امروز» is not taken for it
        return DateValue((anchor + timedelta(days=mention.days or -7)).isoformat(), "week", "relative",
                         mention.text, mention.start, mention.end, anchor.isoformat())
    return None


def _earlier_sentences(doc: Document, mentions) -> set[int]:
    """Sentences that place their event weeks, months or years back («ماه گذشته», «العام الماضي»)."""
    found: set[int] = set()
    for mention in mentions:
        if mention.kind in ("relative", "weekday") and mention.precision != "day" and (mention.days or 0) < 0:
            sentence = doc.sentence_at(mention.start)
            if sentence is not None:
                found.add(sentence.index)
    return found


def _actor_records(doc: Document, resources: Resources, names: list[NameSpan], roles, interactions, claims,
                   info, outlets: dict[str, str]) -> list[Actor]:
    """One record per actor the extraction refers to, with KB labels and the spellings seen here."""
    kb = resources.gazetteer
    seen: dict[str, set[tuple[str, str]]] = {}
    types: dict[str, str] = {}
    confidence: dict[str, float] = {}
    evidence: dict[str, Evidence] = {}
    for n in names:
        if n.via == "adjective":
            continue
        labels = seen.setdefault(n.actor, set())
        if n.via in ("name", "discovered") and n.label:
            labels.add((doc.language, " ".join(n.label.split())))
        types[n.actor] = n.type
        confidence[n.actor] = max(confidence.get(n.actor, 0.0), n.confidence)
        if n.actor.startswith(NEW_PREFIX) and n.actor not in evidence:
            s = doc.sentences[n.sentence]
            evidence[n.actor] = Evidence(doc.id, s.start, s.end, s.text, "actor.discovered", n.confidence)
    referenced: set[str] = set()
    for r in roles:
        referenced.update(x for x in (r.holder, r.of) if x)
    for i in interactions:
        referenced.update(i.participants)
        referenced.update(i.present)
        referenced.update(x for x in (i.place, i.host, i.guest) if x)
    for c in claims:
        referenced.update(c.speakers)
        referenced.update(c.mentions)
    referenced.update(x for x in (info.publisher, *info.cites) if x)
    for key, name in outlets.items():
        seen.setdefault(key, set()).add((doc.language, name))
        types[key] = "Organization"
    actors: list[Actor] = []
    for key in sorted(set(seen) | referenced):
        entry = kb.actors.get(key)
        if entry is not None:
            labels = set(entry.labels.items()) | seen.get(key, set())
            actors.append(Actor(key, TYPE_NAMES[entry.type], tuple(sorted(labels)), True, 1.0, entry.wikidata,
                                entry.parent))
        elif key in types:
            actors.append(Actor(key, types[key], tuple(sorted(seen.get(key, set()))), False,
                                confidence.get(key, 0.8), None, None, evidence.get(key)))
    return actors
