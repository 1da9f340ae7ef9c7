#!/usr/bin/env python3
"""Consistency checks for the blind evaluation set (gold.json against articles/).

Standard library only. Run from anywhere:

    python3 tests/blind/check_gold.py          # prints the problems, exit 1 if any

Checks:
  - every article file has an entry in gold.json and every entry has a file;
  - every id referenced by meetings, roles, claims and shared_interlocutors exists;
  - every claim anchor occurs exactly once in its article, raw and after score.py's `norm`
    (for HTML pages, counted outside <head>), and no anchor of an article contains another;
  - meetings have a valid kind, at least 2 participants, no one both participant and present,
    a place only for in-person meetings, ISO dates not after the article's publication date;
  - no two actors share a normalised name; every person and place is named in some article;
  - shared_interlocutors is exactly the closure of the meetings (as score.py computes it);
  - the dates written in the texts (weekdays, Jalali incl. Afghan month names, Hijri within the
    2-day spread of the arithmetical calendar, Gregorian incl. Levantine month names, and
    yesterday/today/tomorrow counted from the publication date) agree with the annotation
    (DATE_FACTS below), and every dated meeting and every publication date is backed by a fact.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold.json"

# --- score.py's norm (copied so that this file runs on its own) -----------------
_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا",
    "آ": "ا", "ٱ": "ا", "ؤ": "و", "ء": "", "ـ": "",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_LETTERS).lower()
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"[\W_]+", "", text)


def visible(path: Path) -> str:
    """The article text in which anchors are counted: without <head> for HTML pages."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"(?is)<head\b.*?</head>", " ", text)
    return text


# --- calendars -----------------------------------------------------------------
def jalali_to_gregorian(jy: int, jm: int, jd: int) -> dt.date:
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    months = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 0
    while gd > months[gm]:
        gd -= months[gm]
        gm += 1
    return dt.date(gy, gm + 1, gd)


def hijri_tabular(hy: int, hm: int, hd: int) -> dt.date:
    """Arithmetical (civil) Islamic calendar; Umm al-Qura and local sighting differ by up to 2 days."""
    jdn = hd + math.ceil(29.5 * (hm - 1)) + (hy - 1) * 354 + (3 + 11 * hy) // 30 + 1948439
    return dt.date.fromordinal(jdn - 1721425)


