"""Made for a Vietnamese office: what officers type, paste, import and forward.

Files are built the way Excel on Vietnamese Windows writes them (`;` lists, decimal commas, BOM, CRLF,
dd/mm/yyyy); the exported workbook is read back as a spreadsheet program would print it.
"""

import re
import tomllib
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import Kc, line_of, write_csv


@pytest.fixture(autouse=True)
def september(monkeypatch: pytest.MonkeyPatch) -> None:
    """The units' August figures are recorded in September: no date here is after today."""
    monkeypatch.setenv("KC_TODAY", "2024-09-26")


def entries(kc: Kc, *args: str) -> list[dict]:
    return kc.json("log", "--format", "json", *args)


# --- files as Vietnamese Excel writes them --------------------------------------------------------


def test_a_semicolon_csv_with_decimal_commas_and_a_title_row_imports_exactly(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    rows = [
        ["BÁO CÁO THÁNG 8/2024 — Huyện Sa Pa, Bát Xát"],  # a title row, with a comma in it
        ["Ngày", "Nội dung", "Số tiền", "Số lượng", "Địa bàn", "Đơn vị thụ hưởng"],
        ["05/08/2024", "tu-van", "12,5", "5", "Sa Pa", "HTX Q"],
        ["6/8/2024", "4", "1.250", "2", "Bát Xát", "HTX Chè; Tả Phìn"],  # a `;` in a cell is quoted
    ]
    source = write_csv(isolated / "thang-8.csv", rows, sep=";", crlf=True)
    out = kc("import", str(source)).stdout
    assert "Đã nhập 2 hàng" in out
    got = [(e["date"], e["line"], e["amount_vnd"], e["count"], e["locality"], e["beneficiary"]) for e in entries(kc)]
    assert got == [
        ("2024-08-05", "tu-van", 12_500_000, 5, "Sa Pa", "HTX Q"),
        ("2024-08-06", "may-moc-thiet-bi", 1_250_000_000, 2, "Bát Xát", "HTX Chè; Tả Phìn"),
    ]
    assert '"date":"2024-08-05"' in ledger_path.read_text(encoding="utf-8")  # ISO in the ledger


def test_the_import_summary_names_only_what_it_skipped(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--date", "06/08/2024", "--ref", "T8-01")
    header = ["date", "line", "amount", "count", "ref"]
    rows = [header, ["2024-08-06", "4", "1.250", "2", "T8-01"], ["2024-08-07", "7", "30", "1", "T8-02"]]
    first = kc("import", str(write_csv(isolated / "a.csv", rows))).stdout.splitlines()[0]
    assert first == "Đã nhập 1 hàng; bỏ qua 1 hàng đã có."
    rows = [header, ["2024-08-09", "7", "30", "1", "T8-03"]]
    assert kc("import", str(write_csv(isolated / "b.csv", rows))).stdout.splitlines()[0] == "Đã nhập 1 hàng."


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_headers_are_known_in_any_case_and_without_diacritics(kc: Kc, isolated: Path, sep: str) -> None:
    rows = [["NGAY", "Noi dung", "so tien", "SO LUONG", "dia ban"], ["25/06/2024", "4", "3", "1", "Sa Pa"]]
    kc("import", str(write_csv(isolated / "khong-dau.csv", rows, sep=sep)))
    assert [(e["amount_vnd"], e["count"], e["locality"]) for e in entries(kc)] == [(3_000_000, 1, "Sa Pa")]


def test_an_unknown_header_is_named_with_the_headers_kc_knows(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    source = write_csv(isolated / "sai.csv", [["ngày", "nội dung", "sotien"], ["25/06/2024", "4", "3"]], sep=";")
    message = kc("import", str(source), code=1).stderr
    assert "“sotien”" in message and "“Số tiền (triệu đồng)”/amount" in message and "“số tiền”?" in message
    assert not ledger_path.exists()


def test_a_file_with_no_header_quotes_its_first_row_as_written(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "x.csv", [["Báo cáo THÁNG 8", "Huyện Sa Pa"], ["a", "b"]], sep=";")
    message = kc("import", str(source), code=1).stderr
    assert "“Báo cáo THÁNG 8;Huyện Sa Pa”" in message and "`Ngày`" in message


@pytest.mark.parametrize("typed", ["05/08/2024", "5/8/2024", "05-08-2024", "05.08.2024", "2024-08-05"])
def test_dates_are_read_day_first_and_kept_iso(kc: Kc, ledger_path: Path, typed: str) -> None:
    kc("record", "4", "--amount", "1", "--date", typed)
    assert entries(kc)[0]["date"] == "2024-08-05"
    assert kc.json("status", "--as-of", typed, "--format", "json")["as_of"] == "2024-08-05"


def test_a_month_first_date_is_never_guessed(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1", "--date", "2024-03-01")
    before = ledger_path.read_bytes()
    message = kc("record", "4", "--amount", "1", "--date", "08/13/2024", code=1).stderr
    assert "08/13/2024" in message and "ngày/tháng/năm" in message
    assert ledger_path.read_bytes() == before


def test_a_workbook_with_dates_as_text_and_as_dates(kc: Kc, isolated: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Nội dung", "Số tiền", "Số lượng"])
    sheet.append(["05/08/2024", 4, "12,5", 1])  # text typed into a Text cell
    sheet.append([datetime(2024, 8, 6), 4, 12.5, 1])  # a real date and number
    book.save(isolated / "thang-8.xlsx")
    kc("import", str(isolated / "thang-8.xlsx"))
    assert [(e["date"], e["amount_vnd"]) for e in entries(kc)] == [
        ("2024-08-05", 12_500_000),
        ("2024-08-06", 12_500_000),
    ]


# --- amounts as officers write them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "vnd"),
    [
        ("1.250", 1_250_000_000),
        ("0,5 tỷ", 500_000_000),
        ("1tr2", 1_200_000),
        ("1tr250", 1_250_000),
        ("250 trđ", 250_000_000),
        ("2 triệu", 2_000_000),
        ("3 tr", 3_000_000),
        ("1.500.000 VNĐ", 1_500_000),
        ("1.500.000 VND", 1_500_000),
        ("1.500.000 đồng", 1_500_000),
    ],
)
def test_amounts_in_the_units_officers_write(kc: Kc, typed: str, vnd: int) -> None:
    kc("record", "4", "--amount", typed)
    assert entries(kc)[0]["amount_vnd"] == vnd


def test_a_comma_before_three_digits_is_refused_with_both_readings(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1", "--ref", "seed")
    before = ledger_path.read_bytes()
    message = kc("record", "4", "--amount", "1,250", code=1).stderr
    assert "1,25" in message and "1.250" in message
    assert ledger_path.read_bytes() == before


def test_a_count_only_record_needs_no_amount_and_says_no_money(kc: Kc) -> None:
    said = kc("record", "4", "--count", "2").stdout.splitlines()[0]
    assert "thực hiện 2 cơ sở" in said and "giải ngân" not in said
    assert line_of(kc.json("status", "--format", "json"), "may-moc-thiet-bi")["done_count"] == 2
    assert "--amount" in kc("record", "4", code=2).stderr  # neither: refused, naming both options


# --- the workbook an officer forwards -------------------------------------------------------------

ENGLISH_WORDS = re.compile(
    r"\b(behind|ahead|on track|year|quarter|locality|source|total|true|false|line|amount|count|budget|spent|"
    r"voided|date|note|yes|no)\b",
    re.IGNORECASE,
)


@pytest.fixture
def forwarded(kc: Kc, isolated: Path) -> Path:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--date", "05/01/2024", "--locality", "Bát Xát")
    kc("record", "6", "--amount", "35", "--count", "1", "--date", "20/03/2024", "--source", "dia-phuong")
    voided = kc.json("record", "10", "--amount", "0,5", "--format", "json")
    kc("void", voided["id"], "--reason", "ghi nhầm")
    out = isolated / "bao-cao.xlsx"
    kc("export", "--by", "year", "--output", str(out))
    return out


def test_the_workbook_prints_on_a4_landscape_one_page_wide_with_headers_repeated(forwarded: Path) -> None:
    book = load_workbook(forwarded)
    for sheet in book.worksheets:
        if sheet.sheet_state == "hidden":
            continue
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title
        fit = (setup.fitToWidth or 1, setup.fitToHeight)  # fitToWidth left out means 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and fit == (1, 0), sheet.title
    assert book["Tổng hợp"].print_title_rows and book["Bút toán"].print_title_rows
    with zipfile.ZipFile(forwarded) as archive:
        chartsheet = next(n for n in archive.namelist() if n.startswith("xl/chartsheets/sheet"))
        setup_xml = archive.read(chartsheet).decode()
        chart_xml = archive.read(next(n for n in archive.namelist() if n.startswith("xl/charts/chart"))).decode()
    assert 'orientation="landscape"' in setup_xml and 'paperSize="9"' in setup_xml  # the chart: one page
    assert 'formatCode="#,##0,,"' in chart_xml  # its axis in triệu đồng, not 16000000000


def test_the_first_sheet_has_title_as_of_unit_and_money_shown_in_trieu(forwarded: Path) -> None:
    summary = load_workbook(forwarded)["Tổng hợp"]
    assert summary["A1"].value.startswith("Kế hoạch khuyến công")
    assert summary["A2"].value == "Tính đến ngày 26/09/2024" and summary["A3"].value == "Đơn vị tính: triệu đồng"
    numbers = [  # after the row number (STT)
        cell for row in summary.iter_rows(min_row=5, min_col=2) for cell in row if isinstance(cell.value, int | float)
    ]
    money = [cell for cell in numbers if abs(cell.value) >= 1_000_000]
    assert money and all(cell.number_format == "#,##0,," for cell in money)  # exact đồng, shown as 14.750
    assert all(cell.number_format != "General" for cell in numbers)
    assert {cell.number_format for cell in numbers if isinstance(cell.value, float)} <= {"0.0%", '0.0"%"', "0.0"}


def plan_names(kc: Kc) -> list[str]:
    plan = tomllib.loads(kc("plan", "show", "--format", "toml").stdout)
    return [plan["plan"]["title"]] + [line["name"] for line in plan["lines"]]


def test_names_are_whole_in_a_wide_wrapped_column(kc: Kc, forwarded: Path) -> None:
    summary = load_workbook(forwarded)["Tổng hợp"]
    name_cells = [row[1] for row in summary.iter_rows(min_row=5, max_row=14)]
    assert [cell.value for cell in name_cells] == plan_names(kc)[1:]
    assert all(cell.alignment.wrap_text for cell in name_cells)
    assert summary.column_dimensions["B"].width >= 30


def test_every_word_is_vietnamese_and_dates_are_dates(kc: Kc, forwarded: Path) -> None:
    book = load_workbook(forwarded)
    names = set(plan_names(kc))  # the plan's own words
    texts = [
        (sheet.title, cell.value)
        for sheet in book.worksheets
        if sheet.title != "Thông tin"  # its values are the ledger's own codes and file paths
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value not in names
    ]
    english = [
        (title, text) for title, text in texts if ENGLISH_WORDS.search(text) and not re.fullmatch(r"[a-z0-9-]+", text)
    ]
    assert english == []
    values = {text for _, text in texts}
    assert {"Có", "Không"} <= values and "Năm" in values
    assert any("chậm" in text or "đúng tiến độ" in text or "vượt" in text for text in values)  # the pace, in words
    entries_sheet = book["Bút toán"]
    header = [cell.value for cell in entries_sheet[3]]
    day = entries_sheet.cell(row=4, column=header.index("Ngày") + 1)
    assert isinstance(day.value, datetime) and day.value.date() == date(2024, 1, 5)
    assert day.number_format == "dd/mm/yyyy"


def test_the_entries_sheet_imports_back_with_identical_totals(kc: Kc, forwarded: Path, isolated: Path) -> None:
    other = isolated / "other" / "ledger.jsonl"
    result = kc.json("import", str(forwarded), "--sheet", "Bút toán", "--ledger", str(other), "--format", "json")
    assert result["added"] == 2 and result["skipped_voided"] == 1
    original = kc.json("status", "--format", "json")
    copy = kc.json("status", "--format", "json", "--ledger", str(other))
    assert copy["totals"] == original["totals"] and copy["lines"] == original["lines"]


# --- the terminal -------------------------------------------------------------------------------


def test_status_at_80_columns_tells_the_ten_lines_apart(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    kc("record", "4", "--amount", "12.345,678", "--count", "3", "--locality", "Xã Bản Vược, huyện Bát Xát")
    plan = tomllib.loads(kc("plan", "show", "--format", "toml").stdout)
    out = kc("status").stdout
    assert max(len(row) for row in out.splitlines()) <= 80
    rows = [row for row in out.splitlines() if re.match(r"\s*\d+\s{2,}\S", row)][:10]
    labels = [re.split(r"\s{2,}", row.strip())[1] for row in rows]
    assert len(set(labels)) == 10
    for label, line in zip(labels, plan["lines"], strict=True):
        assert label in (line["name"], line.get("short_name"), line["id"])  # whole, never cut mid-word
    assert "12.345,678" in out or "12.346" in out


def test_log_at_80_columns_wraps_the_widest_text_only(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    note = "máy sao chè " * 12
    entry = kc.json("record", "4", "--amount", "1", "--note", note, "--beneficiary", "HTX Chè Tả Phìn",
                    "--format", "json")  # fmt: skip
    out = kc("log").stdout
    assert max(len(row) for row in out.splitlines()) <= 80
    assert entry["id"] in out and "HTX Chè Tả Phìn" in out
    words = out.split()
    assert (words.count("máy"), words.count("sao"), words.count("chè")) == (12, 12, 12)  # wrapped, none cut


# --- help and usage errors follow KC_LANG -------------------------------------------------------

COMMANDS = [["status"], ["record"], ["import"], ["export"], ["log"], ["report"], ["plan", "use"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_follows_the_language_with_metavars_as_words(
    kc: Kc, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    vi = kc(*command, "--help").stdout
    monkeypatch.setenv("KC_LANG", "en")
    en = kc(*command, "--help").stdout
    assert vi != en
    assert vi.startswith("Cách dùng: kc") and "Tùy chọn:" in vi and "Show this message" not in vi
    assert en.startswith("Usage: kc") and "Options:" in en
    for text in (vi, en):
        assert not re.search(r"<[a-z]|list\[|float range|integer range|\bPATH\b", text), text
    if command == ["status"]:
        assert "--as-of NGÀY" in vi and "--as-of DATE" in en and "--ledger TỆP" in vi and "--ledger FILE" in en
    if command == ["record"]:
        assert "--locality ĐỊA_BÀN" in vi and "--beneficiary TÊN" in vi and "--locality PLACE" in en


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["stauts"],
            "không có lệnh “stauts”. Có phải là: status?",
            "there is no command “stauts”. did you mean: status?",
        ),
        (["record", "4", "--count", "x"], "giá trị của --count không hợp lệ", "invalid value for --count"),
        (["measure", "gia-tri-san-xuat", "--value", "1"], "thiếu --year", "--year is missing"),
        (["status", "--bogus"], "không có tùy chọn --bogus", "there is no option --bogus"),
    ],
)
def test_usage_errors_follow_the_language(
    kc: Kc, monkeypatch: pytest.MonkeyPatch, args: list[str], vi: str, en: str
) -> None:
    message = kc(*args, code=2).stderr
    assert vi in message and "Cách dùng:" in message and "Usage" not in message
    monkeypatch.setenv("KC_LANG", "en")
    assert en in kc(*args, code=2).stderr.casefold()


# --- wording ----------------------------------------------------------------------------------


def test_an_import_refusal_names_the_column_not_an_option(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "cu.csv", [["Ngày", "Nội dung", "Số tiền"], ["05/08/2019", "4", "1"]], sep=";")
    message = kc("import", str(source), code=1).stderr
    assert "cột “Ngày”" in message and "--allow-outside-period" in message and "--date" not in message


def test_an_import_summary_gives_no_count_no_row_gave(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "tien.csv", [["Ngày", "Nội dung", "Số tiền"], ["05/08/2024", "4", "3"]], sep=";")
    out = kc("import", str(source)).stdout
    assert "giải ngân 3 triệu đồng" in out and "cơ sở" not in out
    counted = write_csv(isolated / "sl.csv", [["Ngày", "Nội dung", "Số lượng"], ["05/08/2024", "4", "2"]], sep=";")
    assert "thực hiện 2 cơ sở" in kc("import", str(counted)).stdout


def test_measure_says_its_unit(kc: Kc) -> None:
    out = kc("measure", "gia-tri-san-xuat", "--year", "2024", "--value", "4.900").stdout
    assert "4.900 tỷ đồng" in out


def test_the_plans_last_day_is_the_final_report_as_after_the_end(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    last_day = kc("status", "--as-of", "31/12/2025").stdout
    assert "Báo cáo tổng kết" in last_day
    assert "Báo cáo tổng kết" not in kc("status", "--as-of", "30/12/2025").stdout
    monkeypatch.setenv("KC_TODAY", "2026-03-01")
    assert "Báo cáo tổng kết" in kc("status").stdout
