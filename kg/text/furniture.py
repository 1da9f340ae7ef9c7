"""Which lines of a scraped article are the article: page furniture, repeats and stray headlines out.

A paragraph is a non-empty line. Dropped, each with its reason:
- furniture: a line starting with a marker of `<lang>/furniture.tsv` ("کد خبر 6142565", "اقرأ أيضا: …"),
  or made only of a URL or of hashtags; a `drop_rest` marker (a comment form, a related-news block)
  drops everything after it too;
- repeats: a paragraph seen before (compared folded, ellipses ignored); of a teaser cut with "…" or
  "[…]" and the full paragraph, the full one is kept wherever it is;
- a related headline between body paragraphs ("أردوغان: ليس لدى أنقرة النية…" in the middle of an
  article about something else): short, unpunctuated, shares no sentence and few words with the
  paragraph it sits before. The article's own headline, above the first body paragraph, is kept;
- a line without letters or digits.
Datelines (a date alone on a line) are kept: the date extractor reads them.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicons.loader import LANGUAGES, Lexicons
from kg.text.document import ParagraphSpan
from kg.text.normalize import Folded, fold

_BULLETS = " \t\u00a0•·●○◦▪▫■□◆◇►▶◀▸▹›>-–—*|/\\←→"
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06d5\u06fa-\u06ff]")
_URL = r"(?:https?://|www\.)\S+"
_URL_LINE = re.compile(rf"{_URL}(?:\s+{_URL})*")
_HASHTAG_LINE = re.compile(r"#\w+(?:\s+#\w+)*")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
_TRUNCATION = re.compile(r"(?:\s*(?:\[\s*(?:…|\.{2,})\s*\]|\(\s*(?:…|\.{2,})\s*\)|…|\.{2,}))+\s*$")
_TRAILING_PUNCTUATION = re.compile(r"[\s.!?؟!:؛;،,\"'«»“”)\]]+$")
# the same class as characters for str.rstrip: the punctuation and every white space character (\s)
_TRAILING_CHARS = ".!?؟!:؛;،,\"'«»“”)]" + "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_TRUNCATION_ENDS = ("…", "..", "]", ")")
_SENTENCE_END = re.compile(r"[.!?؟!…。۔][\"'»”)\]]*$")
_DIGITS = r"[0-9۰-۹٠-٩]"
_ONE, _TWO = "[1۱١]", "[2۲٢]"
# A date alone on a line: a year (Jalali 13xx/14xx, Hijri 14xx, Gregorian 19xx/20xx), day/month/year
# numbers, or a clock time, among few words.
_DATE_HINT = re.compile(
    rf"(?<![0-9۰-۹٠-٩])(?:{_ONE}[349۳۴۹٣٤٩]{_DIGITS}{{2}}|{_TWO}[0۰٠]{_DIGITS}{{2}})(?![0-9۰-۹٠-٩])"
    rf"|{_DIGITS}{{1,4}}\s*[/.\-]\s*{_DIGITS}{{1,2}}\s*[/.\-]\s*{_DIGITS}{{1,4}}"
    rf"|{_DIGITS}{{1,2}}\s*:\s*{_DIGITS}{{2}}"
)
_LIST_ITEM = re.compile(rf"^\s*(?:[•·●○◦▪■◆►▶*\-–—]|{_DIGITS}{{1,2}}\s*[.)\-–])")
_WORD = re.compile(r"[^\W\d_]{3,}")

RELATED_HEADLINE_MAX_WORDS = 14
BODY_MIN_WORDS = 14


# A non-empty line of the text: its span (surrounding whitespace excluded), whether it is kept and, when
# it is not, why (paragraph numbers in reasons count from 1). The same record as a Document's
# paragraphs, so that a document keeps the paragraphs `segment` returns as they are.
Paragraph = ParagraphSpan


def segment(text: str, language: str, lexicons: Lexicons, folded_text: Folded | None = None) -> list[Paragraph]:
    """Split `text` into paragraphs (lines) and mark page furniture, repeats and related headlines.

    `folded_text` is `fold(text)` when the caller has it: each line's folded form is then a slice of it."""
    spans = _lines(text)
    lines = [text[s:e] for s, e in spans]
    if folded_text is None:
        folded_text = fold(text)
    whole, to_folded = folded_text.text, folded_text.to_folded
    if folded_text.source_index is None:
        folded = [" ".join(whole[s:e].split()) for s, e in spans]
    else:
        folded = [" ".join(whole[to_folded(s):to_folded(e)].split()) for s, e in spans]
    reasons: list[str | None] = [None] * len(lines)
    counts = [_words(line) for line in lines]  # words per line, counted once
    _mark_furniture(lines, folded, reasons, _markers(lexicons, language), counts)
    _mark_repeats(lines, folded, reasons, counts)
    _mark_related_headlines(lines, folded, reasons, counts)
    return [Paragraph(s, e, reason is None, reason) for (s, e), reason in zip(spans, reasons, strict=True)]


def kept_text(text: str, paragraphs: list[Paragraph]) -> str:
    """The kept paragraphs of `text`, one per line (for display; extractors use the spans)."""
    return "\n".join(text[p.start: p.end] for p in paragraphs if p.kept)


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, stripped (the runs of `[^\n]+`, found with str.split)."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


