"""A derived index beside the ledger (`<ledger>.index`, SQLite), so that a write does not re-read
the whole ledger and a status of a large ledger does not parse every line.

The ledger stays the only record: the index holds per-line totals, one row per record (for
refs, ids, dates and breakdowns), the few other entries, the hash-chain tip and the byte offset it
covers, with the ledger's size, times and inode when it was last brought up to date. Each use
checks that signature against the ledger:

- the same: the index is used as it is;
- the ledger grew and the last line the index covers still has the tip's hash: the new lines are
  read and added (a write whose index update was cut short, or a ledger written elsewhere);
- anything else (edited, truncated, replaced): the index is rebuilt from the whole ledger.

Deleting it loses nothing; it is rebuilt on the next use. It is only written under the ledger's
lock. `kc check` never uses it: it always reads every line.
"""

import contextlib
import json
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from kc_tracker.ledger import (
    Adjust,
    ChainBreak,
    Close,
    Entry,
    Header,
    Import,
    LedgerFile,
    LedgerState,
    Measure,
    Record,
    Void,
    Written,
    beneficiary_keys,
    line_hash,
    parse_line,
)
from kc_tracker.plan import nfc
from kc_tracker.report import Sums, add_live_entries

VERSION = "3"
BATCH = 5000

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(
    id TEXT NOT NULL, line TEXT NOT NULL, date TEXT NOT NULL, amount INTEGER NOT NULL, count INTEGER NOT NULL,
    counterpart INTEGER NOT NULL, locality TEXT, source TEXT, benkey TEXT, ref TEXT,
    voided INTEGER NOT NULL DEFAULT 0, offset INTEGER NOT NULL);
