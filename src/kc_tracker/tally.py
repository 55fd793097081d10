"""What one entry does to the sums — the one place that says it. The index stores these effects and adds
them up; `kc check` recounts them from the file; nothing else decides what an entry is worth.

- A record disburses `amount_vnd` (spent), completes `count` (done), brings `counterpart_vnd`, names a
  beneficiary (distinct beneficiaries are counted per line, names folded: NFC, case and spaces) and,
  when it has a count, counts that beneficiary (a facility paid in two tranches is counted once); its
  locality is grouped folded the same way.
- A reallocation moves budget from one line to another on its date.
- A đề án (`project_effect`): its approval commits its support to its line until the support is paid,
  the đề án settled or stopped; a decision changing it moves its support (and end, and count) by the
  difference it states; a record paying it pays it (an advance, too, as an advance); its acceptance
  achieves its count on the line (counting its beneficiary, as a record's count does, and bringing the
  beneficiary's own share as counterpart funds) and dates the acceptance; its settlement and its stop
  close it. Every such effect is a sum, added up by day.
- A void cancels what its entry did: the same effects, negated.
- Measures and closed periods move no figure.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kc_tracker.ledger import (
    Acceptance,
    Adjust,
    Close,
    Entry,
    Measure,
    Project,
    ProjectChange,
    Record,
    Settlement,
    Stop,
    Void,
)

if TYPE_CHECKING:
    from decimal import Decimal


@dataclass(slots=True)
class Effect:
    line: str
    date: date
    spent: int = 0
    done: int = 0
    counterpart: int = 0
    budget: int = 0
    entries: int = 0  # records that count: +1, and -1 for a void of one
    named: str | None = None  # the folded beneficiary
    counted: int = 0  # +1 when the record counts that beneficiary (it has a count), -1 for its void
    locality: str | None = None  # folded as names are: "Bát Xát", "bát xát" and "Bát  Xát" are one place
    source: str | None = None

    @property
    def year(self) -> str:
        return str(self.date.year)

    @property
    def quarter(self) -> str:
        return f"{self.date.year}-Q{(self.date.month - 1) // 3 + 1}"


def beneficiary_key(name: str) -> str:
    """A facility paid in two tranches is one facility: NFC, case- and space-insensitive."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def project_key(code: str) -> str:
    """Đề án codes are compared as the office would read them: 2026-mmtb-03 is 2026-MMTB-03."""
    return unicodedata.normalize("NFC", code).casefold()


def effects(entry: Entry) -> list[Effect]:
    if isinstance(entry, Acceptance):
        named = beneficiary_key(entry.beneficiary) if entry.beneficiary else None
        return [
            Effect(
                line=entry.line,
                date=entry.date,
                done=entry.count or 0,
                counterpart=entry.counterpart_vnd or 0,
                entries=1,
                named=named,
                counted=1 if named is not None and entry.count else 0,
                locality=beneficiary_key(entry.locality) if entry.locality else None,
                source=entry.source,
            )
        ]
    if isinstance(entry, Record):
        named = beneficiary_key(entry.beneficiary) if entry.beneficiary else None
        locality = beneficiary_key(entry.locality) if entry.locality else None
        return [
            Effect(
                line=entry.line,
                date=entry.date,
                spent=entry.amount_vnd,
                done=entry.count or 0,
                counterpart=entry.counterpart_vnd or 0,
                entries=1,
                named=named,
                counted=1 if named is not None and entry.count else 0,
                locality=locality,
                source=entry.source,
            )
        ]
    if isinstance(entry, Adjust):
        return [
            Effect(line=entry.from_line, date=entry.date, budget=-entry.amount_vnd),
            Effect(line=entry.to_line, date=entry.date, budget=entry.amount_vnd),
        ]
    if isinstance(entry, Void):
        return [
            replace(
                e,
                spent=-e.spent,
                done=-e.done,
                counterpart=-e.counterpart,
                budget=-e.budget,
                entries=-e.entries,
                counted=-e.counted,
            )
            for e in effects(entry.voided)
        ]
    return []


