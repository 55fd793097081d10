"""What a person reads in a terminal: the status, the log, the plan and breakdowns as text tables.

kc lays its tables out itself, for a terminal and a pipe alike: Rich's import alone costs more than a whole
`hledger balance`, so Rich draws only the progress line of a long import. A table fits the width: a status
uses the lines' full names when they fit, else their short names, and drops its least needed columns
before anything is cut; no line is wider than the width, no word is broken (but one longer than a line).
The log's widths are known before its first row (the index knows the longest text of each column), so it
is printed as it is read.
On a terminal, totals are bold and what needs attention is red, unless NO_COLOR is set (which `kc` sets
for itself on a Windows console that cannot show ANSI colours: cli.core).
"""

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from kc_tracker import wording
from kc_tracker.i18n import format_date, t
from kc_tracker.ledger import Adjust
from kc_tracker.money import format_count, format_decimal, format_int, format_trieu
from kc_tracker.plan import Plan
from kc_tracker.report import LineStatus, LogRow, Status
from kc_tracker.wording import Figure

GAP = 3  # spaces between two columns of a table


def width() -> int:
    """The terminal's width (COLUMNS, where set, says it); COLUMNS (or 80) when output is not a terminal. A
    terminal whose size cannot be asked is 80 wide: Windows says NUL (`kc status > NUL`) is a terminal."""
    if sys.stdout.isatty():
        return _room(shutil.get_terminal_size().columns)
    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def _room(columns: int) -> int:
    """The columns a table may fill. Windows' console moves to the next line once its last column is written,
    so a line exactly as wide as the console is followed by a blank line: there tables leave it free."""
    return columns - 1 if sys.platform == "win32" else columns


def _styled() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def style(text: str, *codes: str) -> str:
    """ANSI emphasis on a terminal (bold: 1, red: 31), nothing elsewhere."""
    if not codes or not text or not _styled():
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


BOLD, RED, DIM = "1", "31", "2"


def wrap(text: str, size: int) -> list[str]:
    """Words wrapped at `size`, never broken but one longer than the line itself (a long path, a link), which is
    cut at the line's end: no line is ever wider than `size`."""
    return textwrap.wrap(text, max(size, 1), break_long_words=True, break_on_hyphens=False) or [""]


def fold(text: str, size: int) -> list[str]:
    """A code (`2026-MMTB-0001/QĐ-TTKC-LC`) in lines of `size`, cut after its separators (`/`, `-`, `.`, `_`,
    a space) so that each line reads as a piece of it; a piece longer than a line is cut at the line's end."""
    lines, current = [], ""
    for piece in re.split(r"(?<=[/\-._ ])", text):
        if current and len(current) + len(piece) > size:
            lines.append(current.rstrip())
            current = ""
        while len(piece) > size:
            lines.append(piece[:size])
            piece = piece[size:]
        current += piece
    if current or not lines:
        lines.append(current.rstrip())
    return lines


KEPT_TOGETHER = ("đề án", "Đề án")  # one term: a header that wraps never puts its two words on two lines
NBSP = "\u00a0"


def _glued(header: str) -> str:
    for term in KEPT_TOGETHER:
        header = header.replace(term, term.replace(" ", NBSP))
    return header


def header_lines(header: str, size: int) -> list[str]:
    """A header wrapped to its column, "đề án" kept on one line."""
    return [line.replace(NBSP, " ") for line in wrap(_glued(header), size)]


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False
    wrap: bool = False  # the one column whose text wraps; the others keep their width
    fold: bool = False  # a code, cut after its separators (`fold`) where the column is narrower than it