CREATE INDEX records_id ON records(id);
CREATE TABLE others(id TEXT NOT NULL, kind TEXT NOT NULL, voided INTEGER NOT NULL DEFAULT 0,
    offset INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX others_id ON others(id);
CREATE TABLE voids(id TEXT NOT NULL, target TEXT NOT NULL, offset INTEGER NOT NULL);
CREATE INDEX voids_id ON voids(id);
CREATE INDEX voids_target ON voids(target);
CREATE TABLE totals(line TEXT PRIMARY KEY, spent INTEGER NOT NULL, done INTEGER NOT NULL,
    counterpart INTEGER NOT NULL, entries INTEGER NOT NULL, beneficiaries INTEGER NOT NULL DEFAULT 0);
CREATE TABLE names(line TEXT NOT NULL, benkey TEXT NOT NULL, n INTEGER NOT NULL, counted INTEGER NOT NULL,
    PRIMARY KEY(line, benkey));
"""


# Not needed while rows are added (voids find records by id): built after a rebuild's bulk insert,
# which is several times faster than keeping them up to date row by row. Records by id too, when
# only records are added to an empty index (there is no void to look one up).
_LATER_INDEXES = [
    "CREATE INDEX IF NOT EXISTS records_id ON records(id)",
    "CREATE INDEX IF NOT EXISTS records_ref ON records(ref) WHERE ref IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS records_names ON records(line, benkey) WHERE benkey IS NOT NULL",
]


def index_path(ledger: Path) -> Path:
    return ledger.with_name(ledger.name + ".index")


def _signature(path: Path) -> dict[str, int]:
    st = path.stat()
    # ctime cannot be set back by hand (mtime can, with touch): on POSIX it catches every change.
    ctime = st.st_ctime_ns if os.name == "posix" else 0
    return {"size": st.st_size, "mtime": st.st_mtime_ns, "ctime": ctime, "ino": st.st_ino}


class Index:
    """The index of one ledger. `refresh()` brings it up to date; then `sums()` and `state()` use it."""

    def __init__(self, ledger: Path, plan_id: str) -> None:
        self.ledger = ledger
        self.plan_id = plan_id
        self.path = index_path(ledger)
        # One thread at a time uses it, but not always the one that opened it (`stage_first`).
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA synchronous=OFF")  # derived data: a lost update is caught by the signature
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.file = LedgerFile(ledger, plan_id)
        self.read = 0  # entries read from the ledger, as `LedgerFile` yields them
        self._lines: dict[int, dict[str, Entry]] = {}  # entries of lines read by offset (`entry_at`)
        self.max_date = ""  # the latest record date: status up to it or later can use the running totals
        self._finishing: threading.Thread | None = None  # see `stage_first`
        self._failed: list[BaseException] = []

    def close(self) -> None:
        if self._finishing is not None:  # never close the connection under a running statement
            self._finishing.join()
        self.db.close()

    # --- keeping it up to date ----------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        try:
            rows = self.db.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.DatabaseError:
            return {}
        return {key: json.loads(value) for key, value in rows}

    def refresh(self) -> LedgerFile:
        """Bring the index up to the ledger as it is now; return the ledger's state (tip, torn tail…)."""
        meta = self._meta()
        signature = _signature(self.ledger)
        if meta.get("version") == VERSION and meta.get("plan") == self.plan_id and "end_offset" in meta:
            header = Header.model_validate_json(meta["header"])
            self.file.resume(header, meta["tip"], meta["end_offset"], meta["lines"], meta["last_line_offset"])
            self.file.breaks = [ChainBreak(lineno, kind) for lineno, kind in meta["breaks"]]
            self.read, self.max_date = meta["read"], meta["max_date"]
            if signature == meta["signature"]:
                self._read_torn(signature["size"])
                return self.file
            if signature["size"] > meta["end_offset"] and self._last_line_intact(meta):
                self._add_from_file(signature)
                return self.file
        self.file = LedgerFile(self.ledger, self.plan_id)
        self._rebuild()
        self._add_from_file(_signature(self.ledger))
        return self.file

    def _read_torn(self, size: int) -> None:
        if size > self.file.end_offset:
            with self.ledger.open("rb") as handle:
                handle.seek(self.file.end_offset)
                self.file.torn = handle.read()

    def _last_line_intact(self, meta: dict[str, Any]) -> bool:
        with self.ledger.open("rb") as handle:
            handle.seek(meta["last_line_offset"])
            raw = handle.read(meta["end_offset"] - meta["last_line_offset"])
        return raw.endswith(b"\n") and line_hash(raw) == meta["tip"]

    def _rebuild(self) -> None:
        """Empty tables: nothing of the ledger read yet."""
        self.read, self.max_date = 0, ""
        self._lines.clear()
        tables = self.db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        drops = "".join(f'DROP TABLE "{name}";' for (name,) in tables)
        self.db.executescript(f"BEGIN IMMEDIATE;{drops}{_SCHEMA}COMMIT;")

    def _add_from_file(self, signature: dict[str, int]) -> None:
        """Read the ledger from where the index stops and add what follows."""
        self._add(((self.file.line_offset, entry) for _, entry in self.file), signature)

    def add_appended(self, file: LedgerFile, lines: list[tuple[int, Written]], *, new: bool) -> None:
        """Add the lines this process has just appended under the lock, without reading them back.

        The index covered the ledger as it was before them (or is `new`, for a ledger just created);
        `file` has been moved past them. If the ledger is not exactly that now, read it instead.
        """
        signature = _signature(self.ledger)
        if signature["size"] != file.end_offset:
            self.refresh()
            return
        # An import's rows go into three indexes at random places: with SQLite's default 2 MB of cache,
        # a fifth of the time went to reading pages again. The cache only grows with the pages touched.
        self.db.execute("PRAGMA cache_size = -65536")
        if new:
            self._rebuild()
        self.file = file
        self._add(((offset, entry) for offset, line in lines for entry in _entries(line)), signature)

    def stage_first(self, entries: list[Written]) -> None:
        """Begin the index of a new ledger with its first lines, all records (one, or an import's many),
        before they are written: their rows go in now, with their lines' offsets to come; SQLite counts
        their names and builds the indexes in another thread (its statements let go of the GIL) while
        this one encodes and writes the lines. `commit_first` completes it once they are written; if
        they are not, the transaction is never committed (and the next use rebuilds the index)."""
        self._rebuild()
        self.db.execute("PRAGMA cache_size = -65536")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DROP INDEX records_id")  # built after the rows, as after a rebuild
            records = [
                (record, -1 - k)
                for k, line in enumerate(entries)
                for record in _entries(line)
                if isinstance(record, Record)
            ]  # (all of them)
            self._insert_records(records, first=True)
            self.read = len(records)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._finishing = threading.Thread(target=self._count_names_and_index, name="kc-index")
        self._finishing.start()

    def _count_names_and_index(self) -> None:
        """Every name in a new ledger's first records is new: counted once, from the records table."""
        try:
            self.db.execute(
                "INSERT INTO names SELECT line, benkey, COUNT(*), SUM(count > 0) FROM records "
                "WHERE benkey IS NOT NULL GROUP BY line, benkey"
            )
            self.db.execute("UPDATE totals SET beneficiaries = (SELECT COUNT(*) FROM names WHERE line = totals.line)")
            for statement in _LATER_INDEXES:
                self.db.execute(statement)
        except BaseException as e:  # raised in the writing thread, by `commit_first`
            self._failed.append(e)

    def commit_first(self, file: LedgerFile, lines: list[tuple[int, Written]]) -> None:
        """Complete what `stage_first` began, now that the lines are written (`file` is past them)."""
        assert self._finishing is not None
        self._finishing.join()
        self._finishing = None
        try:
            if self._failed:
                raise self._failed[0]
            signature = _signature(self.ledger)
            if signature["size"] != file.end_offset:  # not as this process left it: read it instead
                self.db.execute("ROLLBACK")
                self.refresh()
                return
            offsets = [(offset, -1 - k) for k, (offset, _) in enumerate(lines)]
            self.db.executemany("UPDATE records SET offset = ? WHERE offset = ?", offsets)
            self.file = file
            self._save_meta(signature)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _add(self, entries: Iterator[tuple[int, Entry]], signature: dict[str, int]) -> None:
        """Add (line offset, entry) pairs and the ledger's new signature, in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            records: list[tuple[Record, int]] = []
            for offset, entry in entries:
                self.read += 1
                if isinstance(entry, Record):
                    records.append((entry, offset))
                    if len(records) >= BATCH:
                        self._insert_records(records)
                        records = []
                    continue
                self._insert_records(records)
                records = []
                self._add_other(entry, offset)
            self._insert_records(records)
            for statement in _LATER_INDEXES:
                self.db.execute(statement)
            self._save_meta(signature)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _insert_records(self, records: list[tuple[Record, int]], first: bool = False) -> None:
        if not records:
            return
        rows = _record_rows(records)
        self.db.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,0,?)", rows)
        self.max_date = max(self.max_date, max(row[2] for row in rows))
        totals: dict[str, list[int]] = {}
        names: Counter[tuple[str, str, bool]] = Counter()
        for row in rows:
            item = totals.setdefault(row[1], [0, 0, 0, 0])
            item[0] += row[3]
            item[1] += row[4]
            item[2] += row[5]
            item[3] += 1
            if row[8] is not None and not first:  # a new ledger's are counted afterwards (`stage_first`)
                names[(row[1], row[8], row[4] > 0)] += 1
        self._add_totals(totals, 1)
        self._add_names(names, 1)

    def _add_totals(self, totals: dict[str, list[int]], sign: int) -> None:
        self.db.executemany(
            "INSERT INTO totals VALUES (?,?,?,?,?,0) ON CONFLICT(line) DO UPDATE SET spent = spent + excluded.spent, "
            "done = done + excluded.done, counterpart = counterpart + excluded.counterpart, "
            "entries = entries + excluded.entries",
            [(line, *(sign * v for v in values)) for line, values in totals.items()],
        )

    def _add_names(self, names: Counter[tuple[str, str, bool]], sign: int) -> None:
        """Count names per line, and keep each line's number of distinct names as names come and go."""
        if not names:
            return
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS delta(line TEXT, benkey TEXT, n INTEGER, counted INTEGER)")
        db.executemany(
            "INSERT INTO delta VALUES (?,?,?,?)",
            [(line, key, sign * n, sign * n if counted else 0) for (line, key, counted), n in names.items()],
        )
        # A line gains a distinct name where a count goes from 0 to more, and loses one the other way.
        changes = db.execute(
            """SELECT d.line, SUM((COALESCE(m.n, 0) + d.n > 0) - (COALESCE(m.n, 0) > 0))
               FROM (SELECT line, benkey, SUM(n) AS n FROM delta GROUP BY line, benkey) AS d
               LEFT JOIN names AS m ON m.line = d.line AND m.benkey = d.benkey GROUP BY d.line"""
        ).fetchall()
        db.execute(
            "INSERT INTO names SELECT line, benkey, SUM(n), SUM(counted) FROM delta WHERE true GROUP BY line, benkey "
            "ON CONFLICT(line, benkey) DO UPDATE SET n = n + excluded.n, counted = counted + excluded.counted"
        )
        db.execute("DELETE FROM delta")
        db.executemany(
            "UPDATE totals SET beneficiaries = beneficiaries + ? WHERE line = ?",
            [(change, line) for line, change in changes if change],
        )

    def _add_other(self, entry: Entry, offset: int) -> None:
        if isinstance(entry, Void):
            self.db.execute("INSERT INTO voids VALUES (?,?,?)", (entry.id, entry.target, offset))
            target = entry.voided
            if isinstance(target, Record):
                (row,) = _record_rows([(target, 0)])
                # One row, as a full pass cancels one record even where a hand edit repeated an id.
                self.db.execute(
                    "UPDATE records SET voided = 1 WHERE rowid = "
                    "(SELECT rowid FROM records WHERE id = ? AND voided = 0 ORDER BY rowid LIMIT 1)",
                    (target.id,),
                )
                self._add_totals({target.line: [row[3], row[4], row[5], 1]}, -1)
                if row[8] is not None:
                    self._add_names(Counter({(target.line, row[8], row[4] > 0): 1}), -1)
            else:
                self.db.execute(
                    "UPDATE others SET voided = 1 WHERE rowid = "
                    "(SELECT rowid FROM others WHERE id = ? AND voided = 0 ORDER BY rowid LIMIT 1)",
                    (target.id,),
                )
        else:
            self.db.execute(
                "INSERT INTO others VALUES (?,?,0,?,?)", (entry.id, entry.kind, offset, entry.model_dump_json())
            )

    def _save_meta(self, signature: dict[str, int]) -> None:
        file = self.file
        meta: dict[str, Any] = {"version": VERSION, "plan": self.plan_id}
        if file.header is not None:
            meta |= {
                "signature": signature,
                "header": file.header.model_dump_json(),
                "tip": file.tip,
                "end_offset": file.end_offset,
                "last_line_offset": file.line_offset,
                "lines": file.lines,
                "breaks": [[b.lineno, b.kind] for b in file.breaks],
                "read": self.read,
                "max_date": self.max_date,
            }
        self.db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(key, json.dumps(value)) for key, value in meta.items()]
        )

    # --- reading -----------------------------------------------------------------------------

    def _live_others(self) -> list[Adjust | Measure | Close]:
        rows = self.db.execute("SELECT body FROM others WHERE voided = 0 ORDER BY offset").fetchall()
        return [parse_line(body) for (body,) in rows]  # type: ignore[misc]

    def sums(self, as_of: date, start: date | None, by: str | None) -> Sums:
        """The same figures as `report.scan_sums` over the whole ledger (a test holds them equal)."""
        sums = Sums(read=self.read)
        add_live_entries(sums, self._live_others(), as_of)
        if start is None and by is None and as_of.isoformat() >= self.max_date:
            # Every record counts: the running totals are the answer.
            for line, spent, done, counterpart, entries, distinct in self.db.execute("SELECT * FROM totals"):
                sums.spent[line] = sums.period_spent[line] = spent
                sums.done[line] = sums.period_done[line] = done
                sums.counterpart[line] = counterpart
                sums.entries[line] = entries
                sums.beneficiaries[line] = distinct
            return _drop_zeros(sums)
        first = start.isoformat() if start else ""
        params = {"as_of": as_of.isoformat(), "start": first}
        query = """SELECT line, SUM(amount), SUM(count), COUNT(*),
                     SUM(CASE WHEN date >= :start THEN amount ELSE 0 END),
                     SUM(CASE WHEN date >= :start THEN count ELSE 0 END),
                     SUM(CASE WHEN date >= :start THEN counterpart ELSE 0 END)
                   FROM records WHERE voided = 0 AND date <= :as_of GROUP BY line"""
        for line, spent, done, entries, period_spent, period_done, counterpart in self.db.execute(query, params):
            sums.spent[line], sums.done[line], sums.entries[line] = spent, done, entries
            sums.period_spent[line], sums.period_done[line] = period_spent, period_done
            sums.counterpart[line] = counterpart
        query = """SELECT line, COUNT(DISTINCT benkey) FROM records
                   WHERE voided = 0 AND benkey IS NOT NULL AND date >= :start AND date <= :as_of GROUP BY line"""
        for line, distinct in self.db.execute(query, params):
            sums.beneficiaries[line] = distinct
        if by is not None:
            key = {
                "year": "substr(date, 1, 4)",
                "quarter": "substr(date, 1, 4) || '-Q' || ((CAST(substr(date, 6, 2) AS INTEGER) + 2) / 3)",
                "locality": "locality",
                "source": "source",
            }[by]
            query = f"""SELECT {key}, line, SUM(amount), SUM(count) FROM records
                        WHERE voided = 0 AND date >= :start AND date <= :as_of GROUP BY 1, 2"""
            for group, line, spent, done in self.db.execute(query, params):
                counter = sums.groups.setdefault(group, Counter())
                counter[(line, "spent")] = spent
                counter[(line, "done")] = done
        return _drop_zeros(sums)

    def state(self, find: str | None = None) -> "IndexState":
        return IndexState(self, find)

    def entry_at(self, offset: int, entry_id: str) -> Entry | None:
        """The entry with this id on the ledger line starting at `offset` (an import line holds many)."""
        return self._entries_at(offset).get(entry_id)

    def _entries_at(self, offset: int) -> dict[str, Entry]:
        # Re-importing a file looks up each of its rows on the one line that holds them all: that
        # line is read once, not once per row (a few lines are kept, the latest ones asked for).
        entries = self._lines.pop(offset, None)
        if entries is None:
            with self.ledger.open("rb") as handle:
                handle.seek(offset)
                line = parse_line(handle.readline())
            found = [] if isinstance(line, Header) else _entries(line)
            entries = {entry.id: entry for entry in reversed(found)}  # a repeated id: the first one
            if len(self._lines) >= 4:
                del self._lines[next(iter(self._lines))]
        self._lines[offset] = entries
        return entries

    def lookup(self, entry_id: str) -> Entry | None:
        for table in ("records", "others", "voids"):
            row = self.db.execute(f"SELECT offset FROM {table} WHERE id = ? LIMIT 1", (entry_id,)).fetchone()
            if row is not None:
                return self.entry_at(row[0], entry_id)
        return None


