"""Parallel and distributed extraction: `--jobs N` and a Dask cluster give byte-identical stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import corpus_with_seeds

from kg.build import build
from kg.errors import InputError
from kg.extract.resources import Resources
from kg.parallel import SchedulerError, extract_all
from kg.records import Extraction


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = corpus_with_seeds(tmp_path_factory.mktemp("corpus"), 24, seed=9)
    (folder / "zz-binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)  # refused by the reader
    return folder


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Path:
    store = tmp_path_factory.mktemp("serial") / "store"
    report = build([str(corpus)], store, resources=resources, jobs=1)
    assert report.articles == 29 and len(report.problems) == 1
    return store


def _tasks(corpus: Path) -> list[tuple[str, str]]:
    return [(str(p), p.stem) for p in sorted(corpus.glob("*.txt"))]


@pytest.mark.parametrize("jobs", [2, 3], ids=["2-jobs", "3-jobs"])
def test_parallel_build_is_byte_identical_to_serial(jobs: int, corpus: Path, serial: Path, tmp_path: Path,
                                                    resources: Resources) -> None:
    report = build([str(corpus)], tmp_path / "store", resources=resources, jobs=jobs)
    assert report.extracted == 29 and len(report.problems) == 1
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "store" / name).read_bytes() == (serial / name).read_bytes()


def test_parallel_extraction_keeps_input_order_and_reports_bad_files(corpus: Path,
                                                                     resources: Resources) -> None:
    tasks = _tasks(corpus)
    results = list(extract_all(tasks, resources, jobs=2))
    assert [r.article.id if isinstance(r, Extraction) else r.path for r in results] == \
        [t[1] if not t[0].endswith("zz-binary.txt") else t[0] for t in tasks]
    assert isinstance(results[-1], InputError)
    assert results[:5] == list(extract_all(tasks[:5], resources, jobs=1))


def test_dask_build_on_a_local_cluster_is_byte_identical_to_serial(corpus: Path, serial: Path,
                                                                   tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        report = build([str(corpus)], tmp_path / "store", scheduler=cluster.scheduler_address)
    assert report.extracted == 29 and len(report.problems) == 1
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "store" / name).read_bytes() == (serial / name).read_bytes()


def test_unreachable_scheduler_is_a_clear_error(corpus: Path, resources: Resources) -> None:
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler"):
        list(extract_all(_tasks(corpus)[:2], resources, scheduler="tcp://127.0.0.1:9"))
