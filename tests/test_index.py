"""The index beside a ledger is a cache: used without reading the ledger when nothing changed, caught up
when lines were added behind its back, rebuilt when anything else changed; never a second truth."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kc_tracker import index as index_module
from kc_tracker import ledger as ledger_module

from .conftest import Kc, line_of, write_csv

DATA = Path(__file__).parent / "data"


def status(kc: Kc, *args: str) -> dict:
    return kc.json("status", "--format", "json", "--as-of", "2025-12-31", *args)


def index_of(ledger: Path) -> Path:
    return ledger.with_name(ledger.name + ".index")


def full_read(kc: Kc, ledger: Path) -> dict:
    """The figures from the ledger alone: the index deleted first (it is rebuilt from every line)."""
    index_of(ledger).unlink(missing_ok=True)
    return status(kc)


# --- the index is used, and honest ----------------------------------------------------------------


def test_an_unchanged_ledger_is_not_read_at_all(kc: Kc, ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--ref", "a")
    kc("record", "6", "--amount", "35", "--count", "1", "--locality", "Sa Pa")
    expected = status(kc)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the ledger was read")

    monkeypatch.setattr(index_module, "read_lines", refuse)
    monkeypatch.setattr(ledger_module, "read_lines", refuse)
    assert status(kc) == expected
    assert kc.json("log", "--format", "json")[0]["ref"] == "a"
    assert "đã có trong sổ" in kc("record", "4", "--amount", "1.250", "--count", "2", "--ref", "a").stdout
    with pytest.raises(AssertionError, match="the ledger was read"):  # the guard above can fail
        index_of(ledger_path).unlink()
        status(kc)


@pytest.mark.parametrize("damage", [b"", b"not an sqlite file at all" * 100, None])
def test_a_damaged_or_deleted_index_is_rebuilt(kc: Kc, ledger_path: Path, damage: bytes | None) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2")
    kc("record", "9", "--amount", "2.000", "--count", "1")
    expected = status(kc)
    if damage is None:
        index_of(ledger_path).unlink()
    else:
        index_of(ledger_path).write_bytes(damage)
    assert status(kc) == expected
    assert status(kc) == expected  # and the rebuilt index serves the next command


def test_an_index_behind_its_ledger_catches_up(kc: Kc, ledger_path: Path, isolated: Path) -> None:
    """A write whose index update was cut short (a crash between the append and the index), or lines
    appended by another copy of kc: the index reads only what follows what it has read."""
    kc("record", "4", "--amount", "1.250", "--count", "2")
    stale = isolated / "stale.index"
    shutil.copy(index_of(ledger_path), stale)
    kc("record", "6", "--amount", "35", "--count", "1")
    kc("record", "4", "--amount", "100", "--count", "1")
    expected = full_read(kc, ledger_path)
    shutil.copy(stale, index_of(ledger_path))
    assert status(kc) == expected
    assert line_of(status(kc), "may-moc-thiet-bi")["spent_vnd"] == 1_350_000_000


def test_a_ledger_replaced_by_another_one_rebuilds_the_index(kc: Kc, ledger_path: Path, isolated: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2")
    copy = isolated / "copy.jsonl"
    shutil.copy(ledger_path, copy)
    kc("record", "6", "--amount", "35", "--count", "1")
    shutil.copy(copy, ledger_path)  # a restored backup: shorter than what the index has read
    assert line_of(status(kc), "nhan-hieu")["spent_vnd"] == 0
    assert status(kc) == full_read(kc, ledger_path)


# --- the index equals a full reading, whatever happened ----------------------------------------------

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("record"), st.sampled_from(["4", "6", "9", "10"]), st.integers(1, 900), st.integers(0, 3),
                  st.sampled_from(["Sa Pa", "Bát Xát", ""]), st.dates(date(2021, 1, 1), date(2024, 6, 25)),
                  st.sampled_from(["HTX Chè", "htx  chè", "HTX Mận", ""])),
        st.tuples(st.just("void"), st.integers(0, 20)),
        st.tuples(st.just("adjust"), st.integers(1, 50)),
        st.tuples(st.just("import"), st.integers(1, 4)),
        st.tuples(st.just("close"), st.sampled_from(["2021", "2022-Q1"])),
        st.tuples(st.just("stale_index"),),
    ),
    max_size=10,
)  # fmt: skip


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_the_index_always_equals_a_full_reading(
    kc: Kc, ledger_path: Path, isolated: Path, operations: list[tuple]
) -> None:
    ledger_path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in ledger_path.parent.iterdir():
        leftover.unlink()
    ids: list[str] = []
    stale = isolated / "stale.index"
    stale.unlink(missing_ok=True)
    for number, operation in enumerate(operations):
        kind = operation[0]
        if kind == "record":
            _, line, amount, count, locality, day, beneficiary = operation
            args = ["record", line, "--amount", str(amount), "--date", day.isoformat(), "--allow-over-budget",
                    "--allow-closed", "--format", "json"]  # fmt: skip
            args += ["--count", str(count)] if count and line != "10" else []
            args += ["--locality", locality] if locality else []
            args += ["--beneficiary", beneficiary] if beneficiary else []
            ids.append(kc.json(*args)["id"])
        elif kind == "void" and ids:
            kc("void", ids[operation[1] % len(ids)], "--reason", "nhầm", code=None)
        elif kind == "adjust":
            kc("adjust", "--from", "10", "--to", "4", "--amount", str(operation[1]), "--decision", f"QĐ {number}",
               "--date", "2023-01-02", code=None)  # fmt: skip
        elif kind == "import":
            rows = [["date", "line", "amount", "count"]]
            rows += [["2023-03-0" + str(1 + row), "7", str(10 + number), "1"] for row in range(operation[1])]
            kc("import", str(write_csv(isolated / f"n{number}.csv", rows)), "--allow-closed", code=None)
        elif kind == "close":
            kc("close", operation[1], code=None)
        elif kind == "stale_index" and index_of(ledger_path).exists():
            shutil.copy(index_of(ledger_path), stale)
    if not ledger_path.exists():
        return
    if stale.exists():  # the index as it was some writes ago
        shutil.copy(stale, index_of(ledger_path))
    by_index = [status(kc), status(kc, "--by", "quarter"), kc.json("log", "--format", "json")]
    index_of(ledger_path).unlink()
    assert by_index == [status(kc), status(kc, "--by", "quarter"), kc.json("log", "--format", "json")]
    assert kc.json("check", "--format", "json")["ok"] is True
    # The beneficiaries of every entry are kept counted; of a period, counted when asked: the same figure.
    beneficiaries = [line["beneficiaries"] for line in by_index[0]["lines"]]
    assert beneficiaries == [line["beneficiaries"] for line in status(kc, "--from", "2021-01-01")["lines"]]


# --- a batch is all or none, wherever it is cut --------------------------------------------------------


def test_a_batch_cut_at_any_byte_counts_all_its_rows_or_none(kc: Kc, ledger_path: Path, isolated: Path) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--date", "2024-01-02")
    before = ledger_path.read_bytes()
    rows = [["date", "line", "amount", "count"], ["2024-01-05", "6", "35", "1"], ["2024-01-06", "6", "35", "1"]]
    kc("import", str(write_csv(isolated / "n.csv", rows)))
    whole = ledger_path.read_bytes()
    assert whole.startswith(before) and whole.count(b"\n") - before.count(b"\n") == 4  # batch, 2 rows, batch_end
    seen = set()
    for cut in range(len(before), len(whole) + 1):
        ledger_path.write_bytes(whole[:cut])
        for leftover in ledger_path.parent.glob("*.index"):
            leftover.unlink()
        done = line_of(status(kc), "nhan-hieu")["done_count"]
        assert done in (0, 2), cut
        seen.add(done)
        if done == 0 and cut > len(before):  # the torn tail is reported, and the ledger before it is sound
            checked = kc.json("check", "--format", "json")
            assert checked["ok"] is True and ".torn" in checked["warnings"][0], cut
    assert seen == {0, 2}
    ledger_path.write_bytes(whole[: len(whole) - 20])  # a write then moves the cut group aside, and says so
    result = kc("record", "4", "--amount", "1", "--date", "2024-01-07")
    assert ".torn" in result.stderr
    assert line_of(status(kc), "nhan-hieu")["done_count"] == 0
    assert kc.json("check", "--format", "json")["ok"] is True


# --- a ledger written before batches -----------------------------------------------------------------------


def test_a_ledger_written_before_batches_is_read_checked_and_written(kc: Kc, ledger_path: Path, isolated: Path) -> None:
    """Written by kc before an import became a group of lines (its import is one line holding every row)."""
    ledger_path.parent.mkdir(parents=True)
    shutil.copy(DATA / "ledger-format1-before-batches.jsonl", ledger_path)
    figures = status(kc, "--as-of", "2024-06-25")
    spent = {line["id"]: line["spent_vnd"] for line in figures["lines"] if line["spent_vnd"]}
    assert spent == {"may-moc-thiet-bi": 1_250_000_000, "nhan-hieu": 35_000_000, "cum-cong-nghiep": 1_200_000_000}
    assert line_of(figures, "may-moc-thiet-bi")["budget_vnd"] == 14_850_000_000  # its reallocation
    assert figures["closed"]["period"] == "2023"
    assert kc.json("check", "--format", "json")["ok"] is True
    log = kc.json("log", "--format", "json")
    assert [row["beneficiary"] for row in log if row["line"] == "may-moc-thiet-bi"] == ["HTX Chè"]
    rows = [["date", "line", "amount", "count", "locality", "beneficiary"],
            ["2024-01-05", "4", "1.250", "2", "Bát Xát", "HTX Chè"],
            ["2024-02-06", "nhan-hieu", "35", "1", "Sa Pa", "HTX Mận"]]  # fmt: skip
    again = write_csv(isolated / "n.csv", rows, bom=False)  # the very file it imported then
    assert kc.json("import", str(again), "--format", "json")["same_file"] is not None
    kc("record", "4", "--amount", "1", "--date", "2024-06-01")
    assert kc.json("check", "--format", "json")["ok"] is True