def _drop_zeros(sums: Sums) -> Sums:
    for counter in (sums.spent, sums.done, sums.entries, sums.period_spent, sums.period_done, sums.counterpart,
                    sums.beneficiaries):  # fmt: skip
        for key in [k for k, v in counter.items() if v == 0]:
            del counter[key]
    return sums


def _entries(line: Written) -> list[Entry]:
    return list(line.records) if isinstance(line, Import) else [line]


def _record_rows(records: list[tuple[Record, int]]) -> list[tuple[Any, ...]]:
    """The records table's rows of (record, line offset) pairs; their names are folded together."""
    keys = iter(beneficiary_keys([record.beneficiary for record, _ in records if record.beneficiary]))
    return [
        (
            record.id,
            record.line,
            record.date.isoformat(),
            record.amount_vnd,
            record.count or 0,
            record.counterpart_vnd or 0,
            nfc(record.locality) if record.locality else None,
            record.source,
            next(keys) if record.beneficiary else None,
            record.ref,
            offset,
        )
        for record, offset in records
    ]


class _Names(Counter[str]):
    """One line's counted beneficiaries: read from the index on first use, then kept in memory."""

    def __init__(self, index: Index, line: str) -> None:
        super().__init__()
        self.index, self.line = index, line

    def __missing__(self, key: str) -> int:
        row = self.index.db.execute(
            "SELECT counted FROM names WHERE line = ? AND benkey = ?", (self.line, key)
        ).fetchone()
        self[key] = value = int(row[0]) if row else 0
        return value


