"""Is an article Persian or Arabic? Letter and function-word statistics, fast enough to run on every input.

Scripts are told apart by the UTF-8 lead bytes of their letters (one `bytes.translate` and a few
counts), Persian from Arabic by the letters only one of them uses (پ چ ژ گ / ة), the forms of yeh and
kaf (ی ک / ي ك), and a few very frequent function words (را، است، می / في، على، ال). Every count is a
C-level `count` over a sample of at most 1,500 characters (start and middle of the text), so a call
costs some 15 µs whatever the length of the article: about 3 µs per KB of a typical 5 KB article.
Urdu, Pashto and Sorani Kurdish share the script and are recognised by their own letters.
"""

from __future__ import annotations

import string

_HEAD, _MIDDLE = 1000, 500  # sample: the first 1,000 characters and 500 from the middle

# Each UTF-8 lead byte fixes a 64-code-point block: classify bytes, then count classes.
_LATIN_BYTES = tuple(string.ascii_letters.encode("ascii")) + tuple(range(0xC3, 0xCA))  # to U+024F
_OTHER_LEADS = (0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xE0, 0xE1) + tuple(
    range(0xE3, 0xEE))  # Greek, Cyrillic, Armenian, Hebrew, Indic, CJK, Korean…


def _byte_table(classes: dict[bytes, tuple[int, ...]]) -> bytes:
    table = bytearray(b"." * 256)
    for cls, members in classes.items():
        for b in members:
            table[b] = cls[0]
    return bytes(table)


_CLASS_TABLE = _byte_table({
    b"a": (0xD8, 0xD9),  # U+0600–U+067F: the Arabic letters
    b"x": (0xDA, 0xDB),  # U+0680–U+06FF: extended letters (Persian چ ژ ک گ ی, Urdu, Pashto, Kurdish…)
    b"n": _LATIN_BYTES + _OTHER_LEADS,  # letters of other scripts
})
_LATIN_TABLE = _byte_table({b"l": _LATIN_BYTES})

_OTHER_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("Greek", 0x0370, 0x03FF),
    ("Cyrillic", 0x0400, 0x052F),
    ("Armenian", 0x0530, 0x058F),
    ("Hebrew", 0x0590, 0x05FF),
    ("Indic", 0x0900, 0x0DFF),
    ("CJK", 0x3000, 0x9FFF),
    ("Korean", 0xAC00, 0xD7AF),
)

# Letters of other languages written in Arabic script, never used in Persian or Arabic.
_URDU = "ٹڈڑںےۓہ"
_PASHTO = "ټډړښږځڅڼېۍ"
_SORANI = "ڕڵێۆ"
# Function words, space-padded: the sample is padded and its newlines made spaces before counting.
# (" است " and " است." but not " است": Arabic استمرار، استقبال… start with it.)
_PERSIAN_WORDS = (" را ", " است ", " است.", " می", " مي", " که ", " كه ", " از ", " با ", " این ", " اين ")
_ARABIC_WORDS = (" في ", " من ", " على ", " أن ", " إلى ", " ال")
_ENGLISH_WORDS = (" the ", " and ", " of ", " to ", " The ")


def detect_language(text: str) -> tuple[str | None, str]:
    """("fa" | "ar", how it was told) for Persian (Dari too) or Arabic, else (None, why not)."""
    sample = _sample(text)
    encoded = sample.encode("utf-8", "surrogatepass")
    classes = encoded.translate(_CLASS_TABLE)
    arabic_core, extended, non_arabic = classes.count(b"a"), classes.count(b"x"), classes.count(b"n")
    arabic = arabic_core + extended
    total = arabic + non_arabic
    if not arabic:
        if not total:
            return None, "no Arabic-script letters"
        return None, _other_script_reason(sample, encoded, non_arabic)
    share = arabic / total
    if share < 0.3:
        return None, _other_script_reason(sample, encoded, non_arabic)
    if share < 0.6:
        latin = encoded.translate(_LATIN_TABLE).count(b"l")
        parts = [f"{round(100 * arabic / total)}% Arabic script"]
        if latin >= 0.05 * total:
            parts.append(f"{round(100 * latin / total)}% Latin")
        if non_arabic - latin >= 0.05 * total:
            parts.append(f"{round(100 * (non_arabic - latin) / total)}% {_dominant_other_script(sample)}")
        return None, "mixed scripts: " + ", ".join(parts)
    return _persian_or_arabic(sample, arabic, extended)


