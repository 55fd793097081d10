"""`kc check`: verify a ledger against itself and against the plan, and recount its totals.

Every line is read again, from the file, into a scratch index (never the one beside the ledger): each line
must read and carry its own hash, the chain must be unbroken, batches whole. Then the index is asked what
only the whole file can tell: an id or ref seen before, a void of nothing or of a void, a void whose copy
differs from what it cancels, a record voided twice, lines and indicators the plan does not have, and names
counted more than once on a line (a warning). Nothing here repairs anything: every problem is reported with
its line number.
"""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kc_tracker import paths
from kc_tracker.errors import LedgerError
from kc_tracker.i18n import t
from kc_tracker.index import Index, open_scratch
from kc_tracker.ledger import starts_with_bom
from kc_tracker.plan import Plan
from kc_tracker.store import conflicts
from kc_tracker.tally import beneficiary_key

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
    entries: int = 0  # every entry, of every kind (as a status's footer counts them)
    records: int = 0
    voids: int = 0
    spent_vnd: int = 0
    tip: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, line: int | None, code: str, **params: object) -> None:
        self.problems.append(Problem(line, code, t(f"check.{code}", lineno=line, **params)))


_CROSS_LINE = {
    "duplicate_id": """
        SELECT e.lineno, e.id, (SELECT MIN(f.lineno) FROM entries f WHERE f.id = e.id)
        FROM entries e WHERE e.seq > (SELECT MIN(f.seq) FROM entries f WHERE f.id = e.id)""",
    "duplicate_ref": """
        SELECT e.lineno, e.ref, (SELECT MIN(f.lineno) FROM entries f WHERE f.refkey = e.refkey AND f.voided_by IS NULL)
        FROM entries e WHERE e.refkey IS NOT NULL AND e.voided_by IS NULL
        AND e.seq > (SELECT MIN(f.seq) FROM entries f WHERE f.refkey = e.refkey AND f.voided_by IS NULL)""",
    "void_unknown": """
        SELECT v.lineno, v.id, v.target FROM entries v WHERE v.kind = 'void'
        AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = v.target AND e.seq < v.seq)""",
    "void_of_void": """
        SELECT v.lineno, v.id, v.target FROM entries v WHERE v.kind = 'void'
        AND (SELECT e.kind FROM entries e WHERE e.id = v.target AND e.seq < v.seq ORDER BY e.seq LIMIT 1) = 'void'""",
    "void_copy": """
        SELECT v.lineno, v.id, v.target, e.lineno FROM entries v
        JOIN entries e ON e.seq = (SELECT MIN(f.seq) FROM entries f WHERE f.id = v.target AND f.seq < v.seq)
        WHERE v.kind = 'void' AND e.kind != 'void' AND e.hash != v.target_hash""",
    "void_twice": """
        SELECT v.lineno, v.target, (SELECT MIN(w.lineno) FROM entries w WHERE w.kind = 'void' AND w.target = v.target)
        FROM entries v WHERE v.kind = 'void'
        AND v.seq > (SELECT MIN(w.seq) FROM entries w WHERE w.kind = 'void' AND w.target = v.target)""",
}
_PARAMS = {
    "duplicate_id": ("id", "first"),
    "duplicate_ref": ("ref", "first"),
    "void_unknown": ("id", "target"),
    "void_of_void": ("id", "target"),
    "void_copy": ("id", "target", "target_line"),
    "void_twice": ("target", "first"),
}