class _NamesByLine(dict[str, Counter[str]]):
    def __init__(self, index: Index) -> None:
        super().__init__()
        self.index = index

    def get(self, line: str, default: Any = None) -> Counter[str]:
        names = super().get(line)
        if names is None:
            names = self[line] = _Names(self.index, line)
        return names

    def setdefault(self, line: str, default: Any = None) -> Counter[str]:
        return self.get(line)


class _Ids(set[str]):
    def __init__(self, index: Index) -> None:
        super().__init__()
        self.index = index
        self.absent: set[str] = set()  # asked of the index already: not there

    def __contains__(self, entry_id: object) -> bool:
        if super().__contains__(entry_id):
            return True
        if entry_id in self.absent:
            return False
        return any(
            self.index.db.execute(f"SELECT 1 FROM {table} WHERE id = ? LIMIT 1", (entry_id,)).fetchone()
            for table in ("records", "others", "voids")
        )


FoundEntry = TypeVar("FoundEntry", Record, Void)


class _Lookup(dict[str, FoundEntry]):
    """Entries by a key (a record's ref, a void's target): those of this write in memory, the rest via the index."""

    def __init__(self, index: Index, table: str, column: str, kind: type[FoundEntry]) -> None:
        super().__init__()
        self.index, self.table, self.column = index, table, column
        self.kind: type[FoundEntry] = kind
        self.absent: set[str] = set()  # asked of the index already: not there

    def get(self, key: str, default: None = None) -> FoundEntry | None:  # type: ignore[override]
        if key in self:
            return self[key]
        if key in self.absent:
            return None
        row = self.index.db.execute(
            f"SELECT id, offset FROM {self.table} WHERE {self.column} = ? ORDER BY offset DESC LIMIT 1", (key,)
        ).fetchone()
        found = self.index.entry_at(row[1], row[0]) if row else None
        return found if isinstance(found, self.kind) else None


