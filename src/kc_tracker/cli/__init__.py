"""The `kc` command line: one Typer app; each module below adds its commands to it."""

from kc_tracker.cli import planning, reading, writing  # noqa: F401  (they register their commands)
from kc_tracker.cli.app import app, main

__all__ = ["app", "main"]
