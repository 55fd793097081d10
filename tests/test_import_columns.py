"""`kc import` checks chunks of plain rows a column at a time: the records are those the row-by-row
check makes, or the chunk is left to it, untouched, and it finds and words every refusal."""

import copy
import csv
import io
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from kc_tracker import importer
from kc_tracker.plan import load_plan

from .conftest import Kc

BASE = load_plan()
# Line 5 with a ceiling, as an officer's plan may have: 35 triệu a record.
CEILING = {"ceiling_vnd": 35_000_000}
PLAN = BASE.model_copy(
    update={"lines": [line.model_copy(update=CEILING) if n == 4 else line for n, line in enumerate(BASE.lines)]}
)
NOW = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)

# Cells `_check_plain` takes as they are, and cells it must leave to the row-by-row check (or that
# break a rule there). Each row starts plain; a few cells are then changed to odd ones.
PLAIN = {
    "date": ["2022-03-01", "2025-12-31", "2021-01-01"],
    "line": ["nhan-hieu", "may-moc-thiet-bi", "thanh-lap-doanh-nghiep"],
    "amount_vnd": ["1000000", "50000000", "7", "35000000"],
    "amount": ["14.750", "0,5 tỷ", "1", "125.000.000đ"],
    "count": ["", "1", "12"],
    "counterpart_vnd": ["", "5000000"],
    "locality": ["", "Mù Cang Chải", "Sa Pa"],
    "beneficiary": ["", "HTX A", "htx  a", "Cơ sở 1"],
    "note": ["", "ghi chú"],
    "ref": ["", "", "r1", "r2"],  # most rows get a ref made from their content
    "source": ["", "trung-uong", "dia-phuong"],
    "voided": ["", "", "false"],
    "id": ["", "0123456789ab"],
}
ODD = {
    "date": [" 2022-03-01", "2031-01-01", "2020-12-31", "3/2022", "", "2022-02-30", "'2022-03-01"],
    "line": ["6", " nhan-hieu", "NHAN-HIEU", "khong-co", "", "noi-dung-khac", "binh-chon-san-pham"],
    "amount_vnd": ["0", "35000001", "", "9" * 5000, "x", " 5", "１２", "1000000000000001", "-5", "+5", "0001", "1e3"],
    "amount": ["0", "35,1", "", "abc", " 2 ", "-1", "1,0000001", "10 tỷ tỷ"],
    "count": ["0", "1000000000", "1000000001", "x", "-1", " 1", "٣"],
    "counterpart_vnd": ["x", "1000000000000001", "0", " 1"],
    "locality": [" Sa Pa", "Bát Xát\u00a0", "Bát Xa\u0301t", "a\x07", "x" * 201, "'=1", "=1", "dòng\nhai"],
    "beneficiary": ["HTX\u200bA", " ", "b" * 200, "b" * 201, "'-B"],
    "note": ["n" * 2001, "n" * 2000, "tab\there", "e\u0301"],
    "ref": [" r1", "r1 ", "'-r", "r\x00"],
    "source": ["khac", " trung-uong", "TRUNG-UONG"],
    "voided": ["true", " X ", "1", "TRUE"],
    "id": ["'=x"],
}
AMOUNT_COLUMNS = [["amount_vnd"], ["amount"]]


@st.composite
def chunks(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, list[str]]]]:
    optional = [name for name in PLAIN if name not in ("date", "line", "amount_vnd", "amount")]
    columns = ["date", "line", *draw(st.sampled_from(AMOUNT_COLUMNS)), *draw(st.lists(st.sampled_from(optional),
                                                                                        unique=True))]  # fmt: skip
    columns = draw(st.permutations(columns))
    rows = [[draw(st.sampled_from(PLAIN[name])) for name in columns] for _ in range(draw(st.integers(1, 6)))]
    for _ in range(draw(st.integers(0, 2))):
        row, at = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(columns) - 1))
        rows[row][at] = draw(st.sampled_from(ODD[columns[at]]))
    if draw(st.booleans()):  # a blank row, a short one, a long one
        rows.insert(draw(st.integers(0, len(rows))), draw(st.sampled_from([[""] * len(columns), [" "], rows[0][:2],
                                                                            [*rows[0], "x"]])))  # fmt: skip
    return columns, list(enumerate(rows, start=2))


def numbered_ids() -> Iterator[str]:
    return (f"{n:012x}" for n in itertools.count())


flags = st.builds(importer.Flags, allow_outside_period=st.booleans(), allow_over_ceiling=st.booleans())


