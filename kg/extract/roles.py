"""Titles and the roles they give: «X، سرپرست وزارت امور خارجه» — X is the acting foreign minister.

A title phrase is modifiers + a core title + qualifiers: سرپرست (acting) + وزارت امور خارجه +
ایران، or الرئيس + الروسي. The organisation or country comes from the title itself, a following
name or nisba adjective, "کشورمان" (the publisher's country), or the knowledge base. A title is held
by the person named right before it (Persian apposition) or right after it (Arabic and Persian),
by the holder of a title it is coordinated with, or, when it stands alone for a person ("the head
of Hamas's political bureau said"), by whoever holds that post in this article or, on the
article's date, in the knowledge base.
"""

from __future__ import annotations

from collections import defaultdict

from kg.extract.actors import _QUOTES_CLOSE, _QUOTES_OPEN
from kg.extract.resources import LanguageResources, Resources
from kg.extract.spans import NameSpan, TitleSpan
from kg.records import Evidence, Role
from kg.text.document import Document, Sentence
from kg.text.normalize import fold_key

_FILLERS = {"جنبش", "حرکت", "حرکه", "سازمان", "جمهوری", "دولت", "کشور", "حزب", "رژیم", "نهضت", "دوله"}
_SKIP_BETWEEN = {"،", ",", "»", "«", '"', "(", ")", ":"}
# one-word titles without an organisation («الوزير», «الرئيس», «رئيس»): forms of address as much as posts
_BARE_GENERIC = {"minister", "president", "head_of_organization", "official", "emir", "king", "monarch",
                 "military_commander", "organization_leader", "member", "spokesperson", "adviser", "assistant"}
# government posts whose country, when nothing names it, is the publisher's country
GOVERNMENT_ROLES = {"foreign_minister", "deputy_foreign_minister", "foreign_ministry_official",
                     "foreign_ministry_spokesperson", "ambassador", "president", "vice_president",
                     "first_vice_president", "government_spokesperson", "minister", "defense_minister",
                     "interior_minister", "parliament_speaker", "member_of_parliament", "diplomat",
                     "permanent_representative", "special_envoy", "assistant_foreign_minister", "minister_of_state",
                     "undersecretary"}


def find_titles(doc: Document, lang: LanguageResources, resources: Resources,
                home_country: str | None, names: list[NameSpan] | None = None) -> list[TitleSpan]:
    """Every title phrase in the kept sentences, with modifiers and qualifiers read."""
    found: list[TitleSpan] = []
    in_names: dict[int, set[int]] = defaultdict(set)
    for n in names or ():
        if n.type == "Person":
            in_names[n.sentence].update(range(n.first, n.last + 1))
    for sentence in doc.sentences:
        matches = lang.titles.find_all(sentence.tokens)
        if not matches:
            continue
        honorific = {i for m in lang.honorifics.find_all(sentence.tokens) for i in range(m.first, m.last + 1)}
        for match in matches:
            if match.first in honorific:
                continue  # «دولة الرئيس نبيه بري»: a form of address, not a post
            if match.first in in_names[sentence.index]:
                continue  # «حسين أمير عبد اللهيان»: a word of a name that is also a title
            previous = found[-1] if found and found[-1].sentence == sentence.index else None
            if previous is not None and match.clitic.startswith("ل") and match.first == previous.last + 1:
                # «المبعوث الخاص للرئيس الروسي»: the principal the title serves, part of that title
                previous.last = match.last
                _read_qualifiers(sentence, previous, lang, resources, home_country, start=match.last + 1)
                previous.text = doc.text[sentence.tokens[previous.first].start:sentence.tokens[previous.last].end]
                continue
            ref = match.values[0]
            title = TitleSpan(sentence.index, match.first, match.last, match.first, match.last, ref.role,
                              ref.of, form=ref.form, plural=ref.form == "plural",
                              of_via="fixed" if ref.of else "")
            if match.clitic.startswith("و"):
                title.holder_via = "conjoined"  # وزير … / ورئيس …: a new coordinated title
                title.conjoined = True
            _read_modifiers_before(sentence, title, lang, resources)
            if title.form == "office":
                continue  # an office (the ministry) that no modifier turned into a post
            if title.role not in resources.role_types:
                continue
            if title.plural:
                _read_members(sentence, title, lang, resources)
            else:
                _read_qualifiers(sentence, title, lang, resources, home_country)
            title.text = doc.text[sentence.tokens[title.first].start:sentence.tokens[title.last].end]
            found.append(title)
    _share_qualifiers(doc, found)
    return found


