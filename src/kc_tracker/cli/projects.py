"""`kc project`: đề án approved, changed, accepted, settled and stopped by decisions, listed and shown."""

from enum import StrEnum
from typing import Annotated

import typer

from kc_tracker.cli.common import (
    DEFAULT_LOCK_TIMEOUT,
    AsOfOpt,
    Integer,
    LedgerOpt,
    LedgersOpt,
    LockTimeoutOpt,
    OutputOpt,
    PlanOpt,
    TextFormat,
    TextFormatOpt,
    dump_json,
    ledger_paths,
    one_ledger,
    opened,
    output_format,
    output_path,
    parse_day,
    plan_file,
    protected_files,
    stdout_to,
    write_exactly,
)
from kc_tracker.cli.core import KcCommand, KcGroup
from kc_tracker.cli.outcome import print_outcome
from kc_tracker.cli.writing import (
    AllowClosedOpt,
    AllowFutureOpt,
    AllowOutsideOpt,
    AllowOverBudgetOpt,
    AllowOverCeilingOpt,
    DryRunOpt,
)
from kc_tracker.errors import InputError
from kc_tracker.i18n import t

app = typer.Typer(name="project", cls=KcGroup, no_args_is_help=True, rich_markup_mode=None, add_completion=False)

CodeArg = Annotated[str, typer.Argument(metavar="var.project", help="arg.project")]
DecisionOpt = Annotated[str, typer.Option("--decision", metavar="var.text", help="opt.project_decision")]
DateOpt = Annotated[str, typer.Option("--date", metavar="var.date", help="opt.project_date")]
CountOpt = Annotated[
    int | None, typer.Option("--count", click_type=Integer(0), metavar="var.count", help="opt.project_count")
]
SupportOpt = Annotated[str, typer.Option("--support", metavar="var.amount", help="opt.support")]
CounterpartOpt = Annotated[
    str | None, typer.Option("--counterpart", metavar="var.amount", help="opt.project_counterpart")
]
EndOpt = Annotated[str | None, typer.Option("--end", metavar="var.date", help="opt.project_end")]
BeneficiaryOpt = Annotated[
    str | None, typer.Option("--beneficiary", metavar="var.beneficiary", help="opt.project_beneficiary")
]
LocalityOpt = Annotated[str | None, typer.Option("--locality", metavar="var.locality", help="opt.locality")]


def _amount(text: str | None) -> int | None:
    from kc_tracker.money import parse_amount

    return parse_amount(text) if text is not None else None


@app.command("add", cls=KcCommand)
def add(
    line: Annotated[str, typer.Option("--line", metavar="var.line", help="opt.project_line")],
    name: Annotated[str, typer.Option("--name", metavar="var.text", help="opt.project_name")],
    beneficiary: Annotated[
        str, typer.Option("--beneficiary", metavar="var.beneficiary", help="opt.project_beneficiary")
    ],
    support: SupportOpt,
    decision: DecisionOpt,
    date_: DateOpt,
    code: Annotated[str | None, typer.Argument(metavar="var.project", help="arg.project_new")] = None,
    counterpart: CounterpartOpt = None,
    count: CountOpt = None,
    locality: LocalityOpt = None,
    source: Annotated[str | None, typer.Option("--source", metavar="var.source", help="opt.source")] = None,
    implementer: Annotated[
        str | None, typer.Option("--implementer", metavar="var.name", help="opt.implementer")
    ] = None,
    end: EndOpt = None,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules

    loaded = plan_file(plan)
    request = rules.ProjectRequest(
        code=code,
        line=line,
        name=name,
        beneficiary=beneficiary,
        support_vnd=_amount(support) or 0,
        decision=decision,
        date=parse_day(date_, "--date"),
        counterpart_vnd=_amount(counterpart),
        count=count,
        locality=locality,
        source=source,
        implementer=implementer,
        end=parse_day(end, "--end"),
    )
    flags = rules.Flags(allow_over_budget=allow_over_budget, allow_over_ceiling=allow_over_ceiling,
                        allow_outside_period=allow_outside_period, allow_future=allow_future,
                        allow_closed=allow_closed)  # fmt: skip
    outcome = rules.add_project(loaded.plan, one_ledger(ledger, loaded.plan.id), request, flags,
                                lock_timeout=lock_timeout, dry_run=dry_run)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, dry_run)


@app.command("change", cls=KcCommand)
def change(
    code: CodeArg,
    decision: DecisionOpt,
    date_: DateOpt,
    support: Annotated[str | None, typer.Option("--support", metavar="var.amount", help="opt.support")] = None,
    counterpart: CounterpartOpt = None,
    count: CountOpt = None,
    end: EndOpt = None,
    beneficiary: BeneficiaryOpt = None,
    locality: LocalityOpt = None,
    allow_over_budget: AllowOverBudgetOpt = False,
    allow_over_ceiling: AllowOverCeilingOpt = False,
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.dates import parse_date

    loaded = plan_file(plan)
    request = rules.ChangeRequest(decision=decision, date=parse_date(date_), support_vnd=_amount(support),
                                  counterpart_vnd=_amount(counterpart), count=count, end=parse_day(end, "--end"),
                                  beneficiary=beneficiary, locality=locality)  # fmt: skip
    flags = rules.Flags(allow_over_budget=allow_over_budget, allow_over_ceiling=allow_over_ceiling,
                        allow_outside_period=allow_outside_period, allow_future=allow_future,
                        allow_closed=allow_closed)  # fmt: skip
    outcome = rules.change_project(loaded.plan, one_ledger(ledger, loaded.plan.id), code, request, flags,
                                   lock_timeout=lock_timeout, dry_run=dry_run)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, dry_run)


