#!/usr/bin/env python3
"""Consistency checks for the evaluation corpus (tests/corpus): articles/ against gold.json.

Run from anywhere:  python3 tests/corpus/check_gold.py
Standard library only. Exits 1 and lists the problems if any check fails.

Checks:
- every article file has an entry in gold["articles"] and vice versa; languages, ISO dates;
- every id referenced by meetings, roles and claims exists in gold["actors"] (with the right type);
- every claim anchor occurs exactly once in its source article;
- every meeting has a valid kind, >= 2 distinct participants, ISO date or null, existing sources;
- every name of a person actor occurs in at least one article (ignoring ZWNJ and ي/ك letter variants)
  or is an English (Latin-script) name;
- each person referenced by a role or claim is named in its source article, and each person of a meeting
  in at least one of the meeting's sources;
- no two actors share a normalised name (score.py's `norm`), and no actor id is used twice.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold.json"
SCORE_PY = HERE.parents[2] / "shared" / "eval" / "score.py"  # shared/ sits beside the project root


def _load_norm():
    """score.py's norm() when shared/ is there, else an identical copy."""
    if SCORE_PY.exists():
        spec = importlib.util.spec_from_file_location("kg_eval_score", SCORE_PY)
        mod = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(mod)
        return mod.norm
    letters = str.maketrans({
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا",
        "آ": "ا", "ٱ": "ا", "ؤ": "و", "ء": "", "ـ": "",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    })

    def norm(text: str) -> str:
        text = unicodedata.normalize("NFKC", text or "").translate(letters).lower()
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        return re.sub(r"[\W_]+", "", text)

    return norm


norm = _load_norm()


def loose(text: str) -> str:
    """Spelling-tolerant form for 'is this name in the text': no ZWNJ, one yeh and one kaf."""
    return text.replace("\u200c", "").replace("ي", "ی").replace("ك", "ک")


def english(name: str) -> bool:
    """An English (Latin-script) name: no Arabic-script letter in it (accents such as 'António' allowed)."""
    return not re.search(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]", name)


