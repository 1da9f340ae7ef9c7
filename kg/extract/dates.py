"""Dates in Persian and Arabic news: find them in every calendar, resolve them, pick the article's own date.

Dates are matched on the folded text (ASCII digits, one letter per variant, ZWNJ as a space) by one
regular expression per language, built once per `Lexicons` from `months.tsv`, `weekdays.tsv` and
`relative_dates.tsv`; offsets are mapped back to the original text. Jalali (Solar Hijri) dates are
converted with jdatetime, lunar Hijri dates with hijridate (Umm al-Qura); every value is Gregorian.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

from kg.errors import KGError
from kg.lexicons.loader import Lexicons, Row
from kg.records import DateValue
from kg.text.normalize import Folded, fold, fold_phrase

# Grammar words the patterns need besides the lexicons, as written (folded when a grammar is built).
_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "fa": {
        "day_noun": ("روز",),  # "روز پنجشنبه"
        "link": ("برابر با", "مصادف با"),  # "شنبه مصادف با ۱۵ مهر"
        "year_noun": ("سال",),  # "سال ۲۰۲۳", "مهر سال ۱۴۰۲"
        "month_suffix": ("ماه",),  # "مهرماه", "مهر ماه"
        "of": (),
        "current": ("جاری",),
        "past": ("گذشته", "پیش"),
        "next": ("آینده", "آتی"),
        # "امام جمعه", "نماز جمعه": Friday as the name of the prayer, not a day
        "not_a_day_after": ("نماز", "امام", "امامان", "ائمه", "خطیب", "خطبه"),
        "noun_today": (),
        "not_today_after": (),
        "dateline": ("تاریخ", "انتشار", "منتشر", "شده", "در", "به‌روزرسانی", "بروزرسانی", "روزرسانی",
                     "آخرین", "ساعت", "کد", "خبر", "ق.ظ", "ب.ظ", "ظ", "ب", "ق", "am", "pm", "gmt", "utc",
                     # a byline: "نویسنده: آریانا نیوز یکشنبه ۱۰ سرطان ۱۴۰۳"
                     "نویسنده", "نوشته", "خبرنگار", "گزارشگر", "تنظیم", "ویرایش", "منبع"),
    },
    "ar": {
        "day_noun": ("يوم",),  # "يوم الخميس"
        "link": ("الموافق", "الموافق لـ"),  # "الجمعة الموافق 8 ديسمبر"
        "year_noun": ("عام", "العام", "سنة", "السنة"),  # "عام 2023"
        "month_suffix": (),
        "of": ("من",),  # "7 من أكتوبر", "ديسمبر من العام 2023"
        "current": ("الجاري", "الحالي"),
        "past": ("الماضي", "المنصرم", "الفائت", "السابق"),
        "next": ("المقبل", "القادم"),
        "not_a_day_after": ("صلاة", "خطبة", "خطبتي", "إمام", "أئمة", "خطيب"),
        # "اليوم" is also the noun "the day": "اليوم التالي", "في ذلك اليوم" are not today
        "noun_today": ("اليوم",),
        "not_today_after": ("ذلك", "ذاك", "تلك", "نفس", "ذات"),
        "dateline": ("نشر", "في", "آخر", "تحديث", "تاريخ", "النشر", "بتاريخ", "الساعة", "بتوقيت", "توقيت",
                     "غرينتش", "مكة", "المكرمة", "الموافق", "ص", "م", "am", "pm", "gmt", "utc",
                     "كتب", "بقلم", "بواسطة", "المحرر", "مراسل", "المصدر"),
    },
}

# Era markers after a year; "." in a marker is optional and a space may be missing ("ه.ش", "ه ش", "هش").
_ERAS: dict[str, tuple[str, ...]] = {
    "jalali": ("ه. ش", "هـ. ش", "هجری شمسی", "هجری خورشیدی", "شمسی", "خورشیدی", "ش"),
    "hijri": ("ه. ق", "هـ. ق", "هجری قمری", "هجري", "هجرية", "للهجرة", "قمری", "هـ", "ق"),
    "gregorian": ("میلادی", "ميلادية", "للميلاد", "م"),
}

# Month names that are also everyday words (میزان "amount", حمل "transport", صفر "zero", جون "life"):
# read as months only after a day number. "می" is also the verb prefix: it needs a day and a year.
_COMMON_WORD_MONTHS = frozenset(fold_phrase(w) for w in (
    "میزان", "حمل", "سرطان", "اسد", "عقرب", "قوس", "جدی", "دلو", "حوت", "ثور", "سنبله", "جوزا", "صفر",
    "جون", "می"))
_NEEDS_YEAR_MONTHS = frozenset({fold_phrase("می")})

# Years outside these ranges are not read as years of that calendar (hijridate covers 1343-1500 AH).
_YEARS = {"gregorian": (1700, 2199), "jalali": (1200, 1499), "hijri": (1343, 1500)}

# A numeric date whose year is 13xx/14xx is Solar Hijri in Persian text and lunar Hijri in Arabic text.
_LOCAL_CALENDAR = {"fa": "jalali", "ar": "hijri"}
# "۵ ماه جاری" / "5 الجاري" (the 5th of this month) counts in the calendar the language's press uses.
_CURRENT_MONTH_CALENDAR = {"fa": "jalali", "ar": "gregorian"}

_WORD_END = r"(?![^\W\d_])"  # no letter follows (a digit may: "مهر1402")
_WORD_START = r"(?<!\w)"
_NUMBER_START = r"(?<![\d:/.\-])"  # not inside a longer number, a time or a numeric date
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, before it is resolved against the article's date.

    `start`/`end`/`text` refer to the original text. `value` is set for absolute dates that name
    their year; dates that leave the year or month to the article's date (`۱۵ مهرماه`, `1 ديسمبر
    الجاري`) keep what they say in `parts` (year, month, day in `calendar`, 0 = not written) and
    `year_offset` (0 this year, -1 last year, +1 next year; None: nearest one, see `past`).
    """

    start: int
    end: int
    text: str
    kind: str  # "absolute" | "relative" | "weekday"
    calendar: str  # "gregorian" | "jalali" | "hijri" | "relative"
    value: str | None
    precision: str  # "day" | "month" | "year" ("week" for relative "last week")
    days: int | None = None  # relative offset in days; for a weekday, the week shift ("هفته گذشته": -7)
    weekday: int | None = None  # date.weekday() of a named weekday
    past: bool | None = None  # "گذشته" / "الماضي" → True, "آینده" / "المقبل" → False
    parts: tuple[int, int, int] = (0, 0, 0)
    year_offset: int | None = None


