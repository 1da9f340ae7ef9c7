"""Scale benchmark: build throughput against hazm's floor, reasoning, query latency, memory, growth.

For each corpus size (1k and 10k synthetic articles; 100k with --full) it measures, each in a fresh
process: hazm normalise + sentence/word tokenise over the articles with 2 processes (the floor any
hazm-based extractor pays); `kg build` with 1 and 2 jobs (extraction + RDF + store; no reasoning, no
exports); reasoning over the built store; the median latency of every whole-graph saved query and of
every per-actor query on the embedded Oxigraph store and on rdflib's in-memory store; peak memory.
Then the growth exponent of each figure between sizes (time ∝ N^k; k = 1 is linear). Prints tables
and writes bench/results/scale-<sizes>.json. hazm's floor is measured just before and just after the
2-job build; the ratio uses their mean time.

--no-queries skips the query latencies (the longest part at 10k), --no-reasoning the reasoning: the
build figures (throughput against hazm, stage split, peak memory, growth) are what remains.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
RESULTS = HERE / "results"
PY = sys.executable
RDFLIB_MAX_TRIPLES = int(os.environ.get("BENCH_RDFLIB_MAX_TRIPLES", 4_000_000))  # ≈ 5 GB in rdflib
REASONING_TIMEOUT = float(os.environ.get("BENCH_REASONING_TIMEOUT", 900))
QUERY_TIMEOUT = float(os.environ.get("BENCH_QUERY_TIMEOUT", 120))  # one run of one query
QUERY_MEMORY = 6 << 30  # address-space cap of a query process: an exploding query fails, not the machine


def corpus(n: int) -> Path:
    folder = DATA / f"synth-{n}"
    if not (folder / ".complete").exists():
        from kg.synth import write_corpus

        write_corpus(n, folder)
        (folder / ".complete").touch()
    return folder


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (QUERY_MEMORY, QUERY_MEMORY))


def _child(*args: str, timeout: float | None = None, capped: bool = False) -> dict:
    try:
        done = subprocess.run([PY, *args], capture_output=True, text=True, cwd=HERE.parent, timeout=timeout,
                              preexec_fn=_cap_memory if capped else None)
    except subprocess.TimeoutExpired:
        print(f"   {args[0]} stopped after {timeout:.0f} s", file=sys.stderr)
        return {"timed_out": timeout}
    if done.returncode != 0 and capped:
        print(f"   {' '.join(args[:1] + args[-2:])} failed (memory cap?): {done.stderr.strip()[-200:]}",
              file=sys.stderr)
        return {"failed": done.stderr.strip()[-500:]}
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- hazm's floor -----------------------------------------------------------------------------------

_normalizer = None
_tokenizer = None


def _hazm_init() -> None:
    global _normalizer, _tokenizer
    import hazm

    _normalizer, _tokenizer = hazm.Normalizer(), hazm.WordTokenizer()


def _hazm_one(path: str) -> int:
    import hazm

    text = _normalizer.normalize(Path(path).read_text(encoding="utf-8"))
    return len(hazm.sent_tokenize(text)) + len(_tokenizer.tokenize(text))


def hazm_floor(folder: Path, processes: int = 2) -> dict:
    paths = [str(p) for p in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes, initializer=_hazm_init) as pool:
        sum(pool.imap(_hazm_one, paths, chunksize=16))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles_per_s": len(paths) / seconds}


# --- the measurements ---------------------------------------------------------------------------------


def actors(store: Path) -> dict[str, str]:
    """The hub (most interactions) and a typical actor (median number of interactions) of a store."""
    from kg.rdf import store as kgstore

    rows = list(kgstore.open_store(store).query(
        "PREFIX kg: <https://example.org/kg/ontology#> SELECT ?p (COUNT(DISTINCT ?i) AS ?n) "
        "WHERE { ?i kg:participant ?p } GROUP BY ?p ORDER BY DESC(?n) STR(?p)",
        use_default_graph_as_union=True))
    return {"hub": rows[0]["p"].value, "typical": rows[len(rows) // 2]["p"].value,
            "hub_interactions": rows[0]["n"].value, "typical_interactions": rows[len(rows) // 2]["n"].value}


def measure(n: int, work: Path, rdflib_max: int, queries: bool = True, reasoning: bool = True) -> dict:
    folder = corpus(n)
    size = sum(p.stat().st_size for p in folder.glob("*.txt"))
    result: dict = {"articles": n, "mean_bytes": size / n}
    print(f"\n== {n} articles ({size / n / 1024:.1f} KB each)", file=sys.stderr)
    # hazm just before and just after the 2-job build, and their mean as the floor: on a shared
    # machine one run of either can be off by 20%; the two runs show how much.
    floors = [hazm_floor(folder)]
    for jobs in (2, 1):
        store = work / f"store-{n}-{jobs}"
        build = _child("bench/build_once.py", str(folder), str(store), "--jobs", str(jobs))
        build["articles_per_s"] = n / build["seconds"]
        build["triples_per_s"] = build["triples"] / build["seconds"]
        result[f"build_{jobs}job"] = build
        print(f"   build, {jobs} job(s): {build['seconds']:.1f} s", file=sys.stderr)
        if jobs == 2:
            floors.append(hazm_floor(folder))
    seconds = sum(f["seconds"] for f in floors) / len(floors)
    result["hazm_2proc"] = {"seconds": seconds, "articles_per_s": n / seconds,
                            "runs_articles_per_s": [f["articles_per_s"] for f in floors]}
    store = work / f"store-{n}-2"
    if reasoning:
        result["reasoning"] = _child("bench/reason_once.py", str(store), timeout=REASONING_TIMEOUT)
    if not queries:
        for jobs in (1, 2):
            subprocess.run(["rm", "-rf", str(work / f"store-{n}-{jobs}")], check=False)
        return result
    who = actors(store)
    result["actors"] = who
    picks = ["--actor", who["hub"], "--actor", who["typical"]]
    result["oxigraph"] = oxigraph_latencies(store, picks)
    if result["build_2job"]["triples"] + result.get("reasoning", {}).get("inferred", 0) <= rdflib_max:
        result["rdflib"] = _child("bench/query_latency.py", str(store), "--engine", "rdflib", *picks,
                                  "--timeout", str(QUERY_TIMEOUT), capped=True)
    else:
        print(f"   rdflib skipped above {rdflib_max} triples (BENCH_RDFLIB_MAX_TRIPLES)", file=sys.stderr)
    for jobs in (1, 2):
        subprocess.run(["rm", "-rf", str(work / f"store-{n}-{jobs}")], check=False)
    return result


def oxigraph_latencies(store: Path, picks: list[str]) -> dict:
    """Each query in its own process (Oxigraph queries cannot be interrupted from Python)."""
    names = _child("bench/query_latency.py", str(store), "--engine", "oxigraph", "--list")
    out: dict = {"whole": {}, "per_actor": {}, "peak_rss_mb": 0.0}
    for kind in ("whole", "per_actor"):
        for name in names[kind]:
            one = _child("bench/query_latency.py", str(store), "--engine", "oxigraph", "--query", name, *picks,
                         timeout=QUERY_TIMEOUT * 2 + 30, capped=True)
            out[kind][name] = one.get(kind, {}).get(name)
            out["peak_rss_mb"] = max(out["peak_rss_mb"], one.get("peak_rss_mb", 0.0))
    return out


# --- report -----------------------------------------------------------------------------------------


def _exponent(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log y against log x: y ∝ x^k."""
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if x > 0 and y and y > 0]
    if len(points) < 2:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def figures(r: dict) -> dict[str, float | None]:
    """The flat figures of one size, by name (seconds unless named otherwise)."""
    out: dict[str, float | None] = {
        "hazm 2 proc: articles/s": r["hazm_2proc"]["articles_per_s"],
        "build 1 job: articles/s": r["build_1job"]["articles_per_s"],
        "build 2 jobs: articles/s": r["build_2job"]["articles_per_s"],
        "build 2 jobs: triples/s": r["build_2job"]["triples_per_s"],
        "build 2 jobs / hazm 2 proc": r["build_2job"]["articles_per_s"] / r["hazm_2proc"]["articles_per_s"],
        "build 1 job: seconds": r["build_1job"]["seconds"],
        "build 2 jobs: seconds": r["build_2job"]["seconds"],
        "build 1 job: CPU seconds": r["build_1job"].get("cpu_seconds"),
        "build 2 jobs: CPU seconds (parent + workers)": (r["build_2job"]["cpu_seconds"]
                                                         + r["build_2job"]["worker_cpu_seconds"]
                                                         if "cpu_seconds" in r["build_2job"] else None),
        "triples (stated)": r["build_2job"]["triples"],
        "peak MB: build 1 job": r["build_1job"]["peak_rss_mb"],
        "peak MB: build 2 jobs (parent)": r["build_2job"]["peak_rss_mb"],
        "peak MB: build 2 jobs (a worker)": r["build_2job"]["worker_peak_rss_mb"],
    }
    if "reasoning" in r:
        out["reasoning: seconds"] = r["reasoning"].get("seconds")
        out["inferred triples"] = r["reasoning"].get("inferred")
        out["peak MB: reasoning"] = r["reasoning"].get("peak_rss_mb")
    for jobs in (1, 2):
        label = "1 job" if jobs == 1 else f"{jobs} jobs"
        for stage, seconds in r[f"build_{jobs}job"]["stages"].items():
            if stage != "reasoning":  # reasoning is measured on its own (above)
                out[f"build {label}, stage {stage}: seconds"] = seconds
    for engine in ("oxigraph", "rdflib"):
        if engine not in r:
            continue
        for name, seconds in r[engine].get("whole", {}).items():
            out[f"{engine}: {name} (whole graph) ms"] = seconds * 1000 if seconds is not None else None
        for name, by_actor in r[engine].get("per_actor", {}).items():
            for role in ("hub", "typical"):
                seconds = (by_actor or {}).get(r["actors"][role])
                out[f"{engine}: {name} ({role} actor) ms"] = seconds * 1000 if seconds is not None else None
        if engine == "rdflib":
            out["rdflib: load seconds"] = r[engine].get("load_seconds")
            out["peak MB: rdflib in memory"] = r[engine].get("peak_rss_mb")
        else:
            out["peak MB: oxigraph queries"] = r[engine].get("peak_rss_mb")
    return out


