"""The daily loop through the real CLI: status, record, void, log, plan show, and every refusal."""

import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Kc

LINE_KEYS = {
    "id", "number", "name", "short_name", "unit", "target_count", "done_count", "remaining_count",
    "budget_vnd", "spent_vnd", "remaining_vnd", "spent_pct", "done_pct",
    "original_budget_vnd", "counterpart_vnd", "leverage", "beneficiaries", "pace",
    "cumulative_spent_vnd", "cumulative_done_count",
    "year_budget_vnd", "year_target_count", "year_remaining_vnd", "year_remaining_count", "year_spent_pct",
    "year_done_pct", "committed_vnd", "uncommitted_vnd", "projects",
}  # fmt: skip
STATUS_KEYS = {
    "plan", "as_of", "lines", "totals", "indicators", "unplanned_lines", "from", "year", "elapsed_pct", "final",
    "adjustments", "closed", "by", "groups", "overdue_projects",
}  # fmt: skip


def line(status: dict, line_id: str) -> dict:
    return next(x for x in status["lines"] if x["id"] == line_id)


def test_seed_status_json_has_the_plan_figures(kc: Kc) -> None:
    status = kc.json("status", "--format", "json")
    assert set(status) == STATUS_KEYS
    assert status["plan"] == {
        "id": "lao-cai-2021-2025",
        "title": "Kế hoạch khuyến công tỉnh Lào Cai giai đoạn 2021–2025",
        "start": "2021-01-01",
        "end": "2025-12-31",
    }
    assert status["as_of"] == "2024-06-25"
    assert [x["id"] for x in status["lines"]] == [
        "thanh-lap-doanh-nghiep", "mo-hinh-trinh-dien", "san-xuat-sach-hon", "may-moc-thiet-bi",
        "binh-chon-san-pham", "nhan-hieu", "tu-van", "thong-tin-tuyen-truyen", "cum-cong-nghiep", "noi-dung-khac",
    ]  # fmt: skip
    assert [x["number"] for x in status["lines"]] == list(range(1, 11))
    assert [x["budget_vnd"] // 1_000_000 for x in status["lines"]] == [
        270,
        3640,
        1800,
        14750,
        1050,
        1435,
        1365,
        30,
        12200,
        7960,
    ]
    assert [x["target_count"] for x in status["lines"]] == [27, 14, 8, 77, 18, 41, 40, 1, 24, None]
    for x in status["lines"]:
        assert set(x) == LINE_KEYS
        assert x["spent_vnd"] == 0 and x["remaining_vnd"] == x["budget_vnd"]
    other = line(status, "noi-dung-khac")
    assert other["unit"] is None and other["done_count"] is None and other["remaining_count"] is None
    assert other["done_pct"] is None
    totals = status["totals"]
    assert totals["budget_vnd"] == 44_500_000_000 == totals["remaining_vnd"]
    assert totals["spent_vnd"] == 0
    assert totals["counts_by_unit"] == [
        {"unit": "cơ sở", "target_count": 207, "done_count": 0, "remaining_count": 207},
        {"unit": "lượt", "target_count": 18, "done_count": 0, "remaining_count": 18},
        {"unit": "nội dung", "target_count": 25, "done_count": 0, "remaining_count": 25},
    ]
    assert status["indicators"][0]["id"] == "gia-tri-san-xuat"
    assert status["indicators"][0]["target"] == 5500
    assert status["indicators"][0]["unit"] == "tỷ đồng"


