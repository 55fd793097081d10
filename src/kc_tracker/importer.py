"""`kc import`: rows of a CSV (UTF-8, with or without BOM) or XLSX (first sheet) file into the ledger.

All or nothing: every row is checked first, against the plan and then, under the lock, against
the ledger and the rows before it; if any row is refused, nothing is written and every refused
row is listed with its spreadsheet row number (the header is row 1). The accepted rows are
written as one ledger line, so a crash leaves all of them or none.

A row without a `ref` gets one derived from its content and its position among identical rows
in the file, so re-importing a file adds nothing and two identical rows both count, once.
Every column that `kc export --format csv --entries` writes is known: rows marked voided are
skipped (they do not count), and the columns that describe a ledger entry (id, hash, …) are ignored.
"""

import csv
import dataclasses
import difflib
import functools
import hashlib
import io
import itertools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kc_tracker import ledger
from kc_tracker.actions import UNASSIGNED, RecordRequest, admit_record, prepare_record
from kc_tracker.dates import parse_date
from kc_tracker.errors import InputError
from kc_tracker.export import ENTRY_KEYS, unguard
from kc_tracker.i18n import number_marks, t
from kc_tracker.ledger import Import, LedgerState, Record, Written
from kc_tracker.money import MAX_VND, parse_amount
from kc_tracker.plan import Line, Plan, nfc

INPUT_COLUMNS = ["date", "line", "amount_vnd", "amount", "count", "locality", "beneficiary", "note", "ref", "source",
                 "counterpart_vnd"]  # fmt: skip
# What `kc export --format csv --entries` adds about each entry: known, not imported.
DESCRIPTIVE_COLUMNS = [key for key in ENTRY_KEYS if key not in INPUT_COLUMNS] + ["ledger_tip"]
MAX_ERRORS_SHOWN = 50


@dataclass
class ImportResult:
    added: list[Record] = field(default_factory=list)
    already: int = 0  # rows whose ref was already in the ledger with the same content
    skipped_voided: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Flags:
    allow_over_budget: bool = False
    allow_outside_period: bool = False
    allow_over_ceiling: bool = False
    allow_closed: bool = False


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """(header, rows as text with their spreadsheet row numbers) from a CSV or XLSX file, blank ones too."""
    try:
        if path.suffix.lower() == ".xlsx":
            return _xlsx_rows(path)
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(t("import.missing", path=path)) from None
    except UnicodeDecodeError:
        raise InputError(t("import.encoding", path=path)) from None
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=e.strerror or e)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    return header, enumerate(reader, start=2)


def _xlsx_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(t("import.not_xlsx", path=path, reason=type(e).__name__)) from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = [_cell_text(value) for value in next(rows, ())]

    def body() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(rows, start=2):
            yield number, [_cell_text(value) for value in values]
        book.close()

    return header, body()


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text an officer would type (numbers in the active convention)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)).normalize(), "f")
        return text.replace(".", number_marks()[1])
    return str(value)


def _columns(header: list[str]) -> list[str]:
    columns = [name.strip().lstrip("\ufeff").lower() for name in header]
    known = INPUT_COLUMNS + DESCRIPTIVE_COLUMNS
    for name in columns:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = t("plan.did_you_mean", name=close[0]) if close else ""
            raise InputError(t("import.unknown_column", name=name, known=", ".join(INPUT_COLUMNS)) + hint)
    missing = [name for name in ("date", "line") if name not in columns]
    if missing or not ({"amount", "amount_vnd"} & set(columns)):
        raise InputError(t("import.required", missing=", ".join([*missing, "amount | amount_vnd"])))
    if {"amount", "amount_vnd"} <= set(columns):
        raise InputError(t("import.both_amounts"))
    return columns


def _int_column(text: str, column: str, maximum: int) -> int | None:
    value = text.strip()
    if not value:
        return None
    number = int(value) if value.isascii() and value.isdigit() and len(value) <= 16 else maximum + 1
    if number > maximum:
        raise InputError(t("import.integer", column=column, text=text))
    return number


@functools.lru_cache(maxsize=4096)  # a file has few distinct dates and many rows
def _parse_date(text: str) -> date:
    return parse_date(text, "date")


