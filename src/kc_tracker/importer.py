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
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

from kc_tracker.dates import parse_date
from kc_tracker.errors import InputError
from kc_tracker.i18n import os_reason, t
from kc_tracker.ledger import SHORT_TEXT_MAX, SOURCES, has_no_control, is_invisible
from kc_tracker.messages import MESSAGES
from kc_tracker.money import ENGLISH, MILLION, VIETNAMESE, format_int, format_trieu, parse_amount, parse_number
from kc_tracker.plan import Plan
from kc_tracker.rules import (
    OPTION_NAMES,
    AcceptRequest,
    ImportSource,
    ProjectRequest,
    RecordRequest,
    SkippedRow,
    is_entry_id,
)
from kc_tracker.tally import beneficiary_key
from kc_tracker.winfiles import path_too_long

INPUT_COLUMNS = (
    "id",  # an entry kc exported: known by its id, so that it is never counted twice
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
    "project",  # the đề án a record pays
    "advance",  # … as an advance
    # a danh mục đề án: the đề án approved, one a row
    "name",
    "support",
    "support_vnd",
    "decision",
    "end",
    "implementer",
)
PROJECT_COLUMNS = {"name", "support", "support_vnd", "decision", "end", "implementer"}  # a danh mục's own
# What `kc export --entries` writes about each entry beside its fields: known, not imported.
DESCRIPTIVE_COLUMNS = (
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
    "name": ("tên đề án", "project_name"),
    "support": ("kinh phí hỗ trợ", "kinh phí hỗ trợ (triệu đồng)", "kinh phí hỗ trợ được duyệt"),
    "support_vnd": ("kinh phí hỗ trợ (đồng)",),
    "decision": ("quyết định", "số quyết định", "quyết định phê duyệt"),
    "end": ("thời hạn", "thời hạn thực hiện"),
    "implementer": ("đơn vị thực hiện",),
    "advance": ("tạm ứng",),
    "counterpart": ("vốn đối ứng",),
    "project": ("mã đề án", "đề án"),
}
VOIDED_MARKS = ("true", "1", "x", "co", "yes")  # folded: "Có" is "co"
ADVANCE_MARKS = {True: (*VOIDED_MARKS, "tam ung", "advance"), False: ("", "false", "0", "khong", "no", "thanh toan",
                                                                      "payment")}  # fmt: skip
TOTALS_MARKS = ("tong cong", "tong so", "tong", "cong", "total", "totals", "sum")  # a totals row's label, folded
MIN_VND = 1_000  # an amount_vnd under this is a figure in triệu typed in the đồng column
HEADER_SEARCH_ROWS = 10  # title rows above the header


def fold(text: str) -> str:
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
        names.setdefault(fold(alias), column)
    return names


def _source_key(text: str) -> str:
    return fold(text).replace("-", " ")


def source_codes() -> dict[str, str]:
    """A funding source as a file may write it: its code (`trung-uong`, or `Trung ương` as a person writes it),
    or its name in either language."""
    codes = {_source_key(code): code for code in SOURCES}
    for code in SOURCES:
        for label in MESSAGES[f"source.{code}"]:
            codes[_source_key(label)] = code
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
    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # see Layout
    form: bool = False  # a form kc made: what lies right of its columns (its drop-down lists) is not read


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
    """What the ledger will say of a file (name, SHA-256 of its bytes, sheet): the bytes read in pieces, and
    for a workbook the sheet chosen (named by --sheet, else the only one with data)."""
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(t("import.name_encoding")) from None
    if not has_no_control(name) or any(is_invisible(char) for char in name):
        raise InputError(t("import.name_control", name=name.encode("unicode_escape").decode("ascii")))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as e:
        if path_too_long(e) is not None:
            raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
        raise InputError(t("import.missing", path=path)) from None
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    if stat.S_ISDIR(mode):
        raise InputError(t("import.folder", path=path))
    if not stat.S_ISREG(mode):  # a pipe (`<(iconv …)`) or a device: read once, and it has no name to know it by
        raise InputError(t("import.not_a_file", path=path))
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while piece := handle.read(1 << 20):
                digest.update(piece)
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    shown = unicodedata.normalize("NFC", name)[:SHORT_TEXT_MAX]
    kind = file_kind(path)
    if kind == "csv" and options.sheet is not None:
        raise InputError(t("import.sheet_csv", path=name))
    sheet, form, by_default = _chosen_sheet(path, options) if kind == "xlsx" else (None, None, True)
    return ImportSource(shown, digest.hexdigest(), by_default, sheet, form)


