"""The rules of writing: what a record or a void may be, checked against the plan and,
under the ledger's lock, against the ledger as it is at that moment."""

import datetime
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from kc_tracker import ledger
from kc_tracker.dates import today
from kc_tracker.errors import InputError
from kc_tracker.i18n import t
from kc_tracker.ledger import LONG_TEXT_MAX, SHORT_TEXT_MAX, Entry, LedgerState, Record, Void
from kc_tracker.money import format_trieu
from kc_tracker.plan import Line, Plan


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    noop: bool  # the same entry was already in the ledger: nothing written
    line: Line | None  # None when the entry names a line the plan no longer has
    spent_vnd: int  # the line's figures after this entry
    done_count: int


def clean_text(value: str | None, option: str, max_length: int) -> str | None:
    """NFC text without control characters, within its length, or None when blank."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise InputError(t("text.control", option=option))
    if len(text) > max_length:
        raise InputError(t("text.too_long", option=option, length=len(text), max=max_length))
    return text


@dataclass(frozen=True)
class RecordRequest:
    line: str
    amount_vnd: int
    count: int | None = None
    date: datetime.date | None = None
    locality: str | None = None
    beneficiary: str | None = None
    note: str | None = None
    ref: str | None = None
    allow_over_budget: bool = False
    allow_outside_period: bool = False


def record(plan: Plan, path: Path, req: RecordRequest, *, lock_timeout: float, dry_run: bool = False) -> Outcome:
    line = plan.find_line(req.line)
    if req.count is not None and not line.counted:
        raise InputError(t("record.no_count", line=line.id))
    if req.count is not None and req.count < 0:
        raise InputError(t("record.negative_count", count=req.count))
    if req.amount_vnd == 0 and not req.count:
        raise InputError(t("record.nothing"))
    when = req.date or today()
    period = plan.plan
    if not (period.start <= when <= period.end) and not req.allow_outside_period:
        raise InputError(t("record.outside_period", date=when, start=period.start, end=period.end))
    draft = Record(
        id="0" * 12,
        line=line.id,
        date=when,
        amount_vnd=req.amount_vnd,
        count=req.count,
        locality=clean_text(req.locality, "--locality", SHORT_TEXT_MAX),
        beneficiary=clean_text(req.beneficiary, "--beneficiary", SHORT_TEXT_MAX),
        note=clean_text(req.note, "--note", LONG_TEXT_MAX),
        ref=clean_text(req.ref, "--ref", SHORT_TEXT_MAX),
        recorded_at=ledger.now(),
    )
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Entry]:
        nonlocal outcome
        spent, done = state.spent_vnd[line.id], state.done_count[line.id]
        earlier = state.refs.get(draft.ref) if draft.ref else None
        if earlier is not None:
            if not earlier.same_content(draft):
                raise InputError(t("record.ref_conflict", ref=draft.ref, id=earlier.id, date=earlier.date))
            outcome = Outcome(earlier, True, line, spent, done)
            return []
        if draft.amount_vnd and spent + draft.amount_vnd > line.budget_vnd and not req.allow_over_budget:
            raise InputError(
                t(
                    "record.over_budget",
                    line=line.id,
                    amount=format_trieu(draft.amount_vnd),
                    remaining=format_trieu(line.budget_vnd - spent),
                )
            )
        entry = draft.model_copy(update={"id": state.fresh_id()})
        outcome = Outcome(entry, False, line, spent + entry.amount_vnd, done + (entry.count or 0))
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run)
    assert outcome is not None
    return replace(outcome, entry=written[0]) if written else outcome


def void(plan: Plan, path: Path, entry_id: str, reason: str, *, lock_timeout: float) -> Outcome:
    wanted = entry_id.strip().lower()
    why = clean_text(reason, "--reason", LONG_TEXT_MAX)
    if why is None:
        raise InputError(t("void.no_reason"))
    outcome: Outcome | None = None

    def build(state: LedgerState) -> list[Entry]:
        nonlocal outcome
        target = state.found
        if target is None:
            raise InputError(t("void.unknown", id=entry_id))
        if isinstance(target, Void):
            raise InputError(t("void.is_void", id=wanted, target=target.target))
        line = next((line for line in plan.lines if line.id == target.line), None)
        spent, done = state.spent_vnd[target.line], state.done_count[target.line]
        earlier = state.voids.get(target.id)
        if earlier is not None:
            if earlier.reason != why:
                raise InputError(t("void.already", id=wanted, date=earlier.date, reason=earlier.reason))
            outcome = Outcome(earlier, True, line, spent, done)
            return []
        entry = Void(
            id=state.fresh_id(), target=target.id, reason=why, date=today(), recorded_at=ledger.now(), voided=target
        )
        outcome = Outcome(entry, False, line, spent - target.amount_vnd, done - (target.count or 0))
        return [entry]

    written = ledger.transact(path, plan.plan.id, build, lock_timeout=lock_timeout, find=wanted)
    assert outcome is not None
    return replace(outcome, entry=written[0]) if written else outcome
