"""Status and entries as data: JSON objects, CSV, Markdown and XLSX.

JSON and CSV carry raw values (money as integers of đồng, ISO dates); Markdown and XLSX
headers and figures follow the active language. Text that users wrote and that starts with
= + - @ tab or CR never becomes a formula: CSV prefixes it with an apostrophe, XLSX stores it
as a string cell.
"""

import csv
import io
from dataclasses import asdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kc_tracker import __version__
from kc_tracker.dates import format_date
from kc_tracker.i18n import lang, t
from kc_tracker.money import format_decimal_text, format_int, format_pct, format_trieu
from kc_tracker.report import Group, IndicatorStatus, LineStatus, LogRow, Status

LINE_KEYS = [
    "id",
    "number",
    "name",
    "unit",
    "target_count",
    "done_count",
    "remaining_count",
    "budget_vnd",
    "original_budget_vnd",
    "spent_vnd",
    "remaining_vnd",
    "spent_pct",
    "done_pct",
    "counterpart_vnd",
    "leverage",
    "beneficiaries",
    "pace",
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
    "source",
    "counterpart_vnd",
    "recorded_at",
    "voided",
    "void_id",
    "void_reason",
    "void_date",
    "hash",
]
GROUP_KEYS = ["by", "key", "line", "spent_vnd", "done_count"]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _line(line: LineStatus) -> dict[str, Any]:
    return {key: getattr(line, key) for key in LINE_KEYS}


def _number(value: Decimal) -> int | float:
    """Indicator values: an int when whole; otherwise the nearest float (they are not money)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _group(group: Group) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": group.key,
        "spent_vnd": group.spent_vnd,
        "done_count": group.done_count,
        "lines": {line: {"spent_vnd": spent, "done_count": done} for line, (spent, done) in group.lines.items()},
    }
    if group.listed is not None:
        data["listed"] = group.listed
    return data


def status_dict(status: Status) -> dict[str, Any]:
    totals = status.totals
    closed = status.closed
    return {
        "plan": {
            "id": status.plan.id,
            "title": status.plan.title,
            "start": status.plan.start.isoformat(),
            "end": status.plan.end.isoformat(),
        },
        "as_of": status.as_of.isoformat(),
        "from": status.start.isoformat() if status.start else None,
        "elapsed_pct": status.elapsed_pct,
        "final": status.final,
        "lines": [_line(line) for line in status.lines],
        "unplanned_lines": [_line(line) for line in status.unplanned],
        "totals": {
            "budget_vnd": totals.budget_vnd,
            "original_budget_vnd": totals.original_budget_vnd,
            "spent_vnd": totals.spent_vnd,
            "remaining_vnd": totals.remaining_vnd,
            "spent_pct": totals.spent_pct,
            "counterpart_vnd": totals.counterpart_vnd,
            "counts_by_unit": [asdict(count) for count in totals.counts_by_unit],
        },
        "indicators": [
            {
                **item.indicator.model_dump(),
                "values": {str(year): _number(value) for year, value in item.values.items()},
                "latest": {"year": item.latest[0], "value": _number(item.latest[1])} if item.latest else None,
            }
            for item in status.indicators
        ],
        "adjustments": [
            {
                "id": a.id,
                "date": a.date.isoformat(),
                "from": a.from_line,
                "to": a.to_line,
                "amount_vnd": a.amount_vnd,
                "decision": a.decision,
            }
            for a in status.adjustments
        ],
        "closed": {"period": closed.period, "start": closed.start.isoformat(), "end": closed.end.isoformat()}
        if closed
        else None,
        "by": status.by,
        "groups": [_group(group) for group in status.groups],
    }


def group_rows(status: Status) -> list[dict[str, Any]]:
    """Breakdowns flattened for CSV and XLSX: one row per group and line."""
    return [
        {"by": status.by, "key": group.key, "line": line, "spent_vnd": spent, "done_count": done}
        for group in status.groups
        for line, (spent, done) in (group.lines.items() or {"": (0, 0)}.items())
    ]


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
        "source": record.source,
        "counterpart_vnd": record.counterpart_vnd,
        "recorded_at": record.recorded_at.isoformat(),
        "voided": void is not None,
        "void_id": void.id if void else None,
        "void_reason": void.reason if void else None,
        "void_date": void.date.isoformat() if void else None,
        "hash": record.hash,
    }


def meta(*, status: Status, plan_file: str, plan_sha256: str, ledgers: list[tuple[str, str]]) -> dict[str, Any]:
    """What an export is: enough to tell later exactly which plan and ledger state it came from."""
    return {
        "kc_version": __version__,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "lang": lang(),
        "as_of": status.as_of.isoformat(),
        "from": status.start.isoformat() if status.start else None,
        "plan_id": status.plan.id,
        "plan_file": plan_file,
        "plan_sha256": plan_sha256,
        "ledger_file": "; ".join(path for path, _ in ledgers),
        "ledger_tip": "; ".join(tip for _, tip in ledgers),
    }


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def unguard(text: str) -> str:
    """The inverse of the CSV formula guard, for `kc import` of what `kc export` wrote."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS) else text


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
    lines += [f"- {t('meta.' + key)}: `{value}`" for key, value in info.items() if value is not None]
    return [*lines, ""]


