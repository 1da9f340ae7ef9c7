"""CLI commands, one module per group; each exposes `register(subparsers)` (see kg/cli.py)."""