def assert_same_either_way(columns: list[str], rows: list[tuple[int, list[str]]], flags: importer.Flags,
                           again: bool) -> bool:  # fmt: skip
    """A chunk checked by columns gives what row by row gives, or is left untouched. True if taken."""
    before = importer._CheckedRows()
    if again:  # the same rows earlier in the file: identical rows are numbered on from them
        importer._check_each(PLAN, columns, flags, rows, NOW, numbered_ids(), before)
    by_rows, by_columns = copy.deepcopy(before), copy.deepcopy(before)
    importer._check_each(PLAN, columns, flags, rows, NOW, numbered_ids(), by_rows)
    ids = numbered_ids()
    if importer._check_plain(PLAN, columns, flags, rows, NOW, ids, by_columns):
        assert by_columns == by_rows, (columns, rows)
        assert not by_rows.errors
        return True
    assert by_columns == before  # left untouched, for the row-by-row check
    assert next(ids) == "000000000000"
    return False


def test_every_odd_cell_is_left_to_the_row_by_row_check_or_read_alike() -> None:
    """Each odd cell in turn, in a chunk of plain rows with every column, both ways of each flag."""
    optional = [name for name in PLAIN if name not in ("date", "line", "amount_vnd", "amount")]
    taken = 0
    for amount_column, base in itertools.product(("amount_vnd", "amount"), range(4)):
        columns = ["date", "line", amount_column, *optional]
        row = [PLAIN[name][base % len(PLAIN[name])] for name in columns]
        for (at, name), allow in itertools.product(enumerate(columns), (False, True)):
            for odd in ODD[name]:
                changed = [*row[:at], odd, *row[at + 1 :]]
                flags = importer.Flags(allow_outside_period=allow, allow_over_ceiling=allow)
                taken += assert_same_either_way(columns, [(2, row), (3, changed)], flags, again=allow)
    assert taken  # (some odd cells break no rule with a flag given: those chunks are plain)


@given(chunk=chunks(), flags=flags, again=st.booleans())
def test_a_chunk_checked_by_columns_gives_what_row_by_row_gives(
    chunk: tuple[list[str], list[tuple[int, list[str]]]], flags: importer.Flags, again: bool
) -> None:
    assert_same_either_way(*chunk, flags, again)


@given(chunk=chunks(), blank=st.integers(0, 6))
def test_plain_rows_are_checked_by_columns(chunk: tuple[list[str], list[tuple[int, list[str]]]], blank: int) -> None:
    """Rows of plain cells, blank rows among them: the fast way is taken (else it would be a path nothing uses)."""
    columns, rows = chunk
    plain = [(number, row) for number, row in rows if len(row) == len(columns) and all(
        cell in PLAIN[name] for name, cell in zip(columns, row, strict=True))]  # fmt: skip
    plain.insert(min(blank, len(plain)), (99, [" "] * len(columns)))
    checked = importer._CheckedRows()
    assert importer._check_plain(PLAN, columns, importer.Flags(), plain, NOW, numbered_ids(), checked)
    assert len(checked.prepared) + checked.skipped_voided == len(plain) - 1


def test_exported_entries_import_back_by_columns(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--beneficiary", "HTX Mường Khương", "--locality", "Bắc Hà")
    kc("record", "10", "--amount", "0,5", "--note", "hội chợ", "--source", "dia-phuong", "--counterpart", "100")
    voided = kc.json("record", "6", "--amount", "35", "--count", "1", "--format", "json")
    kc("void", voided["id"], "--reason", "nhầm")
    exported = isolated / "entries.csv"
    kc("export", "--format", "csv", "--entries", "--output", str(exported))
    header = next(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert "voided" in header and "id" in header
    with mock.patch.object(importer, "_check_each", side_effect=AssertionError("a row checked one by one")):
        result = kc.json("import", str(exported), "--ledger", str(isolated / "copy.jsonl"), "--format", "json")
    assert result["added"] == 2 and result["skipped_voided"] == 1


def test_a_chunk_with_a_refused_row_is_checked_row_by_row(kc: Kc, isolated: Path) -> None:
    source = isolated / "rows.csv"
    rows = ["2022-03-01,6,1000000"] * 5 + ["2022-03-01,6,x"] + ["2022-03-01,6,2000000"] * 3
    source.write_text("date,line,amount_vnd\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with mock.patch.object(importer, "CHUNK_ROWS", 3):
        err = kc("import", str(source), code=1).stderr
    assert "7" in err and "x" in err  # row 7 (the header is row 1), named with its cell
    with mock.patch.object(importer, "CHUNK_ROWS", 3):
        source.write_text("date,line,amount_vnd\n" + "\n".join(rows[:5] + rows[6:]) + "\n", encoding="utf-8")
        result = kc.json("import", str(source), "--format", "json")
    assert result["added"] == 8


def test_progress_is_told_the_last_row_of_each_chunk(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd\n" + "2022-03-01,6,1000000\n" * 5, encoding="utf-8")
    told: list[int] = []
    with mock.patch.object(importer, "CHUNK_ROWS", 2):
        importer.import_file(PLAN, tmp_path / "ledger.jsonl", source, importer.Flags(), lock_timeout=5,
                             progress=told.append)  # fmt: skip
    assert told == [3, 5, 6]  # rows 2 to 6 (the header is row 1), two at a time
