"""`kg build`: articles in, a store out.

kg.build (extraction, RDF, reasoning: half a second of imports) is imported only when a build runs,
so that `kg --help`, `kg query` and the other commands start fast.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kg.commands.common import EXIT_OK, EXIT_USAGE, err
from kg.errors import InputError

# kg.rdf.reason.ENGINES, kg.build.NO_REASONING and kg.text.read.DEFAULT_MAX_BYTES, spelled out here to
# keep those modules out of start-up (tests/test_build_cli.py checks they agree).
REASONERS = ("kg", "owlrl")
NO_REASONING = "none"
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_REASONER = REASONERS[0]
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def _size(text: str) -> int:
    """A number of bytes: 20000000, 20MB, 500k, 1.5G (decimal units, as the reader's messages use)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"expected a size such as 20MB, 500kB or 1000000, got {text!r}")
    value = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive size, got {text!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build or update a store from articles (folders, files, or - for stdin)",
                       description="Read articles, extract actors, roles, interactions and claims, "
                       "write the graph and its inferences to STORE, and print a summary. Builds are "
                       "incremental: only new and changed articles are extracted again, and a build with "
                       "nothing new changes nothing.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders; - reads stdin")
    p.add_argument("-o", "--output", required=True, metavar="STORE", help="store folder to write")
    p.add_argument("--reasoner", choices=(*REASONERS, NO_REASONING), default=DEFAULT_REASONER,
                   help=f"OWL 2 RL engine (default: {DEFAULT_REASONER}); {NO_REASONING} skips reasoning "
                   "(no inferred graph)")
    p.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N",
                   help="extract on N local processes (default: 1)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)")
    p.add_argument("--prune", action="store_true",
                   help="remove the store's articles that are not among the inputs (e.g. whose files are "
                   "gone): the store then mirrors the inputs; without it, builds only add and update")
    p.add_argument("--no-export", dest="export", action="store_false",
                   help="do not write STORE/graph.ttl and graph.trig (use `kg export` when needed)")
    p.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                   help="skip input files (and stdin) larger than SIZE, e.g. 50MB or 500kB "
                   f"(default: {DEFAULT_MAX_BYTES // 1_000_000} MB)")
    p.add_argument("--strict", action="store_true", help="stop at the first input problem")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.build import NothingBuilt, build

    progress = (lambda m: err(m)) if not args.quiet else None
    try:
        report = build(args.inputs, Path(args.output), reasoner=args.reasoner, strict=args.strict,
                       progress=progress, jobs=args.jobs, scheduler=args.scheduler, prune=args.prune,
                       export=args.export, max_bytes=args.max_bytes)
    except NothingBuilt as exc:
        for problem in exc.problems:
            err(f"skipped {problem}")
        err("nothing could be built" + ("" if exc.problems else ": no input files"))
        return EXIT_USAGE
    except InputError as exc:  # raised only with --strict
        err(f"{exc} (--strict: stopped at the first problem; the store was not changed)")
        return EXIT_USAGE
    for warning in report.warnings:
        err(f"warning: {warning}")
    for problem in report.problems:  # last, so the inputs left out are what the user sees
        err(f"skipped {problem}")
    if report.unchanged:
        err("nothing changed: the store is up to date")
    print(f"built {args.output}: {report.articles} articles, {report.actors} actors "
          f"({report.persons} persons), {report.meetings} meetings, {report.phone_calls} phone calls, "
          f"{report.interactions} interactions "
          f"({report.merges} merged across articles), {report.roles} roles, {report.claims} claims, "
          f"{report.triples} triples ({report.inferred} inferred) in {report.seconds:.1f} s "
          f"(reasoning {report.reasoning_seconds:.1f} s)"
          + (f"; {len(report.problems)} input(s) skipped" if report.problems else ""))
    return EXIT_OK
