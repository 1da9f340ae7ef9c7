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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from kg.extract.chunks import Chunk
from kg.extract.resources import LanguageResources, Resources
from kg.extract.spans import NameSpan
from kg.records import DateValue, Evidence, Interaction
from kg.text.document import Document, Sentence
from kg.text.normalize import fold_key

_PARTICIPANT_TYPES = {"Person", "Organization"}
_NEWS_KINDS = {"news_agency", "newspaper", "broadcaster", "website", "news"}
_DEMONSTRATIVES = {"این", "همین", "هذا", "هذه", "ذلک", "ذلك", "تلک"}
_COORDINATION = {"و", "،", ",", "-"}
_PLACE_NOUNS = {"العاصمه", "مدینه", "شهر", "پایتخت", "بندر", "منطقه"}
_PREPOSITIONS = {"با", "مع", "از", "به", "من", "الی", "عن", "الى", "لدی", "علی", "في", "فی", "در"}
_SKIPPABLE = {"سید", "دکتر", "السید", "الدکتور", "الشیخ", "«", "»", '"'} | {
    # «التي التقى فيها أمس جلالة السلطان …»: the relative clause's «in it» and a day word before the object
    fold_key(w) for w in ("فيها", "فيه", "خلالها", "خلاله", "أمس", "اليوم", "الجانب")}  # «حضرها من الجانب الكويتي X»


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
    sidelines: bool = False  # «على هامش …»: a meeting beside a bigger one, never folded into it
    earlier: bool = False  # said to be weeks, months or years ago, without a day


DateResolver = Callable[[Sentence], list[DateValue]]


def extract_interactions(doc: Document, lang: LanguageResources, resources: Resources,
                         chunks: dict[int, list[Chunk]], names: list[NameSpan],
                         dates_in: DateResolver, dateline: tuple[str, str | None] | None = None,
                         earlier_in: Callable[[Sentence], bool] = lambda s: False,
                         published: str | None = None) -> list[Interaction]:
    """Interactions stated in the article, merged when the article reports one event twice.

    `dateline` is (city, publication day) from «بانجول - …» at the head of the body: a meeting the
    article tells with no place of its own, on that day or undated, is placed there. `earlier_in` says
    whether a sentence puts its event in an earlier week, month or year («ماه گذشته»، «العام الماضي»)
    that has no single day: such an event is never the same as one dated to a day.
    """
    kb = resources.gazetteer
    places_by_sentence: dict[int, list[NameSpan]] = {}
    names_by_sentence: dict[int, list[NameSpan]] = {}
    for n in names:
        names_by_sentence.setdefault(n.sentence, []).append(n)
        if n.type in ("Place", "Country") and n.via != "adjective":
            places_by_sentence.setdefault(n.sentence, []).append(n)
    drafts: list[_Draft] = []
    trips: dict[str, tuple[str, DateValue | None]] = {}  # visitor → (place, day) of the visit told
    topic: str | None = None  # the last sentence subject, for meetings whose subject is left out
    protagonist: str | None = None  # the subject of the article's first interaction
    previous_dates: list[DateValue] = []
    heads = _delegation_heads(doc, lang, chunks)
    for sentence in doc.sentences:
        s_chunks = [c for c in _with_delegations(sentence, chunks.get(sentence.index, []), heads, lang)
                    if c.actor and c.type in _PARTICIPANT_TYPES and not _is_news_outlet(kb, c.actor)]
        # visits first: «التقى X، خلال زيارته إلى بيروت، Y» — the meeting is in the city of the visit
        cues = lang.meeting_cues.find_all(sentence.tokens)
        if cues:
            in_names = {i for n in names_by_sentence.get(sentence.index, []) for i in range(n.first, n.last + 1)}
            cues = sorted((m for m in cues if m.first not in in_names),
                          key=lambda m: m.values[0].kind != "Visit")  # «فيصل» is a name, not ف + «يصل»
        speech = lang.speech_cues.find_all(sentence.tokens)
        first_speech = min((m.first for m in speech if m.values[0].form in ("finite", "plural", "noun")),
                           default=len(sentence.tokens))
        places = places_by_sentence.get(sentence.index, [])
        sentence_dates = dates_in(sentence)
        # what «جاء ذلك خلال …» refers back to: the day of this sentence's report («وصف X اليوم الجمعة …»)
        report_dates = [d for d in sentence_dates if d.calendar == "relative"] or sentence_dates
        if first_speech < len(sentence.tokens):
            # «دیدار کرد و گفت حمله دیروز …»: a date inside the statement is not the meeting's
            said_from = sentence.tokens[first_speech].start
            sentence_dates = [d for d in sentence_dates if d.start < said_from]
        earlier = earlier_in(sentence)
        back_reference = any("back_reference" in m.values for m in lang.connectors.find_all(sentence.tokens))
        if back_reference and not sentence_dates:
            sentence_dates = previous_dates
        subject = _subject(sentence, s_chunks, lang)
        kinds = {m.values[0].kind for m in cues}
        for cue in cues:
            ref = cue.values[0]
            embedded = cue.first > first_speech
            if ref.kind == "Talk" and kinds & {"PhoneCall", "Meeting"}:
                continue  # «در تماس تلفنی با X … گفتگو کرد»: the talk is the call (or the meeting) itself
            if _refers_back(sentence, cue.first, lang):
                if drafts:
                    _add_details(drafts[-1], sentence, s_chunks, places, sentence_dates, lang, embedded)
                continue
            if _planned(sentence, cue, lang, sentence_dates, published):
                continue  # «قرار است فردا … دیدار کند», «ومن المقرر أن … يلتقي»: not (yet) a meeting or a trip
            if ref.kind == "Visit":
                if embedded or _definite_noun(sentence, cue, lang):
                    continue  # «أهم محاور زيارته إلى روسيا» inside a statement, «الزيارة»: not a new report
                _visit(drafts, trips, sentence, cue, s_chunks, places, sentence_dates, lang, kb, subject, topic)
                continue
            if ref.kind == "Letter":
                groups = _letter(sentence, cue, s_chunks, lang, subject, topic)
            else:
                groups = _participants(sentence, cue, s_chunks, lang, subject, topic, protagonist)
            if not groups:
                if ref.position == "noun" and drafts and _definite_noun(sentence, cue, lang):
                    # «وجرى خلال الاستقبال …», «حضر المقابلة …»: more about the last meeting
                    _add_details(drafts[-1], sentence, s_chunks, places, sentence_dates, lang, embedded)
                continue
            if protagonist is None and groups[0]:
                protagonist = groups[0][0]
            place = _place(sentence, places, lang, False, cue.last, cue.first)
            for participants in groups:
                if len(set(participants)) < 2:
                    continue
                draft = _Draft(ref.kind, sorted(set(participants)), sentence,
                               f"{ref.kind.lower()}.{lang.language}.{ref.position}",
                               place=None if ref.kind in ("PhoneCall", "Letter") else place,
                               date=None if embedded else _pick_date(sentence_dates, sentence.tokens[cue.first].start))
                draft.occasion = _occasion(sentence, lang)
                draft.sidelines = any("sidelines" in m.values for m in lang.connectors.find_all(sentence.tokens))
                draft.earlier = earlier and draft.date is None
                if ref.kind == "Meeting":
                    _during_trip(draft, trips)
                draft.present = [p for p in _present(sentence, s_chunks, lang) if p not in draft.participants]
                if ref.kind == "Meeting" and ref.position == "verb":
                    draft.host, draft.guest = _host_guest(cue.values[0], sentence, cue.first, participants, lang)
                drafts.append(draft)
        if sentence_dates:
            previous_dates = sentence_dates
        elif report_dates:
            previous_dates = report_dates
        if subject:
            topic = subject
    _resolve_talks(drafts)
    _same_day_same_place(drafts)
    if dateline is not None:
        city, day = dateline
        for d in drafts:
            if d.kind == "Meeting" and d.place is None and (d.date is None or d.date.value == day):
                d.place = city
    return _merge(doc, drafts)


