"""What an article says about itself: its outlet, the agencies it cites and its publication date.

«به گزارش خبرگزاری مهر» names the publisher, «به نقل از ایرنا» / «وفقا لوكالة … إيرنا» a cited
agency; a line that is only an outlet's name (a brand line such as "Sputnik") names the publisher
when no «به گزارش» does. Outlets unknown to the knowledge base are kept under their name.
"""

from __future__ import annotations

from kg.extract.actors import NEW_PREFIX, _dictionary_word
from kg.extract.dates import DateMention, date_finder, find_publication_date
from kg.extract.resources import LanguageResources, Resources
from kg.records import ArticleInfo, DateValue
from kg.text.document import Document, Sentence
from kg.text.normalize import fold_key

_OUTLET_KINDS = {"news_agency", "newspaper", "broadcaster", "website", "news"}
_PERSIAN_COUNTRIES = {"iran", "afghanistan", "tajikistan"}


def read_article_info(doc: Document, lang: LanguageResources, resources: Resources,
                      outlets_found: dict[str, str], dates: list[DateMention] | None = None) -> ArticleInfo:
    """Publisher, cited agencies, title and publication date of `doc`.

    `outlets_found` receives key → name for outlets not in the knowledge base.
    """
    publisher: str | None = None
    cites: list[str] = []
    for sentence in doc.sentences:
        for m in lang.attribution.find_all(sentence.tokens):
            outlet = _outlet_after(doc, sentence, m.last + 1, lang, resources, outlets_found)
            if outlet is None:
                continue
            if "publisher" in m.values and publisher is None:
                publisher = outlet
            elif outlet != publisher and outlet not in cites:
                cites.append(outlet)
    if publisher is None:
        publisher = _brand_line(doc, lang, resources)
    if publisher in cites:
        cites.remove(publisher)
    published = find_publication_date(doc.text, doc.language, resources.lexicons,
                                      [(p.start, p.end) for p in doc.paragraphs if p.kept], dates)
    title = _headline(doc, dates)
    return ArticleInfo(doc.id, doc.path, doc.language, doc.sha256, title, publisher, tuple(cites), published)


def _is_outlet(resources: Resources, actor: str) -> bool:
    entry = resources.gazetteer.actors.get(actor)
    return bool(entry and entry.type == "organization" and entry.kind in _OUTLET_KINDS)


def _outlet_after(doc: Document, sentence, i: int, lang: LanguageResources, resources: Resources,
                  outlets_found: dict[str, str]) -> str | None:
    """The outlet named after «به گزارش» / «نقلا عن»: a known one, else the words up to the next comma."""
    tokens = sentence.tokens
    while i < len(tokens) and tokens[i].text in ('"', "«", "(", ":"):
        i += 1
    run_end = i
    while run_end < len(tokens) and run_end - i < 8 and tokens[run_end].is_word and \
            lang.stopwords.get(tokens[run_end].text) != "function" and \
            lang.attribution.match_at(tokens, run_end) is None:
        run_end += 1
    # a known outlet inside the run (خبرگزاری مهر، وكالة الأنباء الإيرانية "إرنا"); quotes may follow the run
    for j in list(range(i, run_end)) + [k for k in range(run_end, min(run_end + 3, len(tokens)))
                                         if tokens[k - 1].text in ('"', "«")]:
        m = lang.names.match_at(tokens, j)
        if m is not None:
            outlets = [r.actor for r in m.values if _is_outlet(resources, r.actor)]
            if outlets:
                return outlets[0]
    words = tokens[i:run_end]
    joined = "".join(w.text for w in words)
    if 1 <= len(words) <= 4 and not (len(words) == 1 and (words[0].text in lang.common_words
                                                          or words[0].text in lang.stopwords)) \
            and not _dictionary_word(joined, lang):  # «به گزارش رسانه‌ها»: the media, not an outlet
        name = doc.text[words[0].start:words[-1].end]
        key = NEW_PREFIX + fold_key(name)
        outlets_found.setdefault(key, name)
        return key
    return None


