"""kg's OWL 2 RL engine: the data rules of a compiled TBox, evaluated semi-naively in memory.

Only triples whose predicate the TBox mentions (plus every rdf:type and owl:sameAs) are read from
the store, so the cost follows the data the ontology can reason about, not the whole graph. Terms
are N-Triples strings (`<iri>`, `"value"^^<datatype>`): triples cross between Oxigraph and Python as
text (SPARQL TSV rows read, N-Triples written), parsed and written by Oxigraph in bulk, because
building one Python object per term cost more than the reasoning itself (docs/reasoning.md). Each
triple is processed once, when it first appears (a worklist: the semi-naive strategy), against
indexes of what is already known; joins (transitive properties, property chains, functional
properties, equality) use per-predicate subject and object indexes. The rules are those of the
OWL 2 RL profile for the axioms `kg.rdf.tbox` compiles: cax-sco, cax-eqc, prp-dom, prp-rng,
prp-spo1, prp-eqp, prp-inv, prp-symp, prp-trp, prp-spo2, prp-fp, prp-ifp, eq-sym, eq-trans,
eq-rep-s/p/o; disjointness (cax-dw, cax-adc) and owl:Nothing are checked, not derived.

Results match owlrl's closure on data triples (tests/test_reason_equality.py). Not reproduced:
owlrl's reflexive owl:sameAs for every term, its typing of literals by their datatype, and its
datatype subsumption for resources explicitly typed with an XSD datatype.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from sys import intern
from typing import IO

from pyoxigraph import NamedNode, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store

from kg.rdf.tbox import OWL_NOTHING, OWL_SAME_AS, RDF_TYPE, TBox, Term, is_literal

Triple = tuple[Term, Term, Term]
FIRE_CHUNK = 50_000  # triples in the worklist when loading: the rules fire on them, then on the next ones


@dataclass(frozen=True)
class Clash:
    """An individual in two disjoint classes (or in owl:Nothing): the data contradicts the TBox."""

    individual: Term
    first: Term
    second: Term


class Closure:
    """The facts known so far and the rules of one TBox; `add` new facts, `run` to the fixpoint."""

    def __init__(self, tbox: TBox) -> None:
        self.tbox = tbox
        self.relevant = tbox.predicates()
        self.facts: dict[Term, set[tuple[Term, Term]]] = defaultdict(set)
        # subject → objects and object → subjects, only for predicates that take part in joins
        joined = set(tbox.transitive | tbox.functional | tbox.inverse_functional) | {OWL_SAME_AS}
        for _result, chain in tbox.chains:
            joined.update(chain)
        self._forward: dict[Term, dict[Term, set[Term]]] = {p: defaultdict(set) for p in joined}
        self._backward: dict[Term, dict[Term, set[Term]]] = {p: defaultdict(set) for p in joined}
        self._chains_by_step: dict[Term, list[tuple[Term, tuple[Term, ...], int]]] = defaultdict(list)
        for result, chain in tbox.chains:
            for position, step in enumerate(chain):
                self._chains_by_step[step].append((result, chain, position))
        self._pending: list[Triple] = []
        self._derived: list[Triple] = []
        # Equality needs every triple of the nodes involved, whatever the predicate: they are read
        # from the store (`_watch`) the first time a node becomes owl:sameAs another one.
        self._store: Store | None = None
        self._skip_graphs: tuple[str, ...] = ()
        self._loaded: set[Term] = set()
        self._equal_nodes: set[Term] = set()
        self._by_subject: dict[Term, set[tuple[Term, Term]]] = defaultdict(set)
        self._by_object: dict[Term, set[tuple[Term, Term]]] = defaultdict(set)

    # --- facts --------------------------------------------------------------------------------

    def load(self, store: Store, skip_graphs: Iterable[NamedNode] = (),
             sink: Callable[[list[Triple]], object] | None = None) -> int:
        """Read the triples the TBox can reason about from every graph but `skip_graphs`; returns the count.

        The triples are read twice from one spool file: first all are known, then the rules fire on
        them a chunk at a time. A stated triple is thus never reported as derived, and the worklist
        never holds everything read (≈10M triples at 100k articles). With a `sink`, what each chunk
        derives goes to the sink at once instead of waiting for `run` (≈6M triples at 100k articles).
        """
        self._store = store
        self._skip_graphs = tuple(str(g) for g in skip_graphs)
        pending = self._pending
        count = 0
        with self._spool(self._with_predicates(sorted(p for p in self.relevant if p.startswith("<")))) as spool:
            for s, p, o in spool_triples(spool):
                count += self._know(s, p, o)
                if len(pending) >= FIRE_CHUNK:
                    pending.clear()  # fired in the second reading
            pending.clear()
            spool.seek(0)
            for triple in spool_triples(spool):
                pending.append(triple)
                if len(pending) >= FIRE_CHUNK:
                    self._drain()
                    if sink is not None:
                        sink(list(data_triples(self.run())))
            self._drain()
        if sink is not None:
            sink(list(data_triples(self.run())))
        return count

    def _read(self, predicates: list[Term], node: Term | None = None) -> int:
        """Add the store's triples with these predicates (or, with `node`, every triple about it)."""
        if node is None:
            where = self._with_predicates(predicates)
        else:
            where = f"GRAPH ?g {{ {{ VALUES ?s {{ {node} }} ?s ?p ?o }} UNION {{ VALUES ?o {{ {node} }} ?s ?p ?o }} }}"
        with self._spool(where) as spool:
            return sum(self._know(s, p, o) for s, p, o in spool_triples(spool))

    def _with_predicates(self, predicates: list[Term]) -> str:
        """The pattern of every triple with these predicates, now counted as read (`knows`)."""
        self._loaded.update(predicates)
        return f"VALUES ?p {{ {' '.join(predicates)} }} GRAPH ?g {{ ?s ?p ?o }}"

    def _spool(self, where: str) -> IO[bytes]:
        """The store's triples matching `where` (binding ?s ?p ?o, in a graph ?g but the skipped ones)."""
        assert self._store is not None
        skip = " && ".join(f"?g != {g}" for g in self._skip_graphs) or "true"
        return spool_select(self._store, f"SELECT ?s ?p ?o WHERE {{ {where} FILTER ({skip}) }}")

    def add(self, triples: Iterable[Triple]) -> int:
        """Facts from elsewhere (e.g. the SPARQL rules), known but not reported as derived."""
        return sum(self._know(s, p, o) for s, p, o in triples)

    def knows(self, triple: Triple) -> bool:
        """Whether the triple is in the store or derived; reads a predicate's triples the first time."""
        s, p, o = triple
        if p not in self._loaded and p not in self.relevant and self._store is not None:
            self._read([p])
        return (s, o) in self.facts.get(p, ())

    def _know(self, s: Term, p: Term, o: Term) -> int:
        pairs = self.facts[p]
        if (s, o) in pairs:
            return 0
        pairs.add((s, o))
        forward = self._forward.get(p)
        if forward is not None:
            forward[s].add(o)
            self._backward[p][o].add(s)
        if self._equal_nodes:
            self._by_subject[s].add((p, o))
            self._by_object[o].add((s, p))
        self._pending.append((s, p, o))
        return 1

    def _derive(self, s: Term, p: Term, o: Term) -> None:
        # Triples about literals (owlrl's typing of values by a range, …) are left out: none of the
        # rules kg evaluates turns one back into a triple about a resource.
        if s[0] != '"' and self._know(s, p, o):
            self._derived.append((s, p, o))

    # --- evaluation ---------------------------------------------------------------------------

    def run(self) -> list[Triple]:
        """Apply the rules until nothing new appears; returns the triples derived since the last call."""
        self._drain()
        derived, self._derived = self._derived, []
        return derived

    def _drain(self) -> None:
        pending = self._pending
        while pending:
            s, p, o = pending.pop()
            self._fire(s, p, o)

    def _fire(self, s: Term, p: Term, o: Term) -> None:
        tbox = self.tbox
        derive = self._derive
        if p == RDF_TYPE:
            for c in tbox.super_classes.get(o, ()):
                derive(s, RDF_TYPE, c)
        else:
            for q in tbox.super_properties.get(p, ()):
                derive(s, q, o)
            for c in tbox.subject_types.get(p, ()):
                derive(s, RDF_TYPE, c)
            for c in tbox.object_types.get(p, ()):
                derive(o, RDF_TYPE, c)
            for q in tbox.inverses.get(p, ()):
                derive(o, q, s)
            if p in tbox.symmetric:
                derive(o, p, s)
            if p in tbox.transitive:
                for x in list(self._backward[p].get(s, ())):
                    derive(x, p, o)
                for y in list(self._forward[p].get(o, ())):
                    derive(s, p, y)
            if p in self._chains_by_step:
                for result, chain, position in self._chains_by_step[p]:
                    for x, y in self._chain_paths(chain, position, s, o):
                        derive(x, result, y)
            if p in tbox.functional:
                for other in list(self._forward[p].get(s, ())):
                    if other != o:
                        derive(o, OWL_SAME_AS, other)
            if p in tbox.inverse_functional:
                for other in list(self._backward[p].get(o, ())):
                    if other != s:
                        derive(s, OWL_SAME_AS, other)
            if p == OWL_SAME_AS and s != o:
                self._equate(s, o)
        if self._equal_nodes:
            self._replace_equals(s, p, o)

    def _chain_paths(self, chain: tuple[Term, ...], position: int, s: Term, o: Term) -> Iterator[tuple[Term, Term]]:
        """Ends (x, y) of every path along `chain` whose step `position` is the edge s → o."""
        lefts = {s}
        for step in reversed(chain[:position]):
            backward = self._backward[step]
            lefts = {x for node in lefts for x in backward.get(node, ())}
            if not lefts:
                return
        rights = {o}
        for step in chain[position + 1:]:
            forward = self._forward[step]
            rights = {y for node in rights for y in forward.get(node, ())}
            if not rights:
                return
        for x in lefts:
            for y in rights:
                yield x, y

    # --- equality -----------------------------------------------------------------------------

    def _equate(self, x: Term, y: Term) -> None:
        """eq-sym, eq-trans, and eq-rep-s/p/o for the triples already known about x."""
        for node in (x, y):
            self._watch(node)
        self._derive(y, OWL_SAME_AS, x)
        for z in list(self._forward[OWL_SAME_AS].get(y, ())):
            self._derive(x, OWL_SAME_AS, z)
        for p, o in list(self._by_subject.get(x, ())):
            self._derive(y, p, o)
        for s, p in list(self._by_object.get(x, ())):
            self._derive(s, p, y)
        for s, o in list(self.facts.get(x, ())):
            self._derive(s, y, o)

    def _replace_equals(self, s: Term, p: Term, o: Term) -> None:
        """eq-rep-s/p/o for a new triple that mentions a node known to equal others."""
        same = self._forward[OWL_SAME_AS]
        for other in list(same.get(s, ())):
            self._derive(other, p, o)
        if p != OWL_SAME_AS:
            for other in list(same.get(o, ())):
                self._derive(s, p, other)
        for other in list(same.get(p, ())):
            self._derive(s, other, o)

    def _watch(self, node: Term) -> None:
        """Start indexing `node`'s triples by subject and object, reading the ones not loaded yet."""
        if node in self._equal_nodes:
            return
        if not self._equal_nodes:
            for p, pairs in self.facts.items():
                for s, o in pairs:
                    self._by_subject[s].add((p, o))
                    self._by_object[o].add((s, p))
        self._equal_nodes.add(node)
        if self._store is not None and node.startswith("<"):
            self._read([], node)
            self._read([node])  # the node used as a predicate

    # --- checks -------------------------------------------------------------------------------

    def clashes(self) -> list[Clash]:
        """Individuals in two disjoint classes, or in owl:Nothing."""
        members: dict[Term, set[Term]] = defaultdict(set)
        for s, c in self.facts.get(RDF_TYPE, ()):
            members[c].add(s)
        found = [Clash(x, OWL_NOTHING, OWL_NOTHING) for x in members.get(OWL_NOTHING, ())]
        for first, second in self.tbox.disjoint:
            for x in members.get(first, set()) & members.get(second, set()):
                found.append(Clash(x, first, second))
        return sorted(found, key=lambda c: (str(c.individual), str(c.first), str(c.second)))


