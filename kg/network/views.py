"""networkx views of the contacts: actors, actors ↔ interactions, organisations and countries, weighted pairs.

Nodes are IRIs. Node attributes: `type` (Person, Organization, Country, Place), `label` (English,
else Persian, else Arabic), `label_en`/`label_fa`/`label_ar` where known, `in_knowledge_base`, and
`roles` (a list of dicts: label, of, start, end, acting, known, attested, sources). Edge attributes
of the multigraphs: `interaction` (IRI, also the edge key), `kind`, `date` (YYYY-MM-DD, or YYYY-MM /
YYYY when only that is known, "" when undated), `place` (IRI or ""), `place_label`, `sources`
(article IRIs), `capacity` ("participant" when both ends are principals, "present" when one was only
present) and `weight` (1.0, so tools that merge parallel edges add them up).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from kg.network.read import Contacts, Interaction, StoreLike, read_contacts

Source = StoreLike | Contacts


def _node_attributes(contacts: Contacts, iri: str) -> dict[str, object]:
    actor = contacts.actors[iri]
    attributes: dict[str, object] = {"type": actor.type, "label": actor.label,
                                     "in_knowledge_base": actor.in_knowledge_base}
    for lang, text in actor.labels.items():
        attributes[f"label_{lang}"] = text
    attributes["roles"] = [role.as_dict() for role in actor.roles]
    return attributes


def _edge_attributes(contacts: Contacts, interaction: Interaction) -> dict[str, object]:
    place = interaction.place
    return {"interaction": interaction.iri, "kind": interaction.kind, "date": interaction.date,
            "place": place, "place_label": contacts.name(place) if place else "",
            "sources": list(interaction.sources), "weight": 1.0}


def actor_graph(store: Source, since: str | None = None, until: str | None = None,
                kinds: Iterable[str] | None = None) -> nx.MultiGraph:
    """A node per actor involved in a selected interaction, an edge per interaction and pair of its actors."""
    contacts = read_contacts(store)
    graph = nx.MultiGraph(level="actor")
    for interaction in contacts.select(since, until, kinds):
        for actor in interaction.actors:
            if actor not in graph:
                graph.add_node(actor, **_node_attributes(contacts, actor))
        for a, b in combinations(sorted(interaction.actors), 2):
            both = interaction.capacity(a) == interaction.capacity(b) == "participant"
            graph.add_edge(a, b, key=interaction.iri, capacity="participant" if both else "present",
                           **_edge_attributes(contacts, interaction))
    return _sorted(graph)


def bipartite_graph(store: Source, since: str | None = None, until: str | None = None,
                    kinds: Iterable[str] | None = None) -> nx.Graph:
    """Actors (`bipartite=0`) linked to the interactions they took part in (`bipartite=1`, "Interaction")."""
    contacts = read_contacts(store)
    graph = nx.Graph(level="bipartite")
    for interaction in contacts.select(since, until, kinds):
        attributes = _edge_attributes(contacts, interaction)
        del attributes["interaction"], attributes["weight"]
        label = f"{interaction.kind} {interaction.date or 'undated'}"
        graph.add_node(interaction.iri, bipartite=1, type="Interaction", label=label, **attributes)
        for actor in interaction.actors:
            if actor not in graph:
                graph.add_node(actor, bipartite=0, **_node_attributes(contacts, actor))
            graph.add_edge(actor, interaction.iri, capacity=interaction.capacity(actor))
    return _sorted(graph)


def collapse(multigraph: nx.MultiGraph) -> nx.Graph:
    """A simple graph of the same nodes; `weight` counts a pair's interactions, `interactions` lists them."""
    graph = nx.Graph(**multigraph.graph)
    graph.add_nodes_from(multigraph.nodes(data=True))
    for a, b, key in multigraph.edges(keys=True):
        if graph.has_edge(a, b):
            graph[a][b]["weight"] += 1
            graph[a][b]["interactions"].append(key)
        else:
            graph.add_edge(a, b, weight=1, interactions=[key])
    for _, _, data in graph.edges(data=True):
        data["interactions"].sort()
    return graph


def weighted_graph(store: Source, since: str | None = None, until: str | None = None,
                   kinds: Iterable[str] | None = None) -> nx.Graph:
    """The actor graph as a simple graph: one edge per pair of actors, weight = number of interactions."""
    return collapse(actor_graph(store, since, until, kinds))


def affiliation(contacts: Contacts, actor: str, interaction: Interaction) -> str:
    """The organisation or country a person acted for in an interaction; other actors stand for themselves.

    The store's answer when the reasoner inferred one (`kg:roleHeld`, rule 030-role-held); else, by the
    same order: the post an article reporting the interaction gives the person; else a knowledge-base
    position held on the interaction's day (or the reporting article's date when undated); else any post
    the graph knows. Ties go to the first IRI, so the answer is the same on every run. A person with no
    known post stays a person.
    """
    person = contacts.actors[actor]
    if person.type != "Person":
        return actor
    inferred = {of for holder, of in interaction.held if holder == actor}
    if inferred:
        return min(inferred)
    reported = {role.of for role in person.roles if role.of and set(role.sources) & set(interaction.sources)}
    if reported:
        return min(reported)
    day = contacts.when(interaction)
    held = {role.of for role in person.roles if role.of and day and role.covers(day)}
    if held:
        return min(held)
    anything = {role.of for role in person.roles if role.of}
    return min(anything) if anything else actor


def organization_graph(store: Source, since: str | None = None, until: str | None = None,
                       kinds: Iterable[str] | None = None) -> nx.MultiGraph:
    """Organisations and countries, each person counted for the one they were affiliated with at the time.

    One edge per interaction and pair of distinct sides (contacts inside one organisation are not
    edges); edges carry the actor-graph attributes plus `persons`, the people behind each side.
    Node attribute `members` lists the persons aggregated into an organisation or country.
    """
    contacts = read_contacts(store)
    graph = nx.MultiGraph(level="organization")
    needed: set[str] = set()
    edges = []
    members: dict[str, set[str]] = {}
    for interaction in contacts.select(since, until, kinds):
        sides: dict[str, set[str]] = {}
        for actor in interaction.actors:
            side = affiliation(contacts, actor, interaction)
            sides.setdefault(side, set())
            if side != actor:
                sides[side].add(actor)
                members.setdefault(side, set()).add(actor)
        needed.update(sides)
        for a, b in combinations(sorted(sides), 2):
            edges.append((a, b, interaction, sorted(sides[a] | sides[b])))
    for node in sorted(needed):
        attributes = _node_attributes(contacts, node)
        attributes["members"] = sorted(members.get(node, ()))
        graph.add_node(node, **attributes)
    for a, b, interaction, persons in edges:
        graph.add_edge(a, b, key=interaction.iri, persons=persons, **_edge_attributes(contacts, interaction))
    return _sorted(graph)


def _sorted(graph: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order, so every run iterates alike."""
    ordered = graph.__class__(**graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    if graph.is_multigraph():
        ordered.add_edges_from(sorted(((min(a, b), max(a, b), k, d) for a, b, k, d in
                                       graph.edges(keys=True, data=True)), key=lambda e: e[:3]))
    else:
        ordered.add_edges_from(sorted(((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)),
                                      key=lambda e: e[:2]))
    return ordered
