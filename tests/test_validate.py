"""`kg validate`: the seed graph conforms; broken graphs fail with a report a reader can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import kg_main, seed_store

from kg.paths import ontology_dir
from kg.rdf.reason import reason
from kg.rdf.store import live_generation, open_store
from kg.rdf.validate import VIOLATION, WARNING, validate_store

B = "https://example.org/kg/"
HEAD = """@prefix kg: <https://example.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://example.org/kg/> .
"""
GOOD = """
<article/a1> a kg:Article ; kg:sha256 "%s" ; kg:language "fa" ; kg:fileName "a1.txt" .
<evidence/a1/1> a kg:Evidence ; kg:inArticle <article/a1> ; kg:start 0 ; kg:end 10 ; kg:sentence "…" ;
    kg:rule "meeting.fa" .
<person/x> a kg:Person ; rdfs:label "X"@en ; kg:inKnowledgeBase true .
<person/y> a kg:Person ; rdfs:label "Y"@en ; kg:inKnowledgeBase true .
""" % ("0" * 64)


def checked(turtle: str):
    store = pyoxigraph.Store()
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(B + "graph/ontology"))
    store.load((HEAD + GOOD + turtle).encode(), format=pyoxigraph.RdfFormat.TURTLE,
               to_graph=pyoxigraph.NamedNode(B + "graph/article/a1"))
    reason(store, B, "kg")
    return validate_store(store, B)


def test_a_well_formed_meeting_conforms() -> None:
    report = checked("""<meeting/m1> a kg:Meeting ; kg:participant <person/x> , <person/y> ;
        kg:date "2024-06-19"^^xsd:date ; kg:source <article/a1> ; kg:evidence <evidence/a1/1> .""")
    assert report.conforms and report.results == [] and report.findings == []


@pytest.mark.parametrize(("turtle", "focus", "message"), [
    pytest.param("""<meeting/m1> a kg:Meeting ; kg:participant <person/x> ; kg:source <article/a1> ;
                    kg:evidence <evidence/a1/1> .""",
                 "meeting/m1", "an interaction needs at least two actors", id="one actor"),
    pytest.param("""<meeting/m1> a kg:Meeting ; kg:participant <person/x> , <person/y> ;
                    kg:date "yesterday" ; kg:source <article/a1> ; kg:evidence <evidence/a1/1> .""",
                 "meeting/m1", "date must be an xsd:date", id="ill-typed date"),
    pytest.param("""<meeting/m1> a kg:PhoneCall ; kg:participant <person/x> , <person/y> .""",
                 "meeting/m1", "needs the article that reports it", id="no provenance"),
    pytest.param("""<claim/c1> a kg:Claim ; kg:text "…" ; kg:source <article/a1> ; kg:evidence <evidence/a1/1> .""",
                 "claim/c1", "a claim needs a speaker", id="claim without speaker"),
    pytest.param("""<claim/c1> a kg:Claim ; kg:speaker <person/x> ; kg:text "…" ; kg:evidence <evidence/a1/1> .""",
                 "claim/c1", "a claim needs the article it comes from", id="claim without source"),
    pytest.param("""<role/r1> a kg:ForeignMinister ; kg:holder <person/x> ; kg:roleLabel "foreign minister"@en .""",
                 "role/r1", "a role stated by an article needs the article", id="role without source"),
    pytest.param("""<person/z> a kg:Person ; rdfs:label "Z" ; kg:inKnowledgeBase false .""",
                 "person/z", "an actor found in the text only needs the sentence", id="actor without evidence"),
    pytest.param("""<person/x> a kg:Organization .""",
                 "person/x", "is both Person and Organization", id="disjoint classes"),
])
def test_broken_graphs_fail_with_a_readable_message(turtle: str, focus: str, message: str) -> None:
    report = checked(turtle)
    assert not report.conforms
    matching = [r for r in report.violations if r.focus == B + focus and message in r.message]
    assert matching, report.lines()
    assert any(line.startswith("violation: " + B + focus) and message in line for line in report.lines())


def test_a_date_conflict_between_merged_reports_is_a_warning_only() -> None:
    report = checked("""<meeting/m1> a kg:Meeting ; kg:participant <person/x> , <person/y> ;
        kg:date "2024-06-19"^^xsd:date , "2024-06-20"^^xsd:date ; kg:source <article/a1> ;
        kg:evidence <evidence/a1/1> .""")
    assert report.conforms
    assert [r.severity for r in report.results] == [WARNING]


def test_the_seed_store_conforms() -> None:
    done = kg_main("validate", str(seed_store()))
    assert done.returncode == 0, done.stdout
    assert "conforms — 0 violation(s)" in done.stdout.splitlines()[-1]


@pytest.mark.slow
def test_kg_validate_exits_1_on_a_broken_store_and_names_the_problem(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    shutil.copytree(seed_store(), store_dir, symlinks=True)
    database = pyoxigraph.Store(str(live_generation(store_dir) / "oxigraph"))
    participant = pyoxigraph.NamedNode("https://example.org/kg/ontology#participant")
    call = next(q.subject for q in database.quads_for_pattern(None, participant, None, None)
                if "/phone-call/" in q.subject.value)
    for quad in list(database.quads_for_pattern(call, participant, None, None))[1:]:
        database.remove(quad)
    database.flush()
    del database
    done = kg_main("validate", str(store_dir))
    assert done.returncode == 1
    assert f"violation: {call.value}" in done.stdout
    assert "an interaction needs at least two actors" in done.stdout
    assert "does not conform" in done.stdout
    json_done = kg_main("validate", str(store_dir), "--json")
    assert json_done.returncode == 1 and '"conforms": false' in json_done.stdout


def test_validation_results_name_the_source_articles() -> None:
    report = checked("""<meeting/m1> a kg:Meeting ; kg:participant <person/x> ; kg:source <article/a1> ;
                        kg:evidence <evidence/a1/1> .""")
    assert [(r.severity, r.articles) for r in report.results] == [(VIOLATION, (B + "article/a1",))]
    assert report.lines()[0].endswith(f"[{B}article/a1]")


def test_the_seed_store_has_no_violation_and_no_finding() -> None:
    report = validate_store(open_store(seed_store()), B)
    assert report.conforms and report.findings == []
