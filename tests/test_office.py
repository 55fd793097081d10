"""What an office needs around the loop: import, breakdowns, pace, indicators, funding, reallocations,
closed periods, the next plan, distinct beneficiaries, localities, several ledgers, richer exports."""

import csv
import io
import json
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import Kc


def line(status: dict, line_id: str) -> dict:
    return next(x for x in status["lines"] if x["id"] == line_id)


def status_json(kc: Kc, *args: str) -> dict:
    return kc.json("status", *args, "--format", "json")


def write_csv(path: Path, rows: list[list[str]], bom: bool = True) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return path


# --- import -------------------------------------------------------------------------------------

ROWS = [
    ["date", "line", "amount", "count", "locality", "beneficiary", "source"],
    ["2024-01-05", "4", "1.250", "2", "Bát Xát", "HTX Chè Tả Phìn", "trung-uong"],
    ["2024-01-06", "nhan-hieu", "35", "1", "Sa Pa", "HTX Mận", "dia-phuong"],
    ["2024-01-06", "nhan-hieu", "35", "1", "Sa Pa", "HTX Mận", "dia-phuong"],  # identical: both count, once
]


@pytest.mark.parametrize("bom", [True, False])
def test_import_csv_then_reimport_adds_nothing(kc: Kc, isolated: Path, ledger_path: Path, bom: bool) -> None:
    source = write_csv(isolated / "thang-1.csv", ROWS, bom=bom)
    out = kc("import", str(source)).stdout
    assert "3 hàng" in out
    status = status_json(kc)
    assert line(status, "may-moc-thiet-bi")["spent_vnd"] == 1_250_000_000
    assert line(status, "nhan-hieu")["spent_vnd"] == 70_000_000 and line(status, "nhan-hieu")["done_count"] == 2
    before = ledger_path.read_bytes()
    again = kc.json("import", str(source), "--format", "json")
    assert again["added"] == 0 and again["already"] == 3
    assert ledger_path.read_bytes() == before
    kinds = [json.loads(raw)["kind"] for raw in ledger_path.read_bytes().splitlines()]
    assert kinds == ["header", "batch", "record", "record", "record", "batch_end"]  # a file is one batch of lines


def test_import_xlsx_first_sheet(kc: Kc, isolated: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["date", "line", "amount_vnd", "count", "note"])
    sheet.append(["2024-03-01", "may-moc-thiet-bi", 500_000_000, 1, "=1+1"])
    sheet["E2"].data_type = "s"  # text that looks like a formula, as a user typed it
    sheet.append(["2024-03-02", 9, 250_000_000, None, "cụm Bắc Duyên Hải"])
    book.create_sheet("ignored").append(["date", "line", "amount_vnd"])
    path = isolated / "quy-1.xlsx"
    book.save(path)
    kc("import", str(path))
    status = status_json(kc)
    assert line(status, "may-moc-thiet-bi")["spent_vnd"] == 500_000_000
    assert line(status, "cum-cong-nghiep")["spent_vnd"] == 250_000_000
    assert [row["note"] for row in kc.json("log", "--format", "json")] == ["=1+1", "cụm Bắc Duyên Hải"]


