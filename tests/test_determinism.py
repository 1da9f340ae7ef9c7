"""Determinism: the same input gives byte-identical Turtle and TriG, so the same IRIs, on every run.

The second build changes everything that may differ between runs and machines and should not
matter: the folder the articles are read from and the store is written to, the working directory,
Python's hash seed (set and dict iteration order), the time zone, the locale, the number of
extraction processes, and whether the store was built in one go or incrementally.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from store_helpers import KG, SEEDS, kg, seed_store

EXPORTS = ("graph.ttl", "graph.trig")


def _copy_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    return folder


def _assert_same_exports(store: Path, reference: Path) -> None:
    for name in EXPORTS:
        ours, theirs = (store / name).read_bytes(), (reference / name).read_bytes()
        assert ours == theirs, f"{name} differs: {len(ours)} vs {len(theirs)} bytes"


@pytest.mark.slow
def test_another_run_elsewhere_gives_byte_identical_exports(tmp_path: Path) -> None:
    inputs = _copy_seeds(tmp_path / "elsewhere" / "آرشیو اخبار")  # a Persian folder name with a space
    store = tmp_path / "other" / "store"
    env = dict(os.environ, PYTHONHASHSEED="424242", TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    done = subprocess.run([*KG, "build", str(inputs), "-o", str(store), "-q", "--jobs", "2"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    _assert_same_exports(store, seed_store())


@pytest.mark.slow
def test_incremental_build_gives_the_same_exports_as_a_fresh_one(tmp_path: Path) -> None:
    inputs = _copy_seeds(tmp_path / "seeds")
    store = tmp_path / "store"
    later = sorted(inputs.glob("*.txt"))[3:]
    parked = tmp_path / "parked"
    parked.mkdir()
    for path in later:
        path.rename(parked / path.name)
    assert kg("build", str(inputs), "-o", str(store), "-q").returncode == 0
    for path in later:
        (parked / path.name).rename(path)
    done = kg("build", str(inputs), "-o", str(store), "-q")
    assert done.returncode == 0, done.stderr
    _assert_same_exports(store, seed_store())


def test_rebuilding_the_same_store_changes_no_byte(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(seed_store(), store, symlinks=True)
    before = {name: (store / name).read_bytes() for name in EXPORTS}
    done = kg("build", str(SEEDS), "-o", str(store), "-q")
    assert done.returncode == 0, done.stderr
    assert {name: (store / name).read_bytes() for name in EXPORTS} == before
