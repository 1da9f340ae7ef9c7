"""A normalised article: kept paragraphs, sentences and folded tokens, all with offsets into the text.

The document keeps the text as read (`Document.text`); paragraphs that are page furniture or
repeats are marked, not removed, so offsets stay valid. Sentences are split with hazm's boundary rule
(sentence punctuation followed by white space), applied with `re.finditer` so that offsets survive;
hazm's own `SentenceTokenizer` returns bare strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.text.normalize import Folded, fold

# hazm.SentenceTokenizer's boundary, plus closing quotes and brackets that follow the full stop.
_SENTENCE_END = re.compile(r"[!.?⸮؟]+[\"'»”’)\]]*(?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


class Token:
    """A word or punctuation mark: folded form and its span in the document text."""

    __slots__ = ("start", "end", "text", "index", "is_word")

    def __init__(self, start: int, end: int, text: str, index: int) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.index = index  # position in its sentence
        self.is_word = text[0].isalnum()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, {self.index})"


class TokenList(list):
    """A sentence's tokens; lexicon scans of the sentence are cached on it (kg.extract.matcher)."""

    __slots__ = ("scans",)

    def __init__(self, tokens=()) -> None:
        super().__init__(tokens)
        self.scans: dict[str, object] = {}


@dataclass(slots=True)
class Sentence:
    """A sentence of a kept paragraph, with its folded form and tokens."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: TokenList = field(default_factory=TokenList)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Document span from token `first` to token `last` inclusive."""
        return self.tokens[first].start, self.tokens[last].end


@dataclass(frozen=True, slots=True)
class ParagraphSpan:
    """A line of the article and whether extraction reads it (see kg.text.furniture)."""

    start: int
    end: int
    kept: bool
    reason: str | None = None


@dataclass(slots=True)
class Document:
    """One article ready for extraction."""

    id: str
    path: str
    language: str
    sha256: str
    text: str
    paragraphs: list[ParagraphSpan]
    sentences: list[Sentence]

    def sentences_of(self, paragraph: int) -> Iterator[Sentence]:
        return (s for s in self.sentences if s.paragraph == paragraph)

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


def tokenize(text: str, base: int = 0) -> TokenList:
    """Fold `text` and split it into tokens whose spans are offsets into the document (`base` + …)."""
    return _tokens(fold(text), 0, len(text), base)


def _tokens(folded: Folded, start: int, end: int, base: int = 0) -> TokenList:
    """Tokens of the source span [start, end) of a folded text."""
    tokens = TokenList()
    fs, fe = folded.to_folded(start), folded.to_folded(end)
    text = folded.text
    index = folded.source_index
    for i, m in enumerate(_TOKEN.finditer(text, fs, fe)):
        a, b = m.span()
        if index is None:
            tokens.append(Token(base + a, base + b, m.group(), i))
        else:
            tokens.append(Token(base + index[a], base + index[b - 1] + 1, m.group(), i))
    return tokens


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside text[start:end], stripped of surrounding white space."""
    chunk = text[start:end]
    begin = 0
    for m in _SENTENCE_END.finditer(chunk):
        yield from _strip(text, start + begin, start + m.end())
        begin = m.end()
    yield from _strip(text, start + begin, end)


def _strip(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def build_document(id: str, path: str, language: str, sha256: str, text: str,
                   paragraphs: list[ParagraphSpan]) -> Document:
    """Split the kept paragraphs into sentences and tokens (the text is folded once, as a whole)."""
    folded = fold(text)
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        if not paragraph.kept:
            continue
        for s, e in split_sentences(text, paragraph.start, paragraph.end):
            tokens = _tokens(folded, s, e)
            if tokens:
                sentences.append(Sentence(len(sentences), p_index, s, e, text[s:e], tokens))
    return Document(id, path, language, sha256, text, paragraphs, sentences)


def paragraphs_by_line(text: str) -> list[ParagraphSpan]:
    """Every non-empty line as a kept paragraph (used when no furniture rules apply, e.g. in tests)."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        for s, e in _strip(text, offset, offset + len(line)):
            spans.append(ParagraphSpan(s, e, True))
        offset += len(line)
    return spans
