"""The store: the one way a ledger is read or written.

A write is one transaction: take the ledger's lock → bring its index up to date → let the rules build
the new entries against a `View` of the ledger (each entry is encoded, chained and indexed as the rules
admit it, so the next rule sees it) → append the lines in one durable write → commit the index. A
refusal (a `KcError` from the rules) rolls everything back and leaves the ledger byte-for-byte as it was.

A read opens the index beside each ledger, brought up to date under the lock when the ledger has changed;
where it cannot be kept (a read-only folder, the lock held too long) a scratch index is built for the
command. Several ledgers add up only when they hold different entries.
"""

import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, Any, TypeVar

from kc_tracker import paths
from kc_tracker.constraints import check
from kc_tracker.dates import today
from kc_tracker.errors import InputError, LedgerError
from kc_tracker.i18n import os_reason, t
from kc_tracker.index import Index, Reader, open_beside, open_scratch, usable
from kc_tracker.ledger import (
    FORMAT_VERSION,
    UNASSIGNED,
    Adjust,
    Batch,
    BatchEnd,
    Close,
    Entry,
    Header,
    Record,
    Void,
    as_dict,
    chained,
    conflict_copies,
    encode,
    move_aside,
    new_id,
    now,
    write_durably,
)
from kc_tracker.tally import FIGURES, ProjectEffect, ProjectState, Sums, project_key, project_states
from kc_tracker.winfiles import retried

T = TypeVar("T")
SPOOL_BYTES = 16 << 20  # an import's lines wait in memory up to this size, then in a temporary file


# --- the lock -----------------------------------------------------------------------------------


class LockTimeout(LedgerError):
    """Another command held the ledger's lock longer than we would wait."""


@contextmanager
def locked(ledger: Path, timeout: float) -> Iterator[None]:
    """The ledger's lock: an OS lock on `<ledger>.lock`, waited for up to `timeout` seconds.

    The lock file is never deleted (deleting it while another process waits on it breaks mutual
    exclusion). Written here rather than with the filelock package, whose import costs a third of a
    `kc record`: POSIX `flock`, or `msvcrt.locking` on Windows.
    """
    lock = paths.lock_path(ledger)
    try:
        handle = retried(lambda: lock.open("a+b"))
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=lock, reason=os_reason(e))) from None
    deadline = time.monotonic() + timeout
    with handle:
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise LockTimeout(t("ledger.locked", path=ledger, lock=lock, seconds=timeout))
            time.sleep(0.02)
        try:
            yield
        finally:
            _unlock(handle)


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# --- what the rules see -------------------------------------------------------------------------