def file_kind(path: Path) -> str:
    """`xlsx` or `csv`, from the file's first bytes and its name. A file that is neither (an old .xls, an .ods,
    UTF-16 "Unicode Text", a workbook named .csv, a web page saved as .xls) is refused, saying what it is and
    what to save it as."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    suffix = path.suffix.lower()
    workbook = suffix in (".xlsx", ".xlsm")
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError):
            names, mimetype = set(), b""
        if "xl/workbook.xml" in names:
            if not workbook:
                raise InputError(t("import.kind_xlsx", path=path.name, suffix=suffix or "—"))
            return "xlsx"
        if b"opendocument.spreadsheet" in mimetype:
            raise InputError(t("import.kind_ods", path=path.name))
    elif head.startswith(b"\xd0\xcf\x11\xe0"):  # the compound file of Excel 97–2003
        raise InputError(t("import.kind_xls", path=path.name))
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise InputError(t("import.kind_utf16", path=path.name))
    elif head.lstrip().lower().startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        raise InputError(t("import.kind_html", path=path.name))
    if workbook or suffix in (".xls", ".ods"):
        raise InputError(t("import.not_xlsx", path=path))
    return "csv"


def read_table(path: Path, source: ImportSource, options: Options) -> Table:
    if source.sheet is not None:
        table = _xlsx_table(path, source.sheet, options)
        table.form = source.form is not None
        return table
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


def _workbook(path: Path, data_only: bool) -> Any:
    """A workbook opened read-only: its sheets stream row by row, so memory stays flat whatever their size
    (a sheet formatted down to row 60 000 holds 60 000 empty rows)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except OSError as e:
        raise InputError(t("import.unreadable", path=path, reason=os_reason(e))) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(t("import.not_xlsx", path=path)) from None


def _chosen_sheet(path: Path, options: Options) -> tuple[str, str | None, bool]:
    """The sheet --sheet names (compared as names are elsewhere: NFC, case and spaces folded), else the form kc
    made (`kc template`) whatever other sheets the unit added, else the only sheet with data; its form's
    marker, if it is one; and whether it is the sheet kc chooses when --sheet names none. Chart sheets hold no
    rows and are never chosen."""
    book = _workbook(path, data_only=True)
    try:
        names = [str(sheet.title) for sheet in book.worksheets]
        if options.sheet is None:
            return (*_default_sheet(book, names, path), True)
        if options.sheet in names:  # as typed: even beside a sheet whose name folds to it
            named = options.sheet
        else:
            wanted = beneficiary_key(options.sheet)
            found = [name for name in names if beneficiary_key(name) == wanted]
            if len(found) != 1:
                raise InputError(t("import.no_sheet", sheet=options.sheet, sheets=", ".join(names)))
            named = found[0]
        try:
            by_default = _default_sheet(book, names, path)[0] == named
        except InputError:
            by_default = False
        return named, _marker(book[named]), by_default
    finally:
        book.close()


def _default_sheet(book: Any, names: list[str], path: Path) -> tuple[str, str | None]:
    """The sheet kc reads when --sheet names none, and its form's marker."""
    forms = {name: marker for name in names if (marker := _marker(book[name])) is not None}
    if len(forms) > 1:  # the unit kept a copy of the sheet: which one is the report, only the unit knows
        raise InputError(t("import.which_sheet", path=path.name, sheets=", ".join(forms)))
    if forms:
        return next(iter(forms.items()))
    # The sheet kc can read: the one with a header kc knows (a hidden list for drop-downs, a cover or a
    # summary are not it); failing that, the only one with rows (refused then, naming its first row).
    headed = [name for name in names if _has_header(book[name]) and _rows_with_values(book[name], 2) > 1]
    filled = headed or [name for name in names if _rows_with_values(book[name], 2) > 1]  # more than a header
    if len(filled) > 1:
        raise InputError(t("import.which_sheet", path=path.name, sheets=", ".join(filled)))
    if not names:
        raise InputError(t("import.no_rows", path=path.name))
    return (filled[0] if filled else names[0]), None


def _marker(sheet: Any) -> str | None:
    """The hidden marker in A1 of a form kc made, if the sheet is one."""
    sheet.reset_dimensions()
    for row in sheet.iter_rows(max_row=1, max_col=1, values_only=True):
        text = _text(row[0] if row else None).strip()
        if text.startswith(FORM_TAG + ";"):
            return text
    return None


def _has_header(sheet: Any) -> bool:
    """Does one of the sheet's first rows name a date and a line column?"""
    sheet.reset_dimensions()
    names = column_names()
    for row in islice(sheet.iter_rows(values_only=True), HEADER_SEARCH_ROWS):
        if _names_a_header([_text(value).strip() for value in row], names):
            return True
    return False


def _rows_with_values(sheet: Any, enough: int) -> int:
    """Rows holding a value, counted up to `enough`."""
    sheet.reset_dimensions()
    found = 0
    for row in sheet.iter_rows(values_only=True):
        if any(v is not None and v != "" for v in row):
            found += 1
            if found >= enough:
                break
    return found


