"""kg.network: the views of the actor network, on the seed graph and on small hand-made stores."""

from __future__ import annotations

import networkx as nx
import pyoxigraph
import pytest
from fixtures_network import interactions_by_sparql, seed_store  # noqa: F401  (a fixture)

from kg.network import (
    NetworkError,
    actor_graph,
    affiliation,
    bipartite_graph,
    collapse,
    organization_graph,
    read_contacts,
    weighted_graph,
)

KGB = "https://example.org/kg/"
P = KGB + "person/"
BAGHERI, HANIYEH, JALALI, MARZOUK = P + "ali_bagheri_kani", P + "ismail_haniyeh", P + "kazem_jalali", \
    P + "mousa_abu_marzouk"
AMIR, NAKHALAH, RAISI, PUTIN = P + "hossein_amir_abdollahian", P + "ziyad_al_nakhalah", P + "ebrahim_raisi", \
    P + "vladimir_putin"
DOHA_MEETING = KGB + "meeting/2024-06-19/7fab712cbcbf"
MOSCOW_MEETING = KGB + "meeting/undated/2514af8c41d9"


@pytest.fixture(scope="module")
def contacts(seed_store):  # noqa: F811
    return read_contacts(seed_store)


@pytest.fixture(scope="module")
def in_store(seed_store):  # noqa: F811
    """Interactions as the store states them, asked without kg.network."""
    return interactions_by_sparql(seed_store)


def test_network_read_contacts_seed_interactions(contacts, in_store):
    assert {i.iri: (i.kind, frozenset(i.actors)) for i in contacts.interactions} == in_store
    doha = next(i for i in contacts.interactions if i.iri == DOHA_MEETING)
    assert doha.date == "2024-06-19"
    assert doha.place == KGB + "place/doha"
    assert doha.participants == (BAGHERI, HANIYEH)
    # One meeting reported by two articles (merged across articles) keeps both sources.
    assert doha.sources == (KGB + "article/001_fc04969042098be9", KGB + "article/002_b74188f3615a39eb")


def test_network_actor_graph_seed_nodes_and_edges(contacts, in_store):
    g = actor_graph(contacts)
    assert isinstance(g, nx.MultiGraph)
    assert set(g) == {a for _, actors in in_store.values() for a in actors}
    # one edge per interaction and pair of its actors, keyed by the interaction
    assert g.number_of_edges() == sum(len(actors) * (len(actors) - 1) // 2 for _, actors in in_store.values())
    linking = {i for i, (_, actors) in in_store.items() if len(actors) > 1}
    assert {key for *_, key in g.edges(keys=True)} == linking
    assert g.number_of_nodes() == 12
    assert g.nodes[HANIYEH]["type"] == "Person"
    assert g.nodes[HANIYEH]["label"] == "Ismail Haniyeh"
    assert g.nodes[HANIYEH]["label_fa"] == "اسماعیل هنیه"
    assert g.nodes[HANIYEH]["label_ar"] == "إسماعيل هنية"
    assert g.nodes[KGB + "country/russia"]["type"] == "Country"
    edge = g.edges[BAGHERI, HANIYEH, DOHA_MEETING]
    assert edge["kind"] == "Meeting" and edge["date"] == "2024-06-19"
    assert edge["place_label"] == "Doha" and edge["capacity"] == "participant"
    assert len(edge["sources"]) == 2


def test_network_actor_graph_seed_text_only_actor_keeps_its_persian_name(contacts):
    g = actor_graph(contacts)
    node = P + "text/میخاییلباگدانف"
    assert g.nodes[node]["label"] == "میخائیل باگدانف"
    assert g.nodes[node]["in_knowledge_base"] is False
    assert "label_en" not in g.nodes[node]


def test_network_actor_graph_seed_someone_present_is_linked_as_present(contacts):
    g = actor_graph(contacts)
    # «با حضور کاظم جلالی» — Kazem Jalali was present at Bagheri Kani's meeting with Abu Marzouk.
    assert g.edges[JALALI, BAGHERI, MOSCOW_MEETING]["capacity"] == "present"
    assert g.edges[BAGHERI, MARZOUK, MOSCOW_MEETING]["capacity"] == "participant"


def test_network_actor_graph_seed_roles_over_time(contacts):
    roles = actor_graph(contacts).nodes[BAGHERI]["roles"]
    known = [(r["label"], r["start"], r["end"]) for r in roles if r["known"]]
    assert ("deputy foreign minister", "2021-09", "2024-05-20") in known
    assert ("acting foreign minister", "2024-05-20", "2024-08-21") in known
    stated = [r for r in roles if not r["known"] and r["label"] == "acting foreign minister"]
    assert stated and stated[0]["attested"] == ["2024-06-20"] and stated[0]["of"] == KGB + "country/iran"


@pytest.mark.parametrize(("since", "until", "kinds", "expected"), [
    ("2024-01-01", None, None, {BAGHERI, HANIYEH}),
    (None, "2023-12-07", ["Meeting", "Visit"], {RAISI, PUTIN}),
    (None, None, ["PhoneCall"], {AMIR, HANIYEH, NAKHALAH}),
    (None, None, ["phone-call"], {AMIR, HANIYEH, NAKHALAH}),
    ("2023-12-01", "2023-12-31", ["Meeting"], {RAISI, PUTIN}),
], ids=["since-2024", "visits-and-meetings-until-2023-12-07", "phone-calls", "kind-spelt-phone-call",
        "december-meetings"])
def test_network_actor_graph_seed_filters(contacts, since, until, kinds, expected):
    assert set(actor_graph(contacts, since=since, until=until, kinds=kinds)) == expected


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kinds": ["Dinner"]}, "unknown interaction kind"),
    ({"since": "2024-13"}, "not a date"),
], ids=["unknown-kind", "bad-date"])
def test_network_actor_graph_rejects_bad_filters(contacts, kwargs, message):
    with pytest.raises(NetworkError, match=message):
        actor_graph(contacts, **kwargs)


