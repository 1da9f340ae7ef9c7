"""Reasoning: OWL 2 RL entailments of the TBox over the data, plus SPARQL rules for what OWL cannot say.

Inferred triples go to their own named graph (`graph/inferred`), so users can tell them from what
articles state. Two engines give the same data entailments (tests/test_reason_equality.py):
- `kg` (default): the TBox compiled into rules (kg.rdf.tbox) and evaluated semi-naively over the
  triples it can reason about (kg.rdf.closure) — tens of times faster than owlrl (docs/reasoning.md);
- `owlrl`: owlrl's full OWL 2 RL closure over TBox + data, the reference.
Only data triples are written: not owlrl's statements about classes and properties, reflexive
owl:sameAs or triples about literals.

Then the SPARQL rules in `ontology/rules/*.rq` (CONSTRUCT queries over the union of all graphs) run
in file-name order; their output is added to the OWL closure, and a rule runs again only when a
`kg:` term it reads changed since its last run, until nothing changes (ontology/rules/README.md).
Rule 050 (shared interlocutors) is bounded: it runs only when the store holds at most
`MAX_SHARED_PAIRS` (a, b, via) triples. Last, the contact sheets (kg.rdf.contact_sheets): per principal,
a named graph of whom it met or phoned, laid out for per-actor queries.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from kg.errors import KGError
from kg.paths import ontology_dir
from kg.rdf.closure import (
    Clash,
    Closure,
    Triple,
    construct,
    construct_ntriples,
    data_triples,
    parse_ntriples,
    select,
    write_ntriples,
)
from kg.rdf.contact_sheets import write_contact_sheets
from kg.rdf.tbox import OWL, OWL_SAME_AS, RDF, RDF_TYPE, RDFS, is_literal, tbox_from_store

ENGINES = ("kg", "owlrl")
KG = "https://example.org/kg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"
SCHEMA_NAMESPACES = (RDF, RDFS, OWL, XSD)
# Above this many (a, b, via) triples rule 050 is skipped: each pair is a node of about 8 triples and
# their number grows with the square of a hub's contacts (552,212 pairs, some 4 million triples, on a
# 1M-triple synthetic graph; docs/reasoning.md). `shared-interlocutors-of` answers per actor instead.
MAX_SHARED_PAIRS = 5_000
SHARED_INTERLOCUTORS_RULE = "050-shared-interlocutors"
FLUSH_EVERY = 200_000  # inferred quads written between two flushes of the store (InferredGraph)
_SHARED_PAIRS = f"""
PREFIX kg: <{KG}>
SELECT (SUM(?n * (?n - 1) / 2) AS ?pairs) WHERE {{
  SELECT ?via (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?via kg:interactedWith ?x }} GROUP BY ?via
}}"""


class ReasoningError(KGError):
    """An unknown engine, or a rule that is not a CONSTRUCT query."""


@dataclass
class ReasoningReport:
    engine: str
    inferred: int = 0
    seconds: float = 0.0
    owl_seconds: float = 0.0
    rules_seconds: float = 0.0
    sheets_seconds: float = 0.0  # the contact sheets (kg.rdf.contact_sheets), after the rules
    sheet_quads: int = 0  # in the sheet graphs (`inferred` counts graph/inferred only)
    rule_runs: int = 0
    passes: int = 0
    clashes: list[Clash] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # owlrl's inconsistency messages (owlrl engine)
    notes: list[str] = field(default_factory=list)


@dataclass
class Rule:
    """A SPARQL CONSTRUCT rule and the terms it reads (the `kg:` names after its first WHERE)."""

    name: str
    text: str
    reads: frozenset[str]


def load_rules(directory: Path | None = None) -> list[Rule]:
    rules = []
    for path in sorted((directory or ontology_dir() / "rules").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"#[^\n]*", "", text)
        if not re.search(r"\bCONSTRUCT\b", body, re.IGNORECASE):
            raise ReasoningError(f"{path}: a rule must be a SPARQL CONSTRUCT query")
        where = re.split(r"\bWHERE\b", body, maxsplit=1, flags=re.IGNORECASE)[-1]
        reads = frozenset(KG + name for name in re.findall(r"\bkg:(\w+)", where))
        rules.append(Rule(path.stem, text, reads))
    return rules


class InferredGraph:
    """graph/inferred, written a batch at a time. The store's write buffers are flushed to disk every
    `FLUSH_EVERY` quads: RocksDB otherwise kept every inferred quad of the step in memory until the
    end (670 MB for 640k quads at 10k articles; one quad is written to six indexes)."""

    def __init__(self, store: pyoxigraph.Store, graph: pyoxigraph.NamedNode) -> None:
        self.store = store
        self.graph = graph
        self.count = 0
        self._unflushed = 0

    def write(self, triples: Iterable[Triple]) -> None:
        written = write_ntriples(self.store, triples, self.graph)
        self.count += written
        self._unflushed += written
        if self._unflushed >= FLUSH_EVERY:
            self.store.flush()
            self._unflushed = 0


# --- OWL engines ------------------------------------------------------------------------------


class _KgEngine:
    """kg's compiled, semi-naive OWL 2 RL engine."""

    def __init__(self, store: pyoxigraph.Store, ontology: pyoxigraph.NamedNode, inferred: InferredGraph) -> None:
        self.closure = Closure(tbox_from_store(store, ontology))
        # the closure of what the store states is written while it is read (Closure.load)
        self.closure.load(store, skip_graphs=[ontology, inferred.graph], sink=inferred.write)

    def knows(self, triple: Triple) -> bool:
        return self.closure.knows(triple)

    def close(self, new: list[Triple]) -> list[Triple]:
        self.closure.add(new)
        return list(data_triples(self.closure.run()))

    def clashes(self) -> list[Clash]:
        return self.closure.clashes()


