"""Median latency of benchmark queries on one engine: the embedded Oxigraph store or rdflib in memory.

Whole-graph queries are the saved queries without required parameters; per-actor queries are the saved
queries whose one required parameter is a person or actor (their meetings, roles, claims, interlocutors,
shared interlocutors), bound to each given actor: rdflib through `initBindings`, Oxigraph exactly as
`kg query` binds them (kg.queries.run: substitution, with the value repeated as a one-row VALUES block
at the head of every group that projects the parameter, so that Oxigraph's planner starts from it).
Every run reads all rows, and Oxigraph's are turned into Python strings as `kg query` does.
rdflib runs are cut at --timeout seconds (SIGALRM);
Oxigraph queries run in Rust, so bench/scale.py runs each in its own process and stops it from
outside. Prints JSON; a query that was cut is reported as null.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import time
from pathlib import Path

import pyoxigraph

from kg.queries import run as run_query
from kg.queries import saved_queries
from kg.rdf import store as kgstore


def benchmark_queries() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(whole-graph queries by name, per-actor queries by name → (text, parameter name))."""
    whole: dict[str, str] = {}
    per_actor: dict[str, tuple[str, str]] = {}
    for name, q in saved_queries().items():
        required = [p for p in q.parameters if not p.optional]
        if not required:
            whole[name] = q.text
        elif len(required) == 1 and required[0].type == "actor" and required[0].name in ("actor", "person"):
            per_actor[name] = (q.text, required[0].name)
    return whole, per_actor


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut


def _time(run, repeats: int, budget: float, timeout: float) -> float | None:
    """Median of up to `repeats` runs after a warm-up run; fewer when they exceed `budget`; None if cut."""
    times = []
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(repeats + 1):
        signal.setitimer(signal.ITIMER_REAL, timeout)
        started = time.perf_counter()
        try:
            run()
        except TimedOut:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return statistics.median(times[1:] or times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--engine", choices=("oxigraph", "rdflib"), required=True)
    parser.add_argument("--actor", action="append", default=[])
    parser.add_argument("--query", action="append", help="only these queries (default: all)")
    parser.add_argument("--list", action="store_true", help="print the query names and stop")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds of runs per query and actor")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before one run is cut")
    args = parser.parse_args()
    whole, per_actor = benchmark_queries()
    if args.list:
        print(json.dumps({"whole": sorted(whole), "per_actor": sorted(per_actor)}))
        return
    if args.query:
        whole = {k: v for k, v in whole.items() if k in args.query}
        per_actor = {k: v for k, v in per_actor.items() if k in args.query}
    store = kgstore.open_store(Path(args.store))
    out: dict = {"engine": args.engine, "whole": {}, "per_actor": {}}
    if args.engine == "oxigraph":
        def run(text: str, binding: tuple[str, str] | None = None) -> int:
            values = {pyoxigraph.Variable(binding[0]): pyoxigraph.NamedNode(binding[1])} if binding else None
            _columns, rows = run_query(store, text, values)  # as `kg query` binds them
            return sum(1 for _ in rows)
    else:
        import rdflib

        started = time.perf_counter()
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
        out["load_seconds"] = time.perf_counter() - started
        del store

        def run(text: str, binding: tuple[str, str] | None = None) -> int:
            bindings = {binding[0]: rdflib.URIRef(binding[1])} if binding else None
            return sum(1 for _ in dataset.query(text, initBindings=bindings))
    for name, text in whole.items():
        out["whole"][name] = _time(lambda t=text: run(t), args.repeats, args.budget, args.timeout)
    for name, (text, parameter) in per_actor.items():
        out["per_actor"][name] = {
            actor: _time(lambda t=text, b=(parameter, actor): run(t, b), args.repeats, args.budget, args.timeout)
            for actor in args.actor}
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