class View:
    """The ledger as the rules see it: the entries written, and those admitted so far in this command.

    `admit` encodes an entry after the last line, indexes it and keeps its bytes for the write: the next
    question asked sees it. The figures of a line are asked of the index once, then kept up to date here
    from the effects of what is admitted (an import asks them once per row).
    """

    def __init__(self, index: Index, ledger: Path) -> None:
        self.index = index
        self.ledger = ledger
        self.reader = Reader(index)
        import tempfile

        self.spool: IO[bytes] = tempfile.SpooledTemporaryFile(SPOOL_BYTES)
        self.prefix = b""
        self._figures: dict[str, list[int]] = {}
        self._closes: list[Close] | None = None
        self._opening: Batch | None = None  # a batch's first line, placed before its first entry
        self._grouped = -1  # entries admitted in the open group (-1: no group is open)
        self._years: dict[tuple[str, int], int] = {}
        self._projects: dict[str, ProjectState | None] = {}  # by folded code; None: no such đề án
        self._committed: dict[str, int] = {}
        self._voided: set[str] = set()  # entries this command voided
        self.written = 0  # lines admitted

    # questions: the index, once what was admitted is in it (`asked`); ids and counts are asked of the
    # rows waiting to be written to it as well, so that an import does not write to SQLite row by row
    def asked(self) -> Index:
        self.reader.flush()
        return self.index

    def line_figures(self, line: str) -> tuple[int, int, int]:
        """(spent, done, budget moved in) on a line, over all dates, but for budget moved in by reallocations
        dated after today: money a decision gives later is not there to spend today."""
        figures = self._figures.get(line)
        if figures is None:
            index = self.asked()
            spent, done, moved = index.line_figures(line)
            figures = self._figures[line] = [spent, done, moved - index.coming_in(line, today())]
        return figures[0], figures[1], figures[2]

    def balance(self, line: str) -> tuple[int, int, int, int]:
        """(spent, done, budget moved in, committed to đề án) on a line up to today: what `kc status` shows right
        after a write."""
        index, day = self.asked(), today()
        return (*index.line_figures(line, day), index.committed(line, day))

    def committed(self, line: str) -> int:
        """Support approved and not yet paid of the line's open đề án, over all dates."""
        if line not in self._committed:
            self._committed[line] = self.asked().committed(line)
        return self._committed[line]

    def project(self, code: str) -> ProjectState | None:
        """A đề án as it stands over all dates (what this command admitted included)."""
        key = project_key(code)
        if key not in self._projects:
            found = self.asked().projects(key=key)
            self._projects[key] = found[0] if found else None
        return self._projects[key]

    def project_codes(self) -> set[str]:
        return {key for key, _ in self.asked().project_records()}

    def projects(self) -> list[ProjectState]:
        """Every đề án as it stands over all dates."""
        return self.asked().projects()

    def project_entries(self, code: str) -> list[tuple[Entry, str | None]]:
        return self.asked().project_entries(project_key(code))

    def project_beneficiaries(self, line: str) -> list[tuple[str, str]]:
        return self.asked().project_beneficiaries(line)

    def year_spent(self, line: str, year: int) -> int:
        """Spent on a line in one year (for its yearly allocation)."""
        key = (line, year)
        if key not in self._years:
            self._years[key] = self.asked().year_spent(line, str(year))
        return self._years[key]

    def times_counted(self, line: str, named: str) -> int:
        return self.index.times_counted(line, named) + self.reader.waiting_counted[line, named]

    def voided_here(self, entry_id: str) -> bool:
        return entry_id in self._voided

    def has_id(self, entry_id: str) -> bool:
        return entry_id in self.reader.waiting_ids or self.index.has_id(entry_id)

    def record_by_ref(self, ref: str) -> tuple[Record, str | None] | None:
        return self.asked().record_by_ref(ref)

    def entry(self, entry_id: str) -> tuple[Entry, str | None] | None:
        return self.asked().entry(entry_id)

    def void_of(self, entry_id: str) -> Void | None:
        return self.asked().void_of(entry_id)

    def closes(self) -> list[Close]:
        if self._closes is None:
            self._closes = self.asked().live("close")
        return self._closes

    def closed_period(self, day: date) -> Close | None:
        return next((c for c in self.closes() if c.start <= day <= c.end), None)

    def imports(self) -> list[dict[str, Any]]:
        return self.asked().imports()

    def batch_records(self, batch_id: str) -> Iterator[Record]:
        return self.asked().batch_records(batch_id)

    def fresh_id(self) -> str:
        while self.has_id(entry_id := new_id()):
            pass
        return entry_id

    # admitting
    def admit(self, entry: T) -> T:
        """Put an entry after the last line, under an id drawn now: chained, indexed, its bytes kept for the
        write. Returns it as it will be written (with its id and hash)."""
        at = self.index.at
        if at.header is None and at.lines == 0:
            self._place(Header(format=FORMAT_VERSION, plan=self.index.plan_id, created_at=now()))
        if self._opening is not None:
            self._place(self._opening)
            self._opening = None
        if self._grouped >= 0:
            self._grouped += 1
        written: T = self._place(entry, fresh=True)
        if isinstance(entry, Record | Adjust | Void):
            for effect in self.reader.last_effects:
                figures = self._figures.get(effect.line)
                if figures is not None:
                    figures[0] += effect.spent
                    figures[1] += effect.done
                    figures[2] += effect.budget if effect.budget < 0 or effect.date <= today() else 0
                if (effect.line, effect.date.year) in self._years:
                    self._years[(effect.line, effect.date.year)] += effect.spent
        if isinstance(entry, Close):
            self.closes().append(entry)
        if isinstance(entry, Void):
            self._voided.add(entry.target)
        if self.reader.last_project is not None:
            self._count_project(written, self.reader.last_project)
        return written

    def _count_project(self, entry: Any, effect: ProjectEffect) -> None:
        """A đề án's state and its line's commitment kept up to date with what was admitted."""
        key = effect.project
        state = self._projects.get(key)
        if state is None and key not in self._projects:
            return  # not asked yet: the index answers when it is
        before = state.committed_vnd if state else 0
        if state is None:  # approved in this command
            state = self._projects[key] = next(iter(project_states([(key, as_dict(entry))], [effect])), None)
        else:
            state.figures = replace(state.figures, **{name: getattr(state.figures, name) + getattr(effect, name)
                                                      for name in FIGURES})  # fmt: skip
            described = as_dict(entry)
            for name in ("beneficiary", "locality", "counterpart_vnd"):
                if entry.kind == "project_change" and described.get(name) is not None:
                    setattr(state, name, described[name])
        if effect.line in self._committed:
            self._committed[effect.line] += (state.committed_vnd if state else 0) - before

    def _place(self, entry: Any, fresh: bool = False) -> Any:
        """Encode an entry after the last line (`fresh`: under an id drawn now) and index it."""
        at = self.index.at
        keeps_id = getattr(entry, "id", UNASSIGNED) not in ("", UNASSIGNED)  # an exported entry, imported back
        changes = {"id": self.fresh_id()} if fresh and not keeps_id else {}
        data, digest = encode(entry, at.tip_text, changes)
        written = chained(entry, at.tip_text, digest, changes)
        try:
            check(written)  # what is written must read back: the model's own constraints
        except ValueError as e:
            raise InputError(t("record.invalid", reason=e)) from None
        self.reader.add(at.end, data, written, digest)
        self.spool.write(data)
        self.written += 1
        return written

    @contextmanager
    def group(self, opening: Batch) -> Iterator[None]:
        """Lines admitted inside are one batch: the opening line goes before the first of them, and a
        closing line with their number after the last (none at all if nothing was admitted)."""
        self._opening, self._grouped = opening, 0
        try:
            yield
        finally:
            self._opening = None
        if self._grouped:
            self._place(BatchEnd(batch=opening.id, entries=self._grouped))
        self._grouped = -1

    @property
    def pending(self) -> bool:
        return bool(self.written)

    def close(self) -> None:
        self.spool.close()


