"""The rules of writing: what a record, void, reallocation, measure or close may be, checked
against the plan and, under the ledger's lock, against the ledger as it is at that moment."""

import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, NoReturn

from kc_tracker import ledger
from kc_tracker.dates import today
from kc_tracker.errors import InputError
from kc_tracker.i18n import t
from kc_tracker.ledger import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    Adjust,
    Close,
    Entry,
    LedgerState,
    Measure,
    Record,
    Void,
    Written,
    beneficiary_key,
)
from kc_tracker.money import format_trieu, parse_number
from kc_tracker.plan import Line, Plan

SOURCES = ("trung-uong", "dia-phuong")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# An import makes an outcome and a request per row: neither is a frozen dataclass, which costs 2.5 times
# as much to build. Nothing changes a request once it is made.
class Outcome(NamedTuple):
    entry: Entry
    noop: bool  # the same entry was already in the ledger: nothing written
    line: Line | None  # the line the entry moved (None for measures, closes, unplanned lines)
    budget_vnd: int = 0  # the line's figures after this entry, reallocations included
    spent_vnd: int = 0
    done_count: int = 0
    warnings: tuple[str, ...] = ()


def clean_text(value: str | None, option: str, max_length: int) -> str | None:
    """NFC text without control characters, within its length, or None when blank."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isprintable() and unicodedata.is_normalized("NFC", text):  # the common case, checked in C
        return text if len(text) <= max_length else _too_long(option, text, max_length)
    text = unicodedata.normalize("NFC", text).strip()
    if _CONTROL.search(text):
        raise InputError(t("text.control", option=option))
    if len(text) > max_length:
        _too_long(option, text, max_length)
    return text


def _too_long(option: str, text: str, max_length: int) -> NoReturn:
    raise InputError(t("text.too_long", option=option, length=len(text), max=max_length))


def _plan_line(plan: Plan, line_id: str) -> Line | None:
    return next((line for line in plan.lines if line.id == line_id), None)


def _check_date(plan: Plan, when: datetime.date, allow_outside_period: bool) -> None:
    period = plan.plan
    if not (period.start <= when <= period.end) and not allow_outside_period:
        raise InputError(t("record.outside_period", date=when, start=period.start, end=period.end))


def _check_open(state: LedgerState, when: datetime.date, allow_closed: bool) -> None:
    closed = state.closed_period(when)
    if closed is not None and not allow_closed:
        raise InputError(t("closed.refused", date=when, period=closed.period))


@dataclass(slots=True)
class RecordRequest:
    line: str
    amount_vnd: int
    count: int | None = None
    date: datetime.date | None = None
    locality: str | None = None
    beneficiary: str | None = None
    note: str | None = None
    ref: str | None = None
    source: str | None = None
    counterpart_vnd: int | None = None
    allow_over_budget: bool = False
    allow_outside_period: bool = False
    allow_over_ceiling: bool = False
    allow_closed: bool = False


UNASSIGNED = "0" * 12


def prepare_record(
    plan: Plan, req: RecordRequest, entry_id: str = UNASSIGNED, recorded_at: datetime.datetime | None = None
) -> tuple[Line, Record]:
    """Everything that can be checked without the ledger. The id is checked (or assigned) under the lock."""
    line = plan.find_line(req.line)
    if req.count is not None and not line.counted:
        raise InputError(t("record.no_count", line=line.id))
    if req.count is not None and req.count < 0:
        raise InputError(t("record.negative_count", count=req.count))
    if req.amount_vnd == 0 and not req.count:
        raise InputError(t("record.nothing"))
    if line.ceiling_vnd is not None and req.amount_vnd > line.ceiling_vnd and not req.allow_over_ceiling:
        raise InputError(
            t(
                "record.over_ceiling",
                line=line.id,
                amount=format_trieu(req.amount_vnd),
                ceiling=format_trieu(line.ceiling_vnd),
            )
        )
    if req.source is not None and req.source not in SOURCES:
        raise InputError(t("record.source", source=req.source, known=", ".join(SOURCES)))
    when = req.date or today()
    _check_date(plan, when, req.allow_outside_period)
    draft = Record.model_validate(  # from a dict: a third faster than keywords (an import makes many)
        {
            "id": entry_id,
            "line": line.id,
            "date": when,
            "amount_vnd": req.amount_vnd,
            "count": req.count,
            "locality": clean_text(req.locality, "--locality", SHORT_TEXT_MAX),
            "beneficiary": clean_text(req.beneficiary, "--beneficiary", SHORT_TEXT_MAX),
            "note": clean_text(req.note, "--note", LONG_TEXT_MAX),
            "ref": clean_text(req.ref, "--ref", SHORT_TEXT_MAX),
            "source": req.source,
            "counterpart_vnd": req.counterpart_vnd,
            "recorded_at": recorded_at or ledger.now(),
        }
    )
    return line, draft


def admit_record(state: LedgerState, line: Line, draft: Record, req: RecordRequest) -> Outcome:
    """The rules that depend on the ledger. Returns the outcome; `noop` when the ref already has it.

    The state is updated with the new record, so that a batch (an import) is checked row after row.
    """
    budget = line.budget_vnd + state.budget_delta_vnd[line.id]
    spent, done = state.spent_vnd[line.id], state.done_count[line.id]
    earlier = state.refs.get(draft.ref) if draft.ref else None
    if earlier is not None:
        if not earlier.same_content(draft):
            raise InputError(t("record.ref_conflict", ref=draft.ref, id=earlier.id, date=earlier.date))
        return Outcome(earlier, True, line, budget, spent, done)
    _check_open(state, draft.date, req.allow_closed)
    if draft.amount_vnd and spent + draft.amount_vnd > budget and not req.allow_over_budget:
        raise InputError(
            t(
                "record.over_budget",
                line=line.id,
                amount=format_trieu(draft.amount_vnd),
                remaining=format_trieu(budget - spent),
            )
        )
    warnings: tuple[str, ...] = ()
    if draft.count and draft.beneficiary:
        counted = state.counted_beneficiaries.get(line.id)
        if counted is not None and counted[beneficiary_key(draft.beneficiary)] > 0:
            warnings = (t("record.counted_again", beneficiary=draft.beneficiary, line=line.id),)
    if draft.id == UNASSIGNED or draft.id in state.ids:
        entry = draft.model_copy(update={"id": state.fresh_id()})
    else:  # an id drawn beforehand (an import's rows) and still free
        entry = draft
        state.ids.add(entry.id)
    state.apply(entry, 1)
    if entry.ref is not None:
        state.refs[entry.ref] = entry
    return Outcome(entry, False, line, budget, spent + entry.amount_vnd, done + (entry.count or 0), warnings)


def admit_new(state: LedgerState, rows: list[tuple[Line, Record]], req: RecordRequest) -> list[tuple[int, str]] | None:
    """`admit_record` for many records at once (an import's rows), when plainly every one of them
    would be admitted as it is, row after row: no ref known or given twice, its drawn id free, no
    date in a closed period, no budget passed (unless allowed). Then the state is updated as row by
    row and the warnings are returned, each with its draft's place; otherwise None, with the state
    untouched, and the rows are for `admit_record`, which words every refusal (three times slower)."""
    records = [draft for _, draft in rows]
    by_ref = {record.ref: record for record in records if record.ref is not None}
    ids = [record.id for record in records]
    if (
        len(by_ref) != sum(record.ref is not None for record in records)
        or any(state.refs.get(ref) is not None for ref in by_ref)  # (`get`: the index is asked, as row by row)
        or UNASSIGNED in ids
        or len(set(ids)) != len(ids)
        or any(entry_id in state.ids for entry_id in ids)
        or (not req.allow_closed and any(map(state.closed_period, {record.date for record in records})))
    ):
        return None
    lines = {line.id: line for line, _ in rows}
    spent = dict.fromkeys(lines, 0)
    done = dict.fromkeys(lines, 0)
    for record in records:
        spent[record.line] += record.amount_vnd
        done[record.line] += record.count or 0
    if not req.allow_over_budget and any(
        state.spent_vnd[line_id] + amount > line.budget_vnd + state.budget_delta_vnd[line_id]
        for line_id, line in lines.items()
        if (amount := spent[line_id])  # amounts are never negative: if the total fits, every row does
    ):
        return None
    state.ids.update(ids)
    state.refs.update(by_ref)
    for line_id in lines:
        state.spent_vnd[line_id] += spent[line_id]
        state.done_count[line_id] += done[line_id]
    named = [(at, record) for at, record in enumerate(records) if record.count and record.beneficiary]
    warnings: list[tuple[int, str]] = []
    keys = ledger.beneficiary_keys([record.beneficiary or "" for _, record in named])
    for (at, record), key in zip(named, keys, strict=True):
        counted = state.counted_beneficiaries.get(record.line)
        if counted is None:
            counted = state.counted_beneficiaries[record.line] = Counter()
        elif counted[key] > 0:
            warnings.append((at, t("record.counted_again", beneficiary=record.beneficiary, line=record.line)))
        counted[key] += 1
    return warnings


def _with_hash(outcome: Outcome, written: list[Written]) -> Outcome:
    """The outcome's entry as written (with its chain hash), or as it was for a dry run or a no-op."""
    entry = written[0] if written else outcome.entry
    return outcome._replace(entry=entry) if isinstance(entry, Entry) else outcome


def record(plan: Plan, path: Path, req: RecordRequest, *, lock_timeout: float, dry_run: bool = False) -> Outcome:
    line, draft = prepare_record(plan, req)
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Written]:
        nonlocal outcome
        outcome = admit_record(state, line, draft, req)
        return [] if outcome.noop else [outcome.entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run)
    assert outcome is not None
    return _with_hash(outcome, written)


