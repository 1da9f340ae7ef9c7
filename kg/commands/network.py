"""`kg network`: export the actor network for Gephi/Cytoscape, analyse it, draw it.

    kg network STORE --format graphml -o net.graphml     (same as `kg network export STORE …`)
    kg network stats STORE [--top N] [--ego NAME [--radius K]] [--path A B]
    kg network plot STORE -o net.png
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from kg.commands.common import EXIT_OK, err
from kg.errors import KGError

VIEWS = ("actor", "weighted", "organization", "bipartite")
SUFFIX_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".edgelist": "edgelist",
                  ".tsv": "edgelist"}


class _ExportByDefault(argparse._SubParsersAction):
    """Subcommands where a first word that is not one (a STORE path) means `export`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Checked in __call__ instead, so that a STORE path is not refused as an invalid choice.
        self.choices = None  # type: ignore[assignment]

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        if values and values[0] not in self._name_parser_map:
            values = ["export", *values]
        super().__call__(parser, namespace, values, option_string)


def _add_selection(p: argparse.ArgumentParser, views: tuple[str, ...] = ("actor", "organization")) -> None:
    p.add_argument("store", metavar="STORE", help="store folder (from `kg build`)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only interactions on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only interactions on or before this day")
    p.add_argument("--kind", action="append", metavar="KIND",
                   help="only these interaction kinds (Meeting, PhoneCall, Visit, Letter, PressConference; "
                   "repeatable or comma-separated)")
    p.add_argument("--view", choices=views, default="actor",
                   help="actor: one edge per interaction (default); organization: persons counted for the "
                   "organisation or country they acted for"
                   + ("; weighted: one edge per pair, weight = interactions; bipartite: actors and "
                      "interactions" if "bipartite" in views else ""))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("network", help="export, analyse or draw the actor network",
                       description="The network of who met or phoned whom, from a store. "
                       "`kg network STORE --format F -o FILE` is short for `kg network export STORE …`.",
                       epilog="Files: GraphML and GEXF open in Gephi and Cytoscape; list and dict attributes "
                       "(roles, sources, members) are written as JSON text. See docs/network.md.")
    actions = p.add_subparsers(dest="network_command", required=True, metavar="{export,stats,plot}",
                               action=_ExportByDefault)

    e = actions.add_parser("export", help="write the network as GraphML, GEXF, JSON or an edge list",
                           description="Write the network to a file Gephi, Cytoscape or networkx can read.")
    _add_selection(e, VIEWS)
    e.add_argument("--format", "-f", choices=("graphml", "gexf", "json", "edgelist"),
                   help="file format (default: from the -o suffix, else graphml)")
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write; - for stdout")
    e.set_defaults(func=run_export)

    s = actions.add_parser("stats", help="centralities, communities, brokers, components; ego; paths",
                           description="Degree, betweenness and eigenvector centrality (top N), Louvain "
                           "communities, brokers between communities and connected components; or, with "
                           "--ego, an actor's neighbourhood; or, with --path, the shortest chain of contacts "
                           "between two actors. Actors may be named in any language, by knowledge-base id or "
                           "by IRI.")
    _add_selection(s)
    s.add_argument("--top", type=int, default=10, metavar="N", help="rows per ranking (default 10)")
    s.add_argument("--ego", metavar="NAME", help="the actors within --radius contacts of NAME")
    s.add_argument("--radius", type=int, default=1, metavar="K", help="steps for --ego (default 1)")
    s.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest chain of contacts from A to B")
    s.add_argument("--format", "-f", choices=("table", "json"), default="table",
                   help="output format (default: table)")
    s.set_defaults(func=run_stats)

    d = actions.add_parser("plot", help="draw the network to a PNG, SVG or PDF with matplotlib",
                           description="Draw a static picture: nodes coloured by type, sized by contacts.")
    _add_selection(d)
    d.add_argument("-o", "--output", required=True, metavar="FILE", help="image file (.png, .svg, .pdf)")
    d.add_argument("--title", default="", help="a title above the picture")
    d.set_defaults(func=run_plot)