def test_import_is_all_or_nothing_and_lists_every_bad_row(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("record", "1", "--amount", "1")
    before = ledger_path.read_bytes()
    source = write_csv(
        isolated / "sai.csv",
        [
            ["date", "line", "amount"],
            ["2024-01-05", "4", "100"],
            ["2024-01-05", "4", "1.5"],
            ["2024-13-01", "4", "1"],
            ["2024-01-05", "99", "1"],
            ["2024-01-05", "8", "31"],  # over the 30 triệu budget
        ],
    )
    result = kc("import", str(source), code=1)
    for row in ("hàng 3:", "hàng 4:", "hàng 5:", "hàng 6:"):
        assert row in result.stderr
    assert "hàng 2:" not in result.stderr and "--allow-over-budget" in result.stderr
    assert ledger_path.read_bytes() == before
    kc("import", str(source), "--allow-over-budget", code=1)  # the other rows are still bad


def test_import_skips_blank_rows_and_keeps_the_spreadsheet_row_numbers(kc: Kc, isolated: Path) -> None:
    blank = write_csv(isolated / "trong.csv", [["date", "line", "amount"], ["", "", ""], [" ", "", " "]])
    assert "không có hàng dữ liệu nào" in kc("import", str(blank), code=1).stderr
    rows = [["date", "line", "amount"], ["2024-01-05", "4", "100"], ["", "", ""], [" ", " ", ""],
            ["2024-13-01", "4", "1"]]  # fmt: skip
    result = kc("import", str(write_csv(isolated / "co-hang-trong.csv", rows)), code=1)
    assert "hàng 5:" in result.stderr and "hàng 3:" not in result.stderr and "hàng 4:" not in result.stderr
    rows[-1][0] = "2024-01-06"
    assert kc.json("import", str(write_csv(isolated / "sua.csv", rows)), "--format", "json")["added"] == 2


def test_import_flags_apply_row_by_row(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "vuot.csv", [["date", "line", "amount"], ["2024-01-05", "8", "31"]])
    kc("import", str(source), code=1)
    kc("import", str(source), "--allow-over-budget")
    assert line(status_json(kc), "thong-tin-tuyen-truyen")["remaining_vnd"] == -1_000_000
    late = write_csv(isolated / "muon.csv", [["date", "line", "amount"], ["2026-02-01", "8", "1"]])
    assert "--allow-outside-period" in kc("import", str(late), "--allow-over-budget", code=1).stderr
    assert "--allow-future" in kc("import", str(late), "--allow-over-budget", "--allow-outside-period", code=1).stderr
    kc("import", str(late), "--allow-over-budget", "--allow-outside-period", "--allow-future")


def test_import_refuses_unknown_columns_with_the_closest_name(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "cot.csv", [["date", "line", "amout"], ["2024-01-05", "4", "1"]])
    assert "“amount”" in kc("import", str(source), code=1).stderr
    both = write_csv(isolated / "hai.csv", [["date", "line", "amount", "amount_vnd"], ["2024-01-05", "4", "1", "1"]])
    assert "amount_vnd" in kc("import", str(both), code=1).stderr


def test_import_dry_run_writes_nothing(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    source = write_csv(isolated / "thu.csv", ROWS)
    out = kc("import", str(source), "--dry-run").stdout
    assert "chưa ghi" in out and "nội dung số 4 (Máy móc thiết bị)" in out and "nội dung số 6 (Nhãn hiệu)" in out
    assert not ledger_path.exists()


def test_exported_entries_import_back_with_identical_totals(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--locality", "Bát Xát", "--note", "+tranche 1")
    kc("record", "6", "--amount", "35", "--count", "1", "--source", "dia-phuong", "--counterpart", "10")
    voided = kc.json("record", "10", "--amount", "0,5", "--format", "json")
    kc("void", voided["id"], "--reason", "nhầm")
    exported = isolated / "entries.csv"
    kc("export", "--format", "csv", "--entries", "--output", str(exported))
    other = isolated / "other" / "ledger.jsonl"
    result = kc.json("import", str(exported), "--ledger", str(other), "--format", "json")
    assert result["added"] == 2 and result["skipped_voided"] == 1
    original, copy = status_json(kc), status_json(kc, "--ledger", str(other))
    assert copy["totals"] == original["totals"]
    assert [x["spent_vnd"] for x in copy["lines"]] == [x["spent_vnd"] for x in original["lines"]]
    assert kc.json("log", "--ledger", str(other), "--format", "json")[0]["note"] == "+tranche 1"


# --- breakdowns, periods ------------------------------------------------------------------------


@pytest.fixture
def spread(kc: Kc) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--date", "2023-02-10", "--locality", "Bát Xát",
       "--source", "trung-uong")  # fmt: skip
    kc("record", "4", "--amount", "200", "--date", "2023-08-01", "--locality", "Ba\u0301t Xa\u0301t")
    kc("record", "6", "--amount", "35", "--count", "1", "--date", "2024-04-02", "--locality", "Sa Pa",
       "--source", "dia-phuong")  # fmt: skip
    kc("record", "10", "--amount", "50", "--date", "2024-05-30")


def test_breakdown_by_quarter_year_locality_source(kc: Kc, spread: None) -> None:
    by_quarter = status_json(kc, "--by", "quarter")
    assert by_quarter["by"] == "quarter"
    assert [(g["key"], g["spent_vnd"]) for g in by_quarter["groups"]] == [
        ("2023-Q1", 100_000_000), ("2023-Q3", 200_000_000), ("2024-Q2", 85_000_000),
    ]  # fmt: skip
    assert by_quarter["groups"][2]["lines"] == {
        "nhan-hieu": {"spent_vnd": 35_000_000, "done_count": 1},
        "noi-dung-khac": {"spent_vnd": 50_000_000, "done_count": 0},
    }
    assert [g["key"] for g in status_json(kc, "--by", "year")["groups"]] == ["2023", "2024"]
    localities = {g["key"]: g["spent_vnd"] for g in status_json(kc, "--by", "locality")["groups"]}
    assert localities == {"Bát Xát": 300_000_000, "Sa Pa": 35_000_000, None: 50_000_000}  # NFC: one Bát Xát
    sources = {g["key"]: g["spent_vnd"] for g in status_json(kc, "--by", "source")["groups"]}
    assert sources == {"trung-uong": 100_000_000, "dia-phuong": 35_000_000, None: 250_000_000}
    table = kc("status", "--by", "quarter").stdout
    assert "quý III/2023" in table and "Chi tiết theo quý" in table
    assert kc("status", "--by", "quarter", "--format", "csv").stdout.startswith("by,key,line,spent_vnd,done_count")


def test_from_to_reports_one_period(kc: Kc, spread: None) -> None:
    status = status_json(kc, "--from", "2023-07-01", "--to", "2023-12-31")
    assert status["from"] == "2023-07-01" and status["as_of"] == "2023-12-31"
    machinery = line(status, "may-moc-thiet-bi")
    assert machinery["spent_vnd"] == 200_000_000  # only the period
    assert machinery["remaining_vnd"] == 14_750_000_000 - 300_000_000  # what is left at the period's end
    assert status["totals"]["spent_vnd"] == 200_000_000
    export = kc.json("export", "--format", "json", "--from", "2023-07-01", "--to", "2023-12-31")
    assert export["meta"]["from"] == "2023-07-01" and export["totals"]["spent_vnd"] == 200_000_000
    assert "--from" in kc("status", "--from", "2024-01-01", "--to", "2023-01-01", code=1).stderr


def test_localities_listed_by_the_plan(kc: Kc, spread: None, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    text = text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nlocalities = ["Bát Xát", "Bắc Hà", "Mường Khương"]\n')
    plan_path.write_text(text, encoding="utf-8")
    groups = status_json(kc, "--by", "locality")["groups"]
    assert [(g["key"], g["listed"]) for g in groups] == [
        ("Bát Xát", True), ("Bắc Hà", True), ("Mường Khương", True), ("Sa Pa", False), (None, False),
    ]  # fmt: skip
    assert groups[1]["spent_vnd"] == 0
    assert "ngoài danh sách" in kc("status", "--by", "locality").stdout


# --- pace ---------------------------------------------------------------------------------------


def test_pace_on_the_first_day_and_at_the_end(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    first = status_json(kc, "--as-of", "2021-01-01")
    assert first["elapsed_pct"] == 0.0
    assert {x["pace"] for x in first["lines"]} == {"on-track"}
    end = status_json(kc, "--as-of", "2025-12-31")
    assert end["elapsed_pct"] == 100.0 and {x["pace"] for x in end["lines"]} == {"behind"}
    kc("record", "8", "--amount", "30", "--count", "1", "--date", "2021-03-01")
    kc("record", "4", "--amount", "14.750", "--count", "10", "--date", "2021-06-01")
    middle = status_json(kc, "--as-of", "2023-07-02")
    assert 49 < middle["elapsed_pct"] < 51
    assert line(middle, "thong-tin-tuyen-truyen")["pace"] == "done"
    assert line(middle, "may-moc-thiet-bi")["pace"] == "behind"  # money gone, 10 of 77 done
    assert line(middle, "tu-van")["pace"] == "behind"
    table = kc("status", "--as-of", "2023-07-02").stdout
    assert "chậm tiến độ" in next(row for row in table.splitlines() if "Tư vấn" in row)
    final = kc("status", "--as-of", "2026-01-10")
    assert "Báo cáo tổng kết" in final.stdout
    assert status_json(kc, "--as-of", "2026-01-10")["final"] is True


# --- indicators ---------------------------------------------------------------------------------


def test_measure_records_yearly_values(kc: Kc) -> None:
    kc("measure", "gia-tri-san-xuat", "--year", "2022", "--value", "4.500,5")
    kc("measure", "gia-tri-san-xuat", "--year", "2023", "--value", "4.800")
    kc("measure", "gia-tri-san-xuat", "--year", "2023", "--value", "4.900")  # a correction
    indicator = status_json(kc)["indicators"][0]
    assert indicator["values"] == {"2022": 4500.5, "2023": 4900}
    assert indicator["latest"] == {"year": 2023, "value": 4900}
    assert indicator["target"] == 5500 and indicator["unit"] == "tỷ đồng"
    assert "năm 2023: 4.900 tỷ đồng" in kc("status").stdout
    assert "gia-tri-san-xuat" in kc("measure", "gdp", "--year", "2023", "--value", "1", code=1).stderr
    kc("measure", "gia-tri-san-xuat", "--year", "2023", "--value", "-1", code=1)


# --- funding source, counterpart, ceiling -------------------------------------------------------


def test_counterpart_leverage_and_ceiling(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8").replace(
        "budget_vnd = 1_435_000_000\n", "budget_vnd = 1_435_000_000\nceiling_vnd = 35_000_000\n"
    )
    plan_path.write_text(text, encoding="utf-8")
    kc("record", "6", "--amount", "35", "--count", "1", "--counterpart", "70", "--source", "trung-uong")
    assert "--allow-over-ceiling" in kc("record", "6", "--amount", "36", code=1).stderr
    kc("record", "6", "--amount", "36", "--allow-over-ceiling", "--counterpart", "0,5 tỷ")
    trademarks = line(status_json(kc), "nhan-hieu")
    assert trademarks["counterpart_vnd"] == 570_000_000
    assert trademarks["leverage"] == round(570 / 71, 2)
    assert status_json(kc)["totals"]["counterpart_vnd"] == 570_000_000
    assert "Vốn đối ứng" in kc("status").stdout
    assert "trung-uong" in kc("record", "6", "--amount", "1", "--source", "tinh", code=1).stderr


# --- reallocations ------------------------------------------------------------------------------


def test_adjust_moves_budget_and_is_voidable(kc: Kc) -> None:
    kc("record", "10", "--amount", "7.000")
    moved = kc.json("adjust", "--from", "10", "--to", "4", "--amount", "900", "--decision", "QĐ 45/QĐ-UBND",
                    "--date", "2024-03-01", "--format", "json")  # fmt: skip
    status = status_json(kc)
    assert line(status, "noi-dung-khac")["budget_vnd"] == 7_060_000_000
    assert line(status, "noi-dung-khac")["original_budget_vnd"] == 7_960_000_000
    assert line(status, "may-moc-thiet-bi")["budget_vnd"] == 15_650_000_000
    assert status["totals"]["budget_vnd"] == 44_500_000_000 == status["totals"]["original_budget_vnd"]
    assert status["adjustments"][0]["decision"] == "QĐ 45/QĐ-UBND"
    assert "QĐ 45/QĐ-UBND" in kc("plan", "show").stdout
    refused = kc("adjust", "--from", "10", "--to", "4", "--amount", "100", "--decision", "QĐ 46", "--date",
                 "2024-03-02", code=1)  # fmt: skip
    assert "nội dung số 10 (Nội dung khác)" in refused.stderr  # 7.060 − 100 is below the 7.000 spent
    kc("adjust", "--from", "8", "--to", "4", "--amount", "31", "--decision", "x", "--date", "2024-03-02", code=1)
    kc("void", moved["id"], "--reason", "quyết định bị thu hồi")
    assert line(status_json(kc), "may-moc-thiet-bi")["budget_vnd"] == 14_750_000_000
    assert status_json(kc)["adjustments"] == []


# --- the next plan ------------------------------------------------------------------------------


def test_plan_new_writes_a_loadable_template(kc: Kc, isolated: Path) -> None:
    target = isolated / "plan_2026_2030.toml"
    kc("plan", "new", str(target), "--start", "2026-01-01", "--end", "2030-12-31")
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["plan"]["id"] == "lao-cai-2026-2030" and data["plan"]["title"].endswith("2026–2030")
    assert [x["id"] for x in data["lines"]][3] == "may-moc-thiet-bi"
    assert {x["budget"] for x in data["lines"]} == {"0"} and data["lines"][9].get("target") is None
    assert data["lines"][3]["short_name"] == "Máy móc thiết bị" and data["report"]["abbreviation"] == "TTKC"
    assert data["lines"][0]["unit"] == "cơ sở" and data["lines"][0]["target"] == 0
    other = isolated / "new-ledger.jsonl"
    status = status_json(kc, "--plan", str(target), "--ledger", str(other), "--as-of", "2026-02-01")
    assert status["totals"]["budget_vnd"] == 0 and status["plan"]["start"] == "2026-01-01"
    before = target.read_bytes()
    assert "không ghi đè" in kc("plan", "new", str(target), "--start", "2026-01-01", "--end", "2030-12-31",
                                code=1).stderr  # fmt: skip
    assert target.read_bytes() == before


# --- distinct beneficiaries ---------------------------------------------------------------------


def test_a_facility_paid_in_two_tranches_is_one_facility(kc: Kc) -> None:
    kc("record", "4", "--amount", "500", "--count", "1", "--beneficiary", "HTX Chè Tả Phìn")
    second = kc("record", "4", "--amount", "500", "--count", "1", "--beneficiary", "  htx  chè tả phìn ")
    assert "đã được tính số lượng" in second.stderr
    kc("record", "4", "--amount", "100", "--beneficiary", "Công ty Mận Bắc Hà")
    machinery = line(status_json(kc), "may-moc-thiet-bi")
    assert machinery["done_count"] == 2 and machinery["beneficiaries"] == 2
    report = kc.json("check", "--format", "json")
    assert report["ok"] is True and any("“HTX Chè Tả Phìn”" in w for w in report["warnings"])  # as first written


# --- closing a period ---------------------------------------------------------------------------


def test_closed_period_refuses_changes_behind_anyones_back(
    kc: Kc, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_TODAY", "2024-07-15")  # a quarter is closed once it has ended
    inside = kc.json("record", "4", "--amount", "100", "--date", "2024-05-10", "--format", "json")
    kc("close", "2024-Q2")
    assert "không ghi thêm" in kc("close", "2024-q2").stdout
    assert status_json(kc)["closed"] == {"period": "2024-Q2", "start": "2024-04-01", "end": "2024-06-30"}
    before = ledger_path.read_bytes()
    assert "quý II/2024" in kc("record", "4", "--amount", "1", "--date", "2024-06-30", code=1).stderr
    kc("void", inside["id"], "--reason", "x", code=1)
    kc("adjust", "--from", "10", "--to", "4", "--amount", "1", "--decision", "x", "--date", "2024-04-01", code=1)
    assert ledger_path.read_bytes() == before
    kc("record", "4", "--amount", "1", "--date", "2024-07-01")
    kc("record", "4", "--amount", "1", "--date", "2024-06-30", "--allow-closed")
    kc("void", inside["id"], "--reason", "x", "--allow-closed")
    assert "quý II/2024" in kc("status").stdout
    for text in ("2024-13", "24-Q1", "2024-Q5"):
        kc("close", text, code=1)


# --- several ledgers ----------------------------------------------------------------------------


def test_reading_commands_add_ledgers_up_and_writers_take_one(kc: Kc, isolated: Path) -> None:
    bat_xat, sa_pa = isolated / "bat-xat.jsonl", isolated / "sa-pa.jsonl"
    kc("record", "4", "--amount", "100", "--ledger", str(bat_xat))
    kc("record", "4", "--amount", "50", "--ledger", str(sa_pa))
    both = status_json(kc, "--ledger", str(bat_xat), "--ledger", str(sa_pa))
    assert line(both, "may-moc-thiet-bi")["spent_vnd"] == 150_000_000
    assert len(kc.json("log", "--ledger", str(bat_xat), "--ledger", str(sa_pa), "--format", "json")) == 2
    meta = kc.json("export", "--ledger", str(bat_xat), "--ledger", str(sa_pa))["meta"]
    assert str(bat_xat) in meta["ledger_file"] and str(sa_pa) in meta["ledger_file"]
    kc("record", "4", "--amount", "1", "--ledger", str(bat_xat), "--ledger", str(sa_pa), code=2)


# --- exports an office sends upward -------------------------------------------------------------


def test_xlsx_has_a_chart_and_a_breakdown_sheet(kc: Kc, spread: None, isolated: Path) -> None:
    out = isolated / "bao-cao.xlsx"
    kc("export", "--output", str(out), "--by", "locality")
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Biểu đồ", "Bút toán", "Theo địa bàn", "Thông tin"]
    rows = list(book["Theo địa bàn"].values)
    assert rows[2] == ("Địa bàn", "Nội dung hỗ trợ", "Giải ngân", "Thực hiện")
    assert ("Sa Pa", "6. Nhãn hiệu", 35_000_000, 1) in rows
    with zipfile.ZipFile(out) as archive:
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())
    about = dict(book["Thông tin"].values)
    assert about["Phiên bản kc"] and len(about["Mã xác thực tệp kế hoạch (SHA-256)"]) == 64


def test_markdown_and_csv_per_breakdown(kc: Kc, spread: None) -> None:
    md = kc("export", "--format", "md", "--by", "year").stdout
    assert "Chi tiết theo năm" in md and "| năm 2023 | Máy móc thiết bị | 300 | 1 |" in md
    rows = list(csv.DictReader(io.StringIO(kc("export", "--format", "csv", "--by", "source").stdout)))
    assert {(r["key"], r["line"], r["spent_vnd"]) for r in rows} >= {("trung-uong", "may-moc-thiet-bi", "100000000")}
    assert rows[0]["ledger_tip"]


def test_english_export_headers(kc: Kc, spread: None, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    out = isolated / "report.xlsx"
    kc("export", "--output", str(out))
    assert load_workbook(out).sheetnames == ["Summary", "Chart", "Entries", "About"]
    md = kc("export", "--format", "md").stdout
    assert "14,750" in md and "Language: `en`" in md
    assert json.loads(kc("export").stdout)["meta"]["lang"] == "en"


def test_tables_and_markdown_write_dates_for_the_language(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = kc.json("record", "4", "--amount", "1", "--date", "2024-06-20", "--format", "json")
    kc("void", entry["id"], "--reason", "nhầm")
    assert "Tính đến ngày 25/06/2024" in kc("status").stdout
    log = kc("log").stdout
    assert "20/06/2024" in log and "ĐÃ HỦY" in log and "25/06/2024:" in log
    assert "| 20/06/2024 |" in kc("export", "--format", "md", "--entries").stdout
    assert kc.json("log", "--format", "json")[0]["date"] == "2024-06-20"  # data stays ISO
    monkeypatch.setenv("KC_LANG", "en")
    assert "As of 2024-06-25" in kc("status").stdout and "2024-06-20" in kc("log").stdout
