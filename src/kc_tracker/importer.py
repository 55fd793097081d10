"""Files in: the rows of a CSV or XLSX file become the requests `kc record` makes, and are admitted by the
same rules (`rules.import_rows`), all or none.

Reading is strict, because a shifted cell is a wrong figure no one sees:
- CSV is UTF-8 (with or without BOM); its separator (`,`, `;` or tab) is the one that makes a header of
  one of the first rows (title rows above it may hold any mark); a row
  with more or fewer cells than the header, or a quote left open, is refused naming the row.
- XLSX: the one non-empty sheet (or `--sheet`); every row and column that holds a value is read,
  whatever the file's own dimension says; a formula with no value computed is refused, naming the cell.
- Columns are known by their English names or by the headers `kc export` writes in either language,
  with or without diacritics, in any case (title rows above the header are skipped); two columns for one
  field, or an unknown one, are refused.
- Numbers in text follow the file's convention, Vietnamese by default whatever KC_LANG says
  (`--decimal point` for files written the other way); a cell that reads two ways is refused.
- Dates are ISO or day first (25/06/2024); spreadsheet dates are dates.
"""

import csv
import difflib
import hashlib
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

from kc_tracker.dates import parse_date
from kc_tracker.errors import InputError
from kc_tracker.i18n import os_reason, t
from kc_tracker.ledger import SHORT_TEXT_MAX, SOURCES, has_no_control, is_invisible
from kc_tracker.messages import MESSAGES
from kc_tracker.money import ENGLISH, MILLION, VIETNAMESE, format_int, parse_amount
from kc_tracker.rules import OPTION_NAMES, ImportSource, RecordRequest
from kc_tracker.winfiles import path_too_long

INPUT_COLUMNS = (
    "date",
    "line",
    "amount",
    "amount_vnd",
    "count",
    "locality",
    "beneficiary",
    "note",
    "ref",
    "source",
    "counterpart",
    "counterpart_vnd",
)
# What `kc export --entries` writes about each entry beside its fields: known, not imported.
DESCRIPTIVE_COLUMNS = (
    "id",
    "line_number",
    "line_name",
    "recorded_at",
    "voided",
    "void_id",
    "void_reason",
    "void_date",
    "hash",
    "ledger_tip",
    "row_number",
)
EXTRA_ALIASES = {
    "line": ("nội dung", *MESSAGES["col.line_id"]),
    "amount": ("số tiền", "giải ngân", "kinh phí"),
    "row_number": ("stt", "no."),
}
VOIDED_MARKS = ("true", "1", "x", "co", "yes")  # folded: "Có" is "co"
MIN_VND = 1_000  # an amount_vnd under this is a figure in triệu typed in the đồng column
HEADER_SEARCH_ROWS = 10  # title rows above the header


def _fold(text: str) -> str:
    """A header or a code as compared: any case, runs of spaces as one, diacritics dropped (`Ngày`, `ngay`
    and `NGÀY` are one header; no two of kc's headers differ only in diacritics)."""
    plain = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(char for char in plain if not unicodedata.combining(char)).casefold().split())


def _aliases() -> Iterator[tuple[str, str]]:
    """(header, column): each column's own name, and its heading in both languages."""
    for column in (*INPUT_COLUMNS, *DESCRIPTIVE_COLUMNS):
        for alias in (column, *MESSAGES.get(f"col.{column}", ()), *EXTRA_ALIASES.get(column, ())):
            yield alias, column


def _known_columns() -> str:
    return ", ".join(f"“{t(f'col.{column}')}”/{column}" for column in INPUT_COLUMNS)


def column_names() -> dict[str, str]:
    """Every header a column may carry, folded → the column."""
    names: dict[str, str] = {}
    for alias, column in _aliases():
        names.setdefault(_fold(alias), column)
    return names


def source_codes() -> dict[str, str]:
    """A funding source as a file may write it: its code, or its name in either language."""
    codes = {_fold(code): code for code in SOURCES}
    for code in SOURCES:
        for label in MESSAGES[f"source.{code}"]:
            codes[_fold(label)] = code
    return codes