def test_status_table_reads_in_vietnamese_at_100_columns(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2")
    out = kc("status").stdout
    assert max(len(row) for row in out.splitlines()) <= 100
    assert "44.500" in out and "14.750" in out and "13.500" in out and "1.250" in out
    assert "Tổng cộng" in out and "Giải ngân" in out and "Còn lại" in out
    machinery = next(row for row in out.splitlines() if "Máy móc thiết bị" in row).split()
    assert machinery[machinery.index("bị") + 1 : machinery.index("bị") + 3] == ["77", "2"]  # KH, TH
    assert "cơ sở 2/207" in out and "lượt 0/18" in out and "nội dung 0/25" in out
    assert "5.500 tỷ đồng" in out
    assert str(ledger_path) in out  # the footer names the ledger file


def test_status_never_creates_the_ledger(kc: Kc, ledger_path: Path) -> None:
    kc("status")
    kc("log")
    kc("status", "--format", "json")
    assert not ledger_path.exists() and not ledger_path.parent.exists()


def test_record_then_status_balances(kc: Kc) -> None:
    out = kc("record", "may-moc-thiet-bi", "--amount", "1.250", "--count", "2", "--locality", "Bát Xát").stdout
    assert "1.250" in out and "13.500" in out  # what was recorded and what is left
    kc("record", "4", "--amount", "125.000.000đ", "--count", "1")
    kc("record", "10", "--amount", "0,5 tỷ")
    kc("record", "nhan-hieu", "--amount", "35tr", "--count", "1")
    status = kc.json("status", "--format", "json")
    machinery = line(status, "may-moc-thiet-bi")
    assert machinery["spent_vnd"] == 1_375_000_000
    assert machinery["remaining_vnd"] == 14_750_000_000 - 1_375_000_000
    assert machinery["done_count"] == 3 and machinery["remaining_count"] == 74
    assert machinery["spent_pct"] == 9.3 and machinery["done_pct"] == 3.9
    assert line(status, "noi-dung-khac")["spent_vnd"] == 500_000_000
    assert line(status, "nhan-hieu")["spent_vnd"] == 35_000_000
    assert status["totals"]["spent_vnd"] == 1_910_000_000
    assert status["totals"]["remaining_vnd"] == 44_500_000_000 - 1_910_000_000
    units = {c["unit"]: c for c in status["totals"]["counts_by_unit"]}
    assert units["cơ sở"]["done_count"] == 4 and units["cơ sở"]["remaining_count"] == 203


def test_record_json_prints_the_entry(kc: Kc) -> None:
    entry = kc.json(
        "record", "2", "--amount", "260", "--count", "1", "--beneficiary", "HTX Mường Khương", "--format", "json"
    )
    assert entry["line"] == "mo-hinh-trinh-dien"
    assert entry["amount_vnd"] == 260_000_000
    assert entry["count"] == 1
    assert entry["date"] == "2024-06-25"
    assert entry["beneficiary"] == "HTX Mường Khương"
    assert len(entry["id"]) == 12 and len(entry["hash"]) == 64
    assert entry["noop"] is False
    assert entry["balance"]["remaining_vnd"] == 3_380_000_000
    assert entry["balance"]["remaining_count"] == 13


def test_void_stops_counting_and_both_stay_in_the_log(kc: Kc) -> None:
    first = kc.json("record", "4", "--amount", "1.000", "--count", "2", "--format", "json")
    kc("record", "4", "--amount", "500", "--count", "1")
    out = kc("void", first["id"], "--reason", "ghi nhầm số tiền").stdout
    assert "ghi nhầm số tiền" in out
    machinery = line(kc.json("status", "--format", "json"), "may-moc-thiet-bi")
    assert machinery["spent_vnd"] == 500_000_000 and machinery["done_count"] == 1
    log = kc.json("log", "--format", "json")
    assert log[0]["id"] == first["id"]
    voided = log[0]
    assert voided["voided"] is True and voided["void_reason"] == "ghi nhầm số tiền"
    assert voided["void_date"] == "2024-06-25"
    assert log[1]["voided"] is False
    table = kc("log").stdout
    assert "ĐÃ HỦY" in table and first["id"] in table


def test_void_again_is_a_noop_or_a_refusal(kc: Kc, ledger_path: Path) -> None:
    entry = kc.json("record", "4", "--amount", "1", "--format", "json")
    kc("void", entry["id"], "--reason", "trùng")
    before = ledger_path.read_bytes()
    assert "đã được hủy" in kc("void", entry["id"], "--reason", "trùng").stdout
    refused = kc("void", entry["id"], "--reason", "lý do khác", code=1)
    assert "đã bị hủy" in refused.stderr
    assert "không có bút toán" in kc("void", "000000000000", "--reason", "x", code=1).stderr
    void_id = kc.json("log", "--format", "json")[0]["void_id"]
    assert "bút toán hủy" in kc("void", void_id, "--reason", "x", code=1).stderr
    assert ledger_path.read_bytes() == before


def test_log_is_oldest_first_and_filters(kc: Kc) -> None:
    kc("record", "4", "--amount", "1", "--date", "2023-05-01", "--note", "b")
    kc("record", "6", "--amount", "2", "--date", "2022-01-10", "--note", "a")
    kc("record", "4", "--amount", "3", "--date", "2023-05-01", "--note", "c")
    log = kc.json("log", "--format", "json")
    assert [row["note"] for row in log] == ["a", "b", "c"]  # by date, then in the order recorded
    assert [row["note"] for row in kc.json("log", "--line", "4", "--format", "json")] == ["b", "c"]
    assert [row["note"] for row in kc.json("log", "--from", "2023-01-01", "--format", "json")] == ["b", "c"]
    assert [row["note"] for row in kc.json("log", "--to", "2022-12-31", "--format", "json")] == ["a"]
    csv_text = kc("log", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,line,line_number,date,amount_vnd")


def test_as_of_counts_only_records_dated_before(kc: Kc) -> None:
    kc("record", "4", "--amount", "100", "--date", "2022-03-01")
    kc("record", "4", "--amount", "200", "--date", "2023-03-01")
    assert (
        line(kc.json("status", "--as-of", "2022-12-31", "--format", "json"), "may-moc-thiet-bi")["spent_vnd"]
        == 100_000_000
    )
    assert line(kc.json("status", "--format", "json"), "may-moc-thiet-bi")["spent_vnd"] == 300_000_000


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["record", "4", "--amount", "1.5"], "1.5"),  # a group of one digit under vi
        (["record", "4", "--amount", "-5"], "âm"),
        (["record", "4", "--amount", "0,0000001"], "1 đồng"),
        (["record", "4", "--amount", "5 usd"], "usd"),
        (["record", "4", "--amount", "abc"], "abc"),
        (["record", "4", "--amount", "1" + "0" * 40], "quá lớn"),
        (["record", "4", "--amount", "٣"], "٣"),  # non-ASCII digits are not silently read
        (["record", "4", "--amount", "99.999"], "--allow-over-budget"),
        (["record", "4", "--amount", "0"], "không có nội dung"),
        (["record", "10", "--amount", "1", "--count", "1"], "--count"),
        (["record", "4", "--amount", "1", "--count", "-1"], "âm"),
        (["record", "44", "--amount", "1"], "1 đến 10"),
        (["record", "may-moc", "--amount", "1"], "may-moc-thiet-bi"),
        (["record", "4", "--amount", "1", "--date", "2026-01-02"], "--allow-outside-period"),
        (["record", "4", "--amount", "1", "--date", "2024-02-30"], "2024-02-30"),
        (["record", "4", "--amount", "1", "--date", "06/25/2024"], "ngày/tháng/năm"),  # never month first
        (["record", "4", "--amount", "1", "--note", "a\nb"], "--note"),
        (["record", "4", "--amount", "1", "--note", "x" * 2001], "2001"),
        (["status", "--as-of", "hôm qua"], "hôm qua"),
        (["void", "abc", "--reason", "  "], "--reason"),
    ],
)
def test_refusals_exit_1_with_a_plain_message_and_leave_the_ledger_unchanged(
    kc: Kc, ledger_path: Path, args: list[str], needle: str
) -> None:
    kc("record", "4", "--amount", "1.000", "--ref", "seed")
    before = ledger_path.read_bytes()
    result = kc(*args, code=1)
    assert needle in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line, no traceback
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert ledger_path.read_bytes() == before


