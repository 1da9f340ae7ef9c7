"""Contact sheets: for every principal, one named graph listing whom it met or phoned, for per-actor walks.

Rule 015 makes one kg:Contact node per pair who met or phoned and rule 060 dates it. A query that walks
from an actor to its contacts and on to theirs (shared-interlocutors-of) then reads one node per contact
of a contact, each a few index lookups at its own place in the store, and compares IRIs by their text to
order pairs, each comparison a read of that text. On the 100k-article store that was 150-220 ms for an
actor whose four contacts have 3,132 contacts between them (docs/benchmarks.md). A sheet holds the same
facts laid out for that walk. The graph `graph/contacts/<md5 of X's IRI>` of a principal X states, for
every principal Y that X met or phoned,

    Y kg:sortRank n .        # Y's position among all principals of the store, IRIs in code-point order
    Y kg:firstContact d1 .   # the pair's kg:firstDate (no triple when every interaction is undated)
    Y kg:lastContact d2 .    # the pair's kg:lastDate

and graph/inferred states `X kg:contactSheet <that graph> ; kg:sortRank n`. A store keeps one graph's
triples together, so a sheet is one contiguous read; integer ranks order and compare principals without
reading an IRI. The dates mean something only inside the sheet (first contact of Y *with X*), which is
why they are not stated in graph/inferred. Sheets are derived data: every reasoning rebuilds them all,
and a build without reasoning removes them with graph/inferred.
"""

from __future__ import annotations

import hashlib

import pyoxigraph
from pyoxigraph import Literal

KG = "https://example.org/kg/ontology#"
XSD_INTEGER = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
SHEETS = "graph/contacts/"
_SORT_RANK = pyoxigraph.NamedNode(KG + "sortRank")
_FIRST = pyoxigraph.NamedNode(KG + "firstContact")
_LAST = pyoxigraph.NamedNode(KG + "lastContact")
_SHEET = pyoxigraph.NamedNode(KG + "contactSheet")
_CONTACTS = f"""
PREFIX kg: <{KG}>
SELECT ?a ?b ?first ?last WHERE {{
  GRAPH ?g {{ ?c a kg:Contact ; kg:a ?a ; kg:b ?b }}
  OPTIONAL {{ GRAPH ?g {{ ?c kg:firstDate ?first }} }}
  OPTIONAL {{ GRAPH ?g {{ ?c kg:lastDate ?last }} }}
}}"""


def sheet_iri(base: str, principal: str) -> str:
    return f"{base}{SHEETS}{hashlib.md5(principal.encode('utf-8')).hexdigest()}"


def remove_contact_sheets(store: pyoxigraph.Store, base: str) -> None:
    """Drop every sheet graph and the sheet links and ranks graph/inferred holds."""
    prefix = base + SHEETS
    for graph in [g for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode)
                  and g.value.startswith(prefix)]:
        store.remove_graph(graph)
    inferred = pyoxigraph.NamedNode(base + "graph/inferred")
    for predicate in (_SHEET, _SORT_RANK):
        for quad in list(store.quads_for_pattern(None, predicate, None, inferred)):
            store.remove(quad)


def write_contact_sheets(store: pyoxigraph.Store, base: str) -> tuple[int, int]:
    """The sheets of the store's kg:Contact nodes, replacing any earlier ones; the quads written into
    graph/inferred (links and ranks) and into the sheet graphs."""
    remove_contact_sheets(store, base)
    pairs: dict[tuple[str, str], tuple[Literal | None, Literal | None]] = {}
    rows = store.query(_CONTACTS, use_default_graph_as_union=True)
    assert isinstance(rows, pyoxigraph.QuerySolutions)
    for row in rows:
        key = (row["a"].value, row["b"].value)
        first, last = row["first"], row["last"]
        if key in pairs:  # a second node for the pair (stated by hand, say): the widest span
            first = _earliest(first, pairs[key][0])
            last = _latest(last, pairs[key][1])
        pairs[key] = (first, last)
    if not pairs:
        return 0, 0
    principals = sorted({p for pair in pairs for p in pair})  # code-point order, as SPARQL compares STR
    rank = {p: pyoxigraph.Literal(str(i), datatype=XSD_INTEGER) for i, p in enumerate(principals)}
    node = {p: pyoxigraph.NamedNode(p) for p in principals}
    sheet = {p: pyoxigraph.NamedNode(sheet_iri(base, p)) for p in principals}
    inferred = pyoxigraph.NamedNode(base + "graph/inferred")
    quads = [q for p in principals for q in (pyoxigraph.Quad(node[p], _SHEET, sheet[p], inferred),
                                             pyoxigraph.Quad(node[p], _SORT_RANK, rank[p], inferred))]
    for (a, b), (first, last) in pairs.items():
        for owner, other in ((a, b), (b, a)):
            quads.append(pyoxigraph.Quad(node[other], _SORT_RANK, rank[other], sheet[owner]))
            if first is not None:
                quads.append(pyoxigraph.Quad(node[other], _FIRST, first, sheet[owner]))
            if last is not None:
                quads.append(pyoxigraph.Quad(node[other], _LAST, last, sheet[owner]))
    store.extend(quads)
    return 2 * len(principals), len(quads) - 2 * len(principals)


def _earliest(x: Literal | None, y: Literal | None) -> Literal | None:
    return y if x is None else x if y is None else min(x, y, key=lambda d: d.value)


def _latest(x: Literal | None, y: Literal | None) -> Literal | None:
    return y if x is None else x if y is None else max(x, y, key=lambda d: d.value)
