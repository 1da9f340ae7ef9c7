"""What the HTML report shows, read from a store: the actor graph laid out, interactions, claims, articles.

The report is a view of `kg.network.actor_graph` (the same nodes, the same interactions), plus the
claims each actor made, read with SPARQL over the union of the store's graphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph

from kg.network.layout import layout
from kg.network.read import (
    Contacts,
    Interaction,
    StoreLike,
    kg_classes,
    open_source,
    read_contacts,
    subject_objects,
    values_of,
)
from kg.network.views import actor_graph


@dataclass(frozen=True)
class Claim:
    iri: str
    speakers: tuple[str, ...]
    text: str
    language: str
    cue: str
    form: str
    interaction: str
    sources: tuple[str, ...]
    sentence: str


@dataclass
class ReportContent:
    """The graph, its layout, and everything the actor sections list."""

    contacts: Contacts
    graph: nx.MultiGraph
    positions: dict[str, tuple[float, float]]
    interactions: list[Interaction]
    claims: dict[str, list[Claim]] = field(default_factory=dict)

    def interactions_of(self, actor: str) -> list[Interaction]:
        return [i for i in self.interactions if actor in i.actors]


def gather(source: StoreLike) -> ReportContent:
    """Read the store once and lay the actor graph out."""
    store = open_source(source)
    contacts = read_contacts(store)
    graph = actor_graph(contacts)
    interactions = [i for i in contacts.interactions if i.actors]
    content = ReportContent(contacts, graph, layout(graph), interactions)
    for claim in read_claims(store):
        for speaker in claim.speakers:
            if speaker in graph:
                content.claims.setdefault(speaker, []).append(claim)
    return content


def read_claims(store: pyoxigraph.Store) -> list[Claim]:
    """Every claim with its speakers, text (with its language), cue, interaction, sources and sentence."""
    claims = {iri for iri, kinds in kg_classes(store).items() if "Claim" in kinds}
    values = {name: values_of(store, f"kg:{name}", claims)
              for name in ("speaker", "cue", "claimForm", "madeIn", "source", "evidence")}
    texts = {iri: term for iri, term in subject_objects(store, "kg:text") if iri in claims}
    evidence = {e for found in values["evidence"].values() for e in found}
    sentences = values_of(store, "kg:sentence", evidence)

    def one(name: str, iri: str) -> str:
        return min(values[name].get(iri, ()), default="")

    found = []
    for iri in sorted(claims):
        if iri not in texts or not values["speaker"].get(iri):
            continue
        text = texts[iri]
        sentence = min((s for e in values["evidence"].get(iri, ()) for s in sentences.get(e, ())), default="")
        found.append(Claim(iri=iri, speakers=tuple(sorted(values["speaker"][iri])), text=text.value,
                           language=getattr(text, "language", None) or "", cue=one("cue", iri),
                           form=one("claimForm", iri), interaction=one("madeIn", iri),
                           sources=tuple(sorted(values["source"].get(iri, ()))), sentence=sentence))
    found.sort(key=lambda c: (c.sources, _claim_number(c.iri)))
    return found


def _claim_number(iri: str) -> tuple[int, str]:
    tail = iri.rsplit("/", 1)[-1]
    return (int(tail), iri) if tail.isdigit() else (0, iri)