def _sample(text: str) -> str:
    if len(text) <= _HEAD + _MIDDLE:
        return text
    middle = len(text) // 2
    return text[:_HEAD] + "\n" + text[middle: middle + _MIDDLE]


def _other_script_reason(sample: str, encoded: bytes, non_arabic: int) -> str:
    latin = encoded.translate(_LATIN_TABLE).count(b"l")
    if latin >= non_arabic - latin:
        padded = " " + sample.replace("\n", " ") + " "
        english = sum(padded.count(w) for w in _ENGLISH_WORDS)
        if english and english * 40 >= latin / 5:  # a function word every 40 words or so
            return "English (Latin script)"
        return "Latin script, not Persian or Arabic"
    return f"{_dominant_other_script(sample)} script, not Persian or Arabic"


def _dominant_other_script(sample: str) -> str:
    """The non-Latin, non-Arabic script with most letters in `sample` (a rare path: a plain loop)."""
    counts = dict.fromkeys((name for name, _, _ in _OTHER_SCRIPTS), 0)
    for ch in sample:
        code = ord(ch)
        if code < 0x0370:
            continue
        for name, low, high in _OTHER_SCRIPTS:
            if low <= code <= high:
                counts[name] += 1
                break
    name = max(counts, key=lambda k: counts[k])
    return name if counts[name] else "other"


def _count(text: str, chars: str) -> int:
    return sum(text.count(c) for c in chars)


def _persian_or_arabic(sample: str, arabic: int, extended: int) -> tuple[str | None, str]:
    """Persian, Arabic, or the other Arabic-script language that the text is in.

    Letters decide most texts; function words are counted too when the letters leave room for doubt
    (short texts, Persian typed with Arabic ي/ك, Arabic typed with Persian ی/ک, much quotation).
    """
    yeh_keheh = sample.count("ی") + sample.count("ک")
    fa_letters = sample.count("پ") + sample.count("چ") + sample.count("ژ") + sample.count("گ")
    unexplained = extended - yeh_keheh - fa_letters  # Persian digits, ۀ … and other languages' letters
    if unexplained >= 3 and unexplained >= 0.02 * arabic:
        other = _other_arabic_script_language(sample, arabic)
        if other:
            return None, other
    marbuta = sample.count("ة")
    ar_forms = sample.count("ي") + sample.count("ك") + sample.count("ى")
    fa = 2 * fa_letters + yeh_keheh
    ar = 2 * marbuta + ar_forms
    clear = 0.005 * arabic  # a distinctive letter every 200 letters at least
    if fa >= 10 and fa >= 3 * ar and fa_letters >= clear:
        return "fa", f"Persian letters (score {fa} vs {ar}; پ چ ژ گ: {fa_letters})"
    if ar >= 10 and ar >= 3 * fa and marbuta >= clear:
        return "ar", f"Arabic letters (score {ar} vs {fa}; ة: {marbuta})"
    # Letter forms only break ties now: sites type Persian with ي/ك and Arabic with ی/ک.
    padded = " " + sample.replace("\n", " ") + " "
    fa_words = sum(padded.count(w) for w in _PERSIAN_WORDS)
    ar_words = sum(padded.count(w) for w in _ARABIC_WORDS)
    fa_score = 2 * fa_letters + 4 * fa_words + yeh_keheh / 10
    ar_score = 2 * marbuta + 4 * ar_words + ar_forms / 10
    if fa_score > ar_score:
        return "fa", (f"Persian letters and words (score {fa_score:.1f} vs {ar_score:.1f}; "
                      f"function words: {fa_words})")
    if ar_score > fa_score:
        return "ar", (f"Arabic letters and words (score {ar_score:.1f} vs {fa_score:.1f}; "
                      f"function words: {ar_words})")
    return None, "Arabic script, but too little text to tell Persian from Arabic"


def _other_arabic_script_language(sample: str, arabic: int) -> str | None:
    if _count(sample, _URDU) >= max(3, 0.02 * arabic):
        return "Urdu"
    if _count(sample, _PASHTO) >= max(3, 0.015 * arabic):
        return "Pashto"
    sorani = _count(sample, _SORANI)
    if sorani >= 3 and (sorani >= 0.01 * arabic or sample.count("ە") >= 0.03 * arabic):
        return "Kurdish (Sorani)"
    return None
