"""Amounts: text ⇄ integer đồng, exactly; percentages rounded half up to one decimal.

Money never passes through a float: numbers are parsed into integers of đồng with integer arithmetic
and formatted back from integers. A number is written in a convention — (thousands group, decimal
mark): ('.', ',') in Vietnamese, (',', '.') in English. What the officer types follows the active
language; a file's numbers follow the file (`kc import --decimal`). A decimal mark followed by exactly
three digits, where the other convention would read a thousands group (`1,250`), is refused with both
readings, never guessed.
"""

import re
import unicodedata

from kc_tracker.errors import InputError
from kc_tracker.i18n import number_marks, t

MILLION = 1_000_000
BILLION = 1_000_000_000
VIETNAMESE = (".", ",")
ENGLISH = (",", ".")

# Multipliers to đồng. An amount without a unit is in triệu đồng (the plan's own unit).
UNITS: dict[str, int] = {
    "đ": 1,
    "d": 1,
    "đồng": 1,
    "dong": 1,
    "vnd": 1,
    "vnđ": 1,
    "₫": 1,  # Excel's currency sign for the đồng
    "tr": MILLION,
    "trđ": MILLION,
    "trd": MILLION,
    "triệu": MILLION,
    "trieu": MILLION,
    "tỷ": BILLION,
    "tỉ": BILLION,
    "ty": BILLION,
}
UNITS_SHOWN = "đ, ₫, đồng, VNĐ, tr, trđ, triệu, tỷ"

# One triệu tỷ đồng: far above any budget line, and below 2**53 so that every amount survives a JSON
# reader that uses doubles (JavaScript, Excel).
MAX_VND = 10**15
MAX_DIGITS = 30

# A number, a unit, and digits after a unit of triệu or tỷ: `1tr2` is 1,2 triệu, `1tr250` 1,25 triệu.
_AMOUNT = re.compile(r"(?P<number>[0-9][0-9.,]*)\s*(?P<unit>[^\s0-9.,]*)(?:\s*(?P<tail>[0-9]+))?")


# "1.250 triệu đồng", "1,25 tỷ đồng": the unit, as one word.
_UNIT_WORDS = re.compile(r"(triệu|trieu|tỷ|tỉ|ty)\s+(?:đồng|dong)$", re.IGNORECASE)


def _number_pattern(group: str, decimal: str) -> re.Pattern[str]:
    g, d = re.escape(group), re.escape(decimal)
    return re.compile(rf"(?P<int>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}(?P<frac>[0-9]+))?")


def parse_number(text: str, marks: tuple[str, str] | None = None) -> tuple[int, int]:
    """A non-negative number written in a convention, as (numerator, denominator): `0,5` is (5, 10)."""
    group, decimal = marks or number_marks()
    pattern = _number_pattern(group, decimal)
    match = pattern.fullmatch(text)
    if match is None:
        message = t("number.invalid", text=text, group=group, decimal=decimal, example=example(group, decimal))
        swapped = text.translate(str.maketrans(group + decimal, decimal + group))
        if pattern.fullmatch(swapped):  # written in the other convention: say how it reads here
            message += t("number.did_you_mean", text=swapped)
        raise InputError(message)
    whole, frac = match["int"], match["frac"] or ""
    if len(frac) == 3 and group not in whole and len(whole) <= 3 and whole != "0":
        raise InputError(
            t(
                "number.ambiguous",
                text=text,
                decimal=f"{whole}{decimal}{frac.rstrip('0')}".rstrip(decimal),
                grouped=f"{whole}{group}{frac}",
            )
        )
    digits = whole.replace(group, "")
    if len(digits) + len(frac) > MAX_DIGITS:
        raise InputError(t("amount.too_large", text=text, max=format_vnd(MAX_VND)))
    return int(digits + frac), 10 ** len(frac)


def example(group: str, decimal: str) -> str:
    return f"14{group}750 {t('word.or')} 0{decimal}5"


