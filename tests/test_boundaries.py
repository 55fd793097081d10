"""Tests that catch a wrong figure: every rule at its boundary, every reallocation, every period (issue 27).

Each test fails on a small wrong change to the rule it names (a flipped comparison, a constant off by one,
a deleted check): `tools/mutate.py` measures that. Sections follow the issue's numbered gaps; figures are
exact, refusals leave the ledger byte for byte as it was.
"""

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from .conftest import Kc, line_of, write_csv

DECISION = ["--decision", "QĐ 45/QĐ-UBND"]


def status(kc: Kc, *args: str) -> dict[str, Any]:
    return dict(kc.json("status", *args, "--format", "json"))


def adjust(kc: Kc, source: str, target: str, amount: str, *flags: str, day: str = "2024-03-01", code: int = 0) -> Any:
    return kc(
        "adjust", "--from", source, "--to", target, "--amount", amount, *DECISION, "--date", day, *flags, code=code
    )


def entry_id(kc: Kc, *args: str) -> str:
    """Runs a writing command with --format json and gives the id of the entry it wrote."""
    return str(kc.json(*args, "--format", "json")["id"])


def small_plan(path: Path, start: date, end: date, lines: list[dict[str, Any]], **plan: Any) -> Path:
    """A plan file of a few lines, written as an officer writes one (budgets in đồng)."""
    data = {"plan": {"id": "thu-nghiem", "title": "Kế hoạch thử nghiệm", "start": start, "end": end, **plan}}
    path.write_text(tomli_w.dumps({**data, "lines": lines}), encoding="utf-8")
    return path


# --- 1. the budget after a reallocation -----------------------------------------------------------


def test_a_line_that_received_a_reallocation_takes_records_up_to_its_new_budget(kc: Kc, ledger_path: Path) -> None:
    adjust(kc, "10", "4", "900")  # line 4: 14.750 + 900
    full = kc("record", "4", "--amount", "15.650", "--date", "2024-03-02")
    assert full.stdout.endswith(
        "Nội dung số 4 (Máy móc thiết bị): lũy kế giải ngân 15.650/15.650 triệu đồng (100,0%), "
        "còn lại 0 triệu đồng; thực hiện 0/77 cơ sở\n"
    )
    before = ledger_path.read_bytes()
    refused = kc("record", "4", "--amount", "1đ", "--date", "2024-03-02", code=1)
    assert "chỉ còn 0 triệu đồng, không đủ cho 0,000001 triệu đồng" in refused.stderr
    assert ledger_path.read_bytes() == before


def test_a_line_that_gave_a_reallocation_takes_records_only_up_to_what_it_kept(kc: Kc, ledger_path: Path) -> None:
    moved = kc.json(
        "adjust", "--from", "10", "--to", "4", "--amount", "900", *DECISION, "--date", "2024-03-01", "--format", "json"
    )
    assert moved["noop"] is False
    assert moved["balance"] == {
        "line": "noi-dung-khac",
        "budget_vnd": 7_060_000_000,
        "spent_vnd": 0,
        "remaining_vnd": 7_060_000_000,
        "committed_vnd": 0,
        "uncommitted_vnd": 7_060_000_000,
        "done_count": None,
        "remaining_count": None,
    }
    full = kc("record", "10", "--amount", "7.060", "--date", "2024-03-02")
    assert "lũy kế giải ngân 7.060/7.060 triệu đồng (100,0%), còn lại 0 triệu đồng" in full.stdout
    before = ledger_path.read_bytes()
    kc("record", "10", "--amount", "1đ", "--date", "2024-03-02", code=1)
    assert ledger_path.read_bytes() == before


def test_a_void_of_a_reallocation_whose_money_was_spent_is_refused(kc: Kc, ledger_path: Path) -> None:
    moved = entry_id(kc, "adjust", "--from", "10", "--to", "4", "--amount", "900", *DECISION, "--date", "2024-03-01")
    spent = entry_id(kc, "record", "4", "--amount", "15.000", "--date", "2024-03-02")  # 250 of the 900 moved
    before = ledger_path.read_bytes()
    refused = kc("void", moved, "--reason", "quyết định bị thu hồi", code=1)
    assert "còn 14.750 triệu đồng, thấp hơn lũy kế giải ngân 15.000 triệu đồng" in refused.stderr
    assert ledger_path.read_bytes() == before
    assert line_of(status(kc), "may-moc-thiet-bi")["budget_vnd"] == 15_650_000_000
    kc("void", spent, "--reason", "nhập nhầm")
    kc("void", moved, "--reason", "quyết định bị thu hồi")
    assert line_of(status(kc), "may-moc-thiet-bi")["budget_vnd"] == 14_750_000_000


def test_a_void_of_a_reallocation_that_leaves_exactly_what_was_spent_is_accepted(kc: Kc) -> None:
    moved = entry_id(kc, "adjust", "--from", "10", "--to", "4", "--amount", "900", *DECISION, "--date", "2024-03-01")
    kc("record", "4", "--amount", "14.750", "--date", "2024-03-02")
    kc("void", moved, "--reason", "quyết định bị thu hồi")
    machinery = line_of(status(kc), "may-moc-thiet-bi")
    assert (machinery["budget_vnd"], machinery["remaining_vnd"]) == (14_750_000_000, 0)


def test_a_reallocation_moves_budget_and_nothing_else(kc: Kc) -> None:
    """What a reallocation does to the sums (tally.effects): budget only, on both lines."""
    kc("record", "4", "--amount", "100", "--count", "2", "--beneficiary", "HTX A", "--counterpart", "50",
       "--locality", "Sa Pa", "--date", "2024-01-05")  # fmt: skip
    adjust(kc, "10", "4", "900")
    after = status(kc, "--by", "quarter")
    machinery, other = line_of(after, "may-moc-thiet-bi"), line_of(after, "noi-dung-khac")
    expected = {
        "budget_vnd": 15_650_000_000,
        "original_budget_vnd": 14_750_000_000,
        "spent_vnd": 100_000_000,
        "done_count": 2,
        "counterpart_vnd": 50_000_000,
        "beneficiaries": 1,
        "cumulative_spent_vnd": 100_000_000,
        "cumulative_done_count": 2,
    }
    assert {key: machinery[key] for key in expected} == expected
    assert (other["budget_vnd"], other["spent_vnd"], other["counterpart_vnd"]) == (7_060_000_000, 0, 0)
    assert (other["done_count"], other["beneficiaries"]) == (None, 0)
    assert after["groups"] == [
        {
            "key": "2024-Q1",
            "spent_vnd": 100_000_000,
            "done_count": 2,
            "lines": {"may-moc-thiet-bi": {"spent_vnd": 100_000_000, "done_count": 2}},
        }
    ]
    assert after["totals"]["counterpart_vnd"] == 50_000_000
    # the beneficiary is still counted once: a reallocation names no one
    warned = kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX B", "--date", "2024-03-05")
    assert warned.stderr == ""


def lose_line(plan_path: Path, line_id: str) -> None:
    """The plan, edited so that it no longer has the line `line_id` (its entries stay in the ledger)."""
    text = plan_path.read_text(encoding="utf-8")
    start = text.index(f'[[lines]]\nid = "{line_id}"')
    plan_path.write_text(text[:start] + text[text.index("[[lines]]", start + 1) :], encoding="utf-8")


def test_a_void_of_a_reallocation_into_a_line_the_plan_lost_weighs_what_it_spent(
    kc: Kc, plan_path: Path, ledger_path: Path
) -> None:
    kept = entry_id(kc, "adjust", "--from", "10", "--to", "7", "--amount", "100", *DECISION, "--date", "2024-03-01")
    spent = entry_id(kc, "adjust", "--from", "10", "--to", "5", "--amount", "100", *DECISION, "--date", "2024-03-01")
    kc("record", "5", "--amount", "1đ", "--date", "2024-03-02")
    lose_line(plan_path, "tu-van")
    lose_line(plan_path, "binh-chon-san-pham")
    before = ledger_path.read_bytes()
    refused = kc("void", spent, "--reason", "thu hồi", code=1).stderr
    assert "còn 0 triệu đồng, thấp hơn lũy kế giải ngân 0,000001 triệu đồng" in refused  # 0 + 100 − 100 < 1 đồng
    assert ledger_path.read_bytes() == before
    kc("void", kept, "--reason", "thu hồi")  # 0 + 100 − 100 is not below the nothing it spent
    assert [x["id"] for x in status(kc)["unplanned_lines"]] == ["binh-chon-san-pham"]


def test_a_void_says_the_balance_of_the_line_its_entry_moved(kc: Kc) -> None:
    record = entry_id(kc, "record", "4", "--amount", "100", "--count", "2", "--date", "2024-01-05")
    moved = entry_id(kc, "adjust", "--from", "10", "--to", "4", "--amount", "900", *DECISION, "--date", "2024-03-01")
    measured = entry_id(kc, "measure", "gia-tri-san-xuat", "--year", "2023", "--value", "4.800")
    voided = kc.json("void", record, "--reason", "nhập nhầm", "--format", "json")
    assert voided["balance"] == {
        "line": "may-moc-thiet-bi",
        "budget_vnd": 15_650_000_000,
        "spent_vnd": 0,
        "remaining_vnd": 15_650_000_000,
        "committed_vnd": 0,
        "uncommitted_vnd": 15_650_000_000,
        "done_count": 0,
        "remaining_count": 77,
    }
    unmoved = kc.json("void", moved, "--reason", "thu hồi", "--format", "json")
    assert unmoved["balance"]["line"] == "noi-dung-khac" and unmoved["balance"]["budget_vnd"] == 7_960_000_000
    unmeasured = kc.json("void", measured, "--reason", "số liệu sai", "--format", "json")
    assert "balance" not in unmeasured and unmeasured["noop"] is False
    assert kc("void", measured, "--reason", "số liệu sai").stdout.startswith(f"Bút toán {measured} đã được hủy")


def test_a_void_of_a_record_on_a_line_the_plan_lost_says_no_balance(kc: Kc, plan_path: Path) -> None:
    record = entry_id(kc, "record", "tu-van", "--amount", "5", "--date", "2024-01-05")
    lose_line(plan_path, "tu-van")
    assert "balance" not in kc.json("void", record, "--reason", "nhập nhầm", "--format", "json")
    assert status(kc)["unplanned_lines"] == []


def test_a_void_takes_back_counterpart_funds_the_beneficiary_and_its_count(kc: Kc, plan_path: Path) -> None:
    record = entry_id(kc, "record", "4", "--amount", "100", "--count", "1", "--beneficiary", "HTX A",
                      "--counterpart", "50", "--date", "2024-01-05")  # fmt: skip
    kc("record", "tu-van", "--count", "1", "--beneficiary", "HTX C", "--date", "2024-01-05")
    counted_only = entry_id(kc, "record", "tu-van", "--count", "1", "--date", "2024-01-06")
    kc("void", record, "--reason", "nhập nhầm")
    machinery = line_of(status(kc), "may-moc-thiet-bi")
    assert (machinery["counterpart_vnd"], machinery["beneficiaries"], machinery["done_count"]) == (0, 0, 0)
    again = kc("record", "4", "--amount", "100", "--count", "1", "--beneficiary", "HTX A", "--date", "2024-01-07")
    assert again.stderr == ""  # the voided record no longer counts HTX A
    kc("void", counted_only, "--reason", "nhập nhầm")
    lose_line(plan_path, "tu-van")
    (lost,) = status(kc)["unplanned_lines"]  # HTX C's record still counts; the voided one adds nothing
    assert (lost["done_count"], lost["beneficiaries"], lost["spent_vnd"]) == (1, 1, 0)