@dataclass(slots=True)
class ProjectEffect:
    """What one entry does to a đề án, as sums: the support approved, paid and advanced, whether it is open,
    accepted, settled or stopped, its end and acceptance days (as day numbers: `date.toordinal`), its count
    planned and achieved."""

    project: str  # the code, folded (`project_key`)
    line: str
    date: date
    support: int = 0
    paid: int = 0
    advanced: int = 0
    opened: int = 0
    accepted: int = 0
    settled: int = 0
    stopped: int = 0
    end: int = 0
    accepted_on: int = 0
    closed_on: int = 0  # settled or stopped on
    planned: int = 0
    done: int = 0

    def negated(self) -> "ProjectEffect":
        return replace(self, **{name: -getattr(self, name) for name in FIGURES})


FIGURES = ("support", "paid", "advanced", "opened", "accepted", "settled", "stopped", "end", "accepted_on",
           "closed_on", "planned", "done")  # fmt: skip


def _day(value: date | None) -> int:
    return value.toordinal() if value else 0


def project_effect(entry: Entry) -> ProjectEffect | None:
    """What an entry does to the đề án it names, if any."""
    if isinstance(entry, Void):
        done = project_effect(entry.voided)
        return done.negated() if done else None
    if isinstance(entry, Record):
        if entry.project is None:
            return None
        return ProjectEffect(project_key(entry.project), entry.line, entry.date, paid=entry.amount_vnd,
                             advanced=entry.amount_vnd if entry.advance else 0)  # fmt: skip
    if not isinstance(entry, Project | ProjectChange | Acceptance | Settlement | Stop):
        return None
    effect = ProjectEffect(project_key(entry.project), entry.line, entry.date)
    if isinstance(entry, Project):
        effect.support, effect.opened, effect.end, effect.planned = (
            entry.support_vnd,
            1,
            _day(entry.end),
            entry.count or 0,
        )
    elif isinstance(entry, ProjectChange):
        if entry.support_vnd is not None:
            effect.support = entry.support_vnd - (entry.support_before_vnd or 0)
        if entry.end is not None:
            effect.end = _day(entry.end) - _day(entry.end_before)
        if entry.count is not None:
            effect.planned = entry.count - (entry.count_before or 0)
    elif isinstance(entry, Acceptance):
        effect.accepted, effect.accepted_on, effect.done = 1, _day(entry.date), entry.count or 0
    elif isinstance(entry, Settlement):
        effect.settled, effect.closed_on = 1, _day(entry.date)
    else:
        effect.stopped, effect.closed_on = 1, _day(entry.date)
    return effect


@dataclass
class Sums:
    """What a status needs from a ledger, as the index adds up its effects.

    `spent`, `done`, `entries` and `budget_delta` count effects dated up to as-of; the `period_…` figures,
    counterpart funds, beneficiaries and groups only those from the report's start.
    """

    spent: Counter[str] = field(default_factory=Counter)
    done: Counter[str] = field(default_factory=Counter)
    entries: Counter[str] = field(default_factory=Counter)
    budget_delta: Counter[str] = field(default_factory=Counter)
    period_spent: Counter[str] = field(default_factory=Counter)
    period_done: Counter[str] = field(default_factory=Counter)
    counterpart: Counter[str] = field(default_factory=Counter)
    beneficiaries: Counter[str] = field(default_factory=Counter)  # distinct names per line
    groups: dict[str | None, Counter[tuple[str, str]]] = field(default_factory=dict)  # key → (line, spent|done)
    adjustments: list[Adjust] = field(default_factory=list)  # live, dated up to as-of
    measures: list[Measure] = field(default_factory=list)  # live, in the order recorded
    closes: list[Close] = field(default_factory=list)  # live
    projects: list["ProjectState"] = field(default_factory=list)  # the đề án as they stand up to as-of
    read: int = 0  # entries in the ledger, for the footer

    def add(self, other: "Sums") -> None:
        """Several ledgers add up: each one's sums stand alone (a void carries its entry)."""
        for mine, theirs in (
            (self.spent, other.spent),
            (self.done, other.done),
            (self.entries, other.entries),
            (self.budget_delta, other.budget_delta),
            (self.period_spent, other.period_spent),
            (self.period_done, other.period_done),
            (self.counterpart, other.counterpart),
            (self.beneficiaries, other.beneficiaries),
        ):
            mine.update(theirs)
        for key, counter in other.groups.items():
            self.groups.setdefault(key, Counter()).update(counter)
        self.adjustments += other.adjustments
        self.projects += other.projects
        self.measures += other.measures
        self.closes += other.closes
        self.read += other.read