def void(
    plan: Plan, path: Path, entry_id: str, reason: str, *, lock_timeout: float, allow_closed: bool = False
) -> Outcome:
    wanted = entry_id.strip().lower()
    why = clean_text(reason, "--reason", LONG_TEXT_MAX)
    if why is None:
        raise InputError(t("void.no_reason"))
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Written]:
        nonlocal outcome
        target = state.found
        if target is None:
            raise InputError(t("void.unknown", id=entry_id))
        if isinstance(target, Void):
            raise InputError(t("void.is_void", id=wanted, target=target.target))
        day = ledger.dated(target)
        if day is not None:
            _check_open(state, day, allow_closed)
        line_id = (
            target.line if isinstance(target, Record) else target.from_line if isinstance(target, Adjust) else None
        )
        line = _plan_line(plan, line_id) if line_id else None
        earlier = state.voids.get(target.id)
        if earlier is not None:
            if earlier.reason != why:
                raise InputError(t("void.already", id=wanted, date=earlier.date, reason=earlier.reason))
            outcome = _line_outcome(earlier, True, line, state)
            return []
        if isinstance(target, Adjust):
            _check_budgets_after(plan, state, {target.to_line: -target.amount_vnd})
        entry = Void(
            id=state.fresh_id(), target=target.id, reason=why, date=today(), recorded_at=ledger.now(), voided=target
        )
        state.apply(target, -1)
        outcome = _line_outcome(entry, False, line, state)
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout, find=wanted)
    assert outcome is not None
    return _with_hash(outcome, written)


