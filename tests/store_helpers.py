"""Helpers for the end-to-end tests: running the `kg` CLI, reading every saved query's answers, locks.

The seed store is built once per test session (`seed_store()`), because a full build with the OWL RL
reasoner takes seconds and several test modules read it.
"""

from __future__ import annotations

import atexit
import functools
import io
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KG = (sys.executable, "-m", "kg.cli")


def kg(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run `kg ARGS…` in a child process and capture its output as text."""
    return subprocess.run([*KG, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kwargs)


def kg_main(*args: str) -> subprocess.CompletedProcess[str]:
    """`kg ARGS…` in this process (fast: no interpreter start-up), with its output captured."""
    from kg.cli import main

    out, errors = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(errors):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), errors.getvalue())


def answers(store_dir: Path) -> dict[str, tuple[list[str], list[tuple[str, ...]]]]:
    """Every saved query's columns and rows (without parameters) on the live store, as plain data.

    Rows are sorted: a query whose ORDER BY leaves ties may list them in another order in another
    database with the same content.
    """
    from kg.queries import run, saved_queries
    from kg.rdf.store import open_store

    store = open_store(store_dir)
    result = {}
    for name, query in saved_queries().items():
        columns, rows = run(store, query.text)
        result[name] = (columns, sorted(tuple(row.get(c, "") for c in columns) for row in rows))
    del store
    return result


def lock_holder(lock_file: Path) -> int | None:
    """The id of the process holding a flock on `lock_file`, from /proc/locks, or None."""
    try:
        inode = os.stat(lock_file).st_ino
    except FileNotFoundError:
        return None
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5].endswith(f":{inode}"):
            return int(fields[4])
    return None


@functools.cache
def seed_store() -> Path:
    """The seed articles built once with the default reasoner (deleted when the session ends)."""
    folder = Path(tempfile.mkdtemp(prefix="kg-seed-store-"))
    atexit.register(shutil.rmtree, folder, True)
    store = folder / "store"
    done = kg("build", str(SEEDS), "-o", str(store), "-q")
    if done.returncode != 0:
        raise RuntimeError(f"building the seed store failed ({done.returncode}):\n{done.stderr}")
    return store


def corpus_with_seeds(folder: Path, articles: int, seed: int) -> Path:
    """`articles` synthetic articles (kg synth, reproducible by `seed`) plus the five sample articles."""
    from kg.synth import write_corpus

    write_corpus(articles, folder, seed=seed)
    for sample in SEEDS.glob("*.txt"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    return folder
