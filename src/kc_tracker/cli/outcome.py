"""What a writing command prints: the entry in a sentence (or as JSON) and its line's balance, as `kc status`
shows it right after the write."""

from typing import TYPE_CHECKING

from kc_tracker.cli.common import TextFormat, dump_json, note, out, warn
from kc_tracker.i18n import t

if TYPE_CHECKING:
    from kc_tracker.ledger import Entry, ProjectChange
    from kc_tracker.plan import Line, Plan
    from kc_tracker.rules import Outcome
    from kc_tracker.tally import ProjectState


def print_outcome(plan: "Plan", outcome: "Outcome", fmt: TextFormat, dry_run: bool) -> None:
    from kc_tracker.ledger import as_dict, dated

    line, entry = outcome.line, outcome.entry
    remaining_count = line.target - outcome.done_count if line and line.target is not None else None
    for notice in outcome.notices:
        warn(notice)
    for warning in outcome.warnings:
        warn(warning)
    if fmt is TextFormat.json:
        data = as_dict(entry, chain=False) | {"hash": entry.hash, "noop": outcome.noop, "dry_run": dry_run}
        if line is not None:
            data["balance"] = {
                "line": line.id,
                "budget_vnd": outcome.budget_vnd,
                "spent_vnd": outcome.spent_vnd,
                "remaining_vnd": outcome.budget_vnd - outcome.spent_vnd,
                "committed_vnd": outcome.committed_vnd,
                "uncommitted_vnd": outcome.budget_vnd - outcome.spent_vnd - outcome.committed_vnd,
                "done_count": outcome.done_count if line.counted else None,
                "remaining_count": remaining_count,
            }
        dump_json(data)
        return
    out(sentence(plan, entry, line, outcome.noop, dry_run, outcome.project))
    from kc_tracker.dates import today
    from kc_tracker.ledger import Measure

    if isinstance(entry, Measure) and entry.year > today().year:
        note(t("measure.future_note", year=entry.year, today=today()))
    if line is None:
        return
    out(balance(plan, line, outcome, remaining_count))
    day = dated(entry)
    if day is not None and day > today():
        note(t("balance.future", date=day, today=today()))


def balance(plan: "Plan", line: "Line", outcome: "Outcome", remaining_count: int | None) -> str:
    """The line's balance up to today: disbursed of the budget, what is left; what it can still approve when
    đề án hold part of it; the count."""
    from kc_tracker.ledger import ProjectEvent, Record
    from kc_tracker.money import format_int, format_pct, format_trieu, percent

    budget, spent, committed = outcome.budget_vnd, outcome.spent_vnd, outcome.committed_vnd
    said = t("balance.money", line=plan.line_label(line.id), spent=format_trieu(spent), budget=format_trieu(budget),
             pct=format_pct(percent(spent, budget)), remaining=format_trieu(budget - spent))  # fmt: skip
    entry = outcome.entry
    if committed or isinstance(entry, ProjectEvent) or (isinstance(entry, Record) and entry.project):
        said += t("balance.uncommitted", free=format_trieu(budget - spent - committed))
    if remaining_count is not None and line.target is not None:
        said += t("balance.count", done=format_int(outcome.done_count), target=format_int(line.target), unit=line.unit)
    return said[:1].upper() + said[1:]


