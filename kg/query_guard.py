"""Keeping ad-hoc SPARQL from hanging the shell or changing the store by accident.

- `run_with_timeout` runs a query in a child process on its own read-only open of the live store
  (or its own connection to an endpoint) and kills it when the time is up. Oxigraph evaluates
  inside Rust code that Python cannot interrupt, so a thread could only be abandoned, still burning
  a core; a killed child is gone, and since it never opened the database for writing it cannot
  leave it damaged.
- `apply_update` runs a SPARQL Update (`--allow-update`) on the live generation with the build lock
  held, so it never races a build, and rewrites the exports so they match the database again.
  Without it, `kg.queries.run` refuses updates (see `update_operation`).
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph

from kg.errors import KGError, QueryError
from kg.queries import refuse_update, run, syntax_message
from kg.rdf import store as kgstore

_BATCH = 1000  # rows per message from the child: fewer, larger pickles
_STARTUP = 60.0  # seconds the child may take to start Python and open the store


class QueryTimeout(QueryError):
    """A query ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"query timed out after {seconds:g} s (stopped; raise --timeout to give it longer)")
        self.seconds = seconds


def run_with_timeout(open_store: Callable[[], Any], text: str, substitutions: dict | None, seconds: float
                     ) -> tuple[list[str], list[dict[str, str]]]:
    """`kg.queries.run` in a child process; QueryTimeout when it takes over `seconds`.

    `open_store` opens the store in the child and must be picklable, e.g.
    `functools.partial(kg.rdf.store.open_store, path)`. The clock starts when the child has opened
    the store, so starting Python does not eat into the limit. All rows are collected before
    returning, so a query that times out half-way prints nothing.
    """
    if not (seconds > 0 and math.isfinite(seconds)):
        raise QueryError(f"--timeout must be a positive number of seconds, got {seconds:g}")
    refuse_update(text)
    context = multiprocessing.get_context("spawn")  # fork would copy RocksDB's threads' locks mid-use
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, open_store, text, substitutions, seconds),
                            name="kg-query", daemon=True)
    child.start()
    sender.close()
    try:
        return _receive(receiver, child, seconds)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _receive(receiver: Connection, child, seconds: float) -> tuple[list[str], list[dict[str, str]]]:
    columns: list[str] = []
    rows: list[dict[str, str]] = []
    deadline = time.monotonic() + _STARTUP + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not receiver.poll(remaining):
            child.kill()
            raise QueryTimeout(seconds)
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join()
            raise QueryError(f"the query process stopped unexpectedly (exit code {child.exitcode})") from None
        if kind == "started":
            deadline = time.monotonic() + seconds
        elif kind == "columns":
            columns = payload
        elif kind == "rows":
            rows.extend(payload)
        elif kind == "done":
            return columns, rows
        else:
            raise QueryError(payload)


def _child(sender: Connection, open_store: Callable[[], Any], text: str, substitutions: dict | None,
           seconds: float) -> None:
    """The child's side: open the store read-only, run, stream rows back in batches."""
    # Should the parent die without killing it, the CPU limit still ends the child (SIGXCPU).
    used = resource.getrusage(resource.RUSAGE_SELF)
    limit = math.ceil(used.ru_utime + used.ru_stime + seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
    try:
        store = open_store()
        sender.send(("started", None))
        columns, rows = run(store, text, substitutions)
        sender.send(("columns", columns))
        for batch in _batches(rows):
            sender.send(("rows", batch))
        sender.send(("done", None))
    except KGError as exc:
        sender.send(("error", str(exc)))
    except Exception as exc:  # reported to the parent, which raises it as a QueryError
        sender.send(("error", f"query failed: {type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _batches(rows: Iterable[dict[str, str]]) -> Iterable[list[dict[str, str]]]:
    batch: list[dict[str, str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def apply_update(store_dir: Path, text: str) -> tuple[int, int]:
    """Run a SPARQL Update on the live generation, holding the build lock; (quads before, quads after).

    The update is one Oxigraph transaction: it applies whole or not at all. The exports
    (graph.ttl, graph.trig) are rewritten afterwards so they show the changed graph.
    """
    store_dir = Path(store_dir)
    with kgstore.build_lock(store_dir):
        gen = kgstore.live_generation(store_dir)
        try:
            store = pyoxigraph.Store(str(gen / kgstore.DATABASE))
        except OSError as exc:
            raise QueryError(f"{store_dir}: cannot open the database for writing: {exc}") from exc
        before = len(store)
        try:
            store.update(text)
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc, "SPARQL Update", text)) from exc
        store.flush()
        after = len(store)
        for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
            if (gen / name).exists():
                kgstore.export_file(store, gen / name, fmt)
        del store
    return before, after