def parse_amount(text: str, marks: tuple[str, str] | None = None, default_unit: int = MILLION) -> int:
    """An amount such as `14.750`, `0,5 tỷ`, `125.000.000đ` or `1tr250`, in integer đồng."""
    raw = _UNIT_WORDS.sub(r"\1", unicodedata.normalize("NFC", text).strip())
    if raw[:1] in ("-", "\N{MINUS SIGN}"):
        raise InputError(t("amount.negative", text=text))
    match = _AMOUNT.fullmatch(raw)
    if match is None:
        raise InputError(t("amount.invalid", text=text, units=UNITS_SHOWN))
    unit = match["unit"].casefold()
    if unit and unit not in UNITS:
        raise InputError(t("amount.unit", text=text, unit=match["unit"], units=UNITS_SHOWN))
    multiplier = UNITS[unit] if unit else default_unit
    numerator, denominator = parse_number(match["number"], marks)
    if match["tail"] is not None:  # 1tr250: the digits after the unit are its fraction
        if not unit or denominator != 1 or multiplier < MILLION:
            raise InputError(t("amount.invalid", text=text, units=UNITS_SHOWN))
        tail = match["tail"]
        numerator, denominator = numerator * 10 ** len(tail) + int(tail), 10 ** len(tail)
    scaled = numerator * multiplier
    if scaled % denominator:
        raise InputError(t("amount.fraction", text=text))
    vnd = scaled // denominator
    if vnd > MAX_VND:
        raise InputError(t("amount.too_large", text=text, max=format_vnd(MAX_VND)))
    return vnd


def parse_decimal(text: str, marks: tuple[str, str] | None = None, max_decimals: int = 9) -> str:
    """A non-negative value (an indicator's) as exact decimal text: `4.900,5` → `4900.5`."""
    raw = unicodedata.normalize("NFC", text).strip()
    if raw[:1] in ("-", "\N{MINUS SIGN}"):
        raise InputError(t("value.negative", text=text))
    numerator, denominator = parse_number(raw, marks)
    decimals = len(str(denominator)) - 1
    whole, frac = divmod(numerator, denominator)
    if decimals > max_decimals or whole >= 10**18:
        raise InputError(t("value.too_precise", text=text, decimals=max_decimals))
    return f"{whole}.{frac:0{decimals}d}".rstrip("0").rstrip(".") if decimals else str(whole)


def format_int(n: int) -> str:
    """`44500` → `44.500` (vi) or `44,500` (en)."""
    group, _ = number_marks()
    return f"{n:,}".replace(",", group)


def format_count(n: int | None) -> str:
    """A count, or `—` for a line that counts nothing."""
    return "—" if n is None else format_int(n)


def format_decimal(numerator: int, decimals: int) -> str:
    """An exact fixed-point number, trailing zeros dropped: (12345, 3) → `12,345` (vi)."""
    _, mark = number_marks()
    sign = "-" if numerator < 0 else ""
    whole, frac = divmod(abs(numerator), 10**decimals)
    digits = f"{frac:0{decimals}d}".rstrip("0") if decimals else ""
    return f"{sign}{format_int(whole)}{mark}{digits}" if digits else f"{sign}{format_int(whole)}"


def format_trieu(vnd: int) -> str:
    """Đồng shown in triệu đồng, exactly: 14_750_000_000 → `14.750`; 500_000 → `0,5`."""
    return format_decimal(vnd, 6)


def format_vnd(vnd: int) -> str:
    return f"{format_int(vnd)} đ"


def format_decimal_text(value: str) -> str:
    """Exact decimal text (`4900.5`, as stored) in the active convention: `4.900,5` (vi)."""
    whole, _, frac = value.partition(".")
    return format_decimal(int(whole + frac), len(frac))


def percent(part: int, whole: int) -> float | None:
    """part/whole in percent, rounded half up to one decimal with integer arithmetic; None when whole is 0."""
    if whole <= 0:
        return None
    return ((2000 * part + whole) // (2 * whole)) / 10


def format_pct(pct: float | None) -> str:
    """One decimal everywhere, no space before the sign: `4,0%`, `85,7%`; `—` when there is none. Never
    negative: what a percentage divides (money spent, a count done, days elapsed, a value) is never below 0."""
    if pct is None:
        return "—"
    whole, tenth = divmod(round(pct * 10), 10)
    _, mark = number_marks()
    return f"{format_int(whole)}{mark}{tenth}%"
