"""`kg query`, `kg sparql` and `kg queries`: asking the store questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands.common import EXIT_OK, add_format, parse_params
from kg.output import write_rows


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a saved query (queries/NAME.rq) or a .rq file",
                       description="Run a saved query by name, or any .rq file, over the store; "
                       "parameters declared in the query's header are bound as values.")
    p.add_argument("query", metavar="NAME_OR_FILE")
    p.add_argument("--store", "-s", required=True, metavar="STORE")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a declared parameter (repeatable)")
    add_format(p)
    p.set_defaults(func=run_query)

    p = sub.add_parser("sparql", help="run a SPARQL query given inline or on stdin (-)",
                       description="Run any SPARQL SELECT, ASK or CONSTRUCT query over the union of the store's graphs.")
    p.add_argument("sparql", metavar="QUERY", help="the query text, or - to read it from stdin")
    p.add_argument("--store", "-s", required=True, metavar="STORE")
    add_format(p)
    p.set_defaults(func=run_sparql)

    p = sub.add_parser("queries", help="list the saved queries with their questions and parameters",
                       description="List the saved queries in queries/ with their question, parameters and columns.")
    add_format(p)
    p.set_defaults(func=run_list)


def run_query(args: argparse.Namespace) -> int:
    from kg.queries import ActorResolver, bind, load_query, run
    from kg.rdf.store import open_store

    query = load_query(args.query)
    store = open_store(Path(args.store))
    substitutions = bind(query, parse_params(args.param), ActorResolver(store))
    columns, rows = run(store, query.text, substitutions)
    if query.columns and set(query.columns) <= set(columns):
        columns = query.columns
    write_rows(columns, rows, args.format, sys.stdout)
    return EXIT_OK


def run_sparql(args: argparse.Namespace) -> int:
    from kg.queries import run
    from kg.rdf.store import open_store

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    store = open_store(Path(args.store))
    columns, rows = run(store, text)
    write_rows(columns, rows, args.format, sys.stdout)
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