def transact(
    ledger: Path,
    plan_id: str,
    build: Callable[[View], T],
    *,
    lock_timeout: float,
    dry_run: bool = False,
) -> tuple[T, list[str]]:
    """Run `build` against the ledger as it is, under the lock, and write what it admitted.

    `build` raises a KcError to refuse (nothing is written) or returns its result. A dry run, and a first
    write whose rules refuse, create nothing: not the lock, the index, nor the ledger's folder.
    """
    if dry_run or not ledger.exists():
        first = _without_ledger(ledger, plan_id, build, lock_timeout, dry_run)
        if first is not None:
            return first
    _make_folder(ledger)
    with locked(ledger, lock_timeout):
        index = _writable_index(ledger, plan_id)
        written = False
        try:
            index.db.execute("BEGIN IMMEDIATE")
            view: View | None = None
            try:
                index.refresh()
                notices = _prepare_tail(index) + conflicts(ledger, plan_id)
                view = View(index, ledger)
                if index.at.needs_newline:
                    view.prefix = b"\n"
                    index.at.end += 1
                    index.at.needs_newline = False
                result = build(view)
                if view.pending:
                    _write(index, view)
                    written = True
                    index.save()
                index.db.execute("COMMIT")
            except BaseException:
                _roll_back(index)
                raise
            finally:
                if view is not None:
                    view.close()
        except sqlite3.Error as e:
            if not written:  # nothing was written: say why, in words
                raise LedgerError(
                    t("index.failed", path=ledger, index=index.db_path or "—", reason=_sqlite_reason(e))
                ) from None
            # The lines are in the ledger; the index catches up with them on the next command.
        finally:
            index.close()
    return result, notices