@dataclass(frozen=True)
class _Grammar:
    """The compiled pattern of one language and the lookup tables behind its named groups."""

    language: str
    pattern: re.Pattern[str]
    months: dict[str, tuple[tuple[str, int], ...]]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    relatives: dict[str, tuple[int, str]]
    eras: dict[str, str]
    current: frozenset[str]
    past: frozenset[str]
    next: frozenset[str]
    not_a_day_after: frozenset[str]
    noun_today: frozenset[str]
    not_today_after: frozenset[str]
    dateline_words: frozenset[str]
    # where `pattern` can match, found without trying it at every position (see _match_starts): the
    # opening of every date word a word-led date starts with (`opening`), at a word start (`word_starts`,
    # after the non-word character before it) or behind a word-initial و / ف (`joined_starts`,
    # Arabic); None: try every position
    opening: re.Pattern[str] | None = None
    word_starts: re.Pattern[str] | None = None
    joined_starts: re.Pattern[str] | None = None


def _key(phrase: str) -> str:
    """Lookup key of a folded phrase: without spaces, so "یک شنبه" and "یکشنبه" meet."""
    return "".join(phrase.split())


def _alternation(phrases: Iterable[str]) -> str:
    """A regex for any of the folded `phrases`, as a trie (longest first, no repeated prefix work).

    A space inside a phrase may be any run of spaces or none (ZWNJ is folded to a space and often
    dropped); a "." may be missing.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in re.sub(r"\s+", " ", phrase.strip()):
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return "(?!)"
    # A class test of the first character fails most positions in one step, before the trie's branches.
    first = "".join(sorted(re.escape(c) for c in trie if c not in ("", " ", ".")))
    return f"(?=[{first}]){_trie_regex(trie)}" if len(trie) > 2 and first else _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char:
            token = r"\s*" if char == " " else r"\.?" if char == "." else re.escape(char)
            branches.append(token + _trie_regex(child))
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


def _int_cell(row: Row, column: str, low: int, high: int) -> int:
    try:
        number = int(row[column])
    except ValueError:
        raise row.error(f"{column} {row[column]!r} is not a whole number") from None
    if not low <= number <= high:
        raise row.error(f"{column} {number} is not in {low}..{high}")
    return number


def _build_grammar(lexicons: Lexicons, language: str) -> _Grammar:
    """Compile one language's date pattern from its lexicons and cue words."""
    months: dict[str, list[tuple[str, int]]] = {}
    month_names = []
    for row in lexicons.table(language, "months"):
        month_names.append(fold_phrase(row["name"]))
        months.setdefault(_key(month_names[-1]), []).append((row["calendar"], _int_cell(row, "month", 1, 12)))
    weekday_names = [fold_phrase(row["name"]) for row in lexicons.table(language, "weekdays")]
    weekdays = {_key(name): _int_cell(row, "weekday", 0, 6)
                for name, row in zip(weekday_names, lexicons.table(language, "weekdays"), strict=True)}
    ordinal_names = [fold_phrase(row["ordinal"]) for row in lexicons.table(language, "ordinals")]
    ordinals = {_key(name): _int_cell(row, "number", 1, 31)
                for name, row in zip(ordinal_names, lexicons.table(language, "ordinals"), strict=True)}
    relatives: dict[str, tuple[int, str]] = {}
    by_precision: dict[str, list[str]] = {"day": [], "week": [], "month": [], "year": []}
    current_month = []  # "الشهر الجاري", "ماه جاری": after a day number, the day of this month
    for row in lexicons.table(language, "relative_dates"):
        precision = row.get("precision", "day")
        if precision not in by_precision:
            raise row.error(f"precision {precision!r} is not one of {', '.join(by_precision)}")
        expression = fold_phrase(row["expression"])
        days = _int_cell(row, "days", -3660, 3660)
        relatives[_key(expression)] = (days, precision)
        by_precision[precision].append(expression)
        if precision == "month" and days == 0:
            current_month.append(expression)
    cues = {name: tuple(fold_phrase(w) for w in words) for name, words in _CUES[language].items()}
    current_month += cues["current"]

    mon = _alternation(month_names)
    wd = _alternation(weekday_names)
    day_number = rf"\d{{1,2}}|{_alternation(ordinal_names)}{_WORD_END}" if ordinal_names else r"\d{1,2}"
    relative_names = [e for names in by_precision.values() for e in names]
    rel = _alternation(relative_names)
    era = _alternation(fold_phrase(m) for markers in _ERAS.values() for m in markers)
    day_noun = _alternation(cues["day_noun"])
    link = _alternation(cues["link"])
    year_noun = _alternation(cues["year_noun"])
    of = rf"(?:{_alternation(cues['of'])}\s*)?" if cues["of"] else ""
    suffix = rf"(?:\s*{_alternation(cues['month_suffix'])})?" if cues["month_suffix"] else ""
    end = _WORD_END

    def weekday_prefix(t: str) -> str:  # "روز شنبه ", "الجمعة، ", "يوم الجمعة الموافق "
        return rf"(?:{day_noun}\s*)?(?P<wd_{t}>{wd}){end}(?:\s*[,،\-]\s*|\s+)(?:{link}{end}\s*)?"

    def month(t: str) -> str:  # "مهرماه", "ديسمبر/ كانون الأول"
        return rf"(?P<m_{t}>{mon}){suffix}{end}(?:\s*/\s*{mon}{suffix}{end})?"

    def year(t: str) -> str:  # " ۱۴۰۳", "-2024", " سال ۲۰۲۳ میلادی", " من العام 2023 م"
        return (rf"(?:\s*(?:[/\-]\s*)?{of}(?:{year_noun}\s*)?(?P<y_{t}>\d{{4}})(?!\d)"
                rf"(?:\s*(?P<era_{t}>{era}){end})?)")

    def modifier(t: str) -> str:  # " الجاري", " الماضي", " سال گذشته", " من العام الماضي"
        return (rf"(?:\s+{of}(?:(?P<yrel_{t}>{_alternation(by_precision['year'])})"
                rf"|(?P<mod_{t}>{_alternation(cues['current'] + cues['past'] + cues['next'])})){end})")

    def dmy(t: str) -> str:  # "۳۱ خرداد ۱۴۰۳", "20-ژوئن-2024", "7 من أكتوبر", "۱۵ مهرماه", "الثاني من أيلول"
        return rf"(?P<d_{t}>{day_number})\s*(?:[/\-]\s*)?{of}{month(t)}(?:{year(t)}|{modifier(t)})?"

    def dcur(t: str) -> str:  # "5 الجاري", "۵ ماه جاری", "الثاني من الشهر الجاري"
        return rf"(?P<d_{t}>{day_number})\s*{of}(?P<cur_{t}>{_alternation(current_month)}){end}"

    def num(t: str) -> str:  # "1403/03/31", "2024-06-20", "20/06/2024"
        return (rf"(?:(?P<y_{t}>\d{{4}})(?P<s_{t}>[/.\-])(?P<m_{t}>\d{{1,2}})(?P=s_{t})(?P<d_{t}>\d{{1,2}})"
                rf"|(?P<e_{t}>\d{{1,2}})(?P<t_{t}>[/.\-])(?P<l_{t}>\d{{1,2}})(?P=t_{t})(?P<z_{t}>\d{{4}}))"
                rf"(?!\d|[/.\-:]\d)(?:\s*(?P<era_{t}>{era}){end})?")

    def relative(t: str) -> str:  # "امروز", "أمس الخميس", "دیروز (پنجشنبه)"
        return (rf"(?P<expr_{t}>{rel}){end}"
                rf"(?:(?:\s*[,،(\-]\s*|\s+)(?:{day_noun}\s*)?(?P<wd_{t}>{wd}){end})?")

    def weekday(t: str) -> str:  # "روز پنجشنبه", "پنجشنبه هفته گذشته", "الخميس الماضي"
        return (rf"(?:{day_noun}\s*)?(?P<wd_{t}>{wd}){end}"
                rf"(?:\s+{of}(?:(?P<wrel_{t}>{_alternation(by_precision['week'])})"
                rf"|(?P<mod_{t}>{_alternation(cues['past'] + cues['next'])})){end})?")

    # Three entries, so that most positions (inside a word) fail on their first test: a number, a word
    # start, and (Arabic) a word after the conjunction و / ف written joined to it ("وأمس", "فاليوم").
    # Outer groups are named KIND_TAG; each alternative has its own tag for its inner groups.
    number_led = f"(?P<dmy_a>{dmy('a')})|(?P<dcur_c>{dcur('c')})|(?P<num_n>{num('n')})"
    word_led = (f"(?P<dmy_b>{weekday_prefix('b')}{dmy('b')})|(?P<dcur_e>{weekday_prefix('e')}{dcur('e')})"
                f"|(?P<num_p>{weekday_prefix('p')}{num('p')})"
                f"|(?P<dmy_o>{dmy('o')})|(?P<dcur_f>{dcur('f')})"  # an ordinal day: "الثاني من أيلول"
                f"|(?P<my_m>{month('m')}(?:{year('m')}|{modifier('m')}))"
                rf"|(?P<yonly_y>{year_noun}\s*(?P<y_y>\d{{4}})(?!\d)(?:\s*(?P<era_y>{era}){end})?)"
                f"|(?P<rel_r>{relative('r')})|(?P<wday_w>{weekday('w')})")
    words = (*cues["day_noun"], *cues["year_noun"], *weekday_names, *month_names, *relative_names, *ordinal_names)
    starters = "".join(sorted({re.escape(w[0]) for w in words if w}))
    entries = [rf"(?=\d){_NUMBER_START}(?:{number_led})", rf"(?=[{starters}]){_WORD_START}(?:{word_led})"]
    if language == "ar":
        entries.append(rf"(?<=(?<!\w)[وف])(?:(?P<rel_s>{relative('s')})|(?P<wday_v>{weekday('v')}))")
    pattern = re.compile("|".join(entries))
    opening, word_starts, joined_starts = _start_filter(words, language)
    eras = {_key(fold_phrase(m).replace(".", "")): calendar
            for calendar, markers in _ERAS.items() for m in markers}
    return _Grammar(
        language=language, pattern=pattern,
        months={k: tuple(v) for k, v in months.items()}, weekdays=weekdays, ordinals=ordinals,
        relatives=relatives, eras=eras,
        current=frozenset(_key(w) for w in cues["current"]), past=frozenset(_key(w) for w in cues["past"]),
        next=frozenset(_key(w) for w in cues["next"]),
        not_a_day_after=frozenset(_key(w) for w in cues["not_a_day_after"]),
        noun_today=frozenset(_key(w) for w in cues["noun_today"]),
        not_today_after=frozenset(_key(w) for w in cues["not_today_after"]),
        dateline_words=frozenset(_key(w) for c in cues["dateline"] for w in c.replace(".", " ").split()),
        opening=opening, word_starts=word_starts, joined_starts=joined_starts,
    )


