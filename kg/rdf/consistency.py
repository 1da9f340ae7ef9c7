"""The consistency report: facts that cannot all be true, with the evidence for each side.

- two people holding the same single-holder post (role_types.tsv `single`, kg:singleHolderPost in
  roles.ttl) of the same organisation or country at the same time;
- one person in contradictory posts at the same time: two posts the ontology says exclude each other
  (kg:excludes, e.g. a foreign minister and his own deputy) in one organisation, or the same
  single-holder post in two unrelated organisations or countries;
- an interaction dated after the death (kg:diedOn) of someone involved.

"At the same time" compares the dates roles are stated on (an article's date) and the spans of
known positions. Known positions are read conservatively so that imprecise dates raise no false
alarm: a start known to the month or year counts from the end of that month or year, an end from its
beginning, and an end day is the successor's first day (half-open). These are warnings: an article
can be wrong, or the extraction, or the knowledge base; the evidence says which to check.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph

from kg.rdf.closure import select

KG = "https://example.org/kg/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_EVIDENCE_CHARS = 160


@dataclass(frozen=True)
class Finding:
    """One inconsistency: what kind, a sentence saying what, and where each side comes from."""

    kind: str
    message: str
    evidence: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


@dataclass
class Statement:
    """A role as one source gives it: an article on its date, or the knowledge base with a span."""

    node: str
    holder: str
    role_class: str
    org: str | None
    low: str  # the first day it covers ("" = always)
    high: str  # the first day it no longer covers ("~" = still)
    known: bool
    source: str
    sentence: str = ""

    def evidence(self) -> str:
        if self.known:
            return f"knowledge base: {_short(self.holder)} {_local(self.role_class)} of {_short(self.org or '?')} " \
                   f"from {self.low or '?'} to {self.high if self.high != '~' else 'now'}"
        text = " ".join(self.sentence.split())
        if len(text) > _EVIDENCE_CHARS:
            text = text[:_EVIDENCE_CHARS - 1] + "…"
        return f"{_short(self.source)} ({self.low}): «{text}»" if text else f"{_short(self.source)} ({self.low})"


@dataclass
class _Ontology:
    """The class facts the checks need, read from the ontology graph."""

    supers: dict[str, set[str]] = field(default_factory=dict)
    post: dict[str, str] = field(default_factory=dict)  # role class → its single-holder post
    excludes: set[tuple[str, str]] = field(default_factory=set)

    def ancestry(self, cls: str) -> set[str]:
        return {cls} | self.supers.get(cls, set())

    def exclusive(self, a: str, b: str) -> bool:
        ancestors_a, ancestors_b = self.ancestry(a), self.ancestry(b)
        return any((x, y) in self.excludes or (y, x) in self.excludes for x in ancestors_a for y in ancestors_b)


def check_consistency(store: pyoxigraph.Store) -> list[Finding]:
    """Every finding of the three checks, sorted by kind and message."""
    ontology = _read_ontology(store)
    statements = list(role_statements(store))
    related = _related_organisations(store)
    findings = [*single_holder_conflicts(statements, ontology),
                *contradictory_roles(statements, ontology, related),
                *after_death(store)]
    return sorted(set(findings), key=lambda f: (f.kind, f.message))


# --- reading ---------------------------------------------------------------------------------------


def _rows(store: pyoxigraph.Store, query: str) -> Iterator[dict[str, str]]:
    return select(store, query, use_default_graph_as_union=True)


def _read_ontology(store: pyoxigraph.Store) -> _Ontology:
    ontology = _Ontology()
    for row in _rows(store, f"SELECT ?c ?d WHERE {{ ?c <{RDFS}subClassOf>+ ?d }}"):
        ontology.supers.setdefault(row["c"], set()).add(row["d"])
    for row in _rows(store, f"SELECT ?c ?p WHERE {{ ?c <{KG}singleHolderPost> ?p }}"):
        ontology.post[row["c"]] = row["p"]
    for row in _rows(store, f"SELECT ?a ?b WHERE {{ ?a <{KG}excludes> ?b }}"):
        ontology.excludes.add((row["a"], row["b"]))
    return ontology


def role_statements(store: pyoxigraph.Store) -> Iterator[Statement]:
    """Each role as each article states it (with its date), and each known position (with its span)."""
    query = f"""PREFIX kg: <{KG}>
    SELECT ?r ?holder ?class ?org ?on ?start ?end ?article (SAMPLE(?s) AS ?sentence) ?known WHERE {{
      GRAPH ?g {{
        ?r kg:holder ?holder ; a ?class .
        OPTIONAL {{ ?r kg:roleOf ?org }}
        OPTIONAL {{ ?r kg:attestedOn ?on }}
        OPTIONAL {{ ?r kg:startDate ?start }}
        OPTIONAL {{ ?r kg:endDate ?end }}
        OPTIONAL {{ ?r kg:source ?article }}
        OPTIONAL {{ ?r kg:evidence/kg:sentence ?s }}
        OPTIONAL {{ ?r a kg:KnownPosition . BIND (true AS ?known) }}
      }}
      FILTER (?class != kg:KnownPosition)
    }}
    GROUP BY ?r ?holder ?class ?org ?on ?start ?end ?article ?known"""
    for row in _rows(store, query):
        if "known" in row:
            low, high = _known_span(row.get("start"), row.get("end"))
            yield Statement(row["r"], row["holder"], row["class"], row.get("org"), low, high, True,
                            "knowledge base")
        elif "on" in row:
            yield Statement(row["r"], row["holder"], row["class"], row.get("org"), row["on"], row["on"] + "~",
                            False, row.get("article", ""), row.get("sentence", ""))


def _known_span(start: str | None, end: str | None) -> tuple[str, str]:
    """[low, high) as comparable strings; partial dates read so as to cover as little as possible."""
    low = "" if not start else start if len(start) == 10 else start + "~"
    high = "~" if not end else end
    return low, high


def _related_organisations(store: pyoxigraph.Store) -> dict[str, set[str]]:
    """For each organisation or country: itself, what it is part of, and its country."""
    related: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, f"SELECT ?o ?x WHERE {{ ?o <{KG}partOf>|<{KG}country> ?x }}"):
        related[row["o"]].add(row["x"])
    return related


# --- checks ----------------------------------------------------------------------------------------


def _overlap(a: Statement, b: Statement) -> bool:
    return a.low < b.high and b.low < a.high


def _pairs(group: list[Statement]) -> Iterator[tuple[Statement, Statement]]:
    """Overlapping pairs of a group: same-day statements by day, spans against everything else.

    Statements an article makes are single days and far outnumber known positions, so days are
    grouped and only the few spans are compared with every other statement: linear, not quadratic.
    """
    by_day: dict[str, list[Statement]] = defaultdict(list)
    spans = [s for s in group if s.known]
    days = sorted((s for s in group if not s.known), key=lambda s: s.low)
    for s in days:
        by_day[s.low].append(s)
    for same_day in by_day.values():
        for i, a in enumerate(same_day):
            for b in same_day[i + 1:]:
                yield a, b
    keys = [s.low for s in days]
    for i, span in enumerate(spans):
        for other in spans[i + 1:]:
            if _overlap(span, other):
                yield span, other
        for s in days[bisect.bisect_left(keys, span.low):bisect.bisect_left(keys, span.high)]:
            yield span, s


def single_holder_conflicts(statements: Iterable[Statement], ontology: _Ontology) -> Iterator[Finding]:
    """Two people in a single-holder post of one organisation at the same time."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        post = ontology.post.get(s.role_class)
        if post and s.org:
            groups[(post, s.org)].append(s)
    for (post, org), group in sorted(groups.items()):
        seen: set[frozenset[str]] = set()
        for a, b in _pairs(group):
            holders = frozenset((a.holder, b.holder))
            if len(holders) == 2 and holders not in seen:
                seen.add(holders)
                first, second = sorted((a, b), key=lambda s: s.holder)
                yield Finding("single-holder post", f"{_short(first.holder)} and {_short(second.holder)} both hold "
                              f"the post of {_local(post)} of {_short(org)} {_when(a, b)}",
                              (first.evidence(), second.evidence()), (first.holder, second.holder))


