"""Status: per line, what is spent, done and left, from the plan and the sums of the ledger. Pure: no I/O.

- `as_of` counts entries dated on or before it. A void is a correction: it cancels its entry for every
  as-of date, whenever it was made.
- A period (`--from`, `--year`) limits spent, done, counterpart funds, beneficiaries and breakdowns to
  entries dated in it; budgets, what is left and pace stay cumulative at the period's end.
- `--year` also shows the year's allocation from the plan (kế hoạch năm) and what is left of it.
- Pace compares progress with the share of the plan period elapsed. Progress is the lower of % spent and
  % done (a line is as far along as its slower measure): `done` at 100 %, `ahead` when it leads the
  elapsed share by 10 points or more, `behind` when it trails by more than 10, else `on-track`. On the
  period's first day nothing is behind; at its end a line with nothing spent or done is behind.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kc_tracker.ledger import Adjust, Close, Record, Void
from kc_tracker.money import percent
from kc_tracker.plan import Indicator, Line, Plan, PlanInfo
from kc_tracker.tally import ProjectState, Sums, beneficiary_key, indicator_values

if TYPE_CHECKING:
    from decimal import Decimal

PACE_MARGIN = 10  # percentage points


@dataclass
class LineStatus:
    id: str
    number: int | None  # None for a line the plan does not have
    name: str
    short_name: str | None
    unit: str | None
    target_count: int | None
    done_count: int | None  # in the period
    remaining_count: int | None
    budget_vnd: int  # after reallocations dated up to the period's end
    original_budget_vnd: int
    spent_vnd: int  # in the period
    remaining_vnd: int
    spent_pct: float | None
    done_pct: float | None
    counterpart_vnd: int
    leverage: float | None  # counterpart funds per đồng of support
    beneficiaries: int  # distinct, beside the recorded count
    pace: str | None
    cumulative_spent_vnd: int  # from the plan's start to the period's end
    cumulative_done_count: int | None
    year_budget_vnd: int | None  # with --year: the year's allocation (None: the plan gives the line none)
    year_target_count: int | None
    year_remaining_vnd: int | None
    year_remaining_count: int | None
    year_spent_pct: float | None  # of the year's allocation
    year_done_pct: float | None
    entries: int
    committed_vnd: int = 0  # approved for open đề án and not yet paid (up to the period's end)
    uncommitted_vnd: int = 0  # what the line can still approve: budget − cumulative spent − committed
    projects: dict[str, int] = field(default_factory=dict)  # approved, accepted, settled, stopped, overdue

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class UnitCount:
    unit: str
    target_count: int
    done_count: int
    remaining_count: int


@dataclass
class Totals:
    budget_vnd: int
    original_budget_vnd: int
    spent_vnd: int
    remaining_vnd: int
    spent_pct: float | None
    counterpart_vnd: int
    cumulative_spent_vnd: int
    counts_by_unit: list[UnitCount]
    # The row's own figures, as every row's: the lines' allocations for the year (where the plan gives any),
    # what is left of them after the year's spending (on every line), and its share of them.
    year_budget_vnd: int | None
    year_remaining_vnd: int | None
    year_spent_pct: float | None
    committed_vnd: int = 0
    uncommitted_vnd: int = 0
    projects: dict[str, int] = field(default_factory=dict)


@dataclass
class IndicatorStatus:
    indicator: Indicator
    values: "dict[int, Decimal]"  # year → value, the latest recorded for that year

    @property
    def latest(self) -> "tuple[int, Decimal] | None":
        return max(self.values.items()) if self.values else None


@dataclass
class Group:
    key: str | None  # None: entries that name no locality (or no source)
    spent_vnd: int
    done_count: int
    lines: dict[str, tuple[int, int]]  # line id → (spent, done)
    listed: bool | None  # for localities: is it one the plan lists?


@dataclass
class Status:
    plan: PlanInfo
    as_of: date
    start: date | None
    year: int | None
    elapsed_pct: float
    lines: list[LineStatus]
    unplanned: list[LineStatus]  # entries naming a line the plan no longer has: shown, never dropped
    totals: Totals
    indicators: list[IndicatorStatus]
    adjustments: list[Adjust]
    closed: Close | None  # the latest closed period
    by: str | None
    groups: list[Group]
    entries: int  # ledger entries read, for the footer
    projects: list[ProjectState] = field(default_factory=list)  # the đề án as they stand at the period's end
    overdue: list["Overdue"] = field(default_factory=list)

    @property
    def final(self) -> bool:
        """From the plan's last day on, the status reads as a final report."""
        return self.as_of >= self.plan.end

    @property
    def every_line(self) -> list[LineStatus]:
        return self.lines + self.unplanned