def _xlsx_table(path: Path, sheet_name: str, options: Options) -> Table:
    """The sheet's rows, read twice side by side: the values the spreadsheet computed and the formulas behind
    them (a formula whose value was never computed is refused; one whose computed text is empty, as
    LibreOffice writes it, is an empty cell)."""
    layout = sheet_layout(path, sheet_name)
    values, formulas = _workbook(path, data_only=True), _workbook(path, data_only=False)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            sheet, shown = values[sheet_name], formulas[sheet_name]
            sheet.reset_dimensions()  # every row and column that holds a value, whatever the file says
            shown.reset_dimensions()
            for number, (cells, written) in enumerate(zip(sheet.iter_rows(), shown.iter_rows(), strict=False), 1):
                row = []
                for column, (cell, formula) in enumerate(zip(cells, written, strict=False), start=1):
                    if formula.data_type == "f" and cell.value is None and cell.data_type != "str":
                        raise InputError(
                            t("import.formula", cell=_coordinate(number, column), formula=formula.value,
                              path=path.name)
                        )  # fmt: skip
                    row.append(cell.value)
                yield number, row
        finally:
            values.close()
            formulas.close()

    table = _with_header(path, rows())
    table.sheet, table.hidden, table.merged = sheet_name, layout.hidden, layout.merged
    return table


def _coordinate(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


@dataclass
class Layout:
    """What read-only reading does not give: hidden rows and merged cells."""

    hidden: int = 0  # hidden rows below the first
    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # (rows, columns) spans, and A1:B2


def sheet_layout(path: Path, sheet_name: str) -> Layout:
    """Hidden rows and merged ranges of one sheet, read from its XML as it streams (elements are dropped as
    they are read), so that memory stays flat."""
    import posixpath
    import zipfile
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    layout = Layout()
    try:
        with zipfile.ZipFile(path) as archive:
            from xml.etree.ElementTree import fromstring

            book = fromstring(archive.read("xl/workbook.xml"))
            rid = next(s.get(rel) for s in book.iter(f"{main}sheet") if s.get("name") == sheet_name)
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            target = next(r.get("Target", "") for r in rels if r.get("Id") == rid)
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            with archive.open(part) as xml:
                for _, element in iterparse(xml):
                    if element.tag == f"{main}row":
                        if element.get("hidden") in ("1", "true") and element.get("r") not in (None, "1"):
                            layout.hidden += 1
                        element.clear()
                    elif element.tag == f"{main}mergeCell":
                        reference = element.get("ref", "")
                        first_column, first_row, last_column, last_row = range_boundaries(reference)
                        if first_column and first_row and last_column and last_row:
                            layout.merged.append((first_row, last_row, first_column, last_column, reference))
    except (KeyError, StopIteration, ValueError, TypeError, zipfile.BadZipFile, SyntaxError):
        return layout  # a part kc cannot find: no hidden rows or merges are said, the rows are read all the same
    return layout


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
    if not titles:
        raise InputError(t("import.no_rows", path=path.name))
    raise InputError(t("import.no_header", path=path.name, first=titles[0]))


def _names_a_header(cells: list[str], names: dict[str, str]) -> bool:
    """A header is the row that names a date column and a line column (or the đề án a row pays, which says the
    line)."""
    found = {names.get(fold(cell)) for cell in cells if cell}
    return "date" in found and bool({"line", "project"} & found)


def _columns(cells: list[str], names: dict[str, str], separator: str | None) -> list[str | None]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    columns: list[str | None] = []
    seen: dict[str, str] = {}
    for cell in cells:
        if not cell:
            columns.append(None)
            continue
        column = names.get(fold(cell))
        if column is None:
            if separator == "," and ";" in cell:
                raise InputError(t("import.semicolon_header", name=cell))
            shown = {fold(alias): alias for alias, _ in reversed(list(_aliases()))}  # a header as written
            close = difflib.get_close_matches(fold(cell), list(shown), n=1, cutoff=0.6)
            hint = t("did_you_mean", name=shown[close[0]]) if close else ""
            raise InputError(t("import.unknown_column", name=cell, known=_known_columns()) + hint)
        if column in seen:
            raise InputError(t("import.same_field", first=seen[column], second=cell, field=column))
        seen[column] = cell
        columns.append(column)
    fields = set(seen)
    if fields & PROJECT_COLUMNS:  # a danh mục đề án
        needed = ["date", "line", "name", "beneficiary", "decision"]
        missing = [name for name in needed if name not in fields] + ([] if {"support", "support_vnd"} & fields
                                                                      else ["support | support_vnd"])  # fmt: skip
        if missing:
            raise InputError(t("import.required_projects", missing=", ".join(missing)))
    else:
        missing = [
            name for name in ("date", "line") if name not in fields and (name != "line" or "project" not in fields)
        ]
        if missing or not ({"amount", "amount_vnd", "count"} & fields):
            raise InputError(t("import.required", missing=", ".join([*missing, "amount | amount_vnd"])))
    for one, other in (("amount", "amount_vnd"), ("counterpart", "counterpart_vnd"), ("support", "support_vnd")):
        if {one, other} <= fields:
            raise InputError(t("import.same_field", first=seen[one], second=seen[other], field=one))
    return columns


# --- cells --------------------------------------------------------------------------------------


class EmptyCell(InputError):
    """A cell a row needs is empty: said with the file's own header, and why (a merged cell) when kc can tell."""

    def __init__(self, column: str) -> None:
        super().__init__(column)
        self.column = column


# The accounting format's zero, as Excel writes it into a CSV: a dash, perhaps with the currency sign.
_ACCOUNTING_ZERO = re.compile(r"(?:[₫đ]\s*)?[-–]\s*(?:₫|đ|đồng|vnđ|vnd)?")
_MIDNIGHT = re.compile(r"(?P<day>.+?)[ T]0?0:00(?::00(?:\.0+)?)?")
_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}")


