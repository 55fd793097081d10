"""What a person reads in a terminal: the status, the plan and breakdowns as Rich tables (the only module that
imports Rich), and the log, streamed line by line.

Tables fit the terminal: a table uses the lines' full names when they fit, else their short names, else
their ids, and drops its least needed columns before anything is cut; no line is wider than the width,
no word broken. The log is laid out from widths known before the first row (the index knows the longest
text of each column), so it is printed as it is read: the first row of 100 000 comes at once.
"""

import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kc_tracker import wording
from kc_tracker.i18n import format_date, t
from kc_tracker.ledger import Adjust
from kc_tracker.money import format_decimal, format_int, format_pct, format_trieu
from kc_tracker.plan import Plan
from kc_tracker.report import LineStatus, LogRow, Status

TABLE_GAP = 3  # between two columns of a Rich table: a cell's padding on each side, and the rule between them
GAP = 2  # between two columns of the log


def width() -> int:
    """The terminal's width; COLUMNS (or 80) when output is not a terminal."""
    if sys.stdout.isatty():
        return os.get_terminal_size().columns
    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def console() -> Console:
    return Console(
        file=sys.stdout, width=width(), no_color="NO_COLOR" in os.environ or None, highlight=False, soft_wrap=False
    )


def _lines(text: str, size: int) -> list[str]:
    """Words wrapped at `size`, never broken (a word longer than the line stands alone)."""
    return textwrap.wrap(text, size, break_long_words=False, break_on_hyphens=False) or [""]


# --- status -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    cell: Callable[[LineStatus], str]
    rank: int  # dropped first when the width is short: highest rank first
    right: bool = True


def _count(value: int | None) -> str:
    return "—" if value is None else format_int(value)


def _columns(status: Status) -> list[Column]:
    """Every column a status may show; `rank` says which go first when the width is short."""
    year = status.year is not None
    return [
        Column("unit", t("col.unit_short"), lambda x: x.unit or "", 7, right=False),
        Column("target", t("col.target_short"), lambda x: _count(x.year_target_count if year else x.target_count), 4),
        Column("done", t("col.done_short"), lambda x: _count(x.done_count), 4),
        Column("done_pct", t("col.done_pct_short"), lambda x: format_pct(x.done_pct), 6),
        Column(
            "budget",
            t("col.year_budget_short" if year else "col.budget_short"),
            lambda x: format_trieu(x.year_budget_vnd or 0) if year else format_trieu(x.budget_vnd),
            1,
        ),
        Column("spent", t("col.spent_short"), lambda x: format_trieu(x.spent_vnd), 1),
        Column("spent_pct", t("col.spent_pct_short"), lambda x: format_pct(x.spent_pct), 3),
        Column(
            "remaining",
            t("col.year_remaining_short" if year else "col.remaining_short"),
            lambda x: format_trieu(x.year_remaining_vnd or 0) if year else format_trieu(x.remaining_vnd),
            1,
        ),
        Column("pace", t("col.pace"), lambda x: wording.pace(x.pace), 5, right=False),
    ]


def _natural(column: Column, rows: list[LineStatus], total: str = "") -> int:
    return max(len(column.header), len(total), *(len(column.cell(row)) for row in rows))


def _fit(status: Status, size: int) -> tuple[list[Column], Callable[[LineStatus], str]]:
    """The columns and the names that fit `size`: full names, else short names; then columns go, least
    needed first; ids only when nothing else is left to give."""
    rows = status.every_line
    totals = _total_cells(status)
    number = max(len(t("col.number")), len(str(len(rows))))
    columns = _columns(status)
    names: list[Callable[[LineStatus], str]] = [lambda x: x.name, lambda x: x.label]
    while True:
        fixed = number + sum(_natural(c, rows, totals.get(c.key, "")) for c in columns)
        fixed += TABLE_GAP * (len(columns) + 1)
        for name in names:
            need = max(len(t("col.line")), len(t("status.total")), *(len(name(x)) for x in rows))
            if fixed + need <= size:
                return columns, name
        droppable = [c.rank for c in columns if c.rank > 1]
        if not droppable:
            label_width = max(len(x.label) for x in rows)
            return columns, (lambda x: x.id) if max(len(x.id) for x in rows) < label_width else names[1]
        columns = [c for c in columns if c.rank != max(droppable)]


def _total_cells(status: Status) -> dict[str, str]:
    totals = status.totals
    cells = {
        "spent": format_trieu(totals.spent_vnd),
        "spent_pct": format_pct(totals.spent_pct),
        "remaining": format_trieu(totals.remaining_vnd),
        "budget": format_trieu(totals.budget_vnd),
    }
    if status.year is not None:
        year_budget = totals.year_budget_vnd or 0
        cells["budget"] = format_trieu(year_budget)
        cells["remaining"] = format_trieu(year_budget - totals.spent_vnd)
    return cells