def _count(value: int | None) -> str:
    return "—" if value is None else format_int(value)


def _pace(line: LineStatus) -> str:
    return t(f"pace.{line.pace}") if line.pace else ""


def status_markdown(status: Status, info: dict[str, Any]) -> str:
    keys = [
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
        "pace",
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
            _pace(line),
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
            "",
        ]
    )
    title = status.plan.title + (f" — {t('status.final')}" if status.final else "")
    out = _md_header(info, title)
    out += [t("status.elapsed", pct=format_pct(status.elapsed_pct)), "", t("status.money_unit"), ""]
    out += _md_table([t(f"col.{key}") for key in keys], rows, right={0, 3, 4, 5, 6, 7, 8, 9})
    out += ["", f"**{t('status.counts')}**", ""]
    out += [f"- {c.unit}: {format_int(c.done_count)} / {format_int(c.target_count)}" for c in totals.counts_by_unit]
    out += ["", f"**{t('status.indicators')}**", ""]
    out += [f"- {indicator_summary(item)}" for item in status.indicators]
    if status.adjustments:
        out += ["", f"**{t('status.adjustments')}**", ""]
        out += [
            f"- {format_date(a.date)}: {format_trieu(a.amount_vnd)} {a.from_line} → {a.to_line} "
            f"({_md_cell(a.decision)})"
            for a in status.adjustments
        ]
    if status.closed:
        out += ["", t("status.closed", period=status.closed.period)]
    if status.by:
        out += ["", f"**{t('status.by', by=t('by.' + status.by))}**", ""]
        out += _md_table(
            [t("col.key"), t("col.line"), t("col.spent_vnd"), t("col.done_count")],
            [
                [_group_label(row["key"]), row["line"], format_trieu(row["spent_vnd"]), format_int(row["done_count"])]
                for row in group_rows(status)
            ],
            right={2, 3},
        )
    return "\n".join(out) + "\n"


def indicator_summary(item: IndicatorStatus) -> str:
    """`Giá trị sản xuất … — mục tiêu 5.500 tỷ đồng, năm 2023: 4.900 tỷ đồng`, for tables and Markdown."""
    i = item.indicator
    text = f"{i.name} — {t('status.target')} {format_int(i.target)} {i.unit}"
    if item.latest:
        year, value = item.latest
        text += t("status.latest", year=year, value=format_decimal_text(str(value)), unit=i.unit)
    return text


def _group_label(key: str | None) -> str:
    return key if key is not None else t("group.none")


