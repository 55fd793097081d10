"""Where files live: the command-line option, else the environment, else the default.

- plan:   --plan, else KC_PLAN, else the plan bundled in the package (read only)
- ledger: --ledger, else KC_LEDGER, else `ledger.jsonl` in the user data folder
          (platformdirs, app name kc-tracker: ~/.local/share/kc-tracker on Linux,
          %LOCALAPPDATA%\\kc-tracker on Windows, ~/Library/Application Support/kc-tracker on macOS)
"""

import os
from pathlib import Path

APP_NAME = "kc-tracker"


def plan(option: Path | None) -> Path | None:
    """None means the bundled plan."""
    if option is not None:
        return option
    env = os.environ.get("KC_PLAN")
    return Path(env) if env else None


def ledger(option: Path | None) -> Path:
    if option is not None:
        return option
    env = os.environ.get("KC_LEDGER")
    if env:
        return Path(env)
    from platformdirs import user_data_path  # only the default location needs it

    return user_data_path(APP_NAME, appauthor=False) / "ledger.jsonl"
