"""Compiles kg's per-article hot path with mypyc (the modules listed in pyproject.toml, [tool.kg]), and
puts `ontology/` and `queries/` inside built wheels (kg/_data, read by kg.paths).

Extraction and RDF writing run once per article and are plain typed Python; mypyc turns them into C
extensions, about a third faster (docs/benchmarks.md), with the same results (tests/test_compiled.py).
Everything else stays interpreted. Without mypyc or a C compiler, or with KG_PURE_PYTHON=1, kg installs
as pure Python and works the same, only slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def compiled_modules() -> list[str]:
    with open(HERE / "pyproject.toml", "rb") as handle:
        return list(tomllib.load(handle)["tool"]["kg"]["compiled"])


def source_digests() -> dict[str, str]:
    return {name: hashlib.sha256((HERE / name).read_bytes()).hexdigest() for name in compiled_modules()}


class OptionalBuildExt(build_ext):
    """A failed compilation leaves kg pure Python instead of failing the installation.

    All or nothing: every compiled module loads its code from the one shared library, so the
    extensions already built are removed when any fails. A compiled build also writes kg/_native.json,
    the digest of each source it compiled, so that a source edited since can be told from one that was
    only touched (tests/test_compiled.py)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any compiler failure means: no extensions
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            print(f"kg: not compiled, installing as pure Python ({exc})", file=sys.stderr)
            return
        if self.extensions:
            package = (HERE if self.inplace else Path(self.build_lib)) / "kg"
            (package / "_native.json").write_text(json.dumps(source_digests(), indent=1) + "\n")


class BuildPyWithData(build_py):
    """A wheel has no project root: the ontology and the saved queries travel in the package."""

    def run(self) -> None:
        super().run()
        for name in ("ontology", "queries"):
            target = Path(self.build_lib) / "kg" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target)


def ext_modules() -> list:
    if os.environ.get("KG_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("kg: mypyc not found, installing as pure Python", file=sys.stderr)
        return []
    os.chdir(HERE)  # mypycify takes paths relative to the project
    try:
        # one shared library inside the package (kg/_native__mypyc…), not a top-level module
        return mypycify(compiled_modules(), opt_level="3", debug_level="0", group_name="kg._native")
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - mypy's type errors end in SystemExit
        print(f"kg: mypyc failed, installing as pure Python ({exc})", file=sys.stderr)
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt, "build_py": BuildPyWithData})