def test_refusal_on_a_fresh_machine_creates_nothing(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "99.999", code=1)
    assert not ledger_path.parent.exists()


def test_click_type_errors_stay_exit_2(kc: Kc) -> None:
    result = kc("record", "4", "--amount", "1", "--count", "x", code=2)
    assert "--count" in result.stderr
    kc("status", "--format", "pdf", code=2)
    assert "Có phải là: status?" in kc("stauts", code=2).stderr  # a mistyped command is named
    assert "Có phải là: show?" in kc("plan", "shw", code=2).stderr


def test_over_budget_and_outside_period_pass_with_their_flags(kc: Kc) -> None:
    kc("record", "8", "--amount", "31", "--allow-over-budget")
    kc("record", "8", "--amount", "1", "--date", "2026-02-01", "--allow-outside-period", "--allow-over-budget",
       "--allow-future")  # fmt: skip
    status = kc.json("status", "--as-of", "2026-12-31", "--format", "json")
    comms = line(status, "thong-tin-tuyen-truyen")
    assert comms["spent_vnd"] == 32_000_000 and comms["remaining_vnd"] == -2_000_000
    assert comms["spent_pct"] == 106.7


def test_count_only_record_is_allowed_and_exceeding_a_target_is_fine(kc: Kc) -> None:
    kc("record", "8", "--amount", "0", "--count", "3")
    comms = line(kc.json("status", "--format", "json"), "thong-tin-tuyen-truyen")
    assert comms["done_count"] == 3 and comms["remaining_count"] == -2 and comms["done_pct"] == 300.0


