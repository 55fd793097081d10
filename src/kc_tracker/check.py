"""`kc check`: verify a ledger against itself and against the plan, and recompute its totals.

Nothing here repairs anything: every problem is reported with its line number.

A large ledger is cut into parts, read by one process per CPU, each taking the next part when it is
free (the host may run one CPU slower than the other). Each part validates its lines, their hashes
and the chain inside it, and adds up its entries; what only the whole file can decide (ids and
refs seen before, voids and what they cancel, names counted twice, the chain where parts meet)
is decided by the main process from what the parts return, in file order, as they arrive: the
report is the one a single pass gives. Record lines that continue the chain are read by msgspec
where its reading is Pydantic's (`fastread`), a run of lines at a time; every other line by Pydantic.
"""

import functools
import itertools
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kc_tracker.errors import LedgerError
from kc_tracker.fastread import RecordLine, run_reader
from kc_tracker.i18n import t
from kc_tracker.ledger import (
    Adjust,
    ChainBreak,
    Import,
    LedgerFile,
    Malformed,
    Measure,
    Record,
    Void,
    beneficiary_key,
    beneficiary_keys,
    cpus,
    gc_paused,
    other_processes,
    parse_line,
    torn_path,
)
from kc_tracker.plan import Plan

MAX_LISTED = 20  # double counts are advice, not errors: a few examples, then how many more
PART_BYTES = 16 * 1024 * 1024  # the smallest part: for less, a process costs more than it saves
PARTS_EACH = 8  # parts per process, taken by whichever process is free: a slower CPU takes fewer


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


Key = str  # an id, a ref, or the folded name of a counted record (kept by plan line)
Name = tuple[str, Key]  # a counted record's plan line and folded beneficiary
_fold = beneficiary_key.__wrapped__  # for the few names of voided records (the others: `beneficiary_keys`)


@dataclass
class Sightings:
    """Keys in the order a part reads them, each with its line."""

    keys: list[Key] = field(default_factory=list)
    lines: "array[int]" = field(default_factory=lambda: array("q"))
    base: int = 0  # the lines of the file before the part's (added only to the few lines looked up)

    def __getstate__(self) -> "tuple[str, array[int]]":
        # Sent to the main process: a million small strings pickle in seconds, one string in
        # milliseconds. No id, ref or name holds a newline (control characters are refused).
        return "\n".join(self.keys), self.lines

    def __setstate__(self, state: "tuple[str, array[int]]") -> None:
        text, self.lines = state
        self.keys = text.split("\n") if self.lines else []


@dataclass
class Seen:
    """The keys of the parts so far, and whether one came twice, told as each part arrives: the main
    process builds its sets (in C) while the other processes read on. Almost always no key repeats;
    only if one does are the parts' keys counted and each repeated key's lines gathered."""

    keys: set[Key] = field(default_factory=set)
    again: bool = False

    def add(self, sightings: Sightings) -> None:
        if not self.again:
            before = len(self.keys)
            self.keys.update(sightings.keys)
            self.again = len(self.keys) != before + len(sightings.keys)

    def repeated(self, parts: list[Sightings]) -> dict[Key, list[int]]:
        """Keys seen more than once in the parts, with each line that has them, in order."""
        if not self.again:
            return {}
        keys = list(itertools.chain.from_iterable(part.keys for part in parts))
        counts = Counter(keys)
        lines: dict[Key, list[int]] = {key: [] for key, n in counts.items() if n > 1}
        for key, line in zip(keys, (part.base + line for part in parts for line in part.lines), strict=True):
            if key in lines:
                lines[key].append(line)
        return lines


@dataclass
class Keys:
    """Ids, refs and counted names (by plan line) of the parts so far."""

    ids: Seen = field(default_factory=Seen)
    refs: Seen = field(default_factory=Seen)
    names: dict[str, Seen] = field(default_factory=dict)

    def add(self, part: "Part") -> None:
        self.ids.add(part.ids)
        self.refs.add(part.refs)
        for line_id, names in part.names.items():
            self.names.setdefault(line_id, Seen()).add(names)