def contradictory_roles(statements: Iterable[Statement], ontology: _Ontology,
                        related: dict[str, set[str]]) -> Iterator[Finding]:
    """One person in posts that exclude each other, or in one single-holder post of two unrelated bodies."""
    by_holder: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        if s.org:
            by_holder[s.holder].append(s)
    for holder, group in sorted(by_holder.items()):
        seen: set[tuple[str, ...]] = set()
        for a, b in _pairs(group):
            a, b = sorted((a, b), key=lambda s: (s.role_class, s.org or ""))
            if a.org == b.org and ontology.exclusive(a.role_class, b.role_class):
                key = (a.role_class, b.role_class, a.org or "")
                what = f"{_local(a.role_class)} and {_local(b.role_class)} of {_short(a.org or '?')}"
            elif (a.org != b.org and ontology.post.get(a.role_class)
                    and ontology.post.get(a.role_class) == ontology.post.get(b.role_class)
                    and not _related(a.org, b.org, related)):
                key = (ontology.post[a.role_class], a.org or "", b.org or "")
                what = (f"{_local(ontology.post[a.role_class])} of both {_short(a.org or '?')} "
                        f"and {_short(b.org or '?')}")
            else:
                continue
            if key not in seen:
                seen.add(key)
                yield Finding("contradictory roles", f"{_short(holder)} is {what} {_when(a, b)}",
                              (a.evidence(), b.evidence()), (holder,))


def _related(a: str | None, b: str | None, related: dict[str, set[str]]) -> bool:
    ours, theirs = {a} | related.get(a or "", set()), {b} | related.get(b or "", set())
    return bool(ours & theirs)


def after_death(store: pyoxigraph.Store) -> Iterator[Finding]:
    """An interaction dated after the death of someone who took part in it or was present."""
    query = f"""PREFIX kg: <{KG}>
    SELECT ?person ?died ?i ?date (GROUP_CONCAT(DISTINCT STR(?article); separator=" ") AS ?articles) WHERE {{
      ?person kg:diedOn ?died .
      ?i kg:participant|kg:present ?person ; kg:date ?date .
      FILTER (?date > ?died)
      OPTIONAL {{ ?i kg:source ?article }}
    }} GROUP BY ?person ?died ?i ?date"""
    for row in _rows(store, query):
        articles = tuple(_short(a) for a in row.get("articles", "").split())
        yield Finding("after death", f"{_short(row['i'])} on {row['date']} involves {_short(row['person'])}, "
                      f"who died on {row['died']}", articles or ("no source",), (row["i"], row["person"]))


def _when(a: Statement, b: Statement) -> str:
    if not a.known and not b.known:
        return f"on {a.low}"
    day = b if a.known and not b.known else a if not a.known else None
    if day is not None:
        return f"on {day.low}"
    return f"from {max(a.low, b.low) or '?'}"


def _short(iri: str) -> str:
    """An IRI without the store's base: person/ali_bagheri_kani."""
    for marker in ("/person/", "/organization/", "/country/", "/place/", "/article/", "/meeting/", "/phone-call/",
                   "/visit/", "/letter/", "/press-conference/"):
        if marker in iri:
            return iri[iri.index(marker) + 1:]
    return iri


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]