def _share_qualifiers(doc: Document, titles: list[TitleSpan]) -> None:
    """«رئیس مجلس و نخست وزیر لبنان»: a country named after coordinated titles belongs to each of them."""
    for left, right in zip(titles, titles[1:], strict=False):
        if left.sentence != right.sentence or left.of or not right.of or left.plural or right.plural:
            continue
        between = doc.sentences[left.sentence].tokens[left.last + 1:right.first]
        if [t.text for t in between] == ["و"] or (not between and
                                                 doc.sentences[left.sentence].tokens[right.first].text.startswith("و")):
            left.of, left.of_via = right.of, "coordination"


def _read_modifiers_before(sentence: Sentence, title: TitleSpan, lang: LanguageResources,
                           resources: Resources) -> None:
    tokens = sentence.tokens
    for k in range(title.core_first - 1, max(title.core_first - 4, -1), -1):
        m = lang.modifiers_before.match_at(tokens, k)
        if m is None or m.last != title.first - 1:
            continue
        effect = m.values[0]
        title.first = k
        if m.clitic.startswith("و"):
            title.holder_via = "conjoined"
            title.conjoined = True
        if effect == "acting":
            title.acting = True
            if title.form == "office":
                title.form = "person"
        elif effect == "deputy":
            deputy = "deputy_" + title.role
            title.role = deputy if deputy in resources.role_types else ""
            if title.form == "office":
                title.form = "person"
        elif effect in ("former", "designate"):
            title.former = True
        break


