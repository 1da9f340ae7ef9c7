"""`kg explain IRI`: why the graph holds a fact — its statements, the articles, the sentences, the rules.

Every fact kg writes (an interaction, a claim, a role, an actor found in the text) links to
`kg:Evidence` nodes: the sentence it was read from, its offsets in the article, the rule or lexicon
entry that fired and a confidence. This module gathers them for one IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph

from kg.errors import QueryError

KG = "https://example.org/kg/ontology#"

# kg:firstContact / kg:lastContact hold only inside a contact sheet (the dates of the sheet owner's
# contact with ?s, kg/rdf/contact_sheets.py): over the union of graphs they would read as facts of ?s.
_STATEMENTS = """
PREFIX kg: <https://example.org/kg/ontology#>
SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER (?p NOT IN (kg:firstContact, kg:lastContact)) } ORDER BY ?p ?o
"""

_EVIDENCE = """
PREFIX kg: <https://example.org/kg/ontology#>
SELECT DISTINCT ?s ?evidence ?article ?file ?start ?end ?sentence ?rule ?confidence WHERE {
  ?s kg:evidence ?evidence .
  ?evidence kg:inArticle ?article ; kg:start ?start ; kg:end ?end ; kg:sentence ?sentence ; kg:rule ?rule .
  OPTIONAL { ?evidence kg:confidence ?confidence }
  OPTIONAL { ?article kg:fileName ?file }
}
ORDER BY ?article ?start ?rule
"""

_INFERRED = """
SELECT ?s ?g ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p ?o
"""


@dataclass
class EvidenceRow:
    article: str
    file: str
    start: int
    end: int
    sentence: str
    rule: str
    confidence: str


@dataclass
class Explanation:
    iri: str
    statements: list[tuple[str, str]] = field(default_factory=list)
    inferred: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[EvidenceRow] = field(default_factory=list)


Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple


def _select(store: pyoxigraph.Store, text: str, substitutions: dict[pyoxigraph.Variable, Term],
            union: bool = True) -> pyoxigraph.QuerySolutions:
    result = store.query(text, use_default_graph_as_union=union, substitutions=substitutions)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    return result


def explain(store: pyoxigraph.Store, iri: str, inferred_graph: str) -> Explanation:
    """The statements about `iri` (asserted and inferred apart) and the evidence behind them."""
    try:
        node = pyoxigraph.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"{iri!r} is not an IRI ({exc})") from exc
    subject: dict[pyoxigraph.Variable, Term] = {pyoxigraph.Variable("s"): node}
    result = Explanation(iri)
    inferred = {(s["p"].value, s["o"].value) for s in _select(
        store, _INFERRED, {**subject, pyoxigraph.Variable("g"): pyoxigraph.NamedNode(inferred_graph)}, union=False)}
    for s in _select(store, _STATEMENTS, subject):
        pair = (s["p"].value, s["o"].value)
        (result.inferred if pair in inferred else result.statements).append(pair)
    if not result.statements and not result.inferred:
        raise QueryError(f"nothing is known about {iri} in this store")
    for s in _select(store, _EVIDENCE, subject):
        result.evidence.append(EvidenceRow(
            s["article"].value, s["file"].value if s["file"] else "", int(s["start"].value), int(s["end"].value),
            s["sentence"].value, s["rule"].value, s["confidence"].value if s["confidence"] else ""))
    return result


def short(value: str) -> str:
    """kg: terms and well-known prefixes shortened for display."""
    for prefix, name in ((KG, "kg:"), ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
                         ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
                         ("http://www.w3.org/2004/02/skos/core#", "skos:")):
        if value.startswith(prefix):
            return name + value[len(prefix):]
    return value
