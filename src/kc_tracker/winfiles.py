"""What Windows does to files that POSIX does not: files another program holds open, and paths too long.

Windows refuses to open, replace or delete a file that another program holds open without sharing it:
Excel or Word with last month's workbook open, antivirus scanning a file just written, OneDrive syncing
it (a sharing violation). Most of these holds last a moment, so kc tries again briefly before it says
so, as SQLite's Windows layer does for antivirus. An OSError carries the Windows error code (`winerror`)
only on Windows: that is the platform check here.

A path longer than 260 characters (a folder deep in "OneDrive - Sở Công Thương\\…") is not found at all
unless long paths are enabled in Windows; kc says so rather than "does not exist".
"""

import errno
import os
import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

ACCESS_DENIED, SHARING_VIOLATION, LOCK_VIOLATION, FILENAME_TOO_LONG = 5, 32, 33, 206
# About a second in all, each wait longer than the last (SQLite's winRetryIoerr: 10 tries, 25 ms more
# each time). Tests set it to zeros.
WAITS = tuple(0.025 * n for n in range(1, 10))
MAX_PATH = 260  # characters, the terminating NUL included


def held_elsewhere(error: OSError, denied_too: bool = False) -> bool:
    """Is this Windows saying that another program holds the file? `denied_too`: "access denied" counts
    too, which is what replacing a file open in Excel gets (as does a file one may not write)."""
    code = getattr(error, "winerror", None)
    return code in (SHARING_VIOLATION, LOCK_VIOLATION) or (denied_too and code == ACCESS_DENIED)


def retried(action: Callable[[], T], denied_too: bool = False) -> T:
    """`action()`, tried again for about a second while another program holds the file; then its error."""
    for wait in WAITS:
        try:
            return action()
        except OSError as e:
            if not held_elsewhere(e, denied_too):
                raise
        time.sleep(wait)
    return action()


def path_too_long(error: OSError, said: str | os.PathLike[str] | None = None) -> int | None:
    """How long the path is, when this "not found" is Windows refusing a path past 260 characters (long
    paths not enabled); None for any other error. `said`: the path to give the length of, when the one
    refused is another made from it (a temporary file written beside an output)."""
    name = error.filename
    if sys.platform != "win32" or error.errno != errno.ENOENT or not isinstance(name, str | bytes | os.PathLike):
        return None
    length = len(os.path.abspath(os.fsdecode(name)))
    if getattr(error, "winerror", None) == FILENAME_TOO_LONG or (length >= MAX_PATH and not _long_paths_enabled()):
        return len(os.path.abspath(said)) if said is not None else length
    return None


def _long_paths_enabled() -> bool:
    """Windows 10 (1607) and later give Python long paths once this policy is set."""
    if sys.platform != "win32":
        return False
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SYSTEM\CurrentControlSet\Control\FileSystem") as key:
            return bool(winreg.QueryValueEx(key, "LongPathsEnabled")[0])
    except (ImportError, OSError):
        return False