def test_a_beneficiary_paid_without_a_count_is_not_counted_yet(kc: Kc) -> None:
    kc("record", "4", "--amount", "100", "--beneficiary", "HTX A", "--date", "2024-01-05")  # a first tranche
    kc("record", "4", "--count", "1", "--date", "2024-01-06")  # a count with no one named
    assert (
        kc("record", "4", "--amount", "50", "--count", "1", "--beneficiary", "HTX A", "--date", "2024-01-07").stderr
        == ""
    )
    checked = kc.json("check", "--format", "json")
    assert checked["ok"] is True and checked["warnings"] == []
    assert line_of(status(kc), "may-moc-thiet-bi")["beneficiaries"] == 1


# --- 2. kc adjust: its refusals, its JSON, the whole remaining budget -----------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "4", "--to", "may-moc-thiet-bi", "--amount", "1", *DECISION, "--date", "2024-03-01"],
            "--from và --to cùng là nội dung số 4 (Máy móc thiết bị).",
        ),
        (
            ["--from", "10", "--to", "4", "--amount", "0", *DECISION, "--date", "2024-03-01"],
            "số tiền điều chỉnh phải lớn hơn 0.",
        ),
        (
            ["--from", "10", "--to", "4", "--amount", "1", "--decision", "  ", "--date", "2024-03-01"],
            "--decision không được để trống",
        ),
        (
            ["--from", "10", "--to", "4", "--amount", "1", *DECISION, "--date", "2026-01-01"],
            "ngày 01/01/2026 nằm ngoài thời gian thực hiện kế hoạch (01/01/2021 – 31/12/2025)",
        ),
        (
            ["--from", "10", "--to", "4", "--amount", "1", *DECISION, "--date", "2020-12-31"],
            "ngày 31/12/2020 nằm ngoài thời gian thực hiện kế hoạch",
        ),
    ],
    ids=["same-line", "zero", "no-decision", "after-the-plan", "before-the-plan"],
)
def test_adjust_refuses_what_is_not_a_reallocation(kc: Kc, ledger_path: Path, args: list[str], message: str) -> None:
    kc("record", "4", "--amount", "1", "--date", "2024-01-05")
    before = ledger_path.read_bytes()
    refused = kc("adjust", *args, code=1)
    assert message in refused.stderr and refused.stderr.count("\n") == 1
    assert ledger_path.read_bytes() == before


