"""Properties over many random inputs, all through the CLI:

- the rules against a model of them: any sequence of records, voids and imports gives the figures the model
  gives, refuses what it refuses, and leaves a ledger `kc check` finds sound;
- any command line ends with exit 0, 1 or 2 and a message, never a traceback, and a refusal writes nothing;
- any table a spreadsheet program writes (CSV with any separator, or XLSX) is imported cell for cell, never
  shifted, or refused as a whole.
"""

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from openpyxl import Workbook

from kc_tracker.cli import app

from .conftest import Kc, write_csv

BUDGETS = {"4": 14_750_000_000, "6": 1_435_000_000, "9": 12_200_000_000, "10": 7_960_000_000}
IDS = {"4": "may-moc-thiet-bi", "6": "nhan-hieu", "9": "cum-cong-nghiep", "10": "noi-dung-khac"}
DAYS = st.dates(date(2021, 1, 1), date(2024, 6, 25))
TRIEU = 1_000_000


@dataclass(frozen=True)
class Row:
    line: str
    amount: int  # triệu đồng
    count: int | None
    day: date


ROWS = st.builds(Row, st.sampled_from(sorted(BUDGETS)), st.integers(1, 900), st.one_of(st.none(), st.integers(0, 3)),
                 DAYS)  # fmt: skip


@dataclass
class Project:
    """A đề án as the model keeps it."""

    line: str
    support: int  # triệu đồng
    day: date
    count: int
    accepted: bool = False
    settled: bool = False
    payments: list[str] = field(default_factory=list)  # record ids


@dataclass
class Model:
    """What the rules say, written the simplest way: a list of live records, the refs taken, the files taken,
    the đề án."""

    records: dict[str, tuple[Row, str | None]] = field(default_factory=dict)  # id → (row, ref)
    voided: set[str] = field(default_factory=set)
    files: set[tuple[Row, ...]] = field(default_factory=set)
    projects: dict[str, Project] = field(default_factory=dict)

    def paid(self, code: str) -> int:
        return sum(self.records[key][0].amount * TRIEU for key in self.projects[code].payments
                   if key not in self.voided)  # fmt: skip

    def committed(self, line: str) -> int:
        """Support approved and not yet paid, of the line's đề án not settled."""
        return sum(max(0, p.support * TRIEU - self.paid(code)) for code, p in self.projects.items()
                   if p.line == line and not p.settled)  # fmt: skip

    def accepted(self, line: str) -> int:
        return sum(p.count for p in self.projects.values() if p.line == line and p.accepted)

    def spent(self, line: str) -> int:
        return sum(
            row.amount * TRIEU for key, (row, _) in self.records.items() if row.line == line and key not in self.voided
        )

    def done(self, line: str) -> int:
        live = [row for key, (row, _) in self.records.items() if row.line == line and key not in self.voided]
        return sum(row.count or 0 for row in live)

    def fits(self, rows: list[Row]) -> bool:
        """Records outside đề án: within the budget less what was spent and what open đề án wait for."""
        added = {line: 0 for line in BUDGETS}
        for row in rows:
            added[row.line] += row.amount * TRIEU
            if self.spent(row.line) + self.committed(row.line) + added[row.line] > BUDGETS[row.line]:
                return False
        return True


def record_args(row: Row) -> list[str]:
    args = ["record", row.line, "--amount", str(row.amount), "--date", row.day.strftime("%d/%m/%Y")]
    return args + (["--count", str(row.count)] if row.count is not None and row.line != "10" else [])