# --------------------------------------------------------------------------------------------------
# Furniture markers


@dataclass(frozen=True, slots=True)
class _Markers:
    pattern: re.Pattern[str] | None
    by_group: dict[str, tuple[str, str]]  # group name → (marker as written, action)
    # the same alternation split by the marker's first character (every marker regex starts with it as a
    # literal): a line is tried against the few markers that can start it, in the same order
    by_first: dict[str, re.Pattern[str]]

    def match(self, key: str) -> re.Match[str] | None:
        """`pattern.match(key)`, trying only the markers that start with the key's first character."""
        pattern = self.by_first.get(key[:1])
        return pattern.match(key) if pattern is not None else None


# compiled markers per Lexicons object and language (a Lexicons' tables do not change once loaded)
_MARKERS: weakref.WeakKeyDictionary[Lexicons, dict[str, _Markers]] = weakref.WeakKeyDictionary()


def _markers(lexicons: Lexicons, language: str) -> _Markers:
    by_language = _MARKERS.get(lexicons)
    if by_language is None:
        by_language = _MARKERS[lexicons] = {}
    markers = by_language.get(language)
    if markers is None:
        languages = (language,) if language in LANGUAGES else LANGUAGES
        rows = tuple((row["marker"], row["action"]) for lang in languages
                     for row in lexicons.table(lang, "furniture"))
        markers = by_language[language] = _compile_markers(rows)
    return markers


@lru_cache(maxsize=16)
def _compile_markers(rows: tuple[tuple[str, str], ...]) -> _Markers:
    """One alternation of all markers, longest first, so that the longest marker at a line start wins."""
    alternatives: list[tuple[int, str, str]] = []
    by_group: dict[str, tuple[str, str]] = {}
    first_letter: dict[str, str] = {}  # group → the marker's first character
    seen: set[str] = set()
    for number, (marker, action) in enumerate(rows):
        key = " ".join(fold(marker).text.split())
        if not key or key in seen:
            continue
        seen.add(key)
        group = f"m{number}"
        by_group[group] = (marker, action)
        first_letter[group] = key[0]
        alternatives.append((len(key), group, _marker_regex(key)))
    if not alternatives:
        return _Markers(None, by_group, {})
    alternatives.sort(key=lambda a: -a[0])
    pattern = re.compile("|".join(f"(?P<{group}>{regex})" for _, group, regex in alternatives))
    firsts: dict[str, list[str]] = {}
    for _, group, regex in alternatives:
        firsts.setdefault(first_letter[group], []).append(f"(?P<{group}>{regex})")
    by_first = {first: re.compile("|".join(parts)) for first, parts in firsts.items()}
    return _Markers(pattern, by_group, by_first)


def _marker_regex(key: str) -> str:
    """A folded marker as a regex: any spacing between words (ZWNJ, space, none) and before punctuation."""
    parts: list[str] = []
    previous_is_word = False
    for ch in key:
        if ch == " ":
            parts.append(r"\s*")
            previous_is_word = False
            continue
        is_word = bool(re.match(r"\w", ch))
        if not is_word and previous_is_word:
            parts.append(r"\s*")
        parts.append(re.escape(ch))
        previous_is_word = is_word
    if previous_is_word:
        parts.append(r"(?!\w)")
    return "".join(parts)


def _mark_furniture(lines: list[str], folded: list[str], reasons: list[str | None],
                    markers: _Markers, counts: list[int] | None = None) -> None:
    if counts is None:
        counts = [_words(line) for line in lines]
    seen_body = False
    for i, (line, key) in enumerate(zip(lines, folded, strict=True)):
        if reasons[i] is not None:
            continue
        if not _LETTER_OR_DIGIT.search(line):
            reasons[i] = "empty"
            continue
        if _URL_LINE.fullmatch(key):
            reasons[i] = "furniture:url"
            continue
        if _HASHTAG_LINE.fullmatch(key):
            reasons[i] = "furniture:hashtags"
            continue
        match = markers.match(key.lstrip(_BULLETS))
        if match and match.lastgroup:
            marker, action = markers.by_group[match.lastgroup]
            alone = not _ARABIC_LETTER.search(key, len(key) - len(key.lstrip(_BULLETS)) + match.end())
            if action == "drop_line_prefix" or alone:
                reasons[i] = f"furniture:{marker}"
                # A comment form or a related block ends the article, but not before it has begun.
                if action == "drop_rest" and seen_body:
                    for j in range(i + 1, len(lines)):
                        reasons[j] = f"after furniture:{marker}"
                    return
                rest = key[len(key) - len(key.lstrip(_BULLETS)) + match.end():]
                if alone and action == "drop_line_prefix" and not _DIGIT.search(rest):
                    # «اقرأ أيضا:» alone on its line heads a list of other stories: drop the list too;
                    # «کد خبر: ۸۱۶۳۰۷» carries its value and heads nothing
                    for j in range(i + 1, len(lines)):
                        if reasons[j] is not None or not _LETTER_OR_DIGIT.search(lines[j]):
                            continue
                        other = markers.match(folded[j].lstrip(_BULLETS))
                        if (other and other.lastgroup) or _is_body(lines[j], counts[j]):
                            break
                        headline = len(_WORD.findall(lines[j])) < RELATED_HEADLINE_MAX_WORDS and \
                            not _SENTENCE_END.search(lines[j].rstrip())
                        if not (_LIST_ITEM.match(lines[j]) or headline):
                            break
                        reasons[j] = f"after furniture:{marker}"
                continue
        if _is_body(line, counts[i]):
            seen_body = True


