"""Every rule of every write, once: what a record, a void, a reallocation, a measure, a closed period and an
import may be, checked against the plan and, under the ledger's lock, against the ledger as it is.

`kc import` admits its rows with the same functions as `kc record` (`prepare_record`, `admit_record`),
one row after another against a view that already holds the rows before it.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from kc_tracker import paths, store
from kc_tracker.dates import FIRST_YEAR, LAST_YEAR, Period, parse_period, today
from kc_tracker.errors import InputError, KcError
from kc_tracker.i18n import VIETNAM, t
from kc_tracker.ledger import (
    LONG_TEXT_MAX,
    PROJECT_CODE,
    SHORT_TEXT_MAX,
    SOURCES,
    UNASSIGNED,
    Acceptance,
    Adjust,
    Batch,
    Close,
    Day,
    Entry,
    Measure,
    Project,
    ProjectChange,
    Record,
    Settlement,
    Source,
    Stop,
    Void,
    as_dict,
    dated,
    has_no_control,
    is_invisible,
    now,
    ref_key,
)
from kc_tracker.money import format_pct, format_trieu, percent
from kc_tracker.plan import MAX_COUNT, Line, Plan
from kc_tracker.tally import ProjectState, beneficiary_key, project_key

MAX_LISTED = 50  # refused rows listed one by one, then how many more
MAX_WARNINGS = 20


@dataclass(frozen=True)
class Flags:
    """What the officer allows on purpose: the one definition of the `--allow-…` options' meaning."""

    allow_over_budget: bool = False
    allow_outside_period: bool = False
    allow_over_ceiling: bool = False
    allow_closed: bool = False
    allow_future: bool = False
    allow_over_advance: bool = False


@dataclass(frozen=True)
class RecordRequest:
    line: str
    amount_vnd: int
    count: int | None = None
    date: "date | None" = None  # a string: the field's default would shadow the type here
    locality: str | None = None
    beneficiary: str | None = None
    note: str | None = None
    ref: str | None = None
    source: str | None = None
    counterpart_vnd: int | None = None
    id: str | None = None  # an entry kc exported, imported back: it keeps its id, so it counts once
    project: str | None = None  # the đề án paid: the line comes from it (`line` may be "")
    advance: bool = False  # a tạm ứng
    line_number: int | None = None  # the line's number a file gives beside its id: the two must agree


@dataclass(frozen=True)
class SkippedRow:
    """A row of kc's export marked voided: not imported; its entry id, to see whether it still counts here."""

    id: str | None


def is_entry_id(text: str) -> bool:
    return _ENTRY_ID.fullmatch(text) is not None


_ENTRY_ID = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    noop: bool  # the same entry was already in the ledger: nothing written
    line: Line | None = None  # the line the entry moved
    budget_vnd: int = 0  # the line's figures up to today, this entry and reallocations included
    spent_vnd: int = 0
    done_count: int = 0
    committed_vnd: int = 0  # approved for its đề án and not yet paid
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    known_id: bool = False  # a noop because the ledger holds the entry by its id
    project: ProjectState | None = None  # the đề án the entry is about, as it stands after it


E = TypeVar("E")


class View(Protocol):
    """What the rules may ask of the ledger (implemented by `store.View`, over the ledger's index)."""

    def line_figures(self, line: str) -> tuple[int, int, int]: ...
    def balance(self, line: str) -> tuple[int, int, int, int]: ...
    def year_spent(self, line: str, year: int) -> int: ...
    def times_counted(self, line: str, named: str) -> int: ...
    def record_by_ref(self, ref: str) -> tuple[Record, str | None] | None: ...
    def committed(self, line: str) -> int: ...
    def project(self, code: str) -> ProjectState | None: ...
    def project_codes(self) -> set[str]: ...
    def project_entries(self, code: str) -> list[tuple[Entry, str | None]]: ...
    def project_beneficiaries(self, line: str) -> list[tuple[str, str]]: ...
    def entry(self, entry_id: str) -> tuple[Entry, str | None] | None: ...
    def has_id(self, entry_id: str) -> bool: ...
    def voided_here(self, entry_id: str) -> bool: ...
    def void_of(self, entry_id: str) -> Void | None: ...
    def closes(self) -> list[Close]: ...
    def closed_period(self, day: date) -> Close | None: ...
    def imports(self) -> list[dict[str, Any]]: ...
    def batch_records(self, batch_id: str) -> Iterator[Record]: ...
    def fresh_id(self) -> str: ...
    def admit(self, entry: E) -> E: ...  # placed under an id drawn then
    def group(self, opening: Batch) -> AbstractContextManager[None]: ...


# --- text ---------------------------------------------------------------------------------------


def clean_text(value: str | None, option: str, max_length: int) -> str | None:
    """NFC text, trimmed, without control or invisible characters, within its length; None when blank."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, from a script saved in another encoding
        raise InputError(t("text.encoding", option=option)) from None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if text.isprintable() and len(text) <= max_length:  # no control, format or odd space character at all
        return text
    if not has_no_control(text):
        raise InputError(t("text.control", option=option))
    invisible = next((char for char in text if is_invisible(char)), None)
    if invisible is not None:
        raise InputError(t("text.invisible", option=option, code=f"U+{ord(invisible):04X}"))
    if len(text) > max_length:
        raise InputError(t("text.too_long", option=option, length=len(text), max=max_length))
    return text


def clean_ref(value: str | None, option: str = "--ref") -> str | None:
    """A ref is stored as it is compared (`ref_key`)."""
    text = clean_text(value, option, SHORT_TEXT_MAX)
    return ref_key(text) if text else None


# --- records ------------------------------------------------------------------------------------


def check_date(plan: Plan, when: date, flags: Flags, what: str = "--date") -> None:
    """A date inside the plan's period, and not after today: what `kc status` counts today is what was written."""
    info = plan.plan
    if not (info.start <= when <= info.end) and not flags.allow_outside_period:
        raise InputError(t("record.outside_period", date=when, start=info.start, end=info.end, what=what))
    now_day = today()
    if when > now_day and not flags.allow_future:
        raise InputError(t("record.future", date=when, today=now_day, what=what))


def check_count(count: int | None, option: str) -> None:
    """A count is at most MAX_COUNT (a negative one never gets here but through `kc record`, which says why)."""
    if count is not None and count > MAX_COUNT:
        raise InputError(t("record.count_too_large", count=count, option=option, max=MAX_COUNT))


def check_open(view: View, when: date, flags: Flags) -> None:
    closed = view.closed_period(when)
    if closed is not None and not flags.allow_closed:
        period = parse_period(closed.period)
        raise InputError(t("closed.refused", date=when, period=period.label, start=period.start, end=period.end))


OPTION_NAMES = {
    "count": "--count",
    "date": "--date",
    "locality": "--locality",
    "beneficiary": "--beneficiary",
    "note": "--note",
    "ref": "--ref",
    "source": "--source",
}