def _delegation_heads(doc: Document, lang: LanguageResources, chunks: dict[int, list[Chunk]]) -> dict[str, str]:
    """«هیئت حماس به ریاست محمد درویش», «وفدا من حماس برئاسة محمد درويش»: who heads each delegation.

    A delegation is represented by its named head (key "" is the article's one unnamed delegation)."""
    heads: dict[str, str] = {}
    for sentence in doc.sentences:
        s_chunks = chunks.get(sentence.index, [])
        for m in lang.connectors.find_all(sentence.tokens):
            if "headed_by" not in m.values:
                continue
            head = next((c for c in s_chunks if m.last < c.first <= m.last + 8 and c.type == "Person" and c.actor),
                        None)
            if head is None or head.actor is None:
                continue
            org = next((c for c in reversed(s_chunks) if c.last < m.first and c.type == "Organization"), None)
            heads.setdefault(org.actor if org and org.actor else "", head.actor)
            heads.setdefault("", head.actor)
    return heads


def _with_delegations(sentence: Sentence, chunks: list[Chunk], heads: dict[str, str],
                      lang: LanguageResources) -> list[Chunk]:
    """A delegation in a meeting stands for its head: «با هیئت حماس» → the head of Hamas's delegation."""
    if not heads:
        return chunks
    tokens = sentence.tokens
    out: list[Chunk] = []
    covered: set[int] = set()
    for m in lang.connectors.find_all(tokens):
        if "delegation" not in m.values:
            continue
        after = next((c for c in chunks if m.last < c.first <= m.last + 4 and c.type == "Organization"), None)
        head = heads.get(after.actor or "", heads.get("")) if after is not None else heads.get("")
        if head is None:
            continue
        first, last = m.first, after.last if after is not None else m.last
        out.append(Chunk(sentence.index, first, last, head, "Person", "name", via="delegation"))
        covered.update(range(first, last + 1))
    out += [c for c in chunks if c.first not in covered]
    return sorted(out, key=lambda c: c.first)


def _same_day_same_place(drafts: list[_Draft]) -> None:
    """«آقای مجاهد همچنین امروز در دیدار جداگانه‌ای با …»: someone's next meeting on the same day, told
    without a place, is where their previous one was."""
    for i, d in enumerate(drafts):
        if d.kind != "Meeting" or d.place or d.date is None or d.date.precision != "day":
            continue
        for earlier in reversed(drafts[:i]):
            if earlier.kind == "Meeting" and earlier.place and earlier.date and earlier.date.value == d.date.value \
                    and set(earlier.participants) & set(d.participants):
                d.place = earlier.place
                break


def _resolve_talks(drafts: list[_Draft]) -> None:
    """Talks are phone calls in an article about phone calls with the same people, meetings otherwise."""
    calls = [d for d in drafts if d.kind == "PhoneCall"]
    for d in drafts:
        if d.kind == "Talk":
            same = any(set(d.participants) == set(c.participants) for c in calls)
            d.kind = "PhoneCall" if same else "Meeting"
            d.rule = d.rule.replace("talk.", ("phonecall." if same else "meeting."), 1)
            if same:
                d.place = None


