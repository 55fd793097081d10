"""kc's performance goals, measured side by side with hledger and ledger on the same entries.

    python benchmarks/run.py [--sizes 1000,100000,1000000] [--work DIR] [--runs N]

Run it with the `kc` installed in the environment that runs it (`pip install .`, not an editable install).
Each pair of commands runs in turns, so that a busy machine weighs on both medians alike; times are whole
processes (start-up included), memory the peak resident set. Prints one Markdown table: what was measured,
kc, the peer, their ratio, the goal and whether it holds. hledger and ledger rows are left out where the
tool is not installed.
"""

import argparse
import fcntl
import os
import platform
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
KC = str(Path(sys.executable).parent / "kc")


@dataclass
class Run:
    seconds: float
    peak_mb: int
    first_line: float | None = None  # seconds until the first line of output


def run(args: list[str], env: dict[str, str], tty: bool = False, first_line: bool = False) -> Run:
    """One whole process: its wall time and peak memory (and, asked, when its first line came out)."""
    started = time.perf_counter()
    master = None
    if tty:  # a terminal of 80 columns, as an officer's
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        process = subprocess.Popen(args, env=env, stdout=slave, stderr=subprocess.DEVNULL)
        os.close(slave)
        drain = threading.Thread(target=_drain, args=(master,), daemon=True)
        drain.start()
    else:
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = None
    if not tty:
        assert process.stdout is not None
        if first_line:
            process.stdout.readline()
            first = time.perf_counter() - started
        while process.stdout.read(1 << 16):
            pass
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if master is not None:
        drain.join(timeout=10)
        os.close(master)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return Run(elapsed, usage.ru_maxrss // 1024, first)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:  # the terminal closed with the process
        pass


def medians(runs: list[Run]) -> Run:
    firsts = [r.first_line for r in runs if r.first_line is not None]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs),
               statistics.median(firsts) if firsts else None)  # fmt: skip


def in_turns(commands: list[Callable[[], Run]], times: int) -> list[Run]:
    """Each command `times` times, one after another in turns; the median of each."""
    samples: list[list[Run]] = [[] for _ in commands]
    for _ in range(times):
        for number, command in enumerate(commands):
            samples[number].append(command())
    return [medians(sample) for sample in samples]


ROWS: list[tuple[str, ...]] = []
# A payment of the first đề án generate.py writes (approved on the plan's first day, on line 1).
RECORD_PROJECT = [KC, "record", "--project", "DA-00000", "--amount", "1", "--date", "2025-06-01", "--allow-over-budget"]
APPROVE_PROJECT = [KC, "project", "add", "DA-00000", "--line", "1", "--name", "Đề án 0", "--beneficiary", "Cơ sở 0",
                   "--support", "1", "--decision", "QĐ 0/QĐ-SCT", "--date", "2021-01-01"]  # fmt: skip


def report(what: str, entries: int, kc: str, peer: str, ratio: str, goal: str, holds: bool | None) -> None:
    mark = "" if holds is None else ("✔" if holds else "✘")
    ROWS.append((what, f"{entries:,}".replace(",", "."), kc, peer, ratio, goal, mark))