def _request(cells: dict[str, str], flags: Flags, amount_column: str) -> RecordRequest:
    amount_text = cells[amount_column]
    if amount_column == "amount_vnd":
        amount = _int_column(amount_text, "amount_vnd", MAX_VND)
    else:
        amount = parse_amount(amount_text) if amount_text.strip() else None
    if amount is None:
        raise InputError(t("import.empty", column=amount_column))
    day = cells["date"].strip()
    if not day:
        raise InputError(t("import.empty", column="date"))
    return RecordRequest(
        line=cells["line"],
        amount_vnd=amount,
        count=_int_column(cells["count"], "count", 10**9),
        date=_parse_date(day),
        locality=cells["locality"].strip() or None,
        beneficiary=cells["beneficiary"].strip() or None,
        note=cells["note"].strip() or None,
        ref=cells["ref"].strip() or None,
        source=cells["source"].strip() or None,
        counterpart_vnd=_int_column(cells["counterpart_vnd"], "counterpart_vnd", MAX_VND),
        allow_over_budget=flags.allow_over_budget,
        allow_outside_period=flags.allow_outside_period,
        allow_over_ceiling=flags.allow_over_ceiling,
        allow_closed=flags.allow_closed,
    )


@ledger.gc_paused()
def import_file(
    plan: Plan,
    ledger_path: Path,
    source: Path,
    flags: Flags,
    *,
    lock_timeout: float,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    header, rows = read_rows(source)
    columns = _columns(header)
    result = ImportResult()
    recorded_at = ledger.now()
    checked = _checked_rows(plan, columns, flags, list(rows), recorded_at, progress)
    prepared, errors = checked.prepared, checked.errors
    result.skipped_voided = checked.skipped_voided
    if not prepared and not errors:
        raise InputError(t("import.no_rows", path=source))
    # The rules under the lock read only the flags of a request: the same for every row.
    rules = RecordRequest(line="", amount_vnd=0, **dataclasses.asdict(flags))
    file_hash = hashlib.sha256(source.read_bytes()).hexdigest()

    def build(state: LedgerState) -> list[Written]:
        result.added.clear()
        result.already = 0
        refused: list[tuple[int, str]] = []
        state.expect([draft for _, _, draft in prepared])
        for number, line, draft in prepared:
            try:
                outcome = admit_record(state, line, draft, rules)
            except InputError as e:
                refused.append((number, t("import.row", row=number, reason=e)))
                continue
            if outcome.noop:
                result.already += 1
            else:
                assert isinstance(outcome.entry, Record)
                result.added.append(outcome.entry)
                if outcome.warnings:
                    result.warnings += [t("import.row", row=number, reason=w) for w in outcome.warnings]
        if refused or errors:
            raise InputError(_listing(source, [text for _, text in sorted(errors + refused)]))
        if not result.added:
            return []
        return [
            Import(
                id=state.fresh_id(),
                file=nfc(source.name)[:200],
                sha256=file_hash,
                records=result.added,
                recorded_at=recorded_at,
            )
        ]

    # With rows already refused nothing will be written: check the rest without taking the lock.
    ledger.transact(ledger_path, plan.plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run or bool(errors))
    return result


# What a record sent back from the second process is made of again (with its id and time of recording).
_RECORD_FIELDS = ("line", "date", "amount_vnd", "count", "locality", "beneficiary", "note", "ref", "source",
                  "counterpart_vnd")  # fmt: skip
_record_values = operator.attrgetter(*_RECORD_FIELDS)
PARALLEL_ROWS = 50_000  # below this, starting a second process (spawned, on Windows: kc imported anew) costs more
PART_ROWS = 5_000  # rows handed to a process at a time


@dataclass
class _CheckedRows:
    """Rows checked against the plan (the ledger comes later, under the lock), in file order."""

    prepared: list[tuple[int, Line, Record]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped_voided: int = 0
    seen: dict[str, int] = field(default_factory=dict)  # rows with the same content so far, by digest
    derived: dict[int, tuple[str, int]] = field(default_factory=dict)  # by row: the digest and ordinal of its ref


def _checked_rows(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                  recorded_at: datetime, progress: Callable[[int], None] | None) -> _CheckedRows:  # fmt: skip
    """Many rows are checked in two processes, in parts: the other one takes parts from the start,
    this one from the end, until they meet (whichever CPU runs faster does more). The other sends
    each record back as plain values (a pydantic model pickles slowly), made again here, with its
    id, between this process's own parts. Each part numbers its identical rows on its own; they are
    numbered across the file when the parts are put together."""
    ids = ledger.new_ids()
    pool = ledger.other_processes(1) if len(rows) >= PARALLEL_ROWS and ledger.cpus() > 1 else None
    if pool is None:
        return _check_rows(plan, columns, flags, rows, recorded_at, ids, progress)
    parts = [rows[start : start + PART_ROWS] for start in range(0, len(rows), PART_ROWS)]
    done: dict[int, _CheckedRows] = {}
    with pool:
        elsewhere = {n: pool.submit(_check_rows_elsewhere, plan, columns, flags, part, recorded_at)
                     for n, part in enumerate(parts)}  # fmt: skip

        def add(n: int, part: _CheckedRows) -> None:
            done[n] = part
            if progress:
                progress(sum(len(parts[k]) for k in done))  # rows checked so far

        def gather(wait: bool) -> None:
            for n, future in list(elsewhere.items()):
                if wait or future.done():
                    add(n, _made_here(plan, *future.result(), ids, recorded_at))
                    del elsewhere[n]

        for n in reversed(range(len(parts))):
            gather(wait=False)
            if n not in elsewhere or not elsewhere[n].cancel():  # taken by the other process: the parts have met
                break
            del elsewhere[n]
            add(n, _check_rows(plan, columns, flags, parts[n], recorded_at, ids, None))
        gather(wait=True)
    return _joined([done[n] for n in range(len(parts))])


def _made_here(plan: Plan, values: list[tuple[Any, ...]], errors: list[tuple[int, str]], skipped_voided: int,
               seen: dict[str, int], derived: dict[int, tuple[str, int]], ids: Iterator[str],
               recorded_at: datetime) -> _CheckedRows:  # fmt: skip
    """A part checked by the other process, its records made again here."""
    checked = _CheckedRows(errors=errors, skipped_voided=skipped_voided, seen=seen, derived=derived)
    for number, *fields in values:
        draft = dict(zip(_RECORD_FIELDS, fields, strict=True), id=next(ids), recorded_at=recorded_at)
        record = Record.model_validate(draft)  # from a dict: a third faster than keywords
        checked.prepared.append((number, plan.find_line(record.line), record))
    return checked


def _joined(parts: list[_CheckedRows]) -> _CheckedRows:
    """The parts in file order, identical rows numbered across them (each part numbers its own from 1)."""
    whole = _CheckedRows()
    for part in parts:
        for number, line, record in part.prepared:
            derived = part.derived.get(number)
            if derived is not None and derived[0] in whole.seen:  # rare: the same content in an earlier part
                digest, ordinal = derived
                record = record.model_copy(update={"ref": f"import:{digest}:{whole.seen[digest] + ordinal}"})
            whole.prepared.append((number, line, record))
        whole.errors += part.errors
        whole.skipped_voided += part.skipped_voided
        for digest, count in part.seen.items():
            whole.seen[digest] = whole.seen.get(digest, 0) + count
    return whole


def _check_rows_elsewhere(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                          recorded_at: datetime) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]], int,
                                                          dict[str, int], dict[int, tuple[str, int]]]:  # fmt: skip
    checked = _check_rows(plan, columns, flags, rows, recorded_at, itertools.repeat(UNASSIGNED), None)
    values = [(number, *_record_values(r)) for number, _, r in checked.prepared]
    return values, checked.errors, checked.skipped_voided, checked.seen, checked.derived