def _text(value: Any) -> str:
    if type(value) is str:  # every CSV cell, most workbook cells
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time(0) else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def _number(value: Any, label: str) -> Decimal | None:
    """A spreadsheet's own number, exactly as it shows it (not text to parse)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InputError(t("import.number", column=label, text=value)) from None


def _money(value: Any, column: str, label: str, options: Options) -> int | None:
    """A cell of money: `amount`, `counterpart` in triệu đồng; `…_vnd` in đồng (units may follow text)."""
    in_vnd = column.endswith("_vnd")
    number = _number(value, label)
    if number is not None:
        scaled = number * (1 if in_vnd else MILLION)
        if scaled != scaled.to_integral_value() or scaled < 0:
            raise InputError(t("import.whole_vnd", column=label, text=_text(value)))
        vnd = int(scaled)
    else:
        text = _text(value).strip()
        if not text:
            return None
        if _ACCOUNTING_ZERO.fullmatch(text.casefold()):
            return 0
        vnd = parse_amount(text, options.marks, 1 if in_vnd else MILLION)
    if in_vnd and 0 < vnd < MIN_VND and not options.allow_small:
        raise InputError(t("import.small", column=label, text=_text(value).strip()))
    return vnd


def _count(value: Any, label: str, options: Options) -> int | None:
    """A whole number: the spreadsheet's own, or text as the file writes numbers (`1.000` in Vietnamese); the
    accounting format's dash is 0."""
    number = _number(value, label)
    if number is not None:
        if number != number.to_integral_value() or number < 0:
            raise InputError(t("import.integer", column=label, text=_text(value)))
        return int(number)
    text = _text(value).strip()
    if not text:
        return None
    if _ACCOUNTING_ZERO.fullmatch(text.casefold()):
        return 0
    try:
        whole, denominator = parse_number(text, options.marks) if text.isascii() else (0, 0)
    except InputError:
        whole, denominator = 0, 0
    if denominator != 1 or len(str(whole)) > 10:
        raise InputError(t("import.integer", column=label, text=text))
    return whole


def _day(value: Any, label: str) -> date:
    """A date cell: a spreadsheet's date, or text as `--date` reads it. A time of midnight (what Excel writes
    for a date saved as text) is no time at all; any other time is refused: a date column holds days."""
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise InputError(t("import.date_time", column=label, text=_text(value)))
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not text:
        raise EmptyCell("date")
    midnight = _MIDNIGHT.fullmatch(text)
    if midnight is not None:
        text = midnight["day"]
    elif _TIME.search(text):
        raise InputError(t("import.date_time", column=label, text=text))
    return parse_date(text, label)


def _unguard(text: str) -> str:
    """What `kc export` guarded against formulas in CSV (a leading `'`), as it was."""
    return text[1:] if text.startswith("'") and text.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def field_names(table: Table) -> dict[str, str]:
    """How a refusal names a field: by the file's own column (`cột “Ngày”`), not by an option of `kc record`."""
    return OPTION_NAMES | {column: t("import.column_named", name=header) for column, header in table.headers.items()}


Request = RecordRequest | ProjectRequest | AcceptRequest | SkippedRow | InputError


