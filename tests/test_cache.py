"""The extraction cache: append-only packs, the last entry wins, cut or corrupt entries read as misses."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from store_helpers import SEEDS

from kg.cache import MAX_PACKS, ExtractionCache
from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.records import Extraction
from kg.text.read import read_source

FINGERPRINT = "test-fingerprint"


@pytest.fixture(scope="module")
def extraction(resources: Resources) -> Extraction:
    path = sorted(SEEDS.glob("*.txt"))[0]
    return extract(read_source(str(path), source_id="seed"), resources)


def _variant(x: Extraction, article_id: str, sha256: str = "0" * 64) -> Extraction:
    return dataclasses.replace(x, article=dataclasses.replace(x.article, id=article_id, sha256=sha256))


def _cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path, FINGERPRINT)


def _get(cache: ExtractionCache, x: Extraction) -> Extraction | None:
    return cache.get(x.article.id, x.article.path, x.article.sha256)


def _packs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / FINGERPRINT).glob("*.pack"))


def test_an_entry_reads_back_only_for_the_same_id_path_and_content(tmp_path: Path, extraction: Extraction) -> None:
    cache = _cache(tmp_path)
    x = _variant(extraction, "a")
    cache.put(x)
    assert _get(cache, x) == x
    assert cache.get("a", x.article.path, "f" * 64) is None  # the file changed since
    assert cache.get("a", "elsewhere.txt", x.article.sha256) is None
    assert cache.get("b", x.article.path, x.article.sha256) is None


def test_what_another_process_wrote_is_read_after_a_refresh(tmp_path: Path, extraction: Extraction) -> None:
    reader, writer = _cache(tmp_path), _cache(tmp_path)
    first, second = _variant(extraction, "first"), _variant(extraction, "second")
    writer.put(first)
    assert _get(reader, first) == first  # indexed on first use
    writer.put(second)
    assert _get(reader, second) is None
    reader.refresh()
    assert _get(reader, second) == second


def test_the_last_entry_wins_and_forgetting_is_an_entry_too(tmp_path: Path, extraction: Extraction) -> None:
    cache = _cache(tmp_path)
    old, new = _variant(extraction, "a", "1" * 64), _variant(extraction, "a", "2" * 64)
    cache.put(old)
    cache.close()
    later = _cache(tmp_path)  # a later build: its own, later pack
    later.put(new)
    fresh = _cache(tmp_path)
    assert _get(fresh, new) == new and _get(fresh, old) is None
    later.forget("a")
    assert _get(_cache(tmp_path), new) is None


def test_a_cut_entry_at_the_end_of_a_pack_is_skipped(tmp_path: Path, extraction: Extraction) -> None:
    cache = _cache(tmp_path)
    whole, cut = _variant(extraction, "whole"), _variant(extraction, "cut")
    cache.put(whole)
    cache.put(cut)
    cache.close()
    pack = _packs(tmp_path)[0]
    os.truncate(pack, pack.stat().st_size - 10)  # a build killed in the middle of a write
    reader = _cache(tmp_path)
    assert _get(reader, whole) == whole
    assert _get(reader, cut) is None


def test_a_corrupt_entry_reads_as_a_miss(tmp_path: Path, extraction: Extraction) -> None:
    cache = _cache(tmp_path)
    x = _variant(extraction, "a")
    cache.put(x)
    cache.close()
    pack = _packs(tmp_path)[0]
    data = bytearray(pack.read_bytes())
    data[-5] ^= 0xFF  # one flipped byte in the payload: the checksum no longer matches
    pack.write_bytes(bytes(data))
    assert _get(_cache(tmp_path), x) is None


def test_a_garbled_pack_does_not_stop_the_others(tmp_path: Path, extraction: Extraction) -> None:
    folder = tmp_path / "cache" / FINGERPRINT
    folder.mkdir(parents=True)
    (folder / "00000000000000000001-1.pack").write_bytes(b"not a pack at all\n\x00\xff")
    x = _variant(extraction, "a")
    _cache(tmp_path).put(x)
    assert _get(_cache(tmp_path), x) == x


def test_compaction_keeps_the_live_entries_in_one_pack(tmp_path: Path, extraction: Extraction) -> None:
    for n in range(3):  # three builds, each re-extracting the same two articles, then one forgotten
        cache = _cache(tmp_path)
        for name in ("a", "b"):
            cache.put(_variant(extraction, name, str(n) * 64))
        cache.close()
    cache = _cache(tmp_path)
    cache.forget("b")
    before = sum(p.stat().st_size for p in _packs(tmp_path))
    cache.compact()
    packs = _packs(tmp_path)
    assert len(packs) == 1 and packs[0].stat().st_size < before / 3
    reader = _cache(tmp_path)
    live = _variant(extraction, "a", "2" * 64)
    assert _get(reader, live) == live
    assert _get(reader, _variant(extraction, "b", "2" * 64)) is None


def test_compaction_leaves_a_cache_without_superseded_entries_alone(tmp_path: Path, extraction: Extraction) -> None:
    cache = _cache(tmp_path)
    cache.put(_variant(extraction, "a"))
    cache.compact()
    first = _packs(tmp_path)
    cache.compact()
    assert _packs(tmp_path) == first and len(first) == 1


def test_many_packs_are_merged(tmp_path: Path, extraction: Extraction) -> None:
    for n in range(MAX_PACKS + 1):  # one small incremental build after another
        cache = _cache(tmp_path)
        cache.put(_variant(extraction, f"article-{n}"))
        cache.close()
    _cache(tmp_path).compact()
    assert len(_packs(tmp_path)) == 1
    reader = _cache(tmp_path)
    assert all(_get(reader, _variant(extraction, f"article-{n}")) is not None for n in range(MAX_PACKS + 1))


def test_entries_of_the_earlier_one_file_per_article_layout_are_deleted(tmp_path: Path) -> None:
    old = tmp_path / "cache" / FINGERPRINT / "ab"
    old.mkdir(parents=True)
    (old / "cdef.json").write_text("{}")
    _cache(tmp_path).drop_other_fingerprints()
    assert not old.exists()
