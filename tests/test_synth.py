"""`kg synth`: a deterministic, realistic benchmark corpus that the extractors read as news."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.synth import TARGET_BYTES, write_corpus
from kg.text.language import detect_language


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(40, tmp_path_factory.mktemp("synth"), seed=3)


def test_synth_same_seed_same_bytes_other_seed_other_corpus(corpus: list[Path], tmp_path: Path) -> None:
    again = write_corpus(40, tmp_path / "again", seed=3)
    other = write_corpus(40, tmp_path / "other", seed=4)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in corpus]
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in corpus]


def test_synth_articles_are_persian_or_arabic_news_of_article_length(corpus: list[Path]) -> None:
    languages = {p.stem.rsplit("_", 1)[1] for p in corpus}
    assert languages == {"fa", "ar"}
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        assert detect_language(text)[0] == path.stem.rsplit("_", 1)[1], path.name
        assert TARGET_BYTES[0] * 0.8 <= len(text.encode()) <= TARGET_BYTES[1] * 1.3, path.name
        assert "{" not in text, f"{path.name}: a template slot was left unfilled"


def test_synth_corpus_yields_meetings_calls_claims_and_cross_article_merges(corpus: list[Path],
                                                                           tmp_path: Path) -> None:
    report = build([str(corpus[0].parent)], tmp_path / "store", reasoner="none", export=False)
    assert report.articles == 40 and not report.problems
    assert report.interactions >= 20  # one event per article, a third of them retold: ~26 events
    assert report.meetings >= 10 and report.phone_calls >= 3 and report.claims >= 40
    assert report.merges >= 5
