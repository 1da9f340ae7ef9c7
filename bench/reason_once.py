"""Reason over a built store in place (kg's default engine); prints seconds, inferred triples, peak memory."""

from __future__ import annotations

import argparse
import json
import resource
import time

import pyoxigraph

from kg.build import DEFAULT_REASONER
from kg.rdf import store as kgstore
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.reason import reason


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    args = parser.parse_args()
    store = pyoxigraph.Store(str(kgstore.live_generation(args.store) / kgstore.DATABASE))
    started = time.perf_counter()
    report = reason(store, DEFAULT_BASE, DEFAULT_REASONER)
    store.flush()
    print(json.dumps({"seconds": time.perf_counter() - started, "inferred": report.inferred,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
