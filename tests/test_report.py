"""`kc report`: the periodic báo cáo (Nghị định 30/2020/NĐ-CP, Phụ lục I), read back with python-docx.

Every figure of its table is checked against `kc status --format json --from … --to …` for the same period:
the report adds no way of computing of its own.
"""

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt

from .conftest import Kc

SIGNED = "05/01/2026"


@pytest.fixture
def ledger(kc: Kc, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's example year: entries in several quarters, two units, a counterpart, a measured indicator."""
    monkeypatch.setenv("KC_TODAY", "2026-01-05")
    kc("record", "4", "--amount", "500", "--count", "1", "--date", "10/02/2024")
    kc("record", "9", "--amount", "2.000", "--count", "3", "--date", "01/07/2025")
    kc("record", "4", "--amount", "1.250,5", "--count", "2", "--date", "20/08/2025", "--beneficiary", "HTX A")
    kc("record", "6", "--amount", "35", "--count", "1", "--date", "05/09/2025", "--counterpart", "10")
    kc("record", "5", "--amount", "100", "--count", "2", "--date", "30/09/2025")
    kc("record", "7", "--amount", "45", "--count", "3", "--date", "02/10/2025")  # the next quarter
    kc("measure", "gia-tri-san-xuat", "--year", "2024", "--value", "4.900")


def report(kc: Kc, isolated: Path, *args: str) -> Document:
    out = isolated / "bao-cao.docx"
    kc("report", *args, "--date", SIGNED, "--output", str(out), "--force")
    return Document(str(out))


def texts(doc: Document) -> list[str]:
    return [paragraph.text for paragraph in doc.paragraphs]


def trieu_to_vnd(text: str) -> int:
    return int(Decimal(text.replace(".", "").replace(",", ".")) * 1_000_000)


def count(text: str) -> int | None:
    return None if text == "—" else int(text.replace(".", ""))


# --- the page ---------------------------------------------------------------------------------


def test_a4_margins_fonts_and_spacing_of_the_state_format(kc: Kc, ledger: None, isolated: Path) -> None:
    doc = report(kc, isolated, "--quarter", "2025-Q3")
    first, wide, last = doc.sections

    def mm(length: int) -> float:  # Word keeps lengths in twips: 20 mm is 1 134 twips, 20.0025 mm
        return round(length / Mm(1), 1)

    for section in doc.sections:
        assert [mm(section.top_margin), mm(section.bottom_margin)] == [20, 20]
        assert [mm(section.left_margin), mm(section.right_margin)] == [30, 15]
    assert [mm(first.page_width), mm(first.page_height), mm(last.page_width), mm(last.page_height)] == [210, 297] * 2
    assert [mm(wide.page_width), mm(wide.page_height)] == [297, 210]  # the table's landscape section
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    assert normal.paragraph_format.space_after >= Pt(6) and 1 <= normal.paragraph_format.line_spacing <= 1.5
    runs = [run for paragraph in doc.paragraphs for run in paragraph.runs]
    runs += [run for table in doc.tables for cell in table._cells for p in cell.paragraphs for run in p.runs]
    assert all(run.font.name in (None, "Times New Roman") for run in runs)
    body = [p for p in doc.paragraphs if p.text and p.style.name == "Normal" and p.runs[0].font.size is None]
    assert body  # the body paragraphs take the Normal size


def test_page_numbers_from_page_two_at_the_top(kc: Kc, ledger: None, isolated: Path) -> None:
    doc = report(kc, isolated, "--quarter", "2025-Q3")
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml and "PAGE" not in first.first_page_header._element.xml


# --- the header, the title ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "line"),
    [
        ("05/01/2026", "Lào Cai, ngày 05 tháng 01 năm 2026"),
        ("09/02/2025", "Lào Cai, ngày 09 tháng 02 năm 2025"),
        ("15/03/2025", "Lào Cai, ngày 15 tháng 3 năm 2025"),
        ("20/11/2025", "Lào Cai, ngày 20 tháng 11 năm 2025"),
    ],
)
def test_the_header_and_the_date_line(kc: Kc, ledger: None, isolated: Path, signed: str, line: str) -> None:
    out = isolated / "bc.docx"
    kc("report", "--year", "2024", "--date", signed, "--output", str(out))
    left, right = Document(str(out)).tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "SỞ CÔNG THƯƠNG TỈNH LÀO CAI",
        "TRUNG TÂM KHUYẾN CÔNG VÀ XÚC TIẾN THƯƠNG MẠI",
        "Số:       /BC-TTKC",  # left blank, to fill by hand
    ]
    assert left.paragraphs[1].runs[0].bold
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        line,
    ]
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[1].runs[0].bold
    assert right.paragraphs[2].runs[0].italic