def _without_ledger(
    ledger: Path, plan_id: str, build: Callable[[View], T], lock_timeout: float, dry_run: bool
) -> tuple[T, list[str]] | None:
    """A dry run, or a first write: `build` runs against an index of its own, before anything exists. What
    a first write admits is then written as it was tried, under the lock, and its index kept beside the
    ledger. None: the ledger appeared meanwhile (another command's first write), so the write starts over."""
    with reading_index(ledger, plan_id) as index:
        index.db.execute("BEGIN")
        view = View(index, ledger)
        try:
            result = build(view)
            if dry_run or not view.pending:
                return result, conflicts(ledger, plan_id)
            _make_folder(ledger)
            with locked(ledger, lock_timeout):
                if ledger.exists():
                    return None
                _write(index, view)
                index.save()
                index.db.execute("COMMIT")
                _keep_beside(index, ledger)
            return result, conflicts(ledger, plan_id)
        finally:
            view.close()
            if index.db.in_transaction:
                _roll_back(index)


def _make_folder(ledger: Path) -> None:
    try:
        ledger.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=ledger.parent, reason=os_reason(e))) from None


def _keep_beside(index: Index, ledger: Path) -> None:
    """A first write's index becomes the ledger's (SQLite's backup copies it whole); if that fails, the
    next command builds it from the ledger."""
    try:
        target = sqlite3.connect(paths.index_path(ledger))
        try:
            index.db.backup(target)
        finally:
            target.close()
    except sqlite3.Error:
        paths.index_path(ledger).unlink(missing_ok=True)