def _line_outcome(entry: Entry, noop: bool, line: Line | None, state: LedgerState) -> Outcome:
    if line is None:
        return Outcome(entry, noop, None)
    budget = line.budget_vnd + state.budget_delta_vnd[line.id]
    return Outcome(entry, noop, line, budget, state.spent_vnd[line.id], state.done_count[line.id])


def _check_budgets_after(plan: Plan, state: LedgerState, moves: dict[str, int]) -> None:
    """A budget may not go negative, nor below what its line has already spent."""
    for line_id, delta in moves.items():
        line = _plan_line(plan, line_id)
        base = line.budget_vnd if line else 0
        after = base + state.budget_delta_vnd[line_id] + delta
        if after < 0 or after < state.spent_vnd[line_id]:
            raise InputError(
                t(
                    "adjust.too_much",
                    line=line_id,
                    after=format_trieu(after),
                    spent=format_trieu(state.spent_vnd[line_id]),
                )
            )


@dataclass(frozen=True)
class AdjustRequest:
    from_line: str
    to_line: str
    amount_vnd: int
    decision: str
    date: datetime.date
    allow_outside_period: bool = False
    allow_closed: bool = False


def adjust(plan: Plan, path: Path, req: AdjustRequest, *, lock_timeout: float) -> Outcome:
    source, target = plan.find_line(req.from_line), plan.find_line(req.to_line)
    if source.id == target.id:
        raise InputError(t("adjust.same_line", line=source.id))
    if req.amount_vnd <= 0:
        raise InputError(t("adjust.zero"))
    decision = clean_text(req.decision, "--decision", LONG_TEXT_MAX)
    if decision is None:
        raise InputError(t("adjust.no_decision"))
    _check_date(plan, req.date, req.allow_outside_period)
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Written]:
        nonlocal outcome
        _check_open(state, req.date, req.allow_closed)
        _check_budgets_after(plan, state, {source.id: -req.amount_vnd})
        entry = Adjust(
            id=state.fresh_id(),
            from_line=source.id,
            to_line=target.id,
            amount_vnd=req.amount_vnd,
            decision=decision,
            date=req.date,
            recorded_at=ledger.now(),
        )
        state.apply(entry, 1)
        outcome = _line_outcome(entry, False, source, state)
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout)
    assert outcome is not None
    return _with_hash(outcome, written)


