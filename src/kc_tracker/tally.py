"""What one entry does to the sums — the one place that says it. The index stores these effects and adds
them up; `kc check` recounts them from the file; nothing else decides what an entry is worth.

- A record disburses `amount_vnd` (spent), completes `count` (done), brings `counterpart_vnd`, names a
  beneficiary (distinct beneficiaries are counted per line, names folded: NFC, case and spaces) and,
  when it has a count, counts that beneficiary (a facility paid in two tranches is counted once).
- A reallocation moves budget from one line to another on its date.
- A void cancels what its entry did: the same effects, negated.
- Measures and closed periods move no figure.
"""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from kc_tracker.ledger import Adjust, Close, Entry, Measure, Record, Void

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
    locality: str | None = None
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


def effects(entry: Entry) -> list[Effect]:
    if isinstance(entry, Record):
        named = beneficiary_key(entry.beneficiary) if entry.beneficiary else None
        locality = unicodedata.normalize("NFC", entry.locality) if entry.locality else None
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
        self.measures += other.measures
        self.closes += other.closes
        self.read += other.read


def indicator_values(measures: list[Measure], indicator: str) -> dict[int, "Decimal"]:
    """Year → value, the latest recorded for that year (a later measure corrects an earlier one)."""
    from decimal import Decimal

    values: dict[int, Decimal] = {}
    for measure in measures:
        if measure.indicator == indicator:
            values[measure.year] = Decimal(measure.value)
    return dict(sorted(values.items()))
