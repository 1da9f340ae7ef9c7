"""kg.network analysis on the seed graph: centralities, communities, brokers, components, ego, paths."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures_network import interactions_by_sparql, seed_store  # noqa: F401  (a fixture)

from kg.network import NetworkError, actor_graph, communities, contact_chain, ego_network, network_stats
from kg.network.analysis import chain_labels

P = "https://example.org/kg/person/"


@pytest.fixture(scope="module")
def graph(seed_store):  # noqa: F811
    return actor_graph(seed_store)


def test_network_stats_seed_rankings(graph, seed_store):  # noqa: F811
    stats = network_stats(graph, top=3)
    assert (stats.nodes, stats.edges) == (12, 11)
    assert stats.interactions == len(interactions_by_sparql(seed_store))
    assert [(r["label"], r["contacts"], r["interactions"]) for r in stats.degree] == [
        ("Ali Bagheri Kani", 7, 7), ("Hossein Amir-Abdollahian", 2, 3), ("Ismail Haniyeh", 2, 3)]
    assert [r["label"] for r in stats.betweenness] == ["Ali Bagheri Kani", "Ismail Haniyeh",
                                                       "Hossein Amir-Abdollahian"]
    # Bagheri Kani lies on the shortest chains of 32 of the 55 pairs of other actors.
    assert stats.betweenness[0]["betweenness"] == pytest.approx(32 / 55, abs=1e-4)
    assert stats.eigenvector[0]["label"] == "Ali Bagheri Kani"


def test_network_stats_seed_communities_brokers_components(graph):
    stats = network_stats(graph)
    assert [c["size"] for c in stats.components] == [10, 2]
    assert stats.components[1]["members"] == ["Ebrahim Raisi", "Vladimir Putin"]
    groups = [set(c["iris"]) for c in stats.communities]
    assert {P + "ebrahim_raisi", P + "vladimir_putin"} in groups
    assert sum(len(g) for g in groups) == 12
    # Whoever bridges two communities is a broker; in the seed graph, Bagheri Kani is the first.
    assert stats.brokers[0]["label"] == "Ali Bagheri Kani"
    for broker in stats.brokers:
        assert broker["community"] not in broker["bridges_to"]


def test_network_communities_do_not_depend_on_insertion_order(graph):
    shuffled = nx.MultiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert communities(shuffled) == communities(graph)


@pytest.mark.parametrize(("center", "radius", "expected"), [
    ("ismail_haniyeh", 0, {"ismail_haniyeh"}),
    ("ismail_haniyeh", 1, {"ismail_haniyeh", "ali_bagheri_kani", "hossein_amir_abdollahian"}),
    ("ismail_haniyeh", 2, {"ismail_haniyeh", "ali_bagheri_kani", "hossein_amir_abdollahian",
                           "ziyad_al_nakhalah", "kazem_jalali", "mousa_abu_marzouk", "sergey_ryabkov",
                           "mikhail_galuzin", "text/میخاییلباگدانف", "../country/russia"}),
    ("vladimir_putin", 3, {"vladimir_putin", "ebrahim_raisi"}),
], ids=["haniyeh-0", "haniyeh-1", "haniyeh-2", "putin-3"])
def test_network_ego_network_seed(graph, center, radius, expected):
    ego = ego_network(graph, P + center, radius)
    expected_iris = {("https://example.org/kg/country/russia" if e == "../country/russia" else P + e)
                     for e in expected}
    assert set(ego) == expected_iris
    assert ego.nodes[P + center]["distance"] == 0
    assert max(d for _, d in ego.nodes(data="distance")) <= radius


def test_network_contact_chain_seed_jalali_to_nakhalah(graph):
    steps = contact_chain(graph, P + "kazem_jalali", P + "ziyad_al_nakhalah")
    assert chain_labels(graph, steps) == ["Kazem Jalali", "Ali Bagheri Kani", "Ismail Haniyeh",
                                          "Hossein Amir-Abdollahian", "Ziyad al-Nakhalah"]
    assert [e["kind"] for e in steps[1].interactions] == ["Meeting"]
    assert steps[1].interactions[0]["date"] == "2024-06-19"
    # Two phone calls link Haniyeh and Amir-Abdollahian (December 2023, and one undated); the dated first.
    dates = [e["date"] for e in steps[2].interactions]
    assert len(dates) == 2 and dates[0].startswith("2023-12") and dates[1] == ""


def test_network_contact_chain_refuses_unlinked_or_unknown_actors(graph):
    with pytest.raises(NetworkError, match="no chain of contacts"):
        contact_chain(graph, P + "kazem_jalali", P + "vladimir_putin")
    with pytest.raises(NetworkError, match="no interactions"):
        contact_chain(graph, P + "kazem_jalali", P + "joe_biden")
    with pytest.raises(NetworkError, match="no interactions"):
        ego_network(graph, P + "joe_biden")