def data_triples(triples: Iterable[Triple]) -> Iterator[Triple]:
    """The triples worth writing: no literal subjects, no reflexive owl:sameAs."""
    for s, p, o in triples:
        if is_literal(s) or (p == OWL_SAME_AS and s == o):
            continue
        yield s, p, o


def construct_ntriples(store: Store, query: str, **options) -> bytes:
    """A CONSTRUCT query's triples as N-Triples, serialized by Oxigraph without a Python object per term."""
    result = store.query(query, **options)
    if not isinstance(result, QueryTriples):
        raise TypeError(f"not a CONSTRUCT query: {query[:80]}")
    return result.serialize(format=RdfFormat.N_TRIPLES) or b""


def construct(store: Store, query: str, **options) -> Iterator[Triple]:
    """A CONSTRUCT query's triples as (subject, predicate, object) N-Triples strings, streamed.

    Oxigraph writes the N-Triples to an unnamed temporary file that is read back a line at a time:
    over a large store (≈8M triples at 100k articles) holding the text, its decoded copy and the list
    of its lines at once took gigabytes before the first triple was used.
    """
    result = store.query(query, **options)
    if not isinstance(result, QueryTriples):
        raise TypeError(f"not a CONSTRUCT query: {query[:80]}")
    with tempfile.TemporaryFile() as spool:
        result.serialize(spool, format=RdfFormat.N_TRIPLES)
        spool.seek(0)
        with io.TextIOWrapper(spool, encoding="utf-8", newline="\n") as lines:
            yield from _triples(lines)