def _start_filter(words: Sequence[str], language: str) -> tuple[re.Pattern[str] | None, ...]:
    """Where a word-led date can start, for `_match_starts`: (opening, word_starts, joined_starts).

    Every word-led alternative of the pattern opens with one of `words` (a day or year noun, a
    weekday, month, relative day or ordinal), written as `_alternation` reads it: letters stand for
    themselves, a space for any white space (or none), a "." is optional. So a match starts with the
    phrase's opening (its first five letters, with the spaces and dots among them read the same way:
    `opening`), at a word start or (Arabic) after a word-initial و / ف. The scans start with a
    character class (the non-word character before a word), so that the regex engine skips from one
    candidate to the next in C."""
    openings: set[str] = set()
    for word in words:
        phrase = re.sub(r"\s+", " ", word.strip())
        if not phrase:
            continue
        if phrase[0] == ".":
            return None, None, None  # a phrase opening with a dot: no fixed letters (not with folded phrases)
        letters, end = 0, 0
        while end < len(phrase) and letters < _OPENING:
            letters += phrase[end] not in " ."
            end += 1
        openings.add(phrase[:end].rstrip())  # read by _alternation as the phrase is: "این هفته" → "این\s*هف"
    if not openings:
        return None, None, None
    opening = _alternation(openings)
    joined = re.compile(rf"\W[وف](?={opening})") if language == "ar" else None
    return re.compile(opening), re.compile(rf"\W(?={opening})"), joined


