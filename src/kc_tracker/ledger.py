"""The ledger: an append-only JSON Lines file with a hash chain, written under a lock.

Line 1 is a header (format version, plan id); every other line is one self-contained entry:
a record (money and/or a count for a plan line) or a void (a correction that cancels a record
and carries a copy of it). Each line ends with `"prev"` (the previous line's hash) inside its
body and `"hash"` (sha256 of the body's bytes) as its last key, so an edited line is pinned by
its own hash and a deleted, inserted or reordered one by where `prev` stops matching.

Durability: a write is one `os.write` of whole lines on an O_APPEND descriptor, then fsync
(and an fsync of the folder when the file is created, on POSIX). A line without its newline
is a write cut short: readers ignore it with a warning; the next writer moves it to
`<ledger>.torn` before appending, so nothing is destroyed.
"""

import contextlib
import errno
import functools
import gc
import hashlib
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from filelock import FileLock, Timeout
from pydantic import ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from kc_tracker.errors import LedgerError
from kc_tracker.i18n import t
from kc_tracker.plan import Count, Id, Model, Vnd, nfc

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

FORMAT_VERSION = 1
_HASH_KEY = b',"hash":"'
BATCH_BYTES = 1 << 20  # lines are read about this many bytes at a time


# Limits and rules for what officers type; `actions` checks the same ones first to say why in their language.
# Control characters are refused by a pattern, checked in pydantic's Rust core: no Python call per character.
# Text is made NFC before it is written (`actions.clean_text`) and read back as stored: a Python
# validator on every text of every line would cost a sixth of reading a ledger. (A hand-edited
# line fails its hash anyway, and names and localities are normalized again where they are compared.)
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000
_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f]+$"
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX, pattern=_PRINTABLE)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=LONG_TEXT_MAX, pattern=_PRINTABLE)]
EntryId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
Ref = Annotated[str, StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX, pattern=_PRINTABLE)]
Hash = Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")]


class LedgerLine(Model):
    prev: Hash = ""
    hash: Hash = ""


class Header(LedgerLine):
    kind: Literal["header"] = "header"
    format: int
    plan: Id
    created_at: datetime


Source = Literal["trung-uong", "dia-phuong"]  # national or local khuyến công budget
Year = Annotated[int, Field(ge=1900, le=2200)]
DecimalText = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,18}(\.[0-9]{1,9})?$")]


class Record(LedgerLine):
    kind: Literal["record"] = "record"
    id: EntryId
    line: Id
    date: date
    amount_vnd: Vnd
    count: Count | None = None
    locality: ShortText | None = None
    beneficiary: ShortText | None = None
    note: LongText | None = None
    ref: Ref | None = None
    source: Source | None = None
    counterpart_vnd: Vnd | None = None
    recorded_at: datetime

    def same_content(self, other: "Record") -> bool:
        """Equal as the officer sees it: everything but the id, the time of recording and the chain."""
        skip = {"id", "recorded_at", "prev", "hash"}
        return self.model_dump(exclude=skip) == other.model_dump(exclude=skip)


class Adjust(LedgerLine):
    """A reallocation: budget moved between two lines by a decision (quyết định)."""

    kind: Literal["adjust"] = "adjust"
    id: EntryId
    from_line: Id
    to_line: Id
    amount_vnd: Annotated[int, Field(gt=0, le=10**15)]
    decision: LongText
    date: date
    recorded_at: datetime


class Measure(LedgerLine):
    """A yearly value of a plan indicator, in the indicator's unit, as exact decimal text."""

    kind: Literal["measure"] = "measure"
    id: EntryId
    indicator: Id
    year: Year
    value: DecimalText
    recorded_at: datetime


class Close(LedgerLine):
    """A reported period, closed: entries dated inside it no longer change without --allow-closed."""

    kind: Literal["close"] = "close"
    id: EntryId
    period: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$")]
    start: date
    end: date
    recorded_at: datetime


class Import(LedgerLine):
    """The rows of one imported file, in one line: a crash leaves all of them or none."""

    kind: Literal["import"] = "import"
    id: EntryId
    file: ShortText
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    records: list[Record] = Field(min_length=1)
    recorded_at: datetime


Voidable = Annotated[Record | Adjust | Measure | Close, Field(discriminator="kind")]