def _first_lines(parts: list[Sightings], wanted: set[Key]) -> dict[Key, int]:
    found: dict[Key, int] = {}
    for part in parts:
        for key, line in zip(part.keys, part.lines, strict=True):
            if key in wanted:
                found.setdefault(key, part.base + line)
    return found


@dataclass
class Part:
    """What one part of the ledger tells the whole check. Its lines are numbered from the part's
    start (counting the lines before it would take a read of them) until `number_from`."""

    problems: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    breaks: list[ChainBreak] = field(default_factory=list)
    unreadable: str | None = None  # a header of another format or plan: nothing after it is read
    records: int = 0
    voids: int = 0
    spent_vnd: int = 0
    done_count: Counter[str] = field(default_factory=Counter)
    ids: Sightings = field(default_factory=Sightings)  # of every entry
    refs: Sightings = field(default_factory=Sightings)
    names: dict[str, Sightings] = field(default_factory=dict)  # of counted records, by plan line: their keys
    void_list: list[tuple[int, Void]] = field(default_factory=list)
    first_prev: tuple[int, str] | None = None
    tip: str | None = None  # the last hash read in this part (None: no line read)
    torn: bytes | None = None
    lines: int = 0

    def number_from(self, base: int) -> None:
        """Number the part's lines as the file's, whose lines before the part's are `base`."""
        self.problems = [(lineno + base, code, params) for lineno, code, params in self.problems]
        self.malformed = [Malformed(bad.lineno + base, bad.reason) for bad in self.malformed]
        self.breaks = [ChainBreak(chain_break.lineno + base, chain_break.kind) for chain_break in self.breaks]
        self.void_list = [(lineno + base, void) for lineno, void in self.void_list]
        if self.first_prev is not None:
            self.first_prev = (self.first_prev[0] + base, self.first_prev[1])
        for sightings in (self.ids, self.refs, *self.names.values()):
            sightings.base = base


@gc_paused()  # a quarter of the time on a million lines, otherwise
def check_part(plan_id: str, plan_lines: frozenset[str], indicators: frozenset[str], path: Path,
               start: int, stop: int | None) -> Part:  # fmt: skip
    """Read the lines starting in [start, stop): everything that needs no other part."""
    file = LedgerFile(path, plan_id, collect_malformed=True).part(start, stop)
    part = Part()
    problems = part.problems
    add_id, add_id_line = part.ids.keys.append, part.ids.lines.append
    named: dict[str, Sightings] = {}  # by plan line, the beneficiaries counted, folded into keys at the end
    done: dict[str, int] = {}  # a Counter's `+=` costs a fifth of counting a record
    records = voids = spent = 0
    read_run = run_reader(plan_lines)

    def count(lineno: int, run: Sequence[Record | RecordLine]) -> None:
        """Records of the lines from `lineno` on, one a line (or one record of an import's line)."""
        nonlocal records, spent
        records += len(run)
        part.ids.keys += [record.id for record in run]
        part.ids.lines.extend(range(lineno, lineno + len(run)))
        spent += sum([record.amount_vnd for record in run])
        for number, record in enumerate(run, lineno):
            if record.ref is not None:
                part.refs.keys.append(record.ref)
                part.refs.lines.append(number)
            if record.count:
                line_id = record.line
                done[line_id] = done.get(line_id, 0) + record.count
                if record.beneficiary:
                    names = named.get(line_id) or named.setdefault(line_id, Sightings())
                    names.keys.append(record.beneficiary)
                    names.lines.append(number)

    def take(lines: list[bytes], tip: str, lineno: int) -> tuple[int, str]:
        """Most lines, all of them records of the plan's lines: read by msgspec and counted here."""
        run = read_run(lines, tip)
        if not run:
            return 0, tip
        count(lineno, run)
        return len(run), run[-1].hash

    try:
        for lineno, entry in file.read(take):
            if isinstance(entry, Record):
                count(lineno, [entry])
                if entry.line not in plan_lines:
                    problems.append((lineno, "unknown_line", {"id": entry.id, "line_id": entry.line}))
                continue
            add_id(entry.id)
            add_id_line(lineno)
            if isinstance(entry, Void):
                voids += 1
                part.void_list.append((lineno, entry))
                target = entry.voided
                if isinstance(target, Record):
                    spent -= target.amount_vnd
                    done[target.line] = done.get(target.line, 0) - (target.count or 0)
            elif isinstance(entry, Adjust):
                for line_id in (entry.from_line, entry.to_line):
                    if line_id not in plan_lines:
                        problems.append((lineno, "unknown_line", {"id": entry.id, "line_id": line_id}))
            elif isinstance(entry, Measure) and entry.indicator not in indicators:
                problems.append((lineno, "unknown_indicator", {"id": entry.id, "indicator": entry.indicator}))
    except LedgerError as e:  # wrong format version or another plan's ledger: nothing more to read
        part.unreadable = str(e)
    for names in named.values():
        names.keys = beneficiary_keys(names.keys)
    part.names = named
    part.records, part.voids, part.spent_vnd, part.done_count = records, voids, spent, Counter(done)
    part.malformed, part.breaks, part.torn = file.malformed, file.breaks, file.torn
    part.first_prev, part.lines = file.first_prev, file.lines
    part.tip = file.tip if file.tip_known else None  # known from the start, or from the part's first line
    return part