PROJECT_STATES = ("approved", "accepted", "settled", "stopped")


@dataclass(frozen=True)
class Overdue:
    """A đề án past a deadline: not accepted by its end (`not_accepted`), or accepted and not settled by the
    plan's day of the next year (`not_settled`); `since`: that deadline."""

    project: ProjectState
    reason: str
    since: date


def overdue(plan: Plan, state: ProjectState, as_of: date) -> Overdue | None:
    """Overdue is derived, never stored: from the đề án's dates and the day asked about."""
    if state.state == "approved" and state.end is not None and as_of > state.end:
        return Overdue(state, "not_accepted", state.end)
    if state.state == "accepted" and state.accepted_on is not None:
        deadline = plan.settle_day(state.accepted_on.year)
        if as_of > deadline:
            return Overdue(state, "not_settled", deadline)
    return None


def _project_counts(states: list[ProjectState], late: set[str]) -> dict[str, int]:
    counts = dict.fromkeys((*PROJECT_STATES, "overdue"), 0)
    for state in states:
        counts[state.state] += 1
        counts["overdue"] += state.key in late
    return counts


def status(
    plan: Plan, sums: Sums, as_of: date, start: date | None = None, by: str | None = None, year: int | None = None
) -> Status:
    elapsed = elapsed_pct(plan.plan, as_of)
    lines = [
        _line_status(sums, number, line, line.id, line.budget_vnd, elapsed, year)
        for number, line in enumerate(plan.lines, start=1)
    ]
    known = {line.id for line in plan.lines}
    unplanned = [
        _line_status(sums, None, None, line_id, 0, elapsed, year)
        for line_id in sorted((set(sums.entries) | set(sums.budget_delta)) - known)
        if sums.entries[line_id] or sums.budget_delta[line_id] or sums.spent[line_id]
    ]
    every = lines + unplanned
    late = [found for state in sums.projects if (found := overdue(plan, state, as_of)) is not None]
    late_keys = {item.project.key for item in late}
    for line in every:
        states = [state for state in sums.projects if state.line == line.id]
        line.committed_vnd = sum(state.committed_vnd for state in states)
        line.uncommitted_vnd = line.budget_vnd - line.cumulative_spent_vnd - line.committed_vnd
        line.projects = _project_counts(states, late_keys)
    budget = sum(x.budget_vnd for x in every)
    spent = sum(x.spent_vnd for x in every)
    cumulative = sum(x.cumulative_spent_vnd for x in every)
    allocated = [x.year_budget_vnd for x in lines if x.year_budget_vnd is not None]
    year_budget = sum(allocated) if allocated else None
    totals = Totals(
        budget_vnd=budget,
        original_budget_vnd=plan.total_budget_vnd,
        spent_vnd=spent,
        remaining_vnd=budget - cumulative,
        spent_pct=percent(spent, budget),
        counterpart_vnd=sum(x.counterpart_vnd for x in every),
        cumulative_spent_vnd=cumulative,
        counts_by_unit=_counts_by_unit(lines),
        year_budget_vnd=year_budget,
        year_remaining_vnd=year_budget - spent if year_budget is not None else None,
        year_spent_pct=percent(spent, year_budget) if year_budget is not None else None,
        committed_vnd=sum(x.committed_vnd for x in every),
        uncommitted_vnd=sum(x.uncommitted_vnd for x in every),
        projects=_project_counts(sums.projects, late_keys),
    )
    return Status(
        plan=plan.plan,
        as_of=as_of,
        start=start,
        year=year,
        elapsed_pct=elapsed,
        lines=lines,
        unplanned=unplanned,
        totals=totals,
        indicators=[IndicatorStatus(i, indicator_values(sums.measures, i.id, as_of.year)) for i in plan.indicators],
        adjustments=sorted(sums.adjustments, key=lambda a: a.date),
        closed=max(sums.closes, key=lambda c: (c.end, c.start), default=None),
        by=by,
        groups=_groups(sums, by, plan) if by else [],
        entries=sums.read,
        projects=sums.projects,
        overdue=late,
    )


