"""Status and entries as files to send upward: JSON, CSV, Markdown and XLSX.

JSON and CSV are for machines: money as integers of đồng, ISO dates, the keys documented in README (a CSV
file is written so that Excel set to Vietnamese opens it in columns too: see `csv_lines`).
Markdown and XLSX are for people: the headers of a báo cáo in the active language, dates as 25/06/2024,
money in triệu đồng. XLSX cells hold exact integers of đồng, shown in triệu by their number format, so a
sum in Excel is exact to the đồng. Text a user wrote that starts like a formula (= + - @ tab CR) never
becomes one: CSV prefixes it with an apostrophe, XLSX stores it as text.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kc_tracker import wording
from kc_tracker.i18n import format_date, format_time, lang, t
from kc_tracker.ledger import SOURCES
from kc_tracker.money import format_count, format_int, format_trieu
from kc_tracker.report import (
    LineStatus,
    LogRow,
    Status,
    group_rows,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- CSV ----------------------------------------------------------------------------------------


def _safe(value: Any) -> Any:
    """Text that would start a formula gets an apostrophe before it; so does text that already starts with
    apostrophes before such a character (`'-5 hộ`), so that reading back takes away exactly what was added."""
    if isinstance(value, str) and value.lstrip("'")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def _comma_decimals(value: Any) -> Any:
    return str(value).replace(".", ",") if isinstance(value, float) else value


def csv_lines(
    rows: Iterable[dict[str, Any]], keys: list[str], extra: dict[str, Any] | None = None, for_people: bool = False
) -> Iterator[str]:
    """CSV with the JSON keys as columns, a row at a time; `extra` adds constant columns (the ledger tip).

    `for_people`: a file that someone opens by double-clicking it. It starts with a BOM, so that Excel reads
    it as UTF-8; under vi its cells are separated by `;` and its fractions written 0,5, as Excel set to
    Vietnamese reads them (a comma-separated file opens there in one column). CSV to stdout is for scripts:
    `,` and 0.5 whatever the language. `kc import` reads either.
    """
    vietnamese = for_people and lang() == "vi"
    out = io.StringIO()
    if for_people:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if vietnamese else ",", lineterminator="\r\n")
    columns = keys + list(extra or {})
    writer.writerow(columns)
    for row in rows:
        full = row | (extra or {})
        cells = ["" if full[key] is None else _safe(full[key]) for key in columns]
        writer.writerow([_comma_decimals(cell) for cell in cells] if vietnamese else cells)
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def to_csv(
    rows: Iterable[dict[str, Any]], keys: list[str], extra: dict[str, Any] | None = None, for_people: bool = False
) -> str:
    return "".join(csv_lines(rows, keys, extra, for_people))


# --- Markdown -----------------------------------------------------------------------------------


def meta_lines(info: dict[str, Any]) -> list[str]:
    shown = dict(info)
    shown["generated_at"] = format_time(datetime.fromisoformat(info["generated_at"]))
    shown["as_of"] = format_date(date.fromisoformat(info["as_of"]))
    if info.get("from"):
        shown["from"] = format_date(date.fromisoformat(info["from"]))
    return [f"- {t('meta.' + key)}: `{value}`" for key, value in shown.items() if value is not None]


def status_markdown(status: Status, info: dict[str, Any]) -> str:
    columns = wording.figures(status)
    headers = [t("col.number"), t("col.line"), *(f.header for f in columns)]
    rows = [[str(line.number or "?"), line.name, *(f.cell(line) for f in columns)] for line in status.every_line]
    totals = wording.total_cells(status, columns)

    def total(f: wording.Figure) -> str:  # money in bold; a total rate stays plain
        cell = totals.get(f.key, "")
        return f"**{cell}**" if cell and f.kind == "money" else cell

    rows.append(["", f"**{t('status.total')}**", *map(total, columns)])
    right = {0} | {number for number, f in enumerate(columns, start=2) if f.right}
    out = [f"# {wording.md_cell(status.plan.title)}", "", wording.heading(status), "", *meta_lines(info), ""]
    out += [t("status.money_unit"), ""]
    out += wording.md_table(headers, rows, right=right)
    out += ["", *(f"- {wording.md_cell(note)}" for note in wording.notes(status))]
    if status.adjustments:
        out += ["", f"**{t('status.adjustments')}**", ""]
        names = {line.id: f"{line.number}" for line in status.lines}
        out += [
            "- "
            + t(
                "status.adjustment",
                date=a.date,
                amount=format_trieu(a.amount_vnd),
                source=names.get(a.from_line, a.from_line),
                target=names.get(a.to_line, a.to_line),
                decision=wording.md_cell(a.decision),
            )
            for a in status.adjustments
        ]
    if status.by:
        labels = {line.id: line.label for line in status.lines}
        out += ["", f"**{t('status.by', by=t('by.' + status.by))}**", ""]
        out += wording.md_table(
            [wording.group_heading(status.by), t("col.line"), t("col.spent_vnd"), t("col.done_count")],
            [
                [
                    wording.group_label(status.by, row["key"]),
                    labels.get(row["line"], row["line"]),
                    format_trieu(row["spent_vnd"]),
                    format_int(row["done_count"]),
                ]
                for row in group_rows(status)
            ],
            right={2, 3},
        )
    return "\n".join(out) + "\n"


def entries_markdown(rows: Iterable[LogRow], info: dict[str, Any], title: str) -> str:
    keys = ["date", "line_short", "amount_short", "count_short", "locality", "beneficiary", "note", "id"]
    body = []
    for row in rows:
        record = row.record
        note = wording.log_note(row)
        body.append(
            [
                format_date(record.date),
                str(row.line_number or "?"),
                format_trieu(record.amount_vnd),
                format_count(record.count),
                record.locality or "",
                record.beneficiary or "",
                note,
                record.id,
            ]
        )
    out = [f"# {wording.md_cell(title)}", "", *meta_lines(info), "", t("log.legend"), ""]
    return "\n".join(out + wording.md_table([t(f"col.{key}") for key in keys], body, right={1, 2, 3})) + "\n"


# --- XLSX ---------------------------------------------------------------------------------------

MONEY_FORMATS = {0: "#,##0,,", **{n: "#,##0." + "0" * n + ",," for n in range(1, 7)}}


def _decimals(vnd: int) -> int:
    """How many decimals a sum of đồng needs in triệu: 14.750 none, 1.250,5 one, 0,000001 six."""
    rest = abs(vnd) % 1_000_000
    if not rest:
        return 0
    return len(f"{rest:06d}".rstrip("0"))


class Book:
    """An XLSX workbook as an officer forwards it: A4 landscape, fit to one page wide, header rows repeated,
    Times New Roman, money shown in triệu đồng."""

    def __init__(self, path: Path, constant_memory: bool = True) -> None:
        import xlsxwriter

        # Constant-memory mode: each row goes to disk once the next one starts, so an export of any size
        # holds one row. Every sheet is therefore written top to bottom, left to right. (A form, small, has
        # its drop-down lists written beside its rows, so it is written in the ordinary mode.)
        options = {"constant_memory": constant_memory, "strings_to_formulas": False, "strings_to_urls": False}
        self.book = xlsxwriter.Workbook(str(path), options)
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "top"}
        self.fmt: dict[str, Any] = {}

        def add(name: str, **extra: Any) -> None:
            self.fmt[name] = self.book.add_format(base | extra)

        add("title", bold=True, font_size=14, align="center", valign="vcenter")
        add("subtitle", italic=True, align="center")
        add("unit", italic=True, align="right")
        add("header", bold=True, align="center", valign="vcenter", text_wrap=True, border=1, bg_color="#E8EEF7")
        add("text", text_wrap=True, border=1)
        add("wrap", text_wrap=True)
        add("center", align="center", border=1)
        add("int", num_format="#,##0", border=1)
        add("pct", num_format="0.0%", border=1)
        add("date", num_format="dd/mm/yyyy", align="center", border=1)
        add("plain")
        add("bold_text", bold=True, text_wrap=True, border=1)
        add("note", text_wrap=True)
        for decimals, code in MONEY_FORMATS.items():
            add(f"money{decimals}", num_format=code, border=1)
            add(f"bold_money{decimals}", num_format=code, border=1, bold=True)
        add("vnd", num_format="#,##0", border=1)
        add("plain_vnd", num_format="#,##0")
        add("plain_date", num_format="dd/mm/yyyy", align="center")
        add("plain_center", align="center")

    def money(self, vnd: int, bold: bool = False) -> Any:
        return self.fmt[f"{'bold_' if bold else ''}money{_decimals(vnd)}"]

    def sheet(self, name: str, widths: list[float], header_rows: tuple[int, int] | None = None) -> Any:
        sheet = self.book.add_worksheet(name[:31])
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
        sheet.center_horizontally()
        if header_rows is not None:
            sheet.repeat_rows(*header_rows)
        for column, size in enumerate(widths):
            sheet.set_column(column, column, size)
        return sheet

    def text(self, sheet: Any, row: int, column: int, value: str | None, cell_format: Any) -> None:
        """Text a user wrote is text, never a formula or a link; no text is a blank cell in the table's format."""
        if value:
            sheet.write_string(row, column, value, cell_format)
        else:
            sheet.write_blank(row, column, None, cell_format)

    def close(self) -> None:
        """Write the file. XlsxWriter wraps what the OS said (disk full, a size limit) in its own error."""
        from xlsxwriter.exceptions import FileCreateError

        try:
            self.book.close()
        except FileCreateError as e:
            cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(0, str(e))
            raise cause from None


