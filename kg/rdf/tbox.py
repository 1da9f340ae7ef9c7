"""Compile an OWL 2 RL TBox into the lookup tables kg's reasoner applies to the data.

The schema rules of OWL 2 RL (scm-*: subclass and subproperty closure, equivalences, domains and
ranges inherited along the hierarchies, every declared class under owl:Thing) are applied once here,
over the ontology graph only, so that evaluating the data needs just one lookup per triple: the
super-classes of a type, the super-properties, inverses, domain and range classes of a predicate,
and the chains, transitive, functional and disjointness axioms. Axioms outside what
`kg.rdf.closure` evaluates raise `UnsupportedAxiom` rather than being silently ignored; the
reference engine (`--reasoner owlrl`) handles the whole profile.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Store

from kg.errors import KGError

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"

# Terms are N-Triples strings: "<iri>", "_:b0", "\"value\"^^<datatype>" (see kg.rdf.closure).
Term = str
RDF_TYPE = f"<{RDF}type>"
RDF_FIRST = f"<{RDF}first>"
RDF_REST = f"<{RDF}rest>"
RDF_NIL = f"<{RDF}nil>"
OWL_SAME_AS = f"<{OWL}sameAs>"
OWL_THING = f"<{OWL}Thing>"
OWL_NOTHING = f"<{OWL}Nothing>"

# Predicates and classes that state axioms kg's engine does not evaluate (owlrl does).
UNSUPPORTED_PREDICATES = {f"<{OWL}{name}>" for name in (
    "hasKey", "intersectionOf", "unionOf", "complementOf", "someValuesFrom", "allValuesFrom", "hasValue",
    "maxCardinality", "maxQualifiedCardinality", "oneOf", "propertyDisjointWith", "sourceIndividual",
    "differentFrom", "distinctMembers")}
UNSUPPORTED_TYPES = {f"<{OWL}{name}>" for name in (
    "AllDifferent", "AllDisjointProperties", "IrreflexiveProperty", "AsymmetricProperty",
    "NegativePropertyAssertion")}


def is_literal(term: Term) -> bool:
    return term[0] == '"'


class UnsupportedAxiom(KGError):
    """The TBox uses an OWL 2 RL construct kg's engine does not evaluate; use `--reasoner owlrl`."""


@dataclass
class TBox:
    """What the data rules need, with the schema closure already applied."""

    super_classes: dict[Term, frozenset[Term]] = field(default_factory=dict)
    super_properties: dict[Term, frozenset[Term]] = field(default_factory=dict)
    subject_types: dict[Term, frozenset[Term]] = field(default_factory=dict)
    object_types: dict[Term, frozenset[Term]] = field(default_factory=dict)
    inverses: dict[Term, frozenset[Term]] = field(default_factory=dict)
    symmetric: frozenset[Term] = frozenset()
    transitive: frozenset[Term] = frozenset()
    functional: frozenset[Term] = frozenset()
    inverse_functional: frozenset[Term] = frozenset()
    chains: list[tuple[Term, tuple[Term, ...]]] = field(default_factory=list)
    disjoint: list[tuple[Term, Term]] = field(default_factory=list)
    terms: frozenset[Term] = frozenset()

    def predicates(self) -> set[Term]:
        """Every predicate whose triples can fire a rule or be derived by one."""
        found: set[Term] = {RDF_TYPE, OWL_SAME_AS}
        for table in (self.super_properties, self.subject_types, self.object_types, self.inverses):
            found.update(table)
            for values in table.values():
                found.update(values)
        found.update(self.symmetric | self.transitive | self.functional | self.inverse_functional)
        for result, chain in self.chains:
            found.add(result)
            found.update(chain)
        return found


def _closure(edges: dict[Term, set[Term]]) -> dict[Term, frozenset[Term]]:
    """Everything reachable from each node (the node itself left out unless on a cycle)."""
    result: dict[Term, frozenset[Term]] = {}
    for start in edges:
        seen: set[Term] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
        result[start] = frozenset(seen)
    return result


def _rdf_list(triples: dict[tuple[Term, Term], list[Term]], head: Term) -> tuple[Term, ...]:
    items: list[Term] = []
    node = head
    while node != RDF_NIL:
        firsts = triples.get((node, RDF_FIRST), [])
        rests = triples.get((node, RDF_REST), [])
        if len(firsts) != 1 or len(rests) != 1 or len(items) > 1000:
            raise UnsupportedAxiom(f"malformed RDF list at {node}")
        items.append(firsts[0])
        node = rests[0]
    return tuple(items)


