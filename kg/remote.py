"""Remote triple stores: push a store (SPARQL 1.1 Graph Store Protocol), query an endpoint (SPARQL 1.1
Protocol), and serve a store as a read-only SPARQL endpoint.

- `push` PUTs every named graph to `ENDPOINT?graph=IRI` (N-Triples), so pushing again replaces each
  graph instead of duplicating it; tested against the Oxigraph server (`/store`) and Apache Jena
  (Fuseki's `/DATASET/data`). `dataset=True` sends the whole store in one N-Quads POST instead, an
  extension both servers accept and much faster for many small graphs.
- `RemoteStore` answers `query()` like a `pyoxigraph.Store`, so saved queries run unchanged against
  an endpoint (`kg query --endpoint URL`). Parameters are sent as a `VALUES` block at the head of the
  WHERE clause, written from typed terms, never pasted into the query text. The endpoint must expose
  the union of the named graphs as its default graph (Oxigraph: `serve --union-default-graph`;
  Jena TDB2: `unionDefaultGraph`).
- `serve` answers SPARQL queries over HTTP from the live generation of a store, read-only, on the
  loopback interface by default; it follows `current` when a build publishes a new generation.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pyoxigraph

from kg.errors import KGError, QueryError
from kg.rdf import store as kgstore

USER_AGENT = "kg (https://example.org/kg)"
TIMEOUT = 300.0
RESULT_FORMATS = {
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {"application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
                 "text/turtle": pyoxigraph.RdfFormat.TURTLE}


class RemoteError(KGError):
    """A remote endpoint cannot be reached or refused a request."""


class _Connection:
    """One keep-alive HTTP connection to an endpoint, reopened when the server closes it."""

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"{url}: not an http(s) URL")
        self.url = url
        self.path = parts.path or "/"
        self.query = parts.query
        factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        host = parts.hostname
        self._open = lambda: factory(host, parts.port, timeout=timeout)
        self._http: http.client.HTTPConnection | None = None

    def request(self, method: str, params: Mapping[str, str] | None = None, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> tuple[int, str, bytes]:
        query = "&".join(q for q in (self.query, urlencode(params or {}, quote_via=quote)) if q)
        target = self.path + (f"?{query}" if query else "")
        all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
        for attempt in (1, 2):
            if self._http is None:
                self._http = self._open()
            try:
                self._http.request(method, target, body=body, headers=all_headers)
                response = self._http.getresponse()
                return response.status, response.getheader("Content-Type", ""), response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise RemoteError(f"{self.url}: the server closed the connection") from None
            except OSError as exc:
                self.close()
                raise RemoteError(f"{self.url}: {exc.strerror or exc}") from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None


def _check(status: int, body: bytes, what: str, url: str) -> None:
    if status >= 300:
        detail = body.decode("utf-8", "replace").strip().splitlines()[:3]
        raise RemoteError(f"{url}: {what} failed with HTTP {status}: {' '.join(detail)}")


# --------------------------------------------------------------------------------------------------
# Push


def push(store: pyoxigraph.Store, endpoint: str, *, dataset: bool = False,
         progress=None) -> int:
    """Send every named graph of `store` to a Graph Store Protocol endpoint; returns the graphs sent."""
    conn = _Connection(endpoint)
    try:
        if dataset:
            body = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
            status, _, answer = conn.request("POST", body=body,
                                             headers={"Content-Type": "application/n-quads"})
            _check(status, answer, "POST of the dataset", endpoint)
            return sum(1 for _ in store.named_graphs())
        graphs = sorted(store.named_graphs(), key=str)
        for n, graph in enumerate(graphs, start=1):
            if not isinstance(graph, pyoxigraph.NamedNode):
                continue
            body = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph)
            status, _, answer = conn.request("PUT", {"graph": graph.value}, body,
                                             {"Content-Type": "application/n-triples"})
            _check(status, answer, f"PUT of <{graph.value}>", endpoint)
            if progress and n % 1000 == 0:
                progress(f"pushed {n}/{len(graphs)} graphs")
        return len(graphs)
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------------
# Querying an endpoint

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(text: str, substitutions: Mapping[pyoxigraph.Variable, object]) -> str:
    """The query with its parameters bound by a VALUES block opening the WHERE clause.

    Terms are written in N-Triples syntax by pyoxigraph (IRIs checked, literals escaped), so a value
    can never change the query's structure.
    """
    if not substitutions:
        return text
    match = _WHERE.search(_without_comments(text))
    if match is None:
        raise QueryError("parameters can be sent to an endpoint only for a query with a WHERE clause")
    names = " ".join(str(v) for v in substitutions)
    values = " ".join(str(t) for t in substitutions.values())
    return f"{text[:match.end()]}\n  VALUES ({names}) {{ ({values}) }}\n{text[match.end():]}"


def _without_comments(text: str) -> str:
    """Comments blanked out (same length), so offsets still match `text`; `#` inside IRIs and strings kept."""
    return re.sub(r'(<[^>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|#[^\n]*',
                  lambda m: m.group(1) or " " * len(m.group()), text)


class RemoteStore:
    """A SPARQL endpoint answering `query` like a `pyoxigraph.Store` (for kg.queries.run, ActorResolver)."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self._conn = _Connection(endpoint)

    def query(self, text: str, *, use_default_graph_as_union: bool = True,
              substitutions: Mapping[pyoxigraph.Variable, object] | None = None):
        """Results as pyoxigraph objects: QuerySolutions, QueryBoolean, or an iterator of triples."""
        body = urlencode({"query": with_values(text, substitutions or {})}).encode()
        accept = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        status, content_type, answer = self._conn.request("POST", body=body, headers=headers)
        if status == 400:
            reason = answer.decode("utf-8", "replace").strip()[:300]
            raise QueryError(f"{self.endpoint} refused the query: {reason}")
        _check(status, answer, "query", self.endpoint)
        media = content_type.split(";")[0].strip().lower()
        if media in RESULT_FORMATS:
            return pyoxigraph.parse_query_results(answer, RESULT_FORMATS[media])
        if media in GRAPH_FORMATS:
            return iter(pyoxigraph.parse(answer, GRAPH_FORMATS[media]))
        raise RemoteError(f"{self.endpoint}: unexpected answer of type {content_type or 'none'}")

    def quads_for_pattern(self, subject, predicate, obj, graph=None) -> Iterator[pyoxigraph.Quad]:
        """The triples matching a pattern over the union graph (graph must be None), as quads."""
        if graph is not None:
            raise QueryError("a remote store is queried over the union of its graphs only")
        terms = {"s": subject, "p": predicate, "o": obj}
        variables = {pyoxigraph.Variable(k): v for k, v in terms.items() if v is not None}
        solutions = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions=variables)
        for row in solutions:
            yield pyoxigraph.Quad(*(terms[k] if terms[k] is not None else row[k] for k in "spo"))


