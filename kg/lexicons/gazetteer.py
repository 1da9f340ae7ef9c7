"""The knowledge base (gazetteer): actors, their names in fa/ar/en, and who held which post when.

Three TSV files in `kg/lexicons/gazetteer/` (formats in `kg/lexicons/README.md`) are read with the
shared `read_tsv` and cross-checked here, so a bad id, date or ambiguous name fails at load time with
`path:line: problem` instead of producing a wrong fact later. Aliases are folded with `fold_phrase`
(the matcher's normalisation), so two spellings that fold alike count as one alias.

Dates may be partial (`2021`, `2021-09`, `2021-09-05`). A partial date is read leniently: a start of
`2021-09` means from 2021-09-01, an end of `2024-05` means through 2024-05-31.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg.lexicons.loader import LEXICON_DIR, Row, Schema, read_tsv
from kg.text.normalize import fold_phrase

__all__ = [
    "ACTOR_TYPES",
    "ALIAS_KINDS",
    "ALIAS_LANGUAGES",
    "GAZETTEER_DIR",
    "Gazetteer",
    "KBActor",
    "KBAlias",
    "KBPosition",
    "date_bounds",
    "load_gazetteer",
]

GAZETTEER_DIR = LEXICON_DIR / "gazetteer"
ACTOR_TYPES = ("person", "organization", "country", "place")
ALIAS_KINDS = ("name", "short", "adjective")
ALIAS_LANGUAGES = ("fa", "ar", "en")

_ID_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

ACTORS_SCHEMA = Schema(
    ("id", "type", "kind", "parent", "wikidata", "died", "en", "fa", "ar"),
    ("id", "type", "en"),
    unique=("id",),
    allowed=(("type", frozenset(ACTOR_TYPES)),),
)
ALIASES_SCHEMA = Schema(
    ("actor", "lang", "alias", "kind"),
    ("actor", "lang", "alias", "kind"),
    allowed=(("lang", frozenset(ALIAS_LANGUAGES)), ("kind", frozenset(ALIAS_KINDS))),
)
POSITIONS_SCHEMA = Schema(
    ("holder", "role", "of", "start", "end", "acting", "note"),
    ("holder", "role", "of", "acting"),
    allowed=(("acting", frozenset(("0", "1"))),),
)
ROLE_TYPES_SCHEMA = Schema(("id", "broader"), ("id",), unique=("id",))


_iso_day = lru_cache(maxsize=4096)(date.fromisoformat)  # articles ask about the same few days again and again


@lru_cache(maxsize=4096)
def date_bounds(text: str) -> tuple[date, date]:
    """First and last day a (possibly partial) ISO date can mean; ValueError if malformed or impossible."""
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(f"malformed date {text!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, int(month))[1] if 1 <= int(month) <= 12 else 0
            return date(year, int(month), 1), date(year, int(month), last)
        exact = date(year, int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"impossible date {text!r}") from exc
    return exact, exact


@dataclass(frozen=True, slots=True)
class KBActor:
    """A person, organisation, country or place that articles mention; `id` becomes its IRI."""

    id: str
    type: str
    kind: str
    parent: str | None
    wikidata: str | None
    died: str | None
    labels: dict[str, str] = field(default_factory=dict, hash=False)  # lang -> preferred label

    def label(self, lang: str = "en") -> str:
        """The preferred label in `lang`, falling back to English (which every actor has)."""
        return self.labels.get(lang) or self.labels["en"]


@dataclass(frozen=True, slots=True)
class KBAlias:
    """One name of an actor as written, and its folded matching form (`key`)."""

    actor: str
    lang: str
    alias: str
    kind: str  # "name" | "short" | "adjective"
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", fold_phrase(self.alias))


@dataclass(frozen=True, slots=True)
class KBPosition:
    """A post held by a person (`holder`) in an organisation or country (`of`) between two dates."""

    holder: str
    role: str
    of: str
    start: str | None
    end: str | None
    acting: bool
    note: str

    def covers(self, on: str) -> bool:
        """Whether the full ISO date `on` falls within [start, end]; partial bounds are read leniently."""
        day = _iso_day(on)
        if self.start is not None and day < date_bounds(self.start)[0]:
            return False
        return self.end is None or day <= date_bounds(self.end)[1]


class Gazetteer:
    """The loaded, validated knowledge base with the look-ups extractors and the resolver need."""

    def __init__(
        self,
        actors: dict[str, KBActor],
        aliases: list[KBAlias],
        positions: list[KBPosition],
        broader: Mapping[str, str | None],
    ) -> None:
        self.actors = actors
        self.aliases = aliases
        self.positions = positions
        self.broader: dict[str, str | None] = dict(broader)
        self._aliases_by_actor: dict[str, list[KBAlias]] = {actor_id: [] for actor_id in actors}
        for actor in actors.values():
            for lang, label in actor.labels.items():
                self._aliases_by_actor[actor.id].append(KBAlias(actor.id, lang, label, "name"))
        for alias in aliases:
            self._aliases_by_actor[alias.actor].append(alias)
        self._by_key: dict[str, list[KBAlias]] = {}
        for actor_aliases in self._aliases_by_actor.values():
            for alias in actor_aliases:
                self._by_key.setdefault(alias.key, []).append(alias)
        # per holder and per organisation, in file order: each post with the first and last day it can
        # cover (None: open), so that `covers` is two comparisons
        self._dated_by_holder: dict[str, list[tuple[KBPosition, date | None, date | None]]] = {}
        self._positions_by_of: dict[str, list[tuple[KBPosition, date | None, date | None]]] = {}
        for position in positions:
            first = date_bounds(position.start)[0] if position.start is not None else None
            last = date_bounds(position.end)[1] if position.end is not None else None
            self._dated_by_holder.setdefault(position.holder, []).append((position, first, last))
            self._positions_by_of.setdefault(position.of, []).append((position, first, last))
        self._chains: dict[str, list[str]] = {}  # role → broader_roles(role), computed once

    def __repr__(self) -> str:
        return (f"<Gazetteer {len(self.actors)} actors, {len(self.aliases)} aliases, "
                f"{len(self.positions)} positions>")

    def _actor(self, actor_id: str) -> KBActor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"unknown actor {actor_id!r}") from None

    def aliases_of(self, actor_id: str) -> list[KBAlias]:
        """Every name of the actor: its preferred labels (as kind "name") first, then aliases.tsv rows."""
        self._actor(actor_id)
        return list(self._aliases_by_actor[actor_id])

    def lookup(self, text: str) -> list[KBAlias]:
        """Aliases (of any actor) whose folded form equals the folded `text`."""
        return list(self._by_key.get(fold_phrase(text), ()))

    def positions_of(self, actor_id: str, on: str | None = None) -> list[KBPosition]:
        """The actor's posts in file order, only those covering the ISO date `on` when it is given."""
        self._actor(actor_id)
        dated = self._dated_by_holder.get(actor_id, ())
        if on is None or not dated:
            return [p for p, _first, _last in dated]
        day = _iso_day(on)  # (read only when there are posts to test, as `covers` would)
        return [p for p, first, last in dated
                if (first is None or day >= first) and (last is None or day <= last)]  # p.covers(on)

    def broader_roles(self, role: str) -> list[str]:
        """The role and every broader role above it in role_types.tsv, nearest first."""
        if role not in self.broader:
            raise KeyError(f"unknown role {role!r}")
        chain: list[str] = []
        current: str | None = role
        while current is not None and current not in chain:
            chain.append(current)
            current = self.broader.get(current)
        return chain

    def holders(self, role: str, of: str, on: str, include_narrower: bool = True) -> list[KBPosition]:
        """Who held `role` in `of` on the date `on`; with `include_narrower`, narrower roles count too.

        Narrower means lower in role_types.tsv's `broader` hierarchy: asking for `head_of_state` finds a
        `president` or `supreme_leader`, asking for `minister` finds a `foreign_minister`.
        """
        self.broader_roles(role)  # raises on an unknown role: a typo must not read as "nobody"
        self._actor(of)
        dated = self._positions_by_of.get(of, ())
        if not dated:
            return []
        day = _iso_day(on)  # (read only when there are posts to test, as `covers` would)
        found = []
        for position, first, last in dated:
            if (first is not None and day < first) or (last is not None and day > last):
                continue  # not position.covers(on)
            if position.role == role or (include_narrower and role in self._chain(position.role)):
                found.append(position)
        return found

    def _chain(self, role: str) -> list[str]:
        """`broader_roles(role)`, remembered (do not modify)."""
        chain = self._chains.get(role)
        if chain is None:
            chain = self._chains[role] = self.broader_roles(role)
        return chain

    def country_of(self, actor_id: str) -> str | None:
        """The country an actor belongs to: itself for a country, else the first country up its parents."""
        current: str | None = actor_id
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            actor = self._actor(current)
            if actor.type == "country":
                return actor.id
            current = actor.parent
        return None


