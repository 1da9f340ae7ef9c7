"""The `kg` command: thin — parse arguments, call the library, print, choose the exit code.

Exit codes: 0 success; 1 the data failed a check (e.g. validation found violations); 2 a usage or
input error (bad arguments, nothing could be built, an unknown query). Data goes to stdout,
progress and messages to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import KGError
from kg.output import FORMATS, write_rows

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")


def _params(pairs: Sequence[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KGError(f"--param expects NAME=VALUE, got {pair!r}")
        values[name.lstrip("?")] = value
    return values


# --- commands ---------------------------------------------------------------------------------------

def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import NothingBuilt, build

    progress = (lambda m: print(f"kg: {m}", file=sys.stderr)) if not args.quiet else None
    try:
        report = build(args.inputs, Path(args.output), reasoner=args.reasoner, strict=args.strict,
                       progress=progress)
    except NothingBuilt as exc:
        _err(str(exc))
        return EXIT_USAGE
    for problem in report.problems:
        _err(f"skipped {problem}")
    for warning in report.warnings:
        _err(f"warning: {warning}")
    print(f"built {args.output}: {report.articles} articles, {report.actors} actors ({report.persons} persons), "
          f"{report.meetings} meetings, {report.phone_calls} phone calls, {report.interactions} interactions "
          f"({report.merges} merged across articles), {report.roles} roles, {report.claims} claims, "
          f"{report.triples} triples ({report.inferred} inferred) in {report.seconds:.1f} s "
          f"(reasoning {report.reasoning_seconds:.1f} s)"
          + (f"; {len(report.problems)} input(s) skipped" if report.problems else ""))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from kg.queries import ActorResolver, bind, load_query, run
    from kg.rdf.store import open_store

    query = load_query(args.query)
    store = open_store(Path(args.store))
    substitutions = bind(query, _params(args.param), ActorResolver(store))
    columns, rows = run(store, query.text, substitutions)
    write_rows(query.columns or columns if not query.columns or set(query.columns) <= set(columns) else columns,
               rows, args.format, sys.stdout)
    return EXIT_OK


def cmd_sparql(args: argparse.Namespace) -> int:
    from kg.queries import run
    from kg.rdf.store import open_store

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    store = open_store(Path(args.store))
    columns, rows = run(store, text)
    write_rows(columns, rows, args.format, sys.stdout)
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from kg.queries import saved_queries

    rows = []
    for name, q in saved_queries().items():
        params = ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.parameters)
        rows.append({"name": name, "question": q.question, "parameters": params or "-",
                     "columns": " ".join(q.columns)})
    write_rows(["name", "question", "parameters", "columns"], rows, args.format, sys.stdout, max_width=90)
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Knowledge graph of diplomatic contacts from Persian "
                                     "and Arabic news.", epilog="Exit codes: 0 ok, 1 a check failed, 2 usage or "
                                     "input error.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build a store from articles (folders, files, or - for stdin)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders; - reads stdin")
    p.add_argument("-o", "--output", required=True, metavar="STORE", help="store folder to write")
    p.add_argument("--reasoner", choices=("owlrl", "rules"), default="owlrl",
                   help="OWL 2 RL engine (default: owlrl)")
    p.add_argument("--strict", action="store_true", help="stop at the first input problem")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("query", help="run a saved query (queries/NAME.rq) or a .rq file")
    p.add_argument("query", metavar="NAME_OR_FILE")
    p.add_argument("--store", "-s", required=True, metavar="STORE")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a declared parameter (repeatable)")
    _add_format(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("sparql", help="run a SPARQL query given inline or on stdin (-)")
    p.add_argument("sparql", metavar="QUERY")
    p.add_argument("--store", "-s", required=True, metavar="STORE")
    _add_format(p)
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("queries", help="list the saved queries with their questions and parameters")
    _add_format(p)
    p.set_defaults(func=cmd_queries)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