def _bounds(path: Path, parts: int) -> list[tuple[int, int | None]]:
    """Up to `parts` byte ranges of about the same size, each starting at the start of a line."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    starts = [0]
    if min(parts, size // PART_BYTES) > 1:
        try:
            with path.open("rb") as handle:
                for k in range(1, parts):
                    handle.seek(size * k // parts)
                    handle.readline()  # on to the start of the next line
                    if starts[-1] < handle.tell() < size:
                        starts.append(handle.tell())
        except OSError:  # one part, whose reading says what is wrong with the file
            starts = [0]
    return list(zip(starts, [*starts[1:], None], strict=True))


@gc_paused()  # here too: the sets of a million keys were walked again and again as parts arrived (~0.2 s)
def check(plan: Plan, path: Path, processes: int | None = None) -> CheckReport:
    plan_lines = frozenset(line.id for line in plan.lines)
    indicators = frozenset(indicator.id for indicator in plan.indicators)
    work = functools.partial(check_part, plan.plan.id, plan_lines, indicators, path)
    processes = processes or cpus()
    bounds = _bounds(path, processes * PARTS_EACH if processes > 1 else 1)
    pool = other_processes(min(processes, len(bounds)) if len(bounds) > 1 else 0)
    if pool is None:
        return _join(path, (work(*bound) for bound in bounds))
    with pool:  # whose exit waits for the other processes to free their memory: the join need not
        futures = [pool.submit(work, start, stop) for start, stop in bounds]
        return _join(path, (future.result() for future in futures))


def _join(path: Path, arriving: Iterator[Part]) -> CheckReport:
    """One report from the parts, as if one pass had read them in order."""
    report = CheckReport()
    parts: list[Part] = []
    keys = Keys()
    base = 0
    for part in arriving:
        part.number_from(base)
        base += part.lines
        keys.add(part)
        parts.append(part)
    tip = ""
    for number, part in enumerate(parts):
        if part.first_prev is not None and part.first_prev[1] != tip:
            part.breaks.append(ChainBreak(part.first_prev[0], "broken"))
        tip = part.tip if part.tip is not None else tip
        if part.unreadable is not None:
            report.problems.append(Problem(None, "unreadable", part.unreadable))
            parts = parts[: number + 1]
            break
    report.tip = tip
    for part in parts:
        report.records += part.records
        report.voids += part.voids
        report.spent_vnd += part.spent_vnd
        report.done_count.update(part.done_count)
        for lineno, code, params in part.problems:
            report.add(lineno, code, **params)
        for bad in part.malformed:
            report.add(bad.lineno, "malformed", reason=bad.reason)
        for chain_break in part.breaks:
            report.add(chain_break.lineno, f"chain_{chain_break.kind}")
    ids = [part.ids for part in parts]
    for entry_id, lines in keys.ids.repeated(ids).items():
        for lineno in lines[1:]:
            report.add(lineno, "duplicate_id", id=entry_id, first=lines[0])
    for ref, lines in keys.refs.repeated([part.refs for part in parts]).items():
        for lineno in lines[1:]:
            report.add(lineno, "duplicate_ref", ref=ref, first=lines[0])
    counted = {  # names counted more than once on a line
        (line_id, name): lines
        for line_id, seen in sorted(keys.names.items())
        for name, lines in seen.repeated([part.names.get(line_id, Sightings()) for part in parts]).items()
    }
    _check_voids(report, path, [void for part in parts for void in part.void_list], ids, counted)
    # By line, then a fixed order: however the file was cut into parts, the same report.
    report.problems.sort(key=lambda p: (p.line or 0, p.code, p.message))
    torn = parts[-1].torn
    if torn is not None:
        report.warnings.append(t("ledger.torn", path=path, size=len(torn), torn=torn_path(path)))
    doubles = sorted((lines, name) for name, lines in counted.items() if len(lines) > 1)
    for lines, (line_id, beneficiary) in doubles[:MAX_LISTED]:
        report.warnings.append(
            t("check.counted_again", line=line_id, beneficiary=beneficiary, lines=", ".join(map(str, lines)))
        )
    if len(doubles) > MAX_LISTED:
        report.warnings.append(t("check.more_counted_again", count=len(doubles) - MAX_LISTED))
    return report


def _check_voids(report: CheckReport, path: Path, voids: list[tuple[int, Void]],
                 ids: list[Sightings], counted: dict[Name, list[int]]) -> None:  # fmt: skip
    """Each void against what it cancels, which an earlier line must hold; its record no longer counts twice."""
    if not voids:
        return
    first_lines = _first_lines(ids, {void.target for _, void in voids})
    offsets = _line_offsets(path, set(first_lines.values()))
    voided: dict[str, int] = {}
    with path.open("rb") as handle:

        @functools.lru_cache(maxsize=4)  # several voids may cancel records of one imported line
        def line_at(offset: int) -> Any:
            handle.seek(offset)
            return parse_line(handle.readline())

        for lineno, void in voids:
            target_line = first_lines.get(void.target)
            if target_line is None or target_line > lineno:
                report.add(lineno, "void_unknown", id=void.id, target=void.target)
                continue
            line = line_at(offsets[target_line])
            target = next((r for r in line.records if r.id == void.target), None) if isinstance(line, Import) else line
            if isinstance(target, Void):
                report.add(lineno, "void_of_void", id=void.id, target=void.target)
            elif target is None or void.voided.hash != target.hash or void.voided.id != void.target:
                report.add(lineno, "void_copy", id=void.id, target=void.target, target_line=target_line)
            if void.target in voided:
                report.add(lineno, "void_twice", target=void.target, first=voided[void.target])
            voided.setdefault(void.target, lineno)
            cancelled = void.voided
            if isinstance(cancelled, Record) and cancelled.count and cancelled.beneficiary:
                lines = counted.get((cancelled.line, _fold(cancelled.beneficiary)), [])
                if target_line in lines:
                    lines.remove(target_line)


def _line_offsets(path: Path, wanted: set[int]) -> dict[int, int]:
    """Where each wanted line (1-based) starts."""
    offsets: dict[int, int] = {}
    position = 0
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if len(offsets) == len(wanted):
                break
            if lineno in wanted:
                offsets[lineno] = position
            position += len(raw)
    return offsets
