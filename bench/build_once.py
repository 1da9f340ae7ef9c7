"""One `kg build` (no reasoning, no exports) of a folder into a fresh store; prints its figures as JSON.

Run in its own process by bench/scale.py, so `peak_rss_mb` is this build's alone (workers separately).
`cpu_seconds` is the CPU time of this process (its threads included) and `worker_cpu_seconds` that
of its worker processes: on a shared machine they say what the build cost when the wall time says
mostly how busy the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
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
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": seconds, "articles": report.articles, "triples": report.triples,
        "interactions": report.interactions, "merges": report.merges, "stages": report.stages,
        "peak_rss_mb": own.ru_maxrss / 1024, "worker_peak_rss_mb": workers.ru_maxrss / 1024,
        "cpu_seconds": own.ru_utime + own.ru_stime, "worker_cpu_seconds": workers.ru_utime + workers.ru_stime,
        "load_average": os.getloadavg()[0],
    }))


if __name__ == "__main__":
    main()
