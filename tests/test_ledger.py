"""A ledger you can trust: torn tails, malformed lines, the hash chain, failed writes, odd paths."""

import errno
import json
import os
from pathlib import Path

import pytest

from kc_tracker import ledger as ledger_mod

from .conftest import Kc


def spent(kc: Kc, line_id: str = "may-moc-thiet-bi") -> int:
    status = kc.json("status", "--format", "json")
    return next(x for x in status["lines"] if x["id"] == line_id)["spent_vnd"]


@pytest.fixture
def three(kc: Kc, ledger_path: Path) -> list[dict]:
    """A ledger with a header and three records (file lines 2, 3 and 4)."""
    return [kc.json("record", "4", "--amount", str(n), "--format", "json") for n in (100, 200, 300)]


def test_file_layout_is_a_header_then_one_object_per_line(three: list[dict], ledger_path: Path) -> None:
    lines = ledger_path.read_bytes().splitlines()
    header = json.loads(lines[0])
    assert header["kind"] == "header" and header["format"] == 1 and header["plan"] == "lao-cai-2021-2025"
    records = [json.loads(raw) for raw in lines[1:]]
    assert [r["amount_vnd"] for r in records] == [100_000_000, 200_000_000, 300_000_000]
    assert [r["prev"] for r in records] == [header["hash"], records[0]["hash"], records[1]["hash"]]
    assert ledger_path.read_bytes().endswith(b"\n")


def test_torn_last_line_is_ignored_with_a_warning_then_moved_aside(
    kc: Kc, three: list[dict], ledger_path: Path
) -> None:
    torn = b'{"prev":"abc","kind":"record","id":"ffffffffffff","line":"may-moc'
    with ledger_path.open("ab") as handle:
        handle.write(torn)
    result = kc("status", "--format", "json")
    assert json.loads(result.stdout)["totals"]["spent_vnd"] == 600_000_000
    assert ".torn" in result.stderr
    assert kc("check").exit_code == 0
    kc("record", "4", "--amount", "1")
    aside = ledger_path.with_name("ledger.jsonl.torn").read_bytes()
    assert torn in aside
    assert torn not in ledger_path.read_bytes()
    assert spent(kc) == 601_000_000
    assert "sổ theo dõi hợp lệ" in kc("check").stdout


@pytest.mark.parametrize(
    "replacement",
    [b"not json at all\n", b'{"kind":"record"}\n', b"\n", b'{"kind":"record","id":"x"\n'],
)
def test_malformed_line_is_refused_by_every_command(
    kc: Kc, three: list[dict], ledger_path: Path, replacement: bytes
) -> None:
    lines = ledger_path.read_bytes().splitlines(keepends=True)
    lines[2] = replacement
    ledger_path.write_bytes(b"".join(lines))
    before = ledger_path.read_bytes()
    for args in (["status"], ["log"], ["export", "--format", "json"], ["record", "4", "--amount", "1"],
                 ["void", three[0]["id"], "--reason", "x"]):  # fmt: skip
        result = kc(*args, code=1)
        assert str(ledger_path) in result.stderr and "3" in result.stderr, (args, result.stderr)
    checked = kc("check", code=1)
    assert f"{ledger_path}:3:" in checked.stdout
    assert ledger_path.read_bytes() == before


