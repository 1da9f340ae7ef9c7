"""Extractors: pure functions from an article's text and the lexicons to typed records."""
