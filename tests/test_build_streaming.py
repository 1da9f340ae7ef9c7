"""kg.build writes each article's graph while extraction goes on, under a guess the merge checks.

The store must hold exactly what writing every graph after the merge gives (the guess wrong or not,
in one chunk or many, on one process or several), and the build keeps only summaries in memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import corpus_with_seeds

from kg import build as kgbuild
from kg.build import ArticleSummary, build, summarise
from kg.extract.resources import Resources
from kg.merge import NO_EVIDENCE
from kg.parallel import extract_all

EXPORTS = ("graph.trig", "graph.ttl")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # a third retell another article's event: merges across articles
    return corpus_with_seeds(tmp_path_factory.mktemp("corpus"), 60, seed=4)


@pytest.fixture(scope="module")
def after_merge(corpus: Path, tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Path:
    """The reference: no graph written while extracting, every one after the merge."""
    store = tmp_path_factory.mktemp("after-merge") / "store"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kgbuild._SummariseAndWrite, "__call__", lambda self, x: summarise(x))
        report = build([str(corpus)], store, resources=resources)
    assert report.articles == 65
    return store


@pytest.mark.parametrize(("jobs", "chunk"), [(1, kgbuild.LOAD_CHUNK_QUADS), (1, 700), (2, 700)],
                         ids=["1-job", "1-job-small-chunks", "2-jobs-small-chunks"])
def test_graphs_written_while_extracting_give_the_same_store(jobs: int, chunk: int, corpus: Path,
                                                             after_merge: Path, tmp_path: Path,
                                                             resources: Resources,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kgbuild, "LOAD_CHUNK_QUADS", chunk)
    messages: list[str] = []
    store = tmp_path / "store"
    build([str(corpus)], store, resources=resources, jobs=jobs, progress=messages.append)
    rewritten = next(int(m.split()[0]) for m in messages if "to write after the merge" in m)
    assert 0 < rewritten < 65, "some guesses are wrong here (undated retellings): the check must catch them"
    for name in EXPORTS:
        assert (store / name).read_bytes() == (after_merge / name).read_bytes(), name


def test_summary_keeps_what_the_merge_reads_without_the_evidence(corpus: Path, resources: Resources) -> None:
    path = sorted(corpus.glob("*.txt"))[0]
    (extraction,) = extract_all([(str(path), path.stem)], resources)
    summary = summarise(extraction)
    assert isinstance(summary, ArticleSummary)
    assert [i.local_id for i in summary.interactions] == [i.local_id for i in extraction.interactions]
    assert all(i.evidence is NO_EVIDENCE and not i.more_evidence for i in summary.interactions)
    assert [(i.kind, i.participants, i.date, i.place) for i in summary.interactions] == \
        [(i.kind, i.participants, i.date, i.place) for i in extraction.interactions]


def test_chunks_shrink_near_the_end_so_little_is_left_to_load_after_extraction(
        monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[int] = []
    writer = kgbuild._Writer(Path("unused"), None, None, [])  # type: ignore[arg-type]
    monkeypatch.setattr(writer, "_send", lambda: (sent.append(writer._count),
                                                  setattr(writer, "_count", 0), writer._parts.clear()))
    graphs, quads = 10_000, 125
    for n in range(1, graphs + 1):
        writer.add(b"", quads, remaining=graphs - n)
    writer._send()  # what `finish` sends: the rest
    assert sum(sent) == graphs * quads
    assert max(sent) <= kgbuild.LOAD_CHUNK_QUADS + quads
    assert sent[0] >= kgbuild.LOAD_CHUNK_QUADS, "full chunks while much is still to come"
    assert all(later <= earlier + quads for earlier, later in zip(sent, sent[1:], strict=False)), sent
    assert sent[-1] <= kgbuild.TAIL_CHUNK_QUADS + quads, "what is left after extraction is small"
    assert len(sent) <= graphs * quads // kgbuild.LOAD_CHUNK_QUADS + 12, "a few more chunks, not many"
