"""The `kc` command line: parse options, call the domain, present the result.

Errors are KcError exceptions raised by the domain; `KcGroup.invoke` turns them into one
line on stderr and exit code 1, in one place. Exit 2 stays Click's, for usage errors.
"""

import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer import _click
from typer.core import TyperGroup

from kc_tracker import __version__, paths
from kc_tracker.errors import InputError, KcError
from kc_tracker.i18n import LANGS, t


class KcGroup(TyperGroup):
    def invoke(self, ctx: _click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KcError as e:
            from kc_tracker import render

            render.error(t(e.label_key), str(e))
            raise typer.Exit(e.exit_code) from None


app = typer.Typer(
    cls=KcGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Theo dõi kế hoạch khuyến công Lào Cai 2021–2025 / Track the Lào Cai khuyến công plan 2021–2025.",
)
plan_app = typer.Typer(cls=KcGroup, no_args_is_help=True, rich_markup_mode=None, help="Kế hoạch / the plan.")
app.add_typer(plan_app, name="plan")


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class RecordFormat(StrEnum):
    text = "text"
    json = "json"


class LogFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


class PlanFormat(StrEnum):
    table = "table"
    toml = "toml"


PlanOpt = Annotated[
    Path | None, typer.Option("--plan", help="Plan TOML file [env KC_PLAN; default: the bundled 2021–2025 plan].")
]
LedgerOpt = Annotated[
    Path | None,
    typer.Option("--ledger", help="Ledger file [env KC_LEDGER; default: ledger.jsonl in the user data folder]."),
]
LockTimeoutOpt = Annotated[
    float, typer.Option("--lock-timeout", min=0, help="Seconds to wait for another writer before giving up.")
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Count records dated on or before this day (YYYY-MM-DD).")]
DEFAULT_LOCK_TIMEOUT = 5.0


def _version(value: bool) -> None:
    if value:
        print(f"kc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    lang_value = os.environ.get("KC_LANG")
    if lang_value and lang_value.strip().lower() not in LANGS:
        from kc_tracker import render

        render.warn(t("env.lang", value=lang_value))


# --- helpers shared by the commands -------------------------------------------------------------


def _load(plan_opt: Path | None) -> Any:
    from kc_tracker.plan import load_plan

    return load_plan(paths.plan(plan_opt))


def _plan_label(plan_opt: Path | None) -> str:
    from kc_tracker.plan import bundled_plan_path

    path = paths.plan(plan_opt)
    return str(path) if path else f"{t('status.bundled')} ({bundled_plan_path()})"


def _as_of(text: str | None) -> date:
    from kc_tracker.dates import parse_date, today

    return parse_date(text, "--as-of") if text else today()


def _warn_about(file: Any) -> None:
    """Reading commands report on a ledger they could read, but say what is wrong with it."""
    from kc_tracker import render
    from kc_tracker.ledger import torn_path

    if file.torn is not None:
        render.warn(t("ledger.torn", path=file.path, size=len(file.torn), torn=torn_path(file.path)))
    if file.breaks:
        render.warn(t("ledger.chain", path=file.path, lines=", ".join(str(b.lineno) for b in file.breaks[:5])))


def _dump_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _compute_status(plan_opt: Path | None, ledger_opt: Path | None, as_of: str | None) -> tuple[Any, Any, Any]:
    """(plan, status, the ledger file as read: its tip hash and warnings)."""
    from kc_tracker import ledger, report

    plan = _load(plan_opt)
    file = ledger.read(paths.ledger(ledger_opt), plan.plan.id)
    result = report.status(plan, file, _as_of(as_of))
    _warn_about(file)
    return plan, result, file


def _meta(plan_opt: Path | None, ledger_opt: Path | None, status: Any, tip: str) -> dict[str, Any]:
    from kc_tracker import export
    from kc_tracker.plan import bundled_plan_path, file_hash

    plan_path = paths.plan(plan_opt) or bundled_plan_path()
    return export.meta(
        as_of=status.as_of.isoformat(),
        plan_file=str(paths.plan(plan_opt) or t("status.bundled")),
        plan_id=status.plan.id,
        plan_sha256=file_hash(plan_path),
        ledger_file=str(paths.ledger(ledger_opt)),
        ledger_tip=tip,
    )


# --- commands -----------------------------------------------------------------------------------


@app.command()
def status(
    as_of: AsOfOpt = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv or md.")] = StatusFormat.table,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """What is spent, done and left per line (Tình hình thực hiện kế hoạch)."""
    from kc_tracker import export, render

    _, result, file = _compute_status(plan, ledger, as_of)
    if fmt is StatusFormat.table:
        render.print_status(result, _plan_label(plan), str(paths.ledger(ledger)))
    elif fmt is StatusFormat.json:
        _dump_json(export.status_dict(result))
    elif fmt is StatusFormat.csv:
        sys.stdout.write(export.to_csv(export.status_dict(result)["lines"], export.LINE_KEYS))
    else:
        sys.stdout.write(export.status_markdown(result, _meta(plan, ledger, result, file.tip)))


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
    allow_over_budget: Annotated[
        bool, typer.Option("--allow-over-budget", help="Accept going past the line's budget.")
    ] = False,
    allow_outside_period: Annotated[
        bool, typer.Option("--allow-outside-period", help="Accept a date outside the plan period.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show, write nothing.")] = False,
    fmt: Annotated[RecordFormat, typer.Option("--format", help="text or json.")] = RecordFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Record money disbursed and/or a count completed on a line (Ghi nhận giải ngân, kết quả)."""
    from kc_tracker import actions
    from kc_tracker.dates import parse_date
    from kc_tracker.money import parse_amount

    request = actions.RecordRequest(
        line=line,
        amount_vnd=parse_amount(amount),
        count=count,
        date=parse_date(date_) if date_ is not None else None,
        locality=locality,
        beneficiary=beneficiary,
        note=note,
        ref=ref,
        allow_over_budget=allow_over_budget,
        allow_outside_period=allow_outside_period,
    )
    outcome = actions.record(_load(plan), paths.ledger(ledger), request, lock_timeout=lock_timeout, dry_run=dry_run)
    _print_outcome(outcome, fmt, dry_run)


@app.command()
def void(
    entry_id: Annotated[str, typer.Argument(help="Id of the record to void (see `kc log`).")],
    reason: Annotated[str, typer.Option("--reason", help="Why it no longer counts.")],
    fmt: Annotated[RecordFormat, typer.Option("--format", help="text or json.")] = RecordFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
    lock_timeout: LockTimeoutOpt = DEFAULT_LOCK_TIMEOUT,
) -> None:
    """Cancel a record; both stay in the ledger and in `kc log` (Hủy một bản ghi)."""
    from kc_tracker import actions

    outcome = actions.void(_load(plan), paths.ledger(ledger), entry_id, reason, lock_timeout=lock_timeout)
    _print_outcome(outcome, fmt, dry_run=False)


def _print_outcome(outcome: Any, fmt: RecordFormat, dry_run: bool) -> None:
    from kc_tracker import render
    from kc_tracker.ledger import Void
    from kc_tracker.money import format_int, format_trieu

    line = outcome.line
    budget = line.budget_vnd if line else 0
    remaining_count = line.target - outcome.done_count if line and line.target is not None else None
    if fmt is RecordFormat.json:
        data = outcome.entry.model_dump(mode="json", exclude={"prev", "hash"}, exclude_none=True)
        data |= {
            "hash": outcome.entry.hash,
            "noop": outcome.noop,
            "dry_run": dry_run,
            "balance": {
                "budget_vnd": budget,
                "spent_vnd": outcome.spent_vnd,
                "remaining_vnd": budget - outcome.spent_vnd,
                "done_count": outcome.done_count if line and line.counted else None,
                "remaining_count": remaining_count,
            },
        }
        _dump_json(data)
        return
    entry = outcome.entry
    if isinstance(entry, Void):
        key = "void.noop" if outcome.noop else "void.done"
        render.message(t(key, id=entry.target, reason=entry.reason, date=entry.date))
        line_id = entry.voided.line
    else:
        key = "record.noop" if outcome.noop else ("record.dry_run" if dry_run else "record.done")
        count = f", {format_int(entry.count)} {line.unit}" if entry.count is not None and line else ""
        render.message(
            t(key, id=entry.id, line=entry.line, amount=format_trieu(entry.amount_vnd), count=count, date=entry.date)
        )
        line_id = entry.line
    balance = t(
        "balance.money",
        line=line_id,
        remaining=format_trieu(budget - outcome.spent_vnd),
        budget=format_trieu(budget),
        spent=format_trieu(outcome.spent_vnd),
    )
    if remaining_count is not None and line is not None and line.target is not None:
        balance += t(
            "balance.count", done=format_int(outcome.done_count), target=format_int(line.target), unit=line.unit
        )
    render.message(balance)


@app.command()
def log(
    line: Annotated[str | None, typer.Option("--line", help="Only this line (id or number).")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="From this date (YYYY-MM-DD).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Up to this date (YYYY-MM-DD).")] = None,
    fmt: Annotated[LogFormat, typer.Option("--format", help="table, json or csv.")] = LogFormat.table,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """The progress records, oldest first; voided ones stay listed (Nhật ký)."""
    from kc_tracker import export, render, report
    from kc_tracker import ledger as ledger_mod
    from kc_tracker.dates import parse_date

    plan_model = _load(plan)
    line_id = plan_model.find_line(line).id if line else None
    start = parse_date(from_, "--from") if from_ else None
    end = parse_date(to, "--to") if to else None
    file = ledger_mod.read(paths.ledger(ledger), plan_model.plan.id)
    rows = report.log(plan_model, file, line_id, start, end)
    _warn_about(file)
    if fmt is LogFormat.table:
        render.print_log(rows)
    elif fmt is LogFormat.json:
        _dump_json([export.entry_dict(row) for row in rows])
    else:
        sys.stdout.write(export.to_csv([export.entry_dict(row) for row in rows], export.ENTRY_KEYS))


_EXTENSIONS = {".csv": ExportFormat.csv, ".json": ExportFormat.json, ".md": ExportFormat.md, ".xlsx": ExportFormat.xlsx}


@app.command("export")
def export_(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="csv, json, md or xlsx [default: from --output's extension, else json]."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    as_of: AsOfOpt = None,
    entries: Annotated[bool, typer.Option("--entries", help="Export the entries instead of the summary.")] = False,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """A summary (or the entries) to send upward, with what it was made from (Xuất báo cáo)."""
    from kc_tracker import export, report
    from kc_tracker import ledger as ledger_mod

    if fmt is None:
        fmt = _EXTENSIONS.get(output.suffix.lower()) if output else ExportFormat.json
        if fmt is None:
            raise InputError(t("export.which_format", path=output))
    if fmt is ExportFormat.xlsx and output is None:
        raise InputError(t("export.xlsx_needs_output"))
    plan_model, result, file = _compute_status(plan, ledger, as_of)
    info = _meta(plan, ledger, result, file.tip)
    summary = export.status_dict(result)
    rows: list[dict[str, Any]] = []
    if entries or fmt is ExportFormat.xlsx:
        file = ledger_mod.read(paths.ledger(ledger), plan_model.plan.id)
        rows = [export.entry_dict(row) for row in report.log(plan_model, file)]
    if fmt is ExportFormat.xlsx:
        assert output is not None
        _write_output(output, lambda tmp: export.write_xlsx(tmp, summary, rows, info))
        return
    tip = {"ledger_tip": info["ledger_tip"]}
    if fmt is ExportFormat.json:
        text = (
            json.dumps(
                {"meta": info, "entries": rows} if entries else summary | {"meta": info}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
    elif fmt is ExportFormat.csv:
        text = (
            export.to_csv(rows, export.ENTRY_KEYS, tip)
            if entries
            else export.to_csv(summary["lines"], export.LINE_KEYS, tip)
        )
        text = "\ufeff" + text if output else text  # the BOM tells Excel the file is UTF-8
    else:
        title = result.plan.title
        text = export.entries_markdown(rows, info, title) if entries else export.status_markdown(result, info)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def _write_output(output: Path, write: Any) -> None:
    """Write next to the target, then rename: a reader never sees half a report."""
    from kc_tracker import render

    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(t("export.unwritable", path=output, reason=e.strerror or e)) from None
    render.note(t("export.written", path=output))


@app.command()
def check(
    fmt: Annotated[RecordFormat, typer.Option("--format", help="text or json.")] = RecordFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Verify plan and ledger: every line, ids, refs, voids, the hash chain; recompute totals (Kiểm tra)."""
    from kc_tracker import check as check_mod
    from kc_tracker import render
    from kc_tracker.money import format_int, format_trieu

    plan_model = _load(plan)
    path = paths.ledger(ledger)
    result = check_mod.check(plan_model, path)
    for warning in result.warnings:
        render.warn(warning)
    if fmt is RecordFormat.json:
        _dump_json(
            {
                "ok": result.ok,
                "ledger": str(path),
                "plan_id": plan_model.plan.id,
                "records": result.records,
                "voids": result.voids,
                "spent_vnd": result.spent_vnd,
                "tip": result.tip,
                "problems": [{"line": p.line, "code": p.code, "message": p.message} for p in result.problems],
                "warnings": result.warnings,
            }
        )
    elif result.ok:
        render.message(
            t(
                "check.ok",
                path=path,
                records=format_int(result.records),
                voids=format_int(result.voids),
                spent=format_trieu(result.spent_vnd),
                tip=result.tip or "—",
            )
        )
    else:
        for problem in result.problems:
            render.message(f"{path}:{problem.line or '-'}: {problem.message}")
    if not result.ok:
        raise typer.Exit(1)


@plan_app.command("show")
def plan_show(
    fmt: Annotated[PlanFormat, typer.Option("--format", help="table or toml.")] = PlanFormat.table,
    plan: PlanOpt = None,
) -> None:
    """The plan's lines, targets and budgets; `--format toml` writes a plan file that loads back."""
    plan_model = _load(plan)
    if fmt is PlanFormat.toml:
        import tomli_w

        sys.stdout.write(tomli_w.dumps(plan_model.model_dump(exclude_none=True)))
    else:
        from kc_tracker import render

        render.print_plan(plan_model)


def _utf8_console() -> None:
    # Windows consoles and redirected output default to a legacy code page: Vietnamese would break.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main() -> None:
    _utf8_console()
    try:
        app()
    except Exception as e:  # a bug of ours: one plain line, not a traceback (KC_DEBUG=1 shows it)
        if os.environ.get("KC_DEBUG"):
            raise
        from kc_tracker import render

        render.error(t("label.error"), t("bug", kind=type(e).__name__, text=e))
        sys.exit(1)
