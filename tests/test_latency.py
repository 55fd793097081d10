"""Start-up is design: each command imports only what it uses (times are measured in `benchmarks/`, not here).

`python -X importtime` lists every module a real `kc` process imports; the everyday commands must not pull
in the libraries of the others (Rich, the spreadsheet and Word writers, Pydantic once the plan is cached).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Kc

HEAVY = {"rich", "openpyxl", "xlsxwriter", "docx", "pydantic", "kc_tracker.export", "kc_tracker.document"}


def imported(*args: str) -> set[str]:
    """The modules a `kc` process imports (second run: the plan is cached and the index beside the ledger)."""
    command = [sys.executable, "-X", "importtime", "-m", "kc_tracker", *args]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line.split("|") for line in result.stderr.splitlines() if line.startswith("import time:")]
    return {parts[2].strip() for parts in lines[1:] if len(parts) == 3}


@pytest.fixture
def entries(kc: Kc) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--locality", "Sa Pa")
    kc("record", "6", "--amount", "35", "--count", "1")


@pytest.mark.parametrize(
    ("args", "also_not"),
    [
        (["status", "--format", "json"], {"kc_tracker.render", "kc_tracker.wording"}),
        (["status"], set()),
        (["log"], set()),
        (["log", "--format", "json"], {"kc_tracker.render"}),
        (["record", "4", "--amount", "1", "--dry-run"], {"kc_tracker.render", "kc_tracker.report"}),
        (["--help"], {"sqlite3", "kc_tracker.report", "kc_tracker.store", "kc_tracker.plan"}),
        (["status", "--help"], {"sqlite3", "kc_tracker.report", "kc_tracker.store"}),
    ],
)
def test_an_everyday_command_imports_only_what_it_uses(entries: None, args: list[str], also_not: set[str]) -> None:
    modules = imported(*args)
    assert "kc_tracker.cli.core" in modules  # the list is read right
    loaded = {name for name in modules if name in HEAVY | also_not or name.split(".")[0] in HEAVY}
    assert loaded == set(), args


def test_the_check_can_fail(entries: None, isolated: Path) -> None:
    """What an export needs, an export imports: the same reading sees it."""
    modules = imported("export", "--format", "xlsx", "--output", str(isolated / "x.xlsx"))
    assert {"xlsxwriter", "kc_tracker.export"} <= modules
