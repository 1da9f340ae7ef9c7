"""Reading the actor network out of a store: interactions, who took part, actors' names and roles.

Everything comes from SPARQL over the union of the store's graphs (article graphs, the knowledge base
and the inferred graph), so `kg:host`/`kg:guest` count as participants through the reasoner's
`rdfs:subPropertyOf` closure and every fact keeps the articles it was read from.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from kg.errors import KGError

KG = "https://example.org/kg/ontology#"
KINDS = ("Meeting", "PhoneCall", "Visit", "Letter", "PressConference")
ACTOR_TYPES = ("Person", "Organization", "Country", "Place")
LANGUAGES = ("en", "fa", "ar")
_PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


class NetworkError(KGError):
    """A network cannot be built or asked about: bad filter, unknown actor, no path."""


@dataclass(frozen=True)
class Role:
    """A post a person held: from the knowledge base (`known`, with start/end) or as an article states it."""

    label: str
    of: str
    start: str
    end: str
    acting: bool
    known: bool
    attested: tuple[str, ...]
    sources: tuple[str, ...]

    def covers(self, day: str) -> bool:
        """Whether a known position was held on `day`; partial dates ("2023", "2019-12") count whole."""
        started = not self.start or self.start <= day
        return self.known and started and (not self.end or day <= self.end + "~")

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "of": self.of, "start": self.start, "end": self.end,
                "acting": self.acting, "known": self.known, "attested": list(self.attested),
                "sources": list(self.sources)}


@dataclass
class Actor:
    iri: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    in_knowledge_base: bool = False

    @property
    def label(self) -> str:
        """The display name: English, else Persian, else Arabic, else the IRI's last segment."""
        for lang in LANGUAGES:
            if lang in self.labels:
                return self.labels[lang]
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Interaction:
    iri: str
    kind: str
    date: str
    place: str
    participants: tuple[str, ...]
    present: tuple[str, ...]
    sources: tuple[str, ...]
    held: tuple[tuple[str, str], ...] = ()  # (person, organisation or country) from kg:roleHeld, if inferred

    @property
    def actors(self) -> tuple[str, ...]:
        return self.participants + tuple(a for a in self.present if a not in self.participants)

    def capacity(self, actor: str) -> str:
        return "participant" if actor in self.participants else "present"


@dataclass(frozen=True)
class Article:
    iri: str
    title: str
    published: str
    file_name: str
    language: str


@dataclass
class Contacts:
    """All the network is made of, read once from a store and shared by every view.

    `actors` holds every actor an interaction involves, every place, and every organisation or
    country a person holds a post in, so each can be named.
    """

    actors: dict[str, Actor]
    interactions: list[Interaction]
    articles: dict[str, Article]

    def select(self, since: str | None = None, until: str | None = None,
               kinds: Iterable[str] | None = None) -> list[Interaction]:
        """Interactions of the given kinds in [since, until]; undated ones drop out once a bound is given.

        An approximate date (a month "2024-06" or a year "2024") is kept when its period overlaps the range.
        """
        wanted = normalise_kinds(kinds)
        for bound in (since, until):
            if bound is not None and not _is_day(bound):
                raise NetworkError(f"{bound!r} is not a date (YYYY-MM-DD)")
        chosen = []
        for i in self.interactions:
            if i.kind not in wanted:
                continue
            if since or until:
                if not i.date:
                    continue
                if since and i.date + "~" < since:
                    continue
                if until and i.date > until:
                    continue
            chosen.append(i)
        return chosen

    def name(self, iri: str) -> str:
        """An actor's display name, or the IRI's last segment for an IRI the store does not name."""
        return self.actors[iri].label if iri in self.actors else iri.rstrip("/").rsplit("/", 1)[-1]

    def when(self, interaction: Interaction) -> str:
        """The interaction's date, or else the earliest publication date of an article reporting it."""
        if interaction.date:
            return interaction.date
        published = sorted(self.articles[s].published for s in interaction.sources
                           if s in self.articles and self.articles[s].published)
        return published[0] if published else ""