def test_adjust_on_the_plans_first_and_last_day_and_outside_it_with_the_flag(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_TODAY", "2026-01-10")  # the plan has ended: its last day is not after today
    adjust(kc, "10", "4", "1", day="2021-01-01")
    adjust(kc, "10", "4", "1", day="2025-12-31")
    adjust(kc, "10", "4", "1", "--allow-outside-period", day="2026-01-01")
    assert line_of(status(kc, "--as-of", "2026-01-01"), "may-moc-thiet-bi")["budget_vnd"] == 14_753_000_000


def test_moving_exactly_the_remaining_budget_is_allowed_and_one_dong_more_is_not(kc: Kc, ledger_path: Path) -> None:
    kc("record", "10", "--amount", "7.000", "--date", "2024-01-05")
    moved = kc("adjust", "--from", "10", "--to", "4", "--amount", "960", *DECISION, "--date", "2024-03-01")
    assert "Đã điều chỉnh kinh phí 960 triệu đồng từ nội dung số 10 (Nội dung khác) sang nội dung số 4" in moved.stdout
    assert "lũy kế giải ngân 7.000/7.000 triệu đồng (100,0%), còn lại 0 triệu đồng" in moved.stdout
    adjust(kc, "8", "4", "30")  # line 8 spent nothing: its whole budget may go, to 0
    before = ledger_path.read_bytes()
    refused = adjust(kc, "3", "4", "1.800,000001", code=1)
    assert "còn -0,000001 triệu đồng, thấp hơn lũy kế giải ngân 0 triệu đồng" in refused.stderr
    assert ledger_path.read_bytes() == before
    lines = status(kc)["lines"]
    assert [x["budget_vnd"] for x in lines if x["number"] in (3, 4, 8, 10)] == [
        1_800_000_000,
        15_740_000_000,
        0,
        7_000_000_000,
    ]


def test_an_adjustment_of_one_dong_is_an_adjustment(kc: Kc) -> None:
    adjust(kc, "10", "4", "1đ")
    assert line_of(status(kc), "may-moc-thiet-bi")["budget_vnd"] == 14_750_000_001


# --- 3. import: the same bytes, many refusals and warnings, progress, the summary, notices --------

HEADER = ["date", "line", "amount", "count", "beneficiary"]


def test_the_same_bytes_under_another_name_are_the_same_file_and_replace_imports_them_anew(
    kc: Kc, isolated: Path
) -> None:
    first = write_csv(
        isolated / "thang-5.csv",
        [HEADER, ["2024-05-05", "7", "300", "1", "HTX A"], ["2024-05-06", "6", "35", "1", "HTX B"]],
    )
    kc("import", str(first))
    copy = isolated / "ban-sao.csv"
    copy.write_bytes(first.read_bytes())
    again = kc("import", str(copy)).stdout
    assert re.fullmatch(
        r"Tệp ban-sao\.csv đã được nhập ngày \d\d/\d\d/\d{4}, khi đó mang tên thang-5\.csv "
        r"\(2 hàng còn được tính\); không nhập thêm\. Nếu muốn nhập lại, thêm --replace\.\n",
        again,
    )
    same_name = kc("import", str(first)).stdout
    assert "khi đó mang tên" not in same_name and "(2 hàng còn được tính)" in same_name
    replaced = kc.json("import", str(copy), "--replace", "--format", "json")
    assert (replaced["replaced"], replaced["added"], replaced["already"]) == (2, 2, 0)
    after = status(kc)
    assert (line_of(after, "tu-van")["spent_vnd"], line_of(after, "nhan-hieu")["spent_vnd"]) == (
        300_000_000,
        35_000_000,
    )
    assert kc.json("check", "--format", "json")["ok"] is True


def test_more_than_fifty_refused_rows_are_listed_fifty_then_counted(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1", "--date", "2024-01-05")
    before = ledger_path.read_bytes()
    rows = [["2024-05-05", "99", "1", "", ""] for _ in range(51)]  # rows 2 to 52 of the sheet
    refused = kc("import", str(write_csv(isolated / "sai.csv", [HEADER, *rows])), code=1).stderr.splitlines()
    assert refused[0].endswith(
        "sai.csv: 51 hàng không nhập được; chưa nhập hàng nào. Vui lòng sửa các hàng sau rồi nhập lại:"
    )
    assert [line.split(":")[0] for line in refused[1:-1]] == [f"hàng {n}" for n in range(2, 52)]
    assert refused[-1] == "… và 1 hàng khác."
    assert ledger_path.read_bytes() == before


def test_fifty_refused_rows_are_all_listed(kc: Kc, isolated: Path) -> None:
    rows = [["2024-05-05", "99", "1", "", ""] for _ in range(50)]
    refused = kc("import", str(write_csv(isolated / "sai.csv", [HEADER, *rows])), code=1).stderr.splitlines()
    assert "50 hàng không nhập được" in refused[0] and refused[-1].startswith("hàng 51: ") and len(refused) == 51


def test_more_than_twenty_warnings_are_listed_twenty_then_counted(kc: Kc, isolated: Path) -> None:
    rows = [["2024-05-05", "4", "1", "1", "HTX A"] for _ in range(22)]  # the 21 rows after the first count it again
    imported = kc("import", str(write_csv(isolated / "htx-a.csv", [HEADER, *rows])))
    warnings = imported.stderr.splitlines()
    assert [line.split(":")[1] for line in warnings[:-1]] == [f" hàng {n}" for n in range(3, 23)]
    assert warnings[-1] == "Cảnh báo: … và 1 cảnh báo khác."
    assert imported.stdout.startswith("Đã nhập 22 hàng.\n")


def test_twenty_warnings_are_all_listed(kc: Kc, isolated: Path) -> None:
    rows = [["2024-05-05", "4", "1", "1", "HTX A"] for _ in range(21)]
    warnings = kc("import", str(write_csv(isolated / "htx-a.csv", [HEADER, *rows]))).stderr.splitlines()
    assert len(warnings) == 20 and warnings[-1].startswith("Cảnh báo: hàng 22: ")


def test_a_long_import_reports_its_progress_every_thousand_rows(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[int] = []

    @contextmanager
    def progress(description: str) -> Iterator[Callable[[int], None]]:
        yield shown.append

    monkeypatch.setattr("kc_tracker.render.row_progress", progress)
    rows = [["2024-05-05", "4", "0,001", "", ""] for _ in range(1001)]  # sheet rows 2 to 1002
    kc("import", str(write_csv(isolated / "nam.csv", [HEADER, *rows])))
    assert shown == [1000]
    assert line_of(status(kc), "may-moc-thiet-bi")["spent_vnd"] == 1_001_000


def test_the_import_summary_counts_rows_money_and_counts_per_line(kc: Kc, isolated: Path) -> None:
    rows = [
        ["2024-05-05", "4", "1.000", "2", "HTX A"],
        ["2024-05-06", "may-moc-thiet-bi", "300", "3", "HTX B"],
        ["2024-05-07", "7", "80", "", ""],  # a count-only line's rows without a count: no count said
        ["2024-05-08", "10", "50", "", ""],
        ["2024-05-09", "6", "0", "1", "HTX C"],
    ]
    imported = kc("import", str(write_csv(isolated / "thang-5.csv", [HEADER, *rows])))
    assert imported.stdout == (
        "Đã nhập 5 hàng.\n"
        "  nội dung số 4 (Máy móc thiết bị): 2 hàng, giải ngân 1.300 triệu đồng, thực hiện 5 cơ sở\n"
        "  nội dung số 6 (Nhãn hiệu): 1 hàng, giải ngân 0 triệu đồng, thực hiện 1 cơ sở\n"
        "  nội dung số 7 (Tư vấn): 1 hàng, giải ngân 80 triệu đồng\n"
        "  nội dung số 10 (Nội dung khác): 1 hàng, giải ngân 50 triệu đồng\n"
    )
    lines = kc.json("import", str(isolated / "thang-5.csv"), "--replace", "--dry-run", "--format", "json")["lines"]
    assert [(x["number"], x["rows"], x["amount_vnd"], x["count"]) for x in lines] == [
        (4, 2, 1_300_000_000, 5),
        (6, 1, 0, 1),
        (7, 1, 80_000_000, None),
        (10, 1, 50_000_000, None),
    ]


def test_an_import_says_that_it_moved_a_torn_tail_aside(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100", "--date", "2024-01-05")
    with ledger_path.open("ab") as handle:
        handle.write(b'{"prev":"x","kind":"record","id":"ab')
    imported = kc("import", str(write_csv(isolated / "thang-5.csv", [HEADER, ["2024-05-05", "7", "80", "", ""]])))
    assert imported.stderr == (
        f"Cảnh báo: {ledger_path}: đã chuyển phần ghi dở ở cuối sổ (36 byte) sang "
        f"{ledger_path.with_name('ledger.jsonl.torn')} trước khi ghi sổ.\n"
    )
    assert line_of(status(kc), "tu-van")["spent_vnd"] == 80_000_000


def batches(ledger_path: Path) -> list[dict[str, Any]]:
    lines = [json.loads(raw) for raw in ledger_path.read_bytes().splitlines()]
    return [line for line in lines if line["kind"] == "batch"]


def test_the_same_bytes_imported_again_name_the_import_that_counts_now(kc: Kc, isolated: Path) -> None:
    first = write_csv(
        isolated / "thang-5.csv",
        [HEADER, ["2024-05-05", "7", "300", "1", "HTX A"], ["2024-05-06", "6", "35", "1", "HTX B"]],
    )
    kc("import", str(first))
    copy = isolated / "ban-sao.csv"
    copy.write_bytes(first.read_bytes())
    kc("import", str(copy), "--replace")
    again = kc("import", str(first)).stdout
    assert ", khi đó mang tên ban-sao.csv (2 hàng còn được tính); không nhập thêm." in again
    assert kc.json("import", str(first), "--format", "json")["already"] == 2


def test_replacing_a_file_replaces_the_earlier_import_of_its_name_and_of_its_bytes(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    named = write_csv(
        isolated / "xa-a.csv", [HEADER, ["2024-05-05", "7", "300", "1", "HTX A"], ["2024-05-06", "7", "80", "", ""]]
    )
    kc("import", str(named))
    other = write_csv(isolated / "xa-b.csv", [HEADER, ["2024-05-07", "6", "35", "1", "HTX B"]])
    kc("import", str(other))
    named.write_bytes(other.read_bytes())  # xa-a.csv now holds what xa-b.csv held
    replaced = kc.json("import", str(named), "--replace", "--format", "json")
    assert (replaced["replaced"], replaced["added"]) == (3, 1)
    first, _, third = batches(ledger_path)
    assert (third["file"], third["replaces"]) == ("xa-a.csv", first["id"])
    assert (
        line_of(status(kc), "tu-van")["spent_vnd"] == 0 and line_of(status(kc), "nhan-hieu")["spent_vnd"] == 35_000_000
    )


def test_a_file_whose_rows_were_all_voided_is_imported_anew_replacing_nothing(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    source = write_csv(isolated / "thang-5.csv", [HEADER, ["2024-05-05", "7", "300", "1", "HTX A"]])
    kc("import", str(source))
    (row,) = kc.json("log", "--format", "json")
    kc("void", row["id"], "--reason", "nhập nhầm")
    assert kc.json("import", str(source), "--format", "json")["already"] == 0  # the same file: still not again
    replaced = kc.json("import", str(source), "--replace", "--format", "json")
    assert (replaced["replaced"], replaced["added"]) == (0, 1)
    assert batches(ledger_path)[-1].get("replaces") is None


# --- 4. money: its limits, both readings, what follows a unit, an indicator's value ---------------


DRY_RUN = ["--date", "2024-01-05", "--allow-over-budget", "--dry-run", "--format", "json"]


def amount_vnd(kc: Kc, text: str) -> int:
    """What `--amount TEXT` records, in đồng (a dry run past the budget: only the parsing counts)."""
    return int(kc.json("record", "4", "--amount", text, *DRY_RUN)["amount_vnd"])


def refusal(kc: Kc, text: str) -> str:
    return str(kc("record", "4", "--amount", text, "--date", "2024-01-05", "--dry-run", code=1).stderr)


def test_the_largest_amount_is_ten_to_the_fifteen_dong_exact_for_a_json_reader_of_doubles(kc: Kc) -> None:
    assert amount_vnd(kc, "1.000.000.000") == 10**15  # triệu
    assert amount_vnd(kc, "1.000.000 tỷ") == 10**15
    just_below = kc("record", "4", "--amount", "999.999.999,999999", *DRY_RUN).stdout
    assert json.loads(just_below, parse_int=float)["amount_vnd"] == 10**15 - 1  # a double holds it exactly
    assert "quá lớn (tối đa 1.000.000.000.000.000 đ)" in refusal(kc, "1.000.000.000,000001")
    assert "quá lớn" in refusal(kc, "1.000.000.000.000.001đ")


def test_an_amount_of_thirty_digits_is_read_and_one_of_thirty_one_is_refused(kc: Kc) -> None:
    thirty = "0," + "000001" + "0" * 23  # 30 digits, 1 đồng
    assert amount_vnd(kc, thirty) == 1
    assert "quá lớn" in refusal(kc, thirty + "0")


@pytest.mark.parametrize(
    ("text", "vnd"),
    [
        ("1250,500", 1_250_500_000),
        ("1.250,500", 1_250_500_000),
        ("0,500", 500_000),
        ("12,50", 12_500_000),
        ("125,5", 125_500_000),
        ("1tr250", 1_250_000),
        ("1tr05", 1_050_000),
        ("2tỷ5", 2_500_000_000),
    ],
)
def test_amounts_that_read_one_way_only(kc: Kc, text: str, vnd: int) -> None:
    assert amount_vnd(kc, text) == vnd


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("125,500", "“125,500” có hai cách hiểu: 125,5 hoặc 125.500."),
        ("125,000", "“125,000” có hai cách hiểu: 125 hoặc 125.000."),
        ("5đ250", "số tiền “5đ250” không đọc được."),
        ("1,5tr2", "số tiền “1,5tr2” không đọc được."),
        ("5 250", "số tiền “5 250” không đọc được."),
    ],
    ids=["125,500", "125,000", "5d250", "1,5tr2", "5 250"],
)
def test_amounts_that_read_two_ways_or_not_at_all_are_refused(kc: Kc, text: str, message: str) -> None:
    assert message in refusal(kc, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0,123456789", "0.123456789"),
        ("999.999.999.999.999.999", "999999999999999999"),
        ("4.900,50", "4900.5"),
        ("0,05", "0.05"),
        ("5,0", "5"),
        ("7", "7"),
    ],
)
def test_an_indicator_value_is_kept_as_exact_decimal_text(kc: Kc, text: str, value: str) -> None:
    measured = kc.json("measure", "gia-tri-san-xuat", "--year", "2024", "--value", text, "--format", "json")
    assert measured["value"] == value


@pytest.mark.parametrize("text", ["-1", "−4.900", " -0,5"])
def test_a_negative_indicator_value_is_refused_as_negative(kc: Kc, text: str) -> None:
    refused = kc("measure", "gia-tri-san-xuat", "--year", "2024", "--value", text, code=1).stderr
    assert f"giá trị “{text}” là số âm." in refused


def test_a_number_written_neither_way_is_refused_with_an_example_of_each_mark(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "(ví dụ 14.750 hoặc 0,5)." in refusal(kc, "1,2,3")
    assert "(ví dụ 14.750 hoặc 0,5). Có phải là 1,5?" in refusal(kc, "1.5")
    monkeypatch.setenv("KC_LANG", "en")
    assert "(for example 14,750 or 0.5)." in refusal(kc, "1,2.3")


@pytest.mark.parametrize("text", ["0,1234567891", "1.000.000.000.000.000.000"])
def test_an_indicator_value_with_ten_decimals_or_of_ten_to_the_eighteen_is_refused(kc: Kc, text: str) -> None:
    refused = kc("measure", "gia-tri-san-xuat", "--year", "2024", "--value", text, code=1).stderr
    assert f"giá trị “{text}” quá lớn hoặc có quá nhiều chữ số thập phân (tối đa 9)." in refused


# --- 5. periods: every kind, both ends of a year, the bounds of the calendar, today -------------


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("2024", "năm 2024 (từ 01/01/2024 đến 31/12/2024)"),
        ("2024-H1", "6 tháng đầu năm 2024 (từ 01/01/2024 đến 30/06/2024)"),
        ("2024-H2", "6 tháng cuối năm 2024 (từ 01/07/2024 đến 31/12/2024)"),
        ("2024-Q1", "quý I/2024 (từ 01/01/2024 đến 31/03/2024)"),
        ("2024-q2", "quý II/2024 (từ 01/04/2024 đến 30/06/2024)"),
        ("2024-Q3", "quý III/2024 (từ 01/07/2024 đến 30/09/2024)"),
        ("2024-Q4", "quý IV/2024 (từ 01/10/2024 đến 31/12/2024)"),
        ("2024-02", "tháng 2/2024 (từ 01/02/2024 đến 29/02/2024)"),
        ("2024-11", "tháng 11/2024 (từ 01/11/2024 đến 30/11/2024)"),
        ("2025-01", "tháng 1/2025 (từ 01/01/2025 đến 31/01/2025)"),
        ("2025-12", "tháng 12/2025 (từ 01/12/2025 đến 31/12/2025)"),
    ],
    ids=[
        "2024",
        "2024-H1",
        "2024-H2",
        "2024-Q1",
        "2024-q2",
        "2024-Q3",
        "2024-Q4",
        "2024-02",
        "2024-11",
        "2025-01",
        "2025-12",
    ],
)
def test_every_kind_of_period_closes_from_its_first_day_to_its_last(
    kc: Kc, code: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_TODAY", "2026-01-05")  # every one of them has ended
    closed = kc.json("close", code, "--format", "json")
    start, end = said.split("(từ ")[1].rstrip(")").split(" đến ")
    assert (closed["start"], closed["end"]) == tuple("-".join(reversed(day.split("/"))) for day in (start, end))
    assert kc("void", closed["id"], "--reason", "x").stdout  # the id the sentence names
    assert kc("close", code).stdout.startswith(f"Đã khóa sổ kỳ báo cáo {said[:-1]}; mã ")


def test_the_latest_closed_month_is_named_under_the_status(kc: Kc) -> None:
    kc("close", "2024-05")
    assert "Kỳ báo cáo đã khóa sổ gần nhất: tháng 5/2024" in kc("status").stdout


@pytest.mark.parametrize("code", ["2025-00", "2025-13", "2025-Q5", "2025-H3", "1899", "2201"])
def test_a_period_that_does_not_exist_is_refused_naming_the_argument_in_the_language(kc: Kc, code: str) -> None:
    refused = kc("close", code, code=1).stderr
    assert f"KỲ “{code}” không phải là kỳ báo cáo hợp lệ." in refused and "PERIOD" not in refused


def test_a_period_that_does_not_exist_is_refused_in_english_too(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    assert "PERIOD “2025-00” is not a valid period." in kc("close", "2025-00", code=1).stderr


@pytest.mark.parametrize("code", ["1900", "2200"])
def test_the_first_and_last_years_of_the_calendar_are_periods_outside_the_plan(kc: Kc, code: str) -> None:
    refused = kc("close", code, code=1).stderr
    assert f"năm {code} nằm ngoài thời gian thực hiện kế hoạch (01/01/2021 – 31/12/2025)" in refused


def test_a_range_is_named_by_its_days(kc: Kc) -> None:
    refused = kc("report", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "md", code=1).stderr
    assert "từ 01/01/2026 đến 01/02/2026 nằm ngoài thời gian thực hiện kế hoạch" in refused


@pytest.mark.parametrize(("day", "shown"), [("1900-01-01", "01/01/1900"), ("31/12/2200", "31/12/2200")])
def test_the_first_and_last_days_of_the_calendar_are_dates_outside_the_plan(kc: Kc, day: str, shown: str) -> None:
    refused = kc("record", "4", "--amount", "1", "--date", day, code=1).stderr
    assert f"ngày {shown} nằm ngoài thời gian thực hiện kế hoạch" in refused
    kc("record", "4", "--amount", "1", "--date", day, "--allow-outside-period", "--allow-future", "--dry-run")


@pytest.mark.parametrize("day", ["31/12/1899", "2201-01-01"])
def test_a_day_outside_the_calendar_is_a_typing_slip(kc: Kc, day: str) -> None:
    refused = kc("record", "4", "--amount", "1", "--date", day, "--allow-outside-period", code=1).stderr
    assert f"--date “{day}” không phải là ngày hợp lệ." in refused


@pytest.mark.parametrize(("year", "code"), [("1899", 1), ("1900", 0), ("2200", 0), ("2201", 1)])
def test_an_indicator_is_measured_for_a_year_of_the_calendar(kc: Kc, year: str, code: int) -> None:
    measured = kc("measure", "gia-tri-san-xuat", "--year", year, "--value", "1", "--allow-outside-period",
                  "--allow-future", code=code)  # fmt: skip
    assert (f"năm {year} không hợp lệ." in measured.stderr) == bool(code)


def test_today_is_the_machines_date_without_kc_today(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KC_TODAY")
    before = date.today()
    as_of = status(kc)["as_of"]
    assert as_of in {before.isoformat(), date.today().isoformat()}


def test_a_period_that_ends_on_the_plans_first_day_or_starts_on_its_last_is_in_it(kc: Kc, plan_path: Path) -> None:
    small_plan(plan_path, date(2024, 3, 31), date(2024, 4, 1), [{"id": "a", "name": "Hội chợ", "budget_vnd": 10**9}])
    assert "tháng 3/2024" in kc("close", "2024-03").stdout
    assert "tháng 4/2024" in kc("close", "2024-04").stdout
    assert "nằm ngoài thời gian thực hiện kế hoạch" in kc("close", "2024-02", code=1).stderr
    assert "nằm ngoài thời gian thực hiện kế hoạch" in kc("close", "2024-05", code=1).stderr


# --- 6. status and log: pace, the footer, period figures, warnings, quarters, the plan's ends -----


def test_pace_at_ten_points_either_side_of_the_elapsed_share_and_at_a_hundred(kc: Kc, plan_path: Path) -> None:
    spent = {"a": "600", "b": "599", "c": "400", "d": "399", "e": "999", "f": "1.000", "g": "0"}
    lines = [{"id": key, "name": f"Nội dung {key}", "budget_vnd": 1_000_000_000} for key in spent]
    lines += [
        {"id": "h", "name": "Chưa có kinh phí", "budget_vnd": 0},
        {"id": "i", "name": "Có số lượng", "budget_vnd": 1_000_000_000, "unit": "cơ sở", "target": 10},
    ]
    small_plan(plan_path, date(2024, 1, 1), date(2024, 1, 11), lines)  # ten days: the 6th is half of them
    for key, amount in spent.items():
        if amount != "0":
            kc("record", key, "--amount", amount, "--date", "2024-01-02")
    kc("record", "i", "--amount", "1.000", "--count", "6", "--date", "2024-01-02")  # as far as its slower measure
    half = status(kc, "--as-of", "2024-01-06")
    assert half["elapsed_pct"] == 50.0
    assert {x["id"]: x["pace"] for x in half["lines"]} == {
        "a": "ahead",
        "b": "on-track",
        "c": "on-track",
        "d": "behind",
        "e": "ahead",
        "f": "done",
        "g": "behind",
        "h": None,
        "i": "ahead",
    }
    table = kc("status", "--as-of", "2024-01-06").stdout
    assert "vượt tiến độ" in next(row for row in table.splitlines() if "Nội dung a" in row)


def test_a_plan_whose_start_is_its_end(kc: Kc, plan_path: Path) -> None:
    day = date(2024, 3, 1)
    small_plan(plan_path, day, day, [{"id": "a", "name": "Hội chợ", "budget_vnd": 100_000_000}])
    kc("record", "a", "--amount", "40", "--date", "2024-03-01")
    kc("record", "a", "--amount", "1", "--date", "2024-03-02", code=1)
    before, on, after = (status(kc, "--as-of", d) for d in ("2024-02-29", "2024-03-01", "2024-03-02"))
    assert [(s["elapsed_pct"], s["final"]) for s in (before, on, after)] == [(0.0, False), (100.0, True), (100.0, True)]
    assert line_of(on, "a")["spent_vnd"] == 40_000_000 and line_of(before, "a")["spent_vnd"] == 0


def test_log_numbers_each_record_by_its_lines_place_in_the_plan_now(kc: Kc, plan_path: Path) -> None:
    kc("record", "tu-van", "--amount", "5", "--count", "1", "--date", "2024-01-05")
    kc("record", "4", "--amount", "5", "--date", "2024-01-06")
    kc("record", "10", "--amount", "5", "--date", "2024-01-07")
    assert [x["line_number"] for x in kc.json("log", "--format", "json")] == [7, 4, 10]
    text = plan_path.read_text(encoding="utf-8")
    start = text.index('[[lines]]\nid = "tu-van"')
    plan_path.write_text(text[:start] + text[text.index("[[lines]]", start + 1) :], encoding="utf-8")
    assert [x["line_number"] for x in kc.json("log", "--format", "json")] == [None, 4, 9]


def test_the_footer_counts_every_entry_of_every_ledger_read(kc: Kc, isolated: Path) -> None:
    first = entry_id(kc, "record", "4", "--amount", "5", "--date", "2024-01-05")
    kc("record", "4", "--amount", "5", "--date", "2024-01-06")
    kc("void", first, "--reason", "nhập nhầm")
    assert kc("status").stdout.replace("\n", " ").endswith("(3 bút toán) ")
    other = isolated / "don-vi-b.jsonl"
    kc("record", "6", "--amount", "5", "--date", "2024-01-07", "--ledger", str(other))
    both = kc("status", "--ledger", str(isolated / "data" / "ledger.jsonl"), "--ledger", str(other)).stdout
    assert both.replace("\n", " ").endswith("(4 bút toán) ")


def test_a_period_status_counts_the_period_and_the_cumulative_figures_apart(kc: Kc) -> None:
    kc("record", "4", "--amount", "100", "--count", "2", "--date", "2024-01-05")
    kc("record", "4", "--amount", "30", "--count", "3", "--date", "2024-04-05")
    kc("record", "10", "--amount", "7", "--date", "2024-04-06")
    period = status(kc, "--from", "2024-04-01", "--to", "2024-06-25")
    machinery, other = line_of(period, "may-moc-thiet-bi"), line_of(period, "noi-dung-khac")
    assert (machinery["done_count"], machinery["cumulative_done_count"]) == (3, 5)
    assert (machinery["spent_vnd"], machinery["cumulative_spent_vnd"]) == (30_000_000, 130_000_000)
    assert (machinery["remaining_count"], machinery["remaining_vnd"]) == (72, 14_620_000_000)
    assert (other["done_count"], other["cumulative_done_count"], other["remaining_count"]) == (None, None, None)
    assert period["totals"]["cumulative_spent_vnd"] == 137_000_000 and period["totals"]["spent_vnd"] == 37_000_000


def test_the_first_record_of_a_beneficiary_warns_of_nothing_and_the_second_count_warns(kc: Kc) -> None:
    assert kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX A").stderr == ""
    assert kc("record", "4", "--amount", "1", "--beneficiary", "htx  a").stderr == ""  # money only: no count
    assert kc("record", "6", "--amount", "1", "--count", "1", "--beneficiary", "HTX A").stderr == ""  # another line
    again = kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "htx  a").stderr
    assert again.startswith("Cảnh báo: “htx  a” đã được tính số lượng ở nội dung số 4 (Máy móc thiết bị)")


def test_quarters_split_at_the_end_of_march_june_september_and_december(kc: Kc) -> None:
    days = ["2023-01-01", "2023-03-31", "2023-04-01", "2023-06-30", "2023-07-01", "2023-09-30", "2023-10-01",
            "2023-12-31", "2024-01-01"]  # fmt: skip
    for amount, day in enumerate(days, start=1):
        kc("record", "10", "--amount", str(amount), "--date", day)
    quarters = status(kc, "--by", "quarter")["groups"]
    assert [(g["key"], g["spent_vnd"]) for g in quarters] == [
        ("2023-Q1", 3_000_000),
        ("2023-Q2", 7_000_000),
        ("2023-Q3", 11_000_000),
        ("2023-Q4", 15_000_000),
        ("2024-Q1", 9_000_000),
    ]
    years = status(kc, "--by", "year")["groups"]
    assert [(g["key"], g["spent_vnd"]) for g in years] == [("2023", 36_000_000), ("2024", 9_000_000)]
    table = kc("status", "--by", "quarter").stdout
    assert all(f"quý {roman}/2023" in table for roman in ("I", "II", "III", "IV"))


def test_a_record_on_the_plans_first_or_last_day_needs_no_flag(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2026-01-10")
    kc("record", "4", "--amount", "1", "--date", "01/01/2021")
    kc("record", "4", "--amount", "2", "--date", "31/12/2025")
    for day in ("31/12/2020", "01/01/2026"):
        assert "--allow-outside-period" in kc("record", "4", "--amount", "1", "--date", day, code=1).stderr
    final = status(kc, "--as-of", "2025-12-31")
    assert final["final"] is True and line_of(final, "may-moc-thiet-bi")["spent_vnd"] == 3_000_000


def test_a_count_of_ten_to_the_nine_is_the_largest(kc: Kc) -> None:
    counted = kc.json("record", "4", "--count", "1000000000", "--date", "2024-01-05", "--dry-run", "--format", "json")
    assert counted["count"] == 10**9 and counted["balance"]["remaining_count"] == 77 - 10**9
    refused = kc("record", "4", "--count", "1000000001", "--date", "2024-01-05", "--dry-run", code=1).stderr
    assert "--count 1000000001 quá lớn (tối đa 1000000000)" in refused


@pytest.mark.usefixtures("october_2025")
def test_a_de_an_changed_or_accepted_counts_at_most_ten_to_the_nine(kc: Kc) -> None:
    approve(kc, "A")
    for command in (["change", "A", "--decision", "QĐ 2"], ["accept", "A"]):
        refused = kc("project", *command, "--count", "1000000001", "--date", "2025-05-01", code=1).stderr
        assert "--count 1000000001 quá lớn (tối đa 1000000000)" in refused
        kc("project", *command, "--count", "1000000000", "--date", "2025-05-01")
    assert project_json(kc, "A")["done_count"] == 10**9


def test_a_years_status_shows_a_line_the_plan_no_longer_has(kc: Kc, plan_path: Path) -> None:
    kc("record", "tu-van", "--amount", "5", "--count", "1", "--date", "2024-01-05")
    kc("record", "tu-van", "--amount", "7", "--count", "1", "--date", "2023-01-05")
    text = plan_path.read_text(encoding="utf-8")
    start = text.index('[[lines]]\nid = "tu-van"')
    plan_path.write_text(text[:start] + text[text.index("[[lines]]", start + 1) :], encoding="utf-8")
    year = status(kc, "--year", "2024")
    (lost,) = year["unplanned_lines"]
    expected = {
        "id": "tu-van",
        "number": None,
        "spent_vnd": 5_000_000,
        "done_count": 1,
        "cumulative_spent_vnd": 12_000_000,
        "cumulative_done_count": 2,
        "budget_vnd": 0,
        "remaining_vnd": -12_000_000,
        "pace": None,
        "year_budget_vnd": None,
        "year_remaining_vnd": None,
        "year_spent_pct": None,
    }
    assert {key: lost[key] for key in expected} == expected
    assert year["totals"]["spent_vnd"] == 5_000_000 and year["totals"]["year_budget_vnd"] is None
    assert "tu-van" in kc("status", "--year", "2024").stdout


def test_a_breakdown_other_than_by_locality_ignores_the_plans_localities(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(
        text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nlocalities = ["Bát Xát", "Bắc Hà"]\n'), encoding="utf-8"
    )
    kc("record", "4", "--amount", "100", "--locality", "Bát Xát", "--source", "trung-uong", "--date", "2024-01-05")
    expected = {
        "spent_vnd": 100_000_000,
        "done_count": 0,
        "lines": {"may-moc-thiet-bi": {"spent_vnd": 100_000_000, "done_count": 0}},
    }
    assert status(kc, "--by", "quarter")["groups"] == [{"key": "2024-Q1", **expected}]
    assert status(kc, "--by", "source")["groups"] == [{"key": "trung-uong", **expected}]
    by_locality = status(kc, "--by", "locality")["groups"]
    assert by_locality == [
        {"key": "Bát Xát", **expected, "listed": True},
        {"key": "Bắc Hà", "spent_vnd": 0, "done_count": 0, "lines": {}, "listed": True},
    ]
    assert kc("status", "--by", "locality", "--format", "csv").stdout.splitlines() == [
        "by,key,line,spent_vnd,done_count",
        "locality,Bát Xát,may-moc-thiet-bi,100000000,0",
        "locality,Bắc Hà,,0,0",
    ]


def test_two_ledgers_spelling_a_listed_locality_otherwise_add_up_under_the_plans_spelling(
    kc: Kc, plan_path: Path, tmp_path: Path
) -> None:
    ledgers = {name: str(tmp_path / f"{name}.jsonl") for name in ("a", "b")}
    kc("record", "4", "--amount", "10", "--locality", "Bát Xát", "--date", "2024-01-05", "--ledger", ledgers["a"])
    kc("record", "4", "--amount", "20", "--locality", "bát  xát", "--date", "2024-01-06", "--ledger", ledgers["b"])
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace("[plan]\n", '[plan]\nlocalities = ["Bát Xát"]\n', 1), encoding="utf-8")
    groups = status(kc, "--by", "locality", "--ledger", ledgers["a"], "--ledger", ledgers["b"])["groups"]
    assert [(g["key"], g["spent_vnd"], g["listed"]) for g in groups] == [("Bát Xát", 30_000_000, True)]


def test_a_group_whose_every_entry_was_voided_is_gone(kc: Kc) -> None:
    voided = entry_id(kc, "record", "4", "--amount", "100", "--locality", "Sa Pa", "--date", "2024-01-05")
    kc("record", "6", "--amount", "35", "--locality", "Bắc Hà", "--date", "2024-04-05")
    kc("void", voided, "--reason", "nhập nhầm")
    assert [g["key"] for g in status(kc, "--by", "locality")["groups"]] == ["Bắc Hà"]
    assert [g["key"] for g in status(kc, "--by", "quarter")["groups"]] == ["2024-Q2"]


def test_a_record_up_to_the_years_allocation_warns_of_nothing_and_past_it_says_by_how_much(
    kc: Kc, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-02-01")
    line = {"id": "a", "name": "Máy móc", "budget_vnd": 1_000_000_000, "years": {"2024": {"budget_vnd": 100_000_000}}}
    small_plan(plan_path, date(2024, 1, 1), date(2025, 12, 31), [line])
    assert kc("record", "a", "--amount", "60", "--date", "2024-01-05").stderr == ""
    assert kc("record", "a", "--amount", "40", "--date", "2024-01-06").stderr == ""  # exactly the allocation
    past = kc("record", "a", "--amount", "1đ", "--date", "2024-01-07").stderr
    assert past == (
        "Cảnh báo: nội dung số 1 (Máy móc): lũy kế giải ngân năm 2024 (100,000001 triệu đồng) vượt kinh "
        "phí kế hoạch năm (100 triệu đồng).\n"
    )
    assert kc("record", "a", "--amount", "500", "--date", "2025-01-07").stderr == ""  # no allocation for 2025


def test_a_ref_of_a_voided_record_says_when_it_was_voided(kc: Kc) -> None:
    record = entry_id(kc, "record", "4", "--amount", "100", "--ref", "mmtb-01", "--date", "2024-01-05")
    kc("void", record, "--reason", "nhập nhầm")  # today, 25/06/2024
    refused = kc("record", "4", "--amount", "100", "--ref", "mmtb-01", "--date", "2024-01-05", code=1).stderr
    assert f"bút toán {record}, bút toán này đã bị hủy ngày 25/06/2024." in refused


def test_a_misspelt_locality_is_refused_with_the_three_nearest_names(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    listed = '["Bản Xèo", "Bản Vược", "Bản Lầu", "Bản Phiệt", "Sa Pa"]'
    plan_path.write_text(
        text.replace("end = 2025-12-31\n", f"end = 2025-12-31\nlocalities = {listed}\n"), encoding="utf-8"
    )
    refused = kc("record", "4", "--amount", "1", "--locality", "Bản Xẻo", "--date", "2024-01-05", code=1).stderr
    suggested = refused.split(": ")[-1].rstrip(".\n")
    assert len(suggested.split(", ")) == 3 and suggested.startswith("Bản Xèo"), refused


def test_text_of_the_longest_length_is_kept_whole_even_with_a_no_break_space(kc: Kc) -> None:
    for start in ("", "Hội\u00a0chợ "):  # 2000 characters each, one with a space that is not printable
        note = start + "x" * (2000 - len(start))
        assert kc.json("record", "4", "--amount", "1", "--note", note, "--dry-run", "--format", "json")["note"] == note
        refused = kc("record", "4", "--amount", "1", "--note", note + "x", "--dry-run", code=1).stderr
        assert "2001" in refused and "2000" in refused


def test_measure_and_adjust_say_they_wrote_something(kc: Kc) -> None:
    assert kc.json("measure", "gia-tri-san-xuat", "--year", "2024", "--value", "5", "--format", "json")["noop"] is False
    moved = kc.json(
        "adjust", "--from", "10", "--to", "4", "--amount", "1", *DECISION, "--date", "2024-03-01", "--format", "json"
    )
    assert moved["noop"] is False and moved["dry_run"] is False


def test_a_years_allocation_of_no_money_adds_nothing_to_the_years_budget(kc: Kc, plan_path: Path) -> None:
    lines = [
        {"id": "a", "name": "Máy móc", "budget_vnd": 10**9, "unit": "cơ sở", "target": 10,
         "years": {"2024": {"budget_vnd": 300_000_000, "target": 2}}},
        {"id": "b", "name": "Tư vấn", "budget_vnd": 10**9, "unit": "cơ sở", "target": 10,
         "years": {"2024": {"target": 3}}},  # a count for the year, no money
    ]  # fmt: skip
    small_plan(plan_path, date(2024, 1, 1), date(2025, 12, 31), lines)
    kc("record", "a", "--amount", "150", "--date", "2024-01-05")
    year = status(kc, "--year", "2024")
    assert (year["totals"]["year_budget_vnd"], year["totals"]["year_spent_pct"]) == (300_000_000, 50.0)
    assert [x["year_budget_vnd"] for x in year["lines"]] == [300_000_000, 0]


def test_before_the_plan_starts_no_time_has_elapsed(kc: Kc) -> None:
    early = status(kc, "--as-of", "2020-12-31")
    assert early["elapsed_pct"] == 0.0 and {x["pace"] for x in early["lines"]} == {"on-track"}


def test_leverage_is_counted_from_one_dong_of_support(kc: Kc) -> None:
    kc("record", "4", "--amount", "1đ", "--counterpart", "3đ", "--date", "2024-01-05")
    assert line_of(status(kc), "may-moc-thiet-bi")["leverage"] == 3.0


# --- 7. đề án: every refusal of an approval, a change, an acceptance, a settlement and a stop -----

PROJECT = ["--line", "4", "--name", "Máy sao chè", "--beneficiary", "HTX Chè", "--decision", "QĐ 12"]


def approve(kc: Kc, code: str, *args: str, day: str = "2025-03-01", support: str = "500", exit_code: int = 0) -> Any:
    """`kc project add CODE` on line 4 with the fields a test does not care about filled in."""
    return kc("project", "add", code, *PROJECT, "--support", support, "--date", day, *args, code=exit_code)


def project_change(
    kc: Kc, code: str, *args: str, day: str = "2025-05-01", decision: str = "QĐ 20", exit_code: int = 0
) -> Any:
    return kc("project", "change", code, "--decision", decision, "--date", day, *args, code=exit_code)


@pytest.fixture
def october_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")


@pytest.mark.usefixtures("october_2025")
def test_an_approval_refuses_a_blank_field_no_support_a_bad_code_and_an_end_before_its_date(
    kc: Kc, ledger_path: Path
) -> None:
    approve(kc, "A")
    before = ledger_path.read_bytes()
    blank = ["--line", "4", "--name", " ", "--beneficiary", "HTX", "--decision", "QĐ", "--support", "1", "--date",
             "2025-03-01"]  # fmt: skip
    assert kc("project", "add", "B", *blank, code=1).stderr.endswith("--name không được để trống.\n")
    assert "--support: kinh phí hỗ trợ của đề án phải lớn hơn 0." in approve(kc, "B", support="0", exit_code=1).stderr
    bad = approve(kc, "mã có dấu cách", exit_code=1).stderr
    assert "mã đề án “mã có dấu cách” (ID) không hợp lệ" in bad
    too_long = approve(kc, "x" * 41, exit_code=1).stderr
    assert too_long.endswith("ID dài 41 ký tự; tối đa 40. Vui lòng rút gọn.\n")
    assert "nằm ngoài thời gian thực hiện kế hoạch" in approve(kc, "B", day="2020-12-31", exit_code=1).stderr
    ended = approve(kc, "B", "--end", "2025-02-28", exit_code=1).stderr
    assert "--end 28/02/2025 trước ngày 01/03/2025 của đề án" in ended
    assert "nguồn kinh phí “xyz” (--source) không hợp lệ" in approve(kc, "B", "--source", "xyz", exit_code=1).stderr
    huge = approve(kc, "B", "--count", "1000000001", exit_code=1).stderr
    assert "--count 1000000001 quá lớn (tối đa 1000000000)" in huge
    assert ledger_path.read_bytes() == before
    approve(kc, "x" * 40, "--end", "2025-03-01", "--source", "dia-phuong", "--count", "1000000000", support="1đ")
    assert kc.json("project", "show", "x" * 40, "--format", "json")["support_vnd"] == 1


@pytest.mark.usefixtures("october_2025")
def test_a_change_is_checked_against_its_decision_date_what_was_paid_what_is_free_and_the_ceilings(
    kc: Kc, plan_path: Path, ledger_path: Path
) -> None:
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace('id = "may-moc-thiet-bi"\n', 'id = "may-moc-thiet-bi"\nmax_support = "14.000"\n'
                                      "max_support_pct = 50\n", 1), encoding="utf-8")  # fmt: skip
    approve(kc, "A", "--counterpart", "500")
    approve(kc, "B", "--counterpart", "13.000", support="13.000")  # 13.500 of 14.750 committed: 1.250 free
    kc("record", "--project", "A", "--amount", "300", "--date", "2025-03-10")
    before = ledger_path.read_bytes()
    assert project_change(kc, "A", "--support", "400", decision=" ", exit_code=1).stderr.endswith(
        "--decision không được để trống.\n"
    )
    assert "nằm ngoài thời gian" in project_change(kc, "A", "--support", "400", day="2020-12-31", exit_code=1).stderr
    assert "trước ngày phê duyệt đề án A" in project_change(kc, "A", "--support", "400", day="2025-02-28",
                                                               exit_code=1).stderr  # fmt: skip
    assert "đã giải ngân 300 triệu đồng" in project_change(kc, "A", "--support", "299", exit_code=1).stderr
    over = project_change(kc, "A", "--support", "1.750,000001", "--counterpart", "1.750,000001", exit_code=1).stderr
    assert "chỉ còn có thể phê duyệt 1.250 triệu đồng" in over
    share = project_change(kc, "A", "--counterpart", "499", exit_code=1).stderr
    assert "tối đa 50% tổng kinh phí đề án; 500/999 triệu đồng" in share
    ceiling = project_change(kc, "B", "--support", "14.000,000001", exit_code=1)
    assert "mỗi đề án được hỗ trợ tối đa 14.000 triệu đồng" in ceiling.stderr
    early = project_change(kc, "A", "--end", "2025-02-28", exit_code=1).stderr
    assert "--end 28/02/2025 trước ngày 01/03/2025 của đề án" in early
    assert ledger_path.read_bytes() == before
    project_change(kc, "A", "--support", "300", "--end", "2025-03-01", day="2025-03-01")  # what was paid, on its day
    project_change(kc, "A", "--support", "1.750", "--counterpart", "1.750", day="2025-03-02")  # 300 + all 1.450 free
    assert line_of(status(kc), "may-moc-thiet-bi")["uncommitted_vnd"] == 0


@pytest.mark.usefixtures("october_2025")
def test_a_count_changes_only_where_the_line_counts(kc: Kc, ledger_path: Path) -> None:
    kc("project", "add", "K", "--line", "10", "--name", "Hội chợ", "--beneficiary", "HTX", "--decision", "QĐ",
       "--support", "10", "--date", "2025-03-01")  # fmt: skip
    before = ledger_path.read_bytes()
    assert "--count" in project_change(kc, "K", "--count", "2", exit_code=1).stderr
    assert "--count" in kc("project", "accept", "K", "--date", "2025-08-01", "--count", "1", code=1).stderr
    assert ledger_path.read_bytes() == before
    project_change(kc, "K", "--end", "2025-12-31")
    assert kc.json("project", "show", "K", "--format", "json")["end"] == "2025-12-31"


@pytest.mark.usefixtures("october_2025")
def test_an_acceptance_in_the_plans_period_once_and_warning_of_a_beneficiary_counted_before(kc: Kc) -> None:
    kc("record", "4", "--amount", "10", "--count", "1", "--beneficiary", "HTX Chè", "--date", "2025-02-01")
    approve(kc, "A")
    approve(kc, "B", "--beneficiary", "HTX Khác")
    assert "nằm ngoài thời gian" in kc("project", "accept", "A", "--date", "2020-12-31", code=1).stderr
    warned = kc("project", "accept", "A", "--date", "2025-08-01").stderr
    assert warned.startswith("Cảnh báo: “HTX Chè” đã được tính số lượng ở nội dung số 4 (Máy móc thiết bị)")
    again = kc("project", "accept", "A", "--date", "2025-08-01", "--note", "biên bản số 5")
    assert "không ghi thêm" in again.stdout  # the same acceptance, now with a note: nothing new
    assert kc("project", "accept", "B", "--date", "2025-08-01").stderr == ""
    assert line_of(status(kc), "may-moc-thiet-bi")["done_count"] == 3


@pytest.mark.usefixtures("october_2025")
def test_a_settlement_in_the_plans_period_from_the_acceptance_day_once_and_not_in_a_closed_period(
    kc: Kc, ledger_path: Path
) -> None:
    approve(kc, "A")
    approve(kc, "B", "--beneficiary", "HTX Khác")
    kc("project", "accept", "B", "--date", "2025-07-01")
    kc("close", "2025-07")
    kc("project", "accept", "A", "--date", "2025-09-01")
    before = ledger_path.read_bytes()
    assert "--allow-closed" in kc("project", "settle", "B", "--date", "2025-07-15", code=1).stderr
    assert "nằm ngoài thời gian" in kc("project", "settle", "A", "--date", "2020-12-31", code=1).stderr
    early = kc("project", "settle", "A", "--date", "2025-08-31", code=1).stderr
    assert "ngày quyết toán 31/08/2025 trước ngày nghiệm thu đề án A (01/09/2025)" in early
    assert ledger_path.read_bytes() == before
    kc("project", "settle", "A", "--date", "2025-09-01")
    settled = ledger_path.read_bytes()
    assert "không ghi thêm" in kc("project", "settle", "A", "--date", "2025-09-01").stdout
    assert ledger_path.read_bytes() == settled
    assert kc.json("project", "show", "A", "--format", "json")["state"] == "settled"


@pytest.mark.usefixtures("october_2025")
def test_a_stop_needs_a_reason_a_day_in_the_plan_from_the_approval_and_is_recorded_once(
    kc: Kc, ledger_path: Path
) -> None:
    approve(kc, "A")
    before = ledger_path.read_bytes()
    assert kc("project", "stop", "A", "--reason", " ", "--date", "2025-09-01", code=1).stderr.endswith(
        "--reason không được để trống.\n"
    )
    assert "nằm ngoài thời gian" in kc("project", "stop", "A", "--reason", "rút", "--date", "2020-12-31", code=1).stderr
    early = kc("project", "stop", "A", "--reason", "rút", "--date", "2025-02-28", code=1).stderr
    assert "ngày 28/02/2025 trước ngày phê duyệt đề án A (01/03/2025)" in early
    assert ledger_path.read_bytes() == before
    kc("project", "stop", "A", "--reason", "rút", "--date", "2025-03-01")
    stopped = ledger_path.read_bytes()
    assert "không ghi thêm" in kc("project", "stop", "A", "--reason", "rút", "--date", "2025-03-01").stdout
    assert ledger_path.read_bytes() == stopped


@pytest.mark.usefixtures("october_2025")
def test_an_approval_takes_what_a_reallocation_brought_exactly_and_never_in_a_closed_period(
    kc: Kc, ledger_path: Path
) -> None:
    adjust(kc, "10", "4", "900", day="2025-01-10")
    kc("close", "2025-02")
    before = ledger_path.read_bytes()
    assert "--allow-closed" in approve(kc, "A", day="2025-02-10", support="1", exit_code=1).stderr
    over = approve(kc, "A", support="15.650,000001", exit_code=1).stderr
    assert "chỉ còn có thể phê duyệt 15.650 triệu đồng" in over
    assert ledger_path.read_bytes() == before
    approve(kc, "A", support="15.650")
    assert line_of(status(kc), "may-moc-thiet-bi")["uncommitted_vnd"] == 0


@pytest.mark.usefixtures("october_2025")
def test_a_share_ceiling_counts_a_missing_counterpart_as_nothing(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    text = text.replace('id = "may-moc-thiet-bi"\n', 'id = "may-moc-thiet-bi"\nmax_support_pct = 99\n', 1)
    plan_path.write_text(text.replace('id = "noi-dung-khac"\n', 'id = "noi-dung-khac"\nmax_support_pct = 100\n', 1),
                         encoding="utf-8")  # fmt: skip
    assert "tối đa 99% tổng kinh phí đề án" in approve(kc, "A", support="1đ", exit_code=1).stderr
    approve(kc, "B", "--line", "10", support="1đ")  # all of it: 100 % of 1 đồng
    assert kc.json("project", "show", "B", "--format", "json")["support_vnd"] == 1


@pytest.mark.usefixtures("october_2025")
def test_a_payment_from_a_de_an_is_not_held_back_by_what_de_an_wait_for_but_by_the_budget(kc: Kc) -> None:
    approve(kc, "A", support="14.750", day="2025-03-01")
    kc("record", "--project", "A", "--amount", "14.750", "--date", "2025-03-10")  # all the line's budget
    kc("project", "add", "K", "--line", "10", "--name", "Hội chợ", "--beneficiary", "HTX", "--decision", "QĐ",
       "--support", "7.960,000001", "--date", "2025-03-01", "--allow-over-budget")  # fmt: skip
    refused = kc("record", "--project", "K", "--amount", "7.960,000001", "--date", "2025-03-10", code=1).stderr
    assert "chỉ còn 7.960 triệu đồng, không đủ cho 7.960,000001 triệu đồng" in refused


@pytest.mark.usefixtures("october_2025")
def test_a_payment_from_a_de_an_takes_its_source(kc: Kc) -> None:
    approve(kc, "A", "--source", "dia-phuong")
    kc("record", "--project", "A", "--amount", "100", "--date", "2025-03-10")
    assert [entry["source"] for entry in kc.json("log", "--format", "json")] == ["dia-phuong"]


@pytest.mark.usefixtures("october_2025")
def test_a_record_past_what_is_free_says_what_is_left_committed_and_free(kc: Kc) -> None:
    kc("record", "4", "--amount", "100", "--date", "2025-02-01")
    approve(kc, "A", support="14.000")
    refused = kc("record", "4", "--amount", "651", "--date", "2025-03-10", code=1).stderr
    assert (
        "nội dung số 4 (Máy móc thiết bị) còn 14.650 triệu đồng, trong đó 14.000 triệu đồng đã phê duyệt cho các đề án "
        "chưa giải ngân; chỉ còn 650 triệu đồng chưa phân bổ, không đủ cho 651 triệu đồng."
    ) in refused


@pytest.mark.usefixtures("october_2025")
def test_a_reallocation_may_not_take_what_de_an_wait_for(kc: Kc, ledger_path: Path) -> None:
    approve(kc, "A", support="14.000")
    before = ledger_path.read_bytes()
    refused = adjust(kc, "4", "10", "751", code=1).stderr
    assert (
        "sau điều chỉnh, kinh phí của nội dung số 4 (Máy móc thiết bị) còn 13.999 triệu đồng, thấp hơn lũy kế giải "
        "ngân 0 triệu đồng cộng 14.000 triệu đồng đã phê duyệt"
    ) in refused
    assert ledger_path.read_bytes() == before
    adjust(kc, "4", "10", "750")
    assert line_of(status(kc), "may-moc-thiet-bi")["uncommitted_vnd"] == 0


def test_a_record_refused_without_the_ledger_leaves_no_ledger_behind(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1", "--date", "2026-01-01", code=1)
    assert not ledger_path.parent.exists()


def test_a_measure_of_the_plans_first_year_and_a_close_of_a_period_ending_today(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("measure", "gia-tri-san-xuat", "--year", "2021", "--value", "4.000")
    monkeypatch.setenv("KC_TODAY", "2024-06-30")
    assert "chưa kết thúc" in kc("close", "2024-06", code=1).stderr
    kc("close", "2024-05")


def test_a_locality_like_none_of_the_plans_is_refused_without_suggestions(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nlocalities = ["Bát Xát"]\n'),
                         encoding="utf-8")  # fmt: skip
    refused = kc("record", "4", "--amount", "1", "--locality", "Quy Nhơn", "--date", "2024-01-05", code=1).stderr
    assert "địa bàn “Quy Nhơn” (--locality) không có trong danh sách địa bàn của kế hoạch" in refused


DANH_MUC = ["Mã đề án", "Tên đề án", "Nội dung", "Đơn vị thụ hưởng", "Kinh phí hỗ trợ", "Quyết định", "Ngày"]


@pytest.mark.usefixtures("october_2025")
def test_a_danh_muc_names_a_bad_code_by_its_column_and_counts_the_de_an_it_approved(kc: Kc, isolated: Path) -> None:
    bad = [DANH_MUC, ["mã sai", "Máy sao chè", "4", "HTX A", "500", "QĐ 12", "01/03/2025"]]
    refused = kc("import", str(write_csv(isolated / "sai.csv", bad)), code=1).stderr
    assert "mã đề án “mã sai” (cột “Mã đề án”) không hợp lệ" in refused
    rows = [DANH_MUC, ["A", "Máy sao chè", "4", "HTX A", "500", "QĐ 12", "01/03/2025"],
            ["B", "Máy vò chè", "4", "HTX B", "300", "QĐ 13", "02/03/2025"]]  # fmt: skip
    imported = kc.json("import", str(write_csv(isolated / "danh-muc.csv", rows)), "--format", "json")
    assert (imported["added"], imported["projects"]) == (2, 2)
    payments = [["Ngày", "Mã đề án", "Số tiền"], ["10/03/2025", "A", "100"]]
    paid = kc.json("import", str(write_csv(isolated / "thang-3.csv", payments)), "--format", "json")
    assert (paid["added"], paid["projects"]) == (1, 0)


@pytest.mark.usefixtures("october_2025")
def test_an_import_keeps_advances_within_the_lines_share(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    approve(kc, "A")  # 70 % of 500: 350 may be advanced
    before = ledger_path.read_bytes()
    over = [["Ngày", "Mã đề án", "Số tiền", "Tạm ứng"], ["10/03/2025", "A", "350,000001", "x"]]
    refused = kc("import", str(write_csv(isolated / "tam-ung.csv", over)), code=1).stderr
    assert "--allow-over-advance" in refused
    assert ledger_path.read_bytes() == before
    within = [["Ngày", "Mã đề án", "Số tiền", "Tạm ứng"], ["10/03/2025", "A", "350", "x"]]
    kc("import", str(write_csv(isolated / "tam-ung-2.csv", within)))
    assert line_of(status(kc), "may-moc-thiet-bi")["spent_vnd"] == 350 * 10**6


def test_an_import_counts_its_rows_dated_after_today(kc: Kc, isolated: Path) -> None:
    rows = [
        HEADER,
        ["2024-06-25", "7", "80", "", ""],
        ["2024-06-26", "7", "20", "", ""],
        ["2024-07-01", "7", "1", "", ""],
    ]
    imported = kc("import", str(write_csv(isolated / "thang-6.csv", rows)), "--allow-future")
    assert "2 bút toán ghi ngày sau hôm nay (25/06/2024)" in imported.stderr
    assert line_of(status(kc), "tu-van")["spent_vnd"] == 80_000_000


# --- 8. what each entry of a đề án adds to its figures (tally.project_effect, ProjectState) ---------


def project_json(kc: Kc, code: str, *args: str) -> dict[str, Any]:
    """`kc project list --format json`'s row for one đề án (as of today unless --as-of is given)."""
    return next(row for row in kc.json("project", "list", *args, "--format", "json") if row["project"] == code)


@pytest.mark.usefixtures("october_2025")
def test_a_de_an_keeps_its_end_and_says_its_acceptance_and_settlement_days_through_all_its_entries(kc: Kc) -> None:
    approve(kc, "A", "--end", "2025-09-30")  # no counterpart: the beneficiary puts in nothing of its own
    kc("record", "--project", "A", "--amount", "100", "--date", "2025-03-10")  # a payment, not an advance
    kc("project", "accept", "A", "--date", "2025-08-01")
    kc("project", "settle", "A", "--date", "2025-08-15")
    accepted = project_json(kc, "A", "--as-of", "2025-08-10")
    assert (accepted["state"], accepted["accepted"], accepted["closed"]) == ("accepted", "2025-08-01", None)
    settled = project_json(kc, "A")
    assert (settled["state"], settled["end"], settled["accepted"], settled["closed"]) == (
        "settled",
        "2025-09-30",
        "2025-08-01",
        "2025-08-15",
    )
    assert (settled["paid_vnd"], settled["advanced_vnd"], settled["committed_vnd"]) == (100_000_000, 0, 0)
    machinery = line_of(status(kc), "may-moc-thiet-bi")
    assert (machinery["done_count"], machinery["counterpart_vnd"]) == (1, 0)  # the acceptance brought no money


@pytest.mark.usefixtures("october_2025")
def test_a_stopped_de_an_says_the_day_it_stopped_and_keeps_its_end(kc: Kc) -> None:
    approve(kc, "A", "--end", "2025-09-30")
    kc("record", "--project", "A", "--amount", "100", "--date", "2025-03-10", "--advance")
    kc("project", "stop", "A", "--reason", "rút", "--date", "2025-04-01")
    stopped = project_json(kc, "A")
    assert (stopped["state"], stopped["end"], stopped["closed"], stopped["accepted"]) == (
        "stopped",
        "2025-09-30",
        "2025-04-01",
        None,
    )
    assert (stopped["paid_vnd"], stopped["advanced_vnd"], stopped["committed_vnd"]) == (100_000_000, 100_000_000, 0)


@pytest.mark.usefixtures("october_2025")
def test_a_stopped_de_an_leaves_all_it_did_not_pay_to_the_next_approval(kc: Kc, ledger_path: Path) -> None:
    approve(kc, "A")  # 500 of line 4's 14.750
    kc("record", "--project", "A", "--amount", "100", "--date", "2025-03-10")
    kc("project", "stop", "A", "--reason", "rút", "--date", "2025-04-01")
    before = ledger_path.read_bytes()
    over = approve(kc, "B", "--beneficiary", "HTX B", support="14.650,000001", day="2025-04-02", exit_code=1).stderr
    assert "chỉ còn có thể phê duyệt 14.650 triệu đồng" in over  # 14.750 less the 100 paid: nothing waits
    assert ledger_path.read_bytes() == before
    approve(kc, "B", "--beneficiary", "HTX B", support="14.650", day="2025-04-02")
    assert line_of(status(kc), "may-moc-thiet-bi")["uncommitted_vnd"] == 0


@pytest.mark.usefixtures("october_2025")
def test_a_de_an_of_no_facility_counts_none_until_a_decision_gives_it_some(kc: Kc) -> None:
    approve(kc, "A", "--count", "0")
    assert project_json(kc, "A")["count"] == 0
    project_change(kc, "A", "--count", "2")
    assert project_json(kc, "A")["count"] == 2  # 0 → 2
    kc("project", "accept", "A", "--date", "2025-08-01", "--count", "0")  # accepted, no facility done
    assert project_json(kc, "A")["done_count"] == 0
    assert line_of(status(kc), "may-moc-thiet-bi")["done_count"] == 0
    # the acceptance counted no one: HTX Chè is counted first by a record, and again by the next one
    first = kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX Chè", "--date", "2025-08-02")
    assert first.stderr == ""
    again = kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX Chè", "--date", "2025-08-03")
    assert again.stderr.startswith("Cảnh báo: “HTX Chè” đã được tính số lượng ở nội dung số 4 (Máy móc thiết bị)")


@pytest.mark.usefixtures("october_2025")
def test_an_accepted_de_an_counts_its_beneficiary_once_and_a_record_counting_it_again_warns(kc: Kc) -> None:
    approve(kc, "A")  # one facility
    kc("project", "accept", "A", "--date", "2025-08-01")
    checked = kc.json("check", "--format", "json")
    assert checked["ok"] is True and checked["warnings"] == []  # counted once
    again = kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "htx  chè", "--date", "2025-08-02")
    assert again.stderr.startswith("Cảnh báo: “htx  chè” đã được tính số lượng ở nội dung số 4 (Máy móc thiết bị)")
    assert line_of(status(kc), "may-moc-thiet-bi")["beneficiaries"] == 1


@pytest.mark.usefixtures("october_2025")
def test_a_de_an_whose_approval_was_voided_is_no_longer_listed_nor_waited_for(kc: Kc) -> None:
    approval = entry_id(kc, "project", "add", "A", *PROJECT, "--support", "500", "--date", "2025-03-01")
    kept = entry_id(kc, "project", "add", "B", *PROJECT, "--support", "300", "--date", "2025-03-01")
    kc("void", approval, "--reason", "phê duyệt nhầm")
    assert [row["project"] for row in kc.json("project", "list", "--format", "json")] == ["B"]
    assert kept and line_of(status(kc), "may-moc-thiet-bi")["committed_vnd"] == 300_000_000


# --- 9. rules left untested by the sections above --------------------------------------------------


def test_a_locality_near_none_of_the_plans_is_refused_pointing_to_the_list(kc: Kc, plan_path: Path) -> None:
    text = plan_path.read_text(encoding="utf-8")
    plan_path.write_text(text.replace("end = 2025-12-31\n", 'end = 2025-12-31\nlocalities = ["Bát Xát"]\n'),
                         encoding="utf-8")  # fmt: skip
    refused = kc("record", "4", "--amount", "1", "--locality", "Quy Nhơn", "--date", "2024-01-05", code=1).stderr
    assert "không có trong danh sách địa bàn của kế hoạch. Xem các địa bàn bằng `kc plan show`." in refused
    assert "Có phải là" not in refused


def test_an_export_whose_only_record_was_voided_has_no_rows_to_import(kc: Kc, isolated: Path) -> None:
    voided = entry_id(kc, "record", "4", "--amount", "100", "--date", "2024-03-01")
    kc("void", voided, "--reason", "nhập nhầm")
    export = isolated / "e.csv"
    kc("export", "--entries", "--output", str(export))
    other = isolated / "tong-hop.jsonl"
    refused = kc("import", str(export), "--ledger", str(other), code=1).stderr
    assert "e.csv không có hàng dữ liệu nào." in refused
    assert not other.exists()


def test_a_row_voided_in_the_export_and_voided_here_too_warns_of_nothing(kc: Kc, isolated: Path) -> None:
    entry = entry_id(kc, "record", "4", "--amount", "100", "--date", "2024-03-01")
    first = isolated / "e1.csv"
    kc("export", "--entries", "--output", str(first))
    other = isolated / "tong-hop.jsonl"
    kc("import", str(first), "--ledger", str(other))
    kc("void", entry, "--reason", "sai số tiền")
    kc("void", entry, "--reason", "sai số tiền", "--ledger", str(other))  # voided in both ledgers
    kc("record", "4", "--amount", "10", "--date", "2024-03-01")  # the figure corrected
    second = isolated / "e2.csv"
    kc("export", "--entries", "--output", str(second))
    imported = kc("import", str(second), "--ledger", str(other))
    assert imported.stderr == "" and imported.stdout.startswith("Đã nhập 1 hàng; bỏ qua 1 hàng đã hủy.\n")
    assert line_of(status(kc, "--ledger", str(other)), "may-moc-thiet-bi")["spent_vnd"] == 10_000_000


def test_a_record_refused_for_its_date_says_so_before_the_ledger_is_opened(kc: Kc, isolated: Path) -> None:
    folder = isolated / "thu-muc.jsonl"
    folder.mkdir()  # a ledger that cannot be read: the refusal comes before it is read
    refused = kc("record", "4", "--amount", "1", "--date", "2026-01-01", "--ledger", str(folder), code=1).stderr
    assert "ngày 01/01/2026 nằm ngoài thời gian thực hiện kế hoạch" in refused and "thư mục" not in refused
    unreadable = kc("record", "4", "--amount", "1", "--date", "2024-01-05", "--ledger", str(folder), code=None)
    assert unreadable.exit_code != 0 and "đây là một thư mục, không phải tệp" in unreadable.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["project", "add", "A", *PROJECT, "--support", "500"],
        ["project", "change", "A", "--support", "500", "--decision", "QĐ 2"],
        ["project", "accept", "A"],
        ["project", "settle", "A"],
        ["project", "stop", "A", "--reason", "không làm"],
    ],
    ids=lambda command: command[1],
)
def test_a_de_an_decision_refused_for_its_date_says_so_before_the_ledger_is_opened(
    kc: Kc, isolated: Path, command: list[str]
) -> None:
    folder = isolated / "thu-muc.jsonl"
    folder.mkdir()
    refused = kc(*command, "--date", "2026-01-01", "--ledger", str(folder), code=1).stderr
    assert "ngày 01/01/2026 nằm ngoài thời gian thực hiện kế hoạch" in refused and "thư mục" not in refused


def test_an_acceptance_note_too_long_is_refused_before_the_ledger_is_opened(kc: Kc, isolated: Path) -> None:
    folder = isolated / "thu-muc.jsonl"
    folder.mkdir()
    note = "x" * 2001
    refused = kc("project", "accept", "A", "--note", note, "--date", "2024-01-05", "--ledger", str(folder), code=1)
    assert "--note" in refused.stderr and "thư mục" not in refused.stderr


# --- 10. --replace and --replaces with the sheets of a workbook -------------------------------------

SHEET_HEADER = ["date", "line", "amount"]


def two_sheets(path: Path, a_amount: str, b_amount: str) -> Path:
    """A workbook whose sheets Xã A (line 4) and Xã B (line 6) each hold one row, as two communes report."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, line, amount in (("Xã A", "4", a_amount), ("Xã B", "6", b_amount)):
        book.create_sheet(name).append(SHEET_HEADER)
        book[name].append(["2024-05-05", line, amount])
    book.save(path)
    return path


def spent_on(kc: Kc, line_id: str) -> int:
    return int(line_of(status(kc), line_id)["spent_vnd"])


def as_kc_wrote_before_it_kept_the_sheet(ledger: Path) -> None:
    """The ledger with its imports' sheets taken out, as kc wrote an import without --sheet, chained anew."""
    from hashlib import sha256

    lines, prev = [], None
    for raw in ledger.read_bytes().splitlines():
        body = json.loads(raw)
        del body["hash"]
        body["prev"] = body["prev"] if prev is None else prev
        if body["kind"] == "batch":
            del body["sheet"]
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        prev = sha256(data).hexdigest()
        lines.append(data[:-1] + f',"hash":"{prev}"}}\n'.encode())
    ledger.write_bytes(b"".join(lines))


def test_an_import_that_did_not_keep_its_sheet_was_of_the_sheet_kc_reads_without_sheet(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    from openpyxl import load_workbook

    path = two_sheets(isolated / "bc.xlsx", "100", "35")
    book = load_workbook(path)
    book.remove(book["Xã B"])
    book.save(path)  # one sheet with data
    kc("import", str(path))
    as_kc_wrote_before_it_kept_the_sheet(ledger_path)
    assert "sổ theo dõi hợp lệ" in kc("check").stdout
    for again in ([], ["--sheet", "xã a"]):  # the sheet kc reads without --sheet, named or not
        assert kc.json("import", str(path), *again, "--format", "json")["added"] == 0
    assert spent_on(kc, "may-moc-thiet-bi") == 100_000_000
    book.create_sheet("Xã B").append(SHEET_HEADER)
    book["Xã B"].append(["2024-05-05", "6", "35"])
    book.save(path)  # which sheet an import without --sheet read is no longer known: another is not it
    assert kc.json("import", str(path), "--sheet", "Xã B", "--format", "json")["added"] == 1
    assert (spent_on(kc, "may-moc-thiet-bi"), spent_on(kc, "nhan-hieu")) == (100_000_000, 35_000_000)


def test_a_replacement_whose_row_with_a_ref_is_refused_names_the_row_and_replaces_nothing(
    kc: Kc, isolated: Path, ledger_path: Path
) -> None:
    header = ["date", "line", "amount", "ref"]
    kc("import", str(write_csv(isolated / "a.csv", [header, ["2024-05-05", "4", "100", "UT-01"]])))
    before = ledger_path.read_bytes()
    corrected = write_csv(isolated / "a.csv", [header, ["2027-05-05", "4", "120", "UT-01"]])  # after the plan
    refused = kc("import", str(corrected), "--replace", code=1).stderr
    assert "hàng 2" in refused and "05/05/2027" in refused
    assert ledger_path.read_bytes() == before


def test_replaces_takes_the_same_sheet_of_a_workbook_imported_sheet_by_sheet(kc: Kc, isolated: Path) -> None:
    first = two_sheets(isolated / "bc.xlsx", "100", "35")
    kc("import", str(first), "--sheet", "Xã A")
    kc("import", str(first), "--sheet", "Xã B")
    csv_copy = write_csv(isolated / "sua.csv", [SHEET_HEADER, ["2024-05-05", "4", "120"]])
    which = kc("import", str(csv_copy), "--replaces", "bc.xlsx", code=1).stderr
    assert "tệp “bc.xlsx” đã được nhập từ nhiều trang tính (Xã A, Xã B); vui lòng chọn trang cần thay" in which
    corrected = two_sheets(isolated / "bc-sua.xlsx", "120", "35")
    done = kc.json("import", str(corrected), "--sheet", "Xã A", "--replaces", "bc.xlsx", "--format", "json")
    assert (done["replaced"], done["added"]) == (1, 1)
    assert (spent_on(kc, "may-moc-thiet-bi"), spent_on(kc, "nhan-hieu")) == (120_000_000, 35_000_000)


def test_replaces_takes_the_one_import_of_a_file_for_a_sheet_named_by_sheet(kc: Kc, isolated: Path) -> None:
    kc("import", str(write_csv(isolated / "q3.csv", [SHEET_HEADER, ["2024-05-05", "4", "100"]])))
    corrected = two_sheets(isolated / "q3-sua.xlsx", "120", "35")
    done = kc.json("import", str(corrected), "--sheet", "Xã A", "--replaces", "q3.csv", "--format", "json")
    assert (done["replaced"], done["added"]) == (1, 1)
    assert (spent_on(kc, "may-moc-thiet-bi"), spent_on(kc, "nhan-hieu")) == (120_000_000, 0)


def test_replaces_refuses_an_import_whose_every_entry_was_voided(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("import", str(write_csv(isolated / "a.csv", [SHEET_HEADER, ["2024-05-05", "4", "100"]])))
    (row,) = kc.json("log", "--format", "json")
    kc("void", row["id"], "--reason", "nhập nhầm")
    before = ledger_path.read_bytes()
    corrected = write_csv(isolated / "b.csv", [SHEET_HEADER, ["2024-05-05", "4", "120"]])
    refused = kc("import", str(corrected), "--replaces", "a.csv", code=1).stderr
    assert (
        "mọi bút toán của lần nhập tệp “a.csv” đã bị hủy; không còn gì để thay thế. Vui lòng bỏ --replaces." in refused
    )
    assert ledger_path.read_bytes() == before


def test_replace_of_a_sheet_never_imported_names_the_sheets_that_were(kc: Kc, isolated: Path) -> None:
    source = two_sheets(isolated / "bc.xlsx", "100", "35")
    kc("import", str(source), "--sheet", "Xã A")
    refused = kc("import", str(source), "--sheet", "Xã B", "--replace", code=1).stderr
    assert "chưa nhập trang tính “Xã B” của tệp bc.xlsx, nên không có gì để thay thế (đã nhập: “Xã A”)." in refused


def test_another_version_of_an_imported_sheet_or_file_is_refused_naming_it(kc: Kc, isolated: Path) -> None:
    source = two_sheets(isolated / "bc.xlsx", "100", "35")
    kc("import", str(source), "--sheet", "Xã A")
    two_sheets(source, "120", "35")
    sheet = kc("import", str(source), "--sheet", "Xã A", code=1).stderr
    assert "đã nhập một tệp cùng tên bc.xlsx (trang tính “Xã A”) ngày " in sheet  # recorded today, by the clock
    kc("import", str(write_csv(isolated / "a.csv", [SHEET_HEADER, ["2024-05-05", "4", "100"]])))
    write_csv(isolated / "a.csv", [SHEET_HEADER, ["2024-05-05", "4", "120"]])
    plain = kc("import", str(isolated / "a.csv"), code=1).stderr
    assert "đã nhập một tệp cùng tên a.csv ngày " in plain


def test_an_import_says_how_many_of_its_rows_are_dated_after_today(kc: Kc, isolated: Path) -> None:
    rows = [SHEET_HEADER, ["2024-06-25", "7", "80"], ["2024-06-26", "7", "20"]]
    imported = kc("import", str(write_csv(isolated / "thang-6.csv", rows)), "--allow-future")
    assert imported.stderr.startswith("1 bút toán ghi ngày sau hôm nay (25/06/2024): ")


# --- 11. overdue đề án, on the day of their deadline and after it -----------------------------------


@pytest.mark.usefixtures("october_2025")
def test_a_de_an_is_overdue_from_the_day_after_its_deadline_and_a_settled_one_never(kc: Kc) -> None:
    approve(kc, "A", "--end", "2025-06-30")
    approve(kc, "B", "--beneficiary", "HTX B", day="2024-03-01")
    kc("project", "accept", "B", "--date", "2024-08-01")  # to be settled by 22/01/2025
    approve(kc, "C", "--beneficiary", "HTX C", day="2024-03-01")
    kc("project", "accept", "C", "--date", "2024-08-01")
    kc("project", "settle", "C", "--date", "2025-03-01")  # settled late: no longer overdue
    on_the_day = status(kc, "--as-of", "2025-01-22")
    assert on_the_day["overdue_projects"] == []
    assert line_of(on_the_day, "may-moc-thiet-bi")["projects"]["overdue"] == 0
    after = status(kc, "--as-of", "2025-07-01")
    assert [(x["project"], x["reason"], x["since"]) for x in after["overdue_projects"]] == [
        ("A", "not_accepted", "2025-06-30"),
        ("B", "not_settled", "2025-01-22"),
    ]
    assert line_of(after, "may-moc-thiet-bi")["projects"] == {
        "approved": 1,
        "accepted": 1,
        "settled": 1,
        "stopped": 0,
        "overdue": 2,
    }


@pytest.mark.usefixtures("october_2025")
def test_the_reports_de_an_are_those_open_in_its_period_with_what_was_paid_in_it(kc: Kc) -> None:
    approve(kc, "A")
    kc("record", "--project", "A", "--amount", "100", "--date", "2025-03-10")  # before the quarter
    kc("record", "--project", "A", "--amount", "150", "--date", "2025-07-10")
    approve(kc, "B", "--beneficiary", "HTX B", day="2025-07-02")  # approved in the quarter, no payment before it
    kc("record", "--project", "B", "--amount", "40", "--date", "2025-07-03")
    approve(kc, "C", "--beneficiary", "HTX C")
    kc("project", "stop", "C", "--reason", "không làm", "--date", "2025-06-30")  # the quarter's day before
    approve(kc, "D", "--beneficiary", "HTX D")
    kc("project", "stop", "D", "--reason", "không làm", "--date", "2025-07-01")  # the quarter's first day
    markdown = kc("report", "--quarter", "2025-Q3", "--output", "-", "--format", "md").stdout
    listed = re.findall(r"^\| \d+ \| Máy sao chè \((\w)\) \| [^|]* \| [^|]* \| (\d+) \| (\d+) \| (\d+) \|", markdown,
                        re.MULTILINE)  # fmt: skip
    assert listed == [("A", "500", "150", "250"), ("D", "500", "0", "0"), ("B", "500", "40", "40")]
    whole = kc("report", "--output", "-", "--format", "md").stdout  # from the plan's start: C too
    assert "Máy sao chè (C)" in whole and "Máy sao chè (D)" in whole
