import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from kc_tracker.cli import app
from kc_tracker.plan import bundled_plan_path

TODAY = "2024-06-25"

# Property tests judge correctness, not speed: no per-example deadline on a busy 2-core CI machine.
settings.register_profile("kc", deadline=None)
settings.load_profile("kc")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own plan copy, ledger path, data and cache folders: nothing touches the real home."""
    plan = tmp_path / "plan.toml"
    shutil.copy(bundled_plan_path(), plan)
    monkeypatch.setenv("KC_PLAN", str(plan))
    monkeypatch.setenv("KC_LEDGER", str(tmp_path / "data" / "ledger.jsonl"))
    monkeypatch.setenv("KC_DATA_DIR", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("KC_CACHE_DIR", str(tmp_path / "home" / "cache"))
    monkeypatch.setenv("KC_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("KC_LANG", raising=False)
    return tmp_path


@pytest.fixture
def ledger_path(isolated: Path) -> Path:
    return isolated / "data" / "ledger.jsonl"


@pytest.fixture
def plan_path(isolated: Path) -> Path:
    return isolated / "plan.toml"


class Kc:
    """Runs the real Typer app in-process and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0) -> Any:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        if code is not None:
            assert result.exit_code == code, (args, result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: str, code: int | None = 0) -> Any:
        return json.loads(self(*args, code=code).stdout)


@pytest.fixture
def kc() -> Kc:
    return Kc()


def kc_executable() -> str:
    """The installed console script, beside the interpreter running the tests."""
    candidate = Path(sys.executable).parent / ("kc.exe" if os.name == "nt" else "kc")
    found = str(candidate) if candidate.exists() else shutil.which("kc")
    assert found, "the kc console script is not installed"
    return found


@pytest.fixture
def run_kc() -> Callable[..., subprocess.CompletedProcess[str]]:
    exe = kc_executable()

    def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, encoding="utf-8", timeout=120, **kwargs)

    return run


def write_csv(path: Path, rows: list[list[str]], sep: str = ",", bom: bool = True, crlf: bool = False) -> Path:
    """A CSV as spreadsheet programs write one: every separator, quotes where a cell needs them."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return path


def line_of(status: dict, line_id: str) -> dict:
    return next(x for x in status["lines"] if x["id"] == line_id)