def test_network_actor_graph_accepts_a_store_path_and_an_open_store(seed_store):  # noqa: F811
    from kg.rdf.store import open_store

    by_path = actor_graph(str(seed_store))
    by_store = actor_graph(open_store(seed_store))
    assert sorted(by_path.edges(keys=True)) == sorted(by_store.edges(keys=True))


def test_network_weighted_graph_seed_counts_interactions(contacts, in_store):
    g = weighted_graph(contacts)
    assert not g.is_multigraph()
    for a, b, data in g.edges(data=True):
        shared = sorted(i for i, (_, actors) in in_store.items() if {a, b} <= actors)
        assert data["interactions"] == shared and data["weight"] == len(shared)
    # Haniyeh and Amir-Abdollahian spoke by phone twice (2023-12-08, and an undated call in another article).
    assert g[HANIYEH][AMIR]["weight"] == 2


def test_network_collapse_keeps_node_attributes(contacts):
    multi = actor_graph(contacts)
    simple = collapse(multi)
    assert dict(simple.nodes(data=True)) == dict(multi.nodes(data=True))


def test_network_bipartite_graph_seed(contacts, in_store):
    g = bipartite_graph(contacts)
    actors = {n for n, side in g.nodes(data="bipartite") if side == 0}
    interactions = {n for n, side in g.nodes(data="bipartite") if side == 1}
    assert interactions == set(in_store)
    assert actors == {a for _, members in in_store.values() for a in members}
    assert all(set(g[i]) == members for i, (_, members) in in_store.items())
    assert nx.is_bipartite(g)
    assert set(g[DOHA_MEETING]) == {BAGHERI, HANIYEH}
    assert g.nodes[DOHA_MEETING]["kind"] == "Meeting" and g.nodes[DOHA_MEETING]["type"] == "Interaction"
    assert g.edges[JALALI, MOSCOW_MEETING]["capacity"] == "present"


def test_network_organization_graph_seed(contacts):
    g = organization_graph(contacts)
    iran, russia, hamas, pij = (KGB + "country/iran", KGB + "country/russia", KGB + "organization/hamas",
                                KGB + "organization/pij")
    assert set(g) == {iran, russia, hamas, pij}
    # Bagheri Kani's Moscow meetings with Russian deputy ministers are contacts of Iran and Russia.
    people = actor_graph(contacts)
    for russian in (P + "sergey_ryabkov", P + "mikhail_galuzin", P + "text/میخاییلباگدانف"):
        for key in people[BAGHERI][russian]:
            assert g.has_edge(iran, russia, key)
    # Haniyeh (Hamas) with Bagheri Kani and Amir-Abdollahian (Iran); Nakhalah (PIJ) with Amir-Abdollahian.
    assert g.number_of_edges(iran, hamas) == 4
    assert g.number_of_edges(iran, pij) == 1
    assert g.nodes[hamas]["label"] == "Hamas" and g.nodes[hamas]["type"] == "Organization"
    assert set(g.nodes[hamas]["members"]) == {HANIYEH, MARZOUK}
    assert set(g.edges[iran, hamas, DOHA_MEETING]["persons"]) == {BAGHERI, HANIYEH}


# --- small hand-made stores: rules the seed graph does not exercise ---------------------------------