def test_ref_makes_reruns_safe(kc: Kc, ledger_path: Path) -> None:
    args = ["record", "6", "--amount", "35", "--count", "1", "--date", "2024-05-25", "--ref", "2024-05/nhan-hieu/1"]
    first = kc.json(*args, "--format", "json")
    before = ledger_path.read_bytes()
    again = kc.json(*args, "--format", "json")
    assert again["noop"] is True and again["id"] == first["id"]
    assert "không ghi thêm" in kc(*args).stdout
    assert ledger_path.read_bytes() == before
    refused = kc(
        "record", "6", "--amount", "36", "--count", "1", "--date", "2024-05-25", "--ref", "2024-05/nhan-hieu/1", code=1
    )
    assert first["id"] in refused.stderr
    assert ledger_path.read_bytes() == before
    assert line(kc.json("status", "--format", "json"), "nhan-hieu")["spent_vnd"] == 35_000_000


def test_dry_run_writes_nothing(kc: Kc, ledger_path: Path) -> None:
    out = kc("record", "4", "--amount", "1", "--dry-run").stdout
    assert "chưa ghi" in out
    assert not ledger_path.parent.exists()
    kc("record", "4", "--amount", "1")
    before = ledger_path.read_bytes()
    assert kc.json("record", "4", "--amount", "2", "--dry-run", "--format", "json")["dry_run"] is True
    assert ledger_path.read_bytes() == before


def test_text_is_stored_nfc(kc: Kc) -> None:
    decomposed = "Ba\u0301t Xa\u0301t"  # "Bát Xát" typed with combining accents
    kc("record", "4", "--amount", "1", "--locality", decomposed)
    assert kc.json("log", "--format", "json")[0]["locality"] == "Bát Xát"