_PLAN_REACH = 30  # tokens from «قرار است» / «من المقرر أن» to the verb it governs, within one clause
# clause openers that stay in a plan's future: «من المقرر أن يتوجه إلى الدوحة، حيث يلتقي …»
_FUTURE_GOES_ON = frozenset(fold_key(w) for w in ("حيث",))


def _planned(sentence: Sentence, cue, lang: LanguageResources, dates: list[DateValue], published: str | None) -> bool:
    """A meeting still to come: a future marker before the cue in its clause, or a day after the article's."""
    tokens = sentence.tokens
    connectors = lang.connectors.find_all(tokens)
    for m in connectors:
        if "future" in m.values and m.last < cue.first and cue.first - m.last <= _PLAN_REACH and \
                not any("clause" in x.values and tokens[x.first].text not in _FUTURE_GOES_ON
                        for x in connectors if m.last < x.first < cue.first):
            return True
        if "future" in m.values and cue.first < m.first <= cue.last + 1 and tokens[m.first].text.startswith("خواه"):
            return True  # «دیدار خواهند کرد»: the future auxiliary between a light verb's noun and its verb
    if published:
        near = _pick_date(dates, tokens[cue.first].start)
        if near is not None and near.precision == "day" and near.value > published:
            return True
    return False


def _letter(sentence: Sentence, cue, chunks: list[Chunk], lang: LanguageResources, subject: str | None,
            topic: str | None) -> list[list[str]]:
    """«پیام X به Y», «رسالة من X إلى Y», «نقل رسالة من X إلى Y»: a sender and a recipient introduced by «به»/«إلى».

    A post «در پیامی در شبکه ایکس» has no recipient and is no letter."""
    tokens = sentence.tokens
    recipient = sender = None
    for m in lang.connectors.find_all(tokens):
        if m.first <= cue.last:
            continue
        if "to" in m.values and recipient is None:
            i = _chunk_after(sentence, chunks, m.last, max_gap=3, lang=lang)
            if i is not None:
                recipient = chunks[i].actor
        if "from" in m.values and sender is None:
            i = _chunk_after(sentence, chunks, m.last, max_gap=3, lang=lang)
            if i is not None:
                sender = chunks[i].actor
    if recipient is None:
        return []
    if sender is None:
        i = _chunk_after(sentence, chunks, cue.last, max_gap=1, lang=lang)  # «پیام پزشکیان به …»
        sender = chunks[i].actor if i is not None and chunks[i].actor != recipient else (subject or topic)
    return [[sender, recipient]] if sender and sender != recipient else []


def _occasion(sentence: Sentence, lang: LanguageResources) -> str | None:
    """«در حاشیه اجلاس سران بریکس», «على هامش القمة العربية»: the event a meeting was held beside, as written."""
    tokens = sentence.tokens
    for m in lang.connectors.find_all(tokens):
        if "sidelines" not in m.values:
            continue
        end = m.last + 1
        while end < len(tokens) and end - m.last <= 12 and tokens[end].is_word and \
                not lang.connectors.match_at(tokens, end) and not lang.speech_cues.match_at(tokens, end):
            end += 1
        if end > m.last + 1:
            return sentence.text[tokens[m.last + 1].start - sentence.start:tokens[end - 1].end - sentence.start]
    return None


def _visit(drafts: list[_Draft], trips: dict[str, tuple[str, DateValue | None]], sentence: Sentence, cue,
           chunks: list[Chunk], places: list[NameSpan], dates: list[DateValue], lang: LanguageResources, kb,
           subject: str | None, topic: str | None) -> None:
    """«X در سفر به مسکو …», «وصل X إلى بيروت»: a visit; «زار X Y» with a person Y: a meeting with Y."""
    day = _pick_date(dates)
    place = _place(sentence, places, lang, True, cue.last)
    visitor = subject or topic
    if cue.values[0].position == "noun":
        i = _chunk_after(sentence, chunks, cue.last, max_gap=1, lang=lang)
        if i is not None and chunks[i].type in ("Person", "Organization"):
            visitor = chunks[i].actor  # «سفر وزیر خارجه ایران», «زيارة الخليفي»
        elif not (cue.first > 0 and sentence.tokens[cue.first - 1].text in ("در", "خلال", "طی", "ضمن", "في")) \
                and not sentence.tokens[cue.first].text.endswith(("ه", "ها", "هم")):
            return  # «سفر شما», «از سفر …»: not the report of a visit by the subject
    if cue.values[0].position == "verb" and _visits_someone(sentence, cue):
        groups = _participants(sentence, cue, chunks, lang, subject, topic)
        people = [g for g in groups if len(set(g)) >= 2 and all(_is_person(chunks, p) for p in g[1:])]
        if people:  # «زار لاريجاني الأمين العام لحزب الله نعيم قاسم»: visiting a person is meeting them
            city = _place(sentence, places, lang, False, cue.last, cue.first)
            for group in people:
                draft = _Draft("Meeting", sorted(set(group)), sentence, f"meeting.{lang.language}.visit",
                               date=day, place=city)
                _during_trip(draft, trips)
                drafts.append(draft)
            return
    if visitor and place:
        trips[visitor] = (place, day)
        host = _host(sentence, chunks, lang)
        other = host or kb.country_of(place)
        if other and other != visitor:
            drafts.append(_Draft("Visit", [visitor, other], sentence, "visit." + lang.language,
                                 place=place, host=other, guest=visitor, date=day))


