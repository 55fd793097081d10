"""The ledger file format: an append-only JSON Lines file with a hash chain. Nothing else lives here: no
lock, no index, no rules.

Line 1 is a header (format version, plan id); every other line is one self-contained entry: a record
(money and/or a count for a plan line), a reallocation, a measure, a closed period, a void (which
cancels an entry and carries a copy of it), or a batch, which opens a group: the `entries` lines after
it are the rows of one imported file, and belong to the ledger only once all of them are there. A
ledger written before batches existed may hold `import` lines, each with every row of a file inside;
they are still read.

Each line starts with `"prev"` (the previous line's hash) and ends with `"hash"` (sha256 of the line's
bytes before `,"hash":"`, closed with `}`), so an edited line is pinned by its own hash and a deleted,
inserted or reordered one by where `prev` stops matching.

Durability: a write is one `os.write` of whole lines on an O_APPEND descriptor, then fsync (and an fsync
of the folder when the file is created, on POSIX). What a write cut short leaves at the end (an
unterminated line that does not read, or a batch missing some of its lines) is a torn tail: readers
ignore it, and the next writer moves it to `<ledger>.torn` before appending.

The models are frozen standard dataclasses, validated by Pydantic (strict JSON) when a line is read;
a write builds them from values the rules have already checked, so writing needs no Pydantic.
"""

import errno
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from kc_tracker import paths
from kc_tracker.constraints import Check
from kc_tracker.dates import FIRST_YEAR, LAST_YEAR
from kc_tracker.errors import LedgerError
from kc_tracker.i18n import os_reason, t
from kc_tracker.plan import STRICT, Count, Id, Vnd
from kc_tracker.winfiles import retried

FORMAT_VERSION = 1
UNASSIGNED = "0" * 12  # an entry's id until the store draws one, under the lock
HASH_KEY = b',"hash":"'
PREV_START = b'{"prev":"'
BOM = b"\xef\xbb\xbf"  # what Notepad and other editors put before the first line when they save the file
READ_BYTES = 1 << 20  # lines are read about this many bytes at a time

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000
NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]*"  # the one definition of a control character: C0, DEL and C1
_NO_CONTROL = re.compile(NO_CONTROL)


def ref_key(ref: str) -> str:
    """Refs are compared trimmed, with runs of spaces as one (and are written so)."""
    return " ".join(ref.split())


def has_no_control(text: str) -> bool:
    return _NO_CONTROL.fullmatch(text) is not None


def is_invisible(char: str) -> bool:
    """Zero-width and direction marks (Unicode's format characters): they make two equal names differ."""
    return unicodedata.category(char) == "Cf"


ShortText = Annotated[str, Check(min_len=1, max_len=SHORT_TEXT_MAX, pattern=NO_CONTROL)]
LongText = Annotated[str, Check(min_len=1, max_len=LONG_TEXT_MAX, pattern=NO_CONTROL)]
EntryId = Annotated[str, Check(pattern=r"[0-9a-f]{12}")]
Hash = Annotated[str, Check(pattern=r"([0-9a-f]{64})?")]
Digest = Annotated[str, Check(pattern=r"[0-9a-f]{64}")]
Source = Literal["trung-uong", "dia-phuong"]  # national or local khuyến công budget
SOURCES: tuple[str, ...] = get_args(Source)
Year = Annotated[int, Check(ge=FIRST_YEAR, le=LAST_YEAR)]
DecimalText = Annotated[str, Check(pattern=r"[0-9]{1,18}(\.[0-9]{1,9})?")]
PeriodCode = Annotated[str, Check(pattern=r"[0-9]{4}(-Q[1-4]|-H[12]|-[0-9]{2})?")]
# A đề án's code, the office's own (2026-MMTB-03, ĐA-07): letters, digits, and . _ / - between them.
PROJECT_CODE = r"\w[\w./-]{0,39}"
ProjectCode = Annotated[str, Check(pattern=PROJECT_CODE)]
Positive = Annotated[int, Check(gt=0, le=10**15)]
Day = date  # for fields after one named `date`, which hides the type in its class


