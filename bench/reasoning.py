"""Reasoning cost: owlrl's full OWL 2 RL closure vs kg's reasoner, at about 10k, 100k and 1M triples.

Each measurement runs in its own child process (so peak memory is its own) on a synthetic graph of
the seed graph's shape (kg.rdf.synthetic_graph) plus kg's ontology:
- owlrl: `owlrl.OWLRL_Semantics` over the whole graph (the reference), seconds and peak memory; the
  child also runs kg's OWL engine on the same graph and checks that both derive the same data triples;
- kg: the whole reasoning step of `kg build` — the compiled OWL closure, then the SPARQL rules to a
  fixpoint — with seconds for each part;
- the bounded rule: what materialising every shared-interlocutor pair would cost (rule 050 unbounded)
  against asking for the busiest actor on demand (saved query shared-interlocutors-of);
- validation: pySHACL over the store, and the consistency report.

    python bench/reasoning.py                 # 10k, 100k and 1M triples (owlrl at 1M: many minutes)
    python bench/reasoning.py --sizes 10000   # one size
    python bench/reasoning.py --owlrl-limit 600

Seconds are wall-clock; "cpu" is the child's processor time, which other work on the machine does not
inflate. Figures are written to bench/results/reasoning.json as well as printed.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)


def _store(triples: int):
    import pyoxigraph

    from kg.paths import ontology_dir
    from kg.rdf.iri import DEFAULT_BASE
    from kg.rdf.synthetic_graph import articles_for, synthetic_quads

    store = pyoxigraph.Store()
    store.bulk_extend(synthetic_quads(articles_for(triples), seed=1))
    data = len(store)
    ontology = pyoxigraph.NamedNode(DEFAULT_BASE + "graph/ontology")
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ontology)
    return store, data, ontology


def _clock():
    return time.perf_counter(), time.process_time()


def _since(clock) -> dict[str, float]:
    wall, cpu = clock
    return {"seconds": round(time.perf_counter() - wall, 3), "cpu": round(time.process_time() - cpu, 3)}


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_owlrl(triples: int) -> dict:
    """owlrl's closure of the graph, and whether kg's engine derives the same data triples."""
    from kg.rdf.closure import Closure, data_triples
    from kg.rdf.reason import is_data_triple, owlrl_closure
    from kg.rdf.tbox import tbox_from_store

    store, data, ontology = _store(triples)
    everything = {(str(q.subject), str(q.predicate), str(q.object)) for q in store}
    tbox_terms = {str(t) for q in store.quads_for_pattern(None, None, None, ontology) for t in (q.subject, q.object)}
    clock = _clock()
    added, errors = owlrl_closure(everything)
    result = {"triples": data, **_since(clock), "peak_mb": _peak_mb()}
    theirs = {t for t in added if is_data_triple(t, tbox_terms)}
    closure = Closure(tbox_from_store(store, ontology))
    closure.load(store, skip_graphs=[ontology])
    ours = set(data_triples(closure.run()))
    result.update(inferred=len(theirs), equal=ours == theirs, errors=len(errors))
    return result


def measure_kg(triples: int) -> dict:
    """The reasoning step of `kg build` with kg's engine: OWL closure, then the rules to a fixpoint."""
    from kg.rdf.iri import DEFAULT_BASE
    from kg.rdf.reason import reason

    store, data, _ontology = _store(triples)
    clock = _clock()
    report = reason(store, DEFAULT_BASE, "kg")
    return {"triples": data, **_since(clock), "owl_seconds": round(report.owl_seconds, 3),
            "rules_seconds": round(report.rules_seconds, 3), "inferred": report.inferred,
            "rule_runs": report.rule_runs, "notes": report.notes, "peak_mb": _peak_mb()}


