"""The `kg` command: thin — parse arguments, call the library, print, choose the exit code.

Each command group lives in its own module under kg/commands/ and registers its subcommands here.
Exit codes: 0 success; 1 the data failed a check (e.g. validation found violations); 2 a usage or
input error (bad arguments, nothing could be built, an unknown query). Data goes to stdout,
progress and messages to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kg import __version__
from kg.commands.common import EXIT_OK, EXIT_USAGE, err
from kg.errors import KGError

COMMAND_MODULES = (
    "kg.commands.build",
    "kg.commands.query",
    "kg.commands.store",
    "kg.commands.network",
    "kg.commands.report",
    "kg.commands.explain",
    "kg.commands.validate",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graph of diplomatic contacts from Persian and Arabic news.",
        epilog="Exit codes: 0 ok, 1 a check failed, 2 usage or input error.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KGError as exc:
        err(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
