"""Interactions: meetings, phone calls, visits, letters and joint press conferences.

Constructions read (Persian and Arabic alike, through the cue and connector lexicons):
- «X با Y دیدار کرد» / «التقى X [بـ]Y» / «استقبل X Y» — X met Y; «با Y و Z» adds Z to the same meeting;
- «در تماس تلفنی X با Y» / «دیدار X با Y» (headlines) — the event named by a noun;
- «خلال اتصال هاتفي بين X و Y» / «X و Y خلال اجتماع في …» — participants listed together;
- «در تماس‌های تلفنی جداگانه X با Y و Z» / «كل على حدة» — one call per counterpart;
- «با حضور Z» / «بحضور Z» — Z was present, not a principal;
- «در این دیدار …» / «خلال اللقاء …» — more about the last interaction (present, place, date);
- «X در سفر به مسکو …» / «وصل X إلى موسكو بدعوة من Y» — a visit; later meetings of X take its place.
A date counts for an interaction only when it is said of it: an interaction named inside a reported
statement (after «گفت»، «وصف») gets no date from the sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kg.extract.chunks import Chunk
from kg.extract.resources import LanguageResources, Resources
from kg.extract.spans import NameSpan
from kg.records import DateValue, Evidence, Interaction
from kg.text.document import Document, Sentence

_PARTICIPANT_TYPES = {"Person", "Organization"}
_NEWS_KINDS = {"news_agency", "newspaper", "broadcaster", "website", "news"}
_DEMONSTRATIVES = {"این", "همین", "هذا", "هذه", "ذلک", "ذلك", "تلک"}
_COORDINATION = {"و", "،", ",", "-"}


@dataclass(slots=True)
class _Draft:
    kind: str
    participants: list[str]
    sentence: Sentence
    rule: str
    present: list[str] = field(default_factory=list)
    place: str | None = None
    date: DateValue | None = None
    host: str | None = None
    guest: str | None = None
    occasion: str | None = None
    more: list[Evidence] = field(default_factory=list)


DateResolver = Callable[[Sentence], list[DateValue]]


def extract_interactions(doc: Document, lang: LanguageResources, resources: Resources,
                         chunks: dict[int, list[Chunk]], names: list[NameSpan],
                         dates_in: DateResolver) -> list[Interaction]:
    """Interactions stated in the article, merged when the article reports one event twice."""
    kb = resources.gazetteer
    places_by_sentence: dict[int, list[NameSpan]] = {}
    for n in names:
        if n.type in ("Place", "Country") and n.via != "adjective":
            places_by_sentence.setdefault(n.sentence, []).append(n)
    drafts: list[_Draft] = []
    trips: dict[str, str] = {}  # person → place of the visit the article is about
    topic: str | None = None  # the last sentence subject, for meetings whose subject is left out
    previous_dates: list[DateValue] = []
    for sentence in doc.sentences:
        s_chunks = [c for c in chunks.get(sentence.index, []) if c.actor and c.type in _PARTICIPANT_TYPES
                    and not _is_news_outlet(kb, c.actor)]
        cues = lang.meeting_cues.find_all(sentence.tokens)
        speech = lang.speech_cues.find_all(sentence.tokens)
        first_speech = min((m.first for m in speech if m.values[0].form in ("finite", "plural", "noun")),
                           default=len(sentence.tokens))
        places = places_by_sentence.get(sentence.index, [])
        sentence_dates = dates_in(sentence)
        back_reference = any("back_reference" in m.values for m in lang.connectors.find_all(sentence.tokens))
        if back_reference and not sentence_dates:
            sentence_dates = previous_dates
        subject = _subject(sentence, s_chunks, lang)
        for cue in cues:
            ref = cue.values[0]
            embedded = cue.first > first_speech
            if _refers_back(sentence, cue.first, lang):
                if drafts:
                    _add_details(drafts[-1], sentence, s_chunks, places, sentence_dates, lang, embedded)
                continue
            if ref.kind == "Visit":
                if embedded:
                    continue  # «أهم محاور زيارته إلى روسيا» inside a statement: not a report of the visit
                place = _place(sentence, places, lang, True)
                visitor = subject or topic
                if visitor and place:
                    trips[visitor] = place
                    host = _host(sentence, s_chunks, lang)
                    other = host or (kb.country_of(place) if kb.country_of(place) else None)
                    if other and other != visitor:
                        drafts.append(_Draft("Visit", [visitor, other], sentence, "visit." + lang.language,
                                             place=place, host=other, guest=visitor,
                                             date=None if embedded else _pick_date(sentence_dates)))
                continue
            groups = _participants(sentence, cue, s_chunks, lang, subject, topic)
            if not groups:
                continue
            place = _place(sentence, places, lang, False)
            for participants in groups:
                if len(set(participants)) < 2:
                    continue
                if place is None:
                    place = next((trips[p] for p in participants if p in trips), None)
                draft = _Draft(ref.kind, sorted(set(participants)), sentence,
                               f"{ref.kind.lower()}.{lang.language}.{ref.position}",
                               place=None if ref.kind in ("PhoneCall", "Letter") else place,
                               date=None if embedded else _pick_date(sentence_dates))
                draft.present = [p for p in _present(sentence, s_chunks, lang) if p not in draft.participants]
                if ref.kind == "Meeting" and ref.position == "verb":
                    draft.host, draft.guest = _host_guest(cue.values[0], sentence, cue.first, participants, lang)
                drafts.append(draft)
        if sentence_dates:
            previous_dates = sentence_dates
        if subject:
            topic = subject
    return _merge(doc, drafts)


def _is_news_outlet(kb, actor: str) -> bool:
    entry = kb.actors.get(actor)
    return bool(entry and entry.kind in _NEWS_KINDS)


def _refers_back(sentence: Sentence, cue_first: int, lang: LanguageResources) -> bool:
    """«در این دیدار», «خلال اللقاء», «في اتصاله»: the cue names an interaction already told."""
    tokens = sentence.tokens
    if cue_first > 0 and tokens[cue_first - 1].text in _DEMONSTRATIVES:
        return True
    for m in lang.connectors.find_all(tokens):
        if "this_meeting" in m.values and m.first <= cue_first <= m.last:
            return True
    return False


def _subject(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> str | None:
    """The first person or organisation the sentence names before any preposition takes it."""
    for chunk in chunks:
        if chunk.first > 0 and sentence.tokens[chunk.first - 1].text in ("با", "مع", "از", "به", "من", "الی", "عن"):
            continue
        return chunk.actor
    return None


def _coordinated(sentence: Sentence, chunks: list[Chunk], start: int, lang: LanguageResources) -> list[Chunk]:
    """The chunk at index `start` and those joined to it by «و» or commas."""
    group = [chunks[start]]
    for nxt in chunks[start + 1:]:
        between = sentence.tokens[group[-1].last + 1:nxt.first]
        words = [t.text for t in between]
        if all(w in _COORDINATION or w in ("«", "»", '"') or _is_adjective(sentence, t, lang)
               for w, t in zip(words, between, strict=True)) and \
                (words and ("و" in words or "،" in words or "," in words) or
                 sentence.tokens[nxt.first].text.startswith("و")):
            group.append(nxt)
            continue
        break
    return group


def _is_adjective(sentence: Sentence, token, lang: LanguageResources) -> bool:
    m = lang.names.match_at(sentence.tokens, token.index)
    return m is not None and m.first == m.last and any(r.kind == "adjective" for r in m.values)


def _chunk_after(sentence: Sentence, chunks: list[Chunk], position: int, max_gap: int = 2) -> int | None:
    """Index of the chunk that starts within `max_gap` tokens after `position` (quotes and honorifics skipped)."""
    for i, chunk in enumerate(chunks):
        if position < chunk.first <= position + max_gap + 1:
            between = sentence.tokens[position + 1:chunk.first]
            if all(not t.is_word or t.text in ("سید", "دکتر", "السید", "الدکتور", "الشیخ") for t in between):
                return i
    return None


def _participants(sentence: Sentence, cue, chunks: list[Chunk], lang: LanguageResources,
                  subject: str | None, topic: str | None) -> list[list[str]]:
    """Groups of participants (one group, or one per counterpart when the text says «separately»)."""
    tokens = sentence.tokens
    connectors = lang.connectors.find_all(tokens)
    separately = any("separately" in m.values for m in connectors)
    # «بین X و Y» — all listed together
    for m in connectors:
        if "between" in m.values:
            i = _chunk_after(sentence, chunks, m.last)
            if i is not None:
                group = [c.actor for c in _coordinated(sentence, chunks, i, lang)]
                if len(group) >= 2:
                    return [group]
    # «با Y» / «مع Y» / «من Y» — the counterpart(s)
    counterparts: list[Chunk] = []
    marker = None
    for m in connectors:
        if ("with" in m.values or "from" in m.values) and "present" not in m.values:
            i = _chunk_after(sentence, chunks, m.last)
            if i is not None and abs(m.first - cue.first) <= 40:
                counterparts = _coordinated(sentence, chunks, i, lang)
                marker = m.first
                break
    if not counterparts and lang.language == "ar" and cue.values[0].position == "verb":
        # التقى X [بـ]Y / استقبل X Y: subject then object after the verb
        i = _chunk_after(sentence, chunks, cue.last, max_gap=3)
        if i is not None and i + 1 < len(chunks):
            first = chunks[i]
            j = _chunk_after(sentence, chunks, first.last, max_gap=3)
            if j is not None:
                return _groups([first.actor], [c.actor for c in _coordinated(sentence, chunks, j, lang)], separately)
    if counterparts:
        counterpart_ids = {id(c) for c in counterparts}
        before = [c for c in chunks if c.last < (marker or 0) and id(c) not in counterpart_ids]
        others = [c for c in chunks if id(c) not in counterpart_ids]
        if lang.language == "ar" and cue.values[0].position == "verb":
            i = _chunk_after(sentence, chunks, cue.last, max_gap=3)
            if i is not None and id(chunks[i]) not in counterpart_ids:
                return _groups([chunks[i].actor], [c.actor for c in counterparts], separately)
        if before:
            start = chunks.index(_first_subject(sentence, before))
            subjects = [c.actor for c in _coordinated(sentence, chunks, start, lang)
                        if id(c) not in counterpart_ids]
        elif others:
            subjects = [others[0].actor]
        elif topic:
            subjects = [topic]
        else:
            return []
        return _groups(subjects, [c.actor for c in counterparts], separately)
    # no marker: a list of participants right before or after a noun cue («X و Y خلال اجتماع»)
    if cue.values[0].position == "noun":
        people = [c for c in chunks if c.type == "Person"]
        for i, chunk in enumerate(people):
            group = _coordinated(sentence, people, i, lang)
            if len(group) >= 2 and (0 <= cue.first - group[-1].last <= 3 or 0 <= group[0].first - cue.last <= 3):
                return [[c.actor for c in group]]
    return []


def _first_subject(sentence: Sentence, before: list[Chunk]) -> Chunk:
    for chunk in before:
        if chunk.first == 0 or sentence.tokens[chunk.first - 1].text not in ("از", "به", "من", "عن", "الی"):
            return chunk
    return before[0]


def _groups(subjects: list[str], counterparts: list[str], separately: bool) -> list[list[str]]:
    subjects = [s for s in subjects if s]
    counterparts = [c for c in counterparts if c and c not in subjects]
    if not subjects or not counterparts:
        return []
    if separately and len(counterparts) > 1:
        return [subjects + [c] for c in counterparts]
    return [subjects + counterparts]


def _present(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> list[str]:
    found: list[str] = []
    for m in lang.connectors.find_all(sentence.tokens):
        if "present" in m.values:
            i = _chunk_after(sentence, chunks, m.last)
            if i is not None:
                found.extend(c.actor for c in _coordinated(sentence, chunks, i, lang) if c.actor)
    return found


def _host(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> str | None:
    for m in lang.connectors.find_all(sentence.tokens):
        if "host" in m.values:
            for chunk in chunks:
                if m.last < chunk.first <= m.last + 6:
                    return chunk.actor
    return None


def _host_guest(ref, sentence: Sentence, cue_first: int, participants: list[str],
                lang: LanguageResources) -> tuple[str | None, str | None]:
    text = sentence.tokens[cue_first].text
    if text.endswith(("استقبل", "استقبلت", "یستقبل")) and len(participants) == 2:
        return participants[0], participants[1]
    return None, None


def _place(sentence: Sentence, places: list[NameSpan], lang: LanguageResources, visit: bool) -> str | None:
    """The city (or, failing that, the country) introduced by «در»/«في» — or «به»/«إلى» in a visit —
    and not inside a topic phrase («درباره …», «بشأن …»)."""
    if not places:
        return None
    tokens = sentence.tokens
    connectors = lang.connectors.find_all(tokens, overlapping=True)
    topic_at = min((m.first for m in connectors if "topic" in m.values), default=None)
    ending_at = {m.last: set(m.values) for m in connectors}
    best: tuple[int, str] | None = None
    for span in places:
        if topic_at is not None and span.first > topic_at:
            continue
        functions = ending_at.get(span.first - 1, set())
        introduced = "place" in functions or ("visit" in functions and
                                             (visit or span.first >= 2 and tokens[span.first - 2].text == "سفر"))
        if lang.language == "ar" and tokens[span.first].text.startswith("ب") and not introduced:
            introduced = False
        if not introduced or (span.type == "Country" and not visit):
            continue  # a meeting's place is a city; a country only as a visit's destination
        rank = (0 if span.type == "Place" else 2) + (0 if introduced else 1)
        if best is None or rank < best[0]:
            best = (rank, span.actor)
    return best[1] if best else None


def _pick_date(dates: list[DateValue]) -> DateValue | None:
    exact = [d for d in dates if d.precision == "day"]
    return exact[0] if exact else None


def _add_details(draft: _Draft, sentence: Sentence, chunks: list[Chunk], places: list[NameSpan],
                 dates: list[DateValue], lang: LanguageResources, embedded: bool) -> None:
    for p in _present(sentence, chunks, lang):
        if p not in draft.participants and p not in draft.present:
            draft.present.append(p)
    if draft.place is None and draft.kind not in ("PhoneCall", "Letter"):
        draft.place = _place(sentence, places, lang, False)
    if draft.date is None and not embedded:
        draft.date = _pick_date(dates)


def _merge(doc: Document, drafts: list[_Draft]) -> list[Interaction]:
    """One interaction per event: same kind and participants, no conflicting date or place."""
    merged: list[_Draft] = []
    for d in drafts:
        for m in merged:
            if m.kind == d.kind and m.participants == d.participants and _compatible(m, d):
                m.present = sorted(set(m.present) | set(d.present))
                m.place = m.place or d.place
                m.date = m.date or d.date
                m.host, m.guest = m.host or d.host, m.guest or d.guest
                m.more.append(_evidence(doc, d))
                break
        else:
            merged.append(d)
    out: list[Interaction] = []
    for i, d in enumerate(merged, start=1):
        out.append(Interaction(
            local_id=f"i{i}", kind=d.kind, participants=tuple(d.participants), evidence=_evidence(doc, d),
            present=tuple(sorted(set(d.present) - set(d.participants))), host=d.host, guest=d.guest,
            place=d.place, date=d.date, occasion=d.occasion, more_evidence=tuple(d.more)))
    return out


def _compatible(a: _Draft, b: _Draft) -> bool:
    if a.date and b.date and a.date.value != b.date.value:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return True


def _evidence(doc: Document, d: _Draft) -> Evidence:
    s = d.sentence
    return Evidence(doc.id, s.start, s.end, s.text, d.rule, 0.9)


def with_local_ids(interactions: list[Interaction]) -> list[Interaction]:
    return [replace(x, local_id=f"i{i}") for i, x in enumerate(interactions, start=1)]