@app.command("accept", cls=KcCommand)
def accept(
    code: CodeArg,
    date_: DateOpt,
    count: Annotated[
        int | None, typer.Option("--count", click_type=Integer(0), metavar="var.count", help="opt.accept_count")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="var.text", help="opt.note")] = None,
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.dates import parse_date

    loaded = plan_file(plan)
    flags = rules.Flags(allow_outside_period=allow_outside_period, allow_future=allow_future, allow_closed=allow_closed)
    req = rules.AcceptRequest(code, parse_date(date_), count, note)
    outcome = rules.accept_project(loaded.plan, one_ledger(ledger, loaded.plan.id), req, flags,
                                   lock_timeout=lock_timeout, dry_run=dry_run)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, dry_run)


@app.command("settle", cls=KcCommand)
def settle(
    code: CodeArg,
    date_: DateOpt,
    decision: Annotated[str | None, typer.Option("--decision", metavar="var.text", help="opt.settle_decision")] = None,
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.dates import parse_date

    loaded = plan_file(plan)
    flags = rules.Flags(allow_outside_period=allow_outside_period, allow_future=allow_future, allow_closed=allow_closed)
    outcome = rules.settle_project(loaded.plan, one_ledger(ledger, loaded.plan.id), code, parse_date(date_), decision,
                                   flags, lock_timeout=lock_timeout, dry_run=dry_run)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, dry_run)


@app.command("stop", cls=KcCommand)
def stop(
    code: CodeArg,
    reason: Annotated[str, typer.Option("--reason", metavar="var.text", help="opt.stop_reason")],
    date_: DateOpt,
    allow_outside_period: AllowOutsideOpt = False,
    allow_future: AllowFutureOpt = False,
    allow_closed: AllowClosedOpt = False,
    dry_run: DryRunOpt = False,
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    from kc_tracker import rules
    from kc_tracker.dates import parse_date

    loaded = plan_file(plan)
    flags = rules.Flags(allow_outside_period=allow_outside_period, allow_future=allow_future, allow_closed=allow_closed)
    outcome = rules.stop_project(loaded.plan, one_ledger(ledger, loaded.plan.id), code, parse_date(date_), reason,
                                 flags, lock_timeout=lock_timeout, dry_run=dry_run)  # fmt: skip
    print_outcome(loaded.plan, outcome, fmt, dry_run)


class State(StrEnum):
    approved = "approved"
    accepted = "accepted"
    settled = "settled"
    stopped = "stopped"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command("list", cls=KcCommand)
def list_(
    line: Annotated[str | None, typer.Option("--line", metavar="var.line", help="opt.project_list_line")] = None,
    state: Annotated[State | None, typer.Option("--state", help="opt.project_state")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="opt.project_overdue")] = False,
    as_of: AsOfOpt = None,
    fmt: Annotated[ListFormat | None, typer.Option("--format", help="opt.project_list_format")] = None,
    output: OutputOpt = None,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from kc_tracker import report
    from kc_tracker.dates import today

    target = output_path(output)
    fmt = output_format(target, fmt, {".json": ListFormat.json, ".csv": ListFormat.csv}, ListFormat.table)
    loaded = plan_file(plan)
    line_id = loaded.plan.find_line(line).id if line else None
    day = parse_day(as_of, "--as-of") or today()
    with (
        stdout_to(target, protected_files(loaded, ledger_paths(ledger, loaded.plan.id))),
        opened(loaded, ledger) as ledgers,
    ):
        states = [found for item in ledgers for found in item.index.projects(day)]
        rows = [
            report.project_dict(loaded.plan, found, day)
            for found in sorted(states, key=lambda s: (s.approved, s.code))
            if (line_id is None or found.line == line_id) and (state is None or found.state == state.value)
            and (not overdue or report.overdue(loaded.plan, found, day) is not None)
        ]  # fmt: skip
        if fmt is ListFormat.json:
            dump_json(rows)
        elif fmt is ListFormat.csv:
            from kc_tracker import export

            write_exactly(export.to_csv(rows, report.PROJECT_KEYS, for_people=target is not None))
        else:
            from kc_tracker import render

            render.print_projects(loaded.plan, rows, day)


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("show", cls=KcCommand)
def show(
    code: CodeArg,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="opt.text_format")] = ShowFormat.text,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from kc_tracker import report
    from kc_tracker.dates import today
    from kc_tracker.ledger import as_dict
    from kc_tracker.tally import project_key

    loaded = plan_file(plan)
    with opened(loaded, ledger) as ledgers:
        holding = [(item, found) for item in ledgers if (found := item.index.projects(key=project_key(code.strip())))]
        if not holding:
            raise InputError(t("project.unknown", code=code))
        if len(holding) > 1:  # two units' ledgers, each with its own đề án of this code
            raise InputError(t("project.in_ledgers", code=code, ledgers=", ".join(str(i.path) for i, _ in holding)))
        [(item, [state])] = holding  # one ledger, and one đề án of a code in it
        history = item.index.project_entries(state.key)
    day = today()
    if fmt is ShowFormat.json:
        events = [as_dict(entry, chain=False) | {"voided_by": voided_by} for entry, voided_by in history]
        dump_json(report.project_dict(loaded.plan, state, day) | {"history": events})
        return
    from kc_tracker import render

    render.print_project(loaded.plan, report.project_dict(loaded.plan, state, day), history)