# normalised month and weekday names
JALALI_MONTHS = {norm(m): i for i, m in enumerate(
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split(), 1)}
JALALI_MONTHS.update({norm(m): i for i, m in enumerate(  # Afghan (Dari) solar month names
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت".split(), 1)})
HIJRI_MONTHS = {norm(m): i for m, i in [
    ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الآخر", 4), ("ربيع الثاني", 4),
    ("جمادى الأولى", 5), ("جمادى الآخرة", 6), ("جمادى الثانية", 6), ("رجب", 7), ("شعبان", 8),
    ("رمضان", 9), ("شوال", 10), ("ذو القعدة", 11), ("ذی‌القعده", 11), ("ذو الحجة", 12), ("ذی‌الحجه", 12)]}
GREG_MONTHS = {}
for names in [
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر",
]:
    for i, m in enumerate(names.split(), 1):
        GREG_MONTHS[norm(m.replace("_", " "))] = i
ORDINALS = {norm(w): i for i, w in enumerate(
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split(), 1)}
WEEKDAYS = {  # Monday = 0
    "چهارشنبه": 2, "پنجشنبه": 3, "سهشنبه": 1, "دوشنبه": 0, "یکشنبه": 6, "شنبه": 5, "جمعه": 4,
    "الاربعا": 2, "الخمیس": 3, "الثلاثا": 1, "الاثنین": 0, "الاحد": 6, "السبت": 5, "الجمعه": 4,
}


def weekdays_in(phrase: str) -> set[int]:
    s = norm(phrase)
    found = set()
    for word in sorted(WEEKDAYS, key=len, reverse=True):
        if word in s:
            found.add(WEEKDAYS[word])
            s = s.replace(word, "|")
    return found


def find_month(s: str, table: dict[str, int]) -> tuple[int, int] | None:
    """(month, position) of the longest month name found in the normalised string."""
    best = None
    for name, i in table.items():
        pos = s.find(name)
        if pos >= 0 and (best is None or len(name) > best[2]):
            best = (i, pos, len(name))
    return (best[0], best[1]) if best else None


def numbers(s: str) -> list[tuple[int, int]]:
    return [(int(m.group()), m.start()) for m in re.finditer(r"\d+", s)]


def check_fact(cal: str, phrase: str, iso: str) -> str | None:
    """None if the phrase agrees with the ISO date, else a message."""
    want = dt.date.fromisoformat(iso)
    days = weekdays_in(phrase)
    if len(days) > 1:
        return f"several weekdays in {phrase!r}"
    if days and days != {want.weekday()}:
        return f"weekday in {phrase!r} is not {want:%A} {iso}"
    if cal == "rel":
        return None
    s = norm(phrase)
    raw = unicodedata.normalize("NFKC", phrase).translate(_LETTERS)
    if cal == "numeric":
        m = re.search(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})", raw)
        if not m:
            return f"no numeric date in {phrase!r}"
        a, b, c = map(int, m.groups())
        y, mo, d = (a, b, c) if a > 31 else (c, b, a)
        got = jalali_to_gregorian(y, mo, d) if y < 1700 else dt.date(y, mo, d)
        return None if got == want else f"{phrase!r} is {got}, not {iso}"
    table = {"jalali": JALALI_MONTHS, "hijri": HIJRI_MONTHS, "greg": GREG_MONTHS}[cal]
    found = find_month(s, table)
    if not found:
        return f"no {cal} month name in {phrase!r}"
    month, pos = found
    nums = numbers(s)
    before = [n for n, p in nums if p < pos]
    after = [n for n, p in nums if p > pos]
    if before:
        day = before[-1]
    else:
        day = next((v for k, v in ORDINALS.items() if k in s[:pos]), None)
        if day is None:
            return f"no day before the month in {phrase!r}"
    year = next((n for n in after if n > 31), None)
    if cal == "jalali":
        if year is None:  # the Jalali year of the wanted date
            year = want.year - 621 if want >= jalali_to_gregorian(want.year - 621, 1, 1) else want.year - 622
        got = jalali_to_gregorian(year, month, day)
        return None if got == want else f"{phrase!r} is {got}, not {iso}"
    if cal == "hijri":
        if year is None:
            return f"no Hijri year in {phrase!r}"
        got = hijri_tabular(year, month, day)
        return None if abs((got - want).days) <= 2 else f"{phrase!r} is about {got}, not {iso}"
    got = dt.date(year or want.year, month, day)
    return None if got == want else f"{phrase!r} is {got}, not {iso}"


# (article prefix, phrase as written in the article, ISO date, calendar of the phrase)
# 'rel' = a relative expression (weekday checked if it names one).
DATE_FACTS = [
    ("001", "۱۷ آذر ۱۴۰۳", "2024-12-07", "jalali"),
    ("001", "عصر جمعه", "2024-12-06", "rel"),
    ("001", "یکشنبه ۱۱ آذر", "2024-12-01", "jalali"),
    ("001", "روز بعد در آنکارا", "2024-12-02", "rel"),
    ("002", "۸ آذر ۱۴۰۳", "2024-11-28", "jalali"),
    ("002", "عصر پنجشنبه ۸ آذر", "2024-11-28", "jalali"),
    ("002", "شنبه ۱۰ خرداد ۱۴۰۴", "2025-05-31", "jalali"),
    ("002", "فردا جمعه", "2024-11-29", "rel"),
    ("003", "1403/05/29", "2024-08-19", "numeric"),
    ("003", "روز يكشنبه در محل استانداري", "2024-08-18", "rel"),
    ("003", "روز يكشنبه 4 شهريور", "2024-08-25", "jalali"),
    ("004", "۰۹ دی ۱۳۹۸", "2019-12-30", "jalali"),
    ("004", "امروز دوشنبه", "2019-12-30", "rel"),
    ("005", "دوشنبه 25 فروردین 1404", "2025-04-14", "jalali"),
    ("005", "شنبه گذشته در مسقط", "2025-04-12", "rel"),
    ("005", "در روز یکشنبه خبر داد", "2025-04-13", "rel"),
    ("005", "دیروز در تهران", "2025-04-13", "rel"),
    ("005", "شنبه آینده", "2025-04-19", "rel"),
    ("006", "پنجشنبه، ۲۶ میزان ۱۴۰۳", "2024-10-17", "jalali"),
    ("006", "روز چهارشنبه در کابل", "2024-10-16", "rel"),
    ("007", "چهارشنبه ۱۳ تیر ۱۴۰۳", "2024-07-03", "jalali"),
    ("007", "۲۷ ذی‌الحجه ۱۴۴۵", "2024-07-03", "hijri"),
    ("007", "۰۳ ژوئیه ۲۰۲۴", "2024-07-03", "greg"),
    ("007", "سه‌شنبه ۲۰ آذر ۱۴۰۳", "2024-12-10", "jalali"),
    ("007", "فردا پنجشنبه", "2024-07-04", "rel"),
    ("008", "يكشنبه 12 آذر 1402", "2023-12-03", "jalali"),
    ("008", "28 اسفند 1401", "2023-03-19", "jalali"),
    ("009", "شنبه ۲۰ اسفند ۱۴۰۱", "2023-03-11", "jalali"),
    ("009", "از روز دوشنبه در پکن", "2023-03-06", "rel"),
    ("009", "روز گذشته در نشستی سه جانبه", "2023-03-10", "rel"),
    ("009", "سه شنبه گذشته", "2023-03-07", "rel"),
    ("010", "الأربعاء 12 فبراير 2025", "2025-02-12", "greg"),
    ("010", "نُشر في 29/1/2024", "2024-01-29", "numeric"),
    ("010", "باريس أمس الأحد اجتماع", "2024-01-28", "rel"),
    ("010", "مساء أمس اتصالا", "2024-01-28", "rel"),
    ("011", "٠٨ جمادى الآخرة ١٤٤٦ هـ", "2024-12-09", "hijri"),
    ("011", "الموافق ٠٩ ديسمبر ٢٠٢٤", "2024-12-09", "greg"),
    ("012", "7 كانون الثاني", "2025-01-07", "greg"),
    ("012", "اليوم الثلاثاء", "2025-01-07", "rel"),
    ("012", "23 كانون الأول الماضي", "2024-12-23", "greg"),
    ("013", "الأحد 9 آذار 2025", "2025-03-09", "greg"),
    ("013", "04-10-2024", "2024-10-04", "numeric"),
    ("013", "صباح اليوم الجمعة", "2024-10-04", "rel"),
    ("013", "23 أيلول الماضي", "2024-09-23", "greg"),
    ("013", "مساء أمس اتصالا", "2024-10-03", "rel"),
    ("014", "22/12/2024", "2024-12-22", "numeric"),
    ("014", "الأحد 22 من كانون الأول", "2024-12-22", "greg"),
    ("014", "12 من كانون الأول", "2024-12-12", "greg"),
    ("014", "8 من كانون الأول", "2024-12-08", "greg"),
    ("015", "الاثنين، 6 ديسمبر 2021", "2021-12-06", "greg"),
    ("015", "7 نوفمبر الماضي", "2021-11-07", "greg"),
    ("016", "الخميس ١٤ من ربيع الآخر ١٤٤٦", "2024-10-17", "hijri"),
    ("016", "١٧ أكتوبر ٢٠٢٤", "2024-10-17", "greg"),
    ("016", "اليوم الخميس", "2024-10-17", "rel"),
    ("016", "مساء أمس الأربعاء", "2024-10-16", "rel"),
    ("017", "الثلاثاء (3 أيلول 2024)", "2024-09-03", "greg"),
    ("017", "الاثنين، الثاني من أيلول", "2024-09-02", "greg"),
    ("017", "الثلاثاء الماضي", "2024-08-27", "rel"),
    ("018", "20.04.2024", "2024-04-20", "numeric"),
    ("018", "أردوغان، السبت", "2024-04-20", "rel"),
    ("018", "الأربعاء الماضي", "2024-04-17", "rel"),
    ("018", "صلاة الجمعة أمس", "2024-04-19", "rel"),
]


RELATIVE = {  # normalised word -> days from the publication date
    "دیروز": -1, "روزگذشته": -1, "امس": -1, "امروز": 0, "الیوم": 0, "فردا": 1,
}


def relative_shift(phrase: str) -> int | None:
    s = norm(phrase)
    hits = {v for k, v in RELATIVE.items() if k in s}
    return hits.pop() if len(hits) == 1 else None


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    errors: list[str] = []
    warnings: list[str] = []
    err = errors.append

    for key in ("corpus", "about", "articles", "actors", "meetings", "roles", "claims", "shared_interlocutors"):
        if key not in gold:
            err(f"gold.json: missing top-level key {key}")

    files = {p.stem: p for p in sorted(ARTICLES.iterdir()) if p.suffix in (".txt", ".html", ".htm")}
    entries = gold["articles"]
    for stem in files.keys() - entries.keys():
        err(f"article {stem} has no entry in gold.json")
    for stem in entries.keys() - files.keys():
        err(f"gold.json article {stem} has no file")
    texts = {stem: visible(p) for stem, p in files.items()}
    ntexts = {stem: norm(t) for stem, t in texts.items()}

    actors = {a["id"]: a for a in gold["actors"]}
    if len(actors) != len(gold["actors"]):
        err("duplicate actor ids")
    persons = {i for i, a in actors.items() if a["type"] == "person"}
    places = {i for i, a in actors.items() if a["type"] == "place"}

    def known(i: str, where: str, pool: set[str] | None = None) -> None:
        if i not in actors:
            err(f"{where}: unknown id {i}")
        elif pool is not None and i not in pool:
            err(f"{where}: {i} has the wrong type ({actors[i]['type']})")

    # actors: unique normalised names, named somewhere
    owner: dict[str, str] = {}
    for a in gold["actors"]:
        if a["type"] not in ("person", "country", "organization", "place"):
            err(f"actor {a['id']}: bad type {a['type']}")
        for n in a["names"]:
            k = norm(n)
            if k in owner and owner[k] != a["id"]:
                err(f"actors {owner[k]} and {a['id']} share the normalised name {k!r}")
            owner.setdefault(k, a["id"])
        found = any(norm(n) and norm(n) in t for n in a["names"] if re.search(r"[\u0600-\u06FF]", n) for t in ntexts.values())
        if not found:
            (err if a["type"] in ("person", "place") else warnings.append)(f"actor {a['id']} is named in no article")

    # meetings
    for m in gold["meetings"]:
        w = f"meeting {m['id']}"
        if m["kind"] not in ("meeting", "phone_call"):
            err(f"{w}: bad kind {m['kind']}")
        if len(set(m["participants"])) < 2 or len(set(m["participants"])) != len(m["participants"]):
            err(f"{w}: needs at least 2 distinct participants")
        if set(m["participants"]) & set(m.get("present", [])):
            err(f"{w}: someone is both participant and present")
        for i in m["participants"] + m.get("present", []):
            known(i, w, persons)
        if m["kind"] == "phone_call" and m.get("place"):
            err(f"{w}: a phone call has no place")
        if m.get("place"):
            known(m["place"], w, places)
        for s in m["sources"]:
            if s not in entries:
                err(f"{w}: unknown source {s}")
        if m.get("date"):
            d = dt.date.fromisoformat(m["date"])
            for s in m["sources"]:
                pub = entries.get(s, {}).get("published")
                if pub and d > dt.date.fromisoformat(pub):
                    err(f"{w}: date {d} after publication of {s}")
                facts = {iso for art, _, iso, _ in DATE_FACTS if s.startswith(art)}
                if m["date"] not in facts:
                    err(f"{w}: date {m['date']} is backed by no date fact of {s}")
    if len({m["id"] for m in gold["meetings"]}) != len(gold["meetings"]):
        err("duplicate meeting ids")

    # roles
    seen_roles = set()
    for r in gold["roles"]:
        w = f"role {r['person']} {r['keywords']}"
        known(r["person"], w, persons)
        known(r["of"], w)
        for o in r.get("of_alt", []):
            known(o, w)
        for s in r["sources"]:
            if s not in entries:
                err(f"{w}: unknown source {s}")
        for kw in [r["keywords"]] + r.get("alt_keywords", []):
            if not kw or any(k != k.lower() for k in kw):
                err(f"{w}: keywords must be non-empty and lower case")
        key = (r["person"], tuple(r["keywords"]))
        if key in seen_roles:
            err(f"{w}: duplicate role")
        seen_roles.add(key)

    # claims
    by_article = defaultdict(list)
    for c in gold["claims"]:
        w = f"claim {c['speaker']} {c.get('anchor', '')[:30]!r}"
        known(c["speaker"], w)
        if c["source"] not in files:
            err(f"{w}: unknown source {c['source']}")
            continue
        anchor = c.get("anchor", "")
        if not anchor:
            continue
        raw = texts[c["source"]].count(anchor)
        normed = ntexts[c["source"]].count(norm(anchor))
        if raw != 1 or normed != 1:
            err(f"{w} in {c['source']}: occurs {raw}x raw, {normed}x normalised (need 1)")
        by_article[c["source"]].append(norm(anchor))
    for src, keys in by_article.items():
        for i, k in enumerate(keys):
            for j, other in enumerate(keys):
                if i != j and k in other:
                    err(f"{src}: anchor {k!r} is inside anchor {other!r}")

    # shared interlocutors = closure of the meetings
    partners = defaultdict(set)
    for m in gold["meetings"]:
        for a in m["participants"]:
            partners[a].update(x for x in m["participants"] if x != a)
    closure = {(a, b, via) for via, ps in partners.items() for a in ps for b in ps if a < b}
    listed = {(s["a"], s["b"], s["via"]) for s in gold["shared_interlocutors"]}
    for t in sorted(closure - listed):
        err(f"shared_interlocutors: missing {t}")
    for t in sorted(listed - closure):
        err(f"shared_interlocutors: not implied by the meetings {t}")

    # dates written in the texts
    for art, phrase, iso, cal in DATE_FACTS:
        stems = [s for s in files if s.startswith(art + "_")]
        if len(stems) != 1:
            err(f"date fact {art}: no single article")
            continue
        if phrase not in texts[stems[0]]:
            err(f"date fact {stems[0]}: {phrase!r} not in the text")
            continue
        problem = check_fact(cal, phrase, iso)
        if problem:
            err(f"date fact {stems[0]}: {problem}")
        pub = entries.get(stems[0], {}).get("published")
        if cal == "rel" and pub:
            shift = relative_shift(phrase)
            if shift is not None and dt.date.fromisoformat(pub) + dt.timedelta(days=shift) != dt.date.fromisoformat(iso):
                err(f"date fact {stems[0]}: {phrase!r} from {pub} is not {iso}")
    for stem, e in entries.items():
        if e.get("published") and e["published"] not in {iso for art, _, iso, _ in DATE_FACTS if stem.startswith(art)}:
            err(f"article {stem}: publication date {e['published']} is backed by no date fact")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    n_meet = sum(m["kind"] == "meeting" for m in gold["meetings"])
    n_call = sum(m["kind"] == "phone_call" for m in gold["meetings"])
    print(f"{len(files)} articles, {len(persons)} persons, {n_meet} meetings, {n_call} calls, "
          f"{len(gold['roles'])} roles, {len(gold['claims'])} claims, {len(gold['shared_interlocutors'])} shared interlocutors: "
          + ("FAILED" if errors else "OK"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
