"""The index beside the ledger gives the same figures as a full pass, whatever happened to either."""

import json
import re
import shutil
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kc_tracker import actions, export, importer, ledger, report
from kc_tracker import index as index_module
from kc_tracker.errors import InputError
from kc_tracker.index import index_path, opened, read_sums
from kc_tracker.plan import load_plan

from .conftest import Kc

PLAN = load_plan()
LINES = [line.id for line in PLAN.lines]
START = date(2021, 1, 1)
COUNT = {"noi-dung-khac": ""}  # the one line without a count


def scanned(path: Path, as_of: date, start: date | None, by: str | None) -> dict:
    return export.status_dict(report.status(PLAN, ledger.LedgerFile(path, PLAN.plan.id), as_of, start, by))


def indexed(path: Path, as_of: date, start: date | None, by: str | None) -> dict:
    sums, _ = read_sums(path, PLAN.plan.id, as_of, start, by)
    return export.status_dict(report.build_status(PLAN, sums, as_of, start, by))


def assert_same_figures(path: Path, as_of: date, start: date | None, by: str | None) -> None:
    assert index_path(path).exists() or not path.exists()
    assert indexed(path, as_of, start, by) == scanned(path, as_of, start, by)


operations = st.lists(
    st.one_of(
        st.tuples(st.just("record"), st.sampled_from(LINES), st.integers(0, 400), st.integers(0, 2),
                  st.integers(0, 1800), st.sampled_from([None, "Bát Xát", "Sa Pa", "Ba\u0301t Xa\u0301t"]),
                  st.sampled_from([None, "trung-uong", "dia-phuong"]), st.sampled_from([None, "HTX A", "htx  a", "B"]),
                  st.sampled_from([None, "r1", "r2"])),
        st.tuples(st.just("void"), st.integers(0, 50)),
        st.tuples(st.just("adjust"), st.sampled_from(LINES), st.sampled_from(LINES), st.integers(1, 300),
                  st.integers(0, 1800)),
        st.tuples(st.just("measure"), st.integers(2021, 2025), st.integers(0, 9000)),
        st.tuples(st.just("close"), st.sampled_from(["2022", "2023-Q2", "2024-07"])),
        st.tuples(st.just("import"), st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 400),
                                                        st.integers(0, 1800), st.sampled_from(["", "HTX A", "B"])),
                                              min_size=1, max_size=4)),
    ),
    max_size=25,
)  # fmt: skip


def apply(path: Path, ops: list[tuple]) -> None:
    ids: list[str] = []
    for op in ops:
        try:
            if op[0] == "record":
                _, line, amount, count, day, locality, source, beneficiary, ref = op
                request = actions.RecordRequest(
                    line=line, amount_vnd=amount * 1_000_000, count=count or None if line != "noi-dung-khac" else None,
                    date=START + timedelta(days=day), locality=locality, source=source, beneficiary=beneficiary,
                    ref=ref, counterpart_vnd=amount * 500_000 if day % 3 == 0 else None, allow_over_budget=True,
                    allow_closed=day % 2 == 0,
                )  # fmt: skip
                ids.append(actions.record(PLAN, path, request, lock_timeout=5).entry.id)
            elif op[0] == "void" and ids:
                actions.void(PLAN, path, ids[op[1] % len(ids)], "sai", lock_timeout=5, allow_closed=True)
            elif op[0] == "adjust":
                _, source_line, target_line, amount, day = op
                request = actions.AdjustRequest(source_line, target_line, amount * 1_000_000, "QĐ",
                                                START + timedelta(days=day), allow_closed=True)  # fmt: skip
                ids.append(actions.adjust(PLAN, path, request, lock_timeout=5).entry.id)
            elif op[0] == "measure":
                ids.append(actions.measure(PLAN, path, "gia-tri-san-xuat", op[1], str(op[2]), lock_timeout=5).entry.id)
            elif op[0] == "close":
                ids.append(actions.close(PLAN, path, op[1], lock_timeout=5).entry.id)
            elif op[0] == "import":  # many records in one ledger line
                rows = [f"{START + timedelta(days=day)},{line},{amount}000000,{COUNT.get(line, 1)},{name}"
                        for line, amount, day, name in op[1]]  # fmt: skip
                source = path.with_name("rows.csv")
                source.write_text("date,line,amount_vnd,count,beneficiary\n" + "\n".join(rows), encoding="utf-8")
                flags = importer.Flags(allow_over_budget=True, allow_closed=True)
                ids += [r.id for r in importer.import_file(PLAN, path, source, flags, lock_timeout=5).added]
        except InputError:
            pass  # refusals are part of life; the figures must still agree