def normalise_kinds(kinds: Iterable[str] | None) -> set[str]:
    """Kinds by local name in any case (`phone-call`, `PhoneCall`); NetworkError on an unknown one."""
    if kinds is None:
        return set(KINDS)
    by_key = {k.lower(): k for k in KINDS}
    chosen = set()
    for kind in kinds:
        key = kind.rsplit("#", 1)[-1].replace("-", "").replace("_", "").lower()
        if key not in by_key:
            raise NetworkError(f"unknown interaction kind {kind!r} (kinds: {', '.join(KINDS)})")
        chosen.add(by_key[key])
    return chosen


def _is_day(text: str) -> bool:
    return len(text) == 10 and text[4] + text[7] == "--" and (text[:4] + text[5:7] + text[8:]).isdigit()


StoreLike = pyoxigraph.Store | str | os.PathLike
Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


def open_source(source: StoreLike) -> pyoxigraph.Store:
    """An open store as given, or the live database of a STORE folder (read-only)."""
    if isinstance(source, pyoxigraph.Store):
        return source
    from kg.rdf.store import open_store

    return open_store(Path(source))


def subject_objects(store: pyoxigraph.Store, predicate: str) -> list[tuple[str, Term]]:
    """(subject IRI, object) for one predicate, each pair once.

    One triple pattern per query, joined in Python: a fact stated by N articles is N quads, and under
    `use_default_graph_as_union` a SPARQL join of k such patterns yields N^k rows before DISTINCT
    (measured: a minute-long query on 1,000 articles).
    """
    result = store.query(f"{_PREFIXES} SELECT DISTINCT ?s ?o WHERE {{ ?s {predicate} ?o }}",
                         use_default_graph_as_union=True)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    return [(row["s"].value, row["o"]) for row in result if isinstance(row["s"], pyoxigraph.NamedNode)]


def kg_classes(store: pyoxigraph.Store) -> dict[str, set[str]]:
    """IRI → its kg: classes by local name (Meeting, Person, KnownPosition, Article…)."""
    found: dict[str, set[str]] = defaultdict(set)
    for iri, kind in subject_objects(store, "a"):
        if kind.value.startswith(KG):
            found[iri].add(_local(kind.value))
    return found


def values_of(store: pyoxigraph.Store, predicate: str, subjects: Collection[str]) -> dict[str, set[str]]:
    """Subject → the lexical values or IRIs of `predicate`, for the given subjects only."""
    found: dict[str, set[str]] = defaultdict(set)
    for subject, term in subject_objects(store, predicate):
        if subject in subjects:
            found[subject].add(term.value)
    return found


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


@dataclass
class _Facts:
    """What the queries say about one interaction, gathered before it is frozen."""

    kind: str
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    present: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    held: set[tuple[str, str]] = field(default_factory=set)

    def interaction(self, iri: str) -> Interaction:
        # The most precise date wins (a day over a month over a year); of several days, the earliest.
        dates = sorted(self.dates, key=lambda d: (-len(d), d))
        return Interaction(iri=iri, kind=self.kind, date=dates[0] if dates else "",
                           place=min(self.places) if self.places else "",
                           participants=tuple(sorted(self.participants)),
                           present=tuple(sorted(self.present - self.participants)),
                           sources=tuple(sorted(self.sources)), held=tuple(sorted(self.held)))


