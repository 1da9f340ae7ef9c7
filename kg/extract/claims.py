"""Claims: who said what, one statement per claim, in the original language.

Constructions read (cues and connectors come from the lexicons):
- «X گفت: …» / «X … گفت، …» / «قال X: …» — a direct statement after the cue;
- «X تاکید کرد که …» / «أكد X أن …» — reported speech after the complementizer;
- «X بر … تاکید کرد» / «X … را … دانست» — the statement before a sentence-final verb (Persian SOV);
- «وصف X … بأنها …» / «شكر X … على …» — Arabic verb-first: the statement after the speaker;
- «هنیه: …» — a headline quote;
- «وی افزود» / «وأضاف» (no subject) — the last speaker; «رئیس دفتر سیاسی حماس گفت» — a title's holder;
- «طرفین … تاکید کردند» / «وأكد الجانبان» — a joint statement of both sides of the interaction.
A participle that continues a statement (مؤكدا، مشيرا) does not start a new claim; the same
statement in the lead and the body is one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.chunks import Chunk
from kg.extract.resources import LanguageResources
from kg.extract.spans import NameSpan
from kg.records import Claim, Evidence, Interaction
from kg.text.document import Document, Sentence
from kg.text.normalize import fold_key, fold_phrase

_AFTER_MARKS = {":", "،", ",", "«", '"', "“"}
_OPEN_QUOTES = {"«", '"', "“"}
_CLOSE_QUOTES = {"»", '"', "”"}
_PREPOSITIONS = {"با", "از", "به", "مع", "من", "عن", "الی", "إلى", "برای", "علیه", "ضد"}
_MIN_WORDS = 3
_COMMA_TYPES = {"say", "add", "continue"}  # «گفت، …» / «افزود، …»: a comma may open the statement
_MAX_CHARS = 600


@dataclass(slots=True)
class _Segment:
    speakers: list[str]
    start: int  # document offsets of the statement
    end: int
    cue: str
    form: str
    sentence: Sentence
    rule: str


def extract_claims(doc: Document, lang: LanguageResources, chunks: dict[int, list[Chunk]],
                   names: list[NameSpan], interactions: Sequence[Interaction],
                   person_types: dict[str, str]) -> list[Claim]:
    """Statements attributed to persons, with the interaction each was made in."""
    segments: list[_Segment] = []
    focus: list[str] = []  # who «وی» / «وأضاف» refers to: the last speaker or sentence subject
    consumed_until = -1
    for sentence in doc.sentences:
        if sentence.index <= consumed_until:
            continue
        s_chunks = chunks.get(sentence.index, [])
        found = _headline(doc, sentence, s_chunks, person_types)
        if not found:
            found = _statements(doc, sentence, s_chunks, lang, focus,
                                _current_participants(interactions, sentence), person_types)
        for seg in found:
            seg.end, consumed_until = _extend_quote(doc, seg, consumed_until)
            segments.append(seg)
        subject = _sentence_subject(sentence, s_chunks, person_types)
        if found:
            focus = found[-1].speakers
        elif subject:
            focus = [subject]
    return _dedupe(doc, segments, names, interactions)


def _person(chunk: Chunk, person_types: dict[str, str]) -> bool:
    return bool(chunk.actor) and person_types.get(chunk.actor or "", chunk.type) == "Person"


def _sentence_subject(sentence: Sentence, chunks: list[Chunk], person_types: dict[str, str]) -> str | None:
    for chunk in chunks:
        if chunk.first > 0 and sentence.tokens[chunk.first - 1].text in _PREPOSITIONS:
            continue
        if _person(chunk, person_types):
            return chunk.actor
    return None


def _current_participants(interactions: Sequence[Interaction], sentence: Sentence) -> list[str]:
    """Principals of the last interaction told at or before this sentence (for «طرفین»)."""
    best = None
    for interaction in interactions:
        starts = [interaction.evidence.start] + [e.start for e in interaction.more_evidence]
        if min(starts) <= sentence.start and interaction.kind in ("Meeting", "PhoneCall", "PressConference"):
            if best is None or min(starts) >= min([best.evidence.start] + [e.start for e in best.more_evidence]):
                best = interaction
    return list(best.participants) if best else []


def _headline(doc: Document, sentence: Sentence, chunks: list[Chunk],
              person_types: dict[str, str]) -> list[_Segment]:
    """«هنیه: طوفان الاقصی معادلات جدیدی را … ترسیم کرد» — a name, a colon, the statement."""
    tokens = sentence.tokens
    if not chunks or chunks[0].first != 0 or not _person(chunks[0], person_types):
        return []
    colon = chunks[0].last + 1
    if colon >= len(tokens) - _MIN_WORDS or tokens[colon].text != ":":
        return []
    start, end = tokens[colon + 1].start, tokens[-1].end
    return [_Segment([chunks[0].actor or ""], start, end, ":", "headline", sentence,
                     f"claim.{doc.language}.headline")]


def _statements(doc: Document, sentence: Sentence, chunks: list[Chunk], lang: LanguageResources,
                previous: list[str], participants: list[str], person_types: dict[str, str]) -> list[_Segment]:
    tokens = sentence.tokens
    cues = [m for m in lang.speech_cues.find_all(tokens) if m.values[0].form != "participle"]
    segments: list[_Segment] = []
    boundary = 0  # tokens before this belong to an earlier statement
    for n, cue in enumerate(cues):
        ref = cue.values[0]
        next_cue = cues[n + 1].first if n + 1 < len(cues) else len(tokens)
        speakers, speaker_chunk = _speakers(sentence, chunks, cue, boundary, lang, previous, participants,
                                            person_types)
        if not speakers:
            boundary = cue.last + 1
            continue
        after = cue.last + 1
        if ref.form == "noun":  # به گفته وی …
            if speaker_chunk is not None and speaker_chunk.first > cue.last:
                after = speaker_chunk.last + 1
            content = (after, len(tokens) - 1)
        elif after < len(tokens) and (tokens[after].text in _OPEN_QUOTES or tokens[after].text == ":"
                                      or (tokens[after].text in ("،", ",") and ref.type in _COMMA_TYPES)
                                      or _complementizer(tokens, after, lang)
                                      or _clause_follows(tokens, after, next_cue, lang)):
            if tokens[after].text in (":", "،", ",") and after + 1 < len(tokens) and \
                    _complementizer(tokens, after + 1, lang):
                after += 1
            marked = tokens[after].text in (":", "،", ",") or _complementizer(tokens, after, lang)
            content = (after + 1 if marked else after, _end_before(next_cue, cues, n, tokens, chunks))
        elif speaker_chunk is not None and speaker_chunk.first > cue.last:
            # Arabic verb-first: قال/وصف/شكر X … — the statement follows the speaker
            start = speaker_chunk.last + 1
            if start < len(tokens) and tokens[start].text in ("،", ","):
                start += 1
            for k in range(start, min(start + 12, next_cue)) if ref.type not in ("describe", "consider") else ():
                if _complementizer(tokens, k, lang):  # «أكد هنية في اتصاله … أن "…"»: the statement is after أن
                    start = k + 1
                    break
            content = (start, _end_before(next_cue, cues, n, tokens, chunks))
        else:
            # Persian verb-last: X … بر … تاکید کرد / X … را … دانست
            start = speaker_chunk.last + 1 if speaker_chunk is not None and speaker_chunk.last >= boundary \
                else boundary
            if any(t.text == "که" for t in tokens[start:cue.first]):
                boundary = cue.last + 1
                continue  # the cue closes a relative clause («… که … دانست»): not the subject's statement
            content = (start, cue.first - 1)
        first, last = content
        while first <= last and tokens[first].text in _AFTER_MARKS - _OPEN_QUOTES:
            first += 1
        while last >= first and tokens[last].text in (".", "،", ",", ":", "؛"):
            last -= 1
        boundary = cue.last + 1
        words = sum(1 for t in tokens[first:last + 1] if t.is_word)
        if words < _MIN_WORDS:
            continue
        start_offset, end_offset = tokens[first].start, tokens[last].end
        segments.append(_Segment(speakers, start_offset, end_offset, doc.text[cue_span(tokens, cue)],
                                 "direct" if tokens[min(cue.last + 1, len(tokens) - 1)].text in (":", "«", '"')
                                 else "reported", sentence, f"claim.{doc.language}.{ref.type}.{ref.form}"))
    return segments


def cue_span(tokens, cue) -> slice:
    return slice(tokens[cue.first].start, tokens[cue.last].end)


def _end_before(next_cue: int, cues, n: int, tokens, chunks: list[Chunk]) -> int:
    """A statement runs to the end of the sentence, or up to the speaker of the next statement."""
    if next_cue >= len(tokens):
        return len(tokens) - 1
    nxt = cues[n + 1]
    after_next = nxt.last + 1
    opens_new = after_next < len(tokens) and tokens[after_next].text in (":", "«")
    if not opens_new:
        return len(tokens) - 1
    # the next statement's own subject (a name or pronoun just before its cue) is not part of this one
    end = nxt.first - 1
    for chunk in chunks:
        if chunk.last == end or chunk.last == end - 1:
            end = chunk.first - 1
    while end > 0 and tokens[end].text in ("و", "،", ",", "نیز", "همچنین"):
        end -= 1
    return end


def _clause_follows(tokens, after: int, next_cue: int, lang: LanguageResources) -> bool:
    """Persian reported speech without «که»: «تاکید کرد حماس از هر سازوکاری … استقبال می‌کند»."""
    if lang.language != "fa" or tokens[after].text in ("و", ".", "؛") or not tokens[after].is_word:
        return False
    words = sum(1 for t in tokens[after:next_cue] if t.is_word)
    return words >= _MIN_WORDS


def _complementizer(tokens, i: int, lang: LanguageResources) -> bool:
    m = lang.connectors.match_at(tokens, i)
    return m is not None and "complementizer" in m.values


def _speakers(sentence: Sentence, chunks: list[Chunk], cue, boundary: int, lang: LanguageResources,
              previous: list[str], participants: list[str],
              person_types: dict[str, str]) -> tuple[list[str], Chunk | None]:
    """Who speaks: a chunk right after the cue (Arabic), else the subject before it, else the last speaker."""
    ref = cue.values[0]
    after = [c for c in chunks if cue.last < c.first <= cue.last + 2]
    if ref.form == "noun":
        after = [c for c in chunks if cue.last < c.first <= cue.last + 1] or after
    if after and (lang.language == "ar" or ref.form == "noun" or after[0].kind == "pronoun") and \
            (after[0].kind in ("pronoun", "joint") or _person(after[0], person_types)):
        return _who(after[0], chunks, sentence, lang, previous, participants, ref.form), after[0]
    before = [c for c in chunks if boundary <= c.first and c.last < cue.first and
              not (c.first > 0 and sentence.tokens[c.first - 1].text in _PREPOSITIONS)]
    for chunk in before:
        if chunk.kind in ("pronoun", "joint") or _person(chunk, person_types):
            return _who(chunk, chunks, sentence, lang, previous, participants, ref.form), chunk
        if chunk.type in ("Organization", "Country"):
            return [], None  # an organisation or country speaks: not a person's claim
    if ref.form == "plural" and participants:
        return participants, None
    return list(previous), None


def _who(chunk: Chunk, chunks: list[Chunk], sentence: Sentence, lang: LanguageResources,
         previous: list[str], participants: list[str], form: str) -> list[str]:
    if chunk.kind == "joint":
        return list(participants)
    if chunk.kind == "pronoun":
        return list(participants) if chunk.number == "plural" and participants else list(previous)
    if form == "plural":
        i = chunks.index(chunk)
        group = [chunk.actor]
        for nxt in chunks[i + 1:]:
            between = [t.text for t in sentence.tokens[chunk.last + 1:nxt.first]]
            if between and all(b in ("و", "،", ",") for b in between) and nxt.actor:
                group.append(nxt.actor)
                chunk = nxt
            else:
                break
        return [g for g in group if g]
    return [chunk.actor] if chunk.actor else []


def _extend_quote(doc: Document, seg: _Segment, consumed_until: int) -> tuple[int, int]:
    """A quote opened and not closed in its sentence runs on to the sentence that closes it."""
    text = doc.text[seg.start:seg.end]
    opened = sum(text.count(q) for q in ("«", "“"))
    closed = sum(text.count(q) for q in ("»", "”"))
    if opened <= closed:
        return seg.end, consumed_until
    end = seg.end
    for sentence in doc.sentences[seg.sentence.index + 1:seg.sentence.index + 5]:
        if sentence.paragraph != seg.sentence.paragraph:
            break
        end = sentence.end
        consumed_until = sentence.index
        if any(q in sentence.text for q in ("»", "”")):
            break
    return end, consumed_until


def _dedupe(doc: Document, segments: list[_Segment], names: list[NameSpan],
            interactions: Sequence[Interaction]) -> list[Claim]:
    """The same statement twice (lead and body) is one claim; the longer wording is kept."""
    kept: list[tuple[_Segment, str]] = []
    segments = [seg for seg in segments if not (seg.form == "headline" and _repeats_body(doc, seg, segments))]
    for seg in segments:
        text = doc.text[seg.start:seg.end].strip()
        if len(text) > _MAX_CHARS:
            text = text[:_MAX_CHARS]
            seg.end = seg.start + _MAX_CHARS
        key = fold_key(text)
        duplicate = False
        for i, (other, other_key) in enumerate(kept):
            if set(other.speakers) != set(seg.speakers):
                continue
            if key in other_key or other_key in key or _overlap(key, other_key) > 0.8:
                duplicate = True
                if len(key) > len(other_key):
                    kept[i] = (seg, key)
                break
        if not duplicate:
            kept.append((seg, key))
    claims: list[Claim] = []
    by_sentence: dict[int, list[NameSpan]] = {}
    for n in names:
        by_sentence.setdefault(n.sentence, []).append(n)
    for seg, _key in kept:
        mentioned = sorted({n.actor for n in by_sentence.get(seg.sentence.index, [])
                            if seg.start <= seg.sentence.tokens[n.first].start < seg.end and n.via != "adjective"})
        interaction = _made_in(seg, interactions)
        evidence = Evidence(doc.id, seg.sentence.start, seg.sentence.end, seg.sentence.text, seg.rule, 0.85)
        claims.append(Claim(tuple(sorted(set(seg.speakers))), doc.text[seg.start:seg.end].strip(), seg.start,
                            seg.end, seg.cue, seg.form, evidence, interaction, tuple(mentioned)))
    return claims


def _words(text: str) -> set[str]:
    return {w for w in fold_phrase(text).split() if len(w) > 2}


def _repeats_body(doc: Document, headline: _Segment, segments: list[_Segment]) -> bool:
    """A headline quote that only restates a statement of the body («وزير الخارجية الإيراني: محادثات مهمة…»)."""
    words = _words(doc.text[headline.start:headline.end])
    if not words:
        return False
    for other in segments:
        if other is headline or set(other.speakers) != set(headline.speakers):
            continue
        if len(words & _words(doc.text[other.start:other.end])) / len(words) >= 0.6:
            return True
    return False


def _overlap(a: str, b: str) -> float:
    """Share of common character 5-grams: near-identical wordings of one statement score high."""
    if len(a) < 10 or len(b) < 10:
        return 0.0
    grams_a = {a[i:i + 5] for i in range(len(a) - 4)}
    grams_b = {b[i:i + 5] for i in range(len(b) - 4)}
    return len(grams_a & grams_b) / min(len(grams_a), len(grams_b))


def _made_in(seg: _Segment, interactions: Sequence[Interaction]) -> str | None:
    """The interaction this statement was made in: the nearest one with the speaker as a principal."""
    best: tuple[int, str] | None = None
    for interaction in interactions:
        if not set(seg.speakers) & set(interaction.participants) or interaction.kind in ("Visit", "Letter"):
            continue
        for ev in (interaction.evidence, *interaction.more_evidence):
            distance = seg.start - ev.start
            rank = distance if distance >= 0 else 10_000 - distance
            if best is None or rank < best[0]:
                best = (rank, interaction.local_id)
    return best[1] if best else None
