"""Contact sheets: one named graph per principal, listing whom it met or phoned, with the pair's first and
last dates and every principal's rank in IRI order — the same facts as rule 015's kg:Contact nodes and rule
060's dates, rewritten whole by every reasoning and dropped by a build without it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph
from store_helpers import SEEDS, kg

from kg.explain import explain
from kg.rdf.contact_sheets import SHEETS, sheet_iri, write_contact_sheets
from kg.rdf.reason import reason
from kg.rdf.store import open_store

KG = "https://example.org/kg/ontology#"
B = "https://example.org/kg/"
n = pyoxigraph.NamedNode


def _store() -> pyoxigraph.Store:
    """Two dated meetings of p and hub, an undated call of hub and r, a meeting of hub, q and s."""
    store = pyoxigraph.Store()
    graph = n(B + "graph/article/a1")

    def interaction(iri: str, kind: str, *people: str, day: str | None = None) -> None:
        store.add(pyoxigraph.Quad(n(B + iri), n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  n(KG + kind), graph))
        for p in people:
            store.add(pyoxigraph.Quad(n(B + iri), n(KG + "participant"), n(B + "person/" + p), graph))
        if day:
            store.add(pyoxigraph.Quad(n(B + iri), n(KG + "date"),
                                      pyoxigraph.Literal(day, datatype=n("http://www.w3.org/2001/XMLSchema#date")),
                                      graph))

    interaction("meeting/1", "Meeting", "p", "hub", day="2024-01-05")
    interaction("meeting/2", "Meeting", "hub", "p", day="2023-03-01")
    interaction("call/1", "PhoneCall", "hub", "r")
    interaction("meeting/3", "Meeting", "hub", "q", "s", day="2023-12-31")
    return store


def sheets(store: pyoxigraph.Store) -> dict[str, dict[str, dict[str, str]]]:
    """{owner: {other: {predicate name: value}}} read back from the sheet graphs."""
    links = {q.object.value: q.subject.value
             for q in store.quads_for_pattern(None, n(KG + "contactSheet"), None, n(B + "graph/inferred"))}
    out: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, pyoxigraph.NamedNode) and q.graph_name.value.startswith(B + SHEETS):
            out[links[q.graph_name.value]][q.subject.value][q.predicate.value.removeprefix(KG)] = q.object.value
    return {owner: dict(others) for owner, others in out.items()}


def test_every_pair_is_on_both_sheets_with_its_dates_and_ranks_in_iri_order() -> None:
    store = _store()
    reason(store, B)
    got = sheets(store)
    people = sorted(B + "person/" + p for p in ("hub", "p", "q", "r", "s"))
    rank = {p: str(i) for i, p in enumerate(people)}
    hub, p, q, r, s = (B + "person/" + x for x in ("hub", "p", "q", "r", "s"))
    assert got[hub] == {p: {"sortRank": rank[p], "firstContact": "2023-03-01", "lastContact": "2024-01-05"},
                        q: {"sortRank": rank[q], "firstContact": "2023-12-31", "lastContact": "2023-12-31"},
                        r: {"sortRank": rank[r]},  # an undated call: no dates
                        s: {"sortRank": rank[s], "firstContact": "2023-12-31", "lastContact": "2023-12-31"}}
    assert got[p] == {hub: got[q][hub] | {"firstContact": "2023-03-01", "lastContact": "2024-01-05"}}
    assert got[r] == {hub: {"sortRank": rank[hub]}}
    assert set(got[q]) == {hub, s} and set(got[s]) == {hub, q}
    inferred = n(B + "graph/inferred")
    for person in people:
        assert [x.object.value for x in store.quads_for_pattern(n(person), n(KG + "contactSheet"), None, inferred)] \
            == [sheet_iri(B, person)]
        assert [x.object.value for x in store.quads_for_pattern(n(person), n(KG + "sortRank"), None, inferred)] \
            == [rank[person]]


def test_explaining_a_principal_does_not_take_its_sheet_dates_for_its_own() -> None:
    store = _store()
    reason(store, B)
    found = explain(store, B + "person/p", B + "graph/inferred")
    assert (KG + "sortRank", "1") in found.inferred  # hub, p, q, r, s: p is second
    assert not any(p in (KG + "firstContact", KG + "lastContact") for p, _ in found.statements + found.inferred)


def test_writing_again_replaces_the_sheets() -> None:
    store = _store()
    reason(store, B)
    before = set(store.quads_for_pattern(None, None, None, None))
    # links and ranks of 5 principals; 5 pairs on 2 sheets each: 10 ranks, 4 dated pairs: 16 dates
    assert write_contact_sheets(store, B) == (10, 26)
    assert set(store.quads_for_pattern(None, None, None, None)) == before
    # the pair hub–r gone (as after an article is removed): off both sheets, r's sheet and rank gone
    for node in [x.subject for x in store.quads_for_pattern(None, n(KG + "b"), n(B + "person/r"), None)]:
        for x in list(store.quads_for_pattern(node, None, None, None)):
            store.remove(x)
    write_contact_sheets(store, B)
    got = sheets(store)
    assert B + "person/r" not in got and B + "person/r" not in got[B + "person/hub"]
    assert not list(store.quads_for_pattern(n(B + "person/r"), n(KG + "sortRank"), None, None))
    assert not list(store.quads_for_pattern(None, None, None, n(sheet_iri(B, B + "person/r"))))


def test_a_build_exports_them_with_its_named_graphs_and_a_build_without_reasoning_drops_them(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("build", str(SEEDS), "-o", str(store)).returncode == 0
    built = open_store(store)
    assert any(g.value.startswith(B + SHEETS) for g in built.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
    del built
    # the named-graph export keeps the sheets' dates; the one-graph export leaves them out (they hold
    # only inside their sheet), and keeps the ranks
    predicates = {name: {q.predicate.value for q in pyoxigraph.parse(path=str(store / name))}
                  for name in ("graph.trig", "graph.ttl")}
    assert {KG + "firstContact", KG + "lastContact", KG + "sortRank"} <= predicates["graph.trig"]
    assert KG + "sortRank" in predicates["graph.ttl"]
    assert not {KG + "firstContact", KG + "lastContact"} & predicates["graph.ttl"]
    done = kg("build", str(SEEDS), "-o", str(store), "--reasoner", "none")
    assert done.returncode == 0, done.stderr
    rebuilt = open_store(store)
    assert not any(g.value.startswith(B + SHEETS) for g in rebuilt.named_graphs()
                   if isinstance(g, pyoxigraph.NamedNode))
    assert not list(rebuilt.quads_for_pattern(None, n(KG + "sortRank"), None, None))