class Rules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.kc = Kc()
        self.folder = Path(tempfile.mkdtemp(prefix="kc-rules-"))
        os.environ["KC_LEDGER"] = str(self.folder / "ledger.jsonl")  # restored by the test's monkeypatch
        self.model = Model()
        self.files = 0

    @initialize()
    def empty(self) -> None:
        assert not (self.folder / "ledger.jsonl").exists()

    def ledger_bytes(self) -> bytes:
        path = self.folder / "ledger.jsonl"
        return path.read_bytes() if path.exists() else b""

    @rule(row=ROWS.filter(lambda row: row.line != "10" or row.count is None),
          ref=st.sampled_from([None, "r1", "r2"]))  # fmt: skip
    def record(self, row: Row, ref: str | None) -> None:
        before = self.ledger_bytes()
        args = record_args(row) + (["--ref", ref] if ref else []) + ["--format", "json"]
        taken = next(((key, earlier) for key, (earlier, r) in self.model.records.items() if ref and r == ref), None)
        result = self.kc(*args, code=None)
        if taken is not None:
            key, earlier = taken
            same = earlier == row and key not in self.model.voided
            assert result.exit_code == (0 if same else 1), (result.stdout, result.stderr)
        elif self.model.fits([row]):
            assert result.exit_code == 0, result.stderr
            self.model.records[self.kc_json(result)["id"]] = (row, ref)
            return
        else:
            assert result.exit_code == 1 and "--allow-over-budget" in result.stderr
        assert self.ledger_bytes() == before

    @rule(pick=st.integers(0, 50))
    def void(self, pick: int) -> None:
        if not self.model.records:
            return
        key = sorted(self.model.records)[pick % len(self.model.records)]
        before, again = self.ledger_bytes(), key in self.model.voided
        result = self.kc("void", key, "--reason", "ghi nhầm", code=None)
        closed = any(key in p.payments and p.settled for p in self.model.projects.values())
        if closed and not again:  # a settled đề án's payments are voided after its settlement
            assert result.exit_code == 1 and self.ledger_bytes() == before, result.stderr
            return
        assert result.exit_code == 0, result.stderr
        assert (self.ledger_bytes() == before) == again  # voiding again with the same reason adds nothing
        self.model.voided.add(key)

    # --- đề án: approved, paid, accepted, settled ---------------------------------------------------

    @rule(line=st.sampled_from(["4", "9"]), support=st.integers(1, 6_000), day=DAYS, count=st.integers(0, 3))
    def approve(self, line: str, support: int, day: date, count: int) -> None:
        code = f"DA-{len(self.model.projects) + 1:02d}"
        before = self.ledger_bytes()
        result = self.kc("project", "add", code, "--line", line, "--name", "Đề án", "--beneficiary", code,
                         "--support", str(support), "--count", str(count), "--decision", "QĐ",
                         "--date", day.strftime("%d/%m/%Y"), code=None)  # fmt: skip
        free = BUDGETS[line] - self.model.spent(line) - self.model.committed(line)
        if support * TRIEU > free:
            assert result.exit_code == 1 and "--allow-over-budget" in result.stderr, result.stderr
            assert self.ledger_bytes() == before
            return
        assert result.exit_code == 0, result.stderr
        self.model.projects[code] = Project(line, support, day, count)

    def pick_project(self, pick: int) -> tuple[str, Project] | None:
        if not self.model.projects:
            return None
        code = sorted(self.model.projects)[pick % len(self.model.projects)]
        return code, self.model.projects[code]

    @rule(pick=st.integers(0, 50), amount=st.integers(1, 3_000))
    def pay(self, pick: int, amount: int) -> None:
        found = self.pick_project(pick)
        if found is None:
            return
        code, project = found
        before = self.ledger_bytes()
        result = self.kc("record", "--project", code, "--amount", str(amount), "--date",
                         project.day.strftime("%d/%m/%Y"), "--format", "json", code=None)  # fmt: skip
        over = (self.model.paid(code) + amount * TRIEU > project.support * TRIEU
                or self.model.spent(project.line) + amount * TRIEU > BUDGETS[project.line])  # fmt: skip
        if project.settled or over:
            assert result.exit_code == 1 and self.ledger_bytes() == before, result.stderr
            return
        assert result.exit_code == 0, result.stderr
        key = self.kc_json(result)["id"]
        self.model.records[key] = (Row(project.line, amount, None, project.day), None)
        project.payments.append(key)

    @rule(pick=st.integers(0, 50))
    def accept(self, pick: int) -> None:
        found = self.pick_project(pick)
        if found is None:
            return
        code, project = found
        before = self.ledger_bytes()
        result = self.kc("project", "accept", code, "--date", project.day.strftime("%d/%m/%Y"), code=None)
        # the same acceptance again (settled or not) is already there: safe to re-run, nothing added
        assert result.exit_code == 0, result.stderr
        assert (self.ledger_bytes() == before) == project.accepted
        project.accepted = True

    @rule(pick=st.integers(0, 50))
    def settle(self, pick: int) -> None:
        found = self.pick_project(pick)
        if found is None:
            return
        code, project = found
        result = self.kc("project", "settle", code, "--date", project.day.strftime("%d/%m/%Y"), code=None)
        assert result.exit_code == (0 if project.accepted else 1), result.stderr
        project.settled = project.accepted

    @rule(rows=st.lists(ROWS, min_size=1, max_size=4))
    def import_file(self, rows: list[Row]) -> None:
        self.files += 1
        table = [["Ngày", "Nội dung", "Số tiền", "Số lượng"]]
        table += [[row.day.strftime("%d/%m/%Y"), row.line, str(row.amount),
                   "" if row.count is None or row.line == "10" else str(row.count)] for row in rows]  # fmt: skip
        rows = [Row(row.line, row.amount, None if row.line == "10" else row.count, row.day) for row in rows]
        source = write_csv(self.folder / f"n{self.files}.csv", table, sep=";")
        before = self.ledger_bytes()
        known = {entry["id"] for entry in self.kc.json("log", "--format", "json")} if before else set()
        result = self.kc("import", str(source), "--format", "json", code=None)
        if tuple(rows) in self.model.files:
            assert result.exit_code == 0 and self.kc_json(result)["same_file"] is not None
        elif self.model.fits(rows):
            assert result.exit_code == 0, result.stderr
            self.model.files.add(tuple(rows))
            added = [entry for entry in self.kc.json("log", "--format", "json") if entry["id"] not in known]
            # as multisets: a row may have no count (None) beside one with a count, which do not sort together
            assert Counter((e["line"], e["amount_vnd"], e["count"], e["date"]) for e in added) == Counter(
                (IDS[row.line], row.amount * TRIEU, row.count, row.day.isoformat()) for row in rows
            )
            by_content = {(IDS[row.line], row.amount * TRIEU, row.count, row.day.isoformat()): row for row in rows}
            for entry in added:
                self.model.records[entry["id"]] = (by_content[entry["line"], entry["amount_vnd"], entry["count"],
                                                              entry["date"]], None)  # fmt: skip
            return
        else:
            assert result.exit_code == 1 and "--allow-over-budget" in result.stderr
        assert self.ledger_bytes() == before or tuple(rows) in self.model.files

    @staticmethod
    def kc_json(result: object) -> dict:
        import json

        return json.loads(result.stdout)  # type: ignore[attr-defined]

    @invariant()
    def figures_are_the_models(self) -> None:
        if not (self.folder / "ledger.jsonl").exists():
            return
        status = self.kc.json("status", "--format", "json")
        for number, line_id in IDS.items():
            figures = next(x for x in status["lines"] if x["id"] == line_id)
            assert figures["spent_vnd"] == self.model.spent(number)
            assert figures["committed_vnd"] == self.model.committed(number)
            if number != "10":
                assert figures["done_count"] == self.model.done(number) + self.model.accepted(number)

    def teardown(self) -> None:
        try:
            if (self.folder / "ledger.jsonl").exists():
                assert self.kc.json("check", "--format", "json")["ok"] is True
        finally:
            shutil.rmtree(self.folder)


