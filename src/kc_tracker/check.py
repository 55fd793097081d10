"""`kc check`: verify a ledger against itself and against the plan, and recompute its totals.

Nothing here repairs anything: every problem is reported with its line number.

A large ledger is read in parts, one process per CPU. Each part validates its lines, their hashes
and the chain inside it, and adds up its entries; what only the whole file can decide (ids and
refs seen before, voids and what they cancel, names counted twice, the chain where parts meet)
is decided afterwards from what the parts return, in file order: the report is the one a single
pass gives.
"""

import functools
import gc
import os
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kc_tracker.errors import LedgerError
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
    parse_line,
    torn_path,
)
from kc_tracker.plan import Plan

MAX_LISTED = 20  # double counts are advice, not errors: a few examples, then how many more
PART_BYTES = 16 * 1024 * 1024  # below this a second process costs more than it saves


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


Name = str  # a counted record's plan line and beneficiary key, joined by \x1f


@dataclass
class Part:
    """What one part of the ledger tells the whole check. Line numbers are the file's."""

    problems: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    breaks: list[ChainBreak] = field(default_factory=list)
    unreadable: str | None = None  # a header of another format or plan: nothing after it is read
    records: int = 0
    voids: int = 0
    spent_vnd: int = 0
    done_count: Counter[str] = field(default_factory=Counter)
    # What is seen first in this part (by line number), and the lines that see it again.
    ids: dict[str, int] = field(default_factory=dict)
    id_repeats: list[tuple[int, str]] = field(default_factory=list)
    refs: dict[str, int] = field(default_factory=dict)
    ref_repeats: list[tuple[int, str]] = field(default_factory=list)
    names: dict[Name, int] = field(default_factory=dict)  # counted records, by name
    name_repeats: list[tuple[int, Name]] = field(default_factory=list)
    void_list: list[tuple[int, Void]] = field(default_factory=list)
    first_prev: tuple[int, str] | None = None
    tip: str | None = None  # the last hash read in this part (None: no line read)
    torn: bytes | None = None

    _PACKED = ("ids", "refs", "names")

    def __getstate__(self) -> dict[str, Any]:
        # Sent to the main process: a million small keys pickle in seconds, two flat values in
        # milliseconds. No id, ref, or name key holds a newline (control characters are refused).
        state = dict(self.__dict__)
        for key in self._PACKED:
            mapping: dict[str, int] = state[key]
            state[key] = ("\n".join(mapping), array("q", mapping.values()))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key in self._PACKED:
            text, values = state[key]
            state[key] = dict(zip(text.split("\n"), values, strict=True)) if values else {}
        self.__dict__.update(state)


def check_part(plan_id: str, plan_lines: frozenset[str], indicators: frozenset[str], path: Path,
               start: int, stop: int | None) -> Part:  # fmt: skip
    """Read the lines starting in [start, stop): everything that needs no other part."""
    file = LedgerFile(path, plan_id, collect_malformed=True).part(start, stop, _count_lines(path, start))
    part = Part()
    ids, refs, names, problems = part.ids, part.refs, part.names, part.problems
    name_key = beneficiary_key.__wrapped__  # every name once: a cache would only cost
    # The loop makes no reference cycles, while the cyclic collector would walk every tuple kept
    # here again and again: a quarter of the time on a million lines.
    collecting = gc.isenabled()
    gc.disable()
    records = voids = spent = 0
    done: Counter[str] = part.done_count
    try:
        for lineno, entry in file:
            entry_id = entry.id
            if entry_id in ids:
                part.id_repeats.append((lineno, entry_id))
            else:
                ids[entry_id] = lineno
            if entry.kind == "void":
                voids += 1
                part.void_list.append((lineno, entry))
                target = entry.voided
                if isinstance(target, Record):
                    spent -= target.amount_vnd
                    done[target.line] -= target.count or 0
            elif isinstance(entry, Record):
                records += 1
                line_id = entry.line
                if line_id not in plan_lines:
                    problems.append((lineno, "unknown_line", {"id": entry_id, "line_id": line_id}))
                ref = entry.ref
                if ref is not None:
                    if ref in refs:
                        part.ref_repeats.append((lineno, ref))
                    else:
                        refs[ref] = lineno
                if entry.count and entry.beneficiary:
                    name = f"{line_id}\x1f{name_key(entry.beneficiary)}"
                    if name in names:
                        part.name_repeats.append((lineno, name))
                    else:
                        names[name] = lineno
                spent += entry.amount_vnd
                done[line_id] += entry.count or 0
            elif isinstance(entry, Adjust):
                for line_id in (entry.from_line, entry.to_line):
                    if line_id not in plan_lines:
                        problems.append((lineno, "unknown_line", {"id": entry_id, "line_id": line_id}))
            elif isinstance(entry, Measure) and entry.indicator not in indicators:
                problems.append((lineno, "unknown_indicator", {"id": entry_id, "indicator": entry.indicator}))
    except LedgerError as e:  # wrong format version or another plan's ledger: nothing more to read
        part.unreadable = str(e)
    finally:
        if collecting:
            gc.enable()
    part.records, part.voids, part.spent_vnd = records, voids, spent
    part.malformed, part.breaks, part.torn = file.malformed, file.breaks, file.torn
    part.first_prev = file.first_prev
    part.tip = file.tip if file.tip_known else None  # known from the start, or from the part's first line
    return part


