"""Saved queries: loading `queries/NAME.rq`, reading their header, binding typed parameters.

A saved query starts with a comment header:

    # Question: Who did a person meet, and in which role did each side act then?
    # Parameter: ?person actor — the person (an IRI, a knowledge-base id, or a name in any language)
    # Parameter: ?since date optional — only meetings on or after this day
    # Columns: ?meeting ?date ?other ?role

Parameters are bound as values through Oxigraph's substitutions (SEP-0007), never pasted into the
query text, so a value with quotes, `>` or SPARQL keywords stays a value. Types: actor, iri,
date, string, integer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from kg.errors import QueryError
from kg.paths import queries_dir
from kg.text.normalize import fold_key

PARAMETER_TYPES = ("actor", "iri", "date", "string", "integer")
_HEADER = re.compile(r"^#\s*(Question|Parameter|Columns|Contract|Note)\s*:\s*(.*)$", re.IGNORECASE)
_PARAMETER = re.compile(r"^\?(\w+)\s+(\w+)(\s+optional)?\s*(?:[—–-]+\s*(.*))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LABEL_PREDICATES = ("http://www.w3.org/2000/01/rdf-schema#label",
                    "http://www.w3.org/2004/02/skos/core#prefLabel",
                    "http://www.w3.org/2004/02/skos/core#altLabel")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    optional: bool
    description: str


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    question: str = ""
    columns: list[str] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    contract: str = ""


def parse_query_file(path: Path) -> SavedQuery:
    """Read a .rq file and its header; QueryError naming the file and line when the header is malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    query = SavedQuery(path.stem, path, text)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "question":
            query.question = value
        elif key == "columns":
            query.columns = [c.lstrip("?") for c in value.split()]
        elif key == "contract":
            query.contract = value
        elif key == "parameter":
            p = _PARAMETER.match(value)
            if not p or p.group(2) not in PARAMETER_TYPES:
                raise QueryError(f"{path}:{number}: malformed parameter {value!r} "
                                 f"(expected '?name TYPE [optional] — description', TYPE one of "
                                 f"{', '.join(PARAMETER_TYPES)})")
            query.parameters.append(Parameter(p.group(1), p.group(2), bool(p.group(3)), p.group(4) or ""))
    return query


