"""No data loss: a build killed at any moment leaves the previous store intact and usable.

The end-to-end test starts `kg build` on synthetic articles and kills it with SIGKILL after a delay
drawn (seeded) from the whole length of a build, twenty times; after every kill the previous store
must open and answer every saved query exactly as before. The unit tests crash `publish` between each
of its steps, which a timed kill would hit only by luck.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from article_factory import write_articles
from store_helpers import KG, ROOT, answers, kg, lock_holder

from kg.rdf import store as kgstore

KILLS = 20
# --prune: the store then holds exactly the inputs, so "old" and "new" stores differ in every graph
BUILD = ("build", "--prune")


def _build(inputs: Path, store: Path) -> subprocess.CompletedProcess[str]:
    return kg(*BUILD, str(inputs), "-o", str(store), "-q")


def _generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.glob("gen-*"))


@pytest.mark.slow
def test_build_killed_at_random_moments_leaves_previous_store_intact(tmp_path: Path) -> None:
    old_input, new_input = tmp_path / "old", tmp_path / "new"
    write_articles(old_input, 4, seed=11)
    write_articles(new_input, 10, seed=12)
    store = tmp_path / "store"
    assert _build(old_input, store).returncode == 0
    old = answers(store)
    old_turtle = (store / "graph.ttl").read_bytes()

    # a build's length: the faster of two builds from scratch (on a busy machine one slow run would put
    # most kills after the build had ended)
    durations = []
    for name in ("reference", "reference-again"):
        started = time.perf_counter()
        assert _build(new_input, tmp_path / name).returncode == 0
        durations.append(time.perf_counter() - started)
    duration = min(durations)
    reference = tmp_path / "reference"
    new = answers(reference)
    assert new != old

    killed_mid_build = 0
    log = tmp_path / "build.log"
    for iteration in range(KILLS):
        delay = random.Random(iteration).uniform(0.0, 0.9 * duration)
        with open(log, "wb") as stderr:
            process = subprocess.Popen([*KG, *BUILD, str(new_input), "-o", str(store)], cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=stderr)
            time.sleep(delay)
            running = process.poll() is None
            if running:
                process.send_signal(signal.SIGKILL)
            process.wait()
        if not running:
            assert process.returncode == 0, log.read_text()
        assert lock_holder(store / kgstore.LOCK) is None
        now = answers(store)
        if now == new:  # the kill came after `current` was switched: the new store is complete
            assert _build(old_input, store).returncode == 0
            continue
        killed_mid_build += 1
        assert now == old, f"kill {iteration} after {delay:.2f} s changed the store's answers"
        assert (store / "graph.ttl").read_bytes() == old_turtle
    print(f"kills: {killed_mid_build} mid-build of {KILLS}; a build takes {duration:.1f} s")
    assert killed_mid_build >= KILLS * 3 // 4, "most kills should land while the build is running"

    done = _build(new_input, store)
    assert done.returncode == 0, done.stderr
    assert answers(store) == new
    assert len(_generations(store)) == 1, "a finished build removes the generations killed builds left"


# ------------------------------------------------------------------------------------------------
# A crash between any two steps of publishing a generation


class Crash(BaseException):
    """Stands for the process dying at this point."""


def _make_generation(root: Path, marker: str) -> Path:
    gen = kgstore.new_generation(root)
    for name in kgstore.EXPORT_LINKS:
        (gen / name).write_text(marker)
    return gen


PUBLISH_STEPS = ["symlink", "replace", "rmtree"]


@pytest.mark.parametrize("step", PUBLISH_STEPS, ids=[f"crash at os.{s}" for s in PUBLISH_STEPS])
def test_publish_crash_at_each_step_leaves_a_complete_store(tmp_path: Path, step: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "store"
    root.mkdir()
    kgstore.publish(root, _make_generation(root, "old"))
    new_gen = _make_generation(root, "new")
    target = {"symlink": os, "replace": os, "rmtree": kgstore.shutil}[step]
    real = getattr(target, step)
    calls = {"n": 0}

    def crashing(*args, **kwargs):
        calls["n"] += 1
        raise Crash(step)

    monkeypatch.setattr(target, step, crashing)
    with pytest.raises(Crash):
        kgstore.publish(root, new_gen)
    monkeypatch.setattr(target, step, real)
    assert calls["n"] == 1
    live = (root / "graph.ttl").read_text()
    assert live == ("old" if step in ("symlink", "replace") else "new")
    assert kgstore.live_generation(root).name.startswith("gen-")
    # the next publish recovers from whatever the crash left (stale temporary link, extra generations)
    kgstore.publish(root, _make_generation(root, "next"))
    assert (root / "graph.ttl").read_text() == "next"
    assert _generations(root) == [kgstore.live_generation(root).name]
