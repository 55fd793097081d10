"""The derived index of a ledger (SQLite): every entry, the effects `tally` gives it, the batches, and where
the reading stands. The ledger stays the only record; deleting the index loses nothing.

Every read of a ledger goes through an index: beside the ledger (`<ledger>.index`) when it can be kept
there, else a scratch one for the one command (a read-only folder, a damaged index file, `kc check`,
which always reads every line). So there is one reader of the file format and one way to add up.

Keeping it honest: the index notes the ledger's size, times and inode, the bytes it has read, the chain's
tip, and a digest folded from the hash of every line it read. When the ledger is exactly as noted, the
index is used as it is. When it differs, every line already read is hashed again and folded: if the digest
still matches, only the lines after are read (a write whose index update was cut short, a line another
program appended); if not (a hand edit anywhere, a truncation, a restored copy), the index is rebuilt.
It is only written under the ledger's lock.
"""

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kc_tracker import paths
from kc_tracker.errors import LedgerError
from kc_tracker.i18n import t
from kc_tracker.ledger import (
    FORMAT_VERSION,
    Adjust,
    Batch,
    BatchEnd,
    Entry,
    Header,
    LegacyImport,
    Malformed,
    Project,
    ProjectEvent,
    Record,
    Void,
    as_dict,
    chain_of,
    decode,
    line_hash,
    read_lines,
    ref_key,
    restore,
    sha256,
)
from kc_tracker.tally import (
    FIGURES,
    Effect,
    ProjectEffect,
    ProjectState,
    Sums,
    beneficiary_key,
    effects,
    project_effect,
    project_key,
    project_states,
)

VERSION = "7"
FLUSH_ROWS = 5000

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(
    seq INTEGER PRIMARY KEY, lineno INTEGER NOT NULL, offset INTEGER NOT NULL, kind TEXT NOT NULL,
    id TEXT NOT NULL, hash TEXT NOT NULL, batch TEXT, voided_by TEXT,
    date TEXT, line TEXT, amount INTEGER, count INTEGER, locality TEXT, beneficiary TEXT, note TEXT,
    ref TEXT, refkey TEXT, source TEXT, counterpart INTEGER, recorded_at TEXT,
    target TEXT, target_hash TEXT, body TEXT, project TEXT, projectkey TEXT, advance INTEGER);
CREATE TABLE effects(
    seq INTEGER NOT NULL, line TEXT NOT NULL, date TEXT NOT NULL, year TEXT NOT NULL, quarter TEXT NOT NULL,
    locality TEXT, source TEXT, spent INTEGER NOT NULL, done INTEGER NOT NULL, counterpart INTEGER NOT NULL,
    budget INTEGER NOT NULL, entries INTEGER NOT NULL, named TEXT, counted INTEGER NOT NULL);
CREATE TABLE batches(
    id TEXT NOT NULL, seq INTEGER NOT NULL, lineno INTEGER NOT NULL, offset INTEGER NOT NULL, file TEXT NOT NULL,
    sha256 TEXT NOT NULL, entries INTEGER NOT NULL, replaces TEXT, sheet TEXT, recorded_at TEXT NOT NULL);
CREATE TABLE problems(lineno INTEGER, code TEXT NOT NULL, params TEXT NOT NULL);
CREATE TABLE day_totals(
    line TEXT NOT NULL, date TEXT NOT NULL, spent INTEGER NOT NULL, done INTEGER NOT NULL, entries INTEGER NOT NULL,
    budget INTEGER NOT NULL, counterpart INTEGER NOT NULL, PRIMARY KEY(line, date)) WITHOUT ROWID;
CREATE TABLE named_live(
    line TEXT NOT NULL, named TEXT NOT NULL, entries INTEGER NOT NULL, PRIMARY KEY(line, named)) WITHOUT ROWID;
