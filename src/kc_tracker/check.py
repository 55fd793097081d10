"""`kc check`: verify a ledger against itself and against the plan, and recompute its totals.

Nothing here repairs anything: every problem is reported with its line number.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kc_tracker.errors import LedgerError
from kc_tracker.i18n import t
from kc_tracker.ledger import Adjust, Close, LedgerFile, Measure, Record, Void, beneficiary_key, torn_path
from kc_tracker.plan import Plan

MAX_LISTED = 20  # double counts are advice, not errors: a few examples, then how many more


@dataclass(frozen=True)
class Problem:
    line: int | None  # the ledger file's line number
    code: str
    message: str


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: int = 0
    voids: int = 0
    spent_vnd: int = 0
    done_count: Counter[str] = field(default_factory=Counter)
    tip: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, line: int | None, code: str, **params: object) -> None:
        self.problems.append(Problem(line, code, t(f"check.{code}", line=line, **params)))


def check(plan: Plan, path: Path) -> CheckReport:
    report = CheckReport()
    file = LedgerFile(path, plan.plan.id, collect_malformed=True)
    plan_lines = {line.id for line in plan.lines}
    indicators = {indicator.id for indicator in plan.indicators}
    seen: dict[str, tuple[int, str, bool]] = {}  # id → (line number, hash, is a void)
    refs: dict[str, int] = {}
    voided: dict[str, int] = {}
    counted: dict[tuple[str, str], list[int]] = {}  # (line, beneficiary) → file lines of live counted records
    try:
        for lineno, entry in file:
            if entry.id in seen:
                report.add(lineno, "duplicate_id", id=entry.id, first=seen[entry.id][0])
            seen.setdefault(entry.id, (lineno, entry.hash, isinstance(entry, Void)))
            sign = 1
            target: Record | Adjust | Measure | Close
            if isinstance(entry, Void):
                report.voids += 1
                _check_void(report, lineno, entry, seen, voided)
                target, sign = entry.voided, -1
            else:
                target = entry
            if isinstance(entry, Record):
                report.records += 1
                if entry.ref is not None:
                    if entry.ref in refs:
                        report.add(lineno, "duplicate_ref", ref=entry.ref, first=refs[entry.ref])
                    refs.setdefault(entry.ref, lineno)
            if sign > 0:
                for line_id in _lines_named(target):
                    if line_id not in plan_lines:
                        report.add(lineno, "unknown_line", id=entry.id, line_id=line_id)
                if isinstance(target, Measure) and target.indicator not in indicators:
                    report.add(lineno, "unknown_indicator", id=entry.id, indicator=target.indicator)
            if isinstance(target, Record):
                report.spent_vnd += sign * target.amount_vnd
                report.done_count[target.line] += sign * (target.count or 0)
                if target.count and target.beneficiary:
                    key = (target.line, beneficiary_key(target.beneficiary))
                    if sign > 0:
                        counted.setdefault(key, []).append(lineno)
                    elif counted.get(key):
                        counted[key].pop(0)
    except LedgerError as e:  # wrong format version or another plan's ledger: nothing more to read
        report.problems.append(Problem(None, "unreadable", str(e)))
    for bad in file.malformed:
        report.add(bad.lineno, "malformed", reason=bad.reason)
    for chain_break in file.breaks:
        report.add(chain_break.lineno, f"chain_{chain_break.kind}")
    report.problems.sort(key=lambda p: p.line or 0)
    if file.torn is not None:
        report.warnings.append(t("ledger.torn", path=path, size=len(file.torn), torn=torn_path(path)))
    doubles = [(key, lines) for key, lines in counted.items() if len(lines) > 1]
    for (line_id, name), lines in doubles[:MAX_LISTED]:
        report.warnings.append(
            t("check.counted_again", line=line_id, beneficiary=name, lines=", ".join(map(str, lines)))
        )
    if len(doubles) > MAX_LISTED:
        report.warnings.append(t("check.more_counted_again", count=len(doubles) - MAX_LISTED))
    report.tip = file.tip
    return report


def _lines_named(entry: Record | Adjust | Measure | Close) -> list[str]:
    if isinstance(entry, Record):
        return [entry.line]
    if isinstance(entry, Adjust):
        return [entry.from_line, entry.to_line]
    return []


def _check_void(
    report: CheckReport, lineno: int, void: Void, seen: dict[str, tuple[int, str, bool]], voided: dict[str, int]
) -> None:
    target = seen.get(void.target)
    if target is None:
        report.add(lineno, "void_unknown", id=void.id, target=void.target)
        return
    target_line, target_hash, target_is_void = target
    if target_is_void:
        report.add(lineno, "void_of_void", id=void.id, target=void.target)
    elif void.voided.hash != target_hash or void.voided.id != void.target:
        report.add(lineno, "void_copy", id=void.id, target=void.target, target_line=target_line)
    if void.target in voided:
        report.add(lineno, "void_twice", target=void.target, first=voided[void.target])
    voided.setdefault(void.target, lineno)