def test_number_fills_the_number_line(kc: Kc, ledger: None, isolated: Path) -> None:
    doc = report(kc, isolated, "--quarter", "2025-Q3", "--number", "12")
    assert "Số: 12/BC-TTKC" in [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]


@pytest.mark.parametrize(
    ("args", "subject"),
    [
        (["--quarter", "2025-Q3"], "Kết quả thực hiện kế hoạch khuyến công quý III năm 2025"),
        (["--half", "2025-H1"], "Kết quả thực hiện kế hoạch khuyến công 6 tháng đầu năm 2025"),
        (["--year", "2024"], "Kết quả thực hiện kế hoạch khuyến công năm 2024"),
        ([], "Tổng kết thực hiện kế hoạch khuyến công giai đoạn 2021–2025"),  # the plan has ended
        (["--from", "01/07/2025", "--to", "15/08/2025"], "từ ngày 01/07/2025 đến ngày 15/08/2025"),
    ],
)
def test_the_title_names_the_period(kc: Kc, ledger: None, isolated: Path, args: list[str], subject: str) -> None:
    doc = report(kc, isolated, *args)
    lines = texts(doc)
    title = lines.index("BÁO CÁO")
    assert subject in lines[title + 1] and doc.paragraphs[title + 1].runs[0].bold
    assert doc.core_properties.title == lines[title + 1]


