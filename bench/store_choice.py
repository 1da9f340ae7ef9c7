"""Why Oxigraph: load, Turtle writing, a query and memory — pyoxigraph (on disk, in memory) vs rdflib.

Takes a built store (default: builds one from the 1k synthetic corpus), dumps it as N-Quads and times,
each engine in its own process: loading the N-Quads, writing the union as Turtle, the saved query
`meetings`, and the process's peak memory. Prints a table.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _one(engine: str, nquads: Path) -> dict:
    import pyoxigraph

    from kg.queries import load_query

    data = nquads.read_bytes()
    query = load_query("meetings").text
    out: dict = {"engine": engine}
    started = time.perf_counter()
    if engine == "rdflib":
        import rdflib

        graph = rdflib.Dataset(default_union=True)
        graph.parse(data=data, format="nquads")
        out["load_s"] = time.perf_counter() - started
        started = time.perf_counter()
        union = rdflib.Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(format="turtle")
        out["turtle_s"] = time.perf_counter() - started
        started = time.perf_counter()
        out["rows"] = len(list(graph.query(query)))
        out["meetings_s"] = time.perf_counter() - started
    else:
        folder = tempfile.mkdtemp(prefix="kg-store-choice-")
        store = pyoxigraph.Store(folder + "/db") if engine == "pyoxigraph-disk" else pyoxigraph.Store()
        if engine == "pyoxigraph-disk":
            store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            store.load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        out["load_s"] = time.perf_counter() - started
        started = time.perf_counter()
        pyoxigraph.serialize(store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"),
                             format=pyoxigraph.RdfFormat.TURTLE)
        out["turtle_s"] = time.perf_counter() - started
        started = time.perf_counter()
        out["rows"] = len(list(store.query(query, use_default_graph_as_union=True)))
        out["meetings_s"] = time.perf_counter() - started
        del store
        shutil.rmtree(folder, ignore_errors=True)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", help="a built kg store (default: build one from 1k synthetic articles)")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--nquads", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(_one(args.engine, Path(args.nquads))))
        return
    import pyoxigraph

    from kg.rdf import store as kgstore

    work = Path(tempfile.mkdtemp(prefix="kg-store-choice-"))
    store_dir = Path(args.store) if args.store else work / "store"
    if not args.store:
        from scale import corpus

        from kg.build import NO_REASONING, build

        build([str(corpus(1000))], store_dir, reasoner=NO_REASONING, export=False, jobs=2)
    nquads = work / "graph.nq"
    nquads.write_bytes(kgstore.open_store(store_dir).dump(format=pyoxigraph.RdfFormat.N_QUADS))
    rows = []
    for engine in ("pyoxigraph-disk", "pyoxigraph-memory", "rdflib"):
        done = subprocess.run([sys.executable, __file__, "--engine", engine, "--nquads", str(nquads)],
                              capture_output=True, text=True, check=True, cwd=HERE.parent)
        rows.append(json.loads(done.stdout))
    quads = sum(1 for _ in open(nquads, "rb"))
    shutil.rmtree(work, ignore_errors=True)
    print(f"| engine ({quads:,} quads) | load s | union → Turtle s | `meetings` query s | peak MB |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['load_s']:.2f} | {r['turtle_s']:.2f} | {r['meetings_s']:.3f} | "
              f"{r['peak_rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
