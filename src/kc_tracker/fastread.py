"""Record lines as kc writes them, read without pydantic: for `kc check`, which reads every line.

msgspec reads a record line in a quarter of pydantic's time. It is trusted only where its answer
is pydantic's: it accepts a subset of the lines `ledger.Record` accepts, and of those it reads
the same values (but for times beyond microseconds, which msgspec rounds and nothing here uses).
A line it refuses is not judged here: pydantic reads it, and its verdict and message stand.
The subset, for a line that continues a chain whose tip is a hash already verified:
- its kind is "record" (every time the key occurs; pydantic reads the last), and no key is unknown;
- ids are lowercase hex (`str.strip`) of their length; text lengths, amounts and counts in their
  ranges; dates and times RFC 3339, which pydantic reads too;
- its texts are `str.isprintable()`: no control characters, as `_PRINTABLE` asks (and no other
  rare ones: a line with a no-break space, say, is read by pydantic);
- its plan line is one of the plan's, whose ids are valid `Id`s;
- its `prev` is the tip and its `hash` the line's own: both then lowercase hex, as `Hash` asks.
tests/test_fastread.py holds it to this against pydantic on lines of every shape.

A check reads runs of lines (`run_reader`): the conditions are checked for many lines at once, in
list comprehensions, which cost a third of a call per line, in windows that double while every line
is read; a window with a line refused (the next void, say) is read again one by one, up to that line.
"""

import itertools
import operator
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from kc_tracker.ledger import LONG_TEXT_MAX, SHORT_TEXT_MAX, line_hash

_HEX = "0123456789abcdef"
_texts = operator.attrgetter("locality", "beneficiary", "note", "ref")  # a run's, joined: 0.35 µs a line, not 0.55
_Vnd = Annotated[int, msgspec.Meta(ge=0, le=10**15)]
_ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=SHORT_TEXT_MAX)]


class RecordLine(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """`ledger.Record`'s fields, read by msgspec; only `record_reader` makes these."""

    kind: Literal["record"]
    id: Annotated[str, msgspec.Meta(min_length=12, max_length=12)]
    line: str
    date: date
    amount_vnd: _Vnd
    recorded_at: datetime
    count: Annotated[int, msgspec.Meta(ge=0, le=10**9)] | None = None
    locality: _ShortText | None = None
    beneficiary: _ShortText | None = None
    note: Annotated[str, msgspec.Meta(min_length=1, max_length=LONG_TEXT_MAX)] | None = None
    ref: _ShortText | None = None
    source: Literal["trung-uong", "dia-phuong"] | None = None
    counterpart_vnd: _Vnd | None = None
    prev: str = ""
    hash: str = ""


def record_reader(plan_lines: frozenset[str]) -> Callable[[bytes, str], RecordLine | None]:
    """A reader of record lines for a plan of these line ids: given a line and the chain's tip,
    the record, or None for a line pydantic must read."""
    decode = msgspec.json.Decoder(RecordLine).decode

    def read(raw: bytes, tip: str) -> RecordLine | None:
        try:
            record = decode(raw)
        except (msgspec.DecodeError, UnicodeDecodeError):  # msgspec's ValidationError is a DecodeError
            return None
        if (
            record.prev == tip
            and record.line in plan_lines
            and not record.id.strip(_HEX)
            and f"{record.locality}{record.beneficiary}{record.note}{record.ref}".isprintable()  # None is too
            and record.hash
            and record.hash == line_hash(raw)
        ):
            return record
        return None

    return read


def run_reader(plan_lines: frozenset[str]) -> Callable[[Sequence[bytes], str], list[RecordLine]]:
    """A reader of runs of lines: given lines and the chain's tip before them, the records of the
    longest first lines that `record_reader` reads one after another (its tip then the last hash)."""
    decode = msgspec.json.Decoder(RecordLine).decode
    read = record_reader(plan_lines)

    def read_all(lines: Sequence[bytes], tip: str) -> list[RecordLine] | None:
        """The records of all these lines, if `record_reader` reads every one of them, in turn."""
        try:
            records = [decode(raw) for raw in lines]
        except (msgspec.DecodeError, UnicodeDecodeError):
            return None
        hashes = [line_hash(raw) for raw in lines]
        if (
            [record.prev for record in records] == [tip, *hashes[:-1]]
            and {record.line for record in records} <= plan_lines
            and not "".join([record.id for record in records]).strip(_HEX)  # each id is 12 characters
            and "".join(filter(None, itertools.chain.from_iterable(map(_texts, records)))).isprintable()
            and all(hashes)
            and [record.hash for record in records] == hashes
        ):
            return records
        return None

    def read_run(lines: Sequence[bytes], tip: str) -> list[RecordLine]:
        # Windows that double while every line is read: a run costs about its own lines' reading, and
        # a refused line (offered again with the lines after it) costs its own, not theirs.
        taken: list[RecordLine] = []
        size = 1
        while len(taken) < len(lines):
            window = lines[len(taken) : len(taken) + size]
            records = read_all(window, tip)
            if records is None:  # the lines before the one refused, one by one
                for raw in window:
                    record = read(raw, tip)
                    if record is None:
                        return taken
                    taken.append(record)
                    tip = record.hash
                continue
            taken += records
            tip = records[-1].hash
            size *= 2
        return taken

    return read_run