# --------------------------------------------------------------------------------------------------
# Serving a store


class _LiveStore:
    """The store's live generation, reopened when a build publishes a new one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._gen: Path | None = None
        self._store: pyoxigraph.Store | None = None

    def get(self) -> pyoxigraph.Store:
        gen = kgstore.live_generation(self.root)
        with self._lock:
            if gen != self._gen or self._store is None:
                self._store = kgstore.open_store(self.root)
                self._gen = gen
            return self._store


def make_server(root: Path, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """An HTTP server answering the SPARQL 1.1 Protocol (query only) at /query and /sparql."""
    live = _LiveStore(Path(root))
    live.get()  # fail now, not at the first request, when STORE is not a store

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-serve"

        def log_message(self, format: str, *args) -> None:  # quiet: stderr is the user's terminal
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path not in ("/query", "/sparql"):
                self._send(404, "text/plain", b"not found: SPARQL queries go to /query\n")
                return
            self._answer(parse_qs(parts.query).get("query", [None])[0])

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            if parts.path not in ("/query", "/sparql"):
                self._send(404, "text/plain", b"not found: SPARQL queries go to /query\n")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                self._answer(body)
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qs(body)
                if "update" in form:
                    self._send(403, "text/plain", b"this endpoint is read-only\n")
                    return
                self._answer(form.get("query", [None])[0])
            else:
                self._send(415, "text/plain", b"send application/sparql-query or a form with query=\n")

        def _answer(self, text: str | None) -> None:
            if not text:
                self._send(400, "text/plain", b"missing query parameter\n")
                return
            try:
                result = live.get().query(text, use_default_graph_as_union=True)
            except SyntaxError as exc:
                self._send(400, "text/plain", f"malformed query: {exc}\n".encode())
                return
            except KGError as exc:
                self._send(503, "text/plain", f"{exc}\n".encode())
                return
            accept = self.headers.get("Accept") or ""
            if isinstance(result, pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean):
                media = next((m for m in RESULT_FORMATS if m in accept), "application/sparql-results+json")
                self._send(200, media, result.serialize(format=RESULT_FORMATS[media]) or b"")
            else:
                media = next((m for m in GRAPH_FORMATS if m in accept), "application/n-triples")
                self._send(200, media, pyoxigraph.serialize(result, format=GRAPH_FORMATS[media]) or b"")

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            charset = "; charset=utf-8" if media.startswith("text/") else ""
            self.send_header("Content-Type", media + charset)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    try:
        return ThreadingHTTPServer((host, port), Handler)
    except OSError as exc:
        raise RemoteError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def wait_until_up(url: str, seconds: float = 30.0) -> None:
    """Wait until an HTTP server answers at `url` (any status); RemoteError after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        conn = _Connection(url, timeout=2.0)
        try:
            conn.request("GET")
            return
        except RemoteError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        finally:
            conn.close()
