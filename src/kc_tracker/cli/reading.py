"""Commands that read: status, log, export, report, check. They never create or change a ledger."""

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kc_tracker.cli.common import (
    AsOfOpt,
    ByOpt,
    FromOpt,
    LedgerOpt,
    LedgersOpt,
    OutputOpt,
    PlanOpt,
    TextFormat,
    TextFormatOpt,
    ToOpt,
    YearOpt,
    compute_status,
    dump_json,
    export_meta,
    ledger_paths,
    ledgers_label,
    note,
    one_ledger,
    opened,
    out,
    output_format,
    output_path,
    parse_day,
    plan_file,
    plan_label,
    protected_files,
    report_days,
    stdout_to,
    warn,
    write_exactly,
    write_output,
)
from kc_tracker.cli.core import KcCommand
from kc_tracker.errors import InputError
from kc_tracker.i18n import os_reason, t

if TYPE_CHECKING:
    from kc_tracker.ledger import Record, Void
    from kc_tracker.report import LogRow
    from kc_tracker.store import Ledger

app = typer.Typer(rich_markup_mode=None, add_completion=False)  # its commands join `kc` (cli.core.COMMANDS)


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class LogFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


@app.command(cls=KcCommand)
def status(
    as_of: AsOfOpt = None,
    start: FromOpt = None,
    to: ToOpt = None,
    year: YearOpt = None,
    by: ByOpt = None,
    fmt: Annotated[StatusFormat | None, typer.Option("--format", help="opt.status_format")] = None,
    output: OutputOpt = None,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    target = output_path(output)
    fmt = output_format(target, fmt, _STATUS_EXTENSIONS, StatusFormat.table)
    loaded = plan_file(plan)
    last, first = report_days(as_of, start, to, year, loaded.plan)
    with (
        stdout_to(target, protected_files(loaded, ledger_paths(ledger, loaded.plan.id))),
        opened(loaded, ledger) as ledgers,
    ):
        result = compute_status(loaded, ledgers, last, first, by.value if by else None, year)
        if fmt is StatusFormat.json:
            from kc_tracker.report import status_dict

            dump_json(status_dict(result))
        elif fmt is StatusFormat.table:
            from kc_tracker import render

            render.print_status(result, plan_label(loaded), ledgers_label(ledgers))
        else:
            from kc_tracker import export, report

            if fmt is StatusFormat.csv:
                rows = report.group_rows(result) if result.by else report.line_rows(result)
                keys = report.GROUP_KEYS if result.by else report.CSV_LINE_KEYS
                write_exactly(export.to_csv(rows, keys, for_people=target is not None))
            else:
                sys.stdout.write(export.status_markdown(result, export_meta(loaded, result, ledgers)))


_STATUS_EXTENSIONS = {".json": StatusFormat.json, ".csv": StatusFormat.csv, ".md": StatusFormat.md}


@app.command(cls=KcCommand)
def log(
    line: Annotated[str | None, typer.Option("--line", metavar="var.line", help="opt.log_line")] = None,
    start: FromOpt = None,
    to: Annotated[str | None, typer.Option("--to", metavar="var.date", help="opt.log_to")] = None,
    fmt: Annotated[LogFormat | None, typer.Option("--format", help="opt.log_format")] = None,
    output: OutputOpt = None,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from kc_tracker import report

    target = output_path(output)
    fmt = output_format(target, fmt, {".json": LogFormat.json, ".csv": LogFormat.csv}, LogFormat.table)
    loaded = plan_file(plan)
    line_id = loaded.plan.find_line(line).id if line else None
    first, last = parse_day(start, "--from"), parse_day(to, "--to")
    if first and last and first > last:
        raise InputError(t("status.from_after_to", start=first, end=last))
    with (
        stdout_to(target, protected_files(loaded, ledger_paths(ledger, loaded.plan.id))),
        opened(loaded, ledger) as ledgers,
    ):
        rows = report.log_rows(loaded.plan, _merged(ledgers, line_id, first, last))
        if fmt is LogFormat.table:
            from kc_tracker import render

            table = render.log_table(render.width(), _longest(ledgers))
            _stream(render.log_lines(rows, table))
            return
        entries = (report.entry_dict(row) for row in rows)
        if fmt is LogFormat.json:
            _stream(_json_list(entries))
        else:
            from kc_tracker import export

            for text in export.csv_lines(entries, report.ENTRY_KEYS, for_people=target is not None):
                write_exactly(text)


def _merged(
    ledgers: list["Ledger"], line_id: str | None, first: date | None, last: date | None
) -> Iterator[tuple["Record", "Void | None"]]:
    """The records of several ledgers, oldest first (by date, then ledger by ledger as given, as recorded)."""
    import heapq

    streams = [_keyed(number, item.index.log(line_id, first, last)) for number, item in enumerate(ledgers)]
    for _, record, void in heapq.merge(*streams, key=lambda row: row[0]):
        yield record, void


def _keyed(
    number: int, rows: Iterator[tuple["Record", "Void | None"]]
) -> Iterator[tuple[Any, "Record", "Void | None"]]:
    for order, (record, void) in enumerate(rows):
        yield (record.date, number, order), record, void


def _longest(ledgers: list["Ledger"]) -> dict[str, int]:
    from kc_tracker.money import format_trieu

    found: dict[str, int] = {}
    for item in ledgers:
        longest = item.index.longest_texts()
        for key, value in longest.items():
            found[key] = max(found.get(key, 0), value)
    found["amount_vnd"] = len(format_trieu(found.get("amount_vnd", 0)))
    found["count"] = len(str(found.get("count", 0)))
    return found


def _stream(lines: Iterable[str]) -> None:
    write = sys.stdout.write
    for line in lines:
        write(line if line.endswith("\n") else line + "\n")


def _json_list(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    import json

    yield "["
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        yield ("  " if first else ",\n  ") + text.replace("\n", "\n  ")
        first = False
    yield "]"


_EXTENSIONS = {".csv": ExportFormat.csv, ".json": ExportFormat.json, ".md": ExportFormat.md, ".xlsx": ExportFormat.xlsx}


@app.command("export", cls=KcCommand)
def export_(
    fmt: Annotated[ExportFormat | None, typer.Option("--format", help="opt.export_format")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="var.file", help="opt.output")] = None,
    as_of: AsOfOpt = None,
    start: FromOpt = None,
    to: ToOpt = None,
    year: YearOpt = None,
    by: ByOpt = None,
    entries: Annotated[bool, typer.Option("--entries", help="opt.entries")] = False,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from kc_tracker import export, report

    target = output_path(output)
    fmt = output_format(target, fmt, _EXTENSIONS, ExportFormat.json if target is None else None)
    if fmt is ExportFormat.xlsx and target is None:
        raise InputError(t("export.xlsx_needs_output"))
    loaded = plan_file(plan)
    protected = protected_files(loaded, ledger_paths(ledger, loaded.plan.id))
    last, first = report_days(as_of, start, to, year, loaded.plan)
    with opened(loaded, ledger) as ledgers:
        result = compute_status(loaded, ledgers, last, first, by.value if by else None, year)
        info = export_meta(loaded, result, ledgers)

        def logged() -> Iterator["LogRow"]:
            return report.log_rows(loaded.plan, _merged(ledgers, None, result.start, result.as_of))

        if fmt is ExportFormat.xlsx:
            assert target is not None
            labels = export.line_labels(result.lines)
            projects = [report.project_dict(loaded.plan, state, result.as_of) for state in result.projects]
            write_output(target, lambda tmp: export.write_xlsx(tmp, result, logged(), info, labels, projects),
                         protected)  # fmt: skip
            note(t("export.written", path=target))
            return
        tip = {"ledger_tip": info["ledger_tip"]}
        if fmt is ExportFormat.json:
            import json

            data = (
                {"meta": info, "entries": [report.entry_dict(row) for row in logged()]}
                if entries
                else (report.status_dict(result) | {"meta": info})
            )
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        elif fmt is ExportFormat.csv:
            people = target is not None
            if entries:
                text = export.to_csv((report.entry_dict(row) for row in logged()), report.ENTRY_KEYS, tip, people)
            elif result.by:
                text = export.to_csv(report.group_rows(result), report.GROUP_KEYS, tip, people)
            else:
                text = export.to_csv(report.line_rows(result), report.CSV_LINE_KEYS, tip, people)
        elif entries:
            text = export.entries_markdown(logged(), info, result.plan.title)
        else:
            text = export.status_markdown(result, info)
    if target is None:
        write_exactly(text)
        return
    write_output(target, lambda tmp: tmp.write_bytes(text.encode("utf-8")), protected)
    note(t("export.written", path=target))


class ReportFormat(StrEnum):
    docx = "docx"
    md = "md"


@app.command(cls=KcCommand)
def report(
    quarter: Annotated[str | None, typer.Option("--quarter", metavar="var.quarter", help="opt.quarter")] = None,
    half: Annotated[str | None, typer.Option("--half", metavar="var.half", help="opt.half")] = None,
    year: YearOpt = None,
    start: FromOpt = None,
    to: ToOpt = None,
    as_of: AsOfOpt = None,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="var.file", help="opt.report_output")] = None,
    number: Annotated[str | None, typer.Option("--number", metavar="var.number", help="opt.report_number")] = None,
    signed: Annotated[str | None, typer.Option("--date", metavar="var.date", help="opt.report_date")] = None,
    notes: Annotated[Path | None, typer.Option("--notes", metavar="var.file", help="opt.notes")] = None,
    force: Annotated[bool, typer.Option("--force", help="opt.force")] = False,
    fmt: Annotated[ReportFormat | None, typer.Option("--format", help="opt.report_format")] = None,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    from datetime import timedelta

    from kc_tracker import document
    from kc_tracker import report as report_of
    from kc_tracker.dates import days_between, parse_period, today

    target = output_path(output)
    fmt = output_format(target, fmt, {".docx": ReportFormat.docx, ".md": ReportFormat.md}, ReportFormat.docx)
    if fmt is ReportFormat.docx and output == "-":
        raise InputError(t("report.docx_needs_file"))
    chosen = [name for name, value in (("--quarter", quarter), ("--half", half), ("--year", year),
                                       ("--from", start)) if value is not None]  # fmt: skip
    if len(chosen) > 1:
        raise InputError(t("report.one_period", options=", ".join(chosen)))
    if to is not None and chosen and chosen[0] != "--from":  # a named period ends where it ends
        raise InputError(t("report.to_with_period", option=chosen[0]))
    loaded = plan_file(plan)
    info = loaded.plan.plan
    period = None
    if quarter is not None or half is not None:
        code = quarter if quarter is not None else half
        period = parse_period(str(code), "--quarter" if quarter is not None else "--half")
        if period.kind != ("quarter" if quarter is not None else "half"):
            raise InputError(t("period.invalid", text=code, what="--quarter" if quarter is not None else "--half"))
    elif year is not None:
        period = parse_period(str(year), "--year")
    elif start is not None:
        first, end = parse_day(start, "--from"), parse_day(to, "--to")
        assert first is not None
        end = end or parse_day(as_of, "--as-of") or today()
        if first > end:
            raise InputError(t("status.from_after_to", start=first, end=end))
        period = days_between(first, end)
    if period is not None:  # every period alike: it counts up to today (or --as-of), never beyond
        if period.end < info.start or period.start > info.end:
            raise InputError(t("report.outside_plan", period=period.label, start=info.start, end=info.end))
        first = period.start
        cutoff = parse_day(as_of, "--as-of") or today()
        if cutoff < first:
            raise InputError(t("report.not_begun", period=period.label, day=cutoff))
        last = min(cutoff, period.end)
    else:
        last, first = report_days(as_of, None, to)
        if last < info.start:
            raise InputError(t("report.not_begun", period=t("report.since_start"), day=last))
    notes_text = None
    if notes is not None:
        try:
            notes_text = notes.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(t("report.notes_encoding", path=notes)) from None
        except OSError as e:
            raise InputError(t("report.notes_unreadable", path=notes, reason=os_reason(e))) from None
    signing = parse_day(signed, "--date") or today()
    with opened(loaded, ledger) as ledgers:
        result = compute_status(loaded, ledgers, last, first, None, year)
        meta = export_meta(loaded, result, ledgers)
        trace = document.Trace(meta["ledger_tip"], meta["plan_sha256"], meta["ledger_file"])
        began = (result.start or info.start) - timedelta(days=1)  # what was paid before the period
        paid_before = {found.project: found.paid for item in ledgers for found in item.index.project_sums(began)}
        projects = report_of.period_projects(loaded.plan, result, paid_before)
    built = document.build(loaded.plan, result, period, number, signing, trace, notes_text, str(notes), projects)
    if fmt is ReportFormat.md and target is None:
        sys.stdout.write(document.markdown(built))
        return
    target = target or Path(document.default_name(loaded.plan, period))
    protected = protected_files(loaded, ledger_paths(ledger, loaded.plan.id), reads=(notes,) if notes else ())
    if fmt is ReportFormat.md:
        text = document.markdown(built)
        write_output(target, lambda tmp: tmp.write_bytes(text.encode("utf-8")), protected, force=force)
    else:
        write_output(target, lambda tmp: document.write_docx(tmp, built), protected, force=force)
    note(t("export.written", path=target))


@app.command(cls=KcCommand)
def check(
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    from kc_tracker import check as check_mod
    from kc_tracker.money import format_int, format_trieu

    loaded = plan_file(plan)
    path = one_ledger(ledger, loaded.plan.id)
    result = check_mod.check(loaded.plan, path)
    for warning in result.warnings:
        warn(warning)
    if fmt is TextFormat.json:
        dump_json(
            {
                "ok": result.ok,
                "ledger": str(path),
                "plan_id": loaded.plan.id,
                "entries": result.entries,
                "records": result.records,
                "voids": result.voids,
                "spent_vnd": result.spent_vnd,
                "tip": result.tip,
                "problems": [{"line": p.line, "code": p.code, "message": p.message} for p in result.problems],
                "warnings": result.warnings,
            }
        )
    elif result.ok:
        out(
            t(
                "check.ok",
                path=path,
                entries=format_int(result.entries),
                voids=format_int(result.voids),
                spent=format_trieu(result.spent_vnd),
                tip=result.tip or "—",
            )
        )
    else:
        for problem in result.problems:
            out(f"{path}:{problem.line or '-'}: {problem.message}")
    if not result.ok:
        raise typer.Exit(1)
