"""`kg build`: articles in, a store out — read, extract, merge, write RDF, reason, export, publish.

Every input problem is reported with its file and the build goes on with the other files; nothing
is published unless the whole build succeeds, and the previous store stays live until then.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph

from kg.errors import InputError, KGError
from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.merge import merge_interactions
from kg.paths import ontology_dir
from kg.rdf import store as kgstore
from kg.rdf.build import RDFBuilder, referenced_keys
from kg.rdf.iri import DEFAULT_BASE, IRIs
from kg.rdf.reason import reason
from kg.records import Extraction
from kg.text.read import read_sources

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did, printed as its summary."""

    articles: int = 0
    actors: int = 0
    persons: int = 0
    interactions: int = 0
    meetings: int = 0
    phone_calls: int = 0
    claims: int = 0
    roles: int = 0
    merges: int = 0
    triples: int = 0
    inferred: int = 0
    seconds: float = 0.0
    reasoning_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class NothingBuilt(KGError):
    """No input could be read as an article."""


def build(inputs: Sequence[str], store_dir: Path, *, resources: Resources | None = None,
          base: str = DEFAULT_BASE, reasoner: str = "owlrl", strict: bool = False,
          progress: Progress | None = None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    say = progress or (lambda message: None)
    sources, errors = read_sources(inputs)
    report.problems.extend(str(e) for e in errors)
    if strict and errors:
        raise errors[0]
    resources = resources or Resources()
    extractions: list[Extraction] = []
    for n, source in enumerate(sources, start=1):
        try:
            extractions.append(extract(source, resources))
        except InputError as exc:
            report.problems.append(str(exc))
            if strict:
                raise
        if progress and (n % 100 == 0 or n == len(sources)):
            say(f"extracted {n}/{len(sources)} articles")
    if not extractions:
        raise NothingBuilt("nothing could be built: " + ("; ".join(report.problems) or "no input files"))
    store_dir = Path(store_dir)
    with kgstore.build_lock(store_dir):
        gen = kgstore.new_generation(store_dir)
        try:
            _write_generation(gen, extractions, resources, IRIs(base), reasoner, report, say)
        except BaseException:
            kgstore.discard(gen)
            raise
        kgstore.publish(store_dir, gen)
    report.seconds = time.perf_counter() - started
    return report


def _write_generation(gen: Path, extractions: list[Extraction], resources: Resources, iris: IRIs,
                      reasoner: str, report: BuildReport, say: Progress) -> None:
    merged = merge_interactions(extractions)
    role_labels = {r["id"]: r["label_en"] for r in resources.lexicons.role_types}
    builder = RDFBuilder(iris, resources.gazetteer, merged, role_labels)
    builder.remember_types(extractions)
    store = pyoxigraph.Store(str(gen / kgstore.DATABASE))
    for x in extractions:
        store.extend(builder.article_quads(x))
        report.warnings.extend(x.warnings)
    store.extend(builder.knowledge_base_quads(referenced_keys(extractions)))
    ontology = pyoxigraph.NamedNode(iris.graph("ontology"))
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ontology)
    say("reasoning")
    reasoning = reason(store, iris.base, reasoner)
    report.reasoning_seconds = reasoning.seconds
    report.inferred = reasoning.inferred
    store.flush()
    _export(store, gen)
    _summarise(report, extractions, merged, store)
    manifest = {
        "articles": {x.article.id: {"path": x.article.path, "sha256": x.article.sha256} for x in extractions},
        "base": iris.base,
        "reasoner": reasoner,
        "report": {k: v for k, v in asdict(report).items() if k not in ("problems", "warnings")},
    }
    kgstore.write_atomically(gen / kgstore.MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())


def _export(store: pyoxigraph.Store, gen: Path) -> None:
    """graph.trig (named graphs) and graph.ttl (all graphs merged), deterministic: sorted N-Quads order."""
    quads = sorted(store.quads_for_pattern(None, None, None, None), key=_quad_key)
    kgstore.write_atomically(gen / "graph.trig", pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TRIG,
                                                                      prefixes=PREFIXES))
    triples = sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_quad_key)
    kgstore.write_atomically(gen / "graph.ttl", pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                                                     prefixes=PREFIXES))


def _quad_key(q) -> tuple[str, ...]:
    graph = getattr(q, "graph_name", None)
    return (str(graph) if graph is not None else "", str(q.subject), str(q.predicate), str(q.object))


PREFIXES = {
    "kg": "https://example.org/kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}


def _summarise(report: BuildReport, extractions: list[Extraction], merged, store: pyoxigraph.Store) -> None:
    report.articles = len(extractions)
    actors = {a.key: a.type for x in extractions for a in x.actors}
    report.actors = len(actors)
    report.persons = sum(1 for t in actors.values() if t == "Person")
    report.interactions = len(merged.events)
    report.meetings = sum(1 for e in merged.events if e.kind == "Meeting")
    report.phone_calls = sum(1 for e in merged.events if e.kind == "PhoneCall")
    report.claims = sum(len(x.claims) for x in extractions)
    report.roles = sum(len(x.roles) for x in extractions)
    report.merges = merged.merges
    report.triples = len(store)