def iso(value) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    errors: list[str] = []
    warnings: list[str] = []
    err = errors.append

    # --- articles ---------------------------------------------------------
    files = {p.stem: p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html")}
    texts = {k: p.read_text(encoding="utf-8") for k, p in files.items()}
    entries = gold["articles"]
    for k in sorted(set(files) - set(entries)):
        err(f"article file without gold entry: {k}")
    for k in sorted(set(entries) - set(files)):
        err(f"gold entry without article file: {k}")
    for k, e in entries.items():
        if not re.fullmatch(r"\d{3}_[a-z0-9_]+", k):
            err(f"article id not NNN_slug: {k}")
        if e.get("language") not in ("fa", "ar"):
            err(f"{k}: language {e.get('language')!r}")
        if e.get("published") is not None and not iso(e["published"]):
            err(f"{k}: published {e['published']!r} is not an ISO date")
        if not e.get("publisher"):
            err(f"{k}: no publisher")
        if not isinstance(e.get("cites", []), list):
            err(f"{k}: cites is not a list")
    for k, t in texts.items():
        if "~" in t:
            err(f"{k}: contains '~' (unconverted ZWNJ marker?)")

    # --- actors -----------------------------------------------------------
    actors = {}
    for a in gold["actors"]:
        if a["id"] in actors:
            err(f"actor id used twice: {a['id']}")
        actors[a["id"]] = a
        if a.get("type") not in ("person", "organization", "country", "place"):
            err(f"{a['id']}: type {a.get('type')!r}")
        if not re.fullmatch(r"[a-z0-9_]+", a["id"]):
            err(f"actor id not snake_case: {a['id']}")
    all_text = loose("\n".join(texts.values()))
    seen: dict[str, str] = {}
    for a in actors.values():
        for n in a["names"]:
            k = norm(n)
            if not k:
                err(f"{a['id']}: name {n!r} normalises to nothing")
                continue
            if k in seen and seen[k] != a["id"]:
                err(f"normalised name {n!r} shared by {seen[k]} and {a['id']}")
            seen.setdefault(k, a["id"])
            if a["type"] == "person" and not english(n) and loose(n) not in all_text:
                err(f"{a['id']}: name {n!r} occurs in no article")
        if not any(english(n) for n in a["names"]):
            warnings.append(f"{a['id']}: no English name")

    def need(aid, types, where):
        if aid not in actors:
            err(f"{where}: unknown actor {aid!r}")
            return False
        if types and actors[aid]["type"] not in types:
            err(f"{where}: {aid} is a {actors[aid]['type']}, expected {'/'.join(types)}")
        return True

    def named_in(aid, art, where, quiet=False):
        """A person referenced by an item must be named in the item's article."""
        if aid not in actors or actors[aid]["type"] != "person" or art not in texts:
            return True
        t = loose(texts[art])
        ok = any(loose(n) in t for n in actors[aid]["names"] if not english(n))
        if not ok and not quiet:
            err(f"{where}: {aid} is not named in {art}")
        return ok

    # --- meetings ---------------------------------------------------------
    mids = set()
    for m in gold["meetings"]:
        w = f"meeting {m.get('id')}"
        if m.get("id") in mids:
            err(f"{w}: id used twice")
        mids.add(m.get("id"))
        if m.get("kind") not in ("meeting", "phone_call"):
            err(f"{w}: kind {m.get('kind')!r}")
        ps = m.get("participants", [])
        if len(set(ps)) < 2 or len(set(ps)) != len(ps):
            err(f"{w}: needs >= 2 distinct participants")
        for p in ps + m.get("present", []):
            need(p, ("person",), w)
        if set(ps) & set(m.get("present", [])):
            err(f"{w}: someone is both participant and present")
        if m.get("place") is not None:
            need(m["place"], ("place",), w)
        if m.get("kind") == "phone_call" and m.get("place"):
            warnings.append(f"{w}: phone call with a place")
        if m.get("date") is not None and not iso(m["date"]):
            err(f"{w}: date {m['date']!r} is not ISO")
        if not m.get("sources"):
            err(f"{w}: no sources")
        for s in m.get("sources", []):
            if s not in entries:
                err(f"{w}: unknown source {s}")
        for p in ps + m.get("present", []):
            # each participant and attendee is named in at least one of the meeting's sources
            if p in actors and not any(named_in(p, s, w, quiet=True) for s in m.get("sources", [])):
                err(f"{w}: {p} is named in none of its sources")
            for s in m.get("sources", []):
                if p in ps and p in actors and not named_in(p, s, w, quiet=True):
                    warnings.append(f"{w}: participant {p} is not named in {s} (title only?)")

    # --- roles ------------------------------------------------------------
    seen_roles = set()
    for r in gold["roles"]:
        w = f"role {r.get('person')} {r.get('keywords')}"
        need(r["person"], ("person",), w)
        for o in [r.get("of")] + r.get("of_alt", []):
            if o:
                need(o, ("country", "organization"), w)
        if not r.get("keywords") or any(k != k.lower() for k in r["keywords"]):
            err(f"{w}: keywords must be non-empty lower-case")
        key = (r["person"], tuple(r["keywords"]))
        if key in seen_roles:
            err(f"{w}: annotated twice (merge the sources)")
        seen_roles.add(key)
        for s in r.get("sources", []):
            if s not in entries:
                err(f"{w}: unknown source {s}")
            named_in(r["person"], s, w)

    # --- claims -----------------------------------------------------------
    for c in gold["claims"]:
        w = f"claim {c.get('speaker')} {c.get('anchor')!r}"
        need(c["speaker"], None, w)
        src = c.get("source")
        if src not in texts:
            err(f"{w}: unknown source {src}")
            continue
        n = texts[src].count(c["anchor"])
        if n != 1:
            err(f"{w}: anchor occurs {n} times in {src}")
        words = len(c["anchor"].split())
        if not 3 <= words <= 12:
            warnings.append(f"{w}: anchor has {words} words")
        named_in(c["speaker"], src, w)

    # --- report -----------------------------------------------------------
    for x in warnings:
        print("warning:", x)
    for x in errors:
        print("ERROR:", x)
    persons = [a for a in actors.values() if a["type"] == "person"]
    langs = {lang: sum(1 for e in entries.values() if e["language"] == lang) for lang in ("fa", "ar")}
    print(f"{len(entries)} articles ({langs['fa']} fa, {langs['ar']} ar), {len(persons)} persons "
          f"({sum(1 for a in persons if a.get('optional'))} optional), "
          f"{sum(1 for m in gold['meetings'] if m['kind'] == 'meeting')} meetings, "
          f"{sum(1 for m in gold['meetings'] if m['kind'] == 'phone_call')} phone calls, "
          f"{len(gold['roles'])} roles, {len(gold['claims'])} claims")
    print("FAILED" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
