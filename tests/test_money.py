"""Amounts and dates as officers type them, in both conventions; Hypothesis for the parsers."""

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kc_tracker.dates import parse_date
from kc_tracker.errors import InputError
from kc_tracker.money import MAX_VND, format_int, format_trieu, parse_amount, percent


@pytest.mark.parametrize(
    ("text", "vnd"),
    [
        ("14.750", 14_750_000_000),
        ("0,5", 500_000),
        ("125.000.000đ", 125_000_000),
        ("125.000.000 đồng", 125_000_000),
        ("125000000 VND", 125_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("2 TỶ", 2_000_000_000),
        ("2tỉ", 2_000_000_000),
        ("3 ty", 3_000_000_000),
        ("35tr", 35_000_000),
        ("35 Triệu", 35_000_000),
        ("35 trieu", 35_000_000),
        ("12 dong", 12),
        ("7d", 7),
        ("0", 0),
        ("0,000001", 1),
        ("270", 270_000_000),
    ],
)
def test_vietnamese_amounts(text: str, vnd: int) -> None:
    assert parse_amount(text) == vnd


@pytest.mark.parametrize(
    ("text", "vnd"),
    [("14,750", 14_750_000_000), ("0.5", 500_000), ("125,000,000 vnd", 125_000_000), ("1.5 ty", 1_500_000_000)],
)
def test_english_amounts(text: str, vnd: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    assert parse_amount(text) == vnd


@pytest.mark.parametrize(
    "text",
    ["1.5", "1.50", "14.75", "1,2,3", "1..000", ".5", "5,", "-5", "−5", "5 usd", "", " ", "1e6", "0,0000001",
     "1" + "0" * 40, "١٢", "１２", "5 tr tr", "nan", "∞"],
)  # fmt: skip
def test_refused_amounts(text: str) -> None:
    with pytest.raises(InputError):
        parse_amount(text)


def test_messages_show_how_to_write_it() -> None:
    with pytest.raises(InputError, match="Có phải là 1,5"):
        parse_amount("1.5")
    with pytest.raises(InputError, match=r"1,25 hoặc 1\.250"):  # a comma and three digits reads two ways
        parse_amount("1,250")


def test_formatting() -> None:
    assert format_int(44_500) == "44.500"
    assert format_trieu(14_750_000_000) == "14.750"
    assert format_trieu(500_000) == "0,5"
    assert format_trieu(12_345_678) == "12,345678"
    assert format_trieu(-2_000_000) == "-2"
    assert percent(1, 3) == 33.3 and percent(2, 3) == 66.7 and percent(1, 0) is None


@given(st.integers(min_value=0, max_value=MAX_VND))
def test_trieu_round_trip(vnd: int) -> None:
    for language in ("vi", "en"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("KC_LANG", language)
            text = format_trieu(vnd)
            whole, _, decimals = text.rpartition(",."[language == "en"]) if vnd % 1_000_000 else (text, "", "")
            if len(decimals) == 3 and whole not in ("", "0") and len(whole) <= 3:
                with pytest.raises(InputError):  # 1,234 could be 1.234: written so, it is refused, not guessed
                    parse_amount(text)
            else:
                assert parse_amount(text) == vnd
                assert parse_amount(text + "tr") == vnd
            assert parse_amount(format_int(vnd) + " đ") == vnd


@given(st.text(alphabet=string.printable + "đĐồỷỉệ٣−,.", max_size=30))
def test_any_text_is_parsed_or_refused_plainly(text: str) -> None:
    try:
        vnd = parse_amount(text)
    except InputError as e:
        assert str(e)
    else:
        assert 0 <= vnd <= MAX_VND


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day  # as Vietnamese people write it
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_refused(text: str) -> None:
    try:
        parse_date(text)
    except InputError:
        pass


@pytest.mark.parametrize(
    "text", ["2024-02-30", "2024-13-01", "20240101", "06/25/2024", "31/02/2024", "1899-01-01", "２０２４-01-01"]
)
def test_refused_dates(text: str) -> None:
    with pytest.raises(InputError):
        parse_date(text)