def fmt(measured: Run) -> str:
    return f"{measured.seconds:.2f} s, {measured.peak_mb} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kc-bench"))
    parser.add_argument("--runs", type=int, default=15, help="turns of each pair at 1 000 entries")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    base = {k: v for k, v in os.environ.items() if not k.startswith("KC_")}
    base |= {"KC_TODAY": "2026-01-10", "KC_DATA_DIR": str(args.work / "data"), "KC_CACHE_DIR": str(args.work / "cache"),
             "COLUMNS": "80", "NO_COLOR": "1"}  # fmt: skip
    hledger, ledger = shutil.which("hledger"), shutil.which("ledger")
    for size in sizes:
        folder = args.work / str(size)
        if not (folder / "ledger.jsonl").exists():
            generate = [sys.executable, str(HERE / "generate.py"), str(size), str(folder), "--journals"]
            subprocess.run(generate, check=True)
        env = dict(base, KC_LEDGER=str(folder / "ledger.jsonl"))
        journal, budget_journal = str(folder / "hledger.journal"), str(folder / "ledger.journal")
        bal = [hledger, "-f", journal, "balance", "--budget", "-b", "2021-01-01", "-e", "2026-01-01"] if hledger else []
        run([KC, "status"], env)  # the index beside the ledger, as every later command finds it
        if size <= 10_000:
            everyday(size, folder, env, bal, [hledger, "-f", journal, "register"] if hledger else [], args.runs)
        else:
            at_scale(size, folder, env, bal, [ledger, "-f", budget_journal, "budget"] if ledger else [],
                     [hledger, "-f", journal, "check"] if hledger else [])  # fmt: skip
    forms(args.work / "forms", base)
    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{_version(hledger, 'hledger')}, {_version(ledger, 'ledger')}")  # fmt: skip
    print()
    print("| measured | entries | kc | peer | kc / peer | goal | holds |")
    print("|---|---:|---|---|---:|---|:-:|")
    for row in ROWS:
        print("| " + " | ".join(row) + " |")


def _version(tool: str | None, name: str) -> str:
    if tool is None:
        return f"{name} not installed"
    return subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.split("\n")[0].split(",")[0]


def everyday(size: int, folder: Path, env: dict[str, str], bal: list[str], register: list[str], times: int) -> None:
    """A province's size: each everyday command against its hledger counterpart, in turns."""
    grown = folder / "record.jsonl"
    shutil.copy(folder / "ledger.jsonl", grown)
    record_env = dict(env, KC_LEDGER=str(grown))
    run([KC, "status"], record_env)
    hledger_help = [register[0], "--help"] if register else []
    pairs: list[tuple[str, list[str], list[str], bool, float]] = [
        ("`kc status` (table) vs `hledger balance --budget`", [KC, "status"], bal, False, 2),
        ("`kc status --format json` vs `hledger balance --budget`", [KC, "status", "--format", "json"], bal, False, 2),
        ("`kc record` vs `hledger balance --budget`",
         [KC, "record", "4", "--amount", "1", "--date", "2025-06-01", "--allow-over-budget"], bal, False, 2.5),
        ("`kc record --project` vs `hledger balance --budget`", RECORD_PROJECT, bal, False, 2.5),
        ("`kc project list` vs `hledger register`", [KC, "project", "list"], register, False, 2),
        ("`kc log` (piped) vs `hledger register`", [KC, "log"], register, False, 2),
        ("`kc log` (terminal, 80 columns) vs `hledger register`", [KC, "log"], register, True, 2),
        ("`kc --help` vs `hledger --help`", [KC, "--help"], hledger_help, False, 2),
        ("`kc status --help` vs `hledger --help`", [KC, "status", "--help"], hledger_help, False, 2),
    ]  # fmt: skip
    for what, kc_args, peer_args, tty, goal in pairs:
        kc_env = record_env if kc_args[1] == "record" else env
        commands = [lambda a=kc_args, e=kc_env, t=tty: run(a, e, tty=t)]
        if peer_args:
            commands.append(lambda a=peer_args, t=tty: run(a, env, tty=t))
        measured = in_turns(commands, times)
        mine = measured[0]
        if len(measured) == 2:
            ratio = mine.seconds / measured[1].seconds
            report(what, size, fmt(mine), fmt(measured[1]), f"{ratio:.2f}×", f"≤ {goal}×, < 45 MB",
                   ratio <= goal and mine.peak_mb < 45)  # fmt: skip
        else:
            report(what, size, fmt(mine), "", "", "< 45 MB", mine.peak_mb < 45)


