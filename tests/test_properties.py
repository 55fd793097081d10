"""Hypothesis: a ledger against a simple in-memory model, and random input through the real CLI."""

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kc_tracker import actions, ledger, report
from kc_tracker.check import check
from kc_tracker.errors import InputError
from kc_tracker.plan import load_plan

from .conftest import Kc

PLAN = load_plan()
LINE_IDS = [line.id for line in PLAN.lines]
BUDGET = {line.id: line.budget_vnd for line in PLAN.lines}
COUNTED = {line.id for line in PLAN.lines if line.counted}
DAY = date(2024, 6, 25)


class LedgerAgainstModel(RuleBasedStateMachine):
    """Records (with and without refs), voids, reopens and crashes; the ledger must agree with the model."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="kc-model-"))
        self.path = self.folder / "ledger.jsonl"
        self.live: dict[str, tuple[str, int, int]] = {}  # id → (line, amount, count)
        self.voided: set[str] = set()
        self.refs: dict[str, tuple[str, int, int]] = {}

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _record(self, line_id: str, amount: int, count: int, allow: bool, ref: str | None) -> None:
        request = actions.RecordRequest(
            line=line_id, amount_vnd=amount, count=count if line_id in COUNTED else None, date=DAY,
            ref=ref, allow_over_budget=allow,
        )  # fmt: skip
        content = (line_id, amount, count if line_id in COUNTED else 0)
        before = self.path.read_bytes() if self.path.exists() else None
        committed = sum(a for line, a, _ in self.live.values() if line == line_id)
        expect_noop = ref is not None and self.refs.get(ref) == content
        expect_refusal = (
            (amount == 0 and not request.count)
            or (ref is not None and ref in self.refs and self.refs[ref] != content)
            or (not expect_noop and amount > 0 and committed + amount > BUDGET[line_id] and not allow)
        )
        try:
            outcome = actions.record(PLAN, self.path, request, lock_timeout=5)
        except InputError:
            assert expect_refusal
            assert (self.path.read_bytes() if self.path.exists() else None) == before
            return
        assert not expect_refusal
        assert outcome.noop == expect_noop
        if not outcome.noop:
            self.live[outcome.entry.id] = content
            if ref is not None:
                self.refs[ref] = content

    @rule(line_id=st.sampled_from(LINE_IDS), amount=st.integers(0, 5_000_000_000), count=st.integers(0, 3),
          allow=st.booleans())  # fmt: skip
    def record(self, line_id: str, amount: int, count: int, allow: bool) -> None:
        self._record(line_id, amount, count, allow, None)

    @rule(line_id=st.sampled_from(LINE_IDS[:2]), amount=st.sampled_from([1_000_000, 2_000_000]),
          ref=st.sampled_from(["a", "b", "c"]))  # fmt: skip
    def record_with_ref(self, line_id: str, amount: int, ref: str) -> None:
        self._record(line_id, amount, 1, True, ref)

    @precondition(lambda self: bool(self.live))
    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(sorted(self.live)))
        actions.void(PLAN, self.path, entry_id, "sai", lock_timeout=5)
        del self.live[entry_id]
        self.voided.add(entry_id)

    @precondition(lambda self: bool(self.voided))
    @rule(data=st.data())
    def void_again_with_another_reason(self, data: st.DataObject) -> None:
        entry_id = data.draw(st.sampled_from(sorted(self.voided)))
        before = self.path.read_bytes()
        try:
            actions.void(PLAN, self.path, entry_id, "lý do khác", lock_timeout=5)
        except InputError:
            assert self.path.read_bytes() == before
        else:
            raise AssertionError("a second void with another reason must be refused")

    @precondition(lambda self: self.path.exists())
    @rule(cut=st.integers(1, 120))
    def crash_mid_write(self, cut: int) -> None:
        """A write cut short by a crash: a prefix of a line, without its newline."""
        partial = b'{"prev":"0","kind":"record","id":"abcdefabcdef","line":"may-moc-thiet-bi","amount_vnd":9}'
        with self.path.open("ab") as handle:
            handle.write(partial[:cut])

    @rule()
    def reopen(self) -> None:
        file = ledger.LedgerFile(self.path, PLAN.plan.id)
        assert sum(1 for _ in file) >= len(self.live) + len(self.voided)

    @invariant()
    def totals_equal_the_live_entries(self) -> None:
        status = report.status(PLAN, ledger.LedgerFile(self.path, PLAN.plan.id), DAY)
        for line in status.lines:
            live = [(a, c) for line_id, a, c in self.live.values() if line_id == line.id]
            assert line.spent_vnd == sum(a for a, _ in live)
            if line.target_count is not None:
                assert line.done_count == sum(c for _, c in live)
        assert status.totals.spent_vnd == sum(a for _, a, _ in self.live.values())

    @invariant()
    def the_chain_is_whole(self) -> None:
        result = check(PLAN, self.path)
        assert result.ok, result.problems
        assert result.records == len(self.live) + len(self.voided)


TestLedgerAgainstModel = LedgerAgainstModel.TestCase
TestLedgerAgainstModel.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)

SAMPLES = ["1.000", "0,5 tỷ", "4", "may-moc-thiet-bi", "2024-06-25", "x" * 3000, "Ba\u0301t Xa\u0301t", "=1+1",
           "\x00\x07", "9" * 40, "٣", "１"]  # fmt: skip
texts = st.text(max_size=60) | st.sampled_from(SAMPLES)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=texts, amount=texts, count=texts, day=texts, note=texts)
def test_random_input_never_tracebacks_and_keeps_totals_consistent(
    kc: Kc, line: str, amount: str, count: str, day: str, note: str
) -> None:
    args = ["record", line, "--amount", amount, "--count", count, "--date", day, "--note", note]
    result = kc(*args, "--allow-over-budget", code=None)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    entries = kc.json("log", "--format", "json")
    live = [e for e in entries if not e["voided"]]
    status = kc.json("status", "--as-of", "9999-12-31", "--format", "json")
    assert status["totals"]["spent_vnd"] == sum(e["amount_vnd"] for e in live)
    for entry in entries:
        assert json.dumps(entry, ensure_ascii=False)


# Mostly names the fast path folds together (printable, single spaces), and some it must not.
names = (st.text(st.sampled_from(list("aZ ạẠßİ\u0301")), max_size=6) | st.sampled_from(["a\nb", "\n"])
         | st.text(max_size=6))  # fmt: skip


@settings(max_examples=500)
@given(st.lists(names, max_size=6))
def test_names_folded_together_fold_as_one_by_one(names: list[str]) -> None:
    assert ledger.beneficiary_keys(names) == [ledger.beneficiary_key(name) for name in names]
