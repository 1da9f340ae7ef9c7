"""kg's reasoner derives the same data triples as owlrl's full OWL 2 RL closure.

"The same" is: owlrl's closure, minus its input, minus owlrl's artefacts (triples about literals,
reflexive owl:sameAs, statements about the TBox's own classes and properties, its error messages),
equals what kg's engine derives — compared as sets, on the seed graph and on a synthetic graph of the
same shape. A second test runs the whole reasoning step (OWL closure and SPARQL rules to a fixpoint)
with each engine and compares the inferred graphs they write.
"""

from __future__ import annotations

import pyoxigraph
import pytest
from store_helpers import seed_store

from kg.paths import ontology_dir
from kg.rdf.closure import Closure, data_triples
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.reason import is_data_triple, owlrl_closure, reason
from kg.rdf.store import open_store
from kg.rdf.synthetic_graph import synthetic_quads
from kg.rdf.tbox import tbox_from_store

ONTOLOGY = pyoxigraph.NamedNode(DEFAULT_BASE + "graph/ontology")
INFERRED = pyoxigraph.NamedNode(DEFAULT_BASE + "graph/inferred")

pytestmark = pytest.mark.slow


def seed_without_inferences() -> pyoxigraph.Store:
    """The seed store's asserted graphs (articles, knowledge base, ontology) in memory."""
    built = open_store(seed_store())
    store = pyoxigraph.Store()
    store.extend(q for q in built if q.graph_name != INFERRED)
    return store


def synthetic(articles: int) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.extend(synthetic_quads(articles, seed=7))
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ONTOLOGY)
    return store


def kg_data_entailments(store: pyoxigraph.Store) -> set[tuple[str, str, str]]:
    closure = Closure(tbox_from_store(store, ONTOLOGY))
    closure.load(store, skip_graphs=[ONTOLOGY])
    return set(data_triples(closure.run()))


def owlrl_data_entailments(store: pyoxigraph.Store) -> set[tuple[str, str, str]]:
    triples = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    tbox_terms = {str(t) for q in store.quads_for_pattern(None, None, None, ONTOLOGY) for t in (q.subject, q.object)}
    added, errors = owlrl_closure(triples)
    assert errors == [], errors
    return {t for t in added if is_data_triple(t, tbox_terms)}


@pytest.mark.parametrize("make", [
    pytest.param(seed_without_inferences, id="seed graph"),
    pytest.param(lambda: synthetic(40), id="synthetic graph, 40 articles"),
])
def test_kg_engine_equals_owlrl_on_data_triples(make) -> None:
    store = make()
    ours, theirs = kg_data_entailments(store), owlrl_data_entailments(store)
    assert len(ours) > 500
    missing, extra = sorted(theirs - ours)[:5], sorted(ours - theirs)[:5]
    assert ours == theirs, f"owlrl only: {missing}; kg only: {extra}"


def test_both_engines_write_the_same_inferred_graph_with_the_rules() -> None:
    inferred = {}
    for engine in ("kg", "owlrl"):
        store = seed_without_inferences()
        report = reason(store, DEFAULT_BASE, engine)
        inferred[engine] = {str(q) for q in store.quads_for_pattern(None, None, None, INFERRED)}
        assert report.inferred == len(inferred[engine])
    assert inferred["kg"] == inferred["owlrl"]
    assert any("SharedInterlocutor" in q for q in inferred["kg"])
