"""Nothing silently wrong, round 2: workbooks, corrections, future dates, plans and the report's notes.

Each test is named after what it protects, and ends with exact figures or a refusal that says what to do
(and leaves the ledger as it was). Workbooks are built as Excel and LibreOffice save them.
"""

import os
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from .conftest import Kc, kc_executable, line_of, write_csv

HEADER = ["Ngày", "Nội dung", "Số tiền (triệu đồng)", "Số lượng", "Địa bàn", "Đơn vị thụ hưởng"]


def status(kc: Kc, *args: str) -> dict:
    return kc.json("status", *args, "--format", "json")


def spent(kc: Kc, line_id: str, *args: str) -> int:
    return line_of(status(kc, *args), line_id)["spent_vnd"]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def patched(path: Path, part: str, old: str, new: str) -> Path:
    """A workbook with one part's XML changed, as another program would have written it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    text = parts[part].decode("utf-8")
    assert old in text, text[:600]
    parts[part] = text.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# --- 1. an import is one sheet of one file ---------------------------------------------------------


def test_each_sheet_of_a_workbook_is_its_own_import(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    source = workbook(isolated / "bao-cao.xlsx", {
        "Quý 1": [HEADER, [datetime(2024, 2, 1), 4, 100, 1, "Sa Pa", "HTX A"]],
        "Quý 2": [HEADER, [datetime(2024, 5, 1), 4, 30, 1, "Sa Pa", "HTX B"]],
    })  # fmt: skip
    kc("import", str(source), "--sheet", "Quý 1")
    assert "Quý 2" in kc("import", str(source), "--sheet", "Quý 2").stdout
    assert spent(kc, "may-moc-thiet-bi") == 130_000_000
    before = ledger_path.read_bytes()
    again = kc.json("import", str(source), "--sheet", "Quý 2", "--format", "json")
    assert again["added"] == 0 and again["same_file"]["sheet"] == "Quý 2"
    assert ledger_path.read_bytes() == before
    # a corrected Quý 2 replaces Quý 2's import only
    workbook(source, {
        "Quý 1": [HEADER, [datetime(2024, 2, 1), 4, 100, 1, "Sa Pa", "HTX A"]],
        "Quý 2": [HEADER, [datetime(2024, 5, 1), 4, 35, 1, "Sa Pa", "HTX B"]],
    })  # fmt: skip
    assert "--replace" in kc("import", str(source), "--sheet", "Quý 2", code=1).stderr
    replaced = kc.json("import", str(source), "--sheet", "Quý 2", "--replace", "--format", "json")
    assert replaced["replaced"] == 1 and replaced["added"] == 1
    assert spent(kc, "may-moc-thiet-bi") == 135_000_000


def test_a_sheet_name_typed_decomposed_or_with_a_space_is_found(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "bc.xlsx", {
        "Tổng hợp": [["Báo cáo"]],
        "Quý 3": [HEADER, [datetime(2024, 5, 1), 4, 30, 1, "Sa Pa", "HTX B"]],
    })  # fmt: skip
    decomposed = unicodedata.normalize("NFD", "quý 3 ")
    assert decomposed != "Quý 3"
    kc("import", str(source), "--sheet", decomposed)
    assert spent(kc, "may-moc-thiet-bi") == 30_000_000


# --- 2. kc's own entries export, imported back --------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_entries_export_imported_back_adds_nothing_and_says_so(
    kc: Kc, isolated: Path, ledger_path: Path, suffix: str
) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--date", "2024-03-01", "--beneficiary", "HTX A")
    kc("record", "7", "--amount", "35", "--count", "1", "--date", "2024-03-02")
    exported = isolated / f"but-toan.{suffix}"
    kc("export", "--entries", "--output", str(exported))
    before = ledger_path.read_bytes()
    args = ["--sheet", "Bút toán"] if suffix == "xlsx" else []
    result = kc("import", str(exported), *args)
    assert "2 hàng là bút toán đã có trong sổ theo dõi" in result.stdout
    assert ledger_path.read_bytes() == before
    assert status(kc)["totals"]["spent_vnd"] == 135_000_000


def test_an_entries_export_counts_once_in_another_ledger_however_often_imported(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    kc("record", "4", "--amount", "100", "--date", "2024-03-01")
    exported = isolated / "don-vi.csv"
    kc("export", "--entries", "--output", str(exported))
    other = isolated / "tong-hop.jsonl"
    kc("import", str(exported), "--ledger", str(other))
    copy = isolated / "don-vi-ban-sao.csv"
    copy.write_bytes(exported.read_bytes() + b"\r\n")  # the same rows in another file
    again = kc.json("import", str(copy), "--ledger", str(other), "--format", "json")
    assert again["added"] == 0 and again["known"] == 1
    assert spent(kc, "may-moc-thiet-bi", "--ledger", str(other)) == 100_000_000


def test_a_row_carrying_an_entry_id_with_other_figures_is_refused(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    entry = kc.json("record", "4", "--amount", "100", "--date", "2024-03-01", "--format", "json")
    edited = write_csv(isolated / "sua.csv", [["Mã bút toán", "Ngày", "Nội dung", "Số tiền (triệu đồng)"],
                                              [entry["id"], "01/03/2024", "4", "150"]])  # fmt: skip
    before = ledger_path.read_bytes()
    refused = kc("import", str(edited), code=1).stderr
    assert entry["id"] in refused and "nội dung khác" in refused
    assert ledger_path.read_bytes() == before


# --- 3. --replace replaces what the officer names, or refuses -----------------------------------


ROWS_Q3 = [["Ngày", "Nội dung", "Số tiền"], ["01/03/2024", "4", "100"], ["02/03/2024", "4", "35"]]


def test_replace_with_a_corrected_copy_under_another_name_never_imports_alongside(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    kc("import", str(write_csv(isolated / "bao-cao-q3.csv", ROWS_Q3, sep=";")))
    corrected = write_csv(isolated / "bao-cao-q3-sua.csv", [*ROWS_Q3[:2], ["02/03/2024", "4", "45"]], sep=";")
    before = ledger_path.read_bytes()
    refused = kc("import", str(corrected), "--replace", code=1).stderr
    assert "--replaces" in refused
    assert ledger_path.read_bytes() == before
    assert spent(kc, "may-moc-thiet-bi") == 135_000_000
    done = kc.json("import", str(corrected), "--replaces", "bao-cao-q3.csv", "--format", "json")
    assert done["replaced"] == 2 and done["added"] == 2
    assert spent(kc, "may-moc-thiet-bi") == 145_000_000
    unknown = kc("import", str(corrected), "--replaces", "khong-co.csv", code=1).stderr
    assert "khong-co.csv" in unknown and "bao-cao-q3-sua.csv" in unknown


def test_the_same_bytes_under_another_name_with_replace_replace_their_import(kc: Kc, isolated: Path) -> None:
    first = write_csv(isolated / "a.csv", ROWS_Q3, sep=";")
    kc("import", str(first))
    renamed = isolated / "b.csv"
    renamed.write_bytes(first.read_bytes())
    done = kc.json("import", str(renamed), "--replace", "--format", "json")
    assert done["replaced"] == 2 and done["added"] == 2
    assert spent(kc, "may-moc-thiet-bi") == 135_000_000


def test_a_corrected_file_under_another_letter_case_is_the_same_file_where_names_fold_case(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kc_tracker import paths

    monkeypatch.setattr(paths, "names_fold_case", lambda: True)  # NTFS, APFS
    kc("import", str(write_csv(isolated / "bao-cao-t9.csv", ROWS_Q3, sep=";")))
    upper = isolated / "upper"
    upper.mkdir()
    corrected = write_csv(upper / "BAO-CAO-T9.csv", [*ROWS_Q3[:2], ["02/03/2024", "4", "25"]], sep=";")
    assert "--replace" in kc("import", str(corrected), code=1).stderr
    kc("import", str(corrected), "--replace")
    assert spent(kc, "may-moc-thiet-bi") == 125_000_000


# --- 4. a date after today ----------------------------------------------------------------------


def test_a_record_dated_after_today_is_refused_unless_allowed_and_the_balance_is_what_status_shows(
    kc: Kc, ledger_path: Path
) -> None:
    refused = kc("record", "4", "--amount", "500", "--date", "01/12/2024", code=1).stderr
    assert "01/12/2024" in refused and "25/06/2024" in refused and "--allow-future" in refused
    assert not ledger_path.exists()
    kc("record", "4", "--amount", "100", "--date", "01/06/2024")
    written = kc.json("record", "4", "--amount", "500", "--date", "01/12/2024", "--allow-future", "--format", "json")
    shown = line_of(status(kc), "may-moc-thiet-bi")
    assert written["balance"]["spent_vnd"] == shown["spent_vnd"] == 100_000_000
    assert written["balance"]["remaining_vnd"] == shown["remaining_vnd"]
    text = kc("record", "4", "--amount", "1", "--date", "02/12/2024", "--allow-future")
    assert "lũy kế giải ngân 100/14.750" in text.stdout and "02/12/2024" in text.stderr
    assert spent(kc, "may-moc-thiet-bi", "--as-of", "2024-12-31") == 601_000_000


def test_future_dates_are_refused_in_imports_reallocations_and_measures(kc: Kc, isolated: Path) -> None:
    late = write_csv(isolated / "som.csv", [["Ngày", "Nội dung", "Số tiền"], ["01/07/2024", "4", "1"]], sep=";")
    assert "--allow-future" in kc("import", str(late), code=1).stderr
    kc("import", str(late), "--allow-future")
    adjust = ["adjust", "--from", "10", "--to", "4", "--amount", "5", "--decision", "QĐ 1", "--date", "2024-07-01"]
    assert "--allow-future" in kc(*adjust, code=1).stderr
    kc(*adjust, "--allow-future")
    assert "--allow-future" in kc("measure", "gia-tri-san-xuat", "--year", "2025", "--value", "1", code=1).stderr
    kc("measure", "gia-tri-san-xuat", "--year", "2025", "--value", "1", "--allow-future")


# --- 5. indicator years -------------------------------------------------------------------------


def test_an_indicator_year_outside_the_plan_is_refused_and_a_report_quotes_its_own_year(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")
    refused = kc("measure", "gia-tri-san-xuat", "--year", "2052", "--value", "5.300", code=1).stderr
    assert "2052" in refused and "--allow-outside-period" in refused
    kc("measure", "gia-tri-san-xuat", "--year", "2024", "--value", "5.120")
    kc("measure", "gia-tri-san-xuat", "--year", "2025", "--value", "5.300", "--allow-future")
    assert "--allow-future" not in refused
    report = kc("report", "--quarter", "2025-Q3", "--as-of", "2025-09-30", "--output", "-", "--format", "md").stdout
    assert "năm 2025 đạt 5.300 tỷ đồng" in report
    old = kc("report", "--year", "2024", "--output", "-", "--format", "md").stdout
    assert "năm 2024 đạt 5.120 tỷ đồng" in old and "5.300" not in old
    assert status(kc, "--as-of", "2024-12-31")["indicators"][0]["latest"] == {"year": 2024, "value": 5120}


# --- 12, 17–26. workbooks and files as they come ------------------------------------------------


def test_a_workbook_with_a_chart_sheet_imports(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100", "--date", "2024-03-01")
    exported = isolated / "tong-hop.xlsx"
    kc("export", "--entries", "--output", str(exported))  # kc's own: a summary, a chart sheet, the entries
    other = isolated / "khac.jsonl"
    imported = kc("import", str(exported), "--ledger", str(other)).stdout  # the one sheet with kc's header
    assert "Trang tính đã nhập: Bút toán." in imported
    assert spent(kc, "may-moc-thiet-bi", "--ledger", str(other)) == 100_000_000


def test_an_empty_formula_result_as_libreoffice_saves_it_is_an_empty_cell(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "lo.xlsx", {"Sheet": [[*HEADER, "Ghi chú"], [datetime(2024, 3, 1), 4, 10, 1]]})
    patched(source, "xl/worksheets/sheet1.xml", "</row></sheetData>",
            '<c r="G2" t="str"><f>IF(C2&gt;100,"lớn","")</f><v></v></c></row></sheetData>')  # fmt: skip
    kc("import", str(source))
    assert spent(kc, "may-moc-thiet-bi") == 10_000_000
    assert kc.json("log", "--format", "json")[0]["note"] is None


def test_a_formula_never_computed_is_still_refused_naming_its_cell(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "chua-tinh.xlsx", {"Sheet": [HEADER, [datetime(2024, 3, 1), 4, "=5*2", 1]]})
    assert "C2" in kc("import", str(source), code=1).stderr


@pytest.mark.parametrize(
    ("cell", "vnd"),
    [("1.250.000 ₫", 1_250_000), (" - ", 0), ("-   ₫", 0), ("₫ -", 0)],
)
def test_excel_currency_and_accounting_zero_read_as_dong(kc: Kc, isolated: Path, cell: str, vnd: int) -> None:
    rows = [["Ngày", "Nội dung", "Số tiền (đồng)", "Số lượng"], ["01/03/2024", "4", cell, "1"]]
    kc("import", str(write_csv(isolated / "ke-toan.csv", rows, sep=";")))
    assert [(e["amount_vnd"], e["count"]) for e in kc.json("log", "--format", "json")] == [(vnd, 1)]


@pytest.mark.parametrize(("cell", "code"), [("Trung ương", "trung-uong"), ("Dia phuong", "dia-phuong"),
                                            ("TRUNG UONG", "trung-uong"), ("địa phương", "dia-phuong")])  # fmt: skip
def test_funding_sources_written_as_words_are_the_two_sources(kc: Kc, isolated: Path, cell: str, code: str) -> None:
    rows = [["Ngày", "Nội dung", "Số tiền", "Nguồn kinh phí"], ["01/03/2024", "4", "1", cell]]
    kc("import", str(write_csv(isolated / "nguon.csv", rows, sep=";")))
    assert kc.json("log", "--format", "json")[0]["source"] == code


def test_a_text_date_with_a_midnight_time_is_a_date_and_any_other_time_is_refused(kc: Kc, isolated: Path) -> None:
    rows = [["Ngày", "Nội dung", "Số tiền"], ["01/03/2024 00:00:00", "4", "1"], ["2024-03-02 00:00", "4", "1"]]
    kc("import", str(write_csv(isolated / "gio.csv", rows, sep=";")))
    assert [e["date"] for e in kc.json("log", "--format", "json")] == ["2024-03-01", "2024-03-02"]
    timed = write_csv(isolated / "gio-2.csv", [rows[0], ["03/03/2024 14:30:00", "4", "1"]], sep=";")
    refused = kc("import", str(timed), code=1).stderr
    assert "14:30" in refused and "“Ngày”" in refused


def _utf16(path: Path) -> Path:
    path.write_bytes("Ngày\tNội dung\tSố tiền\r\n01/03/2024\t4\t1\r\n".encode("utf-16"))
    return path


def _xls(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _renamed_xlsx(path: Path) -> Path:
    workbook(path.with_suffix(".xlsx"), {"Sheet": [HEADER]}).rename(path)
    return path


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [("bao-cao.txt", _utf16, "UTF-16"), ("bao-cao.xls", _xls, ".xls"), ("bao-cao.ods", _ods, ".ods"),
     ("bao-cao.csv", _renamed_xlsx, "đổi đuôi")],
)  # fmt: skip
def test_a_file_of_another_kind_is_named_with_what_to_save_it_as(
    kc: Kc, isolated: Path, name: str, make: object, said: str
) -> None:
    path = make(isolated / name)  # type: ignore[operator]
    refused = kc("import", str(path), code=1).stderr
    assert said in refused and "Windows-1258" not in refused and refused.count("\n") == 1


def test_a_merged_date_cell_is_said_with_the_files_own_header(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "gop.xlsx", {"Sheet": [HEADER, [datetime(2024, 3, 1), 4, 1, 1], [None, 4, 2, 1]]})
    patched(source, "xl/worksheets/sheet1.xml", "</sheetData>", '</sheetData><mergeCells count="1">'
            '<mergeCell ref="A2:A3"/></mergeCells>')  # fmt: skip
    refused = kc("import", str(source), code=1).stderr
    assert "hàng 3" in refused and "“Ngày”" in refused and "A2:A3" in refused and "cột date" not in refused


def test_an_empty_cell_is_named_by_the_files_header(kc: Kc, isolated: Path) -> None:
    rows = [["Ngày", "Nội dung", "Số tiền"], ["", "4", "1"]]
    refused = kc("import", str(write_csv(isolated / "trong.csv", rows, sep=";")), code=1).stderr
    assert "cột “Ngày” trống" in refused


@pytest.mark.skipif(not Path("/dev/fd").exists(), reason="needs /dev/fd to name a pipe as a file")
def test_a_pipe_is_refused_saying_to_save_it_to_a_file(run_kc: Callable[..., Any]) -> None:
    read, write = os.pipe()
    os.write(write, "Ngày;Nội dung;Số tiền\n01/03/2024;4;1\n".encode())
    os.close(write)
    try:
        done = run_kc("import", f"/dev/fd/{read}", pass_fds=(read,))
    finally:
        os.close(read)
    assert done.returncode == 1 and "đường ống" in done.stderr and "tiêu đề" not in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="reads the peak memory of a child process (resource)")
def test_a_workbook_formatted_down_to_row_60000_imports_in_bounded_memory(isolated: Path) -> None:
    """One data row under 60 000 formatted empty rows: read in openpyxl's read-only mode, memory stays flat."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([datetime(2024, 3, 1), 4, 1, 1])
    bold = Font(bold=True)
    for row in range(3, 60_003):
        sheet.cell(row=row, column=1).font = bold
    source = isolated / "dinh-dang.xlsx"
    book.save(source)
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", probe, kc_executable(), "import", str(source)], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    assert peak_kb < 100 * 1024


