"""Commands that write: record, void, adjust, measure, close, import. Each takes exactly one ledger."""

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kc_tracker.cli.common import (
    DEFAULT_LOCK_TIMEOUT,
    LedgerOpt,
    LockTimeoutOpt,
    PlanOpt,
    TextFormat,
    TextFormatOpt,
    dump_json,
    load,
    one_ledger,
    parse_day,
)
from kc_tracker.i18n import t

app = typer.Typer(rich_markup_mode=None, add_completion=False)  # its commands join `kc` (cli.core.COMMANDS)

if TYPE_CHECKING:
    from kc_tracker.actions import Outcome


AllowClosedOpt = Annotated[bool, typer.Option("--allow-closed", help="Accept a date inside a closed period.")]
AllowOutsideOpt = Annotated[bool, typer.Option("--allow-outside-period", help="Accept a date outside the plan period.")]
AllowOverBudgetOpt = Annotated[bool, typer.Option("--allow-over-budget", help="Accept going past the line's budget.")]
AllowOverCeilingOpt = Annotated[
    bool, typer.Option("--allow-over-ceiling", help="Accept more than the line's ceiling per record.")
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Check and show, write nothing.")]


@app.command()
def record(
    line: Annotated[str, typer.Argument(help="Line id (e.g. may-moc-thiet-bi) or number 1–10.")],
    amount: Annotated[
        str, typer.Option("--amount", help="Amount; triệu đồng unless a unit follows: 14.750, 0,5 tỷ, 125.000.000đ.")
    ],
    count: Annotated[int | None, typer.Option("--count", help="Facilities, rounds or contents completed.")] = None,
    date_: Annotated[
        str | None, typer.Option("--date", help="Date of the record, YYYY-MM-DD [default: today].")
    ] = None,
    locality: Annotated[str | None, typer.Option("--locality", help="Commune, ward or district.")] = None,
    beneficiary: Annotated[str | None, typer.Option("--beneficiary", help="Facility or enterprise supported.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free text.")] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Your key for this record: re-running with it is a no-op.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Funding source: trung-uong (national) or dia-phuong (local).")
    ] = None,
    counterpart: Annotated[
        str | None, typer.Option("--counterpart", help="The facility's own contribution (vốn đối ứng), as --amount.")
    ] = None,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Record money disbursed and/or a count completed on a line (Ghi nhận giải ngân, kết quả)."""
    from kc_tracker import actions
    from kc_tracker.money import parse_amount

    request = actions.RecordRequest(
        line=line,
        amount_vnd=parse_amount(amount),
        count=count,
        date=parse_day(date_, "--date"),
        locality=locality,
        beneficiary=beneficiary,
        note=note,
        ref=ref,
        source=source,
        counterpart_vnd=parse_amount(counterpart) if counterpart is not None else None,
        allow_over_budget=allow_over_budget,
        allow_outside_period=allow_outside_period,
        allow_over_ceiling=allow_over_ceiling,
        allow_closed=allow_closed,
    )
    outcome = actions.record(load(plan), one_ledger(ledger), request, lock_timeout=lock_timeout, dry_run=dry_run)
    _print_outcome(outcome, fmt, dry_run)


@app.command()
def void(
    entry_id: Annotated[str, typer.Argument(help="Id of the entry to void (see `kc log`).")],
    reason: Annotated[str, typer.Option("--reason", help="Why it no longer counts.")],
    allow_closed: AllowClosedOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Cancel an entry; both stay in the ledger and in `kc log` (Hủy một bản ghi)."""
    from kc_tracker import actions

    outcome = actions.void(
        load(plan), one_ledger(ledger), entry_id, reason, lock_timeout=lock_timeout, allow_closed=allow_closed
    )
    _print_outcome(outcome, fmt, dry_run=False)


@app.command()
def adjust(
    from_line: Annotated[str, typer.Option("--from", help="Line the budget moves from (id or number).")],
    to_line: Annotated[str, typer.Option("--to", help="Line the budget moves to (id or number).")],
    amount: Annotated[str, typer.Option("--amount", help="Amount moved, as --amount of `kc record`.")],
    decision: Annotated[str, typer.Option("--decision", help="The decision (quyết định) that moves it.")],
    date_: Annotated[str, typer.Option("--date", help="Date of the decision, YYYY-MM-DD.")],
    allow_outside_period: AllowOutsideOpt = False,
    allow_closed: AllowClosedOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Move budget between lines by a decision (Điều chỉnh kinh phí); voidable like any entry."""
    from kc_tracker import actions
    from kc_tracker.dates import parse_date
    from kc_tracker.money import parse_amount

    request = actions.AdjustRequest(
        from_line=from_line,
        to_line=to_line,
        amount_vnd=parse_amount(amount),
        decision=decision,
        date=parse_date(date_),
        allow_outside_period=allow_outside_period,
        allow_closed=allow_closed,
    )
    _print_outcome(actions.adjust(load(plan), one_ledger(ledger), request, lock_timeout=lock_timeout), fmt, False)


@app.command()
def measure(
    indicator: Annotated[str, typer.Argument(help="Indicator id (see `kc plan show`).")],
    year: Annotated[int, typer.Option("--year", help="The year the value is for.")],
    value: Annotated[str, typer.Option("--value", help="The value, in the indicator's unit (e.g. tỷ đồng): 4.900.")],
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Record a yearly value of a plan indicator (Ghi số liệu chỉ tiêu); a later one for the same year corrects it."""
    from kc_tracker import actions

    outcome = actions.measure(load(plan), one_ledger(ledger), indicator, year, value, lock_timeout=lock_timeout)
    _print_outcome(outcome, fmt, False)


@app.command()
def close(
    period: Annotated[str, typer.Argument(help="The period reported: 2024-Q2, 2024-06 or 2024.")],
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Close a reported period: entries dated in it change only with --allow-closed (Khóa kỳ báo cáo)."""
    from kc_tracker import actions

    _print_outcome(actions.close(load(plan), one_ledger(ledger), period, lock_timeout=lock_timeout), fmt, False)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8) or XLSX file; the header is row 1.")],
    dry_run: DryRunOpt = False,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_closed: AllowClosedOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Add the rows of a CSV or XLSX file, all or nothing; re-importing adds nothing (Nhập từ tệp)."""
    from kc_tracker import importer, render
    from kc_tracker.money import format_int, format_trieu

    flags = importer.Flags(allow_over_budget, allow_outside_period, allow_over_ceiling, allow_closed)
    plan_model = load(plan)
    with render.row_progress(t("import.reading", path=file)) as progress:
        result = importer.import_file(
            plan_model, one_ledger(ledger), file, flags, lock_timeout=lock_timeout, dry_run=dry_run, progress=progress
        )
    for warning in result.warnings[:20]:
        render.warn(warning)
    amounts: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for added in result.added:
        amounts[added.line] += added.amount_vnd
        counts[added.line] += added.count or 0
        rows[added.line] += 1
    per_line = [
        (number, line.id, rows[line.id], amounts[line.id], counts[line.id])
        for number, line in enumerate(plan_model.lines, start=1)
        if rows[line.id]
    ]
    if fmt is TextFormat.json:
        dump_json(
            {
                "dry_run": dry_run,
                "added": len(result.added),
                "already": result.already,
                "skipped_voided": result.skipped_voided,
                "lines": [
                    {"line": line_id, "number": number, "rows": n, "amount_vnd": amount, "count": count}
                    for number, line_id, n, amount, count in per_line
                ],
            }
        )
        return
    key = "import.dry_run" if dry_run else "import.done"
    render.message(
        t(
            key,
            added=format_int(len(result.added)),
            already=format_int(result.already),
            skipped=format_int(result.skipped_voided),
        )
    )
    for number, line_id, n, amount, count in per_line:
        render.message(
            t(
                "import.line",
                number=number,
                line=line_id,
                rows=format_int(n),
                amount=format_trieu(amount),
                count=format_int(count),
            )
        )


def _print_outcome(outcome: "Outcome", fmt: TextFormat, dry_run: bool) -> None:
    from kc_tracker import render
    from kc_tracker.ledger import Adjust, Close, Measure, Void
    from kc_tracker.money import format_decimal_text, format_int, format_trieu

    line, entry = outcome.line, outcome.entry
    remaining_count = line.target - outcome.done_count if line and line.target is not None else None
    for warning in outcome.warnings:
        render.warn(warning)
    if fmt is TextFormat.json:
        data = entry.model_dump(mode="json", exclude={"prev", "hash"}, exclude_none=True)
        data |= {"hash": entry.hash, "noop": outcome.noop, "dry_run": dry_run}
        if line is not None:
            data["balance"] = {
                "line": line.id,
                "budget_vnd": outcome.budget_vnd,
                "spent_vnd": outcome.spent_vnd,
                "remaining_vnd": outcome.budget_vnd - outcome.spent_vnd,
                "done_count": outcome.done_count if line.counted else None,
                "remaining_count": remaining_count,
            }
        dump_json(data)
        return
    noop = outcome.noop
    if isinstance(entry, Void):
        render.message(t("void.noop" if noop else "void.done", id=entry.target, reason=entry.reason, date=entry.date))
    elif isinstance(entry, Adjust):
        render.message(
            t(
                "adjust.done",
                id=entry.id,
                amount=format_trieu(entry.amount_vnd),
                source=entry.from_line,
                target=entry.to_line,
                decision=entry.decision,
            )
        )
    elif isinstance(entry, Measure):
        render.message(
            t(
                "measure.done",
                id=entry.id,
                indicator=entry.indicator,
                year=entry.year,
                value=format_decimal_text(entry.value),
            )
        )
    elif isinstance(entry, Close):
        render.message(t("close.noop" if noop else "close.done", period=entry.period, start=entry.start, end=entry.end))
    else:
        key = "record.noop" if noop else ("record.dry_run" if dry_run else "record.done")
        count = f", {format_int(entry.count)} {line.unit}" if entry.count is not None and line else ""
        render.message(
            t(key, id=entry.id, line=entry.line, amount=format_trieu(entry.amount_vnd), count=count, date=entry.date)
        )
    if line is None:
        return
    balance = t(
        "balance.money",
        line=line.id,
        remaining=format_trieu(outcome.budget_vnd - outcome.spent_vnd),
        budget=format_trieu(outcome.budget_vnd),
        spent=format_trieu(outcome.spent_vnd),
    )
    if remaining_count is not None and line.target is not None:
        balance += t(
            "balance.count", done=format_int(outcome.done_count), target=format_int(line.target), unit=line.unit
        )
    render.message(balance)