def at_scale(size: int, folder: Path, env: dict[str, str], bal: list[str], budget: list[str], check: list[str]) -> None:
    """The redesign's goals at 100 000 and 1 000 000 entries."""
    big = size >= 1_000_000
    status_json = [KC, "status", "--format", "json"]
    if big:
        mine = in_turns([lambda: run(status_json, env)], 3)[0]
        report("`kc status --format json`", size, fmt(mine), "", "", "< 2 s, < 150 MB",
               mine.seconds < 2 and mine.peak_mb < 150)  # fmt: skip
        table = in_turns([lambda: run([KC, "status"], env)], 3)[0]
        report("`kc status` (table)", size, fmt(table), "", "", "< 2 s, < 150 MB",
               table.seconds < 2 and table.peak_mb < 150)  # fmt: skip
    else:
        for what, peer, goal, test in (
            ("`kc status --format json` vs `hledger balance --budget`", bal, "≥ 10× faster", lambda r: r <= 0.1),
            ("`kc status --format json` vs `ledger budget`", budget, "faster", lambda r: r < 1),
        ):
            if peer:
                mine, theirs = in_turns([lambda: run(status_json, env), lambda p=peer: run(p, env)], 3)
                ratio = mine.seconds / theirs.seconds
                report(what, size, fmt(mine), fmt(theirs), f"{ratio:.2f}×", goal, test(ratio))
    # A write at this size against a write on an empty ledger, in turns.
    grown, empty = folder / "record.jsonl", folder / "empty" / "ledger.jsonl"
    shutil.copy(folder / "ledger.jsonl", grown)
    shutil.copy(folder / "ledger.jsonl.index", folder / "record.jsonl.index")
    shutil.rmtree(empty.parent, ignore_errors=True)
    record = [KC, "record", "4", "--amount", "1", "--date", "2025-06-01", "--allow-over-budget"]
    grown_env, empty_env = dict(env, KC_LEDGER=str(grown)), dict(env, KC_LEDGER=str(empty))
    run(record, grown_env)
    run(record, empty_env)
    run(APPROVE_PROJECT, empty_env)  # the đề án the grown ledger has, on the empty one
    for what, args_ in (("`kc record`", record), ("`kc record --project`", RECORD_PROJECT)):
        full, bare = in_turns([lambda a=args_: run(a, grown_env), lambda a=args_: run(a, empty_env)], 9)
        ratio = full.seconds / bare.seconds
        report(f"{what} vs the same on an empty ledger", size, fmt(full), fmt(bare), f"{ratio:.2f}×", "≤ 1.2×",
               ratio <= 1.2)  # fmt: skip
    # check: every line read again, against hledger's
    times = 1 if big else 3
    commands = [lambda: run([KC, "check"], env)] + ([lambda: run(check, env)] if check else [])
    measured = in_turns(commands, times)
    goal = "faster, < 500 MB" if big else "faster"
    if len(measured) == 2:
        ratio = measured[0].seconds / measured[1].seconds
        holds = ratio < 1 and (measured[0].peak_mb < 500 or not big)
        report("`kc check` vs `hledger check`", size, fmt(measured[0]), fmt(measured[1]), f"{ratio:.2f}×", goal, holds)
    # import of the same entries as CSV rows, into a new ledger
    imported = folder / "imported" / "ledger.jsonl"
    import_env = dict(env, KC_LEDGER=str(imported))
    import_args = [KC, "import", str(folder / "import.csv"), "--allow-over-budget", "--allow-outside-period"]

    def fresh_import() -> Run:
        shutil.rmtree(imported.parent, ignore_errors=True)
        return run(import_args, import_env)

    measured_import = in_turns([fresh_import], times)[0]
    goal, holds = ("< 500 MB", measured_import.peak_mb < 500) if big else ("< 15 s", measured_import.seconds < 15)
    report("`kc import` (CSV rows, new ledger)", size, fmt(measured_import), "", "", goal, holds)
    if not big:
        xlsx = [KC, "export", "--format", "xlsx", "--entries", "--output", str(folder / "entries.xlsx")]
        exported = in_turns([lambda: run(xlsx, env)], 3)[0]
        report("`kc export --format xlsx --entries`", size, fmt(exported), "", "", "< 10 s", exported.seconds < 10)
        log = in_turns([lambda: run([KC, "log"], env, first_line=True)], 3)[0]
        assert log.first_line is not None
        report("`kc log` (piped): first line; whole log", size, f"{log.first_line:.2f} s; {fmt(log)}", "", "",
               "first line < 0.5 s, memory flat (< 45 MB)", log.first_line < 0.5 and log.peak_mb < 45)  # fmt: skip


