"""Network files: what kg writes, networkx reads back as the same graph (nodes, edges, keys, attributes)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from fixtures_network import seed_store  # noqa: F401  (a fixture)

from kg.network import (
    NetworkError,
    actor_graph,
    bipartite_graph,
    organization_graph,
    read_contacts,
    read_network,
    weighted_graph,
    write_network,
)

VIEWS = {"actor": actor_graph, "weighted": weighted_graph, "organization": organization_graph,
         "bipartite": bipartite_graph}


@pytest.fixture(scope="module")
def contacts(seed_store):  # noqa: F811
    return read_contacts(seed_store)


def _edges(graph: nx.Graph) -> list[tuple]:
    """Edges as (ends in sorted order, key for multigraphs, attributes), in a fixed order.

    Attributes compare by value, so a weight GEXF reads back as 2.0 equals the 2 that was written.
    """
    if graph.is_multigraph():
        edges = [(min(a, b), max(a, b), k, d) for a, b, k, d in graph.edges(keys=True, data=True)]
    else:
        edges = [(min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)]
    return sorted(edges, key=lambda e: (e[:-1], json.dumps(e[-1], sort_keys=True)))


def _same(read: nx.Graph, original: nx.Graph, nodes: bool = True) -> None:
    assert read.is_multigraph() == original.is_multigraph()
    if nodes:
        assert dict(read.nodes(data=True)) == dict(original.nodes(data=True))
    else:  # an edge list holds the nodes that have an edge, without their attributes
        assert set(read) == {n for n in original if original.degree(n)}
    assert _edges(read) == _edges(original)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "edgelist"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_network_export_round_trip(contacts, tmp_path, view, fmt):
    original = VIEWS[view](contacts)
    path = tmp_path / f"network.{fmt}"
    write_network(original, path, fmt)
    read = read_network(path, fmt, multigraph=original.is_multigraph())
    _same(read, original, nodes=fmt != "edgelist")


def test_network_export_graphml_declares_typed_attributes(contacts, tmp_path):
    path = tmp_path / "network.graphml"
    write_network(actor_graph(contacts), path, "graphml")
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in ET.parse(path).getroot().iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert keys[("node", "in_knowledge_base")] == "boolean"
    assert keys[("node", "label_fa")] == "string"
    assert keys[("edge", "weight")] == "double"
    assert keys[("edge", "sources")] == "string"  # a list, written as JSON text
    text = path.read_text(encoding="utf-8")
    assert "اسماعیل هنیه" in text  # Persian written as characters, not escapes


def test_network_export_gexf_has_labels_for_gephi(contacts, tmp_path):
    path = tmp_path / "network.gexf"
    write_network(actor_graph(contacts), path, "gexf")
    root = ET.parse(path).getroot()
    labels = {n.get("label") for n in root.iter("{http://www.gexf.net/1.2draft}node")}
    assert {"Ismail Haniyeh", "میخائیل باگدانف"} <= labels


def test_network_export_unknown_format(contacts, tmp_path):
    with pytest.raises(NetworkError, match="unknown network format"):
        write_network(actor_graph(contacts), tmp_path / "x", "dot")