class _OwlrlEngine:
    """owlrl over the whole store (the reference); each call recomputes the full closure."""

    def __init__(self, store: pyoxigraph.Store, ontology: pyoxigraph.NamedNode, inferred: InferredGraph) -> None:
        self.triples = set(construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"))
        self.tbox_terms = {str(term) for q in store.quads_for_pattern(None, None, None, ontology)
                           for term in (q.subject, q.object)}
        self.errors: list[str] = []

    def knows(self, triple: Triple) -> bool:
        return triple in self.triples

    def close(self, new: list[Triple]) -> list[Triple]:
        self.triples.update(new)
        added, self.errors = owlrl_closure(self.triples)
        derived = [t for t in added if t not in self.triples and is_data_triple(t, self.tbox_terms)]
        self.triples.update(derived)
        return derived

    def clashes(self) -> list[Clash]:
        return []


def is_data_triple(triple: Triple, tbox_terms: set[str]) -> bool:
    """Not about a TBox or W3C vocabulary term, not about a literal, not owlrl's own bookkeeping."""
    s, p, o = triple
    if is_literal(s) or s in tbox_terms or p.startswith("<" + OWLRL_ERRORS):
        return False
    if s.startswith(tuple("<" + ns for ns in SCHEMA_NAMESPACES)):
        return False
    return not (p == OWL_SAME_AS and s == o)


def owlrl_closure(triples: Iterable[Triple]) -> tuple[list[Triple], list[str]]:
    """owlrl's OWL 2 RL closure of `triples`: (every triple it adds, its inconsistency messages)."""
    import owlrl
    import rdflib

    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    graph = rdflib.Graph().parse(data=text, format="nt")
    before = set(graph)
    closure = owlrl.OWLRL_Semantics(graph, False, False)
    owlrl.DatatypeHandling.use_Alt_lexical_conversions()  # as owlrl.DeductiveClosure.expand does
    try:
        closure.closure()
    finally:
        owlrl.DatatypeHandling.use_RDFLib_lexical_conversions()
    added = [(_nt(s), _nt(p), _nt(o)) for s, p, o in graph
             if (s, p, o) not in before and not isinstance(p, rdflib.BNode)]
    return added, list(closure.error_messages)


# --- the whole reasoning step ------------------------------------------------------------------


def reason(store: pyoxigraph.Store, base: str, engine: str = "kg", *,
           max_shared_pairs: int = MAX_SHARED_PAIRS, rules: list[Rule] | None = None) -> ReasoningReport:
    """OWL closure, then the SPARQL rules to a fixpoint; everything new goes to `graph/inferred`."""
    if engine not in ENGINES:
        raise ReasoningError(f"unknown reasoner {engine!r} (choose from {', '.join(ENGINES)})")
    report = ReasoningReport(engine)
    started = time.perf_counter()
    inferred = InferredGraph(store, pyoxigraph.NamedNode(base + "graph/inferred"))
    ontology = pyoxigraph.NamedNode(base + "graph/ontology")
    owl = (_KgEngine if engine == "kg" else _OwlrlEngine)(store, ontology, inferred)
    inferred.write(owl.close([]))
    report.owl_seconds += time.perf_counter() - started

    rules = load_rules() if rules is None else rules
    last_run = {rule.name: -1 for rule in rules}
    # What each step changed, in order, and which rule changed it ("" for the OWL closure). A rule is
    # not rerun for its own output: no rule is recursive (recursion belongs in the TBox).
    changes: list[tuple[str, frozenset[str]]] = []
    skipped: set[str] = set()
    while True:
        report.passes += 1
        produced: list[Triple] = []
        for rule in rules:
            if last_run[rule.name] >= 0 and not any(
                    rule.reads & terms for producer, terms in changes[last_run[rule.name]:] if producer != rule.name):
                continue
            if rule.name == SHARED_INTERLOCUTORS_RULE and not _small_enough(store, max_shared_pairs, report):
                skipped.add(rule.name)
                last_run[rule.name] = len(changes)
                continue
            mark = time.perf_counter()
            new = _run_rule(store, rule, base, owl.knows)
            inferred.write(new)
            report.rules_seconds += time.perf_counter() - mark
            report.rule_runs += 1
            last_run[rule.name] = len(changes)
            changes.append((rule.name, _terms(new)))
            produced.extend(new)
        if not produced:
            break
        mark = time.perf_counter()
        derived = owl.close(produced)
        inferred.write(derived)
        report.owl_seconds += time.perf_counter() - mark
        changes.append(("", _terms(derived)))
    mark = time.perf_counter()
    links, report.sheet_quads = write_contact_sheets(store, base)
    report.sheets_seconds = time.perf_counter() - mark
    report.clashes = owl.clashes()
    report.errors = getattr(owl, "errors", [])
    report.inferred = inferred.count + links
    report.seconds = time.perf_counter() - started
    return report


def _small_enough(store: pyoxigraph.Store, limit: int, report: ReasoningReport) -> bool:
    rows = list(select(store, _SHARED_PAIRS, use_default_graph_as_union=True))
    pairs = int(float(rows[0].get("pairs", 0))) if rows else 0  # an xsd:decimal (SPARQL division)
    if pairs > limit:
        report.notes.append(f"shared interlocutors not materialised: {pairs} (a, b, via) triples > {limit}; "
                            "ask per actor with `kg query shared-interlocutors-of -p actor=…`")
        return False
    return True


def _run_rule(store: pyoxigraph.Store, rule: Rule, base: str, knows: Callable[[Triple], bool]) -> list[Triple]:
    """The rule's constructed triples that are not known yet."""
    try:
        constructed = construct_ntriples(store, rule.text, base_iri=base, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise ReasoningError(f"rule {rule.name}: {exc}") from exc
    return [t for t in parse_ntriples(constructed) if not knows(t)]


def _terms(triples: Iterable[Triple]) -> frozenset[str]:
    """Predicates, and classes of rdf:type triples: what a rule can be said to read."""
    terms = set()
    for _s, p, o in triples:
        terms.add(o[1:-1] if p == RDF_TYPE else p[1:-1])
    return frozenset(terms)


def _nt(term) -> str:
    """An rdflib term in Oxigraph's N-Triples spelling."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return str(pyoxigraph.NamedNode(str(term)))
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if term.language:
        return str(pyoxigraph.Literal(str(term), language=term.language))
    if term.datatype:
        return str(pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype))))
    return str(pyoxigraph.Literal(str(term)))
