"""The HTML report as one file: static sections written here, the interactive network drawn by report.js.

Everything the page needs is inlined (CSS, the hand-written JS, the data as JSON), so the file opens
offline and can be mailed around. Persian and Arabic text is marked with its language and `dir="rtl"`
(names inside English sentences in `<bdi>`), so the browser lays it out right to left and shapes it.
The JS only reads the embedded data and the static sections; clicking an actor shows a copy of its
section, so what the panel says and what the page says cannot differ.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources

from kg.network.read import KINDS, Actor, Interaction
from kg.report.content import Claim, ReportContent

RTL_LANGUAGES = ("fa", "ar")
KIND_NAMES = {"Meeting": "meeting", "PhoneCall": "phone call", "Visit": "visit", "Letter": "letter",
              "PressConference": "press conference"}
TYPE_NAMES = {"Person": "person", "Organization": "organisation", "Country": "country", "Place": "place"}


def asset(name: str) -> str:
    return resources.files("kg.report").joinpath(name).read_text(encoding="utf-8")


def _text(value: str, language: str = "") -> str:
    """Escaped text, wrapped so right-to-left languages are laid out right to left even inside English."""
    if language in RTL_LANGUAGES:
        return f'<bdi lang="{language}" dir="rtl">{escape(value)}</bdi>'
    if language:
        return f'<bdi lang="{escape(language)}">{escape(value)}</bdi>'
    return f"<bdi>{escape(value)}</bdi>"


class Page:
    """Renders the parts of the report from one `ReportContent`."""

    def __init__(self, content: ReportContent) -> None:
        self.c = content
        self.anchors = {node: f"actor-{n}" for n, node in enumerate(sorted(
            content.graph, key=lambda iri: (content.contacts.name(iri).casefold(), iri)), start=1)}
        self.interaction_ids = {i.iri: f"interaction-{n}"
                                for n, i in enumerate(content.interactions, start=1)}
        self.kinds = {i.iri: i.kind for i in content.interactions}

    # --- small pieces ---------------------------------------------------------------------------

    def actor_name(self, iri: str) -> str:
        actor = self.c.contacts.actors.get(iri)
        if actor is None:
            return _text(self.c.contacts.name(iri))
        language = next((lang for lang in ("en", "fa", "ar") if lang in actor.labels), "")
        return _text(actor.label, language)

    def actor_link(self, iri: str) -> str:
        if iri in self.anchors:
            return f'<a href="#{self.anchors[iri]}" data-actor="{escape(iri)}">{self.actor_name(iri)}</a>'
        return self.actor_name(iri)

    def source(self, iri: str) -> str:
        article = self.c.contacts.articles.get(iri)
        name = iri.rsplit("/", 1)[-1]
        if article is None:
            return f'<a class="source" href="#sources" title="{escape(iri)}">{escape(name)}</a>'
        date = f" ({article.published})" if article.published else ""
        return (f'<a class="source" href="#article-{escape(name)}" title="{escape(article.title or iri)}">'
                f"{escape(article.file_name or name)}{escape(date)}</a>")

    def sources(self, iris: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.source(s) for s in iris) or "—"

    def interaction_line(self, i: Interaction, about: str | None = None) -> str:
        others = [a for a in i.participants if a != about]
        present = [a for a in i.present if a != about]
        parts = [f'<span class="date">{escape(i.date or "undated")}</span>',
                 f'<span class="kind kind-{i.kind}">{KIND_NAMES.get(i.kind, i.kind)}</span>']
        if others:
            parts.append(("with " if about else "") + ", ".join(self.actor_link(a) for a in others))
        if present:
            parts.append("present: " + ", ".join(self.actor_link(a) for a in present))
        if i.place:
            parts.append("in " + self.actor_name(i.place))
        if about and about in i.present:
            parts.append("(present, not a principal)")
        return " ".join(parts) + f' <span class="sources">— {self.sources(i.sources)}</span>'

    # --- sections -------------------------------------------------------------------------------

    def actor_section(self, iri: str) -> str:
        actor: Actor = self.c.contacts.actors[iri]
        names = " · ".join(_text(text, lang) for lang, text in actor.labels.items())
        kb = "knowledge base" if actor.in_knowledge_base else "found in the text only"
        out = [f'<section class="actor" id="{self.anchors[iri]}" data-iri="{escape(iri)}" '
               f'data-type="{escape(actor.type)}">',
               f"<h3>{names or escape(actor.label)}</h3>",
               f'<p class="meta">{TYPE_NAMES.get(actor.type, actor.type)} · {kb} · '
               f'<code title="IRI">{escape(iri)}</code></p>']
        if actor.roles:
            out.append('<h4>Roles</h4><table class="roles"><thead><tr><th>post</th><th>in</th><th>when</th>'
                       "<th>sources</th></tr></thead><tbody>")
            for role in actor.roles:
                if role.known:
                    when = f"{role.start or '?'} – {role.end or 'now'}"
                    sources = "knowledge base"
                else:
                    when = ("stated " + ", ".join(role.attested)) if role.attested else "stated (undated)"
                    sources = self.sources(role.sources)
                of = self.actor_link(role.of) if role.of else "—"
                out.append(f"<tr><td>{escape(role.label)}</td><td>{of}</td><td>{escape(when)}</td>"
                           f"<td>{sources}</td></tr>")
            out.append("</tbody></table>")
        interactions = self.c.interactions_of(iri)
        out.append(f"<h4>Interactions ({len(interactions)})</h4><ul class=\"interactions\">")
        for i in interactions:
            out.append(f'<li data-interaction="{escape(i.iri)}" data-kind="{i.kind}" '
                       f'data-date="{escape(i.date)}">{self.interaction_line(i, about=iri)}</li>')
        out.append("</ul>")
        claims = self.c.claims.get(iri, [])
        if claims:
            out.append(f"<h4>Claims ({len(claims)})</h4>")
            out.extend(self.claim(claim) for claim in claims)
        out.append("</section>")
        return "\n".join(out)

    def claim(self, claim: Claim) -> str:
        rtl = ' dir="rtl"' if claim.language in RTL_LANGUAGES else ""
        context = []
        if claim.cue:
            context.append(f"cue {_text(claim.cue, claim.language)}")
        if claim.form:
            context.append(escape(claim.form))
        if claim.interaction in self.interaction_ids:
            kind = KIND_NAMES.get(self.kinds[claim.interaction], "interaction")
            context.append(f'during <a href="#{self.interaction_ids[claim.interaction]}">this {kind}</a>')
        context.append(self.sources(claim.sources))
        sentence = (f"<details><summary>sentence</summary><p lang=\"{escape(claim.language)}\"{rtl}>"
                    f"{escape(claim.sentence)}</p></details>") if claim.sentence else ""
        return (f'<blockquote class="claim" lang="{escape(claim.language)}"{rtl}>{escape(claim.text)}'
                f'</blockquote><p class="claim-meta">{" · ".join(context)}</p>{sentence}')

    def timeline_rows(self) -> str:
        rows = []
        for i in self.c.interactions:
            principals = ", ".join(self.actor_link(a) for a in i.participants)
            present = ", ".join(self.actor_link(a) for a in i.present)
            place = self.actor_name(i.place) if i.place else ""
            rows.append(f'<tr id="{self.interaction_ids[i.iri]}" data-kind="{i.kind}" '
                        f'data-date="{escape(i.date)}">'
                        f'<td class="date">{escape(i.date or "undated")}</td>'
                        f'<td><span class="kind kind-{i.kind}">{KIND_NAMES.get(i.kind, i.kind)}</span></td>'
                        f"<td>{principals}</td><td>{present}</td><td>{place}</td>"
                        f"<td>{self.sources(i.sources)}</td></tr>")
        return "\n".join(rows)

    def source_rows(self) -> str:
        used = {s for i in self.c.interactions for s in i.sources}
        used |= {s for claims in self.c.claims.values() for claim in claims for s in claim.sources}
        rows = []
        for iri in sorted(used):
            article = self.c.contacts.articles.get(iri)
            name = iri.rsplit("/", 1)[-1]
            if article is None:
                continue
            rtl = ' dir="rtl"' if article.language in RTL_LANGUAGES else ""
            rows.append(f'<tr id="article-{escape(name)}"><td>{escape(article.file_name or name)}</td>'
                        f"<td>{escape(article.published or '—')}</td><td>{escape(article.language)}</td>"
                        f'<td lang="{escape(article.language)}"{rtl}>{escape(article.title)}</td>'
                        f"<td><code>{escape(iri)}</code></td></tr>")
        return "\n".join(rows)

    def data(self) -> dict[str, object]:
        """What report.js draws: nodes with positions, one edge per interaction and pair, interactions."""
        graph = self.c.graph
        degree = {n: len(graph[n]) for n in graph}  # distinct contacts, not interactions
        nodes = []
        for iri in sorted(graph):
            attributes = graph.nodes[iri]
            x, y = self.c.positions[iri]
            nodes.append({"id": iri, "label": attributes["label"], "type": attributes["type"],
                          "labels": {lang: attributes[f"label_{lang}"] for lang in ("en", "fa", "ar")
                                     if f"label_{lang}" in attributes},
                          "x": x, "y": y, "degree": degree[iri], "anchor": self.anchors[iri]})
        edges = [{"source": a, "target": b, "interaction": key, "kind": d["kind"], "date": d["date"],
                  "capacity": d["capacity"]} for a, b, key, d in graph.edges(keys=True, data=True)]
        interactions = [{"id": i.iri, "anchor": self.interaction_ids[i.iri], "kind": i.kind, "date": i.date,
                         "actors": list(i.actors)} for i in self.c.interactions]
        return {"nodes": nodes, "edges": edges, "interactions": interactions,
                "kinds": [k for k in KINDS if any(i.kind == k for i in self.c.interactions)],
                "kindNames": KIND_NAMES}

    def summary(self) -> str:
        dates = sorted(i.date for i in self.c.interactions if i.date)
        span = f", dated {dates[0]} to {dates[-1]}" if dates else ""
        undated = sum(1 for i in self.c.interactions if not i.date)
        articles = {s for i in self.c.interactions for s in i.sources}
        return (f"{self.c.graph.number_of_nodes()} actors, {len(self.c.interactions)} interactions{span}"
                f"{f' ({undated} undated)' if undated else ''}, from {len(articles)} articles")


def render(content: ReportContent, title: str) -> str:
    """The whole report as one HTML document."""
    page = Page(content)
    data = json.dumps(page.data(), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    kinds = "".join(f'<label><input type="checkbox" name="kind" value="{k}" checked> '
                    f'<span class="kind kind-{k}">{KIND_NAMES[k]}</span></label> '
                    for k in KINDS if any(i.kind == k for i in content.interactions))
    actors = "\n".join(page.actor_section(iri) for iri in page.anchors)  # in name order
    parts = {
        "TITLE": escape(title),
        "SUMMARY": escape(page.summary()),
        "CSS": asset("report.css"),
        "JS": asset("report.js"),
        "DATA": data,
        "KINDS": kinds,
        "TIMELINE_ROWS": page.timeline_rows(),
        "ACTORS": actors,
        "SOURCE_ROWS": page.source_rows(),
    }
    html = asset("template.html")
    for name, value in parts.items():
        html = html.replace(f"<!--KG:{name}-->", value)
    return html
