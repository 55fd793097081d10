"""The report's notes: the Markdown an officer writes beside the figures, read into the blocks a báo cáo is
made of (CommonMark, by markdown-it-py, with tables).

- `## heading` starts a section of the report (II., III. …), wherever it stands: after a blank line or not;
- `#`, `###` and deeper are sub-headings inside a section;
- lines run together into paragraphs; two spaces at a line's end, or Word's manual line break pasted in
  (the control character \\v), break the line there;
- `- `, `* `, `+ ` and `1. ` items are list paragraphs, nested by indentation;
- a pipe table (a header row, a `---|---` row, then rows) is a table;
- **bold**, *italic* and `code` keep their emphasis inside text; anything else (quotes, code blocks, HTML)
  is kept as plain text.

What the notes open with, before their first `##`, goes before section I.
"""

import re
from dataclasses import dataclass
from typing import Any

from kc_tracker.errors import InputError
from kc_tracker.i18n import t


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a break before the next run, within the paragraph


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class SubHeading:
    text: str


@dataclass(frozen=True)
class Item:
    """A list item's paragraph: `marker` ("-" or "1.") on its first, nothing on the ones after."""

    runs: Runs
    marker: str
    depth: int  # 0 for a list at the left margin


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Runs, ...], ...]  # the first row is the header


Block = Paragraph | SubHeading | Item | Table
Section = tuple[str, list[Block]]

LINE_BREAK = "\u2028"  # Word's manual line break, as the notes are read
_HEADING_WITHOUT_SPACE = re.compile(r"^(#{1,6})(?=[^#\s])", re.MULTILINE)
_NUMBERED = re.compile(r"^(?:[IVXLC]+|[0-9]+)[.)]\s+")  # kc numbers the sections itself: "II. Khó khăn" is "Khó khăn"

# C0 and C1 controls but tab, line feed and carriage return (which Markdown reads), and the two
# non-characters a broken conversion leaves; \v (Word's manual line break) is a line break.
_REFUSED = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def plain(runs: Runs) -> str:
    return "".join(run.text if not run.line_break else " " + run.text for run in runs).strip()


def refused_character(text: str) -> tuple[int, str] | None:
    """(line number, U+XXXX) of the first character a document cannot hold, \\v aside; None when there is none."""
    found = _REFUSED.search(text.replace("\v", "\n"))
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, f"U+{ord(found.group()):04X}"


def read(text: str, name: str) -> tuple[list[Block], list[Section]]:
    """The blocks before the first `##`, and each `##` section's blocks. `name` names the file in a refusal."""
    bad = refused_character(text)
    if bad is not None:
        raise InputError(t("report.notes_control", path=name, lineno=bad[0], code=bad[1]))
    from markdown_it import MarkdownIt

    # A `---` under a paragraph is a rule, not a heading (setext headings are off); `##Khó khăn` is a heading
    # all the same; Word's line break (\v) breaks the line where it stands, inside a table's cell too.
    prepared = _HEADING_WITHOUT_SPACE.sub(r"\1 ", text.replace("\r\n", "\n")).replace("\v", LINE_BREAK)
    tokens = MarkdownIt("commonmark").enable("table").disable("lheading").parse(prepared)
    opening: list[Block] = []
    sections: list[Section] = []
    current = opening
    lists: list[str] = []  # the markers of the lists the reading is inside, outermost first
    marker: str | None = None  # the open item's marker, until its first paragraph takes it
    rows: list[tuple[Runs, ...]] = []
    row: list[Runs] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            title = _NUMBERED.sub("", plain(_runs(tokens[index + 1]))).rstrip(":").strip()
            if token.tag == "h2" and title:
                sections.append((title, []))
                current = sections[-1][1]
            elif title:
                current.append(SubHeading(title))
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("-" if kind == "bullet_list_open" else ".")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            marker = f"{token.info}." if lists[-1] == "." else "-"
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            runs = _runs(token)
            if lists:
                current.append(Item(runs, marker or "", len(lists) - 1))
                marker = None
            elif runs:
                current.append(Paragraph(runs))
        elif kind in ("fence", "code_block", "html_block"):
            current += [Paragraph((Run(line),)) for line in token.content.splitlines() if line.strip()]
        elif kind == "table_open":
            rows = []
        elif kind == "tr_close":
            rows.append(tuple(row))
            row = []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(_runs(token))
        elif kind == "table_close":
            current.append(Table(tuple(rows)))
            rows = []
        index += 1
    return opening, sections


def _runs(token: Any) -> Runs:
    """An inline token's text as runs of the same emphasis."""
    runs: list[Run] = []
    bold = italic = broken = False
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open" or kind == "strong_close":
            bold = kind == "strong_open"
        elif kind == "em_open" or kind == "em_close":
            italic = kind == "em_open"
        elif kind == "hardbreak":
            broken = True
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic))
        elif kind in ("text", "code_inline", "html_inline"):
            for number, piece in enumerate(child.content.split(LINE_BREAK)):
                if piece or number:
                    runs.append(Run(piece, bold, italic, broken or number > 0))
            broken = False
        elif kind == "image":
            runs.append(Run(child.content, bold, italic, broken))
    return tuple(runs)


# --- back to Markdown ---------------------------------------------------------------------------


def markdown_runs(runs: Runs) -> str:
    out = []
    for run in runs:
        text = run.text
        if run.bold and text.strip():
            text = f"**{text}**"
        if run.italic and text.strip():
            text = f"*{text}*"
        out.append(("  \n" if run.line_break else "") + text)
    return "".join(out)


def markdown(blocks: list[Block]) -> list[str]:
    """Blocks as Markdown lines (the report's Markdown output): a blank line after each, but between the
    items of one list."""
    lines: list[str] = []
    for number, block in enumerate(blocks):
        lines += _markdown(block)
        follows = blocks[number + 1] if number + 1 < len(blocks) else None
        if not (isinstance(block, Item) and isinstance(follows, Item)):
            lines.append("")
    return lines


def _markdown(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [markdown_runs(block.runs)]
    if isinstance(block, SubHeading):
        return [f"### {block.text}"]
    if isinstance(block, Item):
        indent = "   " * block.depth
        return [f"{indent}{block.marker or '  '} {markdown_runs(block.runs)}"]
    from kc_tracker.wording import md_table

    width = max(len(row) for row in block.rows)
    cells = [[markdown_runs(cell) for cell in row] + [""] * (width - len(row)) for row in block.rows]
    return md_table(cells[0], cells[1:], right=set())
