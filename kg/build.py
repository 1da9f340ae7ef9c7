"""`kg build`: articles in, a store out — read, extract, merge, write RDF, reason, export, publish.

Builds are incremental and idempotent. Extractions are cached in the store per article and content
hash (kg.cache), so only new and changed files are extracted (on `jobs` local processes or a Dask
cluster, kg.parallel); the cross-article merge then runs over every article again (it is cheap), and
an article's named graph is rewritten only when its signature — its content, the IRIs of the events
its reports were merged into, the IRIs of the actors it names — changed. The new generation starts
as a checkpoint of the live one; knowledge-base, ontology and inferred graphs are recomputed. A
build whose inputs and code are unchanged publishes nothing. Articles of earlier builds that are not
among the inputs stay, unless `prune` is set: the store then holds exactly the inputs (so articles
whose files are gone, or that were left out, are removed).

Every input problem is reported with its file and the build goes on with the other files; nothing
is published unless the whole build succeeds, and the previous store stays live until then.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph

from kg.cache import ExtractionCache, graph_fingerprint
from kg.errors import InputError, KGError
from kg.extract.resources import Resources
from kg.merge import MergeResult, merge_interactions
from kg.parallel import Task, extract_all
from kg.paths import ontology_dir
from kg.rdf import store as kgstore
from kg.rdf.build import RDFBuilder, referenced_keys
from kg.rdf.iri import DEFAULT_BASE, IRIs
from kg.rdf.reason import ENGINES, reason
from kg.rdf.validate import SHACL_BUILD_LIMIT, validate_store
from kg.records import Extraction
from kg.text.read import STDIN, assign_ids, expand_inputs, read_source

Progress = Callable[[str], None]
DEFAULT_REASONER = ENGINES[0]
NO_REASONING = "none"
MANIFEST_FORMAT = 2
EXPORTS = (("graph.ttl", "turtle"), ("graph.trig", "trig"))
ONTOLOGY_FILES = ("kg.ttl", "roles.ttl")


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
    extracted: int = 0  # articles extracted by this build (the others came from the cache)
    graphs_written: int = 0  # article graphs (re)written
    graphs_removed: int = 0
    unchanged: bool = False  # nothing to do: the live generation was kept
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class NothingBuilt(KGError):
    """No input could be read as an article; `problems` says why, one per input."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("nothing could be built: " + ("; ".join(problems) or "no input files"))
        self.problems = problems


@dataclass
class _Plan:
    """What the inputs hold, against what the store already has."""

    extractions: dict[str, Extraction]  # article id → extraction (cached or new)
    tasks: list[Task]  # articles to extract
    read: int = 0  # inputs read as articles (cached or extracted)


def build(inputs: Sequence[str], store_dir: Path, *, resources: Resources | None = None,
          base: str = DEFAULT_BASE, reasoner: str = DEFAULT_REASONER, strict: bool = False,
          progress: Progress | None = None, jobs: int = 1, scheduler: str | None = None,
          prune: bool = False, export: bool = True) -> BuildReport:
    """Build or update the store at `store_dir` from `inputs` (files, folders, `-`); see the module doc."""
    started = time.perf_counter()
    report = BuildReport()
    say = progress or (lambda message: None)
    store_dir = Path(store_dir)
    iris = IRIs(base)
    with kgstore.build_lock(store_dir):
        previous = _previous_manifest(store_dir, iris.base)
        cache = ExtractionCache(store_dir)
        plan = _plan(inputs, cache, previous, prune, strict, report, say)
        resources = resources or Resources()
        mark = time.perf_counter()
        results = extract_all(plan.tasks, resources, jobs=jobs, scheduler=scheduler, cache=cache)
        for n, result in enumerate(results, start=1):
            if isinstance(result, InputError):
                report.problems.append(str(result))
                if strict:
                    raise result
                continue
            plan.extractions[result.article.id] = result
            plan.read += 1
            report.extracted += 1
            if n % 1000 == 0 or n == len(plan.tasks):
                say(f"extracted {n}/{len(plan.tasks)} articles")
        report.stages["extract"] = time.perf_counter() - mark
        if not plan.read:
            raise NothingBuilt(report.problems)
        extractions = [plan.extractions[k] for k in sorted(plan.extractions)]
        _write(store_dir, previous, extractions, resources, iris, reasoner, export, report, say)
        cache.drop_other_fingerprints()
        for article_id in set(previous["articles"] if previous else ()) - set(plan.extractions):
            cache.forget(article_id)
    report.seconds = time.perf_counter() - started
    return report


