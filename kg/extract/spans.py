"""Token spans found in sentences: actor names, titles and cues, shared by the extractors.

Offsets here are token indexes within one sentence (`first`..`last` inclusive); records that leave
the extractors carry document offsets instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class NameSpan:
    """A name of an actor (knowledge base or discovered) in a sentence."""

    sentence: int
    first: int
    last: int
    actor: str
    type: str  # Person | Organization | Country | Place
    via: str  # name | short | discovered | adjective
    confidence: float = 1.0
    label: str = ""  # the name as written (for discovered actors and labels)
    lang: str = ""
    clitic: str = ""  # an Arabic proclitic the name was read behind (بـ، لـ، و…)


@dataclass(slots=True)
class TitleSpan:
    """A title phrase: modifiers + core title + qualifiers (حسین امیرعبداللهیان، *وزیر امور خارجه کشورمان*)."""

    sentence: int
    first: int  # first token incl. modifiers before the core
    last: int  # last token incl. qualifiers after the core
    core_first: int
    core_last: int
    role: str
    of: str | None
    acting: bool = False
    former: bool = False
    plural: bool = False
    form: str = "person"
    of_via: str = ""  # how `of` was found: fixed | mention | adjective | our_country | knowledge_base | home
    holder: str | None = None  # person key once attached or resolved
    holder_via: str = ""  # apposition-before | apposition-after | coordination | article | knowledge_base
    text: str = ""
    chained_to: int | None = None  # index of a title this one is coordinated with
    conjoined: bool = False  # written with an Arabic proclitic و: «ورئيس …», a new member of a list
    holders: list[str] = field(default_factory=list)  # plural titles: each holder
    members: list[tuple[str, int, int, str | None]] = field(default_factory=list)  # plural titles:
    # (organisation or country, first token, last token, holder) for «وزرای خارجه ترکیه و عمان»


@dataclass(slots=True)
class CueSpan:
    """An interaction or speech cue in a sentence."""

    sentence: int
    first: int
    last: int
    kind: str  # interaction kind, or speech type
    position: str  # verb | noun | finite | participle | plural
    text: str = ""