def prepare_record(plan: Plan, req: RecordRequest, flags: Flags, options: dict[str, str] | None = None) -> Record:
    """Everything that can be checked without the ledger. `options` names the fields as the officer gave
    them (an import's columns, over OPTION_NAMES); the id is drawn under the lock."""
    names = options or OPTION_NAMES
    line = plan.find_line(req.line)
    if req.line_number is not None and req.line_number != plan.number(line.id):
        raise InputError(t("import.line_number", number=req.line_number, line=plan.line_label(line.id),
                           option=names.get("line_number", "line_number")))  # fmt: skip
    if req.advance and req.project is None:
        raise InputError(t("record.advance_without_project", option=names.get("advance", "--advance")))
    if req.count is not None and not line.counted:
        raise InputError(t("record.no_count", line=plan.line_label(line.id), option=names["count"]))
    if req.count is not None and req.count < 0:
        raise InputError(t("record.negative_count", count=req.count, option=names["count"]))
    check_count(req.count, names["count"])
    if req.amount_vnd == 0 and not req.count:
        raise InputError(t("record.nothing"))
    if line.ceiling_vnd is not None and req.amount_vnd > line.ceiling_vnd and not flags.allow_over_ceiling:
        raise InputError(
            t(
                "record.over_ceiling",
                line=plan.line_label(line.id),
                amount=format_trieu(req.amount_vnd),
                ceiling=format_trieu(line.ceiling_vnd),
            )
        )
    if req.source is not None and req.source not in SOURCES:
        raise InputError(t("record.source", source=req.source, option=names["source"], known=", ".join(SOURCES)))
    when = req.date or today()
    check_date(plan, when, flags, names["date"])
    locality = known_locality(plan, clean_text(req.locality, names["locality"], SHORT_TEXT_MAX), names["locality"])
    return Record(
        id=req.id or UNASSIGNED,
        line=line.id,
        date=when,
        amount_vnd=req.amount_vnd,
        count=req.count,
        locality=locality,
        beneficiary=clean_text(req.beneficiary, names["beneficiary"], SHORT_TEXT_MAX),
        note=clean_text(req.note, names["note"], LONG_TEXT_MAX),
        ref=clean_ref(req.ref, names["ref"]),
        source=cast(Source, req.source),  # one of SOURCES, checked above
        counterpart_vnd=req.counterpart_vnd,
        project=req.project,
        advance=True if req.advance else None,
        recorded_at=now(),
    )


def for_project(view: View, plan: Plan, req: RecordRequest, names: dict[str, str] | None = None) -> RecordRequest:
    """A payment on a đề án: its line, and by default its beneficiary, place and source, are the đề án's; its
    count comes with the acceptance, never with a payment."""
    if req.project is None:
        return req
    options = names or OPTION_NAMES
    state = _known_project(view, req.project)
    if req.line and plan.find_line(req.line).id != state.line:
        raise InputError(t("project.other_line", code=state.code, line=plan.line_label(state.line),
                           given=plan.line_label(plan.find_line(req.line).id)))  # fmt: skip
    if req.count is not None:
        raise InputError(t("project.payment_count", code=state.code, option=options.get("count", "--count")))
    return replace(req, line=state.line, project=state.code, beneficiary=req.beneficiary or state.beneficiary,
                   locality=req.locality or state.locality, source=req.source or state.source)  # fmt: skip


def _known_project(view: View, code: str) -> ProjectState:
    state = view.project(code.strip())
    if state is None:
        raise InputError(t("project.unknown", code=code))
    return state


def _payment(view: View, plan: Plan, draft: Record, flags: Flags) -> None:
    """A payment on a đề án: an open one, approved by then, within its support; an advance (before
    acceptance) within the line's share of the support."""
    state = _known_project(view, str(draft.project))
    if not state.open:
        raise InputError(_closed(state))
    if draft.date < state.approved:
        raise InputError(t("project.before_approval", code=state.code, date=draft.date, approved=state.approved))
    paid = state.figures.paid + draft.amount_vnd
    if paid > state.support_vnd and not flags.allow_over_budget:
        raise InputError(t("project.over_support", code=state.code, amount=format_trieu(draft.amount_vnd),
                           paid=format_trieu(state.figures.paid), support=format_trieu(state.support_vnd)))  # fmt: skip
    if draft.advance:
        if state.accepted_on is not None:
            raise InputError(t("project.advance_after_acceptance", code=state.code, date=state.accepted_on))
        line = plan.find_line(state.line)
        limit = state.support_vnd * line.advance_max_pct // 100
        advanced = state.figures.advanced + draft.amount_vnd
        if advanced > limit and not flags.allow_over_advance:
            raise InputError(t("project.over_advance", code=state.code, pct=line.advance_max_pct,
                               limit=format_trieu(limit), advanced=format_trieu(advanced),
                               line=plan.line_label(line.id)))  # fmt: skip


def _closed(state: ProjectState) -> str:
    return t("project.closed", code=state.code, state=t(f"project.state.{state.state}"))


def known_locality(plan: Plan, locality: str | None, option: str) -> str | None:
    """Where the plan lists its communes and wards, a locality is one of them, as the plan spells it (compared
    without case and extra spaces); a misspelt one is refused with the nearest names."""
    listed = plan.plan.localities
    if locality is None or not listed:
        return locality
    by_key = {beneficiary_key(name): name for name in listed}
    found = by_key.get(beneficiary_key(locality))
    if found is not None:
        return found
    import difflib

    close = difflib.get_close_matches(beneficiary_key(locality), list(by_key), n=3, cutoff=0.5)
    if not close:
        raise InputError(t("record.locality_unknown", locality=locality, option=option))
    suggestions = ", ".join(by_key[key] for key in close)
    raise InputError(t("record.locality", locality=locality, option=option, suggestions=suggestions))


def same_content(a: Record, b: Record) -> bool:
    """Equal as the officer sees it: everything but the id, the time of recording and the chain."""
    skip = ("id", "recorded_at", "prev", "hash", "ref")
    return {k: v for k, v in as_dict(a).items() if k not in skip} == {
        k: v for k, v in as_dict(b).items() if k not in skip
    }


