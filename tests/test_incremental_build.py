"""Incremental builds: only new and changed articles are extracted, a repeated build changes nothing,
`--prune` removes what is gone, and after every increment the store equals a build from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest

from kg.build import build
from kg.extract.resources import Resources
from kg.rdf import store as kgstore
from kg.synth import write_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(30, tmp_path_factory.mktemp("synth"), seed=5)


def _quads(store_dir: Path) -> set[str]:
    store = kgstore.open_store(store_dir)
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def _copy(paths: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def _assert_same_as_scratch(store: Path, inputs: Path, tmp_path: Path, resources: Resources,
                            reasoner: str) -> None:
    scratch = tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}"
    build([str(inputs)], scratch, resources=resources, reasoner=reasoner)
    assert _quads(store) == _quads(scratch)
    for name in ("graph.trig", "graph.ttl"):  # the same content gives the same bytes, however it was loaded
        assert (store / name).read_bytes() == (scratch / name).read_bytes()


def test_incremental_build_adds_changes_and_prunes_like_a_build_from_scratch(
        corpus: list[Path], tmp_path: Path, resources: Resources) -> None:
    inputs = _copy(corpus[:18], tmp_path / "in")
    store = tmp_path / "store"
    first = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert (first.extracted, first.graphs_written) == (18, 18)

    _copy(corpus[18:], inputs)  # 12 new articles, some retelling events of the first 18
    changed = inputs / corpus[3].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nپایان گزارش.\n", encoding="utf-8")
    second = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert second.extracted == 13
    assert 13 <= second.graphs_written < 30
    _assert_same_as_scratch(store, inputs, tmp_path, resources, "kg")

    (inputs / corpus[0].name).unlink()
    kept = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert kept.articles == 30 and kept.extracted == 0, "without --prune a gone file's article stays"
    pruned = build([str(inputs)], store, resources=resources, reasoner="kg", prune=True)
    assert (pruned.articles, pruned.graphs_removed, pruned.extracted) == (29, 1, 0)
    _assert_same_as_scratch(store, inputs, tmp_path, resources, "kg")


@pytest.mark.parametrize("first", [("000", "001", "002"), ("003", "004")], ids=["seeds-0-2-then-all",
                                                                               "seeds-3-4-then-all"])
def test_incremental_seed_build_keeps_merges_and_owl_inferences_right(
        first: tuple[str, ...], tmp_path: Path, resources: Resources) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    inputs = _copy([p for p in seeds if p.name[:3] in first], tmp_path / "in")
    store = tmp_path / "store"
    build([str(inputs)], store, resources=resources)
    _copy(seeds, inputs)
    report = build([str(inputs)], store, resources=resources)
    assert report.extracted == 5 - len(first)
    _assert_same_as_scratch(store, inputs, tmp_path, resources, "owlrl")


def test_second_identical_build_changes_nothing(corpus: list[Path], tmp_path: Path,
                                                resources: Resources) -> None:
    inputs = _copy(corpus[:6], tmp_path / "in")
    store = tmp_path / "store"
    first = build([str(inputs)], store, resources=resources, reasoner="kg")
    live = kgstore.live_generation(store)
    manifest = (live / kgstore.MANIFEST).read_bytes()
    again = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert again.unchanged and again.extracted == 0 and again.graphs_written == 0
    assert kgstore.live_generation(store) == live
    assert (live / kgstore.MANIFEST).read_bytes() == manifest
    assert (again.articles, again.triples, again.inferred) == (first.articles, first.triples, first.inferred)


def test_rebuilding_one_article_replaces_only_its_graph(corpus: list[Path], tmp_path: Path,
                                                        resources: Resources) -> None:
    inputs = _copy(corpus[:8], tmp_path / "in")
    store = tmp_path / "store"
    build([str(inputs)], store, resources=resources, reasoner="kg")
    before = kgstore.open_store(store)
    graphs = {str(g): {str(q) for q in before.quads_for_pattern(None, None, None, g)}
              for g in before.named_graphs()}
    del before
    target = inputs / corpus[5].name
    target.write_text(target.read_text(encoding="utf-8").replace("\n\n", "\n\nگزارش تکمیلی.\n\n", 1),
                      encoding="utf-8")
    report = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert (report.extracted, report.graphs_written) == (1, 1)
    after = kgstore.open_store(store)
    changed = {str(g) for g in after.named_graphs()
               if {str(q) for q in after.quads_for_pattern(None, None, None, g)} != graphs.get(str(g))}
    article_graph = f"<https://example.org/kg/graph/article/{target.stem}>"
    assert article_graph in changed
    assert not {g for g in changed if "/graph/article/" in g} - {article_graph}


def test_cache_of_another_kg_version_is_ignored_and_dropped(corpus: list[Path], tmp_path: Path,
                                                           resources: Resources) -> None:
    inputs = _copy(corpus[:3], tmp_path / "in")
    store = tmp_path / "store"
    build([str(inputs)], store, resources=resources, reasoner="kg")
    stale = store / "cache" / "0000000000000000"
    shutil.copytree(next(p for p in (store / "cache").iterdir()), stale)
    manifest = kgstore.live_generation(store) / kgstore.MANIFEST
    manifest.write_text(manifest.read_text().replace('"fingerprint": "', '"fingerprint": "old-'))
    report = build([str(inputs)], store, resources=resources, reasoner="kg")
    assert report.extracted == 0 and report.graphs_written == 3  # cached extractions, graphs rebuilt
    assert not stale.exists()


def test_kept_articles_survive_a_build_of_other_inputs(corpus: list[Path], tmp_path: Path,
                                                       resources: Resources) -> None:
    a = _copy(corpus[:4], tmp_path / "a")
    b = _copy(corpus[4:7], tmp_path / "b")
    store = tmp_path / "store"
    build([str(a)], store, resources=resources, reasoner="kg")
    report = build([str(b)], store, resources=resources, reasoner="kg")
    assert (report.articles, report.extracted) == (7, 3)
    mirrored = build([str(b)], store, resources=resources, reasoner="kg", prune=True)
    assert (mirrored.articles, mirrored.graphs_removed) == (3, 4)
    store_graphs = {str(g) for g in kgstore.open_store(store).named_graphs()
                    if isinstance(g, pyoxigraph.NamedNode) and "/graph/article/" in g.value}
    assert len(store_graphs) == 3