class Table:
    """Rows of cells under a header and a rule, then a rule and the totals: laid out at fixed widths."""

    def __init__(self, columns: list[Column], widths: list[int], gap: int = GAP) -> None:
        self.columns, self.widths, self.gap = columns, widths, gap

    def line(self, cells: list[str], emphasis: Iterable[tuple[str, ...]] = ()) -> list[str]:
        parts = [wrap(cell, size) if column.wrap else fold(cell, size) if column.fold else [cell]
                 for cell, size, column in zip(cells, self.widths, self.columns, strict=True)]  # fmt: skip
        return self._lines(parts, list(emphasis) or [()] * len(cells))

    def head(self) -> list[str]:
        """The headers (wrapped to their columns' widths where they are longer), bold, then a rule."""
        parts = [header_lines(column.header, size) for column, size in zip(self.columns, self.widths, strict=True)]
        return [*self._lines(parts, [(BOLD,)] * len(parts)), self.rule()]

    def _lines(self, parts: list[list[str]], styles: list[tuple[str, ...]]) -> list[str]:
        """Cells of several lines each, side by side at the columns' widths."""
        out = []
        for number in range(max(len(lines) for lines in parts)):
            row = []
            for lines, size, column, codes in zip(parts, self.widths, self.columns, styles, strict=True):
                text = lines[number] if number < len(lines) else ""
                padded = text.rjust(size) if column.right else text.ljust(size)
                row.append(style(padded, *codes) if text else padded)
            out.append((" " * self.gap).join(row).rstrip())
        return out

    def rule(self) -> str:
        return "─" * (sum(self.widths) + self.gap * (len(self.widths) - 1))


def natural_widths(columns: list[Column], rows: list[list[str]], wrap_headers: bool = False) -> list[int]:
    """Each column as wide as its widest cell and its header (or, `wrap_headers`, its header's longest word)."""
    widths = []
    for n, column in enumerate(columns):
        cells = max((len(row[n]) for row in rows), default=0)
        header = len(column.header)
        if wrap_headers and cells < header:  # a header may take two lines, never more
            shortest = max(map(len, _glued(column.header).split(" ")))  # its longest word ("đề án" is one)
            header = next(
                size for size in range(max(shortest, cells), header + 1) if len(header_lines(column.header, size)) <= 2
            )
        widths.append(max(header, cells))
    return widths


def print_lines(lines: Iterable[str]) -> None:
    write = sys.stdout.write
    for line in lines:
        write(line + "\n")


def centred(text: str, size: int) -> list[str]:
    return [line.center(size).rstrip() for line in wrap(text, size)]


# --- status -------------------------------------------------------------------------------------


def fit(
    status: Status, size: int, figures: list[Figure], totals: dict[str, str]
) -> tuple[list[Figure], Callable[[LineStatus], str]]:
    """The columns and the names that fit `size`: full names, else short names; then columns go, least
    needed first; ids only when nothing else is left to give and they are shorter."""
    rows = status.every_line
    number = max(len(t("col.number")), len(str(len(rows))))
    names: list[Callable[[LineStatus], str]] = [lambda x: x.name, lambda x: x.label]
    while True:
        widths = [max(len(f.header), len(totals.get(f.key, "")), *(len(f.cell(x)) for x in rows))
                  for f in figures]  # fmt: skip
        fixed = number + sum(widths) + GAP * (len(figures) + 1)
        for name in names:
            need = max(len(t("col.line")), len(t("status.total")), *(len(_label(x, name)) for x in rows))
            if fixed + need <= size:
                return figures, name
        droppable = [f.rank for f in figures if f.rank > 1]
        if not droppable:
            shorter = max(len(x.id) for x in rows) < max(len(x.label) for x in rows)
            return figures, (lambda x: x.id) if shorter else names[1]
        figures = [f for f in figures if f.rank != max(droppable)]


def _label(line: LineStatus, name: Callable[[LineStatus], str]) -> str:
    return name(line) if line.number is not None else t("status.unplanned", id=line.id)