def sentence(
    plan: "Plan", entry: "Entry", line: "Line | None", noop: bool, dry_run: bool, state: "ProjectState | None"
) -> str:
    """What the entry written (or found already there) is, in one sentence."""
    from kc_tracker.dates import parse_period
    from kc_tracker.ledger import Adjust, Close, Measure, Record, Void
    from kc_tracker.money import format_decimal_text, format_int, format_trieu

    if isinstance(entry, Void):
        return t("void.noop" if noop else "void.done", id=entry.target, reason=entry.reason, date=entry.date)
    if isinstance(entry, Adjust):
        return t("adjust.done", id=entry.id, amount=format_trieu(entry.amount_vnd),
                 source=plan.line_label(entry.from_line), target=plan.line_label(entry.to_line),
                 decision=entry.decision)  # fmt: skip
    if isinstance(entry, Measure):
        indicator = next(i for i in plan.indicators if i.id == entry.indicator)
        return t("measure.done", id=entry.id, indicator=indicator.name, year=entry.year,
                 value=format_decimal_text(entry.value), unit=indicator.unit)  # fmt: skip
    if isinstance(entry, Close):
        period = parse_period(entry.period)
        return t("close.noop" if noop else "close.done", period=period.label, start=entry.start, end=entry.end,
                 id=entry.id)  # fmt: skip
    if isinstance(entry, Record):
        what = []  # a count-only record says nothing of money
        if entry.amount_vnd or entry.count is None:
            what.append(t("record.amount", amount=format_trieu(entry.amount_vnd)))
        if entry.count is not None and line:
            what.append(t("record.count", count=format_int(entry.count), unit=line.unit))
        if entry.project:
            what.append(t("record.advance_of" if entry.advance else "record.payment_of", code=entry.project))
        key = "record.noop" if noop else ("record.dry_run" if dry_run else "record.done")
        return t(key, id=entry.id, line=plan.line_label(entry.line), what=", ".join(what), date=entry.date)
    if noop:
        return t("project.noop", id=entry.id, code=entry.project)
    return t("project.dry_run" if dry_run else "project.written", what=_event(plan, entry, line, state))


def _event(plan: "Plan", entry: "Entry", line: "Line | None", state: "ProjectState | None") -> str:
    """A đề án's entry: its approval, a change, its acceptance, settlement or stop."""
    from kc_tracker.ledger import Acceptance, Project, ProjectChange, Settlement, Stop
    from kc_tracker.money import format_int, format_trieu

    unit = (line.unit if line else None) or ""
    if isinstance(entry, Project):
        return t("project.added", code=entry.project, name=entry.name, line=plan.line_label(entry.line),
                 beneficiary=entry.beneficiary, support=format_trieu(entry.support_vnd), decision=entry.decision,
                 date=entry.date, id=entry.id)  # fmt: skip
    if isinstance(entry, ProjectChange):
        return t("project.changed", code=entry.project, decision=entry.decision, date=entry.date,
                 what="; ".join(_changes(entry, unit)), id=entry.id)  # fmt: skip
    if isinstance(entry, Acceptance):
        counted = t("project.accepted_count", count=format_int(entry.count), unit=unit) if entry.count else ""
        return t("project.accepted", code=entry.project, date=entry.date, counted=counted, id=entry.id)
    paid = state.paid_vnd if state else 0
    released = max(0, state.support_vnd - paid) if state else 0
    if isinstance(entry, Settlement):
        return t("project.settled", code=entry.project, date=entry.date, paid=format_trieu(paid),
                 released=format_trieu(released), id=entry.id)  # fmt: skip
    assert isinstance(entry, Stop)
    return t("project.stopped", code=entry.project, date=entry.date, reason=entry.reason, paid=format_trieu(paid),
             released=format_trieu(released), id=entry.id)  # fmt: skip


def _changes(entry: "ProjectChange", unit: str) -> list[str]:
    """What a decision changed of a đề án, each as "kinh phí hỗ trợ 500 → 450 triệu đồng"."""
    from kc_tracker.i18n import format_date
    from kc_tracker.money import format_int, format_trieu

    said = []
    if entry.support_vnd is not None:
        said.append(t("project.change_support", before=format_trieu(entry.support_before_vnd or 0),
                      after=format_trieu(entry.support_vnd)))  # fmt: skip
    if entry.counterpart_vnd is not None:
        said.append(t("project.change_counterpart", after=format_trieu(entry.counterpart_vnd)))
    if entry.count is not None:
        said.append(t("project.change_count", before=format_int(entry.count_before or 0),
                      after=format_int(entry.count), unit=unit))  # fmt: skip
    if entry.end is not None:
        before = format_date(entry.end_before) if entry.end_before else "—"
        said.append(t("project.change_end", before=before, after=format_date(entry.end)))
    if entry.beneficiary:
        said.append(t("project.change_beneficiary", value=entry.beneficiary))
    if entry.locality:
        said.append(t("project.change_locality", value=entry.locality))
    return said