def test_the_file_is_named_after_the_period_and_kept_unless_force(
    kc: Kc, ledger: None, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(isolated)
    assert "bao-cao-khuyen-cong-2025-Q3.docx" in kc("report", "--quarter", "2025-Q3").stderr
    assert "bao-cao-khuyen-cong-2021-2025.docx" in kc("report").stderr
    final = Document(str(isolated / "bao-cao-khuyen-cong-2021-2025.docx"))
    assert final.core_properties.title.startswith("Tổng kết thực hiện")
    before = (isolated / "bao-cao-khuyen-cong-2025-Q3.docx").read_bytes()
    assert "--force" in kc("report", "--quarter", "2025-Q3", "--number", "9", code=1).stderr
    assert (isolated / "bao-cao-khuyen-cong-2025-Q3.docx").read_bytes() == before
    kc("report", "--quarter", "2025-Q3", "--number", "9", "--force")
    assert (isolated / "bao-cao-khuyen-cong-2025-Q3.docx").read_bytes() != before


# --- the table ----------------------------------------------------------------------------------

PERIODS = [
    (["--quarter", "2025-Q3"], "2025-07-01", "2025-09-30"),
    (["--half", "2025-H1"], "2025-01-01", "2025-06-30"),
    (["--year", "2025"], "2025-01-01", "2025-12-31"),
    (["--from", "10/02/2024", "--to", "20/08/2025"], "2024-02-10", "2025-08-20"),
]


@pytest.mark.parametrize(("args", "start", "end"), PERIODS)
def test_every_figure_of_the_table_is_status_for_the_same_period(
    kc: Kc, ledger: None, isolated: Path, args: list[str], start: str, end: str
) -> None:
    doc = report(kc, isolated, *args)
    status = kc.json("status", "--format", "json", "--from", start, "--to", end)
    table = doc.tables[1]
    assert len(table.columns) == 11 and len(table.rows) == 2 + len(status["lines"]) + 1
    for row, line in zip(table.rows[2:], status["lines"], strict=False):
        cells = [cell.text for cell in row.cells]
        assert cells[0] == str(line["number"]) and cells[1] == line["name"]  # whole, wrapped in its cell
        assert cells[2] == (line["unit"] or "")
        assert count(cells[3]) == line["target_count"] and trieu_to_vnd(cells[4]) == line["budget_vnd"]
        assert count(cells[5]) == (line["done_count"] if line["target_count"] is not None else None)
        assert trieu_to_vnd(cells[6]) == line["spent_vnd"]  # exact to the đồng
        assert count(cells[7]) == (line["cumulative_done_count"] if line["target_count"] is not None else None)
        assert trieu_to_vnd(cells[8]) == line["cumulative_spent_vnd"]
        if line["target_count"]:
            pct = Decimal(line["cumulative_done_count"] * 100) / line["target_count"]
            assert cells[9] == f"{pct:.1f}%".replace(".", ",")
        expected = Decimal(line["cumulative_spent_vnd"] * 100) / line["budget_vnd"]
        assert cells[10] == f"{expected:.1f}%".replace(".", ",")
    total = [cell.text for cell in table.rows[-1].cells]
    totals = status["totals"]
    assert total[1] == "Tổng cộng" and total[3] == total[5] == total[7] == ""  # money only: units differ
    assert trieu_to_vnd(total[4]) == totals["budget_vnd"] and trieu_to_vnd(total[6]) == totals["spent_vnd"]
    assert trieu_to_vnd(total[8]) == totals["cumulative_spent_vnd"]


def test_the_header_rows_repeat_on_every_page_and_figures_trace_to_the_ledger(
    kc: Kc, ledger: None, isolated: Path, ledger_path: Path
) -> None:
    doc = report(kc, isolated, "--quarter", "2025-Q3")
    table = doc.tables[1]
    for row in table.rows[:2]:
        assert "w:tblHeader" in row._tr.xml
    assert "w:tblHeader" not in table.rows[2]._tr.xml
    tip = kc.json("export", "--format", "json")["meta"]["ledger_tip"]
    assert tip in doc.core_properties.keywords and doc.core_properties.identifier == tip
    assert "as_of=2025-09-30" in doc.core_properties.comments
    assert any(tip in text and "30/09/2025" in text for text in texts(doc))  # the line under the table


def test_section_one_says_the_figures_in_sentences(kc: Kc, ledger: None, isolated: Path) -> None:
    lines = texts(report(kc, isolated, "--quarter", "2025-Q3"))
    section = "\n".join(lines[lines.index("I. Kết quả thực hiện") + 1 : lines.index("II. Khó khăn, vướng mắc")])
    assert "quý III năm 2025: 3.385,5 triệu đồng" in section  # 1.250,5 + 35 + 100 + 2.000
    assert "3.885,5/44.500 triệu đồng" in section
    assert "cơ sở 3, lượt 2, nội dung 3" in section  # per unit, never one sum
    assert "4.900 tỷ đồng" in section and "5.500 tỷ đồng" in section
    assert "Vốn đối ứng" in section and "10 triệu đồng" in section


# --- notes ------------------------------------------------------------------------------------


def test_notes_sections_are_placed_under_their_headings(kc: Kc, ledger: None, isolated: Path) -> None:
    notes = isolated / "ghi-chu.md"
    notes.write_text(
        "Quý III tập trung vào cụm công nghiệp.\n\n"
        "## Khó khăn, vướng mắc\n\nMưa lũ tháng 9 làm chậm\nlắp đặt máy.\n\nGiá thiết bị tăng.\n\n"
        "## Đề xuất, kiến nghị\n\nĐề nghị bổ sung kinh phí nội dung 4.\n\n"
        "## Phương hướng quý IV\n\nHoàn thành 5 mô hình.\n",
        encoding="utf-8",
    )
    lines = texts(report(kc, isolated, "--quarter", "2025-Q3", "--notes", str(notes)))
    assert lines.index("Quý III tập trung vào cụm công nghiệp.") < lines.index("I. Kết quả thực hiện")
    difficulties = lines.index("II. Khó khăn, vướng mắc")
    assert lines[difficulties + 1 : difficulties + 3] == ["Mưa lũ tháng 9 làm chậm lắp đặt máy.", "Giá thiết bị tăng."]
    assert lines[lines.index("III. Đề xuất, kiến nghị") + 1] == "Đề nghị bổ sung kinh phí nội dung 4."
    assert lines[lines.index("IV. Phương hướng quý IV") + 1] == "Hoàn thành 5 mô hình."
    assert not any(line.startswith("[") for line in lines)


def test_without_notes_the_sections_show_what_to_fill(kc: Kc, ledger: None, isolated: Path) -> None:
    lines = texts(report(kc, isolated, "--quarter", "2025-Q3"))
    for heading in ("II. Khó khăn, vướng mắc", "III. Đề xuất, kiến nghị"):
        placeholder = lines[lines.index(heading) + 1]
        assert placeholder.startswith("[") and placeholder.endswith("]")


def test_recipients_and_signer(kc: Kc, ledger: None, isolated: Path) -> None:
    left, right = report(kc, isolated, "--quarter", "2025-Q3").tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:" and left.paragraphs[-1].text.startswith("- Lưu:")
    assert right.paragraphs[0].text == "GIÁM ĐỐC"


def test_english_is_the_same_document_with_english_labels(
    kc: Kc, ledger: None, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KC_LANG", "en")
    doc = report(kc, isolated, "--quarter", "2025-Q3")
    assert "REPORT" in texts(doc) and len(doc.tables[1].columns) == 11
    assert doc.tables[1].rows[-1].cells[1].text == "Total" and "3,385.5" in doc.tables[1].rows[-1].cells[6].text


def test_markdown_is_the_same_report(kc: Kc, ledger: None, isolated: Path) -> None:
    md = kc("report", "--quarter", "2025-Q3", "--date", SIGNED, "--format", "md").stdout
    kc("report", "--quarter", "2025-Q3", "--date", SIGNED, "--output", str(isolated / "bc.md"))  # by its name
    assert (isolated / "bc.md").read_text(encoding="utf-8") == md
    doc = report(kc, isolated, "--quarter", "2025-Q3")
    for text in texts(doc):
        if text and not text.startswith("Số:"):
            assert text in md, text
    assert "| 4 | Hỗ trợ ứng dụng máy móc" in md


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--quarter", "2025-Q5"], "2025-Q5"),
        (["--quarter", "2025-H1"], "--quarter"),
        (["--half", "2025-H3"], "2025-H3"),
        (["--year", "2030"], "2030"),
        (["--quarter", "2019-Q1"], "quý I/2019"),
        (["--year", "2025", "--quarter", "2025-Q1"], "--quarter"),
        (["--notes", "khong-co.md"], "khong-co.md"),
        (["--format", "md"], "--format md"),  # onto bc.docx
        (["--output", "-"], "--format md"),  # Word onto the screen
    ],
)
def test_refusals_write_nothing(kc: Kc, ledger: None, isolated: Path, args: list[str], needle: str) -> None:
    out = isolated / "bc.docx"
    result = kc("report", *args, *([] if "--output" in args else ["--output", str(out)]), code=None)
    assert result.exit_code in (1, 2) and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_notes_not_in_utf8_are_refused(kc: Kc, ledger: None, isolated: Path) -> None:
    notes = isolated / "ghi-chu.txt"
    notes.write_bytes("## Khó khăn\n\nMưa to.\n".encode("cp1258"))
    out = isolated / "bc.docx"
    assert "UTF-8" in kc("report", "--notes", str(notes), "--output", str(out), code=1).stderr
    assert not out.exists()


# --- as a reader opens it -----------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it_as_a_three_page_report(kc: Kc, ledger: None, isolated: Path) -> None:
    out = isolated / "bao-cao.docx"
    kc("report", "--quarter", "2025-Q3", "--date", SIGNED, "--output", str(out))
    profile = (isolated / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(isolated), str(out)], check=True, capture_output=True, timeout=180)  # fmt: skip
    pdf = (isolated / "bao-cao.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 3  # the text, the table on a landscape page, the sections and the signature
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(isolated / "bao-cao.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        assert "BÁO CÁO" in text and "Tổng cộng" in text and "3.385,5" in text
