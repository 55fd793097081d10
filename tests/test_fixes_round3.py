"""Reported by an outside tester, each through the real CLI: the state column's date of an advanced đề án,
`kc project list` at 80 columns with a long code, a counterpart never given, what `kc check` counts, the
stopped đề án in the report's sentence, `--output` with a long file name, and the monthly scripts (the
month they record, a unit file with no rows)."""

import os
import re
import subprocess
import sys
import types
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from .conftest import Kc, kc_executable, write_csv

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "windows" / "ghi-thang.ps1"
LONG_CODE = "2026-MMTB-0001/QĐ-TTKC-LC"


def add(kc: Kc, code: str, *args: str, **fields: str) -> Any:
    values = {"line": "4", "name": "Máy sao chè", "beneficiary": "HTX Chè Tả Phìn", "locality": "Bát Xát",
              "support": "500", "decision": "QĐ 12/QĐ-SCT", "date": "01/03/2024"} | fields  # fmt: skip
    return kc("project", "add", code, *[item for key, value in values.items() for item in (f"--{key}", value)], *args)


def advance(kc: Kc, code: str, amount: str, day: str) -> str:
    entry = kc.json("record", "--project", code, "--amount", amount, "--advance", "--date", day, "--format", "json")
    return str(entry["id"])


# --- 1. the date of "đã tạm ứng" -----------------------------------------------------------------


def test_an_advanced_project_never_shows_its_approval_day_as_the_advance_day(kc: Kc) -> None:
    add(kc, "DA-07")
    advance(kc, "DA-07", "100", "10/04/2024")
    later = advance(kc, "DA-07", "50", "20/05/2024")
    kc("void", later, "--reason", "ghi nhầm")
    listed = kc("project", "list").stdout
    assert "đã tạm ứng" in listed and "01/03/2024" not in listed  # the list knows no advance day: none is said
    shown = kc("project", "show", "DA-07").stdout
    assert "Tình trạng: đã tạm ứng 10/04/2024;" in shown  # the last advance that still counts
    assert kc.json("project", "list", "--format", "json")[0]["approved"] == "2024-03-01"  # the contract as it was


# --- 2. 80 columns, a long code, and "đề án" in a header -----------------------------------------


def table_body(out: str) -> list[str]:
    """The lines between the rule under the header and the footer ("1 đề án; …")."""
    lines = out.splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("─"))
    footer = next(n for n, line in enumerate(lines) if n > rule and line.startswith("1 đề án"))
    return lines[rule + 1 : footer]


