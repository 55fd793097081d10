"""Đề án: approved, changed, advanced and paid, accepted, settled or stopped, through the real CLI.

Every rule of the issue has a test that fails when the rule is taken out; the figures are exact, and a
refusal leaves the ledger byte for byte as it was. Today is 06/10/2025 unless a test says otherwise.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from .conftest import Kc, line_of, write_csv

DATA = Path(__file__).parent / "data"
TRIEU = 1_000_000


@pytest.fixture(autouse=True)
def october(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")


def status(kc: Kc, *args: str) -> dict[str, Any]:
    return kc.json("status", *args, "--format", "json")


def add(kc: Kc, code: str | None = "2025-MMTB-01", *args: str, code_exit: int = 0, **fields: str) -> Any:
    """`kc project add` with the fields a test does not care about filled in."""
    values = {"line": "4", "name": "Máy sao chè", "beneficiary": "HTX Chè Tả Phìn", "support": "500",
              "decision": "QĐ 12/QĐ-SCT", "date": "01/03/2025"} | fields  # fmt: skip
    options = [item for key, value in values.items() for item in (f"--{key}", value)]
    return kc("project", "add", *([code] if code else []), *options, *args, code=code_exit)


def pay(kc: Kc, amount: str, *args: str, project: str = "2025-MMTB-01", day: str = "10/03/2025", code: int = 0) -> Any:
    return kc("record", "--project", project, "--amount", amount, "--date", day, *args, code=code)


def one(kc: Kc, code: str = "2025-MMTB-01") -> dict[str, Any]:
    return next(row for row in kc.json("project", "list", "--format", "json") if row["project"] == code)


# --- approving -----------------------------------------------------------------------------------


def test_an_approval_commits_its_support_and_status_says_what_can_still_be_approved(kc: Kc) -> None:
    out = add(kc).stdout
    assert "phê duyệt đề án 2025-MMTB-01 (Máy sao chè)" in out and "còn có thể phê duyệt 14.250 triệu đồng" in out
    figures = line_of(status(kc), "may-moc-thiet-bi")
    assert (figures["committed_vnd"], figures["uncommitted_vnd"]) == (500 * TRIEU, 14_250 * TRIEU)
    assert figures["remaining_vnd"] == 14_750 * TRIEU and figures["spent_vnd"] == 0
    assert figures["projects"] == {"approved": 1, "accepted": 0, "settled": 0, "stopped": 0, "overdue": 0}
    totals = status(kc)["totals"]
    assert (totals["committed_vnd"], totals["uncommitted_vnd"]) == (500 * TRIEU, 44_000 * TRIEU)


def test_the_same_code_with_the_same_content_is_a_no_op_and_with_other_content_refused(
    kc: Kc, ledger_path: Path
) -> None:
    add(kc)
    before = ledger_path.read_bytes()
    again = add(kc, "2025-mmtb-01").stdout
    assert "không ghi thêm" in again and ledger_path.read_bytes() == before
    refused = add(kc, support="600", code_exit=1).stderr
    assert "2025-MMTB-01" in refused and "kc project change" in refused
    assert ledger_path.read_bytes() == before


def test_without_a_code_kc_makes_a_short_one_and_prints_it(kc: Kc) -> None:
    assert "đề án DA-001 " in add(kc, None).stdout
    assert "đề án DA-002 " in add(kc, None, beneficiary="HTX khác").stdout
    assert [row["project"] for row in kc.json("project", "list", "--format", "json")] == ["DA-001", "DA-002"]


def test_approving_more_than_the_line_can_still_commit_is_refused_unless_allowed(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "14.000", "--date", "01/02/2025")
    add(kc, "A", support="500")
    before = ledger_path.read_bytes()
    refused = add(kc, "B", support="251", beneficiary="HTX B", code_exit=1).stderr
    assert "250 triệu đồng" in refused and "--allow-over-budget" in refused
    assert ledger_path.read_bytes() == before
    add(kc, "B", "--allow-over-budget", support="251", beneficiary="HTX B")
    assert line_of(status(kc), "may-moc-thiet-bi")["uncommitted_vnd"] == -1 * TRIEU


def test_a_payment_outside_a_de_an_may_not_take_what_de_an_wait_for(kc: Kc) -> None:
    add(kc, support="14.000")
    refused = kc("record", "4", "--amount", "751", "--date", "01/04/2025", code=1).stderr
    assert "14.000 triệu đồng đã phê duyệt" in refused and "750 triệu đồng chưa phân bổ" in refused
    kc("record", "4", "--amount", "750", "--date", "01/04/2025")


def test_the_plans_ceilings_on_one_de_an_are_kept(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace('id = "may-moc-thiet-bi"\n', 'id = "may-moc-thiet-bi"\nmax_support = "300"\n'
                                      "max_support_pct = 50\n", 1), encoding="utf-8")  # fmt: skip
    assert "300 triệu đồng" in add(kc, support="301", counterpart="400", code_exit=1).stderr
    assert "50%" in add(kc, support="300", counterpart="299", code_exit=1).stderr
    add(kc, support="300", counterpart="300")
    add(kc, "B", "--allow-over-ceiling", support="400", beneficiary="HTX B")


def test_a_beneficiary_with_another_de_an_on_the_line_is_warned_and_check_lists_them(kc: Kc) -> None:
    add(kc)
    warned = add(kc, "2025-MMTB-02", beneficiary="htx chè  tả phìn", name="Máy vò chè").stderr
    assert "2025-MMTB-01" in warned and "TTLT 26/2014" in warned
    warnings = kc.json("check", "--format", "json")["warnings"]
    assert any("2025-MMTB-01, 2025-MMTB-02" in warning for warning in warnings)


def test_an_approval_needs_its_fields_and_a_count_only_where_the_line_counts(kc: Kc) -> None:
    kc("project", "add", "--line", "4", "--name", "X", "--beneficiary", "Y", "--support", "1", "--date", "01/03/2025",
       code=2)  # fmt: skip
    assert "--count" in add(kc, line="10", count="2", code_exit=1).stderr
    add(kc, "K", line="10")
    assert one(kc, "K")["count"] is None
    add(kc, "C", count="3", beneficiary="HTX C")
    assert one(kc, "C")["count"] == 3 and one(kc, "2025-MMTB-01" if False else "C")["done_count"] is None
    assert "không hợp lệ" in add(kc, "mã có dấu cách", code_exit=1).stderr


# --- paying --------------------------------------------------------------------------------------


def test_a_payment_takes_the_line_and_beneficiary_of_its_de_an(kc: Kc) -> None:
    add(kc, locality="Bát Xát")
    out = pay(kc, "300", "--advance").stdout
    assert "tạm ứng đề án 2025-MMTB-01" in out and "còn có thể phê duyệt 14.250 triệu đồng" in out
    (entry,) = kc.json("log", "--format", "json")
    assert (entry["line"], entry["beneficiary"], entry["locality"], entry["project"], entry["advance"]) == (
        "may-moc-thiet-bi", "HTX Chè Tả Phìn", "Bát Xát", "2025-MMTB-01", True)  # fmt: skip
    figures = line_of(status(kc), "may-moc-thiet-bi")
    assert (figures["spent_vnd"], figures["committed_vnd"], figures["uncommitted_vnd"]) == (
        300 * TRIEU, 200 * TRIEU, 14_250 * TRIEU)  # fmt: skip


def test_a_payment_names_its_line_only_to_agree_and_takes_no_count(kc: Kc) -> None:
    add(kc)
    assert "nội dung số 4" in kc("record", "7", "--project", "2025-MMTB-01", "--amount", "1", "--date", "10/03/2025",
                                 code=1).stderr  # fmt: skip
    kc("record", "4", "--project", "2025-MMTB-01", "--amount", "1", "--date", "10/03/2025")
    assert "nghiệm thu" in pay(kc, "1", "--count", "1", code=1).stderr
    assert "kc project list" in pay(kc, "1", project="KHONG-CO", code=1).stderr
    assert "--project" in kc("record", "4", "--amount", "1", "--advance", "--date", "10/03/2025", code=1).stderr


def test_paying_past_the_support_is_refused_unless_allowed(kc: Kc, ledger_path: Path) -> None:
    add(kc)
    pay(kc, "500")
    before = ledger_path.read_bytes()
    assert "--allow-over-budget" in pay(kc, "1đ", code=1).stderr
    assert ledger_path.read_bytes() == before
    pay(kc, "1", "--allow-over-budget")
    assert line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 0  # overpaid: nothing still waits


def test_advances_before_acceptance_stay_within_the_lines_share(kc: Kc, plan_path: Path) -> None:
    add(kc)
    pay(kc, "350", "--advance")  # 70% of 500
    assert "--allow-over-advance" in pay(kc, "1đ", "--advance", code=1).stderr
    pay(kc, "1đ", "--advance", "--allow-over-advance")
    pay(kc, "100")  # a payment that is not an advance is not limited so
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace('id = "nhan-hieu"\n', 'id = "nhan-hieu"\nadvance_max_pct = 0\n', 1),
                         encoding="utf-8")  # fmt: skip
    add(kc, "NH", line="6", support="35")
    assert "0%" in pay(kc, "1", "--advance", project="NH", code=1).stderr


def test_no_payment_before_approval_nor_advance_after_acceptance(kc: Kc) -> None:
    add(kc)
    assert "01/03/2025" in pay(kc, "1", day="28/02/2025", code=1).stderr
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025")
    assert "--advance" in pay(kc, "1", "--advance", day="02/08/2025", code=1).stderr
    pay(kc, "100", day="02/08/2025")


# --- accepting, settling, stopping ---------------------------------------------------------------


def test_acceptance_achieves_the_count_and_counts_the_beneficiary(kc: Kc) -> None:
    add(kc, count="2")
    assert "thực hiện 2 cơ sở" in kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025").stdout
    figures = line_of(status(kc), "may-moc-thiet-bi")
    assert (figures["done_count"], figures["beneficiaries"], figures["projects"]["accepted"]) == (2, 1, 1)
    assert line_of(status(kc, "--as-of", "2025-07-31"), "may-moc-thiet-bi")["done_count"] == 0  # by its date
    assert "không ghi thêm" in kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025").stdout
    assert "01/08/2025" in kc("project", "accept", "2025-MMTB-01", "--date", "02/08/2025", code=1).stderr


def test_acceptance_brings_the_beneficiarys_own_share_as_counterpart_funds(kc: Kc) -> None:
    add(kc, support="300", counterpart="700")
    assert line_of(status(kc), "may-moc-thiet-bi")["counterpart_vnd"] == 0  # approved, not yet put in
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025")
    assert line_of(status(kc), "may-moc-thiet-bi")["counterpart_vnd"] == 700 * TRIEU
    assert line_of(status(kc, "--as-of", "2025-07-31"), "may-moc-thiet-bi")["counterpart_vnd"] == 0


def test_acceptance_of_less_than_approved_and_never_before_approval(kc: Kc) -> None:
    add(kc, count="3")
    assert "01/03/2025" in kc("project", "accept", "2025-MMTB-01", "--date", "28/02/2025", code=1).stderr
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025", "--count", "1")
    assert one(kc)["done_count"] == 1 and line_of(status(kc), "may-moc-thiet-bi")["done_count"] == 1


def test_settlement_returns_the_unpaid_support_and_needs_acceptance(kc: Kc) -> None:
    add(kc)
    pay(kc, "300")
    refused = kc("project", "settle", "2025-MMTB-01", "--date", "01/09/2025", code=1).stderr
    assert "kc project stop" in refused
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025")
    out = kc("project", "settle", "2025-MMTB-01", "--date", "01/09/2025", "--decision", "QĐ 40").stdout
    assert "200 triệu đồng kinh phí hỗ trợ chưa giải ngân trả về" in out
    figures = line_of(status(kc), "may-moc-thiet-bi")
    assert (figures["committed_vnd"], figures["uncommitted_vnd"], figures["spent_vnd"]) == (
        0, 14_450 * TRIEU, 300 * TRIEU)  # fmt: skip
    assert "đã quyết toán" in pay(kc, "1", day="02/09/2025", code=1).stderr
    assert "đã quyết toán" in kc("project", "change", "2025-MMTB-01", "--support", "400", "--decision", "x",
                                 "--date", "02/09/2025", code=1).stderr  # fmt: skip


def test_a_stopped_de_an_keeps_what_was_paid_and_returns_the_rest(kc: Kc) -> None:
    add(kc)
    pay(kc, "100", "--advance")
    out = kc("project", "stop", "2025-MMTB-01", "--reason", "QĐ 41: cơ sở rút", "--date", "01/09/2025").stdout
    assert "100 triệu đồng đã giải ngân vẫn được tính" in out and "400 triệu đồng chưa giải ngân" in out
    figures = line_of(status(kc), "may-moc-thiet-bi")
    assert (figures["spent_vnd"], figures["committed_vnd"], figures["projects"]["stopped"]) == (100 * TRIEU, 0, 1)
    assert "ngừng thực hiện" in kc("project", "accept", "2025-MMTB-01", "--date", "02/09/2025", code=1).stderr


def test_an_accepted_de_an_is_settled_not_stopped(kc: Kc) -> None:
    add(kc)
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025")
    assert "kc project settle" in kc("project", "stop", "2025-MMTB-01", "--reason", "x", "--date", "01/09/2025",
                                     code=1).stderr  # fmt: skip


# --- changing ------------------------------------------------------------------------------------


def test_a_change_moves_the_support_end_and_count_and_is_safe_to_run_again(kc: Kc, ledger_path: Path) -> None:
    add(kc, end="30/06/2025", count="2")
    args = ["project", "change", "2025-MMTB-01", "--support", "450", "--end", "30/09/2025", "--count", "1",
            "--decision", "QĐ 20", "--date", "01/05/2025"]  # fmt: skip
    out = kc(*args).stdout
    assert "kinh phí hỗ trợ 500 → 450 triệu đồng" in out and "thời hạn 30/06/2025 → 30/09/2025" in out
    before = ledger_path.read_bytes()
    assert "không ghi thêm" in kc(*args).stdout and ledger_path.read_bytes() == before
    row = one(kc)
    assert (row["support_vnd"], row["end"], row["count"]) == (450 * TRIEU, "2025-09-30", 1)
    assert line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 450 * TRIEU
    assert one_as_of(kc, "2025-04-30")["support_vnd"] == 500 * TRIEU  # a decision counts from its date


def one_as_of(kc: Kc, day: str) -> dict[str, Any]:
    return kc.json("project", "list", "--as-of", day, "--format", "json")[0]


def test_a_change_may_not_cut_the_support_below_what_was_paid_nor_change_nothing(kc: Kc) -> None:
    add(kc)
    pay(kc, "300")
    base = ["project", "change", "2025-MMTB-01", "--decision", "QĐ 21", "--date", "01/05/2025"]
    assert "300 triệu đồng" in kc(*base, "--support", "299", code=1).stderr
    assert "--support" in kc(*base, code=1).stderr
    assert "--allow-over-budget" in kc(*base, "--support", "15.000", code=1).stderr
    kc(*base, "--beneficiary", "HTX Chè Tả Phìn (mới)", "--locality", "Sa Pa")
    assert (one(kc)["beneficiary"], one(kc)["locality"]) == ("HTX Chè Tả Phìn (mới)", "Sa Pa")


# --- voids ---------------------------------------------------------------------------------------


def test_a_de_ans_entries_are_voided_from_the_last(kc: Kc) -> None:
    approval = json.loads(add(kc, "A", "--format", "json").stdout)["id"]
    payment = json.loads(pay(kc, "100", "--format", "json", project="A").stdout)["id"]
    assert payment in kc("void", approval, "--reason", "nhầm", code=1).stderr
    kc("project", "accept", "A", "--date", "01/08/2025")
    settled = kc.json("project", "settle", "A", "--date", "01/09/2025", "--format", "json")["id"]
    assert settled in kc("void", payment, "--reason", "nhầm", code=1).stderr
    kc("void", settled, "--reason", "quyết toán nhầm")
    assert line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 400 * TRIEU  # open again
    kc("void", payment, "--reason", "nhầm")
    assert line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 500 * TRIEU


def test_a_change_with_a_later_change_is_voided_after_it(kc: Kc) -> None:
    add(kc)
    base = ["project", "change", "2025-MMTB-01", "--format", "json"]
    first = kc.json(*base, "--support", "450", "--decision", "QĐ 20", "--date", "01/05/2025")["id"]
    second = kc.json(*base, "--support", "400", "--decision", "QĐ 21", "--date", "01/06/2025")["id"]
    assert second in kc("void", first, "--reason", "nhầm", code=1).stderr
    kc("void", second, "--reason", "nhầm")
    kc("void", first, "--reason", "nhầm")
    assert one(kc)["support_vnd"] == 500 * TRIEU


# --- overdue -------------------------------------------------------------------------------------


def test_overdue_is_derived_from_the_end_and_from_the_day_to_settle(kc: Kc, plan_path: Path) -> None:
    add(kc, "A", end="30/06/2025")
    add(kc, "B", beneficiary="HTX B", date="01/03/2024")
    kc("project", "accept", "B", "--date", "01/08/2024")
    assert status(kc, "--as-of", "2025-06-30")["overdue_projects"] == [
        {"project": "B", "line": "may-moc-thiet-bi", "reason": "not_settled", "since": "2025-01-22"}]  # fmt: skip
    late = status(kc)["overdue_projects"]
    assert {item["project"]: item["reason"] for item in late} == {"A": "not_accepted", "B": "not_settled"}
    table = kc("status").stdout
    assert "Đề án quá hạn: A (chưa nghiệm thu, hết hạn 30/06/2025)" in table
    assert [row["project"] for row in kc.json("project", "list", "--overdue", "--format", "json")] == ["B", "A"]
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace("[plan]\n", '[plan]\nsettle_by = "12-31"\n', 1), encoding="utf-8")
    assert [item["project"] for item in status(kc)["overdue_projects"]] == ["A"]


# --- reading -------------------------------------------------------------------------------------


def test_status_without_de_an_shows_no_column_and_with_them_shows_what_can_be_approved(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    kc("record", "4", "--amount", "100", "--date", "01/03/2025")
    assert "Có thể PD" not in kc("status").stdout
    add(kc)
    table = kc("status").stdout
    assert "Có thể PD" in table and max(len(row) for row in table.splitlines()) <= 80
    row = next(row for row in table.splitlines() if "Máy móc thiết bị" in row)
    assert row.split()[-1] == "14.150"


def test_a_ledger_from_before_de_an_gives_the_same_status(kc: Kc, ledger_path: Path) -> None:
    ledger_path.parent.mkdir(parents=True)
    ledger_path.write_bytes((DATA / "ledger-format1-before-batches.jsonl").read_bytes())
    now = status(kc, "--as-of", "2024-06-25")
    before = json.loads((DATA / "status-before-projects.json").read_text(encoding="utf-8"))
    for line in now["lines"] + now["unplanned_lines"]:
        assert line.pop("committed_vnd") == 0 and line.pop("uncommitted_vnd") == line["remaining_vnd"]
        assert set(line.pop("projects").values()) == {0}
    assert now["totals"].pop("committed_vnd") == 0
    assert now["totals"].pop("uncommitted_vnd") == now["totals"]["remaining_vnd"]
    now["totals"].pop("projects"), now["totals"].pop("year_remaining_vnd"), now.pop("overdue_projects")
    assert now == before


def test_project_list_fits_80_columns_and_filters(kc: Kc, monkeypatch: pytest.MonkeyPatch, isolated: Path) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    add(kc, locality="Bát Xát", name="Hỗ trợ máy sao chè và máy vò chè cho hợp tác xã chè vùng cao")
    add(kc, "2025-NH-01", line="6", support="35", beneficiary="HTX Mận Bắc Hà", name="Nhãn hiệu mận")
    pay(kc, "300", "--advance")
    table = kc("project", "list").stdout
    assert max(len(row) for row in table.splitlines()) <= 80
    assert "đã tạm ứng" in table and "2 đề án" in table
    assert [r["project"] for r in kc.json("project", "list", "--line", "6", "--format", "json")] == ["2025-NH-01"]
    states = kc.json("project", "list", "--state", "approved", "--format", "json")
    assert {r["project"] for r in states} == {"2025-MMTB-01", "2025-NH-01"}
    assert kc.json("project", "list", "--as-of", "2025-02-01", "--format", "json") == []
    rows = kc("project", "list", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("project,name,line,") and len(rows) == 3
    kc("project", "list", "--output", str(isolated / "da.json"))
    assert len(json.loads((isolated / "da.json").read_text(encoding="utf-8"))) == 2


def test_project_show_gives_the_whole_history_with_entry_ids(kc: Kc) -> None:
    approval = json.loads(add(kc, "A", "--format", "json").stdout)["id"]
    payment = json.loads(pay(kc, "100", "--advance", "--format", "json", project="A").stdout)["id"]
    kc("project", "accept", "A", "--date", "01/08/2025")
    shown = kc("project", "show", "a").stdout
    assert approval in shown and payment in shown and "tạm ứng" in shown and "nghiệm thu" in shown
    data = kc.json("project", "show", "A", "--format", "json")
    assert [event["kind"] for event in data["history"]] == ["project", "record", "project_accept"]
    assert data["state"] == "accepted" and data["paid_vnd"] == 100 * TRIEU
    assert not {"prev", "hash"} & {key for event in data["history"] for key in event}  # entries, not ledger lines
    assert "không có đề án" in kc("project", "show", "B", code=1).stderr.casefold()


def test_a_count_below_zero_is_a_usage_error(kc: Kc) -> None:
    assert "phải từ 0 trở lên" in add(kc, "A", "--count", "-1", code_exit=2).stderr


def test_writing_commands_take_dry_run_json_and_allow_closed(kc: Kc, ledger_path: Path) -> None:
    add(kc)
    before = ledger_path.read_bytes()
    assert "Thử (chưa ghi sổ)" in kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025", "--dry-run").stdout
    assert ledger_path.read_bytes() == before
    kc("close", "2025-Q3")
    assert "--allow-closed" in kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025", code=1).stderr
    done = kc.json("project", "accept", "2025-MMTB-01", "--date", "01/08/2025", "--allow-closed", "--format", "json",
                   "--lock-timeout", "1")  # fmt: skip
    assert done["kind"] == "project_accept" and done["balance"]["done_count"] == 1


# --- files in and out ----------------------------------------------------------------------------


def test_a_danh_muc_de_an_imports_all_or_none_and_payments_name_their_de_an(kc: Kc, isolated: Path) -> None:
    header = ["Mã đề án", "Tên đề án", "Nội dung", "Đơn vị thụ hưởng", "Địa bàn", "Kinh phí hỗ trợ", "Vốn đối ứng",
              "Số lượng", "Quyết định", "Ngày"]  # fmt: skip
    rows = [header,
            ["2025-MMTB-01", "Máy sao chè", "4", "HTX A", "Bát Xát", "500", "300", "2", "QĐ 12", "01/03/2025"],
            ["2025-MMTB-02", "Máy vò chè", "4", "HTX B", "Sa Pa", "15.000", "0", "1", "QĐ 13",
             "02/03/2025"]]  # fmt: skip
    refused = kc("import", str(write_csv(isolated / "danh-muc.csv", rows, sep=";")), code=1).stderr
    assert "hàng 3" in refused and "--allow-over-budget" in refused
    assert kc.json("project", "list", "--format", "json") == []
    rows[2][5] = "1.000"
    out = kc("import", str(write_csv(isolated / "danh-muc.csv", rows, sep=";"))).stdout
    assert "Đã nhập 2 hàng" in out and "kinh phí hỗ trợ được duyệt 1.500 triệu đồng" in out
    assert line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 1_500 * TRIEU
    payments = [["Ngày", "Mã đề án", "Số tiền", "Tạm ứng"], ["10/03/2025", "2025-MMTB-01", "300", "x"],
                ["11/03/2025", "2025-MMTB-02", "100", ""]]  # fmt: skip
    kc("import", str(write_csv(isolated / "thang-3.csv", payments, sep=";")))
    assert [(e["project"], e["advance"]) for e in kc.json("log", "--format", "json")] == [
        ("2025-MMTB-01", True), ("2025-MMTB-02", False)]  # fmt: skip


def test_the_report_lists_the_periods_de_an_and_the_workbook_has_their_sheet(kc: Kc, isolated: Path) -> None:
    add(kc, locality="Bát Xát")
    pay(kc, "100", "--advance", day="10/07/2025")
    kc("project", "accept", "2025-MMTB-01", "--date", "01/08/2025")
    markdown = kc("report", "--quarter", "2025-Q3", "--output", "-", "--format", "md").stdout
    assert "trong kỳ phê duyệt 0 đề án" in markdown and "nghiệm thu 1 đề án" in markdown
    assert re.search(r"\| 1 \| Máy sao chè \(2025-MMTB-01\) \| HTX Chè Tả Phìn \| Bát Xát \| 500 \| 100 \| 100 \|",
                     markdown)  # fmt: skip
    kc("report", "--quarter", "2025-Q3", "--output", str(isolated / "bc.docx"))
    tables = Document(str(isolated / "bc.docx")).tables
    assert [cell.text for cell in tables[2].rows[1].cells][:3] == ["1", "Máy sao chè (2025-MMTB-01)", "HTX Chè Tả Phìn"]
    kc("export", "--output", str(isolated / "th.xlsx"))
    sheet = load_workbook(isolated / "th.xlsx")["Đề án"]
    assert [sheet.cell(5, column).value for column in (2, 3, 7)] == ["2025-MMTB-01", "Máy sao chè", 500 * TRIEU]


def test_kc_project_alone_shows_its_commands(kc: Kc) -> None:
    shown = kc("project", code=2)
    assert "kc project" in shown.stdout + shown.stderr and "add" in shown.stdout + shown.stderr


def test_a_de_an_dated_after_today_needs_allow_future(kc: Kc) -> None:
    assert "--allow-future" in add(kc, "A", code_exit=1, date="07/10/2025").stderr  # today is 06/10/2025
    add(kc, "A", "--allow-future", date="07/10/2025")


def test_kc_project_offers_no_shell_completion_of_its_own(kc: Kc) -> None:
    assert "completion" not in kc("project", "--help").stdout


@pytest.mark.parametrize(
    "command",
    [
        ["change", "A", "--support", "600", "--decision", "QĐ 2"],
        ["accept", "A"],
        ["settle", "A"],
        ["stop", "A", "--reason", "không làm"],
    ],
    ids=lambda command: command[0],
)
def test_a_decision_on_a_de_an_dated_after_today_needs_allow_future(kc: Kc, command: list[str]) -> None:
    add(kc, "A")
    if command[0] == "settle":
        kc("project", "accept", "A", "--date", "01/08/2025")
    refused = kc("project", *command, "--date", "07/10/2025", code=1).stderr  # today is 06/10/2025
    assert "--allow-future" in refused
    kc("project", *command, "--date", "07/10/2025", "--allow-future")


def test_project_list_filters_by_each_state(kc: Kc) -> None:
    for code, beneficiary in (("A", "HTX A"), ("B", "HTX B"), ("C", "HTX C"), ("D", "HTX D")):
        add(kc, code, beneficiary=beneficiary)
    kc("project", "accept", "B", "--date", "01/08/2025")
    kc("project", "accept", "C", "--date", "01/08/2025")
    kc("project", "settle", "C", "--date", "02/08/2025")
    kc("project", "stop", "D", "--reason", "không làm", "--date", "01/08/2025")
    for state, code in (("approved", "A"), ("accepted", "B"), ("settled", "C"), ("stopped", "D")):
        assert [row["project"] for row in kc.json("project", "list", "--state", state, "--format", "json")] == [code]