def status_lines(status: Status, plan_label: str, ledger_label: str, size: int) -> Iterator[str]:
    every = wording.figures(status)
    totals = wording.total_cells(status, every)
    figures, name = fit(status, size, every, totals)
    columns = [Column(t("col.number"), right=True), Column(t("col.line"))]
    columns += [Column(f.header, right=f.right) for f in figures]
    rows = [[str(x.number or "?"), _label(x, name), *(f.cell(x) for f in figures)] for x in status.every_line]
    total_row = ["", t("status.total"), *(totals.get(f.key, "") for f in figures)]
    table = Table(columns, natural_widths(columns, [*rows, total_row]))
    span = len(table.rule())  # the titles are centred over the table, the unit at its right edge
    titles = [status.plan.title, wording.heading(status)]
    for title in titles:
        yield from centred(title, min(size, max(span, *map(len, titles))))
    yield t("status.money_unit").rjust(span)
    yield from table.head()
    for line, row in zip(status.every_line, rows, strict=True):
        emphasis = [(RED,) if (f.key == "pace" and line.pace == "behind") or cell.startswith("-") else ()
                    for f, cell in zip(figures, row[2:], strict=True)]  # fmt: skip
        yield from table.line(row, [(), (), *emphasis])
    yield table.rule()
    yield from table.line(total_row, [(BOLD,)] * len(total_row))
    for note in wording.notes(status, frozenset(f.key for f in figures)):
        yield from wrap(note, size)
    extras = [x for x in status.every_line if x.counterpart_vnd or x.beneficiaries]
    if extras:
        yield ""
        yield from _extras_lines(extras)
    if status.by:
        yield ""
        yield from _groups_lines(status, size)
    footer = t("status.footer", plan=plan_label, ledger=ledger_label, entries=format_int(status.entries))
    yield from (style(line, DIM) for line in wrap(footer, size))


def print_status(status: Status, plan_label: str, ledger_label: str) -> None:
    print_lines(status_lines(status, plan_label, ledger_label, width()))


def _extras_lines(lines: list[LineStatus]) -> Iterator[str]:
    yield style(t("status.extras"), BOLD)
    columns = [Column(t("col.number"), right=True), Column(t("col.line")),
               *(Column(t(f"col.{key}"), right=True)
                 for key in ("counterpart_short", "leverage", "beneficiaries", "done_count"))]  # fmt: skip
    rows = [
        [str(line.number or "?"), line.label, format_trieu(line.counterpart_vnd),
         format_decimal(round(line.leverage * 100), 2) if line.leverage is not None else "—",
         format_int(line.beneficiaries), format_count(line.done_count)]
        for line in lines
    ]  # fmt: skip
    table = Table(columns, natural_widths(columns, rows, wrap_headers=True))
    yield from table.head()
    for row in rows:
        yield from table.line(row)


def _groups_lines(status: Status, size: int) -> Iterator[str]:
    assert status.by is not None
    yield style(t("status.by", by=t("by." + status.by)), BOLD)
    columns = [Column(wording.group_heading(status.by)), Column(t("col.line")), Column(t("col.spent_vnd"), right=True),
               Column(t("col.done_count"), right=True)]  # fmt: skip
    labels = {line.id: line.label for line in status.lines}
    rows: list[tuple[list[str], bool]] = []
    for group in status.groups:
        label = wording.group_label(status.by, group.key)
        if group.listed is False:
            label += " " + t("group.unlisted")
        rows.append(([label, "", format_trieu(group.spent_vnd), format_int(group.done_count)], True))
        for line_id, (spent, done) in group.lines.items():
            if spent or done:
                rows.append((["", labels.get(line_id, line_id), format_trieu(spent), format_int(done)], False))
    table = Table(columns, natural_widths(columns, [row for row, _ in rows]))
    yield from table.head()
    for row, bold in rows:
        yield from table.line(row, [(BOLD,) if bold else ()] * 4)


# --- the plan and other lists -------------------------------------------------------------------