def _load_role_types(role_types: Iterable[str] | Mapping[str, str | None] | None) -> dict[str, str | None]:
    if role_types is None:
        rows = read_tsv(LEXICON_DIR / "role_types.tsv", ROLE_TYPES_SCHEMA)
        return {row["id"]: row.get("broader") or None for row in rows}
    if isinstance(role_types, Mapping):
        return {role: (broader or None) for role, broader in role_types.items()}
    return dict.fromkeys(role_types)


def _check_date(row: Row, column: str) -> str | None:
    value = row.get(column)
    if not value:
        return None
    try:
        date_bounds(value)
    except ValueError as exc:
        raise row.error(f"{column}: {exc}") from None
    return value


def _read_actors(path: Path) -> tuple[dict[str, KBActor], dict[str, Row]]:
    actors: dict[str, KBActor] = {}
    rows: dict[str, Row] = {}
    for row in read_tsv(path, ACTORS_SCHEMA):
        actor_id = row["id"]
        if not _ID_RE.fullmatch(actor_id):
            raise row.error(f"id {actor_id!r} is not snake_case ASCII")
        wikidata = row.get("wikidata") or None
        if wikidata and not _WIKIDATA_RE.fullmatch(wikidata):
            raise row.error(f"wikidata {wikidata!r} does not match Q<digits>")
        died = _check_date(row, "died")
        if died and row["type"] != "person":
            raise row.error(f"died is only for persons, not for type {row['type']!r}")
        if row["type"] == "person":
            missing = [lang for lang in ("fa", "ar") if not row.get(lang)]
            if missing:
                raise row.error(f"person {actor_id!r} has no {' or '.join(missing)} label")
        labels = {lang: row[lang] for lang in ALIAS_LANGUAGES if row.get(lang)}
        actors[actor_id] = KBActor(actor_id, row["type"], row.get("kind"), row.get("parent") or None,
                                   wikidata, died, labels)
        rows[actor_id] = row
    for actor_id, actor in actors.items():
        if actor.parent is None:
            continue
        if actor.parent not in actors:
            raise rows[actor_id].error(f"parent {actor.parent!r} is not an actor id")
        seen = {actor_id}
        current: str | None = actor.parent
        while current is not None:
            if current in seen:
                raise rows[actor_id].error(f"parent chain of {actor_id!r} loops back to {current!r}")
            seen.add(current)
            current = actors[current].parent
    return actors, rows


