"""The only place IRIs are minted: stable, valid and readable.

The same actor gets the same IRI in every article and every build: knowledge-base actors by their
id (`…/person/ali_bagheri_kani`), actors found in the text by the spelling-independent identity of
their name (`…/person/text/کاظمجلالی`, valid as an IRI since RFC 3987 allows Arabic letters).
Interactions are named by kind, date and a hash of what makes them one event, so an event reported
by several articles has one IRI.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from kg.extract.actors import NEW_PREFIX
from kg.rdf.generate import ONTOLOGY_NS, role_class_name

DEFAULT_BASE = "https://example.org/kg/"
_SEGMENTS = {"Person": "person", "Organization": "organization", "Country": "country", "Place": "place"}
_KIND_SEGMENTS = {"Meeting": "meeting", "PhoneCall": "phone-call", "Visit": "visit", "Letter": "letter",
                  "PressConference": "press-conference"}
_UNSAFE = re.compile(r"[^\w\-.~]", re.UNICODE)


def segment(text: str) -> str:
    """A path segment: letters and digits of any script kept, spaces as _, anything else %-encoded."""
    text = "_".join(text.split())
    return _UNSAFE.sub(lambda m: quote(m.group(), safe=""), text)


def digest(*parts: str, length: int = 12) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


class IRIs:
    """IRI minting under one base (default https://example.org/kg/)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def actor(self, key: str, type: str) -> str:
        kind = _SEGMENTS.get(type, "actor")
        if key.startswith(NEW_PREFIX):
            return f"{self.base}{kind}/text/{segment(key[len(NEW_PREFIX):])}"
        return f"{self.base}{kind}/{segment(key)}"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{segment(article_id)}"

    def interaction(self, kind: str, identity: str, date: str | None) -> str:
        return f"{self.base}{_KIND_SEGMENTS[kind]}/{date or 'undated'}/{digest(kind, identity)}"

    def claim(self, article_id: str, number: int) -> str:
        # zero-padded, so that IRIs sort in the order the article makes its claims
        return f"{self.base}claim/{segment(article_id)}/{number:04d}"

    def role(self, holder_iri: str, role: str, of_iri: str | None, acting: bool) -> str:
        tail = f"{role}{'-acting' if acting else ''}"
        return f"{self.base}role/{digest(holder_iri, of_iri or '', length=10)}/{tail}"

    def position(self, holder: str, role: str, of: str, start: str | None) -> str:
        return f"{self.base}position/{segment(holder)}/{role}/{segment(of)}/{start or 'unknown'}"

    def evidence(self, article_id: str, start: int, end: int) -> str:
        return f"{self.base}evidence/{segment(article_id)}/{start}-{end}"

    def shared_interlocutor(self, a: str, b: str, via: str) -> str:
        return f"{self.base}shared-interlocutor/{digest(a, b, via)}"

    def graph(self, name: str) -> str:
        return f"{self.base}graph/{name}"

    def article_graph(self, article_id: str) -> str:
        return f"{self.base}graph/article/{segment(article_id)}"


def role_class(role: str, acting: bool) -> str:
    return ONTOLOGY_NS + role_class_name(role, acting)


def wikidata(qid: str) -> str:
    return f"http://www.wikidata.org/entity/{qid}"
