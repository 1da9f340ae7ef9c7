"""Every saved query (queries/*.rq) on the seed graph, against the answer the seed articles give.

The expected answers come from reading the five seed articles (and ../shared/eval's gold for them):
000 — Bagheri in Moscow meets Abu Marzouk (Kazem Jalali present), Ryabkov, Galuzin and Bogdanov;
001 and 002 — Bagheri, acting foreign minister, meets Haniyeh in Doha on 19 June 2024;
003 — Raisi meets Putin in Moscow on 7 December 2023; Amir-Abdollahian phones Haniyeh;
004 — Amir-Abdollahian phones Haniyeh and Ziyad al-Nakhalah (undated).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import ROOT, kg_main, seed_store

from kg.errors import QueryError
from kg.queries import ActorResolver, bind, load_query, run, saved_queries
from kg.rdf.store import open_store

B = "https://example.org/kg/"


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    return open_store(seed_store())


def ask(store: pyoxigraph.Store, name: str, **params: str) -> list[dict[str, str]]:
    """A saved query's rows, IRIs shortened to their path under the base."""
    query = load_query(name)
    _columns, rows = run(store, query.text, bind(query, params, ActorResolver(store)))
    return [{k: v.replace(B, "") for k, v in row.items() if k in query.columns} for row in rows]


def column(rows: list[dict[str, str]], name: str) -> list[str]:
    return [row.get(name, "") for row in rows]


GOLD_MEETINGS = {
    ("Meeting", frozenset({"person/ali_bagheri_kani", "person/mousa_abu_marzouk"})),
    ("Meeting", frozenset({"person/ali_bagheri_kani", "person/sergey_ryabkov"})),
    ("Meeting", frozenset({"person/ali_bagheri_kani", "person/mikhail_galuzin"})),
    ("Meeting", frozenset({"person/ali_bagheri_kani", "person/text/میخاییلباگدانف"})),
    ("Meeting", frozenset({"person/ali_bagheri_kani", "person/ismail_haniyeh"})),
    ("Meeting", frozenset({"person/ebrahim_raisi", "person/vladimir_putin"})),
    ("PhoneCall", frozenset({"person/hossein_amir_abdollahian", "person/ismail_haniyeh"})),
    ("PhoneCall", frozenset({"person/hossein_amir_abdollahian", "person/ziyad_al_nakhalah"})),
}


# --- the five contract queries ---------------------------------------------------------------------


def test_actors_lists_every_name_in_every_language(store) -> None:
    names = {(r["actor"], r["label"]) for r in ask(store, "actors")}
    assert ("person/ali_bagheri_kani", "علی باقری") in names
    assert ("person/ali_bagheri_kani", "Ali Bagheri Kani") in names


def test_meetings_are_the_gold_meetings(store) -> None:
    rows = [r for r in ask(store, "meetings") if r["capacity"] == "participant"]
    meetings: dict[str, set[str]] = {}
    for r in rows:
        meetings.setdefault((r["meeting"], r["kind"].rsplit("#")[-1]), set()).add(r["actor"])
    assert {(kind, frozenset(actors)) for (_m, kind), actors in meetings.items()} == GOLD_MEETINGS
    assert len(meetings) == 9  # the Amir-Abdollahian–Haniyeh calls of 003 and 004 are two calls


def test_roles_gives_bagheri_acting_foreign_minister_in_both_doha_articles(store) -> None:
    rows = ask(store, "roles")
    doha = {r["article"] for r in rows if r["person"] == "person/ali_bagheri_kani"
            and r["role"] == "acting foreign minister" and r["organization"] == "country/iran"}
    assert doha == {"article/001_fc04969042098be9", "article/002_b74188f3615a39eb"}


def test_claims_attributes_the_statement_to_its_speaker(store) -> None:
    rows = ask(store, "claims")
    assert any(r["speaker"] == "person/ali_bagheri_kani" and "ایران از همان روز نخست" in r["text"]
               and r["article"] == "article/000_b5b6e817b6dc117a" for r in rows)