def _read_aliases(path: Path, actors: dict[str, KBActor], actor_rows: dict[str, Row]) -> list[KBAlias]:
    """Aliases, checked together with the labels: no repeats per actor, no `name` shared by two actors."""
    seen: dict[tuple[str, str, str], Row] = {}  # (actor, lang, key) -> where first given
    names: dict[str, tuple[str, Row]] = {}  # key -> (actor, where) for kind "name"

    def register(alias: KBAlias, row: Row) -> None:
        if not alias.key:
            raise row.error(f"alias {alias.alias!r} is empty once folded")
        first = seen.get((alias.actor, alias.lang, alias.key))
        if first is not None:
            raise row.error(f"{alias.lang} alias {alias.alias!r} of {alias.actor!r} repeats "
                            f"{first.path}:{first.line} once folded")
        seen[(alias.actor, alias.lang, alias.key)] = row
        if alias.kind == "name":
            other = names.get(alias.key)
            if other is not None and other[0] != alias.actor:
                raise row.error(f"name {alias.alias!r} of {alias.actor!r} is also a name of {other[0]!r} "
                                f"({other[1].path}:{other[1].line}); make it 'short' on both or drop it")
            names.setdefault(alias.key, (alias.actor, row))

    for actor in actors.values():
        for lang, label in actor.labels.items():
            register(KBAlias(actor.id, lang, label, "name"), actor_rows[actor.id])
    aliases: list[KBAlias] = []
    for row in read_tsv(path, ALIASES_SCHEMA):
        if row["actor"] not in actors:
            raise row.error(f"actor {row['actor']!r} is not an actor id")
        alias = KBAlias(row["actor"], row["lang"], row["alias"], row["kind"])
        register(alias, row)
        aliases.append(alias)
    return aliases


