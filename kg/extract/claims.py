"""Claims: who said what, one statement per claim, in the original language.

Constructions read (cues, pronouns and connectors come from the lexicons):
- «X گفت: …» / «X … گفت، …» / «قال X: …» — a direct statement after the cue;
- «X تاکید کرد که …» / «أكد X أن …» / «وكان X قد أكد خلال اللقاء، وفق بيان …، أن …» — reported
  speech after the complementizer, past adverbials between the cue and it;
- «X بر … تاکید کرد» / «X … را … دانست» — the statement before a sentence-final verb (Persian SOV);
- «أكد X ضرورة …» / «شدد على …» / «أعرب X عن …» / «وصف X … بأنها …» — an Arabic nominal complement;
- «"…"، قال X» / «نقلت الوكالة عن X قوله إن …» — a quote before its cue, a quoted saying;
- «هنیه: …» / «ظریف در نشست خبری مشترک با لاوروف: …» — a headline quote;
- who: a name or title with the cue («قال X», «X گفت», «رئیس دفتر سیاسی حماس گفت»), past an agency
  lead-in («به گزارش ایرنا، X گفت»), a «که» clause or «با حضور Y»; «وی افزود» / «وأضاف» (no
  subject) — the person spoken of last; «وأضاف الوزير التركي» — a title kg cannot resolve, but
  «added» goes on with the last speaker; «… X، الذي قال إن …» — the relative pronoun's antecedent;
- «صرح المتحدث … بأن الوزير X أكد …» / «قالت الخارجية إن X أكد …» — a relayed statement is X's;
- «طرفین … تاکید کردند» / «وأكد الجانبان» / «وزرای خارجه سه کشور … تاکید کردند» — a joint
  statement: one claim per speaker, speakers in the order the article names them.
Not claims: a cue whose subject is an organisation, a country, an unresolved title or a name kg does
not know («قال درويش», «آقای کریمی گفت»): not a person's statement, and «وأضاف» after it does not
fall back to an earlier speaker; a feminine Arabic verb with no subject after a man's statement
(«وأضافت» = the sources, the ministry); «گفت‌وگو» (talks); a relative clause («… که … دانست»);
«X … را اعلام کرد» (an act announced); a statement that only tells what a meeting discussed («در
این دیدار … گفتگو کردند»).
A participle that continues a statement (مؤكدا، مشيرا) does not start a new claim; the same
statement in the lead and the body is one claim, and a headline that restates the body is dropped;
a quote or a «:» statement that runs on over the next sentences of its paragraph is one claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.chunks import Chunk
from kg.extract.matcher import PhraseMatch
from kg.extract.resources import LanguageResources, SpeechRef
from kg.extract.spans import NameSpan
from kg.records import Claim, Evidence, Interaction
from kg.text.document import Document, Sentence, Token
from kg.text.normalize import fold_key, fold_phrase


def _folded(*words: str) -> frozenset[str]:
    """Token texts are folded (ي→ی، أ→ا، «→"), so closed word classes are compared folded too."""
    return frozenset(fold_phrase(w) for w in words)


_QUOTE = '"'  # every quotation mark folds to "
_COMMAS = _folded("،", ",")
_DASHES = _folded("-", "–", "—", "/")
_END_MARKS = _folded(".", "،", ",", ":", "؛")
# a person chunk right after one of these is an object or a place, not the subject
_PREPOSITIONS = _folded("با", "از", "به", "در", "بر", "برای", "علیه", "ضد", "نزد", "مع", "من", "عن", "إلى",
                        "على", "في", "لدى", "عند")
# an Arabic cue's argument: «شدد على ضرورة …» is a nominal complement, «شدد على أن …» reported speech
_ARGUMENT_PREPOSITIONS = _folded("على", "إلى", "عن")
_RELATIVE_AR = _folded("الذي", "التي")
_RELATIVE_FA = _folded("که")
_ALSO_FA = _folded("نیز")  # «X نیز … گفت»: X is the subject
_JOINERS = _folded("و", "نیز", "همچنین")  # «…، و Y نیز گفت:» — not part of the statement before Y
_BEFORE_VERB_AR = _folded("قد", "لقد")  # «وكان X قد أكد»
_PREPOSITION_CLITICS = tuple(_folded("لل", "بال", "وال", "فال"))  # «قال للصحافيين إن»
# adverbs between a verb of saying and «إن»: the accusative «-ًا» (لاحقا، مجددا), «-ها» (حينها)
_ADVERB_ENDINGS = tuple(_folded("ا", "ها"))
_ADVERBS_AR = _folded("كذلك", "ثم", "هنا", "هناك", "بدوره", "بدورها")
_MIN_WORDS = 3
_SAME_WORDING = 0.8  # share of common letter 5-grams: two near-identical wordings of one statement
_RESTATED = 0.5  # share of a headline's letter 4-grams found in the body's statements: a paraphrase
_MAX_CHARS = 600
_MAX_GAP = 15  # tokens an Arabic cue may be separated from its «أن» / «:» by adverbials
_QUOTE_REACH = 8  # tokens between a quote that opens a sentence and the cue that attributes it
_RELAY_REACH = 8  # tokens between a relayed speaker and the cue of the relayed statement
_CONTINUING_TYPES = {"add", "continue"}  # «افزود»، «ادامه داد»، «وأضاف»، «وتابع»: the same speaker goes on
_COMMA_TYPES = {"say", "add", "continue"}  # «گفت، …» / «افزود، …»: a comma may open the statement
_MARKED_TYPES = {"say", "add", "continue", "write"}  # «قال» needs «إن» / «:» / a quote: no nominal complement
_SOV_TYPES = {"stress", "consider", "describe", "express", "call", "warn"}  # «X بر … تاکید کرد»; not
# «X … را اعلام کرد» (announced an act) or «X … گفت» with nothing after the verb
_APPRAISAL_TYPES = {"consider", "describe"}  # «وصف X أزمة غزة بأنها …»: the object is part of the statement


@dataclass(slots=True)
class _Segment:
    speakers: list[str]
    start: int  # document offsets of the statement
    end: int
    cue: str
    form: str
    sentence: Sentence
    rule: str
    feminine: bool = False
    open_colon: bool = False  # a «:» statement, which may run on over the next sentences


@dataclass(slots=True)
class _Focus:
    """Who a subjectless cue («وی افزود», «وأضاف») refers to: the last speaker or sentence subject."""

    speakers: list[str] = field(default_factory=list)
    feminine: bool | None = None  # the gender of the verb that made them speak; None: not known
    group: list[str] = field(default_factory=list)  # the last coordinated subject «X، Y و Z … رایزنی کردند»


@dataclass(slots=True)
class _Subject:
    """A cue's subject: the speakers, the chunk that names them, and whether the text names one at all."""

    speakers: list[str]
    chunk: Chunk | None = None
    explicit: bool = True  # False: no subject in the text, the focus was used


class _Context:
    """One sentence being read, with what the article has told so far."""

    __slots__ = ("doc", "sentence", "tokens", "chunks", "lang", "arabic", "person_types", "focus",
                 "_interactions", "_participants")

    def __init__(self, doc: Document, sentence: Sentence, chunks: list[Chunk], lang: LanguageResources,
                 person_types: dict[str, str], focus: _Focus, interactions: Sequence[Interaction]) -> None:
        self.doc, self.sentence, self.tokens, self.chunks = doc, sentence, sentence.tokens, chunks
        self.lang, self.arabic = lang, lang.language == "ar"
        self.person_types, self.focus = person_types, focus
        self._interactions = interactions
        self._participants: list[str] | None = None

    @property
    def participants(self) -> list[str]:
        """Principals of the last interaction told at or before this sentence (for «طرفین»)."""
        if self._participants is None:
            self._participants = _current_participants(self._interactions, self.sentence, self.person_types)
        return self._participants


def extract_claims(doc: Document, lang: LanguageResources, chunks: dict[int, list[Chunk]],
                   names: list[NameSpan], interactions: Sequence[Interaction],
                   person_types: dict[str, str]) -> list[Claim]:
    """Statements attributed to persons, with the interaction each was made in."""
    segments: list[_Segment] = []
    focus = _Focus()
    consumed_until = -1
    for sentence in doc.sentences:
        if sentence.index <= consumed_until:
            continue
        s_chunks = chunks.get(sentence.index, [])
        ctx = _Context(doc, sentence, s_chunks, lang, person_types, focus, interactions)
        found = _headline(ctx)
        blocked = False
        if not found:
            found, blocked = _statements(ctx)
        for seg in found:
            seg.end, consumed_until = _run_on(doc, seg, consumed_until, lang)
            segments.append(seg)
        if sum(1 for c in s_chunks if c.kind == "name" and c.type == "Person") > 1:
            focus.group = _coordinated_subject(ctx) or focus.group
        if found:
            focus.speakers, focus.feminine = list(found[-1].speakers), found[-1].feminine
        elif blocked:
            focus.speakers, focus.feminine = [], None
        else:
            subject = _sentence_subject(ctx)
            if subject:
                focus.speakers, focus.feminine = [subject], None
    return _claims(doc, segments, names, interactions, _mention_order(chunks))


# --- who is spoken of -----------------------------------------------------------------------------


def _person(chunk: Chunk, person_types: dict[str, str]) -> bool:
    return bool(chunk.actor) and person_types.get(chunk.actor or "", chunk.type) == "Person"


def _not_a_person(chunk: Chunk, person_types: dict[str, str]) -> bool:
    """An organisation, a country or a title nobody could be found for: a subject, but not a speaker."""
    if chunk.kind in ("pronoun", "joint"):
        return False
    return chunk.type in ("Organization", "Country", "Unknown") and not _person(chunk, person_types)


def _clause_start(ctx: _Context, start: int) -> int:
    """Skip a credit line and an attribution lead-in: «تهران- ایرنا- X گفت», «به گزارش خبرنگار ایرنا،
    X گفت», «وحسب بيان للوزارة، …»."""
    tokens = ctx.tokens
    start = _after_credit(ctx, start)
    m = ctx.lang.attribution.match_at(tokens, start)
    if m is None:
        return start
    for k in range(m.last + 1, min(m.last + 16, len(tokens))):
        if tokens[k].text in _COMMAS:
            return k + 1
    return start


def _after_credit(ctx: _Context, start: int) -> int:
    """«کابل- ایرنا- …» / «بيروت - الشرق - …»: places and agencies between dashes open the sentence."""
    tokens = ctx.tokens
    credit = {i for c in ctx.chunks if c.type in ("Place", "Organization")
              for i in range(c.first, c.last + 1)}
    end = start
    for k in range(start, min(start + 8, len(tokens))):
        if tokens[k].text in _DASHES:
            end = k + 1
        elif tokens[k].is_word and k not in credit:
            break
    return end


def _relative_clauses(ctx: _Context, start: int, end: int) -> set[int]:
    """Tokens of «که … ،» clauses: «در این دیدار که با حضور X برگزار شد، Y گفت» — X is not the subject."""
    inside: set[int] = set()
    tokens = ctx.tokens
    k = start
    while k < end:
        if tokens[k].text in _RELATIVE_FA:
            j = k
            while j < end and tokens[j].text not in _COMMAS:
                j += 1
            inside.update(range(k, j))
            k = j
        k += 1
    return inside


def _governed(ctx: _Context, chunk: Chunk) -> bool:
    """A chunk after a preposition or «با حضور» is an object, a place or someone present."""
    if chunk.first == 0:
        return False
    tokens = ctx.tokens
    if tokens[chunk.first - 1].text in _PREPOSITIONS:
        return True
    for m in ctx.lang.connectors.find_all(tokens, overlapping=True):
        if m.last == chunk.first - 1 and "present" in m.values:
            return True
    return False


def _sentence_subject(ctx: _Context) -> str | None:
    if not any(c.kind != "pronoun" and c.type == "Person" for c in ctx.chunks):
        return None
    start = _clause_start(ctx, 0)
    inside = _relative_clauses(ctx, start, len(ctx.tokens)) if not ctx.arabic else set()
    for chunk in ctx.chunks:
        if chunk.first < start or chunk.first in inside or _governed(ctx, chunk):
            continue
        if _person(chunk, ctx.person_types):
            return chunk.actor
    return None


def _coordinated_subject(ctx: _Context) -> list[str]:
    """«عراقچی، لاوروف و فیدان … رایزنی کردند»: persons joined by «و» / «،» at the head of the clause."""
    start = _clause_start(ctx, 0)
    first = next((c for c in ctx.chunks if c.first >= start and not _governed(ctx, c)), None)
    if first is None or not _person(first, ctx.person_types):
        return []
    group = _coordination(ctx, first)
    return group if len(group) > 1 else []


def _coordination(ctx: _Context, chunk: Chunk) -> list[str]:
    group = [chunk.actor or ""]
    i = ctx.chunks.index(chunk)
    for nxt in ctx.chunks[i + 1:]:
        between = [t.text for t in ctx.tokens[chunk.last + 1:nxt.first]]
        if between and all(b in _COMMAS or b == "و" for b in between) and _person(nxt, ctx.person_types):
            group.append(nxt.actor or "")
            chunk = nxt
        elif not between and nxt.actor and ctx.tokens[nxt.first].text.startswith("و") and \
                _person(nxt, ctx.person_types):
            group.append(nxt.actor)  # Arabic «وأيمن الصفدي»: the conjunction is a proclitic
            chunk = nxt
        else:
            break
    return [g for g in group if g]


def _current_participants(interactions: Sequence[Interaction], sentence: Sentence,
                          person_types: dict[str, str]) -> list[str]:
    """The persons among the principals of the last interaction told at or before this sentence."""
    best, best_start = None, -1
    for interaction in interactions:
        if interaction.kind not in ("Meeting", "PhoneCall", "PressConference"):
            continue
        start = min([interaction.evidence.start] + [e.start for e in interaction.more_evidence])
        if best_start <= start <= sentence.start:
            best, best_start = interaction, start
    if best is None:
        return []
    return [p for p in best.participants if person_types.get(p, "Person") == "Person"]


def _mention_order(chunks: dict[int, list[Chunk]]) -> dict[str, int]:
    """Where the article first names each actor: joint speakers are listed in that order."""
    order: dict[str, int] = {}
    for s in sorted(chunks):
        for c in chunks[s]:
            if c.actor and c.actor not in order:
                order[c.actor] = len(order)
    return order


# --- headlines ------------------------------------------------------------------------------------


def _headline(ctx: _Context) -> list[_Segment]:
    """«هنیه: …» or «ظریف در نشست خبری مشترک با لاوروف: …» — a name, a phrase of place, a colon."""
    tokens, chunks = ctx.tokens, ctx.chunks
    if not chunks or chunks[0].first != 0 or not _person(chunks[0], ctx.person_types):
        return []
    colon = chunks[0].last + 1
    if colon < len(tokens) and tokens[colon].text in _PREPOSITIONS:
        # a phrase of circumstance between the name and the colon, with no verb of saying in it
        cues = ctx.lang.speech_cues.find_all(tokens)
        while colon < min(len(tokens), chunks[0].last + 10) and tokens[colon].text != ":":
            if any(c.first == colon for c in cues):
                return []
            colon += 1
    if colon >= len(tokens) - _MIN_WORDS or tokens[colon].text != ":":
        return []
    start, end = tokens[colon + 1].start, tokens[-1].end
    return [_Segment([chunks[0].actor or ""], start, end, ":", "headline", ctx.sentence,
                     f"claim.{ctx.lang.language}.headline")]


# --- statements in a sentence ---------------------------------------------------------------------


def _cues(ctx: _Context) -> tuple[list[PhraseMatch[SpeechRef]], list[PhraseMatch[SpeechRef]]]:
    """Speech cues of the sentence (finite, plural, noun) and participles, without «گفت‌وگو»."""
    tokens, doc = ctx.tokens, ctx.doc
    finite: list[PhraseMatch[SpeechRef]] = []
    participles: list[PhraseMatch[SpeechRef]] = []
    speech = ctx.lang.speech_cues.find_all(tokens)
    if not speech:
        return finite, participles
    talk = {m.first: m.last for m in ctx.lang.meeting_cues.find_all(tokens, overlapping=True)}
    for m in speech:
        end = tokens[m.last].end
        if end < len(doc.text) and doc.text[end] == "\u200c":
            continue  # «گفت‌وگو»: the cue is the first half of a word
        if talk.get(m.first, -1) > m.last:
            continue  # «گفت و گو کرد»: part of a longer verb of talks
        (participles if m.values[0].form == "participle" else finite).append(m)
    return finite, participles


def _statements(ctx: _Context) -> tuple[list[_Segment], bool]:
    """Each cue's statement; and whether a cue had a subject that is not a person."""
    tokens = ctx.tokens
    cues, participles = _cues(ctx)
    segments: list[_Segment] = []
    blocked = False
    boundary = 0  # tokens before this belong to an earlier statement
    quoted = _opening_quote(ctx) if cues else None
    n = 0
    while n < len(cues):
        cue = cues[n]
        ref = cue.values[0]
        next_cue = cues[n + 1].first if n + 1 < len(cues) else len(tokens)
        if quoted is not None and n == 0 and 0 < cue.first - quoted <= _QUOTE_REACH:
            # «"…"، قال X» / ««…»، عراقچی گفت»: the quote that opens the sentence, said by the cue's subject
            subject = _subject(ctx, cue, quoted + 1)
            content: tuple[int, int, str] | None = (0, quoted, _QUOTE)
        else:
            subject = _subject(ctx, cue, boundary)
            content = _content(ctx, cue, ref, subject, boundary, next_cue, cues, n)
        boundary = cue.last + 1
        n += 1
        if content is None:
            if subject is not None and subject.explicit and not subject.speakers:
                blocked = True
            continue
        first, last, marked = content
        relay = _relayed(ctx, first, last, cues, participles)
        if relay is not None:
            inner, speaker_chunk = relay
            if inner in cues:  # the relayed cue is read next, with the relayed speaker as its subject
                boundary = speaker_chunk.first
                n = cues.index(inner)
                continue
            seg = _relayed_participle(ctx, inner, speaker_chunk, last)
            if seg is not None:
                segments.append(seg)
            continue
        if subject is None or not subject.speakers:
            blocked = blocked or (subject is not None and subject.explicit)
            continue
        if _describes_meeting(ctx, first, last):
            continue
        seg = _segment(ctx, cue, ref, subject.speakers, first, last, marked)
        if seg is not None:
            segments.append(seg)
    return segments, blocked


def _opening_quote(ctx: _Context) -> int | None:
    """The token that closes a quote the sentence opens with, if a speech cue follows it."""
    tokens = ctx.tokens
    if not tokens or tokens[0].text != _QUOTE:
        return None
    end = next((k for k in range(1, len(tokens) - 1) if tokens[k].text == _QUOTE), None)
    if end is None or sum(1 for t in tokens[1:end] if t.is_word) < _MIN_WORDS:
        return None  # «"حماس" تؤكد …»: a quoted name, not a quoted statement
    return end


def _segment(ctx: _Context, cue: PhraseMatch[SpeechRef], ref: SpeechRef, speakers: list[str],
             first: int, last: int, marked: str) -> _Segment | None:
    tokens = ctx.tokens
    while first <= last and tokens[first].text in _END_MARKS:
        first += 1
    while last >= first and tokens[last].text in _END_MARKS:
        last -= 1
    if sum(1 for t in tokens[first:last + 1] if t.is_word) < _MIN_WORDS:
        return None
    form = "direct" if marked in (":", _QUOTE) else "reported"
    return _Segment(speakers, tokens[first].start, tokens[last].end,
                    ctx.doc.text[tokens[cue.first].start:tokens[cue.last].end], form, ctx.sentence,
                    f"claim.{ctx.lang.language}.{ref.type}.{ref.form}", _feminine(ctx, cue),
                    marked == ":" and _ends_sentence(tokens, last))


def _ends_sentence(tokens: Sequence[Token], last: int) -> bool:
    return all(not t.is_word for t in tokens[last + 1:])


# --- the subject of a cue -------------------------------------------------------------------------


def _subject(ctx: _Context, cue: PhraseMatch[SpeechRef], boundary: int) -> _Subject | None:
    """Who speaks; None when nobody can be told (not even from the focus)."""
    subject = _named_subject(ctx, cue, boundary)
    if subject is not None and not subject.speakers and subject.chunk is not None and \
            subject.chunk.kind == "title" and cue.values[0].type in _CONTINUING_TYPES and ctx.focus.speakers:
        # «وأضاف الوزير التركي»: a title kg cannot give a holder, but «added» goes on with the last speaker
        return _Subject(list(ctx.focus.speakers), subject.chunk, explicit=False)
    return subject


def _named_subject(ctx: _Context, cue: PhraseMatch[SpeechRef], boundary: int) -> _Subject | None:
    tokens, chunks = ctx.tokens, ctx.chunks
    ref = cue.values[0]
    # right after the cue: Arabic «قال X», «وأكد الجانبان»; «به گفته وی»; «… گفت وی»
    after = [c for c in chunks if cue.last < c.first <= cue.last + 2]
    if ref.form == "noun":
        after = [c for c in chunks if c.first == cue.last + 1] or after
    if after and (ctx.arabic or ref.form == "noun" or after[0].kind == "pronoun"):
        chunk = after[0]
        if chunk.kind in ("pronoun", "joint") or _person(chunk, ctx.person_types):
            return _Subject(_who(ctx, chunk, ref), chunk)
        between = tokens[cue.last + 1] if chunk.first == cue.last + 2 else None
        if not _governed(ctx, chunk) and (between is None or not between.is_word
                                          or ctx.lang.honorifics.match_at(tokens, between.index)):
            return _Subject([], chunk)  # «قالت الخارجية الإيرانية …», «وأكد سعادة وزير الدولة …» (unknown)
    if ctx.arabic and _plural_title(ctx, cue.last + 1):
        # «وأكد وزراء الخارجية …»: a verb before its subject stays singular in Arabic
        group = ctx.participants or ctx.focus.group
        return _Subject(list(group)) if len(group) > 1 else _Subject([])
    if cue.last + 1 < len(tokens) and (ctx.arabic or ref.form == "noun") and _unknown_name(ctx, cue.last + 1):
        return _Subject([])  # «قال محمد …» with a name kg does not know
    if ctx.arabic and ref.type in _MARKED_TYPES and _unknown_subject_ar(ctx, cue):
        return _Subject([])
    found = _arabic_subject_before(ctx, cue, boundary) if ctx.arabic else _persian_subject(ctx, cue, boundary)
    if found is not None:
        return found
    if ref.form == "plural":
        group = ctx.participants or ctx.focus.group
        return _Subject(list(group), explicit=False) if group else None
    if ctx.arabic and ctx.focus.feminine is not None and _feminine(ctx, cue) != ctx.focus.feminine:
        return None  # «وأضافت» cannot continue a man's statement
    return _Subject(list(ctx.focus.speakers), explicit=False) if ctx.focus.speakers else None


def _plural_title(ctx: _Context, i: int) -> bool:
    """«وزراء الخارجية», «وزرای خارجه»: several holders of a post, named by the post alone."""
    if i >= len(ctx.tokens) or any(c.first <= i <= c.last for c in ctx.chunks):
        return False
    m = ctx.lang.titles.match_at(ctx.tokens, i)
    return m is not None and any(v.form == "plural" for v in m.values)


def _unknown_name(ctx: _Context, i: int) -> bool:
    """An honorific or a given name that no chunk covers or continues into: a person the article names
    and kg does not know («آقای کاظمی قمی گفت», «حسن … گفت»)."""
    tokens = ctx.tokens
    if any(c.first <= i <= c.last for c in ctx.chunks) or not tokens[i].is_word or \
            ctx.lang.stopwords.get(fold_key(tokens[i].text)) in ("function", "verb"):
        return False  # «على» is not «علی»
    honorific = ctx.lang.honorifics.match_at(tokens, i)
    if honorific is None and fold_key(tokens[i].text) not in ctx.lang.given_names:
        return False
    nxt = (honorific.last if honorific is not None else i) + 1
    return not any(c.first == nxt for c in ctx.chunks)  # «رشید مرادوف»: the chunk holds the surname


def _unknown_subject_ar(ctx: _Context, cue: PhraseMatch[SpeechRef]) -> bool:
    """«قال درويش إن …» / «وأضاف البيان أن …»: a word kg does not know between a verb of saying and its
    «إن», «:» or quote is the verb's subject."""
    tokens = ctx.tokens
    i = cue.last + 1
    if i >= len(tokens) or not tokens[i].is_word or any(c.first <= i <= c.last for c in ctx.chunks):
        return False
    text = tokens[i].text
    if ctx.lang.stopwords.get(fold_key(text)) is not None or text.startswith(_PREPOSITION_CLITICS) \
            or text.endswith(_ADVERB_ENDINGS) or text in _ADVERBS_AR \
            or ctx.lang.speech_cues.match_at(tokens, i) is not None:
        return False  # «وأضاف قائلا:», «وقال لاحقا إن», «وقال كذلك إن»
    for k in range(i + 1, min(i + 4, len(tokens))):
        if tokens[k].text in (":", _QUOTE) or _complementizer(ctx, k):
            return True
    return False


def _arabic_subject_before(ctx: _Context, cue: PhraseMatch[SpeechRef], boundary: int) -> _Subject | None:
    """«أن فيدان شدد» / «وكان ولي العهد قد أكد» / «… نواف سلام في السراي، الذي أكد» / the clause's subject."""
    tokens, chunks = ctx.tokens, ctx.chunks
    j = cue.first - 1
    if j >= boundary and tokens[j].text in _BEFORE_VERB_AR:
        j -= 1
    # «X يستقبل Y ويؤكد …»: a cue behind «و» starts a clause of its own; Y is the object of the last one
    adjacent = None if cue.clitic.startswith("و") else \
        next((c for c in chunks if c.last == j and c.first >= boundary), None)
    if adjacent is not None:
        if adjacent.kind in ("pronoun", "joint") or _person(adjacent, ctx.person_types):
            return _Subject(_who(ctx, adjacent, cue.values[0]), adjacent)
        if not _governed(ctx, adjacent):
            return _Subject([], adjacent)
    if j >= 0 and tokens[j].text in _RELATIVE_AR:
        antecedent = [c for c in chunks
                      if c.last < j and j - c.last <= _RELAY_REACH and _person(c, ctx.person_types)]
        if antecedent:
            return _Subject(_who(ctx, antecedent[-1], cue.values[0]), antecedent[-1])
    start = _clause_start(ctx, boundary)
    for chunk in chunks:
        if chunk.first < start or chunk.last >= cue.first or _governed(ctx, chunk):
            continue
        if chunk.kind in ("pronoun", "joint") or _person(chunk, ctx.person_types):
            return _Subject(_who(ctx, chunk, cue.values[0]), chunk)
        if chunk.type in ("Organization", "Country"):
            return _Subject([], chunk)  # «ورحبت المملكة وإيران …، وأكدتا …»: states speak
    return None


def _persian_subject(ctx: _Context, cue: PhraseMatch[SpeechRef], boundary: int) -> _Subject | None:
    """SOV: the first chunk of the clause that is not governed by a preposition or inside a «که» clause."""
    tokens = ctx.tokens
    start = _clause_start(ctx, boundary)
    inside = _relative_clauses(ctx, start, cue.first)
    also = next((k for k in range(start, cue.first) if tokens[k].text in _ALSO_FA and k not in inside), None)
    opening = any(c.first == start for c in ctx.chunks)
    if also is not None and also > start and not opening:  # «X نیز … گفت»: X is the subject
        j = also - 1
        while j > start and tokens[j].text in _COMMAS:
            j -= 1
        chunk = next((c for c in ctx.chunks if c.last == j), None)
        if chunk is None:
            return _Subject([])  # «آل‌صادق نیز …»: a subject kg does not know
        if chunk.kind in ("pronoun", "joint") or _person(chunk, ctx.person_types):
            return _Subject(_who(ctx, chunk, cue.values[0]), chunk)
        return _Subject([], chunk)
    if start < cue.first and _unknown_name(ctx, start):
        return _Subject([])  # «آقای کاظمی قمی … گفت», «حسن … گفت»: a person kg does not know
    for chunk in ctx.chunks:
        if chunk.first < start or chunk.last >= cue.first or chunk.first in inside or _governed(ctx, chunk):
            continue
        if chunk.kind in ("pronoun", "joint") or _person(chunk, ctx.person_types):
            return _Subject(_who(ctx, chunk, cue.values[0]), chunk)
        if _not_a_person(chunk, ctx.person_types) and chunk.first <= start + 2:
            return _Subject([], chunk)  # «ایران … اعلام کرد», «سرپرست وزارت خارجه طالبان گفت»
    return None


def _who(ctx: _Context, chunk: Chunk, ref: SpeechRef) -> list[str]:
    if chunk.kind == "joint" or (chunk.kind == "pronoun" and chunk.number in ("plural", "dual")):
        return list(ctx.participants or ctx.focus.group)
    if chunk.kind == "pronoun":
        return list(ctx.focus.speakers)
    if ref.form == "plural":
        return _coordination(ctx, chunk)
    return [chunk.actor] if chunk.actor else []


def _feminine(ctx: _Context, cue: PhraseMatch[SpeechRef]) -> bool:
    """Arabic «قالت، أضافت، أكدت»: the masculine cue plus «ت» (the subject is a woman or a feminine noun)."""
    if not ctx.arabic:
        return False
    word = ctx.tokens[cue.first].text[len(cue.clitic):]
    return len(word) > 3 and word.endswith("ت") and bool(ctx.lang.speech_cues.lookup(word[:-1]))


# --- the statement a cue introduces --------------------------------------------------------------


def _content(ctx: _Context, cue: PhraseMatch[SpeechRef], ref: SpeechRef, subject: _Subject | None,
             boundary: int, next_cue: int, cues: list[PhraseMatch[SpeechRef]],
             n: int) -> tuple[int, int, str] | None:
    """Token range of the statement and the mark that opened it (":", '"', "that", "" for none)."""
    tokens = ctx.tokens
    chunk = subject.chunk if subject is not None else None
    after = cue.last + 1
    if chunk is not None and chunk.first > cue.last:
        after = chunk.last + 1
    if after >= len(tokens):
        after = len(tokens)
    if ref.form == "noun":  # به گفته وی، …
        return after, len(tokens) - 1, ""
    end = _end_before(ctx, next_cue, cues, n)
    if ctx.arabic:
        return _arabic_content(ctx, ref, after, next_cue, end)
    if after < len(tokens):
        text = tokens[after].text
        marked = ""
        if text in (":", _QUOTE):
            marked = text
        elif text in _COMMAS and ref.type in _COMMA_TYPES:
            marked = ":"
        elif _complementizer(ctx, after):
            marked = "that"
        elif _clause_follows(ctx, after, next_cue):
            return after, end, "clause"
        if marked:
            if (text == ":" or text in _COMMAS) and _complementizer(ctx, after + 1):
                after, marked = after + 1, "that"
            return (after if marked == _QUOTE else after + 1), end, marked
    # Persian verb-last: «X … بر … تاکید کرد» / «X … را … دانست»
    if ref.type not in _SOV_TYPES:
        return None
    start = chunk.last + 1 if chunk is not None and boundary <= chunk.last < cue.first else boundary
    if any(t.text in _RELATIVE_FA for t in tokens[start:cue.first]):
        return None  # the cue closes a relative clause («… که … دانست»): not the subject's statement
    return start, cue.first - 1, ""


def _arabic_content(ctx: _Context, ref: SpeechRef, start: int, next_cue: int,
                    end: int) -> tuple[int, int, str] | None:
    """After the cue (and its subject): «إن …», «: …», a quote — past adverbials — or a nominal complement."""
    tokens = ctx.tokens
    if ref.type in _APPRAISAL_TYPES:
        return start, end, ""
    limit = min(next_cue, len(tokens), start + _MAX_GAP)
    marked_only = ref.type in _MARKED_TYPES  # «قال X للصحافيين: …»: read on to the mark
    k = start
    while k < limit:
        text = tokens[k].text
        if text == ":":
            return k + 1, end, ":"
        if text == _QUOTE:
            return k, end, _QUOTE
        if _complementizer(ctx, k):
            return k + 1, end, "that"
        if not marked_only:
            if text in _ARGUMENT_PREPOSITIONS and not _complementizer(ctx, k + 1):
                break  # «شدد على ضرورة …»
            if k == start and tokens[k].is_word and ctx.lang.stopwords.get(fold_key(text)) is None:
                break  # «أكد ضرورة …»: the object follows the verb at once
        k += 1
    if ref.type in _MARKED_TYPES:
        return None
    return start, end, ""


def _end_before(ctx: _Context, next_cue: int, cues: list[PhraseMatch[SpeechRef]], n: int) -> int:
    """A statement runs to the end of the sentence, or up to the speaker of the next statement."""
    tokens = ctx.tokens
    if next_cue >= len(tokens):
        return len(tokens) - 1
    nxt = cues[n + 1]
    after_next = nxt.last + 1
    opens_new = after_next < len(tokens) and tokens[after_next].text in (":", _QUOTE)
    if not opens_new:
        return len(tokens) - 1
    # the next statement's own subject (a name or pronoun just before its cue) is not part of this one
    end = nxt.first - 1
    for chunk in ctx.chunks:
        if chunk.last == end or chunk.last == end - 1:
            end = chunk.first - 1
    while end > 0 and (tokens[end].text in _JOINERS or tokens[end].text in _COMMAS):
        end -= 1
    return end


def _clause_follows(ctx: _Context, after: int, next_cue: int) -> bool:
    """Persian reported speech without «که»: «تاکید کرد حماس از هر سازوکاری … استقبال می‌کند»."""
    tokens = ctx.tokens
    if tokens[after].text in ("و", ".", "؛") or not tokens[after].is_word:
        return False
    return sum(1 for t in tokens[after:next_cue] if t.is_word) >= _MIN_WORDS


def _complementizer(ctx: _Context, i: int) -> bool:
    if i >= len(ctx.tokens):
        return False
    m = ctx.lang.connectors.match_at(ctx.tokens, i)
    return m is not None and "complementizer" in m.values


def _relayed(ctx: _Context, first: int, last: int, cues: list[PhraseMatch[SpeechRef]],
             participles: list[PhraseMatch[SpeechRef]]) -> tuple[PhraseMatch[SpeechRef], Chunk] | None:
    """«بأن الوزير X أكد …» / «أن X أطلع نظيره …، مؤكدا أن …»: the statement is X's, not the relayer's."""
    k = first
    while k <= last and ctx.tokens[k].text in (_QUOTE, ":") + tuple(_COMMAS):
        k += 1
    chunk = next((c for c in ctx.chunks if c.first == k), None)
    if chunk is None or not _person(chunk, ctx.person_types):
        return None
    for cue in cues:
        if chunk.last < cue.first <= min(last, chunk.last + _RELAY_REACH + 1):
            return cue, chunk
    following = [c.first for c in cues if c.first > chunk.last]
    stop = min(following) if following else last + 1
    for p in participles:
        if chunk.last < p.first < min(stop, last + 1):
            return p, chunk
    return None


def _relayed_participle(ctx: _Context, participle: PhraseMatch[SpeechRef], speaker: Chunk,
                        last: int) -> _Segment | None:
    ref = participle.values[0]
    content = _arabic_content(ctx, ref, participle.last + 1, last + 1, last) if ctx.arabic else \
        (participle.last + 1, last, "")
    if content is None or not speaker.actor:
        return None
    first, end, marked = content
    return _segment(ctx, participle, ref, [speaker.actor], first, end, marked)


def _describes_meeting(ctx: _Context, first: int, last: int) -> bool:
    """«در این دیدار روی … گفتگو شده است» / «X در تماس تلفنی با Y … گفت‌وگو کرد»: what a meeting
    discussed, told as its outcome, not a statement of the speaker."""
    tokens = ctx.tokens
    while first < last and not tokens[first].is_word:
        first += 1
    while last > first and not tokens[last].is_word:
        last -= 1
    words = [k for k in range(first, last + 1) if tokens[k].is_word]
    if not words:
        return False
    tail = set(words[-4:])
    opening = ctx.lang.connectors.match_at(tokens, first)
    about_meeting = opening is not None and "this_meeting" in opening.values
    for m in ctx.lang.meeting_cues.find_all(tokens, overlapping=True):
        if m.first < first or m.last > last:
            continue
        ref = m.values[0]
        if m.last in (words[-1], words[-2] if len(words) > 1 else -1) and ref.position == "verb":
            return True
        if about_meeting and ref.kind == "Talk" and m.first in tail:
            return True
    return False


# --- statements over several sentences --------------------------------------------------------------


def _run_on(doc: Document, seg: _Segment, consumed_until: int, lang: LanguageResources) -> tuple[int, int]:
    """A quote opened and not closed in its sentence runs on to the sentence that closes it; a «:»
    statement runs on over the next sentences of its paragraph while none of them has a cue."""
    text = doc.text[seg.start:seg.end]
    opened = sum(text.count(q) for q in ("«", "“"))
    closed = sum(text.count(q) for q in ("»", "”"))
    straight = text.count('"') % 2 == 1  # «"» opens and closes: an odd count is a quote left open
    end = seg.end
    following = doc.sentences[seg.sentence.index + 1:seg.sentence.index + 5]
    if opened > closed or straight:
        closing = ("»", "”") if opened > closed else ('"',)
        for sentence in following:
            if sentence.paragraph != seg.sentence.paragraph:
                break
            end = sentence.end
            consumed_until = sentence.index
            if any(q in sentence.text for q in closing):
                break
        return end, consumed_until
    if seg.open_colon and opened == closed:  # «نوشت: … . …»: the rest of the post
        for sentence in following:
            if sentence.paragraph != seg.sentence.paragraph or sentence.end - seg.start > _MAX_CHARS:
                break
            if lang.speech_cues.find_all(sentence.tokens):
                break
            end = sentence.end
            consumed_until = sentence.index
    return end, consumed_until


# --- from statements to claims -----------------------------------------------------------------------


def _claims(doc: Document, segments: list[_Segment], names: list[NameSpan],
            interactions: Sequence[Interaction], order: dict[str, int]) -> list[Claim]:
    """One claim per statement and speaker; the same statement twice (lead and body) is one claim."""
    kept = _dedupe(doc, segments)
    by_sentence: dict[int, list[NameSpan]] = {}
    for n in names:
        by_sentence.setdefault(n.sentence, []).append(n)
    claims: list[Claim] = []
    for seg in kept:
        covered = [seg.sentence]  # a quote or a «:» statement may run on over the next sentences
        for k in range(seg.sentence.index + 1, len(doc.sentences)):
            sentence = doc.sentences[k]
            if sentence.start >= seg.end:
                break
            covered.append(sentence)
        mentioned = tuple(sorted({n.actor for sentence in covered for n in by_sentence.get(sentence.index, [])
                                  if seg.start <= sentence.tokens[n.first].start < seg.end
                                  and n.via != "adjective"}))
        last = covered[-1]
        evidence = Evidence(doc.id, seg.sentence.start, last.end, doc.text[seg.sentence.start:last.end],
                            seg.rule, 0.85)
        text = doc.text[seg.start:seg.end].strip()
        for speaker in sorted(set(seg.speakers), key=lambda s: (order.get(s, len(order)), s)):
            claims.append(Claim((speaker,), text, seg.start, seg.end, seg.cue, seg.form, evidence,
                                _made_in(seg, speaker, interactions), mentioned))
    return claims


def _dedupe(doc: Document, segments: list[_Segment]) -> list[_Segment]:
    """The same statement twice (lead and body) is one claim; the longer wording is kept."""
    four: dict[tuple[int, int], set[str]] = {}  # letter 4-grams of each statement, made once
    segments = [seg for seg in segments
                if not ((seg.form == "headline" or _headline_like(doc, seg.sentence))
                        and _repeats_body(doc, seg, segments, four))]
    kept: list[tuple[_Segment, str, set[str]]] = []  # (statement, its key, its speakers)
    grams: dict[str, set[str]] = {}  # letter 5-grams of a wording, made when two wordings are compared

    def five(key: str) -> set[str]:
        found = grams.get(key)
        if found is None:
            found = grams[key] = {key[i:i + 5] for i in range(len(key) - 4)} if len(key) >= 10 else set()
        return found

    for seg in segments:
        if seg.end - seg.start > _MAX_CHARS:
            seg.end = seg.start + _MAX_CHARS
        key = fold_key(doc.text[seg.start:seg.end])
        speakers = set(seg.speakers)
        mine: set[str] | None = None
        for i, (_other, other_key, other_speakers) in enumerate(kept):
            if other_speakers != speakers:
                continue
            if key in other_key or other_key in key:
                same = True
            else:
                if mine is None:
                    mine = five(key)
                theirs = five(other_key)
                same = bool(mine and theirs and len(mine & theirs) / min(len(mine), len(theirs)) > _SAME_WORDING)
            if same:
                if len(key) > len(other_key):
                    kept[i] = (seg, key, speakers)
                break
        else:
            kept.append((seg, key, speakers))
    return [seg for seg, _key, _speakers in kept]


def _grams(text: str) -> set[str]:
    key = fold_key(text)
    return {key[i:i + 4] for i in range(len(key) - 3)}


def _headline_like(doc: Document, sentence: Sentence) -> bool:
    """A paragraph of one sentence with no full stop: a headline, a kicker or a caption."""
    paragraph = doc.paragraphs[sentence.paragraph]
    ending = sentence.text.rstrip().rstrip('»”"')[-1:]
    return paragraph.start == sentence.start and paragraph.end == sentence.end and ending not in ".!?؟"


def _repeats_body(doc: Document, headline: _Segment, segments: list[_Segment],
                  four: dict[tuple[int, int], set[str]] | None = None) -> bool:
    """A headline that only restates what the speaker says in the body: «لاريجاني في بيروت: نحترم قرارات
    الدولة اللبنانية» after «إيران لا تتدخل في القرارات اللبنانية، ونحن نحترم …». Half of its letter
    4-grams recur in the speaker's other statements; a headline quote of its own shares few.
    `four` keeps each statement's 4-grams, by its span, across the calls for one article."""
    if four is None:
        four = {}

    def grams_of(seg: _Segment) -> set[str]:
        found = four.get((seg.start, seg.end))
        if found is None:
            found = four[(seg.start, seg.end)] = _grams(doc.text[seg.start:seg.end])
        return found

    grams = grams_of(headline)
    speakers = set(headline.speakers)
    others = [o for o in segments if o is not headline and set(o.speakers) == speakers
              and not _headline_like(doc, o.sentence)]
    if not grams or not others:
        return False
    body = set().union(*(grams_of(o) for o in others))
    return len(grams & body) / len(grams) >= _RESTATED


def _made_in(seg: _Segment, speaker: str, interactions: Sequence[Interaction]) -> str | None:
    """The interaction this statement was made in: the nearest one with the speaker as a principal."""
    best: tuple[int, str] | None = None
    for interaction in interactions:
        if speaker not in interaction.participants or interaction.kind in ("Visit", "Letter"):
            continue
        for ev in (interaction.evidence, *interaction.more_evidence):
            distance = seg.start - ev.start
            rank = distance if distance >= 0 else 10_000 - distance
            if best is None or rank < best[0]:
                best = (rank, interaction.local_id)
    return best[1] if best else None