CREATE TABLE line_named(line TEXT PRIMARY KEY, live INTEGER NOT NULL);
CREATE TABLE places(key TEXT PRIMARY KEY, shown TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE project_days(
    project TEXT NOT NULL, date TEXT NOT NULL, line TEXT NOT NULL, support INTEGER NOT NULL, paid INTEGER NOT NULL,
    advanced INTEGER NOT NULL, opened INTEGER NOT NULL, accepted INTEGER NOT NULL, settled INTEGER NOT NULL,
    stopped INTEGER NOT NULL, end_day INTEGER NOT NULL, accepted_on INTEGER NOT NULL, closed_on INTEGER NOT NULL,
    planned INTEGER NOT NULL, done INTEGER NOT NULL, PRIMARY KEY(project, date)) WITHOUT ROWID;
CREATE INDEX entries_id ON entries(id);
CREATE INDEX entries_project ON entries(projectkey) WHERE projectkey IS NOT NULL;
"""
# Built after a rebuild's rows are in (several times faster than keeping them up to date row by row); the
# index of ids is kept from the start: a void finds the entry it cancels by its id while the rows go in.
INDEXES = """
CREATE INDEX IF NOT EXISTS entries_refkey ON entries(refkey) WHERE refkey IS NOT NULL;
CREATE INDEX IF NOT EXISTS entries_log ON entries(date, seq) WHERE kind = 'record';
CREATE INDEX IF NOT EXISTS effects_line ON effects(line, named);
CREATE INDEX IF NOT EXISTS entries_kind ON entries(kind) WHERE kind != 'record';
"""
_ENTRY_COLUMNS = (
    "seq, lineno, offset, kind, id, hash, batch, date, line, amount, count, locality, beneficiary, note, ref, refkey,"
    " source, counterpart, recorded_at, target, target_hash, body, project, projectkey, advance"
)
_INSERT_ENTRY = f"INSERT INTO entries({_ENTRY_COLUMNS}) VALUES ({', '.join('?' * 25)})"
_PROJECT_FIGURES = tuple(name if name != "end" else "end_day" for name in FIGURES)  # "end" is SQL's
_ADD_PROJECT_DAY = (
    f"INSERT INTO project_days VALUES ({', '.join('?' * (3 + len(FIGURES)))}) ON CONFLICT(project, date) DO UPDATE SET "
    + ", ".join(f"{name} = {name} + excluded.{name}" for name in _PROJECT_FIGURES)
)
_INSERT_EFFECT = "INSERT INTO effects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ADD_DAY = (
    "INSERT INTO day_totals VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(line, date) DO UPDATE SET"
    " spent = spent + excluded.spent, done = done + excluded.done, entries = entries + excluded.entries,"
    " budget = budget + excluded.budget, counterpart = counterpart + excluded.counterpart"
)


def _run(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _fold(digest: str, line_digest: str) -> str:
    return sha256(f"{digest}{line_digest}".encode())


def signature(path: Path) -> list[int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return []
    # ctime cannot be set back by hand (mtime can, with touch): on POSIX it catches every change.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns if os.name == "posix" else 0, st.st_ino]


@dataclass
class Position:
    """Where the reading of a ledger stands."""

    end: int = 0  # bytes read and accepted: a torn tail starts here
    lines: int = 0
    tip: str | None = ""  # the last line's hash (None: the last line could not be read)
    digest: str = ""  # folded from the hash of every line read
    header: dict[str, Any] | None = None
    needs_newline: bool = False  # the last line is whole but its newline is missing (a text editor saved it)
    torn: int = 0  # bytes after `end` that are not (yet) part of the ledger
    read: int = 0  # entries read

    @property
    def tip_text(self) -> str:
        return self.tip or ""


@dataclass
class OpenBatch:
    batch: Batch
    lineno: int
    entries: int  # lines read since it opened
    before: Position  # where the reading stood before it: if it is torn, the ledger ends there


class Reader:
    """Adds a ledger's lines to an index, in file order, as one pass over the file reads them.

    A line that does not read refuses the command (naming the file and the line), unless `collect`
    (`kc check`), which notes it and reads on. A batch counts once all of its lines are there: until then
    its rows sit in a savepoint, rolled back if the file ends first (a torn tail).
    """

    def __init__(self, index: "Index", collect: bool = False) -> None:
        self.index = index
        self.db = index.db
        self.at = index.at
        self.collect = collect
        self.batch: OpenBatch | None = None
        self.entry_rows: list[tuple[Any, ...]] = []  # rows waiting to be written to the index
        self.effect_rows: list[tuple[Any, ...]] = []
        self.places: dict[str, str] = {}  # a locality's folded key → its spelling, as first seen
        self.project_rows: dict[tuple[str, str], ProjectEffect] = {}  # (project, day) → what was added
        self.last_project: ProjectEffect | None = None
        self.waiting_ids: set[str] = set()  # what those rows hold that a write asks of each row
        self.waiting_counted: Counter[tuple[str, str | None]] = Counter()
        self.last_effects: list[Effect] = []
        self.seq = (self.db.execute("SELECT MAX(seq) FROM entries").fetchone()[0] or 0) + 1

    def read(self, path: Path) -> None:
        for offset, raw in read_lines(path, self.at.end):
            if not self.add(offset, raw):
                break
        self.finish(path)

    def add(self, offset: int, raw: bytes, entry: Any = None, digest: str = "") -> bool:
        """One line of the file, at `offset` (an entry kc encodes itself comes with its hash); False once
        the rest is a torn tail."""
        at = self.at
        lineno = at.lines + 1
        whole = raw.endswith(b"\n")
        if entry is None:
            try:
                entry = decode(raw)
            except Malformed as e:
                if not whole:
                    return self._torn()
                self._malformed(lineno, offset, raw, str(e))
                return True
        digest = digest or line_hash(raw)
        if not whole and (entry.hash != digest or (at.tip is not None and entry.prev != at.tip)):
            return self._torn()  # an unterminated line that does not continue the chain was cut short
        if entry.hash != digest:
            self.problem(lineno, "chain_edited")
        elif at.tip is not None and entry.prev != at.tip:
            self.problem(lineno, "chain_broken")
        before = replace(at) if isinstance(entry, Batch) else None  # where a torn batch leaves the ledger
        at.tip, at.digest, at.lines = entry.hash, _fold(at.digest, digest), lineno
        at.end, at.needs_newline, at.torn = offset + len(raw), not whole, 0
        self._entry(lineno, offset, entry, before)
        return True

    def _malformed(self, lineno: int, offset: int, raw: bytes, reason: str) -> None:
        if not self.collect:
            raise LedgerError(t("ledger.malformed", path=self.index.ledger, lineno=lineno, reason=reason))
        self.problem(lineno, "malformed", reason=reason)
        at = self.at
        chain = chain_of(raw)
        at.tip = chain[1] if chain else None  # the next line may still link to what this one said it was
        at.digest, at.lines, at.end, at.needs_newline = (
            _fold(at.digest, line_hash(raw)),
            lineno,
            offset + len(raw),
            False,
        )
        if self.batch is not None:
            self.batch.entries += 1

    def _torn(self) -> bool:
        """The rest of the file, from the last line read (or from the open batch), is a torn tail."""
        if self.batch is not None:
            self._roll_back()
        return False

    def _roll_back(self) -> None:
        assert self.batch is not None
        self.flush()
        self.db.execute("ROLLBACK TO batch")
        self.db.execute("RELEASE batch")
        self.at = self.index.at = self.batch.before
        self.batch = None

    def finish(self, path: Path) -> None:
        if self.batch is not None:
            self._roll_back()
        self.flush()
        size = signature(path)
        self.at.torn = size[0] - self.at.end if size else 0

    def problem(self, lineno: int | None, code: str, **params: Any) -> None:
        self.db.execute("INSERT INTO problems VALUES (?, ?, ?)", (lineno, code, json.dumps(params, ensure_ascii=False)))

    def _entry(self, lineno: int, offset: int, entry: Any, before: Position | None = None) -> None:
        if isinstance(entry, Header):
            if lineno != 1:
                self._bad(lineno, t("ledger.header_twice"))
            else:
                self._header(entry)
            return
        if lineno == 1:
            self._bad(lineno, t("ledger.no_header"))
        if isinstance(entry, Batch):
            if self.batch is not None:
                self._bad(lineno, t("ledger.batch_in_batch"))
                return
            assert before is not None
            self.flush()
            self.db.execute("SAVEPOINT batch")
            self.batch = OpenBatch(entry, lineno, 0, before)
            self._batch_row(entry, lineno, offset)
            return
        if isinstance(entry, BatchEnd):
            batch = self.batch
            if batch is None or batch.batch.id != entry.batch or batch.entries != entry.entries:
                self._bad(lineno, t("ledger.batch_end"))
                return
            self.flush()
            self.db.execute("UPDATE batches SET entries = ? WHERE id = ?", (entry.entries, entry.batch))
            self.db.execute("RELEASE batch")
            self.batch = None
            return
        if isinstance(entry, LegacyImport):
            if self.batch is not None:
                self.batch.entries += 1
            self._batch_row(entry, lineno, offset, len(entry.records))
            for record in entry.records:
                self._store(lineno, offset, record, entry.id)
            return
        if self.batch is not None:
            self.batch.entries += 1
        self._store(lineno, offset, entry, self.batch.batch.id if self.batch else None)

    def _bad(self, lineno: int, reason: str) -> None:
        if not self.collect:
            raise LedgerError(t("ledger.malformed", path=self.index.ledger, lineno=lineno, reason=reason))
        self.problem(lineno, "malformed", reason=reason)

    def _header(self, header: Header) -> None:
        if header.format != FORMAT_VERSION:
            raise LedgerError(t("ledger.format", path=self.index.ledger, found=header.format, known=FORMAT_VERSION))
        if header.plan != self.index.plan_id:
            raise LedgerError(
                t("ledger.other_plan", path=self.index.ledger, found=header.plan, plan=self.index.plan_id)
            )
        self.at.header = as_dict(header)

    def _batch_row(self, batch: Batch | LegacyImport, lineno: int, offset: int, entries: int = 0) -> None:
        replaces = batch.replaces if isinstance(batch, Batch) else None
        sheet = batch.sheet if isinstance(batch, Batch) else None
        count = entries
        self.db.execute(
            "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                batch.id,
                self.seq,
                lineno,
                offset,
                batch.file,
                batch.sha256,
                count,
                replaces,
                sheet,
                batch.recorded_at.isoformat(),
            ),
        )

    def _store(self, lineno: int, offset: int, entry: Entry, batch: str | None) -> None:
        seq = self.seq
        self.seq += 1
        self.at.read += 1
        self.waiting_ids.add(entry.id)
        if isinstance(entry, Record):
            if entry.locality:
                self.places.setdefault(beneficiary_key(entry.locality), entry.locality)
            ref = entry.ref
            self.entry_rows.append(
                (
                    seq,
                    lineno,
                    offset,
                    "record",
                    entry.id,
                    entry.hash,
                    batch,
                    entry.date.isoformat(),
                    entry.line,
                    entry.amount_vnd,
                    entry.count,
                    entry.locality,
                    entry.beneficiary,
                    entry.note,
                    ref,
                    ref_key(ref) if ref else None,
                    entry.source,
                    entry.counterpart_vnd,
                    entry.recorded_at.isoformat(),
                    None,
                    None,
                    None,
                    entry.project,
                    project_key(entry.project) if entry.project else None,
                    1 if entry.advance else None,
                )
            )
        else:
            if isinstance(entry, Void):
                self.flush()  # the entry it cancels must be findable
                self.db.execute(
                    "UPDATE entries SET voided_by = ? WHERE seq = "
                    "(SELECT MIN(seq) FROM entries WHERE id = ? AND voided_by IS NULL AND kind != 'void')",
                    (entry.id, entry.target),
                )
            day = entry.date.isoformat() if isinstance(entry, Adjust | Void | ProjectEvent) else None
            line = entry.from_line if isinstance(entry, Adjust) else getattr(entry, "line", None)
            target = (entry.target, entry.voided.hash) if isinstance(entry, Void) else (None, None)
            note = entry.reason if isinstance(entry, Void) else None
            code = entry.project if isinstance(entry, ProjectEvent) else None
            beneficiary = entry.beneficiary if isinstance(entry, Project) else None
            self.entry_rows.append(
                (
                    seq,
                    lineno,
                    offset,
                    entry.kind,
                    entry.id,
                    entry.hash,
                    batch,
                    day,
                    line,
                    None,
                    None,
                    None,
                    beneficiary,
                    note,
                    None,
                    None,
                    None,
                    None,
                    entry.recorded_at.isoformat(),
                    *target,
                    json.dumps(as_dict(entry), ensure_ascii=False),
                    code,
                    project_key(code) if code else None,
                    None,
                )
            )
        self.last_effects = effects(entry)  # what the entry just read does to the sums (a write's view uses it)
        for effect in self.last_effects:
            if effect.counted:
                self.waiting_counted[effect.line, effect.named] += effect.counted
            self.effect_rows.append(
                (
                    seq,
                    effect.line,
                    effect.date.isoformat(),
                    effect.year,
                    effect.quarter,
                    effect.locality,
                    effect.source,
                    effect.spent,
                    effect.done,
                    effect.counterpart,
                    effect.budget,
                    effect.entries,
                    effect.named,
                    effect.counted,
                )
            )
        self.last_project = project_effect(entry)
        if self.last_project is not None:
            key = (self.last_project.project, self.last_project.date.isoformat())
            waiting = self.project_rows.get(key)
            self.project_rows[key] = self.last_project if waiting is None else _added(waiting, self.last_project)
        if len(self.entry_rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.entry_rows:
            self.db.executemany(_INSERT_ENTRY, self.entry_rows)
            self.entry_rows.clear()
        if self.places:
            self.db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?)", self.places.items())
            self.places.clear()
        if self.project_rows:
            self.db.executemany(
                _ADD_PROJECT_DAY,
                [(e.project, day, e.line, *(getattr(e, f) for f in FIGURES)) for (_, day), e in
                 self.project_rows.items()],
            )  # fmt: skip
            self.project_rows.clear()
        if self.effect_rows:
            self.db.executemany(_INSERT_EFFECT, self.effect_rows)
            if not self.collect:  # `kc check` recounts from the effects themselves and keeps no totals
                self._add_totals(self.effect_rows)
            self.effect_rows.clear()
        self.waiting_ids.clear()
        self.waiting_counted.clear()

    def _add_totals(self, rows: list[tuple[Any, ...]]) -> None:
        """The effects just written, added to the totals a status reads: by line and day, and the
        beneficiaries each line counts (a status of 1 000 000 entries reads a few thousand rows)."""
        days: dict[tuple[str, str], list[int]] = {}
        named: Counter[tuple[str, str]] = Counter()
        for _, line, day, _, _, _, _, spent, done, counterpart, budget, entries, name, _ in rows:
            total = days.get((line, day))
            if total is None:
                days[(line, day)] = [spent, done, entries, budget, counterpart]
            else:
                total[0] += spent
                total[1] += done
                total[2] += entries
                total[3] += budget
                total[4] += counterpart
            if name is not None:
                named[(line, name)] += entries
        self.db.executemany(_ADD_DAY, [(line, day, *total) for (line, day), total in days.items()])
        changed = [(key, delta) for key, delta in named.items() if delta]
        if not changed:
            return
        before: dict[tuple[str, str], int] = {}
        for start in range(0, len(changed), 400):  # SQLite's limit on a statement's values
            part = changed[start : start + 400]
            keys = ", ".join("(?, ?)" for _ in part)
            values = [value for (key, _) in part for value in key]
            for line, name, entries in self.db.execute(  # one primary-key search per key
                f"WITH k(line, named) AS (VALUES {keys}) SELECT n.line, n.named, n.entries FROM k"
                " JOIN named_live n ON n.line = k.line AND n.named = k.named",
                values,
            ):
                before[(line, name)] = entries
        live: Counter[str] = Counter()
        for key, delta in changed:  # a beneficiary counts while its entries add up to more than 0
            old = before.get(key, 0)
            live[key[0]] += int(old + delta > 0) - int(old > 0)
        self.db.executemany(
            "INSERT INTO named_live VALUES (?, ?, ?)"
            " ON CONFLICT(line, named) DO UPDATE SET entries = entries + excluded.entries",
            [(line, name, delta) for (line, name), delta in changed],
        )
        self.db.executemany(
            "INSERT INTO line_named VALUES (?, ?) ON CONFLICT(line) DO UPDATE SET live = live + excluded.live",
            [(line, count) for line, count in live.items() if count],
        )


def _added(a: ProjectEffect, b: ProjectEffect) -> ProjectEffect:
    return replace(a, **{name: getattr(a, name) + getattr(b, name) for name in FIGURES})


class Index:
    """The index of one ledger, open on an SQLite file. `at` says where its reading of the ledger stands."""

    def __init__(self, ledger: Path, plan_id: str, db_path: Path | None) -> None:
        """`db_path` None: a scratch index, SQLite's private temporary database, which SQLite deletes itself
        when it is closed (on POSIX at once, so even a killed command leaves no file behind)."""
        self.ledger = ledger
        self.plan_id = plan_id
        self.db_path = db_path
        self.db = sqlite3.connect(db_path or "", isolation_level=None, timeout=30)
        self.db.execute("PRAGMA synchronous=OFF")  # derived data: a lost update is caught by the signature
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.at = Position()

    def close(self) -> None:
        self.db.close()

    # --- bringing it up to date -----------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        try:
            return {key: json.loads(value) for key, value in self.db.execute("SELECT key, value FROM meta")}
        except sqlite3.DatabaseError:
            return {}

    def current(self) -> bool:
        """Is the index exactly as the ledger is now? (`at` is loaded from it when it is of this plan.)"""
        meta = self._meta()
        if meta.get("version") != VERSION or meta.get("plan") != self.plan_id:
            return False
        self.at = Position(**meta["at"])
        return bool(meta.get("signature") == signature(self.ledger))

    def refresh(self) -> None:
        """Bring the index up to the ledger as it is now (inside the caller's transaction)."""
        if self.current():
            return
        if self._meta().get("plan") == self.plan_id and self._unchanged_so_far():
            Reader(self).read(self.ledger)
            self.save()
        else:
            self.rebuild()

    def _unchanged_so_far(self) -> bool:
        """Do the bytes the index has read still hash to what it noted? (A hand edit anywhere fails this.)"""
        at = self.at
        if at.end == 0:
            return at.lines == 0
        digest, lines, position = "", 0, 0
        for offset, raw in read_lines(self.ledger):
            if offset >= at.end:
                break
            digest, lines, position = _fold(digest, line_hash(raw)), lines + 1, offset + len(raw)
        return position == at.end and lines == at.lines and digest == at.digest

    def rebuild(self, collect: bool = False) -> None:
        """Read the whole ledger again (inside the caller's transaction: statements, not scripts)."""
        tables = [name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in tables:
            self.db.execute(f'DROP TABLE IF EXISTS "{name}"')
        _run(self.db, SCHEMA)
        self.at = Position()
        Reader(self, collect).read(self.ledger)
        _run(self.db, INDEXES)
        self.save()

    def save(self) -> None:
        meta = {"version": VERSION, "plan": self.plan_id, "at": asdict(self.at), "signature": signature(self.ledger)}
        self.db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(key, json.dumps(value)) for key, value in meta.items()]
        )

    # --- what the rules and reports ask ---------------------------------------------------------

    def line_figures(self, line: str, up_to: date | None = None) -> tuple[int, int, int]:
        """(spent, done, budget moved in) on a line, over all dates or up to a day."""
        last = up_to.isoformat() if up_to else "9999-12-31"
        row = self.db.execute(
            "SELECT COALESCE(SUM(spent), 0), COALESCE(SUM(done), 0), COALESCE(SUM(budget), 0) FROM day_totals "
            "WHERE line = ? AND date <= ?",
            (line, last),
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def coming_in(self, line: str, after: date) -> int:
        """Budget moved to a line by reallocations dated after a day (a decision that has not taken effect)."""
        row = self.db.execute(
            "SELECT COALESCE(SUM(budget), 0) FROM day_totals WHERE line = ? AND date > ? AND budget > 0",
            (line, after.isoformat()),
        ).fetchone()
        return int(row[0])

    def year_spent(self, line: str, year: str) -> int:
        row = self.db.execute(
            "SELECT COALESCE(SUM(spent), 0) FROM day_totals WHERE line = ? AND date BETWEEN ? AND ?",
            (line, f"{year}-01-01", f"{year}-12-31"),
        ).fetchone()
        return int(row[0])

    def times_counted(self, line: str, named: str) -> int:
        row = self.db.execute(
            "SELECT COALESCE(SUM(counted), 0) FROM effects WHERE line = ? AND named = ?", (line, named)
        ).fetchone()
        return int(row[0])

    def has_id(self, entry_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM entries WHERE id = ? LIMIT 1", (entry_id,)).fetchone() is not None

    def record_by_ref(self, ref: str) -> tuple[Record, str | None] | None:
        """The record holding this ref (compared as `ref_key`), and the void that cancels it, if any: one that
        counts before one voided (a replacement may give a ref anew)."""
        row = self.db.execute(
            f"SELECT {_RECORD_COLUMNS}, voided_by FROM entries WHERE refkey = ? AND kind = 'record'"
            " ORDER BY voided_by IS NOT NULL, seq LIMIT 1",
            (ref_key(ref),),
        ).fetchone()
        return (record_from_row(row[:-1]), row[-1]) if row else None

    def entry(self, entry_id: str) -> tuple[Entry, str | None] | None:
        """The first entry with this id, and the id of the void that cancels it."""
        row = self.db.execute(
            f"SELECT kind, body, {_RECORD_COLUMNS}, voided_by FROM entries WHERE id = ? ORDER BY seq LIMIT 1",
            (entry_id,),
        ).fetchone()
        if row is None:
            return None
        found = record_from_row(row[2:-1]) if row[0] == "record" else restore(json.loads(row[1]))
        return found, row[-1]

    def void_of(self, entry_id: str) -> Void | None:
        row = self.db.execute(
            "SELECT body FROM entries WHERE kind = 'void' AND target = ? ORDER BY seq LIMIT 1", (entry_id,)
        ).fetchone()
        return restore(json.loads(row[0])) if row else None

    def live(self, kind: str) -> list[Any]:
        """Entries of one kind (adjust, measure, close) that no void cancels, in the order recorded."""
        rows = self.db.execute(
            "SELECT body FROM entries WHERE kind = ? AND kind != 'record' AND voided_by IS NULL ORDER BY seq", (kind,)
        ).fetchall()
        return [restore(json.loads(body)) for (body,) in rows]

    def imports(self) -> list[dict[str, Any]]:
        """Earlier imports, newest first, each with how many rows it wrote (records and đề án approved), how many
        still count, and how many of those are đề án."""
        counts = {
            batch: (records, live, projects)
            for batch, records, live, projects in self.db.execute(
                "SELECT batch, COUNT(*), COUNT(*) FILTER (WHERE voided_by IS NULL),"
                " COUNT(*) FILTER (WHERE voided_by IS NULL AND kind = 'project') FROM entries"
                " WHERE batch IS NOT NULL AND kind IN ('record', 'project') GROUP BY batch"
            )
        }
        keys = ("id", "file", "sha256", "recorded_at", "entries", "sheet", "records", "live", "projects")
        return [
            dict(zip(keys, (*row, *counts.get(row[0], (0, 0, 0))), strict=True))
            for row in self.db.execute(
                "SELECT id, file, sha256, recorded_at, entries, sheet FROM batches ORDER BY seq DESC"
            )
        ]

    def batch_records(self, batch_id: str) -> Iterator[Record]:
        """The records of an earlier import that still count."""
        for row in self.db.execute(
            f"SELECT {_RECORD_COLUMNS} FROM entries WHERE batch = ? AND kind = 'record' AND voided_by IS NULL "
            "ORDER BY seq",
            (batch_id,),
        ):
            yield record_from_row(row)

    def ids(self) -> Iterator[str]:
        for (entry_id,) in self.db.execute("SELECT id FROM entries"):
            yield entry_id

    def named_lines(self) -> set[str]:
        """The plan lines and indicators that entries still counting name (what a new plan must keep)."""
        lines = {line for (line,) in self.db.execute("SELECT DISTINCT line FROM day_totals")}
        indicators = {measure.indicator for measure in self.live("measure")}
        return lines | indicators

    # --- đề án ------------------------------------------------------------------------------------

    def project_sums(self, up_to: date | None = None, key: str | None = None) -> list[ProjectEffect]:
        """Each đề án's figures added up to a day (all of them without one), one per đề án, dated `up_to`."""
        last = up_to.isoformat() if up_to else "9999-12-31"
        where, params = "date <= ?", [last]
        if key is not None:
            where, params = where + " AND project = ?", [*params, key]
        figures = ", ".join(f"SUM({name})" for name in _PROJECT_FIGURES)
        rows = self.db.execute(
            f"SELECT project, MIN(line), {figures} FROM project_days WHERE {where} GROUP BY project ORDER BY project",
            params,
        )
        day = up_to or date.max
        return [ProjectEffect(project, line, day, *values) for project, line, *values in rows]

    def committed(self, line: str, up_to: date | None = None) -> int:
        """Support approved and not yet paid, of the line's đề án still open (up to a day)."""
        row = self.db.execute(
            "SELECT COALESCE(SUM(MAX(0, support - paid)), 0) FROM (SELECT SUM(support) AS support, SUM(paid) AS paid,"
            " SUM(opened - settled - stopped) AS open FROM project_days WHERE line = ? AND date <= ? GROUP BY project)"
            " WHERE open > 0",
            (line, up_to.isoformat() if up_to else "9999-12-31"),
        ).fetchone()
        return int(row[0])

    def project_entries(self, key: str) -> list[tuple[Entry, str | None]]:
        """Every entry that names a đề án (its decisions, payments, acceptance, settlement), as recorded, each
        with the void that cancels it."""
        rows = self.db.execute(
            f"SELECT kind, body, {_RECORD_COLUMNS}, voided_by FROM entries WHERE projectkey = ? ORDER BY seq", (key,)
        ).fetchall()
        return [(record_from_row(row[2:-1]) if row[0] == "record" else restore(json.loads(row[1])), row[-1])
                for row in rows]  # fmt: skip

    def project_records(self, key: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The approvals and changes that still count of every đề án (or of one), as recorded: (folded code,
        fields)."""
        where, params = ("AND projectkey = ?", (key,)) if key is not None else ("", ())
        for found, body in self.db.execute(
            "SELECT projectkey, body FROM entries WHERE kind IN ('project', 'project_change') AND voided_by IS NULL"
            f" {where} ORDER BY seq",
            params,
        ):
            yield found, json.loads(body)

    def project_beneficiaries(self, line: str) -> list[tuple[str, str]]:
        """(code, beneficiary) of the đề án approved on a line that still count."""
        rows = self.db.execute(
            "SELECT project, beneficiary FROM entries WHERE kind = 'project' AND line = ? AND voided_by IS NULL",
            (line,),
        )
        return [(code, name) for code, name in rows]

    def projects(self, up_to: date | None = None, key: str | None = None) -> list[ProjectState]:
        """Đề án as they stand up to a day (or over all dates), in the order of their codes."""
        return project_states(self.project_records(key), self.project_sums(up_to, key))

    def spent_total(self) -> int:
        return int(self.db.execute("SELECT COALESCE(SUM(spent), 0) FROM day_totals").fetchone()[0])

    def longest_texts(self) -> dict[str, int]:
        """The longest locality and beneficiary, the largest amount and count: a log's widths, before its rows."""
        row = self.db.execute(
            "SELECT MAX(LENGTH(locality)), MAX(LENGTH(beneficiary)), MAX(amount), MAX(count) FROM entries "
            "WHERE kind = 'record'"
        ).fetchone()
        keys = ("locality", "beneficiary", "amount_vnd", "count")
        return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}

    def problems(self, *codes: str) -> list[tuple[int | None, str, dict[str, Any]]]:
        marks = ", ".join("?" * len(codes))
        where = f"WHERE code IN ({marks})" if codes else ""
        rows = self.db.execute(f"SELECT lineno, code, params FROM problems {where} ORDER BY lineno", codes)
        return [(lineno, code, json.loads(params)) for lineno, code, params in rows]

    def sums(self, as_of: date, start: date | None = None, by: str | None = None) -> Sums:
        """What a status needs, up to `as_of` (and from `start` for the period's own figures)."""
        sums = Sums(read=self.at.read)
        end = as_of.isoformat()
        first = start.isoformat() if start else "0000-00-00"
        for line, spent, done, entries, budget, period_spent, period_done, counterpart in self.db.execute(
            "SELECT line, SUM(spent), SUM(done), SUM(entries), SUM(budget),"
            " SUM(CASE WHEN date >= ? THEN spent ELSE 0 END), SUM(CASE WHEN date >= ? THEN done ELSE 0 END),"
            " SUM(CASE WHEN date >= ? THEN counterpart ELSE 0 END)"
            " FROM day_totals WHERE date <= ? GROUP BY line",
            (first, first, first, end),
        ):
            sums.spent[line], sums.done[line], sums.entries[line] = spent, done, entries
            sums.budget_delta[line], sums.period_spent[line], sums.period_done[line] = budget, period_spent, period_done
            sums.counterpart[line] = counterpart
        params: tuple[str, ...] = ()
        last_day = self.db.execute("SELECT MAX(date) FROM day_totals").fetchone()[0]
        if start is None and (last_day is None or last_day <= end):  # every entry counts: the kept totals
            query, params = "SELECT line, live FROM line_named WHERE live > 0", ()
        else:  # the beneficiaries of the entries in the period, counted now
            query = (
                "SELECT line, COUNT(*) FROM (SELECT line, named, SUM(entries) AS n FROM effects WHERE named IS NOT"
                " NULL AND date >= ? AND date <= ? GROUP BY line, named) WHERE n > 0 GROUP BY line"
            )
            params = (first, end)
        for line, count in self.db.execute(query, params):
            sums.beneficiaries[line] = count
        if by is not None:
            shown = dict(self.db.execute("SELECT key, shown FROM places")) if by == "locality" else {}
            for key, line, spent, done in self.db.execute(
                f"SELECT {by}, line, SUM(spent), SUM(done) FROM effects WHERE date >= ? AND date <= ? AND entries != 0"
                f" GROUP BY {by}, line",
                (first, end),
            ):
                group = sums.groups.setdefault(shown.get(key, key), Counter())
                group[(line, "spent")] += spent
                group[(line, "done")] += done
        sums.adjustments = [a for a in self.live("adjust") if a.date <= as_of]
        sums.projects = self.projects(as_of)
        sums.measures = self.live("measure")
        sums.closes = self.live("close")
        return sums

    def log(self, line: str | None, start: date | None, end: date | None) -> Iterator[tuple[Record, Void | None]]:
        """Records oldest first (by date, then as recorded), each with the void that cancels it."""
        where, params = ["e.kind = 'record'"], []
        if line is not None:
            where.append("e.line = ?")
            params.append(line)
        if start is not None:
            where.append("e.date >= ?")
            params.append(start.isoformat())
        if end is not None:
            where.append("e.date <= ?")
            params.append(end.isoformat())
        columns = ", ".join(f"e.{name.strip()}" for name in _RECORD_COLUMNS.split(","))
        cursor = self.db.execute(
            f"SELECT {columns}, v.body FROM entries e LEFT JOIN entries v ON v.id = e.voided_by AND v.kind = 'void'"
            f" WHERE {' AND '.join(where)} ORDER BY e.date, e.seq",
            params,
        )
        for row in cursor:
            yield record_from_row(row[:-1]), restore(json.loads(row[-1])) if row[-1] else None


_RECORD_COLUMNS = (
    "id, line, date, amount, count, locality, beneficiary, note, ref, source, counterpart, recorded_at, hash, project,"
    " advance"
)


def record_from_row(row: tuple[Any, ...]) -> Record:
    from datetime import datetime

    (entry_id, line, day, amount, count, locality, beneficiary, note, ref, source, counterpart, recorded, digest,
     project, advance) = row  # fmt: skip
    return Record(
        id=entry_id,
        line=line,
        date=date.fromisoformat(day),
        amount_vnd=amount,
        count=count,
        locality=locality,
        beneficiary=beneficiary,
        note=note,
        ref=ref,
        source=source,
        counterpart_vnd=counterpart,
        project=project,
        advance=True if advance else None,
        recorded_at=datetime.fromisoformat(recorded),
        hash=digest,
    )


def open_beside(ledger: Path, plan_id: str) -> Index | None:
    """The index kept beside the ledger, or None when it cannot be opened there (a read-only folder)."""
    try:
        return Index(ledger, plan_id, paths.index_path(ledger))
    except sqlite3.Error:
        return None


def open_scratch(ledger: Path, plan_id: str) -> Index:
    """A new index for this command only."""
    return Index(ledger, plan_id, None)


def usable(index: Index) -> bool:
    """Is this an SQLite file at all (not a damaged or foreign one)? An empty one is: it is built on use."""
    try:
        index.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
