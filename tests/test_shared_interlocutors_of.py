"""`shared-interlocutors-of`, row for row and in order, against its definition computed in Python.

The query is written for Oxigraph's planner (restated interactions read once, principals told apart
with sameTerm, one sort key per row), so it is checked here against what it means: for the actor A,
(x, y, A) for every two contacts x < y of A, and (A, y) or (y, A) via v for every contact v of A and
every contact y ≠ A of v; first and last are the earliest and latest day among the interactions of the
two links ("" when none is dated); a link is a meeting or phone call whose type and both principals one
article graph states; its days are read from every graph; with ?from/?to only the days in the window
count (undated interactions then do not). Rows are ordered by via, a, b. Checked on the seed store, on a
small store made of the awkward cases, with either binding (substitution, or VALUES as an endpoint gets
them), and in order on an Oxigraph server and on Jena when they are installed. The query answers in two
ways — from the contact sheets made from rule 015's kg:Contact nodes when no window is given and the
store has them, from the
interactions otherwise — so every store is checked with and without those nodes and the contact sheets
made from them.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import kg, seed_store
from test_remote_stores import _java, jena, oxigraph_server  # noqa: F401 (fixtures)

from kg.queries import ActorResolver, bind, load_query, run, with_planning_hints
from kg.rdf.contact_sheets import SHEETS, write_contact_sheets
from kg.rdf.reason import reason
from kg.rdf.store import open_store
from kg.remote import RemoteStore, push, with_values

KG = "https://example.org/kg/ontology#"
B = "https://example.org/kg/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
WINDOWS = [{}, {"from": "2023-12-01"}, {"to": "2023-12-31"}, {"from": "2024-01-01", "to": "2024-06-30"},
           {"from": "2024-06-19", "to": "2024-06-19"}]


def expected(store: pyoxigraph.Store, actor: str, start: str | None = None, end: str | None = None
             ) -> list[tuple[str, str, str, str, str]]:
    """(a, b, via, first, last) by the definition above, read from the quads directly."""
    kinds = {KG + "Meeting", KG + "PhoneCall"}
    typed, principals, days = set(), defaultdict(set), defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, None):
        graph = q.graph_name
        if q.predicate.value == RDF_TYPE and q.object.value in kinds:
            typed.add((q.subject.value, graph))
        elif q.predicate.value == KG + "participant":
            principals[(q.subject.value, graph)].add(q.object.value)
        elif q.predicate.value == KG + "date":
            days[q.subject.value].add(q.object.value)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)  # (p, q) → the days of their interactions
    for (i, graph), people in principals.items():
        if (i, graph) not in typed:
            continue
        kept = {d for d in days[i] if (start is None or d >= start) and (end is None or d <= end)}
        if (start or end) and not kept:
            continue
        for p in people:
            for q in people - {p}:
                links[(p, q)] |= kept | ({"~"} if not kept else set())
    contacts = defaultdict(set)
    for p, q in links:
        contacts[p].add(q)

    def span(*pairs: tuple[str, str]) -> tuple[str, str]:
        dated = {d for pair in pairs for d in links[pair]} - {"~"}
        return (min(dated), max(dated)) if dated else ("", "")

    rows = []
    for x in contacts[actor]:
        for y in contacts[actor]:
            if x < y:
                rows.append((x, y, actor, *span((actor, x), (actor, y))))
    for via in contacts[actor]:
        for y in contacts[via] - {actor}:
            a, b = sorted((actor, y))
            rows.append((a, b, via, *span((actor, via), (via, y))))
    return sorted(rows, key=lambda r: (r[2], r[0], r[1]))


def answered(store, actor: str, window: dict[str, str], *, as_endpoint: bool = False) -> list[tuple[str, ...]]:
    query = load_query("shared-interlocutors-of")
    substitutions = bind(query, {"actor": actor, **window}, ActorResolver(store) if store else None)
    if as_endpoint:  # as kg.remote sends them: VALUES blocks only (planning hints, then the query's head)
        columns, rows = run(store, with_values(with_planning_hints(query.text, substitutions), substitutions))
    else:
        columns, rows = run(store, query.text, substitutions)
    assert columns == ["actor", "from", "to", "a", "b", "via", "first", "last"]
    return [tuple(row.get(c, "") for c in ("a", "b", "via", "first", "last")) for row in rows]


def contact_nodes(store: pyoxigraph.Store) -> set:
    """Rule 015's kg:Contact nodes."""
    typed = store.quads_for_pattern(None, pyoxigraph.NamedNode(RDF_TYPE), pyoxigraph.NamedNode(KG + "Contact"))
    return {q.subject for q in typed}


def contacts(store: pyoxigraph.Store) -> int:
    return len(contact_nodes(store))