def test_an_edited_figure_is_pinned_to_its_line(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8").replace('"amount_vnd":200000000', '"amount_vnd":20000000')
    ledger_path.write_text(text, encoding="utf-8")
    result = kc("status", "--format", "json")  # still reports, but warns
    assert json.loads(result.stdout)["totals"]["spent_vnd"] == 420_000_000
    assert "kc check" in result.stderr
    checked = kc.json("check", "--format", "json", code=1)
    assert checked["ok"] is False
    assert [(p["line"], p["code"]) for p in checked["problems"]] == [(3, "chain_edited")]
    assert kc("check", code=1).stdout.startswith(f"{ledger_path}:3:")


def test_a_deleted_line_breaks_the_chain_where_it_was(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    lines = ledger_path.read_bytes().splitlines(keepends=True)
    ledger_path.write_bytes(b"".join(lines[:2] + lines[3:]))
    problems = kc.json("check", "--format", "json", code=1)["problems"]
    assert [(p["line"], p["code"]) for p in problems] == [(3, "chain_broken")]


def test_reordered_and_inserted_lines_break_the_chain(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    lines = ledger_path.read_bytes().splitlines(keepends=True)
    ledger_path.write_bytes(b"".join([lines[0], lines[2], lines[1], lines[3]]))
    assert {p["code"] for p in kc.json("check", "--format", "json", code=1)["problems"]} == {"chain_broken"}
    ledger_path.write_bytes(b"".join([*lines[:2], lines[1], *lines[2:]]))
    problems = kc.json("check", "--format", "json", code=1)["problems"]
    assert (3, "duplicate_id") in [(p["line"], p["code"]) for p in problems]
    assert (3, "chain_broken") in [(p["line"], p["code"]) for p in problems]


def test_check_prints_the_tip_and_recomputed_totals(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    kc("void", three[0]["id"], "--reason", "nhầm")
    report = kc.json("check", "--format", "json")
    last = json.loads(ledger_path.read_bytes().splitlines()[-1])
    assert report == report | {"ok": True, "records": 3, "voids": 1, "spent_vnd": 500_000_000, "tip": last["hash"]}
    assert last["hash"] in kc("check").stdout


def test_check_of_a_ledger_that_is_not_there_fails(kc: Kc, ledger_path: Path) -> None:
    """A cron job with a typo in its ledger's path must not pass."""
    result = kc("check", code=1)
    assert f"không có sổ theo dõi ở {ledger_path}" in result.stderr
    assert not ledger_path.exists()


def test_entry_on_a_line_the_plan_lost_is_shown_and_reported(kc: Kc, three: list[dict], plan_path: Path) -> None:
    kc("record", "tu-van", "--amount", "5", "--count", "1")
    text = plan_path.read_text(encoding="utf-8")
    start = text.index('[[lines]]\nid = "tu-van"')
    end = text.index("[[lines]]", start + 1)
    plan_path.write_text(text[:start] + text[end:], encoding="utf-8")
    status = kc.json("status", "--format", "json")
    assert [x["id"] for x in status["unplanned_lines"]] == ["tu-van"]
    assert status["unplanned_lines"][0]["spent_vnd"] == 5_000_000
    assert status["totals"]["spent_vnd"] == 605_000_000  # still counted: the money was spent
    assert "tu-van" in kc("status").stdout
    checked = kc("check", code=1).stdout
    assert "tu-van" in checked and ":5:" in checked


def test_failed_fsync_is_a_failed_write(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    before = ledger_path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_mod.os, "fsync", broken_fsync)
        result = kc("record", "4", "--amount", "7", code=1)
    assert str(ledger_path) in result.stderr
    assert ledger_path.read_bytes() == before
    assert spent(kc) == 600_000_000


def test_disk_full_mid_write_leaves_totals_unchanged(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    """The kernel writes part of the line, then the disk is full: the partial line must not stay."""
    before = ledger_path.read_bytes()
    real_write = os.write
    calls = []

    def half_then_full(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_mod.os, "write", half_then_full)
        result = kc("record", "4", "--amount", "7", code=1)
    assert "ổ đĩa đã đầy" in result.stderr and "Chưa ghi sổ gì" in result.stderr
    assert os.strerror(errno.ENOSPC) not in result.stderr  # the cause in Vietnamese, not the OS's English
    assert len(calls) == 2
    assert ledger_path.read_bytes() == before
    kc("record", "4", "--amount", "7")
    assert spent(kc) == 607_000_000
    assert kc.json("check", "--format", "json")["ok"] is True


def test_ledger_path_that_is_a_folder(kc: Kc, isolated: Path) -> None:
    folder = isolated / "folder"
    folder.mkdir()
    for args in (["status"], ["record", "4", "--amount", "1"], ["check"]):
        result = kc(*args, "--ledger", str(folder), code=1)
        assert str(folder) in result.stderr + result.stdout


def test_ledger_path_under_a_file(kc: Kc, isolated: Path) -> None:
    blocker = isolated / "blocker"
    blocker.write_text("x")
    result = kc("record", "4", "--amount", "1", "--ledger", str(blocker / "ledger.jsonl"), code=1)
    assert str(blocker) in result.stderr


def test_read_only_disk(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    before = ledger_path.read_bytes()

    def read_only(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger_mod.os, "open", read_only)
        result = kc("record", "4", "--amount", "1", code=1)
    assert "ổ đĩa chỉ cho phép đọc" in result.stderr and os.strerror(errno.EROFS) not in result.stderr
    assert ledger_path.read_bytes() == before


def test_unknown_format_version_is_refused(kc: Kc, three: list[dict], ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8").replace('"format":1', '"format":9', 1)
    ledger_path.write_text(text, encoding="utf-8")
    assert "9" in kc("status", code=1).stderr
