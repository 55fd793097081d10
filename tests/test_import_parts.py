"""`kc import` checks a large file's rows in two processes, in parts: it writes or refuses what one process does."""

import os
import re
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kc_tracker import actions, importer, ledger
from kc_tracker.errors import InputError
from kc_tracker.plan import load_plan

PLAN = load_plan()

rows = st.lists(
    st.tuples(
        st.sampled_from(["2022-03-01", "2022-03-02", "2031-01-01", "3/2022"]),  # outside the plan, not a date
        st.sampled_from(["4", "6", "nhan-hieu", "khong-co"]),  # an unknown line
        st.sampled_from(["1000000", "35000000", "", "x"]),
        st.sampled_from(["", "1", "2"]),
        st.sampled_from(["", "HTX A", "htx  a", "B"]),
        st.sampled_from(["", "", "r1", "r2"]),  # most rows get a ref made from their content
        st.sampled_from(["", "", "", "true"]),
    ),
    min_size=2,
    max_size=30,
)


def slowed_here(parts_here: list[int]) -> object:
    """`_check_rows`, slowed in this process only (the other one is forked from it): the other process
    then takes parts too, from the end, as it would on a faster CPU. Counts the parts checked here."""
    check_rows, here = importer._check_rows, os.getpid()

    def check(*args: object) -> object:
        if os.getpid() == here:
            parts_here.append(1)
            time.sleep(0.02)
        return check_rows(*args)

    return check


def outcome(folder: Path, source: Path, parallel: bool) -> tuple:
    path = folder / ("two" if parallel else "one") / "ledger.jsonl"
    path.parent.mkdir()
    shutil.copy(folder / "ledger.jsonl", path)  # the same ledger, ids included (messages name them)
    with (
        mock.patch.object(importer, "PARALLEL_ROWS", 2 if parallel else 10**9),
        mock.patch.object(importer, "PART_ROWS", 3),  # parts of a few rows, shared as the processes get to them
        mock.patch.object(importer, "_check_rows", slowed_here([])),
        mock.patch.object(ledger, "cpus", lambda: 2),
    ):
        try:
            result = importer.import_file(PLAN, path, source, importer.Flags(allow_over_budget=True), lock_timeout=5)
        except InputError as e:  # naming rows by number, and earlier records by their (random) ids
            return ("refused", re.sub(r"\b[0-9a-f]{12}\b", "<id>", str(e)))
    written = [entry.model_dump(exclude={"id", "recorded_at", "prev", "hash"}) for _, entry in ledger.LedgerFile(path)]
    return result.already, result.skipped_voided, result.warnings, written


@settings(max_examples=30, deadline=None)
@given(rows=rows)
def test_rows_checked_in_two_processes_give_the_same_ledger(rows: list[tuple[str, ...]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kc-import-"))
    try:
        request = actions.RecordRequest(line="4", amount_vnd=1_000_000, count=1, date=date(2022, 3, 1),
                                        beneficiary="HTX A", ref="r1")  # fmt: skip
        actions.record(PLAN, folder / "ledger.jsonl", request, lock_timeout=5)
        source = folder / "rows.csv"
        body = "\n".join(",".join(row) for row in rows)
        source.write_text("date,line,amount_vnd,count,beneficiary,ref,voided\n" + body, encoding="utf-8")
        assert outcome(folder, source, parallel=True) == outcome(folder, source, parallel=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_identical_rows_in_every_part_are_numbered_across_the_file(tmp_path: Path) -> None:
    """The other process numbers identical rows among its part's: they are renumbered after the parts before."""
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd\n" + "2022-03-01,4,1000000\n" * 9, encoding="utf-8")
    parts_here: list[int] = []
    with (
        mock.patch.object(importer, "PARALLEL_ROWS", 2),
        mock.patch.object(importer, "PART_ROWS", 2),
        mock.patch.object(importer, "_check_rows", slowed_here(parts_here)),
        mock.patch.object(ledger, "cpus", lambda: 2),
    ):
        result = importer.import_file(PLAN, tmp_path / "ledger.jsonl", source, importer.Flags(), lock_timeout=5)
    assert 1 <= len(parts_here) < 5  # of five parts: the other process took the last ones
    assert [record.ref.rsplit(":", 1)[1] for record in result.added if record.ref] == [str(n) for n in range(1, 10)]


def test_where_no_process_can_start_all_rows_are_checked_here(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("date,line,amount_vnd\n" + "2022-03-01,4,1000000\n" * 4, encoding="utf-8")

    def no_pool(workers: int) -> None:
        raise OSError(38, "Function not implemented")

    with (
        mock.patch.object(importer, "PARALLEL_ROWS", 2),
        mock.patch.object(ledger, "cpus", lambda: 2),
        mock.patch("concurrent.futures.ProcessPoolExecutor", no_pool),
    ):
        result = importer.import_file(PLAN, tmp_path / "ledger.jsonl", source, importer.Flags(), lock_timeout=5)
    assert len(result.added) == 4
