"""A normalised article: kept paragraphs, sentences and folded tokens, all with offsets into the text.

The document keeps the text as read (`Document.text`); paragraphs that are page furniture or
repeats are marked, not removed, so offsets stay valid. Sentences are split with hazm's boundary rule
(sentence punctuation followed by white space), applied with `re.finditer` so that offsets survive;
hazm's own `SentenceTokenizer` returns bare strings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from mypy_extensions import mypyc_attr

from kg.text.normalize import Folded, SourceIndex, fold

# hazm.SentenceTokenizer's boundary, plus closing quotes and brackets that follow the full stop.
# (written [x][x]* rather than [x]+, the same pattern, so that the engine skips to the candidates by
# their first character instead of trying every position)
_SENTENCE_END = re.compile(r"[!.?⸮؟][!.?⸮؟]*[\"'»”’)\]]*(?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # _TOKEN as a capturing group, for re.split


class Token:
    """A word or punctuation mark: folded form and its span in the document text."""

    __slots__ = ("start", "end", "text", "index", "is_word")

    def __init__(self, start: int, end: int, text: str, index: int, is_word: bool | None = None) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.index = index  # position in its sentence
        self.is_word = text[0].isalnum() if is_word is None else is_word

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r}, {self.index})"


@mypyc_attr(native_class=False)  # compiled classes cannot extend list (setup.py)
class TokenList(list):
    """A sentence's tokens; lexicon scans of the sentence are cached on it (kg.extract.matcher).

    A token list made by the tokenizer also carries its tokens' texts and `is_word` flags as plain
    lists (`texts`, `words`; None otherwise), which the lexicon scan reads without touching tokens."""

    __slots__ = ("scans", "texts", "words")

    def __init__(self, tokens=()) -> None:
        super().__init__(tokens)
        self.scans: dict[str, object] = {}
        self.texts: list[str] | None = None
        self.words: list[bool] | None = None


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
    folded: Folded | None = None  # the whole text folded (shared by the date finder)

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
    """Tokens of the source span [start, end) of a folded text.

    `_TOKEN_SPLIT.split` gives the tokens (the `_TOKEN` matches) between the gaps they leave, in one C
    call; offsets are summed from the lengths (the same tokens as `_TOKEN.finditer`, at a third less)."""
    fs, fe = folded.to_folded(start), folded.to_folded(end)
    parts = _TOKEN_SPLIT.split(folded.text[fs:fe])  # gap, token, gap, token, …, gap
    texts = parts[1::2]
    tokens = TokenList()
    append = tokens.append
    index = folded.source_index
    pos = fs + len(parts[0])
    if index is None:
        words: list[bool] = []
        is_word = words.append
        pos += base
        i = 0
        for k in range(1, len(parts), 2):
            text = parts[k]
            after = pos + len(text)
            word = text[0].isalnum()
            append(Token(pos, after, text, i, word))
            is_word(word)
            i += 1
            pos = after + len(parts[k + 1])
        tokens.texts = texts
        tokens.words = words
        return tokens
    words = [text[0].isalnum() for text in texts]
    if isinstance(index, SourceIndex):
        # index[x] = run_source + x - run_folded in the run holding x; tokens come in order, so the run
        # is followed along rather than searched for each token
        run_folded, run_source = index.folded_starts, index.source_starts
        runs = len(run_folded)
        run = max(bisect_right(run_folded, pos) - 1, 0)
        for i, text in enumerate(texts):
            after = pos + len(text)
            while run + 1 < runs and run_folded[run + 1] <= pos:
                run += 1
            token_start = base + run_source[run] + pos - run_folded[run]
            last = after - 1
            while run + 1 < runs and run_folded[run + 1] <= last:
                run += 1
            append(Token(token_start, base + run_source[run] + last - run_folded[run] + 1, text, i, words[i]))
            pos = after + len(parts[2 * i + 2])
    else:
        for i, text in enumerate(texts):
            after = pos + len(text)
            append(Token(base + index[pos], base + index[after - 1] + 1, text, i, words[i]))
            pos = after + len(parts[2 * i + 2])
    tokens.texts = texts
    tokens.words = words
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
                   paragraphs: list[ParagraphSpan], folded: Folded | None = None) -> Document:
    """Split the kept paragraphs into sentences and tokens (the text is folded once, as a whole;
    `folded` is `fold(text)` when the caller has it already)."""
    if folded is None:
        folded = fold(text)
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        if not paragraph.kept:
            continue
        for s, e in split_sentences(text, paragraph.start, paragraph.end):
            tokens = _tokens(folded, s, e)
            if tokens:
                sentences.append(Sentence(len(sentences), p_index, s, e, text[s:e], tokens))
    return Document(id, path, language, sha256, text, paragraphs, sentences, folded)


def paragraphs_by_line(text: str) -> list[ParagraphSpan]:
    """Every non-empty line as a kept paragraph (used when no furniture rules apply, e.g. in tests)."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        for s, e in _strip(text, offset, offset + len(line)):
            spans.append(ParagraphSpan(s, e, True))
        offset += len(line)
    return spans