def _headline(doc: Document, dates: list[DateMention] | None) -> str | None:
    """The first kept line that is not a dateline or a brand line: the headline."""
    for sentence in doc.sentences:
        words = [t for t in sentence.tokens if t.is_word]
        if len(words) < 3:
            continue
        dated = sum(m.end - m.start for m in dates or () if sentence.start <= m.start and m.end <= sentence.end)
        if dated >= 0.5 * (sentence.end - sentence.start):
            continue
        return sentence.text
    return doc.sentences[0].text if doc.sentences else None


def _brand_line(doc: Document, lang: LanguageResources, resources: Resources) -> str | None:
    for sentence in doc.sentences:
        words = [t for t in sentence.tokens if t.is_word]
        if not 1 <= len(words) <= 3 or len(words) != len(sentence.tokens):
            continue
        m = lang.names.match_at(sentence.tokens, 0)
        if m is not None and m.last == len(sentence.tokens) - 1:
            outlets = [r.actor for r in m.values if _is_outlet(resources, r.actor)]
            if outlets:
                return outlets[0]
    return None


_DATELINE_MARKS = ("-", "–", "(", "،", ":", "/")
_DATELINE_IN = frozenset(fold_key(w) for w in ("في", "در"))  # «الدوحة في 14 يونيو»


def _dateline_mark_after(doc: Document, sentence: Sentence, index: int, resources: Resources) -> bool:
    """A dash or an agency mark at `index`, or after a date that starts there («في 14 يونيو /قنا/»)."""
    tokens = sentence.tokens
    if tokens[index].text in _DATELINE_MARKS:
        return True
    if tokens[index].text in _DATELINE_IN:
        index += 1
        if index >= len(tokens):
            return False
    rest = doc.text[tokens[index].start:sentence.end]
    dates = date_finder(resources.lexicons).find(rest, doc.language)
    if not dates or dates[0].start != 0 or dates[0].kind != "absolute":
        return False
    after = rest[dates[0].end:].lstrip()
    return after[:1] in _DATELINE_MARKS


def home_country(info: ArticleInfo, resources: Resources) -> str | None:
    """The country «کشورمان» / «بلادنا» means: the publisher's, else Iran for Persian text."""
    country = None
    if info.publisher and info.publisher in resources.gazetteer.actors:
        country = resources.gazetteer.country_of(info.publisher)
    if info.language == "fa" and country not in _PERSIAN_COUNTRIES:
        return "iran" if "iran" in resources.gazetteer.actors else None
    return country


def published_on(info: ArticleInfo) -> str | None:
    """The publication date as an ISO day, when it is known to the day."""
    date: DateValue | None = info.published
    return date.value if date and date.precision == "day" else None


def dateline_city(doc: Document, lang: LanguageResources, resources: Resources) -> str | None:
    """«بانجول - تحادث …», «تهران- ایرنا- …», «الدوحة في 14 يونيو /قنا/ …»: the city a report is filed from,
    at the head of its first body paragraph (a known city, maybe a date, then a dash or an agency mark)."""
    long_sentences = 0
    for sentence in doc.sentences[:12]:
        words = [t for t in sentence.tokens if t.is_word]
        if len(words) < 8:
            continue
        long_sentences += 1  # the first may be the headline; the body's first paragraph comes next
        m = lang.names.match_at(sentence.tokens, 0)
        places = [r.actor for r in m.values if resources.gazetteer.actors.get(r.actor)
                  and resources.gazetteer.actors[r.actor].type in ("place", "country")] if m else []  # «الكويت - …»
        if places and m is not None and m.last + 1 < len(sentence.tokens) and \
                _dateline_mark_after(doc, sentence, m.last + 1, resources):
            return places[0]
        if long_sentences >= 2:
            return None
    return None
