"""`kc report`: the periodic báo cáo, as a Word document in the state's format (Nghị định 30/2020/NĐ-CP,
Phụ lục I), or as Markdown with the same content.

The report says what `kc status` says for the same period, in sentences and in the table every báo cáo has;
it computes nothing of its own. The agency's wording (who reports, where, who signs, who receives) comes from
the plan's `[report]` table. The document is built with python-docx; what it has no call for (a header row
repeated on every page, a page number field, the short rules under the headings) is set on the document's
XML through its public `element`.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kc_tracker import __version__, notes, wording
from kc_tracker.dates import Period
from kc_tracker.errors import InputError
from kc_tracker.i18n import lang, t
from kc_tracker.money import format_count, format_decimal_text, format_int, format_pct, format_trieu, percent
from kc_tracker.notes import Block, Item, Paragraph, Run, Section, SubHeading
from kc_tracker.plan import Plan, ReportInfo
from kc_tracker.report import LineStatus, Status


def roman(number: int) -> str:
    """1 → I, 14 → XIV: a report's sections are numbered so, however many the notes hold."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, number = divmod(number, value)
        out += letters * count
    return out


@dataclass(frozen=True)
class Trace:
    """What the figures came from: enough to find the ledger as it was."""

    ledger_tip: str
    plan_sha256: str
    ledger_file: str


@dataclass
class Report:
    """A báo cáo's content, for the document and for Markdown alike."""

    info: ReportInfo
    status: Status
    period: Period | None  # None: the whole plan up to as-of
    number: str | None
    signed: date
    trace: Trace
    sections: list[Section] = field(default_factory=list)  # heading → its blocks
    opening: list[Block] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)  # the period's đề án (`report.project_dict`)

    @property
    def subject(self) -> str:
        status = self.status
        if self.period is None:
            years = f"{status.plan.start.year}–{status.plan.end.year}"
            return t("report.subject_final" if status.final else "report.subject_plan", years=years)
        return t("report.subject", period=_period_words(self.period))

    @property
    def number_line(self) -> str:
        """ "Số: 45/BC-TTKC"; a number that carries its own sign (`45/BC-TTKC`, `45/BC-SCT`) as it is given."""
        if self.number and "/" in self.number:
            return t("report.number_as_given", number=self.number)
        return t("report.number", number=self.number or " " * 6, abbreviation=self.info.abbreviation)

    @property
    def date_line(self) -> str:
        """ "Lào Cai, ngày 05 tháng 01 năm 2026": a day below 10, and months 1 and 2, with a leading zero."""
        signed = self.signed
        return t("report.date_line", place=self.info.place, day=f"{signed.day:02d}",
                 month=t(f"month.{signed.month}"), year=signed.year)  # fmt: skip


def _period_words(period: Period) -> str:
    """ "quý III năm 2025", "6 tháng đầu năm 2025", "năm 2025", "từ ngày … đến ngày …" (a subject's words)."""
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return t("report.quarter", roman=roman(quarter), year=period.start.year)
    if period.kind == "month":
        return t("report.month", month=period.start.month, year=period.start.year)
    if period.kind == "range":
        return t("report.range", start=period.start, end=period.end)
    return period.label


def default_name(plan: Plan, period: Period | None) -> str:
    if period is None:
        code = f"{plan.plan.start.year}-{plan.plan.end.year}"
    else:
        code = period.code or f"{period.start.isoformat()}-{period.end.isoformat()}"
    return f"bao-cao-khuyen-cong-{code}.docx"


REQUIRED_SECTIONS = ("report.difficulties", "report.proposals")
NUMBER_LINE_MAX = 30  # characters the number's line holds, in its 70 mm under the agency's name


