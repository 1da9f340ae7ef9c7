"""Across articles: the same interaction reported by several outlets becomes one event.

Two reports are one event when they have the same kind and the same principals, their places agree
(or one is unknown) and their dates agree: equal days, or one report undated but published within
three days after the other's date, or both undated and published the same day. Reports that one
article keeps apart stay apart. The result maps every (article, local id) to an event identity from
which the IRI is minted; it is deterministic for a given set of extractions.

The merge reads only each article's id, publication day and interactions (kind, participants, date,
place, local id): a build keeps just those in memory (`light`, `merge_reports`) and streams the rest
of every article's records from the extraction cache when it writes the article's graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kg.records import Evidence, Extraction, Interaction

REPORTING_DELAY_DAYS = 3
# What an interaction keeps of its evidence once only the merge needs it (one object shared by all).
NO_EVIDENCE = Evidence("", 0, 0, "", "")


@dataclass(slots=True)
class Event:
    """One interaction with every report of it."""

    kind: str
    participants: tuple[str, ...]
    reports: list[tuple[str, Interaction]] = field(default_factory=list)  # (article id, record)
    day: str | None = None
    place: str | None = None
    published: list[str] = field(default_factory=list)

    @property
    def identity(self) -> str:
        if self.day:
            anchor = self.day
        else:
            article, record = min(self.reports, key=lambda r: (r[0], r[1].local_id))
            anchor = f"{article}#{record.local_id}"
        return "|".join((self.kind, ",".join(self.participants), anchor))

    @property
    def articles(self) -> list[str]:
        return sorted({a for a, _ in self.reports})


@dataclass(slots=True)
class MergeResult:
    events: list[Event]
    by_report: dict[tuple[str, str], Event]

    @property
    def merges(self) -> int:
        """How many reports were folded into an event another article had already reported."""
        return sum(len(e.articles) - 1 for e in self.events)


def merge_interactions(extractions: Iterable[Extraction]) -> MergeResult:
    """Merge the interactions of whole extractions (see `merge_reports`)."""
    return merge_reports((x.article.id, published_day(x), x.interactions) for x in extractions)


def published_day(extraction: Extraction) -> str | None:
    """The article's publication date when it is known to the day: what undated reports are placed by."""
    published = extraction.article.published
    return published.value if published and published.precision == "day" else None


def light(interaction: Interaction) -> Interaction:
    """The interaction with what the merge does not read (its evidence) left out, to keep in memory."""
    if interaction.evidence is NO_EVIDENCE and not interaction.more_evidence:
        return interaction
    return replace(interaction, evidence=NO_EVIDENCE, more_evidence=())


def merge_reports(articles: Iterable[tuple[str, str | None, Sequence[Interaction]]]) -> MergeResult:
    """Merge reports given per article as (article id, publication day or None, interactions)."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, Interaction, str | None]]] = defaultdict(list)
    for article_id, day, interactions in articles:
        for interaction in interactions:
            groups[(interaction.kind, interaction.participants)].append((article_id, interaction, day))
    events: list[Event] = []
    by_report: dict[tuple[str, str], Event] = {}
    for (kind, participants), reports in sorted(groups.items()):
        reports.sort(key=lambda r: (_day(r[1]) or r[2] or "9999", r[0], r[1].local_id))
        clusters: list[Event] = []
        for article, record, published in reports:
            for event in clusters:
                if _fits(event, article, record, published):
                    _add(event, article, record, published)
                    break
            else:
                event = Event(kind, participants)
                _add(event, article, record, published)
                clusters.append(event)
        for event in clusters:
            events.append(event)
            for article, record in event.reports:
                by_report[(article, record.local_id)] = event
    return MergeResult(events, by_report)


def _day(record: Interaction) -> str | None:
    return record.date.value if record.date and record.date.precision == "day" else None


def _add(event: Event, article: str, record: Interaction, published: str | None) -> None:
    event.reports.append((article, record))
    event.day = event.day or _day(record)
    event.place = event.place or record.place
    if published:
        event.published.append(published)


def _fits(event: Event, article: str, record: Interaction, published: str | None) -> bool:
    if any(a == article for a, _ in event.reports):
        return False  # the article itself told these apart
    if event.place and record.place and event.place != record.place:
        return False
    if record.date and any(r.date and not _overlap(r.date.value, record.date.value) for _, r in event.reports):
        return False  # «in February» and «on 4 May»: two events
    day = _day(record)
    if event.day and day:
        return event.day == day
    if event.day and not day:
        return published is not None and _within(event.day, published)
    if day and not event.day:
        return bool(event.published) and all(_within(day, p) for p in event.published)
    return published is not None and bool(event.published) and all(abs(_days(p, published)) <= 1
                                                                    for p in event.published)


def _overlap(a: str, b: str) -> bool:
    """Dates of any precision that can be the same day (2024-02 and 2024-02-11 can; 2024-02 and 2024-05-04 cannot)."""
    return a.startswith(b) or b.startswith(a)


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _within(day: str, published: str) -> bool:
    """A report published on `published` can be about an event on `day`."""
    return 0 <= _days(day, published) <= REPORTING_DELAY_DAYS