_OPENING = 5  # letters of a date word's opening tested before the whole pattern is tried
_NUMBER_STARTS = re.compile(r"\d(?<![\d:/.\-]\d)")  # a digit where `_NUMBER_START` lets a number-led date start


def _match_starts(grammar: _Grammar, text: str) -> Iterator[re.Match[str]]:
    """`grammar.pattern.finditer(text)`, trying the pattern only where a match can start.

    The pattern's entries are guarded by lookarounds that Python's regex engine evaluates at every
    position, which is most of the cost of a scan. A match starts at a digit not inside a number, or
    with the opening letters of a date word (`_start_filter`) at a word start or behind a word-initial
    و / ف; those positions are found with three scans that the engine runs fast (each starts with a
    character class), and the pattern is matched only there. `pattern.match(text, p)`
    sees the same characters around p as `finditer` does, so the matches are the same."""
    pattern, opening = grammar.pattern, grammar.opening
    if opening is None or grammar.word_starts is None:
        yield from pattern.finditer(text)
        return
    candidates = [m.start() for m in _NUMBER_STARTS.finditer(text)]
    candidates += [m.end() for m in grammar.word_starts.finditer(text)]
    if opening.match(text):
        candidates.append(0)
    if grammar.joined_starts is not None:
        candidates += [m.end() for m in grammar.joined_starts.finditer(text)]
        if text[:1] in ("و", "ف") and opening.match(text, 1):
            candidates.append(1)
    position = 0
    match = pattern.match
    for p in sorted(set(candidates)):
        if p < position:
            continue
        found = match(text, p)
        if found is not None:
            yield found
            position = found.end() if found.end() > p else p + 1