def elapsed_pct(period: PlanInfo, as_of: date) -> float:
    days = (period.end - period.start).days
    if days <= 0:
        return 100.0 if as_of >= period.end else 0.0
    elapsed = min(max((as_of - period.start).days, 0), days)
    return percent(elapsed, days) or 0.0


def pace(spent_pct: float | None, done_pct: float | None, elapsed: float) -> str | None:
    measures = [pct for pct in (spent_pct, done_pct) if pct is not None]
    if not measures:
        return None
    progress = min(measures)
    if progress >= 100:
        return "done"
    if progress >= elapsed + PACE_MARGIN:
        return "ahead"
    if progress < elapsed - PACE_MARGIN:
        return "behind"
    return "on-track"


def _line_status(
    sums: Sums,
    number: int | None,
    line: Line | None,
    line_id: str,
    original_budget: int,
    elapsed: float,
    year: int | None,
) -> LineStatus:
    budget = original_budget + sums.budget_delta[line_id]
    cumulative_spent, cumulative_done = sums.spent[line_id], sums.done[line_id]
    spent, done = sums.period_spent[line_id], sums.period_done[line_id]
    counterpart = sums.counterpart[line_id]
    target = line.target if line else None
    allocation = line.years.get(str(year)) if line is not None and year is not None else None
    year_budget = allocation.budget_vnd if allocation else None
    year_target = allocation.target if allocation else None
    return LineStatus(
        id=line_id,
        number=number,
        name=line.name if line else line_id,
        short_name=line.short_name if line else None,
        unit=line.unit if line else None,
        target_count=target,
        done_count=done if target is not None or line is None else None,
        remaining_count=target - cumulative_done if target is not None else None,
        budget_vnd=budget,
        original_budget_vnd=original_budget,
        spent_vnd=spent,
        remaining_vnd=budget - cumulative_spent,
        spent_pct=percent(spent, budget),
        done_pct=percent(done, target) if target is not None else None,
        counterpart_vnd=counterpart,
        leverage=round(counterpart / spent, 2) if spent > 0 else None,
        beneficiaries=sums.beneficiaries[line_id],
        pace=pace(percent(cumulative_spent, budget), percent(cumulative_done, target) if target else None, elapsed)
        if number is not None
        else None,
        cumulative_spent_vnd=cumulative_spent,
        cumulative_done_count=cumulative_done if target is not None or line is None else None,
        year_budget_vnd=year_budget,
        year_target_count=year_target,
        year_remaining_vnd=year_budget - spent if year_budget is not None else None,
        year_remaining_count=year_target - done if year_target is not None else None,
        year_spent_pct=percent(spent, year_budget) if year_budget is not None else None,
        year_done_pct=percent(done, year_target) if year_target is not None else None,
        entries=sums.entries[line_id],
    )


def _counts_by_unit(lines: list[LineStatus]) -> list[UnitCount]:
    """Counts add up only within a unit: 207 cơ sở, 18 lượt, 25 nội dung, never one sum."""
    target: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for line in lines:
        if line.unit is not None and line.target_count is not None:
            target[line.unit] += line.target_count
            done[line.unit] += line.done_count or 0
    return [UnitCount(unit, target[unit], done[unit], target[unit] - done[unit]) for unit in target]


