"""kg.records_io: extraction records survive JSON and back unchanged."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import records_io
from kg.records import (
    Actor,
    ArticleInfo,
    Claim,
    DateValue,
    Evidence,
    Extraction,
    Interaction,
    Role,
)

EVIDENCE = Evidence("a1", 10, 42, "علی باقری با اسماعیل هنیه دیدار کرد", "meeting.verb", 0.85)
SAMPLE = Extraction(
    ArticleInfo("a1", "seeds/a1.txt", "fa", "ab" * 32, "دیدار", "irna", ("isna",),
                DateValue("2024-06-20", "day", "gregorian", "20-ژوئن-2024", 0, 14)),
    actors=(Actor("ali_bagheri_kani", "Person", (("en", "Ali Bagheri"), ("fa", "علی باقری")), True, 1.0,
                  "Q1", "iran"),
            Actor("new:کاظمجلالی", "Person", (("fa", "کاظم جلالی"),), False, 0.7, None, None, EVIDENCE)),
    roles=(Role("ali_bagheri_kani", "foreign_minister", "iran", True, "سرپرست وزارت امور خارجه",
                "2024-06-20", EVIDENCE),),
    interactions=(Interaction("i1", "Meeting", ("ali_bagheri_kani", "ismail_haniyeh"), EVIDENCE,
                              present=("new:کاظمجلالی",), place="doha",
                              date=DateValue("2024-06-19", "day", "relative", "شب گذشته",
                                             anchor="2024-06-20"),
                              more_evidence=(EVIDENCE,)),),
    claims=(Claim(("ismail_haniyeh",), "«طوفان الاقصی» معادلات را تغییر داد", 50, 90, "گفت", "direct",
                  EVIDENCE, "i1", ("iran",)),),
    warnings=("a warning",),
)


@pytest.mark.parametrize("extraction", [SAMPLE, Extraction(SAMPLE.article)], ids=["full", "bare-article"])
def test_records_io_round_trip_keeps_every_field(extraction: Extraction) -> None:
    text = records_io.dumps(extraction)
    assert records_io.loads(text) == extraction
    assert "ژوئن" in text  # letters are written as they are, not as \\u escapes


def test_records_io_leaves_defaults_out() -> None:
    document = json.loads(records_io.dumps(Extraction(SAMPLE.article)))
    assert set(document["extraction"]) == {"article"}


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.from_type(Extraction).filter(lambda x: _finite(records_io.to_jsonable(x))))
def test_records_io_round_trip_any_extraction(extraction: Extraction) -> None:
    assert records_io.loads(records_io.dumps(extraction)) == extraction


def _finite(value: object) -> bool:
    """No NaN or infinite confidence (NaN is not even equal to itself; JSON has neither)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@pytest.mark.parametrize("text, problem", [
    ("not json", "not JSON"),
    ('{"format": 999, "extraction": {}}', "format"),
    ('{"format": 1, "extraction": {"article": {"id": "a"}, "colour": 1}}', "no field colour"),
    ('{"format": 1, "extraction": {"article": {"id": "a"}}}', "ArticleInfo"),
], ids=["garbage", "other-format", "unknown-field", "missing-field"])
def test_records_io_rejects_what_it_did_not_write(text: str, problem: str) -> None:
    with pytest.raises(records_io.RecordFormatError, match=problem):
        records_io.loads(text)
