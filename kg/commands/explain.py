"""`kg explain IRI --store STORE`: the evidence behind a fact."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.commands.common import EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show the statements and evidence behind a fact (IRI)",
                       description="Print what the store says about an IRI — asserted and inferred apart — and "
                       "every evidence sentence with its article, offsets, the rule that fired and a confidence.")
    p.add_argument("iri", metavar="IRI", help="a meeting, call, claim, role or actor IRI (see `kg query`)")
    p.add_argument("--store", "-s", required=True, metavar="STORE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.explain import explain, short
    from kg.rdf.store import open_store, read_manifest

    store_path = Path(args.store)
    store = open_store(store_path)
    base = read_manifest(store_path).get("base", "https://example.org/kg/")
    result = explain(store, args.iri, base + "graph/inferred")
    print(result.iri)
    for p, o in result.statements:
        print(f"  {short(p)}  {short(o)}")
    if result.inferred:
        print("  inferred:")
        for p, o in result.inferred:
            print(f"    {short(p)}  {short(o)}")
    if result.evidence:
        print("  evidence:")
        for e in result.evidence:
            where = e.file or e.article
            confidence = f", confidence {e.confidence}" if e.confidence else ""
            print(f"    {where} [{e.start}:{e.end}] rule {e.rule}{confidence}")
            print(f"      {e.sentence}")
    return EXIT_OK
