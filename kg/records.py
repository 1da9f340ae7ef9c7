"""Typed records that extractors return: frozen, hashable, free of RDF and IRIs.

Every record carries the evidence it was read from (article, sentence offsets, the rule or lexicon
entry that fired, a confidence), so the graph can always say which article and sentence say so.
Actors are referred to by *keys*: a knowledge-base id (`ali_bagheri_kani`) or, for people found in
the text only, `new:` followed by the folded name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTOR_TYPES = ("Person", "Organization", "Country", "Place")
INTERACTION_KINDS = ("Meeting", "PhoneCall", "Visit", "Letter", "PressConference")
PRECISIONS = ("day", "month", "year")
CALENDARS = ("gregorian", "jalali", "hijri", "relative")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence span in the article text and the rule that produced it."""

    article: str
    start: int
    end: int
    sentence: str
    rule: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date read from text, normalised to the Gregorian calendar.

    `value` is ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY` according to `precision`; `calendar` is the
    calendar the text used (`relative` for "yesterday", "last Thursday" …); `anchor` is the ISO date a
    relative expression was resolved from; `start`/`end` locate `text` in the article (-1 when derived).
    """

    value: str
    precision: str
    calendar: str
    text: str
    start: int = -1
    end: int = -1
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an actor: a name, a title standing for a person, a pronoun."""

    actor: str
    start: int
    end: int
    text: str
    via: str  # "name" | "short" | "discovered" | "title" | "pronoun"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor the article refers to, with its labels as found (and from the knowledge base)."""

    key: str
    type: str  # one of ACTOR_TYPES
    labels: tuple[tuple[str, str], ...]  # (language, label)
    in_knowledge_base: bool
    confidence: float = 1.0
    wikidata: str | None = None
    parent: str | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A person holding a post, as the article states it (attested on the article's date)."""

    holder: str
    role: str  # id from role_types.tsv
    of: str | None  # organisation or country key
    acting: bool
    text: str  # the title as written
    date: str | None  # ISO date the role is attested on
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Interaction:
    """A meeting, phone call, visit, letter or press conference between actors."""

    local_id: str  # unique within the article: "i1", "i2" …
    kind: str  # one of INTERACTION_KINDS
    participants: tuple[str, ...]  # principals, sorted keys
    evidence: Evidence
    present: tuple[str, ...] = ()  # others present ("با حضور"), sorted keys
    host: str | None = None
    guest: str | None = None
    place: str | None = None
    date: DateValue | None = None
    occasion: str | None = None  # "on the sidelines of …" as written
    more_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement attributed to a speaker, in the original language."""

    speakers: tuple[str, ...]
    text: str
    start: int
    end: int
    cue: str  # the cue verb or mark as written ("گفت", "أكد", ":")
    form: str  # "direct" | "reported" | "headline"
    evidence: Evidence
    interaction: str | None = None  # local_id of the interaction it was made in
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What an article says about itself: language, outlet, cited agencies and publication date."""

    id: str
    path: str
    language: str
    sha256: str
    title: str | None = None
    publisher: str | None = None  # actor key of the outlet
    cites: tuple[str, ...] = ()
    published: DateValue | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: ArticleInfo
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[Role, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default=())