def spool_select(store: Store, query: str, **options) -> IO[bytes]:
    """A `SELECT ?s ?p ?o` query's rows in an unnamed temporary file (SPARQL TSV); read with `spool_triples`.

    Unlike CONSTRUCT, a SELECT without DISTINCT does not remember the rows it has given: Oxigraph's
    CONSTRUCT held a set of every triple it wrote (690 MB for the ≈1M triples read at 10k articles,
    against 100 MB for this). Rows that are in several graphs come once for each.
    """
    result = store.query(query, **options)
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"not a SELECT query: {query[:80]}")
    spool = tempfile.TemporaryFile()
    result.serialize(spool, format=QueryResultsFormat.TSV)
    spool.seek(0)
    return spool


def spool_triples(spool: IO[bytes]) -> Iterator[Triple]:
    """The rows of `spool_select`'s file from where it stands, as N-Triples strings.

    TSV terms are Turtle: numbers and booleans are written bare and control characters raw; both are
    put back in Oxigraph's N-Triples spelling, which the engine compares with.
    """
    lines = io.TextIOWrapper(spool, encoding="utf-8", newline="\n")
    try:
        next(lines, None)  # the header: ?s ?p ?o
        for line in lines:
            s, p, o = line.rstrip("\n").split("\t")
            yield intern(s), intern(p), _ntriples_term(o)
    finally:
        lines.detach()  # the spool stays open for another reading


