"""The SPARQL rules (ontology/rules/*.rq), each on a small hand-made graph, then on the seed graph.

Every hand-made graph is loaded with kg's ontology and run through the whole reasoning step (OWL
closure, then the rules to a fixpoint), so a rule sees what it sees in a real build (kg:involves from
the TBox, kg:roleHeld from rule 030…).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import seed_store

from kg.paths import ontology_dir
from kg.rdf.iri import DEFAULT_BASE
from kg.rdf.reason import ReasoningError, load_rules, reason
from kg.rdf.store import open_store

B = DEFAULT_BASE
K = "https://example.org/kg/ontology#"
HEAD = f"""@prefix kg: <{K}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <{B}> .
"""


def reasoned(graphs: dict[str, str], **options) -> tuple[pyoxigraph.Store, object]:
    """A store holding kg's ontology and one named graph per entry, after reasoning."""
    store = pyoxigraph.Store()
    for name in ("kg.ttl", "roles.ttl"):
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(B + "graph/ontology"))
    for graph, turtle in graphs.items():
        store.load((HEAD + turtle).encode(), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(B + graph))
    return store, reason(store, B, "kg", **options)


def ask(store: pyoxigraph.Store, pattern: str) -> set[tuple[str, ...]]:
    """Rows of a SELECT over the union of graphs, in the order the variables first appear in `pattern`;
    IRIs shortened to their path under the base."""
    names = list(dict.fromkeys(re.findall(r"\?(\w+)", pattern)))
    query = f"PREFIX kg: <{K}> BASE <{B}> SELECT {' '.join('?' + v for v in names)} WHERE {{ {pattern} }}"
    result = store.query(query, use_default_graph_as_union=True)
    return {tuple(s[v].value.removeprefix(B) if s[v] is not None else "" for v in names) for s in result}


MEETING = """
<meeting/m1> a kg:Meeting ; kg:participant <person/a> , <person/b> ; kg:present <person/c> ;
    kg:date "2024-06-19"^^xsd:date ; kg:source <article/a1> .
<call/p1> a kg:PhoneCall ; kg:participant <person/a> , <person/d> ; kg:source <article/a1> .
<visit/v1> a kg:Visit ; kg:participant <person/b> , <person/d> ; kg:source <article/a1> .
<article/a1> a kg:Article ; kg:published "2024-06-20"^^xsd:date .
"""


# --- 010 interaction links, 020 co-presence -------------------------------------------------------


def test_010_links_distinct_principals_of_meetings_and_calls_only() -> None:
    store, _ = reasoned({"graph/article/a1": MEETING})
    assert ask(store, "?x kg:metWith ?y") == {("person/a", "person/b"), ("person/b", "person/a")}
    assert ask(store, "?x kg:spokeByPhoneWith ?y") == {("person/a", "person/d"), ("person/d", "person/a")}
    linked = ask(store, "?x kg:interactedWith ?y")
    assert ("person/b", "person/d") not in linked  # a visit is not talking to someone
    assert not any(x == y for x, y in linked)
    assert ("person/c", "person/a") not in linked  # present, not a principal


def test_020_co_presence_includes_others_present_but_not_phone_calls() -> None:
    store, _ = reasoned({"graph/article/a1": MEETING})
    together = ask(store, "?x kg:coPresentWith ?y")
    assert {("person/c", "person/a"), ("person/a", "person/c"), ("person/b", "person/c")} <= together
    assert ("person/a", "person/d") not in together


# --- 030/031 the role held at the time ----------------------------------------------------------------

ROLES = """
<meeting/m1> a kg:Meeting ; kg:participant <person/a> , <person/b> ; kg:date "2024-06-19"^^xsd:date ;
    kg:source <article/a1> .
<article/a1> a kg:Article ; kg:published "2024-06-20"^^xsd:date .
<role/a-fm> a kg:ActingForeignMinister ; kg:holder <person/a> ; kg:roleOf <country/iran> ;
    kg:attestedOn "2024-06-20"^^xsd:date ; kg:source <article/a1> .
"""
KNOWLEDGE = """
<position/b-old> a kg:KnownPosition , kg:President ; kg:holder <person/b> ; kg:roleOf <country/x> ;
    kg:startDate "2010"^^xsd:gYear ; kg:endDate "2015-03-01"^^xsd:date .
<position/b-now> a kg:KnownPosition , kg:PrimeMinister ; kg:holder <person/b> ; kg:roleOf <country/x> ;
    kg:startDate "2024-05"^^xsd:gYearMonth .
"""


def test_030_takes_the_role_the_reporting_article_states() -> None:
    store, _ = reasoned({"graph/article/a1": ROLES, "graph/knowledge-base": KNOWLEDGE})
    assert ("meeting/m1", "role/a-fm") in ask(store, "?m kg:roleHeld ?r . ?r kg:holder <person/a>")


