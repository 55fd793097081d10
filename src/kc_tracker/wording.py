"""The sentences every output shares: the terminal, Markdown, XLSX and the report say a status the same way
(and the two Markdown outputs, export and report, write their tables the same way)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kc_tracker.dates import parse_period
from kc_tracker.i18n import format_date, t
from kc_tracker.money import format_count, format_decimal_text, format_int, format_pct, format_trieu
from kc_tracker.report import IndicatorStatus, LineStatus, LogRow, Status


def heading(status: Status) -> str:
    """ "Tính đến ngày 25/06/2024", "Từ ngày … đến ngày …", "Năm 2026 (…)", or the final report's."""
    if status.year is not None:
        return t("status.year", year=status.year, date=status.as_of)
    if status.start:
        return t("status.period", start=status.start, end=status.as_of)
    return t("status.final_as_of" if status.final else "status.as_of", date=status.as_of)


@dataclass(frozen=True)
class Figure:
    """A column of a status table, the same in the terminal, Markdown and XLSX: what it holds and its headers."""

    key: str
    kind: str  # text | count | pct | money: how its values read
    value: Callable[[LineStatus], Any]
    rank: int  # the terminal drops the highest rank first when it is short of width; 1 is never dropped
    header: str  # the short heading of a table (KH, TH, Kinh phí năm …)
    long_header: str  # a spreadsheet's, which has room for the words

    @property
    def right(self) -> bool:
        return self.kind != "text"

    def cell(self, line: LineStatus) -> str:
        return shown(self.kind, self.value(line))


def shown(kind: str, value: Any) -> str:
    """A figure as text: money in triệu đồng, counts and percentages, "—" where there is none."""
    if kind == "money":
        return "—" if value is None else format_trieu(value)
    if kind == "count":
        return format_count(value)
    if kind == "pct":
        return format_pct(value)
    return str(value)


def figures(status: Status) -> list[Figure]:
    """Every column a status shows after its number and name, in order. With --year: the year's allocation
    and the shares of it ("—" for a line the plan gives no allocation for that year)."""
    year = status.year is not None
    y = "year_" if year else ""
    return [
        Figure("unit", "text", lambda x: x.unit or "", 7, t("col.unit_short"), t("xlsx.h.unit")),
        Figure("target", "count", (lambda x: x.year_target_count) if year else (lambda x: x.target_count), 4,
               t(f"col.{y}target_short"), t(f"xlsx.h.{y}target")),
        Figure("done", "count", lambda x: x.done_count, 4, t("col.done_short"), t(f"xlsx.h.{y}done")),
        Figure("done_pct", "pct", (lambda x: x.year_done_pct) if year else (lambda x: x.done_pct), 6,
               t("col.done_pct_short"), t(f"xlsx.h.{y}done_pct")),
        Figure("budget", "money", (lambda x: x.year_budget_vnd) if year else (lambda x: x.budget_vnd), 1,
               t(f"col.{y}budget_short"), t(f"xlsx.h.{y}budget")),
        Figure("spent", "money", lambda x: x.spent_vnd, 1, t("col.spent_short"), t(f"xlsx.h.{y}spent")),
        Figure("spent_pct", "pct", (lambda x: x.year_spent_pct) if year else (lambda x: x.spent_pct), 3,
               t("col.spent_pct_short"), t(f"xlsx.h.{y}spent_pct")),
        Figure("remaining", "money", (lambda x: x.year_remaining_vnd) if year else (lambda x: x.remaining_vnd), 1,
               t(f"col.{y}remaining_short"), t(f"xlsx.h.{y}remaining")),
        *([Figure("uncommitted", "money", lambda x: x.uncommitted_vnd, 2, t("col.uncommitted_short"),
                  t("xlsx.h.uncommitted"))] if status.projects and not year else []),
        Figure("pace", "text", lambda x: pace(x.pace), 5, t("col.pace"), t("xlsx.h.pace")),
    ]  # fmt: skip


def totals(status: Status) -> dict[str, Any]:
    """The total row's figures, by column key (the others are empty)."""
    sums = status.totals
    if status.year is None:
        return {"budget": sums.budget_vnd, "spent": sums.spent_vnd, "spent_pct": sums.spent_pct,
                "remaining": sums.remaining_vnd, "uncommitted": sums.uncommitted_vnd}  # fmt: skip
    return {"budget": sums.year_budget_vnd, "spent": sums.spent_vnd, "spent_pct": sums.year_spent_pct,
            "remaining": sums.year_remaining_vnd}  # fmt: skip


def total_cells(status: Status, columns: list[Figure]) -> dict[str, str]:
    values = totals(status)
    return {f.key: shown(f.kind, values[f.key]) for f in columns if f.key in values}


def indicator_summary(item: IndicatorStatus) -> str:
    """`Giá trị sản xuất … — mục tiêu 5.500 tỷ đồng, năm 2023: 4.900 tỷ đồng`."""
    i = item.indicator
    text = f"{i.name} — {t('status.target')} {format_int(i.target)} {i.unit}"
    if item.latest:
        year, value = item.latest
        text += t("status.latest", year=year, value=format_decimal_text(str(value)), unit=i.unit)
    return text


