"""Amounts: text ⇄ integer đồng, in the active language's number convention.

Money never passes through a float: numbers are parsed into integers of đồng with
integer arithmetic, and formatted back from integers.
"""

import re
import unicodedata

from kc_tracker.errors import InputError
from kc_tracker.i18n import number_marks, t

MILLION = 1_000_000
BILLION = 1_000_000_000

# Multipliers to đồng. `--amount` without a unit is in triệu đồng (the plan's own unit).
UNITS: dict[str, int] = {
    "đ": 1,
    "d": 1,
    "đồng": 1,
    "dong": 1,
    "vnd": 1,
    "tr": MILLION,
    "triệu": MILLION,
    "trieu": MILLION,
    "tỷ": BILLION,
    "tỉ": BILLION,
    "ty": BILLION,
}

# One triệu tỷ đồng: far above any budget line, and below 2**53 so that every
# amount survives a JSON reader that uses doubles (JavaScript, Excel).
MAX_VND = 10**15

_AMOUNT = re.compile(r"(?P<number>[0-9][0-9.,]*)\s*(?P<unit>[^\s0-9.,]*)")
_MAX_DIGITS = 30


def _number_pattern(group: str, decimal: str) -> re.Pattern[str]:
    g, d = re.escape(group), re.escape(decimal)
    return re.compile(rf"(?P<int>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}(?P<frac>[0-9]+))?")


def parse_number(text: str) -> tuple[int, int]:
    """Parse a non-negative number written in the active convention into (numerator, denominator).

    `14.750` under vi is 14750; `0,5` is (5, 10). A number that does not fit the convention
    (`1.5` under vi: a group of one digit) is refused rather than guessed.
    """
    group, decimal = number_marks()
    pattern = _number_pattern(group, decimal)
    match = pattern.fullmatch(text)
    if match is None:
        message = t("number.invalid", text=text, example=t("number.example"))
        swapped = text.translate(str.maketrans(".,", ",."))
        if pattern.fullmatch(swapped):  # written in the other convention: say how it reads here
            message += t("number.did_you_mean", text=swapped)
        raise InputError(message)
    int_digits = match["int"].replace(group, "")
    frac = match["frac"] or ""
    if len(int_digits) + len(frac) > _MAX_DIGITS:
        raise InputError(t("amount.too_large", text=text, max=format_vnd(MAX_VND)))
    return int(int_digits + frac), 10 ** len(frac)


def parse_amount(text: str, default_multiplier: int = MILLION) -> int:
    """Parse an amount such as `14.750`, `0,5 tỷ` or `125.000.000đ` into integer đồng."""
    raw = unicodedata.normalize("NFC", text).strip()
    if raw[:1] in ("-", "\N{MINUS SIGN}"):
        raise InputError(t("amount.negative", text=text))
    match = _AMOUNT.fullmatch(raw)
    if match is None:
        raise InputError(t("amount.invalid", text=text, example=t("amount.example")))
    unit = match["unit"].casefold()
    if unit and unit not in UNITS:
        raise InputError(t("amount.unit", text=text, unit=match["unit"], units="đ, tr, tỷ"))
    numerator, denominator = parse_number(match["number"])
    scaled = numerator * (UNITS[unit] if unit else default_multiplier)
    if scaled % denominator:
        raise InputError(t("amount.fraction", text=text))
    vnd = scaled // denominator
    if vnd > MAX_VND:
        raise InputError(t("amount.too_large", text=text, max=format_vnd(MAX_VND)))
    return vnd


def format_int(n: int) -> str:
    """`44500` → `44.500` (vi) or `44,500` (en)."""
    group, _ = number_marks()
    return f"{n:,}".replace(",", group)


def format_decimal(numerator: int, denominator_digits: int) -> str:
    """An exact fixed-point number, trailing zeros dropped: (12345, 3) → `12,345` (vi)."""
    _, decimal = number_marks()
    sign = "-" if numerator < 0 else ""
    whole, frac = divmod(abs(numerator), 10**denominator_digits)
    text = sign + format_int(whole)
    digits = f"{frac:0{denominator_digits}d}".rstrip("0")
    return f"{text}{decimal}{digits}" if digits else text


def format_trieu(vnd: int) -> str:
    """Đồng shown in triệu đồng, exactly: 14_750_000_000 → `14.750`; 500_000 → `0,5`."""
    return format_decimal(vnd, 6)


def format_vnd(vnd: int) -> str:
    return f"{format_int(vnd)} đ"


def format_pct(pct: float | None) -> str:
    if pct is None:
        return "—"
    return format_decimal(round(pct * 10), 1) + "%"


def percent(part: int, whole: int) -> float | None:
    """part/whole in percent, rounded half up to one decimal with integer arithmetic; None when whole is 0."""
    if whole <= 0:
        return None
    tenths = (2000 * part + whole) // (2 * whole)
    return tenths / 10


def format_decimal_text(value: str) -> str:
    """Exact decimal text (`4900.5`, as stored) in the active convention: `4.900,5` (vi)."""
    whole, _, frac = value.partition(".")
    return format_decimal(int(whole + frac), len(frac))
