"""Commands that write: record, void, adjust, measure, close, import. Each takes exactly one ledger."""

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kc_tracker.cli.common import (
    DEFAULT_LOCK_TIMEOUT,
    Integer,
    LedgerOpt,
    LockTimeoutOpt,
    PlanOpt,
    TextFormat,
    TextFormatOpt,
    dump_json,
    note,
    one_ledger,
    out,
    parse_day,
    plan_file,
    warn,
)
from kc_tracker.cli.core import KcCommand
from kc_tracker.cli.outcome import print_outcome
from kc_tracker.errors import UsageProblem
from kc_tracker.i18n import t

app = typer.Typer(rich_markup_mode=None, add_completion=False)  # its commands join `kc` (cli.core.COMMANDS)

if TYPE_CHECKING:
    from kc_tracker.importer import Request


AllowClosedOpt = Annotated[bool, typer.Option("--allow-closed", help="opt.allow_closed")]
AllowOutsideOpt = Annotated[bool, typer.Option("--allow-outside-period", help="opt.allow_outside_period")]
AllowOverBudgetOpt = Annotated[bool, typer.Option("--allow-over-budget", help="opt.allow_over_budget")]
AllowOverCeilingOpt = Annotated[bool, typer.Option("--allow-over-ceiling", help="opt.allow_over_ceiling")]
AllowFutureOpt = Annotated[bool, typer.Option("--allow-future", help="opt.allow_future")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="opt.dry_run")]


class Decimal(StrEnum):
    """How a file writes numbers as text: 1.250,5 (comma, as Vietnamese Excel does) or 1,250.5 (point)."""

    comma = "comma"
    point = "point"


@app.command(cls=KcCommand)
def record(
    line: Annotated[str | None, typer.Argument(metavar="var.line", help="arg.record_line")] = None,
    amount: Annotated[str | None, typer.Option("--amount", metavar="var.amount", help="opt.amount")] = None,
    count: Annotated[
        int | None, typer.Option("--count", click_type=Integer(), metavar="var.count", help="opt.count")
    ] = None,
    date_: Annotated[str | None, typer.Option("--date", metavar="var.date", help="opt.date")] = None,
    locality: Annotated[str | None, typer.Option("--locality", metavar="var.locality", help="opt.locality")] = None,
    beneficiary: Annotated[
        str | None, typer.Option("--beneficiary", metavar="var.beneficiary", help="opt.beneficiary")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="var.text", help="opt.note")] = None,
    ref: Annotated[str | None, typer.Option("--ref", metavar="var.key", help="opt.ref")] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="var.source", help="opt.source")] = None,
    counterpart: Annotated[
        str | None, typer.Option("--counterpart", metavar="var.amount", help="opt.counterpart")
    ] = None,
    project: Annotated[str | None, typer.Option("--project", metavar="var.project", help="opt.project")] = None,
    advance: Annotated[bool, typer.Option("--advance", help="opt.advance")] = False,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_closed: AllowClosedOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_over_advance: Annotated[bool, typer.Option("--allow-over-advance", help="opt.allow_over_advance")] = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.money import parse_amount

    if line is None and project is None:
        raise UsageProblem(t("usage.line_or_project"))
    if amount is None and count is None:
        raise UsageProblem(t("usage.amount" if project is not None else "usage.amount_or_count"))
    loaded = plan_file(plan)
    request = rules.RecordRequest(
        line=line or "",
        amount_vnd=parse_amount(amount) if amount is not None else 0,
        count=count,
        date=parse_day(date_, "--date"),
        locality=locality,
        beneficiary=beneficiary,
        note=note,
        ref=ref,
        source=source,
        counterpart_vnd=parse_amount(counterpart) if counterpart is not None else None,
        project=project,
        advance=advance,
    )
    flags = rules.Flags(allow_over_budget, allow_outside_period, allow_over_ceiling, allow_closed, allow_future,
                        allow_over_advance)  # fmt: skip
    outcome = rules.record(
        loaded.plan, one_ledger(ledger, loaded.plan.id), request, flags, lock_timeout=lock_timeout, dry_run=dry_run
    )
    print_outcome(loaded.plan, outcome, fmt, dry_run)


