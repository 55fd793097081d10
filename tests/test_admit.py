"""`kc import` admits its rows all at once when plainly every one is admitted as it is: the warnings
and the state are then those of the rules row after row, and otherwise the state is untouched."""

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kc_tracker import actions, index, ledger
from kc_tracker.actions import UNASSIGNED, Outcome, RecordRequest
from kc_tracker.errors import InputError
from kc_tracker.ledger import LedgerState
from kc_tracker.plan import Line, load_plan

from .conftest import Kc

PLAN = load_plan()
SMALL = "thong-tin-tuyen-truyen"  # a budget of 30 triệu (40 in the ledger below): a few rows pass it
OVER = "tu-van"  # 2 tỷ spent of its 1.365 triệu: a row of no amount passes, any other is refused (unless allowed)
LINES = [SMALL, OVER, "noi-dung-khac"]  # the last one counts nothing


def _ledger() -> Path:
    """A ledger with a counted name, a ref, a voided record (its name counted no more), a closed year,
    10 triệu moved to the small line (whose budget is then 40 triệu, 10 of them spent), a line overspent."""
    path = Path(tempfile.mkdtemp(prefix="kc-admit-")) / "ledger.jsonl"
    on = {"lock_timeout": 5}
    actions.record(PLAN, path, RecordRequest(SMALL, 10_000_000, 1, date(2024, 1, 5), beneficiary="HTX A",
                                             ref="r-old"), **on)  # fmt: skip
    voided = actions.record(PLAN, path, RecordRequest(SMALL, 1, 1, date(2024, 1, 6), beneficiary="C"), **on)
    actions.void(PLAN, path, voided.entry.id, "nhầm", **on)
    actions.close(PLAN, path, "2022", **on)
    actions.adjust(PLAN, path, actions.AdjustRequest("nhan-hieu", SMALL, 10_000_000, "QĐ 1", date(2024, 2, 1)), **on)
    actions.record(PLAN, path, RecordRequest(OVER, 2 * 10**9, date=date(2024, 1, 7), allow_over_budget=True), **on)
    return path


LEDGER = _ledger()
TAKEN_ID = next(entry.id for _, entry in ledger.LedgerFile(LEDGER, PLAN.plan.id))

# Mostly rows admitted as they are, each with a few ways not to be.
requests = st.builds(
    RecordRequest,
    line=st.sampled_from(LINES),
    amount_vnd=st.sampled_from([1, 5_000_000] * 3 + [15_000_000, 0]),
    count=st.sampled_from([None, 1, 2]),
    date=st.sampled_from([date(2024, 3, 1)] * 5 + [date(2022, 5, 1)]),
    beneficiary=st.sampled_from([None, "HTX A", "htx  a", "B", "C"]),
    ref=st.sampled_from([None] * 4 + ["r1", "r2", "r-old"]),
)
ids = st.sampled_from([None] * 8 + ["00000000000f", TAKEN_ID, UNASSIGNED])


def drafts(requests: list[RecordRequest], given_ids: list[str | None]) -> list[tuple[Line, ledger.Record]]:
    fresh = (f"{n:012x}" for n in range(10**6, 2 * 10**6))
    rows = []
    for request, entry_id in zip(requests, given_ids, strict=True):
        if request.line == "noi-dung-khac":
            request.count = None  # (a line that counts nothing)
        if request.amount_vnd == 0 and not request.count:
            request.amount_vnd = 1  # (a row of nothing is refused before the rules of the ledger)
        rows.append(actions.prepare_record(PLAN, request, entry_id or next(fresh)))
    return rows


def one_by_one(state: LedgerState, rows: list[tuple[Line, ledger.Record]], req: RecordRequest) -> list[Any]:
    outcomes: list[Outcome | str] = []
    for line, draft in rows:
        try:
            outcomes.append(actions.admit_record(state, line, draft, req))
        except InputError as e:
            outcomes.append(str(e))
    return outcomes


