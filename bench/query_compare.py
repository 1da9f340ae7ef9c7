"""Saved-query latencies on one built store: embedded Oxigraph against rdflib in memory, in one run.

For the hub (the actor with most interactions) and a typical actor (median number of interactions)
of STORE, and for every whole-graph saved query, it runs bench/query_latency.py: on Oxigraph each
query (and actor) in its own process (stopped from outside after --timeout × 2 + 30 s: Oxigraph cannot
be interrupted from Python), on rdflib all queries in one process holding the same quads (each run
cut after --timeout s). Prints a table (median ms, and rdflib ÷ Oxigraph) and writes the figures as JSON.

    python bench/query_compare.py STORE [--out FILE] [--timeout 30] [--rdflib/--no-rdflib]
    python bench/query_compare.py STORE --checkout DIR   # the queries and code of another checkout

`--checkout` runs another kg source tree's bench/query_latency.py and queries against the same store
(e.g. `git archive HEAD | tar -x -C /tmp/before` for the figures before a change).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEMORY = 6 << 30  # address-space cap of a query process


def _cap() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _child(checkout: Path, args: list[str], timeout: float, capped: bool = True) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        done = subprocess.run([sys.executable, str(checkout / "bench" / "query_latency.py"), *args],
                              capture_output=True, text=True, cwd=checkout, env=env, timeout=timeout,
                              preexec_fn=_cap if capped else None)
    except subprocess.TimeoutExpired:
        return {"timed_out": timeout}
    if done.returncode != 0:
        return {"failed": done.stderr.strip()[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def actors(store: Path) -> dict[str, str]:
    """The hub and a typical actor, as bench/scale.py picks them."""
    sys.path.insert(0, str(HERE))
    from scale import actors as pick

    return pick(store)


def measure(store: Path, checkout: Path, timeout: float, rdflib: bool) -> dict:
    who = actors(store)
    picks = ["--actor", who["hub"], "--actor", who["typical"]]
    names = _child(checkout, [str(store), "--engine", "oxigraph", "--list"], 120)
    out: dict = {"store": str(store), "checkout": str(checkout), "actors": who,
                 "oxigraph": {"whole": {}, "per_actor": {}}, "measured": time.strftime("%Y-%m-%d %H:%M")}
    for name in names["whole"]:
        one = _child(checkout, [str(store), "--engine", "oxigraph", "--query", name, "--timeout", str(timeout)],
                     timeout * 2 + 30)
        out["oxigraph"]["whole"][name] = one.get("whole", {}).get(name)
        print(f"   oxigraph {name}: {out['oxigraph']['whole'][name]}", file=sys.stderr)
    for name in names["per_actor"]:  # each actor in its own process: a hub that is cut loses no other figure
        out["oxigraph"]["per_actor"][name] = {}
        for actor in (who["hub"], who["typical"]):
            one = _child(checkout, [str(store), "--engine", "oxigraph", "--query", name, "--actor", actor,
                                    "--timeout", str(timeout)], timeout * 2 + 30)
            out["oxigraph"]["per_actor"][name][actor] = (one.get("per_actor", {}).get(name) or {}).get(actor)
        print(f"   oxigraph {name}: {out['oxigraph']['per_actor'][name]}", file=sys.stderr)
    if rdflib:
        out["rdflib"] = _child(checkout, [str(store), "--engine", "rdflib", *picks, "--timeout", str(timeout)],
                               None, capped=False)
    return out


def _ms(seconds: float | None) -> str:
    return "cut" if seconds is None else f"{seconds * 1000:,.1f}" if seconds < 0.1 else f"{seconds * 1000:,.0f}"


def table(result: dict) -> str:
    who = result["actors"]
    lines = ["| query | actor | Oxigraph ms | rdflib ms | rdflib ÷ Oxigraph |", "|---|---|---|---|---|"]
    rdf = result.get("rdflib") or {}

    def row(name: str, label: str, ox: float | None, rd: float | None) -> None:
        ratio = f"{rd / ox:,.1f}×" if ox and rd else ("> cut÷ox" if ox and rd is None and rdf else "")
        lines.append(f"| `{name}` | {label} | {_ms(ox)} | {_ms(rd) if rdf else '–'} | {ratio} |")

    for name, by_actor in sorted(result["oxigraph"]["per_actor"].items()):
        for role in ("typical", "hub"):
            ox = (by_actor or {}).get(who[role])
            rd = ((rdf.get("per_actor") or {}).get(name) or {}).get(who[role])
            row(name, f"{role} ({who[role + '_interactions']} interactions)", ox, rd)
    for name, seconds in sorted(result["oxigraph"]["whole"].items()):
        row(name, "whole graph", seconds, (rdf.get("whole") or {}).get(name))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--checkout", type=Path, default=HERE.parent, help="kg source tree to run (default: this one)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before one run is cut")
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false")
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    result = measure(args.store.resolve(), args.checkout.resolve(), args.timeout, args.rdflib)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    print(table(result))


if __name__ == "__main__":
    main()
