"""The only module that imports Rich: status, log and plan as tables for a person."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kc_tracker.dates import format_date
from kc_tracker.export import indicator_summary
from kc_tracker.i18n import t
from kc_tracker.ledger import Adjust
from kc_tracker.money import format_decimal, format_int, format_pct, format_trieu
from kc_tracker.plan import Plan
from kc_tracker.report import LineStatus, LogRow, Status

BAR_WIDTH = 8


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # Tests and pipes get a stable width; a terminal gets its own.
    width = None if stream.isatty() else int(os.environ.get("COLUMNS", "100"))
    return Console(file=stream, width=width, no_color="NO_COLOR" in os.environ or None, highlight=False)


def _bar(pct: float | None) -> Text:
    if pct is None:
        return Text("")
    filled = min(BAR_WIDTH, round(pct * BAR_WIDTH / 100))
    style = "red" if pct > 100 else "green"
    return Text("█" * filled, style=style) + Text("░" * (BAR_WIDTH - filled), style="dim")


def _count(value: int | None) -> str:
    return "—" if value is None else format_int(value)


def _name(line: LineStatus) -> Text:
    """Lines behind schedule are marked where the eye starts reading."""
    if line.pace == "behind":
        return Text("! ", style="bold red") + Text(line.name)
    return Text(line.name)


def _money(vnd: int) -> Text:
    return Text(format_trieu(vnd), style="red" if vnd < 0 else "")


def status_table(status: Status, width: int) -> Table:
    """One row per line, `width` columns wide: long names are cut (see `kc plan show`), figures never are."""
    figure_keys = ("done_target", "remaining_count", "budget_vnd", "spent_vnd", "remaining_vnd", "spent_pct")

    def figures(line: LineStatus) -> list[Text]:
        done_target = (
            f"{format_int(line.done_count or 0)}/{format_int(line.target_count)} {line.unit}"
            if line.target_count is not None
            else _count(line.done_count)
        )
        return [
            Text(done_target),
            Text(_count(line.remaining_count)),
            Text(format_trieu(line.budget_vnd)),
            Text(format_trieu(line.spent_vnd)),
            _money(line.remaining_vnd),
            Text(format_pct(line.spent_pct) + " ") + _bar(line.spent_pct),
        ]

    totals = status.totals
    rows = [[Text(str(line.number)), _name(line), *figures(line)] for line in status.lines]
    rows += [[Text("?"), Text(t("status.unplanned", id=line.id)), *figures(line)] for line in status.unplanned]
    total_row = [
        Text(""),
        Text(t("status.total"), style="bold"),
        Text(""),
        Text(""),
        Text(format_trieu(totals.budget_vnd), style="bold"),
        Text(format_trieu(totals.spent_vnd), style="bold"),
        _money(totals.remaining_vnd),
        Text(format_pct(totals.spent_pct) + " ") + _bar(totals.spent_pct),
    ]
    headers = ["#", t("col.line"), *(t(f"col.{key}") for key in figure_keys)]
    widths = [max(len(headers[i]), *(row[i].cell_len for row in [*rows, total_row])) for i in range(len(headers))]
    # Between two columns: one space of padding on each side and a (blank) separator; no outer edges.
    name_width = max(12, width - (sum(widths) - widths[1]) - 3 * (len(headers) - 1))

    heading = t("status.final_as_of" if status.final else "status.as_of", date=format_date(status.as_of))
    if status.start:
        heading = t("status.period", start=format_date(status.start), end=format_date(status.as_of))
    table = Table(
        title=f"{status.plan.title}\n{heading}",
        caption=t("status.money_unit"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )
    for i, header in enumerate(headers):
        if i == 1:
            table.add_column(header, no_wrap=True, overflow="ellipsis", max_width=name_width)
        else:
            table.add_column(header, justify="right", no_wrap=True, min_width=widths[i])
    for row in rows:
        table.add_row(*row)
    table.add_section()
    table.add_row(*total_row)
    return table


def print_status(status: Status, plan_label: str, ledger_label: str) -> None:
    out = console()
    out.print(status_table(status, out.width))
    lines: list[str] = []
    if any(line.pace == "behind" for line in status.lines):
        lines.append(t("status.behind_legend"))
    lines.append(t("status.elapsed", pct=format_pct(status.elapsed_pct)))
    counts = ", ".join(
        f"{c.unit} {format_int(c.done_count)}/{format_int(c.target_count)}" for c in status.totals.counts_by_unit
    )
    lines.append(f"{t('status.counts')}: {counts}")
    lines += [f"{t('status.indicators')}: {indicator_summary(item)}" for item in status.indicators]
    if status.adjustments:
        lines.append(t("status.adjusted", count=len(status.adjustments)))
    if status.closed:
        lines.append(t("status.closed", period=status.closed.period))
    for line in lines:
        out.print(Text(line), soft_wrap=True)
    extras = [x for x in status.lines + status.unplanned if x.counterpart_vnd or x.beneficiaries]
    if extras:
        out.print(_extras_table(extras))
    if status.by:
        out.print(_groups_table(status))
    out.print(
        Text(t("status.footer", plan=plan_label, ledger=ledger_label, entries=format_int(status.entries)), style="dim")
    )


def _extras_table(lines: list[LineStatus]) -> Table:
    table = Table(title=t("status.extras"), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column(t("col.id"))
    for key in ("counterpart_vnd", "leverage", "beneficiaries", "done_count"):
        table.add_column(t(f"col.{key}"), justify="right")
    for line in lines:
        leverage = format_decimal(round(line.leverage * 100), 2) if line.leverage is not None else "—"
        table.add_row(
            str(line.number or "?"),
            line.id,
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
    numbers = {line.id: line.number for line in status.lines}
    for group in status.groups:
        label = group.key if group.key is not None else t("group.none")
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
                table.add_row("", f"{numbers.get(line_id) or '?'}. {line_id}", format_trieu(spent), format_int(done))
    return table


def print_log(rows: list[LogRow]) -> None:
    table = Table(caption=t("status.money_unit"), pad_edge=False)
    for key, justify in (
        ("date", "left"),
        ("line_number", "right"),
        ("amount_vnd", "right"),
        ("count", "right"),
        ("locality", "left"),
        ("beneficiary", "left"),
        ("note", "left"),
        ("id", "left"),
    ):
        # Dates, figures and ids (what `kc void` takes) stay whole; text columns wrap.
        whole = key in ("date", "line_number", "amount_vnd", "count", "id")
        table.add_column(t(f"col.{key}"), justify=justify, no_wrap=whole)  # type: ignore[arg-type]
    for row in rows:
        r = row.record
        note = r.note or ""
        if row.void:
            note = t("log.voided", date=format_date(row.void.date), reason=row.void.reason) + (
                f" — {note}" if note else ""
            )
        style = "dim strike" if row.void else ""
        table.add_row(
            format_date(r.date),
            str(row.line_number or "?"),
            format_trieu(r.amount_vnd),
            _count(r.count),
            r.locality or "",
            r.beneficiary or "",
            Text(note),
            r.id,
            style=style,
        )
    console().print(table)


def print_plan(plan: Plan, adjustments: list[Adjust], budgets: dict[str, int]) -> None:
    """The plan; with reallocations, the budget after them beside the approved one."""
    period = f"{format_date(plan.plan.start)} → {format_date(plan.plan.end)}"
    table = Table(title=f"{plan.plan.title}\n{period}", caption=t("status.money_unit"))
    table.add_column("#", justify="right")
    # Ids are what scripts type: never cut. Names wrap instead (this is where they are shown whole).
    table.add_column(t("col.id"), no_wrap=True, min_width=max(len(line.id) for line in plan.lines))
    table.add_column(t("col.line"), ratio=1)
    table.add_column(t("col.target_count"), justify="right")
    table.add_column(t("col.original_budget_vnd" if adjustments else "col.budget_vnd"), justify="right")
    if adjustments:
        table.add_column(t("col.budget_vnd"), justify="right")
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
        out.print(Text(f"{t('plan.localities')}: {', '.join(plan.plan.localities)}"), soft_wrap=True)
    if adjustments:
        moves = Table(title=t("status.adjustments"), box=box.SIMPLE_HEAD)
        for key in ("date", "from_line", "to_line", "amount_vnd", "decision", "id"):
            moves.add_column(t(f"col.{key}"), justify="right" if key == "amount_vnd" else "left")
        for a in adjustments:
            moves.add_row(format_date(a.date), a.from_line, a.to_line, format_trieu(a.amount_vnd), a.decision, a.id)
        out.print(moves)


def message(text: str) -> None:
    """A line of plain text to stdout, never read as Rich markup (user text may contain brackets)."""
    console().print(Text(text), soft_wrap=True)


def note(text: str) -> None:
    console(stderr=True).print(Text(text), soft_wrap=True)


def warn(text: str) -> None:
    console(stderr=True).print(Text(f"{t('label.warning')}: {text}", style="yellow"), soft_wrap=True)


def error(label: str, text: str) -> None:
    console(stderr=True).print(Text(f"{label}: ", style="bold red") + Text(text), soft_wrap=True)


@contextmanager
def row_progress(description: str) -> Iterator[Callable[[int], None]]:
    """A progress line for long imports; silent when stdout is not a terminal (cron, pipes, tests)."""
    if not sys.stdout.isatty():
        yield lambda row: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description} {task.completed:,}"), TimeElapsedColumn(), transient=True
    ) as progress:
        task = progress.add_task(description, total=None)
        yield lambda row: progress.update(task, completed=row)  # told every few thousand rows
