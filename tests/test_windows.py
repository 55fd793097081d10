"""Windows, where the officers are: files open in Excel, the classic console, PowerShell, Task Scheduler.

CI runs on Linux, so each Windows behaviour is driven the way Windows would drive it: `sys.platform` set to
"win32" (with msvcrt's byte lock played by POSIX's), an OSError carrying the `winerror` Windows gives, a
console that is a terminal in text mode, a Store Python's `sys.executable`. Every test goes through the
real CLI: the Typer app in-process, or `main`, the console script's own entry point.
"""

import ctypes
import io
import json
import ntpath
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click.core
import click.utils
import platformdirs
import pytest
import typer.core

from kc_tracker import store, winfiles
from kc_tracker.cli import main

from .conftest import Kc, line_of

BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file held by another program is tried again as often as on Windows, without the waits."""
    monkeypatch.setattr(winfiles, "WAITS", (0.0,) * len(winfiles.WAITS))


def _posix_locking(fd: int, mode: int, nbytes: int) -> None:
    import fcntl

    fcntl.lockf(fd, fcntl.LOCK_UN if mode == 0 else fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """`sys.platform` as on Windows; there msvcrt locks the ledger's lock file (here POSIX's lockf does)."""
    if os.name != "nt":
        msvcrt = types.SimpleNamespace(LK_UNLCK=0, LK_NBLCK=2, locking=_posix_locking)
        monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")


class Console(io.TextIOWrapper):
    """A Windows console as Python sees it: a terminal, in text mode ("\\n" goes out as "\\r\\n")."""

    def isatty(self) -> bool:
        return True


def run_main(
    monkeypatch: pytest.MonkeyPatch, *args: str, stdout: io.TextIOWrapper | None = None
) -> tuple[int, bytes, str]:
    """`kc ARGS` through the console script's entry point, in-process: (exit code, stdout bytes, stderr)."""
    out = stdout or io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with monkeypatch.context() as scoped:
        scoped.setattr(sys, "argv", ["kc", *args])
        scoped.setattr(sys, "stdout", out)
        scoped.setattr(sys, "stderr", err)
        with pytest.raises(SystemExit) as exited:
            main()
        out.flush()
        err.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    stderr = err.buffer
    assert isinstance(stderr, io.BytesIO)
    return int(exited.value.code or 0), buffer.getvalue(), stderr.getvalue().decode("utf-8")


def spent(kc: Kc, line_id: str = "may-moc-thiet-bi", *args: str) -> int:
    return line_of(kc.json("status", "--format", "json", *args), line_id)["spent_vnd"]


def hold(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, target: Path, times: int, winerror: int = 32
) -> list[object]:
    """`owner.name` (os.replace, os.open, Path.open) fails on `target` as Windows fails while another
    program holds the file, for its first `times` calls on it. Returns the calls on it."""
    real: Callable[..., Any] = getattr(owner, name)
    calls: list[object] = []

    def held(*args: Any, **kwargs: Any) -> Any:
        path = args[1] if name == "replace" else args[0]  # os.replace(src, dst); os.open(path); Path.open(self)
        if Path(path) == target:
            calls.append(path)
            if len(calls) <= times:
                error = PermissionError(13, "being used by another process", str(target))
                error.winerror = winerror  # type: ignore[attr-defined]
                raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return calls


# --- 1. a file open in Excel, or held by antivirus or OneDrive -----------------------------------


