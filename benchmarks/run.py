"""Time kc on generated ledgers, side by side with hledger and ledger when they are installed.

    python benchmarks/run.py [--sizes 1000,10000,100000,1000000] [--work DIR] [--rivals-up-to N]

Prints one Markdown table: for each command and size, the median wall time of whole processes
and the peak memory (max RSS), and for the budget reports of hledger and ledger on the same
postings, their time and the ratio to `kc status --format json`. Run it with the `kc` installed
in the same environment (not an editable install: Python then compiles kc's modules at every start).
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KC = str(Path(sys.executable).parent / "kc")


def run(args: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return elapsed, usage.ru_maxrss // 1024


def measure(args: list[str], env: dict[str, str], runs: int, before: object = None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        elapsed, peak = run(args, env)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def measure_pair(
    args: list[str], env_a: dict[str, str], env_b: dict[str, str], runs: int
) -> tuple[tuple[float, int], tuple[float, int]]:
    """The same command in two environments, run in turns: (median time, peak memory) of each."""
    a, b = [], []
    for _ in range(runs):
        a.append(run(args, env_a))
        b.append(run(args, env_b))
    return (statistics.median(t for t, _ in a), max(m for _, m in a)), (
        statistics.median(t for t, _ in b),
        max(m for _, m in b),
    )


def fmt(seconds: float, peak: int) -> str:
    return f"{seconds:.2f} s, {peak} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kc-bench"))
    parser.add_argument("--rivals-up-to", type=int, default=100_000, help="largest size for hledger and ledger")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows: dict[str, dict[int, str]] = {}
    # Bytecode caching stays on, as on an officer's machine.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"KC_TODAY": "2026-01-10"}

    def put(name: str, size: int, text: str) -> None:
        rows.setdefault(name, {})[size] = text

    for size in sizes:
        folder = args.work / str(size)
        if not (folder / "ledger.jsonl").exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(size), str(folder), "--journals"], check=True
            )
        ledger = folder / "ledger.jsonl"
        runs = 5 if size <= 100_000 else 3
        size_env = dict(env, KC_LEDGER=str(ledger))
        for stale in (ledger.with_name("ledger.jsonl.index"),):
            stale.unlink(missing_ok=True)
        build, peak = run([KC, "status", "--format", "json"], size_env)
        put("index build (first `kc status`)", size, fmt(build, peak))
        status = measure([KC, "status", "--format", "json"], size_env, runs)
        put("`kc status --format json`", size, fmt(*status))
        empty = folder / "empty"
        shutil.rmtree(empty, ignore_errors=True)
        empty_env = dict(env, KC_LEDGER=str(empty / "ledger.jsonl"))
        record_args = [KC, "record", "4", "--amount", "1", "--date", "2025-06-01", "--allow-over-budget"]
        run(record_args, empty_env)  # the empty ledger's first write creates it
        # A write is short and start-up dominates it: more runs, alternating between the two ledgers so
        # that the machine's own drift (a shared host) weighs on both medians alike.
        on_empty, on_full = measure_pair(record_args, empty_env, size_env, 9)
        put("`kc record` (ratio to an empty ledger)", size, f"{fmt(*on_full)} ({on_full[0] / on_empty[0]:.2f}×)")
        put("`kc check`", size, fmt(*measure([KC, "check"], size_env, 3 if size >= 1_000_000 else runs)))
        if size <= 100_000:

            def fresh(target: Path = folder / "imported") -> None:
                shutil.rmtree(target, ignore_errors=True)

            import_env = dict(env, KC_LEDGER=str(folder / "imported" / "ledger.jsonl"))
            import_args = [KC, "import", str(folder / "import.csv"), "--allow-over-budget", "--allow-outside-period"]
            put("`kc import` (CSV rows)", size, fmt(*measure(import_args, import_env, 3, before=fresh)))
            into = folder / "grown"
            into_env = dict(env, KC_LEDGER=str(into / "ledger.jsonl"))

            def copied(source: Path = folder, target: Path = into, copy_env: dict[str, str] = into_env) -> None:
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir()
                shutil.copy(source / "ledger.jsonl", target / "ledger.jsonl")
                run([KC, "status"], copy_env)  # its index, as a monthly import meets it (a copy is a new file)

            put("`kc import` into a ledger of that size", size, fmt(*measure(import_args, into_env, 3, before=copied)))
            xlsx = [KC, "export", "--format", "xlsx", "--entries", "--output", str(folder / "entries.xlsx")]
            put("`kc export --format xlsx --entries`", size, fmt(*measure(xlsx, size_env, 3)))
        if size <= args.rivals_up_to:
            for name, command in (
                ("hledger balance --budget", ["hledger", "-f", str(folder / "hledger.journal"), "balance", "--budget",
                                              "-b", "2021-01-01", "-e", "2026-01-01"]),
                ("ledger budget", ["ledger", "-f", str(folder / "ledger.journal"), "budget"]),
            ):  # fmt: skip
                if shutil.which(command[0]):
                    rival = measure(command, env, 3)
                    put(f"`{name}` (ratio to kc status)", size, f"{fmt(*rival)} ({rival[0] / status[0]:.1f}×)")
    startup = {
        "`python -c 'import typer'`": [sys.executable, "-c", "import typer"],
        "`kc --version`": [KC, "--version"],
        "`kc --help`": [KC, "--help"],
    }
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in startup}
    for _ in range(15):  # in turns, as for `kc record`
        for name, command in startup.items():
            samples[name].append(run(command, env))
    baseline = None
    for name, runs in samples.items():
        seconds, peak = statistics.median(t for t, _ in runs), max(m for _, m in runs)
        baseline = baseline or seconds
        put(name, sizes[0], f"{fmt(seconds, peak)} ({seconds / baseline:.2f}×)")

    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| command | " + " | ".join(f"{size:,} entries" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name, cells in rows.items():
        print(f"| {name} | " + " | ".join(cells.get(size, "") for size in sizes) + " |")


if __name__ == "__main__":
    main()