def admit_record(view: View, plan: Plan, draft: Record, flags: Flags) -> Outcome:
    """The rules that depend on the ledger; the record is then admitted (`noop` when its ref has it)."""
    line = plan.find_line(draft.line)
    spent, _, moved = view.line_figures(line.id)
    budget = line.budget_vnd + moved
    if draft.id != UNASSIGNED and view.has_id(draft.id):  # an exported entry, already here (even voided since)
        known = view.entry(draft.id)
        if known is not None:
            earlier = known[0]
            if not isinstance(earlier, Record) or not same_content(earlier, draft):
                raise InputError(t("record.id_conflict", id=draft.id))
            return Outcome(earlier, True, line, known_id=True)
    if draft.ref is not None:
        found = view.record_by_ref(draft.ref)
        if found is not None and not view.voided_here(found[0].id):  # a replacement frees its old rows' refs
            earlier, voided_by = found
            if voided_by is not None:
                void = view.void_of(earlier.id)
                raise InputError(
                    t("record.ref_voided", ref=draft.ref, id=earlier.id, date=void.date if void else earlier.date)
                )
            if not same_content(earlier, draft):
                raise InputError(t("record.ref_conflict", ref=draft.ref, id=earlier.id, date=earlier.date))
            return Outcome(earlier, True, line)
    check_open(view, draft.date, flags)
    if budget == 0 and not line.target and not flags.allow_over_budget:
        raise InputError(t("record.plan_unfilled", line=plan.line_label(line.id)))
    if draft.project is not None:
        _payment(view, plan, draft, flags)
    # A payment outside a đề án may not take what đề án were approved: what is free is what is left of the
    # budget after what was paid and what open đề án still wait for (a đề án's own payment was waited for).
    committed = view.committed(line.id) if draft.project is None and draft.amount_vnd else 0
    if draft.amount_vnd and spent + committed + draft.amount_vnd > budget and not flags.allow_over_budget:
        if committed:
            raise InputError(t("record.over_uncommitted", line=plan.line_label(line.id),
                               amount=format_trieu(draft.amount_vnd), remaining=format_trieu(budget - spent),
                               committed=format_trieu(committed),
                               free=format_trieu(budget - spent - committed)))  # fmt: skip
        raise InputError(
            t(
                "record.over_budget",
                line=plan.line_label(line.id),
                amount=format_trieu(draft.amount_vnd),
                remaining=format_trieu(budget - spent),
            )
        )
    warnings = []
    if draft.count and draft.beneficiary and view.times_counted(line.id, beneficiary_key(draft.beneficiary)) > 0:
        warnings.append(t("record.counted_again", beneficiary=draft.beneficiary, line=plan.line_label(line.id)))
    allocation = line.years.get(str(draft.date.year))
    if allocation is not None and draft.amount_vnd:
        year_spent = view.year_spent(line.id, draft.date.year)
        if year_spent + draft.amount_vnd > allocation.budget_vnd:
            warnings.append(
                t(
                    "record.year_over",
                    line=plan.line_label(line.id),
                    year=draft.date.year,
                    allocation=format_trieu(allocation.budget_vnd),
                    spent=format_trieu(year_spent + draft.amount_vnd),
                )
            )
    entry = view.admit(draft)  # under an id drawn as it is placed
    return Outcome(entry, False, line, warnings=tuple(warnings))


def record(
    plan: Plan, ledger: Path, req: RecordRequest, flags: Flags, *, lock_timeout: float, dry_run: bool
) -> Outcome:
    if req.project is None:
        prepare_record(plan, req, flags)  # refused before the ledger is opened

    def build(view: View) -> Outcome:
        draft = prepare_record(plan, for_project(view, plan, req), flags)
        admitted = admit_record(view, plan, draft, flags)
        outcome = _line_outcome(view, plan, admitted.entry, admitted.noop, draft.line)
        return replace(outcome, warnings=admitted.warnings)

    return _written(plan, ledger, build, lock_timeout, dry_run)


def _written(
    plan: Plan, ledger: Path, build: Callable[[View], Outcome], lock_timeout: float, dry_run: bool = False
) -> Outcome:
    """One write of the rules' `build`; what the store said on the way (a torn tail moved aside) goes with it."""
    outcome, notices = store.transact(ledger, plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run)
    return replace(outcome, notices=tuple(notices))


# --- voids, reallocations, measures, closes -----------------------------------------------------


def _line_outcome(view: View, plan: Plan, entry: Entry, noop: bool, line_id: str | None) -> Outcome:
    """The entry, with its line's figures as `kc status` shows them right after it (up to today)."""
    line = plan.line(line_id) if line_id else None
    if line is None:
        return Outcome(entry, noop)
    spent, done, moved, committed = view.balance(line.id)
    return Outcome(entry, noop, line, line.budget_vnd + moved, spent, done, committed)


def _moved_line(entry: Entry) -> str | None:
    if isinstance(entry, Adjust):
        return entry.from_line
    return getattr(entry, "line", None)


def void(plan: Plan, ledger: Path, entry_id: str, reason: str, flags: Flags, *, lock_timeout: float) -> Outcome:
    wanted = entry_id.strip().lower()
    why = clean_text(reason, "--reason", LONG_TEXT_MAX)
    if why is None:
        raise InputError(t("void.no_reason"))

    def build(view: View) -> Outcome:
        found = view.entry(wanted)
        if found is None:
            raise InputError(t("void.unknown", id=entry_id))
        target, voided_by = found
        if isinstance(target, Void):
            raise InputError(t("void.is_void", id=wanted, target=target.target))
        if voided_by is not None:
            earlier = view.void_of(target.id)
            assert earlier is not None
            if earlier.reason != why:
                raise InputError(t("void.already", id=wanted, date=earlier.date, reason=earlier.reason))
            return _line_outcome(view, plan, earlier, True, _moved_line(target))
        day = dated(target)
        if day is not None:
            check_open(view, day, flags)
        if isinstance(target, Adjust):
            _check_budget_after(view, plan, target.to_line, -target.amount_vnd, voiding=True)
        _check_project_void(view, target)
        code, line_id = getattr(target, "project", None), getattr(target, "line", None)
        if code and line_id:  # both asked before the void is admitted, which then keeps them up to date
            view.project(code)
            committed = view.committed(line_id)
        entry = view.admit(Void(id="", target=target.id, reason=why, date=today(), recorded_at=now(), voided=target))
        if code and line_id:
            _check_project_after_void(view, plan, target, code, line_id, committed)
        return _line_outcome(view, plan, entry, False, _moved_line(target))

    return _written(plan, ledger, build, lock_timeout)


def _check_budget_after(view: View, plan: Plan, line_id: str, delta: int, voiding: bool = False) -> None:
    """A budget may not go negative, nor below what its line has already spent and committed to đề án
    (`voiding`: a reallocation's void, said so)."""
    line = plan.line(line_id)
    spent, _, moved = view.line_figures(line_id)
    after = (line.budget_vnd if line else 0) + moved + delta
    committed = view.committed(line_id)
    if after < spent + committed:  # what was spent and committed is never below 0: nor may the budget be
        key = ("void." if voiding else "") + ("adjust.too_much_committed" if committed else "adjust.too_much")
        raise InputError(t(key, line=plan.line_label(line_id), after=format_trieu(after), spent=format_trieu(spent),
                           committed=format_trieu(committed)))  # fmt: skip


def _check_project_after_void(
    view: View, plan: Plan, target: Entry, code: str, line_id: str, committed_before: int
) -> None:  # fmt: skip
    """What a void of a đề án's decision, settlement or stop leaves must hold as a new decision would: its
    support not below what was paid, and money it waits for again within what its line can still approve."""
    state = view.project(code)
    if state is not None and state.paid_vnd > state.support_vnd:
        raise InputError(t("project.void_over_paid", id=target.id, code=state.code,
                           support=format_trieu(state.support_vnd), paid=format_trieu(state.paid_vnd)))  # fmt: skip
    more = view.committed(line_id) - committed_before
    line = plan.line(line_id)
    if more > 0 and line is not None:
        spent, _, moved = view.line_figures(line_id)
        free = line.budget_vnd + moved - spent - committed_before
        if more > free:
            raise InputError(t("project.void_over_budget", id=target.id, code=code, more=format_trieu(more),
                               line=plan.line_label(line_id), free=format_trieu(free)))  # fmt: skip


