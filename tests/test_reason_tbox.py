"""What kg's TBox (ontology/kg.ttl + roles.ttl) entails, each entailment on a small hand-made graph.

The data mimics the builder's output: a meeting with two principals and someone present, roles in
posts, organisations inside others. Each test names the axiom it exercises.
"""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.paths import ontology_dir
from kg.rdf.closure import Closure, data_triples
from kg.rdf.reason import is_data_triple, owlrl_closure
from kg.rdf.tbox import tbox_from_store

ONTOLOGY = pyoxigraph.NamedNode("https://example.org/kg/graph/ontology")
ARTICLE = pyoxigraph.NamedNode("https://example.org/kg/graph/article/a1")
DATA = """
@prefix kg: <https://example.org/kg/ontology#> .
@base <https://example.org/kg/> .
<meeting/m1> a kg:Meeting ; kg:participant <person/bagheri> , <person/haniyeh> ; kg:present <person/jalali> ;
    kg:host <person/haniyeh> ; kg:place <place/doha> .
<role/r1> a kg:ActingForeignMinister ; kg:holder <person/bagheri> ; kg:roleOf <country/iran> .
<role/r2> a kg:HeadOfPoliticalBureau ; kg:holder <person/haniyeh> ; kg:roleOf <organization/hamas_political_bureau> .
<organization/hamas_political_bureau> kg:partOf <organization/hamas> .
<organization/hamas> kg:partOf <country/palestine> .
<person/bagheri> kg:metWith <person/haniyeh> .
<claim/c1> a kg:Claim ; kg:speaker <person/haniyeh> .
"""
K = "https://example.org/kg/ontology#"
B = "https://example.org/kg/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def kg(name: str) -> str:
    return f"<{K}{name}>"


def node(path: str) -> str:
    return f"<{B}{path}>"


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ONTOLOGY)
    store.load(DATA.encode(), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ARTICLE)
    return store


@pytest.fixture(scope="module")
def entailed(store: pyoxigraph.Store) -> set[tuple[str, str, str]]:
    closure = Closure(tbox_from_store(store, ONTOLOGY))
    closure.load(store, skip_graphs=[ONTOLOGY])
    return set(data_triples(closure.run()))


@pytest.mark.parametrize(("subject", "predicate", "obj"), [
    pytest.param("person/haniyeh", "interactedWith", "person/bagheri", id="metWith⊑interactedWith, symmetric"),
    pytest.param("person/haniyeh", "metWith", "person/bagheri", id="metWith symmetric"),
    pytest.param("person/bagheri", "coParticipant", "person/haniyeh", id="chain participatesIn∘participant"),
    pytest.param("person/bagheri", "coParticipant", "person/bagheri", id="chain is reflexive (OWL has no ≠)"),
    pytest.param("person/bagheri", "participatesIn", "meeting/m1", id="participant⁻¹"),
    pytest.param("person/jalali", "presentAt", "meeting/m1", id="present⁻¹"),
    pytest.param("meeting/m1", "involves", "person/jalali", id="present⊑involves"),
    pytest.param("meeting/m1", "participant", "person/haniyeh", id="host⊑participant (stated too)"),
    pytest.param("person/jalali", "involvedIn", "meeting/m1", id="involves⁻¹"),
    pytest.param("person/bagheri", "holds", "role/r1", id="holder⁻¹"),
    pytest.param("person/haniyeh", "madeClaim", "claim/c1", id="speaker⁻¹"),
    pytest.param("person/bagheri", "affiliatedWith", "country/iran", id="chain holds∘roleOf"),
    pytest.param("person/haniyeh", "affiliatedWith", "organization/hamas", id="chain affiliatedWith∘partOf"),
    pytest.param("person/haniyeh", "affiliatedWith", "country/palestine", id="partOf transitive in the chain"),
    pytest.param("organization/hamas_political_bureau", "partOf", "country/palestine", id="partOf transitive"),
    pytest.param("organization/hamas", "hasPart", "organization/hamas_political_bureau", id="partOf⁻¹"),
])
def test_kg_tbox_entails_links(entailed: set, subject: str, predicate: str, obj: str) -> None:
    triple = (node(subject), kg(predicate), node(obj))
    if predicate == "participant":  # stated, so not derived again
        assert triple not in entailed
    else:
        assert triple in entailed


def test_holding_a_post_makes_one_a_member_in_the_w3c_org_vocabulary(entailed: set) -> None:
    assert (node("person/bagheri"), "<http://www.w3.org/ns/org#memberOf>", node("country/iran")) in entailed
    assert (node("role/r1"), "<http://www.w3.org/ns/org#member>", node("person/bagheri")) in entailed


@pytest.mark.parametrize(("role", "classes"), [
    pytest.param("role/r1", ["ForeignMinister", "Minister", "GovernmentOfficial", "Official", "RoleAssertion"],
                 id="acting FM⊑FM⊑minister⊑government official"),
    pytest.param("role/r2", ["PoliticalBureauMember", "Member", "Official"],
                 id="head of political bureau⊑political bureau member⊑member"),
])
def test_role_hierarchy(entailed: set, role: str, classes: list[str]) -> None:
    for name in classes:
        assert (node(role), TYPE, kg(name)) in entailed


@pytest.mark.parametrize(("subject", "cls"), [
    pytest.param("person/bagheri", "Person", id="holder range Person"),
    pytest.param("person/jalali", "Actor", id="involves range Actor"),
    pytest.param("meeting/m1", "Interaction", id="Meeting⊑Interaction"),
    pytest.param("place/doha", "Actor", id="place range Actor"),
    pytest.param("claim/c1", "Claim", id="stated type kept (not derived)"),
])
def test_domain_and_range_typing(entailed: set, subject: str, cls: str) -> None:
    triple = (node(subject), TYPE, kg(cls))
    assert (triple in entailed) == (cls != "Claim")


def test_disjointness_catches_a_person_typed_as_an_organisation(store: pyoxigraph.Store) -> None:
    closure = Closure(tbox_from_store(store, ONTOLOGY))
    closure.load(store, skip_graphs=[ONTOLOGY])
    closure.add([(node("person/bagheri"), TYPE, kg("Organization"))])
    closure.run()
    clashes = {(c.individual, c.first, c.second) for c in closure.clashes()}
    assert (node("person/bagheri"), kg("Person"), kg("Organization")) in clashes


def test_owlrl_derives_exactly_the_same_data_triples(store: pyoxigraph.Store, entailed: set) -> None:
    triples = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    tbox_terms = {str(t) for q in store.quads_for_pattern(None, None, None, ONTOLOGY) for t in (q.subject, q.object)}
    added, errors = owlrl_closure(triples)
    assert {t for t in added if is_data_triple(t, tbox_terms)} == entailed
    assert errors == []


def test_generated_vocabulary_and_role_classes_are_current() -> None:
    """kg/rdf/vocab.py and ontology/roles.ttl are generated (`python -m kg.rdf.generate`): never stale."""
    from kg.rdf.generate import targets

    for path, text in targets().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m kg.rdf.generate"