@dataclass
class Table:
    """The rows of a file under its header, each with its spreadsheet row number."""

    columns: list[str | None]  # the column of each cell (None: a column with no header)
    rows: Iterator[tuple[int, list[Any]]]
    headers: dict[str, str] = field(default_factory=dict)  # column → its header as the file writes it
    sheet: str | None = None
    hidden: int = 0
    title_rows: int = 0


@dataclass
class Options:
    sheet: str | None = None
    decimal: str = "comma"  # how numbers written as text read: comma (Vietnamese) or point
    allow_small: bool = False

    @property
    def marks(self) -> tuple[str, str]:
        return VIETNAMESE if self.decimal == "comma" else ENGLISH


@dataclass
class Summary:
    """What was read besides the rows: for the officer's summary."""

    sheet: str | None = None
    hidden: int = 0
    skipped_voided: int = 0
    title_rows: int = 0
    seen: set[int] = field(default_factory=set)


# --- the file -----------------------------------------------------------------------------------


def source_of(path: Path, options: Options) -> ImportSource:
    """What the ledger will say of a file (name, SHA-256 of its bytes, sheet); read in pieces."""
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(t("import.name_encoding")) from None
    if not has_no_control(name) or any(is_invisible(char) for char in name):
        raise InputError(t("import.name_control", name=name.encode("unicode_escape").decode("ascii")))
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while piece := handle.read(1 << 20):
                digest.update(piece)
    except FileNotFoundError as e:
        if path_too_long(e) is not None:
            raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
        raise InputError(t("import.missing", path=path)) from None
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    shown = unicodedata.normalize("NFC", name)[:SHORT_TEXT_MAX]
    return ImportSource(shown, digest.hexdigest(), options.sheet)


def read_table(path: Path, options: Options) -> Table:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_table(path, options)
    return _csv_table(path)