def test_the_rules_hold_against_their_model(isolated: Path) -> None:
    run_state_machine_as_test(Rules, settings=settings(max_examples=25, stateful_step_count=12, deadline=None))


# --- any command line ----------------------------------------------------------------------------

WORDS = st.sampled_from([
    "record", "void", "import", "status", "log", "export", "report", "check", "adjust", "measure", "close", "plan",
    "4", "10", "may-moc", "--amount", "--count", "--date", "--ref", "--note", "--format", "--as-of", "--by", "--year",
    "--quarter", "--from", "--to", "--output", "--force", "--dry-run", "--allow-over-budget", "json", "xlsx", "md",
    "1.250", "1,250", "0,5 tỷ", "-1", "1e9", "٣", "25/06/2024", "2024-02-30", "2024-Q5", "abc", "", " ", "\x00",
    "\u200b", "Bát Xát", "x" * 300, "--", "-o", "-h",
])  # fmt: skip


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WORDS, max_size=7))
def test_any_command_line_ends_plainly(
    kc: Kc, ledger_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch, words: list[str]
) -> None:
    monkeypatch.chdir(isolated)  # what a random --output names lands in the test's folder
    kc("record", "4", "--amount", "1", "--ref", "seed")
    before = ledger_path.read_bytes()
    result = kc.runner.invoke(app, words, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (words, result.exception)
    assert result.exit_code in (0, 1, 2), (words, result.exit_code)
    assert "Traceback" not in result.stderr and "lỗi bên trong" not in result.stderr, (words, result.stderr)
    if result.exit_code:
        assert (result.stderr or result.stdout).strip(), words  # a refusal says why (or shows the help)
        assert ledger_path.read_bytes() == before, words


# --- any table -------------------------------------------------------------------------------------

TEXT = (
    st.text(
        st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÁàảãạếệỳ ,;\"'.-/()&<>#0123456789")), min_size=1, max_size=30
    )
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: text and not text.startswith("'"))
)