@dataclass(frozen=True, slots=True, kw_only=True)
class Header:
    __pydantic_config__ = STRICT
    kind: Literal["header"] = "header"
    format: int
    plan: Id
    created_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    __pydantic_config__ = STRICT
    kind: Literal["record"] = "record"
    id: EntryId
    line: Id
    date: date
    amount_vnd: Vnd
    count: Count | None = None
    locality: ShortText | None = None
    beneficiary: ShortText | None = None
    note: LongText | None = None
    ref: ShortText | None = None
    source: Source | None = None
    counterpart_vnd: Vnd | None = None
    project: ProjectCode | None = None  # the đề án paid (its line, beneficiary and place by default)
    advance: Literal[True] | None = None  # a tạm ứng, before acceptance
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Adjust:
    """A reallocation: budget moved between two lines by a decision (quyết định)."""

    __pydantic_config__ = STRICT
    kind: Literal["adjust"] = "adjust"
    id: EntryId
    from_line: Id
    to_line: Id
    amount_vnd: Annotated[int, Check(gt=0, le=10**15)]
    decision: LongText
    date: date
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    """A yearly value of a plan indicator, in the indicator's unit, as exact decimal text."""

    __pydantic_config__ = STRICT
    kind: Literal["measure"] = "measure"
    id: EntryId
    indicator: Id
    year: Year
    value: DecimalText
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Close:
    """A reported period, closed: entries dated inside it no longer change without --allow-closed."""

    __pydantic_config__ = STRICT
    kind: Literal["close"] = "close"
    id: EntryId
    period: PeriodCode
    start: date
    end: date
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """A đề án approved by a decision: its support commits the line's money until it is paid, settled or
    stopped; its count is achieved at acceptance."""

    __pydantic_config__ = STRICT
    kind: Literal["project"] = "project"
    id: EntryId
    project: ProjectCode
    line: Id
    name: LongText
    beneficiary: ShortText
    support_vnd: Positive
    counterpart_vnd: Vnd | None = None
    count: Count | None = None
    locality: ShortText | None = None
    source: Source | None = None
    implementer: ShortText | None = None
    decision: LongText
    date: date
    end: Day | None = None
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectChange:
    """A decision changing a đề án: what it changes, and (for what a figure depends on) what it was before."""

    __pydantic_config__ = STRICT
    kind: Literal["project_change"] = "project_change"
    id: EntryId
    project: ProjectCode
    line: Id
    decision: LongText
    date: date
    support_vnd: Positive | None = None
    support_before_vnd: Positive | None = None
    counterpart_vnd: Vnd | None = None
    count: Count | None = None
    count_before: Count | None = None
    end: Day | None = None
    end_before: Day | None = None
    beneficiary: ShortText | None = None
    locality: ShortText | None = None
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Acceptance:
    """Nghiệm thu: the đề án's count is achieved on this day (its beneficiary, place, source and own share with
    it)."""

    __pydantic_config__ = STRICT
    kind: Literal["project_accept"] = "project_accept"
    id: EntryId
    project: ProjectCode
    line: Id
    date: date
    count: Count | None = None
    counterpart_vnd: Vnd | None = None  # the beneficiary's own share, now put in
    beneficiary: ShortText | None = None
    locality: ShortText | None = None
    source: Source | None = None
    note: LongText | None = None
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settlement:
    """Quyết toán: what was paid is final; the rest of the support goes back to the line."""

    __pydantic_config__ = STRICT
    kind: Literal["project_settle"] = "project_settle"
    id: EntryId
    project: ProjectCode
    line: Id
    date: date
    decision: LongText | None = None
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """Ngừng thực hiện: the unpaid support goes back to the line; what was paid stays counted."""

    __pydantic_config__ = STRICT
    kind: Literal["project_stop"] = "project_stop"
    id: EntryId
    project: ProjectCode
    line: Id
    reason: LongText
    date: date
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


ProjectEvent = Project | ProjectChange | Acceptance | Settlement | Stop


