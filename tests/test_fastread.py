"""`kc check` reads record lines with msgspec: only lines pydantic reads too, and as pydantic reads them."""

import hashlib
import json
from pathlib import Path
from unittest import mock

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from kc_tracker import check, fastread, ledger
from tests.test_check_parts import PLAN, edits, summary, tampered_ledger, write_ledger

PLAN_LINES = frozenset(line.id for line in PLAN.lines)
TIP = "ab" * 32
RECORD = {  # a record as kc writes it, but for the hash
    "prev": TIP, "kind": "record", "id": "0123456789ab", "line": "may-moc-thiet-bi", "date": "2024-02-29",
    "amount_vnd": 35_000_000, "count": 1, "locality": "Sa Pa", "beneficiary": "HTX Mường Hoa",
    "note": "đợt 1", "ref": "QĐ 12", "source": "dia-phuong", "counterpart_vnd": 0,
    "recorded_at": "2026-01-01T00:00:00Z",
}  # fmt: skip

# Values at the edges of what either reader takes, for any field.
ODD_VALUES = [
    None, "", "x", "A" * 201, "a\u00a0b", "a\x01b", "a\nb", "a\x85b", "a\u200bb", "\ud800", "a\"b", "a\\b",
    "0123456789AB", "0123456789a", "0123456789abc", "0x23456789ab", "may-moc", "May-moc-thiet-bi",
    "khong-co", "2024-02-30", "2024-2-1", "20240229", "2024-02-29T00:00:00Z", "2026-01-01T00:00Z",
    "2026-01-01T00:00:00,5Z", "2026-01-01 00:00:00+07:00", "2026-01-01T00:00:00.1234567Z",
    "2026-01-01T23:59:60Z", "trung-uong", "tw", "record", "void", "ab" * 32, "AB" * 32, "ab" * 31,
    0, 1, -1, 10**9, 10**9 + 1, 10**15, 10**15 + 1, 1.0, 1.5, True, False, [], {}, {"kind": "record"},
]  # fmt: skip
DROP = object()
FIELDS = [*RECORD, "hash", "extra"]
TIPS = [TIP, "", "cd" * 32]


def line_of(body: dict, ensure_ascii: bool, hashed: bool = True) -> bytes:
    """A line as `ledger._encode` writes one: the body, then its hash as the last key."""
    text = json.dumps(body, ensure_ascii=ensure_ascii, separators=(",", ":")).encode(errors="surrogatepass")
    if not hashed:
        return text + b"\n"
    return text[:-1] + b',"hash":"' + hashlib.sha256(text).hexdigest().encode() + b'"}\n'


def changed(changes: list[tuple[str, object]], ensure_ascii: bool, hashed: bool) -> bytes:
    body = dict(RECORD)
    for key, value in changes:
        if value is DROP:
            body.pop(key, None)
        else:
            body[key] = value
    return line_of(body, ensure_ascii, hashed)


def read_alike(raw: bytes, tip: str) -> bool:
    """Whether msgspec read the line; if it did, pydantic reads it too, to the same values, and it chains."""
    quick = fastread.record_reader(PLAN_LINES)(raw, tip)
    if quick is None:
        return False
    read = ledger.parse_line(raw)  # raises if pydantic refuses what msgspec took
    assert isinstance(read, ledger.Record)
    got = msgspec.structs.asdict(quick)
    assert abs(got.pop("recorded_at") - read.recorded_at).total_seconds() <= 1e-6  # msgspec rounds, pydantic cuts
    assert got == read.model_dump(exclude={"recorded_at"})
    assert read.prev == tip and read.hash and read.hash == ledger.line_hash(raw)
    return True


def test_msgspec_reads_only_what_pydantic_reads_and_as_it_does() -> None:
    """Every field changed to every odd value, one at a time; a record as kc writes it is read."""
    assert read_alike(line_of(RECORD, ensure_ascii=False), TIP)
    read = [
        read_alike(changed([(key, value)], ensure_ascii, hashed), tip)
        for key in FIELDS for value in [*ODD_VALUES, DROP]
        for ensure_ascii in (False, True) for hashed in (True, False) for tip in TIPS
    ]  # fmt: skip
    assert 0 < sum(read) < len(read) / 10


@settings(max_examples=300, deadline=None)
@given(changes=st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from([*ODD_VALUES, DROP])), max_size=3),
       ensure_ascii=st.booleans(), hashed=st.booleans(), tip=st.sampled_from(TIPS))  # fmt: skip
def test_msgspec_reads_only_what_pydantic_reads_whatever_changes_together(
    changes: list, ensure_ascii: bool, hashed: bool, tip: str
) -> None:
    read_alike(changed(changes, ensure_ascii, hashed), tip)


def test_records_as_kc_writes_them_are_read_by_msgspec(tmp_path: Path) -> None:
    """Else the fast path would be dead code and the test above would pass with nothing to check."""
    path = tmp_path / "ledger.jsonl"
    write_ledger(path)
    reader = fastread.run_reader(PLAN_LINES)
    taken: list[bytes] = []

    def read_run(lines: list[bytes], tip: str) -> list[fastread.RecordLine]:
        run = reader(lines, tip)
        taken.extend(lines[: len(run)])
        return run

    with mock.patch.object(check, "run_reader", lambda plan_lines: read_run):
        check.check(PLAN, path, processes=1)
    records = [raw for raw in path.read_bytes().splitlines(keepends=True) if json.loads(raw)["kind"] == "record"]
    assert taken == records and len(records) == 24