def _check_rows(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                recorded_at: datetime, ids: Iterator[str],
                progress: Callable[[int], None] | None) -> _CheckedRows:  # fmt: skip
    amount_column = "amount_vnd" if "amount_vnd" in columns else "amount"
    blank = dict.fromkeys(INPUT_COLUMNS + DESCRIPTIVE_COLUMNS, "")  # every known column, empty unless given
    contents = operator.itemgetter(*INPUT_COLUMNS)
    checked = _CheckedRows()
    seen = checked.seen
    for number, row in rows:
        if progress:
            progress(number)
        text = "".join(row)
        if not text.strip():  # a blank row, skipped here (in both processes) rather than as rows are read
            continue
        cells = blank | dict(zip(columns, row, strict=False))
        if "'" in text:  # a cell that `kc export` guarded against formulas, maybe
            cells = {name: unguard(cell) for name, cell in cells.items()}
        if cells["voided"].strip().lower() in ("true", "1", "x"):
            checked.skipped_voided += 1
            continue
        try:
            if not cells["ref"].strip():
                # The unit separator cannot occur inside a cell, so distinct rows never share a digest.
                content = "\x1f".join(map(str.strip, contents(cells)))
                digest = hashlib.sha256(content.encode()).hexdigest()[:16]
                ordinal = seen[digest] = seen.get(digest, 0) + 1
                cells["ref"] = f"import:{digest}:{ordinal}"
                checked.derived[number] = digest, ordinal
            request = _request(cells, flags, amount_column)
            line, draft = prepare_record(plan, request, next(ids), recorded_at)
            checked.prepared.append((number, line, draft))
        except InputError as e:
            checked.errors.append((number, t("import.row", row=number, reason=e)))
    return checked


def _listing(source: Path, errors: list[str]) -> str:
    shown = errors[:MAX_ERRORS_SHOWN]
    more = [t("import.more", count=len(errors) - len(shown))] if len(errors) > len(shown) else []
    return "\n".join([t("import.refused", path=source, count=len(errors)), *shown, *more])