class Void(LedgerLine):
    kind: Literal["void"] = "void"
    id: EntryId
    target: EntryId
    reason: LongText
    date: date
    recorded_at: datetime
    voided: Voidable


Entry = Record | Adjust | Measure | Close | Void
Written = Entry | Import
# Strings are not cached while parsing: ids and hashes never repeat, and the cache cost a tenth of a read.
_LINE = TypeAdapter(
    Annotated[Header | Record | Adjust | Measure | Close | Import | Void, Field(discriminator="kind")],
    config=ConfigDict(cache_strings="keys"),
)


def parse_line(raw: bytes | str) -> Header | Written:
    """One ledger line, validated (raises ValidationError). The validator is called directly:
    TypeAdapter.validate_json adds ~2 µs per call, a third of the cost of reading a line."""
    line: Header | Written = _LINE.validator.validate_json(raw)
    return line


def dated(entry: Record | Adjust | Measure | Close) -> date | None:
    """The date an entry counts at (None for those that have no day: measures, closes)."""
    return entry.date if isinstance(entry, Record | Adjust) else None


def new_id() -> str:
    return secrets.token_hex(6)


def cpus() -> int:
    """The CPUs this process may run on: bulk reads and imports split their work by it."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def other_processes(count: int) -> "ProcessPoolExecutor | None":
    """Processes to share bulk work with, or None: none are wanted, or none can start here (a sandbox
    without POSIX semaphores), and the work is done in this process, the same way."""
    if count < 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(count)
    except (OSError, NotImplementedError):
        return None


def new_ids() -> Iterator[str]:
    """Ids without end, for many entries: drawn 4096 at a time, one call to the system's random source each."""
    while True:
        text = secrets.token_hex(6 * 4096)
        for start in range(0, len(text), 12):
            yield text[start : start + 12]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """For bulk work over many entries, which keeps them all and makes no reference cycles: the
    cyclic collector would walk every one of them again and again (a tenth of an import's time).
    A context manager, or a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # kc is a short-lived process: all the collector tracks is frozen, never walked again (the
            # next collection, and the one at exit, walked all that the pause made: ~2% of an import).
            # A cycle not yet collected is kept until exit; the bulk work makes none.
            gc.freeze()
            gc.enable()


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def torn_path(path: Path) -> Path:
    return path.with_name(path.name + ".torn")


@dataclass
class ChainBreak:
    lineno: int
    kind: Literal["edited", "broken"]


@dataclass
class Malformed:
    lineno: int
    reason: str


Take = Callable[[list[bytes], str, int], tuple[int, str]]  # see `LedgerFile.read`


class LedgerFile:
    """One streaming pass over a ledger. Iterate it for (line number, entry); afterwards its
    attributes describe the file: header, tip hash, torn tail, chain breaks, bytes covered.

    A missing file reads as an empty ledger (reading never creates it). A malformed line
    raises LedgerError naming the file and line, unless `collect_malformed` is set (kc check).
    """

    def __init__(self, path: Path, plan_id: str | None = None, *, collect_malformed: bool = False) -> None:
        self.path = path
        self.plan_id = plan_id
        self.collect_malformed = collect_malformed
        self.header: Header | None = None
        self.tip = ""
        self.end_offset = 0  # bytes of complete lines read so far
        self.lines = 0  # complete lines read so far
        self.line_offset = 0  # where the last complete line read starts
        self.torn: bytes | None = None
        self.breaks: list[ChainBreak] = []
        self.malformed: list[Malformed] = []
        self.stop: int | None = None  # for a part of the file: stop at the first line starting here or after
        self.tip_known = True
        self.first_prev: tuple[int, str] | None = None  # a part's first line: its number and `prev`

    def resume(self, header: Header, tip: str, end_offset: int, lines: int, line_offset: int) -> "LedgerFile":
        """Read only what follows `end_offset`, as if the lines before it had just been read."""
        self.header, self.tip, self.end_offset, self.lines = header, tip, end_offset, lines
        self.line_offset = line_offset
        return self

    def part(self, start: int, stop: int | None) -> "LedgerFile":
        """Read only the lines starting in [start, stop): a part of a ledger checked in parallel.
        Its lines are numbered from the part's start (counting the lines before it would take a
        read of them). The chain before the part is not known: its first line's `prev` is kept
        in `first_prev`."""
        self.end_offset, self.stop = start, stop
        self.tip_known = start == 0
        return self

    def __iter__(self) -> Iterator[tuple[int, Entry]]:
        return self.read()

    def read(self, take: "Take | None" = None) -> Iterator[tuple[int, Entry]]:
        """The entries with their line numbers. `take(lines, tip, lineno)` is offered each run of
        complete lines but the file's first, once the chain's tip before them is known: it returns how
        many of the first lines it took and the tip after them (`kc check` takes the records that
        continue the chain, read by `fastread`); a line taken is not read here. Every full read runs
        this loop: the usual line stays in this one frame."""
        try:
            handle = self.path.open("rb")  # a folder raises IsADirectoryError here
        except FileNotFoundError:
            return
        except OSError as e:
            raise LedgerError(t("ledger.unreadable", path=self.path, reason=e.strerror or e)) from None
        with handle:
            handle.seek(self.end_offset)
            validate = _LINE.validator.validate_json
            stop = self.stop if self.stop is not None else 1 << 62
            while self.end_offset < stop:
                lines = handle.readlines(min(BATCH_BYTES, stop - self.end_offset))
                if lines and self.end_offset + sum(map(len, lines)) - len(lines[-1]) >= stop:
                    lines.pop()  # `readlines` reads on while its lines fit its hint: here, the line at `stop`
                if not lines:
                    return
                complete = len(lines) if lines[-1][-1:] == b"\n" else len(lines) - 1
                at = 0
                while at < len(lines):
                    if take is not None and at < complete and self.tip_known and self.end_offset:
                        taken, self.tip = take(lines[at:complete], self.tip, self.lines + 1)
                        if taken:
                            size = sum(map(len, lines[at : at + taken]))
                            self.line_offset = self.end_offset + size - len(lines[at + taken - 1])
                            self.end_offset += size
                            self.lines += taken
                            at += taken
                            if at == len(lines):
                                break
                    raw = lines[at]
                    at += 1
                    if at > complete:
                        self.torn = raw
                        return
                    self.line_offset = self.end_offset
                    self.end_offset += len(raw)
                    self.lines = lineno = self.lines + 1
                    try:
                        line: Header | Written = validate(raw)
                    except ValidationError as e:
                        self._bad(lineno, "; ".join(_field_error(err) for err in e.errors(include_url=False)))
                        continue
                    if not line.hash or line_hash(raw) != line.hash:
                        self.breaks.append(ChainBreak(lineno, "edited"))
                    if not self.tip_known:
                        self.first_prev, self.tip_known = (lineno, line.prev), True
                    elif line.prev != self.tip:
                        self.breaks.append(ChainBreak(lineno, "broken"))
                    self.tip = line.hash
                    if isinstance(line, Header):
                        self._header(lineno, line)
                        continue
                    if not self.line_offset:
                        self._bad(lineno, t("ledger.no_header"))
                    if isinstance(line, Import):
                        for record in line.records:
                            yield lineno, record
                    else:
                        yield lineno, line

    def _header(self, lineno: int, header: Header) -> None:
        if self.line_offset:
            self._bad(lineno, t("ledger.header_twice"))
            return
        self.header = header
        if header.format != FORMAT_VERSION:
            raise LedgerError(t("ledger.format", path=self.path, found=header.format, known=FORMAT_VERSION))
        if self.plan_id is not None and header.plan != self.plan_id:
            raise LedgerError(t("ledger.other_plan", path=self.path, found=header.plan, plan=self.plan_id))

    def _bad(self, lineno: int, reason: str) -> None:
        if not self.collect_malformed:
            raise LedgerError(t("ledger.malformed", path=self.path, lineno=lineno, reason=reason))
        self.malformed.append(Malformed(lineno, reason))


def line_hash(raw: bytes) -> str:
    """The hash a ledger line should carry: sha256 of its bytes before `,"hash":"…"`, closed with `}`."""
    cut = raw.rfind(_HASH_KEY)
    return hashlib.sha256(raw[:cut] + b"}").hexdigest() if cut > 0 else ""


def _field_error(err: object) -> str:
    e = err if isinstance(err, dict) else {}
    where = ".".join(str(part) for part in e.get("loc", ()) if not isinstance(part, int))
    return f"{where}: {e.get('msg')}" if where else str(e.get("msg"))


@functools.lru_cache(maxsize=8192)  # a write asks for the same name's key several times (rules, totals, index)
def beneficiary_key(name: str) -> str:
    """A facility paid in two tranches is one facility: NFC, case- and space-insensitive."""
    return " ".join(nfc(name).casefold().split())


def beneficiary_keys(names: list[str]) -> list[str]:
    """`beneficiary_key` of each name, made for all of them at once (a check folds a million, in half
    the time). Joined by newlines, which NFC never composes and casefold keeps, the
    names fold as they do alone; the spaces are then left as they are if each is one space
    between two other characters. Anything else (a name holding a newline, a tab, two spaces, or
    any other character `str.isprintable` refuses) is folded name by name."""
    if not names:
        return []
    text = "\n".join(names)
    folded = nfc(text).casefold()
    if (
        text.count("\n") == len(names) - 1
        and folded.replace("\n", "x").isprintable()
        and not any(spaces in folded for spaces in ("  ", " \n", "\n "))
        and not folded.startswith(" ")
        and not folded.endswith(" ")
    ):
        return folded.split("\n")
    return [beneficiary_key.__wrapped__(name) for name in names]


@dataclass
class LedgerState:
    """What a writer needs to know, gathered under the lock by one pass over the ledger (all dates)."""

    file: LedgerFile
    spent_vnd: Counter[str] = field(default_factory=Counter)
    done_count: Counter[str] = field(default_factory=Counter)
    budget_delta_vnd: Counter[str] = field(default_factory=Counter)
    counted_beneficiaries: dict[str, Counter[str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    refs: dict[str, Record] = field(default_factory=dict)
    voids: dict[str, Void] = field(default_factory=dict)
    closes: dict[str, Close] = field(default_factory=dict)
    found: Entry | None = None

    def fresh_id(self) -> str:
        while (entry_id := new_id()) in self.ids:
            pass
        self.ids.add(entry_id)
        return entry_id

    def apply(self, entry: Record | Adjust | Measure | Close, sign: int) -> None:
        if isinstance(entry, Record):
            self.spent_vnd[entry.line] += sign * entry.amount_vnd
            self.done_count[entry.line] += sign * (entry.count or 0)
            if entry.count and entry.beneficiary:
                names = self.counted_beneficiaries.get(entry.line)
                if names is None:
                    names = self.counted_beneficiaries[entry.line] = Counter()
                names[beneficiary_key(entry.beneficiary)] += sign
        elif isinstance(entry, Adjust):
            self.budget_delta_vnd[entry.from_line] -= sign * entry.amount_vnd
            self.budget_delta_vnd[entry.to_line] += sign * entry.amount_vnd
        elif isinstance(entry, Close):
            if sign > 0:
                self.closes[entry.id] = entry
            else:
                self.closes.pop(entry.id, None)

    def expect(self, records: list[Record]) -> None:
        """Ready what admitting these records (an import's rows) will ask; a full pass has it all in memory."""

    def closed_period(self, day: date) -> Close | None:
        if not self.closes:  # asked once per imported row
            return None
        return next((c for c in self.closes.values() if c.start <= day <= c.end), None)


def scan(path: Path, plan_id: str, find: str | None = None) -> LedgerState:
    state = LedgerState(LedgerFile(path, plan_id))
    for _, entry in state.file:
        state.ids.add(entry.id)
        if entry.id == find:
            state.found = entry
        if isinstance(entry, Void):
            state.voids[entry.target] = entry
            state.apply(entry.voided, -1)
        else:
            if isinstance(entry, Record) and entry.ref is not None:
                state.refs[entry.ref] = entry
            state.apply(entry, 1)
    return state


Build = Callable[[LedgerState], list[Written]]


def transact(
    path: Path, plan_id: str, build: Build, *, lock_timeout: float, dry_run: bool = False, find: str | None = None
) -> list[Written]:
    """Run `build` against the ledger as it is, under the lock, and append what it returns.

    `build` raises a KcError to refuse (the file is left byte-for-byte unchanged) or returns
    the entries to append (none for an idempotent no-op). A dry run reads without locking and
    writes nothing, not even the lock file or the ledger's folder.
    """
    preflight: tuple[LedgerState, list[Written]] | None = None
    if dry_run or not path.parent.exists():
        # Without a folder there is no ledger to race with: refuse before creating anything.
        state = scan(path, plan_id, find)
        preflight = state, build(state)
        if dry_run:
            return preflight[1]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=path, reason=e.strerror or e)) from None
    lock = FileLock(lock_path(path), timeout=lock_timeout, preserve_lock_file=True, fallback_to_soft=False)
    try:
        lock.acquire()
    except Timeout:
        raise LedgerError(t("ledger.locked", lock=lock_path(path), seconds=lock_timeout)) from None
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=lock_path(path), reason=e.strerror or e)) from None
    try:
        from kc_tracker.index import with_index_state

        return with_index_state(path, plan_id, find, build, _append, lambda: scan(path, plan_id, find), preflight)
    finally:
        lock.release()


