"""One validating loader for every lexicon file: columns, enumerations and uniqueness, with `path:line` errors.

Lexicons are loaded once per process into a `Lexicons` object that is passed to extractors; nothing
is loaded at import time, so tests never share hidden state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.errors import LexiconError
from kg.text.normalize import fold_phrase

LANGUAGES = ("fa", "ar")
LEXICON_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Row:
    """One data line of a TSV file: its cells by column name, and where it was read."""

    cells: dict[str, str]
    path: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column) or default

    def error(self, problem: str) -> LexiconError:
        return LexiconError(self.path, self.line, problem)


Check = Callable[[Row], None]


@dataclass(frozen=True)
class Schema:
    """Columns a lexicon file must have, which must be non-empty, which must be unique, allowed values."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    unique: tuple[str, ...] = ()
    allowed: tuple[tuple[str, frozenset[str]], ...] = ()


def _enum(column: str, *values: str) -> tuple[str, frozenset[str]]:
    return column, frozenset(values)


INTERACTION_KINDS = ("Meeting", "PhoneCall", "Visit", "Letter", "PressConference")

# Per-language lexicons: fa/NAME.tsv and ar/NAME.tsv share a schema.
SCHEMAS: dict[str, Schema] = {
    "titles": Schema(("title", "role", "of", "form"), ("title", "role", "form"), unique=("title",),
                     allowed=(_enum("form", "person", "office", "plural", "counterpart"),)),
    "given_names": Schema(("name", "origin"), ("name",), unique=("name",)),
    "stopwords": Schema(("word", "class"), ("word", "class"), unique=("word",)),
    "connectors": Schema(("phrase", "function"), ("phrase", "function"), unique=("phrase", "function"),
                         allowed=(_enum("function", "with", "and", "present", "place", "visit", "sidelines",
                                        "this_meeting", "joint", "complementizer", "separately", "between",
                                        "host", "delegation", "our_country", "from", "topic", "back_reference",
                                        "headed_by", "clause", "to", "participants", "present_verb", "future"),)),
    "role_modifiers": Schema(
        ("modifier", "effect", "position"), ("modifier", "effect", "position"), unique=("modifier", "position"),
        allowed=(_enum("effect", "acting", "deputy", "former", "designate"), _enum("position", "before", "after")),
    ),
    "meeting_verbs": Schema(
        ("cue", "kind", "position"), ("cue", "kind"), unique=("cue",),
        allowed=(_enum("kind", *INTERACTION_KINDS, "Talk"), _enum("position", "", "verb", "noun")),
    ),
    "speech_verbs": Schema(
        ("cue", "type", "form"), ("cue", "type", "form"), unique=("cue",),
        allowed=(_enum("type", "say", "add", "stress", "describe", "consider", "thank", "announce",
                       "warn", "call", "express", "continue", "write"),
                 _enum("form", "finite", "participle", "noun", "plural")),
    ),
    "pronouns": Schema(("pronoun", "number"), ("pronoun", "number"), unique=("pronoun",),
                       allowed=(_enum("number", "singular", "plural", "dual"),)),
    "months": Schema(("name", "calendar", "month"), ("name", "calendar", "month"), unique=("name", "calendar"),
                     allowed=(_enum("calendar", "gregorian", "jalali", "hijri"),)),
    "weekdays": Schema(("name", "weekday"), ("name", "weekday"), unique=("name",)),
    "ordinals": Schema(("ordinal", "number"), ("ordinal", "number"), unique=("ordinal",)),
    "relative_dates": Schema(("expression", "days", "precision"), ("expression", "days"), unique=("expression",)),
    "attribution": Schema(("cue", "role"), ("cue", "role"), unique=("cue",),
                          allowed=(_enum("role", "publisher", "cites"),)),
    "furniture": Schema(("marker", "action"), ("marker", "action"), unique=("marker",),
                        allowed=(_enum("action", "drop_line", "drop_rest", "drop_line_prefix"),)),
}


def read_tsv(path: Path, schema: Schema | None = None) -> list[Row]:
    """Read a TSV file with a header; check it against `schema` when given."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(str(path), 0, f"cannot read: {exc}") from exc
    header: list[str] | None = None
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.rstrip("\n").split("\t")]
        if header is None:
            header = cells
            if schema:
                missing = [c for c in schema.columns if c not in header]
                if missing:
                    raise LexiconError(str(path), number, f"missing column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise LexiconError(str(path), number, f"{len(cells)} cells but the header has {len(header)}")
        row = Row(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)), str(path), number)
        rows.append(row)
    if header is None:
        raise LexiconError(str(path), 1, "no header line")
    if schema:
        _check(rows, schema)
    return rows


def _check(rows: list[Row], schema: Schema) -> None:
    seen: dict[tuple[str, ...], int] = {}
    allowed = dict(schema.allowed)
    for row in rows:
        for column in schema.required:
            if not row.get(column):
                raise row.error(f"empty {column!r}")
        for column, values in allowed.items():
            if row.get(column) not in values and not (row.get(column) == "" and column not in schema.required):
                known = ", ".join(sorted(v for v in values if v))
                raise row.error(f"{column} {row.get(column)!r} is not one of {known}")
        if schema.unique:
            # entries are compared folded: two spellings of one word (ي/ی، ة/ه، hamza) are one entry
            key = tuple(fold_phrase(row.get(c)) for c in schema.unique)
            if key in seen:
                raise row.error(f"duplicate {'/'.join(schema.unique)} {'/'.join(key)!r} (first on line {seen[key]})")
            seen[key] = row.line


class Lexicons:
    """All lexicons of one lexicon folder, loaded lazily and validated once; pass it to extractors."""

    def __init__(self, directory: Path = LEXICON_DIR) -> None:
        self.directory = Path(directory)
        self._tables: dict[tuple[str, str], list[Row]] = {}

    def table(self, language: str, name: str) -> list[Row]:
        """Rows of `<language>/<name>.tsv`, validated against its schema."""
        key = (language, name)
        if key not in self._tables:
            if name not in SCHEMAS:
                raise KeyError(f"no schema for lexicon {name!r}")
            self._tables[key] = read_tsv(self.directory / language / f"{name}.tsv", SCHEMAS[name])
        return self._tables[key]

    def rows(self, name: str) -> Iterator[tuple[str, Row]]:
        """(language, row) over both languages' `<name>.tsv`."""
        for language in LANGUAGES:
            for row in self.table(language, name):
                yield language, row

    @cached_property
    def role_types(self) -> list[Row]:
        return read_tsv(self.directory / "role_types.tsv",
                        Schema(("id", "label_en", "broader", "single", "acting", "label_fa", "label_ar"),
                               ("id", "label_en"), unique=("id",)))

    def validate_all(self) -> None:
        """Load every file so that any error surfaces now (used by `kg lexicons check` and the tests)."""
        _ = self.role_types
        for name in SCHEMAS:
            for language in LANGUAGES:
                if (self.directory / language / f"{name}.tsv").exists():
                    self.table(language, name)