class DateFinder:
    """Date patterns for both languages, compiled once from one `Lexicons` (lazily, per language)."""

    def __init__(self, lexicons: Lexicons) -> None:
        self._lexicons = lexicons
        self._grammars: dict[str, _Grammar] = {}

    def grammar(self, language: str) -> _Grammar:
        """The compiled grammar of `language`; a language without date cues is a `KGError`."""
        if language not in self._grammars:
            if language not in _CUES:
                raise KGError(f"no date grammar for language {language!r} (known: {', '.join(_CUES)})")
            self._grammars[language] = _build_grammar(self._lexicons, language)
        return self._grammars[language]

    def find(self, text: str, language: str, folded: Folded | None = None) -> list[DateMention]:
        """Every date expression in `text`, left to right, non-overlapping (`folded`: `fold(text)`, if known)."""
        grammar = self.grammar(language)
        if folded is None:
            folded = fold(text)
        mentions = []
        for match in _match_starts(grammar, folded.text):
            mention = _read_match(match, grammar, folded.text)
            if mention is None:
                continue
            start, end = folded.span_to_source(mention.start, mention.end)
            while end < len(text) and not fold(text[end]).text:  # a trailing tatweel or mark: "هـ"
                end += 1
            m = mention  # dataclasses.replace(mention, start=…, end=…, text=…), without its overhead
            mentions.append(DateMention(start, end, text[start:end], m.kind, m.calendar, m.value, m.precision,
                                        m.days, m.weekday, m.past, m.parts, m.year_offset))
        return mentions


# Finders are kept per `Lexicons` object and vanish with it, so tests with their own lexicons share nothing.
_FINDERS: weakref.WeakKeyDictionary[Lexicons, DateFinder] = weakref.WeakKeyDictionary()


def date_finder(lexicons: Lexicons) -> DateFinder:
    """The `DateFinder` of `lexicons`, built on first use."""
    finder = _FINDERS.get(lexicons)
    if finder is None:
        finder = _FINDERS[lexicons] = DateFinder(lexicons)
    return finder


def find_dates(text: str, language: str, lexicons: Lexicons) -> list[DateMention]:
    """Dates in `text` ("fa" or "ar"): absolute in any calendar, relative ("دیروز", "أمس"), weekdays."""
    return date_finder(lexicons).find(text, language)


def _read_match(match: re.Match[str], grammar: _Grammar, folded: str) -> DateMention | None:
    """The mention a match of the language pattern stands for, or None when it turns out not to be a date."""
    kind, _, t = (match.lastgroup or "").partition("_")
    if kind == "dmy":
        return _read_day_month(match, grammar, t)
    if kind == "dcur":
        day = _day_number(grammar, match.group(f"d_{t}"))
        if not 1 <= day <= 31:
            return None
        calendar = _CURRENT_MONTH_CALENDAR[grammar.language]
        return DateMention(match.start(), match.end(), "", "absolute", calendar, None, "day",
                           weekday=_weekday(grammar, match, t), parts=(0, 0, day), year_offset=0)
    if kind == "num":
        return _read_numeric(match, grammar, t)
    if kind == "my":
        return _read_month_year(match, grammar, t)
    if kind == "yonly":
        year = int(match.group("y_y"))
        of_year = _era(grammar, match.group("era_y")) or _calendar_of_year(year, grammar.language)
        value = _value(of_year, year, 7, 1, "year") if of_year and _plausible(of_year, year) else None
        if of_year is None or value is None:
            return None
        return DateMention(match.start(), match.end(), "", "absolute", of_year, value, "year",
                           parts=(year, 0, 0))
    if kind == "rel":
        key = _key(match.group(f"expr_{t}"))
        weekday = _weekday(grammar, match, t)
        if weekday is None and key in grammar.noun_today and _is_noun_today(folded, match, grammar):
            return None
        days, precision = grammar.relatives[key]
        return DateMention(match.start(), match.end(), "", "relative", "relative", None, precision,
                           days=days, weekday=weekday)
    if kind == "wday":
        if _word_before(folded, match.start()) in grammar.not_a_day_after:
            return None
        week = match.group(f"wrel_{t}")
        shift = grammar.relatives[_key(week)][0] if week else None
        if shift is None:
            past = _direction(grammar, match.group(f"mod_{t}"))
        else:
            past = None if shift == 0 else shift < 0
        return DateMention(match.start(), match.end(), "", "weekday", "relative", None, "day",
                           days=shift, weekday=_weekday(grammar, match, t), past=past)
    return None


