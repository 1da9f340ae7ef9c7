"""The mypyc-compiled hot path (setup.py): all of it or none, never stale, and the same graph as pure Python.

Python imports a module's extension in place of its source when both sit side by side, so an
extension older than its source would run code that no longer exists: `make` compiles again when a
source changes, and these tests catch a checkout where that did not happen.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
import subprocess
import sys
import tomllib
from importlib.machinery import PathFinder
from pathlib import Path

import pytest
from store_helpers import ROOT

CORPUS = ROOT / "tests" / "corpus" / "articles"


def _listed_sources() -> list[Path]:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return [ROOT / name for name in tomllib.load(handle)["tool"]["kg"]["compiled"]]


def _module_name(source: Path) -> str:
    return ".".join(source.relative_to(ROOT).with_suffix("").parts)


def _compiled() -> dict[str, Path | None]:
    """Each listed module: the extension it was imported from, or None (its source)."""
    found: dict[str, Path | None] = {}
    for source in _listed_sources():
        name = _module_name(source)
        # what the import system finds for it, asked afresh: a compiled module's own __file__ and
        # __spec__ may be off when it was imported by another compiled module (mypyc sets them)
        package = name.rpartition(".")[0]
        spec = PathFinder.find_spec(name, importlib.import_module(package).__path__)
        origin = Path(spec.origin if spec and spec.origin else "")
        found[name] = origin if origin.suffix == ".so" else None
    return found


def test_the_listed_modules_exist_and_are_compiled_all_or_none() -> None:
    sources = _listed_sources()
    assert sources and all(path.is_file() for path in sources)
    compiled = _compiled()
    kinds = {name: ("compiled" if origin else "source") for name, origin in compiled.items()}
    assert len(set(kinds.values())) == 1, f"a partly compiled hot path (run `make setup`): {kinds}"


def test_no_source_was_edited_since_it_was_compiled() -> None:
    if not any(_compiled().values()):
        pytest.skip("kg is installed as pure Python here")
    record = ROOT / "kg" / "_native.json"  # written by setup.py with the extensions
    assert record.is_file(), "compiled modules without kg/_native.json: run `make setup`"
    compiled = json.loads(record.read_text())
    stale = [name for name in (str(p.relative_to(ROOT)) for p in _listed_sources())
             if compiled.get(name) != hashlib.sha256((ROOT / name).read_bytes()).hexdigest()]
    assert not stale, f"edited since compiled, run `make setup`: {stale}"


def _pure_python_copy(folder: Path) -> Path:
    """The project's package and data folders, without any compiled extension."""
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(ROOT / "kg", folder / "kg", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    return folder


def _build(cwd: Path, store: Path) -> bytes:
    # `python -m` puts the working folder first on sys.path: the package found there is the one that runs
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-o", str(store), "-q"],
                          cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return (store / "graph.trig").read_bytes()


@pytest.mark.slow
def test_compiled_and_pure_python_builds_give_the_same_graph(tmp_path: Path) -> None:
    if not any(_compiled().values()):
        pytest.skip("kg is installed as pure Python here: nothing compiled to compare")
    pure = _pure_python_copy(tmp_path / "pure")
    probe = subprocess.run([sys.executable, "-c", "import kg.extract.matcher as m; print(m.__file__)"],
                           cwd=pure, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip().endswith("matcher.py"), probe.stdout + probe.stderr
    compiled_graph = _build(ROOT, tmp_path / "compiled-store")
    pure_graph = _build(pure, tmp_path / "pure-store")
    assert compiled_graph == pure_graph