def _count_lines(path: Path, end: int) -> int:
    """Lines that end before byte `end` (where a part starts)."""
    count = 0
    if end == 0:
        return count
    with path.open("rb") as handle:
        while handle.tell() < end:
            count += handle.read(min(1 << 24, end - handle.tell())).count(b"\n")
    return count


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


def _processes() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def check(plan: Plan, path: Path, processes: int | None = None) -> CheckReport:
    plan_lines = frozenset(line.id for line in plan.lines)
    indicators = frozenset(indicator.id for indicator in plan.indicators)
    work = functools.partial(check_part, plan.plan.id, plan_lines, indicators, path)
    bounds = _bounds(path, processes or _processes())
    if len(bounds) == 1:
        parts = [work(*bounds[0])]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(len(bounds) - 1) as pool:
            later = [pool.submit(work, start, stop) for start, stop in bounds[1:]]
            parts = [work(*bounds[0])] + [future.result() for future in later]
    return _join(path, parts)


def _join(path: Path, parts: list[Part]) -> CheckReport:
    """One report from the parts, as if one pass had read them in order."""
    report = CheckReport()
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
    ids: dict[str, int] = {}
    refs: dict[str, int] = {}
    names: dict[Name, int] = {}
    counted: dict[Name, list[int]] = {}  # names counted more than once: every line
    for part in parts:
        report.records += part.records
        report.voids += part.voids
        report.spent_vnd += part.spent_vnd
        report.done_count.update(part.done_count)
        for lineno, code, params in part.problems:
            report.add(lineno, code, **params)
        seen_ids, seen_refs, seen_names = (_seen_before(part.ids, ids), _seen_before(part.refs, refs),
                                           _seen_before(part.names, names))  # fmt: skip
        for entry_id in seen_ids:
            report.add(part.ids[entry_id], "duplicate_id", id=entry_id, first=ids[entry_id])
        for lineno, entry_id in part.id_repeats:
            report.add(lineno, "duplicate_id", id=entry_id, first=ids.get(entry_id, part.ids[entry_id]))
        for ref in seen_refs:
            report.add(part.refs[ref], "duplicate_ref", ref=ref, first=refs[ref])
        for lineno, ref in part.ref_repeats:
            report.add(lineno, "duplicate_ref", ref=ref, first=refs.get(ref, part.refs[ref]))
        for name in seen_names:
            counted.setdefault(name, [names[name]]).append(part.names[name])
        for lineno, name in part.name_repeats:
            counted.setdefault(name, [names.get(name, part.names[name])]).append(lineno)
        for bad in part.malformed:
            report.add(bad.lineno, "malformed", reason=bad.reason)
        for chain_break in part.breaks:
            report.add(chain_break.lineno, f"chain_{chain_break.kind}")
        ids, refs = _merged(ids, part.ids, seen_ids), _merged(refs, part.refs, seen_refs)
        names = _merged(names, part.names, seen_names)
    _check_voids(report, path, [void for part in parts for void in part.void_list], ids, counted)
    # By line, then a fixed order: however the file was cut into parts, the same report.
    report.problems.sort(key=lambda p: (p.line or 0, p.code, p.message))
    torn = parts[-1].torn
    if torn is not None:
        report.warnings.append(t("ledger.torn", path=path, size=len(torn), torn=torn_path(path)))
    doubles = sorted((lines, name) for name, lines in counted.items() if len(lines) > 1)
    for lines, line_and_name in doubles[:MAX_LISTED]:
        line_id, name = line_and_name.split("\x1f")
        report.warnings.append(
            t("check.counted_again", line=line_id, beneficiary=name, lines=", ".join(map(str, lines)))
        )
    if len(doubles) > MAX_LISTED:
        report.warnings.append(t("check.more_counted_again", count=len(doubles) - MAX_LISTED))
    return report


def _seen_before(part: dict[Any, int], earlier: dict[Any, int]) -> list[Any]:
    return sorted(part.keys() & earlier.keys(), key=part.__getitem__)


def _merged(earlier: dict[Any, int], part: dict[Any, int], seen: list[Any]) -> dict[Any, int]:
    """Both, the earlier sighting of the keys `seen` in both winning; `part` may be reused."""
    if not earlier:
        return part
    for key in seen:
        del part[key]
    earlier.update(part)
    return earlier


def _check_voids(report: CheckReport, path: Path, voids: list[tuple[int, Void]],
                 ids: dict[str, int], counted: dict[Name, list[int]]) -> None:  # fmt: skip
    """Each void against what it cancels, which an earlier line must hold; its record no longer counts twice."""
    if not voids:
        return
    targets = {lineno: ids[void.target] for lineno, void in voids if void.target in ids}
    offsets = _line_offsets(path, set(targets.values()))
    voided: dict[str, int] = {}
    with path.open("rb") as handle:

        @functools.lru_cache(maxsize=4)  # several voids may cancel records of one imported line
        def line_at(offset: int) -> Any:
            handle.seek(offset)
            return parse_line(handle.readline())

        for lineno, void in voids:
            target_line = targets.get(lineno)
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
                lines = counted.get(f"{cancelled.line}\x1f{beneficiary_key(cancelled.beneficiary)}", [])
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
