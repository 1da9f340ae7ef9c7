"""Precision of the persons kg discovers from the text alone (not in the knowledge base).

Issue 3 asks that at least 90% of the persons kg finds without a knowledge-base entry are real persons of
the annotated articles. This builds a store from an annotated folder, reads the saved query
`text-only-persons`, and counts a discovered person as right when one of its labels names a gold person
(matching keys as the shared scorer does: no diacritics, spaces or punctuation, one letter per
Arabic/Persian variant).

    python tests/discovered_precision.py tests/corpus/articles tests/corpus/gold.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا",
    "آ": "ا", "ٱ": "ا", "ؤ": "و", "ء": "", "ـ": "",
})


def name_key(text: str) -> str:
    """The matching key of a name: as the shared scorer's, so a match here is a match there."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LETTERS).lower()
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[\W_]+", "", text)


@dataclass(frozen=True)
class DiscoveredPrecision:
    right: list[str]
    wrong: list[str]

    @property
    def precision(self) -> float:
        total = len(self.right) + len(self.wrong)
        return len(self.right) / total if total else 1.0


def kg_command() -> list[str]:
    venv_kg = Path(sys.executable).with_name("kg")
    return [str(venv_kg)] if venv_kg.exists() else [sys.executable, "-m", "kg"]


def discovered_persons(articles: Path, work: Path) -> list[dict[str, str]]:
    """Build a store from `articles` and return the rows of the saved query `text-only-persons`."""
    store = work / "store"
    subprocess.run([*kg_command(), "build", str(articles), "-o", str(store), "--quiet"], check=True,
                   capture_output=True, text=True)
    out = subprocess.run([*kg_command(), "query", "text-only-persons", "--store", str(store), "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def measure(articles: Path, gold_file: Path) -> DiscoveredPrecision:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    person_keys = {name_key(name) for actor in gold["actors"] if actor["type"] == "person"
                   for name in [*actor["names"], actor["id"]]}
    person_keys.discard("")
    with tempfile.TemporaryDirectory() as work:
        rows = discovered_persons(articles, Path(work))
    right, wrong = [], []
    for row in rows:
        label = row.get("label") or ""
        (right if name_key(label) in person_keys else wrong).append(label)
    return DiscoveredPrecision(sorted(right), sorted(wrong))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("gold", type=Path)
    args = parser.parse_args(argv)
    result = measure(args.articles, args.gold)
    print(f"discovered persons: {len(result.right) + len(result.wrong)}, precision {result.precision:.2f}"
          + (f"; not gold persons: {', '.join(result.wrong)}" if result.wrong else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