def _csv_table(path: Path) -> Table:
    """Rows read as the file is read, never the whole file at once (a province's year of rows is small,
    a million rows is not)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = [line for line in islice(handle, HEADER_SEARCH_ROWS * 2) if line.strip()]
    except UnicodeDecodeError:
        raise InputError(t("import.encoding", path=path)) from None
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    separator = _separator(first[:HEADER_SEARCH_ROWS])

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 0
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=separator, strict=True)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError:
                    raise InputError(t("import.encoding", path=path)) from None
                except csv.Error as e:
                    reason = "import.open_quote" if "end of data" in str(e) or "EOF" in str(e) else "import.csv_cell"
                    limit = format_int(csv.field_size_limit())
                    raise InputError(t(reason, path=path.name, row=number + 1, limit=limit)) from None
                number += 1
                yield number, row

    return _with_header(path, rows(), separator=separator)


def _separator(lines: list[str]) -> str:
    """The mark that makes a header of one of the first rows; else the one the first row holds most of."""
    names = column_names()
    for line in lines:
        for mark in (";", ",", "\t"):
            if _names_a_header(next(csv.reader([line], delimiter=mark), []), names):
                return mark
    first = lines[0] if lines else ""
    mark = max((";", ",", "\t"), key=lambda mark: _count_outside_quotes(first, mark))
    return mark if _count_outside_quotes(first, mark) else ","


def _count_outside_quotes(line: str, mark: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == mark and not quoted:
            count += 1
    return count


def _xlsx_table(path: Path, options: Options) -> Table:
    from openpyxl import load_workbook

    try:
        data = path.read_bytes()  # read once, opened twice: the values, and the formulas behind them
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    try:
        formulas = load_workbook(io.BytesIO(data), data_only=False)
        values = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(t("import.not_xlsx", path=path)) from None
    names = values.sheetnames
    if options.sheet is not None:
        if options.sheet not in names:
            raise InputError(t("import.no_sheet", sheet=options.sheet, sheets=", ".join(names)))
        chosen = options.sheet
    else:
        filled = [name for name in names if _rows_with_values(values[name]) > 1]  # more than a header
        if len(filled) > 1:
            raise InputError(t("import.which_sheet", path=path.name, sheets=", ".join(filled)))
        chosen = filled[0] if filled else names[0]
    sheet, shown = values[chosen], formulas[chosen]
    hidden = sum(1 for number, dim in sheet.row_dimensions.items() if dim.hidden and number > 1)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, (cells, written) in enumerate(zip(sheet.iter_rows(), shown.iter_rows(), strict=False), start=1):
            row = []
            for cell, formula in zip(cells, written, strict=False):
                if formula.data_type == "f" and cell.value is None:
                    raise InputError(
                        t("import.formula", cell=formula.coordinate, formula=formula.value, path=path.name)
                    )
                row.append(cell.value)
            yield number, row

    table = _with_header(path, rows())
    table.sheet, table.hidden = chosen, hidden
    return table


def _rows_with_values(sheet: Any) -> int:
    return sum(1 for row in sheet.iter_rows(values_only=True) if any(v is not None and v != "" for v in row))


def _with_header(path: Path, rows: Iterator[tuple[int, list[Any]]], separator: str | None = None) -> Table:
    """Find the header (the first row naming a date and a line column), skipping title rows above it.
    `separator`: a CSV's, to quote a row as the file has it (None: a workbook's, quoted ` | ` between cells)."""
    names = column_names()
    titles: list[str] = []
    for number, row in rows:
        cells = [_text(value).strip().lstrip("\ufeff") for value in row]
        if not any(cells):
            continue
        if _names_a_header(cells, names):
            columns = _columns(cells, names, separator)
            headers = {column: cell for column, cell in zip(columns, cells, strict=False) if column}
            return Table(columns, rows, headers, title_rows=len(titles))
        titles.append(separator.join(cells).rstrip(separator) if separator else " | ".join(filter(None, cells)))
        if number >= HEADER_SEARCH_ROWS:
            break
    raise InputError(t("import.no_header", path=path.name, first=titles[0] if titles else ""))


def _names_a_header(cells: list[str], names: dict[str, str]) -> bool:
    """A header is the row that names a date column and a line column."""
    return {"date", "line"} <= {names.get(_fold(cell)) for cell in cells if cell}


def _columns(cells: list[str], names: dict[str, str], separator: str | None) -> list[str | None]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    columns: list[str | None] = []
    seen: dict[str, str] = {}
    for cell in cells:
        if not cell:
            columns.append(None)
            continue
        column = names.get(_fold(cell))
        if column is None:
            if separator == "," and ";" in cell:
                raise InputError(t("import.semicolon_header", name=cell))
            shown = {_fold(alias): alias for alias, _ in reversed(list(_aliases()))}  # a header as written
            close = difflib.get_close_matches(_fold(cell), list(shown), n=1, cutoff=0.6)
            hint = t("did_you_mean", name=shown[close[0]]) if close else ""
            raise InputError(t("import.unknown_column", name=cell, known=_known_columns()) + hint)
        if column in seen:
            raise InputError(t("import.same_field", first=seen[column], second=cell, field=column))
        seen[column] = cell
        columns.append(column)
    fields = set(seen)
    missing = [name for name in ("date", "line") if name not in fields]
    if missing or not ({"amount", "amount_vnd", "count"} & fields):
        raise InputError(t("import.required", missing=", ".join([*missing, "amount | amount_vnd"])))
    for one, other in (("amount", "amount_vnd"), ("counterpart", "counterpart_vnd")):
        if {one, other} <= fields:
            raise InputError(t("import.same_field", first=seen[one], second=seen[other], field=one))
    return columns


# --- cells --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if type(value) is str:  # every CSV cell, most workbook cells
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def _number(value: Any, column: str) -> Decimal | None:
    """A spreadsheet's own number, exactly as it shows it (not text to parse)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InputError(t("import.number", column=column, text=value)) from None