def print_plan(plan: Plan, adjustments: list[Adjust], budgets: dict[str, int]) -> None:
    """The plan, names whole (wrapped); with reallocations, the budget after them beside the one approved."""
    info = plan.plan
    size = width()
    lines = [*centred(info.title, size), *centred(f"{format_date(info.start)} → {format_date(info.end)}", size)]
    lines.append(t("status.money_unit").rjust(size))
    keys = ["col.number", "col.line_id", "col.line", "col.target_count",
            "col.original_budget_vnd" if adjustments else "col.budget_vnd"]  # fmt: skip
    keys += ["col.budget_adjusted"] if adjustments else []
    columns = [Column(t(key), right=key not in ("col.line_id", "col.line"), wrap=key == "col.line") for key in keys]
    rows = [
        [str(number), line.id, line.name, f"{format_int(line.target)} {line.unit}" if line.target is not None else "—",
         format_trieu(line.budget_vnd), *([format_trieu(budgets[line.id])] if adjustments else [])]
        for number, line in enumerate(plan.lines, start=1)
    ]  # fmt: skip
    total = ["", "", t("status.total"), "", *[format_trieu(plan.total_budget_vnd)] * (2 if adjustments else 1)]
    widths = natural_widths(columns, [*rows, total], wrap_headers=True)
    widths[2] = max(len(t("col.line")), size - (sum(widths) - widths[2]) - GAP * (len(widths) - 1), 12)
    table = Table(columns, widths)
    lines += table.head()
    for row in rows:
        lines += table.line(row)
    lines += [table.rule(), *table.line(total, [(BOLD,)] * len(total))]
    for indicator in plan.indicators:
        lines += wrap(f"{indicator.id}: {indicator.name} — {format_int(indicator.target)} {indicator.unit}", size)
    if info.localities:
        lines += wrap(f"{t('plan.localities')}: {', '.join(info.localities)}", size)
    print_lines(lines)
    if adjustments:
        print_table(
            [t(f"col.{key}") for key in ("date", "from_line", "to_line", "amount", "decision", "id")],
            [[format_date(a.date), plan.line_label(a.from_line), plan.line_label(a.to_line),
              format_trieu(a.amount_vnd), a.decision, a.id] for a in adjustments],
            right={3},
            title=t("status.adjustments"),
            wraps=frozenset({1, 2, 4}),
        )  # fmt: skip


@dataclass(frozen=True)
class KnownPlan:
    """A plan as `kc plan list` shows it."""

    id: str
    title: str
    period: str
    ledger: str
    entries: int
    spent_vnd: int
    budget_vnd: int
    current: bool


def print_plans(plans: list[KnownPlan]) -> None:
    """One block per plan (a table of seven columns does not fit 80): id and period, title, ledger, money."""
    size = width()
    lines = [style(t("plan.list_title"), BOLD)]
    for plan in plans:
        mark = "*" if plan.current else " "
        lines += [
            "",
            style(f"{mark} {plan.id}   {plan.period}", BOLD) + (f"   ({t('plan.in_use')})" if plan.current else ""),
        ]
        lines += ["  " + line for line in wrap(plan.title, size - 2)]
        lines += [
            "  " + line
            for line in wrap(t("plan.list_ledger", path=plan.ledger, entries=format_int(plan.entries)), size - 2)
        ]
        spent = t("plan.list_spent", spent=format_trieu(plan.spent_vnd), budget=format_trieu(plan.budget_vnd))
        lines += ["  " + line for line in wrap(spent, size - 2)]
    print_lines(lines)


def print_table(
    headers: list[str],
    rows: list[list[str]],
    right: set[int],
    title: str | None = None,
    wraps: frozenset[int] = frozenset(),
    folds: frozenset[int] = frozenset(),
) -> None:
    """A plain table; where it is wider than the terminal, the `wraps` columns (text, wrapped at spaces) give up
    width, widest first; then, if it is still too wide, the `folds` columns (codes, kept whole while they can
    be, then cut after their separators)."""
    columns = [Column(header, right=n in right, wrap=n in wraps, fold=n in folds) for n, header in enumerate(headers)]
    widths = natural_widths(columns, rows, wrap_headers=True)
    over = sum(widths) + GAP * (len(widths) - 1) - width()
    for least in (12, 6):  # 12 while it is enough; else narrower still, never wider than the terminal
        while over > 0 and (narrowable := [n for n in wraps if widths[n] > least]
                            or [n for n in folds if widths[n] > least]):  # fmt: skip
            widest = max(narrowable, key=widths.__getitem__)
            widths[widest] -= 1
            over -= 1
    table = Table(columns, widths)
    lines = [style(title, BOLD)] if title else []
    lines += table.head()
    for row in rows:
        lines += table.line(row)
    print_lines(lines)