def test_031_takes_the_known_position_covering_the_day_when_no_article_states_one() -> None:
    store, _ = reasoned({"graph/article/a1": ROLES, "graph/knowledge-base": KNOWLEDGE})
    # 2024-06-19 falls in the month-precision span that starts in 2024-05, not in the 2010-2015 one
    assert ask(store, "?m kg:roleHeld ?r . ?r kg:holder <person/b>") == {("meeting/m1", "position/b-now")}


def test_031_takes_the_nearest_attestation_span_otherwise() -> None:
    other = """
<role/b-spokes> a kg:Spokesperson ; kg:holder <person/b> ; kg:roleOf <organization/o> ;
    kg:attestedOn "2024-01-01"^^xsd:date ; kg:source <article/a2> .
<role/b-envoy> a kg:SpecialEnvoy ; kg:holder <person/b> ; kg:roleOf <country/x> ;
    kg:attestedOn "2024-06-01"^^xsd:date , "2024-07-01"^^xsd:date ; kg:source <article/a3> .
"""
    store, _ = reasoned({"graph/article/a1": ROLES, "graph/article/a2": other})
    # the envoy role is stated before and after the meeting: the day is inside its span
    assert ask(store, "?m kg:roleHeld ?r . ?r kg:holder <person/b>") == {("meeting/m1", "role/b-envoy")}


def test_031_gives_no_role_to_an_undated_interaction_without_a_stated_one() -> None:
    undated = """
<meeting/m2> a kg:Meeting ; kg:participant <person/b> , <person/c> ; kg:source <article/a4> .
<article/a4> a kg:Article .
"""
    store, _ = reasoned({"graph/article/a4": undated, "graph/knowledge-base": KNOWLEDGE})
    assert ask(store, "<meeting/m2> kg:roleHeld ?r") == set()


# --- 040 institutional contacts --------------------------------------------------------------------

INSTITUTIONS = """
<meeting/m1> a kg:Meeting ; kg:participant <person/a> , <person/b> ; kg:date "2024-06-19"^^xsd:date ;
    kg:source <article/a1> .
<call/c1> a kg:PhoneCall ; kg:participant <person/a> , <organization/pij> ; kg:date "2023-12-08"^^xsd:date ;
    kg:source <article/a1> .
<role/a-fm> a kg:ForeignMinister ; kg:holder <person/a> ; kg:roleOf <country/iran> ; kg:source <article/a1> .
<role/b-head> a kg:HeadOfPoliticalBureau ; kg:holder <person/b> ; kg:roleOf <organization/hamas> ;
    kg:source <article/a1> .
"""
PARTS = """
<country/iran> a kg:Country . <country/palestine> a kg:Country .
<organization/hamas> a kg:Organization ; kg:country <country/palestine> .
<organization/pij> a kg:Organization ; kg:partOf <country/palestine> .
"""


def test_040_pairs_the_organisations_and_countries_of_the_posts_held() -> None:
    store, _ = reasoned({"graph/article/a1": INSTITUTIONS, "graph/knowledge-base": PARTS})
    contacts = ask(store, "?n a kg:InstitutionalContact ; kg:level ?level ; kg:a ?a ; kg:b ?b ; kg:through ?i")
    pairs = {(level, a, b, i) for _n, level, a, b, i in contacts}
    assert pairs == {
        ("organization", "country/iran", "organization/hamas", "meeting/m1"),
        ("organization", "country/iran", "organization/pij", "call/c1"),  # an organisation stands for itself
        ("country", "country/iran", "country/palestine", "meeting/m1"),
        ("country", "country/iran", "country/palestine", "call/c1"),
    }


# --- 050 shared interlocutors, 060 dates --------------------------------------------------------------

SHARED = """
<meeting/m1> a kg:Meeting ; kg:participant <person/a> , <person/via> ; kg:date "2024-01-02"^^xsd:date .
<call/c1> a kg:PhoneCall ; kg:participant <person/b> , <person/via> ; kg:date "2024-03-04"^^xsd:date .
<visit/v1> a kg:Visit ; kg:participant <person/c> , <person/via> .
"""


def test_050_060_shared_interlocutor_with_its_interactions_and_dates() -> None:
    store, report = reasoned({"graph/article/a1": SHARED})
    rows = ask(store, """?n a kg:SharedInterlocutor ; kg:a ?a ; kg:b ?b ; kg:via ?via ;
                         kg:firstDate ?first ; kg:lastDate ?last""")
    assert {row[1:] for row in rows} == {("person/a", "person/b", "person/via", "2024-01-02", "2024-03-04")}
    assert ask(store, "?n a kg:SharedInterlocutor ; kg:through ?i") == {
        (next(iter(rows))[0], "meeting/m1"), (next(iter(rows))[0], "call/c1")}
    assert report.notes == []