def _kinds(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [k.strip() for v in values for k in v.split(",") if k.strip()]


def _graph(args: argparse.Namespace, contacts=None):
    from kg.network import actor_graph, bipartite_graph, organization_graph, read_contacts, weighted_graph

    contacts = contacts or read_contacts(args.store)
    view = {"actor": actor_graph, "weighted": weighted_graph, "organization": organization_graph,
            "bipartite": bipartite_graph}[args.view]
    return view(contacts, since=args.since, until=args.until, kinds=_kinds(args.kind))


def run_export(args: argparse.Namespace) -> int:
    from kg.network import write_network

    fmt = args.format or SUFFIX_FORMATS.get(Path(args.output).suffix.lower(), "graphml")
    graph = _graph(args)
    if args.output == "-":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"network.{fmt}"
            write_network(graph, path, fmt)
            with open(path, "rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
    else:
        write_network(graph, Path(args.output), fmt)
        err(f"wrote {args.output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({fmt})")
    return EXIT_OK


def run_plot(args: argparse.Namespace) -> int:
    from kg.network.plot import plot_network

    graph = _graph(args)
    plot_network(graph, Path(args.output), title=args.title)
    err(f"wrote {args.output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    from kg.network import read_contacts

    if args.top < 1:
        raise KGError("--top must be 1 or more")
    contacts = read_contacts(args.store)
    graph = _graph(args, contacts)
    if args.ego or args.path:
        from kg.network.read import open_source
        from kg.queries import ActorResolver

        resolver = ActorResolver(open_source(args.store))
        if args.ego:
            _print_ego(graph, resolver.resolve(args.ego), args.radius, args.format)
        if args.path:
            _print_path(graph, resolver.resolve(args.path[0]), resolver.resolve(args.path[1]), args.format)
        return EXIT_OK
    _print_stats(graph, args.top, args.format)
    return EXIT_OK


def _section(title: str, columns: list[str], rows: list[dict], fmt: str) -> None:
    from kg.output import write_rows

    print(f"== {title}")
    cells = [{c: _cell(r.get(c, "")) for c in columns} for r in rows]
    write_rows(columns, cells, fmt, sys.stdout, max_width=70)
    print()


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _name(graph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def _print_stats(graph, top: int, fmt: str) -> None:
    from dataclasses import asdict

    from kg.network import network_stats

    stats = network_stats(graph, top=top)
    if fmt == "json":
        print(json.dumps(asdict(stats), ensure_ascii=False, indent=1))
        return
    print(f"{stats.nodes} actors, {stats.edges} linked pairs, {stats.interactions} interactions\n")
    ranked = ["rank", "label"]
    _section(f"Degree: distinct contacts (top {top})", ranked + ["contacts", "interactions", "actor"],
             stats.degree, fmt)
    _section(f"Betweenness: on shortest chains of contacts (top {top})", ranked + ["betweenness", "actor"],
             stats.betweenness, fmt)
    _section(f"Eigenvector: tied to well-tied actors (top {top})", ranked + ["eigenvector", "actor"],
             stats.eigenvector, fmt)
    _section("Communities (Louvain)", ["community", "size", "members"], stats.communities, fmt)
    _section("Brokers: actors with contacts in other communities",
             ranked + ["community", "bridges_to", "betweenness", "actor"], stats.brokers, fmt)
    _section("Connected components", ["component", "size", "members"], stats.components, fmt)


def _print_ego(graph, center: str, radius: int, fmt: str) -> None:
    from kg.network import ego_network

    ego = ego_network(graph, center, radius)
    nodes = sorted(ego.nodes(data="distance"), key=lambda item: (item[1], _name(ego, item[0]), item[0]))
    node_rows = [{"distance": distance, "label": _name(ego, n), "type": ego.nodes[n].get("type", ""),
                  "actor": n} for n, distance in nodes]
    edges = sorted(ego.edges(data=True), key=lambda e: (e[2].get("date") or "~", e[2].get("interaction", ""),
                                                        e[0], e[1]))
    edge_rows = [{"a": _name(ego, a), "b": _name(ego, b), "kind": d.get("kind", ""),
                  "date": d.get("date", ""), "interaction": d.get("interaction", "")} for a, b, d in edges]
    if fmt == "json":
        print(json.dumps({"center": center, "radius": radius, "actors": node_rows, "interactions": edge_rows},
                         ensure_ascii=False, indent=1))
        return
    _section(f"Ego network of {_name(graph, center)} within {radius} step{'s' if radius != 1 else ''}",
             ["distance", "label", "type", "actor"], node_rows, fmt)
    _section("Interactions among them", ["a", "b", "kind", "date", "interaction"], edge_rows, fmt)


def _print_path(graph, source: str, target: str, fmt: str) -> None:
    from kg.network import contact_chain
    from kg.network.analysis import chain_labels

    steps = contact_chain(graph, source, target)
    rows = [{"step": number, "from": _name(graph, step.source), "to": _name(graph, step.target),
             "kind": edge.get("kind", ""), "date": edge.get("date", ""), "place": edge.get("place_label", ""),
             "interaction": edge.get("interaction", ""), "sources": edge.get("sources", [])}
            for number, step in enumerate(steps, start=1) for edge in step.interactions]
    names = chain_labels(graph, steps) or [_name(graph, source)]
    if fmt == "json":
        print(json.dumps({"chain": names, "steps": len(steps), "interactions": rows}, ensure_ascii=False,
                         indent=1))
        return
    print(" → ".join(names) + f"  ({len(steps)} step{'s' if len(steps) != 1 else ''})\n")
    _section("Interactions along the chain", ["step", "from", "to", "kind", "date", "place", "interaction"],
             rows, fmt)