def test_shared_interlocutors_include_the_gold_triples_and_filter_by_actor(store) -> None:
    triples = {(r["a"], r["b"], r["via"]) for r in ask(store, "shared-interlocutors")}
    assert {("person/ali_bagheri_kani", "person/hossein_amir_abdollahian", "person/ismail_haniyeh"),
            ("person/ismail_haniyeh", "person/ziyad_al_nakhalah", "person/hossein_amir_abdollahian"),
            ("person/ismail_haniyeh", "person/mousa_abu_marzouk", "person/ali_bagheri_kani"),
            ("person/sergey_ryabkov", "person/text/میخاییلباگدانف", "person/ali_bagheri_kani")} <= triples
    mine = ask(store, "shared-interlocutors", actor="hossein_amir_abdollahian")
    assert mine and all("person/hossein_amir_abdollahian" in (r["a"], r["b"], r["via"]) for r in mine)


# --- the other saved questions ---------------------------------------------------------------------


def test_person_meetings_with_the_role_each_side_held_then(store) -> None:
    rows = ask(store, "person-meetings", person="علی باقری")  # a Persian name resolves to the IRI
    assert len(rows) == 5
    doha = [r for r in rows if r["other"] == "person/ismail_haniyeh"]
    assert [(r["date"], r["place"], r["role"], r["otherRole"]) for r in doha] == [
        ("2024-06-19", "place/doha", "acting foreign minister", "head of political bureau")]
    moscow = [r for r in rows if r.get("place") == "place/moscow"]
    assert len(moscow) == 4 and {r["role"] for r in moscow} == {"deputy foreign minister"}


def test_met_both(store) -> None:
    rows = ask(store, "met-both", x="ali_bagheri_kani", y="hossein_amir_abdollahian")
    assert rows == [{"actor": "person/ismail_haniyeh", "withX": "1", "withY": "2"}]


def test_person_roles_over_time(store) -> None:
    rows = {(r["role"], r["basis"], r.get("from", ""), r.get("articles", "")) for r in
            ask(store, "person-roles", person="ali_bagheri_kani")}
    assert ("acting foreign minister", "stated", "2024-06-20", "2") in rows
    assert ("deputy foreign minister", "stated", "", "1") in rows  # article 000 is undated
    assert any(basis == "known" for _role, basis, _from, _n in rows)


def test_meeting_claims(store) -> None:
    doha = next(r["meeting"] for r in ask(store, "person-meetings", person="ismail_haniyeh")
                if r.get("place") == "place/doha")
    rows = ask(store, "meeting-claims", meeting=B + doha)
    assert {r["article"] for r in rows} == {"article/001_fc04969042098be9", "article/002_b74188f3615a39eb"}
    assert any(r["speaker"] == "person/ali_bagheri_kani" and "ضرورت دارد از همه ظرفیتها" in r["text"] for r in rows)
    assert any(r["speaker"] == "person/ismail_haniyeh" and "طوفان الاقصی معادلات جدیدی" in r["text"] for r in rows)


def test_corroborated_meetings(store) -> None:
    rows = ask(store, "corroborated-meetings")
    assert [(r["date"], r["sources"]) for r in rows] == [("2024-06-19", "2")]
    assert len(ask(store, "corroborated-meetings", min="1")) == 9


@pytest.mark.parametrize(("place", "count"), [
    pytest.param("moscow", 5, id="city"), pytest.param("russia", 5, id="country contains Moscow"),
    pytest.param("doha", 1, id="Doha"), pytest.param("دوحه", 1, id="دوحه (Doha, in Persian)"),
])
def test_meetings_in_place(store, place: str, count: int) -> None:
    assert len(ask(store, "meetings-in-place", place=place)) == count