def requests(table: Table, options: Options, summary: Summary) -> Iterator[tuple[int, Request]]:
    """Each data row as the request it makes (a record, or a đề án of a danh mục), or why its cells cannot make
    one. A row kc's export marks as voided is skipped (said by its id, for the rules to look at)."""
    columns, width = table.columns, len(table.columns)
    numbers = columns.index("row_number") if table.form and "row_number" in columns else None
    labels = field_names(table)
    sources = source_codes()
    voided = "voided" in columns
    projects = bool(PROJECT_COLUMNS & set(columns))
    for number, row in table.rows:
        values = list(row)[:width] if table.form else list(row)
        if not any(_text(value).strip() for index, value in enumerate(values) if index != numbers):
            continue  # a blank row (a form's rows are numbered in advance: a number alone is a blank row)
        if len(values) > width and any(_text(value).strip() for value in values[width:]):
            yield number, InputError(t("import.too_many_cells", cells=len(values), header=width))
            continue
        if len(values) < width and table.sheet is not None:  # a workbook's cells have their columns: none shift
            values += [None] * (width - len(values))
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
        if voided and fold(_text(cells.get("voided"))) in VOIDED_MARKS:
            summary.skipped_voided += 1
            yield number, SkippedRow(_text(cells.get("id")).strip().lower() or None)
            continue
        totals = next((text for value in cells.values() if fold(text := _text(value).strip()) in TOTALS_MARKS), None)
        if totals is not None:
            yield number, InputError(t("import.totals_row", text=totals))
            continue
        merged = _merged_empty(table, number, cells, labels) if table.merged else None
        if merged is not None:
            yield number, InputError(merged)
            continue
        try:
            yield number, _project(cells, options, sources, labels) if projects else _request(cells, options, sources,
                                                                                              labels)  # fmt: skip
        except EmptyCell as e:
            yield number, InputError(_empty(table, number, e.column, labels))
        except InputError as e:
            yield number, e


def _merged_empty(table: Table, row: int, cells: dict[str | None, Any], labels: dict[str, str]) -> str | None:
    """An empty cell inside a merged range, of any column: its value is in the range's first cell only, so the
    row would lose it (a place, a beneficiary) without a word."""
    for column, value in cells.items():
        if column is not None and not _text(value).strip():
            said = _empty(table, row, column, labels)
            if said != t("import.empty", column=labels.get(column, column)):
                return said
    return None


def _empty(table: Table, row: int, column: str, labels: dict[str, str]) -> str:
    """An empty cell a row needs, named by the file's header; in a merged range, said so (only the range's first
    cell holds its value)."""
    label = labels.get(column, column)
    if column in table.columns:
        number = table.columns.index(column) + 1
        for first_row, last_row, first_column, last_column, reference in table.merged:
            if first_row <= row <= last_row and first_column <= number <= last_column:
                return t("import.empty_merged", column=label, cell=_coordinate(row, number), range=reference)
    return t("import.empty", column=label)


def _cell_readers(cells: dict[str | None, Any], labels: dict[str, str]) -> tuple[
    Callable[[str], str | None], Callable[[str], str]
]:  # fmt: skip
    """A row's cell as text (unguarded, stripped; None when empty), and a column as a refusal names it."""

    def text(column: str) -> str | None:
        return _unguard(_text(cells.get(column)).strip()) or None

    def label(column: str) -> str:
        return labels.get(column, column)

    return text, label


def _request(cells: dict[str | None, Any], options: Options, sources: dict[str, str], labels: dict[str, str]) -> (
    RecordRequest
):  # fmt: skip
    text, label = _cell_readers(cells, labels)

    line = text("line")
    if line is None and text("project") is None:
        raise EmptyCell("line")
    amount_column = "amount_vnd" if "amount_vnd" in cells else "amount"
    amount = _money(cells.get(amount_column), amount_column, label(amount_column), options)
    count = _count(cells.get("count"), label("count"), options)
    if amount is None and count is None:
        raise EmptyCell(amount_column)
    source = text("source")
    if source is not None:
        source = sources.get(_source_key(source), source)
    entry_id = _entry_id(cells.get("id"), label("id"))
    line_number = _count(cells.get("line_number"), label("line_number"), options) if "line_number" in cells else None
    counterpart_column = "counterpart_vnd" if "counterpart_vnd" in cells else "counterpart"
    return RecordRequest(
        line=line or "",
        amount_vnd=amount or 0,
        count=count,
        date=_day(cells.get("date"), label("date")),
        locality=text("locality"),
        beneficiary=text("beneficiary"),
        note=text("note"),
        ref=text("ref"),
        source=source,
        counterpart_vnd=_money(cells.get(counterpart_column), counterpart_column, label(counterpart_column), options),
        id=entry_id,
        project=text("project"),
        advance=_advance(text("advance"), label("advance")),
        line_number=line_number,
    )


def _advance(text: str | None, label: str) -> bool:
    """Is a payment an advance? A mark that says neither (✓, "ứng") is refused: guessed, it would slip past the
    advance limit."""
    folded = fold(text or "")
    for said, marks in ADVANCE_MARKS.items():
        if folded in marks:
            return said
    raise InputError(t("import.advance_value", column=label, text=text))


