"""The build lock: a second build on a store while one runs is refused with a clear message."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from article_factory import write_articles
from store_helpers import KG, ROOT, answers, kg, lock_holder

from kg.errors import StoreError
from kg.rdf import store as kgstore

REFUSAL = "another build is writing this store"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lock-articles")
    write_articles(folder, 30, seed=3)
    return folder


def _start_build(inputs: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([*KG, "build", str(inputs), "-o", str(store), "-q"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(process: subprocess.Popen, lock: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while lock_holder(lock) != process.pid:
        assert process.poll() is None, f"the build ended before taking the lock: {process.communicate()}"
        assert time.monotonic() < deadline, "the build never took the lock"
        time.sleep(0.01)


def test_lock_held_in_process_refuses_a_build(articles: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("build", str(articles / "synth-0000.txt"), "-o", str(store), "-q").returncode == 0
    before = answers(store)
    with kgstore.build_lock(store):
        done = kg("build", str(articles), "-o", str(store), "-q")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and REFUSAL in done.stderr
    assert str(store / kgstore.LOCK) in done.stderr
    assert answers(store) == before


def test_second_build_is_refused_while_the_first_runs(articles: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = _start_build(articles, store)
    try:
        _wait_for_lock(first, store / kgstore.LOCK)
        second = kg("build", str(articles / "synth-0001.txt"), "-o", str(store), "-q")
        still_running = first.poll() is None
    finally:
        out, errors = first.communicate(timeout=600)
    assert second.returncode == 2, second.stderr
    assert REFUSAL in second.stderr and second.stdout == ""
    assert still_running, "the refusal must come while the first build holds the lock"
    assert first.returncode == 0, errors
    assert len(kgstore.read_manifest(store)["articles"]) == 30, "the first build's result is what is live"


def test_a_killed_build_releases_the_lock(articles: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = _start_build(articles, store)
    _wait_for_lock(first, store / kgstore.LOCK)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    assert lock_holder(store / kgstore.LOCK) is None
    done = kg("build", str(articles / "synth-0002.txt"), "-o", str(store), "-q")
    assert done.returncode == 0, done.stderr


def test_build_lock_refuses_in_process(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with kgstore.build_lock(store):
        with pytest.raises(StoreError, match=REFUSAL):
            with kgstore.build_lock(store):
                pass
    with kgstore.build_lock(store):  # released: taken again
        pass


def test_failed_first_build_removes_the_folder_it_created(tmp_path: Path) -> None:
    store = tmp_path / "new-store"
    with pytest.raises(RuntimeError):
        with kgstore.build_lock(store):
            assert store.is_dir()
            raise RuntimeError("the build failed")
    assert not store.exists()


def test_failed_build_keeps_an_existing_folder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "notes.txt").write_text("mine")
    with pytest.raises(RuntimeError):
        with kgstore.build_lock(store):
            raise RuntimeError("the build failed")
    assert (store / "notes.txt").read_text() == "mine"