def test_meetings_between_dates(store) -> None:
    december = ask(store, "meetings-between", **{"from": "2023-12-01", "to": "2023-12-31"})
    assert {r["kind"] for r in december} == {"Meeting", "PhoneCall"}
    assert {frozenset(r["participants"].split()) for r in december} == {
        frozenset({"person/ebrahim_raisi", "person/vladimir_putin"}),
        frozenset({"person/hossein_amir_abdollahian", "person/ismail_haniyeh"})}
    since = ask(store, "meetings-between", **{"from": "2024-01-01"})
    assert column(since, "date") == ["2024-06-19"]


def test_person_claims_optionally_about_an_actor(store) -> None:
    everything = ask(store, "person-claims", person="ali_bagheri_kani")
    about = ask(store, "person-claims", person="ali_bagheri_kani", about="palestine")
    assert {r["article"] for r in everything} == {"article/000_b5b6e817b6dc117a", "article/001_fc04969042098be9"}
    assert 0 < len(about) < len(everything)
    for r in about:
        assert store.query(f"ASK {{ <{B}{r['claim']}> <https://example.org/kg/ontology#mentions> "
                           f"<{B}country/palestine> }}", use_default_graph_as_union=True)


def test_institutional_contacts(store) -> None:
    rows = {(r["level"], r["a"], r["b"]) for r in ask(store, "institutional-contacts")}
    assert rows == {("organization", "country/iran", "organization/hamas"),
                    ("organization", "country/iran", "organization/pij"),
                    ("organization", "country/iran", "country/russia"),
                    ("country", "country/iran", "country/palestine"),
                    ("country", "country/iran", "country/russia")}
    assert len(ask(store, "institutional-contacts", level="country")) == 2
    assert {r["level"] for r in ask(store, "institutional-contacts", actor="russia")} == {"organization", "country"}


def test_interlocutors_and_how_often(store) -> None:
    rows = {r["other"]: (r["meetings"], r["calls"], r["total"])
            for r in ask(store, "interlocutors", actor="hossein_amir_abdollahian")}
    assert rows == {"person/ismail_haniyeh": ("0", "2", "2"), "person/ziyad_al_nakhalah": ("0", "1", "1")}


def test_phone_calls(store) -> None:
    assert len(ask(store, "phone-calls")) == 3
    calls = ask(store, "phone-calls", actor="ziyad_al_nakhalah")
    assert len(calls) == 1 and calls[0]["articles"] == "article/004_f123fd4ab106fae1"


def test_attendance_of_others_present(store) -> None:
    rows = ask(store, "attendance")
    assert [(r["person"], r["article"]) for r in rows] == [("person/kazem_jalali", "article/000_b5b6e817b6dc117a")]
    assert set(rows[0]["principals"].split()) == {"person/ali_bagheri_kani", "person/mousa_abu_marzouk"}


def test_text_only_persons_with_confidence(store) -> None:
    rows = ask(store, "text-only-persons")
    assert [r["person"] for r in rows] == ["person/text/میخاییلباگدانف"]  # Bogdanov is not in the knowledge base
    assert 0 < float(rows[0]["confidence"]) <= 1


@pytest.mark.parametrize("actor", ["ali_bagheri_kani", "ismail_haniyeh", "hossein_amir_abdollahian",
                                   "mousa_abu_marzouk", "ebrahim_raisi"])
def test_shared_interlocutors_on_demand_equal_the_materialised_ones(store, actor: str) -> None:
    materialised = ask(store, "shared-interlocutors", actor=actor)
    on_demand = ask(store, "shared-interlocutors-of", actor=actor)
    key = lambda r: (r["a"], r["b"], r["via"], r.get("first", ""), r.get("last", ""))  # noqa: E731
    assert sorted(map(key, on_demand)) == sorted(map(key, materialised))