def _read_qualifiers(sentence: Sentence, title: TitleSpan, lang: LanguageResources, resources: Resources,
                     home_country: str | None, start: int | None = None) -> None:
    """Read what follows the core title (or `start`, after a principal «لرئيس»): an organisation/country,
    a nisba, کشورمان, سابق …"""
    tokens = sentence.tokens
    kb = resources.gazetteer
    j = title.core_last + 1 if start is None else start
    head = j - 1  # the word adjectives describe
    while j < len(tokens):
        text = tokens[j].text
        if text in ("-", "–") and title.of:
            j += 1
            continue
        mod = lang.modifiers_after.match_at(tokens, j)
        if mod is not None:
            effect = mod.values[0]
            if effect == "acting":
                title.acting = True
            elif effect in ("former", "designate"):
                title.former = True
            title.last = mod.last
            j = mod.last + 1
            continue
        conn = lang.connectors.match_at(tokens, j)
        if conn is not None and "our_country" in conn.values and home_country:
            if not title.of:
                title.of, title.of_via = home_country, "our_country"
            title.last = conn.last
            j = conn.last + 1
            continue
        posting = _posting(tokens, j, lang, kb) if title.role in _POSTED_ROLES and title.of else j
        if posting > j:  # «السفير الإيراني بدمشق», «سفیر کشورمان در لبنان»: where the diplomat serves
            title.last = posting - 1
            j = posting
            continue
        quoted = text in _QUOTES_OPEN and j + 1 < len(tokens)  # «لحركة «حماس» الشيخ …»: a name in quotes
        name = lang.names.match_at(tokens, j + 1 if quoted else j)
        if quoted and name is not None and not (name.last + 1 < len(tokens) and
                                                tokens[name.last + 1].text in _QUOTES_CLOSE):
            name = None
        if name is not None:
            if quoted:
                name = name._replace(last=name.last + 1)
            refs = [r for r in name.values if kb.actors.get(r.actor) and kb.actors[r.actor].type != "person"]
            if refs:
                actor = refs[0].actor
                if not title.of:
                    title.of = _organisation(kb, actor)
                    title.of_via = "adjective" if refs[0].kind == "adjective" else "mention"
                elif not _same_or_part(kb, actor, title.of) and refs[0].kind != "adjective":
                    break  # a second organisation: not part of this title (a nisba after it is: حماس الفلسطينية)
                title.last = name.last
                j = name.last + 1
                continue
        if text in _THE_ORGANISATION:  # «رئيس المجلس القيادي للحركة محمد درويش»: the movement told before
            title.last = j
            j += 1
            continue
        if _filler(text, lang) and j + 1 < len(tokens):
            k = j + 2 if tokens[j + 1].text in _QUOTES_OPEN else j + 1  # «لحركة «حماس»»
            if k < len(tokens) and lang.names.match_at(tokens, k) is not None:
                j += 1
                continue
        portfolio = _portfolio(tokens, j, lang, kb)
        if portfolio > j:  # «للشؤون السياسية», «در امور خاورمیانه»: the post's brief, part of the title
            title.last = portfolio - 1
            j = portfolio
            continue
        posting = _posting(tokens, j, lang, kb) if title.role in _POSTED_ROLES else j
        if posting > j:  # «سفیر کشورمان در لبنان», «المبعوث الأممي إلى اليمن», «سفير قطر لدى مصر»
            title.last = posting - 1
            j = posting
            continue
        if lang.language == "ar" and text.startswith("ال") and text not in lang.given_names \
                and j - head <= 2 and j + 1 < len(tokens) and not lang.names.match_at(tokens, j) \
                and not lang.titles.match_at(tokens, j):
            title.last = j  # an adjective of the title: «رئيس الوفد الوطني», «المبعوث الأممي»
            j += 1
            continue
        described = _description(tokens, j, lang, kb) if lang.language == "ar" else j
        if described > j:
            # «وزير الخارجية في الحكومة السورية الانتقالية», «وزير الشؤون الخارجية والجالية الوطنية بالخارج»
            for k in range(j, described):
                m = lang.names.match_at(tokens, k)
                if m is not None and not title.of:
                    adjectives = [r for r in m.values if r.kind == "adjective"]
                    if adjectives:
                        title.of, title.of_via = adjectives[0].actor, "adjective"
            title.last = described - 1
            j = described
            continue
        break


def _read_members(sentence: Sentence, title: TitleSpan, lang: LanguageResources, resources: Resources) -> None:
    """«وزرای امور خارجه ترکیه و عمان», «وزيري خارجية قطر ومصر»: the countries a plural title lists."""
    tokens = sentence.tokens
    kb = resources.gazetteer
    j = title.core_last + 1
    while j < len(tokens):
        name = lang.names.match_at(tokens, j)
        if name is None:
            break
        refs = [r for r in name.values if kb.actors.get(r.actor) and kb.actors[r.actor].type in
                ("country", "organization")]
        if not refs:
            break
        following = lang.names.match_at(tokens, name.last + 1) if name.last + 1 < len(tokens) else None
        if refs[0].kind == "adjective" and (
                (following is not None and any(kb.actors.get(r.actor) and kb.actors[r.actor].type == "person"
                                               for r in following.values))
                or (name.last + 1 < len(tokens) and tokens[name.last + 1].text in lang.given_names)):
            break  # «الرئيسين الإيراني إبراهيم رئيسي، والروسي …»: each name follows its own nisba
        title.members.append((_organisation(kb, refs[0].actor), name.first, name.last, None))
        title.last = name.last
        j = name.last + 1
        if j < len(tokens) and tokens[j].text in ("و", "،", ","):
            j += 1


_POSTED_ROLES = {"ambassador", "special_envoy", "diplomat", "permanent_representative"}
_PORTFOLIO_STARTS = ("للشوون", "لشوون", "للشیون", "فیشوون")


_THE_ORGANISATION = frozenset(fold_key(w) for w in ("للحركة", "للحزب", "للجماعة", "للمنظمة", "للتنظيم"))


