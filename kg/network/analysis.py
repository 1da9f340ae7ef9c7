"""Network analysis of the actor graph: who is central, which groups form, who bridges them, who reaches whom.

Measures run on the simple weighted graph (`collapse`): degree counts distinct contacts, betweenness
counts shortest chains of contacts (unweighted: one contact is one step, however often it happened),
eigenvector centrality weighs ties by their number of interactions. Louvain communities use a fixed
seed, so a graph always gets the same partition. Ties are broken by IRI everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from kg.network.read import NetworkError
from kg.network.views import collapse

LOUVAIN_SEED = 42


@dataclass
class NetworkStats:
    """Ranked rows per measure; each row is a dict ready to print."""

    nodes: int
    edges: int
    interactions: int
    degree: list[dict[str, object]] = field(default_factory=list)
    betweenness: list[dict[str, object]] = field(default_factory=list)
    eigenvector: list[dict[str, object]] = field(default_factory=list)
    communities: list[dict[str, object]] = field(default_factory=list)
    brokers: list[dict[str, object]] = field(default_factory=list)
    components: list[dict[str, object]] = field(default_factory=list)


def _simple(graph: nx.Graph) -> nx.Graph:
    return collapse(graph) if graph.is_multigraph() else graph


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def _ranked(graph: nx.Graph, scores: dict[str, float], top: int, name: str) -> list[dict[str, object]]:
    order = sorted(scores, key=lambda n: (-round(scores[n], 12), n))[:top]
    return [{"rank": i, "actor": n, "label": _label(graph, n), name: round(scores[n], 4)}
            for i, n in enumerate(order, start=1)]


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality by power iteration; the exact (numpy) solver if that does not settle."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    try:
        return nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-9)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(graph, weight="weight")


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities (largest first, members sorted); isolated actors form their own."""
    simple = _simple(graph)
    if simple.number_of_edges() == 0:
        found = [{n} for n in simple]
    else:
        found = nx.community.louvain_communities(simple, weight="weight", seed=LOUVAIN_SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def network_stats(graph: nx.Graph, top: int = 10) -> NetworkStats:
    """Centralities (top N), communities, brokers between communities and connected components."""
    simple = _simple(graph)
    stats = NetworkStats(nodes=simple.number_of_nodes(), edges=simple.number_of_edges(),
                         interactions=len({k for *_, k in graph.edges(keys=True)}) if graph.is_multigraph()
                         else int(sum(w for *_, w in simple.edges(data="weight", default=1))))
    contacts = dict(simple.degree())
    interactions = dict(simple.degree(weight="weight"))
    order = sorted(simple, key=lambda n: (-contacts[n], -interactions[n], n))[:top]
    stats.degree = [{"rank": i, "actor": n, "label": _label(simple, n), "contacts": contacts[n],
                     "interactions": int(interactions[n])} for i, n in enumerate(order, start=1)]
    betweenness = nx.betweenness_centrality(simple, normalized=True)
    stats.betweenness = _ranked(simple, betweenness, top, "betweenness")
    stats.eigenvector = _ranked(simple, eigenvector(simple), top, "eigenvector")
    groups = communities(simple)
    community_of = {n: i for i, members in enumerate(groups, start=1) for n in members}
    for i, members in enumerate(groups, start=1):
        stats.communities.append({"community": i, "size": len(members),
                                  "members": [_label(simple, n) for n in members], "iris": members})
    brokers = []
    for node in simple:
        reached = sorted({community_of[m] for m in simple[node]} - {community_of[node]})
        if reached:
            brokers.append((node, reached))
    brokers.sort(key=lambda b: (-len(b[1]), -betweenness[b[0]], b[0]))
    stats.brokers = [{"rank": i, "actor": n, "label": _label(simple, n), "community": community_of[n],
                      "bridges_to": reached, "betweenness": round(betweenness[n], 4)}
                     for i, (n, reached) in enumerate(brokers[:top], start=1)]
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    stats.components = [{"component": i, "size": len(c), "members": [_label(simple, n) for n in c], "iris": c}
                        for i, c in enumerate(components, start=1)]
    return stats


def ego_network(graph: nx.Graph, center: str, radius: int = 1) -> nx.Graph:
    """The actors within `radius` contacts of `center` and the edges among them; node attribute `distance`."""
    if center not in graph:
        raise NetworkError(f"{center} has no interactions in this graph")
    if radius < 0:
        raise NetworkError(f"the radius must be 0 or more, not {radius}")
    ego = nx.ego_graph(graph, center, radius=radius)
    for node, distance in nx.single_source_shortest_path_length(ego, center).items():
        ego.nodes[node]["distance"] = distance
    return ego


@dataclass(frozen=True)
class Step:
    """One link of a chain of contacts: two actors and the interactions (edge attributes) between them."""

    source: str
    target: str
    interactions: tuple[dict[str, object], ...]


def contact_chain(graph: nx.Graph, source: str, target: str) -> list[Step]:
    """The shortest chain of contacts from `source` to `target` (of several, the first by IRIs along it)."""
    for node in (source, target):
        if node not in graph:
            raise NetworkError(f"{node} has no interactions in this graph")
    try:
        paths = list(nx.all_shortest_paths(_simple(graph), source, target))
    except nx.NetworkXNoPath:
        names = f"{_label(graph, source)} and {_label(graph, target)}"
        raise NetworkError(f"no chain of contacts links {names}") from None
    path = min(paths)
    return [Step(a, b, _between(graph, a, b)) for a, b in zip(path, path[1:], strict=False)]


def _between(graph: nx.Graph, a: str, b: str) -> tuple[dict[str, object], ...]:
    if not graph.is_multigraph():
        return (dict(graph[a][b]),)
    edges = graph.get_edge_data(a, b) or {}
    return tuple(dict(edges[k]) for k in sorted(edges, key=lambda k: (edges[k].get("date") or "~", k)))


def chain_labels(graph: nx.Graph, steps: Sequence[Step]) -> list[str]:
    """The chain as actor names, from first to last."""
    if not steps:
        return []
    return [_label(graph, steps[0].source)] + [_label(graph, s.target) for s in steps]
