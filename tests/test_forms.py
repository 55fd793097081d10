"""Forms for the units (`kc template`): what the workbook holds (validations, protection, locked cells, the
marker), and a form filled the way Excel stores a user's entries, imported back through the real CLI.

Today is 10/06/2025; the form's date is 25/06/2025 unless a test says otherwise.
"""

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .conftest import Kc, line_of

TRIEU = 1_000_000
FIRST = 6  # the first data row of a form (row 1 is the hidden marker, 2–4 the titles, 5 the headers)
COLUMNS = "ABCDEFGHIJKLMNO"
# The progress form's columns, by their letters.
CODE, NAME, LINE, BENEFICIARY, LOCALITY, SUPPORT, PAID = "B", "C", "D", "E", "F", "G", "H"
AMOUNT, KIND, PAID_ON, ACCEPTED, COUNT, SOURCE, NOTE = "I", "J", "K", "L", "M", "N", "O"


@pytest.fixture(autouse=True)
def june(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-06-10")


def approve(kc: Kc, code: str, line: str, support: str, beneficiary: str, **more: str) -> None:
    options = [item for key, value in more.items() for item in (f"--{key}", value)]
    kc("project", "add", code, "--line", line, "--name", f"Đề án {code}", "--beneficiary", beneficiary,
       "--support", support, "--decision", f"QĐ {code}", "--date", "01/03/2025", *options)  # fmt: skip


@pytest.fixture
def projects(kc: Kc) -> None:
    """Three open đề án: two of “HTX Chè Bảo Hà”'s (one carried out by the centre), one of a weaving unit."""
    approve(kc, "DA-01", "4", "150", "HTX Chè Bảo Hà", implementer="Trung tâm Khuyến công")
    approve(kc, "DA-02", "2", "300", "Cơ sở dệt Sa Pa")
    approve(kc, "DA-03", "4", "200,5", "HTX Chè Bảo Hà")
    kc("record", "--project", "DA-03", "--amount", "50", "--date", "05/05/2025", "--advance")


def make(kc: Kc, tmp_path: Path, *args: str, kind: str = "progress", name: str = "bieu-mau.xlsx") -> Path:
    path = tmp_path / name
    kc("template", kind, "--output", str(path), *args)
    return path


def data_sheet(book: Any) -> Worksheet:
    sheet = book.worksheets[1]
    assert isinstance(sheet, Worksheet)
    return sheet


def row_of(sheet: Worksheet, code: str) -> int:
    return next(row for row in range(FIRST, sheet.max_row + 1) if sheet[f"{CODE}{row}"].value == code)


def fill(path: Path, entries: dict[str, Any], out: Path | None = None) -> Path:
    """Cells typed as Excel stores them: numbers as numbers, dates as dates, list choices as their text.
    Keys are cells ("I6") or (code, column) pairs given as "DA-01:I"."""
    book = load_workbook(path)
    sheet = data_sheet(book)
    for key, value in entries.items():
        if ":" in key:
            code, column = key.split(":")
            key = f"{column}{row_of(sheet, code)}"
        sheet[key] = value
    target = out or path
    book.save(target)
    return target


def project(kc: Kc, code: str) -> dict[str, Any]:
    shown: dict[str, Any] = kc.json("project", "show", code, "--format", "json")
    return shown


def status(kc: Kc) -> dict[str, Any]:
    result: dict[str, Any] = kc.json("status", "--format", "json")
    return result


# --- what the form holds ---------------------------------------------------------------------------


def test_the_progress_form_is_marked_protected_and_prefilled_with_the_open_de_an(
    kc: Kc, tmp_path: Path, projects: None
) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    book = load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "Báo cáo tiến độ"]
    sheet = data_sheet(book)
    marker = str(sheet["A1"].value)
    assert marker.startswith("kc-form;v=1;plan=lao-cai-2021-2025;kind=progress;date=2025-06-25;id=")
    assert sheet.row_dimensions[1].hidden
    assert sheet.protection.sheet and not sheet.protection.password
    assert [sheet[f"{column}5"].value for column in "BGIL"] == [
        "Mã đề án", "Kinh phí hỗ trợ được duyệt", "Giải ngân trong kỳ (triệu đồng)", "Ngày nghiệm thu"]  # fmt: skip
    row = row_of(sheet, "DA-03")
    assert [sheet[f"{column}{row}"].value for column in (NAME, LINE, BENEFICIARY, SUPPORT, PAID)] == [
        "Đề án DA-03", "4. Máy móc thiết bị", "HTX Chè Bảo Hà", 200.5, 50]  # fmt: skip
    for column in "ABCDEFGH":
        assert sheet[f"{column}{row}"].protection.locked, column
    for column in "IJKLMNO":
        assert not sheet[f"{column}{row}"].protection.locked, column
    copy = json.loads(str(sheet.cell(row, 16).value))
    assert copy == {"project": "DA-03", "name": "Đề án DA-03", "line": "4. Máy móc thiết bị",
                    "beneficiary": "HTX Chè Bảo Hà", "locality": "", "support": 200.5, "paid": 50}  # fmt: skip
    assert sheet.column_dimensions["P"].hidden
    codes = [sheet[f"{CODE}{r}"].value for r in range(FIRST, FIRST + 3)]
    assert codes == ["DA-01", "DA-02", "DA-03"]
    free = FIRST + 3
    assert sheet[f"{CODE}{free}"].value is None and not sheet[f"{LINE}{free}"].protection.locked
    assert sheet[f"{NAME}{free}"].protection.locked  # nothing to fill there
    assert sheet.max_row == FIRST + 3 + 50 - 1