@dataclass(frozen=True)
class Cells:
    day: date
    line: str
    amount_vnd: int
    count: int
    locality: str
    beneficiary: str
    note: str


CELLS = st.builds(Cells, DAYS, st.sampled_from(["4", "9"]), st.integers(1_000, 50_000_000), st.integers(0, 5), TEXT,
                  TEXT, TEXT)  # fmt: skip
HEADER = ["Ngày", "Nội dung", "Số tiền (đồng)", "Số lượng", "Địa bàn", "Đơn vị thụ hưởng", "Ghi chú"]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(CELLS, min_size=1, max_size=6), sep=st.sampled_from([",", ";", "\t"]), bom=st.booleans(),
       crlf=st.booleans(), workbook=st.booleans())  # fmt: skip
def test_any_table_is_imported_cell_for_cell(
    kc: Kc, ledger_path: Path, isolated: Path, rows: list[Cells], sep: str, bom: bool, crlf: bool, workbook: bool
) -> None:
    for leftover in ledger_path.parent.iterdir() if ledger_path.parent.exists() else []:
        leftover.unlink()  # a new ledger for each example
    if workbook:
        book = Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for row in rows:
            sheet.append([datetime(row.day.year, row.day.month, row.day.day), int(row.line), row.amount_vnd, row.count,
                          row.locality, row.beneficiary, row.note])  # fmt: skip
        source = isolated / "bang.xlsx"
        book.save(source)
    else:
        table = [HEADER] + [[row.day.strftime("%d/%m/%Y"), row.line, str(row.amount_vnd), str(row.count),
                             row.locality, row.beneficiary, row.note] for row in rows]  # fmt: skip
        source = write_csv(isolated / "bang.csv", table, sep=sep, bom=bom, crlf=crlf)
    kc("import", str(source))
    got = [(e["date"], e["line"], e["amount_vnd"], e["count"], e["locality"], e["beneficiary"], e["note"])
           for e in kc.json("log", "--format", "json")]  # fmt: skip
    expected = [(row.day.isoformat(), "may-moc-thiet-bi" if row.line == "4" else "cum-cong-nghiep", row.amount_vnd,
                 row.count, row.locality, row.beneficiary, row.note) for row in rows]  # fmt: skip
    assert got == sorted(expected, key=lambda cells: cells[0])  # the log: by date, then in file order


@pytest.mark.parametrize("extra", [["1"], ["", "x"]])
def test_a_row_longer_than_its_header_is_never_shifted(kc: Kc, isolated: Path, extra: list[str]) -> None:
    """The counterpart of the property above: a cell too many is refused, not moved into the next column."""
    table = [HEADER, ["25/06/2024", "4", "12", "5", "Sa Pa", "HTX Q", "ghi chú", *extra]]
    kc("import", str(write_csv(isolated / "lech.csv", table)), code=1)
    assert kc.json("log", "--format", "json") == []