def status_table(status: Status, size: int) -> Table:
    columns, name = _fit(status, size)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=False)
    table.add_column(t("col.number"), justify="right", no_wrap=True)
    table.add_column(t("col.line"), no_wrap=True)
    for column in columns:
        table.add_column(column.header, justify="right" if column.right else "left", no_wrap=True)
    for line in status.every_line:
        label = name(line) if line.number is not None else t("status.unplanned", id=line.id)
        style = "bold red" if line.pace == "behind" else ""
        cells = [Text(column.cell(line), style=style if column.key == "pace" else "") for column in columns]
        red = [
            Text(c.plain, style="red") if column.key == "remaining" and c.plain.startswith("-") else c
            for c, column in zip(cells, columns, strict=True)
        ]
        table.add_row(Text(str(line.number or "?")), Text(label), *red)
    table.add_section()
    totals = _total_cells(status)
    table.add_row(
        "",
        Text(t("status.total"), style="bold"),
        *(Text(totals.get(column.key, ""), style="bold") for column in columns),
    )
    return table


def print_status(status: Status, plan_label: str, ledger_label: str) -> None:
    out = console()
    size = out.width
    for line in _lines(status.plan.title, size):
        out.print(Text(line), justify="center")
    out.print(Text(wording.heading(status)), justify="center")
    out.print(Text(t("status.money_unit")), justify="right")
    columns, _ = _fit(status, size)
    out.print(status_table(status, size))
    for note in wording.notes(status, pace_shown=any(column.key == "pace" for column in columns)):
        for line in _lines(note, size):
            out.print(Text(line))
    extras = [x for x in status.every_line if x.counterpart_vnd or x.beneficiaries]
    if extras:
        out.print(_extras_table(extras))
    if status.by:
        out.print(_groups_table(status))
    footer = t("status.footer", plan=plan_label, ledger=ledger_label, entries=format_int(status.entries))
    for line in _lines(footer, size):
        out.print(Text(line, style="dim"))


def _extras_table(lines: list[LineStatus]) -> Table:
    table = Table(title=t("status.extras"), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("col.number"), justify="right")
    table.add_column(t("col.line"), no_wrap=True)
    for key in ("counterpart_short", "leverage", "beneficiaries", "done_count"):
        table.add_column(t(f"col.{key}"), justify="right")
    for line in lines:
        leverage = format_decimal(round(line.leverage * 100), 2) if line.leverage is not None else "—"
        table.add_row(
            str(line.number or "?"),
            line.label,
            format_trieu(line.counterpart_vnd),
            leverage,
            format_int(line.beneficiaries),
            _count(line.done_count),
        )
    return table


def _groups_table(status: Status) -> Table:
    assert status.by is not None
    table = Table(title=t("status.by", by=t("by." + status.by)), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("col.key"))
    table.add_column(t("col.line"))
    table.add_column(t("col.spent_vnd"), justify="right")
    table.add_column(t("col.done_count"), justify="right")
    labels = {line.id: line.label for line in status.lines}
    for group in status.groups:
        label = wording.group_label(status.by, group.key)
        if group.listed is False:
            label += " " + t("group.unlisted")
        table.add_row(
            Text(label, style="bold"),
            "",
            Text(format_trieu(group.spent_vnd), style="bold"),
            Text(format_int(group.done_count), style="bold"),
        )
        for line_id, (spent, done) in group.lines.items():
            if spent or done:
                table.add_row("", labels.get(line_id, line_id), format_trieu(spent), format_int(done))
    return table


# --- the plan -----------------------------------------------------------------------------------


def print_plan(plan: Plan, adjustments: list[Adjust], budgets: dict[str, int]) -> None:
    """The plan, names whole; with reallocations, the budget after them beside the one approved."""
    info = plan.plan
    table = Table(
        title=f"{info.title}\n{format_date(info.start)} → {format_date(info.end)}", caption=t("status.money_unit")
    )
    table.add_column(t("col.number"), justify="right")
    # Ids are what scripts type: never cut. Names wrap instead (this is where they are shown whole).
    table.add_column(t("col.line_id"), no_wrap=True, min_width=max(len(line.id) for line in plan.lines))
    table.add_column(t("col.line"), ratio=1)
    table.add_column(t("col.target_count"), justify="right")
    table.add_column(t("col.original_budget_vnd" if adjustments else "col.budget_vnd"), justify="right")
    if adjustments:
        table.add_column(t("col.budget_adjusted"), justify="right")
    for number, line in enumerate(plan.lines, start=1):
        target = f"{format_int(line.target)} {line.unit}" if line.target is not None else "—"
        row = [str(number), line.id, line.name, target, format_trieu(line.budget_vnd)]
        table.add_row(*row, *([format_trieu(budgets[line.id])] if adjustments else []))
    table.add_section()
    total = [format_trieu(plan.total_budget_vnd)] * (2 if adjustments else 1)
    table.add_row("", "", Text(t("status.total"), style="bold"), "", *total)
    out = console()
    out.print(table)
    for indicator in plan.indicators:
        out.print(Text(f"{indicator.id}: {indicator.name} — {format_int(indicator.target)} {indicator.unit}"))
    if plan.plan.localities:
        out.print(Text(f"{t('plan.localities')}: {', '.join(plan.plan.localities)}"))
    if adjustments:
        moves = Table(title=t("status.adjustments"), box=box.SIMPLE_HEAD)
        for key in ("date", "from_line", "to_line", "amount", "decision", "id"):
            moves.add_column(t(f"col.{key}"), justify="right" if key == "amount" else "left")
        for a in adjustments:
            moves.add_row(
                format_date(a.date),
                plan.line_label(a.from_line),
                plan.line_label(a.to_line),
                format_trieu(a.amount_vnd),
                a.decision,
                a.id,
            )
        out.print(moves)