def _filler(text: str, lang: LanguageResources) -> bool:
    """«حركة», «لحركة», «جنبش»: a word that only introduces the organisation's name."""
    return text in _FILLERS or (lang.language == "ar" and text[:1] in ("ل", "و", "ب") and text[1:] in _FILLERS)


def _portfolio(tokens, j: int, lang: LanguageResources, kb) -> int:
    """End (exclusive) of a brief after a title: «للشؤون السياسية الخاصة», «در امور خاورمیانه و آفریقا»."""
    if j >= len(tokens):
        return j
    text = tokens[j].text
    if text.startswith(_PORTFOLIO_STARTS) or (text == "در" and j + 1 < len(tokens) and tokens[j + 1].text == "امور"):
        k = j + (2 if text == "در" else 1)
        while k < len(tokens) and k - j < 5 and tokens[k].is_word and text not in lang.stopwords and \
                (tokens[k].text.startswith("ال") or lang.language == "fa" or k == j + 1) and \
                tokens[k].text not in lang.given_names and not _names_a_person(tokens, k, lang, kb) and \
                lang.titles.match_at(tokens, k) is None and lang.honorifics.match_at(tokens, k) is None:
            k += 1  # «لشؤون آسيا»: the first word is the brief whatever it is; then «ال» words go on
        return k
    return j


def _names_a_person(tokens, k: int, lang: LanguageResources, kb) -> bool:
    """A known name starts at token k that is not a place: a brief («لشؤون آسيا») ends before a person."""
    m = lang.names.match_at(tokens, k)
    return m is not None and not any(kb.actors.get(r.actor) and kb.actors[r.actor].type in ("place", "country")
                                     for r in m.values)


def _description(tokens, j: int, lang: LanguageResources, kb) -> int:
    """End (exclusive) of what describes an Arabic title before its holder's name: a conjoined brief
    («والجالية الوطنية بالخارج»، «والمغتربين») or the body it serves («في الحكومة السورية الانتقالية»)."""
    k = j
    if k < len(tokens) and tokens[k].text in ("في", "فی") and k + 1 < len(tokens) and \
            tokens[k + 1].text.startswith("ال"):
        k += 1
    elif not (k < len(tokens) and tokens[k].text.startswith(("وال", "وشوون", "وشیون"))):
        return j
    start = k
    while k < len(tokens) and k - start < 6 and tokens[k].is_word and tokens[k].text not in lang.given_names:
        text = tokens[k].text
        m = lang.names.match_at(tokens, k)
        if m is not None and any(kb.actors.get(r.actor) and kb.actors[r.actor].type == "person" for r in m.values):
            break
        if not (text.startswith(("ال", "وال", "بال", "لل", "وشوون", "وشیون", "شوون")) or text in ("و",)):
            break
        k += 1
    return k if k > start else j


_HOST_NOUNS = frozenset(fold_key(w) for w in ("المملكة", "الدولة", "السلطنة", "البلاد", "الجمهورية", "الإمارة"))


def _posting(tokens, j: int, lang: LanguageResources, kb) -> int:
    """End (exclusive) of «در لبنان», «لدى مصر», «إلى اليمن», «بدمشق» after a diplomat's title."""
    if j >= len(tokens):
        return j
    k = j
    if tokens[j].text in ("در", "لدی", "الی", "فی", "في", "به"):
        k = j + 1
    if k > j and k < len(tokens) and tokens[k].text in _HOST_NOUNS:
        return k + 1  # «سفير إيران لدى الدولة», «لدى المملكة»: the host country as the host's press calls it
    m = lang.names.match_at(tokens, k) if k < len(tokens) else None
    if m is None or (k == j and m.clitic not in ("ب", "ل")):
        return j
    if any(kb.actors.get(r.actor) and kb.actors[r.actor].type in ("country", "place") for r in m.values):
        return m.last + 1
    return j


def _organisation(kb, actor: str) -> str:
    """A part of an organisation stands for the organisation (Hamas's political bureau → Hamas)."""
    entry = kb.actors.get(actor)
    if entry and entry.type == "organization" and entry.kind in ("bureau", "body", "wing") and entry.parent:
        return entry.parent
    return actor


