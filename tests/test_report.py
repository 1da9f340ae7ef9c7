"""`kg report`: one self-contained HTML file whose network, timeline and actor sections match the graph."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pyoxigraph
import pytest
from fixtures_network import interactions_by_sparql, seed_store  # noqa: F401  (a fixture)

from kg.cli import main
from kg.network import actor_graph
from kg.report import render_report

HANIYEH = "https://example.org/kg/person/ismail_haniyeh"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the embedded JSON data."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data_json = ""
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._in_data = tag == "script" and attributes.get("id") == "kg-data"

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_json += data


@pytest.fixture(scope="module")
def report(seed_store, tmp_path_factory):  # noqa: F811
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(seed_store), "-o", str(path)]) == 0
    html = path.read_text(encoding="utf-8")
    parsed = Elements()
    parsed.feed(html)
    return html, parsed


def test_report_is_self_contained(report):
    html, parsed = report
    for tag, attributes in parsed.tags:
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            assert not re.match(r"^(https?:)?//", value), f"<{tag} {name}={value}> reaches outside the file"
        assert not (tag == "link" and attributes.get("rel") == "stylesheet")
        assert not (tag == "script" and "src" in attributes)
    assert "window.kgReport" in html  # the script is inlined


def test_report_network_data_matches_the_graph(report, seed_store):  # noqa: F811
    _, parsed = report
    data = json.loads(parsed.data_json)
    graph = actor_graph(seed_store)
    assert {n["id"] for n in data["nodes"]} == set(graph)
    assert len(data["edges"]) == graph.number_of_edges()
    in_store = interactions_by_sparql(seed_store)
    assert {i["id"] for i in data["interactions"]} == set(in_store)
    assert data["kinds"] == [k for k in ("Meeting", "PhoneCall", "Visit", "Letter", "PressConference")
                             if any(kind == k for kind, _ in in_store.values())]
    haniyeh = next(n for n in data["nodes"] if n["id"] == HANIYEH)
    assert haniyeh["labels"] == {"en": "Ismail Haniyeh", "fa": "اسماعیل هنیه", "ar": "إسماعيل هنية"}
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in data["nodes"])


def test_report_has_a_section_per_actor(report, seed_store):  # noqa: F811
    html, parsed = report
    sections = [a for tag, a in parsed.tags if tag == "section" and a.get("class") == "actor"]
    assert {a["data-iri"] for a in sections} == set(actor_graph(seed_store))
    haniyeh = html.split(f'data-iri="{HANIYEH}"')[1].split("</section>")[0]
    assert "Interactions (3)" in haniyeh
    assert "Claims (12)" in haniyeh
    assert "head of political bureau" in haniyeh


def test_report_timeline_lists_every_interaction(report, seed_store):  # noqa: F811
    _, parsed = report
    rows = [a for tag, a in parsed.tags if tag == "tr" and (a.get("id") or "").startswith("interaction-")]
    assert len(rows) == len(interactions_by_sparql(seed_store))
    dates = [r["data-date"] for r in rows]
    # dated ones first, in date order, then the undated
    assert dates == sorted(d for d in dates if d) + [""] * dates.count("")
    assert dates[:1] == ["2023-12-07"] and "2024-06-19" in dates


def test_report_marks_persian_and_arabic_right_to_left(report):
    html, parsed = report
    arabic_claims = [a for tag, a in parsed.tags if tag == "blockquote" and a.get("lang") == "ar"]
    persian_claims = [a for tag, a in parsed.tags if tag == "blockquote" and a.get("lang") == "fa"]
    assert arabic_claims and persian_claims
    assert all(a.get("dir") == "rtl" for a in arabic_claims + persian_claims)
    assert '<bdi lang="fa" dir="rtl">اسماعیل هنیه</bdi>' in html


def test_report_lists_its_sources(report):
    _, parsed = report
    rows = [a for tag, a in parsed.tags if tag == "tr" and (a.get("id") or "").startswith("article-")]
    assert len(rows) == 5


def test_report_is_the_same_on_every_run(seed_store):  # noqa: F811
    assert render_report(seed_store)[0] == render_report(seed_store)[0]


def test_report_escapes_names_and_cannot_close_its_script():
    """A name holding markup stays text, in the HTML and in the embedded JSON."""
    kg, base = "https://example.org/kg/ontology#", "https://example.org/kg/"
    evil = '</script><script>alert("x")</script> & <b>'
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode(base + "graph/article/t")
    for s, p, o in [(base + "meeting/m", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", kg + "Meeting"),
                    (base + "meeting/m", kg + "participant", base + "person/a"),
                    (base + "meeting/m", kg + "participant", base + "person/b"),
                    (base + "person/a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", kg + "Person")]:
        triple = (pyoxigraph.NamedNode(s), pyoxigraph.NamedNode(p), pyoxigraph.NamedNode(o))
        store.add(pyoxigraph.Quad(*triple, graph))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(base + "person/a"),
                              pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                              pyoxigraph.Literal(evil, language="en"), graph))
    html, summary = render_report(store)
    assert summary.startswith("2 actors, 1 interactions")
    assert evil not in html
    assert html.count("</script>") == 2  # the data block's and the script's own
    parsed = Elements()
    parsed.feed(html)
    nodes = {n["id"]: n for n in json.loads(parsed.data_json)["nodes"]}
    assert nodes[base + "person/a"]["label"] == evil


def test_report_cli_missing_store_exits_2(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none"), "-o", str(tmp_path / "r.html")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
