"""Validation of a store: SHACL shapes (pySHACL), OWL disjointness, and the consistency report.

Three kinds of findings, each with the evidence a reader needs to check it:
- SHACL results for `ontology/shapes.ttl` (a missing source, a malformed date, an interaction with
  one actor…), over every graph but the ontology — inferred types included, so `sh:class kg:Actor`
  accepts a kg:Person;
- clashes with the TBox's disjointness axioms (something both a Person and an Organization);
- the consistency report of kg.rdf.consistency (two holders of a single-holder post on one date, a
  person in contradictory posts, a meeting after a participant's death).
Violations (SHACL violations and clashes) make a store fail; warnings do not.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph

from kg.errors import KGError
from kg.paths import ontology_dir
from kg.rdf.closure import construct_ntriples, select
from kg.rdf.consistency import Finding, check_consistency
from kg.rdf.tbox import RDF_TYPE, tbox_from_store

SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
KG = "https://example.org/kg/ontology#"
VIOLATION, WARNING = "violation", "warning"
# pySHACL costs about 50 µs per triple of the store (9 s at 100k data + 76k inferred triples,
# docs/reasoning.md): `kg build` runs the shapes up to this many triples and only the fast checks
# (disjointness, consistency) above; `kg validate` always runs them all unless told --no-shacl.
SHACL_BUILD_LIMIT = 300_000


class ValidationError(KGError):
    """The shapes file cannot be read."""


@dataclass(frozen=True)
class Result:
    """One SHACL result: which node, which property, what is wrong, and where the node comes from."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str
    articles: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f" [{', '.join(self.articles)}]" if self.articles else ""
        path = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}{path}: {self.message}{value}{where}"


@dataclass
class ValidationReport:
    results: list[Result] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == VIOLATION]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity != VIOLATION]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def lines(self) -> list[str]:
        """The report as short lines: one per problem, violations first, with their evidence."""
        out = [f"violation: {r.describe()}" for r in self.violations]
        out += [f"warning: {r.describe()}" for r in self.warnings]
        for finding in self.findings:
            out.append(f"warning: {finding.message}")
            out += [f"  evidence: {e}" for e in finding.evidence]
        return out


def validate_store(store: pyoxigraph.Store, base: str, *, shacl: bool = True) -> ValidationReport:
    """SHACL, disjointness and consistency findings for a built store (TBox in `graph/ontology`)."""
    started = time.perf_counter()
    report = ValidationReport()
    ontology = pyoxigraph.NamedNode(base + "graph/ontology")
    if shacl:
        report.results.extend(shacl_results(store, ontology))
    report.results.extend(disjointness_clashes(store, ontology))
    report.findings.extend(check_consistency(store))
    report.results.sort(key=lambda r: (r.severity != VIOLATION, r.focus, r.path, r.message))
    report.seconds = time.perf_counter() - started
    return report


def shacl_results(store: pyoxigraph.Store, ontology: pyoxigraph.NamedNode) -> list[Result]:
    """pySHACL over every graph but the ontology, against ontology/shapes.ttl."""
    import pyshacl
    import rdflib

    everything_but_the_tbox = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {ontology}) }}"
    # the class hierarchy too, so that sh:class and sh:targetClass also see types a store built
    # without reasoning only implies
    hierarchy = f"CONSTRUCT {{ ?c <{RDFS}subClassOf> ?d }} WHERE {{ GRAPH {ontology} {{ ?c <{RDFS}subClassOf> ?d }} }}"
    data = construct_ntriples(store, everything_but_the_tbox) + construct_ntriples(store, hierarchy)
    graph = rdflib.Graph().parse(data=data, format="nt")
    try:
        shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    except Exception as exc:  # rdflib raises many parser errors; all mean the same here
        raise ValidationError(f"{ontology_dir() / 'shapes.ttl'}: {exc}") from exc
    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                                allow_warnings=True, advanced=False)
    sh = rdflib.Namespace(SH)
    results = []
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(node, sh.focusNode)
        severity = report.value(node, sh.resultSeverity)
        results.append(Result(
            severity=VIOLATION if severity == sh.Violation else WARNING,
            focus=str(focus),
            path=_path(report.value(node, sh.resultPath)),
            value=str(report.value(node, sh.value) or ""),
            message=str(report.value(node, sh.resultMessage) or "does not conform"),
            shape=str(report.value(node, sh.sourceShape) or ""),
        ))
    return _with_articles(store, results)


def _path(path) -> str:
    import rdflib

    if path is None or isinstance(path, rdflib.BNode):
        return ""
    return str(path)


def _with_articles(store: pyoxigraph.Store, results: list[Result]) -> list[Result]:
    """Each result with the articles its focus node comes from (kg:source, or kg:inArticle for evidence)."""
    sources: dict[str, set[str]] = defaultdict(set)
    for row in select(store, f"""SELECT ?node ?article WHERE {{
            {{ ?node <{KG}source> ?article }} UNION {{ ?node <{KG}inArticle> ?article }} }}""",
                      use_default_graph_as_union=True):
        sources[row["node"]].add(row["article"])
    return [Result(r.severity, r.focus, r.path, r.value, r.message, r.shape, tuple(sorted(sources.get(r.focus, ()))))
            for r in results]


def disjointness_clashes(store: pyoxigraph.Store, ontology: pyoxigraph.NamedNode) -> list[Result]:
    """Individuals typed with two classes the TBox declares disjoint (OWL 2 RL cax-dw, cax-adc)."""
    tbox = tbox_from_store(store, ontology)
    results = []
    for first, second in tbox.disjoint:
        query = f"SELECT DISTINCT ?x WHERE {{ ?x {RDF_TYPE} {first} , {second} . }}"
        for row in select(store, query, use_default_graph_as_union=True):
            results.append(Result(VIOLATION, row["x"], "", "",
                                  f"is both {_local(first)} and {_local(second)}, classes the ontology "
                                  "declares disjoint", "owl:disjointWith"))
    return _with_articles(store, results)


def _local(term: str) -> str:
    return term.strip("<>").rsplit("#", 1)[-1].rsplit("/", 1)[-1]

