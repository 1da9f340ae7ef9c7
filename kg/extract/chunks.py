"""Referring expressions per sentence: names with their appositive titles, bare titles, pronouns.

Meetings and claims look for *who*: a chunk is a stretch of tokens that refers to one actor — a
name with the titles in apposition to it, a title standing alone for its holder, a pronoun, or
"both sides". Bare titles are resolved here: first to whoever the article itself gave that title
(an earlier or later apposition), then to the knowledge base's holder of the post on the article's
date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.extract.resources import LanguageResources, Resources
from kg.extract.roles import GOVERNMENT_ROLES, known_organisation
from kg.extract.spans import NameSpan, TitleSpan
from kg.text.document import Document
from kg.text.normalize import fold_key

_GENERIC_ROLES = {"official", "government_official", "member", "minister", "head_of_organization",
                  "organization_leader", "military_commander", "diplomat", "legislator", "spokesperson",
                  "security_official", "emir", "king", "monarch"}


@dataclass(slots=True)
class Chunk:
    """A referring expression: tokens first..last of a sentence and the actor it stands for."""

    sentence: int
    first: int
    last: int
    actor: str | None
    type: str  # Person | Organization | Country | Place | Unknown
    kind: str  # name | title | pronoun | joint
    number: str = "singular"
    title: TitleSpan | None = None
    via: str = ""


def resolve_titles(titles: list[TitleSpan], resources: Resources, on: str | None, home: str | None,
                   language: str) -> None:
    """Give bare titles a holder: the article's own apposition, else the knowledge base on date `on`.

    Titles are compared with their organisation filled in the same way as roles are: an unqualified
    «معاون وزیر امور خارجه» in a Persian article is the home country's, so it matches the apposition
    that named the Iranian deputy minister and not the Russian ones named later.
    """
    article: dict[str, set[tuple[str, str | None, bool]]] = defaultdict(set)
    worded: dict[str, set[str]] = defaultdict(set)  # a title's wording → who the article gave it to
    for t in titles:
        if t.holder and not t.former:
            of = t.of or known_organisation(resources, t.holder, t.role, on) or _home(t.role, home, language)
            article[t.role].add((t.holder, of, t.acting))
            worded[fold_key(t.text)].add(t.holder)
    for t in titles:
        if t.form == "counterpart":
            if t.holder:
                _counterpart_post(t, titles, resources, on)
            else:
                _resolve_counterpart(t, titles, resources, on)
            continue
        if t.plural and on and t.role not in _GENERIC_ROLES:
            for n, (of, first, last, _holder) in enumerate(t.members):
                member_holders = {p.holder for p in resources.gazetteer.holders(t.role, of, on)}
                if len(member_holders) == 1:
                    t.members[n] = (of, first, last, member_holders.pop())
        if t.holder or t.plural or t.former or not t.role:
            continue
        of = t.of or _home(t.role, home, language)
        candidates = {h for h, held_of, _acting in article.get(t.role, ()) if not of or not held_of or held_of == of}
        if len(candidates) > 1:
            narrowed = {h for h, held_of, acting in article[t.role] if acting == t.acting and held_of == of}
            candidates = narrowed or candidates
        if len(candidates) > 1:  # «رئيس الجمهورية» after «رئيس الجمهورية عبد المجيد تبون», «رئيس دولة فلسطين …»
            candidates = candidates & worded.get(fold_key(t.text), set()) or candidates
        if len(candidates) == 1:
            t.holder, t.holder_via = next(iter(candidates)), "article"
            continue
        if on and of and t.role not in _GENERIC_ROLES and of in resources.gazetteer.actors and \
                resources.role_types.get(t.role, {}).get("single") == "1":
            # only a post one person holds at a time: «سفیر کشورمان» is one of many ambassadors
            held = resources.gazetteer.holders(t.role, of, on)
            parent = resources.gazetteer.actors[of].parent
            if not held and parent:  # «وزارت خارجه امارت اسلامی»: the movement that governs the country
                held = resources.gazetteer.holders(t.role, parent, on)
            people = {p.holder for p in held if p.acting == t.acting} or {p.holder for p in held}
            if len(people) == 1:
                t.holder, t.holder_via = next(iter(people)), "knowledge_base"


def _resolve_counterpart(t: TitleSpan, titles: list[TitleSpan], resources: Resources, on: str | None) -> None:
    """«التقى وزير الخارجية … نظيره العماني»: the counterpart holds the subject's post in the country named.

    The subject is the holder of the nearest earlier title in the sentence; their post is that title's role."""
    if not (t.of and on):
        return
    subject = next((x for x in reversed(titles) if x.sentence == t.sentence and x.last < t.first and x.holder
                    and x.role not in _GENERIC_ROLES and not x.plural), None)
    if subject is None:
        return
    held = {p.holder for p in resources.gazetteer.holders(subject.role, t.of, on)} if t.of in \
        resources.gazetteer.actors else set()
    if len(held) == 1:
        t.holder, t.holder_via, t.role = held.pop(), "counterpart", subject.role


