"""Extraction across processes: serially, on N local cores (`--jobs`), or on a Dask cluster (`--scheduler`).

Extraction is a pure function of one article and the loaded `Resources`, so it parallelises as a
map; results come back in input order whatever finishes first, which keeps builds byte-identical
to a serial one. Each worker process loads its `Resources` (lexicons, knowledge base, matchers)
once and keeps it for every article it is given: local workers are forked from a parent that
already holds them, Dask workers build them on their first task.

A build asks for a summary of each article rather than its whole extraction (`extract_summaries`):
local workers compute it (kg.build's summary also writes the article's graph) and send only that
back, so the parent holds little per article; the records themselves go to the store's extraction
cache, which the workers write.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from kg.cache import ExtractionCache
from kg.errors import InputError, KGError
from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.records import Extraction
from kg.text.read import DEFAULT_MAX_BYTES, Source, read_source

# A source already read (stdin, or for Dask) or (path, article id) for the worker to read itself.
Task = Source | tuple[str, str]
Result = Extraction | InputError
S = TypeVar("S")

LOCAL_CHUNK = 8  # articles per message to a local worker: amortises pickling without starving a core
DASK_BATCH = 64  # articles per Dask task
DASK_WINDOW = 4  # batches in flight per Dask worker thread: a huge corpus is not sent all at once


class SchedulerError(KGError):
    """The Dask scheduler cannot be reached, or Dask is not installed."""


@dataclass(frozen=True, slots=True)
class _Failure:
    """An InputError as it crosses a process boundary (exceptions with custom __init__ do not pickle)."""

    path: str
    problem: str


# One Resources per worker process: set before forking local workers, built on first use in Dask
# workers (whose threads share it, hence the lock). Never used by the parent's own serial path.
_worker_resources: Resources | None = None
_worker_lock = threading.Lock()
# The store's extraction cache, which local workers write themselves (they share our file system).
_worker_cache: ExtractionCache | None = None
# What local workers send back instead of the extraction (None: the extraction), and the size limit.
_worker_summarise: Callable[[Extraction], Any] | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES


def _resources() -> Resources:
    global _worker_resources
    with _worker_lock:
        if _worker_resources is None:
            _worker_resources = Resources()
        return _worker_resources


def extract_task(task: Task, resources: Resources, max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """Read (when given a path) and extract one article; input problems are returned, not raised."""
    try:
        source = task if isinstance(task, Source) else read_source(task[0], max_bytes=max_bytes, source_id=task[1])
        return extract(source, resources)
    except InputError as exc:
        return exc


def _local_work(task: Task) -> Any:
    result = extract_task(task, _resources(), _worker_max_bytes)
    if isinstance(result, InputError):
        return _Failure(result.path, result.problem)
    if _worker_cache is not None:
        _worker_cache.put(result)
    return _worker_summarise(result) if _worker_summarise is not None else result


def _dask_work(batch: list[Source | _Failure]) -> list[Extraction | _Failure]:
    return [item if isinstance(item, _Failure) else _local_work(item) for item in batch]


def _restore(result: Any) -> Any:
    return InputError(result.path, result.problem) if isinstance(result, _Failure) else result


def extract_all(tasks: Sequence[Task], resources: Resources, *, jobs: int = 1,
                scheduler: str | None = None, cache: ExtractionCache | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """Extract every task; yields one result per task, in the order of `tasks`, each already in `cache`."""
    return _extract(tasks, resources, jobs, scheduler, cache, None, max_bytes)


def extract_summaries(tasks: Sequence[Task], resources: Resources, summarise: Callable[[Extraction], S], *,
                      jobs: int = 1, scheduler: str | None = None, cache: ExtractionCache | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[S | InputError]:
    """As `extract_all`, but yields `summarise(extraction)`: on local processes the workers summarise, and
    only the summary crosses back to this process (`summarise` must be a module-level function)."""
    return _extract(tasks, resources, jobs, scheduler, cache, summarise, max_bytes)


def _extract(tasks: Sequence[Task], resources: Resources, jobs: int, scheduler: str | None,
             cache: ExtractionCache | None, summarise: Callable[[Extraction], Any] | None,
             max_bytes: int) -> Iterator[Any]:
    if scheduler:
        results: Iterable[Result] = _on_dask(tasks, scheduler, max_bytes)
    elif jobs > 1 and len(tasks) > 1:
        # the workers fill the cache and summarise
        yield from _on_local_processes(tasks, resources, jobs, cache, summarise, max_bytes)
        return
    else:
        results = (extract_task(task, resources, max_bytes) for task in tasks)
    for result in results:
        if isinstance(result, Extraction):
            if cache is not None:
                cache.put(result)
            yield summarise(result) if summarise is not None else result
        else:
            yield result


def _on_local_processes(tasks: Sequence[Task], resources: Resources, jobs: int, cache: ExtractionCache | None,
                        summarise: Callable[[Extraction], Any] | None, max_bytes: int) -> Iterator[Any]:
    global _worker_resources, _worker_cache, _worker_summarise, _worker_max_bytes
    # fork: workers inherit the parent's loaded Resources instead of spending seconds building their own.
    context = multiprocessing.get_context("fork")
    for language in ("fa", "ar"):  # build the lazily compiled matchers once, here, before forking
        resources.language(language)
    _worker_resources, _worker_cache, _worker_summarise, _worker_max_bytes = resources, cache, summarise, max_bytes
    try:
        # The workers' collector would otherwise write to the header of every object they inherit (the
        # Resources' tries: tens of MB), copying each page it touches; frozen, they stay shared.
        gc.freeze()
        try:
            pool = context.Pool(min(jobs, len(tasks)))
        finally:
            gc.unfreeze()
        with pool:
            for result in pool.imap(_local_work, tasks, chunksize=LOCAL_CHUNK):
                yield _restore(result)
    finally:
        _worker_resources, _worker_cache, _worker_summarise = None, None, None
        _worker_max_bytes = DEFAULT_MAX_BYTES


def _on_dask(tasks: Sequence[Task], address: str, max_bytes: int) -> Iterator[Result]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise SchedulerError("--scheduler needs Dask: pip install 'kg[dask]'") from exc
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        threads = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in _batches(_read(tasks, max_bytes), DASK_BATCH):
            pending.append(client.submit(_dask_work, batch, pure=False))
            while len(pending) >= threads * DASK_WINDOW:
                yield from (_restore(r) for r in pending.popleft().result())
        while pending:
            yield from (_restore(r) for r in pending.popleft().result())
    finally:
        client.close()


def _read(tasks: Iterable[Task], max_bytes: int) -> Iterator[Source | _Failure]:
    """Sources for workers that may not share our file system."""
    for task in tasks:
        if isinstance(task, Source):
            yield task
        else:
            try:
                yield read_source(task[0], max_bytes=max_bytes, source_id=task[1])
            except InputError as exc:
                yield _Failure(exc.path, exc.problem)


def _batches(items: Iterable[Source | _Failure], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