def _last_payment(view: View, code: str, advances_only: bool = False) -> Record | None:
    """The đề án's payment (or advance) with the latest date that still counts."""
    payments = [entry for entry, voided_by in view.project_entries(code) if voided_by is None
                and isinstance(entry, Record) and (entry.advance or not advances_only)]  # fmt: skip
    return max(payments, key=lambda entry: entry.date, default=None)


def _check_project_void(view: View, target: Entry) -> None:
    """A đề án's entries are undone from the last: what an entry did may not change under the entries after it
    (a change states the support it found; a settlement closes the payments)."""
    code = getattr(target, "project", None)
    if code is None:
        return
    history = view.project_entries(code)
    place = next(number for number, (entry, _) in enumerate(history) if entry.id == target.id)
    later = [entry for entry, voided_by in history[place + 1 :] if voided_by is None]
    blocking: tuple[type, ...] = {
        Project: (Record, Project, ProjectChange, Acceptance, Settlement, Stop),
        ProjectChange: (ProjectChange, Settlement, Stop),
        Acceptance: (Settlement,),
        Record: (Settlement, Stop),
    }.get(type(target), ())
    first = next((entry for entry in later if isinstance(entry, blocking)), None)
    if first is None and isinstance(target, Record):  # closed by an entry recorded before it (dated later)
        first = next(
            (entry for entry, voided_by in history if voided_by is None and isinstance(entry, Settlement | Stop)), None
        )
    if first is not None:
        raise InputError(t("project.void_later", id=target.id, code=code, later=first.id))


@dataclass(frozen=True)
class AdjustRequest:
    from_line: str
    to_line: str
    amount_vnd: int
    decision: str
    date: date


def adjust(plan: Plan, ledger: Path, req: AdjustRequest, flags: Flags, *, lock_timeout: float) -> Outcome:
    source, target = plan.find_line(req.from_line), plan.find_line(req.to_line)
    if source.id == target.id:
        raise InputError(t("adjust.same_line", line=plan.line_label(source.id)))
    if req.amount_vnd <= 0:
        raise InputError(t("adjust.zero"))
    decision = clean_text(req.decision, "--decision", LONG_TEXT_MAX)
    if decision is None:
        raise InputError(t("adjust.no_decision"))
    check_date(plan, req.date, flags)

    def build(view: View) -> Outcome:
        check_open(view, req.date, flags)
        _check_budget_after(view, plan, source.id, -req.amount_vnd)
        entry = view.admit(
            Adjust(
                id="",
                from_line=source.id,
                to_line=target.id,
                amount_vnd=req.amount_vnd,
                decision=decision,
                date=req.date,
                recorded_at=now(),
            )
        )
        return _line_outcome(view, plan, entry, False, source.id)

    return _written(plan, ledger, build, lock_timeout)


