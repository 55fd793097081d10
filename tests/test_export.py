"""Exports sent upward: CSV that Excel opens, JSON with meta, Markdown, XLSX with real numbers, no formulas."""

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .conftest import Kc

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture
def recorded(kc: Kc) -> dict:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--locality", "Bát Xát", "--note", HOSTILE[0])
    kc("record", "6", "--amount", "35", "--count", "1", "--beneficiary", HOSTILE[1], "--locality", HOSTILE[2])
    entry = kc.json("record", "10", "--amount", "0,5", "--note", HOSTILE[3], "--format", "json")
    kc("void", entry["id"], "--reason", "=cmd|' /C calc'!A0")
    return kc.json("check", "--format", "json")


def test_json_export_is_status_plus_meta(kc: Kc, recorded: dict, ledger_path: Path) -> None:
    data = kc.json("export", "--format", "json")
    status = kc.json("status", "--format", "json")
    meta = data.pop("meta")
    assert data == status
    assert meta["ledger_tip"] == recorded["tip"] and len(meta["ledger_tip"]) == 64
    assert meta["plan_id"] == "lao-cai-2021-2025" and len(meta["plan_sha256"]) == 64
    assert meta["as_of"] == "2024-06-25" and meta["lang"] == "vi"
    assert meta["ledger_file"] == str(ledger_path)


def test_csv_file_has_a_bom_and_opens_as_data(kc: Kc, recorded: dict, isolated: Path) -> None:
    out = isolated / "tong-hop.csv"
    kc("export", "--output", str(out))  # the extension decides the format
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))  # as Vietnamese Excel reads it
    assert len(rows) == 10
    machinery = rows[3]
    assert machinery["id"] == "may-moc-thiet-bi" and machinery["budget_vnd"] == "14750000000"
    assert machinery["spent_pct"] == "8,5"
    assert machinery["spent_vnd"] == "1250000000" and machinery["remaining_vnd"] == "13500000000"
    assert rows[9]["target_count"] == ""  # no count on line 10
    assert rows[0]["ledger_tip"] == recorded["tip"]


def test_entries_csv_never_starts_a_cell_with_a_formula(kc: Kc, recorded: dict) -> None:
    text = kc("export", "--format", "csv", "--entries").stdout
    assert not text.startswith("\ufeff")  # no BOM on stdout: it is for pipes
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for hostile in HOSTILE:
        assert "'" + hostile in cells
    header = rows[0]
    assert header[:5] == ["id", "line", "line_number", "date", "amount_vnd"]
    amounts = sorted(int(row[header.index("amount_vnd")]) for row in rows[1:])
    assert amounts == [500_000, 35_000_000, 1_250_000_000]


def test_xlsx_has_summary_chart_entries_and_about_sheets(kc: Kc, recorded: dict, isolated: Path) -> None:
    out = isolated / "bao-cao.xlsx"
    kc("export", "--output", str(out))
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Biểu đồ", "Bút toán", "Thông tin"]
    summary = book["Tổng hợp"]
    assert summary["A1"].value == "Kế hoạch khuyến công tỉnh Lào Cai giai đoạn 2021–2025"
    assert summary["A2"].value == "Tính đến ngày 25/06/2024" and summary["A3"].value == "Đơn vị tính: triệu đồng"
    machinery = next(row for row in summary.iter_rows(min_row=5) if row[0].value == 4)
    budget, spent = machinery[6], machinery[7]  # kinh phí sau điều chỉnh, lũy kế giải ngân
    assert budget.value == 14_750_000_000 and spent.value == 1_250_000_000  # exact đồng ...
    assert isinstance(spent.value, int) and budget.number_format == "#,##0,,"  # ... shown in triệu đồng
    entries_sheet = book["Bút toán"]
    for row in entries_sheet.iter_rows(min_row=4):
        for cell in row:
            assert cell.data_type != "f", cell.value
    texts = {cell.value for row in entries_sheet.iter_rows() for cell in row}
    assert set(HOSTILE) <= texts  # the text is kept exactly, as text
    about = dict(book["Thông tin"].values)
    assert recorded["tip"] in about.values()


def test_xlsx_entries_sheet_holds_what_json_entries_hold(kc: Kc, recorded: dict, isolated: Path) -> None:
    kc("record", "7", "--amount", "2", "--note", "  lề & <b>  ", "--ref", "r-1")
    out = isolated / "cac-khoan.xlsx"
    kc("export", "--format", "xlsx", "--entries", "--output", str(out))
    sheet = load_workbook(out)["Bút toán"]
    header = [cell.value for cell in sheet[3]]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=4)]
    entries = kc.json("export", "--format", "json", "--entries")["entries"]
    assert len(rows) == len(entries) == 4
    for row, entry in zip(rows, entries, strict=True):
        assert row["Mã bút toán"] == entry["id"] and row["Mã nội dung"] == entry["line"]
        assert row["Ngày"].date().isoformat() == entry["date"]  # a date, shown dd/mm/yyyy
        assert row["Số tiền (đồng)"] == entry["amount_vnd"]
        assert row["Đã hủy"] == ("Có" if entry["voided"] else "Không")
    assert rows[-1]["Ghi chú"] == "lề & <b>"  # escaped in XML, whole in the cell


def test_markdown_export_says_what_it_is(kc: Kc, recorded: dict) -> None:
    md = kc("export", "--format", "md").stdout
    assert md.startswith("# Kế hoạch khuyến công")
    assert recorded["tip"] in md and "25/06/2024" in md and "2024-06-25" not in md
    assert "| 4 |" in md and "1.250" in md
    entries_md = kc("export", "--format", "md", "--entries").stdout
    assert "Bát Xát" in entries_md and "ĐÃ HỦY" in entries_md


def test_export_refuses_what_it_cannot_write(kc: Kc, isolated: Path) -> None:
    assert "--output" in kc("export", "--format", "xlsx", code=1).stderr
    assert "--format" in kc("export", "--output", str(isolated / "x.pdf"), code=1).stderr
    mismatch = kc("export", "--format", "xlsx", "--output", str(isolated / "bao-cao.csv"), code=1).stderr
    assert "--format xlsx" in mismatch and not (isolated / "bao-cao.csv").exists()
    folder = isolated / "a-folder.csv"
    folder.mkdir()
    assert str(folder) in kc("export", "--output", str(folder), code=1).stderr


def test_json_entries_export(kc: Kc, recorded: dict) -> None:
    data = kc.json("export", "--format", "json", "--entries")
    assert data["meta"]["ledger_tip"] == recorded["tip"]
    assert [e["voided"] for e in data["entries"]] == [False, False, True]
    voided = data["entries"][2]
    assert voided["amount_vnd"] == 500_000 and voided["date"] == "2024-06-25" and voided["void_date"] == "2024-06-25"
    assert json.loads(json.dumps(data["entries"])) == data["entries"]  # plain JSON values, ISO dates, integers


def test_xlsx_summary_ends_with_the_totals(kc: Kc, recorded: dict, isolated: Path) -> None:
    out = isolated / "bao-cao.xlsx"
    kc("export", "--format", "xlsx", "--output", str(out))
    rows = list(load_workbook(out)["Tổng hợp"].values)
    totals = next(row for row in rows if row[1] == "Tổng cộng")
    assert rows.index(totals) == 4 + 10  # after the title, as-of and unit rows, the header row and the ten lines
    assert totals[6] == 44_500_000_000 and totals[7] == 1_285_000_000
