"""Files you can trust: no silent loss on import, nothing written over the ledger, no traceback on any input.

Each case is built the way a spreadsheet program or a person makes it, and ends with exact figures, or a
refusal that leaves the ledger byte for byte as it was.
"""

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from .conftest import Kc, kc_executable, line_of, write_csv

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file kinds, signals and resource limits")
symlinks = pytest.mark.skipif(os.name == "nt", reason="Windows makes symlinks only with a privilege officers lack")
HEADER = ["date", "line", "amount", "count", "locality", "beneficiary"]


def status(kc: Kc, *args: str) -> dict:
    return kc.json("status", *args, "--format", "json")


def spent(kc: Kc, line_id: str, *args: str) -> int:
    return line_of(status(kc, *args), line_id)["spent_vnd"]


@pytest.fixture
def seeded(kc: Kc, ledger_path: Path) -> bytes:
    kc("record", "4", "--amount", "100", "--count", "1", "--date", "2024-03-01", "--ref", "seed")
    return ledger_path.read_bytes()


# --- 1. nothing is written over a ledger, its index or lock, or the plan -------------------------


@pytest.mark.parametrize("target", ["ledger", "index", "lock", "plan"])
def test_output_never_lands_on_what_the_command_reads(
    kc: Kc, seeded: bytes, ledger_path: Path, plan_path: Path, target: str
) -> None:
    files = {"ledger": ledger_path, "index": ledger_path.with_name("ledger.jsonl.index"),
             "lock": ledger_path.with_name("ledger.jsonl.lock"), "plan": plan_path}  # fmt: skip
    path = files[target]
    before = path.read_bytes()
    for args in (["export", "--format", "json", "--output", str(path)],
                 ["report", "--format", "docx", "--output", str(path), "--force"]):  # fmt: skip
        result = kc(*args, code=1)
        assert str(path) in result.stderr and result.stderr.count("\n") == 1
        assert path.read_bytes() == before
    assert ledger_path.read_bytes() == seeded


# --- 2. a ledger counts once ---------------------------------------------------------------------


@symlinks
def test_the_same_ledger_twice_a_link_to_it_or_a_copy_is_refused(kc: Kc, seeded: bytes, ledger_path: Path) -> None:
    twice = kc("status", "--ledger", str(ledger_path), "--ledger", str(ledger_path), code=1)
    assert "cùng một tệp" in twice.stderr
    link = ledger_path.with_name("link.jsonl")
    link.symlink_to(ledger_path)
    assert "cùng một tệp" in kc("status", "--ledger", str(ledger_path), "--ledger", str(link), code=1).stderr
    backup = ledger_path.with_name("ledger.jsonl.bak")
    backup.write_bytes(seeded)
    copied = kc("status", "--ledger", str(ledger_path), "--ledger", str(backup), code=1)
    assert "chung bút toán" in copied.stderr
    assert spent(kc, "may-moc-thiet-bi") == 100_000_000  # alone, it counts once


# --- 3, 4, 5. a file's cells never shift ---------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "named"),
    [(["date", "line", "amount", "count", "count", "beneficiary"], "count"),
     (["date", "line", "amount", "beneficiary", "Beneficiary"], "Beneficiary"),
     (["Ngày", "line", "amount", "date"], "Ngày")],
)  # fmt: skip
def test_two_columns_for_one_field_are_refused(
    kc: Kc, isolated: Path, seeded: bytes, ledger_path: Path, header: list[str], named: str
) -> None:
    source = write_csv(isolated / "hai-cot.csv", [header, ["2024-05-05", "7", "12", "5", "HTX Q"][: len(header)]])
    result = kc("import", str(source), code=1)
    assert f"“{named}”" in result.stderr
    assert ledger_path.read_bytes() == seeded


def test_a_row_with_more_cells_than_the_header_is_refused_naming_the_cause(
    kc: Kc, isolated: Path, seeded: bytes, ledger_path: Path
) -> None:
    source = isolated / "dau-phay.csv"  # a decimal comma left unquoted: "12,5" became two cells
    source.write_text("date,line,amount,count,locality,beneficiary\n2024-05-05,tu-van,12,5,1,Sa Pa,HTX Q\n",
                      encoding="utf-8")  # fmt: skip
    result = kc("import", str(source), code=1)
    assert "hàng 2" in result.stderr and "7 ô" in result.stderr and "6 cột" in result.stderr
    assert "ngoặc kép" in result.stderr and "dấu ;" in result.stderr
    assert ledger_path.read_bytes() == seeded


