"""`kg report`: one self-contained HTML file to explore the network, its timeline and every actor."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.commands.common import EXIT_OK, err


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML report: network, timeline, actors",
                       description="Write one HTML file that works offline: an interactive network "
                       "(filter by date and kind, click an actor for roles, interactions and claims with "
                       "their sources), a timeline of interactions and a section per actor.")
    p.add_argument("store", metavar="STORE", help="store folder (from `kg build`)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="HTML file to write")
    p.add_argument("--title", default="Diplomatic contacts", help="the report's title")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.report import write_report

    summary = write_report(args.store, Path(args.output), title=args.title)
    err(f"wrote {args.output}: {summary}")
    return EXIT_OK