def _same_or_part(kb, actor: str, of: str) -> bool:
    seen = set()
    current: str | None = actor
    while current and current not in seen:
        if current == of:
            return True
        seen.add(current)
        entry = kb.actors.get(current)
        current = entry.parent if entry else None
    return False


# --- who holds each title ----------------------------------------------------------------------------

def attach_titles(doc: Document, titles: list[TitleSpan], names: list[NameSpan], lang: LanguageResources) -> None:
    """Set `holder` of each title from the person named next to it (apposition) or coordination."""
    persons: dict[int, list[NameSpan]] = defaultdict(list)
    for span in names:
        if span.type == "Person" and span.via != "adjective":
            persons[span.sentence].append(span)
    prefer_before = doc.language == "fa"
    by_sentence: dict[int, list[TitleSpan]] = defaultdict(list)
    for title in titles:
        by_sentence[title.sentence].append(title)
    for sentence_index, sentence_titles in by_sentence.items():
        sentence = doc.sentences[sentence_index]
        people = persons.get(sentence_index, [])
        for position, title in enumerate(sentence_titles):
            if title.plural:
                _attach_plural(sentence, title, people, names, lang)
                continue
            if title.form == "counterpart":
                # «مباحثات مع نظيره السعودي الأمير فيصل بن فرحان»: named right after; the post is resolved
                # from the subject's (kg.extract.chunks.resolve_titles), as is an unnamed counterpart
                after = _person_after(sentence, title, people, lang)
                if after is not None:
                    title.holder, title.holder_via, title.role = after.actor, "apposition-after", ""
                continue
            before = None if title.holder_via == "conjoined" or _referential(sentence, title, doc.language) \
                else _person_before(sentence, title, people, lang)
            after = _person_after(sentence, title, people, lang)
            chosen, via = (before, "apposition-before") if before and (prefer_before or not after) else \
                (after, "apposition-after") if after else (None, "")
            if chosen is None and position > 0 and doc.language == "ar":
                previous = sentence_titles[position - 1]
                if previous.holder and previous.last + 1 == title.first and not title.conjoined:
                    # «ولي العهد رئيس مجلس الوزراء»: two posts of one person, side by side
                    title.holder, title.holder_via = previous.holder, "coordination"
                    continue
            if chosen is None and position > 0:
                previous = sentence_titles[position - 1]
                if previous.holder and _joined_by_and(sentence, previous.last, title.first, lang, people,
                                                      title.conjoined):
                    title.holder, title.holder_via = previous.holder, "coordination"
                    if previous.of is None and title.of:  # «نماینده ویژه رئیس‌جمهور … و معاون وزیر خارجه روسیه»
                        previous.of, previous.of_via = title.of, "coordination"
                    continue
            if chosen is not None:
                title.holder, title.holder_via = chosen.actor, via
            elif title.holder_via == "conjoined":
                title.holder_via = ""
        # stacked titles: «عضو المكتب السياسي … وزير الخارجية الصيني وانغ يي» — both are Wang Yi's
        for left, right in zip(sentence_titles, sentence_titles[1:], strict=False):
            if left.holder is None and not left.plural and right.holder and right.holder_via == "apposition-after" \
                    and 0 <= right.first - left.last <= 7 \
                    and not _clause_between(sentence, left.last, right.first, lang) \
                    and not sentence.tokens[left.core_first].text.startswith("ال") \
                    and (left.of is None or left.of == right.of) \
                    and not any(left.last < p.first < right.first for p in people):  # a name ends the stack
                left.holder, left.holder_via = right.holder, "stacked"


def share_holders_backwards(doc: Document, titles: list[TitleSpan], lang: LanguageResources) -> None:
    """«المبعوث الخاص للرئيس الروسي … ونائب وزير الخارجية ميخائيل بوغدانوف»: titles joined by «و» before
    one name are all that person's, when the first has no holder of its own (run after resolution)."""
    for left, right in zip(titles, titles[1:], strict=False):
        if left.sentence != right.sentence or left.holder or left.plural or left.form != "person":
            continue
        if right.holder and right.holder_via == "apposition-after" and \
                _joined_by_and(doc.sentences[left.sentence], left.last, right.first, lang, [], right.conjoined):
            left.holder, left.holder_via = right.holder, "coordination"
            if left.of is None and right.of:
                left.of, left.of_via = right.of, "coordination"