def entries_markdown(rows: list[dict[str, Any]], info: dict[str, Any], title: str) -> str:
    keys = ["date", "line_number", "line", "amount_vnd", "count", "locality", "beneficiary", "note", "id", "voided"]
    headers = [t(f"col.{key}") for key in keys]
    body = [
        [
            format_date(row["date"]),
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


def write_xlsx(path: Path, status: Status, entries: list[dict[str, Any]], info: dict[str, Any]) -> None:
    """Summary (with a bar chart of spent vs budget), entries, a breakdown sheet if asked, and an about sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    book = Workbook(write_only=True)

    def cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
        # openpyxl reads a string starting with "=" as a formula: such text goes in a cell typed as a string.
        if isinstance(value, str) and value.startswith("="):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"
            return text
        return value

    def sheet(title: str, keys: list[str], rows: list[dict[str, Any]]) -> WriteOnlyWorksheet:
        ws: WriteOnlyWorksheet = book.create_sheet(title)
        ws.append([cell(ws, t(f"col.{key}")) for key in keys])
        for row in rows:
            ws.append([cell(ws, row[key]) for key in keys])
        return ws

    data = status_dict(status)
    line_rows = data["lines"] + data["unplanned_lines"]
    summary = sheet(t("xlsx.summary"), LINE_KEYS, line_rows)
    summary.append([cell(summary, (data["totals"] | {"id": t("status.total")}).get(key)) for key in LINE_KEYS])
    chart = BarChart()
    chart.title = t("xlsx.chart")
    chart.y_axis.title = "đ"
    budget_col, spent_col = LINE_KEYS.index("budget_vnd") + 1, LINE_KEYS.index("spent_vnd") + 1
    for col in (budget_col, spent_col):
        chart.add_data(Reference(summary, min_col=col, min_row=1, max_row=len(line_rows) + 1), titles_from_data=True)
    chart.set_categories(Reference(summary, min_col=1, min_row=2, max_row=len(line_rows) + 1))
    chart.width, chart.height = 24, 12
    summary.add_chart(chart, f"A{len(line_rows) + 4}")  # type: ignore[misc]  # stubs miss write-only sheets
    entries_sheet = sheet(t("xlsx.entries"), ENTRY_KEYS, [])  # its rows are streamed in below
    if status.by:
        sheet(t("by." + status.by), GROUP_KEYS, group_rows(status))
    about = book.create_sheet(t("xlsx.about"))
    for key, value in info.items():
        about.append([cell(about, t("meta." + key)), cell(about, value)])
    package = io.BytesIO()
    book.save(package)
    _with_rows(package, path, entries_sheet.path.lstrip("/"), ENTRY_KEYS, entries)


def _with_rows(package: io.BytesIO, path: Path, member: str, keys: list[str], rows: list[dict[str, Any]]) -> None:
    """Copy the workbook to `path`, with `rows` added to the sheet stored as `member`.

    openpyxl spends ~9 µs per cell even in write-only mode: 100 000 entries would take most of
    ten seconds. The rows are written here as the same XML openpyxl writes (inline strings,
    which are never formulas; numbers; booleans; nothing for an empty value), ~10× faster.
    """
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    columns = [(get_column_letter(number), key) for number, key in enumerate(keys, start=1)]

    def xml(number: int, row: dict[str, Any]) -> str:
        cells = [f'<row r="{number}">']
        for column, key in columns:
            value = row[key]
            if value is None:
                continue
            if isinstance(value, bool):
                cells.append(f'<c r="{column}{number}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{column}{number}" t="n"><v>{value}</v></c>')
            else:
                space = ' xml:space="preserve"' if value != value.strip() else ""
                cells.append(f'<c r="{column}{number}" t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>')
        cells.append("</row>")
        return "".join(cells)

    with zipfile.ZipFile(package) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != member:
                target.writestr(item, source.read(item))
                continue
            head, tail = source.read(item).decode().split("</sheetData>")
            with target.open(member, "w") as out:
                out.write(head.encode())
                for start in range(0, len(rows), 1000):
                    batch = rows[start : start + 1000]
                    out.write("".join(xml(n, row) for n, row in enumerate(batch, start=start + 2)).encode())
                out.write(("</sheetData>" + tail).encode())