def _visits_someone(sentence: Sentence, cue) -> bool:
    """Arabic «زار X Y» takes the visited person as a direct object; other visit verbs take a place."""
    text = sentence.tokens[cue.first].text
    return any(text.endswith(v) for v in ("زار", "زارت", "یزور", "تزور"))


def _is_person(chunks: list[Chunk], actor: str) -> bool:
    return any(c.actor == actor and c.type == "Person" for c in chunks)


def _during_trip(draft: _Draft, trips: dict[str, tuple[str, DateValue | None]]) -> None:
    """A meeting of someone on a visit told in this article happens where (and, if unsaid, when) the visit is."""
    for person in draft.participants:
        if person in trips:
            place, day = trips[person]
            if draft.place is None and (draft.date is None or day is None or draft.date.value == day.value):
                draft.place = place
            if draft.date is None and draft.place == place:
                draft.date = day
            return


def _definite_noun(sentence: Sentence, cue, lang: LanguageResources) -> bool:
    """«الزيارة», «این سفر»: the noun refers back to a visit already told."""
    text = sentence.tokens[cue.first].text
    return cue.values[0].position == "noun" and (text.startswith("ال") or text.startswith("وال"))


def _is_news_outlet(kb, actor: str) -> bool:
    entry = kb.actors.get(actor)
    return bool(entry and entry.kind in _NEWS_KINDS)


def _refers_back(sentence: Sentence, cue_first: int, lang: LanguageResources) -> bool:
    """«در این دیدار», «خلال اللقاء», «في اتصاله»: the cue names an interaction already told."""
    tokens = sentence.tokens
    if cue_first > 0 and tokens[cue_first - 1].text in _DEMONSTRATIVES and \
            (lang.language != "ar" or tokens[cue_first].text.startswith(("ال", "وال"))):
        return True  # «هذا اللقاء»; but «قبل ذلك جلسة مباحثات»: the demonstrative ends «before that»
    for m in lang.connectors.find_all(tokens):
        if "this_meeting" in m.values and m.first <= cue_first <= m.last:
            return True
        if "present" in m.values and m.last == cue_first - 1:
            return True  # «حضر الاستقبال X»: X attended the reception already told
    return False