def _roll_back(index: Index) -> None:
    try:
        index.db.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _sqlite_reason(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "full" in text or "i/o" in text:
        return t("os.full")
    if "readonly" in text or "read-only" in text:
        return t("os.read_only")
    if "locked" in text or "busy" in text:
        return t("index.busy")
    return t("index.other")


def conflicts(ledger: Path, plan_id: str) -> list[str]:
    """Copies of the ledger that a sync service kept beside it, said: their entries do not count."""
    copies = conflict_copies(ledger, plan_id)
    if not copies:
        return []
    return [t("ledger.conflict_copies", path=ledger, copies=", ".join(map(str, copies)))]


def _prepare_tail(index: Index) -> list[str]:
    """A torn tail is moved aside before anything is appended, and said."""
    at = index.at
    if at.torn <= 0:
        return []
    moved = move_aside(index.ledger, at.end)
    at.torn = 0
    return [t("ledger.torn_moved", path=index.ledger, size=moved, torn=paths.torn_path(index.ledger))]


def _write(index: Index, view: View) -> None:
    view.reader.flush()  # the index holds all that is written, in the same transaction
    view.spool.seek(0)
    pieces = iter(lambda: view.spool.read(1 << 20), b"")  # what was admitted, a piece at a time
    write_durably(index.ledger, chain([view.prefix], pieces), _size(index.ledger))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _writable_index(ledger: Path, plan_id: str) -> Index:
    """Under the lock: the index beside the ledger, else a scratch one."""
    index = open_beside(ledger, plan_id)
    return (_made_usable(index, ledger, plan_id) if index is not None else None) or open_scratch(ledger, plan_id)


def _made_usable(index: Index, ledger: Path, plan_id: str) -> Index | None:
    """Under the lock: the index beside the ledger, a damaged file made anew; None where none can be kept."""
    if usable(index):
        return index
    index.close()
    try:
        paths.index_path(ledger).unlink(missing_ok=True)
    except OSError:  # another kc has it open (Windows will not delete an open file), or the folder is read-only
        return None
    fresh = open_beside(ledger, plan_id)
    if fresh is not None and not usable(fresh):
        fresh.close()
        return None
    return fresh


# --- reading ------------------------------------------------------------------------------------


@contextmanager
def reading_index(ledger: Path, plan_id: str, lock_timeout: float = 5.0) -> Iterator[Index]:
    """An index of the ledger as it is now: the one beside it, brought up to date under the lock if the
    ledger changed, or a scratch one for this command."""
    index = _current_beside(ledger, plan_id, lock_timeout)
    if index is None:
        index = open_scratch(ledger, plan_id)
        try:
            index.db.execute("BEGIN")
            index.refresh()
            index.db.execute("COMMIT")
        except BaseException:
            index.close()
            raise
    try:
        yield index
    finally:
        index.close()


def _current_beside(ledger: Path, plan_id: str, lock_timeout: float) -> Index | None:
    """The index beside the ledger, brought up to date; None where it cannot be (then a scratch one serves)."""
    if not ledger.exists():
        return None
    index = open_beside(ledger, plan_id)
    if index is None:
        return None
    try:
        if usable(index) and index.current():
            return index
        with locked(ledger, lock_timeout):
            index = _made_usable(index, ledger, plan_id)
            if index is None:
                return None
            index.db.execute("BEGIN IMMEDIATE")
            try:
                index.refresh()
                index.db.execute("COMMIT")
            except BaseException:
                _roll_back(index)
                raise
        return index
    except (LockTimeout, OSError, sqlite3.OperationalError):  # a busy writer, a read-only folder: on our own
        if index is not None:
            index.close()
        return None
    except BaseException:
        if index is not None:
            index.close()
        raise


@dataclass
class Ledger:
    """A ledger as a reading command sees it: its index, and what is wrong with it that it still reads."""

    path: Path
    index: Index

    @property
    def tip(self) -> str:
        return self.index.at.tip_text

    @property
    def warnings(self) -> list[str]:
        found: list[str] = []
        at = self.index.at
        if at.torn > 0:
            found.append(t("ledger.torn", path=self.path, size=at.torn, torn=paths.torn_path(self.path)))
        breaks = [str(lineno) for lineno, _, _ in self.index.problems("chain_edited", "chain_broken")[:5]]
        if breaks:
            found.append(t("ledger.chain", path=self.path, lines=", ".join(breaks)))
        return found + conflicts(self.path, self.index.plan_id)


@contextmanager
def reading(ledgers: list[Path], plan_id: str) -> Iterator[list[Ledger]]:
    """Several ledgers, opened for reading. They add up only when no entry is in two of them."""
    unique: list[Path] = []
    for path in ledgers:
        for seen in unique:
            if paths.same_file(path, seen):
                raise LedgerError(t("ledger.given_twice", path=path, other=seen))
        unique.append(path)
    with ExitStack() as stack:
        opened = [Ledger(path, stack.enter_context(reading_index(path, plan_id))) for path in unique]
        if len(opened) > 1:
            _refuse_shared_entries(opened)
        yield opened


def _refuse_shared_entries(opened: list[Ledger]) -> None:
    seen: dict[str, Path] = {}
    for item in opened:
        ids = list(item.index.ids())
        for entry_id in ids:
            other = seen.get(entry_id)
            if other is not None:
                raise LedgerError(t("ledger.shared_entries", path=item.path, other=other, id=entry_id))
        seen.update(dict.fromkeys(ids, item.path))


def sums(ledgers: list[Ledger], as_of: date, start: date | None, by: str | None) -> Sums:
    total = Sums()
    for item in ledgers:
        total.add(item.index.sums(as_of, start, by))
    return total