def _validations(sheet: Worksheet) -> dict[str, Any]:
    """Each validated column's validation, by the column's letter (every one spans whole columns of rows)."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            found[f"{get_column_letter(cells.min_col)}:{cells.min_row}"] = validation
    return found


def _list(sheet: Worksheet, source: str) -> list[str]:
    cells = sheet[source.replace("$", "")]
    return [str(row[0].value) for row in cells]


def test_the_progress_forms_cells_take_only_what_the_import_reads(kc: Kc, tmp_path: Path, projects: None) -> None:
    sheet = data_sheet(load_workbook(make(kc, tmp_path, "--as-of", "25/06/2025")))
    rules = _validations(sheet)
    amount = rules[f"I:{FIRST}"]
    assert (amount.type, amount.formula1, float(amount.formula2)) == ("decimal", "0", 44_500.0)
    assert "triệu đồng" in amount.prompt and "bằng đồng" in amount.error
    for column in "KL":
        day = rules[f"{column}:{FIRST}"]
        assert day.type == "date" and day.operator in (None, "between")
        first, last = (date(1899, 12, 30).toordinal() + int(v) for v in (day.formula1, day.formula2))
        assert (date.fromordinal(first), date.fromordinal(last)) == (date(2021, 1, 1), date(2025, 6, 25))
        assert "01/01/2021" in day.error and "25/06/2025" in day.error
    count = rules[f"M:{FIRST}"]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert _list(sheet, rules[f"J:{FIRST}"].formula1) == ["Tạm ứng", "Thanh toán"]
    assert _list(sheet, rules[f"N:{FIRST}"].formula1) == ["Khuyến công quốc gia", "Khuyến công địa phương"]
    lines = _list(sheet, rules[f"D:{FIRST + 3}"].formula1)  # the free rows' line
    assert lines[0] == "1. Thành lập doanh nghiệp" and lines[3] == "4. Máy móc thiết bị" and len(lines) == 10
    assert f"D:{FIRST}" not in rules  # a prefilled row's line is locked, not chosen


def test_the_instructions_say_what_to_fill_by_when_and_to_whom(kc: Kc, tmp_path: Path, projects: None) -> None:
    guide = load_workbook(make(kc, tmp_path, "--as-of", "25/06/2025"))["Hướng dẫn"]
    text = "\n".join(str(cell.value) for cell in guide["A"] if cell.value)
    assert "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI" in text  # the plan's [report] agency
    assert "25/06/2025" in text and "Thông tư 36/2013/TT-BCT" in text and "triệu đồng" in text


def test_a_unit_gets_the_de_an_it_carries_out_or_benefits_from(kc: Kc, tmp_path: Path, projects: None) -> None:
    result = kc("template", "progress", "--output", str(tmp_path / "a.xlsx"), "--unit", "htx chè  bảo hà")
    assert "2 đề án điền sẵn" in result.stderr
    sheet = data_sheet(load_workbook(tmp_path / "a.xlsx"))
    assert [sheet[f"{CODE}{r}"].value for r in (FIRST, FIRST + 1, FIRST + 2)] == ["DA-01", "DA-03", None]
    kc("template", "progress", "--output", str(tmp_path / "b.xlsx"), "--unit", "Trung tâm khuyến công")
    sheet = data_sheet(load_workbook(tmp_path / "b.xlsx"))
    assert [sheet[f"{CODE}{r}"].value for r in (FIRST, FIRST + 1)] == ["DA-01", None]
    assert sheet["C4"].value == "Trung tâm khuyến công"  # the unit's name, where the unit may correct it
    typed = kc("template", "progress", "--output", str(tmp_path / "c.xlsx"), "--unit", "HTX Che Bao Ha")  # no marks
    assert "2 đề án điền sẵn" in typed.stderr


def test_a_unit_named_as_written_is_not_taken_for_one_that_differs_only_in_its_marks(kc: Kc, tmp_path: Path) -> None:
    approve(kc, "DA-01", "4", "150", "HTX Hà")
    approve(kc, "DA-02", "4", "150", "HTX Hạ")
    exact = kc("template", "progress", "--output", str(tmp_path / "a.xlsx"), "--unit", "htx hà")
    assert "1 đề án điền sẵn" in exact.stderr
    assert data_sheet(load_workbook(tmp_path / "a.xlsx"))[f"{CODE}{FIRST}"].value == "DA-01"
    refused = kc("template", "progress", "--output", str(tmp_path / "b.xlsx"), "--unit", "HTX Ha", code=1).stderr
    assert "“HTX Hà”, “HTX Hạ”" in refused and not (tmp_path / "b.xlsx").exists()


def test_closed_de_an_are_not_on_the_form_and_paid_is_as_of_its_date(kc: Kc, tmp_path: Path, projects: None) -> None:
    kc("project", "stop", "DA-02", "--date", "02/04/2025", "--reason", "không thực hiện")
    kc("record", "--project", "DA-03", "--amount", "20", "--date", "06/06/2025")
    sheet = data_sheet(load_workbook(make(kc, tmp_path, "--as-of", "31/05/2025")))
    assert [sheet[f"{CODE}{r}"].value for r in (FIRST, FIRST + 1, FIRST + 2)] == ["DA-01", "DA-03", None]
    assert sheet[f"{PAID}{FIRST + 1}"].value == 50  # the 20 of 06/06 is after the form's date


def test_the_default_date_is_the_coming_25th(kc: Kc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "date=2025-06-25;" in str(data_sheet(load_workbook(make(kc, tmp_path)))["A1"].value)
    monkeypatch.setenv("KC_TODAY", "2025-06-26")
    assert "date=2025-07-25;" in str(data_sheet(load_workbook(make(kc, tmp_path, name="b.xlsx")))["A1"].value)


def test_a_form_is_an_xlsx_file(kc: Kc, tmp_path: Path) -> None:
    result = kc("template", "progress", "--output", str(tmp_path / "bieu-mau.csv"), code=1)
    assert ".xlsx" in result.stderr and not (tmp_path / "bieu-mau.csv").exists()


# --- a filled form, imported -------------------------------------------------------------------------


def filled(kc: Kc, tmp_path: Path) -> Path:
    """An advance on DA-01; DA-02 paid and accepted; a free row on line 8; nothing on DA-03."""
    return fill(make(kc, tmp_path, "--as-of", "25/06/2025"), {
        "DA-01:I": 100, "DA-01:J": "Tạm ứng", "DA-01:K": datetime(2025, 4, 10),
        "DA-02:I": 120, "DA-02:J": "Thanh toán", "DA-02:K": datetime(2025, 5, 20), "DA-02:L": datetime(2025, 5, 12),
        "DA-02:M": 1, "DA-02:O": "Biên bản nghiệm thu số 7",
        f"D{FIRST + 3}": "8. Thông tin tuyên truyền", f"I{FIRST + 3}": 25.5, f"K{FIRST + 3}": datetime(2025, 6, 2),
        f"N{FIRST + 3}": "Khuyến công địa phương", f"O{FIRST + 3}": "Phóng sự",
    })  # fmt: skip


def test_a_filled_form_pays_advances_and_accepts_under_the_rules(kc: Kc, tmp_path: Path, projects: None) -> None:
    before = status(kc)
    result = kc("import", str(filled(kc, tmp_path)))
    assert "Đã nhập 3 hàng." in result.stdout and "Nghiệm thu 1 đề án." in result.stdout
    first, second = project(kc, "DA-01"), project(kc, "DA-02")
    assert (first["paid_vnd"], first["advanced_vnd"], first["state"]) == (100 * TRIEU, 100 * TRIEU, "approved")
    assert (second["paid_vnd"], second["advanced_vnd"], second["state"]) == (120 * TRIEU, 0, "accepted")
    assert second["accepted"] == "2025-05-12"
    after = status(kc)
    media = line_of(after, "thong-tin-tuyen-truyen")
    assert media["spent_vnd"] - line_of(before, "thong-tin-tuyen-truyen")["spent_vnd"] == 25_500_000
    assert line_of(after, "mo-hinh-trinh-dien")["done_count"] == line_of(before, "mo-hinh-trinh-dien")["done_count"] + 1
    assert after["totals"]["spent_vnd"] - before["totals"]["spent_vnd"] == (100 + 120 + 25.5) * TRIEU
    log = kc.json("export", "--entries", "--format", "json")["entries"]
    free = next(entry for entry in log if entry["line"] == "thong-tin-tuyen-truyen")
    assert (free["source"], free["note"], free["date"]) == ("dia-phuong", "Phóng sự", "2025-06-02")


def test_the_same_form_imported_twice_adds_nothing_whatever_its_name_or_saves(
    kc: Kc, tmp_path: Path, projects: None
) -> None:
    path = filled(kc, tmp_path)
    kc("import", str(path))
    once = status(kc)
    again = kc.json("import", str(path), "--format", "json")
    assert again["added"] == 0 and again["same_file"] is not None
    resaved = tmp_path / "bao-cao (1).xlsx"
    load_workbook(path).save(resaved)  # saved again: other bytes, another name
    assert resaved.read_bytes() != path.read_bytes()
    result = kc.json("import", str(resaved), "--format", "json")
    assert (result["added"], result["accepted"], result["known"]) == (0, 0, 3)
    assert status(kc)["totals"] == once["totals"]


def test_sorted_rows_import_the_same_entries(kc: Kc, tmp_path: Path, projects: None) -> None:
    """A unit that unprotects the sheet and sorts its rows by name: the locked copies stay where they were."""
    path = filled(kc, tmp_path)
    book = load_workbook(path)
    sheet = data_sheet(book)
    rows = [[sheet[f"{c}{r}"].value for c in COLUMNS] for r in range(FIRST, FIRST + 4)]
    for offset, values in enumerate(reversed(rows)):
        for column, value in zip(COLUMNS, values, strict=True):
            sheet[f"{column}{FIRST + offset}"] = value
    book.save(tmp_path / "sorted.xlsx")
    kc("import", str(path))
    result = kc.json("import", str(tmp_path / "sorted.xlsx"), "--format", "json")
    assert (result["added"], result["known"]) == (0, 3)


def test_replace_takes_the_corrected_form_instead(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    kc("import", str(path))
    fill(path, {"DA-01:I": 90})
    result = kc.json("import", str(path), "--replace", "--format", "json")
    assert (result["replaced"], result["added"]) == (1, 1)
    assert project(kc, "DA-01")["paid_vnd"] == 90 * TRIEU
    assert project(kc, "DA-02")["paid_vnd"] == 120 * TRIEU  # carried unchanged: not voided, not added


def test_two_payments_of_one_de_an_in_one_form_both_count(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    free = FIRST + 3
    fill(path, {"DA-03:I": 30, "DA-03:K": datetime(2025, 6, 1),
                f"B{free}": "DA-03", f"I{free}": 30, f"K{free}": datetime(2025, 6, 1)})  # fmt: skip
    kc("import", str(path))
    assert project(kc, "DA-03")["paid_vnd"] == (50 + 30 + 30) * TRIEU


def test_an_advance_and_the_acceptance_in_one_row_go_in_date_order(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = fill(make(kc, tmp_path, "--as-of", "25/06/2025"), {
        "DA-01:I": 50, "DA-01:J": "Tạm ứng", "DA-01:K": datetime(2025, 5, 2), "DA-01:L": datetime(2025, 5, 30),
    })  # fmt: skip
    kc("import", str(path))
    shown = project(kc, "DA-01")
    assert (shown["advanced_vnd"], shown["accepted"]) == (50 * TRIEU, "2025-05-30")
    late = fill(make(kc, tmp_path, "--as-of", "25/06/2025", name="late.xlsx"), {
        "DA-03:I": 10, "DA-03:J": "Tạm ứng", "DA-03:K": datetime(2025, 6, 9), "DA-03:L": datetime(2025, 6, 1),
    })  # fmt: skip
    result = kc("import", str(late), code=1)
    assert "DA-03" in result.stderr and "01/06/2025" in result.stderr  # an advance after the acceptance


def test_prefilled_rows_with_nothing_entered_are_skipped(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = fill(make(kc, tmp_path, "--as-of", "25/06/2025"), {"DA-02:L": datetime(2025, 6, 3)})
    result = kc.json("import", str(path), "--format", "json")
    assert (result["added"], result["accepted"]) == (0, 1)
    assert project(kc, "DA-02")["state"] == "accepted" and project(kc, "DA-01")["state"] == "approved"


def test_the_form_is_found_beside_the_units_own_sheets(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    book = load_workbook(path)
    own = book.create_sheet("Sổ của đơn vị")  # a sheet kc's import could read on its own
    own.append(["Ngày", "Nội dung", "Số tiền (triệu đồng)"])
    own.append([datetime(2025, 6, 1), "4", 999])
    book.save(path)
    result = kc("import", str(path))
    assert "Trang tính đã nhập: Báo cáo tiến độ." in result.stdout
    assert project(kc, "DA-01")["paid_vnd"] == 100 * TRIEU


def test_a_copied_sheet_is_chosen_by_name(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    book = load_workbook(path)
    book.copy_worksheet(data_sheet(book))
    book.save(path)
    result = kc("import", str(path), code=1)
    assert "Báo cáo tiến độ" in result.stderr and "--sheet" in result.stderr
    kc("import", str(path), "--sheet", "Báo cáo tiến độ")
    assert project(kc, "DA-02")["paid_vnd"] == 120 * TRIEU


# --- refusals, each naming the cell ---------------------------------------------------------------------


def refused(kc: Kc, path: Path, *args: str) -> str:
    before = status(kc)
    result = kc("import", str(path), *args, code=1)
    assert status(kc) == before
    message: str = result.stderr
    return message


def test_a_form_of_another_plan_is_refused_naming_its_marker(
    kc: Kc, tmp_path: Path, projects: None, plan_path: Path
) -> None:
    path = filled(kc, tmp_path)
    other = tmp_path / "other.toml"
    other.write_text(plan_path.read_text(encoding="utf-8").replace('id = "lao-cai-2021-2025"', 'id = "khac"', 1),
                     encoding="utf-8")  # fmt: skip
    result = kc("import", str(path), "--plan", str(other), "--ledger", str(tmp_path / "khac.jsonl"), code=1)
    assert "A1" in result.stderr and "lao-cai-2021-2025" in result.stderr and "khac" in result.stderr


def test_an_edited_locked_cell_is_refused_naming_it(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    row = row_of(data_sheet(load_workbook(path)), "DA-02")
    fill(path, {f"G{row}": 400})
    message = refused(kc, path)
    assert f"G{row}" in message and "400" in message and "300" in message and "DA-02" in message
    fill(path, {f"G{row}": 300, f"C{row}": "Tên khác"})
    assert f"C{row}" in refused(kc, path)


def test_dates_outside_the_period_or_after_the_form_are_refused_naming_the_cell(
    kc: Kc, tmp_path: Path, projects: None
) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    row = row_of(data_sheet(load_workbook(path)), "DA-01")
    fill(path, {f"I{row}": 10, f"K{row}": datetime(2025, 6, 30)})
    message = refused(kc, path)
    assert f"K{row}" in message and "30/06/2025" in message and "25/06/2025" in message
    fill(path, {f"K{row}": datetime(2025, 6, 1), f"L{row}": datetime(2025, 7, 1)})
    assert f"L{row}" in refused(kc, path)
    fill(path, {f"K{row}": datetime(2020, 12, 1), f"L{row}": None})
    message = refused(kc, path)
    assert f"hàng {row}" in message and "Ngày giải ngân" in message and "01/12/2020" in message


def test_a_date_after_today_needs_allow_future_as_in_kc_record(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")  # today is 10/06/2025
    fill(path, {"DA-01:L": datetime(2025, 6, 20)})
    assert "20/06/2025" in refused(kc, path) and "--allow-future" in refused(kc, path)
    kc("import", str(path), "--allow-future")
    assert project(kc, "DA-01")["accepted"] == "2025-06-20"


def test_an_amount_in_dong_or_too_small_is_refused_naming_the_cell(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    row = row_of(data_sheet(load_workbook(path)), "DA-01")
    fill(path, {f"I{row}": 150_000_000, f"K{row}": datetime(2025, 6, 1)})
    message = refused(kc, path)
    assert f"I{row}" in message and "bằng đồng" in message
    fill(path, {f"I{row}": 0.0005})
    message = refused(kc, path)
    assert f"I{row}" in message and "--allow-small" in message
    kc("import", str(path), "--allow-small")
    assert project(kc, "DA-01")["paid_vnd"] == 500


def test_a_moved_column_is_refused_naming_the_header_cell(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    book = load_workbook(path)
    data_sheet(book).insert_cols(3)
    book.save(path)
    assert "C5" in refused(kc, path)


def test_a_count_without_an_acceptance_date_and_unknown_choices_are_refused(
    kc: Kc, tmp_path: Path, projects: None
) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    row = row_of(data_sheet(load_workbook(path)), "DA-01")
    fill(path, {f"M{row}": 1})
    assert f"M{row}" in refused(kc, path) and f"L{row}" in refused(kc, path)
    fill(path, {f"M{row}": None, f"I{row}": 5, f"K{row}": datetime(2025, 6, 1), f"J{row}": "ứng trước"})
    assert f"J{row}" in refused(kc, path)


# --- saved again by LibreOffice ------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_a_form_saved_again_by_libreoffice_imports_the_same(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = filled(kc, tmp_path)
    book = load_workbook(path)
    data_sheet(book)[f"O{FIRST + 4}"] = '=""'  # a formula whose result is empty, as LibreOffice writes it
    book.save(path)
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    saved = (out / path.name).rename(tmp_path / "bieu-mau-libreoffice.xlsx")
    assert saved.read_bytes() != path.read_bytes()
    result = kc.json("import", str(saved), "--format", "json")
    assert (result["added"], result["accepted"]) == (3, 1)
    assert project(kc, "DA-02")["paid_vnd"] == 120 * TRIEU
    again = kc.json("import", str(path), "--format", "json")
    assert (again["added"], again["known"]) == (0, 3)


# --- the danh mục form -----------------------------------------------------------------------------------


def test_the_projects_form_has_the_columns_the_import_reads_and_its_lists(kc: Kc, tmp_path: Path) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025", kind="projects")
    sheet = data_sheet(load_workbook(path))
    assert "kind=projects" in str(sheet["A1"].value)
    headers = [sheet.cell(5, column).value for column in range(1, 15)]
    assert headers[:4] == ["STT", "Mã đề án", "Tên đề án", "Nội dung hỗ trợ"]
    rules = _validations(sheet)
    assert _list(sheet, rules[f"D:{FIRST}"].formula1)[9] == "10. Nội dung khác"
    assert rules[f"G:{FIRST}"].type == "decimal" and rules[f"I:{FIRST}"].type == "whole"
    assert rules[f"L:{FIRST}"].type == "date"
    assert sheet.protection.sheet and not sheet[f"C{FIRST}"].protection.locked and sheet[f"A{FIRST}"].protection.locked


def test_a_filled_projects_form_approves_its_de_an(kc: Kc, tmp_path: Path) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025", kind="projects")
    fill(path, {"C6": "Lò sấy quế", "D6": "4. Máy móc thiết bị", "E6": "Cơ sở quế Văn Yên", "G6": 80, "H6": 120,
                "J6": "Khuyến công địa phương", "K6": "QĐ 55/QĐ-SCT", "L6": datetime(2025, 5, 5)})  # fmt: skip
    result = kc.json("import", str(path), "--format", "json")
    assert result["projects"] == 1
    shown = project(kc, "DA-001")
    assert (shown["line"], shown["support_vnd"], shown["counterpart_vnd"], shown["source"]) == (
        "may-moc-thiet-bi", 80 * TRIEU, 120 * TRIEU, "dia-phuong")  # fmt: skip
    assert kc.json("import", str(path), "--format", "json")["projects"] == 0


def test_a_plain_workbook_is_not_taken_for_a_form(kc: Kc, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kc-form là tên riêng", None])
    sheet.append(["Ngày", "Nội dung", "Số tiền (triệu đồng)"])
    sheet.append([datetime(2025, 6, 1), "4", 12])
    book.save(tmp_path / "plain.xlsx")
    assert kc.json("import", str(tmp_path / "plain.xlsx"), "--format", "json")["added"] == 1


# --- what an outside pass found ----------------------------------------------------------------------


def test_a_corrected_copy_under_another_name_is_refused_until_it_replaces_the_first(
    kc: Kc, tmp_path: Path, projects: None
) -> None:
    path = filled(kc, tmp_path)
    kc("import", str(path))
    corrected = fill(path, {"DA-01:I": 40, "DA-02:O": "Biên bản số 7, bản sửa"}, out=tmp_path / "bao-cao-sua.xlsx")
    message = refused(kc, corrected)
    assert "bao-cao-sua.xlsx" in message and "--replaces" in message
    kc("import", str(corrected), "--replaces", path.name)
    assert project(kc, "DA-01")["paid_vnd"] == 40 * TRIEU and project(kc, "DA-02")["paid_vnd"] == 120 * TRIEU


def test_two_units_filling_copies_of_one_form_both_count(kc: Kc, tmp_path: Path, projects: None) -> None:
    form = make(kc, tmp_path, "--as-of", "25/06/2025")
    free = FIRST + 3
    row = {f"D{free}": "5. Bình chọn sản phẩm", f"I{free}": 10, f"K{free}": datetime(2025, 6, 7), f"M{free}": 1}
    before = line_of(status(kc), "binh-chon-san-pham")
    kc("import", str(fill(form, {"C4": "Xã A"} | row, out=tmp_path / "xa-a.xlsx")))
    kc("import", str(fill(form, {"C4": "Xã B"} | row, out=tmp_path / "xa-b.xlsx")))
    after = line_of(status(kc), "binh-chon-san-pham")
    assert (after["spent_vnd"] - before["spent_vnd"], after["done_count"] - before["done_count"]) == (20 * TRIEU, 2)


def test_a_prefilled_rows_code_cleared_is_refused_naming_it(kc: Kc, tmp_path: Path, projects: None) -> None:
    path = make(kc, tmp_path, "--as-of", "25/06/2025")
    row = row_of(data_sheet(load_workbook(path)), "DA-01")
    fill(path, {f"B{row}": None, f"I{row}": 10, f"K{row}": datetime(2025, 6, 5)})
    assert f"B{row}" in refused(kc, path)


def test_a_form_dated_before_the_plan_is_refused(kc: Kc, tmp_path: Path) -> None:
    result = kc("template", "progress", "--output", str(tmp_path / "a.xlsx"), "--as-of", "15/05/2020", code=1)
    assert "01/01/2021" in result.stderr and not (tmp_path / "a.xlsx").exists()