def _groups(sums: Sums, by: str, plan: Plan) -> list[Group]:
    """The groups in order (a plan's listed localities first, as listed), each group's lines in plan order."""
    localities = plan.plan.localities
    order = {line.id: number for number, line in enumerate(plan.lines)}

    def in_plan_order(line_id: str) -> tuple[int, str]:  # a line the plan no longer has goes last
        return order.get(line_id, len(order)), line_id

    found = dict(sums.groups)
    listed = set(localities) if by == "locality" else set()
    keys: list[str | None] = []
    if listed:  # every place the plan lists, first and in its order; a place spelt otherwise, as the plan spells it
        spelling = {beneficiary_key(name): name for name in localities}
        for place in [k for k in found if k is not None]:
            name = spelling.get(beneficiary_key(place), place)
            if name != place:
                merged = Counter(found.pop(place))
                merged.update(found.get(name, Counter()))  # update, not +, which drops a count of 0
                found[name] = merged
        keys = list(localities)
    keys += sorted((k for k in found if k is not None and k not in listed), key=str)
    if None in found:
        keys.append(None)
    groups = []
    for key in keys:
        counter = found.get(key, Counter())
        planned = sorted((line for line, kind in counter if kind == "spent"), key=in_plan_order)
        lines = {
            line: (counter[(line, "spent")], counter[(line, "done")])
            for line in planned
            if counter[(line, "spent")] or counter[(line, "done")]
        }
        if not lines and key not in listed:
            continue  # every entry of the group was voided
        groups.append(
            Group(
                key=key,
                spent_vnd=sum(spent for spent, _ in lines.values()),
                done_count=sum(done for _, done in lines.values()),
                lines=lines,
                listed=(key in listed) if listed else None,
            )
        )
    return groups


@dataclass
class LogRow:
    record: Record
    line_number: int | None
    void: Void | None


def log_rows(plan: Plan, rows: Iterator[tuple[Record, Void | None]]) -> Iterator[LogRow]:
    numbers = {line.id: number for number, line in enumerate(plan.lines, start=1)}
    for record, void in rows:
        yield LogRow(record, numbers.get(record.line), void)


# --- as data: the JSON of `kc status`, `kc log` and the exports ------------------------------------

LINE_KEYS = [
    "id",
    "number",
    "name",
    "short_name",
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
    "cumulative_spent_vnd",
    "cumulative_done_count",
    "year_budget_vnd",
    "year_target_count",
    "year_remaining_vnd",
    "year_remaining_count",
    "year_spent_pct",
    "year_done_pct",
    "committed_vnd",
    "uncommitted_vnd",
    "projects",
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
    "project",
    "advance",
    "recorded_at",
    "voided",
    "void_id",
    "void_reason",
    "void_date",
    "hash",
]
GROUP_KEYS = ["by", "key", "line", "spent_vnd", "done_count"]


