"""Every rule of every write, once: what a record, a void, a reallocation, a measure, a closed period and an
import may be, checked against the plan and, under the ledger's lock, against the ledger as it is.

`kc import` admits its rows with the same functions as `kc record` (`prepare_record`, `admit_record`),
one row after another against a view that already holds the rows before it.
"""

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Protocol, TypeVar, cast

from kc_tracker import store
from kc_tracker.dates import FIRST_YEAR, LAST_YEAR, Period, parse_period, today
from kc_tracker.errors import InputError, KcError
from kc_tracker.i18n import VIETNAM, t
from kc_tracker.ledger import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    SOURCES,
    Adjust,
    Batch,
    Close,
    Entry,
    Measure,
    Record,
    Source,
    Void,
    as_dict,
    dated,
    has_no_control,
    is_invisible,
    now,
    ref_key,
)
from kc_tracker.money import format_trieu
from kc_tracker.plan import MAX_COUNT, Line, Plan
from kc_tracker.tally import beneficiary_key

UNASSIGNED = "0" * 12
MAX_LISTED = 50  # refused rows listed one by one, then how many more
MAX_WARNINGS = 20


@dataclass(frozen=True)
class Flags:
    """What the officer allows on purpose: the one definition of the `--allow-…` options' meaning."""

    allow_over_budget: bool = False
    allow_outside_period: bool = False
    allow_over_ceiling: bool = False
    allow_closed: bool = False


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


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    noop: bool  # the same entry was already in the ledger: nothing written
    line: Line | None = None  # the line the entry moved
    budget_vnd: int = 0  # the line's figures after this entry, reallocations included
    spent_vnd: int = 0
    done_count: int = 0
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


E = TypeVar("E")


class View(Protocol):
    """What the rules may ask of the ledger (implemented by `store.View`, over the ledger's index)."""

    def line_figures(self, line: str) -> tuple[int, int, int]: ...
    def year_spent(self, line: str, year: int) -> int: ...
    def times_counted(self, line: str, named: str) -> int: ...
    def record_by_ref(self, ref: str) -> tuple[Record, str | None] | None: ...
    def entry(self, entry_id: str) -> tuple[Entry, str | None] | None: ...
    def void_of(self, entry_id: str) -> Void | None: ...
    def closes(self) -> list[Close]: ...
    def closed_period(self, day: date) -> Close | None: ...
    def imports(self, *, sha256: str | None = None, file: str | None = None) -> list[dict[str, object]]: ...
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
    info = plan.plan
    if not (info.start <= when <= info.end) and not flags.allow_outside_period:
        raise InputError(t("record.outside_period", date=when, start=info.start, end=info.end, what=what))


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
    if req.count is not None and not line.counted:
        raise InputError(t("record.no_count", line=plan.line_label(line.id), option=names["count"]))
    if req.count is not None and req.count < 0:
        raise InputError(t("record.negative_count", count=req.count, option=names["count"]))
    if req.count is not None and req.count > MAX_COUNT:
        raise InputError(t("record.count_too_large", count=req.count, option=names["count"], max=MAX_COUNT))
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
        id=UNASSIGNED,
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
        recorded_at=now(),
    )


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
    suggestions = ", ".join(by_key[key] for key in close) or "—"
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
    spent, done, moved = view.line_figures(line.id)
    budget = line.budget_vnd + moved
    if draft.ref is not None:
        found = view.record_by_ref(draft.ref)
        if found is not None:
            earlier, voided_by = found
            if voided_by is not None:
                void = view.void_of(earlier.id)
                raise InputError(
                    t("record.ref_voided", ref=draft.ref, id=earlier.id, date=void.date if void else earlier.date)
                )
            if not same_content(earlier, draft):
                raise InputError(t("record.ref_conflict", ref=draft.ref, id=earlier.id, date=earlier.date))
            return Outcome(earlier, True, line, budget, spent, done)
    check_open(view, draft.date, flags)
    if budget == 0 and not line.target and not flags.allow_over_budget:
        raise InputError(t("record.plan_unfilled", line=plan.line_label(line.id)))
    if draft.amount_vnd and spent + draft.amount_vnd > budget and not flags.allow_over_budget:
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
    return Outcome(entry, False, line, budget, spent + entry.amount_vnd, done + (entry.count or 0), tuple(warnings))


def record(
    plan: Plan, ledger: Path, req: RecordRequest, flags: Flags, *, lock_timeout: float, dry_run: bool
) -> Outcome:
    draft = prepare_record(plan, req, flags)
    return _written(plan, ledger, lambda view: admit_record(view, plan, draft, flags), lock_timeout, dry_run)


def _written(
    plan: Plan, ledger: Path, build: Callable[[View], Outcome], lock_timeout: float, dry_run: bool = False
) -> Outcome:
    """One write of the rules' `build`; what the store said on the way (a torn tail moved aside) goes with it."""
    outcome, notices = store.transact(ledger, plan.id, build, lock_timeout=lock_timeout, dry_run=dry_run)
    return replace(outcome, notices=tuple(notices))


# --- voids, reallocations, measures, closes -----------------------------------------------------


def _line_outcome(view: View, plan: Plan, entry: Entry, noop: bool, line_id: str | None) -> Outcome:
    line = plan.line(line_id) if line_id else None
    if line is None:
        return Outcome(entry, noop)
    spent, done, moved = view.line_figures(line.id)
    return Outcome(entry, noop, line, line.budget_vnd + moved, spent, done)