@app.command(cls=KcCommand)
def void(
    entry_id: Annotated[str, typer.Argument(metavar="var.entry", help="arg.entry_id")],
    reason: Annotated[str, typer.Option("--reason", metavar="var.text", help="opt.reason")],
    allow_closed: AllowClosedOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules

    loaded = plan_file(plan)
    outcome = rules.void(
        loaded.plan,
        one_ledger(ledger, loaded.plan.id),
        entry_id,
        reason,
        rules.Flags(allow_closed=allow_closed),
        lock_timeout=lock_timeout,
    )
    print_outcome(loaded.plan, outcome, fmt, dry_run=False)


@app.command(cls=KcCommand)
def adjust(
    from_line: Annotated[str, typer.Option("--from", metavar="var.line", help="opt.adjust_from")],
    to_line: Annotated[str, typer.Option("--to", metavar="var.line", help="opt.adjust_to")],
    amount: Annotated[str, typer.Option("--amount", metavar="var.amount", help="opt.adjust_amount")],
    decision: Annotated[str, typer.Option("--decision", metavar="var.text", help="opt.decision")],
    date_: Annotated[str, typer.Option("--date", metavar="var.date", help="opt.decision_date")],
    allow_outside_period: AllowOutsideOpt = False,
    allow_closed: AllowClosedOpt = False,
    allow_future: AllowFutureOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.dates import parse_date
    from kc_tracker.money import parse_amount

    loaded = plan_file(plan)
    request = rules.AdjustRequest(from_line, to_line, parse_amount(amount), decision, parse_date(date_))
    flags = rules.Flags(allow_outside_period=allow_outside_period, allow_closed=allow_closed, allow_future=allow_future)
    outcome = rules.adjust(loaded.plan, one_ledger(ledger, loaded.plan.id), request, flags, lock_timeout=lock_timeout)
    print_outcome(loaded.plan, outcome, fmt, False)


@app.command(cls=KcCommand)
def measure(
    indicator: Annotated[str, typer.Argument(metavar="var.indicator", help="arg.indicator")],
    year: Annotated[int, typer.Option("--year", click_type=Integer(), metavar="var.year", help="opt.measure_year")],
    value: Annotated[str, typer.Option("--value", metavar="var.value", help="opt.value")],
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.money import parse_decimal

    loaded = plan_file(plan)
    outcome = rules.measure(
        loaded.plan,
        one_ledger(ledger, loaded.plan.id),
        indicator,
        year,
        parse_decimal(value),
        rules.Flags(allow_outside_period=allow_outside_period, allow_future=allow_future),
        lock_timeout=lock_timeout,
    )
    print_outcome(loaded.plan, outcome, fmt, False)


@app.command(cls=KcCommand)
def close(
    period: Annotated[str, typer.Argument(metavar="var.period", help="arg.period")],
    allow_future: AllowFutureOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules

    loaded = plan_file(plan)
    outcome, _ = rules.close(loaded.plan, one_ledger(ledger, loaded.plan.id), period,
                             rules.Flags(allow_future=allow_future), lock_timeout=lock_timeout)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, False)


@app.command("import", cls=KcCommand)
def import_(
    file: Annotated[Path, typer.Argument(metavar="var.file", help="arg.import_file")],
    dry_run: DryRunOpt = False,
    replace: Annotated[bool, typer.Option("--replace", help="opt.replace")] = False,
    replaces: Annotated[str | None, typer.Option("--replaces", metavar="var.name", help="opt.replaces")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="var.sheet", help="opt.sheet")] = None,
    decimal: Annotated[Decimal, typer.Option("--decimal", help="opt.decimal")] = Decimal.comma,
    allow_small: Annotated[bool, typer.Option("--allow-small", help="opt.allow_small")] = False,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_closed: AllowClosedOpt = False,
    allow_future: AllowFutureOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import importer, rules
    from kc_tracker.dates import today
    from kc_tracker.money import format_int, format_trieu
    from kc_tracker.render import row_progress

    if replace and replaces is not None:
        raise UsageProblem(t("usage.replace_twice"))
    loaded = plan_file(plan)
    options = importer.Options(sheet=sheet, decimal=decimal.value, allow_small=allow_small)
    source = importer.source_of(file, options)
    form = importer.read_form(source, loaded.plan.id)
    summary = importer.Summary()
    names: dict[str, str] = {}  # the file's own columns, to name a field in a refusal (filled as it is read)

    def rows() -> Iterator[tuple[int, "Request"]]:
        if form is not None and form.kind == "progress":
            names.update(importer.form_field_names())
            summary.sheet = source.sheet
            return importer.progress_requests(file, source, form, options, loaded.plan)
        table = importer.read_table(file, source, options)
        summary.sheet, summary.hidden, summary.title_rows = table.sheet, table.hidden, table.title_rows
        summary.skipped_voided = 0
        names.update(importer.field_names(table))
        return importer.requests(table, options, summary)

    flags = rules.Flags(allow_over_budget, allow_outside_period, allow_over_ceiling, allow_closed, allow_future)
    with row_progress(t("import.reading", path=file.name)) as progress:
        result = rules.import_rows(
            loaded.plan,
            one_ledger(ledger, loaded.plan.id),
            source,
            rows,
            flags,
            replace_earlier=replace,
            replaces=replaces,
            lock_timeout=lock_timeout,
            dry_run=dry_run,
            options=names,
            progress=progress,
        )
    for notice in result.notices:
        warn(notice)
    for warning in result.warnings:
        warn(warning)
    if result.more_warnings:
        warn(t("import.more_warnings", count=format_int(result.more_warnings)))
    the_plan = loaded.plan
    per_line = [
        (number, line, result.per_line[line.id], result.amounts[line.id], result.counts.get(line.id))
        for number, line in enumerate(the_plan.lines, start=1)
        if result.per_line[line.id]
    ]
    if fmt is TextFormat.json:
        dump_json(
            {
                "dry_run": dry_run,
                "added": result.added,
                "already": result.already,
                "known": result.known,
                "skipped_voided": summary.skipped_voided,
                "replaced": result.replaced,
                "same_file": result.same_file,
                "sheet": summary.sheet,
                "hidden_rows": summary.hidden,
                "projects": result.projects,
                "accepted": result.accepted,
                "lines": [
                    {
                        "line": line.id,
                        "number": number,
                        "rows": n,
                        "amount_vnd": amount,
                        "count": count if line.counted else None,  # None: no row gave one
                    }
                    for number, line, n, amount, count in per_line
                ],
            }
        )
        return
    if result.same_file is not None:
        then = str(result.same_file["file"])
        named = t("import.named_then", name=then) if then != source.name else ""
        date = rules.recorded_day(result.same_file["recorded_at"])
        out(t("import.same_file", file=source.name, date=date, named=named, rows=format_int(result.already)))
        return
    if result.replaced:
        files = ", ".join(sorted(result.replaced_files))
        out(t("import.replaced_dry_run" if dry_run else "import.replaced", count=format_int(result.replaced),
              file=files))  # fmt: skip
    skips_by_kind = (("import.skip_already", result.already), ("import.skip_known", result.known),
                     ("import.skip_voided", summary.skipped_voided))  # fmt: skip
    skipped = [t(key, count=format_int(count)) for key, count in skips_by_kind if count]
    skips = t("import.skips", what=t("import.and").join(skipped)) if skipped else ""
    out(t("import.dry_run" if dry_run else "import.done", added=format_int(result.added), skips=skips))
    if summary.sheet:
        out(t("import.sheet", sheet=summary.sheet))
    if summary.hidden:
        out(t("import.hidden", count=format_int(summary.hidden)))
    for _, line, n, amount, count in per_line:
        counted = (
            t("import.line_count", count=format_int(count), unit=line.unit)
            if count is not None and line.counted
            else ""
        )
        out(
            t(
                "import.line",
                line=the_plan.line_label(line.id),
                rows=format_int(n),
                amount=format_trieu(amount),
                counted=counted,
            )
        )
    for line in the_plan.lines:
        if result.approved[line.id]:
            out(t("import.line_projects", line=the_plan.line_label(line.id),
                  support=format_trieu(result.approved[line.id])))  # fmt: skip
    if result.accepted:
        out(t("import.accepted", count=format_int(result.accepted)))
    if result.future:
        note(t("import.future", count=format_int(result.future), today=today()))