def _encode(line: Header | Written, prev: str) -> tuple[bytes, str]:
    """One ledger line: the entry as compact JSON with `prev`, then its hash as the last key.

    The hash covers the bytes as written, so any valid JSON encoding would do; pydantic's own is the
    fastest. An import's records carry no chain fields of their own: the line's hash covers them.
    """
    nested: dict[str, Any] = {"records": {"__all__": {"prev", "hash"}}} if isinstance(line, Import) else {}
    chained = line.model_copy(update={"prev": prev})
    # The bytes pydantic makes, not its text (an import's line is tens of MB: no decoding and encoding again).
    body = line.__pydantic_serializer__.to_json(chained, exclude={"hash": True, **nested}, exclude_none=True)
    digest = hashlib.sha256(body).hexdigest()
    return b"".join([memoryview(body)[:-1], _HASH_KEY, digest.encode(), b'"}\n']), digest


def _append(path: Path, plan_id: str, file: LedgerFile, entries: list[Written]) -> list[tuple[int, Written]]:
    """Append the entries (after a header, for a new ledger); return each as written, with the
    offset of its line. `file` then describes the ledger as if it had read those lines too."""
    if file.torn is not None:
        _move_torn_aside(path, file)
    lines: list[bytes] = []
    header: Header | None = None
    prev = file.tip
    if file.header is None:
        header = Header(format=FORMAT_VERSION, plan=plan_id, created_at=now())
        data, prev = _encode(header, prev)
        lines.append(data)
    written: list[Written] = []
    for entry in entries:
        data, digest = _encode(entry, prev)
        lines.append(data)
        written.append(entry.model_copy(update={"prev": prev, "hash": digest}))
        prev = digest
    created = file.end_offset == 0
    _write_durably(path, b"".join(lines), file.end_offset)
    if created:
        _fsync_folder(path.parent)
    offsets = []
    for data in lines:
        file.line_offset = file.end_offset
        file.end_offset += len(data)
        offsets.append(file.line_offset)
    file.header = file.header or header
    file.lines += len(lines)
    file.tip = prev
    return list(zip(offsets[len(lines) - len(written) :], written, strict=True))