def _previous_manifest(store_dir: Path, base: str) -> dict | None:
    """The live generation's manifest when the new build can start from it (same format, base, code)."""
    try:
        manifest = kgstore.read_manifest(store_dir)
    except KGError:
        return None
    if (manifest.get("format"), manifest.get("base"), manifest.get("fingerprint")) != (
            MANIFEST_FORMAT, base, graph_fingerprint()):
        return None
    return manifest


def _plan(inputs: Sequence[str], cache: ExtractionCache, previous: dict | None, prune: bool, strict: bool,
          report: BuildReport, say: Progress) -> _Plan:
    """Inputs that are cached become extractions, the others tasks; earlier articles are kept or pruned."""
    paths, errors = expand_inputs(inputs)
    if strict and errors:
        raise errors[0]
    report.problems.extend(str(e) for e in errors)
    plan = _Plan({}, [])
    for path, article_id in zip(paths, assign_ids(paths), strict=True):
        if path == STDIN:
            try:
                source = read_source(path, source_id=article_id)
            except InputError as exc:
                if strict:
                    raise
                report.problems.append(str(exc))
                continue
            task: Task = source
            sha256: str | None = source.sha256
        else:
            task, sha256 = (path, article_id), _file_sha256(path)
        hit = cache.get(article_id, path, sha256) if sha256 else None
        if hit is None:
            plan.tasks.append(task)
        else:
            plan.extractions[article_id] = hit
            plan.read += 1
    given = {task[1] if isinstance(task, tuple) else task.id for task in plan.tasks} | set(plan.extractions)
    for article_id, entry in sorted((previous or {}).get("articles", {}).items()):
        if article_id in given:
            continue
        if prune:
            continue
        gone = entry["path"] == STDIN or not os.path.exists(entry["path"])
        kept = cache.get(article_id, entry["path"], entry["sha256"])
        if kept is not None:
            plan.extractions[article_id] = kept
        elif not gone:
            plan.tasks.append((entry["path"], article_id))  # cache lost: read it again
        else:
            report.warnings.append(f"{article_id}: dropped ({entry['path']} is gone and not cached)")
    say(f"{len(plan.tasks)} article(s) to extract, {len(plan.extractions)} unchanged")
    return plan


def _file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # the reader reports it


