"""Safe queries: located syntax errors, --timeout, SPARQL Update refused unless --allow-update,
parameters bound as values whatever they contain, and `kg serve` local and read-only.
"""

from __future__ import annotations

import http.client
import multiprocessing
import shutil
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import pytest
from store_helpers import answers, kg, kg_main, seed_store

from kg.errors import QueryError
from kg.queries import PARAMETER_TYPES, refuse_update, update_operation
from kg.query_guard import QueryTimeout, run_with_timeout
from kg.rdf import store as kgstore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store() -> Path:
    return seed_store()


@pytest.fixture
def store_copy(store: Path, tmp_path: Path) -> Path:
    """A private copy of the seed store, for tests that change it."""
    copy = tmp_path / "store"
    shutil.copytree(store, copy, symlinks=True)
    return copy


def _quads(store: Path) -> int:
    return len(kgstore.open_store(store))


def _one_line_error(done) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: "), done.stderr
    return lines[0]


# ------------------------------------------------------------------------------------------------
# Malformed SPARQL: line and column


SYNTAX_ERRORS = [
    pytest.param("SELECT * WHERE { ?s ?p ?o . FILTER( }", 1, id="unclosed FILTER on line 1"),
    pytest.param("PREFIX kg: <https://example.org/kg/ontology#>\nSELECT ?x WHERE {\n  ?x kg:participant }", 3,
                 id="missing object on line 3"),
    pytest.param('SELECT * WHERE {\n  ?s ?p "دیدار .\n}', 2,
                 id="unterminated Persian string «دیدار» on line 2"),
    pytest.param("SELEC * WHERE { ?s ?p ?o }", 1, id="misspelt SELECT"),
]


@pytest.mark.parametrize(("text", "line"), SYNTAX_ERRORS)
def test_sparql_syntax_error_names_line_and_column(store: Path, text: str, line: int) -> None:
    message = _one_line_error(kg_main("sparql", text, "--store", str(store)))
    assert f"malformed SPARQL at line {line}, column " in message
    assert message.split("column ")[1].split(":")[0].isdigit()


