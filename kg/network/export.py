"""Writing and reading network files: GraphML and GEXF (Gephi, Cytoscape), node-link JSON, edge lists.

GraphML and GEXF hold only typed scalars (string, boolean, integer, double). So attributes holding
a list or a dict (`roles`, `sources`, `members`, `persons`, `interactions`) are written as JSON text,
e.g. `sources="[\"https://example.org/kg/article/001\"]"`, and `read_network` decodes them again;
attributes with no value are left out rather than written empty. Edge keys (the interaction IRI)
are kept: as the edge id in GraphML, as `networkx_key` in GEXF. JSON keeps everything as is. The
edge list (`u v {attributes}` per line, tab-separated, networkx's format) keeps edges only: actors
without an edge are not in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.network.read import NetworkError

FORMATS = ("graphml", "gexf", "json", "edgelist")
STRUCTURED = ("roles", "sources", "members", "persons", "interactions")


def _flatten(graph: nx.Graph) -> nx.Graph:
    """A copy whose list and dict attributes are JSON text and whose None values are gone."""
    flat = graph.copy()

    def encode(data: dict) -> None:
        for name in list(data):
            value = data[name]
            if value is None:
                del data[name]
            elif isinstance(value, list | tuple | dict):
                data[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)

    encode(flat.graph)
    for _, data in flat.nodes(data=True):
        encode(data)
    for *_, data in flat.edges(data=True):
        encode(data)
    return flat


def _restore(graph: nx.Graph) -> nx.Graph:
    """Decode the JSON-text attributes `_flatten` wrote; drop the ids GEXF readers add."""

    def decode(data: dict) -> None:
        for name in STRUCTURED:
            if isinstance(data.get(name), str):
                data[name] = json.loads(data[name])

    decode(graph.graph)
    for _, data in graph.nodes(data=True):
        decode(data)
    for *_, data in graph.edges(data=True):
        decode(data)
    return graph


def write_network(graph: nx.Graph, path: Path | str, fmt: str) -> None:
    """Write `graph` to `path` in `fmt` (one of FORMATS)."""
    path = Path(path)
    if fmt == "graphml":
        nx.write_graphml(_flatten(graph), path, named_key_ids=True)
    elif fmt == "gexf":
        flat = _flatten(graph)
        flat.graph.clear()  # GEXF has no graph attributes; networkx would write them as a broken <meta>
        nx.write_gexf(flat, path)
    elif fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
    elif fmt == "edgelist":
        nx.write_edgelist(graph, path, delimiter="\t", data=True, encoding="utf-8")
    else:
        raise NetworkError(f"unknown network format {fmt!r} (formats: {', '.join(FORMATS)})")


def read_network(path: Path | str, fmt: str, multigraph: bool = True) -> nx.Graph:
    """Read a file `write_network` wrote back into the graph it came from (edge lists: without lone nodes)."""
    path = Path(path)
    if fmt == "graphml":
        return _restore(nx.read_graphml(path, force_multigraph=multigraph))
    if fmt == "gexf":
        graph = nx.read_gexf(path)
        if multigraph and not graph.is_multigraph():
            graph = nx.MultiGraph(graph)
        for *_, data in graph.edges(data=True):
            data.pop("id", None)
        return _restore(graph)
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, edges="edges")
    if fmt == "edgelist":
        read = nx.read_edgelist(path, delimiter="\t", data=True, encoding="utf-8",
                                create_using=nx.MultiGraph if multigraph else nx.Graph)
        if not multigraph:
            return read
        graph = nx.MultiGraph()  # the interaction IRI becomes the edge key again
        graph.add_edges_from((a, b, data.get("interaction"), data) for a, b, data in read.edges(data=True))
        return graph
    raise NetworkError(f"unknown network format {fmt!r} (formats: {', '.join(FORMATS)})")
