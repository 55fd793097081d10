"""Pure computations over a plan and a stream of ledger entries: status and log. No I/O, no Rich.

- `as_of` counts entries dated on or before it; `start` (with `--from`) limits spent, done,
  counterpart funds, beneficiaries and breakdowns to entries dated from it. Budgets, remaining
  money and counts, and pace stay cumulative as of `as_of`.
- A void is a correction: it cancels its entry for every as-of date, whenever it was made.
- Pace compares progress with the share of the plan period elapsed. Progress is the lower of
  % spent and % done (a line is as far along as its slower measure): `done` at 100 %, `ahead`
  when it leads the elapsed share by 10 points or more, `behind` when it trails by more than 10,
  else `on-track`. On the period's first day nothing is behind; at its end a line with nothing
  spent or done is behind.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kc_tracker.ledger import Adjust, Close, Entry, Measure, Record, Void, beneficiary_key
from kc_tracker.money import percent
from kc_tracker.plan import Indicator, Plan, PlanInfo, nfc

PACE_MARGIN = 10  # percentage points
BREAKDOWNS = ("year", "quarter", "locality", "source")


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
    original_budget_vnd: int
    spent_vnd: int
    remaining_vnd: int
    spent_pct: float | None
    done_pct: float | None
    counterpart_vnd: int
    leverage: float | None  # counterpart funds per đồng of support
    beneficiaries: int  # distinct, beside the recorded count
    pace: str | None
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
    original_budget_vnd: int
    spent_vnd: int
    remaining_vnd: int
    spent_pct: float | None
    counterpart_vnd: int
    counts_by_unit: list[UnitCount]


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: Indicator
    values: dict[int, Decimal]  # year → value, the latest recorded for that year

    @property
    def latest(self) -> tuple[int, Decimal] | None:
        return max(self.values.items()) if self.values else None


@dataclass(frozen=True)
class Group:
    key: str | None  # None: entries that name no locality (or no source)
    spent_vnd: int
    done_count: int
    lines: dict[str, tuple[int, int]]  # line id → (spent, done)
    listed: bool | None  # for localities: is it one the plan lists?


@dataclass(frozen=True)
class Status:
    plan: PlanInfo
    as_of: date
    start: date | None
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

    @property
    def final(self) -> bool:
        """After the plan period the status reads as a final report."""
        return self.as_of > self.plan.end


@dataclass
class Sums:
    """What status needs from the ledger, from one streaming pass (`scan_sums`) or from the index.

    Signed: a record adds, its void subtracts the same. `spent`, `done` and `entries` count entries
    dated up to as-of; the `period_…` figures, counterpart funds, beneficiaries and groups only those
    from the report's start.
    """

    spent: Counter[str] = field(default_factory=Counter)
    done: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    period_spent: Counter[str] = field(default_factory=Counter)
    period_done: Counter[str] = field(default_factory=Counter)
    counterpart: Counter[str] = field(default_factory=Counter)
    beneficiaries: Counter[str] = field(default_factory=Counter)  # distinct names per line
    budget_delta: Counter[str] = field(default_factory=Counter)
    groups: dict[str | None, Counter[tuple[str, str]]] = field(default_factory=dict)  # key → (line, spent|done)
    adjustments: list[Adjust] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # in the order recorded
    closes: list[Close] = field(default_factory=list)
    read: int = 0  # ledger entries read (records and voids), for the footer

    def add(self, other: "Sums") -> "Sums":
        """Several ledgers add up (a void carries its entry, so each ledger's sums stand alone)."""
        for mine, theirs in (
            (self.spent, other.spent), (self.done, other.done), (self.entries, other.entries),
            (self.period_spent, other.period_spent), (self.period_done, other.period_done),
            (self.counterpart, other.counterpart), (self.beneficiaries, other.beneficiaries),
            (self.budget_delta, other.budget_delta),
        ):  # fmt: skip
            mine.update(theirs)
        for key, counter in other.groups.items():
            self.groups.setdefault(key, Counter()).update(counter)
        self.adjustments += other.adjustments
        self.measures += other.measures
        self.closes += other.closes
        self.read += other.read
        return self


def group_key(by: str, record: Record) -> str | None:
    if by == "year":
        return str(record.date.year)
    if by == "quarter":
        return f"{record.date.year}-Q{(record.date.month - 1) // 3 + 1}"
    if by == "locality":
        return nfc(record.locality) if record.locality else None
    return record.source


def scan_sums(entries: Iterable[tuple[int, Entry]], as_of: date, start: date | None, by: str | None) -> Sums:
    sums = Sums()
    names: dict[str, Counter[str]] = {}
    live: dict[str, Adjust | Measure | Close] = {}
    for _, entry in entries:
        sums.read += 1
        target, sign = (entry.voided, -1) if isinstance(entry, Void) else (entry, 1)
        if not isinstance(target, Record):
            if sign > 0:
                live[target.id] = target
            else:
                live.pop(target.id, None)
            continue
        if target.date > as_of:
            continue
        line = target.line
        sums.spent[line] += sign * target.amount_vnd
        sums.done[line] += sign * (target.count or 0)
        sums.entries[line] += sign
        if start is not None and target.date < start:
            continue
        sums.period_spent[line] += sign * target.amount_vnd
        sums.period_done[line] += sign * (target.count or 0)
        sums.counterpart[line] += sign * (target.counterpart_vnd or 0)
        if target.beneficiary:
            names.setdefault(line, Counter())[beneficiary_key(target.beneficiary)] += sign
        if by is not None:
            group = sums.groups.setdefault(group_key(by, target), Counter())
            group[(line, "spent")] += sign * target.amount_vnd
            group[(line, "done")] += sign * (target.count or 0)
    for line, counter in names.items():
        sums.beneficiaries[line] = sum(1 for n in counter.values() if n > 0)
    add_live_entries(sums, live.values(), as_of)  # dict order is the order recorded
    return sums


def add_live_entries(sums: Sums, entries: Iterable[Adjust | Measure | Close], as_of: date) -> None:
    """Reallocations (those dated up to as-of move budgets), measures and closes not voided, in the order recorded."""
    for item in entries:
        if isinstance(item, Adjust):
            if item.date <= as_of:
                sums.adjustments.append(item)
                sums.budget_delta[item.from_line] -= item.amount_vnd
                sums.budget_delta[item.to_line] += item.amount_vnd
        elif isinstance(item, Measure):
            sums.measures.append(item)
        else:
            sums.closes.append(item)


def status(
    plan: Plan,
    entries: Iterable[tuple[int, Entry]],
    as_of: date,
    start: date | None = None,
    by: str | None = None,
) -> Status:
    return build_status(plan, scan_sums(entries, as_of, start, by), as_of, start, by)


def build_status(plan: Plan, sums: Sums, as_of: date, start: date | None, by: str | None) -> Status:
    elapsed = _elapsed_pct(plan.plan, as_of)
    lines = [
        _line_status(sums, number, line.id, line.name, line.unit, line.target, line.budget_vnd, elapsed)
        for number, line in enumerate(plan.lines, start=1)
    ]
    known = {line.id for line in plan.lines}
    unplanned = [
        _line_status(sums, None, line_id, line_id, None, None, 0, elapsed)
        for line_id in sorted((set(sums.entries) | set(sums.budget_delta)) - known)
        if sums.entries[line_id] or sums.budget_delta[line_id]
    ]
    every = lines + unplanned
    budget = sum(x.budget_vnd for x in every)
    spent = sum(x.spent_vnd for x in every)
    cumulative_spent = sum(sums.spent[x.id] for x in every)
    totals = Totals(
        budget_vnd=budget,
        original_budget_vnd=plan.total_budget_vnd,
        spent_vnd=spent,
        remaining_vnd=budget - cumulative_spent,
        spent_pct=percent(spent, budget),
        counterpart_vnd=sum(x.counterpart_vnd for x in every),
        counts_by_unit=_counts_by_unit(lines),
    )
    return Status(
        plan=plan.plan,
        as_of=as_of,
        start=start,
        elapsed_pct=elapsed,
        lines=lines,
        unplanned=unplanned,
        totals=totals,
        indicators=[_indicator(i, sums.measures) for i in plan.indicators],
        adjustments=sorted(sums.adjustments, key=lambda a: a.date),
        closed=max(sums.closes, key=lambda c: (c.end, c.start), default=None),
        by=by,
        groups=_groups(sums, by, plan.plan.localities) if by else [],
        entries=sums.read,
    )


def _elapsed_pct(period: PlanInfo, as_of: date) -> float:
    days = (period.end - period.start).days
    if days <= 0:
        return 100.0 if as_of >= period.end else 0.0
    elapsed = min(max((as_of - period.start).days, 0), days)
    return percent(elapsed, days) or 0.0


def _pace(spent_pct: float | None, done_pct: float | None, elapsed: float) -> str | None:
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
    line_id: str,
    name: str,
    unit: str | None,
    target: int | None,
    original_budget: int,
    elapsed: float,
) -> LineStatus:
    budget = original_budget + sums.budget_delta[line_id]
    cumulative_spent, cumulative_done = sums.spent[line_id], sums.done[line_id]
    spent, done = sums.period_spent[line_id], sums.period_done[line_id]
    counterpart = sums.counterpart[line_id]
    counted = target is not None
    return LineStatus(
        id=line_id,
        number=number,
        name=name,
        unit=unit,
        target_count=target,
        done_count=done if counted or number is None else None,
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
        pace=_pace(percent(cumulative_spent, budget), percent(cumulative_done, target) if target else None, elapsed)
        if number is not None
        else None,
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


def _indicator(indicator: Indicator, measures: list[Measure]) -> IndicatorStatus:
    values: dict[int, Decimal] = {}
    for measure in measures:  # in the order recorded: a later measure of the same year corrects an earlier one
        if measure.indicator == indicator.id:
            values[measure.year] = Decimal(measure.value)
    return IndicatorStatus(indicator, dict(sorted(values.items())))


def _groups(sums: Sums, by: str, localities: list[str]) -> list[Group]:
    keys: list[str | None] = sorted((k for k in sums.groups if k is not None), key=str)
    listed = set(localities)
    if by == "locality" and localities:
        keys = [*localities, *(k for k in keys if k not in listed)]
    if None in sums.groups:
        keys.append(None)
    groups = []
    for key in keys:
        counter = sums.groups.get(key, Counter())
        lines = {
            line: (counter[(line, "spent")], counter[(line, "done")])
            for line, kind in counter
            if kind == "spent" and (counter[(line, "spent")] or counter[(line, "done")])
        }
        if not lines and key not in listed:
            continue  # every entry of the group was voided
        groups.append(
            Group(
                key=key,
                spent_vnd=sum(spent for spent, _ in lines.values()),
                done_count=sum(done for _, done in lines.values()),
                lines=lines,
                listed=(key in listed) if by == "locality" and localities else None,
            )
        )
    return groups


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
            isinstance(entry, Record)
            and (line_id is None or entry.line == line_id)
            and (start is None or entry.date >= start)
            and (end is None or entry.date <= end)
        ):
            records.append(entry)
    records.sort(key=lambda record: record.date)  # stable: same-date records keep file order
    return [LogRow(record, plan.number(record.line), voids.get(record.id)) for record in records]
