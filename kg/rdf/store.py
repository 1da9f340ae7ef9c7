"""The on-disk store: an Oxigraph database per build generation, switched atomically.

A STORE folder holds generations (`gen-000001/` …) and a `current` symbol link to the live one.
A build writes a new generation next to the old one and, only when it is complete, replaces
`current` with `os.replace` (atomic on POSIX): a build that fails or is killed leaves the previous
store intact and usable. `STORE/graph.ttl` and `STORE/graph.trig` link to the live exports. A lock
file stops a second build on the same store while one runs.

Why Oxigraph: measured on this machine (README, "Why Oxigraph"), loading, SPARQL and Turtle
writing are one to two orders of magnitude faster than rdflib's in-memory store, and `kg query`
opens the database instead of re-parsing Turtle.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph

from kg.errors import StoreError

CURRENT = "current"
DATABASE = "oxigraph"
MANIFEST = "manifest.json"
LOCK = ".lock"
EXPORT_LINKS = ("graph.ttl", "graph.trig")


def _generations(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("gen-*") if p.is_dir())


def live_generation(root: Path) -> Path:
    """The generation `current` points to; StoreError when STORE is not a kg store."""
    root = Path(root)
    link = root / CURRENT
    if not root.exists():
        raise StoreError(f"{root}: no such store (build one with `kg build INPUT -o {root}`)")
    if not link.exists():
        raise StoreError(f"{root}: not a kg store (no '{CURRENT}' generation)")
    return link.resolve()


def open_store(root: Path) -> pyoxigraph.Store:
    """The live database, read-only."""
    gen = live_generation(root)
    try:
        return pyoxigraph.Store.read_only(str(gen / DATABASE))
    except OSError as exc:
        raise StoreError(f"{root}: cannot open the database: {exc}") from exc


def read_manifest(root: Path) -> dict:
    gen = live_generation(root)
    try:
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{root}: unreadable manifest: {exc}") from exc


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold STORE/.lock for the duration of a build; refuse if another build holds it."""
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreError(f"{root}: another build is writing this store (lock {root / LOCK}); "
                         "wait for it to finish") from None
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def new_generation(root: Path) -> Path:
    """A fresh, empty generation folder (not yet live)."""
    existing = _generations(root)
    number = int(existing[-1].name.split("-")[1]) + 1 if existing else 1
    gen = root / f"gen-{number:06d}"
    if gen.exists():
        shutil.rmtree(gen)
    gen.mkdir(parents=True)
    return gen


def publish(root: Path, gen: Path) -> None:
    """Make `gen` the live generation atomically, point the export links at it, drop older ones."""
    tmp_link = root / f".{CURRENT}.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(gen.name, tmp_link)
    _fsync_dir(gen)
    os.replace(tmp_link, root / CURRENT)
    _fsync_dir(root)
    for name in EXPORT_LINKS:
        link = root / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            tmp = root / f".{name}.tmp"
            if tmp.is_symlink() or tmp.exists():
                tmp.unlink()
            os.symlink(f"{CURRENT}/{name}", tmp)
            os.replace(tmp, link)
    for old in _generations(root):
        if old != gen:
            shutil.rmtree(old, ignore_errors=True)


def discard(gen: Path) -> None:
    shutil.rmtree(gen, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see either the old or the new content, never a part."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
