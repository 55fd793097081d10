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
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from kc_tracker import ledger
from kc_tracker.actions import SOURCES, RecordRequest, admit_new, admit_record, prepare_record
from kc_tracker.dates import parse_date
from kc_tracker.errors import InputError
from kc_tracker.export import ENTRY_KEYS, unguard
from kc_tracker.i18n import number_marks, t
from kc_tracker.ledger import LONG_TEXT_MAX, SHORT_TEXT_MAX, Import, LedgerState, Record, Written
from kc_tracker.money import MAX_VND, parse_amount
from kc_tracker.plan import Line, Plan, nfc

INPUT_COLUMNS = ["date", "line", "amount_vnd", "amount", "count", "locality", "beneficiary", "note", "ref", "source",
                 "counterpart_vnd"]  # fmt: skip
# What `kc export --format csv --entries` adds about each entry: known, not imported.
DESCRIPTIVE_COLUMNS = [key for key in ENTRY_KEYS if key not in INPUT_COLUMNS] + ["ledger_tip"]
MAX_ERRORS_SHOWN = 50
VOIDED_MARKS = ("true", "1", "x")  # a row whose `voided` cell says so does not count


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
    checked = _check_rows(plan, columns, flags, list(rows), recorded_at, ledger.new_ids(), progress)
    prepared, errors = checked.prepared, checked.errors
    result.skipped_voided = checked.skipped_voided
    if not prepared and not errors:
        raise InputError(t("import.no_rows", path=source))
    # The rules under the lock read only the flags of a request: the same for every row.
    rules = RecordRequest(line="", amount_vnd=0, **dataclasses.asdict(flags))
    file_hash = hashlib.sha256(source.read_bytes()).hexdigest()

    def build(state: LedgerState) -> list[Written]:
        result.added, result.already, result.warnings = [], 0, []
        refused: list[tuple[int, str]] = []
        state.expect([draft for _, _, draft in prepared])
        warned = admit_new(state, [(line, draft) for _, line, draft in prepared], rules)
        if warned is not None:  # every row admitted as it is
            result.added = [draft for _, _, draft in prepared]
            result.warnings = [t("import.row", row=prepared[at][0], reason=warning) for at, warning in warned]
        else:  # some row is refused, or already in the ledger, or given a fresh id: row by row
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


CHUNK_ROWS = 2_000  # rows checked together, a column at a time, when every one of them is plain