def measure(
    plan: Plan, ledger: Path, indicator_id: str, year: int, value: str, flags: Flags, *, lock_timeout: float
) -> Outcome:
    """A year's value of an indicator: a year of the plan (a report quotes it), and not a year still to come."""
    known = [indicator.id for indicator in plan.indicators]
    if indicator_id not in known:
        raise InputError(t("measure.unknown", id=indicator_id, known=", ".join(known) or "—"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(t("measure.year", year=year))
    first, last = plan.plan.start.year, plan.plan.end.year
    if not first <= year <= last and not flags.allow_outside_period:
        raise InputError(t("measure.outside_period", year=year, first=first, last=last))
    if year > today().year and not flags.allow_future:
        raise InputError(t("measure.future", year=year, today=today()))

    def build(view: View) -> Outcome:
        entry = view.admit(Measure(id="", indicator=indicator_id, year=year, value=value, recorded_at=now()))
        return Outcome(entry, False)

    return _written(plan, ledger, build, lock_timeout)


def close(plan: Plan, ledger: Path, period_text: str, flags: Flags, *, lock_timeout: float) -> tuple[Outcome, Period]:
    """A reported period closed: one of the plan's that has ended (a period still running is not reported)."""
    period = parse_period(period_text, t("var.period"))
    if period.end < plan.plan.start or period.start > plan.plan.end:
        raise InputError(t("close.outside_plan", period=period.label, start=plan.plan.start, end=plan.plan.end))
    if period.end >= today() and not flags.allow_future:
        raise InputError(t("close.not_ended", period=period.label, end=period.end, today=today()))
    code = period.code or period_text

    def build(view: View) -> Outcome:
        earlier = next((c for c in view.closes() if c.period == code), None)
        if earlier is not None:
            return Outcome(earlier, True)
        return Outcome(
            view.admit(Close(id="", period=code, start=period.start, end=period.end, recorded_at=now())),
            False,
        )

    return _written(plan, ledger, build, lock_timeout), period


# --- đề án -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectRequest:
    """`kc project add` (and a row of a danh mục đề án): a đề án approved by a decision."""

    code: str | None
    line: str
    name: str | None
    beneficiary: str | None
    support_vnd: int
    decision: str | None
    date: Day | None
    counterpart_vnd: int | None = None
    count: int | None = None
    locality: str | None = None
    source: str | None = None
    implementer: str | None = None
    end: Day | None = None


PROJECT_OPTIONS = {
    "code": "ID",
    "name": "--name",
    "beneficiary": "--beneficiary",
    "support": "--support",
    "decision": "--decision",
    "date": "--date",
    "count": "--count",
    "locality": "--locality",
    "source": "--source",
    "implementer": "--implementer",
    "end": "--end",
}


def clean_code(value: str | None, option: str = "ID") -> str | None:
    """A đề án's code as the office writes it (2026-MMTB-03); None when there is none."""
    code = clean_text(unicodedata.normalize("NFKC", value) if value else value, option, 40)  # ２０２６ is 2026
    if code is not None and _PROJECT_CODE.fullmatch(code) is None:
        raise InputError(t("project.bad_code", code=code, option=option))
    return code


_PROJECT_CODE = re.compile(PROJECT_CODE)


def prepare_project(plan: Plan, req: ProjectRequest, flags: Flags, options: dict[str, str] | None = None) -> Project:
    """Everything a đề án's approval can be checked for without the ledger."""
    # A file's own columns name its fields where it has them (the code is its `project` column).
    names = PROJECT_OPTIONS | (options or {})
    names["code"] = (options or {}).get("project", names["code"])
    line = plan.find_line(req.line)
    code = clean_code(req.code, names["code"])
    name = clean_text(req.name, names["name"], LONG_TEXT_MAX)
    beneficiary = clean_text(req.beneficiary, names["beneficiary"], SHORT_TEXT_MAX)
    decision = clean_text(req.decision, names["decision"], LONG_TEXT_MAX)
    for value, option in ((name, "name"), (beneficiary, "beneficiary"), (decision, "decision")):
        if value is None:
            raise InputError(t("project.missing", option=names[option]))
    assert name is not None and beneficiary is not None and decision is not None
    if req.support_vnd <= 0:
        raise InputError(t("project.no_support", option=names["support"]))
    count = req.count
    if count is not None and not line.counted:
        raise InputError(t("record.no_count", line=plan.line_label(line.id), option=names["count"]))
    check_count(count, names["count"])
    if count is None and line.counted:
        count = 1
    if req.source is not None and req.source not in SOURCES:
        raise InputError(t("record.source", source=req.source, option=names["source"], known=", ".join(SOURCES)))
    when = req.date or today()
    check_date(plan, when, flags, names["date"])
    if req.end is not None and req.end < when:
        raise InputError(t("project.end_before", end=req.end, date=when, option=names["end"]))
    _check_ceilings(plan, line, req.support_vnd, req.counterpart_vnd, flags)
    locality = known_locality(plan, clean_text(req.locality, names["locality"], SHORT_TEXT_MAX), names["locality"])
    return Project(
        id=UNASSIGNED,
        project=code or "",
        line=line.id,
        name=name,
        beneficiary=beneficiary,
        support_vnd=req.support_vnd,
        counterpart_vnd=req.counterpart_vnd,
        count=count,
        locality=locality,
        source=cast(Source, req.source),
        implementer=clean_text(req.implementer, names["implementer"], SHORT_TEXT_MAX),
        decision=decision,
        date=when,
        end=req.end,
        recorded_at=now(),
    )


def _check_ceilings(plan: Plan, line: Line, support: int, counterpart: int | None, flags: Flags) -> None:
    """The plan's limits on one đề án's support: an amount, and a share of its total."""
    if flags.allow_over_ceiling:
        return
    if line.max_support_vnd is not None and support > line.max_support_vnd:
        raise InputError(t("project.over_max_support", line=plan.line_label(line.id), support=format_trieu(support),
                           ceiling=format_trieu(line.max_support_vnd)))  # fmt: skip
    total = support + (counterpart or 0)
    if line.max_support_pct is not None and support * 100 > line.max_support_pct * total:
        raise InputError(t("project.over_max_pct", line=plan.line_label(line.id), pct=line.max_support_pct,
                           share=format_pct(percent(support, total)), support=format_trieu(support),
                           total=format_trieu(total)))  # fmt: skip


def _uncommitted(view: View, line: Line) -> int:
    """What a line can still approve: its budget, less what was paid and what open đề án wait for."""
    spent, _, moved = view.line_figures(line.id)
    return line.budget_vnd + moved - spent - view.committed(line.id)


def admit_project(view: View, plan: Plan, draft: Project, flags: Flags) -> Outcome:
    """A đề án's approval against the ledger: its code free (or this very approval: a no-op), the support
    within what the line can still approve."""
    line = plan.find_line(draft.line)
    if draft.project:
        existing = view.project(draft.project)
        if existing is not None:
            found = view.entry(existing.approval_id)
            assert found is not None
            approval = found[0]
            if not _same(approval, draft, skip=("id", "recorded_at", "prev", "hash", "project")):
                raise InputError(t("project.exists", code=existing.code, date=existing.approved,
                                   line=plan.line_label(existing.line)))  # fmt: skip
            return Outcome(approval, True, line)
        like = sorted(code for code in view.project_codes() if _plain(code) == _plain(draft.project))
        if like:  # ĐA-01 beside DA-01: one đề án typed twice, not two
            raise InputError(t("project.code_like", code=draft.project, like=", ".join(like).upper()))
    else:
        draft = replace(draft, project=_next_code(view))
    check_open(view, draft.date, flags)
    free = _uncommitted(view, line)
    if draft.support_vnd > free and not flags.allow_over_budget:
        raise InputError(t("project.over_budget", line=plan.line_label(line.id),
                           support=format_trieu(draft.support_vnd), free=format_trieu(free)))  # fmt: skip
    wanted = beneficiary_key(draft.beneficiary)
    others = sorted(code for code, name in view.project_beneficiaries(line.id) if beneficiary_key(name) == wanted)
    warnings: tuple[str, ...] = ()
    if others:
        warnings = (t("project.same_beneficiary", beneficiary=draft.beneficiary, line=plan.line_label(line.id),
                      codes=", ".join(others)),)  # fmt: skip
    return Outcome(view.admit(draft), False, line, warnings=warnings)


def _plain(code: str) -> str:
    """A code without case and diacritics (Đ as D): two codes that read alike."""
    plain = unicodedata.normalize("NFD", code.replace("đ", "d").replace("Đ", "D")).casefold()
    return "".join(char for char in plain if not unicodedata.combining(char))


def _next_code(view: View) -> str:
    """A short code for a đề án approved without one: DA-001, DA-002 …, the first free."""
    taken = view.project_codes()
    number = 1
    while f"da-{number:03d}" in taken:
        number += 1
    return f"DA-{number:03d}"


def _same(a: Entry, b: Entry, skip: tuple[str, ...]) -> bool:
    return {k: v for k, v in as_dict(a).items() if k not in skip} == {
        k: v for k, v in as_dict(b).items() if k not in skip
    }


def _project_write(
    plan: Plan, ledger: Path, build: Callable[[View], Outcome], lock_timeout: float, dry_run: bool
) -> Outcome:
    """One write of a đề án's entry; what it prints is its line's balance up to today."""

    def written(view: View) -> Outcome:
        outcome = build(view)
        entry = outcome.entry
        return replace(_line_outcome(view, plan, entry, outcome.noop, getattr(entry, "line", None)),
                       warnings=outcome.warnings, project=view.project(getattr(entry, "project", "")))  # fmt: skip

    return _written(plan, ledger, written, lock_timeout, dry_run)


def add_project(
    plan: Plan, ledger: Path, req: ProjectRequest, flags: Flags, *, lock_timeout: float, dry_run: bool
) -> Outcome:
    draft = prepare_project(plan, req, flags)
    return _project_write(plan, ledger, lambda view: admit_project(view, plan, draft, flags), lock_timeout, dry_run)


@dataclass(frozen=True)
class ChangeRequest:
    """`kc project change`: what a decision changes of a đề án."""

    decision: str
    date: date
    support_vnd: int | None = None
    counterpart_vnd: int | None = None
    count: int | None = None
    end: Day | None = None
    beneficiary: str | None = None
    locality: str | None = None


def _open_project(view: View, code: str, when: date, flags: Flags) -> None:
    """A đề án a decision or an event may still touch, dated on or after its approval (else refused)."""
    state = _known_project(view, code)
    if not state.open:
        raise InputError(_closed(state))
    if when < state.approved:
        raise InputError(t("project.before_approval", code=state.code, date=when, approved=state.approved))
    check_open(view, when, flags)


def _repeated(view: View, state: ProjectState, draft: Entry, ignore: tuple[str, ...] = ()) -> Entry | None:
    """The same entry (a decision, an acceptance …) already recorded for the đề án and still counting (`ignore`:
    fields that may differ)."""
    skip = ("id", "recorded_at", "prev", "hash", "support_before_vnd", "count_before", "end_before", *ignore)
    return next((entry for entry, voided_by in view.project_entries(state.code)
                 if voided_by is None and entry.kind == draft.kind and _same(entry, draft, skip)), None)  # fmt: skip


def change_project(
    plan: Plan, ledger: Path, code: str, req: ChangeRequest, flags: Flags, *, lock_timeout: float,
    dry_run: bool,
) -> Outcome:  # fmt: skip
    decision = clean_text(req.decision, "--decision", LONG_TEXT_MAX)
    if decision is None:
        raise InputError(t("project.missing", option="--decision"))
    beneficiary = clean_text(req.beneficiary, "--beneficiary", SHORT_TEXT_MAX)
    changes = (req.support_vnd, req.counterpart_vnd, req.count, req.end, beneficiary, req.locality)
    if all(value is None for value in changes):
        raise InputError(t("project.nothing_changed"))
    check_date(plan, req.date, flags)

    def build(view: View) -> Outcome:
        state = _known_project(view, code)
        line = plan.find_line(state.line)
        locality = known_locality(plan, clean_text(req.locality, "--locality", SHORT_TEXT_MAX), "--locality")
        draft = ProjectChange(
            id=UNASSIGNED, project=state.code, line=state.line, decision=decision, date=req.date,
            support_vnd=req.support_vnd, support_before_vnd=state.support_vnd if req.support_vnd is not None else None,
            counterpart_vnd=req.counterpart_vnd, count=req.count,
            count_before=state.planned if req.count is not None else None, end=req.end,
            end_before=state.end if req.end is not None else None, beneficiary=beneficiary, locality=locality,
            recorded_at=now(),
        )  # fmt: skip
        earlier = _repeated(view, state, draft)
        if earlier is not None:
            return Outcome(earlier, True, line)
        _open_project(view, code, req.date, flags)
        _check_after_changes(view, state, req.date)
        if req.support_vnd is not None:
            if req.support_vnd < state.paid_vnd:
                raise InputError(t("project.below_paid", code=state.code, support=format_trieu(req.support_vnd),
                                   paid=format_trieu(state.paid_vnd)))  # fmt: skip
            more = req.support_vnd - state.support_vnd
            free = _uncommitted(view, line)
            if more > free and not flags.allow_over_budget:
                raise InputError(t("project.over_budget", line=plan.line_label(line.id), support=format_trieu(more),
                                   free=format_trieu(free)))  # fmt: skip
        if req.support_vnd is not None or req.counterpart_vnd is not None:
            support = req.support_vnd if req.support_vnd is not None else state.support_vnd
            counterpart = req.counterpart_vnd if req.counterpart_vnd is not None else state.counterpart_vnd
            _check_ceilings(plan, line, support, counterpart, flags)
        if req.count is not None and not state.counted:
            raise InputError(t("record.no_count", line=plan.line_label(line.id), option="--count"))
        check_count(req.count, "--count")
        if req.end is not None and req.end < state.approved:
            raise InputError(t("project.end_before", end=req.end, date=state.approved, option="--end"))
        return Outcome(view.admit(draft), False, line)

    return _project_write(plan, ledger, build, lock_timeout, dry_run)


def _check_after_changes(view: View, state: ProjectState, when: date, key: str = "project.change_before_change") -> (
    None
):  # fmt: skip
    """Decisions changing a đề án are recorded in the order of their dates: each states what it found, so one
    dated before a later one would leave the đề án as of the days between them wrong. An acceptance, a
    settlement or a stop (`key`: its message) is not dated before one either: each takes the đề án as it
    stands. The message names every later change, in the order they are voided (the last recorded first)."""
    later = [entry for entry, voided_by in view.project_entries(state.code)
             if voided_by is None and isinstance(entry, ProjectChange) and entry.date > when]  # fmt: skip
    if later:
        latest = max(later, key=lambda entry: entry.date)
        ids = ", ".join(entry.id for entry in reversed(later))
        raise InputError(t(key, code=state.code, date=when, decision=latest.decision, latest=latest.date, ids=ids))


@dataclass(frozen=True)
class AcceptRequest:
    """`kc project accept` (and an acceptance date a unit's form gives): the đề án's count achieved that day."""

    code: str
    date: date
    count: int | None = None  # its approved count unless said
    note: str | None = None


def accept_project(
    plan: Plan, ledger: Path, req: AcceptRequest, flags: Flags, *, lock_timeout: float, dry_run: bool
) -> Outcome:
    """Nghiệm thu: the đề án's count (its approved one unless said) is achieved on that day."""
    check_date(plan, req.date, flags)
    clean_text(req.note, "--note", LONG_TEXT_MAX)
    return _project_write(plan, ledger, lambda view: admit_acceptance(view, plan, req, flags), lock_timeout, dry_run)


def admit_acceptance(view: View, plan: Plan, req: AcceptRequest, flags: Flags, names: dict[str, str] | None = None) -> (
    Outcome
):  # fmt: skip
    """An acceptance against the ledger: of an open đề án, on or after its approval, once (the same one again is
    a no-op). `names`: the fields as a file's columns name them."""
    options = {"date": "--date", "count": "--count", "note": "--note"} | (names or {})
    check_date(plan, req.date, flags, options["date"])
    text = clean_text(req.note, options["note"], LONG_TEXT_MAX)
    state = _known_project(view, req.code)
    line = plan.find_line(state.line)
    if req.count is not None and not state.counted:
        raise InputError(t("record.no_count", line=plan.line_label(line.id), option=options["count"]))
    check_count(req.count, options["count"])
    draft = Acceptance(id=UNASSIGNED, project=state.code, line=state.line, date=req.date,
                       count=req.count if req.count is not None else state.planned, beneficiary=state.beneficiary,
                       counterpart_vnd=state.counterpart_vnd, locality=state.locality,
                       source=cast(Source, state.source), note=text, recorded_at=now())  # fmt: skip
    if state.accepted_on is not None:
        earlier = _repeated(view, state, draft, ignore=("note",))  # the same day and count: a note adds nothing
        if earlier is not None:
            return Outcome(earlier, True, line)
        raise InputError(t("project.already_accepted", code=state.code, date=state.accepted_on))
    _open_project(view, req.code, req.date, flags)
    _check_after_changes(view, state, req.date, "project.accept_before_change")
    advance = _last_payment(view, state.code, advances_only=True)
    if advance is not None and advance.date > req.date:  # an advance is paid before the acceptance
        raise InputError(t("project.accept_before_advance", code=state.code, date=req.date, advanced=advance.date,
                           id=advance.id))  # fmt: skip
    warnings: tuple[str, ...] = ()
    if draft.count and view.times_counted(line.id, beneficiary_key(state.beneficiary)) > 0:
        warnings = (t("record.counted_again", beneficiary=state.beneficiary, line=plan.line_label(line.id)),)
    return Outcome(view.admit(draft), False, line, warnings=warnings)


def settle_project(
    plan: Plan, ledger: Path, code: str, when: date, decision: str | None, flags: Flags, *, lock_timeout: float,
    dry_run: bool,
) -> Outcome:  # fmt: skip
    """Quyết toán: an accepted đề án's payments are final, the rest of its support goes back to its line."""
    text = clean_text(decision, "--decision", LONG_TEXT_MAX)
    check_date(plan, when, flags)

    def build(view: View) -> Outcome:
        state = _known_project(view, code)
        line = plan.find_line(state.line)
        draft = Settlement(id=UNASSIGNED, project=state.code, line=state.line, date=when, decision=text,
                           recorded_at=now())  # fmt: skip
        if state.state == "settled":
            earlier = _repeated(view, state, draft)
            if earlier is not None:
                return Outcome(earlier, True, line)
        if state.open and state.accepted_on is None:
            raise InputError(t("project.settle_before_acceptance", code=state.code))
        _open_project(view, code, when, flags)
        assert state.accepted_on is not None
        if when < state.accepted_on:
            raise InputError(
                t("project.settle_before_accepted", code=state.code, date=when, accepted=state.accepted_on)
            )
        _check_after_payments(view, state, when)
        _check_after_changes(view, state, when, "project.close_before_change")
        return Outcome(view.admit(draft), False, line)

    return _project_write(plan, ledger, build, lock_timeout, dry_run)


def stop_project(
    plan: Plan, ledger: Path, code: str, when: date, reason: str, flags: Flags, *, lock_timeout: float,
    dry_run: bool,
) -> Outcome:  # fmt: skip
    """Ngừng thực hiện: the unpaid support goes back to the line; what was paid stays counted."""
    why = clean_text(reason, "--reason", LONG_TEXT_MAX)
    if why is None:
        raise InputError(t("project.missing", option="--reason"))
    check_date(plan, when, flags)

    def build(view: View) -> Outcome:
        state = _known_project(view, code)
        line = plan.find_line(state.line)
        draft = Stop(id=UNASSIGNED, project=state.code, line=state.line, reason=why, date=when, recorded_at=now())
        if state.state == "stopped":
            earlier = _repeated(view, state, draft)
            if earlier is not None:
                return Outcome(earlier, True, line)
        if state.state == "accepted":
            raise InputError(t("project.stop_accepted", code=state.code, date=state.accepted_on))
        _open_project(view, code, when, flags)
        _check_after_payments(view, state, when)
        _check_after_changes(view, state, when, "project.close_before_change")
        return Outcome(view.admit(draft), False, line)

    return _project_write(plan, ledger, build, lock_timeout, dry_run)


def _check_after_payments(view: View, state: ProjectState, when: date) -> None:
    """A settlement or a stop closes the payments: none of them is dated after it."""
    last = _last_payment(view, state.code)
    if last is not None and last.date > when:
        raise InputError(t("project.close_before_payment", code=state.code, date=when, paid=last.date, id=last.id))


# --- imports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSource:
    """What is imported: one file (its name as the ledger keeps it, the SHA-256 of its bytes) and, for a
    workbook, one sheet. An import is one sheet of one file: another sheet is another import."""

    name: str
    sha256: str
    by_default: bool  # the sheet kc reads when --sheet names none (a CSV: its only table)
    sheet: str | None = None
    form: str | None = None  # the marker of the sheet, when it is a form kc made (`kc template`)

    def same_sheet(self, batch: dict[str, Any]) -> bool:
        """Is an earlier import of the same sheet? (One recorded without a sheet, as kc did where --sheet named
        none before it kept the sheet chosen, was of the sheet kc reads then.)"""
        if batch["sheet"] is None:
            return self.by_default
        return self.sheet is not None and beneficiary_key(str(batch["sheet"])) == beneficiary_key(self.sheet)


# What each row of a file is: its spreadsheet number and a request, or why its cells could not be read.
Rows = Callable[[], Iterator[tuple[int, "RecordRequest | ProjectRequest | AcceptRequest | SkippedRow | InputError"]]]


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0  # rows whose ref was already in the ledger with the same content, or the whole file
    known: int = 0  # rows that are entries the ledger holds (by their id: an export imported back)
    replaced: int = 0  # records of an earlier import of this file, voided
    same_file: dict[str, object] | None = None  # the earlier import of exactly this file, if there was one
    per_line: Counter[str] = field(default_factory=Counter)
    amounts: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    more_warnings: int = 0
    notices: tuple[str, ...] = ()
    replaced_files: set[str] = field(default_factory=set)  # the earlier imports whose entries were voided
    projects: int = 0  # đề án approved (a danh mục đề án)
    future: int = 0  # entries dated after today (allowed): not counted by a status of today
    approved: Counter[str] = field(default_factory=Counter)  # support approved, per line
    accepted: int = 0  # đề án accepted (a unit's form)


def import_rows(
    plan: Plan,
    ledger: Path,
    source: ImportSource,
    rows: Rows,
    flags: Flags,
    *,
    replace_earlier: bool,
    replaces: str | None = None,
    lock_timeout: float,
    dry_run: bool,
    options: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """All the rows of one sheet of one file, or none: a refused row refuses the file, listing every refused row.

    The same sheet of the same file (the same bytes, under any name) imported again adds nothing, even when
    some or all of its rows were voided since: a cron job running it again never brings them back. Another
    file of the same name and sheet is refused, naming the earlier import. `replace_earlier` (--replace)
    voids what still counts of the earlier imports of this name or of these bytes (of the same sheet), in the
    same batch, and imports the file anew; `replaces` (--replaces NAME) does so for the import of another
    file, a corrected copy under a new name (and for what this file's name and bytes imported). Either refuses
    when there is nothing to replace: a replacement never imports alongside. An entry of the earlier import
    that the new file carries unchanged (by its entry id or its ref) stays as it is. Rows are checked one
    after another against the ledger and the rows before them: record rows, or the đề án of a danh mục."""

    def build(view: View) -> ImportResult:
        result = ImportResult()
        batches = view.imports()
        same = [b for b in batches if b["sha256"] == source.sha256 and source.same_sheet(b)]
        if same and not (replace_earlier or replaces):
            result.same_file, result.already = same[0], int(str(same[0]["live"]))
            return result
        named = [b for b in batches if paths.name_key(str(b["file"])) == paths.name_key(source.name)]
        earlier = [b for b in named if source.same_sheet(b)]
        earlier += [b for b in same if b["id"] not in {e["id"] for e in earlier}]
        if replaces is not None:
            earlier += [
                b for b in _named_import(batches, replaces, source) if b["id"] not in {e["id"] for e in earlier}
            ]
        elif replace_earlier and not earlier:
            raise InputError(_nothing_to_replace(source, named))
        live = [b for b in earlier if b["live"]]
        approving = next((b for b in live if b["projects"]), None)
        if approving is not None and (replace_earlier or replaces):
            raise InputError(t("import.replace_projects", file=approving["file"], count=approving["projects"],
                               date=recorded_day(approving["recorded_at"])))  # fmt: skip
        if live and not (replace_earlier or replaces):
            first = live[0]
            raise InputError(
                t("import.other_version", file=first["file"], sheet=_sheet_words(first["sheet"]),
                  date=recorded_day(first["recorded_at"]), rows=first["live"])
            )  # fmt: skip
        opening = Batch(
            id=view.fresh_id(),
            file=source.name,
            sha256=source.sha256,
            replaces=str(live[0]["id"]) if live else None,
            sheet=source.sheet,
            recorded_at=now(),
        )
        refused: list[str] = []
        more_refused = data_rows = previous = 0
        codes: dict[str, int] = {}  # the đề án this file approves, by folded code: the row of the first
        with view.group(opening):
            if live:
                _void_replaced(view, plan, source, live, rows, flags, options, result)
            for number, request in rows():
                data_rows += 1
                if progress is not None and number % 1000 == 0:
                    progress(number)
                if isinstance(request, SkippedRow):
                    data_rows -= 1
                    if request.id and view.has_id(request.id):
                        found = view.entry(request.id)
                        if found is not None and found[1] is None:
                            result.warnings.append(t("import.row", row=number,
                                                     reason=t("import.voided_live", id=request.id)))  # fmt: skip
                    continue
                try:
                    if isinstance(request, InputError):
                        raise request
                    if isinstance(request, ProjectRequest) and request.code:  # said here, not as a đề án known
                        first_row = codes.setdefault(project_key(request.code), number)
                        if first_row != number:
                            raise InputError(t("import.code_twice", code=request.code.strip(), row=first_row))
                    outcome = _admit_row(view, plan, request, flags, options)
                except KcError as e:
                    if len(refused) < MAX_LISTED:
                        refused.append(t("import.row", row=number, reason=e))
                    else:
                        more_refused += 1
                    continue
                for warning in outcome.warnings:
                    if len(result.warnings) < MAX_WARNINGS:
                        result.warnings.append(t("import.row", row=number, reason=warning))
                    else:
                        result.more_warnings += 1
                row_seen, previous = number == previous, number  # a form's row may pay and accept: one row
                if outcome.noop:
                    if row_seen:
                        continue
                    if outcome.known_id or isinstance(outcome.entry, Acceptance):
                        result.known += 1
                    else:
                        result.already += 1
                    continue
                entry = outcome.entry
                result.future += getattr(entry, "date", today()) > today()
                if isinstance(entry, Acceptance):  # a form's row: said apart from the rows, as đề án accepted
                    result.accepted += 1
                    continue
                result.added += 1
                if isinstance(entry, Record):
                    result.per_line[entry.line] += 1
                    result.amounts[entry.line] += entry.amount_vnd
                    if entry.count is not None:  # a line no row gave a count for stays out
                        result.counts[entry.line] += entry.count
                elif isinstance(entry, Project):
                    result.projects += 1
                    result.approved[entry.line] += entry.support_vnd
            if source.form and result.known and result.added and not (replace_earlier or replaces):
                # a form's rows already here beside new ones: a corrected copy, which would count twice
                raise InputError(t("form.again", file=source.name, known=result.known, new=result.added))
            if refused:
                listing = [t("import.refused", path=source.name, count=len(refused) + more_refused), *refused]
                if more_refused:
                    listing.append(t("import.more", count=more_refused))
                raise InputError("\n".join(listing))
            if not data_rows:
                raise InputError(t("import.no_rows", path=source.name))
        return result

    result, notices = store.transact(ledger, plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run)
    result.notices = tuple(notices)
    return result


def _admit_row(
    view: View, plan: Plan, request: "RecordRequest | ProjectRequest | AcceptRequest", flags: Flags,
    options: dict[str, str] | None,
) -> Outcome:  # fmt: skip
    """One row of a file, admitted as `kc record`, `kc project add` or `kc project accept` would admit it."""
    if isinstance(request, ProjectRequest):
        return admit_project(view, plan, prepare_project(plan, request, flags, options), flags)
    if isinstance(request, AcceptRequest):
        return admit_acceptance(view, plan, request, flags, options)
    draft = prepare_record(plan, for_project(view, plan, request, options), flags, options)
    return admit_record(view, plan, draft, flags)


def _void_replaced(
    view: View, plan: Plan, source: ImportSource, earlier: list[dict[str, Any]], rows: Rows, flags: Flags,
    options: dict[str, str] | None, result: ImportResult,
) -> None:  # fmt: skip
    """What still counts of the imports replaced is voided, but the entries the new file carries unchanged (by
    their entry id, as kc's own export does, or by their ref): those stay, and their rows add nothing."""
    carried: dict[str, dict[str, Any]] = {}  # entry id or ref → the row's content
    for _, request in rows():
        if isinstance(request, RecordRequest) and (request.id or request.ref):
            try:
                draft = prepare_record(plan, for_project(view, plan, request, options), flags, options)
            except KcError:
                continue  # said when the row is admitted
            content = _content(draft)
            for key in (draft.id if draft.id != UNASSIGNED else None, draft.ref):
                if key:
                    carried[key] = content
    for old in earlier:
        reason = t("import.replaced_reason", file=source.name, old=old["file"], date=recorded_day(old["recorded_at"]))
        for voided in list(view.batch_records(str(old["id"]))):
            if _content(voided) in (carried.get(voided.id), carried.get(ref_key(voided.ref) if voided.ref else "")):
                continue
            view.admit(Void(id="", target=voided.id, reason=reason, date=today(), recorded_at=now(), voided=voided))
            result.replaced += 1
            result.replaced_files.add(str(old["file"]))


def _content(entry: Record) -> dict[str, Any]:
    return {k: v for k, v in as_dict(entry).items() if k not in ("id", "recorded_at", "prev", "hash", "ref")}


def _named_import(batches: list[dict[str, Any]], name: str, source: ImportSource) -> list[dict[str, Any]]:
    """The earlier import that --replaces names by its file's name (a path is named by its file's): of the same
    sheet, else the one sheet of that file that still counts."""
    name = Path(name).name
    named = [b for b in batches if paths.name_key(str(b["file"])) == paths.name_key(name)]
    live = [b for b in named if b["live"]]
    chosen = [b for b in live if source.same_sheet(b)] or (live if len(live) == 1 else [])
    if chosen:
        return chosen
    if not named:
        known = sorted({str(b["file"]) for b in batches if b["live"]})
        raise InputError(t("import.replaces_unknown", name=name, known=", ".join(known) or "—"))
    if not live:
        raise InputError(t("import.replaces_voided", name=name))
    sheets = ", ".join(sorted(str(b["sheet"]) for b in live))
    raise InputError(t("import.replaces_which_sheet", name=name, sheets=sheets))


def _nothing_to_replace(source: ImportSource, named: list[dict[str, Any]]) -> str:
    """--replace with no earlier import of this sheet of this file: the officer names the one to replace."""
    if named:  # other sheets of the file were imported, not this one
        sheets = ", ".join(sorted({f"“{b['sheet']}”" for b in named if b["sheet"]})) or "—"
        return t("import.replace_other_sheet", file=source.name, sheet=f"“{source.sheet}”", sheets=sheets)
    return t("import.nothing_to_replace", file=source.name)


def _sheet_words(sheet: object) -> str:
    return t("import.sheet_named", sheet=sheet) if sheet else ""


def recorded_day(recorded_at: object) -> date:
    """The day (in Vietnam) an earlier import was recorded."""
    return datetime.fromisoformat(str(recorded_at)).astimezone(VIETNAM).date()
