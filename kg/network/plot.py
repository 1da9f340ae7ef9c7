"""A static picture of a network with matplotlib: nodes coloured by type, sized by contacts, edges by count.

Matplotlib lays text out left to right without joining letters, so Persian and Arabic names are
shaped (arabic-reshaper) and put in visual order (python-bidi) before they are drawn.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.network.layout import layout
from kg.network.views import collapse

TYPE_COLOURS = {"Person": "#4e79a7", "Organization": "#f28e2b", "Country": "#59a14f", "Place": "#b07aa1",
                "Interaction": "#bab0ac", "Actor": "#9c755f"}
MAX_LABELS = 40
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def display_text(text: str) -> str:
    """Text as matplotlib must be given it: Arabic-script runs shaped and in visual order."""
    if not _ARABIC_SCRIPT.search(text):
        return text
    from arabic_reshaper import reshape
    from bidi import get_display

    return str(get_display(reshape(text)))


def plot_network(graph: nx.Graph, path: Path | str, title: str = "", size: float = 10.0,
                 dpi: int = 120) -> None:
    """Draw `graph` to an image file (PNG, SVG or PDF, by `path`'s suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D

    simple = collapse(graph) if graph.is_multigraph() else graph
    positions = layout(simple)
    figure, axes = plt.subplots(figsize=(size, size * 0.75), dpi=dpi)
    try:
        axes.set_axis_off()
        widths = [0.8 + 1.2 * (w - 1) for *_, w in simple.edges(data="weight", default=1)]
        nx.draw_networkx_edges(simple, positions, ax=axes, width=widths, edge_color="#999999", alpha=0.8)
        degrees = dict(simple.degree())
        types = nx.get_node_attributes(simple, "type")
        colours = [TYPE_COLOURS.get(types.get(n, "Actor"), "#9c755f") for n in simple]
        nx.draw_networkx_nodes(simple, positions, ax=axes, node_size=[220 + 160 * degrees[n] for n in simple],
                               node_color=colours,
                               edgecolors="white", linewidths=1.0)
        # On a big graph, names only for the best-connected actors: a hundred labels are unreadable.
        labelled = set(sorted(simple, key=lambda n: (-degrees[n], n))[:MAX_LABELS])
        for node, (x, y) in positions.items():
            if node not in labelled:
                continue
            axes.annotate(display_text(str(simple.nodes[node].get("label", node))), (x, y),
                          xytext=(0, -(7 + 2.2 * degrees[node] ** 0.5 * 3)), textcoords="offset points",
                          ha="center", va="top", fontsize=9, fontfamily="DejaVu Sans")
        present = sorted({types.get(n, "Actor") for n in simple})
        axes.legend(handles=[Line2D([], [], marker="o", linestyle="", markersize=9,
                                    markerfacecolor=TYPE_COLOURS.get(t, "#9c755f"), markeredgecolor="white",
                                    label=t) for t in present],
                    loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(present), frameon=False)
        if title:
            axes.set_title(title)
        axes.invert_yaxis()
        axes.margins(0.08)
        figure.tight_layout()
        figure.savefig(Path(path))
    finally:
        plt.close(figure)