FORM_PROJECTS = 1_000


def forms(folder: Path, base: dict[str, str]) -> None:
    """A unit's form with 1 000 open đề án: written against `kc export --format xlsx` of the same ledger, and
    imported filled (a payment a row) against a CSV import of the same payments, each into a copy of the
    ledger."""
    import csv

    from openpyxl import load_workbook

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = dict(base, KC_LEDGER=str(folder / "ledger.jsonl"), KC_TODAY="2025-06-10")
    with (folder / "danh-muc.csv").open("w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle, delimiter=";")
        rows.writerow(["Mã đề án", "Tên đề án", "Nội dung", "Đơn vị thụ hưởng", "Kinh phí hỗ trợ", "Quyết định",
                       "Ngày"])  # fmt: skip
        for n in range(FORM_PROJECTS):
            rows.writerow([f"DA-{n:04d}", f"Đề án {n}", str(n % 10 + 1), f"Cơ sở {n}", "1", f"QĐ {n}", "01/03/2025"])
    subprocess.run([KC, "import", str(folder / "danh-muc.csv"), "--allow-over-budget"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    form, export = folder / "bieu-mau.xlsx", folder / "tong-hop.xlsx"
    template = [KC, "template", "progress", "--output", str(form), "--as-of", "25/06/2025"]
    xlsx = [KC, "export", "--format", "xlsx", "--output", str(export)]
    written, exported = in_turns([lambda: run(template, env), lambda: run(xlsx, env)], 5)
    ratio = written.seconds / exported.seconds
    report("`kc template progress` vs `kc export --format xlsx`", FORM_PROJECTS, fmt(written), fmt(exported),
           f"{ratio:.2f}×", "≤ 2×", ratio <= 2)  # fmt: skip
    book = load_workbook(form)
    sheet = book.worksheets[1]
    with (folder / "thanh-toan.csv").open("w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle, delimiter=";")
        rows.writerow(["Ngày", "Mã đề án", "Số tiền"])
        for row in range(6, 6 + FORM_PROJECTS):
            code = sheet[f"B{row}"].value
            sheet[f"I{row}"], sheet[f"K{row}"] = 0.5, datetime(2025, 6, 2)
            rows.writerow(["02/06/2025", code, "0,5"])
    book.save(folder / "bao-cao.xlsx")
    ledger = folder / "ledger.jsonl"

    def imported(name: str) -> Run:
        copy = folder / "copy" / "ledger.jsonl"
        shutil.rmtree(copy.parent, ignore_errors=True)
        copy.parent.mkdir()
        shutil.copy(ledger, copy)
        shutil.copy(ledger.with_name("ledger.jsonl.index"), copy.with_name("ledger.jsonl.index"))
        return run([KC, "import", str(folder / name), "--allow-over-budget"], dict(env, KC_LEDGER=str(copy)))

    filled, plain = in_turns([lambda: imported("bao-cao.xlsx"), lambda: imported("thanh-toan.csv")], 5)
    ratio = filled.seconds / plain.seconds
    report("`kc import` of the filled form vs of the same payments in CSV", FORM_PROJECTS, fmt(filled), fmt(plain),
           f"{ratio:.2f}×", "≤ 2×", ratio <= 2)  # fmt: skip


if __name__ == "__main__":
    main()