def test_english_messages_and_numbers(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    out = kc("record", "4", "--amount", "1,250.5", "--count", "1").stdout
    assert "Recorded" in out and "1,250.5" in out and "13,499.5" in out
    assert "Left" in kc("status").stdout and "44,500" in kc("status").stdout
    refused = kc("record", "4", "--amount", "1.5.0", code=1)
    assert "'.' is the decimal mark" in refused.stderr
    assert line(kc.json("status", "--format", "json"), "may-moc-thiet-bi")["spent_vnd"] == 1_250_500_000


def test_unsupported_language_falls_back_to_vietnamese_with_a_warning(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_LANG", "fr")
    result = kc("status")
    assert "KC_LANG=fr" in result.stderr and "Tổng cộng" in result.stdout


def test_plan_show_toml_round_trips(kc: Kc, isolated: Path) -> None:
    text = kc("plan", "show", "--format", "toml").stdout
    copy = isolated / "copy.toml"
    copy.write_text(text, encoding="utf-8")
    assert tomllib.loads(text)["lines"][3]["budget_vnd"] == 14_750_000_000
    assert kc.json("status", "--plan", str(copy), "--format", "json") == kc.json("status", "--format", "json")
    table = kc("plan", "show").stdout
    assert "may-moc-thiet-bi" in table and "44.500" in table


def test_plan_and_ledger_options_beat_the_environment(kc: Kc, isolated: Path) -> None:
    other = isolated / "other" / "ledger.jsonl"
    kc("record", "4", "--amount", "7", "--ledger", str(other))
    assert other.exists()
    assert (
        line(kc.json("status", "--ledger", str(other), "--format", "json"), "may-moc-thiet-bi")["spent_vnd"]
        == 7_000_000
    )
    assert line(kc.json("status", "--format", "json"), "may-moc-thiet-bi")["spent_vnd"] == 0


def test_status_csv_and_markdown(kc: Kc) -> None:
    kc("record", "4", "--amount", "1.250")
    csv_lines = kc("status", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == ",".join([
        "id", "number", "name", "short_name", "unit", "target_count", "done_count", "remaining_count", "budget_vnd",
        "original_budget_vnd", "spent_vnd", "remaining_vnd", "spent_pct", "done_pct", "counterpart_vnd", "leverage",
        "beneficiaries", "pace", "cumulative_spent_vnd", "cumulative_done_count", "year_budget_vnd",
        "year_target_count", "year_remaining_vnd", "year_remaining_count", "year_spent_pct", "year_done_pct",
        "committed_vnd", "uncommitted_vnd", "projects_approved", "projects_accepted", "projects_settled",
        "projects_stopped", "projects_overdue",
    ])  # fmt: skip
    assert csv_lines[4].startswith("may-moc-thiet-bi,4,")
    assert ",14750000000,14750000000,1250000000,13500000000," in csv_lines[4]
    md = kc("status", "--format", "md").stdout
    assert "| 4 |" in md and "14.750" in md and "**44.500**" in md


def test_version_and_help(kc: Kc) -> None:
    from kc_tracker import __version__

    assert kc("--version").stdout.strip() == f"kc {__version__}"
    help_text = kc("--help").stdout
    for command in ("status", "record", "void", "log", "export", "check", "plan"):
        assert command in help_text


def test_broken_plan_is_reported_with_path_and_line(kc: Kc, plan_path: Path) -> None:
    plan_path.write_text(
        plan_path.read_text(encoding="utf-8").replace('id = "tu-van"', 'id = "tu-van'), encoding="utf-8"
    )
    result = kc("status", code=1)
    assert str(plan_path) in result.stderr and "dòng 62" in result.stderr


def test_ledger_of_another_plan_is_refused(kc: Kc, plan_path: Path) -> None:
    kc("record", "4", "--amount", "1")
    text = plan_path.read_text(encoding="utf-8").replace('id = "lao-cai-2021-2025"', 'id = "lao-cai-2026-2030"')
    plan_path.write_text(text, encoding="utf-8")
    assert "lao-cai-2021-2025" in kc("status", code=1).stderr


def test_json_output_is_pure_json_even_with_warnings(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1")
    with ledger_path.open("ab") as handle:
        handle.write(b'{"kind":"rec')  # a torn tail
    result = kc("status", "--format", "json")
    assert json.loads(result.stdout)["totals"]["spent_vnd"] == 1_000_000
    assert "byte" in result.stderr


def test_plan_show_never_cuts_an_id(kc: Kc) -> None:
    kc("adjust", "--from", "10", "--to", "4", "--amount", "1", "--decision", "QĐ 1", "--date", "2024-01-02")
    table = kc("plan", "show").stdout  # with a reallocation, one more column
    for line_id in ("thanh-lap-doanh-nghiep", "thong-tin-tuyen-truyen", "binh-chon-san-pham"):
        assert line_id in table


def test_log_keeps_ids_whole_beside_long_text(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    entry = kc.json("record", "4", "--amount", "12.345,678", "--count", "3", "--locality", "Xã Bản Vược, huyện Bát Xát",
                    "--beneficiary", "Hợp tác xã chè Shan tuyết Tả Phìn", "--note", "máy sao chè " * 12,
                    "--format", "json")  # fmt: skip
    table = kc("log").stdout
    assert entry["id"] in table and "12.345,678" in table and "25/06/2024" in table


@pytest.mark.parametrize("seed", ["0", "1", "2", "3"])
def test_help_names_its_option_the_same_way_every_run(run_kc: Callable[..., Any], seed: str) -> None:
    """Click lists the help option's names out of a set; kc lists them as configured, whatever the hash seed."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    for command in (["plan", "use"], ["status"], ["plan"]):
        assert "  -h, --help " in run_kc(*command, "--help", env=env).stdout


def test_a_breakdown_lists_each_groups_lines_in_plan_order(kc: Kc) -> None:
    for line in ("tu-van", "9", "4", "1"):
        kc("record", line, "--amount", "10", "--date", "2024-05-02")
    group = kc.json("status", "--by", "year", "--format", "json")["groups"][0]
    assert list(group["lines"]) == ["thanh-lap-doanh-nghiep", "may-moc-thiet-bi", "tu-van", "cum-cong-nghiep"]
    table = kc("status", "--by", "year").stdout
    names = ["Thành lập doanh nghiệp", "Máy móc thiết bị", "Tư vấn", "Cụm công nghiệp"]
    assert [table.index(name, table.index("năm 2024")) for name in names] == sorted(
        table.index(name, table.index("năm 2024")) for name in names
    )
