"""`kg validate STORE`: SHACL shapes, disjointness and the consistency report; exit 1 on violations."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from kg.commands.common import EXIT_CHECK_FAILED, EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a store against the SHACL shapes and for contradictions",
                       description="Check the store against ontology/shapes.ttl (pySHACL), the ontology's "
                       "disjoint classes, and the consistency report (two holders of a single-holder post, a "
                       "person in contradictory posts, a meeting after a participant's death). Prints a "
                       "readable report; exits 1 when there are violations (warnings alone exit 0).")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--no-shacl", dest="shacl", action="store_false",
                   help="skip the SHACL shapes (the slowest part on large stores)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.rdf.store import open_store, read_manifest
    from kg.rdf.validate import validate_store

    store = open_store(Path(args.store))
    base = read_manifest(Path(args.store)).get("base", "https://example.org/kg/")
    report = validate_store(store, base, shacl=args.shacl)
    if args.json:
        document = {"conforms": report.conforms, "violations": [asdict(r) for r in report.violations],
                    "warnings": [asdict(r) for r in report.warnings],
                    "findings": [asdict(f) for f in report.findings]}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    else:
        for line in report.lines():
            print(line)
        print(f"{args.store}: {'conforms' if report.conforms else 'does not conform'} — "
              f"{len(report.violations)} violation(s), {len(report.warnings)} SHACL warning(s), "
              f"{len(report.findings)} consistency warning(s) ({report.seconds:.1f} s)")
    return EXIT_OK if report.conforms else EXIT_CHECK_FAILED