def check(plan: Plan, ledger: Path) -> CheckReport:
    if not ledger.exists():
        raise LedgerError(t("check.missing", path=ledger))
    report = CheckReport()
    index = open_scratch(ledger, plan.id)
    try:
        db = index.db
        db.execute("BEGIN")
        try:
            index.rebuild(collect=True)
        except LedgerError as e:  # another plan's ledger, or another format: nothing more can be read
            report.problems.append(Problem(None, "unreadable", str(e)))
            return report
        at = index.at
        report.tip = at.tip_text
        for lineno, code, params in index.problems():
            report.add(lineno, code, **params)
        for code, query in _CROSS_LINE.items():
            for lineno, *values in db.execute(query):
                report.add(lineno, code, **dict(zip(_PARAMS[code], values, strict=True)))
        lines = [line.id for line in plan.lines]
        marks = ", ".join("?" * len(lines))
        for lineno, entry_id, line_id in db.execute(
            f"SELECT DISTINCT e.lineno, e.id, f.line FROM effects f JOIN entries e ON e.seq = f.seq "
            f"WHERE e.kind != 'void' AND f.line NOT IN ({marks})",
            lines,
        ):
            report.add(lineno, "unknown_line", id=entry_id, line_id=line_id)
        indicators = {indicator.id for indicator in plan.indicators}
        for measure in index.live("measure"):
            if measure.indicator not in indicators:
                lineno = db.execute("SELECT lineno FROM entries WHERE id = ?", (measure.id,)).fetchone()[0]
                report.add(lineno, "unknown_indicator", id=measure.id, indicator=measure.indicator)
        report.entries, report.records, report.voids = db.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE kind = 'record'), COUNT(*) FILTER (WHERE kind = 'void')"
            " FROM entries"
        ).fetchone()
        report.spent_vnd = db.execute("SELECT COALESCE(SUM(spent), 0) FROM effects").fetchone()[0]
        # By line, then a fixed order: the report does not depend on how the queries ran.
        report.problems.sort(key=lambda p: (p.line or 0, p.code, p.message))
        if at.torn > 0:
            report.warnings.append(t("ledger.torn", path=ledger, size=at.torn, torn=paths.torn_path(ledger)))
        if starts_with_bom(ledger):
            report.warnings.append(t("check.bom", path=ledger))
        report.warnings += conflicts(ledger, plan.id)
        _counted_again(report, db, plan)
        _projects(report, index, plan)
        db.execute("ROLLBACK")
    finally:
        index.close()
    return report


def _projects(report: CheckReport, index: Index, plan: Plan) -> None:
    """Đề án: a payment, acceptance or decision naming one that was never approved (a problem); one beneficiary
    with two đề án on a line (a warning: the state funds the same content once, TTLT 26/2014 art. 7)."""
    db = index.db
    approved = {key for key, _ in index.project_records() if key}
    for lineno, entry_id, code, key in db.execute(
        "SELECT lineno, id, project, projectkey FROM entries WHERE projectkey IS NOT NULL AND voided_by IS NULL"
        " AND kind != 'project' ORDER BY seq"
    ):
        if key not in approved:
            report.add(lineno, "unknown_project", id=entry_id, project=code)
    by_name: dict[tuple[str, str], list[str]] = {}
    for state in index.projects():
        by_name.setdefault((state.line, beneficiary_key(state.beneficiary)), []).append(state.code)
    for (line, _), codes in by_name.items():
        if len(codes) > 1:
            report.warnings.append(t("check.same_beneficiary", line=plan.line_label(line), codes=", ".join(codes)))


def _counted_again(report: CheckReport, db: sqlite3.Connection, plan: Plan) -> None:
    """Names counted more than once on a line, with the ledger lines that count them."""
    doubles = db.execute(
        "SELECT f.line, GROUP_CONCAT(e.lineno, ', '), MIN(e.seq) FROM effects f JOIN entries e ON e.seq = f.seq "
        "WHERE f.named IS NOT NULL AND f.counted > 0 AND e.voided_by IS NULL "
        "GROUP BY f.line, f.named HAVING SUM(f.counted) > 1 ORDER BY MIN(e.lineno)"
    ).fetchall()
    for line_id, lines, first in doubles[:MAX_LISTED]:
        (name,) = db.execute("SELECT beneficiary FROM entries WHERE seq = ?", (first,)).fetchone()  # as first written
        report.warnings.append(t("check.counted_again", line=plan.line_label(line_id), beneficiary=name, lines=lines))
    if len(doubles) > MAX_LISTED:
        report.warnings.append(t("check.more_counted_again", count=len(doubles) - MAX_LISTED))
