"""Đề án decisions undone, closed or repeated out of order: what an outside pass found could leave a figure wrong
(paid over the support, a line committed past its budget, a đề án approved twice) and what it found said
unclearly. Each test fails when its rule is taken out. Today is 06/10/2025.
"""

from pathlib import Path
from typing import Any

import pytest

from .conftest import Kc, line_of, write_csv

TRIEU = 1_000_000


@pytest.fixture(autouse=True)
def october(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")


def add(kc: Kc, code: str, support: str, *args: str, line: str = "4", beneficiary: str = "HTX A", code_exit: int = 0,
        day: str = "02/03/2025") -> Any:  # fmt: skip
    return kc("project", "add", code, "--line", line, "--name", f"Đề án {code}", "--beneficiary", beneficiary,
              "--support", support, "--decision", f"QĐ {code}", "--date", day, *args, code=code_exit)  # fmt: skip


def entry_id(kc: Kc, code: str, kind: str) -> str:
    history = kc.json("project", "show", code, "--format", "json")["history"]
    return str([event["id"] for event in history if event["kind"] == kind][-1])


def unchanged(kc: Kc, ledger: Path, *args: str) -> str:
    """A refused command: exit 1, the ledger byte for byte as it was; its message."""
    before = ledger.read_bytes() if ledger.exists() else None
    result = kc(*args, code=1)
    assert (ledger.read_bytes() if ledger.exists() else None) == before
    message: str = result.stderr
    return message


def test_voiding_a_change_may_not_leave_a_de_an_paid_over_its_support(kc: Kc, ledger_path: Path) -> None:
    add(kc, "P1", "300")
    kc("project", "change", "P1", "--support", "500", "--decision", "QĐ 2", "--date", "10/03/2025")
    kc("record", "--project", "P1", "--amount", "450", "--date", "15/03/2025")
    message = unchanged(kc, ledger_path, "void", entry_id(kc, "P1", "project_change"), "--reason", "nhầm")
    assert "P1" in message and "300" in message and "450" in message


def test_voiding_a_stop_may_not_commit_more_than_the_line_can_still_approve(
    kc: Kc, ledger_path: Path, plan_path: Path
) -> None:
    free = line_of(kc.json("status", "--format", "json"), "thanh-lap-doanh-nghiep")["uncommitted_vnd"] // TRIEU
    add(kc, "P1", "200", line="1")
    kc("project", "stop", "P1", "--reason", "không làm", "--date", "10/03/2025")
    add(kc, "P2", str(free - 100), line="1", beneficiary="HTX B")
    stop = entry_id(kc, "P1", "project_stop")
    message = unchanged(kc, ledger_path, "void", stop, "--reason", "nhầm")
    assert "P1" in message and "200" in message and "100" in message
    kc("project", "change", "P2", "--support", str(free - 200), "--decision", "QĐ 3", "--date", "11/03/2025")
    kc("void", stop, "--reason", "nhầm")
    assert line_of(kc.json("status", "--format", "json"), "thanh-lap-doanh-nghiep")["uncommitted_vnd"] == 0


def test_voiding_a_settlement_may_not_commit_more_than_the_line_can_still_approve(kc: Kc, ledger_path: Path) -> None:
    free = line_of(kc.json("status", "--format", "json"), "thanh-lap-doanh-nghiep")["uncommitted_vnd"] // TRIEU
    add(kc, "P9", str(free), line="1")
    kc("record", "--project", "P9", "--amount", str(free - 70), "--date", "05/03/2025")
    kc("project", "accept", "P9", "--date", "06/03/2025")
    kc("project", "settle", "P9", "--date", "07/03/2025")  # 70 back to the line
    add(kc, "P2", "70", line="1", beneficiary="HTX B")
    message = unchanged(kc, ledger_path, "void", entry_id(kc, "P9", "project_settle"), "--reason", "nhầm")
    assert "P9" in message and "70" in message


def test_a_settlement_or_stop_is_not_dated_before_a_payment(kc: Kc, ledger_path: Path) -> None:
    add(kc, "P1", "600")
    kc("project", "accept", "P1", "--date", "01/06/2025")
    kc("record", "--project", "P1", "--amount", "300", "--date", "30/09/2025")
    message = unchanged(kc, ledger_path, "project", "settle", "P1", "--date", "10/06/2025")
    assert "30/09/2025" in message and "10/06/2025" in message
    kc("project", "settle", "P1", "--date", "30/09/2025")
    add(kc, "P2", "100", beneficiary="HTX B")
    kc("record", "--project", "P2", "--amount", "50", "--date", "10/06/2025")
    assert "10/06/2025" in unchanged(kc, ledger_path, "project", "stop", "P2", "--date", "05/03/2025",
                                     "--reason", "x")  # fmt: skip


def test_an_acceptance_is_not_dated_before_an_advance(kc: Kc, ledger_path: Path) -> None:
    add(kc, "P1", "600")
    kc("record", "--project", "P1", "--amount", "400", "--advance", "--date", "01/05/2025")
    message = unchanged(kc, ledger_path, "project", "accept", "P1", "--date", "10/03/2025")
    assert "01/05/2025" in message and "10/03/2025" in message
    kc("project", "accept", "P1", "--date", "01/05/2025")


def test_a_payment_files_advance_column_takes_only_marks_it_can_read(kc: Kc, tmp_path: Path, ledger_path: Path) -> None:
    add(kc, "P1", "600")
    header = ["Ngày", "Mã đề án", "Số tiền", "Tạm ứng"]
    path = write_csv(tmp_path / "pay.csv", [header, ["10/03/2025", "P1", "500", "✓"]], sep=";")
    message = unchanged(kc, ledger_path, "import", str(path))
    assert "✓" in message and "Tạm ứng" in message
    rows = [header, ["10/03/2025", "P1", "100", "Có"], ["11/03/2025", "P1", "50", "tạm ứng"],
            ["12/03/2025", "P1", "20", "Không"], ["13/03/2025", "P1", "10", ""]]  # fmt: skip
    kc("import", str(write_csv(tmp_path / "pay2.csv", rows, sep=";")))
    shown = kc.json("project", "show", "P1", "--format", "json")
    assert (shown["advanced_vnd"], shown["paid_vnd"]) == (150 * TRIEU, 180 * TRIEU)


DANH_MUC = ["Tên đề án", "Nội dung", "Đơn vị thụ hưởng", "Kinh phí hỗ trợ", "Quyết định", "Ngày"]


def test_an_edited_danh_muc_is_another_version_and_replace_does_not_approve_twice(
    kc: Kc, tmp_path: Path, ledger_path: Path
) -> None:
    path = tmp_path / "dm.csv"
    kc("import", str(write_csv(path, [DANH_MUC, ["X", "4", "HTX A", "100", "q1", "02/03/2025"]], sep=";")))
    write_csv(path, [DANH_MUC, ["X", "4", "HTX A", "100", "q1", "02/03/2025"],
                     ["Y", "4", "HTX B", "100", "q2", "02/03/2025"]], sep=";")  # fmt: skip
    message = unchanged(kc, ledger_path, "import", str(path))
    assert "dm.csv" in message and "1 hàng" in message
    assert "kc project change" in unchanged(kc, ledger_path, "import", str(path), "--replace")
    assert len(kc.json("project", "list", "--format", "json")) == 1


def test_one_code_twice_in_a_danh_muc_names_the_first_row(kc: Kc, tmp_path: Path, ledger_path: Path) -> None:
    header = ["Mã đề án", *DANH_MUC]
    rows = [header, ["B1", "X", "4", "HTX A", "100", "q1", "02/03/2025"],
            ["b1", "Y", "4", "HTX B", "200", "q2", "02/03/2025"]]  # fmt: skip
    message = unchanged(kc, ledger_path, "import", str(write_csv(tmp_path / "dm.csv", rows, sep=";")))
    assert "hàng 3" in message and "hàng 2 của chính tệp này" in message


def test_a_totals_row_is_said_to_be_one(kc: Kc, tmp_path: Path, ledger_path: Path) -> None:
    rows = [DANH_MUC, ["X", "4", "HTX A", "100", "q1", "02/03/2025"], ["Tổng cộng", "", "", "100", "", ""]]
    message = unchanged(kc, ledger_path, "import", str(write_csv(tmp_path / "dm.csv", rows, sep=";")))
    assert "hàng 3" in message and "tổng cộng" in message and "xóa" in message


def test_a_payment_without_an_amount_asks_for_the_amount_only(kc: Kc) -> None:
    add(kc, "P1", "100")
    result = kc("record", "--project", "P1", "--date", "03/03/2025", code=2)
    assert "--amount" in result.stderr and "--count" not in result.stderr


def test_voiding_a_reallocation_says_what_depends_on_it(kc: Kc, ledger_path: Path) -> None:
    budget = line_of(kc.json("status", "--format", "json"), "thanh-lap-doanh-nghiep")["uncommitted_vnd"] // TRIEU
    adjust = kc.json("adjust", "--from", "2", "--to", "1", "--amount", "1.000", "--decision", "QĐ 9", "--date",
                     "01/03/2025", "--format", "json")["id"]  # fmt: skip
    add(kc, "P1", str(budget + 1000), line="1")
    message = unchanged(kc, ledger_path, "void", adjust, "--reason", "nhầm")
    assert "không thể hủy bút toán điều chỉnh" in message and "giảm số tiền điều chỉnh" not in message


def test_codes_that_read_alike_are_one_de_an(kc: Kc, ledger_path: Path) -> None:
    def approve(code: str, name: str, code_exit: int = 0) -> Any:
        return kc("project", "add", code, "--line", "4", "--name", name, "--beneficiary", "HTX A", "--support",
                  "100", "--decision", "QĐ 5", "--date", "02/03/2025", code=code_exit)  # fmt: skip

    approve("DA-01", "Lò sấy")
    approve("\uff24\uff21-\uff10\uff11", "Lò sấy")  # full-width ＤＡ-０１: the same approval again, a no-op
    assert len(kc.json("project", "list", "--format", "json")) == 1
    before = ledger_path.read_bytes()
    message = approve("ĐA-01", "Khác", code_exit=1).stderr
    assert "DA-01" in message and "ĐA-01" in message and ledger_path.read_bytes() == before


def test_a_danh_muc_may_name_the_line_by_its_name(kc: Kc, tmp_path: Path) -> None:
    rows = [DANH_MUC, ["X", "Máy móc thiết bị", "HTX A", "100", "q1", "02/03/2025"],
            ["Y", "hỗ trợ  thành lập doanh nghiệp sản xuất công nghiệp nông thôn", "HTX B", "10", "q2",
             "02/03/2025"]]  # fmt: skip
    kc("import", str(write_csv(tmp_path / "dm.csv", rows, sep=";")))
    lines = sorted(row["line"] for row in kc.json("project", "list", "--format", "json"))
    assert lines == ["may-moc-thiet-bi", "thanh-lap-doanh-nghiep"]


def test_show_asks_which_ledger_when_two_hold_the_code(kc: Kc, tmp_path: Path) -> None:
    for name, beneficiary in (("a.jsonl", "HTX A"), ("b.jsonl", "HTX B")):
        kc("project", "add", "DA-001", "--line", "1", "--name", "X", "--beneficiary", beneficiary, "--support", "10",
           "--decision", "q", "--date", "02/03/2025", "--ledger", str(tmp_path / name))  # fmt: skip
    both = ("--ledger", str(tmp_path / "a.jsonl"), "--ledger", str(tmp_path / "b.jsonl"))
    message = kc("project", "show", "DA-001", *both, code=1).stderr
    assert "a.jsonl" in message and "b.jsonl" in message and "--ledger" in message
    shown = kc.json("project", "show", "DA-001", "--ledger", str(tmp_path / "b.jsonl"), "--format", "json")
    assert shown["beneficiary"] == "HTX B"


def test_changes_are_recorded_in_the_order_of_their_dates(kc: Kc, ledger_path: Path) -> None:
    add(kc, "P1", "500", day="01/03/2025")
    kc("project", "change", "P1", "--support", "600", "--end", "30/09/2025", "--decision", "QĐ 2",
       "--date", "01/05/2025")  # fmt: skip
    message = unchanged(kc, ledger_path, "project", "change", "P1", "--support", "700", "--end", "31/12/2025",
                        "--decision", "QĐ 3", "--date", "01/04/2025")  # fmt: skip
    assert "QĐ 2" in message and "01/05/2025" in message and "01/04/2025" in message
    assert f"bút toán {entry_id(kc, 'P1', 'project_change')} (`kc void MÃ --reason" in message
    kc("project", "change", "P1", "--support", "700", "--decision", "QĐ 3", "--date", "01/05/2025")  # the same day
    history = kc.json("project", "show", "P1", "--format", "json")["history"]
    for change in reversed([event["id"] for event in history if event["kind"] == "project_change"]):
        kc("void", change, "--reason", "ghi lại theo thứ tự")
    kc("project", "change", "P1", "--support", "700", "--end", "31/12/2025", "--decision", "QĐ 3",
       "--date", "01/04/2025")  # fmt: skip
    kc("project", "change", "P1", "--support", "600", "--end", "30/09/2025", "--decision", "QĐ 2",
       "--date", "01/05/2025")  # fmt: skip
    [april] = kc.json("project", "list", "--as-of", "15/04/2025", "--format", "json")
    [may] = kc.json("project", "list", "--as-of", "15/05/2025", "--format", "json")
    assert (april["support_vnd"], april["end"]) == (700 * TRIEU, "2025-12-31")
    assert (may["support_vnd"], may["end"]) == (600 * TRIEU, "2025-09-30")


def free_vnd(kc: Kc, line: str) -> int:
    return int(line_of(kc.json("status", "--format", "json"), line)["uncommitted_vnd"])


def test_a_void_that_commits_nothing_more_is_allowed_on_a_line_spent_past_its_budget(kc: Kc) -> None:
    add(kc, "P1", "100")
    past = free_vnd(kc, "may-moc-thiet-bi") + 50 * TRIEU
    kc("record", "4", "--amount", f"{past}đ", "--date", "05/03/2025", "--allow-over-budget")
    kc("project", "accept", "P1", "--date", "06/03/2025")
    kc("void", entry_id(kc, "P1", "project_accept"), "--reason", "nhầm")  # commits what it did: 100
    assert free_vnd(kc, "may-moc-thiet-bi") == -50 * TRIEU


def test_a_void_that_would_commit_one_dong_past_what_the_line_can_still_approve_is_refused(
    kc: Kc, ledger_path: Path
) -> None:
    add(kc, "P1", "200", line="1")
    kc("record", "--project", "P1", "--amount", f"{200 * TRIEU - 1}đ", "--date", "05/03/2025")
    kc("project", "stop", "P1", "--reason", "không làm tiếp", "--date", "06/03/2025")  # 1 đồng back to the line
    add(kc, "P2", f"{free_vnd(kc, 'thanh-lap-doanh-nghiep')}đ", line="1", beneficiary="HTX B")
    message = unchanged(kc, ledger_path, "void", entry_id(kc, "P1", "project_stop"), "--reason", "nhầm")
    assert "P1" in message and "0,000001" in message


def test_a_void_weighs_what_a_reallocation_brought_to_the_line(kc: Kc) -> None:
    kc("adjust", "--from", "4", "--to", "1", "--amount", "300", "--decision", "QĐ 5", "--date", "01/03/2025")
    add(kc, "P1", "200", line="1")
    kc("project", "stop", "P1", "--reason", "không làm", "--date", "05/03/2025")
    add(kc, "P2", f"{free_vnd(kc, 'thanh-lap-doanh-nghiep') - 200 * TRIEU}đ", line="1", beneficiary="HTX B")
    kc("void", entry_id(kc, "P1", "project_stop"), "--reason", "nhầm")  # exactly what is free, the 300 included
    assert free_vnd(kc, "thanh-lap-doanh-nghiep") == 0


def test_a_voided_payment_does_not_hold_a_stop_back(kc: Kc) -> None:
    add(kc, "P1", "600")
    kc("record", "--project", "P1", "--amount", "300", "--date", "30/09/2025")
    kc("void", entry_id(kc, "P1", "record"), "--reason", "nhầm")
    kc("project", "change", "P1", "--support", "500", "--decision", "QĐ 2", "--date", "01/09/2025")
    kc("project", "stop", "P1", "--reason", "không làm", "--date", "01/09/2025")  # the day of the change


def test_a_settlement_or_stop_is_not_dated_before_a_change(kc: Kc, ledger_path: Path) -> None:
    add(kc, "P1", "600")
    kc("project", "change", "P1", "--support", "500", "--decision", "QĐ 2", "--date", "01/09/2025")
    message = unchanged(kc, ledger_path, "project", "stop", "P1", "--reason", "x", "--date", "10/06/2025")
    assert "QĐ 2" in message and "01/09/2025" in message and "10/06/2025" in message
    add(kc, "P2", "600", beneficiary="HTX B")
    kc("project", "accept", "P2", "--date", "05/06/2025")
    kc("project", "change", "P2", "--support", "500", "--decision", "QĐ 3", "--date", "01/09/2025")
    message = unchanged(kc, ledger_path, "project", "settle", "P2", "--date", "31/08/2025")
    assert f"bút toán {entry_id(kc, 'P2', 'project_change')} trước (`kc void MÃ --reason" in message
    kc("project", "settle", "P2", "--date", "01/09/2025")


def test_an_acceptance_dated_before_a_change_names_every_later_change_to_void_last_first(
    kc: Kc, ledger_path: Path
) -> None:
    add(kc, "P1", "600", "--count", "2")
    for decision, day, change in (("QĐ 2", "01/05/2025", ["--support", "500"]), ("QĐ 3", "01/06/2025",
                                  ["--end", "31/12/2025"]), ("QĐ 4", "01/06/2025", ["--count", "3"])):  # fmt: skip
        kc("project", "change", "P1", *change, "--decision", decision, "--date", day)
    history = kc.json("project", "show", "P1", "--format", "json")["history"]
    changes = [event["id"] for event in history if event["kind"] == "project_change"]
    message = unchanged(kc, ledger_path, "project", "accept", "P1", "--date", "15/04/2025")
    assert f"các bút toán {', '.join(reversed(changes))} (`kc void MÃ --reason" in message
    message = unchanged(kc, ledger_path, "project", "accept", "P1", "--date", "15/05/2025")  # QĐ 2 was before it
    assert f"các bút toán {changes[2]}, {changes[1]} (" in message and "QĐ 3" in message
    for change in reversed(changes[1:]):
        kc("void", change, "--reason", "ghi lại theo thứ tự ngày")
    kc("project", "accept", "P1", "--date", "15/05/2025")
    assert kc.json("project", "show", "P1", "--format", "json")["done_count"] == 2  # the count in force then


def test_an_acceptance_may_be_dated_before_a_payment_that_was_not_an_advance(kc: Kc) -> None:
    add(kc, "P1", "600")
    kc("record", "--project", "P1", "--amount", "300", "--date", "01/09/2025")  # paid on the acceptance's minutes
    kc("project", "accept", "P1", "--date", "01/08/2025")
    assert kc.json("project", "show", "P1", "--format", "json")["accepted"] == "2025-08-01"