def _read_positions(
    path: Path, actors: dict[str, KBActor], broader: Mapping[str, str | None]
) -> list[KBPosition]:
    positions: list[KBPosition] = []
    for row in read_tsv(path, POSITIONS_SCHEMA):
        holder, role, of = row["holder"], row["role"], row["of"]
        if holder not in actors:
            raise row.error(f"holder {holder!r} is not an actor id")
        if actors[holder].type != "person":
            raise row.error(f"holder {holder!r} is not a person (type {actors[holder].type!r})")
        if of not in actors:
            raise row.error(f"of {of!r} is not an actor id")
        if actors[of].type not in ("organization", "country"):
            raise row.error(f"of {of!r} is not an organization or country (type {actors[of].type!r})")
        if role not in broader:
            raise row.error(f"role {role!r} is not in role_types.tsv")
        start, end = _check_date(row, "start"), _check_date(row, "end")
        if start and end and date_bounds(start)[0] > date_bounds(end)[1]:
            raise row.error(f"start {start} is after end {end}")
        died = actors[holder].died
        if died:
            if end is None:
                raise row.error(f"open-ended post, but {holder!r} died on {died}")
            if date_bounds(end)[0] > date_bounds(died)[1]:
                raise row.error(f"end {end} is after {holder!r} died on {died}")
        positions.append(KBPosition(holder, role, of, start, end, row["acting"] == "1", row.get("note")))
    return positions


def load_gazetteer(
    directory: Path | None = None,
    role_types: Iterable[str] | Mapping[str, str | None] | None = None,
) -> Gazetteer:
    """Load and validate `actors.tsv`, `aliases.tsv` and `positions.tsv` from `directory`.

    `role_types` is the set of valid role ids, or a mapping role id -> broader role id (the hierarchy
    `holders` uses); by default both come from the shipped `role_types.tsv`. Raises `LexiconError`.
    """
    directory = GAZETTEER_DIR if directory is None else Path(directory)
    broader = _load_role_types(role_types)
    actors, actor_rows = _read_actors(directory / "actors.tsv")
    aliases = _read_aliases(directory / "aliases.tsv", actors, actor_rows)
    positions = _read_positions(directory / "positions.tsv", actors, broader)
    return Gazetteer(actors, aliases, positions, broader)

