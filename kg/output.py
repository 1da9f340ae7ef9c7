"""Printing rows: table, csv, tsv, json (a list of objects) and jsonl, to any text stream."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


def write_rows(columns: list[str], rows: Iterable[dict[str, str]], fmt: str, out: TextIO,
               max_width: int = 60) -> int:
    """Write rows in `fmt`; unbound values are left out of JSON objects and empty elsewhere. Returns the count."""
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