# --- the log ------------------------------------------------------------------------------------

LOG_COLUMNS = ("date", "line_number", "amount_vnd", "count", "locality", "beneficiary", "note", "id")
LOG_HEADERS = {"date": "col.date", "line_number": "col.line_short", "amount_vnd": "col.amount_short",
               "count": "col.count_short", "locality": "col.locality", "beneficiary": "col.beneficiary",
               "note": "col.note", "id": "col.id"}  # fmt: skip
LOG_RIGHT = {"line_number", "amount_vnd", "count"}
LOG_GAP = 2


def log_table(size: int, longest: dict[str, int]) -> Table:
    """Widths known before the first row: the figures' and ids' from their formats, the texts' from the
    longest text the ledger holds, the note taking what is left and wrapping (so does the widest text)."""
    widths = {
        "date": 10,
        "line_number": max(len(t(LOG_HEADERS["line_number"])), 2),
        "amount_vnd": max(len(t(LOG_HEADERS["amount_vnd"])), longest.get("amount_vnd", 5)),
        "count": max(len(t(LOG_HEADERS["count"])), longest.get("count", 1)),
        "id": 12,
    }
    fixed = sum(widths.values()) + LOG_GAP * (len(LOG_COLUMNS) - 1)
    room = max(size - fixed, 3 * 8)
    # Locality and beneficiary keep their widest text when they can (names are scanned, so better whole);
    # else they share the room fairly, the narrower first. The note (not measured: it may be long) takes
    # what is left, at least its header's width, and wraps.
    needs = {key: max(len(t(LOG_HEADERS[key])), longest.get(key, 0)) for key in ("locality", "beneficiary")}
    left = room - max(len(t("col.note")), 8)
    for taken, key in enumerate(sorted(needs, key=needs.__getitem__)):
        widths[key] = max(min(needs[key], left // (2 - taken)), 8)
        left -= widths[key]
    left += max(len(t("col.note")), 8)
    widths["note"] = max(left, 8)
    wrapping = {"locality", "beneficiary", "note"}
    columns = [Column(t(LOG_HEADERS[key]), right=key in LOG_RIGHT, wrap=key in wrapping) for key in LOG_COLUMNS]
    return Table(columns, [widths[key] for key in LOG_COLUMNS], gap=LOG_GAP)


def log_lines(rows: Iterator[LogRow], table: Table) -> Iterator[str]:
    """The log as lines of text: a header, then each record (its long texts wrapped), as rows come."""
    yield t("log.legend")
    yield from table.head()
    for row in rows:
        record = row.record
        cells = [format_date(record.date), str(row.line_number or "?"), format_trieu(record.amount_vnd),
                 format_count(record.count), record.locality or "", record.beneficiary or "", wording.log_note(row),
                 record.id]  # fmt: skip
        yield from table.line(cells, [(DIM,)] * len(cells) if row.void else ())


# --- progress -----------------------------------------------------------------------------------


@contextmanager
def row_progress(description: str) -> Iterator[Callable[[int], None]]:
    """A progress line for long imports on a terminal (Rich's); silent in cron, pipes and tests."""
    if not sys.stdout.isatty():
        yield lambda row: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed}"), TimeElapsedColumn(),
                  transient=True) as progress:  # fmt: skip
        task = progress.add_task(description, total=None)
        yield lambda row: progress.update(task, completed=row)


# --- đề án ---------------------------------------------------------------------------------------