class IndexState(LedgerState):
    """The writer's view of the ledger, answered by the index instead of a pass over every line."""

    counted_beneficiaries: _NamesByLine
    ids: _Ids
    refs: _Lookup[Record]

    def __init__(self, index: Index, find: str | None) -> None:
        super().__init__(index.file)
        for line, spent, done in index.db.execute("SELECT line, spent, done FROM totals"):
            self.spent_vnd[line], self.done_count[line] = spent, done
        self.counted_beneficiaries = _NamesByLine(index)
        self.ids = _Ids(index)
        self.refs = _Lookup(index, "records", "ref", Record)
        self.voids = _Lookup(index, "voids", "target", Void)
        for item in index._live_others():
            self.apply(item, 1)
        self.found = index.lookup(find) if find else None
        self.index = index

    def expect(self, records: list[Record]) -> None:
        """Ask the index at once what admitting these records asks row by row: which of their ids
        are taken, which refs are known, how often each counted name is counted already.
        (An SQLite built without JSON functions, and it is asked row by row after all.)"""
        with contextlib.suppress(sqlite3.OperationalError):
            self._expect(records)

    def _expect(self, records: list[Record]) -> None:
        db = self.index.db
        ids = [record.id for record in records]
        taken = {row[0] for row in db.execute(" UNION ".join(
            f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?1))"
            for table in ("records", "others", "voids")), (json.dumps(ids),))}  # fmt: skip
        self.ids.update(taken)
        self.ids.absent.update(ids)  # (what is in the set itself is looked at first)
        refs = [record.ref for record in records if record.ref is not None]
        latest = {ref: (entry_id, offset) for ref, entry_id, offset in db.execute(
            "SELECT ref, id, offset FROM records WHERE ref IN (SELECT value FROM json_each(?)) ORDER BY offset",
            (json.dumps(refs),))}  # fmt: skip
        for ref, (entry_id, offset) in latest.items():
            found = self.index.entry_at(offset, entry_id)
            if isinstance(found, Record):
                self.refs[ref] = found
        self.refs.absent.update(refs)
        named = [(record.line, record.beneficiary) for record in records if record.count and record.beneficiary]
        names = set(zip([line for line, _ in named], beneficiary_keys([name for _, name in named]), strict=True))
        counted = {(line, key): n for line, key, n in db.execute(
            "SELECT n.line, n.benkey, n.counted FROM json_each(?) AS w JOIN names AS n "
            "ON n.line = json_extract(w.value, '$[0]') AND n.benkey = json_extract(w.value, '$[1]')",
            (json.dumps(sorted(names)),))}  # fmt: skip
        for line, key in names:
            self.counted_beneficiaries.get(line)[key] = counted.get((line, key), 0)


