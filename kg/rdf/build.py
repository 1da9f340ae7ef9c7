"""Records → RDF: the one place triples are written.

Each article's facts go to its own named graph; what kg knows about the actors the articles refer to
(labels in en/fa/ar, Wikidata ids, parents, known positions) goes to the knowledge-base graph.
Interactions carry the IRI of the merged event (kg.merge), so two articles that report one meeting
describe the same node, each in its own graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mypy_extensions import mypyc_attr

from kg.extract.actors import NEW_PREFIX
from kg.lexicons.gazetteer import Gazetteer
from kg.merge import MergeResult
from kg.rdf.generate import ONTOLOGY_NS
from kg.rdf.iri import IRIs, role_class, wikidata
from kg.records import Actor, DateValue, Evidence, Extraction

# Terms are written as N-Triples text, and graphs as N-Quads lines, which Oxigraph parses when it loads
# them: a pyoxigraph object for every term of an article's ≈130 quads, serialised afterwards, cost
# 0.32 ms per article against 0.21 for the text (compiled, docs/benchmarks.md). kg.rdf.iri mints every
# IRI, valid by construction; tests/test_fuzz_pipeline.py parses what is written here.


def _iri(value: str) -> str:
    return f"<{value}>"


RDF_TYPE = _iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = _iri("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF = _iri("http://www.w3.org/2004/02/skos/core#prefLabel")
SKOS_ALT = _iri("http://www.w3.org/2004/02/skos/core#altLabel")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DATE = _iri(XSD + "date")
XSD_BOOLEAN = _iri(XSD + "boolean")
XSD_INTEGER = _iri(XSD + "integer")
XSD_DECIMAL = _iri(XSD + "decimal")
XSD_GYEAR = _iri(XSD + "gYear")
XSD_GYEARMONTH = _iri(XSD + "gYearMonth")
TYPE_CLASSES = {"Person", "Organization", "Country", "Place"}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


@mypyc_attr(native_class=False)  # it adds its attributes as they are asked for, which compiled classes cannot
class _Vocab:
    """kg: terms in N-Triples syntax, checked against the closed namespace of kg.rdf.vocab."""

    def __getattr__(self, name: str) -> str:
        from kg.rdf.vocab import KG

        term = _iri(str(getattr(KG, name)) if name not in ("a", "b") else ONTOLOGY_NS + name)
        setattr(self, name, term)
        return term


K = _Vocab()


def kg_term(name: str) -> str:
    return getattr(K, name)


def _lit(value: str, language: str | None = None) -> str:
    text = '"' + value.translate(_ESCAPES) + '"'
    return f"{text}@{language}" if language else text


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^{datatype}'  # lexical forms of numbers, dates and booleans need no escaping


def _bool(value: bool) -> str:
    return _typed("true" if value else "false", XSD_BOOLEAN)


def _int(value: int) -> str:
    return _typed(str(value), XSD_INTEGER)


def _decimal(value: float) -> str:
    return _typed(f"{value:.2f}", XSD_DECIMAL)


def _date_literal(value: str) -> str:
    if len(value) == 10:
        return _typed(value, XSD_DATE)
    if len(value) == 7:
        return _typed(value, XSD_GYEARMONTH)
    return _typed(value, XSD_GYEAR)


@dataclass
class GraphBuilder:
    """Collects the quads of one named graph, as N-Quads lines."""

    graph: str
    lines: list[str]

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self.graph} .\n")

    def nquads(self) -> bytes:
        return "".join(self.lines).encode("utf-8")


class RDFBuilder:
    """Turns extractions into quads, with IRIs from one `IRIs` and merged events from one `MergeResult`."""

    def __init__(self, iris: IRIs, gazetteer: Gazetteer, merged: MergeResult,
                 role_labels: dict[str, str]) -> None:
        self.iris = iris
        self.kb = gazetteer
        self.merged = merged
        self.role_labels = role_labels
        self._actor_types: dict[str, str] = {}

    # --- actors ---------------------------------------------------------------------------------------

    def actor_iri(self, key: str, type: str | None = None) -> str:
        if type is None:
            type = self._actor_types.get(key)
        if type is None:
            entry = self.kb.actors.get(key)
            type = {"person": "Person", "organization": "Organization", "country": "Country",
                    "place": "Place"}.get(entry.type if entry else "", "Person")
        return self.iris.actor(key, type)

    def _actor(self, key: str, type: str | None = None) -> str:
        return _iri(self.actor_iri(key, type))

    def remember_types(self, extractions: Iterable[Extraction]) -> None:
        for extraction in extractions:
            for actor in extraction.actors:
                self._actor_types.setdefault(actor.key, actor.type)

    # --- one article ----------------------------------------------------------------------------------

    def article_quads(self, x: Extraction) -> GraphBuilder:
        """Every quad the article states, in its own graph."""
        art = x.article
        g = GraphBuilder(_iri(self.iris.article_graph(art.id)), [])
        article = _iri(self.iris.article(art.id))
        g.add(article, RDF_TYPE, K.Article)
        g.add(article, K.fileName, _lit(art.path.rsplit("/", 1)[-1]))
        g.add(article, K.language, _lit(art.language))
        g.add(article, K.sha256, _lit(art.sha256))
        if art.title:
            g.add(article, K.title, _lit(art.title, art.language))
        if art.publisher:
            g.add(article, K.publisher, self._actor(art.publisher, "Organization"))
        for cited in art.cites:
            g.add(article, K.cites, self._actor(cited, "Organization"))
        if art.published:
            if art.published.precision == "day":
                g.add(article, K.published, _date_literal(art.published.value))
            g.add(article, K.dateText, _lit(art.published.text, art.language))
        for actor in x.actors:
            self._actor_quads(g, actor, art.language)
        for role in x.roles:
            node = _iri(self.iris.role(self.iris.actor(role.holder, "Person"), role.role,
                                       self.actor_iri(role.of) if role.of else None, role.acting))
            g.add(node, RDF_TYPE, _iri(role_class(role.role, role.acting)))
            g.add(node, K.holder, self._actor(role.holder, "Person"))
            if role.of:
                g.add(node, K.roleOf, self._actor(role.of))
            g.add(node, K.acting, _bool(role.acting))
            label = self.role_labels.get(role.role, role.role.replace("_", " "))
            g.add(node, K.roleLabel, _lit(("acting " if role.acting else "") + label, "en"))
            g.add(node, K.titleText, _lit(role.text, art.language))
            if role.date:
                g.add(node, K.attestedOn, _date_literal(role.date))
            self._provenance(g, node, article, role.evidence)
        local_to_iri: dict[str, str] = {}
        for interaction in x.interactions:
            event = self.merged.by_report[(art.id, interaction.local_id)]
            node = _iri(self.iris.interaction(event.kind, event.identity, event.day))
            local_to_iri[interaction.local_id] = node
            g.add(node, RDF_TYPE, kg_term(interaction.kind))
            for p in interaction.participants:
                g.add(node, K.participant, self._actor(p))
            for p in interaction.present:
                g.add(node, K.present, self._actor(p))
            if interaction.host:
                g.add(node, K.host, self._actor(interaction.host))
            if interaction.guest:
                g.add(node, K.guest, self._actor(interaction.guest))
            if interaction.place:
                g.add(node, K.place, self._actor(interaction.place))
            if interaction.date:
                self._date(g, node, interaction.date)
            if interaction.occasion:
                g.add(node, K.occasion, _lit(interaction.occasion, art.language))
            self._provenance(g, node, article, interaction.evidence)
            for more in interaction.more_evidence:
                g.add(node, K.evidence, self._evidence(g, more, article))
        for number, claim in enumerate(x.claims, start=1):
            node = _iri(self.iris.claim(art.id, number))
            g.add(node, RDF_TYPE, K.Claim)
            for speaker in claim.speakers:
                g.add(node, K.speaker, self._actor(speaker, "Person"))
            g.add(node, K.text, _lit(claim.text, art.language))
            g.add(node, K.cue, _lit(claim.cue, art.language))
            g.add(node, K.claimForm, _lit(claim.form))
            if claim.interaction and claim.interaction in local_to_iri:
                g.add(node, K.madeIn, local_to_iri[claim.interaction])
            for mentioned in claim.mentions:
                g.add(node, K.mentions, self._actor(mentioned))
            self._provenance(g, node, article, claim.evidence)
        return g

    def _actor_quads(self, g: GraphBuilder, actor: Actor, language: str) -> None:
        node = self._actor(actor.key, actor.type)
        g.add(node, RDF_TYPE, kg_term(actor.type))
        in_kb = actor.in_knowledge_base
        for lang, label in actor.labels:
            if in_kb and (lang, label) in self._kb_labels(actor.key):
                continue  # written once, in the knowledge-base graph
            g.add(node, RDFS_LABEL if not in_kb else SKOS_ALT, _lit(label, lang))
        if not in_kb:
            g.add(node, K.inKnowledgeBase, _bool(False))
            g.add(node, K.confidence, _decimal(actor.confidence))
            if actor.evidence is not None:
                g.add(node, K.evidence, self._evidence(g, actor.evidence, None))

    def _kb_labels(self, key: str) -> set[tuple[str, str]]:
        entry = self.kb.actors.get(key)
        return set(entry.labels.items()) if entry else set()

    def _date(self, g: GraphBuilder, node: str, date: DateValue) -> None:
        if date.precision == "day":
            g.add(node, K.date, _date_literal(date.value))
        else:
            g.add(node, K.approximateDate, _date_literal(date.value))
        g.add(node, K.datePrecision, _lit(date.precision))
        g.add(node, K.dateCalendar, _lit(date.calendar))
        g.add(node, K.dateText, _lit(date.text))

    def _provenance(self, g: GraphBuilder, node: str, article: str, evidence: Evidence) -> None:
        g.add(node, K.source, article)
        g.add(node, K.evidence, self._evidence(g, evidence, article))

    def _evidence(self, g: GraphBuilder, evidence: Evidence, article: str | None) -> str:
        node = _iri(self.iris.evidence(evidence.article, evidence.start, evidence.end) + "/" +
                    evidence.rule.replace(" ", "_"))
        g.add(node, RDF_TYPE, K.Evidence)
        g.add(node, K.inArticle, article or _iri(self.iris.article(evidence.article)))
        g.add(node, K.start, _int(evidence.start))
        g.add(node, K.end, _int(evidence.end))
        g.add(node, K.sentence, _lit(evidence.sentence))
        g.add(node, K.rule, _lit(evidence.rule))
        g.add(node, K.confidence, _decimal(evidence.confidence))
        return node

    # --- the knowledge base ---------------------------------------------------------------------------

    def knowledge_base_quads(self, keys: Iterable[str]) -> GraphBuilder:
        """Labels, types, parents and known positions of the knowledge-base actors the articles refer to."""
        g = GraphBuilder(_iri(self.iris.graph("knowledge-base")), [])
        todo = sorted(k for k in set(keys) if k in self.kb.actors)
        done: set[str] = set()
        while todo:
            key = todo.pop()
            if key in done:
                continue
            done.add(key)
            entry = self.kb.actors[key]
            node = self._actor(key)
            g.add(node, RDF_TYPE, self._type_node(entry.type))
            g.add(node, K.inKnowledgeBase, _bool(True))
            for lang, label in sorted(entry.labels.items()):
                g.add(node, RDFS_LABEL, _lit(label, lang))
                g.add(node, SKOS_PREF, _lit(label, lang))
            for alias in self.kb.aliases_of(key):
                if alias.kind == "name" and alias.alias != entry.labels.get(alias.lang):
                    g.add(node, SKOS_ALT, _lit(alias.alias, alias.lang))
            if entry.wikidata:
                g.add(node, K.wikidata, _iri(wikidata(entry.wikidata)))
            if entry.died:
                g.add(node, K.diedOn, _date_literal(entry.died))
            if entry.parent and entry.parent in self.kb.actors:
                parent = self.kb.actors[entry.parent]
                if entry.type != "person":
                    g.add(node, K.partOf, self._actor(entry.parent))
                if parent.type == "country":
                    g.add(node, K.country, self._actor(entry.parent))
                todo.append(entry.parent)
            if entry.type == "person":
                for position in self.kb.positions_of(key):
                    p = _iri(self.iris.position(key, position.role, position.of, position.start))
                    g.add(p, RDF_TYPE, K.KnownPosition)
                    g.add(p, RDF_TYPE, _iri(role_class(position.role, position.acting)))
                    g.add(p, K.holder, node)
                    g.add(p, K.roleOf, self._actor(position.of))
                    g.add(p, K.acting, _bool(position.acting))
                    label = self.role_labels.get(position.role, position.role)
                    g.add(p, K.roleLabel, _lit(("acting " if position.acting else "") + label, "en"))
                    if position.start:
                        g.add(p, K.startDate, _date_literal(position.start))
                    if position.end:
                        g.add(p, K.endDate, _date_literal(position.end))
                    todo.append(position.of)
        return g

    def _type_node(self, kb_type: str) -> str:
        return kg_term({"person": "Person", "organization": "Organization", "country": "Country",
                        "place": "Place"}[kb_type])


def referenced_keys(extractions: Iterable[Extraction]) -> Iterator[str]:
    for x in extractions:
        for actor in x.actors:
            if not actor.key.startswith(NEW_PREFIX):
                yield actor.key