# --------------------------------------------------------------------------------------------------
# Repeats


def _comparison_key(key: str) -> tuple[str, bool]:
    """The key two copies of a paragraph share, and whether this copy was cut short ("…", "[…]")."""
    # _TRUNCATION can only match a key that ends (white space aside) in "…", "..", "]" or ")": most
    # keys are spared the regex, which is tried at every position
    without = _TRUNCATION.sub("", key) if key.rstrip().endswith(_TRUNCATION_ENDS) else key
    truncated = without != key
    return without.rstrip(_TRAILING_CHARS), truncated  # = _TRAILING_PUNCTUATION.sub("", without)


def _mark_repeats(lines: list[str], folded: list[str], reasons: list[str | None],
                  counts: list[int] | None = None) -> None:
    if counts is None:
        counts = [_words(line) for line in lines]
    first: dict[str, int] = {}
    keys: dict[int, tuple[str, bool]] = {}
    for i, key in enumerate(folded):
        if reasons[i] is not None:
            continue
        if _is_dateline(lines[i], counts[i]) or lines[i].endswith((":", "：")):
            continue  # a date shown twice is still a dateline; «وی افزود:» introduces a different quote
        compared, truncated = _comparison_key(key)
        keys[i] = (compared, truncated)
        if compared not in first:
            first[compared] = i
            continue
        j = first[compared]
        if keys[j][1] and not truncated:  # the earlier copy was the teaser: keep this full one
            reasons[j] = f"duplicate of paragraph {i + 1}"
            first[compared] = i
        else:
            reasons[i] = f"duplicate of paragraph {j + 1}"
    # A teaser cut mid-sentence ("… [more]") is a prefix of its full paragraph, not equal to it.
    for i, (compared, truncated) in keys.items():
        if not truncated or reasons[i] is not None or len(compared) < 20:
            continue
        for j, (other, _) in keys.items():
            if j != i and reasons[j] is None and len(other) > len(compared) and other.startswith(compared):
                reasons[i] = f"duplicate of paragraph {j + 1}"
                break


# --------------------------------------------------------------------------------------------------
# Related headlines


def _words(line: str) -> int:
    return len(line.split())


def _is_body(line: str, words: int | None = None) -> bool:
    """A paragraph of running text: long, or a sentence of some length (`words`: `_words(line)`, if known)."""
    if words is None:
        words = _words(line)
    return words >= BODY_MIN_WORDS or (words >= 6 and bool(_SENTENCE_END.search(line)))


def _is_dateline(line: str, words: int | None = None) -> bool:
    return (_words(line) if words is None else words) <= 8 and bool(_DATE_HINT.search(line))


def _content_words(key: str) -> set[str]:
    return set(_WORD.findall(key))


def _mark_related_headlines(lines: list[str], folded: list[str], reasons: list[str | None],
                            counts: list[int] | None = None) -> None:
    if counts is None:
        counts = [_words(line) for line in lines]
    kept = [i for i in range(len(lines)) if reasons[i] is None]
    body = {i for i in kept if _is_body(lines[i], counts[i])}
    if not body:
        return
    blob = "\n".join(folded[i] for i in body)
    position = 0
    while position < len(kept):
        if kept[position] in body:
            position += 1
            continue
        run_start = position
        while position < len(kept) and kept[position] not in body:
            position += 1
        # A run of non-body lines that is bounded by body paragraphs on both sides …
        if run_start == 0 or position == len(kept):
            continue
        following = _content_words(folded[kept[position]])
        for i in kept[run_start - 1: position]:
            if lines[i].rstrip().endswith((":", "：")):
                break  # … up to a line that introduces what follows (a list, a quotation)
            if i in body:
                continue
            if _is_related_headline(lines[i], folded[i], blob, following, counts[i]):
                reasons[i] = "related headline"


def _is_related_headline(line: str, key: str, blob: str, following: set[str], words: int | None = None) -> bool:
    if words is None:
        words = _words(line)
    if not 2 <= words < RELATED_HEADLINE_MAX_WORDS:
        return False
    stripped = line.rstrip()
    if _SENTENCE_END.search(stripped) or stripped.endswith((":", "：", "،", ",")):
        return False
    if _is_dateline(line, words) or _LIST_ITEM.match(line):
        return False
    if key in blob:
        return False  # a pull quote or a sub-heading repeated from the body
    mine = _content_words(key)
    if not mine:
        return False
    # A sub-heading announces the paragraph that follows it; a related headline is about something else.
    return len(mine & following) < 0.5 * len(mine)