def _money(value: Any, column: str, options: Options) -> int | None:
    """A cell of money: `amount`, `counterpart` in triệu đồng; `…_vnd` in đồng (units may follow text)."""
    in_vnd = column.endswith("_vnd")
    number = _number(value, column)
    if number is not None:
        scaled = number * (1 if in_vnd else MILLION)
        if scaled != scaled.to_integral_value() or scaled < 0:
            raise InputError(t("import.whole_vnd", column=column, text=_text(value)))
        vnd = int(scaled)
    else:
        text = _text(value).strip()
        if not text:
            return None
        vnd = parse_amount(text, options.marks, 1 if in_vnd else MILLION)
    if in_vnd and 0 < vnd < MIN_VND and not options.allow_small:
        raise InputError(t("import.small", column=column, text=_text(value).strip()))
    return vnd


def _count(value: Any, column: str) -> int | None:
    number = _number(value, column)
    if number is not None:
        if number != number.to_integral_value() or number < 0:
            raise InputError(t("import.integer", column=column, text=_text(value)))
        return int(number)
    text = _text(value).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        raise InputError(t("import.integer", column=column, text=text))
    return int(text)


def _day(value: Any, column: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not text:
        raise InputError(t("import.empty", column="date"))
    return parse_date(text, column)


def _unguard(text: str) -> str:
    """What `kc export` guarded against formulas in CSV (a leading `'`), as it was."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def field_names(table: Table) -> dict[str, str]:
    """How a refusal names a field: by the file's own column (`cột “Ngày”`), not by an option of `kc record`."""
    return OPTION_NAMES | {column: t("import.column_named", name=header) for column, header in table.headers.items()}


def requests(table: Table, options: Options, summary: Summary) -> Iterator[tuple[int, RecordRequest | InputError]]:
    """Each data row as the request it makes, or why its cells cannot make one."""
    columns, width = table.columns, len(table.columns)
    sources = source_codes()
    day_column = t("import.date_column")
    voided = "voided" in columns
    for number, row in table.rows:
        values = list(row)
        if not any(_text(value).strip() for value in values):
            continue  # a blank row
        if len(values) > width and any(_text(value).strip() for value in values[width:]):
            yield number, InputError(t("import.too_many_cells", cells=len(values), header=width))
            continue
        if len(values) < width:
            yield number, InputError(t("import.too_few_cells", cells=len(values), header=width))
            continue
        cells = dict(zip(columns, values, strict=False))
        cells.pop(None, None)
        stray = [
            value for column, value in zip(columns, values, strict=False) if column is None and _text(value).strip()
        ]
        if stray:
            yield number, InputError(t("import.no_column", text=_text(stray[0]).strip()))
            continue
        if voided and _fold(_text(cells.get("voided"))) in VOIDED_MARKS:
            summary.skipped_voided += 1
            continue
        try:
            yield number, _request(cells, options, sources, day_column)
        except InputError as e:
            yield number, e


def _request(cells: dict[str | None, Any], options: Options, sources: dict[str, str], day_column: str) -> RecordRequest:
    def text(column: str) -> str | None:
        value = _unguard(_text(cells.get(column)).strip())
        return value or None

    line = text("line")
    if line is None:
        raise InputError(t("import.empty", column="line"))
    amount_column = "amount_vnd" if "amount_vnd" in cells else "amount"
    amount = _money(cells.get(amount_column), amount_column, options)
    count = _count(cells.get("count"), "count")
    if amount is None and count is None:
        raise InputError(t("import.empty", column=amount_column))
    source = text("source")
    if source is not None:
        source = sources.get(_fold(source), source)
    counterpart_column = "counterpart_vnd" if "counterpart_vnd" in cells else "counterpart"
    return RecordRequest(
        line=line,
        amount_vnd=amount or 0,
        count=count,
        date=_day(cells.get("date"), day_column),
        locality=text("locality"),
        beneficiary=text("beneficiary"),
        note=text("note"),
        ref=text("ref"),
        source=source,
        counterpart_vnd=_money(cells.get(counterpart_column), counterpart_column, options),
    )