def test_shared_interlocutors_on_demand_in_a_time_window(store) -> None:
    rows = ask(store, "shared-interlocutors-of", actor="ismail_haniyeh", to="2023-12-31")
    assert [(r["a"], r["b"], r["via"]) for r in rows] == [
        ("person/ismail_haniyeh", "person/ziyad_al_nakhalah", "person/hossein_amir_abdollahian")] or rows == []
    assert ask(store, "shared-interlocutors-of", actor="ismail_haniyeh", **{"from": "2024-01-01"}) == []


def test_articles_with_publisher_agencies_and_date(store) -> None:
    rows = {r["article"].removeprefix("article/"): r for r in ask(store, "articles")}
    assert len(rows) == 5
    assert rows["003_e1d003cca7f14586"]["publisher"] == "organization/sputnik"
    assert rows["003_e1d003cca7f14586"]["published"] == "2023-12-08"
    assert rows["000_b5b6e817b6dc117a"]["cites"] == "organization/irna"
    assert rows["001_fc04969042098be9"]["published"] == "2024-06-20"


# --- the query layer ----------------------------------------------------------------------------------


def test_at_least_fifteen_saved_questions_each_with_a_question_and_columns() -> None:
    queries = saved_queries()
    assert len(queries) >= 15
    for name, query in queries.items():
        assert query.question.endswith("?"), name
        assert query.columns, name


def test_every_saved_query_is_documented_with_its_question() -> None:
    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for name, query in saved_queries().items():
        assert f"`{name}`" in text, name
        assert query.question in text, name


@pytest.mark.parametrize(("params", "message"), [
    pytest.param({"from": "June 2024"}, "is not a date", id="malformed date"),
    pytest.param({"from": "2024-01-01", "until": "2024-02-01"}, "has no parameter", id="undeclared parameter"),
    pytest.param({}, "needs --param from", id="missing parameter"),
])
def test_parameters_are_checked_against_the_header(store, params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bind(load_query("meetings-between"), params, ActorResolver(store))


def test_kg_query_cli_binds_an_actor_name_and_prints_csv() -> None:
    done = kg_main("query", "interlocutors", "--store", str(seed_store()), "-p", "actor=زیاد نخاله", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "other,meetings,calls,total,first,last"
    assert "person/hossein_amir_abdollahian" in done.stdout


def test_kg_queries_lists_the_saved_queries_with_their_parameters() -> None:
    done = kg_main("queries", "-f", "tsv")
    assert done.returncode == 0
    assert "shared-interlocutors-of\t" in done.stdout and "actor (actor)" in done.stdout


def test_query_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("# Question: How many articles?\n# Columns: ?n\n"
                    "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://example.org/kg/ontology#Article> }\n")
    done = kg_main("query", str(path), "--store", str(seed_store()), "-f", "csv")
    assert done.stdout.splitlines() == ["n", "5"]


def test_tables_show_short_iris_and_csv_keeps_them_whole() -> None:
    table = kg_main("query", "meetings", "--store", str(seed_store()))
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["meeting", "kind", "actor"]
    assert any(" kg:Meeting " in line and " person/ali_bagheri_kani " in line for line in lines[2:])
    assert "https://example.org/kg/" not in table.stdout
    csv = kg_main("query", "meetings", "--store", str(seed_store()), "-f", "csv")
    assert "https://example.org/kg/ontology#Meeting" in csv.stdout
    assert "https://example.org/kg/person/ali_bagheri_kani" in csv.stdout


def test_compact_iris_shortens_only_iris_under_a_known_namespace() -> None:
    from kg.output import compact_iris

    compact = compact_iris("https://data.example/news/")
    assert compact("https://data.example/news/person/x") == "person/x"
    assert compact("https://example.org/kg/ontology#PhoneCall") == "kg:PhoneCall"
    assert compact("http://www.wikidata.org/entity/Q42") == "wd:Q42"
    assert compact("https://example.org/kg/person/x") == "https://example.org/kg/person/x"  # another base
    assert compact("https://data.example/news/") == "https://data.example/news/"  # nothing left to show
    assert compact("متن با https://data.example/news/x") == "متن با https://data.example/news/x"
