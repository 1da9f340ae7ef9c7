"""Printing rows: table, csv, tsv, json (a list of objects) and jsonl, to any text stream.

Tables are for reading: `compact_iris` turns IRIs under the store's base into paths
(person/ismail_haniyeh) and well-known namespaces into prefixed names (kg:Meeting); csv, tsv and
JSON keep every value whole, for programs.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Callable, Iterable
from typing import TextIO

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


PREFIXES = (
    ("kg:", "https://example.org/kg/ontology#"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl:", "http://www.w3.org/2002/07/owl#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("wd:", "http://www.wikidata.org/entity/"),
)


def compact_iris(base: str) -> Callable[[str], str]:
    """A function that shortens a value if it is an IRI under a known namespace or under `base`."""
    known = sorted([*PREFIXES, ("", base)], key=lambda p: -len(p[1]))  # the longest namespace first

    def compact(value: str) -> str:
        for prefix, namespace in known:
            if value.startswith(namespace) and len(value) > len(namespace) and " " not in value:
                return prefix + value[len(namespace):]
        return value

    return compact


def write_rows(columns: list[str], rows: Iterable[dict[str, str]], fmt: str, out: TextIO,
               max_width: int = 60, compact: Callable[[str], str] | None = None) -> int:
    """Write rows in `fmt`; unbound values are left out of JSON objects and empty elsewhere. Returns the count.

    `compact` shortens table cells (see `compact_iris`); other formats are written as they are.
    """
    if fmt == "json":
        items = list(rows)
        out.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
        return len(items)
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        n = 0
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
            n += 1
        return n
    if compact is not None:
        rows = ({c: compact(v) for c, v in row.items()} for row in rows)
    return _table(columns, list(rows), out, max_width)


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) or c == "\u200c" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(columns: list[str], rows: list[dict[str, str]], out: TextIO, max_width: int) -> int:
    cells = [[_cut(" ".join(row.get(c, "").split()), max_width) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    out.write(line.rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return len(rows)
