"""Forms for the units (`kc template`): workbooks a unit fills in Excel or LibreOffice and `kc import` reads back
as they are.

A form's data sheet is protected (no password) except the cells to fill; its drop-down lists (the plan's lines,
localities and funding sources) sit in hidden columns of the same sheet, so that they travel with a copy of
the sheet; every cell to fill has a validation whose Vietnamese message says what it takes. Row 1, hidden,
holds the marker `importer.read_form` knows the form by (plan, kind, date, id). A prefilled row keeps a copy
of its locked cells, as JSON, in the hidden column after the last, so that an edited one is seen on import
however the rows were sorted. Amounts are in triệu đồng as typed (no formulas, no scaled formats): what the
unit sees is what the cell holds.
"""

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kc_tracker.export import Book
from kc_tracker.i18n import format_date, t
from kc_tracker.importer import (
    LOCKED_COPY,
    PAYMENT_KINDS,
    PROGRESS_COLUMNS,
    PROGRESS_LOCKED,
    UNIT_CELL,
    Form,
    form_marker,
)
from kc_tracker.ledger import LONG_TEXT_MAX, SHORT_TEXT_MAX, SOURCES
from kc_tracker.money import MILLION
from kc_tracker.plan import Plan
from kc_tracker.tally import ProjectState

FREE_ROWS = 50  # rows below the prefilled ones, for records outside any đề án
PROJECT_ROWS = 100  # rows of a danh mục form
HEADER_ROW = 4  # 0-based: the marker, the title, the plan and date, the unit, then the headers
FIRST_ROW = HEADER_ROW + 1
PROGRESS_WIDTHS = (5, 12, 26, 20, 20, 13, 11, 11, 12, 12, 11.5, 11.5, 10, 15, 22)
# A danh mục: the columns the đề án import reads, under the headers it knows (col.*).
PROJECT_COLUMNS = (
    ("row_number", 5), ("project", 12), ("name", 28), ("line", 22), ("beneficiary", 22), ("locality", 14),
    ("support", 12), ("counterpart", 12), ("count", 9), ("source", 15), ("decision", 16), ("date", 11.5),
    ("end", 11.5), ("implementer", 20),
)  # fmt: skip
LIST_COLUMN = 17  # R: the first hidden column of drop-down lists (the one after the locked copy is left empty)


def new_form(plan: Plan, kind: str, day: date) -> Form:
    return Form(plan.id, kind, day, secrets.token_hex(4))


@dataclass
class _Lists:
    """The drop-down lists, as ranges of the sheet's hidden columns (None: nothing to choose from)."""

    line: str
    locality: str | None
    source: str
    payment: str


