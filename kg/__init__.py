"""kg: a knowledge graph of diplomatic contacts built from Persian and Arabic news."""

__version__ = "0.1.0"
