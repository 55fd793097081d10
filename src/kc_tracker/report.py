"""Pure computations over a plan and a stream of ledger entries: status and log. No I/O, no Rich.

`as_of` counts records dated on or before it. A void is a correction: it cancels its record for
every as-of date, whenever the void itself was made.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kc_tracker.ledger import Entry, Record, Void
from kc_tracker.money import percent
from kc_tracker.plan import Indicator, Plan, PlanInfo


@dataclass(frozen=True)
class LineStatus:
    id: str
    number: int | None  # None for a line the plan does not have
    name: str
    unit: str | None
    target_count: int | None
    done_count: int | None
    remaining_count: int | None
    budget_vnd: int
    spent_vnd: int
    remaining_vnd: int
    spent_pct: float | None
    done_pct: float | None
    entries: int


@dataclass(frozen=True)
class UnitCount:
    unit: str
    target_count: int
    done_count: int
    remaining_count: int


@dataclass(frozen=True)
class Totals:
    budget_vnd: int
    spent_vnd: int
    remaining_vnd: int
    spent_pct: float | None
    counts_by_unit: list[UnitCount]


@dataclass(frozen=True)
class Status:
    plan: PlanInfo
    as_of: date
    lines: list[LineStatus]
    unplanned: list[LineStatus]  # entries naming a line the plan no longer has: shown, never dropped
    totals: Totals
    indicators: list[Indicator]
    entries: int  # ledger entries read (records and voids), for the footer


@dataclass
class _Sums:
    spent_vnd: Counter[str] = field(default_factory=Counter)
    done_count: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)

    def add(self, record: Record, sign: int) -> None:
        self.spent_vnd[record.line] += sign * record.amount_vnd
        self.done_count[record.line] += sign * (record.count or 0)
        self.entries[record.line] += sign


def status(plan: Plan, entries: Iterable[tuple[int, Entry]], as_of: date) -> Status:
    sums = _Sums()
    read = 0
    for _, entry in entries:
        read += 1
        record, sign = (entry.voided, -1) if isinstance(entry, Void) else (entry, 1)
        if record.date <= as_of:
            sums.add(record, sign)

    lines = []
    for number, line in enumerate(plan.lines, start=1):
        spent, done = sums.spent_vnd[line.id], sums.done_count[line.id]
        lines.append(
            LineStatus(
                id=line.id,
                number=number,
                name=line.name,
                unit=line.unit,
                target_count=line.target,
                done_count=done if line.counted else None,
                remaining_count=line.target - done if line.target is not None else None,
                budget_vnd=line.budget_vnd,
                spent_vnd=spent,
                remaining_vnd=line.budget_vnd - spent,
                spent_pct=percent(spent, line.budget_vnd),
                done_pct=percent(done, line.target) if line.target is not None else None,
                entries=sums.entries[line.id],
            )
        )
    known = {line.id for line in plan.lines}
    unplanned = [
        LineStatus(
            id=line_id,
            number=None,
            name=line_id,
            unit=None,
            target_count=None,
            done_count=sums.done_count[line_id],
            remaining_count=None,
            budget_vnd=0,
            spent_vnd=sums.spent_vnd[line_id],
            remaining_vnd=-sums.spent_vnd[line_id],
            spent_pct=None,
            done_pct=None,
            entries=sums.entries[line_id],
        )
        for line_id in sorted(set(sums.entries) - known)
        if sums.entries[line_id]
    ]
    budget = plan.total_budget_vnd
    spent = sum(sums.spent_vnd.values())
    return Status(
        plan=plan.plan,
        as_of=as_of,
        lines=lines,
        unplanned=unplanned,
        totals=Totals(
            budget_vnd=budget,
            spent_vnd=spent,
            remaining_vnd=budget - spent,
            spent_pct=percent(spent, budget),
            counts_by_unit=_counts_by_unit(lines),
        ),
        indicators=plan.indicators,
        entries=read,
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


@dataclass(frozen=True)
class LogRow:
    record: Record
    line_number: int | None
    void: Void | None


def log(
    plan: Plan,
    entries: Iterable[tuple[int, Entry]],
    line_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[LogRow]:
    """Records oldest first: by date, then in the order they were recorded (file order)."""
    records: list[Record] = []
    voids: dict[str, Void] = {}
    for _, entry in entries:
        if isinstance(entry, Void):
            voids[entry.target] = entry
        elif (
            (line_id is None or entry.line == line_id)
            and (start is None or entry.date >= start)
            and (end is None or entry.date <= end)
        ):
            records.append(entry)
    records.sort(key=lambda record: record.date)  # stable: same-date records keep file order
    return [LogRow(record, plan.number(record.line), voids.get(record.id)) for record in records]