def test_an_export_onto_a_workbook_open_in_excel_waits_for_it_then_says_to_close_it(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2")
    target = isolated / "tong-hop.csv"
    target.write_bytes(b"last month")
    calls = hold(monkeypatch, os, "replace", target, times=3)  # antivirus, a moment
    kc("export", "--output", str(target))
    assert len(calls) == 4 and target.read_bytes().startswith(BOM)

    target.write_bytes(b"last month")
    hold(monkeypatch, os, "replace", target, times=100)  # open in Excel
    refused = kc("export", "--output", str(target), code=1).stderr
    assert "Excel" in refused and "đóng tệp" in refused and "không có quyền" not in refused
    assert target.read_bytes() == b"last month" and sorted(os.listdir(isolated)) == sorted(
        ["data", "home", "plan.toml", "tong-hop.csv"]
    )  # nothing half-written is left beside it

    report = isolated / "bao-cao.md"
    report.write_bytes(b"last quarter")
    hold(monkeypatch, os, "replace", report, times=100, winerror=5)  # Windows says "access denied" for Word
    refused = kc("report", "--year", "2024", "--format", "md", "--output", str(report), "--force", code=1).stderr
    assert "Word" in refused and "đóng tệp" in refused and report.read_bytes() == b"last quarter"


@pytest.mark.parametrize("held", ["ledger read", "ledger appended", "lock", "torn"])
def test_the_ledger_its_lock_and_torn_file_held_a_moment_are_waited_for(
    kc: Kc, ledger_path: Path, monkeypatch: pytest.MonkeyPatch, held: str
) -> None:
    kc("record", "4", "--amount", "100")
    if held == "ledger read":
        ledger_path.with_name("ledger.jsonl.index").unlink()  # the next command reads the whole ledger
        calls = hold(monkeypatch, Path, "open", ledger_path, times=3)
        assert spent(kc) == 100_000_000
    elif held == "ledger appended":
        calls = hold(monkeypatch, os, "open", ledger_path, times=3)
        kc("record", "4", "--amount", "200")
        assert spent(kc) == 300_000_000
    elif held == "lock":
        calls = hold(monkeypatch, Path, "open", ledger_path.with_name("ledger.jsonl.lock"), times=3)
        kc("record", "4", "--amount", "200")
        assert spent(kc) == 300_000_000
    else:
        with ledger_path.open("ab") as handle:
            handle.write(b'{"prev":"cut short')  # a write cut short: the next write moves it aside
        torn = ledger_path.with_name("ledger.jsonl.torn")
        calls = hold(monkeypatch, Path, "open", torn, times=3)
        kc("record", "4", "--amount", "200")
        assert b"cut short" in torn.read_bytes() and spent(kc) == 300_000_000
    assert len(calls) >= 4


# --- 2. the classic console ----------------------------------------------------------------------


def test_a_console_that_cannot_show_ansi_gets_no_escape_codes(
    kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "100")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(os, "get_terminal_size", lambda *args: os.terminal_size((100, 24)))
    code, out, err = run_main(monkeypatch, "status", stdout=Console(io.BytesIO(), encoding="utf-8"))
    assert code == 0, err
    assert "Tổng cộng".encode() in out and b"\x1b[" not in out  # no ←[1m on the officer's screen


def test_a_console_that_can_show_ansi_is_asked_to_and_keeps_its_styling(
    kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "100")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(os, "get_terminal_size", lambda *args: os.terminal_size((100, 24)))
    modes: list[int] = []

    class Kernel32:
        def GetStdHandle(self, which: int) -> int:
            return 7 if which == -11 else 0

        def GetConsoleMode(self, handle: int, mode: Any) -> int:
            mode._obj.value = 0x0003  # processed output, wrap at end of line
            return 1

        def SetConsoleMode(self, handle: int, mode: int) -> int:
            modes.append(mode)
            return 1

    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=Kernel32()), raising=False)
    code, out, err = run_main(monkeypatch, "status", stdout=Console(io.BytesIO(), encoding="utf-8"))
    assert code == 0, err
    assert modes == [0x0003 | 0x0004]  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
    assert b"\x1b[1m" in out