def counts_by_unit(status: Status) -> str:
    """`cơ sở 3/207, lượt 0/18, nội dung 0/25`: counts add up within a unit only."""
    return ", ".join(
        f"{c.unit} {format_int(c.done_count)}/{format_int(c.target_count)}" for c in status.totals.counts_by_unit
    )


def group_heading(by: str) -> str:
    """The heading of a breakdown's first column: Năm, Quý, Địa bàn, Nguồn kinh phí."""
    word = t(f"by.{by}")
    return word[:1].upper() + word[1:]


def group_label(by: str, key: str | None) -> str:
    if key is None:
        return t("group.none")
    if by == "source":
        return t(f"source.{key}")
    if by in ("year", "quarter"):
        return parse_period(key).label
    return key


def pace(value: str | None) -> str:
    return t(f"pace.{value}") if value else ""


LEGEND = {"target": "legend.target", "done": "legend.done", "budget": "legend.budget", "spent_pct": "legend.spent_pct",
          "uncommitted": "legend.uncommitted"}  # fmt: skip
LEGEND_YEAR = {"target": "legend.year_target", "budget": "legend.year_budget", "done": "legend.year_done",
               "spent": "legend.year_spent", "spent_pct": "legend.year_spent_pct",
               "remaining": "legend.year_remaining"}  # fmt: skip
EVERY_COLUMN = frozenset({"target", "done", "budget", "spent", "spent_pct", "remaining", "pace", "uncommitted"})


def notes(status: Status, shown: frozenset[str] = EVERY_COLUMN) -> list[str]:
    """What a status table leaves out, as sentences under it: what its `shown` columns' headers mean, first."""
    legend = LEGEND_YEAR if status.year is not None else LEGEND
    pieces = [t(key) for column, key in legend.items() if column in shown]
    if status.year is not None:
        pieces.append(t("legend.year_none"))
    lines = ["; ".join(pieces) + "."]
    behind = [str(line.number) for line in status.lines if line.pace == "behind"]
    if behind and "pace" not in shown:
        lines.append(t("status.behind", numbers=", ".join(behind)))
    lines.append(t("status.elapsed", pct=format_pct(status.elapsed_pct)))
    counts = counts_by_unit(status)
    if counts:
        lines.append(f"{t('status.counts')}: {counts}")
    lines += [f"{t('status.indicators')}: {indicator_summary(item)}" for item in status.indicators]
    if status.projects:
        lines.append(projects_summary(status))
    if status.overdue:
        late = "; ".join(t(f"status.overdue_{item.reason}", code=item.project.code, since=item.since)
                         for item in status.overdue[:MAX_OVERDUE_NAMED])  # fmt: skip
        more = len(status.overdue) - MAX_OVERDUE_NAMED
        lines.append(t("status.overdue", projects=late) + (t("status.overdue_more", count=more) if more > 0 else ""))
    if status.adjustments:
        lines.append(t("status.adjusted", count=len(status.adjustments)))
    if status.closed:
        lines.append(t("status.closed", period=parse_period(status.closed.period).label))
    return lines


MAX_OVERDUE_NAMED = 10  # a status names these, then says how many more


def projects_summary(status: Status) -> str:
    """ "Đề án: 8 đã phê duyệt, 2 đã nghiệm thu, 1 đã quyết toán; …": the states, and the money they hold."""
    counts = status.totals.projects
    states = ", ".join(f"{format_int(counts[state])} {t(f'project.state.{state}')}"
                       for state in ("approved", "accepted", "settled", "stopped") if counts.get(state))  # fmt: skip
    return t("status.projects", states=states, committed=format_trieu(status.totals.committed_vnd),
             uncommitted=format_trieu(status.totals.uncommitted_vnd))  # fmt: skip


def log_note(row: LogRow) -> str:
    """A record's note, after the đề án it pays and the void that cancels it, if any."""
    record = row.record
    note = record.note or ""
    if record.project:
        paid = t("log.advance" if record.advance else "log.payment", code=record.project)
        note = f"{paid} — {note}" if note else paid
    if row.void is None:
        return note
    voided = t("log.voided", date=row.void.date, reason=row.void.reason)
    return f"{voided} — {note}" if note else voided


def md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def md_table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def project_state(row: dict[str, Any]) -> str:
    """ "đã nghiệm thu 15/08/2026", "đã tạm ứng", "… — quá hạn": the state a list shows, with its date. An
    advanced đề án shows the day of its last advance where the row has it (`advanced_on`: only `kc project
    show`, which reads the history); the figures a list has do not say when advances were paid, and the
    approval's day is not it."""
    state = row["state"]
    if state == "approved" and row["advanced_vnd"]:
        said, day = t("project.state.advanced"), row.get("advanced_on")
    elif state == "approved":
        said, day = t("project.state.approved"), row["approved"]
    else:
        said = t(f"project.state.{state}")
        day = row["accepted"] if state == "accepted" else row["closed"]
    said += f" {format_date(date.fromisoformat(day))}" if day else ""
    if row["overdue"]:
        said += " — " + t(f"project.overdue.{row['overdue']}")
    return said
