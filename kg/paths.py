"""Where kg's data folders are: `ontology/` and `queries/` at the project root, or shipped in the package.

A source checkout (and an editable install) reads them from the project root; a wheel carries copies
under `kg/_data/` (see pyproject.toml), so an installed `kg` finds them too.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {name}/ folder is missing (looked in {_PACKAGE.parent} and {_PACKAGE / '_data'})")


def ontology_dir() -> Path:
    return _data_dir("ontology")


def queries_dir() -> Path:
    return _data_dir("queries")