@settings(max_examples=40, deadline=None)
@given(ops=operations, as_of_day=st.integers(0, 2000), start_day=st.one_of(st.none(), st.integers(0, 1800)),
       by=st.sampled_from([None, "year", "quarter", "locality", "source"]))  # fmt: skip
def test_index_and_full_scan_agree_on_random_ledgers(
    ops: list[tuple], as_of_day: int, start_day: int | None, by: str | None
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kc-index-"))
    try:
        path = folder / "ledger.jsonl"
        apply(path, ops)
        as_of = START + timedelta(days=as_of_day)
        start = START + timedelta(days=start_day) if start_day is not None else None
        if start is not None and start > as_of:
            start = None
        assert_same_figures(path, as_of, start, by)
        assert_same_figures(path, date(2030, 1, 1), None, None)  # the running totals' fast path
        if path.exists():
            scan_state = ledger.scan(path, PLAN.plan.id)
            with opened(path, PLAN.plan.id) as index:
                index.refresh()
                index_state = index.state()
                for line in LINES:
                    assert index_state.spent_vnd[line] == scan_state.spent_vnd[line]
                    assert index_state.done_count[line] == scan_state.done_count[line]
                    assert index_state.budget_delta_vnd[line] == scan_state.budget_delta_vnd[line]
                    for name in ("htx a", "b"):
                        assert (index_state.counted_beneficiaries.get(line, None)[name]
                                == scan_state.counted_beneficiaries.get(line, {}).get(name, 0))  # fmt: skip
                assert set(index_state.closes) == set(scan_state.closes)
                for ref in ("r1", "r2"):
                    assert index_state.refs.get(ref) == scan_state.refs.get(ref)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_index_is_written_beside_the_ledger_and_used(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--ref", "a")
    assert index_path(ledger_path).exists()
    kc("record", "4", "--amount", "100", "--count", "1", "--ref", "a")  # the ref is found through the index
    assert len(ledger_path.read_bytes().splitlines()) == 2


def test_a_hand_edit_anywhere_is_noticed_on_the_next_command(kc: Kc, ledger_path: Path) -> None:
    for amount in ("100", "200", "300"):
        kc("record", "4", "--amount", amount)
    kc("status")  # the index is up to date
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text.replace('"amount_vnd":200000000', '"amount_vnd":900000000'), encoding="utf-8")
    status = kc.json("status", "--format", "json")
    assert status["lines"][3]["spent_vnd"] == 1_300_000_000
    assert "kc check" in kc("status").stderr  # the edit breaks the chain, and says so
    # Same size, same figure length: still noticed.
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text.replace('"amount_vnd":300000000', '"amount_vnd":400000000'), encoding="utf-8")
    assert kc.json("status", "--format", "json")["lines"][3]["spent_vnd"] == 1_400_000_000


def test_deleted_or_damaged_index_loses_nothing(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--beneficiary", "HTX A")
    expected = kc.json("status", "--format", "json")
    index_path(ledger_path).unlink()
    assert kc.json("status", "--format", "json") == expected
    index_path(ledger_path).write_bytes(b"this is not a database" * 100)
    assert kc.json("status", "--format", "json") == expected
    kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "htx a")
    assert kc.json("status", "--format", "json")["lines"][3]["beneficiaries"] == 1