# --- 6, 7, 11. plans over time ------------------------------------------------------------------


@pytest.fixture
def home(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A machine where nobody set KC_PLAN or KC_LEDGER: kc finds the plan in use and its ledger by itself."""
    monkeypatch.delenv("KC_PLAN")
    monkeypatch.delenv("KC_LEDGER")
    monkeypatch.setenv("KC_TODAY", "2026-02-10")
    return isolated / "home" / "data"


def next_plan(kc: Kc, isolated: Path, *extra: str) -> Path:
    path = isolated / "moi.toml"
    kc("plan", "new", str(path), "--start", "01/01/2026", "--end", "31/12/2030", *extra)
    text = (
        path.read_text(encoding="utf-8").replace('budget = "0"', 'budget = "1.000"').replace("target = 0", "target = 5")
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_plan_under_the_old_plans_id_never_takes_over_its_ledger(kc: Kc, isolated: Path, home: Path) -> None:
    kc("record", "4", "--amount", "100", "--date", "2025-03-01")
    refused = kc("plan", "new", str(isolated / "x.toml"), "--start", "01/01/2026", "--end", "31/12/2030", "--id",
                 "lao-cai-2021-2025", code=1).stderr  # fmt: skip
    assert "lao-cai-2021-2025" in refused and "--id" in refused and not (isolated / "x.toml").exists()
    path = next_plan(kc, isolated)
    text = path.read_text(encoding="utf-8").replace('id = "lao-cai-2026-2030"', 'id = "lao-cai-2021-2025"')
    path.write_text(text, encoding="utf-8")
    refused = kc("plan", "use", str(path), code=1).stderr
    assert "Kế hoạch khuyến công tỉnh Lào Cai giai đoạn 2021–2025" in refused and "01/01/2021" in refused
    listed = kc.json("plan", "list", "--format", "json")
    assert [(p["id"], p["start"], p["spent_vnd"]) for p in listed] == [("lao-cai-2021-2025", "2021-01-01", 100_000_000)]


def test_a_version_that_moves_or_drops_lines_of_the_plan_in_use_is_refused(kc: Kc, isolated: Path, home: Path) -> None:
    path = next_plan(kc, isolated)
    kc("plan", "use", str(path))
    text = path.read_text(encoding="utf-8")
    first, second = text.split("[[lines]]")[1:3]
    path.write_text(text.replace("[[lines]]" + first + "[[lines]]" + second, "[[lines]]" + second + "[[lines]]"
                                 + first), encoding="utf-8")  # fmt: skip
    assert "thứ tự" in kc("plan", "use", str(path), code=1).stderr
    kc("plan", "use", str(path), "--force")


def test_the_plan_in_use_missing_is_an_error_naming_it_never_the_bundled_plan(
    kc: Kc, isolated: Path, home: Path
) -> None:
    kc("plan", "use", str(next_plan(kc, isolated)))
    (home / "plans" / "lao-cai-2026-2030.toml").unlink()  # a restored data folder
    refused = kc("status", code=1).stderr
    assert "lao-cai-2026-2030" in refused and "kc plan use" in refused
    assert "2021–2025" not in kc("status", code=None).stdout
    kc("plan", "list")  # says so, and still lists what is known
    kc("plan", "use", str(isolated / "moi.toml"))
    assert status(kc)["plan"]["id"] == "lao-cai-2026-2030"


@pytest.mark.skipif(os.name != "posix", reason="needs a file-size limit (RLIMIT_FSIZE)")
def test_plan_use_cut_short_leaves_the_kept_copy_whole(
    kc: Kc, isolated: Path, home: Path, run_kc: Callable[..., Any]
) -> None:
    import resource

    path = next_plan(kc, isolated)
    kc("plan", "use", str(path))
    kept = home / "plans" / "lao-cai-2026-2030.toml"
    before = kept.read_bytes()
    path.write_text(path.read_text(encoding="utf-8").replace('budget = "1.000"', 'budget = "2.000"', 1),
                    encoding="utf-8")  # fmt: skip

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    environment = {**os.environ}
    done = run_kc("plan", "use", str(path), env=environment, preexec_fn=limited)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert kept.read_bytes() == before
    assert run_kc("status", "--format", "json", env=environment).returncode == 0


# --- 8, 9. totals that add up, places that are one --------------------------------------------


def test_a_years_total_row_is_computed_from_its_own_figures(kc: Kc, isolated: Path, home: Path) -> None:
    path = next_plan(kc, isolated)
    text = path.read_text(encoding="utf-8")
    text = text.replace('short_name = "Máy móc thiết bị"\nunit = "cơ sở"\nbudget = "1.000"\ntarget = 5\n',
                        'short_name = "Máy móc thiết bị"\nunit = "cơ sở"\nbudget = "1.000"\ntarget = 5\n\n'
                        '[lines.years."2026"]\nbudget = "600"\n')  # fmt: skip
    path.write_text(text, encoding="utf-8")
    kc("plan", "use", str(path))
    kc("record", "4", "--amount", "100", "--date", "2026-02-01")
    kc("record", "7", "--amount", "50", "--date", "2026-02-01")  # a line with no 2026 allocation
    totals = status(kc, "--year", "2026")["totals"]
    assert (totals["spent_vnd"], totals["year_budget_vnd"]) == (150_000_000, 600_000_000)
    assert totals["year_spent_pct"] == 25.0 and totals["year_remaining_vnd"] == 450_000_000
    table = kc("status", "--year", "2026").stdout
    total_row = next(row for row in table.splitlines() if "Tổng cộng" in row)
    assert total_row.split()[-4:] == ["600", "150", "25,0%", "450"]


def test_localities_that_differ_in_case_or_spaces_are_one_place_spelt_as_first_seen(kc: Kc) -> None:
    for place, amount in (("Bát Xát", "10"), ("bát xát", "20"), ("Bát  Xát ", "30"), ("Sa Pa", "5")):
        kc("record", "4", "--amount", amount, "--date", "2024-03-01", "--locality", place)
    groups = status(kc, "--by", "locality")["groups"]
    assert [(g["key"], g["spent_vnd"]) for g in groups] == [("Bát Xát", 60_000_000), ("Sa Pa", 5_000_000)]


def test_a_plans_listed_locality_is_shown_in_the_plans_spelling(kc: Kc, plan_path: Path, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "10", "--date", "2024-03-01", "--locality", "bát xát")
    text = plan_path.read_text(encoding="utf-8").replace("[plan]\n", '[plan]\nlocalities = ["Bát Xát", "Sa Pa"]\n', 1)
    plan_path.write_text(text, encoding="utf-8")
    groups = status(kc, "--by", "locality")["groups"]
    assert [(g["key"], g["spent_vnd"], g["listed"]) for g in groups] == [("Bát Xát", 10_000_000, True),
                                                                         ("Sa Pa", 0, True)]  # fmt: skip


# --- 10. nothing written over what kc keeps or reads --------------------------------------------


def test_no_output_replaces_another_plans_ledger_or_any_file_kc_keeps(kc: Kc, isolated: Path, home: Path) -> None:
    kc("record", "4", "--amount", "100", "--date", "2025-03-01")
    kc("plan", "use", str(next_plan(kc, isolated)))
    kc("record", "4", "--amount", "10", "--date", "2026-02-01")
    ledger = home / "ledgers" / "lao-cai-2026-2030.jsonl"
    kept = [ledger, ledger.with_name(ledger.name + ".index"), home / "plans" / "lao-cai-2026-2030.toml",
            home / "current-plan", home / "ledgers" / "moi.json"]  # fmt: skip
    for target in kept:
        before = target.read_bytes() if target.exists() else None
        refused = kc("export", "--plan", "lao-cai-2021-2025", "--format", "json", "--output", str(target), code=1)
        assert str(target) in refused.stderr
        assert (target.read_bytes() if target.exists() else None) == before
    assert spent(kc, "may-moc-thiet-bi") == 10_000_000


def test_a_report_never_writes_over_its_own_notes(kc: Kc, isolated: Path) -> None:
    notes = isolated / "n.md"
    notes.write_text("## Khó khăn, vướng mắc\n\nMưa lũ.\n", encoding="utf-8")
    before = notes.read_bytes()
    kc("report", "--notes", str(notes), "--output", str(notes), "--force", code=1)
    assert notes.read_bytes() == before


# --- 13–16. the report's notes, number and period -------------------------------------------------


@pytest.fixture
def quarter(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")
    kc("record", "4", "--amount", "500", "--count", "1", "--date", "10/08/2025")
    kc("record", "7", "--amount", "45", "--count", "3", "--date", "02/10/2025")


def docx_report(kc: Kc, isolated: Path, *args: str) -> Any:
    from docx import Document

    out = isolated / "bao-cao.docx"
    kc("report", *args, "--output", str(out), "--force")
    return Document(str(out))


def texts(doc: Any) -> list[str]:
    return [paragraph.text for paragraph in doc.paragraphs]


def test_a_word_line_break_in_the_notes_is_a_line_break_and_other_controls_are_refused_by_line(
    kc: Kc, quarter: None, isolated: Path
) -> None:
    notes = isolated / "ghi-chu.md"
    notes.write_text("## Khó khăn, vướng mắc\n\nMưa lũ\vlàm chậm lắp đặt.\n", encoding="utf-8")
    lines = texts(docx_report(kc, isolated, "--quarter", "2025-Q3", "--notes", str(notes)))
    assert "Mưa lũ\nlàm chậm lắp đặt." in lines
    notes.write_text("## Khó khăn, vướng mắc\n\nTrang một.\n\nTrang hai\f.\n", encoding="utf-8")
    refused = kc("report", "--quarter", "2025-Q3", "--notes", str(notes), "--output", "x.docx", code=1).stderr
    assert "dòng 5" in refused and "U+000C" in refused and str(notes) in refused
    assert not (isolated / "x.docx").exists()


def test_a_number_with_a_control_character_or_a_line_break_is_refused(kc: Kc, quarter: None, isolated: Path) -> None:
    for number in ("45\n/BC", "45\v", "45" + "/BC-TTKC" * 6):
        kc("report", "--quarter", "2025-Q3", "--number", number, "--output", str(isolated / "x.docx"), code=1)
    assert not (isolated / "x.docx").exists()


def test_a_number_that_carries_its_sign_is_used_as_given(kc: Kc, quarter: None, isolated: Path) -> None:
    doc = docx_report(kc, isolated, "--quarter", "2025-Q3", "--number", "45/BC-TTKC")
    assert "Số: 45/BC-TTKC" in [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    plain = docx_report(kc, isolated, "--quarter", "2025-Q3", "--number", "45")
    assert "Số: 45/BC-TTKC" in [p.text for p in plain.tables[0].rows[0].cells[0].paragraphs]


NOTES = """Quý III tập trung vào máy móc thiết bị.
## Khó khăn, vướng mắc
Mưa lũ làm chậm lắp đặt.
- Giá thiết bị tăng;
- Thiếu **nhân lực** kỹ thuật.

### Chi tiết theo địa bàn
| Địa bàn | Số cơ sở |
|---|---:|
| Bát Xát | 3 |
| Sa Pa | 2 |
## Phương hướng quý IV
1. Hoàn thành mô hình.
2. Tổng kết kế hoạch.
"""


def test_the_notes_markdown_makes_sections_sub_headings_lists_and_tables(kc: Kc, quarter: None, isolated: Path) -> None:
    notes = isolated / "ghi-chu.md"
    notes.write_text(NOTES, encoding="utf-8")
    doc = docx_report(kc, isolated, "--quarter", "2025-Q3", "--notes", str(notes))
    lines = texts(doc)
    assert "Quý III tập trung vào máy móc thiết bị." in lines
    difficulties = lines.index("II. Khó khăn, vướng mắc")  # a ## right after a paragraph's line
    assert lines[difficulties + 1 : difficulties + 5] == [
        "Mưa lũ làm chậm lắp đặt.",
        "–\tGiá thiết bị tăng;",
        "–\tThiếu nhân lực kỹ thuật.",
        "Chi tiết theo địa bàn",
    ]
    bold = [run.text for paragraph in doc.paragraphs for run in paragraph.runs if run.bold]
    assert "nhân lực" in bold and "Chi tiết theo địa bàn" in bold
    table = doc.tables[2]  # after the header and the results table
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Địa bàn", "Số cơ sở"], ["Bát Xát", "3"],
                                                                         ["Sa Pa", "2"]]  # fmt: skip
    assert lines.index("III. Đề xuất, kiến nghị") < lines.index("IV. Phương hướng quý IV")  # always there
    assert lines[lines.index("IV. Phương hướng quý IV") + 1 :][:2] == ["1.\tHoàn thành mô hình.",
                                                                       "2.\tTổng kết kế hoạch."]  # fmt: skip
    markdown = kc("report", "--quarter", "2025-Q3", "--notes", str(notes), "--output", "-", "--format", "md").stdout
    assert "- Thiếu **nhân lực** kỹ thuật.\n" in markdown and "| Bát Xát | 3 |" in markdown
    assert "### Chi tiết theo địa bàn" in markdown and "## III. Đề xuất, kiến nghị" in markdown


def test_every_period_stops_at_today_and_one_not_begun_is_refused(kc: Kc, quarter: None, isolated: Path) -> None:
    ranged = kc.json("status", "--format", "json")  # as a check of the figures below: up to 06/10/2025
    assert ranged["as_of"] == "2025-10-06"
    quarter_md = kc("report", "--quarter", "2025-Q4", "--output", "-", "--format", "md").stdout
    range_md = kc("report", "--from", "01/10/2025", "--to", "31/12/2025", "--output", "-", "--format", "md").stdout
    for text in (quarter_md, range_md):
        assert "đến ngày 06/10/2025" in text and "45" in text
    late = kc("report", "--from", "07/10/2025", "--to", "31/12/2025", "--output", "-", "--format", "md", code=1)
    assert "07/10/2025" in late.stderr and "06/10/2025" in late.stderr


# --- found by trying to break the above --------------------------------------------------------------


def test_replacing_an_entries_export_keeps_what_it_carries_unchanged(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "100", "--date", "2024-03-01")
    kc("record", "7", "--amount", "35", "--date", "2024-03-02")
    exported = isolated / "e.csv"
    kc("export", "--entries", "--output", str(exported))
    other = isolated / "tong-hop.jsonl"
    kc("import", str(exported), "--ledger", str(other))
    kc("import", str(exported), "--replace", "--ledger", str(other))
    assert status(kc, "--ledger", str(other))["totals"]["spent_vnd"] == 135_000_000


def test_replaces_never_counts_a_file_already_imported_under_its_own_name(kc: Kc, isolated: Path) -> None:
    first = write_csv(isolated / "a.csv", [["date", "line", "amount"], ["01/03/2024", "1", "10"]], sep=";")
    kc("import", str(first))
    kc("import", str(write_csv(isolated / "b.csv", [["date", "line", "amount"], ["02/03/2024", "2", "20"]], sep=";")))
    copy = isolated / "a-copy.csv"
    copy.write_bytes(first.read_bytes())
    said = kc("import", str(copy), "--replaces", str(isolated / "b.csv")).stdout
    assert "a.csv" in said and "b.csv" in said
    lines = status(kc)["lines"]
    assert (lines[0]["spent_vnd"], lines[1]["spent_vnd"]) == (10_000_000, 0)


def test_a_corrected_file_whose_rows_carry_refs_replaces_its_import(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    rows = [["date", "line", "amount", "ref"], ["01/03/2024", "1", "10", "T3-01"], ["02/03/2024", "2", "20", "T3-02"]]
    source = write_csv(isolated / "t3.csv", rows, sep=";")
    kc("import", str(source))
    write_csv(source, [rows[0], ["01/03/2024", "1", "11", "T3-01"], rows[2]], sep=";")
    kc("import", str(source), "--replace")
    assert [x["spent_vnd"] for x in status(kc)["lines"][:2]] == [11_000_000, 20_000_000]
    assert kc.json("check", "--format", "json")["ok"] is True


def test_a_row_voided_in_the_export_whose_entry_still_counts_here_is_said(kc: Kc, isolated: Path) -> None:
    entry = kc.json("record", "4", "--amount", "100", "--date", "2024-03-01", "--format", "json")
    first = isolated / "e1.csv"
    kc("export", "--entries", "--output", str(first))
    other = isolated / "tong-hop.jsonl"
    kc("import", str(first), "--ledger", str(other))
    kc("void", entry["id"], "--reason", "sai số tiền")
    kc("record", "4", "--amount", "10", "--date", "2024-03-01")  # the figure corrected
    second = isolated / "e2.csv"
    kc("export", "--entries", "--output", str(second))
    warned = kc("import", str(second), "--ledger", str(other)).stderr
    assert entry["id"] in warned and "kc void" in warned


def test_an_empty_cell_of_any_column_inside_a_merged_range_is_refused(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "gop.xlsx", {"Sheet": [HEADER, [datetime(2024, 3, 1), 4, 100, 1, "Bát Xát", "HTX A"],
                                                        [datetime(2024, 3, 2), 4, 50, 1, None, "HTX B"]]})  # fmt: skip
    patched(source, "xl/worksheets/sheet1.xml", "</sheetData>", '</sheetData><mergeCells count="1">'
            '<mergeCell ref="E2:E3"/></mergeCells>')  # fmt: skip
    refused = kc("import", str(source), code=1).stderr
    assert "E2:E3" in refused and "“Địa bàn”" in refused


def test_a_reallocation_dated_after_today_gives_nothing_to_spend_today(kc: Kc) -> None:
    kc("adjust", "--from", "10", "--to", "8", "--amount", "100", "--decision", "QĐ 9", "--date", "2024-07-01",
       "--allow-future")  # fmt: skip
    assert "--allow-over-budget" in kc("record", "8", "--amount", "50", "--date", "2024-06-20", code=1).stderr


def test_plan_use_refuses_a_version_that_gives_a_line_less_than_it_disbursed(
    kc: Kc, isolated: Path, home: Path
) -> None:
    path = next_plan(kc, isolated)
    kc("plan", "use", str(path))
    kc("record", "4", "--amount", "850", "--date", "2026-02-05")
    path.write_text(path.read_text(encoding="utf-8").replace('budget = "1.000"', 'budget = "0"'), encoding="utf-8")
    assert "--force" in kc("plan", "use", str(path), code=1).stderr
    derived = kc("plan", "new", str(isolated / "n.toml"), "--start", "01/01/2026", "--end", "31/12/2030", "--from",
                 "lao-cai-2021-2025", code=1).stderr  # fmt: skip
    assert "lao-cai-2026-2030" in derived and not (isolated / "n.toml").exists()


def test_an_entry_id_a_spreadsheet_made_a_number_is_read_back(kc: Kc, isolated: Path) -> None:
    entry = kc.json("record", "4", "--amount", "100", "--date", "2024-03-01", "--format", "json")
    assert set(entry["id"]) & set("abcdf")  # ids drawn now always hold a letter a spreadsheet keeps as text
    source = workbook(isolated / "so.xlsx", {"Sheet": [["Mã bút toán", "Ngày", "Nội dung", "Số tiền"],
                                                       [12345678901, datetime(2024, 3, 2), 4, 5]]})  # fmt: skip
    kc("import", str(source))
    assert "012345678901" in {e["id"] for e in kc.json("log", "--format", "json")}
    mangled = write_csv(isolated / "m.csv", [["id", "date", "line", "amount"], ["1.23457E+11", "01/03/2024", "4", "1"]],
                        sep=";")  # fmt: skip
    refused = kc("import", str(mangled), code=1).stderr
    assert "Excel" in refused and "để trống" not in refused


def test_a_line_number_that_contradicts_the_line_id_is_refused(kc: Kc, isolated: Path) -> None:
    rows = [["Nội dung số", "Mã nội dung", "Ngày", "Số tiền"], ["5", "may-moc-thiet-bi", "01/03/2024", "7"]]
    assert "Mã nội dung" not in kc("import", str(write_csv(isolated / "x.csv", rows, sep=";")), code=1).stdout


def test_a_named_report_period_refuses_to_and_sections_are_numbered_past_twelve(
    kc: Kc, quarter: None, isolated: Path
) -> None:
    kc("report", "--quarter", "2025-Q3", "--to", "15/08/2025", "--output", "-", "--format", "md", code=1)
    notes = isolated / "n.md"
    notes.write_text("\n".join(f"## Nội dung số {i}\nĐã thực hiện.\n" for i in range(1, 14)), encoding="utf-8")
    text = kc("report", "--quarter", "2025-Q3", "--notes", str(notes), "--output", "-", "--format", "md").stdout
    assert "## XVI. Nội dung số 13" in text


def test_status_year_outside_the_plan_and_outputs_it_cannot_write_are_refused(kc: Kc, isolated: Path) -> None:
    for year in ("0", "2019", "10000"):
        assert "Lỗi:" not in kc("status", "--year", year, code=1).stderr
    kc("status", "--output", str(isolated / "s.xlsx"), code=1)
    assert not (isolated / "s.xlsx").exists()


def test_a_period_still_running_is_not_closed_and_a_closed_one_names_its_id(kc: Kc) -> None:
    assert "--allow-future" in kc("close", "2024-Q2", code=1).stderr  # today is 25/06/2024
    closed = kc("close", "2024-Q1").stdout
    assert kc.json("status", "--format", "json")["closed"]["period"] == "2024-Q1" and "mã " in closed


def test_a_hidden_list_sheet_beside_the_data_does_not_block_the_import(kc: Kc, isolated: Path) -> None:
    source = workbook(isolated / "ds.xlsx", {"Số liệu": [HEADER, [datetime(2024, 3, 1), 4, 10, 1]],
                                            "DanhMuc": [["Bát Xát"], ["Sa Pa"], ["Bắc Hà"]]})  # fmt: skip
    kc("import", str(source))
    assert spent(kc, "may-moc-thiet-bi") == 10_000_000


def test_numbered_headings_and_a_word_line_break_in_a_table_cell(kc: Kc, quarter: None, isolated: Path) -> None:
    notes = isolated / "n.md"
    table = "| Địa bàn | Ghi chú |\n|---|---|\n| Bát Xát | dòng một\vdòng hai |\n"
    notes.write_text(f"## II. KHÓ KHĂN, VƯỚNG MẮC\n\nMưa lũ.\n\n## Đề xuất và kiến nghị\n\nThêm vốn.\n\n{table}",
                     encoding="utf-8")  # fmt: skip
    text = kc("report", "--quarter", "2025-Q3", "--notes", str(notes), "--output", "-", "--format", "md").stdout
    assert "[Nêu" not in text and text.count("## ") == 3
    assert "| Bát Xát | dòng một  \ndòng hai |" not in text and "dòng hai" in text
    doc = docx_report(kc, isolated, "--quarter", "2025-Q3", "--notes", str(notes))
    assert [[c.text for c in row.cells] for row in doc.tables[2].rows][1] == ["Bát Xát", "dòng một\ndòng hai"]


def test_a_note_that_starts_with_an_apostrophe_survives_the_export_round_trip(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "1", "--date", "2024-03-01", "--note", "'-5 hộ không nhận")
    exported = isolated / "e.csv"
    kc("export", "--entries", "--output", str(exported))
    other = isolated / "khac.jsonl"
    kc("import", str(exported), "--ledger", str(other))
    assert kc.json("log", "--format", "json", "--ledger", str(other))[0]["note"] == "'-5 hộ không nhận"


def test_a_conflict_copy_of_a_kept_plan_is_not_a_plan(kc: Kc, isolated: Path, home: Path) -> None:
    kc("plan", "use", str(next_plan(kc, isolated)))
    kept = home / "plans" / "lao-cai-2026-2030.toml"
    (home / "plans" / "lao-cai-2026-2030-DESKTOP-ABC.toml").write_bytes(kept.read_bytes())
    assert [p["id"] for p in kc.json("plan", "list", "--format", "json")] == ["lao-cai-2021-2025", "lao-cai-2026-2030"]


def test_a_plan_validated_by_a_kc_of_another_shape_is_validated_again(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgraded kc read a stale cached plan of the same version and crashed (AttributeError)."""
    import pickle
    from dataclasses import replace

    from kc_tracker import plan as plan_module

    kc("status")
    (cached,) = (isolated / "home" / "cache" / "plans").glob("*.pickle")
    stale = pickle.loads(cached.read_bytes())
    cached.write_bytes(pickle.dumps(replace(stale, plan=replace(stale.plan, title="BẢN CŨ"))))
    assert status(kc)["plan"]["title"] == "BẢN CŨ"  # the cache is what a kc of this shape reads
    monkeypatch.setattr(plan_module, "_MODELS", "00000000")  # another build of kc
    assert status(kc)["plan"]["title"] == "Kế hoạch khuyến công tỉnh Lào Cai giai đoạn 2021–2025"