def _entry_id(value: Any, label: str) -> str | None:
    """An entry's id as kc exported it; a number a spreadsheet made of an id of digits only is that id again
    (when it lost nothing: more digits, or an exponent, and the id is gone)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return f"{value:012d}"
    text = _text(value).strip().lower()
    if not text:
        return None
    if text.isdigit() and len(text) < 12:
        text = text.zfill(12)
    if is_entry_id(text):
        return text
    if _MANGLED.fullmatch(text):
        raise InputError(t("import.id_mangled", column=label, text=text))
    raise InputError(t("import.bad_id", column=label, text=text))


_MANGLED = re.compile(r"[0-9.,]+e[+-]?[0-9]+|[0-9]{13,}")  # an id Excel turned into a number


def _project(cells: dict[str | None, Any], options: Options, sources: dict[str, str], labels: dict[str, str]) -> (
    ProjectRequest
):  # fmt: skip
    """A row of a danh mục đề án: a đề án approved by a decision, as `kc project add` takes it."""

    text, label = _cell_readers(cells, labels)

    line = text("line")
    if line is None:
        raise EmptyCell("line")
    support_column = "support_vnd" if "support_vnd" in cells else "support"
    support = _money(cells.get(support_column), support_column, label(support_column), options)
    if support is None:
        raise EmptyCell(support_column)
    source = text("source")
    counterpart_column = "counterpart_vnd" if "counterpart_vnd" in cells else "counterpart"
    end = cells.get("end")
    return ProjectRequest(
        code=text("project"),
        line=line,
        name=text("name"),
        beneficiary=text("beneficiary"),
        support_vnd=support,
        decision=text("decision"),
        date=_day(cells.get("date"), label("date")),
        counterpart_vnd=_money(cells.get(counterpart_column), counterpart_column, label(counterpart_column), options),
        count=_count(cells.get("count"), label("count"), options),
        locality=text("locality"),
        source=sources.get(_source_key(source), source) if source else None,
        implementer=text("implementer"),
        end=_day(end, label("end")) if _text(end).strip() else None,
    )


# --- kc's forms ---------------------------------------------------------------------------------
# A form `kc template` makes is read back by the same rules as any file, but knows more: its data sheet
# carries a hidden marker in A1 (the plan, the kind of form, its date, its own id), its columns are fixed,
# and the prefilled rows keep a copy of their locked cells in a hidden column, so that an edited cell is seen.

FORM_TAG = "kc-form"
FORM_KINDS = ("progress", "projects")
# The monthly progress report: one row per open đề án (prefilled, locked up to `paid`), then free rows.
PROGRESS_COLUMNS = ("row_number", "project", "name", "line", "beneficiary", "locality", "support", "paid",
                    "amount", "payment", "date", "accepted", "count", "source", "note")  # fmt: skip
PROGRESS_LOCKED = ("project", "name", "line", "beneficiary", "locality", "support", "paid")
LOCKED_COPY = len(PROGRESS_COLUMNS)  # the hidden column after the last: a prefilled row's locked cells, as JSON
PAYMENT_KINDS = ("advance", "payment")  # the drop-down of column `payment`: tạm ứng, thanh toán
UNIT_CELL = (4, 3)  # C4: the reporting unit's name, which the unit may write (two units may fill one form)


@dataclass(frozen=True)
class Form:
    """What a form's marker says."""

    plan: str
    kind: str
    day: date  # the form's date: nothing it reports happens after it
    id: str  # drawn when the form was made: the entries a filled form makes are known by it


def form_marker(form: Form) -> str:
    return f"{FORM_TAG};v=1;plan={form.plan};kind={form.kind};date={form.day.isoformat()};id={form.id}"


def read_form(source: ImportSource, plan_id: str) -> Form | None:
    """The form a sheet is, from its marker (None: not a form); a form made for another plan is refused."""
    if source.form is None:
        return None
    fields = dict(part.split("=", 1) for part in source.form.split(";")[1:] if "=" in part)
    try:
        form = Form(fields["plan"], fields["kind"], date.fromisoformat(fields["date"]), fields["id"])
    except (KeyError, ValueError):
        raise InputError(t("form.bad_marker", sheet=source.sheet)) from None
    if form.kind not in FORM_KINDS:
        raise InputError(t("form.bad_marker", sheet=source.sheet))
    if form.plan != plan_id:
        raise InputError(t("form.other_plan", sheet=source.sheet, plan=form.plan, current=plan_id))
    return form


