"""The on-disk store: an Oxigraph database per build generation, switched atomically.

A STORE folder holds generations (`gen-000001/` …) and a `current` symbol link to the live one.
A build writes a new generation next to the old one (an incremental build starts it as a RocksDB
checkpoint of the live one: hard links, no copy) and, only when it is complete, replaces
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
from typing import BinaryIO

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
    """Hold STORE/.lock for the duration of a build; refuse if another build holds it.

    A store folder this call created is removed again when the build fails before publishing
    anything, so a first build that could not build leaves nothing behind.
    """
    created = not os.path.lexists(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / LOCK, "a+")
    except FileExistsError:
        raise StoreError(f"{root}: exists and is not a folder; give a new or an existing store folder"
                         ) from None
    except OSError as exc:
        raise StoreError(f"{root}: cannot create or lock the store folder: {exc.strerror or exc}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise StoreError(f"{root}: another build is writing this store (lock {root / LOCK}); "
                         "wait for it to finish") from None
    try:
        yield
    except BaseException:
        if created and not (root / CURRENT).is_symlink():
            shutil.rmtree(root, ignore_errors=True)
        raise
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


def generation_from(root: Path, live: Path) -> Path:
    """A new generation whose database starts as a checkpoint of `live`'s (immutable files hard-linked)."""
    gen = new_generation(root)
    try:
        pyoxigraph.Store.read_only(str(live / DATABASE)).backup(str(gen / DATABASE))
    except OSError as exc:
        discard(gen)
        raise StoreError(f"{root}: cannot copy the live database: {exc}") from exc
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


# --------------------------------------------------------------------------------------------------
# Export

PREFIXES = {
    "kg": "https://example.org/kg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}
EXPORT_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
}
# The union leaves out the contact sheets' dates, which hold only inside their sheet graph (the dates
# of the sheet owner's contact with ?s, kg/rdf/contact_sheets.py): in one graph they would read as
# facts of ?s. The sheets' other triples (ranks, links) are true anywhere.
_UNION = ("PREFIX kg: <https://example.org/kg/ontology#> CONSTRUCT { ?s ?p ?o } "
          "WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?p NOT IN (kg:firstContact, kg:lastContact)) }")


def export(store: pyoxigraph.Store, output: BinaryIO, fmt: str) -> None:
    """Write the store to `output`, streaming: every named graph for trig, nquads and json-ld; for turtle
    and nt the union of all graphs, each triple once, without the contact sheets' dates. The order is the
    database's, so the same content always gives the same bytes, however it was loaded."""
    rdf_format = EXPORT_FORMATS[fmt]
    prefixes = PREFIXES if rdf_format in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.TRIG) else None
    if rdf_format.supports_datasets:
        store.dump(output, rdf_format, prefixes=prefixes)
    else:
        union = store.query(_UNION)
        assert isinstance(union, pyoxigraph.QueryTriples)
        pyoxigraph.serialize(union, output, rdf_format, prefixes=prefixes)


def export_file(store: pyoxigraph.Store, path: Path, fmt: str) -> None:
    """`export` into a file, atomically (readers see the old file or the whole new one)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        export(store, handle, fmt)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
