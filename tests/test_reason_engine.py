"""kg's OWL 2 RL engine (kg.rdf.tbox + kg.rdf.closure) on small hand-made graphs, one entailment each.

Every case states a tiny TBox and data, runs kg's engine, and checks the triples it must derive (and
some it must not); each case is also run through owlrl, whose data entailments must be the same.
"""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.rdf.closure import Closure, data_triples
from kg.rdf.reason import is_data_triple, owlrl_closure
from kg.rdf.tbox import UnsupportedAxiom, compile_tbox, tbox_from_store

PREFIXES = """@prefix : <http://example.org/t#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
ONTOLOGY = pyoxigraph.NamedNode("http://example.org/graph/ontology")
DATA = pyoxigraph.NamedNode("http://example.org/graph/data")
T = "http://example.org/t#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SAME = "<http://www.w3.org/2002/07/owl#sameAs>"
THING = "<http://www.w3.org/2002/07/owl#Thing>"


def n(name: str) -> str:
    return f"<{T}{name}>"


def make_store(tbox: str, data: str) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load((PREFIXES + tbox).encode(), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ONTOLOGY)
    store.load((PREFIXES + data).encode(), format=pyoxigraph.RdfFormat.TURTLE, to_graph=DATA)
    return store


def kg_entailments(store: pyoxigraph.Store) -> tuple[set, Closure]:
    closure = Closure(tbox_from_store(store, ONTOLOGY))
    closure.load(store, skip_graphs=[ONTOLOGY])
    return set(data_triples(closure.run())), closure


def owlrl_entailments(store: pyoxigraph.Store) -> set:
    triples = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    tbox_terms = {str(t) for q in store.quads_for_pattern(None, None, None, ONTOLOGY) for t in (q.subject, q.object)}
    added, _errors = owlrl_closure(triples)
    return {t for t in added if is_data_triple(t, tbox_terms)}


CASES = [
    pytest.param(":A rdfs:subClassOf :B . :B rdfs:subClassOf :C . :A a owl:Class .",
                 ":x a :A .", {(n("x"), TYPE, n("B")), (n("x"), TYPE, n("C")), (n("x"), TYPE, THING)}, set(),
                 id="subClassOf-transitive-and-owl:Thing"),
    pytest.param(":A owl:equivalentClass :B .", ":x a :B .", {(n("x"), TYPE, n("A"))}, set(),
                 id="equivalentClass"),
    pytest.param(":p rdfs:subPropertyOf :q . :q rdfs:subPropertyOf :r .", ":x :p :y .",
                 {(n("x"), n("q"), n("y")), (n("x"), n("r"), n("y"))}, set(), id="subPropertyOf-transitive"),
    pytest.param(":p owl:equivalentProperty :q .", ":x :q :y .", {(n("x"), n("p"), n("y"))}, set(),
                 id="equivalentProperty"),
    pytest.param(":q rdfs:domain :D ; rdfs:range :R . :p rdfs:subPropertyOf :q . :D rdfs:subClassOf :E .",
                 ':x :p :y . :z :q "literal" .',
                 {(n("x"), n("q"), n("y")), (n("x"), TYPE, n("D")), (n("x"), TYPE, n("E")), (n("y"), TYPE, n("R")),
                  (n("z"), TYPE, n("D")), (n("z"), TYPE, n("E"))}, set(), id="domain-range-through-subproperty"),
    pytest.param(":p owl:inverseOf :q .", ":x :p :y . :a :q :b .",
                 {(n("y"), n("q"), n("x")), (n("b"), n("p"), n("a"))}, set(), id="inverseOf-both-ways"),
    pytest.param(":p a owl:SymmetricProperty .", ":x :p :y .", {(n("y"), n("p"), n("x"))}, set(),
                 id="SymmetricProperty"),
    pytest.param(":p a owl:TransitiveProperty .", ":a :p :b . :b :p :c . :c :p :d .",
                 {(n("a"), n("p"), n("c")), (n("a"), n("p"), n("d")), (n("b"), n("p"), n("d"))},
                 {(n("d"), n("p"), n("a"))}, id="TransitiveProperty"),
    pytest.param(":r owl:propertyChainAxiom ( :p :q ) .", ":a :p :b . :b :q :c . :b :q :d . :x :q :y .",
                 {(n("a"), n("r"), n("c")), (n("a"), n("r"), n("d"))}, {(n("x"), n("r"), n("y"))},
                 id="propertyChain-2"),
    pytest.param(":r owl:propertyChainAxiom ( :p :q :s ) .", ":a :p :b . :b :q :c . :c :s :d .",
                 {(n("a"), n("r"), n("d"))}, set(), id="propertyChain-3"),
    pytest.param(":r owl:propertyChainAxiom ( :r :p ) .", ":a :r :b . :b :p :c . :c :p :d .",
                 {(n("a"), n("r"), n("c")), (n("a"), n("r"), n("d"))}, set(), id="propertyChain-recursive"),
    pytest.param(":p a owl:FunctionalProperty .", ":x :p :y1 , :y2 . :y1 :q :z .",
                 {(n("y1"), SAME, n("y2")), (n("y2"), SAME, n("y1")), (n("y2"), n("q"), n("z"))}, set(),
                 id="FunctionalProperty-sameAs-and-replacement"),
    pytest.param(":p a owl:InverseFunctionalProperty .", ":x1 :p :y . :x2 :p :y . :w :q :x1 .",
                 {(n("x1"), SAME, n("x2")), (n("x2"), SAME, n("x1")), (n("w"), n("q"), n("x2"))}, set(),
                 id="InverseFunctionalProperty"),
]


@pytest.mark.parametrize(("tbox", "data", "expected", "absent"), CASES)
def test_engine_derives_each_entailment_like_owlrl(tbox: str, data: str, expected: set, absent: set) -> None:
    store = make_store(tbox, data)
    derived, _ = kg_entailments(store)
    assert expected <= derived
    assert not absent & derived
    assert derived == owlrl_entailments(store)


def test_engine_reports_disjointness_clashes() -> None:
    store = make_store("[] a owl:AllDisjointClasses ; owl:members ( :P :O :C ) . :S rdfs:subClassOf :P .",
                       ":x a :S , :O . :y a :P .")
    _, closure = kg_entailments(store)
    assert [(c.individual, c.first, c.second) for c in closure.clashes()] == [(n("x"), n("P"), n("O"))]


def test_engine_extends_an_existing_closure_with_new_facts() -> None:
    store = make_store(":p rdfs:subPropertyOf :q . :q a owl:SymmetricProperty .", ":a :p :b .")
    derived, closure = kg_entailments(store)
    assert (n("b"), n("q"), n("a")) in derived
    closure.add([(n("c"), n("p"), n("d"))])
    assert set(closure.run()) == {(n("c"), n("q"), n("d")), (n("d"), n("q"), n("c"))}


@pytest.mark.parametrize("axiom", [
    pytest.param(":A owl:someValuesFrom :B .", id="someValuesFrom"),
    pytest.param(":A owl:unionOf ( :B :C ) .", id="unionOf"),
    pytest.param(":p a owl:IrreflexiveProperty .", id="IrreflexiveProperty"),
])
def test_unsupported_axioms_raise_instead_of_being_ignored(axiom: str) -> None:
    store = make_store(axiom, "")
    with pytest.raises(UnsupportedAxiom, match="--reasoner owlrl"):
        tbox_from_store(store, ONTOLOGY)


def test_compiled_tbox_puts_declared_classes_under_owl_thing_only() -> None:
    tbox = compile_tbox([(n("A"), TYPE, "<http://www.w3.org/2002/07/owl#Class>"),
                         (n("B"), "<http://www.w3.org/2000/01/rdf-schema#subClassOf>", n("C"))])
    assert THING in tbox.super_classes[n("A")]
    assert tbox.super_classes[n("B")] == frozenset({n("C")})


def test_construct_streams_triples_whose_literals_hold_line_separators() -> None:
    """Only "\\n" ends an N-Triples line: U+2028 or U+0085 inside a literal must not split a triple."""
    from kg.rdf.closure import construct, construct_ntriples, parse_ntriples

    store = pyoxigraph.Store()
    text = "سطر\u2028دوم\x85سوم\x1c"
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/a"), pyoxigraph.NamedNode("http://x/p"),
                              pyoxigraph.Literal(text, language="fa")))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/a"), pyoxigraph.NamedNode("http://x/q"),
                              pyoxigraph.NamedNode("http://x/b")))
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    streamed = sorted(construct(store, query))
    assert streamed == sorted(parse_ntriples(construct_ntriples(store, query)))
    assert len(streamed) == 2
    literal = next(o for _s, p, o in streamed if p == "<http://x/p>")
    assert str(pyoxigraph.Literal(text, language="fa")) == literal


def test_select_spool_spells_every_term_as_construct_does() -> None:
    """The closure reads the store with SELECT (TSV), which abbreviates numbers and booleans and leaves
    control characters raw; the terms it hands on must be Oxigraph's N-Triples, as CONSTRUCT writes them."""
    from kg.rdf.closure import construct, spool_select, spool_triples

    xsd = "http://www.w3.org/2001/XMLSchema#"
    objects = [
        pyoxigraph.Literal("سطر\u2028دوم\x85\ttab\n\"quote\"\\\x01\x08\x0c\x1f\x7f", language="fa"),
        pyoxigraph.Literal("plain"),
        *(pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(xsd + datatype)) for value, datatype in [
            ("16", "integer"), ("-3", "integer"), ("0.75", "decimal"), ("-.5", "decimal"), ("1.5E3", "double"),
            ("NaN", "double"), ("true", "boolean"), ("0", "boolean"), ("2024-03-01", "date"), ("x", "integer")]),
        pyoxigraph.BlankNode("b1"),
        pyoxigraph.NamedNode("http://x/%20ب"),
    ]
    store = pyoxigraph.Store()
    for index, obj in enumerate(objects):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"http://x/s{index}"), pyoxigraph.NamedNode("http://x/p"),
                                  obj, pyoxigraph.NamedNode("http://x/g")))
    constructed = set(construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"))
    with spool_select(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }") as spool:
        selected = list(spool_triples(spool))
        spool.seek(0)
        again = list(spool_triples(spool))
    assert len(constructed) == len(objects)
    assert set(selected) == constructed
    assert again == selected


@pytest.mark.parametrize("fire_chunk", [1, 2, 1000])
def test_loading_with_a_sink_derives_what_run_derives_and_never_a_stated_triple(monkeypatch, fire_chunk) -> None:
    """With a sink the rules fire while the store is read; a triple stated in some graph must not be
    reported as derived even when another triple read before it entails it."""
    import kg.rdf.closure as closure_module

    tbox = ":p rdfs:domain :D ; rdfs:range :R . :D rdfs:subClassOf :E . :t a owl:TransitiveProperty ."
    data = ":x :p :y . :x a :D . :y a :R . :a :t :b . :b :t :c . :c :t :d . :a :t :c ."
    monkeypatch.setattr(closure_module, "FIRE_CHUNK", fire_chunk)
    expected, _closure = kg_entailments(make_store(tbox, data))
    store = make_store(tbox, data)
    closure = Closure(tbox_from_store(store, ONTOLOGY))
    batches: list[list] = []
    closure.load(store, skip_graphs=[ONTOLOGY], sink=batches.append)
    streamed = [t for batch in batches for t in batch]
    assert closure.run() == []
    assert len(streamed) == len(set(streamed))
    assert set(streamed) == expected
    assert (n("x"), TYPE, n("D")) not in expected and (n("a"), n("t"), n("c")) not in expected
    assert {(n("x"), TYPE, n("E")), (n("a"), n("t"), n("d"))} <= expected
