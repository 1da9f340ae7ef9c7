"""Reasoning: OWL 2 RL entailments of the TBox over the data, plus SPARQL rules for what OWL cannot say.

Inferred triples go to their own named graph (`graph/inferred`), so users can tell them from what
articles state. Two OWL engines give the same data entailments:
- `owlrl`: owlrl's full OWL 2 RL closure over TBox + data (the reference; slow on large graphs);
- the SPARQL rules in `ontology/rules/*.rq` run afterwards in file-name order until nothing new appears.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kg.paths import ontology_dir

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


@dataclass
class ReasoningReport:
    engine: str
    inferred: int
    seconds: float
    rounds: int


def rule_files() -> list[Path]:
    return sorted((ontology_dir() / "rules").glob("*.rq"))


def _graph_size(store: pyoxigraph.Store, graph: pyoxigraph.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def run_rules(store: pyoxigraph.Store, base: str, inferred: pyoxigraph.NamedNode, max_rounds: int = 10) -> int:
    """Apply every rule, in order, until a round adds nothing; returns the number of rounds."""
    rules = [(path.name, path.read_text(encoding="utf-8")) for path in rule_files()]
    size = _graph_size(store, inferred)
    for round_number in range(1, max_rounds + 1):
        for _name, text in rules:
            store.update(text, base_iri=base)
        new_size = _graph_size(store, inferred)
        if new_size == size:
            return round_number
        size = new_size
    return max_rounds


def owlrl_closure(store: pyoxigraph.Store, inferred: pyoxigraph.NamedNode) -> int:
    """owlrl's OWL 2 RL closure of all graphs; new triples (minus owlrl's literal artefacts) → `inferred`."""
    import owlrl
    import rdflib

    graph = rdflib.Graph()
    for quad in store.quads_for_pattern(None, None, None, None):
        graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(graph)
    added = 0
    quads = []
    for s, p, o in graph:
        if (s, p, o) in before or isinstance(s, rdflib.Literal):
            continue
        if str(p) == OWL_SAME_AS and s == o:
            continue
        quads.append(pyoxigraph.Quad(_to_oxigraph(s), _to_oxigraph(p), _to_oxigraph(o), inferred))
        added += 1
    store.extend(quads)
    return added


def reason(store: pyoxigraph.Store, base: str, engine: str = "owlrl") -> ReasoningReport:
    inferred = pyoxigraph.NamedNode(base + "graph/inferred")
    started = time.perf_counter()
    if engine == "owlrl":
        owlrl_closure(store, inferred)
    rounds = run_rules(store, base, inferred)
    return ReasoningReport(engine, _graph_size(store, inferred), time.perf_counter() - started, rounds)


def _to_rdflib(term):
    import rdflib

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _to_oxigraph(term):
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))
