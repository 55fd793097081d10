"""Commands that read: status, log, export, check. They never create or change a ledger."""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from kc_tracker.cli.common import (
    AsOfOpt,
    ByOpt,
    FromOpt,
    LedgerOpt,
    LedgersOpt,
    PlanOpt,
    TextFormat,
    TextFormatOpt,
    ToOpt,
    compute_status,
    dump_json,
    entries_of,
    export_meta,
    json_text,
    load,
    one_ledger,
    open_ledgers,
    parse_day,
    plan_label,
    warn_about,
)
from kc_tracker.errors import InputError
from kc_tracker.i18n import t

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


@app.command()
def status(
    as_of: AsOfOpt = None,
    start: FromOpt = None,
    to: ToOpt = None,
    by: ByOpt = None,
    fmt: Annotated[StatusFormat, typer.Option("--format", help="table, json, csv or md.")] = StatusFormat.table,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    """What is spent, done and left per line (Tình hình thực hiện kế hoạch)."""
    from kc_tracker import export

    _, result, files = compute_status(plan, ledger, as_of, start, to, by)
    if fmt is StatusFormat.table:
        from kc_tracker import render

        render.print_status(result, plan_label(plan), "; ".join(str(f.path) for f in files))
    elif fmt is StatusFormat.json:
        dump_json(export.status_dict(result))
    elif fmt is StatusFormat.csv:
        if result.by:
            sys.stdout.write(export.to_csv(export.group_rows(result), export.GROUP_KEYS))
        else:
            sys.stdout.write(export.to_csv(export.status_dict(result)["lines"], export.LINE_KEYS))
    else:
        sys.stdout.write(export.status_markdown(result, export_meta(plan, result, files)))


@app.command()
def log(
    line: Annotated[str | None, typer.Option("--line", help="Only this line (id or number).")] = None,
    start: FromOpt = None,
    to: Annotated[str | None, typer.Option("--to", help="Up to this day (YYYY-MM-DD).")] = None,
    fmt: Annotated[LogFormat, typer.Option("--format", help="table, json or csv.")] = LogFormat.table,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    """The progress records, oldest first; voided ones stay listed (Nhật ký)."""
    from kc_tracker import export, render, report

    plan_model = load(plan)
    line_id = plan_model.find_line(line).id if line else None
    first, last = parse_day(start, "--from"), parse_day(to, "--to")
    files = open_ledgers(plan_model, ledger)
    rows = report.log(plan_model, entries_of(files), line_id, first, last)
    for file in files:
        warn_about(file)
    if fmt is LogFormat.table:
        render.print_log(rows)
    elif fmt is LogFormat.json:
        dump_json([export.entry_dict(row) for row in rows])
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
    start: FromOpt = None,
    to: ToOpt = None,
    by: ByOpt = None,
    entries: Annotated[bool, typer.Option("--entries", help="Export the entries instead of the summary.")] = False,
    plan: PlanOpt = None,
    ledger: LedgersOpt = None,
) -> None:
    """A summary (or the entries) to send upward, with what it was made from (Xuất báo cáo)."""
    from kc_tracker import export, render, report

    if fmt is None:
        fmt = _EXTENSIONS.get(output.suffix.lower()) if output else ExportFormat.json
        if fmt is None:
            raise InputError(t("export.which_format", path=output))
    if fmt is ExportFormat.xlsx and output is None:
        raise InputError(t("export.xlsx_needs_output"))
    plan_model, result, files = compute_status(plan, ledger, as_of, start, to, by)
    info = export_meta(plan, result, files)
    rows: list[dict[str, Any]] = []
    if entries or fmt is ExportFormat.xlsx:
        logged = report.log(plan_model, entries_of(open_ledgers(plan_model, ledger)), None, result.start, result.as_of)
        rows = [export.entry_dict(row) for row in logged]
    if fmt is ExportFormat.xlsx:
        assert output is not None
        _write_output(output, lambda tmp: export.write_xlsx(tmp, result, rows, info))
        render.note(t("export.written", path=output))
        return
    tip = {"ledger_tip": info["ledger_tip"]}
    summary = export.status_dict(result)
    if fmt is ExportFormat.json:
        data = {"meta": info, "entries": rows} if entries else summary | {"meta": info}
        text = json_text(data)
    elif fmt is ExportFormat.csv:
        if entries:
            text = export.to_csv(rows, export.ENTRY_KEYS, tip)
        elif result.by:
            text = export.to_csv(export.group_rows(result), export.GROUP_KEYS, tip)
        else:
            text = export.to_csv(summary["lines"], export.LINE_KEYS, tip)
        text = "\ufeff" + text if output else text  # the BOM tells Excel the file is UTF-8
    elif entries:
        text = export.entries_markdown(rows, info, result.plan.title)
    else:
        text = export.status_markdown(result, info)
    if output is None:
        sys.stdout.write(text)
        return
    _write_output(output, lambda tmp: tmp.write_bytes(text.encode("utf-8")))
    render.note(t("export.written", path=output))


def _write_output(output: Path, write: Callable[[Path], object]) -> None:
    """Write next to the target, then rename: a reader never sees half a report."""
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(t("export.unwritable", path=output, reason=e.strerror or e)) from None


@app.command()
def check(
    fmt: TextFormatOpt = TextFormat.text,
    plan: PlanOpt = None,
    ledger: LedgerOpt = None,
) -> None:
    """Verify plan and ledger: every line, ids, refs, voids, the hash chain; recompute totals (Kiểm tra)."""
    from kc_tracker import check as check_mod
    from kc_tracker import render
    from kc_tracker.money import format_int, format_trieu

    plan_model = load(plan)
    path = one_ledger(ledger)
    result = check_mod.check(plan_model, path)
    for warning in result.warnings:
        render.warn(warning)
    if fmt is TextFormat.json:
        dump_json(
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
