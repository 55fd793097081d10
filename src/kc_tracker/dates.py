"""Dates as officers type them, "today", and reporting periods (quý III/2025, 6 tháng đầu năm 2025 …).

A date is read as ISO (2024-06-25) or day first (25/06/2024, 5/6/2024, 25-06-2024, 25.06.2024): never
month first, which a Vietnamese reader would never mean. The ledger, JSON and CSV keep ISO.
"""

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kc_tracker.errors import InputError
from kc_tracker.i18n import t

_ISO = re.compile(r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})")
_DAY_FIRST = re.compile(r"(?P<d>[0-9]{1,2})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates outside are typing slips, refused plainly


def parse_date(text: str, what: str = "--date") -> date:
    value = text.strip()
    match = _ISO.fullmatch(value) or _DAY_FIRST.fullmatch(value)
    if match is not None and FIRST_YEAR <= int(match["y"]) <= LAST_YEAR:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            pass
    raise InputError(t("date.invalid", text=text, what=what))


def today() -> date:
    override = os.environ.get("KC_TODAY")
    if override:
        return parse_date(override, what="KC_TODAY")
    return date.today()


ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: a year, a half, a quarter, a month, or any range of days (`code` is None)."""

    start: date
    end: date
    kind: str  # year | half | quarter | month | range
    code: str | None = None  # 2025, 2025-H1, 2025-Q3, 2025-06: what scripts and file names use

    @property
    def label(self) -> str:
        """As a report names it: "quý III/2025", "6 tháng đầu năm 2025", "năm 2025", "tháng 6/2025"."""
        year = self.start.year
        if self.kind == "year":
            return t("period.year", year=year)
        if self.kind == "half":
            return t("period.first_half" if self.start.month == 1 else "period.second_half", year=year)
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            return t("period.quarter", roman=ROMAN[quarter - 1], year=year)
        if self.kind == "month":
            return t("period.month", month=self.start.month, year=year)
        return t("period.range", start=self.start, end=self.end)


_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:-Q(?P<quarter>[1-4])|-H(?P<half>[12])|-(?P<month>[0-9]{2}))?")


def parse_period(text: str, what: str = "PERIOD") -> Period:
    """`2025`, `2025-H1`, `2025-Q3` or `2025-06`."""
    match = _PERIOD.fullmatch(text.strip().upper())
    if match is None or not FIRST_YEAR <= int(match["year"]) <= LAST_YEAR:
        raise InputError(t("period.invalid", text=text, what=what))
    year = int(match["year"])
    if match["quarter"]:
        first, last, kind = 3 * int(match["quarter"]) - 2, 3 * int(match["quarter"]), "quarter"
    elif match["half"]:
        first, last, kind = 6 * int(match["half"]) - 5, 6 * int(match["half"]), "half"
    elif match["month"]:
        first = last = int(match["month"])
        kind = "month"
        if not 1 <= first <= 12:
            raise InputError(t("period.invalid", text=text, what=what))
    else:
        first, last, kind = 1, 12, "year"
    end = date(year + last // 12, last % 12 + 1, 1) - timedelta(days=1)
    return Period(date(year, first, 1), end, kind, match.group(0))


def days_between(start: date, end: date) -> Period:
    return Period(start, end, "range")