def saved_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    directory = directory or queries_dir()
    return {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.rq")))}


def load_query(name_or_path: str) -> SavedQuery:
    """A saved query by name, or any .rq file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists():
        return parse_query_file(path)
    queries = saved_queries()
    if name_or_path in queries:
        return queries[name_or_path]
    raise QueryError(f"no saved query {name_or_path!r} (saved: {', '.join(sorted(queries))}; "
                     "or give a path to a .rq file)")


class ActorResolver:
    """Turns an actor's name (any language, any spelling), a knowledge-base id or an IRI into its IRI."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store
        self._by_key: dict[str, set[str]] | None = None

    def _index(self) -> dict[str, set[str]]:
        if self._by_key is None:
            index: dict[str, set[str]] = {}
            for predicate in LABEL_PREDICATES:
                for quad in self.store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), None, None):
                    if isinstance(quad.subject, pyoxigraph.NamedNode) and isinstance(quad.object, pyoxigraph.Literal):
                        index.setdefault(fold_key(quad.object.value), set()).add(quad.subject.value)
            self._by_key = index
        return self._by_key

    def resolve(self, value: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*://", value):
            return value
        key = fold_key(value)
        found = self._index().get(key, set())
        if not found:
            suffix = "/" + value
            found = {iri for iris in self._index().values() for iri in iris if iri.endswith(suffix)}
        if not found:
            found = self._from_knowledge_base(value)
        if len(found) == 1:
            return next(iter(found))
        if not found:
            raise QueryError(f"no actor named {value!r} in the store")
        raise QueryError(f"{value!r} names several actors: {', '.join(sorted(found))}; give an IRI")


    def _from_knowledge_base(self, value: str) -> set[str]:
        """A short or variant name the store has no label for («هنیه»): the knowledge base knows whose it is."""
        from kg.lexicons.gazetteer import load_gazetteer

        actors = {alias.actor for alias in load_gazetteer().lookup(value)}
        suffixes = {"/" + actor for actor in actors}
        return {iri for iris in self._index().values() for iri in iris if any(iri.endswith(x) for x in suffixes)}


def bind(query: SavedQuery, values: Mapping[str, str], resolver: ActorResolver | None) -> dict:
    """Substitutions for the query's declared parameters, type-checked; unknown or missing ones raise."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)} "
                         f"(parameters: {', '.join(declared) or 'none'})")
    substitutions = {}
    for name, parameter in declared.items():
        if name not in values:
            if not parameter.optional:
                raise QueryError(f"query {query.name!r} needs --param {name}=… ({parameter.type}: "
                                 f"{parameter.description})")
            continue
        substitutions[pyoxigraph.Variable(name)] = _term(parameter, values[name], resolver)
    return substitutions


def _term(parameter: Parameter, value: str, resolver: ActorResolver | None):
    if parameter.type == "actor":
        if resolver is None:
            raise QueryError("actor names need a store to be resolved")
        try:
            return pyoxigraph.NamedNode(resolver.resolve(value))
        except ValueError as exc:  # a value that looks like an IRI is taken as one, unchecked
            raise QueryError(f"--param {parameter.name}: {value!r} is not an IRI "
                             f"({_one_line(str(exc))})") from exc
    if parameter.type == "iri":
        try:
            return pyoxigraph.NamedNode(value)
        except ValueError as exc:
            raise QueryError(f"--param {parameter.name}: {value!r} is not an IRI "
                             f"({_one_line(str(exc))})") from exc
    if parameter.type == "date":
        if not _DATE.match(value):
            raise QueryError(f"--param {parameter.name}: {value!r} is not a date (YYYY-MM-DD)")
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    if parameter.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(f"--param {parameter.name}: {value!r} is not an integer")
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return pyoxigraph.Literal(value)


def _one_line(text: str) -> str:
    """Oxigraph quotes the offending character as is, a newline too: keep messages on one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def term_value(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple) -> str:
    """IRIs and literals as plain strings (literals by their lexical form; a quoted triple in N-Triples)."""
    if isinstance(term, pyoxigraph.Triple):
        return str(term)
    return term.value


# --------------------------------------------------------------------------------------------------
# Binding parameters
#
# Oxigraph plans a query before it substitutes the parameters: the planner takes every parameter for
# an unbound variable, so it may start a join from the other end (every meeting of the store, then
# keep those of the person) or evaluate a sub-select for every actor before joining it. kg therefore
# binds parameters by substitution (SEP-0007: the value is the variable's, in every sub-select that
# projects it) *and* repeats each value as a one-row `VALUES` block at the head of every group that
# projects it. A one-row VALUES joined with the same value changes no answer; it is the cheapest
# place to start, so the planner starts there and every join is driven by the bound value.

_BLANKED = re.compile(r'(<[^<>"{}|^`\\\s]*>)|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_SELECT = re.compile(r"(?<![\w?$:])SELECT\b", re.IGNORECASE)


def _blank(text: str) -> str:
    """`text` with comments, strings and IRIs blanked out (same length): keywords and braces are real."""
    return _BLANKED.sub(lambda m: " " * len(m.group()), text)


def _projects(projection: str, name: str) -> bool:
    """Whether a SELECT clause projects ?name as it is (not `(… AS ?name)`, which computes it)."""
    if re.search(r"(?<![\w?$])\*", projection):
        return True
    return any(not re.search(r"\bAS\s*$", projection[:m.start()], re.IGNORECASE)
               for m in re.finditer(rf"[?$]{re.escape(name)}\b", projection))


def with_planning_hints(text: str, substitutions: Mapping[pyoxigraph.Variable, object]) -> str:
    """The query with each substituted value also given as a one-row VALUES block at the head of every
    SELECT's WHERE group that projects the variable (see above). Values are written in N-Triples syntax
    by pyoxigraph (IRIs checked, literals escaped), so they cannot change the query's structure."""
    if not substitutions:
        return text
    blanked = _blank(text)
    inserts: list[tuple[int, str]] = []
    for select in _SELECT.finditer(blanked):
        brace = blanked.find("{", select.end())
        if brace < 0:
            continue
        projection = blanked[select.end():brace]
        values = [f"VALUES {variable} {{ {term} }}" for variable, term in substitutions.items()
                  if _projects(projection, variable.value)]
        if values:
            inserts.append((brace + 1, " " + " ".join(values)))
    for position, block in reversed(inserts):
        text = text[:position] + block + text[position:]
    return text


def run(store: pyoxigraph.Store, text: str, substitutions: Mapping[pyoxigraph.Variable, object] | None = None
        ) -> tuple[list[str], Iterable[dict[str, str]]]:
    """Run a SELECT (or CONSTRUCT/ASK) over the union of all graphs; (columns, rows as dicts).

    Parameters are bound by substitution, with planning hints (`with_planning_hints`); a query that
    does not SELECT a parameter, which substitution refuses, gets it as a VALUES block instead."""
    refuse_update(text)
    bound = dict(substitutions or {})
    try:
        try:
            result = store.query(with_planning_hints(text, bound), use_default_graph_as_union=True,
                                 substitutions=bound or None)  # type: ignore[arg-type]
        except RuntimeError as exc:
            if "projection" not in str(exc):
                raise
            from kg.remote import with_values

            result = store.query(with_values(with_planning_hints(text, bound), bound),
                                 use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(syntax_message(exc, "SPARQL", text)) from exc
    if isinstance(result, pyoxigraph.QuerySolutions):
        solutions = result
        columns = [v.value for v in solutions.variables]

        def rows() -> Iterable[dict[str, str]]:
            # a solution iterates its values in the order of the columns (None when unbound): cheaper
            # than looking each one up by name, which counts on queries with thousands of rows
            for solution in solutions:
                yield {column: term_value(term) for column, term in zip(columns, solution, strict=True)
                       if term is not None}
        return columns, rows()
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["result"], iter([{"result": "true" if bool(result) else "false"}])
    columns = ["subject", "predicate", "object"]
    return columns, ({"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
                     for t in result)


_SYNTAX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def syntax_message(error: SyntaxError, language: str = "SPARQL", text: str = "") -> str:
    """Oxigraph's "error at L:C: …" as "malformed SPARQL at line L, column C: … (near …)"."""
    m = _SYNTAX_POSITION.match(str(error))
    if not m:
        return f"malformed {language}: {error}"
    line, column, problem = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    if len(problem) > 160:  # Oxigraph lists every acceptable character class: keep the first few
        problem = problem[:problem.rfind(",", 0, 160)] + ", …"
    lines = text.splitlines()
    near = f' (line {line}: "{lines[line - 1].strip()[:80]}")' if 0 < line <= len(lines) else ""
    return f"malformed {language} at line {line}, column {column}: {problem}{near}"


UPDATE_OPERATIONS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
# The prologue (PREFIX and BASE declarations, comments) that may come before the first operation.
_PROLOGUE_ITEM = re.compile(r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^<>]*>|BASE\s*<[^<>]*>", re.IGNORECASE)
_OPERATION = re.compile(r"[A-Za-z]+")


def update_operation(text: str) -> str | None:
    """The SPARQL Update operation `text` starts with (INSERT, DROP, …), or None for a query."""
    position = 0
    while m := _PROLOGUE_ITEM.match(text, position):
        if m.end() == position:
            break
        position = m.end()
    word = _OPERATION.match(text, position)
    keyword = word.group().upper() if word else ""
    return keyword if keyword in UPDATE_OPERATIONS else None


def refuse_update(text: str) -> None:
    """QueryError for a SPARQL Update: queries are read-only (`kg sparql --allow-update` changes a store)."""
    operation = update_operation(text)
    if operation:
        raise QueryError(f"refused: {operation} is a SPARQL Update and queries are read-only; "
                         "`kg sparql --allow-update` changes the store")