KG = "https://example.org/kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _store(triples: list[tuple[str, str, object]]) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    for s, p, o in triples:
        obj = o if isinstance(o, pyoxigraph.Literal) else pyoxigraph.NamedNode(str(o))
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(s), pyoxigraph.NamedNode(p), obj,
                                  pyoxigraph.NamedNode(KGB + "graph/article/test")))
    return store


def _literal(value: str, datatype: str | None = None, language: str | None = None) -> pyoxigraph.Literal:
    if datatype:
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + datatype))
    return pyoxigraph.Literal(value, language=language)


def _interaction(iri: str, a: str, b: str, **date: str) -> list[tuple[str, str, object]]:
    triples: list[tuple[str, str, object]] = [
        (iri, RDF_TYPE, KG + "Meeting"), (iri, KG + "participant", a), (iri, KG + "participant", b),
        (iri, KG + "source", KGB + "article/x")]
    for key, value in date.items():
        triples.append((iri, KG + key, _literal(value, "date" if key == "date" else "gYearMonth")))
    return triples


@pytest.mark.parametrize(("since", "until", "kept"), [
    ("2024-06-10", "2024-06-20", True),
    ("2024-06-30", None, True),
    ("2024-07-01", None, False),
    (None, "2024-05-31", False),
], ids=["inside", "last-day-of-month", "after", "before"])
def test_network_select_keeps_a_month_that_overlaps_the_range(since, until, kept):
    store = _store(_interaction(KGB + "meeting/2024-06/x", P + "a", P + "b", approximateDate="2024-06"))
    assert bool(actor_graph(store, since=since, until=until).number_of_edges()) is kept


def test_network_affiliation_prefers_the_post_the_reporting_article_gives():
    person, article, other = P + "p", KGB + "article/x", KGB + "article/y"
    triples = _interaction(KGB + "meeting/2020-01-01/m", person, P + "q", date="2020-01-01")
    known, stated, elsewhere = KGB + "position/p/1", KGB + "role/p/2", KGB + "role/p/3"
    triples += [(person, RDF_TYPE, KG + "Person"), (P + "q", RDF_TYPE, KG + "Person"),
                # the knowledge base: minister of Alpha since 2019; the reporting article: envoy of Beta
                (known, KG + "holder", person), (known, KG + "roleLabel", _literal("minister")),
                (known, KG + "roleOf", KGB + "country/alpha"), (known, RDF_TYPE, KG + "KnownPosition"),
                (known, KG + "startDate", _literal("2019", "gYear")),
                (stated, KG + "holder", person), (stated, KG + "roleLabel", _literal("envoy")),
                (stated, KG + "roleOf", KGB + "country/beta"), (stated, KG + "source", article),
                (elsewhere, KG + "holder", P + "q"), (elsewhere, KG + "roleLabel", _literal("envoy")),
                (elsewhere, KG + "roleOf", KGB + "country/gamma"), (elsewhere, KG + "source", other)]
    contacts = read_contacts(_store(triples))
    meeting = contacts.interactions[0]
    assert affiliation(contacts, person, meeting) == KGB + "country/beta"
    # q's post is stated by another article only: still the only post known, so it counts.
    assert affiliation(contacts, P + "q", meeting) == KGB + "country/gamma"
    triples = [t for t in triples if t[0] != stated]
    contacts = read_contacts(_store(triples))
    assert affiliation(contacts, person, contacts.interactions[0]) == KGB + "country/alpha"


def test_network_affiliation_uses_the_position_held_on_the_day():
    person = P + "p"
    triples = _interaction(KGB + "meeting/2022-05-01/m", person, P + "q", date="2022-05-01")
    triples.append((person, RDF_TYPE, KG + "Person"))
    for n, (of, start, end) in enumerate([("alpha", "2010-01-01", "2015-01-01"), ("beta", "2021-09", "")]):
        node = f"{KGB}position/p/{n}"
        triples += [(node, KG + "holder", person), (node, KG + "roleLabel", _literal("minister")),
                    (node, KG + "roleOf", KGB + "country/" + of), (node, RDF_TYPE, KG + "KnownPosition"),
                    (node, KG + "startDate", _literal(start, "date" if len(start) == 10 else "gYearMonth"))]
        if end:
            triples.append((node, KG + "endDate", _literal(end, "date")))
    contacts = read_contacts(_store(triples))
    assert affiliation(contacts, person, contacts.interactions[0]) == KGB + "country/beta"
    # A person with no post at all stays a person in the organisation graph.
    assert affiliation(contacts, P + "q", contacts.interactions[0]) == P + "q"
    assert set(organization_graph(contacts)) == {KGB + "country/beta", P + "q"}