def parse_value(text: str) -> str:
    """An indicator value in the active number convention, as exact decimal text: `4.900,5` → `4900.5`."""
    raw = unicodedata.normalize("NFC", text).strip()
    if raw[:1] in ("-", "\N{MINUS SIGN}"):
        raise InputError(t("measure.negative", text=text))
    numerator, denominator = parse_number(raw)
    digits = len(str(denominator)) - 1
    whole, frac = divmod(numerator, denominator)
    if digits > 9 or whole >= 10**18:
        raise InputError(t("measure.too_precise", text=text))
    return f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".") if digits else str(whole)


def measure(plan: Plan, path: Path, indicator_id: str, year: int, value_text: str, *, lock_timeout: float) -> Outcome:
    known = [indicator.id for indicator in plan.indicators]
    if indicator_id not in known:
        raise InputError(t("measure.unknown", id=indicator_id, known=", ".join(known) or "—"))
    if not 1900 <= year <= 2200:
        raise InputError(t("measure.year", year=year))
    value = parse_value(value_text)
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Written]:
        nonlocal outcome
        entry = Measure(id=state.fresh_id(), indicator=indicator_id, year=year, value=value, recorded_at=ledger.now())
        outcome = Outcome(entry, False, None)
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout)
    assert outcome is not None
    return _with_hash(outcome, written)


_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>[0-9]{2}))?")


def period_bounds(text: str) -> tuple[str, datetime.date, datetime.date]:
    """`2024-Q2`, `2024-06` or `2024` → (canonical text, first day, last day)."""
    match = _PERIOD.fullmatch(text.strip().upper())
    if match is None or (match["month"] and not 1 <= int(match["month"]) <= 12):
        raise InputError(t("close.period", text=text))
    year = int(match["year"])
    if match["quarter"]:
        first_month, last_month = 3 * int(match["quarter"]) - 2, 3 * int(match["quarter"])
    elif match["month"]:
        first_month = last_month = int(match["month"])
    else:
        first_month, last_month = 1, 12
    start = datetime.date(year, first_month, 1)
    next_month = datetime.date(year + last_month // 12, last_month % 12 + 1, 1)
    return match.group(0), start, next_month - datetime.timedelta(days=1)


def close(plan: Plan, path: Path, period_text: str, *, lock_timeout: float) -> Outcome:
    period, start, end = period_bounds(period_text)
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Written]:
        nonlocal outcome
        earlier = next((c for c in state.closes.values() if c.period == period), None)
        if earlier is not None:
            outcome = Outcome(earlier, True, None)
            return []
        entry = Close(id=state.fresh_id(), period=period, start=start, end=end, recorded_at=ledger.now())
        state.apply(entry, 1)
        outcome = Outcome(entry, False, None)
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout)
    assert outcome is not None
    return _with_hash(outcome, written)
