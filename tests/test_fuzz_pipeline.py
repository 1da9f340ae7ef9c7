"""Fuzzing the whole extraction pipeline and the RDF written from it.

Properties: `extract` raises nothing but `InputError` (another language, too little text); every
offset a record carries lies inside the text, and evidence quotes the text it points at; the
N-Quads `RDFBuilder` writes for any extraction parse in Oxigraph, one quad per line, and every IRI
in them is a valid RFC 3987 IRI; any string survives the literal writer's escaping.
"""

from __future__ import annotations

import hashlib
from functools import cache

import pyoxigraph
from fuzzing import articles, fuzz_settings, languages
from hypothesis import given
from hypothesis import strategies as st
from iri_syntax import RFC3987_IRI

from kg.errors import InputError
from kg.extract.pipeline import extract
from kg.extract.resources import Resources
from kg.merge import merge_interactions
from kg.rdf.build import RDFBuilder, _lit, referenced_keys
from kg.rdf.iri import IRIs
from kg.records import DateValue, Evidence, Extraction
from kg.text.read import Source


@cache
def _resources() -> Resources:
    return Resources()


def _source(text: str, article_id: str = "fuzz") -> Source:
    return Source(id=article_id, path=f"{article_id}.txt", text=text,
                  sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                  encoding="utf-8", media_type="text/plain")


def _extract(text: str, language: str | None) -> Extraction | None:
    try:
        return extract(_source(text), _resources(), language)
    except InputError:
        return None


def _check_evidence(text: str, evidence: Evidence) -> None:
    assert 0 <= evidence.start <= evidence.end <= len(text), evidence
    assert evidence.sentence == text[evidence.start:evidence.end]


def _check_date(text: str, value: DateValue | None) -> None:
    if value is not None and value.start >= 0:
        assert value.start < value.end <= len(text), value


def check_offsets(text: str, x: Extraction) -> None:
    """Every offset of every record lies inside `text`."""
    _check_date(text, x.article.published)
    for actor in x.actors:
        if actor.evidence:
            _check_evidence(text, actor.evidence)
    for mention in x.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
    for role in x.roles:
        _check_evidence(text, role.evidence)
    for interaction in x.interactions:
        assert interaction.participants
        for evidence in (interaction.evidence, *interaction.more_evidence):
            _check_evidence(text, evidence)
        _check_date(text, interaction.date)
    for claim in x.claims:
        assert 0 <= claim.start <= claim.end <= len(text), claim
        _check_evidence(text, claim.evidence)


def check_rdf(x: Extraction) -> None:
    """The quads of one article and its knowledge-base actors are valid RDF with valid IRIs."""
    resources = _resources()
    role_labels = {r["id"]: r["label_en"] for r in resources.lexicons.role_types}
    builder = RDFBuilder(IRIs(), resources.gazetteer, merge_interactions([x]), role_labels)
    builder.remember_types([x])
    data = builder.article_quads(x).nquads() + builder.knowledge_base_quads(referenced_keys([x])).nquads()
    parsed = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS))  # Oxigraph's parser checks it
    assert len(parsed) == data.count(b"\n")  # one quad per line written
    again = pyoxigraph.serialize(parsed, format=pyoxigraph.RdfFormat.N_QUADS)
    assert again is not None and set(pyoxigraph.parse(again, format=pyoxigraph.RdfFormat.N_QUADS)) == set(parsed)
    for quad in parsed:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, pyoxigraph.NamedNode):
                assert RFC3987_IRI.fullmatch(term.value), term.value


@fuzz_settings(1500)
@given(st.data(), languages)
def test_extraction_in_a_given_language_never_fails_and_stays_in_the_text(data: st.DataObject,
                                                                          language: str) -> None:
    text = data.draw(articles(language))
    x = _extract(text, language)
    if x is not None:
        check_offsets(text, x)


@fuzz_settings(1000)
@given(st.data(), languages)
def test_extraction_with_language_detection_never_fails(data: st.DataObject, language: str) -> None:
    text = data.draw(articles(language))
    x = _extract(text, None)
    if x is not None:
        assert x.article.language in ("fa", "ar")
        check_offsets(text, x)


@fuzz_settings(1000)
@given(st.data(), languages)
def test_rdf_of_any_extraction_is_valid(data: st.DataObject, language: str) -> None:
    text = data.draw(articles(language))
    x = _extract(text, language)
    if x is not None:
        check_rdf(x)


@fuzz_settings(500)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), st.sampled_from([None, "fa", "ar", "en"]))
def test_any_string_written_as_a_literal_reads_back_the_same(value: str, language: str | None) -> None:
    line = f"<https://example.org/s> <https://example.org/p> {_lit(value, language)} .\n"
    (triple,) = pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert isinstance(triple.object, pyoxigraph.Literal)
    assert (triple.object.value, triple.object.language) == (value, language)
