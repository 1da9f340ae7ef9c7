"""`kg export`, `kg push`, `kg serve`, `kg synth`: getting a store's graph out, serving it, test corpora."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands.common import EXIT_OK, err


def register(sub: argparse._SubParsersAction) -> None:
    from kg.rdf.store import EXPORT_FORMATS

    p = sub.add_parser("export", help="write a store's graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD",
                       description="Write the live graph of STORE to FILE (- for stdout). trig, nquads and "
                       "json-ld keep the named graphs (one per article, plus knowledge-base, ontology and "
                       "inferred); turtle and nt write their union, each triple once.")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--format", "-f", choices=tuple(EXPORT_FORMATS), default="trig", help="default: trig")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write, or - for stdout")
    p.set_defaults(func=run_export)

    p = sub.add_parser("push", help="copy a store to a remote triple store (SPARQL Graph Store Protocol)",
                       description="PUT every named graph of STORE to a SPARQL 1.1 Graph Store Protocol "
                       "endpoint (e.g. Oxigraph's http://HOST:7878/store, Fuseki's "
                       "http://HOST:3030/DS/data); pushing again replaces the graphs.")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
    p.add_argument("--dataset", action="store_true",
                   help="send all graphs in one N-Quads POST (faster; Oxigraph and Fuseki accept it)")
    p.set_defaults(func=run_push)

    p = sub.add_parser("serve", help="serve a store as a read-only SPARQL endpoint",
                       description="Answer SPARQL 1.1 Protocol queries at http://HOST:PORT/query over the "
                       "union of STORE's graphs, read-only, until interrupted. Follows new builds.")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--port", type=int, default=7878, help="default: 7878")
    p.add_argument("--host", default="127.0.0.1",
                   help="interface to listen on (default: 127.0.0.1, this machine only)")
    p.set_defaults(func=run_serve)

    p = sub.add_parser("synth", help="write N synthetic Persian and Arabic articles (for benchmarks only)",
                       description="Write N template-made articles about meetings and phone calls between "
                       "knowledge-base and invented persons to DIR. For measuring speed and scale, never "
                       "accuracy: the templates are what the extractors were written for.")
    p.add_argument("n", type=int, metavar="N")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--seed", type=int, default=1, help="same N and seed, same corpus (default: 1)")
    p.set_defaults(func=run_synth)


def run_export(args: argparse.Namespace) -> int:
    from kg.rdf.store import export, export_file, open_store

    store = open_store(Path(args.store))
    if args.output == "-":
        export(store, sys.stdout.buffer, args.format)
        sys.stdout.buffer.flush()
    else:
        export_file(store, Path(args.output), args.format)
    return EXIT_OK


def run_push(args: argparse.Namespace) -> int:
    from kg.rdf.store import open_store
    from kg.remote import push

    count = push(open_store(Path(args.store)), args.endpoint, dataset=args.dataset, progress=err)
    err(f"pushed {count} graphs to {args.endpoint}")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from kg.remote import make_server

    server = make_server(Path(args.store), args.host, args.port)
    port = server.server_address[1]
    err(f"serving {args.store} read-only at http://{args.host}:{port}/query (Ctrl-C stops)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return EXIT_OK


def run_synth(args: argparse.Namespace) -> int:
    from kg.synth import write_corpus

    paths = write_corpus(args.n, Path(args.output), args.seed)
    err(f"wrote {len(paths)} synthetic articles to {args.output}")
    return EXIT_OK
