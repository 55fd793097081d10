"""The `kc` command line: one Typer app (`core`); `reading`, `writing` and `planning` hold its commands.

`main` answers `kc --version` before importing Typer at all: scripts call it to check what is installed.
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from kc_tracker import __version__

        print(f"kc {__version__}")
        return
    from kc_tracker.cli.core import main as run

    run()


def __getattr__(name: str) -> object:
    if name == "app":  # `from kc_tracker.cli import app`, for tests and embedding
        from kc_tracker.cli.core import app

        return app
    raise AttributeError(name)