def _read_day_month(match: re.Match[str], grammar: _Grammar, t: str) -> DateMention | None:
    """«۳۱ خرداد ۱۴۰۳», «20-ژوئن-2024», «الجمعة 8 ديسمبر 2023», «۱۵ مهرماه», «1 ديسمبر الجاري»: a day."""
    g = match.group
    day = _day_number(grammar, g(f"d_{t}"))
    name = _key(g(f"m_{t}"))
    year = int(g(f"y_{t}")) if g(f"y_{t}") else None
    calendar, month = _month(grammar, name, year)
    if not 1 <= day <= 31 or (year is None and name in _NEEDS_YEAR_MONTHS):
        return None
    weekday = _weekday(grammar, match, t)
    if year is not None:
        # 30 February, 31 Esfand 1402, a year out of the calendar's range ("1 محرم 1300"): no date
        value = _value(calendar, year, month, day, "day") if _plausible(calendar, year) else None
        if value is None:
            return None
        return DateMention(match.start(), match.end(), "", "absolute", calendar, value, "day",
                           weekday=weekday, parts=(year, month, day))
    year_offset, past = _modifiers(grammar, match, t)
    return DateMention(match.start(), match.end(), "", "absolute", calendar, None, "day", weekday=weekday,
                       past=past, parts=(0, month, day), year_offset=year_offset)


def _read_month_year(match: re.Match[str], grammar: _Grammar, t: str) -> DateMention | None:
    """«ژوئن ۲۰۲۴», «ديسمبر/كانون الأول 2023», «ديسمبر الماضي»: a month, precision month."""
    g = match.group
    name = _key(g(f"m_{t}"))
    if name in _COMMON_WORD_MONTHS:
        return None
    year = int(g(f"y_{t}")) if g(f"y_{t}") else None
    calendar, month = _month(grammar, name, year)
    if year is not None:
        value = _value(calendar, year, month, 1, "month") if _plausible(calendar, year) else None
        if value is None:
            return None
        return DateMention(match.start(), match.end(), "", "absolute", calendar, value, "month",
                           parts=(year, month, 0))
    year_offset, past = _modifiers(grammar, match, t)
    return DateMention(match.start(), match.end(), "", "absolute", calendar, None, "month", past=past,
                       parts=(0, month, 0), year_offset=year_offset)


def _read_numeric(match: re.Match[str], grammar: _Grammar, t: str) -> DateMention | None:
    """«1403/03/31», «2024-06-20», «20/06/2024» (day first): the year's size and any era say the calendar."""
    g = match.group
    if g(f"y_{t}"):
        year, month, day = int(g(f"y_{t}")), int(g(f"m_{t}")), int(g(f"d_{t}"))
    else:
        year, month, day = int(g(f"z_{t}")), int(g(f"l_{t}")), int(g(f"e_{t}"))
    calendar = _era(grammar, g(f"era_{t}")) or _calendar_of_year(year, grammar.language)
    if calendar is None or not _plausible(calendar, year) or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    value = _value(calendar, year, month, day, "day")
    if value is None:
        return None
    return DateMention(match.start(), match.end(), "", "absolute", calendar, value, "day",
                       weekday=_weekday(grammar, match, t), parts=(year, month, day))


def _day_number(grammar: _Grammar, written: str) -> int:
    """The day a day group holds: digits, or an ordinal word ("الثاني" → 2, "بیست و دوم" → 22)."""
    return int(written) if written.isdigit() else grammar.ordinals[_key(written)]


def _modifiers(grammar: _Grammar, match: re.Match[str], t: str) -> tuple[int | None, bool | None]:
    """(year_offset, past) from "الجاري" / "الماضي" / "سال گذشته" after a month name."""
    yrel, mod = match.group(f"yrel_{t}"), match.group(f"mod_{t}")
    if yrel is not None:
        return round(grammar.relatives[_key(yrel)][0] / 365), None
    if mod is not None:
        if _key(mod) in grammar.current:
            return 0, None
        return None, _direction(grammar, mod)
    return None, None


def _direction(grammar: _Grammar, word: str | None) -> bool | None:
    if word is None:
        return None
    key = _key(word)
    return True if key in grammar.past else False if key in grammar.next else None


def _weekday(grammar: _Grammar, match: re.Match[str], t: str) -> int | None:
    """The weekday named in group `wd_<t>`, if the alternative has one and it matched."""
    name = match.group(f"wd_{t}") if f"wd_{t}" in match.re.groupindex else None
    return None if name is None else grammar.weekdays[_key(name)]


def _month(grammar: _Grammar, name: str, year: int | None) -> tuple[str, int]:
    """(calendar, month) of a month name; a name two calendars share is settled by its year."""
    options = grammar.months[name]
    if year is not None:
        for calendar, month in options:
            if _plausible(calendar, year):
                return calendar, month
    return options[0]


def _era(grammar: _Grammar, marker: str | None) -> str | None:
    return None if marker is None else grammar.eras.get(_key(marker.replace(".", "")))


def _calendar_of_year(year: int, language: str) -> str | None:
    """The calendar a bare 4-digit year belongs to: 13xx/14xx local (Jalali or Hijri), else Gregorian."""
    if 1300 <= year <= 1499:
        return _LOCAL_CALENDAR[language]
    return "gregorian" if _plausible("gregorian", year) else None


def _plausible(calendar: str, year: int) -> bool:
    low, high = _YEARS[calendar]
    return low <= year <= high


def _word_before(folded: str, index: int) -> str:
    words = folded[max(0, index - 24):index].split()
    return _key(words[-1]) if words else ""


