"""Typed errors: library code raises these, only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class LexiconError(KGError):
    """A lexicon or gazetteer file is malformed; the message is `path:line: problem`."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class StoreError(KGError):
    """A store is missing, locked, or not a kg store."""


class QueryError(KGError):
    """A saved query is unknown, malformed, or was given bad parameters."""