def build(plan: Plan, status: Status, period: Period | None, number: str | None, signed: date, trace: Trace,
          notes_text: str | None, notes_name: str = "",
          projects: list[dict[str, Any]] | None = None) -> Report:  # fmt: skip
    """The report's content: the figures in words, the notes' sections (with "Khó khăn, vướng mắc" and "Đề xuất,
    kiến nghị" always there: a placeholder to fill where the notes do not have them)."""
    info = plan.report or ReportInfo(parent=t("report.parent_missing"), agency=t("report.agency_missing"),
                                     abbreviation="…", place="…")  # fmt: skip
    opening, sections = notes.read(notes_text, notes_name) if notes_text else ([], [])
    report = Report(info, status, period, _checked_number(number), signed, trace, opening=opening,
                    projects=projects or [])  # fmt: skip
    report.sections = [(t("report.results"), [_said(text) for text in results(report)]), *_required(sections)]
    if len(report.number_line) > NUMBER_LINE_MAX:
        raise InputError(t("report.number_too_long", number=number, max=NUMBER_LINE_MAX))
    return report


def _said(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def _checked_number(number: str | None) -> str | None:
    """--number holds one line of text: no line break or control character."""
    if number is None:
        return None
    text = number.strip(" ")  # a line break at the end is a line break still
    if not text.isprintable():
        raise InputError(t("report.number_control", number=number.encode("unicode_escape").decode("ascii")))
    return _NUMBER_WORD.sub("", text).strip() or None


_NUMBER_WORD = re.compile(r"^(số|so|no\.?)\s*:?\s*", re.IGNORECASE)  # "Số: 45/BC-TTKC" is 45/BC-TTKC


def _required(sections: list[Section]) -> list[Section]:
    """The notes' sections, with each required one the notes lack put where a báo cáo has it: after the
    required one before it, else first."""
    found = list(sections)
    previous = -1
    for key in REQUIRED_SECTIONS:
        heading = t(key)
        where = next((n for n, (title, _) in enumerate(found) if _folded(title) == _folded(heading)), None)
        if where is None:
            where = previous + 1
            found.insert(where, (heading, [_said(t(f"{key}_placeholder"))]))
        previous = where
    return found


def _folded(title: str) -> str:
    import unicodedata

    words = unicodedata.normalize("NFC", title).casefold().replace(",", " ").split()
    return " ".join(word for word in words if word != "và")  # "Đề xuất và kiến nghị" is "Đề xuất, kiến nghị"


def results(report: Report) -> list[str]:
    """Section I in sentences, from the status's own figures."""
    status, totals = report.status, report.status.totals
    period_words = _period_words(report.period) if report.period else t("report.since_start")
    sentences = [
        t("report.spent", period=period_words, spent=format_trieu(totals.spent_vnd), as_of=status.as_of,
          cumulative=format_trieu(totals.cumulative_spent_vnd), budget=format_trieu(totals.budget_vnd),
          pct=format_pct(percent(totals.cumulative_spent_vnd, totals.budget_vnd)),
          remaining=format_trieu(totals.remaining_vnd))
    ]  # fmt: skip
    done = ", ".join(f"{c.unit} {format_int(c.done_count)}" for c in totals.counts_by_unit)
    counts = wording.counts_by_unit(status)
    if counts:
        cumulative = ", ".join(
            f"{unit} {format_int(done_)}/{format_int(target)}" for unit, done_, target in _cumulative_counts(status)
        )
        sentences.append(t("report.counts", done=done, cumulative=cumulative))
    completed = [plan_line(line) for line in status.lines if line.pace == "done"]
    behind = [plan_line(line) for line in status.lines if line.pace == "behind"]
    sentences.append(t("report.completed", lines="; ".join(completed)) if completed else t("report.none_completed"))
    elapsed = format_pct(status.elapsed_pct)
    sentences.append(
        t("report.behind", lines="; ".join(behind), elapsed=elapsed)
        if behind
        else t("report.none_behind", elapsed=elapsed)
    )
    for item in status.indicators:
        i = item.indicator
        if item.latest:
            year, value = item.latest
            ratio = format_pct(percent(int(value * 1000), i.target * 1000))
            sentences.append(t("report.indicator", name=i.name, year=year, value=format_decimal_text(str(value)),
                               unit=i.unit, target=format_int(i.target), pct=ratio))  # fmt: skip
        else:
            sentences.append(t("report.indicator_none", name=i.name, target=format_int(i.target), unit=i.unit))
    if totals.counterpart_vnd:
        sentences.append(t("report.counterpart", amount=format_trieu(totals.counterpart_vnd)))
    if report.projects:
        sentences.append(projects_sentence(report))
    if status.year is not None and totals.year_budget_vnd is not None and totals.year_remaining_vnd is not None:
        sentences.append(t("report.year_budget", year=status.year, budget=format_trieu(totals.year_budget_vnd),
                           spent=format_trieu(totals.spent_vnd), pct=format_pct(totals.year_spent_pct),
                           left=format_trieu(totals.year_remaining_vnd)))  # fmt: skip
        over = [plan_line(line) for line in status.lines if (line.year_remaining_vnd or 0) < 0]
        if over:
            sentences.append(t("report.year_over", year=status.year, lines="; ".join(over)))
    return sentences


def projects_sentence(report: Report) -> str:
    """The period's đề án in words: how many were approved (and for how much), accepted, settled, stopped; how
    many are overdue at its end; what approved support still waits to be paid."""
    first = report.status.start or report.status.plan.start
    last = report.status.as_of

    def within(key: str) -> list[dict[str, Any]]:
        return [row for row in report.projects if row[key] and first.isoformat() <= row[key] <= last.isoformat()]

    approved = within("approved")
    closed = within("closed")
    settled = [row for row in closed if row["state"] == "settled"]
    stopped = [row for row in closed if row["state"] == "stopped"]
    return t("report.projects", approved=format_int(len(approved)),
             support=format_trieu(sum(row["support_vnd"] for row in approved)),
             accepted=format_int(len(within("accepted"))), settled=format_int(len(settled)),
             stopped=format_int(len(stopped)),
             overdue=format_int(sum(1 for row in report.projects if row["overdue"])),
             committed=format_trieu(report.status.totals.committed_vnd))  # fmt: skip


PROJECT_TABLE = ("col.number", "col.project_name", "col.beneficiary", "col.locality", "report.col_support",
                 "report.col_paid_period", "report.col_paid_cumulative", "col.project_state")  # fmt: skip


def project_rows(report: Report) -> list[list[str]]:
    """The period's đề án, one row each (TT 36/2013, Mẫu 02): name, beneficiary, place, support approved,
    paid in the period and since approval, state."""
    return [
        [str(number), f"{row['name']} ({row['project']})", row["beneficiary"], row["locality"] or "",
         format_trieu(row["support_vnd"]), format_trieu(row["paid_in_period_vnd"]), format_trieu(row["paid_vnd"]),
         wording.project_state(row)]
        for number, row in enumerate(report.projects, start=1)
    ]  # fmt: skip


def plan_line(line: LineStatus) -> str:
    return t("line.label", number=line.number, name=line.label)


def _cumulative_counts(status: Status) -> list[tuple[str, int, int]]:
    done: dict[str, int] = {}
    target: dict[str, int] = {}
    for line in status.lines:
        if line.unit is not None and line.target_count is not None:
            done[line.unit] = done.get(line.unit, 0) + (line.cumulative_done_count or 0)
            target[line.unit] = target.get(line.unit, 0) + line.target_count
    return [(unit, done[unit], target[unit]) for unit in target]


# --- the table ----------------------------------------------------------------------------------

TABLE_GROUPS = ("report.col_plan", "report.col_period", "report.col_cumulative", "report.col_rate")


def table_rows(status: Status) -> list[list[str]]:
    """One row per line, then the total (money only: counts add up within a unit, never across)."""
    rows = []
    for line in status.every_line:
        target = line.target_count
        counted = target is not None
        rows.append([
            str(line.number or "?"), line.name if line.number else t("status.unplanned", id=line.id), line.unit or "",
            format_count(line.target_count), format_trieu(line.budget_vnd),
            format_count(line.done_count if counted else None), format_trieu(line.spent_vnd),
            format_count(line.cumulative_done_count if counted else None), format_trieu(line.cumulative_spent_vnd),
            format_pct(percent(line.cumulative_done_count or 0, target)) if target is not None else "—",
            format_pct(percent(line.cumulative_spent_vnd, line.budget_vnd)),
        ])  # fmt: skip
    totals = status.totals
    rows.append(["", t("status.total"), "", "", format_trieu(totals.budget_vnd), "", format_trieu(totals.spent_vnd),
                 "", format_trieu(totals.cumulative_spent_vnd), "",
                 format_pct(percent(totals.cumulative_spent_vnd, totals.budget_vnd))])  # fmt: skip
    return rows


def trace_line(report: Report) -> str:
    return t("report.trace", ledger=report.trace.ledger_file, tip=report.trace.ledger_tip or "—",
             plan=report.trace.plan_sha256, as_of=report.status.as_of, version=__version__)  # fmt: skip


# --- Markdown -----------------------------------------------------------------------------------


def markdown(report: Report) -> str:
    info = report.info
    out = [info.parent.upper(), f"**{info.agency.upper()}**", "", report.number_line, "",
           f"**{t('report.nation')}**", f"**{t('report.motto')}**", "", f"*{report.date_line}*", "",
           f"# {t('report.title')}", "", f"**{report.subject}**", ""]  # fmt: skip
    out += notes.markdown(report.opening)
    for number, (heading, blocks) in enumerate(report.sections):
        out += [f"## {roman(number + 1)}. {heading}", ""]
        out += notes.markdown(blocks)
        if number == 0:
            out += [f"**{t('report.table_title')}**", "", f"*{t('status.money_unit_long')}*", ""]
            out += wording.md_table(table_headers(), table_rows(report.status), right={0, *range(3, 11)})
            out += ["", f"*{trace_line(report)}*", ""]
            if report.projects:
                out += [f"**{t('report.projects_title')}**", "", f"*{t('status.money_unit_long')}*", ""]
                out += wording.md_table([t(key) for key in PROJECT_TABLE], project_rows(report), right={0, 4, 5, 6})
                out += [""]
    out += [f"**{t('report.recipients')}**", *recipient_lines(info), ""]
    out += [f"**{info.signer_title.upper()}**", "", *([f"**{info.signer_name}**"] if info.signer_name else [])]
    return "\n".join(out).rstrip() + "\n"


def recipient_lines(info: ReportInfo) -> list[str]:
    """ "- Sở Công Thương;" … and the archive copy last, without a semicolon: "- Lưu: VT, KC"."""
    names = info.recipients or [t("report.archive")]
    return [f"- {name}{'' if number == len(names) - 1 else ';'}" for number, name in enumerate(names)]


def table_headers() -> list[str]:
    group = [t(key) for key in TABLE_GROUPS]
    count, money = t("report.col_count"), t("report.col_money")
    return [t("col.number"), t("col.line"), t("col.unit_short"),
            *(f"{g}: {part}" for g in group for part in (count, money))]  # fmt: skip


# --- Word ---------------------------------------------------------------------------------------


def write_docx(path: Path, report: Report) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    _margins(section, Mm)
    section.different_first_page_header_footer = True  # page numbers from page 2 on
    page_number = section.header.add_paragraph() if not section.header.paragraphs else section.header.paragraphs[0]
    page_number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    info = report.info

    # The header: who reports on the left, the nation on the right.
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(header, [Mm(70), Mm(95)])
    left, right = header.rows[0].cells
    _line(left.paragraphs[0], info.parent.upper(), Pt(12))
    _line(left.add_paragraph(), info.agency.upper(), Pt(13), bold=True)
    rule = left.add_paragraph()  # a rule a third as long as the line above: an empty, narrow paragraph's border
    _line(rule, "", Pt(4), spaced=False)
    rule.paragraph_format.line_spacing = Pt(4)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(25)
    _line(left.add_paragraph(), report.number_line, Pt(13))
    _line(right.paragraphs[0], t("report.nation"), Pt(12), bold=True)
    motto = right.add_paragraph()
    _line(motto, t("report.motto"), Pt(13), bold=True)
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = Mm(13)
    _line(right.add_paragraph(), report.date_line, Pt(13), italic=True)

    title = doc.add_paragraph()
    title.paragraph_format.space_before = Pt(18)
    _line(title, t("report.title"), Pt(14), bold=True)
    _line(doc.add_paragraph(), report.subject, Pt(14), bold=True)
    _blocks(doc, report.opening)
    first_heading, first_blocks = report.sections[0]
    _heading(doc.add_paragraph(), f"{roman(1)}. {first_heading}")
    _blocks(doc, first_blocks)

    # The table, in a landscape section of its own.
    wide = doc.add_section(WD_SECTION.NEW_PAGE)
    wide.orientation = WD_ORIENT.LANDSCAPE
    wide.page_width, wide.page_height = Mm(297), Mm(210)
    _margins(wide, Mm)
    wide.different_first_page_header_footer = False
    _line(doc.add_paragraph(), t("report.table_title"), Pt(13), bold=True)
    unit = doc.add_paragraph()
    _line(unit, t("status.money_unit_long"), Pt(12), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    rows = table_rows(report.status)
    table = doc.add_table(rows=2 + len(rows), cols=11)
    table.style = styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(11), Mm(69), Mm(17)] + [Mm(18), Mm(19)] * 4
    _table_header(table, Pt(10.5))
    for number, values in enumerate(rows, start=2):
        bold = number == len(rows) + 1
        for column, text in enumerate(values):
            cell = table.cell(number, column)
            align = WD_ALIGN_PARAGRAPH.LEFT if column == 1 else (
                WD_ALIGN_PARAGRAPH.CENTER if column in (0, 2) else WD_ALIGN_PARAGRAPH.RIGHT)  # fmt: skip
            _line(cell.paragraphs[0], text, Pt(10.5), bold=bold, align=align, spaced=False)
    _widths(table, widths)
    trace = doc.add_paragraph()
    _line(trace, trace_line(report), Pt(9), italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    if report.projects:
        _projects_table(doc, report)

    # The narrative, the recipients and the signature, back in portrait.
    tall = doc.add_section(WD_SECTION.NEW_PAGE)
    tall.orientation = WD_ORIENT.PORTRAIT
    tall.page_width, tall.page_height = Mm(210), Mm(297)
    _margins(tall, Mm)
    tall.different_first_page_header_footer = False
    for number, (heading, blocks) in enumerate(report.sections[1:], start=1):
        _heading(doc.add_paragraph(), f"{roman(number + 1)}. {heading}")
        _blocks(doc, blocks)
    closing = doc.add_table(rows=1, cols=2)
    _widths(closing, [Mm(85), Mm(80)])
    left, right = closing.rows[0].cells
    _line(left.paragraphs[0], t("report.recipients"), Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in recipient_lines(info):
        _line(left.add_paragraph(), recipient, Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT, spaced=False)
    _line(right.paragraphs[0], info.signer_title.upper(), Pt(13), bold=True)
    for _ in range(4):
        right.add_paragraph()
    if info.signer_name:
        _line(right.add_paragraph(), info.signer_name, Pt(13), bold=True)

    _finish_xml(doc, 1 + sum(isinstance(block, notes.Table) for block in report.opening), bool(report.projects))
    properties = doc.core_properties
    properties.title = report.subject
    properties.subject = t("report.title")
    properties.author = info.agency
    properties.language = lang()
    # Each core property holds at most 255 characters: the fingerprints, then the rest, in short form.
    properties.keywords = f"ledger_tip={report.trace.ledger_tip}; plan_sha256={report.trace.plan_sha256}"[:255]
    properties.identifier = report.trace.ledger_tip[:255]
    properties.comments = f"as_of={report.status.as_of.isoformat()}; kc_version={__version__}"
    properties.version = __version__
    doc.save(str(path))


def _widths(table: Any, widths: list[Any]) -> None:
    """Fixed column widths, in the table's grid (which LibreOffice reads) and in every cell (which Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _margins(section: Any, mm: Any) -> None:
    section.top_margin, section.bottom_margin = mm(20), mm(20)
    section.left_margin, section.right_margin = mm(30), mm(15)
    section.header_distance = mm(10)


def _line(paragraph: Any, text: str, size: Any, *, bold: bool = False, italic: bool = False, align: Any = None,
          spaced: bool = True) -> None:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
    paragraph.paragraph_format.space_after = Pt(3) if spaced else Pt(0)
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = size, bold, italic


def _heading(paragraph: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(12)
    _line(paragraph, text, Pt(14), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)


def _blocks(doc: Any, blocks: list[Block]) -> None:
    """The notes' blocks (and section I's sentences) as the document's paragraphs, lists and tables."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph = _body(_runs(doc.add_paragraph(), block.runs))
            if any(run.line_break for run in block.runs):  # justified, a broken line would spread its words
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif isinstance(block, SubHeading):
            heading = doc.add_paragraph()
            heading.paragraph_format.space_before = Pt(6)
            _line(heading, block.text, Pt(14), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        elif isinstance(block, Item):
            item = doc.add_paragraph()
            broken = any(run.line_break for run in block.runs)
            item.alignment = WD_ALIGN_PARAGRAPH.LEFT if broken else WD_ALIGN_PARAGRAPH.JUSTIFY
            indent = Mm(10 + 7 * block.depth)
            item.paragraph_format.left_indent = indent + Mm(7)
            item.paragraph_format.first_line_indent = -Mm(7)
            item.paragraph_format.space_after = Pt(3)
            marker = "–" if block.marker == "-" else block.marker
            _runs(item, (Run(f"{marker}\t" if marker else "\t"), *block.runs))
            item.paragraph_format.tab_stops.add_tab_stop(indent + Mm(7))
        else:
            _notes_table(doc, block)


def _runs(paragraph: Any, runs: tuple[Run, ...]) -> Any:
    for run in runs:
        if run.line_break:
            paragraph.add_run().add_break()
        added = paragraph.add_run(run.text)
        added.bold, added.italic = run.bold or None, run.italic or None
    return paragraph


def _projects_table(doc: Any, report: Report) -> None:
    """The period's đề án after the results, in the landscape section, its header repeated on every page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    title = doc.add_paragraph()
    title.paragraph_format.space_before = Pt(12)
    _line(title, t("report.projects_title"), Pt(13), bold=True)
    _line(doc.add_paragraph(), t("status.money_unit_long"), Pt(12), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    rows = project_rows(report)
    table = doc.add_table(rows=1 + len(rows), cols=len(PROJECT_TABLE))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, key in enumerate(PROJECT_TABLE):
        _line(table.cell(0, column).paragraphs[0], t(key), Pt(10.5), bold=True, spaced=False)
    for number, values in enumerate(rows, start=1):
        for column, text in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column in (4, 5, 6) else (
                WD_ALIGN_PARAGRAPH.CENTER if column == 0 else WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
            _line(table.cell(number, column).paragraphs[0], text, Pt(10.5), align=align, spaced=False)
    _widths(table, [Mm(10), Mm(62), Mm(42), Mm(28), Mm(22), Mm(22), Mm(22), Mm(44)])


def _notes_table(doc: Any, table: notes.Table) -> None:
    """A table of the notes: a grid, its header row bold, at the text's width, 12 pt."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    width = max(len(row) for row in table.rows)
    grid = doc.add_table(rows=len(table.rows), cols=width)
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for number, row in enumerate(table.rows):
        for column, runs in enumerate(row):
            paragraph = grid.cell(number, column).paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            _runs(paragraph, tuple(Run(r.text, r.bold or number == 0, r.italic, r.line_break) for r in runs))
            for added in paragraph.runs:
                added.font.size = Pt(12)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _body(paragraph: Any) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _table_header(table: Any, size: Any) -> None:
    """Two header rows: STT, the line, ĐVT across both; each group of two columns over its parts."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for column, key in ((0, "col.number"), (1, "col.line"), (2, "col.unit_short")):
        cell = table.cell(0, column).merge(table.cell(1, column))
        _line(cell.paragraphs[0], t(key), size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, spaced=False)
    for group, key in enumerate(TABLE_GROUPS):
        first = 3 + 2 * group
        cell = table.cell(0, first).merge(table.cell(0, first + 1))
        _line(cell.paragraphs[0], t(key), size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, spaced=False)
        for offset, part in enumerate(("report.col_count", "report.col_money")):
            _line(table.cell(1, first + offset).paragraphs[0], t(part), size, bold=True,
                  align=WD_ALIGN_PARAGRAPH.CENTER, spaced=False)  # fmt: skip


def _kept_whole(row: Any) -> Any:
    """A table row that a page break never splits; its properties, for more."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = OxmlElement("w:trPr")
        row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, properties)
    properties.insert(0, OxmlElement("w:cantSplit"))
    return properties


def _finish_xml(doc: Any, results_table: int, with_projects: bool) -> None:
    """What python-docx has no call for, on the document's XML (its public `element`, with lxml): the
    results table's header rows repeated on every page, the short rules under the agency and the motto, and
    the page number in the header; the signature's row kept on one page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = doc.element.body
    tables = body.findall(qn("w:tbl"))
    header_table = tables[0]
    _kept_whole(tables[-1].find(qn("w:tr")))  # the signature
    headers = [(tables[results_table], 2)] + ([(tables[results_table + 1], 1)] if with_projects else [])
    for table, count in headers:
        for row in table.findall(qn("w:tr"))[:count]:
            properties = _kept_whole(row)
            height = properties.find(qn("w:trHeight"))  # the schema's order: cantSplit, trHeight, tblHeader
            header_mark = OxmlElement("w:tblHeader")
            if height is not None:
                height.addnext(header_mark)
            else:
                properties.insert(1, header_mark)
    # The header's two columns hold the longest lines of the page: no padding inside them.
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        width = OxmlElement(side)
        width.set(qn("w:w"), "0")
        width.set(qn("w:type"), "dxa")
        margins.append(width)
    table_properties = header_table.find(qn("w:tblPr"))
    look = table_properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        table_properties.append(margins)
    cells = header_table.findall(f"{qn('w:tr')}/{qn('w:tc')}")
    _rule_under(cells[0].findall(qn("w:p"))[2])  # under the agency
    _rule_under(cells[1].findall(qn("w:p"))[1])  # under the motto
    header = doc.sections[0].header.part.element
    paragraph = header.find(qn("w:p"))
    field_run = OxmlElement("w:fldSimple")
    field_run.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field_run.append(run)
    paragraph.append(field_run)


# What follows a paragraph's border in the schema's order of paragraph properties.
_AFTER_BORDER = ("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
                 "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
                 "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                 "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")  # fmt: skip


def _rule_under(paragraph: Any) -> None:
    """A short, solid rule under a line of the header: its paragraph's bottom border (the paragraph is
    narrowed by its indents, set when it was written)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        properties = OxmlElement("w:pPr")
        paragraph.insert(0, properties)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    successors = {qn(f"w:{name}") for name in _AFTER_BORDER}
    later = next((child for child in properties if child.tag in successors), None)
    if later is not None:
        later.addprevious(borders)
    else:
        properties.append(borders)