def test_050_is_skipped_above_the_bound_with_a_note() -> None:
    store, report = reasoned({"graph/article/a1": SHARED}, max_shared_pairs=0)
    assert ask(store, "?n a kg:SharedInterlocutor") == set()
    assert any("shared-interlocutors-of" in note for note in report.notes)


# --- the fixpoint ---------------------------------------------------------------------------------------


def test_rules_run_in_order_and_again_only_when_what_they_read_changed() -> None:
    _, report = reasoned({"graph/article/a1": MEETING})
    rules = load_rules()
    assert [r.name for r in rules] == sorted(r.name for r in rules)
    # one pass runs every rule; the closure of their output changes nothing they read but the pair
    # types of rule 060, so at most that rule runs again
    assert len(rules) <= report.rule_runs <= len(rules) + 1
    assert report.passes == 2


def test_a_rule_that_is_not_a_construct_query_is_refused(tmp_path: Path) -> None:
    (tmp_path / "010-bad.rq").write_text("INSERT DATA { <a> <b> <c> }", encoding="utf-8")
    with pytest.raises(ReasoningError, match="CONSTRUCT"):
        load_rules(tmp_path)


# --- on the seed graph ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> pyoxigraph.Store:
    return open_store(seed_store())


def test_seed_role_held_at_each_meeting(seed: pyoxigraph.Store) -> None:
    rows = ask(seed, "?m kg:roleHeld ?r . ?r kg:holder ?p ; kg:roleLabel ?label")
    held = {(p, str(label)) for _m, _r, p, label in rows}
    assert ("person/ali_bagheri_kani", "deputy foreign minister") in held  # Moscow, article 000
    assert ("person/ali_bagheri_kani", "acting foreign minister") in held  # Doha, June 2024
    assert ("person/ismail_haniyeh", "head of political bureau") in held
    assert ("person/kazem_jalali", "ambassador") in held  # present at the Moscow meeting


def test_seed_shared_interlocutors_match_the_gold(seed: pyoxigraph.Store) -> None:
    found = {(a, b, via) for _n, a, b, via in ask(seed, "?n a kg:SharedInterlocutor ; kg:a ?a ; kg:b ?b ; kg:via ?via")}
    assert ("person/ali_bagheri_kani", "person/hossein_amir_abdollahian", "person/ismail_haniyeh") in found
    assert ("person/ismail_haniyeh", "person/ziyad_al_nakhalah", "person/hossein_amir_abdollahian") in found
    assert ("person/mousa_abu_marzouk", "person/sergey_ryabkov", "person/ali_bagheri_kani") in found


def test_seed_institutional_contacts(seed: pyoxigraph.Store) -> None:
    rows = ask(seed, "?n kg:level ?level ; kg:a ?a ; kg:b ?b")
    assert {(level, a, b) for _n, level, a, b in rows} == {
        ("organization", "country/iran", "organization/hamas"),
        ("organization", "country/iran", "organization/pij"),
        ("organization", "country/iran", "country/russia"),
        ("country", "country/iran", "country/palestine"),
        ("country", "country/iran", "country/russia"),
    }


@pytest.mark.parametrize(("pattern", "row"), [
    pytest.param("<person/ali_bagheri_kani> kg:metWith ?x", ("person/ismail_haniyeh",), id="010 metWith"),
    pytest.param("<person/ziyad_al_nakhalah> kg:spokeByPhoneWith ?x", ("person/hossein_amir_abdollahian",),
                 id="010 spokeByPhoneWith, symmetric"),
    pytest.param("<person/kazem_jalali> kg:coPresentWith ?x", ("person/mousa_abu_marzouk",),
                 id="020 the ambassador present at the Abu Marzouk meeting"),
    pytest.param("<person/ismail_haniyeh> kg:affiliatedWith ?x", ("organization/hamas",),
                 id="TBox: holds∘roleOf chain"),
    pytest.param("<person/ali_bagheri_kani> kg:affiliatedWith ?x", ("country/iran",), id="TBox: FM of Iran"),
    pytest.param("?r a kg:Minister ; kg:holder ?x", None, id="TBox: acting FM ⊑ minister"),
])
def test_seed_links_and_entailments(seed: pyoxigraph.Store, pattern: str, row: tuple | None) -> None:
    found = ask(seed, pattern)
    if row is None:
        assert any(r[1] == "person/ali_bagheri_kani" for r in found)
    else:
        assert row in found
