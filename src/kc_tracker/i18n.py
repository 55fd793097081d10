"""The active language (KC_LANG=vi, the default, or en), its number marks, and `t`, which words a message.

Every message lives in `messages.py` in both languages; JSON keys, command names and ids stay ASCII.
A date given to `t` is shown as the language writes it (25/06/2024 in Vietnamese), so no message can
show an ISO date to a person by mistake.
"""

import errno
import os
from datetime import date, datetime, timedelta, timezone

from kc_tracker.winfiles import held_elsewhere, path_too_long

LANGS = ("vi", "en")
VIETNAM = timezone(timedelta(hours=7), "ICT")  # Vietnam has one time zone and no daylight saving


def lang() -> str:
    value = os.environ.get("KC_LANG", "vi").strip().lower()
    return value if value in LANGS else "vi"


def number_marks() -> tuple[str, str]:
    """(thousands group, decimal mark) of the language: vi writes 14.750 and 0,5; en writes 14,750 and 0.5."""
    return (".", ",") if lang() == "vi" else (",", ".")


def format_date(day: date) -> str:
    """A day as a person reads it: 25/06/2024 in Vietnamese, 2024-06-25 in English (never misread as m/d)."""
    return day.strftime("%d/%m/%Y") if lang() == "vi" else day.isoformat()


def format_time(moment: datetime) -> str:
    """A moment in Vietnam time, to the minute: 02/12/2026 23:27."""
    local = moment.astimezone(VIETNAM)
    return f"{format_date(local.date())} {local:%H:%M}"


def _shown(value: object) -> object:
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, date):
        return format_date(value)
    return value


def t(key: str, /, **params: object) -> str:
    from kc_tracker.messages import MESSAGES

    vi, en = MESSAGES[key]
    return (vi if lang() == "vi" else en).format(**{name: _shown(value) for name, value in params.items()})


_OS_CAUSES = {
    errno.ENOENT: "os.missing",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ENOSPC: "os.full",
    getattr(errno, "EDQUOT", -1): "os.full",  # not on Windows
    errno.EFBIG: "os.too_big",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EEXIST: "os.exists",
}


def os_reason(error: OSError, replacing: bool = False) -> str:
    """An operating-system error's cause in the active language, never the OS's own English text.
    `replacing`: the error of putting a file in place of another, where Windows says "access denied" for
    a file that Excel or Word has open."""
    if held_elsewhere(error):
        return t("os.in_use")
    if replacing and held_elsewhere(error, denied_too=True):
        return t("os.in_use_or_denied")
    length = path_too_long(error)
    if length is not None:
        return t("os.path_too_long", length=length)
    return t(_OS_CAUSES.get(error.errno or 0, "os.other"), code=error.errno or "?")
