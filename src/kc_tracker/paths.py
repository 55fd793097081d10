"""Where files live. Options beat the environment, which beats the defaults.

- data folder: KC_DATA_DIR, else the user data folder (platformdirs, app name kc-tracker:
  ~/.local/share/kc-tracker on Linux, %LOCALAPPDATA%\\kc-tracker on Windows,
  ~/Library/Application Support/kc-tracker on macOS). It holds the ledgers (`ledgers/<plan id>.jsonl`),
  the plans in use (`plans/<plan id>.toml`) and which of them is current (`current-plan`). The Microsoft
  Store's Python keeps what it writes there in a folder of its own (`store_python_data_dir`).
- cache folder: KC_CACHE_DIR, else the user cache folder: derived files only (validated plans).
- beside each ledger: its lock, its index and the torn bytes moved aside.
"""

import ntpath
import os
import re
import sys
import unicodedata
from pathlib import Path

APP_NAME = "kc-tracker"


def data_dir() -> Path:
    env = os.environ.get("KC_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path  # only the default location needs it

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    env = os.environ.get("KC_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


# The Microsoft Store's Python, found by where it is installed (sys.base_prefix, also in a venv made from it)
# or by the alias that starts it: `…\WindowsApps\PythonSoftwareFoundation.Python.3.11_3.11.2288.0_x64__qbz5n2kfra8p0`
# or `…\WindowsApps\PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0\python.exe`.
_STORE_PYTHON = re.compile(
    r"\\WindowsApps\\(PythonSoftwareFoundation\.Python\.[0-9.]+)_(?:[^\\]*__)?([a-z0-9]+)(?:\\|$)", re.IGNORECASE
)


def store_python_data_dir() -> str | None:
    """Where Windows really keeps the default data folder when kc runs on the Microsoft Store's Python, which
    redirects new files under %LOCALAPPDATA% into its own package folder (lost when Python is uninstalled,
    not where Explorer or a backup looks); None elsewhere, and when KC_DATA_DIR names the folder."""
    if sys.platform != "win32" or os.environ.get("KC_DATA_DIR"):
        return None
    found = _STORE_PYTHON.search(sys.base_prefix) or _STORE_PYTHON.search(sys.executable)
    local = os.environ.get("LOCALAPPDATA")
    if found is None or not local:
        return None
    package = f"{found[1]}_{found[2]}"  # the package family: PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0
    return ntpath.join(local, "Packages", package, "LocalCache", "Local", APP_NAME)


def plans_dir() -> Path:
    return data_dir() / "plans"


def current_plan_file() -> Path:
    return data_dir() / "current-plan"


def ledgers_dir() -> Path:
    return data_dir() / "ledgers"


def plan_ledger(plan_id: str) -> Path:
    return ledgers_dir() / f"{plan_id}.jsonl"


def legacy_ledger() -> Path:
    """Where every ledger lived before there was one per plan."""
    return data_dir() / "ledger.jsonl"


def same_file(a: Path, b: Path) -> bool:
    """One file under two names (a symlink, a second path); for paths that do not exist, the same path."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # compared as the file system compares names (without case on Windows)
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def names_fold_case() -> bool:
    """Do file names compare without case here? NTFS (Windows) and APFS (macOS, by default) do."""
    return sys.platform in ("win32", "darwin")


def name_key(name: str) -> str:
    """A file's name as the file system compares it: `bao-cao-t9.csv` is `BAO-CAO-T9.csv` on Windows."""
    text = unicodedata.normalize("NFC", name)
    return text.casefold() if names_fold_case() else text


def beside(ledger: Path, suffix: str) -> Path:
    return ledger.with_name(ledger.name + suffix)


def lock_path(ledger: Path) -> Path:
    return beside(ledger, ".lock")


def index_path(ledger: Path) -> Path:
    return beside(ledger, ".index")


def torn_path(ledger: Path) -> Path:
    return beside(ledger, ".torn")
