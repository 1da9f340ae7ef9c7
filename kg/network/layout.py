"""Node positions for pictures and the HTML report: each connected component laid out, then packed in rows.

One spring layout of a disconnected graph pushes the components to the corners and squeezes each;
laying out every component on its own (fixed seed, nodes in sorted order) and packing them largest
first keeps every group readable and the picture the same on every run.
"""

from __future__ import annotations

import math

import networkx as nx

from kg.network.views import collapse

LAYOUT_SEED = 7


def _component_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Positions centred on (0, 0) with a radius that grows with the square root of the size."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in graph.subgraph(nodes).edges()))
    # Fruchterman-Reingold is quadratic per iteration: fewer iterations on big components.
    iterations = 300 if len(nodes) <= 100 else 100
    positions = nx.spring_layout(sub, seed=LAYOUT_SEED, iterations=iterations, k=1.0 / math.sqrt(len(nodes)))
    radius = 0.5 * math.sqrt(len(nodes))
    cx = sum(float(x) for x, _ in positions.values()) / len(nodes)
    cy = sum(float(y) for _, y in positions.values()) / len(nodes)
    far = max(math.hypot(float(x) - cx, float(y) - cy) for x, y in positions.values()) or 1.0
    # A big component's spring layout is a dense core with a few far leaves; a square-root fisheye
    # spreads the core and pulls the leaves in, so the core can be read without zooming.
    power = 0.5 if len(nodes) > 30 else 1.0
    placed = {}
    for n, (x, y) in positions.items():
        dx, dy = float(x) - cx, float(y) - cy
        distance = math.hypot(dx, dy)
        scale = radius * (distance / far) ** power / distance if distance else 0.0
        placed[n] = (dx * scale, dy * scale)
    return placed


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for every node, components side by side in rows, scaled into [0, 1] × [0, 1] (y down)."""
    simple = collapse(graph) if graph.is_multigraph() else graph
    if simple.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    laid = [_component_layout(simple, c) for c in components]
    sizes = [0.5 * math.sqrt(len(c)) + 0.35 for c in components]  # radius plus room for labels
    row_width = max(2 * sizes[0], 2 * math.sqrt(sum((2 * s) ** 2 for s in sizes)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for placed, size in zip(laid, sizes, strict=True):
        if x > 0 and x + 2 * size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in placed.items():
            positions[node] = (x + size + px, y + size - py)
        x += 2 * size
        row_height = max(row_height, 2 * size)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {n: (round((px - min(xs)) / span, 4), round((py - min(ys)) / span, 4))
            for n, (px, py) in positions.items()}