def test_saved_query_file_syntax_error_is_located(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("# Question: broken on purpose\nSELECT ?x WHERE {\n  ?x ?y ) .\n}\n", encoding="utf-8")
    message = _one_line_error(kg_main("query", str(path), "--store", str(store)))
    assert "malformed SPARQL at line 3, column " in message and "(line 3: \"?x ?y ) .\")" in message


# ------------------------------------------------------------------------------------------------
# --timeout


def test_timeout_stops_a_runaway_query_and_the_store_stays_usable(store: Path) -> None:
    before = answers(store)
    started = time.perf_counter()
    done = kg("sparql", RUNAWAY, "--store", str(store), "--timeout", "1", timeout=60)
    elapsed = time.perf_counter() - started
    assert _one_line_error(done) == ("kg: query timed out after 1 s "
                                     "(stopped; raise --timeout to give it longer)")
    assert elapsed < 30, "the query must be stopped, not waited for"
    assert answers(store) == before


def test_timeout_kills_the_child_process(store: Path) -> None:
    with pytest.raises(QueryTimeout):
        run_with_timeout(partial(kgstore.open_store, store), RUNAWAY, None, 0.5)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("saved", [("meetings",), ("actors",), ("shared-interlocutors", "-p", "actor=اسماعیل هنیه")],
                         ids=["meetings", "actors", "shared-interlocutors of «اسماعیل هنیه» (a bound parameter)"])
def test_timeout_gives_the_same_rows_as_a_plain_query(store: Path, saved: tuple[str, ...]) -> None:
    plain = kg_main("query", *saved, "--store", str(store), "--format", "tsv")
    limited = kg_main("query", *saved, "--store", str(store), "--format", "tsv", "--timeout", "60")
    assert plain.returncode == limited.returncode == 0, limited.stderr
    assert limited.stdout == plain.stdout and plain.stdout.count("\n") > 2


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
def test_timeout_must_be_a_positive_number(store: Path, value: str) -> None:
    message = _one_line_error(kg_main("sparql", "ASK {}", "--store", str(store), f"--timeout={value}"))
    assert "--timeout must be a positive number of seconds" in message


# ------------------------------------------------------------------------------------------------
# SPARQL Update refused


UPDATES = [
    pytest.param("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT", id="INSERT DATA"),
    pytest.param("DELETE WHERE { ?s ?p ?o }", "DELETE", id="DELETE WHERE"),
    pytest.param("delete { ?s ?p ?o } insert { ?s ?p 1 } where { ?s ?p ?o }", "DELETE",
                 id="lower-case DELETE/INSERT"),
    pytest.param("LOAD <http://example.org/x.ttl>", "LOAD", id="LOAD"),
    pytest.param("CLEAR ALL", "CLEAR", id="CLEAR ALL"),
    pytest.param("DROP ALL", "DROP", id="DROP ALL"),
    pytest.param("CREATE GRAPH <http://x/g>", "CREATE", id="CREATE GRAPH"),
    pytest.param("ADD DEFAULT TO <http://x/g>", "ADD", id="ADD"),
    pytest.param("MOVE <http://x/g> TO DEFAULT", "MOVE", id="MOVE"),
    pytest.param("COPY <http://x/g> TO <http://x/h>", "COPY", id="COPY"),
    pytest.param("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", id="WITH … DELETE"),
    pytest.param("# tidy up\nPREFIX kg: <https://example.org/kg/ontology#>\nBASE <http://x/>\n"
                 "DELETE WHERE { ?m a kg:Meeting }", "DELETE", id="after comment, PREFIX and BASE"),
]


@pytest.mark.parametrize(("text", "operation"), UPDATES)
def test_update_is_refused_without_allow_update(store: Path, text: str, operation: str) -> None:
    before = _quads(store)
    message = _one_line_error(kg_main("sparql", text, "--store", str(store)))
    assert message.startswith(f"kg: refused: {operation} is a SPARQL Update")
    assert "--allow-update" in message
    assert _quads(store) == before


@pytest.mark.parametrize(("text", "operation"), UPDATES[:3])
def test_update_in_a_query_file_is_refused(store: Path, tmp_path: Path, text: str, operation: str) -> None:
    path = tmp_path / "sneaky.rq"
    path.write_text(f"# Question: looks harmless\n{text}\n", encoding="utf-8")
    assert f"refused: {operation}" in _one_line_error(kg_main("query", str(path), "--store", str(store)))


QUERIES_THAT_MENTION_UPDATES = [
    pytest.param('SELECT ?s WHERE { ?s ?p "DROP ALL" }', id="keyword in a string"),
    pytest.param("# INSERT DATA { } in a comment\nSELECT * WHERE { ?s ?p ?o }", id="keyword in a comment"),
    pytest.param("PREFIX insert: <http://x/>\nASK { ?s insert:p ?o }", id="prefix named insert"),
    pytest.param("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", id="CONSTRUCT"),
    pytest.param("  \n describe <http://x/a>", id="lower-case DESCRIBE"),
]


@pytest.mark.parametrize("text", QUERIES_THAT_MENTION_UPDATES)
def test_queries_are_not_mistaken_for_updates(text: str) -> None:
    assert update_operation(text) is None
    refuse_update(text)


def test_allow_update_changes_the_live_generation_and_its_exports(store_copy: Path) -> None:
    before = _quads(store_copy)
    triple = "<https://example.org/kg/test/a> <https://example.org/kg/test/b> \"ج\""
    done = kg_main("sparql", f"INSERT DATA {{ GRAPH <https://example.org/kg/test> {{ {triple} }} }}",
              "--store", str(store_copy), "--allow-update")
    assert done.returncode == 0, done.stderr
    assert f"{before} → {before + 1} quads" in done.stderr
    assert _quads(store_copy) == before + 1
    found = kg_main("sparql", "ASK { <https://example.org/kg/test/a> ?p \"ج\" }", "--store", str(store_copy),
               "--format", "tsv")
    assert found.stdout.splitlines() == ["result", "true"]
    assert "https://example.org/kg/test/a" in (store_copy / "graph.trig").read_text(encoding="utf-8")


def test_allow_update_waits_for_no_build_it_is_refused_while_one_holds_the_lock(store_copy: Path) -> None:
    before = _quads(store_copy)
    with kgstore.build_lock(store_copy):
        done = kg_main("sparql", "DROP ALL", "--store", str(store_copy), "--allow-update")
    assert "another build is writing this store" in _one_line_error(done)
    assert _quads(store_copy) == before


def test_allow_update_reports_a_located_syntax_error(store_copy: Path) -> None:
    message = _one_line_error(kg_main("sparql", "INSERT DATA {\n <a:b> <a:c> }", "--store", str(store_copy),
                                 "--allow-update"))
    assert "malformed SPARQL Update at line 2, column" in message


# ------------------------------------------------------------------------------------------------
# Parameters are values: injections


HOSTILE = [
    pytest.param('" } ; DROP ALL ; #', id="quote, brace, DROP ALL, comment"),
    pytest.param("x> } UNION { ?s ?p ?o } #", id="angle bracket and UNION"),
    pytest.param("a\nDELETE WHERE { ?s ?p ?o }", id="newline then DELETE"),
    pytest.param("'''\"\"\" \\ \\u0022", id="long-string quotes and escapes"),
    pytest.param("http://example.org/x> . ?s ?p ?o . <y", id="IRI-looking with >"),
    pytest.param("1 || true", id="boolean expression"),
    pytest.param("2024-01-01\"^^<http://www.w3.org/2001/XMLSchema#date", id="date with datatype tail"),
    pytest.param("} SERVICE <http://127.0.0.1:1/> { ?s ?p ?o", id="SERVICE call"),
    pytest.param("وزیر» } ; CLEAR ALL", id="Persian guillemet then CLEAR ALL"),
]


def _echo_query(folder: Path, type_: str) -> Path:
    """A saved query that returns its one parameter and whether it matched anything in the store."""
    path = folder / f"echo-{type_}.rq"
    path.write_text(
        f"# Question: echo a {type_} parameter\n"
        f"# Parameter: ?value {type_} — anything\n"
        "# Columns: ?value ?matches\n"
        "SELECT ?value (COUNT(?s) AS ?matches) WHERE { OPTIONAL { ?s ?p ?value } } GROUP BY ?value\n",
        encoding="utf-8")
    return path


@pytest.mark.parametrize("type_", PARAMETER_TYPES)
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_bound_as_values(store: Path, tmp_path: Path, type_: str,
                                                      value: str) -> None:
    before = _quads(store)
    done = kg_main("query", str(_echo_query(tmp_path, type_)), "--store", str(store),
                   "--param", f"value={value}", "--format", "json")
    if done.returncode == 0:  # accepted: exactly one row, the value itself, matching nothing
        import json

        rows = json.loads(done.stdout)
        assert len(rows) == 1, rows
        if type_ == "string":
            assert rows[0]["value"] == value
        assert rows[0]["matches"] == "0"
    else:  # refused: one line that says why
        message = _one_line_error(done)
        assert "--param value" in message or "no actor named" in message or "names several actors" in message
    assert _quads(store) == before


def test_every_parameter_type_refuses_or_echoes(store: Path, tmp_path: Path) -> None:
    """A plain value of each type goes through (the injection test above is not just refusing all)."""
    plain = {"string": "hello", "iri": "https://example.org/x", "date": "2024-06-20", "integer": "42",
             "actor": "اسماعیل هنیه"}
    for type_ in PARAMETER_TYPES:
        if type_ not in plain:
            continue
        done = kg_main("query", str(_echo_query(tmp_path, type_)), "--store", str(store),
                  "--param", f"value={plain[type_]}", "--format", "tsv")
        assert done.returncode == 0, (type_, done.stderr)
        assert len(done.stdout.splitlines()) == 2


# ------------------------------------------------------------------------------------------------
# kg serve: loopback by default, read-only


def test_serve_listens_on_loopback_by_default() -> None:
    from kg.cli import make_parser

    args = make_parser().parse_args(["serve", "somewhere"])
    assert args.host == "127.0.0.1"


@pytest.fixture
def server(store: Path):
    from kg.remote import make_server

    server = make_server(store, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _request(server, method: str, path: str, body: bytes | None = None, media: str | None = None):
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request(method, path, body=body, headers={"Content-Type": media} if media else {})
    response = conn.getresponse()
    answer = response.status, response.read()
    conn.close()
    return answer


def test_serve_binds_loopback_and_refuses_every_kind_of_update(store: Path, server) -> None:
    assert server.server_address[0] == "127.0.0.1"
    before = _quads(store)
    drop = "DROP ALL"
    status, _ = _request(server, "POST", "/query", urlencode({"update": drop}).encode(),
                         "application/x-www-form-urlencoded")
    assert status == 403
    status, _ = _request(server, "POST", "/query", drop.encode(), "application/sparql-update")
    assert 400 <= status < 500
    status, _ = _request(server, "GET", "/query?" + urlencode({"query": drop}))
    assert status == 400
    status, _ = _request(server, "POST", "/query", urlencode({"query": drop}).encode(),
                         "application/x-www-form-urlencoded")
    assert status == 400
    status, body = _request(server, "GET", "/query?" + urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert status == 200 and b"true" in body
    assert _quads(store) == before


@pytest.mark.parametrize("value", HOSTILE[:4])
def test_hostile_string_through_an_endpoint_stays_a_value(store: Path, tmp_path: Path, server,
                                                          value: str) -> None:
    host, port = server.server_address[:2]
    query = str(_echo_query(tmp_path, "string"))
    local = kg_main("query", query, "--store", str(store), "--param", f"value={value}", "--format", "json")
    remote = kg_main("query", query, "--endpoint", f"http://{host}:{port}/query", "--param", f"value={value}",
                "--format", "json")
    assert remote.returncode == local.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_timeout_works_against_an_endpoint_too(store: Path, server) -> None:
    host, port = server.server_address[:2]
    local = kg_main("query", "meetings", "--store", str(store), "--format", "tsv")
    remote = kg_main("query", "meetings", "--endpoint", f"http://{host}:{port}/query", "--format", "tsv",
                     "--timeout", "60")
    assert remote.returncode == 0, remote.stderr
    assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())


def test_query_timeout_is_a_query_error() -> None:
    assert issubclass(QueryTimeout, QueryError)
