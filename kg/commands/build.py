"""`kg build`: articles in, a store out."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.commands.common import EXIT_OK, EXIT_USAGE, err


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build a store from articles (folders, files, or - for stdin)",
                       description="Read articles, extract actors, roles, interactions and claims, "
                       "write the graph and its inferences to STORE, and print a summary.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders; - reads stdin")
    p.add_argument("-o", "--output", required=True, metavar="STORE", help="store folder to write")
    p.add_argument("--reasoner", choices=("owlrl", "rules"), default="owlrl",
                   help="OWL 2 RL engine (default: owlrl)")
    p.add_argument("--strict", action="store_true", help="stop at the first input problem")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import NothingBuilt, build

    progress = (lambda m: err(m)) if not args.quiet else None
    try:
        report = build(args.inputs, Path(args.output), reasoner=args.reasoner, strict=args.strict,
                       progress=progress)
    except NothingBuilt as exc:
        err(str(exc))
        return EXIT_USAGE
    for problem in report.problems:
        err(f"skipped {problem}")
    for warning in report.warnings:
        err(f"warning: {warning}")
    print(f"built {args.output}: {report.articles} articles, {report.actors} actors ({report.persons} persons), "
          f"{report.meetings} meetings, {report.phone_calls} phone calls, {report.interactions} interactions "
          f"({report.merges} merged across articles), {report.roles} roles, {report.claims} claims, "
          f"{report.triples} triples ({report.inferred} inferred) in {report.seconds:.1f} s "
          f"(reasoning {report.reasoning_seconds:.1f} s)"
          + (f"; {len(report.problems)} input(s) skipped" if report.problems else ""))
    return EXIT_OK