_XSD = "http://www.w3.org/2001/XMLSchema#"
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_CONTROL_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]} | {0x08: "\\b", 0x0C: "\\f"}
SHORT_LITERAL = 96  # literals up to this length are interned: numbers, dates, cue verbs repeat across articles


def _ntriples_term(term: str) -> Term:
    """A term of Oxigraph's TSV in Oxigraph's N-Triples spelling (IRIs interned, short literals too)."""
    first = term[0]
    if first == "<" or first == "_":
        return intern(term)
    if first == '"':
        if _CONTROL.search(term):
            term = term.translate(_CONTROL_ESCAPES)
    elif term in ("true", "false"):
        term = f'"{term}"^^<{_XSD}boolean>'
    elif "e" in term or "E" in term:
        term = f'"{term}"^^<{_XSD}double>'
    elif "." in term:
        term = f'"{term}"^^<{_XSD}decimal>'
    else:
        term = f'"{term}"^^<{_XSD}integer>'
    return intern(term) if len(term) <= SHORT_LITERAL else term


def select(store: Store, query: str, **options) -> Iterator[dict[str, str]]:
    """A SELECT query's rows as {variable: lexical value} (unbound variables left out)."""
    result = store.query(query, **options)
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"not a SELECT query: {query[:80]}")
    names = [v.value for v in result.variables]
    for solution in result:
        yield {name: solution[name].value for name in names if solution[name] is not None}


def parse_ntriples(data: bytes) -> Iterator[Triple]:
    """(subject, predicate, object) strings of Oxigraph's N-Triples output (one triple a line, `s p o .`)."""
    return _triples(data.decode("utf-8").split("\n"))  # not splitlines: a literal may hold U+2028 or U+0085


def _triples(lines: Iterable[str]) -> Iterator[Triple]:
    """Terms are interned: an IRI (a class, a predicate, a busy actor) is then one string in memory,
    however many facts name it, instead of one copy per triple."""
    for line in lines:
        line = line.rstrip("\n")
        if line:
            s, p, rest = line.split(" ", 2)
            o = rest[:-2]
            yield intern(s), intern(p), (intern(o) if o[0] == "<" else o)


WRITE_CHUNK = 100_000  # triples per load: the text of all of them at once cost gigabytes at 100k articles


def write_ntriples(store: Store, triples: Iterable[Triple], graph: NamedNode) -> int:
    """Add triples of N-Triples strings to a named graph, parsed by Oxigraph a chunk at a time."""
    count = 0
    lines: list[str] = []

    def flush() -> None:
        nonlocal count, lines
        if lines:
            store.load("".join(lines).encode("utf-8"), format=RdfFormat.N_TRIPLES, to_graph=graph)
            count += len(lines)
            lines = []

    for s, p, o in triples:
        lines.append(f"{s} {p} {o} .\n")
        if len(lines) == WRITE_CHUNK:
            flush()
    flush()
    return count