@dataclass(frozen=True, slots=True, kw_only=True)
class Void:
    __pydantic_config__ = STRICT
    kind: Literal["void"] = "void"
    id: EntryId
    target: EntryId
    reason: LongText
    date: date
    recorded_at: datetime
    # a copy of the entry it cancels, chain fields included
    voided: Record | Adjust | Measure | Close | Project | ProjectChange | Acceptance | Settlement | Stop
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Batch:
    """Opens the rows of one imported file: the lines after it, up to its `batch_end`, are its records
    (and the voids of an earlier import of the same file that it replaces). They count only once the
    `batch_end` line is there too: a batch cut short by a crash is a torn tail."""

    __pydantic_config__ = STRICT
    kind: Literal["batch"] = "batch"
    id: EntryId
    file: ShortText
    sha256: Digest
    replaces: EntryId | None = None
    sheet: ShortText | None = None
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchEnd:
    """Closes a batch, with how many lines it holds."""

    __pydantic_config__ = STRICT
    kind: Literal["batch_end"] = "batch_end"
    batch: EntryId
    entries: Annotated[int, Check(ge=1)]
    prev: Hash = ""
    hash: Hash = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LegacyImport:
    """Every row of an imported file in one line, as kc wrote imports before batches: read, never written."""

    __pydantic_config__ = STRICT
    kind: Literal["import"] = "import"
    id: EntryId
    file: ShortText
    sha256: Digest
    records: Annotated[list[Record], Check(min_len=1)]
    recorded_at: datetime
    prev: Hash = ""
    hash: Hash = ""


Entry = Record | Adjust | Measure | Close | Void | ProjectEvent
Line = Header | Entry | Batch | BatchEnd | LegacyImport
KINDS: dict[str, Any] = {
    str(cls.__dataclass_fields__["kind"].default): cls
    for cls in (
        Header,
        Record,
        Adjust,
        Measure,
        Close,
        Void,
        Batch,
        BatchEnd,
        LegacyImport,
        Project,
        ProjectChange,
        Acceptance,
        Settlement,
        Stop,
    )
}
# Which fields `restore` turns back from JSON text (everything else is stored as it is read).
_FIELD_KINDS = {
    (cls, name): kind
    for cls in KINDS.values()
    for name, kind in (
        ("date", "date"),
        ("start", "date"),
        ("end", "date"),
        ("end_before", "date"),
        ("recorded_at", "datetime"),
        ("created_at", "datetime"),
        ("voided", "entry"),
        ("records", "entries"),
    )
    if name in cls.__dataclass_fields__
}


def dated(entry: Entry) -> date | None:
    """The day an entry counts at (None for those that have none: measures, closes)."""
    return entry.date if isinstance(entry, Record | Adjust | Void | ProjectEvent) else None


def new_id() -> str:
    """12 hex digits with a letter other than e among them: a spreadsheet never reads one as a number
    (123456789012, or 1234567890e1 as 1.23E+10) and so never changes it."""
    import secrets

    while True:
        drawn = secrets.token_hex(6)
        if not _NUMBER_LIKE.isdisjoint(drawn):
            return drawn


