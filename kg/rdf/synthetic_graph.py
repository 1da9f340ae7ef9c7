"""A synthetic graph of the seed graph's shape, at any size, for reasoning tests and benchmarks.

Not articles (see `kg synth` for those): quads straight away, one named graph per made-up article
plus the knowledge-base graph, with the same predicates, classes and proportions as a real build —
roles typed by the role hierarchy, meetings and phone calls with principals, others present, hosts,
places and dates, claims, evidence, known positions, organisations inside others and countries.
Who takes part is drawn from a Zipf-like law, so a few actors are hubs as in the news (which is
what makes shared interlocutors grow with the square of their contacts). The same `seed` gives the
same quads; IRIs come from kg.rdf.iri.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import accumulate

from pyoxigraph import Literal, NamedNode, Quad

from kg.rdf.generate import ONTOLOGY_NS, role_class_name
from kg.rdf.iri import DEFAULT_BASE, IRIs

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD = "http://www.w3.org/2001/XMLSchema#"
ROLES = ("foreign_minister", "deputy_foreign_minister", "president", "prime_minister", "ambassador",
         "head_of_political_bureau", "political_bureau_member", "secretary_general", "spokesperson",
         "special_envoy", "parliament_speaker", "minister")
KINDS = ("Meeting", "Meeting", "Meeting", "PhoneCall", "PhoneCall", "Visit", "Letter", "PressConference")
TRIPLES_PER_ARTICLE = 111  # measured: synthetic_quads(n) gives about this many triples per article


def _kg(name: str) -> NamedNode:
    return NamedNode(ONTOLOGY_NS + name)


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def articles_for(triples: int) -> int:
    """How many synthetic articles give about `triples` triples."""
    return max(1, round(triples / TRIPLES_PER_ARTICLE))


def synthetic_quads(articles: int, seed: int = 0, base: str = DEFAULT_BASE) -> Iterator[Quad]:
    """The quads of `articles` made-up articles and of the knowledge base they refer to."""
    rng = random.Random(seed)
    iris = IRIs(base)
    persons = [f"person_{n}" for n in range(max(20, articles // 2))]
    countries = [f"country_{n}" for n in range(max(5, articles // 200))]
    organizations = [f"organization_{n}" for n in range(max(5, articles // 100))]
    places = [f"place_{n}" for n in range(max(5, articles // 50))]
    weights = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(persons))))

    def person() -> str:
        return rng.choices(persons, cum_weights=weights)[0]

    def actor(key: str) -> NamedNode:
        kind = key.split("_")[0].capitalize()
        return NamedNode(iris.actor(key, kind))

    kb = NamedNode(iris.graph("knowledge-base"))
    for key in countries + organizations + places + persons:
        node = actor(key)
        kind = key.split("_")[0].capitalize()
        yield Quad(node, RDF_TYPE, _kg(kind), kb)
        yield Quad(node, RDFS_LABEL, Literal(key.replace("_", " "), language="en"), kb)
        yield Quad(node, _kg("inKnowledgeBase"), _typed("true", "boolean"), kb)
        if kind == "Organization":
            yield Quad(node, _kg("country"), actor(rng.choice(countries)), kb)
            if rng.random() < 0.3:
                yield Quad(node, _kg("partOf"), actor(rng.choice(organizations)), kb)
        if kind == "Place":
            yield Quad(node, _kg("partOf"), actor(rng.choice(countries)), kb)
        if kind == "Person":
            if rng.random() < 0.05:
                yield Quad(node, _kg("diedOn"), _typed(_date(rng), "date"), kb)
            for _ in range(rng.randint(0, 2)):
                role, of, start = rng.choice(ROLES), rng.choice(countries + organizations), _date(rng)
                position = NamedNode(iris.position(key, role, of, start))
                yield Quad(position, RDF_TYPE, _kg("KnownPosition"), kb)
                yield Quad(position, RDF_TYPE, _kg(role_class_name(role)), kb)
                yield Quad(position, _kg("holder"), node, kb)
                yield Quad(position, _kg("roleOf"), actor(of), kb)
                yield Quad(position, _kg("roleLabel"), Literal(role.replace("_", " "), language="en"), kb)
                yield Quad(position, _kg("startDate"), _typed(start, "date"), kb)
                if rng.random() < 0.7:
                    yield Quad(position, _kg("endDate"), _typed(f"{int(start[:4]) + rng.randint(1, 6)}", "gYear"), kb)

    for n in range(articles):
        yield from _article(rng, iris, f"synthetic-{n:06d}", person, actor, organizations, countries, places)


def _article(rng: random.Random, iris: IRIs, article_id: str, person, actor, organizations: list[str],
             countries: list[str], places: list[str]) -> Iterator[Quad]:
    graph = NamedNode(iris.article_graph(article_id))
    article = NamedNode(iris.article(article_id))
    published = _date(rng)
    out: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = [
        (article, RDF_TYPE, _kg("Article")),
        (article, _kg("fileName"), Literal(f"{article_id}.txt")),
        (article, _kg("language"), Literal(rng.choice(("fa", "ar")))),
        (article, _kg("sha256"), Literal(f"{rng.getrandbits(256):064x}")),
        (article, _kg("publisher"), actor(rng.choice(organizations))),
        (article, _kg("cites"), actor(rng.choice(organizations))),
        (article, _kg("published"), _typed(published, "date")),
    ]
    evidence_count = 0

    def provenance(node: NamedNode) -> None:
        nonlocal evidence_count
        evidence_count += 1
        ev = NamedNode(iris.evidence(article_id, evidence_count * 100, evidence_count * 100 + 80) + "/rule")
        out.extend([(node, _kg("source"), article), (node, _kg("evidence"), ev),
                    (ev, RDF_TYPE, _kg("Evidence")), (ev, _kg("inArticle"), article),
                    (ev, _kg("start"), _typed(str(evidence_count * 100), "integer")),
                    (ev, _kg("end"), _typed(str(evidence_count * 100 + 80), "integer")),
                    (ev, _kg("sentence"), Literal(f"sentence {evidence_count} of {article_id}")),
                    (ev, _kg("rule"), Literal("synthetic"))])

    people = {person() for _ in range(rng.randint(2, 4))}
    for key in sorted(people):
        out.append((actor(key), RDF_TYPE, _kg("Person")))
        # a person's usual post, as articles keep naming it; now and then the one they held before
        posts = random.Random(key)
        usual, earlier = [(posts.choice(ROLES), posts.choice(countries + organizations)) for _ in range(2)]
        role, of = usual if rng.random() < 0.9 else earlier
        acting = rng.random() < 0.1 and role in ("foreign_minister", "president", "prime_minister")
        node = NamedNode(iris.role(actor(key).value, role, actor(of).value, acting))
        out.extend([(node, RDF_TYPE, _kg(role_class_name(role, acting))), (node, _kg("holder"), actor(key)),
                    (node, _kg("roleOf"), actor(of)), (node, _kg("acting"), _typed(str(acting).lower(), "boolean")),
                    (node, _kg("roleLabel"), Literal(role.replace("_", " "), language="en")),
                    (node, _kg("attestedOn"), _typed(published, "date"))])
        provenance(node)
    interactions = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(KINDS)
        # mostly people the article names with their post, sometimes someone else
        pick = [rng.choice(sorted(people)) if rng.random() < 0.8 else person() for _ in range(2)]
        principals = sorted(set(pick) | ({rng.choice(countries)} if kind == "Visit" else set()))
        if len(principals) < 2:
            continue
        day = _date(rng) if rng.random() < 0.7 else None
        node = NamedNode(iris.interaction(kind, "|".join(principals) + article_id, day))
        interactions.append(node)
        out.append((node, RDF_TYPE, _kg(kind)))
        out.extend((node, _kg("participant"), actor(p)) for p in principals)
        if rng.random() < 0.2:
            out.append((node, _kg("present"), actor(person())))
        if rng.random() < 0.3:
            out.append((node, _kg("host"), actor(principals[0])))
            out.append((node, _kg("guest"), actor(principals[1])))
        if kind != "PhoneCall":
            out.append((node, _kg("place"), actor(rng.choice(places))))
        if day:
            out.extend([(node, _kg("date"), _typed(day, "date")), (node, _kg("datePrecision"), Literal("day"))])
        provenance(node)
    for number in range(rng.randint(1, 4)):
        node = NamedNode(iris.claim(article_id, number + 1))
        out.extend([(node, RDF_TYPE, _kg("Claim")), (node, _kg("speaker"), actor(rng.choice(sorted(people)))),
                    (node, _kg("text"), Literal(f"statement {number} of {article_id}")),
                    (node, _kg("cue"), Literal("گفت")), (node, _kg("claimForm"), Literal("direct"))])
        if interactions and rng.random() < 0.5:
            out.append((node, _kg("madeIn"), rng.choice(interactions)))
        if rng.random() < 0.5:
            out.append((node, _kg("mentions"), actor(rng.choice(countries))))
        provenance(node)
    for s, p, o in out:
        yield Quad(s, p, o, graph)