def without_contacts(store: pyoxigraph.Store) -> pyoxigraph.Store:
    """A copy of `store` without rule 015's kg:Contact nodes and the contact sheets made from them (as
    built with an older kg, or an endpoint without graph/inferred): the query must then answer from
    the interactions."""
    nodes = contact_nodes(store)
    sheet_terms = {KG + "contactSheet", KG + "sortRank"}
    copy = pyoxigraph.Store()
    copy.extend(q for q in store.quads_for_pattern(None, None, None, None)
                if q.subject not in nodes and q.predicate.value not in sheet_terms and not in_sheet(q))
    return copy


def in_sheet(quad: pyoxigraph.Quad) -> bool:
    return isinstance(quad.graph_name, pyoxigraph.NamedNode) and quad.graph_name.value.startswith(B + SHEETS)


def actors_of(store: pyoxigraph.Store) -> list[str]:
    return sorted({q.object.value for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(KG + "participant"),
                                                                   None, None)})


@pytest.fixture(scope="module")
def seed() -> pyoxigraph.Store:
    return open_store(seed_store())


@pytest.mark.parametrize("summaries", [True, False], ids=["with-contacts", "without-contacts"])
def test_every_seed_actor_in_every_window_matches_the_definition(seed: pyoxigraph.Store, summaries: bool) -> None:
    assert contacts(seed) > 5  # the build's reasoning made them (rules 015, 060)
    store = seed if summaries else without_contacts(seed)
    checked = 0
    for actor in actors_of(store):
        for window in WINDOWS:
            want = expected(store, actor, window.get("from"), window.get("to"))
            assert answered(store, actor, window) == want, (actor, window)
            assert answered(store, actor, window, as_endpoint=True) == want, (actor, window)
            checked += len(want)
    assert checked > 30


def _awkward_store() -> pyoxigraph.Store:
    """Restated meetings with days in other graphs, a visit, a type stated in another graph, an undated
    call, a hub with contacts that share a prefix (…/p vs …/p_2), and an actor met twice."""
    store = pyoxigraph.Store()
    n = pyoxigraph.NamedNode

    def g(name: str) -> pyoxigraph.NamedNode:
        return n(B + "graph/article/" + name)

    def interaction(iri: str, kind: str, graph: str, *people: str, day: str | None = None) -> None:
        i = n(B + iri)
        store.add(pyoxigraph.Quad(i, n(RDF_TYPE), n(KG + kind), g(graph)))
        for p in people:
            store.add(pyoxigraph.Quad(i, n(KG + "participant"), n(B + "person/" + p), g(graph)))
        if day:
            store.add(pyoxigraph.Quad(i, n(KG + "date"), pyoxigraph.Literal(day, datatype=n(XSD_DATE)), g(graph)))

    interaction("meeting/1", "Meeting", "a1", "p", "hub", day="2024-01-05")
    interaction("meeting/1", "Meeting", "a2", "p", "hub")                       # restated, undated there
    interaction("meeting/1", "Meeting", "a3", "p", "hub", day="2024-01-06")     # another day for it
    interaction("meeting/2", "Meeting", "a1", "p", "hub", day="2023-03-01")     # met twice
    interaction("meeting/3", "Meeting", "a4", "hub", "p_2", "q", day="2023-12-31")
    interaction("call/1", "PhoneCall", "a5", "hub", "r")                        # never dated
    interaction("visit/1", "Visit", "a6", "hub", "s", day="2024-02-02")         # not talking to
    interaction("call/2", "PhoneCall", "a7", "p", "t", day="2024-06-19")
    # a meeting whose principals one article states and whose type another states: no link
    store.add(pyoxigraph.Quad(n(B + "meeting/4"), n(KG + "participant"), n(B + "person/hub"), g("a8")))
    store.add(pyoxigraph.Quad(n(B + "meeting/4"), n(KG + "participant"), n(B + "person/u"), g("a8")))
    store.add(pyoxigraph.Quad(n(B + "meeting/4"), n(RDF_TYPE), n(KG + "Meeting"), g("a9")))
    return store


@pytest.mark.parametrize("reasoned", [False, True], ids=["as-stated", "reasoned"])
def test_awkward_cases_match_the_definition(reasoned: bool) -> None:
    store = _awkward_store()
    if reasoned:  # kg:Contact nodes (rule 015), and rule 050's SharedInterlocutor nodes, also with kg:a/kg:b
        reason(store, B)
        assert contacts(store) == 6
    for actor in actors_of(store):
        for window in WINDOWS:
            want = expected(store, actor, window.get("from"), window.get("to"))
            assert answered(store, actor, window) == want, (actor, window)
            assert answered(store, actor, window, as_endpoint=True) == want, (actor, window)
    rows = answered(store, B + "person/p", {})
    assert (B + "person/p", B + "person/r", B + "person/hub", "2023-03-01", "2024-01-06") in rows
    assert not any(B + "person/s" in row or B + "person/u" in row for row in rows)
    assert (B + "person/hub", B + "person/t", B + "person/p", "2023-03-01", "2024-06-19") in rows


