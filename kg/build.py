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

Memory and speed. The build keeps only a summary of each article (`ArticleSummary`: its ids, the
interactions the merge reads, the actors its graph names); the records themselves are in the cache.
The graph of each article extracted is written *while extraction goes on*, by the process that
extracted it, as if no other article changed it (its own reports as events, its own actors' types),
as N-Quads that a thread of the parent loads into the new generation meanwhile (pyoxigraph parses
and writes without holding the GIL), in chunks of at most `LOAD_CHUNK_QUADS` quads, so the memory
this takes does not grow with the number of articles. That guess is right unless the merge folded
one of its reports into an event another article anchors, or another article gave one of its actors
another type — exactly when the article's signature under the guess differs from its signature
after the merge. Those few graphs (about 1% of synthetic articles) are cleared and written again
after the merge from the cached records, as are the graphs of cached articles whose signature
changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import stat
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph

from kg.cache import ExtractionCache, graph_fingerprint
from kg.errors import InputError, KGError, StoreError
from kg.extract.actors import NEW_PREFIX
from kg.extract.resources import Resources
from kg.merge import MergeResult, light, merge_reports, published_day
from kg.parallel import Task, extract_summaries
from kg.paths import ontology_dir
from kg.rdf import store as kgstore
from kg.rdf.build import RDFBuilder
from kg.rdf.contact_sheets import remove_contact_sheets
from kg.rdf.iri import DEFAULT_BASE, IRIs
from kg.rdf.reason import ENGINES, reason
from kg.rdf.validate import SHACL_BUILD_LIMIT, validate_store
from kg.records import Actor, ArticleInfo, Extraction, Interaction
from kg.text.read import DEFAULT_MAX_BYTES, STDIN, assign_ids, expand_inputs, read_source

Progress = Callable[[str], None]
DEFAULT_REASONER = ENGINES[0]
NO_REASONING = "none"
MANIFEST_FORMAT = 2
EXPORTS = (("graph.ttl", "turtle"), ("graph.trig", "trig"))
ONTOLOGY_FILES = ("kg.ttl", "roles.ttl")
LOAD_CHUNK_QUADS = 200_000  # quads per bulk load (≈1,600 articles): bounds the loader's memory and the tail
TAIL_CHUNK_QUADS = 10_000  # the smallest chunk: near the end chunks shrink so little is left to load after
NQUADS = pyoxigraph.RdfFormat.N_QUADS


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


@dataclass(slots=True)
class ArticleSummary:
    """What a build keeps in memory of one article between extracting it and writing its graph."""

    id: str
    path: str
    sha256: str
    day: str | None  # publication day, for the merge
    interactions: tuple[Interaction, ...]  # without their evidence (kg.merge.light): what the merge reads
    keys: tuple[str, ...]  # every actor the article's graph names (its signature)
    actors: tuple[tuple[str, str], ...]  # (key, type), folded into the build's totals and then dropped
    claims: int
    roles: int
    warnings: tuple[str, ...]
    guess: str | None = None  # signature of the graph written while extracting (None: not written then)
    nquads: bytes | None = None  # that graph, until it is handed to the loader
    quads: int = 0


def summarise(x: Extraction) -> ArticleSummary:
    """An article's summary."""
    art = x.article
    keys = {a.key for a in x.actors} | set(art.cites) | ({art.publisher} if art.publisher else set())
    for role in x.roles:
        keys.update(k for k in (role.holder, role.of) if k)
    for i in x.interactions:
        keys.update((*i.participants, *i.present, *(k for k in (i.host, i.guest, i.place) if k)))
    for c in x.claims:
        keys.update((*c.speakers, *c.mentions))
    return ArticleSummary(art.id, art.path, art.sha256, published_day(x),
                          tuple(light(i) for i in x.interactions), tuple(sorted(keys)),
                          tuple((a.key, a.type) for a in x.actors), len(x.claims), len(x.roles), x.warnings)


class _SummariseAndWrite:
    """Summarise a freshly extracted article and write its graph as the merge will most likely leave it.

    Runs where the article was extracted (a local worker, or this process): only the summary and the
    N-Quads come back. The guess is the graph of the article merged with itself alone, its actors typed
    as it types them; the signature under that guess says whether the real merge changed anything.
    """

    def __init__(self, iris: IRIs, resources: Resources) -> None:
        self.iris = iris
        self.gazetteer = resources.gazetteer
        self.role_labels = _role_labels(resources)

    def __call__(self, x: Extraction) -> ArticleSummary:
        a = summarise(x)
        merged = merge_reports([(a.id, a.day, a.interactions)])
        builder = RDFBuilder(self.iris, self.gazetteer, merged, self.role_labels)
        builder.remember_types([x])
        graph = builder.article_quads(x)
        a.nquads, a.quads = graph.nquads(), len(graph.lines)
        a.guess = _signature(a, builder, merged)
        return a


class _Articles:
    """The summaries of a build's articles, by id, and what the graph needs from all of them together."""

    def __init__(self) -> None:
        self.by_id: dict[str, ArticleSummary] = {}
        self.first_type: dict[str, tuple[str, str]] = {}  # actor key → (article id, type): lowest id wins
        self.last_type: dict[str, tuple[str, str]] = {}  # … highest id wins (the summary's count of persons)
        self.claims = 0
        self.roles = 0

    def __len__(self) -> int:
        return len(self.by_id)

    def add(self, a: ArticleSummary) -> None:
        if a.id in self.by_id:  # not expected: ids are unique within a build
            raise KGError(f"{a.id}: article given twice")
        for key, type_ in a.actors:
            key = sys.intern(key)
            first = self.first_type.get(key)
            if first is None or a.id < first[0]:
                self.first_type[key] = (a.id, type_)
            last = self.last_type.get(key)
            if last is None or a.id >= last[0]:
                self.last_type[key] = (a.id, type_)
        self.claims += a.claims
        self.roles += a.roles
        a.keys = tuple(sys.intern(k) for k in a.keys)
        a.actors = ()
        self.by_id[a.id] = a

    def sorted(self) -> list[ArticleSummary]:
        return [self.by_id[k] for k in sorted(self.by_id)]

    def knowledge_base_keys(self) -> set[str]:
        """The knowledge-base actors the articles name (as kg.rdf.build.referenced_keys)."""
        return {k for k in self.first_type if not k.startswith(NEW_PREFIX)}


@dataclass
class _Plan:
    """What the inputs hold, against what the store already has."""

    articles: _Articles  # article id → summary (cached or new)
    tasks: list[Task]  # articles to extract
    read: int = 0  # inputs read as articles (cached or extracted)


def build(inputs: Sequence[str], store_dir: Path, *, resources: Resources | None = None,
          base: str = DEFAULT_BASE, reasoner: str = DEFAULT_REASONER, strict: bool = False,
          progress: Progress | None = None, jobs: int = 1, scheduler: str | None = None,
          prune: bool = False, export: bool = True, max_bytes: int = DEFAULT_MAX_BYTES) -> BuildReport:
    """Build or update the store at `store_dir` from `inputs` (files, folders, `-`); see the module doc.

    `max_bytes`: inputs larger than this are skipped (reported as problems).
    """
    started = time.perf_counter()
    report = BuildReport()
    say = progress or (lambda message: None)
    store_dir = Path(store_dir)
    iris = IRIs(base)
    with kgstore.build_lock(store_dir):
        previous = _previous_manifest(store_dir, iris.base)
        cache = ExtractionCache(store_dir)
        plan = _plan(inputs, cache, previous, prune, strict, max_bytes, report, say)
        resources = resources or Resources()
        # Graphs of earlier builds that this build extracts again are cleared when the generation opens.
        before = previous["articles"] if previous else {}
        writer = _Writer(store_dir, previous, iris,
                         [t[1] if isinstance(t, tuple) else t.id for t in plan.tasks
                          if (t[1] if isinstance(t, tuple) else t.id) in before])
        try:
            mark = time.perf_counter()
            results = extract_summaries(plan.tasks, resources, _SummariseAndWrite(iris, resources), jobs=jobs,
                                        scheduler=scheduler, cache=cache, max_bytes=max_bytes)
            for n, result in enumerate(results, start=1):
                if isinstance(result, InputError):
                    report.problems.append(str(result))
                    if strict:
                        raise result
                    continue
                if result.nquads is not None:
                    writer.add(result.nquads, result.quads, remaining=len(plan.tasks) - n)
                    result.nquads = None
                plan.articles.add(result)
                plan.read += 1
                report.extracted += 1
                if n % 1000 == 0 or n == len(plan.tasks):
                    say(f"extracted {n}/{len(plan.tasks)} articles")
            report.stages["extract"] = time.perf_counter() - mark
            if not plan.read:
                raise NothingBuilt(report.problems)
            cache.refresh()  # the entries the workers wrote, read back for graphs the merge changes
            _write(writer, plan.articles, cache, resources, iris, reasoner, export, report, say)
        except BaseException:
            writer.discard()
            raise
        cache.drop_other_fingerprints()
        for article_id in sorted(set(before) - set(plan.articles.by_id)):
            cache.forget(article_id)
        cache.compact()
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
          max_bytes: int, report: BuildReport, say: Progress) -> _Plan:
    """Inputs that are cached become summaries, the others tasks; earlier articles are kept or pruned."""
    paths, errors = expand_inputs(inputs)
    if strict and errors:
        raise errors[0]
    report.problems.extend(str(e) for e in errors)
    plan = _Plan(_Articles(), [])
    cached = cache.folder.is_dir()  # nothing can be cached in a new store: no need to hash the inputs
    for path, article_id in zip(paths, assign_ids(paths), strict=True):
        if path == STDIN:
            try:
                source = read_source(path, max_bytes=max_bytes, source_id=article_id)
            except InputError as exc:
                if strict:
                    raise
                report.problems.append(str(exc))
                continue
            task: Task = source
            sha256: str | None = source.sha256
        else:
            task, sha256 = (path, article_id), _file_sha256(path, max_bytes) if cached else None
        hit = cache.get(article_id, path, sha256) if sha256 else None
        if hit is None:
            plan.tasks.append(task)
        else:
            plan.articles.add(summarise(hit))
            plan.read += 1
    given = {task[1] if isinstance(task, tuple) else task.id for task in plan.tasks} | set(plan.articles.by_id)
    for article_id, entry in sorted((previous or {}).get("articles", {}).items()):
        if article_id in given:
            continue
        if prune:
            continue
        gone = entry["path"] == STDIN or not os.path.exists(entry["path"])
        kept = cache.get(article_id, entry["path"], entry["sha256"])
        if kept is not None:
            plan.articles.add(summarise(kept))
        elif not gone:
            plan.tasks.append((entry["path"], article_id))  # cache lost: read it again
        else:
            report.warnings.append(f"{article_id}: dropped ({entry['path']} is gone and not cached)")
    say(f"{len(plan.tasks)} article(s) to extract, {len(plan.articles)} unchanged")
    return plan