def _moved_line(entry: Entry) -> str | None:
    if isinstance(entry, Record):
        return entry.line
    if isinstance(entry, Adjust):
        return entry.from_line
    return None


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
            _check_budget_after(view, plan, target.to_line, -target.amount_vnd)
        entry = view.admit(Void(id="", target=target.id, reason=why, date=today(), recorded_at=now(), voided=target))
        return _line_outcome(view, plan, entry, False, _moved_line(target))

    return _written(plan, ledger, build, lock_timeout)


def _check_budget_after(view: View, plan: Plan, line_id: str, delta: int) -> None:
    """A budget may not go negative, nor below what its line has already spent."""
    line = plan.line(line_id)
    spent, _, moved = view.line_figures(line_id)
    after = (line.budget_vnd if line else 0) + moved + delta
    if after < spent:  # what a line spent is never below 0: a budget below 0 is below it
        raise InputError(
            t("adjust.too_much", line=plan.line_label(line_id), after=format_trieu(after), spent=format_trieu(spent))
        )


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


def measure(plan: Plan, ledger: Path, indicator_id: str, year: int, value: str, *, lock_timeout: float) -> Outcome:
    known = [indicator.id for indicator in plan.indicators]
    if indicator_id not in known:
        raise InputError(t("measure.unknown", id=indicator_id, known=", ".join(known) or "—"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(t("measure.year", year=year))

    def build(view: View) -> Outcome:
        entry = view.admit(Measure(id="", indicator=indicator_id, year=year, value=value, recorded_at=now()))
        return Outcome(entry, False)

    return _written(plan, ledger, build, lock_timeout)


def close(plan: Plan, ledger: Path, period_text: str, *, lock_timeout: float) -> tuple[Outcome, Period]:
    period = parse_period(period_text, t("var.period"))
    if period.end < plan.plan.start or period.start > plan.plan.end:
        raise InputError(t("close.outside_plan", period=period.label, start=plan.plan.start, end=plan.plan.end))
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


# --- imports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportSource:
    """The file being imported: its name (as the ledger keeps it), the SHA-256 of its bytes, its sheet."""

    name: str
    sha256: str
    sheet: str | None = None


# What each row of a file is: its spreadsheet number and a request, or why its cells could not be read.
Rows = Callable[[], Iterator[tuple[int, RecordRequest | InputError]]]


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0  # rows whose ref was already in the ledger with the same content, or the whole file
    replaced: int = 0  # records of an earlier import of this file, voided
    same_file: dict[str, object] | None = None  # the earlier import of exactly this file, if there was one
    per_line: Counter[str] = field(default_factory=Counter)
    amounts: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    more_warnings: int = 0
    notices: tuple[str, ...] = ()


def import_rows(
    plan: Plan,
    ledger: Path,
    source: ImportSource,
    rows: Rows,
    flags: Flags,
    *,
    replace_earlier: bool,
    lock_timeout: float,
    dry_run: bool,
    options: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """All the rows of one file, or none: a refused row refuses the file, listing every refused row.

    The same file (the same bytes, under any name) imported again adds nothing, even when some or all of
    its rows were voided since: a cron job running it again never brings them back. Another file of the
    same name is refused, naming the earlier import. With `replace_earlier`, what still counts of the earlier
    imports of this name or of these bytes is voided in the same batch, and the file is imported anew.
    Rows are checked one after another against the ledger and the rows before them."""

    def build(view: View) -> ImportResult:
        result = ImportResult()
        same = view.imports(sha256=source.sha256)
        if same and not replace_earlier:
            result.same_file, result.already = same[0], int(str(same[0]["live"]))
            return result
        earlier = [b for b in view.imports(file=source.name) if b["live"]]
        earlier += [b for b in same if b["live"] and b["id"] not in {e["id"] for e in earlier}]
        if earlier and not replace_earlier:
            first = earlier[0]
            raise InputError(
                t("import.other_version", file=source.name, date=recorded_day(first["recorded_at"]), rows=first["live"])
            )
        opening = Batch(
            id=view.fresh_id(),
            file=source.name,
            sha256=source.sha256,
            replaces=str(earlier[0]["id"]) if earlier else None,
            sheet=source.sheet,
            recorded_at=now(),
        )
        refused: list[str] = []
        more_refused = data_rows = 0
        with view.group(opening):
            for old in earlier:
                reason = t("import.replaced_reason", file=source.name, date=recorded_day(old["recorded_at"]))
                for voided in list(view.batch_records(str(old["id"]))):
                    view.admit(
                        Void(
                            id="",
                            target=voided.id,
                            reason=reason,
                            date=today(),
                            recorded_at=now(),
                            voided=voided,
                        )
                    )
                    result.replaced += 1
            for number, request in rows():
                data_rows += 1
                if progress is not None and number % 1000 == 0:
                    progress(number)
                try:
                    if isinstance(request, InputError):
                        raise request
                    outcome = admit_record(view, plan, prepare_record(plan, request, flags, options), flags)
                except KcError as e:
                    if len(refused) < MAX_LISTED:
                        refused.append(t("import.row", row=number, reason=e))
                    else:
                        more_refused += 1
                    continue
                if outcome.noop:
                    result.already += 1
                    continue
                entry = outcome.entry
                assert isinstance(entry, Record)
                result.added += 1
                result.per_line[entry.line] += 1
                result.amounts[entry.line] += entry.amount_vnd
                if entry.count is not None:  # a line no row gave a count for stays out
                    result.counts[entry.line] += entry.count
                for warning in outcome.warnings:
                    if len(result.warnings) < MAX_WARNINGS:
                        result.warnings.append(t("import.row", row=number, reason=warning))
                    else:
                        result.more_warnings += 1
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


def recorded_day(recorded_at: object) -> date:
    """The day (in Vietnam) an earlier import was recorded."""
    return datetime.fromisoformat(str(recorded_at)).astimezone(VIETNAM).date()
