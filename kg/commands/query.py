"""`kg query`, `kg sparql` and `kg queries`: asking the store questions."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from kg.commands.common import EXIT_OK, add_format, err, parse_params
from kg.errors import KGError
from kg.output import write_rows


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a saved query (queries/NAME.rq) or a .rq file",
                       description="Run a saved query by name, or any .rq file, over the store; "
                       "parameters declared in the query's header are bound as values.")
    p.add_argument("query", metavar="NAME_OR_FILE")
    _add_source(p)
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a declared parameter (repeatable)")
    _add_timeout(p)
    add_format(p)
    p.set_defaults(func=run_query)

    p = sub.add_parser("sparql", help="run a SPARQL query given inline or on stdin (-)",
                       description="Run any SPARQL SELECT, ASK or CONSTRUCT query over the union of the store's "
                       "graphs; a SPARQL Update is refused unless --allow-update.")
    p.add_argument("sparql", metavar="QUERY", help="the query text, or - to read it from stdin")
    _add_source(p)
    _add_timeout(p)
    p.add_argument("--allow-update", action="store_true",
                   help="let a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …) change the store's live "
                   "generation, holding the build lock; the change lasts until a build rewrites the graphs "
                   "it touched. Without it updates are refused.")
    add_format(p)
    p.set_defaults(func=run_sparql)

    p = sub.add_parser("queries", help="list the saved queries with their questions and parameters",
                       description="List the saved queries in queries/ with their question, parameters and columns.")
    add_format(p)
    p.set_defaults(func=run_list)


def _add_source(p: argparse.ArgumentParser) -> None:
    """--store STORE or --endpoint URL: where the query runs."""
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", "-s", metavar="STORE")
    source.add_argument("--endpoint", metavar="URL",
                        help="a SPARQL endpoint whose default graph is the union of the graphs (kg serve, "
                        "oxigraph serve --union-default-graph, Fuseki with unionDefaultGraph)")


def _add_timeout(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop the query after SECONDS (it then runs in a child process, killed when the "
                   "time is up; exit code 2)")


def _opener(args: argparse.Namespace):
    """A picklable function that opens the local store (read-only) or the remote endpoint."""
    if args.endpoint:
        from kg.remote import RemoteStore

        return functools.partial(RemoteStore, args.endpoint)
    from kg.rdf.store import open_store

    return functools.partial(open_store, Path(args.store))


def _open(args: argparse.Namespace):
    return _opener(args)()


def _run(args: argparse.Namespace, store, text: str, substitutions: dict | None = None):
    """Columns and rows, in this process or, with --timeout, in a child process that can be stopped."""
    if args.timeout is not None:
        from kg.query_guard import run_with_timeout

        return run_with_timeout(_opener(args), text, substitutions, args.timeout)
    from kg.queries import run

    return run(store, text, substitutions)


def run_query(args: argparse.Namespace) -> int:
    from kg.queries import ActorResolver, bind, load_query

    query = load_query(args.query)
    store = _open(args)
    substitutions = bind(query, parse_params(args.param), ActorResolver(store))
    columns, rows = _run(args, store, query.text, substitutions)
    if query.columns and set(query.columns) <= set(columns):
        columns = query.columns
    write_rows(columns, rows, args.format, sys.stdout, compact=_compact(args))
    return EXIT_OK


def _compact(args: argparse.Namespace):
    """Tables show IRIs under the store's base as paths, and known namespaces as prefixes."""
    from kg.output import compact_iris
    from kg.rdf.iri import DEFAULT_BASE

    base = DEFAULT_BASE
    if not args.endpoint:
        from kg.rdf.store import read_manifest

        try:
            base = read_manifest(Path(args.store)).get("base", DEFAULT_BASE)
        except KGError:  # the query ran, so the store opened: a manifest problem only costs the base
            base = DEFAULT_BASE
    return compact_iris(base)


def run_sparql(args: argparse.Namespace) -> int:
    from kg.queries import update_operation

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    if args.allow_update and update_operation(text):
        return _update(args, text)
    store = None if args.timeout is not None else _open(args)
    columns, rows = _run(args, store, text)
    write_rows(columns, rows, args.format, sys.stdout, compact=_compact(args))
    return EXIT_OK


def _update(args: argparse.Namespace, text: str) -> int:
    if args.endpoint:
        raise KGError("--allow-update changes a local --store only; an endpoint served by kg is read-only")
    from kg.query_guard import apply_update

    before, after = apply_update(Path(args.store), text)
    err(f"updated {args.store}: {before} → {after} quads")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from kg.queries import saved_queries

    rows = []
    for name, q in saved_queries().items():
        params = ", ".join(f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in q.parameters)
        rows.append({"name": name, "question": q.question, "parameters": params or "-",
                     "columns": " ".join(q.columns)})
    write_rows(["name", "question", "parameters", "columns"], rows, args.format, sys.stdout, max_width=90)
    return EXIT_OK
