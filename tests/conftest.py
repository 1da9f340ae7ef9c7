"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from kg.extract.resources import Resources


@pytest.fixture(scope="module")
def resources() -> Resources:
    """Lexicons, knowledge base and compiled matchers (about half a second to build), once per test module."""
    return Resources()
