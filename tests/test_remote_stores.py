"""Remote stores, end to end: `kg push` to a real Oxigraph server, `kg serve`, and Apache Jena (riot
validation, a TDB2 load, ARQ queries) — every saved query answers the same everywhere.

The Oxigraph server comes from the `oxigraph` package on PyPI (dev dependency) and Jena from Debian's
`libapache-jena-java` (installed by `make system-deps`); both listen on or read from this machine only.
When a tool is missing the test is skipped, unless KG_REQUIRE_INTEGRATION=1 (set by CI), where a
missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from store_helpers import kg, seed_store

from kg.queries import ActorResolver, bind, run, saved_queries
from kg.rdf.store import open_store
from kg.remote import RemoteStore, wait_until_up, with_values

JAVA_DIR = Path("/usr/share/java")
# Jena's jars and those of the Debian packages libapache-jena-java depends on, with one slf4j binding.
JENA_DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io",
                     "commons-lang3", "dexx.collection", "gson", "guava", "httpclient", "httpcore",
                     "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java",
                     "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld", "slf4j-api", "slf4j-nop")


def _missing(tool: str) -> None:
    if os.environ.get("KG_REQUIRE_INTEGRATION") == "1":
        pytest.fail(f"{tool} is not installed (run `make system-deps`)")
    pytest.skip(f"{tool} is not installed (run `make system-deps`)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rows(columns: list[str], rows) -> list[tuple[str, ...]]:
    """Rows as sorted tuples; inside a cell the items separated by " " or "; " are sorted too, because
    SPARQL leaves the order of GROUP_CONCAT unspecified (Jena and Oxigraph do differ)."""
    return sorted(tuple(" ".join(sorted(re.split(r";? ", row.get(c, "")))) for c in columns) for row in rows)


def _cases(store: pyoxigraph.Store) -> list[tuple[str, dict]]:
    """Every saved query, unbound, and with its actor parameters bound to the best-connected person."""
    hub = next(iter(store.query(
        "PREFIX kg: <https://example.org/kg/ontology#> SELECT ?p (COUNT(?m) AS ?n) "
        "WHERE { ?m kg:participant ?p } GROUP BY ?p ORDER BY DESC(?n) STR(?p) LIMIT 1",
        use_default_graph_as_union=True)))["p"].value
    cases = []
    for name, query in saved_queries().items():
        required = {p.name for p in query.parameters if not p.optional}
        actors = {p.name: hub for p in query.parameters if p.type == "actor"}
        if not required:
            cases.append((name, {}))
        if actors and required <= set(actors):
            cases.append((name, actors))
    return cases


def _embedded_answers(store: pyoxigraph.Store) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    queries = saved_queries()
    answers = {}
    for name, params in _cases(store):
        # Bound the way an endpoint gets them (kg.remote.with_values), so every store runs the same text.
        text = with_values(queries[name].text, bind(queries[name], params, ActorResolver(store)))
        columns, rows = run(store, text)
        answers[(name, json.dumps(params))] = _rows(columns, rows)
    return answers


@pytest.fixture(scope="module")
def seeds() -> Path:
    return seed_store()


@pytest.fixture(scope="module")
def expected(seeds: Path) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    return _embedded_answers(open_store(seeds))


def _remote_answers(endpoint: str, store: pyoxigraph.Store) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    remote = RemoteStore(endpoint)
    queries = saved_queries()
    answers = {}
    for name, params in _cases(store):
        columns, rows = run(remote, queries[name].text, bind(queries[name], params, ActorResolver(store)))
        answers[(name, json.dumps(params))] = _rows(columns, rows)
    return answers


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        _missing("the oxigraph server (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _count(endpoint: str) -> int:
    result = RemoteStore(endpoint).query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(result))["n"].value)


def test_push_to_oxigraph_server_answers_every_saved_query_the_same(
        seeds: Path, expected: dict, oxigraph_server: str) -> None:
    pushed = kg("push", str(seeds), "--endpoint", f"{oxigraph_server}/store")
    assert pushed.returncode == 0, pushed.stderr
    store = open_store(seeds)
    assert _count(f"{oxigraph_server}/query") == len(store)
    assert _remote_answers(f"{oxigraph_server}/query", store) == expected
    again = kg("push", str(seeds), "--endpoint", f"{oxigraph_server}/store")
    assert again.returncode == 0, again.stderr
    assert _count(f"{oxigraph_server}/query") == len(store), "a second push replaces graphs, adds nothing"
    cli = kg("query", "meetings", "--endpoint", f"{oxigraph_server}/query", "--format", "json")
    local = kg("query", "meetings", "--store", str(seeds), "--format", "json")
    assert cli.returncode == 0, cli.stderr
    rows = [sorted(map(json.dumps, json.loads(done.stdout))) for done in (cli, local)]
    assert rows[0] == rows[1]


def test_push_whole_dataset_in_one_request(seeds: Path, oxigraph_server: str) -> None:
    pushed = kg("push", str(seeds), "--endpoint", f"{oxigraph_server}/store", "--dataset")
    assert pushed.returncode == 0, pushed.stderr
    assert _count(f"{oxigraph_server}/query") == len(open_store(seeds))


def test_push_to_nothing_is_a_clear_error(seeds: Path) -> None:
    done = kg("push", str(seeds), "--endpoint", f"http://127.0.0.1:{_free_port()}/store")
    assert done.returncode == 2
    assert "Connection refused" in done.stderr or "refused" in done.stderr.lower()


def test_kg_serve_answers_saved_queries_and_refuses_updates(seeds: Path, expected: dict) -> None:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(seeds), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        endpoint = f"http://127.0.0.1:{port}/query"
        wait_until_up(endpoint)
        assert _remote_answers(endpoint, open_store(seeds)) == expected
        update = urllib.request.Request(endpoint, data=b"update=CLEAR+ALL", method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(update, timeout=30)
        assert _remote_answers(endpoint, open_store(seeds)) == expected
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_parameters_sent_to_an_endpoint_stay_values() -> None:
    evil = pyoxigraph.Literal('x" } ; DROP ALL ; SELECT * { "')
    text = with_values("# WHERE { in a comment\nSELECT ?a WHERE { ?a ?p ?name }",
                       {pyoxigraph.Variable("name"): evil})
    assert text.count("VALUES") == 1 and '\\"' in text
    assert text.index("VALUES") > text.index("SELECT ?a WHERE {")
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://a"), pyoxigraph.NamedNode("http://p"), evil))
    assert [r["a"].value for r in store.query(text)] == ["http://a"]


# --------------------------------------------------------------------------------------------------
# Apache Jena


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """`java -cp …` for Debian's Jena jars, with the shaded xerces' message files where it looks for them."""
    if not shutil.which("java") or not (JAVA_DIR / "jena-cmds.jar").exists():
        _missing("Apache Jena (libapache-jena-java) or java")
    resources = tmp_path_factory.mktemp("jena-resources")
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                target = resources / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = sorted(p for p in JAVA_DIR.glob("jena-*.jar") if not re.search(r"-\d+(\.\d+)+$", p.stem))
    jars += [JAVA_DIR / f"{name}.jar" for name in JENA_DEPENDENCIES if (JAVA_DIR / f"{name}.jar").exists()]
    return ["java", "-cp", ":".join([str(resources), *map(str, jars)])]


def _java(jena: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*jena, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


# Not json-ld: Debian's Jena 4.5 has the JSON-LD 1.1 reader (titanium) but no jakarta.json implementation
# to run it ("LOADING_DOCUMENT_FAILED" on any document); tests/test_store_export.py reads it with rdflib.
@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "nt"])
def test_jena_riot_validates_every_export_format(fmt: str, seeds: Path, jena: list[str],
                                                 tmp_path: Path) -> None:
    suffix = {"trig": "trig", "nquads": "nq", "turtle": "ttl", "nt": "nt"}[fmt]
    out = tmp_path / f"graph.{suffix}"
    assert kg("export", str(seeds), "--format", fmt, "-o", str(out)).returncode == 0
    done = _java(jena, "riotcmd.riot", "--validate", "--strict", str(out))
    assert "ERROR" not in done.stderr and "WARN" not in done.stderr, done.stderr


def test_jena_tdb2_answers_every_saved_query_the_same(seeds: Path, expected: dict, jena: list[str],
                                                     tmp_path: Path) -> None:
    tdb = tmp_path / "tdb2"
    _java(jena, "tdb2.tdbloader", "--loc", str(tdb), str(seeds / "graph.trig"))
    store = open_store(seeds)
    queries = saved_queries()
    answers = {}
    for name, params in _cases(store):
        query = queries[name]
        text = with_values(query.text, bind(query, params, ActorResolver(store)))
        (tmp_path / "q.rq").write_text(text, encoding="utf-8")
        done = _java(jena, "tdb2.tdbquery", "--loc", str(tdb), "--set", "tdb:unionDefaultGraph=true",
                     "--results=json", "--query", str(tmp_path / "q.rq"))
        solutions = pyoxigraph.parse_query_results(done.stdout.encode(), pyoxigraph.QueryResultsFormat.JSON)
        columns = [v.value for v in solutions.variables]
        answers[(name, json.dumps(params))] = _rows(
            columns, ({c: s[c].value for c in columns if s[c] is not None} for s in solutions))
    assert answers == expected


def test_jena_arq_reads_the_union_export(seeds: Path, jena: list[str], tmp_path: Path) -> None:
    query = tmp_path / "count.rq"
    query.write_text("PREFIX kg: <https://example.org/kg/ontology#>\n"
                     "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kg:Meeting }\n", encoding="utf-8")
    done = _java(jena, "arq.sparql", "--data", str(seeds / "graph.ttl"), "--results=csv",
                 "--query", str(query))
    store = open_store(seeds)
    count = next(iter(store.query(query.read_text(), use_default_graph_as_union=True)))["n"].value
    assert done.stdout.split() == ["n", count]