def _subject(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> str | None:
    """The first person or organisation the sentence names before any preposition takes it."""
    for chunk in chunks:
        if chunk.first > 0 and sentence.tokens[chunk.first - 1].text in ("با", "مع", "از", "به", "من", "الی", "عن"):
            continue
        return chunk.actor
    return None


def _coordinated(sentence: Sentence, chunks: list[Chunk], start: int, lang: LanguageResources,
                 joiners: tuple[str, ...] = ("و",)) -> list[Chunk]:
    """The chunk at index `start` and those joined to it by «و» or commas (or another proclitic: «جمع X بـY»)."""
    group = [chunks[start]]
    for nxt in chunks[start + 1:]:
        between = sentence.tokens[group[-1].last + 1:nxt.first]
        words = [t.text for t in between]
        if all(w in _COORDINATION or w in ("«", "»", '"') or _is_adjective(sentence, t, lang)
               for w, t in zip(words, between, strict=True)) and \
                (words and ("و" in words or "،" in words or "," in words) or
                 sentence.tokens[nxt.first].text.startswith(joiners)):
            group.append(nxt)
            continue
        break
    return group


def _is_adjective(sentence: Sentence, token, lang: LanguageResources) -> bool:
    return token.index in _adjectives(sentence, lang)


def _adjectives(sentence: Sentence, lang: LanguageResources) -> set[int] | frozenset[int]:
    """Tokens that are a nisba on their own («الإيراني», «روسیه‌ای»): a one-token name match with an
    adjective among its values (cached per sentence)."""
    cache = getattr(sentence.tokens, "scans", None)
    key = f"adjectives:{lang.language}"
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[return-value]
    found = {i for i, m in lang.names.starting(sentence.tokens).items()
             if m.first == m.last and any(r.kind == "adjective" for r in m.values)}
    if cache is not None:
        cache[key] = found
    return found


def _chunk_after(sentence: Sentence, chunks: list[Chunk], position: int, max_gap: int = 2, *,
                 lang: LanguageResources) -> int | None:
    """Index of the chunk that starts within `max_gap` tokens after `position`; quotes, honorifics,
    pronouns of address («سعادته») and function words («أيضاً») may stand between."""
    skippable = _skippable(sentence, lang)
    for i, chunk in enumerate(chunks):
        if position < chunk.first <= position + max(max_gap + 1, 8):
            between = sentence.tokens[position + 1:chunk.first]
            if all(not t.is_word or t.index in skippable for t in between):
                titles = _title_tokens(sentence, lang)
                if sum(1 for t in between if t.is_word and t.index not in titles) <= max_gap:
                    return i
    return None


def _title_tokens(sentence: Sentence, lang: LanguageResources) -> set[int]:
    """Tokens of plural titles and nisbas, which may stand between a preposition and the names it governs."""
    cache = getattr(sentence.tokens, "scans", None)
    key = f"title_tokens:{lang.language}"
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[return-value]
    skip: set[int] = set()
    for m in lang.titles.find_all(sentence.tokens):
        if m.values[0].form == "plural":
            skip.update(range(m.first, m.last + 1))
    skip.update(_adjectives(sentence, lang))  # (a name starts at a word)
    if cache is not None:
        cache[key] = skip
    return skip


def _skippable(sentence: Sentence, lang: LanguageResources | None) -> set[int]:
    """Tokens that may stand between a preposition or cue and the name it governs (cached per sentence)."""
    cache = getattr(sentence.tokens, "scans", None)
    key = f"skippable:{lang.language if lang else ''}"
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[return-value]
    skip = _find_skippable(sentence, lang)
    if cache is not None:
        cache[key] = skip
    return skip


def _find_skippable(sentence: Sentence, lang: LanguageResources | None) -> set[int]:
    tokens = sentence.tokens
    if lang is None:
        skip = {t.index for t in tokens if t.text in _SKIPPABLE}
    else:
        words = lang.memo.get("skippable_words")
        if words is None:  # «سید», quotes … and the language's stopwords, as one set
            words = lang.memo["skippable_words"] = _SKIPPABLE | frozenset(lang.stopwords)
        skip = {t.index for t in tokens if t.text in words}
    if lang is not None:
        for category in (lang.honorifics, lang.pronouns):
            for m in category.find_all(tokens, overlapping=True):
                skip.update(range(m.first, m.last + 1))
        for title in lang.titles.find_all(tokens):
            if title.values[0].form == "plural":  # «بين الرئيسين الإيراني X والروسي Y»
                skip.update(range(title.first, title.last + 1))
        skip.update(_adjectives(sentence, lang))  # (a name starts at a word)
    return skip


def _participants(sentence: Sentence, cue, chunks: list[Chunk], lang: LanguageResources,
                  subject: str | None, topic: str | None, protagonist: str | None = None) -> list[list[str]]:
    """Groups of participants (one group, or one per counterpart when the text says «separately»)."""
    tokens = sentence.tokens
    ref = cue.values[0]
    connectors = lang.connectors.find_all(tokens)
    separately = any("separately" in m.values for m in connectors)
    # «بین X و Y» / «بين X و Y» — all listed together
    for m in connectors:
        if "between" in m.values and m.first >= cue.first - 1:
            i = _chunk_after(sentence, chunks, m.last, lang=lang)
            if i is not None:
                together = [c.actor for c in _coordinated(sentence, chunks, i, lang, ("و", "ب"))]
                if len(together) >= 2:
                    return [_named(together)]
    arabic_verb = lang.language == "ar" and ref.position == "verb"
    # Arabic verb first: «التقى X Y», «استقبل X Y», «التقى X مع Y», or with the subject left out «التقى Y»
    after_verb = _chunk_after(sentence, chunks, cue.last, max_gap=3, lang=lang) if arabic_verb else None
    # «با Y» / «مع Y» / «من Y» — the counterpart(s)
    counterparts: list[Chunk] = []
    marker = None
    for m in connectors:
        if ("with" in m.values or "from" in m.values) and "present" not in m.values:
            if arabic_verb and m.first < cue.first:
                continue  # «زيارة لوفد من حماس …، إذ سبق لأردوغان أن استقبل …»: an Arabic verb's «مع» follows it
            i = _chunk_after(sentence, chunks, m.last, lang=lang)
            if i is not None and abs(m.first - cue.first) <= 40 and i != after_verb:
                counterparts = _coordinated(sentence, chunks, i, lang)
                marker = m.first
                counterparts += _and_with(sentence, chunks, connectors, counterparts, lang)
                break
    if not counterparts and after_verb is not None:
        listed = _coordinated(sentence, chunks, after_verb, lang)
        before_verb = [c for c in chunks if c.last < cue.first and c.type == "Person"
                       and not (c.first > 0 and tokens[c.first - 1].text in _PREPOSITIONS)]
        if len(listed) >= 2 or before_verb:
            # «الخليفي يلتقي ميقاتي وبري …», «وكان الخليفي قد استقبل … هوكشتاين»: subject before the verb
            heads = [before_verb[0].actor] if before_verb else [topic or subject or ""]
            return _groups(heads, [c.actor for c in listed], separately)
        first = chunks[after_verb]
        j = _next_person(sentence, chunks, after_verb, lang)
        if j is not None:
            # «التقى X، خلال زيارته إلى بيروت اليوم، دولة السيد نجيب ميقاتي»: the object may come later
            return _groups([first.actor], [c.actor for c in _coordinated(sentence, chunks, j, lang)], separately)
        if topic or subject:
            # no subject named: the one who has been speaking or travelling (وصل لاريجاني … ثم التقى بري);
            # «كما التقى سعادته …»: a pronoun of address is the article's protagonist
            who = protagonist if protagonist and _pronoun_after(sentence, cue.last, lang) else topic or subject
            return _groups([who or ""], [c.actor for c in listed], separately)
    if not counterparts and ref.position == "noun":
        # «بلقاء رئيس الجمهورية جوزاف عون», «لقاء X»: the noun's object is the counterpart
        i = _chunk_after(sentence, chunks, cue.last, max_gap=1, lang=lang)
        if i is not None and chunks[i].type == "Person" and not _coordinated_with_previous(sentence, chunks, i):
            counterparts = _coordinated(sentence, chunks, i, lang)
            marker = cue.first
    # «برئاسة X، وبمشاركة Y، وZ»: a meeting headed by X with Y and Z taking part — all principals
    joined = [c for m in connectors if "participants" in m.values or "headed_by" in m.values
              for i in [_chunk_after(sentence, chunks, m.last, max_gap=3, lang=lang)] if i is not None
              for c in _coordinated(sentence, chunks, i, lang)]
    if joined and not counterparts:
        principals = [c.actor for c in joined if c.type == "Person"]
        if len(set(principals)) >= 2:
            return [_named(principals)]
        if principals and (subject or topic):
            counterparts = [c for c in joined if c.type == "Person"]
            marker = cue.first
    elif joined:
        counterparts = counterparts + [c for c in joined if c not in counterparts and c.type == "Person"]
    if counterparts:
        counterpart_ids = {id(c) for c in counterparts}
        said = _reported_clause_start(sentence, lang, marker or 0)
        before = [c for c in chunks if said <= c.first and c.last < (marker or 0) and id(c) not in counterpart_ids]
        others = [c for c in chunks if id(c) not in counterpart_ids]
        if after_verb is not None and id(chunks[after_verb]) not in counterpart_ids:
            return _groups([chunks[after_verb].actor], [c.actor for c in counterparts], separately)
        genitive = [c for c in chunks if ref.position == "noun" and cue.last < c.first and c.last < (marker or 0)
                    and id(c) not in counterpart_ids]
        if genitive:  # «گفت دیدار Y با Z»: the meeting named is Y's, not the speaker's
            return _groups([genitive[0].actor], [c.actor for c in counterparts], separately)
        if ref.position == "noun" and marker is not None and marker > cue.last + 1 and \
                lang.pronouns.match_at(tokens, cue.last + 1) is not None:
            # «سفر عراقچی به پکن و دیدار وی با وانگ یی»: «his meeting» is the nearest person's before it
            named = [c for c in before if c.type == "Person"]
            if named:
                return _groups([named[-1].actor], [c.actor for c in counterparts], separately)
        subjects: list[str | None]
        if before:
            start = chunks.index(_first_subject(sentence, before, lang))
            subjects = [c.actor for c in _coordinated(sentence, chunks, start, lang)
                        if id(c) not in counterpart_ids]
        elif others:
            subjects = [others[0].actor]
        elif topic:
            subjects = [topic]
        else:
            return []
        return _groups(subjects, [c.actor for c in counterparts], separately)
    if ref.position == "verb" and lang.language == "fa":
        # «X، Y را به حضور پذیرفت»: the person marked by «را» is received by the subject
        for i, chunk in enumerate(chunks):
            if chunk.type == "Person" and chunk.last + 1 < cue.first and tokens[chunk.last + 1].text == "را":
                hosts = [c.actor for c in chunks[:i] if c.type == "Person"] or [topic or subject or ""]
                return _groups(hosts[:1], [chunk.actor], separately)
        # «X و Y … دیدار کردند»: the people who met are listed before the verb
        people = [c for c in chunks if c.type == "Person" and c.last < cue.first]
        for i in range(len(people)):
            group = _coordinated(sentence, people, i, lang)
            if len(group) >= 2:
                return [_named([c.actor for c in group])]
    # no marker: a list of participants right before or after a noun cue («X و Y خلال اجتماع»)
    if ref.position == "noun":
        people = [c for c in chunks if c.type == "Person"]
        for i, _chunk in enumerate(people):
            group = _coordinated(sentence, people, i, lang)
            if len(group) >= 2 and (0 <= cue.first - group[-1].last <= 3 or 0 <= group[0].first - cue.last <= 3):
                return [_named([c.actor for c in group])]
    return []


def _and_with(sentence: Sentence, chunks: list[Chunk], connectors, listed: list[Chunk],
              lang: LanguageResources) -> list[Chunk]:
    """«مع X، ومع Y», «با X و با Y»: more counterparts, each with its own «with», right after the list."""
    tokens = sentence.tokens
    more: list[Chunk] = []
    end = listed[-1].last
    for m in connectors:
        if m.first <= end or ("with" not in m.values and "from" not in m.values):
            continue
        gap = [t for t in tokens[end + 1:m.first] if t.is_word]
        joined = tokens[m.first].text.startswith("و") and lang.language == "ar" or [t.text for t in gap] == ["و"]
        if not joined or len(gap) > 1 or (gap and gap[0].text != "و"):
            break
        i = _chunk_after(sentence, chunks, m.last, lang=lang)
        if i is None or chunks[i].type != "Person":
            break
        group = _coordinated(sentence, chunks, i, lang)
        more += group
        end = group[-1].last
    return more


def _next_person(sentence: Sentence, chunks: list[Chunk], i: int, lang: LanguageResources,
                 window: int = 20) -> int | None:
    """The next person chunk after chunk i in the same clause (no other cue or sentence punctuation between)."""
    tokens = sentence.tokens
    start = chunks[i].last
    for j in range(i + 1, len(chunks)):
        chunk = chunks[j]
        if chunk.first - start > window:
            return None
        between = tokens[start + 1:chunk.first]
        if any(t.text in (".", "؛", ":", "«", '"') for t in between):
            return None
        if any(_blocks(lang, tokens, t.index) for t in between if t.is_word):
            return None
        if chunk.type == "Person" and chunk.actor != chunks[i].actor:
            return j
        if chunk.actor == chunks[i].actor or chunk.type != "Person":
            start = chunk.last  # another title of the subject, an organisation in it: read on from there
    return None


def _blocks(lang: LanguageResources, tokens, i: int) -> bool:
    """A cue that starts another clause (a statement or another meeting; a visit phrase does not)."""
    cue = lang.meeting_cues.match_at(tokens, i)
    return lang.speech_cues.match_at(tokens, i) is not None or (cue is not None and cue.values[0].kind != "Visit")


def _pronoun_after(sentence: Sentence, position: int, lang: LanguageResources) -> bool:
    return position + 1 < len(sentence.tokens) and lang.pronouns.match_at(sentence.tokens, position + 1) is not None


def _coordinated_with_previous(sentence: Sentence, chunks: list[Chunk], i: int) -> bool:
    return i > 0 and all(t.text in _COORDINATION for t in sentence.tokens[chunks[i - 1].last + 1:chunks[i].first]) \
        and chunks[i - 1].last + 1 < chunks[i].first


def _reported_clause_start(sentence: Sentence, lang: LanguageResources, end: int) -> int:
    """«X به پژواک گفت که عراقچی … با Y دیدار کرد»: the reported clause, where the meeting's subject is;
    the speaker before «گفت که» / «قال إن» is only the source. 0 when there is none before `end`."""
    tokens = sentence.tokens
    speech_ends = [m.last for m in lang.speech_cues.find_all(tokens) if m.last < end]
    if not speech_ends:
        return 0
    for m in lang.connectors.find_all(tokens):
        if "complementizer" in m.values and m.last < end and any(0 <= m.first - e <= 3 for e in speech_ends):
            return m.last + 1
    return 0


def _first_subject(sentence: Sentence, before: list[Chunk], lang: LanguageResources) -> Chunk:
    """The first chunk that is not governed by a preposition or a source phrase («به گفته بقائی، وانگ یی …»)."""
    sources = {m.last + 1 for m in lang.speech_cues.find_all(sentence.tokens) if m.values[0].form == "noun"}
    for chunk in before:
        if chunk.first in sources:
            continue
        if chunk.first == 0 or sentence.tokens[chunk.first - 1].text not in ("از", "به", "من", "عن", "الی"):
            return chunk
    return before[0]


def _groups(subjects: Sequence[str | None], counterparts: Sequence[str | None], separately: bool) -> list[list[str]]:
    named = [s for s in subjects if s]
    others = [c for c in counterparts if c and c not in named]
    if not named or not others:
        return []
    if separately and len(others) > 1:
        return [named + [c] for c in others]
    return [named + others]


def _named(actors: list[str | None]) -> list[str]:
    """Actors of chunks that all name one (extract_interactions keeps only those): the same list, typed."""
    return cast(list[str], actors)


def _present(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> list[str]:
    """«با حضور Z», «بحضور Z», and «Z نیز حضور داشت» (Z was also present)."""
    found: list[str] = []
    for m in lang.connectors.find_all(sentence.tokens):
        if "present" in m.values:
            after = m.last
            cue = lang.meeting_cues.match_at(sentence.tokens, m.last + 1)
            if cue is not None and cue.values[0].position == "noun":
                after = cue.last  # «حضر الاستقبال X»: the attended meeting's noun comes first
            i = _chunk_after(sentence, chunks, after, max_gap=4, lang=lang)
            if i is not None:
                found.extend(c.actor for c in _coordinated(sentence, chunks, i, lang) if c.actor)
        if "present_verb" in m.values:
            before = [c for c in chunks if c.last < m.first and c.type == "Person"]
            if before:
                found.extend(c.actor for c in _coordinated(sentence, chunks, chunks.index(before[-1]), lang)
                             if c.actor) if len(before) == 1 else found.append(before[-1].actor or "")
    return [f for f in found if f]


def _host(sentence: Sentence, chunks: list[Chunk], lang: LanguageResources) -> str | None:
    for m in lang.connectors.find_all(sentence.tokens):
        if "host" in m.values:
            for chunk in chunks:
                if m.last < chunk.first <= m.last + 6:
                    return chunk.actor
    return None


def _host_guest(ref, sentence: Sentence, cue_first: int, participants: list[str],
                lang: LanguageResources) -> tuple[str | None, str | None]:
    text = " ".join(t.text for t in sentence.tokens[cue_first:cue_first + 3])
    receiving = ("استقبل", "یستقبل", "تستقبل", "پذیرفت", "میزبانی")
    if any(r in text for r in receiving) and len(participants) == 2:
        return participants[0], participants[1]  # «X استقبل Y», «X، Y را به حضور پذیرفت»: X hosts Y
    return None, None


_ARRIVED = frozenset(fold_key(w) for w in ("وارد",))  # «وارد دوحه شد»; not «عازم» / «راهی» (leaving for)
_RELATIVE_PLACE = frozenset(fold_key(w) for w in ("التي", "الذي", "حيث", "که"))


def _place(sentence: Sentence, places: list[NameSpan], lang: LanguageResources, visit: bool,
           cue_last: int | None = None, cue_first: int | None = None) -> str | None:
    """The city (or, for a visit, the country) introduced by «در»/«في»/«بـ» — or «به»/«إلى» in a visit —
    in the clause of the cue: not inside a topic phrase («درباره …», «بشأن …») or a later clause («حيث …»)."""
    if not places:
        return None
    tokens = sentence.tokens
    if cue_first is not None:
        for span in places:  # «قادما من مسقط التي التقى فيها أمس …»: the city the relative clause is about
            if span.type == "Place" and span.last + 2 <= cue_first <= span.last + 3 and \
                    tokens[span.last + 1].text in _RELATIVE_PLACE:
                return span.actor
    connectors = lang.connectors.find_all(tokens, overlapping=True)
    limit = min((m.first for m in connectors if "topic" in m.values), default=len(tokens))
    if cue_last is not None:
        limit = min([limit] + [m.first for m in connectors if "clause" in m.values and m.first > cue_last])
    ending_at: dict[int, set[str]] = {}
    arrivals: set[int] = set()  # «سفر به X», «وارد X شد»: a trip's destination, where a meeting may be
    for m in connectors:  # «ورود به» (place) and «به» (visit) both end at «به»
        ending_at.setdefault(m.last, set()).update(m.values)
        if "visit" in m.values and (m.last > m.first or tokens[m.first].text in _ARRIVED):
            arrivals.add(m.last)
    best: tuple[int, int, str] | None = None
    for span in places:
        if span.first > limit:
            continue
        before = span.first - 1
        while before > 0 and (tokens[before].text in _PLACE_NOUNS or _is_adjective(sentence, tokens[before], lang)):
            before -= 1  # «في العاصمة العمانية مسقط»
        functions = ending_at.get(before, set())
        introduced = "place" in functions or (span.clitic in ("ب", "وب", "فب") and span.type == "Place") or (
            "visit" in functions and (visit or before in arrivals))
        if not introduced or (span.type == "Country" and not visit):
            continue  # a meeting's place is a city; a country only as a visit's destination
        rank = 0 if span.type == "Place" else 2
        # the nearest to the cue: «پس از سفر به بغداد …، شامگاه جمعه وارد دوحه شده بود، امروز … دیدار کرد»
        distance = abs(span.first - cue_last) if cue_last is not None else 0
        if best is None or (rank, distance) < best[:2]:
            best = (rank, distance, span.actor)
    return best[2] if best else None


def _pick_date(dates: list[DateValue], near: int | None = None) -> DateValue | None:
    """The day the sentence gives — the one nearest the cue when it gives several («که شامگاه جمعه وارد دوحه
    شده بود، امروز شنبه … دیدار کرد») — else a month or year, kept to tell events apart."""
    if near is not None and dates and all(d.start >= 0 for d in dates):
        nearest = min(dates, key=lambda d: abs(d.start - near))
        if nearest.precision == "week":
            return None  # «سفر هفته گذشته … و دیدار وی»: last week, no day (a later «امروز» is the report's)
    for precision in ("day", "month", "year"):
        found = [d for d in dates if d.precision == precision]
        if found:
            if near is not None and all(d.start >= 0 for d in found):
                return min(found, key=lambda d: abs(d.start - near))
            return found[0]
    return None


def _add_details(draft: _Draft, sentence: Sentence, chunks: list[Chunk], places: list[NameSpan],
                 dates: list[DateValue], lang: LanguageResources, embedded: bool) -> None:
    for p in _present(sentence, chunks, lang):
        if p not in draft.participants and p not in draft.present:
            draft.present.append(p)
    if draft.place is None and draft.kind not in ("PhoneCall", "Letter"):
        draft.place = _place(sentence, places, lang, False)
    if draft.date is None and not embedded:
        draft.date = _pick_date(dates)
    elif draft.date is not None and draft.date.precision != "day" and not embedded:
        draft.date = _pick_date(dates) or draft.date


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
    merged = [d for d in merged if not _summary(d, merged)]
    merged = _fold_subsets(doc, merged)
    out: list[Interaction] = []
    for i, d in enumerate(merged, start=1):
        out.append(Interaction(
            local_id=f"i{i}", kind=d.kind, participants=tuple(d.participants), evidence=_evidence(doc, d),
            present=tuple(sorted(set(d.present) - set(d.participants))), host=d.host, guest=d.guest,
            place=d.place, date=d.date, occasion=d.occasion, more_evidence=tuple(d.more)))
    return out


def _summary(d: _Draft, drafts: list[_Draft]) -> bool:
    """«الخليفي يلتقي ميقاتي وبري وقائد الجيش»: a headline listing meetings the body tells one by one."""
    if len(d.participants) < 3:
        return False
    pairs = {frozenset(x.participants) for x in drafts if x.kind == d.kind and len(x.participants) == 2}
    for subject in d.participants:
        others = [p for p in d.participants if p != subject]
        if all(frozenset((subject, o)) in pairs for o in others):
            return True
    return False


def _fold_subsets(doc: Document, drafts: list[_Draft]) -> list[_Draft]:
    """«لقاء تاريخي بين عباس وهنية» and «لقاء جمع تبون بعباس وهنية» on one day: one meeting of three; the
    report naming fewer of them is folded into the one naming one more."""
    kept: list[_Draft] = []
    for d in drafts:
        bigger = [x for x in drafts if x is not d and x.kind == d.kind
                  and len(x.participants) == len(d.participants) + 1
                  and set(d.participants) < set(x.participants) and _compatible(x, d)]
        if len(bigger) == 1 and len(d.participants) >= 2 and not d.sidelines:
            target = bigger[0]
            target.present = sorted(set(target.present) | set(d.present))
            target.place = target.place or d.place
            target.date = target.date or d.date
            target.more.append(_evidence(doc, d))
            continue
        kept.append(d)
    return kept


def _compatible(a: _Draft, b: _Draft) -> bool:
    if a.earlier != b.earlier and (a.date or b.date):
        return False  # «ماه گذشته … دیدار کرده بود» is not today's meeting (two undated reports may be one)
    if a.date and b.date and not (a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return True


def _evidence(doc: Document, d: _Draft) -> Evidence:
    s = d.sentence
    return Evidence(doc.id, s.start, s.end, s.text, d.rule, 0.9)


def with_local_ids(interactions: list[Interaction]) -> list[Interaction]:
    return [replace(x, local_id=f"i{i}") for i, x in enumerate(interactions, start=1)]
