"""`kc check` reads a large ledger in parts, in parallel processes: the report is the one a single pass gives."""

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kc_tracker import actions, check, importer
from kc_tracker.plan import load_plan

PLAN = load_plan()
START = date(2022, 1, 1)


def write_ledger(path: Path) -> None:
    """A ledger with every kind of line a check looks at: refs, counted names, an import, voids."""
    ids = []
    for n in range(24):
        request = actions.RecordRequest(
            line="may-moc-thiet-bi" if n % 3 else "nhan-hieu", amount_vnd=(n + 1) * 1_000_000, count=1,
            date=START + timedelta(days=n), beneficiary=f"HTX {n % 5}", ref=f"r{n}" if n % 2 else None,
            allow_over_budget=True,
        )  # fmt: skip
        ids.append(actions.record(PLAN, path, request, lock_timeout=5).entry.id)
    source = path.with_name("rows.csv")
    source.write_text("date,line,amount_vnd,count,beneficiary\n2022-03-01,4,5000000,1,HTX 1\n2022-03-02,6,1,1,B\n")
    ids += [r.id for r in importer.import_file(PLAN, path, source, importer.Flags(), lock_timeout=5).added]
    for target in (ids[2], ids[9], ids[-1]):
        actions.void(PLAN, path, target, "sai", lock_timeout=5)


def tamper(raw: list[bytes], edits: list[tuple[str, int, int]]) -> list[bytes]:
    lines = list(raw)
    for kind, i, j in edits:
        i, j = i % len(lines), j % len(lines)
        if kind == "repeat":  # a line copied elsewhere: duplicate ids, refs, names; chain breaks
            lines.insert(j, lines[i])
        elif kind == "delete":
            del lines[i]
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "edit":  # one character changed: the line's hash no longer matches (or it is malformed)
            line = lines[i]
            lines[i] = line[: j % len(line)] + b"7" + line[j % len(line) + 1 :]
        elif kind == "garbage":
            lines.insert(i, b"not json\n")
    return lines


@contextlib.contextmanager
def tampered_ledger(edits: list[tuple[str, int, int]]) -> Iterator[tuple[Path, list[bytes]]]:
    """A ledger from `write_ledger`, in a folder of its own (Hypothesis runs many examples in one test),
    and its lines with the edits made, to be written back."""
    folder = Path(tempfile.mkdtemp(prefix="kc-check-"))
    try:
        path = folder / "ledger.jsonl"
        write_ledger(path)
        yield path, tamper(path.read_bytes().splitlines(keepends=True), edits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


edits = st.lists(st.tuples(st.sampled_from(["repeat", "delete", "swap", "edit", "garbage"]),
                           st.integers(0, 99), st.integers(0, 999)), max_size=4)  # fmt: skip


def summary(report: check.CheckReport) -> tuple:
    return (report.problems, report.warnings, report.records, report.voids, report.spent_vnd,
            +report.done_count, report.tip)  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(edits=edits, processes=st.integers(2, 4), torn=st.booleans())
def test_parts_in_parallel_report_what_one_pass_reports(edits: list, processes: int, torn: bool) -> None:
    with tampered_ledger(edits) as (path, lines):
        path.write_bytes(b"".join(lines) + (b'{"kind":"rec' if torn else b""))
        whole = check.check(PLAN, path, processes=1)
        with mock.patch.object(check, "PART_BYTES", 1):  # parts of a few lines each
            assert len(check._bounds(path, processes)) > 1
            parts = check.check(PLAN, path, processes=processes)
        assert summary(parts) == summary(whole)


def test_a_clean_ledger_in_parts_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    write_ledger(path)
    with mock.patch.object(check, "PART_BYTES", 1):
        report = check.check(PLAN, path, processes=3)
    assert report.ok, report.problems
    assert report.records == 26 and report.voids == 3
    assert report.spent_vnd == sum((n + 1) * 1_000_000 for n in range(24) if n not in (2, 9)) + 5_000_000
    assert report.warnings  # the same facility counted twice on a line, once the voided records are left out


def test_a_line_repeated_in_a_later_part_is_found_there(tmp_path: Path) -> None:
    """Each part's own keys are distinct: only the sets compared across parts find the copy."""
    path = tmp_path / "ledger.jsonl"
    write_ledger(path)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([*lines, lines[2]]))  # a record with a ref and a counted name
    with mock.patch.object(check, "PART_BYTES", 1):
        assert len(check._bounds(path, 2)) == 2
        report = check.check(PLAN, path, processes=2)
    copy = len(lines) + 1
    assert {(p.line, p.code) for p in report.problems} >= {(copy, "duplicate_id"), (copy, "duplicate_ref")}
    assert any("(các dòng sổ 3, " in w and w.endswith(f", {copy}); kiểm tra có phải một cơ sở nhận nhiều đợt không")
               for w in report.warnings)  # fmt: skip


def test_where_no_process_can_start_the_parts_are_read_here(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    write_ledger(path)
    whole = check.check(PLAN, path, processes=1)

    def no_pool(workers: int) -> None:
        raise NotImplementedError("This Python build lacks multiprocessing.synchronize")

    with mock.patch.object(check, "PART_BYTES", 1), mock.patch("concurrent.futures.ProcessPoolExecutor", no_pool):
        assert summary(check.check(PLAN, path, processes=3)) == summary(whole)
