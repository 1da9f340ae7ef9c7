"""Persons found from the text alone are real persons of the annotated articles (issue 3: precision ≥ 0.9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.discovered_precision import measure, name_key

HERE = Path(__file__).parent


@pytest.mark.parametrize("evaluation_set", ["corpus", "heldout"])
def test_discovered_persons_are_at_least_90_percent_right(evaluation_set: str) -> None:
    result = measure(HERE / evaluation_set / "articles", HERE / evaluation_set / "gold.json")
    assert result.right, "the evaluation set has persons outside the knowledge base: some must be found"
    assert result.precision >= 0.9, f"not persons of the gold annotation: {result.wrong}"


@pytest.mark.parametrize(("persian", "arabic"), [
    ("عبداللهیان", "عبد اللهيان"),   # spaces inside a compound name, Persian vs Arabic yeh
    ("هنیه", "هنيّة"),               # teh marbuta and shadda
    ("احمد", "أحمد"),                 # hamza on alef
])
def test_name_keys_match_across_spellings(persian: str, arabic: str) -> None:
    assert name_key(persian) == name_key(arabic)