def form_entry_id(form: Form, content: str, occurrence: int) -> str:
    """The id of an entry a form's row makes: the same row of the same form, whatever file it came in (saved
    again, renamed, sorted), makes the same entry, so that it counts once. 12 hex digits with a letter a
    spreadsheet cannot read as a number, as `ledger.new_id` draws them."""
    digest = hashlib.sha256(f"{form.id}\n{content}\n{occurrence}".encode()).hexdigest()
    return next(digest[i : i + 12] for i in range(len(digest) - 11) if set(digest[i : i + 12]) & set("abcdf"))


def form_field_names() -> dict[str, str]:
    """How a refusal names a field of a progress form's row: by the form's column."""
    columns = {"advance": "payment"} | {key: key for key in PROGRESS_COLUMNS}
    return OPTION_NAMES | {field: t("import.column_named", name=t(f"form.h.{key}")) for field, key in columns.items()}


def progress_requests(path: Path, source: ImportSource, form: Form, options: Options, plan: Plan) -> Iterator[
    tuple[int, "Request"]
]:  # fmt: skip
    """The entries of a filled progress form, row by row: a đề án's payment (its code in column B) and its
    acceptance, in the order of their dates; a record on a line (a free row). A row nothing was entered in
    is skipped. Refusals name the cell."""
    assert source.sheet is not None
    book = _workbook(path, data_only=True)
    try:
        sheet = book[source.sheet]
        sheet.reset_dimensions()
        every = [(number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
        header = _form_header(iter(every), PROGRESS_COLUMNS)  # a month's rows: small, read whole
        labels = form_field_names()
        unit = every[UNIT_CELL[0] - 1][1][UNIT_CELL[1] - 1] if len(every) >= UNIT_CELL[0] else None
        reading = _ProgressRow(form, options, plan, labels, _text(unit).strip())
        body = every[header:]
        for _, row in body:  # the locked copies are read before any row is checked
            reading.keep_locked(row)
        for number, row in body:
            try:
                yield from ((number, request) for request in reading.requests(number, row))
            except EmptyCell as e:
                yield number, InputError(t("import.empty", column=labels.get(e.column, e.column)))
            except InputError as e:
                yield number, e
    finally:
        book.close()


def _form_header(rows: Iterator[tuple[int, list[Any]]], columns: tuple[str, ...]) -> int:
    """The row of the form's headers, each in its column (in either language); a column inserted or moved is
    refused, naming the cell: the form's columns are read by their place."""
    headings = {key: {fold(text) for text in MESSAGES[f"form.h.{key}"]} for key in columns}
    for number, row in islice(rows, HEADER_SEARCH_ROWS):
        cells = [fold(_text(value)) for value in row[: len(columns)]]
        if cells and cells[1:2] and cells[1] in headings[columns[1]]:
            for index, key in enumerate(columns):
                found = cells[index] if index < len(cells) else ""
                if found not in headings[key]:
                    raise InputError(t("form.header_moved", cell=_coordinate(number, index + 1),
                                       found=_text(row[index]) if index < len(row) else "",
                                       expected=t(f"form.h.{key}")))  # fmt: skip
            return number
    raise InputError(t("form.no_header"))


class _ProgressRow:
    """How one row of a progress form reads: its locked cells against their copy, its entries as requests."""

    def __init__(self, form: Form, options: Options, plan: Plan, labels: dict[str, str], unit: str) -> None:
        self.form, self.options, self.plan, self.labels, self.unit = form, options, plan, labels, unit
        self.locked: dict[str, dict[str, Any]] = {}  # folded code → the prefilled row's locked cells
        self.seen: Counter[str] = Counter()
        self.sources = source_codes()
        self.advance_words = {fold(text) for text in MESSAGES["form.payment.advance"]}
        self.payment_words = {fold(text) for text in MESSAGES["form.payment.payment"]}

    def keep_locked(self, row: list[Any]) -> None:
        import json

        copy = _text(row[LOCKED_COPY] if len(row) > LOCKED_COPY else None).strip()
        if copy.startswith("{"):
            try:
                cells = json.loads(copy)
            except ValueError:
                return
            if isinstance(cells, dict) and isinstance(cells.get("project"), str):
                self.locked[fold(cells["project"])] = cells

    def requests(self, number: int, row: list[Any]) -> Iterator[RecordRequest | AcceptRequest]:
        cells: dict[str | None, Any] = dict(
            zip(PROGRESS_COLUMNS, row + [None] * (len(PROGRESS_COLUMNS) - len(row)), strict=False)
        )
        entered = [key for key in PROGRESS_COLUMNS[PROGRESS_COLUMNS.index("amount") :] if _text(cells[key]).strip()]
        code = _unguard(_text(cells["project"]).strip()) or None
        prefilled = bool(_text(cells["name"]).strip())  # a free row's name is locked empty
        if code is None and prefilled and entered:
            raise InputError(t("form.code_cleared", cell=self._cell(number, "project"), name=_text(cells["name"])))
        if code is not None and prefilled and fold(code) in self.locked:
            self._check_locked(number, cells, self.locked[fold(code)])
        if not entered:
            return
        text, label = _cell_readers(cells, self.labels)
        amount = self._amount(number, cells["amount"])
        kind = fold(text("payment") or "")
        if kind and kind not in self.advance_words | self.payment_words:
            raise InputError(t("form.payment_kind", cell=self._cell(number, "payment"), text=text("payment"),
                               choices=" / ".join(t(f"form.payment.{k}") for k in PAYMENT_KINDS)))  # fmt: skip
        count = _count(cells["count"], label("count"), self.options)
        accepted = _day(cells["accepted"], label("accepted")) if text("accepted") else None
        source = text("source")
        record: RecordRequest | None = None
        if code is None:  # a free row: a record on a line
            if accepted is not None:
                raise InputError(t("form.accepted_without_project", cell=self._cell(number, "accepted")))
            if amount is None and count is None:
                raise EmptyCell("amount")
            line = text("line")
            if line is None:
                raise EmptyCell("line")
            record = RecordRequest(line=line, amount_vnd=amount or 0, count=count, date=self._date(number, cells),
                                   locality=text("locality"), beneficiary=text("beneficiary"), note=text("note"),
                                   source=self.sources.get(_source_key(source), source) if source else None,
                                   advance=kind in self.advance_words)  # fmt: skip
        else:
            if count is not None and accepted is None:
                raise InputError(t("form.count_without_acceptance", cell=self._cell(number, "count"),
                                   accepted=self._cell(number, "accepted")))  # fmt: skip
            if amount is None and accepted is None:
                raise EmptyCell("amount")
            if amount is not None:
                record = RecordRequest(line="", amount_vnd=amount, date=self._date(number, cells), note=text("note"),
                                       source=self.sources.get(_source_key(source), source) if source else None,
                                       project=code, advance=kind in self.advance_words)  # fmt: skip
        events: list[tuple[date, int, RecordRequest | AcceptRequest]] = []
        if record is not None:
            content = repr((self.unit, record))  # two units' copies of one form are two reports
            self.seen[content] += 1
            record = replace(record, id=form_entry_id(self.form, content, self.seen[content]))
            events.append((record.date or self.form.day, 0, record))
        if accepted is not None and code is not None:
            self._check_day(number, "accepted", accepted)
            events.append((accepted, 1, AcceptRequest(code, accepted, count, text("note"))))
        for _, _, request in sorted(events, key=lambda event: event[:2]):  # an advance before the acceptance
            yield request

    def _cell(self, number: int, key: str) -> str:
        return _coordinate(number, PROGRESS_COLUMNS.index(key) + 1)

    def _amount(self, number: int, value: Any) -> int | None:
        """Money in triệu đồng, as the column says; a figure no plan could pay (more than the whole plan) is
        one typed in đồng, and one under 1.000 đồng one typed in another unit (--allow-small lets it be)."""
        amount = _money(value, "amount", self.labels["amount"], self.options)
        if amount is None:
            return None
        cell = self._cell(number, "amount")
        if amount > self.plan.total_budget_vnd:
            raise InputError(t("form.amount_in_dong", cell=cell, text=format_trieu(amount),
                               total=format_int(self.plan.total_budget_vnd // MILLION)))  # fmt: skip
        if 0 < amount < MIN_VND and not self.options.allow_small:
            raise InputError(t("form.amount_small", cell=cell, text=format_trieu(amount)))
        return amount

    def _date(self, number: int, cells: dict[str | None, Any]) -> date:
        day = _day(cells["date"], self.labels["date"])
        self._check_day(number, "date", day)
        return day

    def _check_day(self, number: int, key: str, day: date) -> None:
        """Nothing a form reports happens after the form's date (the plan's period is the rules' to check)."""
        if day > self.form.day:
            raise InputError(t("form.after_form", cell=self._cell(number, key), date=day, form=self.form.day))

    def _check_locked(self, number: int, cells: dict[str | None, Any], copy: dict[str, Any]) -> None:
        """The locked cells of a prefilled row as kc wrote them (an empty one says nothing: it holds no figure)."""
        for key in PROGRESS_LOCKED:
            value, kept = cells[key], copy.get(key)
            if not _text(value).strip() or kept is None:
                continue
            number_value = _number(value, key)
            same = (number_value == Decimal(str(kept))) if number_value is not None and isinstance(kept, int | float) \
                else _text(value).strip() == str(kept).strip()  # fmt: skip
            if not same:
                raise InputError(t("form.locked_changed", cell=self._cell(number, key), heading=t(f"form.h.{key}"),
                                   found=_text(value), kept=_text(kept), code=copy["project"]))  # fmt: skip