def measure_shared(triples: int) -> dict:
    """Rule 050 over the whole graph (unbounded) vs the saved query for the busiest actor."""
    from kg.queries import load_query, run
    from kg.rdf.iri import DEFAULT_BASE
    from kg.rdf.reason import load_rules, reason

    store, data, _ontology = _store(triples)
    rules = load_rules()
    reason(store, DEFAULT_BASE, "kg", rules=[r for r in rules if r.name != "050-shared-interlocutors"])
    pairs_query = """PREFIX kg: <https://example.org/kg/ontology#>
        SELECT ?via (COUNT(DISTINCT ?x) AS ?n) WHERE { ?via kg:interactedWith ?x } GROUP BY ?via ORDER BY DESC(?n)"""
    degrees = [(row["via"], int(row["n"].value)) for row in store.query(pairs_query, use_default_graph_as_union=True)]
    pairs = sum(n * (n - 1) // 2 for _via, n in degrees)
    hub, hub_degree = degrees[0]
    query = load_query("shared-interlocutors-of")
    import pyoxigraph

    clock = _clock()
    _columns, rows = run(store, query.text, {pyoxigraph.Variable("actor"): hub})
    on_demand = sum(1 for _ in rows)
    result = {"triples": data, "pairs": pairs, "busiest_actor_contacts": hub_degree,
              "on_demand_rows": on_demand, "on_demand": _since(clock)}
    if pairs <= 200_000:
        rule = next(r for r in rules if r.name == "050-shared-interlocutors")
        clock = _clock()
        constructed = sum(1 for _ in store.query(rule.text, base_iri=DEFAULT_BASE, use_default_graph_as_union=True))
        result.update(materialised_triples=constructed, materialised=_since(clock))
    result["peak_mb"] = _peak_mb()
    return result


def measure_validation(triples: int) -> dict:
    """pySHACL over the reasoned store, and the consistency report."""
    from kg.rdf.consistency import check_consistency
    from kg.rdf.iri import DEFAULT_BASE
    from kg.rdf.reason import reason
    from kg.rdf.validate import shacl_results

    store, data, ontology = _store(triples)
    reason(store, DEFAULT_BASE, "kg")
    result: dict = {"triples": data}
    if triples <= 100_000:
        clock = _clock()
        results = shacl_results(store, ontology)
        result.update(shacl=_since(clock), shacl_results=len(results))
    clock = _clock()
    findings = check_consistency(store)
    result.update(consistency=_since(clock), findings=len(findings), peak_mb=_peak_mb())
    return result


MEASURES = {"owlrl": measure_owlrl, "kg": measure_kg, "shared": measure_shared, "validation": measure_validation}


def child(kind: str, triples: int, limit: float) -> dict:
    """One measurement in a child process; {"timeout": limit} when it runs out of time."""
    command = [sys.executable, __file__, "--one", kind, str(triples)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": limit}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="TRIPLES")
    parser.add_argument("--owlrl-limit", type=float, default=3600, metavar="SECONDS",
                        help="stop owlrl after this long (reported as a lower bound)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "TRIPLES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(MEASURES[args.one[0]](int(args.one[1]))))
        return 0
    results = []
    print("reasoning: owlrl's full OWL 2 RL closure vs kg (compiled OWL closure + SPARQL rules), synthetic graphs")
    print(f"{'triples':>10} {'owlrl s':>10} {'owlrl cpu':>10} {'kg s':>8} {'kg cpu':>8} {'(owl':>7} {'rules)':>7} "
          f"{'ratio':>7} {'cpu ratio':>9} {'equal':>6} {'owlrl MB':>9} {'kg MB':>7}")
    for size in args.sizes:
        kg = child("kg", size, 3600)
        ref = child("owlrl", size, args.owlrl_limit)
        if "timeout" in ref:
            owl_s, owl_cpu, cpu_ratio = f">{ref['timeout']:.0f}", "-", "-"
            ratio = f">{ref['timeout'] / kg['seconds']:.0f}"
        else:
            owl_s, owl_cpu = ref["seconds"], ref["cpu"]
            ratio, cpu_ratio = round(ref["seconds"] / kg["seconds"], 1), round(ref["cpu"] / kg["cpu"], 1)
        print(f"{kg['triples']:>10,} {_fmt(owl_s):>10} {_fmt(owl_cpu):>10} {kg['seconds']:>8.2f} {kg['cpu']:>8.2f} "
              f"{kg['owl_seconds']:>7.2f} {kg['rules_seconds']:>7.2f} {_fmt(ratio):>7} {_fmt(cpu_ratio):>9} "
              f"{str(ref.get('equal', '-')):>6} {_fmt(ref.get('peak_mb', '-')):>9} {kg['peak_mb']:>7}")
        results.append({"size": size, "kg": kg, "owlrl": ref})
    print("\nshared interlocutors: every pair (rule 050 unbounded) vs the busiest actor on demand")
    for size in args.sizes:
        shared = child("shared", size, 3600)
        whole = (f"{shared['materialised']['seconds']:.2f} s, {shared['materialised_triples']:,} triples"
                 if "materialised" in shared else "not run (too many pairs)")
        print(f"{shared['triples']:>10,} triples: {shared['pairs']:,} (a, b, via) pairs; all of them: {whole}; "
              f"busiest actor ({shared['busiest_actor_contacts']} contacts) on demand: "
              f"{shared['on_demand']['seconds']:.2f} s, {shared['on_demand_rows']:,} rows")
        results[args.sizes.index(size)]["shared"] = shared
    print("\nvalidation: pySHACL (ontology/shapes.ttl) and the consistency report")
    for size in args.sizes:
        check = child("validation", size, 3600)
        shacl = f"{check['shacl']['seconds']:.2f} s" if "shacl" in check else "not run"
        print(f"{check['triples']:>10,} triples: SHACL {shacl}; consistency {check['consistency']['seconds']:.2f} s "
              f"({check['findings']} findings)")
        results[args.sizes.index(size)]["validation"] = check
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "reasoning.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    worst = min((r["owlrl"]["seconds"] / r["kg"]["seconds"] for r in results if "seconds" in r["owlrl"]),
                default=math.nan)
    print(f"\nlowest measured owlrl/kg ratio: {worst:.1f}× (written to bench/results/reasoning.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