def _file_sha256(path: str, max_bytes: int) -> str | None:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None  # a device or a pipe is read (and checked) by the reader, never cached
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read(max_bytes + 1)).hexdigest()
    except OSError:
        return None  # the reader reports it


def _write(writer: _Writer, articles: _Articles, cache: ExtractionCache, resources: Resources, iris: IRIs,
           reasoner: str, export: bool, report: BuildReport, say: Progress) -> None:
    """Merge, finish the article graphs, and publish the new generation unless nothing changed."""
    mark = time.perf_counter()
    previous = writer.previous
    ordered = articles.sorted()
    merged = merge_reports((a.id, a.day, a.interactions) for a in ordered)
    builder = RDFBuilder(iris, resources.gazetteer, merged, _role_labels(resources))
    builder.remember_types([Extraction(_NO_ARTICLE, actors=tuple(
        Actor(key, type_, (), False) for key, (_, type_) in articles.first_type.items()))])
    signatures = {a.id: _signature(a, builder, merged) for a in ordered}
    report.stages["merge"] = time.perf_counter() - mark
    before = {k: v["graph"] for k, v in previous["articles"].items()} if previous else {}
    changed = [a for a in ordered if before.get(a.id) != signatures[a.id]]
    removed = sorted(set(before) - set(signatures))
    # written while extracting under a guess the merge proved wrong, or cached and changed: (re)write
    rewrite = [a for a in ordered if (a.guess is not None and a.guess != signatures[a.id])
               or (a.guess is None and before.get(a.id) != signatures[a.id])]
    _summarise(report, articles, merged)
    if previous and not changed and not removed and previous.get("reasoner") == reasoner and (
            previous.get("exported") or not export):
        writer.discard()  # what was loaded while extracting is what the live generation holds
        report.unchanged = True
        report.triples = previous["report"]["triples"]
        report.inferred = previous["report"]["inferred"]
        report.reasoning_seconds = 0.0
        return
    mark = time.perf_counter()
    writer.finish()  # the graphs written while extracting are all in
    store = writer.open()
    for article_id in removed:
        store.remove_graph(pyoxigraph.NamedNode(iris.article_graph(article_id)))
    for a in rewrite:
        if a.guess is not None or a.id in before:
            store.clear_graph(pyoxigraph.NamedNode(iris.article_graph(a.id)))
    say(f"{len(rewrite)} article graph(s) to write after the merge")
    for a in rewrite:
        x = cache.get(a.id, a.path, a.sha256)
        if x is None:
            raise StoreError(f"{a.path}: its extraction vanished from the store's cache during the build; "
                             "build again")
        graph = builder.article_quads(x)
        writer.add(graph.nquads(), len(graph.lines))
    writer.finish()
    for name in ("knowledge-base", "ontology", "inferred"):
        store.remove_graph(pyoxigraph.NamedNode(iris.graph(name)))
    remove_contact_sheets(store, iris.base)  # derived from graph/inferred; reasoning writes them again
    store.load(builder.knowledge_base_quads(articles.knowledge_base_keys()).nquads(), format=NQUADS)
    store.extend(_ontology_quads(pyoxigraph.NamedNode(iris.graph("ontology"))))
    report.graphs_written, report.graphs_removed = len(changed), len(removed)
    report.stages["rdf+store"] = time.perf_counter() - mark  # after extraction: what did not overlap it
    report.stages["loading (overlaps extraction)"] = writer.busy
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
            [f"… and {len(lines) - 50} more lines: see `kg validate {writer.root}`"] if len(lines) > 50 else []))
        report.stages["validation"] = time.perf_counter() - mark
    gen = writer.generation
    assert gen is not None
    if export:
        mark = time.perf_counter()
        for name, fmt in EXPORTS:
            kgstore.export_file(store, gen / name, fmt)
        report.stages["export"] = time.perf_counter() - mark
    report.warnings.extend(w for a in changed for w in a.warnings)
    manifest = {
        "format": MANIFEST_FORMAT,
        "base": iris.base,
        "fingerprint": graph_fingerprint(),
        "reasoner": reasoner,
        "exported": export,
        "articles": {a.id: {"path": a.path, "sha256": a.sha256, "graph": signatures[a.id]} for a in ordered},
        "report": {k: v for k, v in asdict(report).items()
                   if k not in ("problems", "warnings", "stages")},
    }
    kgstore.write_atomically(gen / kgstore.MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    del store
    writer.publish()  # closes the database first


_NO_ARTICLE = ArticleInfo("", "", "", "")


def _role_labels(resources: Resources) -> dict[str, str]:
    return {r["id"]: r["label_en"] for r in resources.lexicons.role_types}


class _Writer:
    """The new generation, opened when the first graph is ready; a thread loads the graphs into it.

    `add` gathers N-Quads into chunks of about LOAD_CHUNK_QUADS quads; the loader thread bulk-loads
    one chunk while the next is gathered, and at most one more waits, so the memory this takes does
    not grow with the number of articles. `finish` waits until everything added is in the store.
    """

    def __init__(self, root: Path, previous: dict | None, iris: IRIs, clear: Sequence[str]) -> None:
        self.root = root
        self.previous = previous
        self.iris = iris
        self.clear = clear  # article graphs to clear when the generation opens (before anything loads)
        self.generation: Path | None = None  # created by `open`
        self.store: pyoxigraph.Store | None = None
        self.published = False  # handed to kgstore.publish: no longer ours to discard
        self.busy = 0.0  # seconds the loader spent loading
        self._parts: list[bytes] = []
        self._count = 0
        self._added = 0  # graphs added, and their quads: the mean size of a graph
        self._added_quads = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._stop = False

    def open(self) -> pyoxigraph.Store:
        if self.store is None:
            if self.generation is not None:
                raise StoreError(f"{self.generation}: the new generation was closed already")
            self.generation = (kgstore.generation_from(self.root, kgstore.live_generation(self.root))
                               if self.previous else kgstore.new_generation(self.root))
            self.store = pyoxigraph.Store(str(self.generation / kgstore.DATABASE))
            for article_id in self.clear:
                self.store.clear_graph(pyoxigraph.NamedNode(self.iris.article_graph(article_id)))
        return self.store

    def publish(self) -> None:
        """Close the database and make the generation live."""
        self.finish()
        self.store = None  # closes the database: nothing else holds it now
        assert self.generation is not None
        self.published = True
        kgstore.publish(self.root, self.generation)

    def add(self, nquads: bytes, quads: int, remaining: int | None = None) -> None:
        """Queue one graph; `remaining`: how many graphs will still be added while extraction goes on.

        Near the end a chunk is sent once it holds half of what is still to come (at least
        TAIL_CHUNK_QUADS): the loader then keeps pace with the last articles, and what is left to load
        after extraction ends is a small chunk, not up to two full ones.
        """
        self._parts.append(nquads)
        self._count += quads
        self._added += 1
        self._added_quads += quads
        limit = LOAD_CHUNK_QUADS
        if remaining is not None:
            still_to_come = remaining * self._added_quads // self._added
            limit = min(limit, max(TAIL_CHUNK_QUADS, still_to_come // 2))
        if self._count >= limit:
            self._send()

    def _send(self) -> None:
        if not self._parts:
            return
        data = b"".join(self._parts)
        self._parts, self._count = [], 0
        if self._thread is None:
            store = self.open()
            self._thread = threading.Thread(target=self._load, args=(store,), name="kg-store-loader", daemon=True)
            self._thread.start()
        self._raise()
        self._queue.put(data)

    def _load(self, store: pyoxigraph.Store) -> None:
        while (data := self._queue.get()) is not None:
            if self._stop or self._failure:
                continue  # the build is failing: drain
            started = time.perf_counter()
            try:  # the quads come from pyoxigraph's own serialiser: no need to check them again
                store.bulk_load(data, NQUADS, lenient=True)
            except BaseException as exc:  # noqa: BLE001 — handed to the main thread
                self._failure = exc
            self.busy += time.perf_counter() - started

    def _raise(self) -> None:
        if self._failure is not None:
            raise StoreError(f"loading the graph into the store failed: {self._failure}") from self._failure

    def finish(self) -> None:
        """Wait until every graph added is in the store."""
        self._send()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        self._raise()

    def discard(self) -> None:
        """Stop loading and delete the generation, if one was opened."""
        self._stop = True
        self._parts = []
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        self.store = None
        if self.generation is not None and not self.published:
            kgstore.discard(self.generation)


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


def _signature(a: ArticleSummary, builder: RDFBuilder, merged: MergeResult) -> str:
    """What an article's graph depends on: its content, and the IRIs other articles can change for it."""
    events = [builder.iris.interaction(e.kind, e.identity, e.day)
              for e in (merged.by_report[(a.id, i.local_id)] for i in a.interactions)]
    actors = [builder.actor_iri(k) for k in a.keys]
    text = "\n".join((a.id, a.path, a.sha256, *events, *actors))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _summarise(report: BuildReport, articles: _Articles, merged: MergeResult) -> None:
    report.articles = len(articles)
    report.actors = len(articles.last_type)
    report.persons = sum(1 for _, t in articles.last_type.values() if t == "Person")
    report.interactions = len(merged.events)
    report.meetings = sum(1 for e in merged.events if e.kind == "Meeting")
    report.phone_calls = sum(1 for e in merged.events if e.kind == "PhoneCall")
    report.claims = articles.claims
    report.roles = articles.roles
    report.merges = merged.merges
    report.triples = 0