def write_xlsx(
    path: Path, status: Status, entries: Iterable[LogRow], info: dict[str, Any], labels: dict[str, str],
    projects: list[dict[str, Any]],
) -> None:  # fmt: skip
    """Summary first (title, as-of, unit, the báo cáo's table), a chart sheet, the entries (which import
    back), the đề án when there are any, a breakdown sheet if asked, and what the file was made from."""
    book = Book(path)
    summary = _summary_sheet(book, status, info)
    _chart_sheet(book, status, summary)
    _entries_sheet(book, status, entries)
    if projects:
        _projects_sheet(book, status, projects)
    if status.by:
        _groups_sheet(book, status, labels)
    about = book.sheet(t("xlsx.about"), [34, 80])
    for row, line in enumerate(meta_lines(info)):
        label, value = line[2:].split(": ", 1)
        book.text(about, row, 0, label, book.fmt["bold_text"])
        book.text(about, row, 1, value.strip("`"), book.fmt["text"])
    book.close()


SUMMARY_FIRST_ROW = 4  # after the title, the as-of, the unit and the header row
SUMMARY_WIDTHS: list[float] = [5, 48, 9, 9, 10, 9, 12, 12, 9, 12, 14]  # number, name, then wording.figures' columns


def _summary_sheet(book: Book, status: Status, info: dict[str, Any]) -> Any:
    """The báo cáo's table: a title, the as-of, the unit, one header row, a row per line, the totals, the
    notes. Beside the lines, in a hidden column, the chart's labels (the lines' short names)."""
    columns = wording.figures(status)
    sheet = book.sheet(t("xlsx.summary"), SUMMARY_WIDTHS, header_rows=(3, 3))
    last = len(columns) + 1
    label_column = last + 1
    sheet.set_column(label_column, label_column, None, None, {"hidden": True})
    fmt = book.fmt
    sheet.merge_range(0, 0, 0, last, status.plan.title, fmt["title"])
    sheet.set_row(0, 24)
    sheet.merge_range(1, 0, 1, last, wording.heading(status), fmt["subtitle"])
    sheet.merge_range(2, 0, 2, last, t("status.money_unit_long"), fmt["unit"])
    headers = [t("xlsx.h.number"), t("xlsx.h.line"), *(f.long_header for f in columns)]
    for column, header in enumerate(headers):
        sheet.write_string(3, column, header, fmt["header"])
    sheet.set_row(3, 45)
    row = SUMMARY_FIRST_ROW
    for line in status.every_line:
        name = line.name if line.number is not None else t("status.unplanned", id=line.id)
        sheet.set_row(row, 15 * _wrapped_lines(name, 48))
        sheet.write_number(row, 0, line.number or 0, fmt["center"]) if line.number else book.text(
            sheet, row, 0, "?", fmt["center"]
        )
        book.text(sheet, row, 1, name, fmt["text"])
        for column, f in enumerate(columns, start=2):
            _figure_cell(book, sheet, row, column, f.kind, f.value(line))
        if line.number is not None:
            sheet.write_string(row, label_column, f"{line.number}. {line.label}")
        row += 1
    totals = wording.totals(status)
    book.text(sheet, row, 0, "", fmt["text"])
    book.text(sheet, row, 1, t("status.total"), fmt["bold_text"])
    for column, f in enumerate(columns, start=2):
        if f.key in totals:
            _figure_cell(book, sheet, row, column, f.kind, totals[f.key], bold=True)
        else:
            book.text(sheet, row, column, "", fmt["text"])
    row += 2
    notes = wording.notes(status)
    notes.append(t("xlsx.source", ledger=info["ledger_file"], tip=info["ledger_tip"] or "—"))
    for note in notes:
        sheet.set_row(row, 15 * (1 + len(note) // 150))
        sheet.merge_range(row, 0, row, last, note, fmt["note"])
        row += 1
    sheet.print_area(0, 0, row, last)
    return sheet


def _figure_cell(book: Book, sheet: Any, row: int, column: int, kind: str, value: Any, bold: bool = False) -> None:
    """A status figure as a spreadsheet keeps it: money and counts as numbers, rates as percentages."""
    fmt = book.fmt
    if kind == "text":
        book.text(sheet, row, column, value, fmt["center"])
    elif value is None:
        book.text(sheet, row, column, "—", fmt["center"])
    elif kind == "money":
        sheet.write_number(row, column, value, book.money(value, bold=bold))
    elif kind == "pct":
        sheet.write_number(row, column, value / 100, fmt["pct"])
    else:
        sheet.write_number(row, column, value, fmt["int"])


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines a wrapped cell takes (spreadsheet programs do not grow a row for it on their own)."""
    import textwrap

    return max(1, len(textwrap.wrap(text, int(width * 1.15))))


def _chart_sheet(book: Book, status: Status, summary: Any) -> None:
    """Budget and disbursement per line, in triệu đồng, on a sheet of its own: one printed page. Its labels
    (the lines' short names) sit in a hidden column of the summary, beside the figures they name."""
    columns = wording.figures(status)
    label_column, first = len(columns) + 2, SUMMARY_FIRST_ROW
    last = first + len(status.lines) - 1
    name = summary.get_name()
    chart = book.book.add_chart({"type": "bar"})
    chart.show_hidden_data()
    colors = {"budget": "#9DB8DE", "spent": "#2F5597"}
    for column, f in enumerate(columns, start=2):
        if f.key in colors:
            chart.add_series(
                {
                    "name": f.header,
                    "categories": [name, first, label_column, last, label_column],
                    "values": [name, first, column, last, column],
                    "fill": {"color": colors[f.key]},
                }
            )
    font = {"name": "Times New Roman"}
    chart.set_title({"name": t("xlsx.chart"), "name_font": font | {"size": 14}})
    chart.set_x_axis(
        {
            "num_format": "#,##0,,",
            "name": t("status.money_unit_long"),
            "num_font": font,
            "name_font": font,
            "major_gridlines": {"visible": True},
        }
    )
    chart.set_y_axis({"reverse": True, "num_font": font | {"size": 10}})
    chart.set_legend({"position": "bottom", "font": font})
    sheet = book.book.add_chartsheet(t("xlsx.chart_sheet")[:31])
    sheet.set_chart(chart)
    sheet.set_landscape()
    sheet.set_paper(9)


ENTRY_SHEET_COLUMNS = [
    ("row_number", 5),
    ("date", 10.5),
    ("line_number", 7),
    ("line", 21),
    ("amount_vnd", 14),
    ("count", 7),
    ("locality", 14),
    ("beneficiary", 22),
    ("note", 26),
    ("ref", 14),
    ("source", 19),
    ("counterpart_vnd", 13),
    ("project", 14),
    ("advance", 8),
    ("id", 13),
    ("voided", 7),
    ("void_reason", 20),
]


def _entries_sheet(book: Book, status: Status, entries: Iterable[LogRow]) -> None:
    """One row per record, under headers `kc import` reads back (title rows above are skipped)."""
    widths = [width for _, width in ENTRY_SHEET_COLUMNS]
    sheet = book.sheet(t("xlsx.entries"), widths, header_rows=(2, 2))
    fmt = book.fmt
    last = len(ENTRY_SHEET_COLUMNS) - 1
    sheet.merge_range(0, 0, 0, last, t("xlsx.entries_title", title=status.plan.title), fmt["title"])
    sheet.merge_range(1, 0, 1, last, wording.heading(status), fmt["subtitle"])
    for column, (key, _) in enumerate(ENTRY_SHEET_COLUMNS):
        sheet.write_string(2, column, t("col.line_id" if key == "line" else f"col.{key}"), fmt["header"])
    sheet.set_row(2, 32)
    row = 3
    yes, no = t("word.yes"), t("word.no")
    # Rows of data are plain cells (the sheet's printed grid draws the table): only what a row holds is
    # written, so that a long export stays quick.
    sheet.hide_gridlines(0)
    wrap, center = fmt["wrap"], fmt["plain_center"]
    sources = {code: t(f"source.{code}") for code in SOURCES}
    for number, item in enumerate(entries, start=1):
        record, void = item.record, item.void
        sheet.write_number(row, 0, number, center)
        sheet.write_datetime(row, 1, datetime(record.date.year, record.date.month, record.date.day), fmt["plain_date"])
        if item.line_number is not None:
            sheet.write_number(row, 2, item.line_number, center)
        sheet.write_string(row, 3, record.line)
        sheet.write_number(row, 4, record.amount_vnd, fmt["plain_vnd"])
        if record.count is not None:
            sheet.write_number(row, 5, record.count, center)
        for column, value in ((6, record.locality), (7, record.beneficiary), (8, record.note), (9, record.ref)):
            if value:
                sheet.write_string(row, column, value, wrap)
        if record.source:
            sheet.write_string(row, 10, sources[record.source])
        if record.counterpart_vnd is not None:
            sheet.write_number(row, 11, record.counterpart_vnd, fmt["plain_vnd"])
        if record.project:
            sheet.write_string(row, 12, record.project)
            sheet.write_string(row, 13, yes if record.advance else no, center)
        sheet.write_string(row, 14, record.id)
        sheet.write_string(row, 15, yes if void else no, center)
        if void:
            sheet.write_string(row, 16, t("log.voided", date=void.date, reason=void.reason), wrap)
        row += 1
    sheet.autofilter(2, 0, max(row - 1, 2), last)


PROJECT_SHEET_COLUMNS = [  # (key of `report.project_dict`, heading, width)
    ("project", "col.project", 13),
    ("name", "col.project_name", 28),
    ("line_number", "col.line_short", 5),
    ("beneficiary", "col.beneficiary", 22),
    ("locality", "col.locality", 14),
    ("support_vnd", "xlsx.h.support", 12),
    ("counterpart_vnd", "col.counterpart_short", 11),
    ("paid_vnd", "xlsx.h.paid", 11),
    ("advanced_vnd", "xlsx.h.advanced", 11),
    ("committed_vnd", "xlsx.h.committed", 12),
    ("state", "col.project_state", 16),
    ("approved", "xlsx.h.approved", 11),
    ("end", "col.end", 11),
    ("accepted", "xlsx.h.accepted", 11),
    ("closed", "xlsx.h.closed", 11),
]


def _projects_sheet(book: Book, status: Status, projects: list[dict[str, Any]]) -> None:
    """The đề án, one row each, as `kc project list` gives them at the status's day (money in triệu đồng)."""
    widths: list[float] = [5, *(width for _, _, width in PROJECT_SHEET_COLUMNS)]
    sheet = book.sheet(t("xlsx.projects"), widths, header_rows=(3, 3))
    fmt = book.fmt
    last = len(widths) - 1
    sheet.merge_range(0, 0, 0, last, t("xlsx.projects_title", title=status.plan.title), fmt["title"])
    sheet.merge_range(1, 0, 1, last, wording.heading(status), fmt["subtitle"])
    sheet.merge_range(2, 0, 2, last, t("status.money_unit_long"), fmt["unit"])
    headers = [t("xlsx.h.number"), *(t(key) for _, key, _ in PROJECT_SHEET_COLUMNS)]
    for column, header in enumerate(headers):
        sheet.write_string(3, column, header, fmt["header"])
    sheet.set_row(3, 45)
    for row, project in enumerate(projects, start=4):
        sheet.write_number(row, 0, row - 3, fmt["center"])
        for column, (key, _, _) in enumerate(PROJECT_SHEET_COLUMNS, start=1):
            value = project[key]
            if key.endswith("_vnd"):
                sheet.write_number(row, column, value or 0, book.money(value or 0))
            elif key == "state":
                book.text(sheet, row, column, wording.project_state(project), fmt["text"])
            elif key in ("approved", "end", "accepted", "closed"):
                if value:
                    day = date.fromisoformat(value)
                    sheet.write_datetime(row, column, datetime(day.year, day.month, day.day), fmt["date"])
                else:
                    book.text(sheet, row, column, "", fmt["text"])
            elif key == "line_number":
                sheet.write_number(row, column, value or 0, fmt["center"])
            else:
                book.text(sheet, row, column, value, fmt["text"])
    sheet.autofilter(3, 0, max(3 + len(projects), 3), last)


def _groups_sheet(book: Book, status: Status, labels: dict[str, str]) -> None:
    assert status.by is not None
    sheet = book.sheet(t("xlsx.by", by=t("by." + status.by)), [24, 40, 16, 12], header_rows=(2, 2))
    fmt = book.fmt
    sheet.merge_range(0, 0, 0, 3, t("status.by", by=t("by." + status.by)), fmt["title"])
    sheet.merge_range(1, 0, 1, 3, t("status.money_unit_long"), fmt["unit"])
    headers = (wording.group_heading(status.by), t("col.line"), t("col.spent_vnd"), t("col.done_count"))
    for column, header in enumerate(headers):
        sheet.write_string(2, column, header, fmt["header"])
    for row, item in enumerate(group_rows(status), start=3):
        book.text(sheet, row, 0, wording.group_label(status.by, item["key"]), fmt["text"])
        book.text(sheet, row, 1, labels.get(item["line"], item["line"]), fmt["text"])
        sheet.write_number(row, 2, item["spent_vnd"], book.money(item["spent_vnd"]))
        sheet.write_number(row, 3, item["done_count"], fmt["int"])


def line_labels(lines: list[LineStatus]) -> dict[str, str]:
    return {line.id: f"{line.number}. {line.label}" for line in lines}
