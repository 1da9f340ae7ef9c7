"""The extraction cache inside a store: one JSON record per article, so a rebuild extracts only what changed.

`STORE/cache/<fingerprint>/<xx>/<article digest>.json` holds the `Extraction` of one article
(kg.records_io). An entry is used only when the article's id, path and content hash (SHA-256 of its
bytes) all match, and only under the fingerprint of the code and data that produced it: a kg upgrade,
an edited lexicon or knowledge base, or another hazm gives a new fingerprint, and the old entries are
ignored, then deleted after the next successful build. Entries are written atomically (rename), so a
build killed half-way leaves only whole entries, each still true of the article it names.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

from kg import __version__, records_io
from kg.paths import ontology_dir
from kg.records import Extraction

CACHE = "cache"
_PACKAGE = Path(__file__).resolve().parent
# What extraction depends on: its code, the records, the lexicons and knowledge base.
_EXTRACTION_INPUTS = ("records.py", "records_io.py", "extract", "text", "lexicons")
# What an article's graph depends on besides its extraction (the graph fingerprint adds these).
_GRAPH_INPUTS = ("merge.py", "rdf")


def _digest_tree(h: hashlib._Hash, root: Path, names: tuple[str, ...], suffixes: tuple[str, ...]) -> None:
    for name in names:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in suffixes)
        for file in files:
            h.update(str(file.relative_to(root)).encode())
            h.update(file.read_bytes())


@cache
def extraction_fingerprint() -> str:
    """Changes whenever extraction could give another result for the same article."""
    h = hashlib.sha256(f"kg {__version__} hazm {_version('hazm')}".encode())
    _digest_tree(h, _PACKAGE, _EXTRACTION_INPUTS, (".py", ".tsv"))
    return h.hexdigest()[:16]


@cache
def graph_fingerprint() -> str:
    """Changes whenever an article's quads could differ for one extraction (RDF code, ontology, rules)."""
    h = hashlib.sha256(extraction_fingerprint().encode())
    _digest_tree(h, _PACKAGE, _GRAPH_INPUTS, (".py",))
    _digest_tree(h, ontology_dir().parent, (ontology_dir().name,), (".ttl", ".rq"))
    return h.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


class ExtractionCache:
    """Per-article extraction records under one fingerprint."""

    def __init__(self, store_root: Path, fingerprint: str | None = None) -> None:
        self.root = Path(store_root) / CACHE
        self.fingerprint = fingerprint or extraction_fingerprint()
        self.folder = self.root / self.fingerprint
        self._folders: set[Path] = set()  # folders this process made (or found) already

    def _path(self, article_id: str) -> Path:
        name = hashlib.sha1(article_id.encode("utf-8")).hexdigest()
        return self.folder / name[:2] / f"{name[2:]}.json"

    def get(self, article_id: str, path: str, sha256: str) -> Extraction | None:
        """The cached extraction of exactly this article (id, path and content), or None."""
        try:
            extraction = records_io.loads(self._path(article_id).read_bytes())
        except (OSError, records_io.RecordFormatError):
            return None  # missing, or cut short by a crash: extract again
        info = extraction.article
        if (info.id, info.path, info.sha256) != (article_id, path, sha256):
            return None
        return extraction

    def put(self, extraction: Extraction) -> None:
        target = self._path(extraction.article.id)
        folder = target.parent
        if folder not in self._folders:  # 256 folders: one mkdir each, not one per article
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        tmp = folder / f".{target.name}.{os.getpid()}.tmp"
        data = memoryview(records_io.dumps(extraction).encode("utf-8"))
        try:
            handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except FileNotFoundError:  # the folder was removed under us: make it again
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            while data:
                data = data[os.write(handle, data):]
        finally:
            os.close(handle)
        os.replace(tmp, target)  # no fsync: a torn entry after a power cut is read as a miss

    def forget(self, article_id: str) -> None:
        self._path(article_id).unlink(missing_ok=True)

    def drop_other_fingerprints(self) -> None:
        """Delete entries written by other versions of kg (called after a successful build)."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if folder.name != self.fingerprint:
                shutil.rmtree(folder, ignore_errors=True)