def print_projects(plan: Plan, rows: list[dict[str, Any]], day: date) -> None:
    """The đề án, one row each: code, line, name, beneficiary and place, support, paid, state; then the sums."""
    print_lines([style(t("project.list_title", date=day), BOLD), t("status.money_unit")])
    if not rows:
        print_lines([t("project.list_none")])
        return
    print_table(
        [t(f"col.{key}") for key in ("project", "line_short", "project_name", "beneficiary", "support_short", "paid",
                                      "project_state")],
        [[row["project"], str(row["line_number"] or "?"), row["name"],
          ", ".join(filter(None, (row["beneficiary"], row["locality"]))), format_trieu(row["support_vnd"]),
          format_trieu(row["paid_vnd"]), wording.project_state(row)] for row in rows],
        right={1, 4, 5},
        wraps=frozenset({2, 3, 6}),
        folds=frozenset({0}),
    )  # fmt: skip
    support, paid = sum(row["support_vnd"] for row in rows), sum(row["paid_vnd"] for row in rows)
    committed = sum(row["committed_vnd"] for row in rows)
    footer = t("project.list_footer", count=format_int(len(rows)), support=format_trieu(support),
               paid=format_trieu(paid), committed=format_trieu(committed))  # fmt: skip
    print_lines(wrap(footer, width()))


def print_project(plan: Plan, row: dict[str, Any], history: list[tuple[Any, str | None]]) -> None:
    """A đề án and its whole history: decisions, payments, acceptance and settlement, each with its entry id."""
    from kc_tracker.ledger import Acceptance, Project, ProjectChange, Record, Settlement, Stop

    size = width()
    advances = [entry.date for entry, voided_by in history if isinstance(entry, Record) and entry.advance
                and not voided_by]  # fmt: skip
    if advances:
        row = row | {"advanced_on": max(advances).isoformat()}
    counterpart = row["counterpart_vnd"]
    facts = [
        t("project.show_title", code=row["project"], name=row["name"]),
        t("project.show_line", line=plan.line_label(row["line"])),
        t("project.show_beneficiary", beneficiary=row["beneficiary"], locality=row["locality"] or "—",
          implementer=row["implementer"] or "—"),
        t("project.show_support", support=format_trieu(row["support_vnd"]),
          counterpart="—" if counterpart is None else t("project.show_counterpart", amount=format_trieu(counterpart)),
          count=format_count(row["count"]),
          unit=plan.find_line(row["line"]).unit or ""),
        t("project.show_paid", paid=format_trieu(row["paid_vnd"]), advanced=format_trieu(row["advanced_vnd"]),
          committed=format_trieu(row["committed_vnd"])),
        t("project.show_state", state=wording.project_state(row),
          end=format_date(date.fromisoformat(row["end"])) if row["end"] else "—"),
    ]  # fmt: skip
    print_lines([style(line, BOLD) for line in wrap(facts[0], size)] + [line for fact in facts[1:] for line in
                                                                       wrap(fact, size)])  # fmt: skip
    rows = []
    for entry, voided_by in history:
        amount, said = "", ""
        if isinstance(entry, Record):
            kind, amount = (
                t("project.event.advance" if entry.advance else "project.event.payment"),
                format_trieu(entry.amount_vnd),
            )
            said = entry.note or ""
        elif isinstance(entry, Project):
            kind, amount, said = t("project.event.approve"), format_trieu(entry.support_vnd), entry.decision
        elif isinstance(entry, ProjectChange):
            kind, said = t("project.event.change"), entry.decision
            amount = format_trieu(entry.support_vnd) if entry.support_vnd is not None else ""
        elif isinstance(entry, Acceptance):
            kind, said = t("project.event.accept"), entry.note or ""
            amount = f"{format_count(entry.count)}" if entry.count is not None else ""
        elif isinstance(entry, Settlement):
            kind, said = t("project.event.settle"), entry.decision or ""
        else:
            assert isinstance(entry, Stop)
            kind, said = t("project.event.stop"), entry.reason
        if voided_by:
            said = f"{t('project.event.voided', id=voided_by)} {said}".strip()
        rows.append([format_date(entry.date), kind, amount, said, entry.id])
    print_table([t(f"col.{key}") for key in ("date", "event", "amount_or_count", "project_detail", "id")], rows,
                right={2}, title=t("project.history"), wraps=frozenset({3}))  # fmt: skip