def test_contacts_answer_without_a_window_and_interactions_with_one() -> None:
    """Which way answers: a kg:Contact node stated by hand, with no interaction behind it, is in the
    answer once the contact sheets are written again, without a window only, and no longer once the
    store holds no sheet."""
    store = _awkward_store()
    reason(store, B)
    n = pyoxigraph.NamedNode
    hub, p, zz = B + "person/hub", B + "person/p", B + "person/zz"
    node, inferred = n(B + "contact/made-up"), n(B + "graph/inferred")
    for predicate, obj in ((RDF_TYPE, KG + "Contact"), (KG + "a", p), (KG + "b", zz)):
        store.add(pyoxigraph.Quad(node, n(predicate), n(obj), inferred))
    write_contact_sheets(store, B)
    made_up = (hub, zz, p, "2023-03-01", "2024-01-06")  # the days of hub–p; p–zz is undated
    assert made_up in answered(store, hub, {})
    assert made_up in answered(store, hub, {}, as_endpoint=True)
    for window in WINDOWS[1:]:
        assert not any(zz in row for row in answered(store, hub, window)), window
    assert not any(zz in row for row in answered(without_contacts(store), hub, {}))


# --- the same rows in the same order on the other stores ------------------------------------------------


CASES = [("ismail_haniyeh", {}), ("ali_bagheri_kani", {}), ("hossein_amir_abdollahian", {"from": "2023-12-01"}),
         ("ali_bagheri_kani", {"from": "2023-12-01", "to": "2024-12-31"})]


def _ordered(columns: list[str], rows) -> list[tuple[str, ...]]:
    return [tuple(row.get(c, "") for c in columns) for row in rows]


def test_an_oxigraph_server_gives_the_same_rows_in_the_same_order(oxigraph_server: str) -> None:  # noqa: F811
    seeds = seed_store()
    pushed = kg("push", str(seeds), "--endpoint", f"{oxigraph_server}/store")
    assert pushed.returncode == 0, pushed.stderr
    store, remote = open_store(seeds), RemoteStore(f"{oxigraph_server}/query")
    query = load_query("shared-interlocutors-of")
    for summaries in (True, False):
        if not summaries:  # the same graphs again, graph/inferred without its kg:Contact nodes and sheets
            store = without_contacts(store)
            push(store, f"{oxigraph_server}/store")
            assert not bool(remote.query(f"ASK {{ ?c a <{KG}Contact> }}"))
            assert not bool(remote.query(f"ASK {{ ?x <{KG}contactSheet> ?sheet }}"))
        for actor, window in CASES:
            substitutions = bind(query, {"actor": actor, **window}, ActorResolver(store))
            here = _ordered(*run(store, query.text, substitutions))
            there = _ordered(*run(remote, query.text, substitutions))
            assert there == here and here, (actor, window, summaries)


def test_jena_gives_the_same_rows_in_the_same_order(jena: list[str], tmp_path: Path) -> None:  # noqa: F811
    seeds = seed_store()
    store = open_store(seeds)
    query = load_query("shared-interlocutors-of")
    for summaries in (True, False):
        tdb = tmp_path / f"tdb2-{summaries}"
        if summaries:
            _java(jena, "tdb2.tdbloader", "--loc", str(tdb), str(seeds / "graph.trig"))
        else:  # graph/inferred without its kg:Contact nodes and sheets
            store = without_contacts(store)
            store.dump(tmp_path / "without-contacts.trig", format=pyoxigraph.RdfFormat.TRIG)
            _java(jena, "tdb2.tdbloader", "--loc", str(tdb), str(tmp_path / "without-contacts.trig"))
        for actor, window in CASES:
            substitutions = bind(query, {"actor": actor, **window}, ActorResolver(store))
            here = _ordered(*run(store, query.text, substitutions))
            (tmp_path / "q.rq").write_text(with_values(query.text, substitutions), encoding="utf-8")
            done = _java(jena, "tdb2.tdbquery", "--loc", str(tdb), "--set", "tdb:unionDefaultGraph=true",
                         "--results=json", "--query", str(tmp_path / "q.rq"))
            solutions = pyoxigraph.parse_query_results(done.stdout.encode(), pyoxigraph.QueryResultsFormat.JSON)
            columns = [v.value for v in solutions.variables]
            there = _ordered(columns, ({c: s[c].value for c in columns if s[c] is not None} for s in solutions))
            assert there == here and here, (actor, window, summaries)