def _write_durably(path: Path, data: bytes, size_before: int) -> None:
    """Append data and fsync it; on any failure, cut the file back to its size before and raise."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=path, reason=e.strerror or e)) from None
    try:
        view = memoryview(data)
        while view:  # one write in practice; a short write (disk or size limit) surfaces its errno next time
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as e:
        _cut_back(fd, size_before)
        key = "ledger.full" if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) else "ledger.write_failed"
        raise LedgerError(t(key, path=path, reason=e.strerror or e)) from None
    finally:
        os.close(fd)


def _cut_back(fd: int, size: int) -> None:
    # Best effort: if even this fails, the partial line has no newline and is handled as a torn tail.
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; NTFS journals the entry itself.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _move_torn_aside(path: Path, file: LedgerFile) -> None:
    """Keep the torn bytes in `<ledger>.torn` (appended, fsync'd), then cut them from the ledger."""
    aside = torn_path(path)
    assert file.torn is not None
    stamp = f"# {now().isoformat()} from {path.name} at byte {file.end_offset}\n".encode()
    try:
        with aside.open("ab") as handle:
            handle.write(stamp + file.torn + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        with path.open("r+b") as handle:
            handle.truncate(file.end_offset)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as e:
        raise LedgerError(t("ledger.write_failed", path=aside, reason=e.strerror or e)) from None
    file.torn = None