def test_project_list_fits_80_columns_with_a_long_code_folded_after_its_separators(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(kc, LONG_CODE)
    monkeypatch.setenv("COLUMNS", "80")
    for language in ("vi", "en"):
        monkeypatch.setenv("KC_LANG", language)
        out = kc("project", "list").stdout
        assert max(map(len, out.splitlines())) <= 80, out
        pieces = [line.split()[0] for line in table_body(out) if line and not line[0].isspace()]
        assert "".join(pieces) == LONG_CODE and all(piece[-1] in "-/" for piece in pieces[:-1]), out
    monkeypatch.setenv("COLUMNS", "120")
    assert LONG_CODE in kc("project", "list").stdout  # whole where there is room


def test_project_list_fits_80_columns_when_every_text_column_is_already_narrow(
    kc: Kc, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(kc, "2026-MMTB-01", name="Máy đóng gói", support="2.000", beneficiary="HTX Nông sản Mường Hum")
    kc("record", "--project", "2026-MMTB-01", "--amount", "1.000", "--date", "10/03/2024")
    monkeypatch.setenv("COLUMNS", "80")
    out = kc("project", "list").stdout
    assert max(map(len, out.splitlines())) <= 80, out


def test_a_header_never_splits_de_an(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    add(kc, "A1")  # a code shorter than the header: the header wraps
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("KC_LANG", "en")
    head = kc("project", "list").stdout.splitlines()[2:4]
    assert head[0].startswith("Đề án ") and not head[1].startswith("án"), head
    monkeypatch.delenv("KC_LANG")
    head = kc("project", "list").stdout.splitlines()[2:4]
    assert head[0].startswith("Mã ") and head[1].startswith("đề án"), head


# --- 3. a counterpart never given ----------------------------------------------------------------


def test_show_says_a_dash_for_a_counterpart_never_given(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    add(kc, "DA-01")
    add(kc, "DA-02", counterpart="400", beneficiary="HTX khác")
    assert "vốn đối ứng: —;" in kc("project", "show", "DA-01").stdout
    assert "vốn đối ứng: 400 triệu đồng;" in kc("project", "show", "DA-02").stdout
    monkeypatch.setenv("KC_LANG", "en")
    assert "counterpart funds: —;" in kc("project", "show", "DA-01").stdout
    assert "counterpart funds: 400 million;" in kc("project", "show", "DA-02").stdout


# --- 4. what kc check counts ---------------------------------------------------------------------


def test_check_counts_every_entry_as_the_status_footer_does(kc: Kc) -> None:
    add(kc, "DA-01")
    add(kc, "DA-02", beneficiary="HTX khác")
    said = kc("check").stdout
    assert "sổ theo dõi hợp lệ — 2 bút toán (trong đó 0 bút toán hủy)" in said
    assert "(2 bút toán)" in kc("status").stdout
    entry = kc.json("record", "4", "--amount", "100", "--format", "json")
    kc("void", entry["id"], "--reason", "ghi nhầm")
    checked = kc.json("check", "--format", "json")
    assert (checked["entries"], checked["records"], checked["voids"]) == (4, 1, 1)
    assert "— 4 bút toán (trong đó 1 bút toán hủy)" in kc("check").stdout and "(4 bút toán)" in kc("status").stdout


# --- 5. the report's sentence names the stopped đề án --------------------------------------------


def test_the_reports_sentence_counts_the_đề_án_stopped_in_the_period(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KC_TODAY", "2025-10-06")
    add(kc, "DA-01", date="01/07/2025")
    add(kc, "DA-02", date="02/07/2025", beneficiary="HTX khác")
    kc("project", "stop", "DA-02", "--date", "15/08/2025", "--reason", "QĐ 99/QĐ-SCT: đơn vị xin rút")
    markdown = kc("report", "--quarter", "2025-Q3", "--output", "-", "--format", "md").stdout
    assert "ngừng thực hiện 1 đề án" in markdown and "| ngừng thực hiện 15/08/2025 |" in markdown
    monkeypatch.setenv("KC_LANG", "en")
    markdown = kc("report", "--quarter", "2025-Q3", "--output", "-", "--format", "md").stdout
    assert "0 settled, 1 stopped;" in markdown


# --- 6. --output with a long file name -----------------------------------------------------------


def test_output_takes_any_file_name_the_system_takes(kc: Kc, isolated: Path) -> None:
    kc("record", "4", "--amount", "100")
    for name in ("a" * 246 + ".csv", "b" * 250 + ".json", "c" * 250 + ".xlsx"):
        command = "export" if name.endswith(".xlsx") else "log"
        target = isolated / name
        kc(command, "--output", str(target))
        assert target.stat().st_size > 0
    assert not [name for name in os.listdir(isolated) if name.endswith(".tmp")]


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """`sys.platform` as on Windows (tests/test_windows.py has the same): POSIX locks play msvcrt's."""
    if os.name != "nt":

        def locking(fd: int, mode: int, nbytes: int) -> None:
            import fcntl

            fcntl.lockf(fd, fcntl.LOCK_UN if mode == 0 else fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes)

        monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(LK_UNLCK=0, LK_NBLCK=2, locking=locking))
    monkeypatch.setattr(sys, "platform", "win32")


def test_a_path_too_long_for_windows_is_said_with_the_length_the_user_gave(
    kc: Kc, windows: None, isolated: Path
) -> None:
    kc("record", "4", "--amount", "100")
    deep = isolated.joinpath("OneDrive - Sở Công Thương", *["Kế hoạch khuyến công giai đoạn 2021-2025"] * 6)
    target = deep / "tong-hop.csv"
    said = kc("log", "--output", str(target), code=1).stderr
    assert f"đường dẫn dài {len(os.path.abspath(target))} ký tự" in said, said


# --- 7. the monthly scripts ----------------------------------------------------------------------


def script_code() -> list[str]:
    text = SCRIPT.read_bytes().decode("utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def readme_script() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("#!/bin/sh\n# ghi-thang.sh")
    return readme[start : readme.index("```", start)]


def test_the_powershell_job_records_the_month_whose_reports_were_due() -> None:
    code = script_code()
    month = next(line for line in code if line.startswith("$month = "))
    assert month.startswith("$month = if ($args.Count -gt 0) {")  # a month given by hand wins
    assert not any("Get-Date -Format" in line for line in code)  # not the month of the day it runs
    days, shell_days = (
        re.search(r"\.AddDays\(-(\d+)\)\.ToString\('yyyy-MM'", " ".join(code)),
        re.search(r"date -d '(\d+) days ago' \+%Y-%m", readme_script()),
    )
    assert days and shell_days
    for today in (date(2026, 9, 26), date(2026, 9, 30), date(2026, 10, 1), date(2026, 10, 25), date(2026, 3, 1),
                  date(2026, 3, 25), date(2024, 3, 1), date(2026, 1, 5), date(2026, 12, 31)):  # fmt: skip
        due = today.replace(day=1) if today.day >= 26 else (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        for back in (int(days.group(1)), int(shell_days.group(1))):
            assert (today - timedelta(days=back)).strftime("%Y-%m") == due.strftime("%Y-%m"), (today, back)


def no_rows_patterns() -> list[str]:
    ps1 = re.search(r"-match '([^']+)'", " ".join(script_code()))
    sh = re.search(r"grep -Eq '([^']+)'", readme_script())
    assert ps1 and sh
    return [ps1.group(1), sh.group(1)]


def test_the_scripts_skip_only_a_unit_file_with_no_rows(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = ["STT", "Ngày", "Nội dung", "Số tiền (triệu đồng)", "Số lượng", "Địa bàn", "Đơn vị thụ hưởng", "Ghi chú"]
    empty = write_csv(isolated / "2024-05.csv", [header], sep=";")
    wrong = write_csv(isolated / "2024-04.csv", [header, ["1", "15/04/2024", "99", "40", "4", "", "", ""]], sep=";")
    for language in ("vi", "en"):
        monkeypatch.setenv("KC_LANG", language)
        refusals = {path: kc("import", str(path), "--dry-run", code=1).stderr
                    for path in (empty, wrong, isolated / "2024-03.csv")}  # fmt: skip
        for pattern in no_rows_patterns():
            matched = {path for path, said in refusals.items() if re.search(pattern, said)}
            assert matched == {empty}, (language, pattern, refusals)
    code = script_code()
    tried = code.index("$tried = & $kc import $file --dry-run 2>&1")
    assert code[tried + 1].startswith('if ($LASTEXITCODE -eq 1 -and "$tried" -match \'')
    assert code[tried + 3] == "} else {" and code[tried + 4].startswith("& $kc import $file ")
    assert code[tried + 5] == "if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }" and code[tried + 6] == "}"


def test_the_cron_script_goes_on_past_a_unit_file_with_no_rows_and_stops_at_any_other_refusal(
    isolated: Path, ledger_path: Path
) -> None:
    work = isolated / "khuyen-cong"
    (work / "bao-cao-don-vi").mkdir(parents=True)
    header = ["STT", "Ngày", "Nội dung", "Số tiền (triệu đồng)", "Số lượng", "Địa bàn", "Đơn vị thụ hưởng", "Ghi chú"]
    write_csv(work / "bao-cao-don-vi" / "2024-05.csv", [header], sep=";")
    script = isolated / "ghi-thang.sh"
    script.write_text(readme_script().replace("/srv/khuyen-cong/.venv/bin/kc", kc_executable())
                      .replace("cd /srv/khuyen-cong", f"cd '{work}'"), encoding="utf-8")  # fmt: skip

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["sh", str(script), *args], capture_output=True, text=True, encoding="utf-8",
                              timeout=120, env=os.environ | {"KC_TODAY": "2024-06-25"})  # fmt: skip

    done = run("2024-05")
    assert done.returncode == 0, done.stderr
    assert "không có gì để nhập" in done.stdout and (work / "tong-hop-2024-05.xlsx").exists()
    before = ledger_path.read_bytes()
    missing = run("2024-04")
    assert missing.returncode == 1 and "2024-04.csv" in missing.stderr
    assert ledger_path.read_bytes() == before and not (work / "tong-hop-2024-04.xlsx").exists()
