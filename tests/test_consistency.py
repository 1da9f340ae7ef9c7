"""The consistency report (kg.rdf.consistency) on small hand-made graphs: each check fires on the
contradiction it is for, with its evidence, and stays quiet on look-alikes that are not contradictions."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.paths import ontology_dir
from kg.rdf.consistency import check_consistency

B = "https://example.org/kg/"
HEAD = """@prefix kg: <https://example.org/kg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://example.org/kg/> .
"""


def findings(articles: dict[str, str], knowledge: str = "") -> list:
    store = pyoxigraph.Store()
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(B + "graph/ontology"))
    for article, turtle in articles.items():
        store.load((HEAD + turtle).encode(), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(B + "graph/article/" + article))
    store.load((HEAD + knowledge).encode(), format=pyoxigraph.RdfFormat.TURTLE,
               to_graph=pyoxigraph.NamedNode(B + "graph/knowledge-base"))
    return check_consistency(store)


def stated(node: str, cls: str, holder: str, org: str, day: str, article: str, sentence: str = "") -> str:
    evidence = (f' ; kg:evidence <evidence/{article}/{node}> . <evidence/{article}/{node}> kg:sentence "{sentence}"'
                if sentence else "")
    return (f'<role/{node}> a kg:{cls} ; kg:holder <person/{holder}> ; kg:roleOf <{org}> ; '
            f'kg:attestedOn "{day}"^^xsd:date ; kg:source <article/{article}>{evidence} .\n')


def known(node: str, cls: str, holder: str, org: str, start: str, end: str | None) -> str:
    span = f'kg:startDate "{start}"' + (f' ; kg:endDate "{end}"' if end else "")
    return (f'<position/{node}> a kg:KnownPosition , kg:{cls} ; kg:holder <person/{holder}> ; '
            f'kg:roleOf <{org}> ; {span} .\n')


def test_two_holders_of_a_single_holder_post_on_the_same_day() -> None:
    found = findings({
        "a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1", "X, foreign minister of Iran"),
        "a2": stated("y-fm", "ActingForeignMinister", "y", "country/iran", "2024-06-20", "a2"),
    })
    assert [(f.kind, f.message) for f in found] == [
        ("single-holder post",
         "person/x and person/y both hold the post of ForeignMinister of country/iran on 2024-06-20")]
    assert found[0].evidence[0] == "article/a1 (2024-06-20): «X, foreign minister of Iran»"


def test_a_stated_holder_inside_someone_elses_known_term() -> None:
    found = findings({"a1": stated("y-pres", "President", "y", "country/iran", "2023-12-08", "a1")},
                     known("x-pres", "President", "x", "country/iran", "2021-08-03", "2024-05-19"))
    assert [f.kind for f in found] == ["single-holder post"]
    assert "knowledge base: person/x President of country/iran from 2021-08-03 to 2024-05-19" in found[0].evidence


@pytest.mark.parametrize(("articles", "knowledge"), [
    pytest.param({"a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1"),
                  "a2": stated("y-fm", "ForeignMinister", "y", "country/iran", "2024-06-21", "a2")}, "",
                 id="different days"),
    pytest.param({"a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1"),
                  "a2": stated("y-fm", "ForeignMinister", "y", "country/iraq", "2024-06-20", "a2")}, "",
                 id="different countries"),
    pytest.param({"a1": stated("x-dep", "DeputyForeignMinister", "x", "country/iran", "2024-06-20", "a1"),
                  "a2": stated("y-dep", "DeputyForeignMinister", "y", "country/iran", "2024-06-20", "a2")}, "",
                 id="deputies are many"),
    pytest.param({"a1": stated("y-fm", "ActingForeignMinister", "y", "country/iran", "2024-05-20", "a1")},
                 known("x-fm", "ForeignMinister", "x", "country/iran", "2021-08-25", "2024-05-20"),
                 id="the successor's first day is not the predecessor's"),
    pytest.param({"a1": stated("y-pres", "President", "y", "country/iran", "2021-08-15", "a1")},
                 known("x-pres", "President", "x", "country/iran", "2021-08", None),
                 id="a month-precision start counts from the month's end"),
    pytest.param({"a1": stated("x-sl", "SupremeLeader", "x", "country/iran", "2024-06-20", "a1"),
                  "a2": stated("y-pres", "President", "y", "country/iran", "2024-06-20", "a2")}, "",
                 id="two different heads of state posts"),
])
def test_no_single_holder_conflict(articles: dict, knowledge: str) -> None:
    assert [f for f in findings(articles, knowledge) if f.kind == "single-holder post"] == []


def test_a_minister_and_his_own_deputy_at_once_is_contradictory() -> None:
    found = findings({"a1": stated("x-fm", "ActingForeignMinister", "x", "country/iran", "2024-06-20", "a1")},
                     known("x-dep", "DeputyForeignMinister", "x", "country/iran", "2021-09", "2024-12"))
    assert [(f.kind, f.message) for f in found] == [
        ("contradictory roles",
         "person/x is ActingForeignMinister and DeputyForeignMinister of country/iran on 2024-06-20")]


def test_one_single_holder_post_in_two_unrelated_countries_is_contradictory() -> None:
    found = findings({"a1": stated("x-iran", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1")
                      + stated("x-oman", "ForeignMinister", "x", "country/oman", "2024-06-20", "a1")})
    assert [(f.kind, f.message) for f in found] == [
        ("contradictory roles", "person/x is ForeignMinister of both country/iran and country/oman on 2024-06-20")]


@pytest.mark.parametrize(("articles", "knowledge"), [
    pytest.param({"a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1")},
                 known("x-dep", "DeputyForeignMinister", "x", "country/iran", "2021-09", "2024-05-20"),
                 id="deputy before, minister after"),
    pytest.param({"a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1")
                  + stated("x-mfa", "ForeignMinister", "x", "organization/iran_mfa", "2024-06-20", "a1")},
                 "<organization/iran_mfa> kg:country <country/iran> .",
                 id="the country and its ministry"),
    pytest.param({"a1": stated("x-fm", "ForeignMinister", "x", "country/iran", "2024-06-20", "a1")
                  + stated("x-sc", "NationalSecuritySecretary", "x", "country/iran", "2024-06-20", "a1")}, "",
                 id="two compatible posts"),
])
def test_no_contradictory_roles(articles: dict, knowledge: str) -> None:
    assert [f for f in findings(articles, knowledge) if f.kind == "contradictory roles"] == []


def test_an_interaction_after_a_participants_death() -> None:
    found = findings({"a1": """
<meeting/m1> a kg:Meeting ; kg:participant <person/x> , <person/y> ; kg:date "2024-06-01"^^xsd:date ;
    kg:source <article/a1> .
<meeting/m0> a kg:Meeting ; kg:participant <person/x> , <person/y> ; kg:date "2024-05-01"^^xsd:date ;
    kg:source <article/a1> .
"""}, '<person/x> kg:diedOn "2024-05-19"^^xsd:date .')
    assert [(f.kind, f.message, f.evidence) for f in found] == [
        ("after death", "meeting/m1 on 2024-06-01 involves person/x, who died on 2024-05-19", ("article/a1",))]