def figures(state: LedgerState) -> Any:
    counted = {(line, key): n for line, names in state.counted_beneficiaries.items() for key, n in names.items() if n}
    return (
        {line: n for line, n in state.spent_vnd.items() if n},
        {line: n for line, n in state.done_count.items() if n},
        counted,
        set(state.ids),
        {ref: record.id for ref, record in state.refs.items()},
    )


@pytest.fixture(scope="module", params=["full pass", "index", "index, asked row by row"])
def states(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A maker of states of the ledger, as the import's rules see it: read in full, or from the index
    (which is asked at once what the rows will ask, or, on an SQLite without JSON, row by row)."""
    if request.param == "full pass":
        yield lambda rows: ledger.scan(LEDGER, PLAN.plan.id)
        return
    opened: list[index.Index] = []

    def from_index(rows: list[tuple[Line, ledger.Record]]) -> LedgerState:
        opened.append(index.Index(LEDGER, PLAN.plan.id))
        opened[-1].refresh()
        state = opened[-1].state()
        if request.param == "index":
            state.expect([draft for _, draft in rows])
        return state

    yield from_index
    for each in opened:
        each.close()


@settings(max_examples=300)
@given(data=st.data(), allow_over_budget=st.booleans(), allow_closed=st.booleans())
def test_rows_admitted_at_once_as_row_by_row(states: Any, data: st.DataObject, allow_over_budget: bool,
                                             allow_closed: bool) -> None:  # fmt: skip
    size = data.draw(st.integers(1, 6))
    rows = drafts(data.draw(st.lists(requests, min_size=size, max_size=size)),
                  data.draw(st.lists(ids, min_size=size, max_size=size)))  # fmt: skip
    rules = RecordRequest("", 0, allow_over_budget=allow_over_budget, allow_closed=allow_closed)
    by_rows, at_once = states(rows), states(rows)
    before = figures(at_once)
    outcomes = one_by_one(by_rows, rows, rules)
    warnings = actions.admit_new(at_once, rows, rules)
    each_as_it_is = all(
        isinstance(outcome, Outcome) and not outcome.noop and outcome.entry is draft
        for outcome, (_, draft) in zip(outcomes, rows, strict=True)
    )
    assert (warnings is not None) == each_as_it_is, outcomes
    if warnings is None:
        assert figures(at_once) == before
    else:
        assert warnings == [(at, warning) for at, outcome in enumerate(outcomes) for warning in outcome.warnings]
        assert figures(at_once) == figures(by_rows)


def test_an_import_admitted_at_once_says_and_adds_what_row_by_row_does(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the CLI, names counted again and refs among the rows: the fast way is taken, and
    gives the output and the figures the rules row after row give."""
    rows = ["date,line,amount,count,beneficiary,ref", "2024-03-01,1,2,1,htx  a,r1", "2024-03-01,2,3,1,B,",
            "2024-03-02,2,3,1,b,", "2024-03-02,10,4,,,r2"]  # fmt: skip
    (isolated / "rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    admitted: list[object] = []

    def at_once(*args: Any) -> Any:
        admitted.append(warnings := actions.admit_new(*args))
        return warnings

    results = []
    for admit in (at_once, lambda *args: None):  # the fast way, then row by row
        monkeypatch.setenv("KC_LEDGER", str(isolated / str(len(results)) / "ledger.jsonl"))
        kc("record", "1", "--amount", "1", "--count", "1", "--beneficiary", "HTX A", "--ref", "r0")
        monkeypatch.setattr("kc_tracker.importer.admit_new", admit)
        imported = kc("import", str(isolated / "rows.csv"))
        results.append((imported.stdout, imported.stderr, kc.json("status", "--format", "json")))
    assert admitted and admitted[0] is not None
    assert results[0] == results[1]
    warned = results[0][1]  # names counted again: rows 2 (HTX A, recorded before) and 4 (B, in row 3)
    assert "hàng 2:" in warned and "hàng 4:" in warned and "hàng 3:" not in warned
