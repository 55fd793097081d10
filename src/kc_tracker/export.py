"""Status and entries as data: JSON objects, CSV, Markdown and XLSX.

JSON and CSV carry raw values (money as integers of đồng, ISO dates); Markdown and XLSX
headers follow the active language. Text that users wrote and that starts with = + - @ tab
or CR is never let become a formula: CSV prefixes it with an apostrophe, XLSX stores it as
a string cell.
"""

import csv
import io
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kc_tracker import __version__
from kc_tracker.i18n import lang, t
from kc_tracker.money import format_int, format_pct, format_trieu
from kc_tracker.report import LineStatus, LogRow, Status

LINE_KEYS = [
    "id",
    "number",
    "name",
    "unit",
    "target_count",
    "done_count",
    "remaining_count",
    "budget_vnd",
    "spent_vnd",
    "remaining_vnd",
    "spent_pct",
    "done_pct",
]
ENTRY_KEYS = [
    "id",
    "line",
    "line_number",
    "date",
    "amount_vnd",
    "count",
    "locality",
    "beneficiary",
    "note",
    "ref",
    "recorded_at",
    "voided",
    "void_id",
    "void_reason",
    "void_date",
    "hash",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _line(line: LineStatus) -> dict[str, Any]:
    return {key: getattr(line, key) for key in LINE_KEYS}


def status_dict(status: Status) -> dict[str, Any]:
    totals = status.totals
    return {
        "plan": {
            "id": status.plan.id,
            "title": status.plan.title,
            "start": status.plan.start.isoformat(),
            "end": status.plan.end.isoformat(),
        },
        "as_of": status.as_of.isoformat(),
        "lines": [_line(line) for line in status.lines],
        "unplanned_lines": [_line(line) for line in status.unplanned],
        "totals": {
            "budget_vnd": totals.budget_vnd,
            "spent_vnd": totals.spent_vnd,
            "remaining_vnd": totals.remaining_vnd,
            "spent_pct": totals.spent_pct,
            "counts_by_unit": [asdict(count) for count in totals.counts_by_unit],
        },
        "indicators": [indicator.model_dump() for indicator in status.indicators],
    }


def entry_dict(row: LogRow) -> dict[str, Any]:
    record, void = row.record, row.void
    return {
        "id": record.id,
        "line": record.line,
        "line_number": row.line_number,
        "date": record.date.isoformat(),
        "amount_vnd": record.amount_vnd,
        "count": record.count,
        "locality": record.locality,
        "beneficiary": record.beneficiary,
        "note": record.note,
        "ref": record.ref,
        "recorded_at": record.recorded_at.isoformat(),
        "voided": void is not None,
        "void_id": void.id if void else None,
        "void_reason": void.reason if void else None,
        "void_date": void.date.isoformat() if void else None,
        "hash": record.hash,
    }


def meta(
    *, as_of: str, plan_file: str, plan_id: str, plan_sha256: str, ledger_file: str, ledger_tip: str
) -> dict[str, Any]:
    """What an export is: enough to tell later exactly which plan and ledger state it came from."""
    return {
        "kc_version": __version__,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "lang": lang(),
        "as_of": as_of,
        "plan_id": plan_id,
        "plan_file": plan_file,
        "plan_sha256": plan_sha256,
        "ledger_file": ledger_file,
        "ledger_tip": ledger_tip,
    }


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]], keys: list[str], extra: dict[str, Any] | None = None) -> str:
    """CSV with the JSON keys as columns; `extra` adds constant columns (the ledger tip)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = keys + list(extra or {})
    writer.writerow(columns)
    for row in rows:
        full = row | (extra or {})
        writer.writerow(["" if full[key] is None else _safe(full[key]) for key in columns])
    return out.getvalue()


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def _md_table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _md_header(info: dict[str, Any], title: str) -> list[str]:
    lines = [f"# {_md_cell(title)}", ""]
    lines += [f"- {t('meta.' + key)}: `{value}`" for key, value in info.items()]
    return [*lines, ""]


def _count(value: int | None) -> str:
    return "—" if value is None else format_int(value)


def status_markdown(status: Status, info: dict[str, Any]) -> str:
    headers = [
        t(f"col.{key}")
        for key in (
            "number",
            "line",
            "unit",
            "target_count",
            "done_count",
            "remaining_count",
            "budget_vnd",
            "spent_vnd",
            "remaining_vnd",
            "spent_pct",
        )
    ]
    rows = [
        [
            str(line.number or "?"),
            line.name,
            line.unit or "",
            _count(line.target_count),
            _count(line.done_count),
            _count(line.remaining_count),
            format_trieu(line.budget_vnd),
            format_trieu(line.spent_vnd),
            format_trieu(line.remaining_vnd),
            format_pct(line.spent_pct),
        ]
        for line in status.lines + status.unplanned
    ]
    totals = status.totals
    rows.append(
        [
            "",
            f"**{t('status.total')}**",
            "",
            "",
            "",
            "",
            f"**{format_trieu(totals.budget_vnd)}**",
            f"**{format_trieu(totals.spent_vnd)}**",
            f"**{format_trieu(totals.remaining_vnd)}**",
            format_pct(totals.spent_pct),
        ]
    )
    out = _md_header(info, status.plan.title)
    out += [t("status.money_unit"), ""]
    out += _md_table(headers, rows, right={0, 3, 4, 5, 6, 7, 8, 9})
    out += ["", f"**{t('status.counts')}**", ""]
    out += [f"- {c.unit}: {format_int(c.done_count)} / {format_int(c.target_count)}" for c in totals.counts_by_unit]
    out += ["", f"**{t('status.indicators')}**", ""]
    out += [f"- {i.name}: {t('status.target')} {format_int(i.target)} {i.unit}" for i in status.indicators]
    return "\n".join(out) + "\n"


def entries_markdown(rows: list[dict[str, Any]], info: dict[str, Any], title: str) -> str:
    keys = ["date", "line_number", "line", "amount_vnd", "count", "locality", "beneficiary", "note", "id", "voided"]
    headers = [t(f"col.{key}") for key in keys]
    body = [
        [
            row["date"],
            str(row["line_number"] or "?"),
            row["line"],
            format_trieu(row["amount_vnd"]),
            _count(row["count"]),
            row["locality"] or "",
            row["beneficiary"] or "",
            row["note"] or "",
            row["id"],
            t("log.voided_short") if row["voided"] else "",
        ]
        for row in rows
    ]
    return "\n".join(_md_header(info, title) + _md_table(headers, body, right={1, 3, 4})) + "\n"


def write_xlsx(path: Path, status: dict[str, Any], entries: list[dict[str, Any]], info: dict[str, Any]) -> None:
    """A summary sheet, an entries sheet and an about sheet, numbers as numbers (write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    book = Workbook(write_only=True)

    def cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
        if isinstance(value, str):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"  # a string, even if it starts with "=": never a formula
            return text
        return value

    def sheet(title: str, keys: list[str], rows: list[dict[str, Any]]) -> WriteOnlyWorksheet:
        ws: WriteOnlyWorksheet = book.create_sheet(title)
        ws.append([cell(ws, t(f"col.{key}")) for key in keys])
        for row in rows:
            ws.append([cell(ws, row[key]) for key in keys])
        return ws

    summary = sheet(t("xlsx.summary"), LINE_KEYS, status["lines"] + status["unplanned_lines"])
    totals = status["totals"] | {"id": t("status.total")}
    summary.append([cell(summary, totals.get(key)) for key in LINE_KEYS])
    sheet(t("xlsx.entries"), ENTRY_KEYS, entries)
    about = book.create_sheet(t("xlsx.about"))
    for key, value in info.items():
        about.append([cell(about, t("meta." + key)), cell(about, value)])
    book.save(path)
