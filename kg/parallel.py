"""Extraction across processes: serially, on N local cores (`--jobs`), or on a Dask cluster (`--scheduler`).

Extraction is a pure function of one article and the loaded `Resources`, so it parallelises as a
map; results come back in input order whatever finishes first, which keeps builds byte-identical
to a serial one. Each worker process loads its `Resources` (lexicons, knowledge base, matchers)
once and keeps it for every article it is given: local workers are forked from a parent that
already holds them, Dask workers build them on their first task.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from kg.cache import ExtractionCache
from kg.errors import InputError, KGError
from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.records import Extraction
from kg.text.read import Source, read_source

# A source already read (stdin, or for Dask) or (path, article id) for the worker to read itself.
Task = Source | tuple[str, str]
Result = Extraction | InputError

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


def _resources() -> Resources:
    global _worker_resources
    with _worker_lock:
        if _worker_resources is None:
            _worker_resources = Resources()
        return _worker_resources


def extract_task(task: Task, resources: Resources) -> Result:
    """Read (when given a path) and extract one article; input problems are returned, not raised."""
    try:
        source = task if isinstance(task, Source) else read_source(task[0], source_id=task[1])
        return extract(source, resources)
    except InputError as exc:
        return exc


def _local_work(task: Task) -> Extraction | _Failure:
    result = extract_task(task, _resources())
    if isinstance(result, InputError):
        return _Failure(result.path, result.problem)
    if _worker_cache is not None:
        _worker_cache.put(result)
    return result


def _dask_work(batch: list[Source | _Failure]) -> list[Extraction | _Failure]:
    return [item if isinstance(item, _Failure) else _local_work(item) for item in batch]


def _restore(result: Extraction | _Failure) -> Result:
    return InputError(result.path, result.problem) if isinstance(result, _Failure) else result


def extract_all(tasks: Sequence[Task], resources: Resources, *, jobs: int = 1,
                scheduler: str | None = None, cache: ExtractionCache | None = None) -> Iterator[Result]:
    """Extract every task; yields one result per task, in the order of `tasks`, each already in `cache`."""
    if scheduler:
        results = _on_dask(tasks, scheduler)
    elif jobs > 1 and len(tasks) > 1:
        yield from _on_local_processes(tasks, resources, jobs, cache)  # the workers fill the cache
        return
    else:
        results = (extract_task(task, resources) for task in tasks)
    for result in results:
        if cache is not None and isinstance(result, Extraction):
            cache.put(result)
        yield result


def _on_local_processes(tasks: Sequence[Task], resources: Resources, jobs: int,
                        cache: ExtractionCache | None) -> Iterator[Result]:
    global _worker_resources, _worker_cache
    # fork: workers inherit the parent's loaded Resources instead of spending seconds building their own.
    context = multiprocessing.get_context("fork")
    for language in ("fa", "ar"):  # build the lazily compiled matchers once, here, before forking
        resources.language(language)
    _worker_resources, _worker_cache = resources, cache
    try:
        with context.Pool(min(jobs, len(tasks))) as pool:
            for result in pool.imap(_local_work, tasks, chunksize=LOCAL_CHUNK):
                yield _restore(result)
    finally:
        _worker_resources, _worker_cache = None, None


def _on_dask(tasks: Sequence[Task], address: str) -> Iterator[Result]:
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
        for batch in _batches(_read(tasks), DASK_BATCH):
            pending.append(client.submit(_dask_work, batch, pure=False))
            while len(pending) >= threads * DASK_WINDOW:
                yield from (_restore(r) for r in pending.popleft().result())
        while pending:
            yield from (_restore(r) for r in pending.popleft().result())
    finally:
        client.close()


def _read(tasks: Iterable[Task]) -> Iterator[Source | _Failure]:
    """Sources for workers that may not share our file system."""
    for task in tasks:
        if isinstance(task, Source):
            yield task
        else:
            try:
                yield read_source(task[0], source_id=task[1])
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