def _counterpart_post(t: TitleSpan, titles: list[TitleSpan], resources: Resources, on: str | None) -> None:
    """A named counterpart holds the subject's post («نظيره»), or failing that the one post the knowledge
    base gives them that day in the country named; otherwise no role is stated."""
    subject = next((x for x in reversed(titles) if x.sentence == t.sentence and x.last < t.first and x.holder
                    and x.holder != t.holder and x.role not in _GENERIC_ROLES and not x.plural and x.role), None)
    if subject is not None:
        t.role = subject.role
        return
    if on and t.holder in resources.gazetteer.actors:
        posts = {p.role for p in resources.gazetteer.positions_of(t.holder, on)
                 if (not t.of or p.of == t.of) and p.role not in _GENERIC_ROLES}
        if len(posts) == 1:
            t.role = posts.pop()


def _home(role: str, home: str | None, language: str) -> str | None:
    """An unqualified government post is the home country's: Iran in Persian, the agency's country in Arabic."""
    return home if role in GOVERNMENT_ROLES else None


_APPOSITION_GAP = 3  # tokens between a name and its title: a comma, quotes, an honorific («الشيخ»)


def build_chunks(doc: Document, lang: LanguageResources, names: list[NameSpan],
                 titles: list[TitleSpan]) -> dict[int, list[Chunk]]:
    """Chunks per sentence index, in text order, non-overlapping."""
    by_sentence: dict[int, list[Chunk]] = defaultdict(list)
    titles_by_sentence: dict[int, list[TitleSpan]] = defaultdict(list)
    for t in titles:
        titles_by_sentence[t.sentence].append(t)
    names_by_sentence: dict[int, list[NameSpan]] = defaultdict(list)  # in the order of `names`
    for n in names:
        if n.via != "adjective":
            names_by_sentence[n.sentence].append(n)
    for sentence in doc.sentences:
        s = sentence.index
        sentence_titles = titles_by_sentence.get(s, [])
        covered: set[int] = set()
        chunks: list[Chunk] = []
        title_tokens: set[int] = set()
        for t in sentence_titles:
            title_tokens.update(range(t.first, t.last + 1))
        for span in names_by_sentence.get(s, ()):
            if span.type != "Person" and not title_tokens.isdisjoint(range(span.first, span.last + 1)):
                continue  # the organisation or country of a title, not an actor on its own
            first, last = span.first, span.last
            grown = True
            while grown:  # the titles in apposition next to this mention, not another mention's titles
                grown = False
                for t in sentence_titles:
                    if t.holder == span.actor and t.holder_via.startswith(("apposition", "stacked")) and \
                            not (first <= t.first and t.last <= last) and \
                            (0 <= first - t.last <= _APPOSITION_GAP or 0 <= t.first - last <= _APPOSITION_GAP):
                        first, last, grown = min(first, t.first), max(last, t.last), True
            chunks.append(Chunk(s, first, last, span.actor, span.type, "name", via=span.via))
            covered.update(range(first, last + 1))
        for t in sentence_titles:
            for _of, first, last, holder in t.members:
                if holder and covered.isdisjoint(range(first, last + 1)):
                    chunks.append(Chunk(s, first, last, holder, "Person", "title", title=t, via="knowledge_base"))
                    covered.update(range(first, last + 1))
            if t.plural or t.former or not covered.isdisjoint(range(t.first, t.last + 1)):
                continue
            chunks.append(Chunk(s, t.first, t.last, t.holder, "Person" if t.holder else "Unknown", "title",
                                title=t, via=t.holder_via))
            covered.update(range(t.first, t.last + 1))
        for m in lang.pronouns.find_all(sentence.tokens):
            if m.first in covered:
                continue
            number = m.values[0]
            kind = "joint" if number == "dual" else "pronoun"
            chunks.append(Chunk(s, m.first, m.last, None, "Person", kind, number=number))
            covered.update(range(m.first, m.last + 1))
        for m in lang.connectors.find_all(sentence.tokens):
            if "joint" in m.values and m.first not in covered:
                chunks.append(Chunk(s, m.first, m.last, None, "Person", "joint", number="dual"))
        by_sentence[s] = _drop_nested(sorted(chunks, key=lambda c: (c.first, -c.last)))
    return by_sentence


def _drop_nested(chunks: list[Chunk]) -> list[Chunk]:
    kept: list[Chunk] = []
    for c in chunks:
        if kept and c.first <= kept[-1].last:
            continue
        kept.append(c)
    return kept