class _Sheet:
    """A form's data sheet: formats, lists and validations shared by both kinds."""

    def __init__(self, book: Book, plan: Plan, form: Form, name: str, widths: tuple[float, ...]) -> None:
        self.book, self.plan, self.form = book, plan, form
        self.sheet = book.sheet(name, list(widths), header_rows=(HEADER_ROW, HEADER_ROW))
        self.last = len(widths) - 1
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "top", "border": 1, "text_wrap": True}
        add = book.book.add_format
        self.fmt = {
            "locked": add(base | {"bg_color": "#F2F2F2"}),
            "locked_center": add(base | {"bg_color": "#F2F2F2", "align": "center"}),
            "fill": add(base | {"locked": False}),
            "fill_date": add(base | {"locked": False, "num_format": "dd/mm/yyyy", "align": "center"}),
            "fill_number": add(base | {"locked": False, "num_format": "General"}),
            "fill_center": add(base | {"locked": False, "align": "center"}),
            "unit_input": add(base | {"locked": False, "bold": True}),
        }
        self.sheet.set_row(0, None, None, {"hidden": True})
        self.sheet.write_string(0, 0, form_marker(form))

    def money_format(self, vnd: int) -> Any:
        """Triệu đồng with as many decimals as the amount needs (150; 12,5; 0,000001)."""
        rest = f"{vnd % MILLION:06d}".rstrip("0")
        code = "#,##0" + ("." + "0" * len(rest) if rest else "")
        return self.book.book.add_format({"font_name": "Times New Roman", "font_size": 11, "valign": "top",
                                          "border": 1, "bg_color": "#F2F2F2", "num_format": code})  # fmt: skip

    def titles(self, title: str, unit: str | None) -> None:
        fmt, sheet, last = self.book.fmt, self.sheet, self.last
        sheet.merge_range(1, 0, 1, last, title, fmt["title"])
        sheet.set_row(1, 24)
        sheet.merge_range(2, 0, 2, last, t("template.subtitle", plan=self.plan.plan.title, date=self.form.day),
                          fmt["subtitle"])  # fmt: skip
        sheet.merge_range(3, 0, 3, 1, t("form.h.unit_label"), fmt["bold_text"])
        row, column = UNIT_CELL
        sheet.merge_range(row - 1, column - 1, row - 1, column + 1, unit or "", self.fmt["unit_input"])
        sheet.merge_range(3, 5, 3, last, t("template.unit_line"), fmt["unit"])

    def headers(self, texts: list[str]) -> None:
        for column, text in enumerate(texts):
            self.sheet.write_string(HEADER_ROW, column, text, self.book.fmt["header"])
        self.sheet.set_row(HEADER_ROW, 48)

    def lists(self, first: int) -> _Lists:
        """The drop-down lists in hidden columns from R, rows from `first` down."""
        plan, sheet = self.plan, self.sheet
        columns = [
            [plan.line_choice(line) for line in plan.lines],
            list(plan.plan.localities),
            [_capitalized(t(f"source.{code}")) for code in SOURCES],
            [t(f"form.payment.{kind}") for kind in PAYMENT_KINDS],
        ]
        ranges: list[str | None] = []
        for offset, values in enumerate(columns):
            column = LIST_COLUMN + offset
            sheet.set_column(column, column, 30, None, {"hidden": True})
            for row, value in enumerate(values, start=first):
                sheet.write_string(row, column, value)
            ranges.append(_absolute(first, column, first + len(values) - 1) if values else None)
        line, locality, source, payment = ranges
        assert line is not None and source is not None and payment is not None
        return _Lists(line, locality, source, payment)

    def validate(self, first: int, last: int, column: int, kind: str, source: str | None = None,
                 latest: date | None = None) -> None:  # fmt: skip
        """A column's cells take only what the import reads; the messages say why a value is refused."""
        plan = self.plan
        if kind == "date":
            start, end = plan.plan.start, min(latest or plan.plan.end, plan.plan.end)
            rule: dict[str, Any] = {"validate": "date", "criteria": "between", "minimum": _day(start),
                                    "maximum": _day(end)}  # fmt: skip
            words = {"start": format_date(start), "end": format_date(end)}
        elif kind == "end":
            rule, words = (
                {"validate": "date", "criteria": ">=", "value": _day(plan.plan.start)},
                {"start": format_date(plan.plan.start)},
            )
        elif kind == "money":
            most = plan.total_budget_vnd / MILLION
            rule = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": most}
            words = {"max": f"{most:,.0f}".replace(",", ".")}
        elif kind == "count":
            rule, words = {"validate": "integer", "criteria": ">=", "value": 0}, {}
        elif kind == "list":
            assert source is not None
            rule, words = {"validate": "list", "source": "=" + source}, {}
        else:
            most = SHORT_TEXT_MAX if kind == "short" else LONG_TEXT_MAX
            rule = {"validate": "length", "criteria": "<=", "value": most, "ignore_blank": True}
            self.sheet.data_validation(
                first,
                column,
                last,
                column,
                rule | {"error_title": t("template.in.text")[:32], "error_message": t("template.err.text", max=most)},
            )
            return
        self.sheet.data_validation(first, column, last, column, rule | {
            "input_title": t(f"template.in.{kind}")[:32],
            "input_message": t(f"template.in.{kind}_text", **words)[:255],
            "error_title": t(f"template.in.{kind}")[:32],
            "error_message": t(f"template.err.{kind}", **words)[:255],
        })  # fmt: skip

    def finish(self, rows: int) -> None:
        """Protected but for the cells to fill (no password: nothing is lost if it is forgotten); the rows
        print on A4 landscape, one page wide, headers repeated; the hidden columns stay out of the print."""
        self.sheet.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": True})
        self.sheet.print_area(1, 0, FIRST_ROW + rows - 1, self.last)
        self.sheet.freeze_panes(FIRST_ROW, 3)
        self.sheet.activate()