def test_an_index_left_behind_by_a_crash_catches_up(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100")
    stale = ledger_path.parent / "stale.index"
    shutil.copy(index_path(ledger_path), stale)
    kc("record", "6", "--amount", "35", "--ref", "x")
    shutil.copy(stale, index_path(ledger_path))  # as if the index update after the append was lost
    status = kc.json("status", "--format", "json")
    assert status["lines"][5]["spent_vnd"] == 35_000_000 and status["totals"]["spent_vnd"] == 135_000_000
    before = ledger_path.read_bytes()
    kc("record", "6", "--amount", "35", "--ref", "x")  # the ref written after the stale index is known
    assert ledger_path.read_bytes() == before


def then_a_stranger_appends(own_append: Any) -> Any:
    """`ledger._append`, followed by a program that ignores the lock appending a record of 7 triệu."""

    def append_then_someone_else(path: Path, plan_id: str, file: ledger.LedgerFile, entries: list) -> list:
        lines = own_append(path, plan_id, file, entries)
        stranger = ledger.Record(id="abcdefabcdef", line="nhan-hieu", date=date(2024, 5, 2), amount_vnd=7_000_000,
                                 recorded_at=ledger.now())  # fmt: skip
        with path.open("ab") as handle:
            handle.write(ledger._encode(stranger, file.tip)[0])
        return lines

    return append_then_someone_else


def test_a_line_another_program_appends_during_a_write_is_indexed_too(
    kc: Kc, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write indexes what it appended without reading it back, unless the ledger is not exactly that."""
    kc("record", "4", "--amount", "100")
    own_append = ledger._append
    monkeypatch.setattr(ledger, "_append", then_a_stranger_appends(own_append))
    kc("record", "6", "--amount", "35")
    monkeypatch.setattr(ledger, "_append", own_append)  # (undo() would also drop the test's environment)
    assert_same_figures(ledger_path, date(2024, 6, 25), None, None)
    assert kc.json("status", "--format", "json")["totals"]["spent_vnd"] == 142_000_000


def index_tables(path: Path) -> dict[str, list[tuple]]:
    """Its rows, and its SQLite indexes (some are built only after a first import's rows are in)."""
    with opened(path, PLAN.plan.id) as index:
        tables = {table: index.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                  for table in ("records", "totals", "names")}  # fmt: skip
        sql = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1"
        return tables | {"indexes": index.db.execute(sql).fetchall()}


def test_a_new_ledgers_first_import_is_indexed_as_a_rebuild_indexes_it(
    kc: Kc, ledger_path: Path, tmp_path: Path
) -> None:
    """Its names are counted without asking the (empty) index: the same rows as reading the ledger anew."""
    rows = ["4,1000000,1,HTX A", "4,2000000,1,htx  a", "4,3000000,,B", "4,3500000,,HTX A", "6,4000000,1,HTX A",
            "10,5000000,,C"]  # fmt: skip
    source = tmp_path / "rows.csv"
    body = "\n".join(f"2022-01-0{n + 1},{row}" for n, row in enumerate(rows))
    source.write_text("date,line,amount_vnd,count,beneficiary\n" + body, encoding="utf-8")
    kc("import", str(source))
    written = index_tables(ledger_path)
    index_path(ledger_path).unlink()
    kc("status")
    assert index_tables(ledger_path) == written
    assert [(line, distinct) for line, *_, distinct in written["totals"]] == [
        ("may-moc-thiet-bi", 2), ("nhan-hieu", 1), ("noi-dung-khac", 1)]  # fmt: skip
    assert ("may-moc-thiet-bi", "htx a", 3, 2) in written["names"]


def first_import(tmp_path: Path) -> Path:
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd,count,beneficiary\n2022-01-01,4,1000000,1,HTX A\n"
                      "2022-01-02,6,2000000,1,B\n2022-01-03,10,3000000,,C\n", encoding="utf-8")  # fmt: skip
    return source


def test_a_new_ledgers_first_write_that_fails_leaves_no_index_to_trust(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its rows went into the index before the line was written: they are never committed."""
    source = first_import(tmp_path)

    def full(path: Path, data: bytes, size_before: int) -> None:
        raise ledger.LedgerError("disk full")

    own_write = ledger._write_durably
    monkeypatch.setattr(ledger, "_write_durably", full)
    assert "disk full" in kc("import", str(source), code=1).stderr
    monkeypatch.setattr(ledger, "_write_durably", own_write)
    assert not ledger_path.exists() or ledger_path.stat().st_size == 0
    kc("record", "4", "--amount", "5", "--count", "1", "--beneficiary", "HTX A")
    written = index_tables(ledger_path)
    assert [row[3] for row in written["records"]] == [5_000_000]
    index_path(ledger_path).unlink()
    kc("status")
    assert index_tables(ledger_path) == written


def test_a_new_ledgers_index_that_fails_after_the_write_is_dropped_not_the_write(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_LATER_INDEXES", [*index_module._LATER_INDEXES, "CREATE INDEX x ON nowhere(y)"])
    result = kc.json("import", str(first_import(tmp_path)), "--format", "json")
    assert result["added"] == 3
    assert not index_path(ledger_path).exists()  # dropped: the next command builds it from the ledger
    monkeypatch.setattr(index_module, "_LATER_INDEXES", index_module._LATER_INDEXES[:-1])
    assert kc.json("status", "--format", "json")["totals"]["spent_vnd"] == 6_000_000
    assert index_path(ledger_path).exists()


def test_a_line_appended_by_another_program_during_a_new_ledgers_first_write_is_indexed_too(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_append = ledger._append
    monkeypatch.setattr(ledger, "_append", then_a_stranger_appends(own_append))
    kc("import", str(first_import(tmp_path)))
    monkeypatch.setattr(ledger, "_append", own_append)
    written = index_tables(ledger_path)
    assert len(written["records"]) == 4
    index_path(ledger_path).unlink()
    kc("status")
    assert index_tables(ledger_path) == written
    assert_same_figures(ledger_path, date(2024, 6, 25), None, None)


def test_reimporting_a_file_reads_the_line_holding_its_rows_once(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each row's ref is found on the one import line: it is parsed once, not once per row (was minutes)."""
    source = tmp_path / "rows.csv"
    rows = [f"2022-02-{n % 28 + 1:02d},4,1000000,1,HTX {n}" for n in range(300)]
    source.write_text("date,line,amount_vnd,count,beneficiary\n" + "\n".join(rows), encoding="utf-8")
    kc("import", str(source))
    before = ledger_path.read_bytes()
    parsed: list[bytes] = []
    real_parse = index_module.parse_line
    monkeypatch.setattr(index_module, "parse_line", lambda raw: parsed.append(raw) or real_parse(raw))
    kc("import", str(source))
    assert ledger_path.read_bytes() == before
    assert len(parsed) == 1


def test_an_import_into_an_indexed_ledger_asks_it_once_and_sees_the_same(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refs, taken ids and counted names of all rows come from the index in one go, not row by row."""
    kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX A", "--ref", "r1", "--date", "2022-01-05")
    taken = kc.json("record", "6", "--amount", "2", "--date", "2022-01-05", "--format", "json")["id"]
    ids = iter([taken, "abcdef012345", "abcdef012346"])  # the first row draws an id the ledger already has
    monkeypatch.setattr(ledger, "new_ids", lambda: ids)
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd,count,beneficiary,ref\n2022-01-06,4,3000000,1,htx  a,r2\n"
                      "2022-01-05,4,1000000,1,HTX A,r1\n2022-01-07,6,4000000,,B,\n", encoding="utf-8")  # fmt: skip
    statements: list[str] = []
    real_init = index_module.Index.__init__

    def traced(self: index_module.Index, *args: Any) -> None:
        real_init(self, *args)
        self.db.set_trace_callback(statements.append)

    monkeypatch.setattr(index_module.Index, "__init__", traced)
    result = kc("import", str(source), "--format", "json")
    assert json.loads(result.stdout)["added"] == 2 and json.loads(result.stdout)["already"] == 1
    assert "htx  a" in result.stderr  # counted on that line before, as HTX A
    records = [entry for _, entry in ledger.LedgerFile(ledger_path) if entry.kind == "record"]
    assert len({record.id for record in records}) == len(records) == 4
    one_by_one = [s for s in statements if re.match(r"SELECT .* WHERE (id|ref|line|benkey) = '", s)]
    # Only the two ids drawn under the lock (the row's again, the import line's own), in the three tables of ids.
    assert len(one_by_one) == 6 and all("WHERE id = '" in s for s in one_by_one), one_by_one


def test_an_import_works_where_sqlite_has_no_json_functions(
    kc: Kc, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Then each row asks the index itself, as before."""
    kc("record", "4", "--amount", "1", "--count", "1", "--beneficiary", "HTX A", "--ref", "r1", "--date", "2022-01-05")

    def no_json(self: index_module.IndexState, records: list) -> None:
        raise sqlite3.OperationalError("no such table: json_each")

    monkeypatch.setattr(index_module.IndexState, "_expect", no_json)
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd,count,beneficiary,ref\n2022-01-05,4,1000000,1,HTX A,r1\n"
                      "2022-01-06,4,3000000,1,htx a,r2\n", encoding="utf-8")  # fmt: skip
    result = kc("import", str(source), "--format", "json")
    assert json.loads(result.stdout)["added"] == 1 and json.loads(result.stdout)["already"] == 1
    assert "htx a" in result.stderr