def _write(store_dir: Path, previous: dict | None, extractions: list[Extraction], resources: Resources,
           iris: IRIs, reasoner: str, export: bool, report: BuildReport, say: Progress) -> None:
    """Merge, compare with the live generation, and publish a new one unless nothing changed."""
    mark = time.perf_counter()
    merged = merge_interactions(extractions)
    role_labels = {r["id"]: r["label_en"] for r in resources.lexicons.role_types}
    builder = RDFBuilder(iris, resources.gazetteer, merged, role_labels)
    builder.remember_types(extractions)
    signatures = {x.article.id: _signature(x, builder, merged) for x in extractions}
    report.stages["merge"] = time.perf_counter() - mark
    before = {k: v["graph"] for k, v in previous["articles"].items()} if previous else {}
    changed = [x for x in extractions if before.get(x.article.id) != signatures[x.article.id]]
    removed = sorted(set(before) - set(signatures))
    _summarise(report, extractions, merged)
    if previous and not changed and not removed and previous.get("reasoner") == reasoner and (
            previous.get("exported") or not export):
        report.unchanged = True
        report.triples = previous["report"]["triples"]
        report.inferred = previous["report"]["inferred"]
        report.reasoning_seconds = 0.0
        return
    gen = (kgstore.generation_from(store_dir, kgstore.live_generation(store_dir)) if previous
           else kgstore.new_generation(store_dir))
    try:
        store = pyoxigraph.Store(str(gen / kgstore.DATABASE))
        mark = time.perf_counter()
        for article_id in removed:
            store.remove_graph(pyoxigraph.NamedNode(iris.article_graph(article_id)))
        if previous:
            for x in changed:
                if x.article.id in before:
                    store.clear_graph(pyoxigraph.NamedNode(iris.article_graph(x.article.id)))
        store.bulk_extend(q for x in changed for q in builder.article_quads(x))
        for name in ("knowledge-base", "ontology", "inferred"):
            store.remove_graph(pyoxigraph.NamedNode(iris.graph(name)))
        store.extend(builder.knowledge_base_quads(referenced_keys(extractions)))
        store.extend(_ontology_quads(pyoxigraph.NamedNode(iris.graph("ontology"))))
        report.graphs_written, report.graphs_removed = len(changed), len(removed)
        report.stages["rdf+store"] = time.perf_counter() - mark
        say(f"wrote {len(changed)} article graph(s), removed {len(removed)}; reasoning")
        reasoning = reason(store, iris.base, reasoner) if reasoner != NO_REASONING else None
        report.reasoning_seconds = reasoning.seconds if reasoning else 0.0
        report.inferred = reasoning.inferred if reasoning else 0
        report.stages["reasoning"] = report.reasoning_seconds
        store.flush()
        report.triples = len(store)
        if reasoning:  # `kg validate`'s checks; a build reports their findings as warnings
            mark = time.perf_counter()
            validation = validate_store(store, iris.base, shacl=report.triples <= SHACL_BUILD_LIMIT)
            lines = validation.lines()
            report.warnings.extend([*reasoning.notes, *lines[:50]] + (
                [f"… and {len(lines) - 50} more lines: see `kg validate {store_dir}`"] if len(lines) > 50 else []))
            report.stages["validation"] = time.perf_counter() - mark
        if export:
            mark = time.perf_counter()
            for name, fmt in EXPORTS:
                kgstore.export_file(store, gen / name, fmt)
            report.stages["export"] = time.perf_counter() - mark
        report.warnings.extend(w for x in changed for w in x.warnings)
        manifest = {
            "format": MANIFEST_FORMAT,
            "base": iris.base,
            "fingerprint": graph_fingerprint(),
            "reasoner": reasoner,
            "exported": export,
            "articles": {x.article.id: {"path": x.article.path, "sha256": x.article.sha256,
                                        "graph": signatures[x.article.id]} for x in extractions},
            "report": {k: v for k, v in asdict(report).items()
                       if k not in ("problems", "warnings", "stages")},
        }
        del store  # close the database before the generation goes live
        kgstore.write_atomically(gen / kgstore.MANIFEST,
                                 json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    except BaseException:
        kgstore.discard(gen)
        raise
    kgstore.publish(store_dir, gen)


def _ontology_quads(graph: pyoxigraph.NamedNode) -> list[pyoxigraph.Quad]:
    """The TBox files as quads, their blank nodes (OWL lists, restrictions) named by order of appearance.

    The parser names blank nodes at random; fixed names keep exports byte-identical between builds.
    """
    quads = []
    for name in ONTOLOGY_FILES:
        stem = name.split(".")[0]
        names: dict[str, pyoxigraph.BlankNode] = {}

        def fixed(term):
            if isinstance(term, pyoxigraph.BlankNode):
                return names.setdefault(term.value, pyoxigraph.BlankNode(f"{stem}{len(names) + 1}"))  # noqa: B023
            return term

        for t in pyoxigraph.parse(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE):
            quads.append(pyoxigraph.Quad(fixed(t.subject), t.predicate, fixed(t.object), graph))
    return quads


def _signature(x: Extraction, builder: RDFBuilder, merged: MergeResult) -> str:
    """What an article's graph depends on: its content, and the IRIs other articles can change for it."""
    art = x.article
    events = [builder.iris.interaction(e.kind, e.identity, e.day)
              for e in (merged.by_report[(art.id, i.local_id)] for i in x.interactions)]
    keys = {a.key for a in x.actors} | set(art.cites) | ({art.publisher} if art.publisher else set())
    for role in x.roles:
        keys.update(k for k in (role.holder, role.of) if k)
    for i in x.interactions:
        keys.update((*i.participants, *i.present, *(k for k in (i.host, i.guest, i.place) if k)))
    for c in x.claims:
        keys.update((*c.speakers, *c.mentions))
    actors = [builder.actor_iri(k).value for k in sorted(keys)]
    text = "\n".join((art.id, art.path, art.sha256, *events, *actors))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _summarise(report: BuildReport, extractions: list[Extraction], merged: MergeResult) -> None:
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
    report.triples = 0
