"""kg.merge: one interaction reported by several articles becomes one event; different ones stay apart."""

from __future__ import annotations

import pytest
from extract_fixtures import read

from kg.merge import merge_interactions
from kg.records import ArticleInfo, DateValue, Evidence, Extraction, Interaction

PAIR = ("abbas_araghchi", "nabih_berri")


def day(value: str | None) -> DateValue | None:
    if value is None:
        return None
    precision = {10: "day", 7: "month", 4: "year"}[len(value)]
    return DateValue(value, precision, "gregorian", value)


def told(article: str, local_id: str, date: str | None = None, place: str | None = None,
         kind: str = "Meeting", participants: tuple[str, ...] = PAIR) -> Interaction:
    evidence = Evidence(article, 0, 40, "عباس عراقچی با نبیه بری دیدار کرد.", f"{kind.lower()}.fa.verb")
    return Interaction(local_id, kind, participants, evidence, place=place, date=day(date))


def article(article_id: str, published: str | None, *interactions: Interaction) -> Extraction:
    info = ArticleInfo(article_id, f"{article_id}.txt", "fa", "0" * 64, published=day(published))
    return Extraction(info, interactions=interactions)


@pytest.mark.parametrize(("first", "second", "events"), [
    pytest.param(("2024-10-10", "2024-10-10", "beirut"), ("2024-10-11", "2024-10-10", "beirut"), 1,
                 id="same-day-same-place-one-event"),
    pytest.param(("2024-10-10", "2024-10-10", None), ("2024-10-11", "2024-10-10", "beirut"), 1,
                 id="same-day-one-place-unknown-one-event"),
    pytest.param(("2024-10-10", "2024-10-10", "beirut"), ("2024-10-10", "2024-10-10", "tehran"), 2,
                 id="same-day-different-places-two-events"),
    pytest.param(("2024-10-10", "2024-10-10", None), ("2024-10-20", "2024-10-19", None), 2,
                 id="different-days-two-events"),
    pytest.param(("2024-10-10", "2024-10-10", None), ("2024-10-13", None, None), 1,
                 id="undated-report-published-three-days-after-one-event"),
    pytest.param(("2024-10-10", "2024-10-10", None), ("2024-10-14", None, None), 2,
                 id="undated-report-published-four-days-after-two-events"),
    pytest.param(("2024-10-10", "2024-10-10", None), ("2024-10-09", None, None), 2,
                 id="undated-report-published-before-the-day-two-events"),
    pytest.param(("2024-10-10", None, None), ("2024-10-11", None, None), 1,
                 id="both-undated-published-a-day-apart-one-event"),
    pytest.param(("2024-10-10", None, None), ("2024-10-13", None, None), 2,
                 id="both-undated-published-three-days-apart-two-events"),
    pytest.param(("2024-10-10", None, None), (None, None, None), 2,
                 id="undated-report-of-an-undated-article-stays-apart"),
    pytest.param(("2024-10-06", "2024-10", None), ("2024-10-05", "2024-10-04", None), 1,
                 id="in-October-published-two-days-after-4-October-one-event"),
    pytest.param(("2024-10-10", "2024-09", None), ("2024-10-10", "2024-10-04", None), 2,
                 id="in-September-and-on-4-October-two-events"),
])
def test_merge_two_articles_reporting_a_meeting(first, second, events):
    (published_a, date_a, place_a), (published_b, date_b, place_b) = first, second
    result = merge_interactions([article("a", published_a, told("a", "i1", date_a, place_a)),
                                 article("b", published_b, told("b", "i1", date_b, place_b))])
    assert len(result.events) == events
    assert result.merges == 2 - events
    assert (result.by_report[("a", "i1")] is result.by_report[("b", "i1")]) == (events == 1)


def test_merge_never_joins_two_events_of_one_article():
    """An article that tells two undated meetings of the same people told them apart."""
    result = merge_interactions([article("a", "2024-10-10", told("a", "i1"), told("a", "i2"))])
    assert len(result.events) == 2


def test_merge_third_article_joins_the_event_but_not_twice():
    """b tells two meetings of the same pair; a's report joins the one on its day only."""
    result = merge_interactions([
        article("a", "2024-10-10", told("a", "i1", "2024-10-10")),
        article("b", "2024-10-11", told("b", "i1", "2024-10-10"), told("b", "i2", "2024-09-20")),
    ])
    assert sorted(e.articles for e in result.events) == [["a", "b"], ["b"]]
    assert result.by_report[("a", "i1")] is result.by_report[("b", "i1")]


@pytest.mark.parametrize("other", [
    pytest.param(told("b", "i1", "2024-10-10", kind="PhoneCall"), id="a-call-is-not-the-meeting"),
    pytest.param(told("b", "i1", "2024-10-10", participants=("abbas_araghchi", "najib_mikati")),
                 id="other-participants-another-meeting"),
])
def test_merge_needs_same_kind_and_participants(other):
    result = merge_interactions([article("a", "2024-10-10", told("a", "i1", "2024-10-10")),
                                 article("b", "2024-10-10", other)])
    assert len(result.events) == 2


def test_merge_identity_from_the_day_or_the_first_report():
    result = merge_interactions([article("b", "2024-10-10", told("b", "i1")),
                                 article("a", "2024-10-10", told("a", "i2")),
                                 article("c", "2024-10-10", told("c", "i1", "2024-09-20"))])
    assert sorted(e.identity for e in result.events) == [
        "Meeting|abbas_araghchi,nabih_berri|2024-09-20",
        "Meeting|abbas_araghchi,nabih_berri|a#i2",
    ]


def test_merge_does_not_depend_on_the_order_of_articles():
    extractions = [article("a", "2024-10-10", told("a", "i1")),
                   article("b", "2024-10-11", told("b", "i1", "2024-10-10")),
                   article("c", "2024-10-20", told("c", "i1", "2024-10-19", "beirut"))]
    forward = merge_interactions(extractions)
    backward = merge_interactions(list(reversed(extractions)))
    assert {k: e.identity for k, e in forward.by_report.items()} == \
        {k: e.identity for k, e in backward.by_report.items()}


def test_merge_a_persian_and_an_arabic_report_of_one_meeting(resources):
    """Mehr says «today» on 10 October, an Arabic outlet «yesterday» on the 11th: one meeting in Beirut."""
    persian = read(resources, "fa", "به گزارش خبرگزاری مهر، عباس عراقچی امروز با نبیه بری در بیروت دیدار "
                   "کرد.", "2024-10-10", article="mehr")
    arabic = read(resources, "ar", "التقى وزير الخارجية الإيراني عباس عراقجي أمس رئيس مجلس النواب نبيه بري "
                  "في بيروت.", "2024-10-11", article="mayadeen")
    (event,) = merge_interactions([persian, arabic]).events
    assert (event.kind, event.participants, event.day, event.place) == \
        ("Meeting", PAIR, "2024-10-10", "beirut")
    assert event.articles == ["mayadeen", "mehr"]
