"""Synthetic but valid articles for tests that need many inputs: seed paragraphs recombined.

Each article takes a headline and a body of paragraphs from seed articles of one language, chosen by a
seeded `random.Random`, so the same seed always gives the same files. The paragraphs are real news
prose (they name real actors, meetings and claims), so the extractors find something in every article
and a build over them exercises every stage.
"""

from __future__ import annotations

import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_ARABIC_ONLY = frozenset("ةىإأؤ")  # letters Persian prose rarely uses: marks a paragraph as Arabic
_MIN_BODY = 100  # shorter lines are headlines, dates or page furniture


def _language(text: str) -> str:
    return "ar" if sum(text.count(c) for c in _ARABIC_ONLY) * 50 > len(text) else "fa"


def paragraph_pool() -> dict[str, tuple[list[str], list[str]]]:
    """Per language, (headline candidates, body paragraphs) from the seed articles."""
    pool: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        language = _language(" ".join(lines))
        heads, bodies = pool.setdefault(language, ([], []))
        for line in lines:
            if len(line) >= _MIN_BODY:
                if line not in bodies:
                    bodies.append(line)
            elif len(line) >= 30 and line not in heads:
                heads.append(line)
    return pool


def make_article(rng: random.Random, pool: dict[str, tuple[list[str], list[str]]],
                 paragraphs: tuple[int, int] = (4, 9)) -> str:
    """One article: a headline, then a random sample of body paragraphs of one language."""
    language = rng.choice(sorted(pool))
    heads, bodies = pool[language]
    count = min(len(bodies), rng.randint(*paragraphs))
    chosen = rng.sample(bodies, count)
    return "\n\n".join([rng.choice(heads), *chosen]) + "\n"


def write_articles(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` articles into `folder` (`synth-0000.txt` …); the same seed gives the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = paragraph_pool()
    paths = []
    for n in range(count):
        path = folder / f"synth-{n:04d}.txt"
        path.write_text(make_article(rng, pool), encoding="utf-8")
        paths.append(path)
    return paths