def print_table(headers: list[str], rows: Iterable[list[str]], right: set[int], title: str | None = None) -> None:
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for number, header in enumerate(headers):
        table.add_column(header, justify="right" if number in right else "left")
    for row in rows:
        table.add_row(*row)
    console().print(table)


# --- the log ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLayout:
    """Column widths known before the first row: the figures' and ids' from the formats, the texts' from the
    longest text the ledger holds (`longest`), the note taking what is left, wrapped."""

    widths: dict[str, int]


LOG_COLUMNS = ("date", "line_number", "amount_vnd", "count", "locality", "beneficiary", "note", "id")
LOG_HEADERS = {
    "date": "col.date",
    "line_number": "col.line_short",
    "amount_vnd": "col.amount_short",
    "count": "col.count_short",
    "locality": "col.locality",
    "beneficiary": "col.beneficiary",
    "note": "col.note",
    "id": "col.id",
}


def log_layout(size: int, longest: dict[str, int]) -> LogLayout:
    widths = {
        "date": 10,
        "line_number": max(len(t("col.line_short")), 2),
        "amount_vnd": max(len(t("col.amount_short")), longest.get("amount_vnd", 5)),
        "count": max(len(t("col.count_short")), longest.get("count", 1)),
        "id": 12,
    }
    fixed = sum(widths.values()) + GAP * (len(LOG_COLUMNS) - 1)
    room = max(size - fixed, 3 * 8)
    texts = {key: max(len(t(LOG_HEADERS[key])), longest.get(key, 0)) for key in ("locality", "beneficiary")}
    note = max(len(t("col.note")), 8)
    if sum(texts.values()) + note > room:
        # The widest text column wraps; the others keep their length while they fit.
        share = room - note
        for key in sorted(texts, key=texts.__getitem__):
            texts[key] = min(texts[key], max(share // 2, 8))
            share -= texts[key]
    widths |= texts
    widths["note"] = max(room - sum(texts.values()), 8)
    return LogLayout(widths)


def log_lines(rows: Iterator[LogRow], layout: LogLayout) -> Iterator[str]:
    """The log as lines of text: a header, then each record (its long texts wrapped), as rows come."""
    widths = layout.widths
    right = {"line_number", "amount_vnd", "count"}
    headers = {key: t(LOG_HEADERS[key]) for key in LOG_COLUMNS}
    yield t("log.legend")
    yield _log_row({key: [headers[key]] for key in LOG_COLUMNS}, widths, right)[0]
    yield "─" * (sum(widths.values()) + GAP * (len(LOG_COLUMNS) - 1))
    for row in rows:
        record = row.record
        note = wording.log_note(row)
        cells = {
            "date": [format_date(record.date)],
            "line_number": [str(row.line_number or "?")],
            "amount_vnd": [format_trieu(record.amount_vnd)],
            "count": [_count(record.count)],
            "locality": _lines(record.locality or "", widths["locality"]),
            "beneficiary": _lines(record.beneficiary or "", widths["beneficiary"]),
            "note": _lines(note, widths["note"]),
            "id": [record.id],
        }
        yield from _log_row(cells, widths, right)


def _log_row(cells: dict[str, list[str]], widths: dict[str, int], right: set[str]) -> list[str]:
    height = max(len(lines) for lines in cells.values())
    out = []
    for number in range(height):
        parts = []
        for key in LOG_COLUMNS:
            lines = cells[key]
            text = lines[number] if number < len(lines) else ""
            parts.append(text.rjust(widths[key]) if key in right else text.ljust(widths[key]))
        out.append((" " * GAP).join(parts).rstrip())
    return out


# --- progress -----------------------------------------------------------------------------------


@contextmanager
def row_progress(description: str) -> Iterator[Callable[[int], None]]:
    """A progress line for long imports; silent when stdout is not a terminal (cron, pipes, tests)."""
    if not sys.stdout.isatty():
        yield lambda row: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description} {task.completed}"), TimeElapsedColumn(), transient=True
    ) as progress:
        task = progress.add_task(description, total=None)
        yield lambda row: progress.update(task, completed=row)


def show_rows(rows: Iterable[Any]) -> None:
    for row in rows:
        print(row)
