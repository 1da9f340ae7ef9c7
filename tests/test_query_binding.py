"""How `kg query` binds parameters: substitution, plus a one-row VALUES block where it helps the planner.

The VALUES blocks (kg.queries.with_planning_hints) must never change an answer: every saved query with
parameters answers the same with them as with substitution alone (SEP-0007, the reference semantics).
"""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from store_helpers import seed_store

from kg.queries import ActorResolver, bind, load_query, run, saved_queries, with_planning_hints
from kg.rdf.store import open_store
from kg.remote import with_values

P = pyoxigraph.Variable("person")
ALI = pyoxigraph.NamedNode("https://example.org/kg/person/ali_bagheri_kani")


def test_hints_go_into_every_group_that_selects_the_parameter() -> None:
    text = ("SELECT ?person ?n WHERE {\n"
            "  { SELECT ?person (COUNT(*) AS ?n) WHERE { ?m <p> ?person } GROUP BY ?person }\n"
            "  { SELECT ?x WHERE { ?x <q> ?person } }\n"
            "}")
    hinted = with_planning_hints(text, {P: ALI})
    assert hinted.count(f"VALUES ?person {{ {ALI} }}") == 2
    assert "{ SELECT ?x WHERE { ?x <q>" in hinted  # its ?person is its own variable: left alone


def test_hints_ignore_strings_comments_and_computed_columns() -> None:
    text = ('# SELECT ?person { in a comment\n'
            'SELECT ("SELECT ?person {" AS ?s) (STR(?o) AS ?person) WHERE { ?person <p> ?o }')
    assert with_planning_hints(text, {P: ALI}) == text
    assert with_planning_hints(text, {}) == text


def test_a_value_is_written_as_a_term_not_as_text() -> None:
    text = "SELECT ?person ?s WHERE { ?x <p> ?s }"
    tricky = pyoxigraph.Literal('x" } DROP ALL { "')
    hinted = with_planning_hints(text, {P: tricky})
    assert 'VALUES ?person { "x\\" } DROP ALL { \\"" }' in hinted


def test_a_parameter_the_query_does_not_select_is_bound_all_the_same() -> None:
    store = open_store(seed_store())
    text = "PREFIX kg: <https://example.org/kg/ontology#> SELECT DISTINCT ?m WHERE { ?m kg:participant ?person }"
    _columns, rows = run(store, text, {P: ALI})  # substitution refuses ?person: bound by VALUES instead
    expected = sorted(s["m"].value for s in store.query(text.replace("?person", str(ALI)),
                                                        use_default_graph_as_union=True))
    assert expected and sorted(r["m"] for r in rows) == expected


def _cases(store: pyoxigraph.Store) -> list[tuple[str, dict[str, str]]]:
    actors = ["ali_bagheri_kani", "ismail_haniyeh", "hossein_amir_abdollahian", "russia", "moscow"]
    cases = []
    for name, query in saved_queries().items():
        declared = {p.name: p for p in query.parameters}
        required = [p for p in query.parameters if not p.optional]
        if not required and not any(p.type == "actor" for p in query.parameters):
            continue
        for actor in actors:
            params = {p.name: actor for p in query.parameters if p.type == "actor" and not p.optional}
            if name in ("shared-interlocutors", "phone-calls", "attendance", "institutional-contacts"):
                params = {next(p.name for p in query.parameters if p.type == "actor"): actor}
            if "from" in declared:
                params["from"] = "2023-12-01"
            if "meeting" in declared or set(p.name for p in required) - set(params):
                continue
            cases.append((name, params))
    return cases


def test_hints_change_no_answer() -> None:
    store = open_store(seed_store())
    resolver = ActorResolver(store)
    checked = 0
    for name, params in _cases(store):
        query = load_query(name)
        substitutions = bind(query, params, resolver)
        _columns, hinted = run(store, query.text, substitutions)
        plain = store.query(query.text, use_default_graph_as_union=True, substitutions=substitutions)
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        reference = [{v.value: s[v].value for v in plain.variables if s[v] is not None} for s in plain]
        assert sorted(map(key, hinted)) == sorted(map(key, reference)), (name, params)
        checked += 1
    assert checked >= 40


def test_a_window_inside_sub_selects_is_applied_on_an_endpoint_too() -> None:
    """An endpoint gets the parameters as VALUES: at the head of the query only, a sub-select that
    filters on a parameter would see it unbound; the planning hints put it inside each sub-select."""
    store = open_store(seed_store())
    query = load_query("shared-interlocutors-of")
    substitutions = bind(query, {"actor": "ismail_haniyeh", "from": "2024-01-01"}, ActorResolver(store))
    _columns, rows = run(store, with_values(with_planning_hints(query.text, substitutions), substitutions))
    assert list(rows) == []


@pytest.mark.parametrize("name", ["person-meetings", "person-roles", "person-claims", "interlocutors",
                                  "shared-interlocutors-of"])
def test_per_actor_queries_start_from_the_actor(name: str) -> None:
    query = load_query(name)
    parameter = next(p.name for p in query.parameters if not p.optional)
    hinted = with_planning_hints(query.text, {pyoxigraph.Variable(parameter): ALI})
    # the outer group and every sub-select that selects the parameter start from its value
    assert hinted.count(f"VALUES ?{parameter} {{ {ALI} }}") >= 2 or name in ("person-claims", "interlocutors")