def _is_noun_today(folded: str, match: re.Match[str], grammar: _Grammar) -> bool:
    """"اليوم التالي", "في ذلك اليوم": the noun "the day", not "today"."""
    return (re.match(r"\s+ال[^\W\d_]", folded[match.end():match.end() + 4]) is not None
            or _word_before(folded, match.start()) in grammar.not_today_after)


# --- calendars -------------------------------------------------------------------------------------


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a date in `calendar`, or None if it does not exist or is out of range."""
    try:
        if calendar == "gregorian":
            return date(year, month, day)
        if calendar == "jalali":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            g = Hijri(year, month, day).to_gregorian()
            return date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None
    return None


@lru_cache(maxsize=8192)  # pure; articles of one period ask about the same days
def _in_calendar(calendar: str, day: date) -> tuple[int, int, int] | None:
    """(year, month, day) of a Gregorian date in `calendar`, or None when out of the converter's range."""
    try:
        if calendar == "gregorian":
            return day.year, day.month, day.day
        if calendar == "jalali":
            j = jdatetime.date.fromgregorian(date=day)
            return j.year, j.month, j.day
        if calendar == "hijri":
            h = Gregorian(day.year, day.month, day.day).to_hijri()
            return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None
    return None


@lru_cache(maxsize=8192)  # pure; the calendar conversions cost some microseconds each
def _value(calendar: str, year: int, month: int, day: int, precision: str) -> str | None:
    """ISO Gregorian value; a Jalali/Hijri month or year becomes the Gregorian month/year of its middle.

    A Solar or lunar month straddles two Gregorian months (خرداد = 21 May-20 June): the month that
    holds its 15th day is the honest single answer; for a year, the one that holds 1 Mehr / 1 Rajab.
    """
    if precision == "day":
        g = _to_gregorian(calendar, year, month, day)
        return g.isoformat() if g else None
    if calendar == "gregorian":
        return f"{year:04d}-{month:02d}" if precision == "month" else f"{year:04d}"
    middle = (month, 15) if precision == "month" else (7, 1)
    g = _to_gregorian(calendar, year, *middle)
    if g is None:
        return None
    return f"{g.year:04d}-{g.month:02d}" if precision == "month" else f"{g.year:04d}"


# --- resolution ------------------------------------------------------------------------------------


def resolve(mention: DateMention, anchor: date | None) -> DateValue | None:
    """The Gregorian date a mention stands for, given the article's date `anchor` (None: unknown).

    Absolute dates are themselves; the anchor supplies a missing year or month (the nearest year not
    after the anchor, unless "الماضي"/"المقبل"/"الجاري" say otherwise). Relative days count from
    the anchor; a named weekday must agree with the result, else None rather than a wrong date.
    """
    if mention.kind == "absolute" and mention.value is not None:
        return DateValue(mention.value, mention.precision, mention.calendar, mention.text,
                         mention.start, mention.end)
    if anchor is None:
        return None
    calendar = mention.calendar if mention.kind == "absolute" else "relative"
    try:
        if mention.kind == "absolute":
            value = _resolve_partial(mention, anchor)
        elif mention.kind == "relative":
            value = _resolve_relative(mention, anchor)
        else:
            value = _resolve_weekday(mention, anchor)
    except OverflowError:  # an anchor at the very edge of Python's dates
        return None
    if value is None:
        return None
    return DateValue(value, mention.precision, calendar, mention.text, mention.start, mention.end,
                     anchor=anchor.isoformat())


def _resolve_relative(mention: DateMention, anchor: date) -> str | None:
    """"دیروز" → anchor - 1; "أمس الخميس" only if that day is a Thursday. Weeks, months, years: None."""
    if mention.precision != "day" or mention.days is None:
        return None  # "هفته گذشته" is no single day, and a month or year depends on the unknown calendar
    day = anchor + timedelta(days=mention.days)
    if mention.weekday is not None and day.weekday() != mention.weekday:
        return None
    return day.isoformat()


def _resolve_weekday(mention: DateMention, anchor: date) -> str | None:
    """"پنجشنبه گذشته" → the last Thursday before the anchor; a bare "یکشنبه" → on or before it."""
    if mention.weekday is None:
        return None
    if mention.days is not None:  # "پنجشنبه هفته گذشته": that weekday of the shifted week (from Saturday)
        week_start = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        day = week_start + timedelta(days=mention.days + (mention.weekday - 5) % 7)
    elif mention.past is False:
        day = anchor + timedelta(days=(mention.weekday - anchor.weekday() - 1) % 7 + 1)
    elif mention.past:
        day = anchor - timedelta(days=(anchor.weekday() - mention.weekday - 1) % 7 + 1)
    else:
        day = anchor - timedelta(days=(anchor.weekday() - mention.weekday) % 7)
    return day.isoformat()


