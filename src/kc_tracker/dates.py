"""Dates typed by the officer, and what "today" is (KC_TODAY overrides it for scripts and tests)."""

import os
import re
from datetime import date

from kc_tracker.errors import InputError
from kc_tracker.i18n import lang, t

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str, what: str = "--date") -> date:
    """Only YYYY-MM-DD: the one form that cannot be misread between vi (d/m) and en (m/d)."""
    value = text.strip()
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(t("date.invalid", text=text, what=what))


def today() -> date:
    override = os.environ.get("KC_TODAY")
    if override:
        return parse_date(override, what="KC_TODAY")
    return date.today()


def format_date(day: date | str) -> str:
    """A date as an officer reads it in tables and Markdown: 25/06/2024 under vi, 2024-06-25 under en.

    JSON, CSV, ledger lines and metadata keep ISO dates.
    """
    value = date.fromisoformat(day) if isinstance(day, str) else day
    return value.strftime("%d/%m/%Y") if lang() == "vi" else value.isoformat()