def _capitalized(text: str) -> str:
    """A choice of a list, as a cell starts: "Khuyến công quốc gia" (the sentence's word is lower case)."""
    return text[:1].upper() + text[1:]


def _absolute(first: int, column: int, last: int) -> str:
    from xlsxwriter.utility import xl_range_abs

    return str(xl_range_abs(first, column, last, column))


def _day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _guide(book: Book, text: str) -> None:
    """The "Hướng dẫn" sheet: what to fill, in what unit, by when, and to whom."""
    sheet = book.sheet(t("template.sheet_guide"), [110])
    sheet.write_string(0, 0, t("template.guide_title"), book.fmt["title"])
    sheet.set_row(0, 24)
    for row, paragraph in enumerate(text.split("\n"), start=2):
        sheet.set_row(row, 15 * (1 + len(paragraph) // 120))
        sheet.write_string(row, 0, paragraph, book.fmt["wrap"])


def _agency(plan: Plan) -> str:
    return plan.report.agency if plan.report is not None else t("template.agency_unknown")


def write_progress(path: Path, plan: Plan, form: Form, states: list[ProjectState], unit: str | None,
                   made: date, deadline: date) -> int:  # fmt: skip
    """The monthly progress report: a row per open đề án (code, name, line, beneficiary, locality, support and
    paid before the period locked), then FREE_ROWS free rows. Returns the number of rows written."""
    book = Book(path, constant_memory=False)
    heads = {key: t(f"form.h.{key}") for key in PROGRESS_COLUMNS}
    guide = t("template.guide_progress", plan=plan.plan.title, made=made, deadline=deadline, agency=_agency(plan),
              sheet=t("template.sheet_progress"), first=heads["project"], last=heads["paid"], amount=heads["amount"],
              payment=heads["payment"], advance=t("form.payment.advance"), pay=t("form.payment.payment"),
              date=heads["date"], accepted=heads["accepted"], count=heads["count"])  # fmt: skip
    _guide(book, guide)
    data = _Sheet(book, plan, form, t("template.sheet_progress"), PROGRESS_WIDTHS)
    data.titles(t("template.title_progress"), unit)
    data.headers(list(heads.values()))
    sheet, fmt = data.sheet, data.fmt
    sheet.set_column(LOCKED_COPY, LOCKED_COPY, 20, None, {"hidden": True})
    lists = data.lists(FIRST_ROW)
    locked = set(PROGRESS_LOCKED) | {"row_number"}
    row = FIRST_ROW
    for number, state in enumerate(states, start=1):
        cells: dict[str, Any] = {
            "row_number": number, "project": state.code, "name": state.name,
            "line": plan.line_choice(plan.find_line(state.line)), "beneficiary": state.beneficiary,
            "locality": state.locality or "", "support": _trieu(state.support_vnd), "paid": _trieu(state.paid_vnd),
        }  # fmt: skip
        for column, key in enumerate(PROGRESS_COLUMNS):
            value = cells.get(key)
            if key in ("support", "paid"):
                vnd = state.support_vnd if key == "support" else state.paid_vnd
                sheet.write_number(row, column, value, data.money_format(vnd))
            elif key == "row_number":
                sheet.write_number(row, column, number, fmt["locked_center"])
            elif key in locked:
                _text(sheet, row, column, value, fmt["locked"])
            else:
                _fill(sheet, row, column, key, fmt)
        copy = {key: cells[key] for key in PROGRESS_LOCKED}
        sheet.write_string(row, LOCKED_COPY, json.dumps(copy, ensure_ascii=False))
        row += 1
    prefilled_end = row
    for number in range(len(states) + 1, len(states) + FREE_ROWS + 1):
        for column, key in enumerate(PROGRESS_COLUMNS):
            if key == "row_number":
                sheet.write_number(row, column, number, fmt["locked_center"])
            elif key in ("name", "support", "paid"):
                sheet.write_blank(row, column, None, fmt["locked"])
            else:
                _fill(sheet, row, column, key, fmt)
        row += 1
    last = row - 1
    at = PROGRESS_COLUMNS.index
    data.validate(FIRST_ROW, last, at("amount"), "money")
    data.validate(FIRST_ROW, last, at("payment"), "list", lists.payment)
    data.validate(FIRST_ROW, last, at("date"), "date", latest=form.day)
    data.validate(FIRST_ROW, last, at("accepted"), "date", latest=form.day)
    data.validate(FIRST_ROW, last, at("count"), "count")
    data.validate(FIRST_ROW, last, at("source"), "list", lists.source)
    data.validate(FIRST_ROW, last, at("note"), "long")
    if prefilled_end <= last:  # the free rows: a line, a place, a beneficiary, or a đề án's code
        data.validate(prefilled_end, last, at("line"), "list", lists.line)
        if lists.locality:
            data.validate(prefilled_end, last, at("locality"), "list", lists.locality)
        data.validate(prefilled_end, last, at("beneficiary"), "short")
        data.validate(prefilled_end, last, at("project"), "short")
    data.finish(row - FIRST_ROW)
    book.close()
    return row - FIRST_ROW


def write_projects(path: Path, plan: Plan, form: Form, made: date) -> int:
    """The danh mục đề án: PROJECT_ROWS empty rows under the headers the đề án import reads."""
    book = Book(path, constant_memory=False)
    heads = {key: t(f"col.{key}") for key, _ in PROJECT_COLUMNS}
    guide = t("template.guide_projects", plan=plan.plan.title, made=made, agency=_agency(plan),
              sheet=t("template.sheet_projects"), **heads)  # fmt: skip
    _guide(book, guide)
    data = _Sheet(book, plan, form, t("template.sheet_projects"), tuple(width for _, width in PROJECT_COLUMNS))
    data.titles(t("template.title_projects"), None)
    data.headers(list(heads.values()))
    lists = data.lists(FIRST_ROW)
    sheet, fmt = data.sheet, data.fmt
    keys = [key for key, _ in PROJECT_COLUMNS]
    for row in range(FIRST_ROW, FIRST_ROW + PROJECT_ROWS):
        for column, key in enumerate(keys):
            if key == "row_number":
                sheet.write_number(row, column, row - FIRST_ROW + 1, fmt["locked_center"])
            else:
                _fill(sheet, row, column, key, fmt)
    last = FIRST_ROW + PROJECT_ROWS - 1
    for key, kind, source in (
        ("line", "list", lists.line), ("locality", "list", lists.locality), ("source", "list", lists.source),
        ("support", "money", None), ("counterpart", "money", None), ("count", "count", None),
        ("date", "date", None), ("end", "end", None), ("name", "long", None), ("decision", "long", None),
        ("beneficiary", "short", None), ("implementer", "short", None), ("project", "short", None),
    ):  # fmt: skip
        if kind != "list" or source is not None:
            data.validate(FIRST_ROW, last, keys.index(key), kind, source, latest=form.day)
    data.finish(PROJECT_ROWS)
    book.close()
    return PROJECT_ROWS


def _trieu(vnd: int) -> int | float:
    """Đồng as triệu, exactly as a spreadsheet keeps it (an integer where it is whole)."""
    return vnd // MILLION if vnd % MILLION == 0 else vnd / MILLION


def _text(sheet: Any, row: int, column: int, value: Any, cell_format: Any) -> None:
    if value:
        sheet.write_string(row, column, str(value), cell_format)
    else:
        sheet.write_blank(row, column, None, cell_format)


def _fill(sheet: Any, row: int, column: int, key: str, fmt: dict[str, Any]) -> None:
    """An empty cell to fill, formatted for what it takes."""
    if key in ("date", "accepted", "end"):
        cell_format = fmt["fill_date"]
    elif key in ("amount", "support", "counterpart", "count"):
        cell_format = fmt["fill_number"]
    elif key == "payment":
        cell_format = fmt["fill_center"]
    else:
        cell_format = fmt["fill"]
    sheet.write_blank(row, column, None, cell_format)