@dataclass
class _CheckedRows:
    """Rows checked against the plan (the ledger comes later, under the lock), in file order."""

    prepared: list[tuple[int, Line, Record]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped_voided: int = 0
    seen: dict[str, int] = field(default_factory=dict)  # rows with the same content so far, by digest


def _check_rows(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                recorded_at: datetime, ids: Iterator[str],
                progress: Callable[[int], None] | None) -> _CheckedRows:  # fmt: skip
    """Rows in chunks: a chunk of plain rows is checked a column at a time (`_check_plain`, twice as
    fast), any other chunk row by row (`_check_each`), which finds and words every refusal."""
    checked = _CheckedRows()
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        if not _check_plain(plan, columns, flags, chunk, recorded_at, ids, checked):
            _check_each(plan, columns, flags, chunk, recorded_at, ids, checked)
        if progress:
            progress(chunk[-1][0])
    return checked


def _check_each(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                recorded_at: datetime, ids: Iterator[str], checked: _CheckedRows) -> None:  # fmt: skip
    amount_column = "amount_vnd" if "amount_vnd" in columns else "amount"
    blank = dict.fromkeys(INPUT_COLUMNS + DESCRIPTIVE_COLUMNS, "")  # every known column, empty unless given
    contents = operator.itemgetter(*INPUT_COLUMNS)
    seen = checked.seen
    for number, row in rows:
        text = "".join(row)
        if not text.strip():  # a blank row
            continue
        cells = blank | dict(zip(columns, row, strict=False))
        if "'" in text:  # a cell that `kc export` guarded against formulas, maybe
            cells = {name: unguard(cell) for name, cell in cells.items()}
        if cells["voided"].strip().lower() in VOIDED_MARKS:
            checked.skipped_voided += 1
            continue
        try:
            if not cells["ref"].strip():
                content = "\x1f".join(map(str.strip, contents(cells)))
                cells["ref"] = _derived_ref(content, seen)
            request = _request(cells, flags, amount_column)
            line, draft = prepare_record(plan, request, next(ids), recorded_at)
            checked.prepared.append((number, line, draft))
        except InputError as e:
            checked.errors.append((number, t("import.row", row=number, reason=e)))


def _derived_ref(content: str, seen: dict[str, int]) -> str:
    """The ref of a row given none: its content's digest and its place among identical rows so far.
    (The unit separator cannot occur inside a cell, so distinct rows never share a digest.)"""
    digest = hashlib.sha256(content.encode()).hexdigest()[:16]
    seen[digest] = ordinal = seen.get(digest, 0) + 1
    return f"import:{digest}:{ordinal}"


_TEXT_COLUMNS = {"locality": SHORT_TEXT_MAX, "beneficiary": SHORT_TEXT_MAX, "note": LONG_TEXT_MAX,
                 "ref": SHORT_TEXT_MAX, "source": SHORT_TEXT_MAX}  # fmt: skip


def _check_plain(plan: Plan, columns: list[str], flags: Flags, rows: list[tuple[int, list[str]]],
                 recorded_at: datetime, ids: Iterator[str], checked: _CheckedRows) -> bool:  # fmt: skip
    """Check rows a column at a time, where each column holds what `_check_each` takes as it is: cells
    trimmed; texts printable, NFC and short enough; whole đồng; ISO dates in the plan's period;
    exact line ids; no formula guard; no rule broken. The records are then those `_check_each` makes
    (a test holds them equal). Any other chunk: False, with nothing changed, for `_check_each`."""
    rows = [(number, row) for number, row in rows if "".join(row).strip()]  # blank rows are skipped
    if any(len(row) != len(columns) or "'" in "".join(row) for _, row in rows):
        return False
    if not rows:
        return True
    given = {  # the file's columns, by name (the last of two with one name, as row by row)
        name: list(cells) for name, cells in zip(columns, zip(*(row for _, row in rows), strict=True), strict=True)
    }
    skipped = 0
    if "voided" in given:
        kept = [cell.strip().lower() not in VOIDED_MARKS for cell in given["voided"]]
        skipped = len(rows) - sum(kept)
        rows = list(itertools.compress(rows, kept))
        given = {name: list(itertools.compress(cells, kept)) for name, cells in given.items()}
        if not rows:
            checked.skipped_voided += skipped
            return True
    blank = [""] * len(rows)
    column = {name: given.get(name, blank) for name in INPUT_COLUMNS}
    if any(list(map(str.strip, texts)) != texts for texts in column.values()):
        return False
    for name, longest in _TEXT_COLUMNS.items():
        texts = column[name]
        if not ("".join(texts).isprintable() and unicodedata.is_normalized("NFC", "\n".join(texts))):
            return False  # ("\n" composes with nothing: the whole is NFC only if every text is)
        if max(map(len, texts)) > longest:
            return False
    if not set(column["source"]) <= {"", *SOURCES}:
        return False
    lines_by_id = {line.id: line for line in plan.lines}
    lines = [lines_by_id.get(key) for key in column["line"]]
    try:
        dates = list(map(_parse_date, column["date"]))
        if "amount_vnd" in given:
            numbers = _whole_numbers(column["amount_vnd"], MAX_VND)
            if numbers is None or None in numbers:
                return False
            amounts = cast(list[int], numbers)
        else:  # (a blank cell is refused by `parse_amount` too)
            parsed = {text: parse_amount(text) for text in set(column["amount"])}
            amounts = [parsed[text] for text in column["amount"]]
    except InputError:
        return False
    counts = _whole_numbers(column["count"], 10**9)
    counterparts = _whole_numbers(column["counterpart_vnd"], MAX_VND)
    if counts is None or counterparts is None:
        return False
    period = plan.plan
    if not flags.allow_outside_period and not (period.start <= min(dates) and max(dates) <= period.end):
        return False
    for line, amount, count in zip(lines, amounts, counts, strict=True):
        if line is None or (count is not None and not line.counted) or (amount == 0 and not count):
            return False
        if line.ceiling_vnd is not None and amount > line.ceiling_vnd and not flags.allow_over_ceiling:
            return False
    plan_lines = cast(list[Line], lines)  # (none is None)
    contents = zip(*(column[name] for name in INPUT_COLUMNS), strict=True)
    texts_by_row = zip(*(column[name] for name in _TEXT_COLUMNS), strict=True)
    for (number, _), line, day, amount, count, counterpart, content, texts in zip(
        rows, plan_lines, dates, amounts, counts, counterparts, contents, texts_by_row, strict=True
    ):
        locality, beneficiary, note, ref, source = texts
        draft = {"id": next(ids), "line": line.id, "date": day, "amount_vnd": amount, "count": count,
                 "locality": locality or None, "beneficiary": beneficiary or None, "note": note or None,
                 "ref": ref or _derived_ref("\x1f".join(content), checked.seen), "source": source or None,
                 "counterpart_vnd": counterpart, "recorded_at": recorded_at}  # fmt: skip
        checked.prepared.append((number, line, Record.model_validate(draft)))
    checked.skipped_voided += skipped
    return True


def _whole_numbers(texts: list[str], maximum: int) -> list[int | None] | None:
    """Cells of plain digits up to `maximum` (blank ones as None), or None if any is something else."""
    given = [text for text in texts if text]
    joined = "".join(given)
    if joined and not (joined.isascii() and joined.isdigit()):
        return None
    if given and max(map(len, given)) > len(str(maximum)):
        return None
    values = list(map(int, given))
    if values and max(values) > maximum:
        return None
    numbers = iter(values)
    return [next(numbers) if text else None for text in texts]


def _listing(source: Path, errors: list[str]) -> str:
    shown = errors[:MAX_ERRORS_SHOWN]
    more = [t("import.more", count=len(errors) - len(shown))] if len(errors) > len(shown) else []
    return "\n".join([t("import.refused", path=source, count=len(errors)), *shown, *more])
