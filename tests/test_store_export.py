"""`kg export`: every format reads back as the store's graph; Turtle and N-Triples hold the union once,
without the contact sheets' dates (they hold only inside their sheet graph)."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from store_helpers import kg, seed_store

from kg.rdf.store import EXPORT_FORMATS, export, open_store


@pytest.fixture(scope="module")
def store() -> Path:
    return seed_store()


def _quads(store_dir: Path) -> set[pyoxigraph.Quad]:
    return set(open_store(store_dir).quads_for_pattern(None, None, None, None))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "json-ld"])
def test_export_dataset_formats_keep_every_named_graph(fmt: str, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    done = kg("export", str(store), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    parsed = set(pyoxigraph.parse(path=str(out), format=EXPORT_FORMATS[fmt]))
    assert parsed == _quads(store)
    graphs = {q.graph_name.value for q in parsed}
    assert {"https://example.org/kg/graph/ontology", "https://example.org/kg/graph/knowledge-base",
            "https://example.org/kg/graph/inferred"} <= graphs
    assert sum("/graph/article/" in g for g in graphs) == 5


def test_export_json_ld_reads_in_rdflib(store: Path) -> None:
    buffer = io.BytesIO()
    export(open_store(store), buffer, "json-ld")
    dataset = rdflib.Dataset()
    dataset.parse(data=buffer.getvalue(), format="json-ld")
    named = {str(c) for _, _, _, c in dataset.quads((None, None, None, None))}
    assert len(list(dataset.quads((None, None, None, None)))) == len(_quads(store))
    assert named == {q.graph_name.value for q in _quads(store)}


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_export_triple_formats_write_the_union_each_triple_once(fmt: str, store: Path) -> None:
    done = kg("export", str(store), "--format", fmt, "-o", "-")
    assert done.returncode == 0, done.stderr
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object)
               for q in pyoxigraph.parse(done.stdout.encode(), format=EXPORT_FORMATS[fmt])]
    sheet_dates = {"https://example.org/kg/ontology#firstContact", "https://example.org/kg/ontology#lastContact"}
    union = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in _quads(store)
             if q.predicate.value not in sheet_dates}
    assert len(triples) == len(set(triples)) and set(triples) == union
    assert any(q.predicate.value in sheet_dates for q in _quads(store))


def test_export_of_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    done = kg("export", str(tmp_path / "nothing"), "--format", "trig", "-o", "-")
    assert done.returncode == 2 and "no such store" in done.stderr