def read_contacts(source: StoreLike | Contacts) -> Contacts:
    """Every interaction with its actors, date, place and sources; every involved actor's names and roles."""
    if isinstance(source, Contacts):
        return source
    store = open_source(source)
    types = kg_classes(store)
    facts = {iri: _Facts(min(kinds & set(KINDS))) for iri, kinds in types.items() if kinds & set(KINDS)}
    for predicate, attribute in (("kg:date", "dates"), ("kg:approximateDate", "dates"),
                                 ("kg:place", "places"), ("kg:participant", "participants"),
                                 ("kg:present", "present"), ("kg:source", "sources")):
        for iri, values in values_of(store, predicate, facts).items():
            getattr(facts[iri], attribute).update(values)
    # The post each person held at the time, where the reasoner inferred it (rule 030-role-held).
    held = values_of(store, "kg:roleHeld", facts)
    if held:
        posts = {r for rs in held.values() for r in rs}
        holders, of = values_of(store, "kg:holder", posts), values_of(store, "kg:roleOf", posts)
        for iri, roles in held.items():
            facts[iri].held.update((h, o) for r in roles for h in holders.get(r, ()) for o in of.get(r, ()))
    interactions = [f.interaction(iri) for iri, f in facts.items()]
    interactions.sort(key=lambda i: (i.date or "~", i.iri))

    # Actors involved, places, and the organisations and countries persons hold posts in (for their names).
    involved = {a for i in interactions for a in i.actors} | {i.place for i in interactions if i.place}
    actors = _read_actors(store, types, involved)
    _read_roles(store, types, actors)
    posts_in = {role.of for a in actors.values() for role in a.roles if role.of} - set(actors)
    actors.update(_read_actors(store, types, posts_in))
    return Contacts(actors=actors, interactions=interactions, articles=_read_articles(store, types))


def _read_actors(store: pyoxigraph.Store, types: dict[str, set[str]],
                 iris: Collection[str]) -> dict[str, Actor]:
    actors = {iri: Actor(iri, min(types.get(iri, set()) & set(ACTOR_TYPES), default="Actor"))
              for iri in sorted(iris)}
    if not actors:
        return actors
    for iri, values in values_of(store, "kg:inKnowledgeBase", actors).items():
        actors[iri].in_knowledge_base = "true" in values
    # Per language: the knowledge base's preferred label, else the first label an article gives.
    candidates: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for rank, predicate in enumerate(("skos:prefLabel", "rdfs:label")):
        for iri, label in subject_objects(store, predicate):
            language = getattr(label, "language", None)
            if iri in actors and language in LANGUAGES:
                candidates[(iri, language)].append((rank, label.value))
    for (iri, language), found in candidates.items():
        actors[iri].labels[language] = min(found)[1]
    for actor in actors.values():
        actor.labels = {lang: actor.labels[lang] for lang in LANGUAGES if lang in actor.labels}
    return actors


def _read_roles(store: pyoxigraph.Store, types: dict[str, set[str]],
                actors: dict[str, Actor]) -> None:
    persons = {a.iri for a in actors.values() if a.type == "Person"}
    holders = {r: h for r, term in subject_objects(store, "kg:holder") if (h := term.value) in persons}
    if not holders:
        return
    values = {name: values_of(store, f"kg:{name}", holders)
              for name in ("roleLabel", "roleOf", "startDate", "endDate", "acting", "attestedOn", "source")}

    def one(name: str, role: str) -> str:
        return min(values[name].get(role, ()), default="")

    for role, holder in sorted(holders.items()):
        if not values["roleLabel"].get(role):
            continue
        actors[holder].roles.append(Role(
            label=one("roleLabel", role), of=one("roleOf", role), start=one("startDate", role),
            end=one("endDate", role), acting=one("acting", role) == "true",
            known="KnownPosition" in types.get(role, ()),
            attested=tuple(sorted(values["attestedOn"].get(role, ()))),
            sources=tuple(sorted(values["source"].get(role, ())))))
    for actor in actors.values():
        actor.roles.sort(key=lambda role: (role.start or min(role.attested, default="~"), role.label, role.of,
                                           role.known))


def _read_articles(store: pyoxigraph.Store, types: dict[str, set[str]]) -> dict[str, Article]:
    iris = {iri for iri, kinds in types.items() if "Article" in kinds}
    values = {name: values_of(store, f"kg:{name}", iris)
              for name in ("title", "published", "fileName", "language")}

    def one(name: str, iri: str) -> str:
        return min(values[name].get(iri, ()), default="")

    return {iri: Article(iri, one("title", iri), one("published", iri), one("fileName", iri),
                         one("language", iri)) for iri in sorted(iris)}
