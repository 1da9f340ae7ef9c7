"""Helpers shared by the command modules: output options, parameters, messages, exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kg.errors import KGError
from kg.output import FORMATS

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE = 0, 1, 2


def err(message: str) -> None:
    """A message for the user, on stderr."""
    print(f"kg: {message}", file=sys.stderr)


def add_format(parser: argparse.ArgumentParser, default: str = "table") -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default=default,
                        help=f"output format (default: {default})")


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KGError(f"--param expects NAME=VALUE, got {pair!r}")
        values[name.lstrip("?")] = value
    return values