_NUMBER_LIKE = frozenset("abcdf")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --- encoding and decoding ----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if type(value) in (str, int):  # most values: as they are
        return value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return as_dict(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def as_dict(entry: Any, chain: bool = True) -> dict[str, Any]:
    """An entry as JSON-ready values, in field order, without empty fields (and without `prev`, `hash`
    unless `chain`): the form of a ledger line and of `--format json`."""
    out: dict[str, Any] = {}
    for name in _field_names(type(entry)):
        value = getattr(entry, name)
        if value is None or (name in ("prev", "hash") and (not chain or value == "")):
            continue
        out[name] = _plain(value)
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(item.name for item in fields(cls))
    return names


def encode(entry: Line, prev: str, changes: dict[str, Any] | None = None) -> tuple[bytes, str]:
    """One ledger line: `prev`, the entry (with `changes` to its fields) as compact JSON, then its hash as
    the last key."""
    body = {"prev": prev}
    body.update(as_dict(entry, chain=False))
    if changes:
        body.update(changes)
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    digest = sha256(data)
    return data[:-1] + HASH_KEY + digest.encode() + b'"}\n', digest


def chained(entry: Any, prev: str, digest: str, changes: dict[str, Any] | None = None) -> Any:
    """The entry as written (with `changes` to its fields), with its place in the chain."""
    from dataclasses import replace

    return replace(entry, prev=prev, hash=digest, **(changes or {}))


def restore(data: dict[str, Any]) -> Any:
    """An entry from what the index kept of it (values of a line already validated): no Pydantic."""
    cls = KINDS[data["kind"]]
    values = {}
    for item in fields(cls):
        if item.name not in data:
            continue
        value = data[item.name]
        kind = _FIELD_KINDS.get((cls, item.name))
        if kind == "datetime":
            value = datetime.fromisoformat(value)
        elif kind == "date":
            value = date.fromisoformat(value)
        elif kind == "entry":
            value = restore(value)
        elif kind == "entries":
            value = [restore(item) for item in value]
        values[item.name] = value
    return cls(**values)


def sha256(data: bytes) -> str:
    """Hashing is for reading and writing lines: a command that only asks the index loads no OpenSSL."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def line_hash(raw: bytes) -> str:
    """The hash a ledger line should carry: sha256 of its bytes before `,"hash":"…"`, closed with `}`."""
    body = raw.rstrip(b"\n")
    cut = body.rfind(HASH_KEY)
    return sha256(body[:cut] + b"}") if cut > 0 else ""


def chain_of(raw: bytes) -> tuple[str, str] | None:
    """(prev, hash) read from a line's bytes without parsing it, or None if they are not where kc puts them."""
    body = raw.rstrip(b"\n")
    cut = body.rfind(HASH_KEY)
    if not body.startswith(PREV_START) or cut < 0 or len(body) != cut + len(HASH_KEY) + 66:
        return None
    end = body.find(b'"', len(PREV_START))
    return body[len(PREV_START) : end].decode("ascii", "replace"), body[cut + len(HASH_KEY) : -2].decode("ascii")


@cache
def _pydantic() -> tuple[Any, type[Exception]]:
    """The validator of a line, and the error it raises (Pydantic is imported by the commands that read lines)."""
    from pydantic import Field, TypeAdapter, ValidationError

    kinds = (Header | Record | Adjust | Measure | Close | Void | Batch | BatchEnd | LegacyImport | Project
             | ProjectChange | Acceptance | Settlement | Stop)  # fmt: skip
    return TypeAdapter(Annotated[kinds, Field(discriminator="kind")]), ValidationError


class Malformed(ValueError):
    """A line that does not read as an entry; the message says why, in the active language."""


def decode(raw: bytes) -> Line:
    """One ledger line, validated."""
    adapter, invalid = _pydantic()
    try:
        line: Line = adapter.validate_json(raw, strict=True)
    except invalid as e:
        errors = e.errors(include_url=False)  # type: ignore[attr-defined]
        raise Malformed("; ".join(_field_error(err) for err in errors)) from None
    return line


def _field_error(err: Any) -> str:
    where = ".".join(str(part) for part in err.get("loc", ()) if not isinstance(part, int))
    kind = err.get("type", "")
    if kind == "json_invalid":
        return t("ledger.not_json")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return t("ledger.unknown_kind")
    reason = {
        "missing": "ledger.field_missing",
        "unexpected_keyword_argument": "ledger.field_unknown",
        "extra_forbidden": "ledger.field_unknown",
    }.get(kind, "ledger.field_invalid")
    return t(reason, field=where or "?")


# --- reading ------------------------------------------------------------------------------------


def read_lines(path: Path, start: int = 0) -> Iterator[tuple[int, bytes]]:
    """Each line from byte `start` on, with its offset, the last one possibly without its newline. A byte-order
    mark an editor put before line 1 is not part of it: the line is what kc wrote (and hashed)."""
    try:
        handle = retried(lambda: path.open("rb"))
    except FileNotFoundError:
        return
    except OSError as e:
        raise LedgerError(t("ledger.unreadable", path=path, reason=os_reason(e))) from None
    with handle:
        offset = start
        if start == 0 and handle.read(len(BOM)) == BOM:
            offset = len(BOM)
        handle.seek(offset)
        while lines := handle.readlines(READ_BYTES):
            for raw in lines:
                yield offset, raw
                offset += len(raw)


def opening(path: Path, lines: int = 1) -> list[bytes]:
    """A ledger's first lines as kc wrote them (a BOM an editor added left out), each cut at 4 KB; none
    without a file."""
    try:
        with retried(lambda: path.open("rb")) as handle:
            found = [handle.readline(4096).removeprefix(BOM)]
            found += [handle.readline(4096) for _ in range(lines - 1)]
    except OSError:
        return []
    return [line for line in found if line]


def header_plan(path: Path) -> str | None:
    """The plan id a ledger's header names, or None (no file, or no header kc can read)."""
    try:
        data = json.loads(b"".join(opening(path)))
    except ValueError:
        return None
    plan = data.get("plan") if isinstance(data, dict) and data.get("kind") == "header" else None
    return plan if isinstance(plan, str) else None


def default_path(plan_id: str) -> Path:
    """A plan's ledger when none is named: the one kept before there was one per plan, if its header names
    this plan (nothing is moved); else `ledgers/<plan id>.jsonl` in the data folder."""
    legacy = paths.legacy_ledger()
    if header_plan(legacy) == plan_id:
        return legacy
    return paths.plan_ledger(plan_id)


def starts_with_bom(path: Path) -> bool:
    try:
        with retried(lambda: path.open("rb")) as handle:
            return handle.read(len(BOM)) == BOM
    except OSError:
        return False


def conflict_copies(path: Path, plan_id: str) -> list[Path]:
    """Copies of this ledger that a sync service kept beside it when two PCs wrote it (OneDrive names them
    `<ledger>-<PC name>.jsonl`): the same name with a tail, starting with this ledger's very header and
    first entry (whose id is drawn at random), which no other ledger shares: not another plan's
    (`lao-cai-2021-2025.jsonl` beside `lao-cai-2021.jsonl`), nor a unit's own ledger of the same plan.
    Without an entry to compare, a header naming the plan. One listing of the folder; only the names that
    fit are opened."""
    try:
        with os.scandir(path.parent) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        return []
    tail = [path.with_name(name) for name in names if name.startswith(path.stem + "-") and name.endswith(path.suffix)]
    if not tail:
        return []
    start = opening(path, 2)
    if len(start) == 2:
        return [other for other in tail if opening(other, 2) == start]
    return [other for other in tail if header_plan(other) == plan_id]


# --- writing ------------------------------------------------------------------------------------


def write_durably(path: Path, pieces: Iterable[bytes], size_before: int) -> None:
    """Append the pieces and fsync them; on any failure, cut the file back to its size before and raise."""
    created = size_before == 0 and not path.exists()
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    try:
        fd = retried(lambda: os.open(path, flags, 0o644))
    except OSError as e:
        raise LedgerError(t("ledger.unwritable", path=path, reason=os_reason(e))) from None
    try:
        for data in pieces:
            view = memoryview(data)
            while view:  # one write in practice; a short write (disk or size limit) surfaces its errno next time
                view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as e:
        _cut_back(fd, size_before)
        key = "ledger.full" if e.errno in _FULL else "ledger.write_failed"
        raise LedgerError(t(key, path=path, reason=os_reason(e))) from None
    finally:
        os.close(fd)
    if created:
        _fsync_folder(path.parent)


_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _cut_back(fd: int, size: int) -> None:
    # Best effort: if even this fails, what is left is a torn tail, which readers ignore.
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


def move_aside(path: Path, offset: int) -> int:
    """Keep the bytes from `offset` on in `<ledger>.torn` (appended, stamped, fsync'd), then cut them from
    the ledger. Returns how many bytes were moved."""
    aside = paths.torn_path(path)
    try:
        with retried(lambda: path.open("rb")) as handle:
            handle.seek(offset)
            torn = handle.read()
        stamp = f"# {now().isoformat()} from {path.name} at byte {offset}\n".encode()
        with retried(lambda: aside.open("ab")) as handle:
            handle.write(stamp + torn + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        with retried(lambda: path.open("r+b")) as handle:
            handle.truncate(offset)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as e:
        raise LedgerError(t("ledger.write_failed", path=aside, reason=os_reason(e))) from None
    return len(torn)