def compile_tbox(triples: Iterable[tuple[Term, Term, Term]]) -> TBox:
    """The rule tables of an OWL 2 RL ontology given as (subject, predicate, object) triples."""
    by_sp: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
    by_p: dict[str, list[tuple[Term, Term]]] = defaultdict(list)
    terms: set[Term] = set()
    for s, p, o in triples:
        by_sp[(s, p)].append(o)
        by_p[p[1:-1]].append((s, o))
        terms.update((s, o))
        if p in UNSUPPORTED_PREDICATES:
            raise UnsupportedAxiom(f"{s} {p}: not evaluated by kg's reasoner (use --reasoner owlrl)")
    types = by_p[RDF + "type"]
    for s, o in types:
        if o in UNSUPPORTED_TYPES:
            raise UnsupportedAxiom(f"{s} a {o}: not evaluated by kg's reasoner (use --reasoner owlrl)")

    def typed(name: str) -> frozenset[Term]:
        return frozenset(s for s, o in types if o == f"<{OWL}{name}>")

    # scm-cls, scm-sco, scm-eqc1/2, cls-thing, cls-nothing1
    sub: dict[Term, set[Term]] = defaultdict(set)
    for c in typed("Class") | {OWL_THING, OWL_NOTHING}:
        sub[c].add(OWL_THING)
        sub[OWL_NOTHING].add(c)
    for c, d in by_p[RDFS + "subClassOf"]:
        sub[c].add(d)
    for c, d in by_p[OWL + "equivalentClass"]:
        sub[c].add(d)
        sub[d].add(c)
    super_classes = _closure(sub)

    # scm-op, scm-dp, scm-spo, scm-eqp1/2
    subp: dict[Term, set[Term]] = defaultdict(set)
    for p, q in by_p[RDFS + "subPropertyOf"]:
        subp[p].add(q)
    for p, q in by_p[OWL + "equivalentProperty"]:
        subp[p].add(q)
        subp[q].add(p)
    super_properties = _closure(subp)

    def with_supers(classes: Iterable[Term]) -> set[Term]:
        out: set[Term] = set()
        for c in classes:
            out.add(c)
            out.update(super_classes.get(c, ()))
        return out

    # prp-dom/prp-rng with scm-dom1/2, scm-rng1/2: a predicate's triples also type by the domains and
    # ranges of its super-properties.
    domains: dict[Term, set[Term]] = defaultdict(set)
    ranges: dict[Term, set[Term]] = defaultdict(set)
    for p, c in by_p[RDFS + "domain"]:
        domains[p].add(c)
    for p, c in by_p[RDFS + "range"]:
        ranges[p].add(c)
    subject_types: dict[Term, frozenset[Term]] = {}
    object_types: dict[Term, frozenset[Term]] = {}
    for p in set(domains) | set(ranges) | set(super_properties):
        lineage = {p} | super_properties.get(p, frozenset())
        of_subject = with_supers(c for q in lineage for c in domains.get(q, ()))
        of_object = with_supers(c for q in lineage for c in ranges.get(q, ()))
        if of_subject:
            subject_types[p] = frozenset(of_subject)
        if of_object:
            object_types[p] = frozenset(of_object)

    inverses: dict[Term, set[Term]] = defaultdict(set)
    for p, q in by_p[OWL + "inverseOf"]:
        inverses[p].add(q)
        inverses[q].add(p)

    chains = [(p, _rdf_list(by_sp, head)) for p, head in by_p[OWL + "propertyChainAxiom"]]

    disjoint: set[tuple[Term, Term]] = set()
    for c, d in by_p[OWL + "disjointWith"]:
        disjoint.add((c, d))
    for node in typed("AllDisjointClasses"):
        for head in by_sp.get((node, f"<{OWL}members>"), []):
            members = _rdf_list(by_sp, head)
            disjoint.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])

    return TBox(
        super_classes={c: s for c, s in super_classes.items() if s},
        super_properties={p: s for p, s in super_properties.items() if s},
        subject_types=subject_types,
        object_types=object_types,
        inverses={p: frozenset(q) for p, q in inverses.items()},
        symmetric=typed("SymmetricProperty"),
        transitive=typed("TransitiveProperty"),
        functional=typed("FunctionalProperty"),
        inverse_functional=typed("InverseFunctionalProperty"),
        chains=chains,
        disjoint=sorted(disjoint),
        terms=frozenset(terms),
    )


def tbox_from_store(store: Store, graph: NamedNode) -> TBox:
    """The TBox in one named graph of a store (kg's `graph/ontology`)."""
    return compile_tbox((str(q.subject), str(q.predicate), str(q.object))
                        for q in store.quads_for_pattern(None, None, None, graph))