@contextlib.contextmanager
def opened(ledger: Path, plan_id: str) -> Iterator[Index]:
    index = Index(ledger, plan_id)
    try:
        yield index
    finally:
        index.close()


def _discard(ledger: Path) -> None:
    """A broken or unwritable index is dropped: the next use rebuilds it from the ledger."""
    with contextlib.suppress(OSError):
        index_path(ledger).unlink(missing_ok=True)


def with_index_state(
    ledger: Path,
    plan_id: str,
    find: str | None,
    build: Callable[[LedgerState], list[Written]],
    append: Callable[[Path, str, LedgerFile, list[Written]], list[tuple[int, Written]]],
    scan: Callable[[], LedgerState],
    preflight: tuple[LedgerState, list[Written]] | None = None,
) -> list[Written]:
    """A write under the ledger's lock: the rules see the index; what is appended is then indexed.

    If the index cannot be used (a damaged file, a read-only folder), the write goes on from a full
    pass over the ledger. Once the ledger line is on disk the write has happened: a failure to
    update the index then only drops it (the next command rebuilds it), never fails the command.
    """
    with contextlib.ExitStack() as stack:
        state: LedgerState | None = None
        index: Index | None = None
        if ledger.exists():
            try:
                index = stack.enter_context(opened(ledger, plan_id))
                index.refresh()
                state = index.state(find)
            except sqlite3.Error:
                index = None
                _discard(ledger)
        if state is not None:
            entries = build(state)
        elif preflight is not None and not ledger.exists():
            state, entries = preflight  # built against the same empty ledger: no need to build it again
        else:
            state = scan()
            entries = build(state)
        if not entries:
            return []
        new = state.file.end_offset == 0
        staged = None
        if index is None and new and all(isinstance(entry, Record | Import) for entry in entries):
            try:  # a new ledger's first records (one, or an import's many): indexed while they are written
                staged = stack.enter_context(opened(ledger, plan_id))
                staged.stage_first(entries)
            except (sqlite3.Error, OSError):
                staged = None  # (rolled back) indexed afterwards instead, as below
        lines = append(ledger, plan_id, state.file, entries)
        try:
            if staged is not None:
                staged.commit_first(state.file, lines)
            elif index is not None:
                index.add_appended(state.file, lines, new=False)
            elif new:
                index = stack.enter_context(opened(ledger, plan_id))
                index.add_appended(state.file, lines, new=True)
            else:  # the index could not be used before the write: build it anew from the ledger
                stack.enter_context(opened(ledger, plan_id)).refresh()
        except (sqlite3.Error, OSError):
            _discard(ledger)
        return [entry for _, entry in lines]
    raise AssertionError("unreachable")  # pragma: no cover  (ExitStack does not swallow exceptions)


def read_sums(ledger: Path, plan_id: str, as_of: date, start: date | None, by: str | None,
              lock_timeout: float = 10) -> tuple[Sums, LedgerFile]:  # fmt: skip
    """Status figures for one ledger, from its index when it can be used, else from a full pass."""
    from filelock import FileLock, Timeout

    from kc_tracker.ledger import lock_path
    from kc_tracker.report import scan_sums

    if ledger.exists():
        try:
            with FileLock(lock_path(ledger), timeout=lock_timeout, preserve_lock_file=True, fallback_to_soft=False):
                with opened(ledger, plan_id) as index:
                    file = index.refresh()
                    return index.sums(as_of, start, by), file
        except (sqlite3.Error, OSError, Timeout):
            _discard(ledger)
    file = LedgerFile(ledger, plan_id)
    return scan_sums(file, as_of, start, by), file
