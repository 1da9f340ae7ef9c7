"""`kg synth`: realistic-looking Persian and Arabic news articles from templates, for benchmarks only.

Each article reports a meeting or phone call between two persons on a dated day, quotes them, and
pads itself with analysis sentences to the length of a real article (≈4.6 KB). Persons come from
the knowledge base (with a title from the lexicons) and from a pool of invented names that grows
with the corpus; who appears follows a Zipf law, as in real news, so hubs exist. About a third of the
articles report an event another article already reported (same persons and day), so the
cross-article merge has work to do. The corpus is a pure function of (N, seed). Never use it to
measure accuracy: the templates are what the extractors were written for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import jdatetime

from kg.lexicons import Lexicons
from kg.lexicons.gazetteer import Gazetteer, KBActor, KBPosition, load_gazetteer
from kg.lexicons.loader import Schema, read_tsv

DATA = Path(__file__).resolve().parent / "synth_data"
LANGUAGES = ("fa", "ar")
FA_SHARE = 0.6
RETOLD_SHARE = 0.35  # articles that report an event an earlier article reported
PHONE_SHARE = 0.35
TARGET_BYTES = (3800, 5600)
START = date(2022, 1, 1)
DAYS = 3 * 365
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FA_GREGORIAN = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
                 "نوامبر", "دسامبر")


@dataclass(frozen=True, slots=True)
class Person:
    names: dict[str, str]  # language → name
    posts: tuple[tuple[KBPosition | None, dict[str, str]], ...]  # (post, or None: always; titles by language)

    def title(self, day: date, lang: str) -> str:
        """The title the person held on `day` ("وزیر امور خارجه روسیه"), or "" (named without a title)."""
        for post, titles in self.posts:
            if post is None or post.covers(day.isoformat()):
                return titles[lang]
        return ""


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # Meeting | PhoneCall
    a: Person
    b: Person
    place: dict[str, str]
    day: date


class Templates:
    """The frames of one language (kg/synth_data/<lang>.tsv) and its calendar words."""

    def __init__(self, language: str, lexicons: Lexicons) -> None:
        rows = read_tsv(DATA / f"{language}.tsv", Schema(("part", "text"), ("part", "text")))
        self.language = language
        self.parts: dict[str, list[str]] = {}
        for row in rows:
            self.parts.setdefault(row["part"], []).append(row["text"])
        weekdays: dict[int, str] = {}
        for row in lexicons.table(language, "weekdays"):
            weekdays.setdefault(int(row["weekday"]), row["name"])
        self.weekdays = weekdays
        self.months: dict[int, str] = {}  # the first name listed is the standard one (not Dari, Maghrebi)
        for row in lexicons.table(language, "months"):
            if row["calendar"] == ("gregorian" if language == "ar" else "jalali"):
                self.months.setdefault(int(row["month"]), row["name"])

    def date(self, day: date) -> str:
        if self.language == "fa":
            if day.day % 2:  # Iranian outlets write both calendars; alternate them
                j = jdatetime.date.fromgregorian(date=day)
                return f"{j.day} {self.months[j.month]} {j.year}".translate(_PERSIAN_DIGITS)
            return f"{day.day} {_FA_GREGORIAN[day.month - 1]} {day.year}".translate(_PERSIAN_DIGITS)
        return f"{day.day} {self.months[day.month]} {day.year}"


class Synthesizer:
    """Writes articles over a pool of actors drawn from the knowledge base and invented names."""

    def __init__(self, n: int, seed: int = 1, lexicons: Lexicons | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.random = random.Random(seed)
        self.lexicons = lexicons or Lexicons()
        self.kb = gazetteer or load_gazetteer()
        self.templates = {lang: Templates(lang, self.lexicons) for lang in LANGUAGES}
        self.persons = self._pool(max(50, n // 20))
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.persons))]
        self.places = [a.labels for a in self.kb.actors.values()
                       if a.type in ("place", "country") and all(a.labels.get(lang) for lang in LANGUAGES)]
        self.agencies = [a.labels for a in self.kb.actors.values()
                         if a.kind == "news_agency" and all(a.labels.get(lang) for lang in LANGUAGES)]
        self.events: list[Event] = []
        self.n = n

    def _titles(self) -> dict[str, dict[str, str]]:
        """A title per role and language, for persons (the first listed form without a fixed country)."""
        titles: dict[str, dict[str, str]] = {}
        for lang in LANGUAGES:
            for row in self.lexicons.table(lang, "titles"):
                if row["form"] == "person" and not row.get("of"):
                    titles.setdefault(row["role"], {}).setdefault(lang, row["title"])
        return {role: t for role, t in titles.items() if len(t) == len(LANGUAGES)}

    def _pool(self, invented: int) -> list[Person]:
        titles = self._titles()
        countries = [a for a in self.kb.actors.values()
                     if a.type == "country" and all(a.labels.get(lang) for lang in LANGUAGES)]
        people: list[Person] = []
        for key, actor in sorted(self.kb.actors.items()):
            if actor.type != "person" or actor.died or not all(actor.labels.get(lang) for lang in LANGUAGES):
                continue
            posts = tuple((p, {lang: self._title(titles[p.role][lang], self.kb.actors.get(p.of), lang)
                               for lang in LANGUAGES})
                          for p in self.kb.positions_of(key) if p.role in titles and not p.acting)
            if posts:
                people.append(Person({lang: actor.labels[lang] for lang in LANGUAGES}, posts))
        given = {lang: [r["name"] for r in self.lexicons.table(lang, "given_names")] for lang in LANGUAGES}
        surnames: dict[str, list[str]] = {}
        for row in read_tsv(DATA / "names.tsv", Schema(("lang", "surname"), ("lang", "surname"))):
            surnames.setdefault(row["lang"], []).append(row["surname"])
        roles = sorted(r for r in titles if r in ("deputy_foreign_minister", "foreign_minister",
                                                  "special_envoy", "head_of_delegation", "minister_of_state"))
        seen: set[str] = set()
        while invented > 0:
            lang = self.random.choice(LANGUAGES)
            name = f"{self.random.choice(given[lang])} {self.random.choice(surnames[lang])}"
            if name in seen:
                if len(seen) >= len(given[lang]) * len(surnames[lang]):
                    break
                continue
            seen.add(name)
            country = self.random.choice(countries)
            role = self.random.choice(roles)
            people.append(Person({other: name for other in LANGUAGES},
                                 ((None, {other: self._title(titles[role][other], country, other)
                                          for other in LANGUAGES}),)))
            invented -= 1
        self.random.shuffle(people)
        return people

    def _title(self, title: str, of: KBActor | None, lang: str) -> str:
        """«وزیر امور خارجه روسیه», «وزير الخارجية الروسي»: Arabic qualifies with the nisba when known."""
        if of is None or of.type != "country":
            return title
        if lang == "ar":
            nisba = [a.alias for a in self.kb.aliases_of(of.id) if a.kind == "adjective" and a.lang == "ar"
                     and a.alias.startswith("ال")]
            if nisba:
                return f"{title} {nisba[0]}"
        return f"{title} {of.labels.get(lang, '')}".strip()

    def _person(self) -> Person:
        return self.random.choices(self.persons, self.weights)[0]

    def _event(self, index: int) -> tuple[Event, date]:
        if self.events and self.random.random() < RETOLD_SHARE:
            event = self.random.choice(self.events[-200:])
            return event, event.day + timedelta(days=self.random.randint(0, 2))
        day = START + timedelta(days=index * DAYS // max(1, self.n))
        a = self._person()
        b = self._person()
        while b is a:
            b = self._person()
        kind = "PhoneCall" if self.random.random() < PHONE_SHARE else "Meeting"
        event = Event(kind, a, b, self.random.choice(self.places), day)
        self.events.append(event)
        return event, day

    def article(self, index: int) -> tuple[str, str]:
        """(language, text) of article `index`."""
        lang = "fa" if self.random.random() < FA_SHARE else "ar"
        t = self.templates[lang]
        event, published = self._event(index)
        topic = self.random.choice(t.parts["topic"])
        slots = {
            "A": event.a.names[lang], "B": event.b.names[lang],
            "A_title": event.a.title(event.day, lang), "B_title": event.b.title(event.day, lang),
            "place": event.place[lang], "date": t.date(event.day), "weekday": t.weekdays[event.day.weekday()],
            "agency": self.random.choice(self.agencies)[lang], "topic": topic,
        }
        pick = self.random.choice
        lines = [pick(t.parts["dateline"]).format(**{**slots, "date": t.date(published),
                                                     "weekday": t.weekdays[published.weekday()]}),
                 pick(t.parts["phone_headline" if event.kind == "PhoneCall" else "headline"]).format(**slots),
                 pick(t.parts["phone" if event.kind == "PhoneCall" else "meeting"]).format(**slots),
                 pick(t.parts["attribution"]).format(**slots)]
        for frame in self.random.sample(t.parts["claim"], 2):
            lines.append(frame.format(**slots, quote=pick(t.parts["quote"])))
        target = self.random.randint(*TARGET_BYTES)
        fillers = t.parts["filler"][:]
        self.random.shuffle(fillers)
        while fillers and sum(len(line.encode()) + 2 for line in lines) < target:
            lines.append(fillers.pop().format(**slots))
        return lang, "\n\n".join(" ".join(line.split()) for line in lines) + "\n"


def write_corpus(n: int, directory: Path, seed: int = 1) -> list[Path]:
    """Write `n` articles as DIR/NNNNNNN_<lang>.txt; returns their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    synth = Synthesizer(n, seed)
    paths = []
    for index in range(n):
        lang, text = synth.article(index)
        path = directory / f"{index:07d}_{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
