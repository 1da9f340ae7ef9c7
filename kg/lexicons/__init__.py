"""Lexicons (word lists per language) and the knowledge base of actors, as validated data files."""

from kg.lexicons.loader import LANGUAGES, Lexicons, Row, read_tsv

__all__ = ["LANGUAGES", "Lexicons", "Row", "read_tsv"]
