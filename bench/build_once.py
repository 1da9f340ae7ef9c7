"""One `kg build` (no reasoning, no exports) of a folder into a fresh store; prints its figures as JSON.

Run in its own process by bench/scale.py, so `peak_rss_mb` is this build's alone (workers separately).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from pathlib import Path

from kg.build import NO_REASONING, build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("store")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    shutil.rmtree(args.store, ignore_errors=True)
    started = time.perf_counter()
    report = build([args.corpus], Path(args.store), reasoner=NO_REASONING, export=False, jobs=args.jobs)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds, "articles": report.articles, "triples": report.triples,
        "interactions": report.interactions, "merges": report.merges, "stages": report.stages,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