def _clause_between(sentence: Sentence, left: int, right: int, lang: LanguageResources) -> bool:
    """Punctuation, a conjunction or a function word («كذلك») between two titles: not stacked on one name."""
    return any(not t.is_word or t.text == "و" or t.text in lang.stopwords for t in sentence.tokens[left + 1:right])


def _referential(sentence: Sentence, title: TitleSpan, language: str) -> bool:
    """«وأطلع هنية الوزير الإيراني على …»: in Arabic a bare definite title (with at most a nisba) names
    someone else, the object of the verb; it is not in apposition to the name before it."""
    if language != "ar" or title.core_first != title.core_last:
        return False
    return sentence.tokens[title.core_first].text.startswith("ال") and title.first == title.core_first


def _joined_by_and(sentence: Sentence, left_last: int, right_first: int, lang: LanguageResources,
                   people: list[NameSpan], conjoined: bool = False) -> bool:
    """«نماینده ویژه … در امور خاورمیانه و آفریقا و معاون وزیر خارجه روسیه»: a second title of the same person.

    The titles are joined by «و» (or an Arabic proclitic و) with at most a short portfolio phrase
    between them and nobody named in between.
    """
    tokens = sentence.tokens
    gap = range(left_last + 1, right_first)
    if len(gap) > 8 or any(p.first in gap for p in people):
        return False
    return (bool(gap) and tokens[right_first - 1].text == "و") or conjoined


def _person_before(sentence: Sentence, title: TitleSpan, people: list[NameSpan],
                   lang: LanguageResources) -> NameSpan | None:
    i = title.first - 1
    skipped = 0
    while i >= 0 and sentence.tokens[i].text in _SKIP_BETWEEN and skipped < 2:
        i -= 1
        skipped += 1
    for span in people:
        if span.last == i:
            return span
    return None


def _person_after(sentence: Sentence, title: TitleSpan, people: list[NameSpan],
                  lang: LanguageResources) -> NameSpan | None:
    tokens = sentence.tokens
    i = title.last + 1
    skipped = 0
    while i < len(tokens) and (tokens[i].text in _SKIP_BETWEEN) and skipped < 2:
        i += 1
        skipped += 1
    starts = {i}
    listed = False
    while i < len(tokens):
        m = lang.honorifics.match_at(tokens, i)
        if m is None:
            break
        listed = listed or (i == title.last + 1 + skipped and m.clitic.startswith("و"))
        i = m.last + 1
        starts.add(i)
    for span in people:
        if span.first in starts:
            if listed or span.clitic.startswith("و") or (span.first > 0 and tokens[span.first - 1].text == "و"):
                return None  # «…، وأيمن الصفدي», «…، والدكتور مساعد العيبان»: the next person in a list
            return span
    return None


def _attach_plural(sentence: Sentence, title: TitleSpan, people: list[NameSpan], names: list[NameSpan],
                   lang: LanguageResources) -> None:
    """الرئيسين الإيراني إبراهيم رئيسي، والروسي فلاديمير بوتين: each person with their own nisba."""
    adjectives = {s.first: s for s in names if s.sentence == title.sentence and s.via == "adjective"}
    starts = {s.first: s for s in people}
    tokens = sentence.tokens
    i = title.core_last + 1
    country = None
    while i < len(tokens):
        text = tokens[i].text
        if i in adjectives:
            country = adjectives[i].actor
            i = adjectives[i].last + 1
            continue
        if i in starts:
            span = starts[i]
            title.holders.append(f"{span.actor}|{country or ''}")
            country = None
            i = span.last + 1
            title.last = span.last
            continue
        if text in ("،", ",") or (lang.connector(text) and "and" in lang.connector(text)):
            i += 1
            continue
        if text.startswith("و") and len(text) > 2:
            # a proclitic و on a nisba: والروسي
            rest = lang.names.match_at(tokens, i)
            if rest is not None and any(r.kind == "adjective" for r in rest.values):
                country = next(r.actor for r in rest.values if r.kind == "adjective")
                i = rest.last + 1
                continue
        break