def _resolve_partial(mention: DateMention, anchor: date) -> str | None:
    """A date without its year (or month), placed by the anchor: "۱۵ مهرماه", "ديسمبر الماضي", "5 الجاري".

    The year is counted in the mention's own calendar: without a word that says otherwise it is the
    nearest one that does not put the date after the anchor; "الماضي"/"گذشته" want it strictly before,
    "المقبل"/"آینده" strictly after; "الجاري"/"سال گذشته" name it outright.
    """
    today = _in_calendar(mention.calendar, anchor)
    if today is None:
        return None
    this_year, this_month, this_day = today
    _, month, day = mention.parts
    month = month or this_month  # "5 الجاري": this month
    if mention.year_offset is not None:
        year = this_year + mention.year_offset
    else:
        here, now = (month, day), (this_month, this_day if mention.precision == "day" else 0)
        if mention.past is None:
            year = this_year if here <= now else this_year - 1
        elif mention.past:
            year = this_year if here < now else this_year - 1
        else:
            year = this_year if here > now else this_year + 1
    value = _value(mention.calendar, year, month, day or 1, mention.precision)
    if value is None or (mention.weekday is not None and mention.precision == "day"
                         and date.fromisoformat(value).weekday() != mention.weekday):
        return None  # no such day that year (31 Esfand), or the weekday printed with it disagrees
    return value


# --- publication date ------------------------------------------------------------------------------


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def find_publication_date(text: str, language: str, lexicons: Lexicons,
                          lines: Sequence[tuple[int, int]] | None = None,
                          mentions: list[DateMention] | None = None) -> DateValue | None:
    """The article's own date: its dateline, else "اليوم الجمعة" / "أمس الخميس" next to a body date.

    Scraped pages may carry a header with the day they were scraped and dates of other events in the
    body. A dateline is a line near the top (first 8) or bottom (last 5) that is mainly a date; of
    several, the earliest date wins (the page header shows the latest one, "today"). Without a
    dateline, a "today is Friday" phrase dates the article to the first Friday on or after the latest
    full date in the text, within a week. Body dates alone never date the article.
    """
    finder = date_finder(lexicons)
    grammar = finder.grammar(language)
    if mentions is None:
        mentions = finder.find(text, language)
    spans = [(s, e) for s, e in (lines if lines is not None else _line_spans(text)) if text[s:e].strip()]
    # the head of the page down to the first body paragraph (a long line), at least 8 lines and at most
    # 20, and the last 5 lines: a scraped page's header, title and byline come before the body
    head = 8
    for n, (s, e) in enumerate(spans[:20]):
        head = n + 1
        if n >= 8 and len(text[s:e].split()) >= 12:
            break
    near = spans[:head] + [span for span in spans[-5:] if span not in spans[:head]]
    best: DateValue | None = None
    for s, e in near:
        found = _dateline(text, s, e, [m for m in mentions if s <= m.start and m.end <= e], grammar)
        if found is not None and (best is None or found.value < best.value):
            best = found
    return best if best is not None else _date_from_today_phrase(mentions)


def _dateline(text: str, start: int, end: int, mentions: list[DateMention],
              grammar: _Grammar) -> DateValue | None:
    """The date of a line that is mainly a date (with weekday, time, "تاریخ انتشار:", a place), else None."""
    full = [m for m in mentions if m.kind == "absolute" and m.precision == "day" and m.value is not None]
    if not full or end - start > 120:
        return None
    chosen = next((m for m in full if m.calendar == "gregorian"), full[0])
    assert chosen.value is not None
    weekday = date.fromisoformat(chosen.value).weekday()
    if any(m.weekday is not None and m.weekday != weekday for m in mentions):
        return None  # a weekday printed with the date contradicts it: not a dateline to trust
    rest = list(text[start:end])
    for m in mentions:
        rest[m.start - start:m.end - start] = " " * (m.end - m.start)
    residue = _TIME.sub(" ", fold("".join(rest)).text)
    unknown = [w for w in _LETTERS.findall(residue) if w not in grammar.dateline_words]
    # A place or agency may stand beside the date ("تهران - ایرنا - ۳۱ خرداد"), set off by punctuation;
    # a single word (the city of the dateline: "الرياض 17 جمادى الأولى 1446 هـ") needs none.
    if len(unknown) > 2 or (len(unknown) > 1 and not re.search(r"[-|،,:/]", residue)):
        return None
    line = text[start:end]
    left = start + len(line) - len(line.lstrip())
    right = end - (len(line) - len(line.rstrip()))
    return DateValue(chosen.value, "day", chosen.calendar, text[left:right], left, right)


def _date_from_today_phrase(mentions: list[DateMention]) -> DateValue | None:
    """"اليوم الجمعة" / "أمس الخميس" (today is Friday) + the latest full date → the next such day from it."""
    phrases = [m for m in mentions if m.kind == "relative" and m.precision == "day"
               and m.weekday is not None and m.days is not None]
    implied = {(m.weekday - m.days) % 7 for m in phrases if m.weekday is not None and m.days is not None}
    dates = [date.fromisoformat(m.value) for m in mentions
             if m.kind == "absolute" and m.precision == "day" and m.value is not None]
    if len(implied) != 1 or not dates:
        return None  # no such phrase, or phrases that disagree (quoted speech, a later update)
    latest = max(dates)
    weekday = implied.pop()
    day = latest + timedelta(days=(weekday - latest.weekday()) % 7)
    evidence = phrases[0]
    return DateValue(day.isoformat(), "day", "relative", evidence.text, evidence.start, evidence.end,
                     anchor=latest.isoformat())