def test_a_row_with_fewer_cells_than_the_header_is_refused(
    kc: Kc, isolated: Path, seeded: bytes, ledger_path: Path
) -> None:
    source = isolated / "thieu.csv"  # a missing locality would move the beneficiary into it
    source.write_text("date,line,amount,count,locality,beneficiary\n2024-05-05,tu-van,12,5,HTX Q\n", encoding="utf-8")
    result = kc("import", str(source), code=1)
    assert "hàng 2" in result.stderr and "5 ô" in result.stderr and "6 cột" in result.stderr
    assert ledger_path.read_bytes() == seeded


def test_a_quote_left_open_is_refused_naming_the_row_where_it_opens(
    kc: Kc, isolated: Path, seeded: bytes, ledger_path: Path
) -> None:
    source = isolated / "ngoac.csv"
    source.write_text('date,line,amount,beneficiary,note\n2024-05-05,7,12,HTX A,"abc\n2024-05-06,7,13,HTX B,x\n'
                      "2024-05-07,7,14,HTX C,y\n", encoding="utf-8")  # fmt: skip
    result = kc("import", str(source), code=1)
    assert "hàng 2" in result.stderr and "ngoặc kép" in result.stderr
    assert ledger_path.read_bytes() == seeded


# --- 6, 7. workbooks as they are, not as their headers say ---------------------------------------


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_dimension(path: Path, ref: str) -> Path:
    """The sheet's `<dimension>` rewritten, as some producers write it wrong."""
    out = path.with_name("stale-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data)
            target.writestr(item, data)
    return out


@pytest.mark.parametrize("ref", ["A1:F2", "A1:C4"])
def test_a_stale_dimension_loses_no_row_or_column(kc: Kc, isolated: Path, ref: str) -> None:
    rows = [HEADER, ["2024-05-05", 7, 12, 1, "Sa Pa", "HTX A"], ["2024-05-06", 7, 13, 1, "Bát Xát", "HTX B"],
            ["2024-05-07", 7, 14, 1, "Bắc Hà", "HTX C"]]  # fmt: skip
    source = with_dimension(workbook(isolated / "quy.xlsx", rows), ref)
    assert kc.json("import", str(source), "--format", "json")["added"] == 3
    log = kc.json("log", "--format", "json")
    assert [(e["count"], e["beneficiary"]) for e in log] == [(1, "HTX A"), (1, "HTX B"), (1, "HTX C")]
    assert spent(kc, "tu-van") == 39_000_000


@pytest.mark.parametrize(("cell", "column"), [("=1+1", "D"), ("=A1", "F")])
def test_a_formula_with_no_value_computed_is_refused_naming_the_cell(
    kc: Kc, isolated: Path, seeded: bytes, ledger_path: Path, cell: str, column: str
) -> None:
    row: list[object] = ["2024-05-05", 7, 12, 1, "Sa Pa", "HTX A"]
    row["ABCDEF".index(column)] = cell  # openpyxl writes the formula and no cached value, as a script would
    result = kc("import", str(workbook(isolated / "cong-thuc.xlsx", [HEADER, row])), code=1)
    assert f"ô {column}2" in result.stderr and "Excel" in result.stderr
    assert ledger_path.read_bytes() == seeded


# --- 8. importing is idempotent per file, not per row --------------------------------------------


def test_identical_rows_of_two_communes_both_count(kc: Kc, isolated: Path) -> None:
    row = ["2024-05-05", "7", "11", "1", "", "HTX"]
    kc("import", str(write_csv(isolated / "xa-a.csv", [HEADER, row, ["2024-05-06", "7", "10", "", "", ""]])))
    kc("import", str(write_csv(isolated / "xa-b.csv", [HEADER, row])))
    assert spent(kc, "tu-van") == 32_000_000  # 11 + 10 + 11, not 22


def test_a_corrected_file_is_refused_then_replaced_in_one_step(kc: Kc, isolated: Path, ledger_path: Path) -> None:
    source = isolated / "bao-cao-xa.csv"
    write_csv(source, [HEADER, ["2024-05-05", "7", "300", "1", "", "HTX A"], ["2024-05-06", "7", "80", "", "", ""]])
    kc("import", str(source))
    assert spent(kc, "tu-van") == 380_000_000
    write_csv(source, [HEADER, ["2024-05-05", "7", "30", "1", "", "HTX A"], ["2024-05-06", "7", "80", "", "", ""]])
    before = ledger_path.read_bytes()
    refused = kc("import", str(source), code=1)
    assert "bao-cao-xa.csv" in refused.stderr and "2 hàng" in refused.stderr and "--replace" in refused.stderr
    assert ledger_path.read_bytes() == before
    replaced = kc.json("import", str(source), "--replace", "--format", "json")
    assert replaced["replaced"] == 2 and replaced["added"] == 2
    assert spent(kc, "tu-van") == 110_000_000  # the new file's rows only: 30 + 80, not 410
    assert kc.json("import", str(source), "--format", "json")["added"] == 0  # and again: the same file
    assert kc.json("check", "--format", "json")["ok"] is True


def test_the_same_workbook_under_either_language_is_the_same_file(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = workbook(isolated / "quy.xlsx", [HEADER, ["2024-05-05", 7, 12.5, 1, "Sa Pa", "HTX A"]])
    monkeypatch.setenv("KC_LANG", "en")
    kc("import", str(source))
    monkeypatch.setenv("KC_LANG", "vi")
    assert kc.json("import", str(source), "--format", "json")["added"] == 0
    assert spent(kc, "tu-van") == 12_500_000


# --- 9, 10. the ledger's own end, and edits by hand ----------------------------------------------


def test_a_whole_last_line_without_its_newline_is_kept(kc: Kc, ledger_path: Path) -> None:
    for amount in ("100", "200", "300"):
        kc("record", "4", "--amount", amount)
    ledger_path.write_bytes(ledger_path.read_bytes().rstrip(b"\n"))  # a text editor saved it so
    result = kc("status", "--format", "json")
    assert line_of(json_of(result.stdout), "may-moc-thiet-bi")["spent_vnd"] == 600_000_000
    assert result.stderr == ""
    kc("record", "4", "--amount", "1")
    assert len(ledger_path.read_bytes().splitlines()) == 5 and ledger_path.read_bytes().endswith(b"\n")
    assert not ledger_path.with_name("ledger.jsonl.torn").exists()
    checked = kc.json("check", "--format", "json")
    assert checked["ok"] is True and checked["spent_vnd"] == 601_000_000


def json_of(text: str) -> dict:
    import json

    return dict(json.loads(text))


def test_a_torn_tail_moved_aside_is_always_said(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100")
    with ledger_path.open("ab") as handle:
        handle.write(b'{"prev":"x","kind":"record","id":"ab')
    written = kc("record", "4", "--amount", "1")
    assert "ledger.jsonl.torn" in written.stderr
    assert b'"id":"ab' in ledger_path.with_name("ledger.jsonl.torn").read_bytes()


def test_a_same_size_hand_edit_then_an_append_is_noticed_and_status_agrees_with_log(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "100")
    kc("record", "4", "--amount", "200")
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text.replace('"amount_vnd":200000000', '"amount_vnd":900000000'), encoding="utf-8")
    kc("record", "4", "--amount", "5", "--allow-over-budget")
    result = kc("status", "--format", "json")
    logged = sum(row["amount_vnd"] for row in kc.json("log", "--format", "json"))
    assert line_of(json_of(result.stdout), "may-moc-thiet-bi")["spent_vnd"] == logged == 1_005_000_000
    assert "dòng 3" in result.stderr and "kc check" in result.stderr
    assert [p["code"] for p in kc.json("check", "--format", "json", code=1)["problems"]] == ["chain_edited"]


# --- 11. a file's numbers are the file's ---------------------------------------------------------


def test_a_files_number_format_does_not_follow_the_language(
    kc: Kc, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    kc("import", str(write_csv(isolated / "vi.csv", [HEADER, ["2024-05-05", "4", "1.250", "", "", ""]])))
    assert spent(kc, "may-moc-thiet-bi") == 1_250_000_000  # Vietnamese by default, whatever KC_LANG says
    point = write_csv(isolated / "en.csv", [HEADER, ["2024-05-05", "4", "1,250.5", "", "", ""]])
    kc("import", str(point), "--decimal", "point")
    assert spent(kc, "may-moc-thiet-bi") == 2_500_500_000
    ambiguous = write_csv(isolated / "hai-cach.csv", [HEADER, ["2024-05-05", "4", "1,250", "", "", ""]])
    assert "1,25" in kc("import", str(ambiguous), code=1).stderr


# --- 12. --output: stdout, never a special file, links followed ----------------------------------


def test_output_dash_is_stdout(kc: Kc, seeded: bytes) -> None:
    assert json_of(kc("export", "--format", "json", "--output", "-").stdout)["totals"]["spent_vnd"] == 100_000_000


@posix_only
def test_output_onto_a_fifo_or_device_is_refused_a_link_followed(kc: Kc, isolated: Path, seeded: bytes) -> None:
    fifo = isolated / "pipe.json"
    os.mkfifo(fifo)
    assert "không phải là một tệp thông thường" in kc("export", "--output", str(fifo), code=1).stderr
    assert "không phải là một tệp thông thường" in kc("export", "--format", "json", "--output", "/dev/null",
                                                     code=1).stderr  # fmt: skip
    target, link = isolated / "that.json", isolated / "link.json"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    kc("export", "--output", str(link))
    assert link.is_symlink() and json_of(target.read_text(encoding="utf-8"))["meta"]["plan_id"]


# --- what used to end in a traceback -------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["record", "4", "--amount", "1", "--count", "1000000001"], ["close", "0000"], ["close", "9999"],
     ["close", "9999-12"], ["close", "2030"], ["log", "--from", "2024-02-01", "--to", "2024-01-01"]],
)  # fmt: skip
def test_plain_one_line_refusals(kc: Kc, seeded: bytes, ledger_path: Path, args: list[str]) -> None:
    result = kc(*args, code=None)
    assert result.exit_code in (1, 2) and result.stderr.strip().count("\n") == 0, result.stderr
    assert "Traceback" not in result.stderr and "lỗi bên trong" not in result.stderr
    assert ledger_path.read_bytes() == seeded


@posix_only
@pytest.mark.parametrize("option", ["--beneficiary", "--note", "--ref", "--locality"])
def test_text_that_is_not_utf8_is_refused_plainly(seeded: bytes, ledger_path: Path, option: str) -> None:
    argv = [os.fsencode(kc_executable()), b"record", b"4", b"--amount", b"1", option.encode(), b"HTX M\xe1n"]
    result = subprocess.run(argv, capture_output=True, timeout=60)
    assert result.returncode == 1, result.stderr
    stderr = result.stderr.decode("utf-8")
    assert option in stderr and "UTF-8" in stderr and "Traceback" not in stderr
    assert ledger_path.read_bytes() == seeded


@posix_only
def test_an_export_to_a_path_that_is_not_utf8_or_past_a_size_limit_ends_plainly(isolated: Path, seeded: bytes) -> None:
    import resource

    exe = kc_executable()
    odd = os.fsencode(isolated) + b"/b\xe1o-c\xe1o.xlsx"
    done = subprocess.run([os.fsencode(exe), b"export", b"--output", odd], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert os.path.exists(odd)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = subprocess.run([exe, "export", "--output", str(isolated / "lon.xlsx")], capture_output=True,
                            timeout=60, preexec_fn=limited)  # fmt: skip
    assert result.returncode == 1 and b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1
    assert not (isolated / "lon.xlsx").exists()


@pytest.mark.skipif(os.name == "nt", reason="Windows allows no tab or line break in a file name")
@pytest.mark.parametrize("name", ["tab\tin-name.csv", "line\nbreak.csv"])
def test_an_import_file_name_with_control_characters_is_refused(kc: Kc, isolated: Path, name: str) -> None:
    source = write_csv(isolated / name, [HEADER, ["2024-05-05", "4", "1", "", "", ""]])
    result = kc("import", str(source), code=1)
    assert "tên tệp" in result.stderr and result.stderr.count("\n") == 1


def test_a_cell_longer_than_the_csv_limit_is_refused_plainly(kc: Kc, isolated: Path, seeded: bytes) -> None:
    source = isolated / "dai.csv"
    source.write_text('date,line,amount,note\n2024-05-05,4,1,"' + "x" * 140_000 + '"\n', encoding="utf-8")
    result = kc("import", str(source), code=1)
    assert "hàng 2" in result.stderr and result.stderr.count("\n") == 1


# --- refused or warned, never taken silently -----------------------------------------------------


def test_amount_vnd_under_a_thousand_dong_needs_allow_small(kc: Kc, isolated: Path) -> None:
    source = write_csv(isolated / "dong.csv", [["date", "line", "amount_vnd"], ["2024-05-05", "4", "250"]])
    assert "--allow-small" in kc("import", str(source), code=1).stderr
    kc("import", str(source), "--allow-small")
    assert spent(kc, "may-moc-thiet-bi") == 250


@pytest.mark.parametrize("mark", ["\u200b", "\u202e", "\ufeff"])
def test_invisible_characters_in_names_and_refs_refused(kc: Kc, seeded: bytes, ledger_path: Path, mark: str) -> None:
    for option in ("--beneficiary", "--ref"):
        result = kc("record", "4", "--amount", "1", "--count", "1", option, f"HTX{mark}B", code=1)
        assert option in result.stderr and f"U+{ord(mark):04X}" in result.stderr
    assert ledger_path.read_bytes() == seeded


def test_a_workbook_with_several_sheets_needs_sheet_and_hidden_rows_are_counted(kc: Kc, isolated: Path) -> None:
    book = Workbook()
    first = book.active
    first.title = "Xã A"
    for row in [HEADER, ["2024-05-05", 7, 12, 1, "", "HTX A"], ["2024-05-06", 7, 13, 1, "", "HTX B"]]:
        first.append(row)
    first.row_dimensions[3].hidden = True
    second = book.create_sheet("Xã B")
    for row in [HEADER, ["2024-05-07", 7, 14, 1, "", "HTX C"]]:
        second.append(row)
    path = isolated / "hai-trang.xlsx"
    book.save(path)
    refused = kc("import", str(path), code=1)
    assert "--sheet" in refused.stderr and "Xã A" in refused.stderr and "Xã B" in refused.stderr
    out = kc("import", str(path), "--sheet", "Xã A").stdout
    assert "Xã A" in out and "1 hàng đang bị ẩn" in out
    assert spent(kc, "tu-van") == 25_000_000


def test_refs_are_compared_trimmed_with_runs_of_spaces_as_one(kc: Kc, ledger_path: Path) -> None:
    kc("record", "4", "--amount", "1", "--ref", "2024-06 / mmtb 01")
    before = ledger_path.read_bytes()
    again = kc("record", "4", "--amount", "1", "--ref", "  2024-06  /   mmtb 01 ")
    assert "không ghi thêm" in again.stdout and ledger_path.read_bytes() == before


def test_a_ref_whose_entry_was_voided_says_so(kc: Kc) -> None:
    entry = kc.json("record", "4", "--amount", "1", "--ref", "r-1", "--format", "json")
    kc("void", entry["id"], "--reason", "nhầm")
    result = kc("record", "4", "--amount", "1", "--ref", "r-1", code=1)
    assert "đã bị hủy" in result.stderr and entry["id"] in result.stderr


def test_a_csv_not_in_utf8_is_refused_wherever_the_odd_byte_is(kc: Kc, isolated: Path, seeded: bytes) -> None:
    """The file is read as it is imported, not all at once: a bad byte far down is still found before a write."""
    rows = [HEADER] + [["2024-03-02", "4", "1", "1", "Sa Pa", f"HTX {n}"] for n in range(40)]
    good = write_csv(isolated / "dai.csv", rows, bom=False).read_bytes()
    for cut in (0, len(good) - 20):
        bad = isolated / "sai-ma.csv"
        bad.write_bytes(good[:cut] + "Bát Xát".encode("cp1258") + good[cut:])
        message = kc("import", str(bad), code=1).stderr
        assert "UTF-8" in message and str(bad) in message
    assert spent(kc, "may-moc-thiet-bi") == 100_000_000