def chained(count: int, tip: str = TIP) -> list[bytes]:
    lines = []
    for n in range(count):
        lines.append(line_of({**RECORD, "id": f"{n:012x}", "prev": tip}, ensure_ascii=False))
        tip = json.loads(lines[-1])["hash"]
    return lines


def test_a_run_of_records_as_kc_writes_them_is_read_at_once() -> None:
    def line_reader(plan_lines: frozenset[str]) -> object:
        def read(raw: bytes, tip: str) -> None:
            raise AssertionError("a clean run was read line by line")

        return read

    with mock.patch.object(fastread, "record_reader", line_reader):
        read_run = fastread.run_reader(PLAN_LINES)
    assert [record.id for record in read_run(chained(50), TIP)] == [f"{n:012x}" for n in range(50)]


def test_lines_the_run_reader_refuses_cost_their_own_reading_not_the_rest(tmp_path: Path) -> None:
    """A ledger checked against a plan that has none of its lines (renamed, or the wrong plan): each line
    is refused and offered again with the lines after it. Reading them all again each time was quadratic
    (8 000 lines: 36 s); the lines hashed stay a few per line."""
    header, tip = ledger._encode(ledger.Header(format=1, plan=PLAN.plan.id, created_at=ledger.now()), "")
    path = tmp_path / "ledger.jsonl"
    path.write_bytes(header + b"".join(chained(400, tip)))
    with mock.patch.object(fastread, "line_hash", mock.Mock(wraps=ledger.line_hash)) as hashed:
        part = check.check_part(PLAN.plan.id, frozenset({"khong-co"}), frozenset(), path, 0, None)
    assert [code for _, code, _ in part.problems] == ["unknown_line"] * 400
    assert hashed.call_count <= 3 * 400


# One change for each condition a run is held to, and any others.
REFUSED = [("kind", "void"), ("id", "0123456789AB"), ("line", "khong-co"), ("locality", "a\u00a0b"),
           ("beneficiary", "a\x85b"), ("note", "a\u00a0b"), ("ref", "a\u200bb"), ("amount_vnd", -1)]  # fmt: skip
changes = st.one_of(
    st.tuples(st.sampled_from(REFUSED)),
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from([*ODD_VALUES, DROP])), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(run=st.lists(st.one_of(st.sampled_from(["as written", "unchained", "edited"]),
                              st.tuples(changes, st.booleans())), max_size=8))  # fmt: skip
def test_a_run_is_read_as_its_lines_are_one_by_one(run: list) -> None:
    """Records as kc writes them, chained to the line before or not, edited or changed: the run reader takes
    the first lines that the line reader takes one after another, and reads them alike."""
    lines, tip = [], TIP
    for change in run:
        if change == "as written":
            lines += chained(1, tip)
        elif change == "unchained":
            lines += chained(1, "cd" * 32)
        elif change == "edited":  # after its hash was made
            lines.append(chained(1, tip)[0].replace(b"Sa Pa", b"Sa Pb"))
        else:
            lines.append(changed([("prev", tip), ("id", f"{len(lines):012x}"), *change[0]], False, change[1]))
        tip = ledger.line_hash(lines[-1])
    one = fastread.record_reader(PLAN_LINES)
    expected, tip = [], TIP
    for raw in lines:
        record = one(raw, tip)
        if record is None:
            break
        expected.append(record)
        tip = record.hash
    assert fastread.run_reader(PLAN_LINES)(lines, TIP) == expected


@settings(max_examples=25, deadline=None)
@given(edits=edits, rehash=st.lists(st.tuples(st.integers(0, 99), st.sampled_from(FIELDS), st.sampled_from(ODD_VALUES)),
                                   max_size=3))  # fmt: skip
def test_a_check_reports_what_it_reports_reading_every_line_with_pydantic(edits: list, rehash: list) -> None:
    with tampered_ledger(edits) as (path, lines):
        for i, key, value in rehash:  # a field changed and the line hashed again: only its fields tell
            try:
                body = json.loads(lines[i % len(lines)])
            except ValueError:
                continue
            if not isinstance(body, dict):
                continue
            body.pop("hash", None)
            body[key] = value
            lines[i % len(lines)] = line_of(body, ensure_ascii=False)
        path.write_bytes(b"".join(lines))
        fast = check.check(PLAN, path, processes=1)
        with mock.patch.object(check, "run_reader", lambda plan_lines: lambda lines, tip: []):
            slow = check.check(PLAN, path, processes=1)
        assert summary(fast) == summary(slow)


def test_a_part_starting_with_an_unchained_record_reads_it_with_pydantic(tmp_path: Path) -> None:
    """Where a part starts the tip is not known: a record there whose `prev` is empty still breaks the chain."""
    path = tmp_path / "ledger.jsonl"
    write_ledger(path)
    lines = path.read_bytes().splitlines(keepends=True)
    with mock.patch.object(check, "PART_BYTES", 1):
        (_, second), _ = check._bounds(path, 2)
        first = path.read_bytes()[:second].count(b"\n")  # the second part's first line, from 0
        body = json.loads(lines[first])
        assert body.pop("kind") == "record"
        del body["hash"]
        lines[first] = line_of({**body, "prev": "", "kind": "record"}, ensure_ascii=False)
        path.write_bytes(b"".join(lines))
        assert check._bounds(path, 2)[1][0] == second
        parts = check.check(PLAN, path, processes=2)
    whole = check.check(PLAN, path, processes=1)
    assert (first + 1, "chain_broken") in {(p.line, p.code) for p in parts.problems}
    assert summary(parts) == summary(whole)