def _number(value: "Decimal") -> int | float:
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
    totals, closed = status.totals, status.closed
    return {
        "plan": {
            "id": status.plan.id,
            "title": status.plan.title,
            "start": status.plan.start.isoformat(),
            "end": status.plan.end.isoformat(),
        },
        "as_of": status.as_of.isoformat(),
        "from": status.start.isoformat() if status.start else None,
        "year": status.year,
        "elapsed_pct": status.elapsed_pct,
        "final": status.final,
        "lines": [{key: getattr(line, key) for key in LINE_KEYS} for line in status.lines],
        "unplanned_lines": [{key: getattr(line, key) for key in LINE_KEYS} for line in status.unplanned],
        "totals": {
            "budget_vnd": totals.budget_vnd,
            "original_budget_vnd": totals.original_budget_vnd,
            "spent_vnd": totals.spent_vnd,
            "remaining_vnd": totals.remaining_vnd,
            "spent_pct": totals.spent_pct,
            "counterpart_vnd": totals.counterpart_vnd,
            "cumulative_spent_vnd": totals.cumulative_spent_vnd,
            "year_budget_vnd": totals.year_budget_vnd,
            "year_remaining_vnd": totals.year_remaining_vnd,
            "year_spent_pct": totals.year_spent_pct,
            "committed_vnd": totals.committed_vnd,
            "uncommitted_vnd": totals.uncommitted_vnd,
            "projects": totals.projects,
            "counts_by_unit": [asdict(count) for count in totals.counts_by_unit],
        },
        "indicators": [
            {
                "id": item.indicator.id,
                "name": item.indicator.name,
                "unit": item.indicator.unit,
                "target": item.indicator.target,
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
        "overdue_projects": [
            {
                "project": item.project.code,
                "line": item.project.line,
                "reason": item.reason,
                "since": item.since.isoformat(),
            }
            for item in status.overdue
        ],
    }


# CSV has one value a cell: a line's đề án counts go in a column each.
CSV_LINE_KEYS = [key for key in LINE_KEYS if key != "projects"] + [
    f"projects_{s}" for s in (*PROJECT_STATES, "overdue")
]


def line_rows(status: Status) -> list[dict[str, Any]]:
    """The lines as CSV rows (`CSV_LINE_KEYS`)."""
    return [
        {key: value for key, value in row.items() if key != "projects"}
        | {f"projects_{state}": count for state, count in row["projects"].items()}
        for row in status_dict(status)["lines"]
    ]


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
        "project": record.project,
        "advance": bool(record.advance),
        "recorded_at": record.recorded_at.isoformat().replace("+00:00", "Z"),
        "voided": void is not None,
        "void_id": void.id if void else None,
        "void_reason": void.reason if void else None,
        "void_date": void.date.isoformat() if void else None,
        "hash": record.hash,
    }


# --- đề án ---------------------------------------------------------------------------------------


def period_projects(plan: Plan, status: Status, paid_before: dict[str, int]) -> list[dict[str, Any]]:
    """The đề án of a report's period: approved by its end and not closed before it began, each with what was
    paid in the period (`paid_in_period_vnd`: paid by its end, less `paid_before` its start)."""
    start = status.start or status.plan.start
    return [
        project_dict(plan, state, status.as_of) | {"paid_in_period_vnd": state.paid_vnd - paid_before.get(state.key, 0)}
        for state in sorted(status.projects, key=lambda s: (s.approved, s.code))
        if state.closed_on is None or state.closed_on >= start
    ]


PROJECT_KEYS = [
    "project",
    "name",
    "line",
    "line_number",
    "beneficiary",
    "locality",
    "source",
    "implementer",
    "decision",
    "support_vnd",
    "counterpart_vnd",
    "count",
    "done_count",
    "paid_vnd",
    "advanced_vnd",
    "committed_vnd",
    "state",
    "approved",
    "end",
    "accepted",
    "closed",
    "overdue",
    "overdue_since",
]


def project_dict(plan: Plan, state: ProjectState, as_of: date) -> dict[str, Any]:
    """A đề án as `kc project list --format json` gives it, as it stands on `as_of`."""
    late = overdue(plan, state, as_of)
    figures = state.figures
    return {
        "project": state.code,
        "name": state.name,
        "line": state.line,
        "line_number": plan.number(state.line),
        "beneficiary": state.beneficiary,
        "locality": state.locality,
        "source": state.source,
        "implementer": state.implementer,
        "decision": state.decision,
        "support_vnd": state.support_vnd,
        "counterpart_vnd": state.counterpart_vnd,
        "count": state.planned,
        "done_count": figures.done if state.counted and state.accepted_on else None,
        "paid_vnd": figures.paid,
        "advanced_vnd": figures.advanced,
        "committed_vnd": state.committed_vnd,
        "state": state.state,
        "approved": state.approved.isoformat(),
        "end": state.end.isoformat() if state.end else None,
        "accepted": state.accepted_on.isoformat() if state.accepted_on else None,
        "closed": state.closed_on.isoformat() if state.closed_on else None,
        "overdue": late.reason if late else None,
        "overdue_since": late.since.isoformat() if late else None,
    }