def test_tables_leave_the_consoles_last_column_free(kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line exactly as wide as the console is followed by a blank line there."""
    kc("record", "4", "--amount", "100", "--note", "Hội chợ công thương vùng Tây Bắc")
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(os, "get_terminal_size", lambda *args: os.terminal_size((100, 24)))
    code, out, err = run_main(monkeypatch, "log", stdout=Console(io.BytesIO(), encoding="utf-8"))
    assert code == 0, err
    lines = out.decode("utf-8").splitlines()
    assert max(map(len, lines)) == 99 and "─" * 99 in lines


# --- 3. the Microsoft Store's Python --------------------------------------------------------------

STORE_PYTHON = r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.11_3.11.2288.0_x64__qbz5n2kfra8p0"
STORE_ALIAS = r"C:\Users\canbo\AppData\Local\Microsoft\WindowsApps\PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0"
REDIRECTED = (
    r"C:\Users\canbo\AppData\Local\Packages\PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0\LocalCache\Local"
    r"\kc-tracker"
)


@pytest.mark.parametrize("python", ["store", "store venv", "python.org"])
def test_store_python_says_where_windows_really_keeps_the_data_folder(
    kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch, isolated: Path, plan_path: Path, python: str
) -> None:
    base, executable = {
        "store": (STORE_PYTHON, STORE_ALIAS + r"\python.exe"),
        "store venv": (STORE_PYTHON, r"C:\Users\canbo\khuyen-cong\.venv\Scripts\python.exe"),
        "python.org": (r"C:\Program Files\Python311", r"C:\Program Files\Python311\python.exe"),
    }[python]
    monkeypatch.setattr(sys, "base_prefix", base)
    monkeypatch.setattr(sys, "executable", executable)
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\canbo\AppData\Local")
    monkeypatch.delenv("KC_DATA_DIR")
    monkeypatch.delenv("KC_LEDGER")
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *args, **kwargs: isolated / "Local" / "kc-tracker")
    for args in (["record", "4", "--amount", "100"], ["status"], ["plan", "list"], ["plan", "use", str(plan_path)]):
        said = kc(*args).stderr
        if python == "python.org":
            assert said == "", args
        else:
            assert said.count(REDIRECTED) == 1 and "KC_DATA_DIR" in said and "Microsoft Store" in said, args
    monkeypatch.setenv("KC_DATA_DIR", str(isolated / "du-lieu"))  # a folder of one's own: nothing to say
    assert kc("record", "4", "--amount", "100").stderr == ""


# --- 4. PowerShell 5.1 and piped output: --output ------------------------------------------------


def test_status_and_log_write_to_a_file_what_stdout_gets_as_utf8(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--beneficiary", "HTX Chè Tả Phìn")
    kc("record", "10", "--amount", "0,5", "--note", "Hội chợ công thương vùng Tây Bắc")
    for args in (["status", "--format", "json"], ["status"], ["log", "--format", "json"], ["log"]):
        printed = kc(*args).stdout_bytes
        target = isolated / "ra.txt"
        written = kc(*args, "--output", str(target))
        assert written.stdout == "" and str(target) in written.stderr
        assert target.read_bytes() == printed, args
        assert kc(*args, "--output", "-").stdout_bytes == printed
    kc("status", "--output", str(isolated / "tinh-hinh.json"))  # the extension decides the format
    assert json.loads((isolated / "tinh-hinh.json").read_text(encoding="utf-8"))["totals"]["spent_vnd"] == 1_250_500_000
    before = ledger_path.read_bytes()
    assert "sổ theo dõi" in kc("log", "--output", str(ledger_path), code=1).stderr  # never onto what it reads
    assert ledger_path.read_bytes() == before


# --- 5. Task Scheduler --------------------------------------------------------------------------


def test_the_powershell_job_is_utf8_with_a_bom_and_stops_when_kc_fails() -> None:
    script = Path(__file__).resolve().parents[1] / "docs" / "windows" / "ghi-thang.ps1"
    raw = script.read_bytes()
    assert raw.startswith(BOM)  # PowerShell 5.1 reads a script without one in the ANSI code page
    lines = [line.strip() for line in raw[len(BOM) :].decode("utf-8").splitlines()]
    code = [line for line in lines if line and not line.startswith("#")]
    assert code[0].startswith("[Console]::OutputEncoding = [Text.UTF8Encoding]::new()")  # kc's UTF-8, read as such
    assert any(line.startswith("$kc = 'C:\\") and line.split("#")[0].rstrip().endswith("kc.exe'") for line in code)
    assert any(line.startswith("Set-Location ") for line in code)
    calls = [number for number, line in enumerate(code) if line.startswith("& $kc ")]
    assert len(calls) == 4 and "HTX Mận Bắc Hà" in code[calls[1]]
    for number in calls:
        assert code[number + 1] == "if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }", code[number]


# --- 6. Click's expansion of arguments ------------------------------------------------------------


class WindowsOs:
    """What Click and Typer ask of `os` to decide to expand arguments, and how they expand: as on Windows."""

    name = "nt"
    path = ntpath

    def __getattr__(self, attribute: str) -> Any:
        return getattr(os, attribute)


def test_free_text_reaches_the_ledger_as_typed_on_windows(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (typer.core, click.core, click.utils):
        monkeypatch.setattr(module, "os", WindowsOs())
    monkeypatch.setenv("USERPROFILE", r"C:\Users\canbo")
    monkeypatch.setenv("USERNAME", "canbo")
    monkeypatch.setenv("OS", "Windows_NT")
    monkeypatch.chdir(isolated)
    (isolated / "bao-cao.py").write_text("", encoding="utf-8")
    typed = {"--note": "~50 triệu", "--locality": "%OS%", "--beneficiary": "*.py", "--ref": "~\\%OS%\\?"}
    code, _, err = run_main(monkeypatch, "record", "4", "--amount", "1", *[x for pair in typed.items() for x in pair])
    assert code == 0, err
    entry = kc.json("log", "--format", "json")[0]
    assert {option: entry[option[2:]] for option in typed} == typed


# --- 8. two PCs, one OneDrive folder -------------------------------------------------------------


def test_onedrive_conflict_copies_beside_a_ledger_are_named(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100")
    copy = ledger_path.with_name("ledger-DESKTOP-ABC.jsonl")
    copy.write_bytes(ledger_path.read_bytes())
    second = ledger_path.with_name("ledger-LAPTOP-1-2.jsonl")
    second.write_bytes(ledger_path.read_bytes())
    other_plan = ledger_path.with_name("ledger-2026-2030.jsonl")  # another plan's ledger, not a copy
    other_plan.write_text('{"kind":"header","format":1,"plan":"lao-cai-2026-2030"}\n', encoding="utf-8")
    unit = ledger_path.with_name("ledger-bat-xat.jsonl")  # a unit's own ledger of the plan, added up with --ledger
    kc("record", "4", "--amount", "50", "--ledger", str(unit))
    for args in (["status"], ["log"], ["record", "4", "--amount", "1"], ["record", "4", "--amount", "1", "--dry-run"]):
        said = kc(*args).stderr
        assert str(copy) in said and str(second) in said and "OneDrive" in said, args
        assert "2026-2030" not in said and "bat-xat" not in said and ".index" not in said and ".lock" not in said
    assert kc("status", "--ledger", str(unit)).stderr == ""
    checked = kc("check")
    assert str(copy) in checked.stderr and "OneDrive" in checked.stderr
    assert kc.json("check", "--format", "json")["ok"] is True


# --- 9. byte-order marks --------------------------------------------------------------------------


def test_a_plan_saved_by_notepad_with_a_bom_loads(kc: Kc, plan_path: Path) -> None:
    plan_path.write_bytes(BOM + plan_path.read_bytes())
    kc("record", "4", "--amount", "100")
    assert spent(kc) == 100_000_000
    kc("plan", "use", str(plan_path))
    assert "lao-cai-2021-2025" in kc("plan", "list").stdout


def test_a_ledger_an_editor_saved_with_a_bom_reads_writes_and_is_checked(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100", "--count", "1", "--ref", "a")
    tip = kc.json("check", "--format", "json")["tip"]
    ledger_path.write_bytes(BOM + ledger_path.read_bytes())
    assert spent(kc) == 100_000_000
    assert kc.json("log", "--format", "json")[0]["ref"] == "a"
    checked = kc.json("check", "--format", "json")
    assert checked["ok"] is True and checked["tip"] == tip and checked["problems"] == []
    assert [warning for warning in checked["warnings"] if "BOM" in warning]
    kc("record", "4", "--amount", "200", "--count", "1")
    assert spent(kc) == 300_000_000
    after = kc.json("check", "--format", "json")
    assert after["ok"] is True and after["records"] == 2 and after["warnings"] == checked["warnings"]


# --- 10. CSV for people --------------------------------------------------------------------------


def test_a_csv_file_opens_in_columns_in_vietnamese_excel_and_imports_back(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "1.250", "--count", "2", "--counterpart", "500", "--beneficiary", "HTX; Tả Phìn")
    status_file, log_file, export_file = isolated / "tinh-hinh.csv", isolated / "so.csv", isolated / "tong-hop.csv"
    kc("status", "--format", "csv", "--output", str(status_file))
    kc("log", "--output", str(log_file))  # the extension decides the format
    kc("export", "--entries", "--output", str(export_file))
    for file in (status_file, log_file, export_file):
        raw = file.read_bytes()
        assert raw.startswith(BOM) and b"\r\n" in raw
        assert raw[len(BOM) :].split(b"\r\n")[0].count(b";") > 5 and b"," not in raw.split(b"\r\n")[0]
    status_text = status_file.read_text(encoding="utf-8-sig")
    assert ";8,5;" in status_text and ";0,4;" in status_text  # spent_pct, leverage: decimal commas
    assert '"HTX; Tả Phìn"' in log_file.read_text(encoding="utf-8-sig")
    printed = kc("status", "--format", "csv").stdout  # for scripts: as documented
    assert not printed.startswith("\ufeff") and printed.startswith("id,number,") and ",8.5," in printed
    result = kc.json("import", str(log_file), "--ledger", str(isolated / "ban-sao.jsonl"), "--format", "json")
    assert result["added"] == 1
    assert spent(kc, "may-moc-thiet-bi", "--ledger", str(isolated / "ban-sao.jsonl")) == 1_250_000_000
    monkeypatch.setenv("KC_LANG", "en")
    kc("status", "--format", "csv", "--output", str(status_file))
    assert status_file.read_bytes().startswith(BOM + b"id,number,")


def test_csv_to_a_windows_console_keeps_its_line_ends(kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    kc("record", "4", "--amount", "100")
    for args in (["status", "--format", "csv"], ["log", "--format", "csv"], ["export", "--format", "csv"]):
        console = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\r\n")  # stdout's text mode
        code, out, err = run_main(monkeypatch, *args, stdout=console)
        assert code == 0, err
        assert b"\r\r\n" not in out and out.count(b"\r\n") == out.count(b"\n") > 1, args


# --- 11. NUL, and a file another kc holds open ------------------------------------------------


def test_status_to_nul_which_windows_calls_a_terminal(kc: Kc, windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    kc("record", "4", "--amount", "100")
    monkeypatch.delenv("COLUMNS")

    def no_size(*args: object) -> os.terminal_size:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "get_terminal_size", no_size)
    code, out, err = run_main(monkeypatch, "status", stdout=Console(io.BytesIO(), encoding="utf-8"))
    assert code == 0, err
    lines = out.decode("utf-8").splitlines()
    assert all(len(line) <= 79 or " " not in line.strip() for line in lines), lines  # a path alone may be longer


def test_a_damaged_index_another_kc_holds_open_gives_way_to_a_scratch_one(
    kc: Kc, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kc("record", "4", "--amount", "100")
    index = ledger_path.with_name("ledger.jsonl.index")
    real_usable = store.usable
    monkeypatch.setattr(store, "usable", lambda opened: opened.db_path != index and real_usable(opened))  # damaged
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == index:
            error = PermissionError(13, "being used by another process", str(self))
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    kc("record", "4", "--amount", "200")
    assert spent(kc) == 300_000_000 and index.exists()


# --- 12. long paths -----------------------------------------------------------------------------


def test_a_path_past_260_characters_is_said_to_be_too_long(kc: Kc, windows: None, isolated: Path) -> None:
    kc("record", "4", "--amount", "100")
    deep = isolated.joinpath("OneDrive - Sở Công Thương", *["Kế hoạch khuyến công giai đoạn 2021-2025"] * 6)
    assert len(str(deep)) > 260
    for args in (
        ["export", "--output", str(deep / "tong-hop.csv")],
        ["import", str(deep / "so-lieu.csv")],
        ["status", "--plan", str(deep / "ke-hoach.toml")],
    ):
        said = kc(*args, code=1).stderr
        assert "260" in said and "không tồn tại" not in said and "không tìm thấy" not in said, args