def report(results: list[dict]) -> str:
    sizes = [r["articles"] for r in results]
    table = [figures(r) for r in results]
    names = list(dict.fromkeys(k for t in table for k in t))
    lines = ["| figure | " + " | ".join(f"{n:,} articles" for n in sizes) + " | growth exponent |",
             "|---|" + "---|" * (len(sizes) + 1)]
    for name in names:
        values = [t.get(name) for t in table]
        k = _exponent([float(n) for n in sizes], [v or 0.0 for v in values]) if None not in values else None
        cells = [("cut/–" if v is None else f"{v:,.2f}" if v < 100 else f"{v:,.0f}") for v in values]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {'' if k is None else f'{k:.2f}'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="add the 100k-article corpus (about an hour)")
    parser.add_argument("--sizes", type=int, nargs="*", help="corpus sizes (default: 1000 10000)")
    parser.add_argument("--rdflib-max-triples", type=int, default=RDFLIB_MAX_TRIPLES)
    parser.add_argument("--no-queries", dest="queries", action="store_false",
                        help="skip the query latencies (Oxigraph and rdflib)")
    parser.add_argument("--no-reasoning", dest="reasoning", action="store_false", help="skip the reasoning run")
    args = parser.parse_args()
    sizes = args.sizes or ([1000, 10000, 100000] if args.full else [1000, 10000])
    work = DATA / "work"
    work.mkdir(parents=True, exist_ok=True)
    results = [measure(n, work, args.rdflib_max_triples, args.queries, args.reasoning) for n in sizes]
    RESULTS.mkdir(exist_ok=True)
    suffix = ("" if args.queries else "-no-queries") + ("" if args.reasoning else "-no-reasoning")
    out = RESULTS / f"scale-{'-'.join(map(str, sizes))}{suffix}.json"
    out.write_text(json.dumps(results, indent=1))
    print(report(results))
    ten_k = next((r for r in results if r["articles"] == 10000), None)
    if ten_k:
        ratio = ten_k["build_2job"]["articles_per_s"] / ten_k["hazm_2proc"]["articles_per_s"]
        print(f"\nbuild throughput at 10k, 2 jobs: {ratio:.0%} of hazm normalise+tokenise with 2 processes "
              f"(target ≥ 70%)")
    print(f"(figures also in {out.relative_to(HERE.parent)})", file=sys.stderr)


if __name__ == "__main__":
    main()