def indicator_values(measures: list[Measure], indicator: str, last_year: int) -> dict[int, "Decimal"]:
    """Year → value, the latest recorded for that year (a later measure corrects an earlier one), for the
    years up to `last_year`: a status as of a day knows nothing of a later year."""
    from decimal import Decimal

    values: dict[int, Decimal] = {}
    for measure in measures:
        if measure.indicator == indicator and measure.year <= last_year:
            values[measure.year] = Decimal(measure.value)
    return dict(sorted(values.items()))


# Fields of a đề án a decision may change that describe it (its figures are in `ProjectEffect`).
DESCRIBED = ("project", "line", "name", "beneficiary", "locality", "source", "implementer", "counterpart_vnd",
             "decision", "date", "count", "id")  # fmt: skip


@dataclass
class ProjectState:
    """A đề án as it stands: what its approval and the decisions changing it say of it, and its figures added
    up (to a day, or over all dates)."""

    key: str
    code: str  # as the approval wrote it
    line: str
    name: str
    beneficiary: str
    locality: str | None
    source: str | None
    implementer: str | None
    counterpart_vnd: int | None
    decision: str  # the approval's
    approved: date
    approval_id: str
    counted: bool  # its line counts facilities (the approval has a count)
    figures: ProjectEffect

    @property
    def support_vnd(self) -> int:
        return self.figures.support

    @property
    def paid_vnd(self) -> int:
        return self.figures.paid

    @property
    def end(self) -> date | None:
        return date.fromordinal(self.figures.end) if self.figures.end > 0 else None

    @property
    def accepted_on(self) -> date | None:
        return date.fromordinal(self.figures.accepted_on) if self.figures.accepted > 0 else None

    @property
    def closed_on(self) -> date | None:
        """The day it was settled or stopped."""
        return date.fromordinal(self.figures.closed_on) if not self.open and self.figures.closed_on > 0 else None

    @property
    def planned(self) -> int | None:
        return self.figures.planned if self.counted else None

    @property
    def state(self) -> str:
        """approved, accepted, settled or stopped."""
        figures = self.figures
        if figures.stopped > 0:
            return "stopped"
        if figures.settled > 0:
            return "settled"
        return "accepted" if figures.accepted > 0 else "approved"

    @property
    def open(self) -> bool:
        return self.state in ("approved", "accepted")

    @property
    def committed_vnd(self) -> int:
        """Approved support not yet paid, while the đề án is open."""
        return max(0, self.figures.support - self.figures.paid) if self.open else 0


def project_states(records: Iterable[tuple[str, dict[str, Any]]], sums: Iterable[ProjectEffect]) -> list[ProjectState]:
    """Đề án as they stand, from their approvals and changes (as recorded, oldest first) and their figures: one
    for each approval that still counts and whose figures are known, in the order of their figures."""
    described: dict[str, dict[str, Any]] = {}
    for key, fields in records:
        if fields["kind"] == "project":
            described[key] = {name: fields.get(name) for name in DESCRIBED} | {"kind": "project"}
        elif key in described:
            described[key] |= {name: fields[name] for name in ("beneficiary", "locality", "counterpart_vnd")
                               if fields.get(name) is not None}  # fmt: skip
    states = []
    for figures in sums:
        if figures.project not in described:
            continue
        fields = described[figures.project]
        approved = fields["date"]
        states.append(
            ProjectState(
                key=figures.project, code=fields["project"], line=fields["line"], name=fields["name"],
                beneficiary=fields["beneficiary"], locality=fields["locality"], source=fields["source"],
                implementer=fields["implementer"], counterpart_vnd=fields["counterpart_vnd"],
                decision=fields["decision"],
                approved=approved if isinstance(approved, date) else date.fromisoformat(approved),
                approval_id=fields["id"], counted=fields["count"] is not None, figures=figures,
            )
        )  # fmt: skip
    return states
