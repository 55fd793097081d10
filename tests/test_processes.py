"""Real processes of the installed `kc`: concurrent writers, kill -9, file-size limits, lock timeouts.

A process is killed with `Popen.kill()`: SIGKILL on POSIX, TerminateProcess on Windows, both giving it no
chance to clean up."""

import json
import os
import random
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kc_tracker.store import locked

from .conftest import kc_executable

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX resource limits")

# A writer that records in a loop through the real CLI code and acknowledges each record
# on stdout only after `kc record` returned: what was acknowledged must survive anything.
WRITER = textwrap.dedent(
    """
    import sys
    from kc_tracker.cli import app
    tag, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        ref = f"{tag}-{i}"
        app(["record", "4", "--amount", "1", "--count", "1", "--ref", ref, "--lock-timeout", "60"],
            standalone_mode=False)
        print("ack", ref, flush=True)
    """
)


def start_writer(tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, tag, str(count)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def logged_refs(run_kc: Callable[..., subprocess.CompletedProcess[str]]) -> list[str]:
    result = run_kc("log", "--format", "json")
    assert result.returncode == 0, result.stderr
    return [row["ref"] for row in json.loads(result.stdout)]


def test_installed_kc_records_and_reports(run_kc: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    assert run_kc("--version").stdout.startswith("kc ")
    recorded = run_kc("record", "9", "--amount", "1.200", "--count", "2", "--format", "json")
    assert recorded.returncode == 0, recorded.stderr
    status = json.loads(run_kc("status", "--format", "json").stdout)
    assert status["lines"][8]["spent_vnd"] == 1_200_000_000 and status["lines"][8]["remaining_count"] == 22
    table = run_kc("status")
    assert "Cụm" in table.stdout or "cụm" in table.stdout
    refused = run_kc("record", "9", "--amount", "1.5")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and "1,5" in refused.stderr


def test_four_writers_at_once_lose_nothing(run_kc: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    writers = [start_writer(f"p{n}", 40) for n in range(4)]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert out.count("ack") == 40
    refs = logged_refs(run_kc)
    assert len(refs) == 160 and len(set(refs)) == 160
    entries = json.loads(run_kc("log", "--format", "json").stdout)
    assert len({row["id"] for row in entries}) == 160
    status = json.loads(run_kc("status", "--format", "json").stdout)
    assert status["lines"][3]["spent_vnd"] == 160_000_000 and status["lines"][3]["done_count"] == 160
    check = json.loads(run_kc("check", "--format", "json").stdout)
    assert check["ok"] is True and check["records"] == 160


def test_kill_9_never_loses_an_acknowledged_record(
    run_kc: Callable[..., subprocess.CompletedProcess[str]], ledger_path: Path
) -> None:
    rng = random.Random(20240625)
    acknowledged: set[str] = set()
    for round_ in range(8):
        writer = start_writer(f"k{round_}", 1000)
        time.sleep(rng.uniform(0.3, 1.2))
        writer.kill()
        out, _ = writer.communicate(timeout=60)
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("ack ")}
        status = run_kc("status", "--format", "json")
        assert status.returncode == 0, status.stderr  # the ledger always loads
        present = set(logged_refs(run_kc))
        assert acknowledged <= present
        assert json.loads(status.stdout)["lines"][3]["spent_vnd"] == len(present) * 1_000_000
    assert acknowledged, "the writer never got to record anything"
    assert run_kc("record", "1", "--amount", "1").returncode == 0  # a write after the crashes leaves it clean
    check = json.loads(run_kc("check", "--format", "json").stdout)
    assert check["ok"] is True and check["warnings"] == []


@posix_only
def test_file_size_limit_fails_cleanly(
    run_kc: Callable[..., subprocess.CompletedProcess[str]], ledger_path: Path
) -> None:
    import resource

    assert run_kc("record", "4", "--amount", "100").returncode == 0
    before = ledger_path.read_bytes()
    limit = len(before) + 40  # room for part of a line, not all of it

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = run_kc("record", "4", "--amount", "200", "--note", "x" * 200, preexec_fn=limited)
    assert result.returncode == 1, result.stderr
    assert str(ledger_path) in result.stderr and "Traceback" not in result.stderr
    assert ledger_path.read_bytes() == before
    assert run_kc("record", "4", "--amount", "300").returncode == 0
    status = json.loads(run_kc("status", "--format", "json").stdout)
    assert status["lines"][3]["spent_vnd"] == 400_000_000
    assert json.loads(run_kc("check", "--format", "json").stdout)["ok"] is True


def test_a_held_lock_ends_in_a_clear_message_not_a_hang(
    run_kc: Callable[..., subprocess.CompletedProcess[str]], ledger_path: Path
) -> None:
    ledger_path.parent.mkdir(parents=True)
    lock_file = ledger_path.with_name("ledger.jsonl.lock")
    with locked(ledger_path, timeout=5):
        started = time.monotonic()
        result = run_kc("record", "4", "--amount", "1", "--lock-timeout", "0.5")
        elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert str(lock_file) in result.stderr and "--lock-timeout" in result.stderr
    assert elapsed < 30
    assert not ledger_path.exists()
    assert run_kc("record", "4", "--amount", "1").returncode == 0
    assert lock_file.exists()  # the lock file stays: deleting it would break mutual exclusion


def test_kill_9_during_import_leaves_none_or_all_rows(
    run_kc: Callable[..., subprocess.CompletedProcess[str]], isolated: Path
) -> None:
    rows = 3000
    source = isolated / "nhap.csv"
    lines = ["date,line,amount_vnd,count,beneficiary"]
    lines += [
        f"2023-{1 + i % 12:02d}-{1 + i % 28:02d},{1 + i % 9},{10_000 * (1 + i % 50)},1,HTX {i}" for i in range(rows)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rng = random.Random(7)
    exe = kc_executable()
    for _ in range(6):  # each kill lands anywhere: before, during or after the write (the ledger's own
        # reading of a batch cut at every byte is tested in test_index.py, where no timing decides)
        process = subprocess.Popen([exe, "import", str(source), "--allow-over-budget"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.2, 1.5))
        process.kill()
        process.wait(timeout=60)
        status = run_kc("status", "--format", "json")
        assert status.returncode == 0, status.stderr
        done = sum(line["done_count"] or 0 for line in json.loads(status.stdout)["lines"])
        assert done in (0, rows)
    finished = run_kc("import", str(source), "--allow-over-budget")
    assert finished.returncode == 0, finished.stderr
    final = json.loads(run_kc("status", "--format", "json").stdout)
    assert sum(line["done_count"] or 0 for line in final["lines"]) == rows  # and never twice
    assert json.loads(run_kc("check", "--format", "json").stdout)["ok"] is True