# --- role records ------------------------------------------------------------------------------------

def role_records(doc: Document, titles: list[TitleSpan], resources: Resources, on: str | None,
                 home: str | None, warnings: list[str]) -> list[Role]:
    """Roles the article states: each title with a holder, its organisation filled from the knowledge base."""
    records: dict[tuple[str, str, str | None, bool], Role] = {}
    ends = {(t.sentence, t.last, t.holder) for t in titles if t.holder}
    for title in titles:
        if title.former or not title.role:
            continue
        if title.core_first == title.core_last == title.first and not title.of and not title.plural and \
                (title.sentence, title.first - 1, title.holder) in ends:
            continue  # «مساعد وزير الخارجية لشؤون آسيا السفير سميح حيات»: a diplomat's rank before the name
        holders: list[tuple[str, str | None]] = []
        if title.plural:
            for item in title.holders:
                holder, _, country = item.partition("|")
                holders.append((holder, country or title.of))
        elif title.holder:
            holders.append((title.holder, title.of))
        bare = (title.core_first == title.core_last == title.last and title.first == title.core_first and not title.of
                and title.role in _BARE_GENERIC and not title.plural) or \
            (title.role in _BARE_GENERIC and title.holder_via in ("article", "knowledge_base"))  # «الوزير الإيراني»
        for holder, of in holders:
            if bare and not _held_that_day(resources, holder, title.role, on):
                continue  # «الوزير عراقجي», «الرئيس بري»: a way of naming, not a statement of the post
            of = of or known_organisation(resources, holder, title.role, on)
            if of is None and title.role in GOVERNMENT_ROLES:
                of = home
            sentence = doc.sentences[title.sentence]
            evidence = Evidence(doc.id, sentence.start, sentence.end, sentence.text,
                                f"role.{doc.language}.{title.holder_via or 'plural'}",
                                0.9 if title.holder_via.startswith("apposition") else 0.75)
            key = (holder, title.role, of, title.acting)
            if key not in records:
                records[key] = Role(holder, title.role, of, title.acting, title.text, on, evidence)
                _check_against_knowledge_base(resources, records[key], warnings)
    return list(records.values())


def _held_that_day(resources: Resources, holder: str, role: str, on: str | None) -> bool:
    """«الرئيس بشار الأسد»: a bare title is a statement of the post when the person held exactly it then."""
    kb = resources.gazetteer
    return bool(on and holder in kb.actors and role not in ("minister", "official", "member", "head_of_organization")
                and any(p.role == role for p in kb.positions_of(holder, on)))


def known_organisation(resources: Resources, holder: str, role: str, on: str | None) -> str | None:
    kb = resources.gazetteer
    if holder not in kb.actors:
        return None
    chain = set(resources.broader_roles(role))
    candidates = [p for p in kb.positions_of(holder, on) if p.role in chain or role in resources.broader_roles(p.role)]
    if not candidates and on is not None:
        candidates = [p for p in kb.positions_of(holder) if p.role in chain or role in resources.broader_roles(p.role)]
    orgs = {p.of for p in candidates}
    return orgs.pop() if len(orgs) == 1 else None


def _check_against_knowledge_base(resources: Resources, role: Role, warnings: list[str]) -> None:
    """Warn when the text gives someone a post the knowledge base says they did not hold that day."""
    kb = resources.gazetteer
    if role.date is None or role.holder not in kb.actors or not role.of:
        return
    held = kb.positions_of(role.holder)
    same_post = [p for p in held if p.role == role.role and p.of == role.of]
    if same_post and not any(p.covers(role.date) for p in same_post):
        warnings.append(f"{role.evidence.article}: '{role.text}' for {role.holder} on {role.date} "
                        f"contradicts the knowledge base ({role.role} of {role.of}: "
                        + ", ".join(f"{p.start or '?'}–{p.end or 'now'}" for p in same_post) + ")")
